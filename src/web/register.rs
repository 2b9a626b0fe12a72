//! Web registration: the form that creates an account on this server from
//! an invite that allows one, and the page after it.

use super::errors::unexpected;
use super::landing::{PlatformQuery, platform_for};
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

const FLOW: &str = "register";

pub(super) fn router() -> Router<Shared> {
    Router::new().route(
        "/invite/{token}/register",
        get(register_form).post(register_post),
    )
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    page: Page,
    token: String,
    csrf: String,
    summary: Option<String>,
    fixed: bool,
    fixed_jid: Option<String>,
    username: String,
    username_hint: String,
    password_hint: String,
    username_error: Option<String>,
    password_error: Option<String>,
    confirm_error: Option<String>,
}

#[derive(Template)]
#[template(path = "registered.html")]
struct RegisteredPage {
    page: Page,
    jid: String,
    contact_text: Option<String>,
    /// The app lists, rendered (`apps.html`).
    apps: std::sync::Arc<str>,
}

page_chrome!(RegisterPage, RegisteredPage);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RegisterForm {
    csrf: String,
    username: String,
    password: String,
    confirm: String,
}

impl PostedForm for RegisterForm {
    type Key = str;
    type Subject = InviteView;

    async fn subject(s: &WebState, token: &str) -> Result<InviteView, RedeemError> {
        s.redeem
            .view_for(token, InviteKind::allows_registration)
            .await
    }

    fn csrf_scope(&self, view: &InviteView) -> String {
        invite_scope(FLOW, view)
    }

    fn csrf(&self) -> &str {
        &self.csrf
    }

    fn stale(self, s: &WebState, tr: &Tr, view: InviteView) -> Response {
        s.register_page(
            StatusCode::FORBIDDEN,
            tr.clone(),
            &view,
            &self.username,
            &FieldErrors::default(),
            Some(tr.t("error-form-expired")),
        )
    }
}

impl WebState {
    /// The registration form, keeping what was typed (never the password).
    fn register_page(
        &self,
        status: StatusCode,
        tr: Tr,
        view: &InviteView,
        username: &str,
        errors: &FieldErrors,
        summary: Option<String>,
    ) -> Response {
        let domain = self.redeem.domain();
        let fixed = view.invite.reserved_username.clone();
        let msg = |e: &Option<FieldError>| e.as_ref().map(|e| field_message(&tr, e));
        let page = RegisterPage {
            token: view.token.expose().to_owned(),
            csrf: self.csrf_token(&invite_scope(FLOW, view)),
            summary: summary.or_else(|| (!errors.is_empty()).then(|| tr.t("error-summary"))),
            fixed: fixed.is_some(),
            fixed_jid: fixed
                .as_ref()
                .map(|u| tr.args("register-fixed", &[("jid", &format!("{u}@{domain}"))])),
            username: fixed.unwrap_or_else(|| username.to_owned()),
            username_hint: tr.args("register-username-hint", &[("domain", domain)]),
            password_hint: tr.args_n(
                "register-password-hint",
                &[("min", self.redeem.password_policy().min_chars.into())],
            ),
            username_error: msg(&errors.username),
            password_error: msg(&errors.password),
            confirm_error: msg(&errors.confirm),
            page: self.page(tr.clone(), tr.args("register-title", &[("domain", domain)])),
        };
        render(status, &page)
    }
}

async fn register_form(
    State(s): State<Shared>,
    Path(token): Path<String>,
    Lang(tr): Lang,
) -> Response {
    match RegisterForm::subject(&s, &token).await {
        Ok(v) => s.register_page(StatusCode::OK, tr, &v, "", &FieldErrors::default(), None),
        Err(e) => s.refuse(&tr, e),
    }
}

async fn register_post(
    State(s): State<Shared>,
    Path(token): Path<String>,
    Lang(tr): Lang,
    headers: HeaderMap,
    form: Result<Form<RegisterForm>, FormRejection>,
) -> Response {
    let (form, view) = match s.gate(&tr, &headers, form, token.as_str()).await {
        Ok(posted) => posted,
        Err(page) => return page,
    };
    let redemption = Redemption {
        invite: InviteRef::Token(&token),
        how: How::NewAccount {
            username: &form.username,
            password: &form.password,
            confirm: &form.confirm,
        },
    };
    match s.redeem.redeem(redemption).await {
        Ok(Redeemed::Registered(done)) => {
            let jid = done.jid.to_string();
            let inv = &view.invite;
            let contact_text =
                (inv.kind == InviteKind::AccountAndContact || inv.roster_subscription).then(|| {
                    tr.args(
                        "register-done-contact",
                        &[("inviter", inv.creator.as_str())],
                    )
                });
            let apps = s
                .look()
                .apps(&tr, platform_for(&headers, &PlatformQuery::default()), None);
            let title = tr.args("register-done-title", &[("jid", &jid)]);
            render(
                StatusCode::OK,
                &RegisteredPage {
                    page: s.page(tr, title),
                    jid,
                    contact_text,
                    apps,
                },
            )
        }
        Err(RedeemError::Invalid(errors)) => s.register_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr,
            &view,
            &form.username,
            &errors,
            None,
        ),
        // The very account typed here was made with this invite already
        // (its first answer was lost): tell the invitee it is there.
        Err(RedeemError::AlreadyRegistered(jid)) => {
            let title = tr.args("register-exists-title", &[("jid", jid.as_str())]);
            let text = tr.t("register-exists-text");
            s.text_page(StatusCode::OK, tr, title, text)
        }
        Ok(other) => s.refuse(&tr, unexpected(other)),
        Err(e) => s.refuse(&tr, e),
    }
}
