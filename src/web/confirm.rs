//! The confirmation a local invitee reaches from the link sent to their
//! account: the page shows one button, so that link previews and scanners
//! never accept anything; the post accepts the invite.

use super::errors::WebError;
use super::errors::unexpected;
use super::lang::Lang;
use super::pages::{Page, page_chrome, render};
use super::post::PostedForm;
use super::{Shared, WebState};
use crate::domain::InviteId;
use crate::domain::redeem::{DeadInvite, How, InviteRef, RedeemError, Redeemed, Redemption};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

pub(super) fn router() -> Router<Shared> {
    Router::new().route("/confirm", get(confirm_form).post(confirm_post))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ConfirmQuery {
    invite: i64,
    address: String,
    code: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ConfirmForm {
    csrf: String,
    invite: i64,
    address: String,
    code: String,
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    page: Page,
    text: String,
    csrf: String,
    invite: i64,
    address: String,
    code: String,
}

page_chrome!(ConfirmPage);

/// The CSRF scope of a confirmation: the invite and the address, which the
/// form carries itself.
fn confirm_scope(invite: i64, address: &str) -> String {
    format!("confirm:{invite}:{address}")
}

impl PostedForm for ConfirmForm {
    type Key = ();
    /// The code is checked by the domain when confirming, not before.
    type Subject = ();

    async fn subject(_: &WebState, _: &()) -> Result<(), RedeemError> {
        Ok(())
    }

    fn csrf_scope(&self, _: &()) -> String {
        confirm_scope(self.invite, &self.address)
    }

    fn csrf(&self) -> &str {
        &self.csrf
    }

    fn stale(self, s: &WebState, tr: &Tr, _: ()) -> Response {
        s.refuse(tr, WebError::StaleForm)
    }
}

async fn confirm_form(
    State(s): State<Shared>,
    q: Result<Query<ConfirmQuery>, QueryRejection>,
    Lang(tr): Lang,
) -> Response {
    // A mangled link is a dead link.
    let Ok(Query(q)) = q else {
        return s.refuse(&tr, DeadInvite::NotFound);
    };
    let invite = match s
        .redeem
        .check_confirmation(InviteId(q.invite), &q.address, &q.code)
        .await
    {
        Ok(i) => i,
        Err(e) => return s.refuse(&tr, e),
    };
    let inviter = invite.creator.as_str();
    render(
        StatusCode::OK,
        &ConfirmPage {
            text: tr.args(
                "confirm-text",
                &[("inviter", inviter), ("address", &q.address)],
            ),
            csrf: s.csrf_token(&confirm_scope(q.invite, &q.address)),
            invite: q.invite,
            address: q.address,
            code: q.code,
            page: s.page(
                tr.clone(),
                tr.args("confirm-title", &[("inviter", inviter)]),
            ),
        },
    )
}

async fn confirm_post(
    State(s): State<Shared>,
    Lang(tr): Lang,
    headers: HeaderMap,
    form: Result<Form<ConfirmForm>, FormRejection>,
) -> Response {
    let (form, ()) = match s.gate(&tr, &headers, form, &()).await {
        Ok(posted) => posted,
        Err(page) => return page,
    };
    let redemption = Redemption {
        invite: InviteRef::Confirmation {
            invite: InviteId(form.invite),
            code: &form.code,
        },
        how: How::ConfirmLocal {
            address: &form.address,
        },
    };
    match s.redeem.redeem(redemption).await {
        Ok(Redeemed::Accepted(done)) => {
            let title = tr.args("confirm-done-title", &[("inviter", done.inviter.as_str())]);
            let text = tr.args("confirm-done-text", &[("inviter", done.inviter.as_str())]);
            s.text_page(StatusCode::OK, tr, title, text)
        }
        Ok(other) => s.refuse(&tr, unexpected(other)),
        Err(e) => s.refuse(&tr, e),
    }
}
