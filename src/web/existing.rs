//! "I already have an address": a contact invite accepted by an account
//! that exists, here or elsewhere. A local address must confirm from its
//! own account first (see [`super::confirm`]).

use super::errors::unexpected;
use super::lang::Lang;
use super::pages::{Page, field_message, page_chrome, render};
use super::post::{PostedForm, invite_scope};
use super::{Shared, WebState};
use crate::domain::redeem::{
    How, InviteRef, InviteView, RedeemError, Redeemed, Redemption, is_contact_kind,
};
use crate::domain::registration::FieldError;
use crate::i18n::Tr;
use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

const FLOW: &str = "existing";

pub(super) fn router() -> Router<Shared> {
    Router::new().route(
        "/invite/{token}/existing",
        get(existing_form).post(existing_post),
    )
}

#[derive(Template)]
#[template(path = "existing.html")]
struct ExistingPage {
    page: Page,
    text: String,
    token: String,
    csrf: String,
    summary: Option<String>,
    address: String,
    address_error: Option<String>,
}

#[derive(Template)]
#[template(path = "accepted.html")]
pub(super) struct AcceptedPage {
    page: Page,
    text: String,
    uri: String,
    button: String,
    manual: String,
}

page_chrome!(ExistingPage, AcceptedPage);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ExistingForm {
    csrf: String,
    address: String,
}

impl PostedForm for ExistingForm {
    type Key = str;
    type Subject = InviteView;

    async fn subject(s: &WebState, token: &str) -> Result<InviteView, RedeemError> {
        s.redeem.view_for(token, is_contact_kind).await
    }

    fn csrf_scope(&self, view: &InviteView) -> String {
        invite_scope(FLOW, view)
    }

    fn csrf(&self) -> &str {
        &self.csrf
    }

    fn stale(self, s: &WebState, tr: &Tr, view: InviteView) -> Response {
        let summary = Some(tr.t("error-form-expired"));
        s.existing_page(
            StatusCode::FORBIDDEN,
            tr.clone(),
            &view,
            &self.address,
            None,
            summary,
        )
    }
}

impl WebState {
    fn existing_page(
        &self,
        status: StatusCode,
        tr: Tr,
        view: &InviteView,
        address: &str,
        error: Option<&FieldError>,
        summary: Option<String>,
    ) -> Response {
        let inviter = view.inviter().as_str();
        let page = ExistingPage {
            text: tr.args("existing-text", &[("inviter", inviter)]),
            token: view.token.expose().to_owned(),
            csrf: self.csrf_token(&invite_scope(FLOW, view)),
            summary,
            address: address.to_owned(),
            address_error: error.map(|e| field_message(&tr, e)),
            page: self.page(
                tr.clone(),
                tr.args("existing-title", &[("inviter", inviter)]),
            ),
        };
        render(status, &page)
    }

    /// After an acceptance: the button that makes the invitee's app add the
    /// inviter (and send the subscription request the server now approves).
    pub(super) fn accepted_page(&self, tr: Tr, inviter: &str) -> Response {
        render(
            StatusCode::OK,
            &AcceptedPage {
                text: tr.args("accepted-text", &[("inviter", inviter)]),
                uri: format!("xmpp:{inviter}?roster"),
                button: tr.args("accepted-button", &[("inviter", inviter)]),
                manual: tr.args("accepted-manual", &[("inviter", inviter)]),
                page: self.page(tr.clone(), tr.t("accepted-title")),
            },
        )
    }
}

async fn existing_form(
    State(s): State<Shared>,
    Path(token): Path<String>,
    Lang(tr): Lang,
) -> Response {
    match ExistingForm::subject(&s, &token).await {
        Ok(v) => s.existing_page(StatusCode::OK, tr, &v, "", None, None),
        Err(e) => s.refuse(&tr, e),
    }
}

async fn existing_post(
    State(s): State<Shared>,
    Path(token): Path<String>,
    Lang(tr): Lang,
    headers: HeaderMap,
    form: Result<Form<ExistingForm>, FormRejection>,
) -> Response {
    let (form, view) = match s.gate(&tr, &headers, form, token.as_str()).await {
        Ok(posted) => posted,
        Err(page) => return page,
    };
    let redemption = Redemption {
        invite: InviteRef::Token(&token),
        how: How::ExistingAddress {
            address: &form.address,
        },
    };
    match s.redeem.redeem(redemption).await {
        Ok(Redeemed::Accepted(done)) => match &view.invite.group {
            Some(group) => super::group::joined_page(&s, tr, &view, group, &done.address).await,
            None => s.accepted_page(tr, done.inviter.as_str()),
        },
        Ok(Redeemed::ConfirmationSent { address, .. }) => {
            let title = tr.t("confirm-sent-title");
            let text = tr.args(
                "confirm-sent-text",
                &[
                    ("address", address.as_str()),
                    ("inviter", view.inviter().as_str()),
                ],
            );
            s.text_page(StatusCode::ACCEPTED, tr, title, text)
        }
        Err(RedeemError::Invalid(errors)) => {
            let summary = Some(tr.t("error-summary"));
            s.existing_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr,
                &view,
                &form.address,
                errors.address.as_ref(),
                summary,
            )
        }
        Ok(other) => s.refuse(&tr, unexpected(other)),
        Err(e) => s.refuse(&tr, e),
    }
}
