//! The open pages (the index and the style sheet) and the invite's landing
//! page: which app to install, the button that opens it, a QR code of the
//! page for another device, and the ways to redeem it on the web.

use super::Shared;
use super::catalogue::{Needs, Platform};
use super::lang::Lang;
use super::pages::{Page, page_chrome, render};
use crate::domain::InviteKind;
use askama::Template;
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

const STYLE_CSS: &str = include_str!("../../landing-pages/static/style.css");

/// The pages that name no invite.
pub(super) fn open_router() -> Router<Shared> {
    Router::new()
        .route("/", get(index))
        .route("/static/style.css", get(style))
}

/// The landing page of an invite.
pub(super) fn router() -> Router<Shared> {
    Router::new().route("/invite/{token}", get(landing))
}

/// `?platform=` picks the apps shown first. Read leniently: an unknown
/// value is ignored rather than failing the page.
#[derive(Debug, Default, Deserialize)]
pub(super) struct PlatformQuery {
    platform: Option<String>,
}

/// The platform whose apps are shown first: asked for, else guessed from
/// the user agent.
pub(super) fn platform_for(headers: &HeaderMap, query: &PlatformQuery) -> Option<Platform> {
    query
        .platform
        .as_deref()
        .and_then(Platform::parse)
        .or_else(|| {
            headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .and_then(Platform::from_user_agent)
        })
}

async fn index(State(s): State<Shared>, Lang(tr): Lang) -> Response {
    super::accept::index_page(&s, tr, StatusCode::OK, "", None)
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        STYLE_CSS,
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    page: Page,
    lead: String,
    /// For a group invite: that joining makes everyone in it contacts.
    group_note: Option<String>,
    expires_text: String,
    /// The app lists, rendered (`apps.html`).
    apps: std::sync::Arc<str>,
    uri: String,
    /// Whether the `xmpp:` button is offered: with the server module for
    /// every invite; without it only for contact invites (the app then
    /// sends a plain contact request), since an account link would lead
    /// to a registration the server refuses.
    show_open: bool,
    open_note: String,
    token: String,
    can_register: bool,
    register_text: String,
    is_contact: bool,
    existing_text: String,
    qr_svg: String,
}

page_chrome!(InvitePage);

/// The page's own URL as a QR code, rendered to inline SVG on the server
/// (once per invite: see `qr`).
fn qr_svg(data: &str, label: &str) -> String {
    super::qr::svg(data, label)
}

async fn landing(
    State(s): State<Shared>,
    Path(token): Path<String>,
    q: Result<Query<PlatformQuery>, QueryRejection>,
    Lang(tr): Lang,
    headers: HeaderMap,
) -> Response {
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let view = match s.redeem.view(&token).await {
        Ok(v) => v,
        Err(e) => return s.refuse(&tr, e),
    };
    let inv = &view.invite;
    let domain = s.redeem.domain();
    let inviter = inv.creator.as_str();
    let inviter_node = inviter.split_once('@').map(|(n, _)| n);
    let (title, lead) = match inv.kind {
        InviteKind::Account if inv.roster_subscription => (
            tr.args(
                "invite-title-account-by",
                &[("inviter", inviter), ("domain", domain)],
            ),
            tr.args_fixed("invite-lead-account", &[("domain", domain)]),
        ),
        InviteKind::Account => (
            tr.args_fixed("invite-title-account", &[("domain", domain)]),
            tr.args_fixed("invite-lead-account", &[("domain", domain)]),
        ),
        InviteKind::Contact | InviteKind::AccountAndContact => (
            tr.args("invite-title-contact", &[("inviter", inviter)]),
            tr.args("invite-lead-contact", &[("inviter", inviter)]),
        ),
        // No app redeems a reset: its landing page is the form.
        InviteKind::Reset => {
            return s.reset_page(
                StatusCode::OK,
                tr,
                &view,
                &crate::domain::registration::FieldErrors::default(),
                None,
            );
        }
    };
    let in_app = s.server.module();
    let needs = match inv.kind {
        InviteKind::Account => Needs::Register,
        InviteKind::Contact => Needs::Subscribe,
        InviteKind::AccountAndContact => Needs::Either,
        // Answered with the form above.
        InviteKind::Reset => {
            return s.refuse(
                &tr,
                crate::domain::redeem::RedeemError::Internal(
                    "a reset invite past its own page".into(),
                ),
            );
        }
    };
    let apps = s
        .look()
        .apps(&tr, platform_for(&headers, &q), in_app.then_some(needs));
    let is_contact = matches!(
        inv.kind,
        InviteKind::Contact | InviteKind::AccountAndContact
    );
    let open_note = if in_app {
        tr.t("invite-open-note")
    } else {
        tr.args("invite-open-note-manual", &[("inviter", inviter)])
    };
    let page_url = s.links.landing_url(&view.token);
    let page = InvitePage {
        lead,
        group_note: inv
            .group
            .as_deref()
            .map(|g| tr.args("group-landing-note", &[("group", g)])),
        expires_text: tr.args("invite-expires", &[("date", &tr.datetime(inv.expires.0))]),
        apps,
        uri: s.links.xmpp_uri(
            inv.kind,
            inviter_node,
            inv.reserved_username.as_deref(),
            &view.token,
        ),
        show_open: in_app || is_contact,
        open_note,
        token: view.token.expose().to_owned(),
        can_register: inv.kind.allows_registration(),
        register_text: tr.args_fixed("invite-register-text", &[("domain", domain)]),
        is_contact,
        existing_text: tr.args("invite-existing-text", &[("inviter", inviter)]),
        qr_svg: qr_svg(&page_url, &tr.t("invite-qr-label")),
        page: s.page(tr, title),
    };
    render(StatusCode::OK, &page)
}
