//! Password reset: the page of a reset invite asks for a new password
//! (twice, the registration form's rules) for the account the invite
//! names, and the page after it. The landing URL of a reset invite shows
//! this form directly: no app redeems it.

use super::errors::unexpected;
use super::lang::Lang;
use super::pages::{Page, field_message, page_chrome, render};
use super::post::{PostedForm, invite_scope};
use super::{Shared, WebState};
use crate::domain::InviteKind;
use crate::domain::redeem::{How, InviteRef, InviteView, RedeemError, Redeemed, Redemption};
use crate::domain::registration::{FieldError, FieldErrors};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

const FLOW: &str = "reset";

pub(super) fn router() -> Router<Shared> {
    Router::new().route("/invite/{token}/reset", get(reset_form).post(reset_post))
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    page: Page,
    token: String,
    csrf: String,
    summary: Option<String>,
    /// The account, shown and offered to password managers.
    jid: String,
    lead: String,
    expires_text: String,
    password_hint: String,
    password_error: Option<String>,
    confirm_error: Option<String>,
}

page_chrome!(ResetPage);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ResetForm {
    csrf: String,
    password: String,
    confirm: String,
}

/// Whether `kind` is redeemed on this page.
fn is_reset(kind: InviteKind) -> bool {
    kind == InviteKind::Reset
}

impl PostedForm for ResetForm {
    type Key = str;
    type Subject = InviteView;

    async fn subject(s: &WebState, token: &str) -> Result<InviteView, RedeemError> {
        s.redeem.view_for(token, is_reset).await
    }

    fn csrf_scope(&self, view: &InviteView) -> String {
        invite_scope(FLOW, view)
    }

    fn csrf(&self) -> &str {
        &self.csrf
    }

    fn stale(self, s: &WebState, tr: &Tr, view: InviteView) -> Response {
        s.reset_page(
            StatusCode::FORBIDDEN,
            tr.clone(),
            &view,
            &FieldErrors::default(),
            Some(tr.t("error-form-expired")),
        )
    }
}

impl WebState {
    /// The reset form (passwords are never shown again).
    pub(super) fn reset_page(
        &self,
        status: StatusCode,
        tr: Tr,
        view: &InviteView,
        errors: &FieldErrors,
        summary: Option<String>,
    ) -> Response {
        let domain = self.redeem.domain();
        let jid = format!(
            "{}@{domain}",
            view.invite.reserved_username.as_deref().unwrap_or_default()
        );
        let msg = |e: &Option<FieldError>| e.as_ref().map(|e| field_message(&tr, e));
        let page = ResetPage {
            token: view.token.expose().to_owned(),
            csrf: self.csrf_token(&invite_scope(FLOW, view)),
            summary: summary.or_else(|| (!errors.is_empty()).then(|| tr.t("error-summary"))),
            lead: tr.args("reset-lead", &[("jid", &jid)]),
            expires_text: tr.args(
                "reset-expires",
                &[("date", &tr.datetime(view.invite.expires.0))],
            ),
            password_hint: tr.args_n(
                "register-password-hint",
                &[("min", self.redeem.password_policy().min_chars.into())],
            ),
            password_error: msg(&errors.password),
            confirm_error: msg(&errors.confirm),
            page: self.page(tr.clone(), tr.args("reset-title", &[("jid", &jid)])),
            jid,
        };
        render(status, &page)
    }
}

async fn reset_form(
    State(s): State<Shared>,
    Path(token): Path<String>,
    Lang(tr): Lang,
) -> Response {
    match ResetForm::subject(&s, &token).await {
        Ok(v) => s.reset_page(StatusCode::OK, tr, &v, &FieldErrors::default(), None),
        Err(e) => s.refuse(&tr, e),
    }
}

async fn reset_post(
    State(s): State<Shared>,
    Path(token): Path<String>,
    Lang(tr): Lang,
    headers: HeaderMap,
    form: Result<Form<ResetForm>, FormRejection>,
) -> Response {
    let (form, view) = match s.gate(&tr, &headers, form, token.as_str()).await {
        Ok(posted) => posted,
        Err(page) => return page,
    };
    let redemption = Redemption {
        invite: InviteRef::Token(&token),
        how: How::ResetPassword {
            password: &form.password,
            confirm: &form.confirm,
        },
    };
    match s.redeem.redeem(redemption).await {
        Ok(Redeemed::PasswordReset(done)) => {
            let jid = done.jid.to_string();
            let title = tr.t("reset-done-title");
            let text = tr.args("reset-done-text", &[("jid", &jid)]);
            s.text_page(StatusCode::OK, tr, title, text)
        }
        Err(RedeemError::Invalid(errors)) => {
            s.reset_page(StatusCode::UNPROCESSABLE_ENTITY, tr, &view, &errors, None)
        }
        Ok(other) => s.refuse(&tr, unexpected(other)),
        Err(e) => s.refuse_reset(&tr, e),
    }
}
