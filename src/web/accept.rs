//! Accept by code: the front page's form, for someone who received an
//! invite by another channel (a chat, a letter, a screenshot) and pastes
//! the link, the bare token or the `xmpp:` URI. A live invite leads to its
//! landing page; anything else gets the landing page's own answers.
//!
//! A plain `GET` form: no JavaScript, nothing stored, so no CSRF token is
//! needed (it changes nothing). The route sits behind the same guard as
//! the landing page, so guessing codes here costs what it costs there.

use super::Shared;
use super::lang::Lang;
use super::pages::{Page, page_chrome, render};
use crate::domain::links::token_in;
use crate::i18n::Tr;
use askama::Template;
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

/// Longest paste looked at: a landing link with a long prefix fits many
/// times over; anything longer is not an invite.
const MAX_CODE: usize = 2048;

/// The index page: what the service is, and the accept form.
#[derive(Template)]
#[template(path = "index.html")]
pub(super) struct IndexPage {
    page: Page,
    text: String,
    code: String,
    error: Option<String>,
}

page_chrome!(IndexPage);

/// The form's target, under the token guard.
pub(super) fn router() -> Router<Shared> {
    Router::new().route("/accept", get(accept))
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct AcceptQuery {
    code: Option<String>,
}

/// The front page, with the form empty or (after a paste that names no
/// invite) showing what was typed and why it was not accepted.
pub(super) fn index_page(
    s: &Shared,
    tr: Tr,
    status: StatusCode,
    code: &str,
    error: Option<&str>,
) -> Response {
    let domain = s.redeem.domain();
    let page = IndexPage {
        text: tr.args("index-text", &[("domain", domain)]),
        code: code.to_owned(),
        error: error.map(|k| tr.t(k)),
        page: s.page(tr.clone(), tr.args("index-title", &[("domain", domain)])),
    };
    render(status, &page)
}

async fn accept(
    State(s): State<Shared>,
    q: Result<Query<AcceptQuery>, QueryRejection>,
    Lang(tr): Lang,
) -> Response {
    let code = q.ok().and_then(|Query(q)| q.code).unwrap_or_default();
    if code.len() > MAX_CODE {
        return index_page(&s, tr, StatusCode::BAD_REQUEST, "", Some("accept-garbage"));
    }
    let Some(token) = token_in(&code) else {
        // Shown again so the visitor can see what went wrong; a paste
        // that is no token carries nothing secret. 400 counts as a
        // failure for the guard, as an unknown token does.
        let status = if code.trim().is_empty() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::NOT_FOUND
        };
        let key = if code.trim().is_empty() {
            "accept-empty"
        } else {
            "accept-garbage"
        };
        return index_page(&s, tr, status, &code, Some(key));
    };
    // Checked here rather than left to the landing page, so a dead invite
    // is answered (and counted) once, with the landing page's own page.
    if let Err(e) = s.redeem.view(token.expose()).await {
        return s.refuse(&tr, e);
    }
    let location = format!("{}/invite/{}", s.prefix, token.expose());
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}
