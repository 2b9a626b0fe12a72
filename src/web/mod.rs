//! The HTTP adapter: landing pages, web registration and the "I already
//! have an address" path, over the domain's [`RedeemService`].
//!
//! Every page works without JavaScript and loads nothing from elsewhere.
//! Every response carries strict security headers; pages that carry a token
//! are never cached; failures on token routes are rate-limited per client
//! network and overall, posts per invite, all requests per network under a
//! generous ceiling; forms carry CSRF tokens and cross-site posts are
//! refused; request bodies are bounded in size and in time ([`security`]);
//! connections are bounded in number and time ([`serve`]).

pub mod catalogue;
pub mod csrf;
pub mod i18n;
pub mod security;
pub mod serve;

pub use security::{ClientAddress, Rate, RateLimit};

use crate::domain::links::Links;
use crate::domain::redeem::{
    Acceptance, DeadInvite, InviteView, RedeemError, RedeemService, is_contact_kind,
};
use crate::domain::registration::{FieldError, FieldErrors};
use crate::domain::{AccountError, Clock, InviteId, InviteKind};
use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use catalogue::{AppView, Catalogue, Platform};
use csrf::CsrfKey;
use i18n::Tr;
use security::{Ctx, Guard};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;

/// Largest request body accepted (the forms are a few hundred bytes).
const BODY_LIMIT: usize = 8 * 1024;

const STYLE_CSS: &str = include_str!("../../landing-pages/static/style.css");

/// What the handlers share.
pub struct WebState {
    pub redeem: Arc<RedeemService>,
    pub links: Links,
    pub catalogue: Catalogue,
    pub csrf: CsrfKey,
    pub clock: Arc<dyn Clock>,
    /// Path of `public_url` ("" or "/something"), prefixed to every link.
    pub prefix: String,
    /// `scheme://host[:port]` of `public_url`, for the Origin check.
    pub origin: String,
    /// How long a client may take to send a request body.
    pub body_timeout: Duration,
}

type Shared = Arc<WebState>;

/// The router, with its security layers (see [`security`]).
pub fn router(state: Shared, limit: RateLimit) -> Router {
    let ctx = Ctx {
        web: state.clone(),
        guard: Guard::spawn(limit),
    };
    let invite_routes = Router::new()
        .route("/invite/{token}", get(landing))
        .route(
            "/invite/{token}/register",
            get(register_form).post(register_post),
        )
        .route(
            "/invite/{token}/existing",
            get(existing_form).post(existing_post),
        )
        .route("/confirm", get(confirm_form).post(confirm_post))
        // Inside the guard, so that bodies too large or too slow count as
        // failures.
        .route_layer(middleware::from_fn_with_state(
            ctx.clone(),
            security::read_body,
        ))
        .route_layer(middleware::from_fn_with_state(
            ctx.clone(),
            security::token_guard,
        ));
    let app = Router::new()
        .route("/", get(index))
        .route("/static/style.css", get(style))
        .merge(invite_routes)
        .fallback(not_found)
        .with_state(state.clone())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(ctx, security::ceiling))
        .layer(middleware::from_fn(security::security_headers));
    if state.prefix.is_empty() {
        app
    } else {
        // Outside the prefix there is nothing; that answer gets the same
        // headers as every other.
        Router::new()
            .nest(&state.prefix, app)
            .fallback(not_found_plain)
            .layer(middleware::from_fn(security::security_headers))
    }
}

fn tr_for(headers: &HeaderMap) -> Tr {
    Tr::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

fn platform_for(headers: &HeaderMap, query: &PlatformQuery) -> Option<Platform> {
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

/// Refuses posts made by another site: `Sec-Fetch-Site` when the browser
/// sends it, else `Origin` (ignored when "null", which `no-referrer` pages
/// send for their own posts).
fn cross_site(headers: &HeaderMap, origin: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some("null") | None => false,
        Some(o) => o != origin,
    }
}

fn render<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    tr: Tr,
    title: String,
    site_name: String,
    prefix: String,
    text: String,
}

impl WebState {
    fn site_name(&self, tr: &Tr) -> String {
        tr.args("site-name", &[("domain", self.redeem.domain())])
    }

    /// A page with a title and one paragraph, from catalogue keys.
    fn message(&self, status: StatusCode, tr: &Tr, title: &str, text: &str) -> Response {
        self.text_page(status, tr.clone(), tr.t(title), tr.t(text))
    }

    /// A page with a title and one paragraph, already worded.
    fn text_page(&self, status: StatusCode, tr: Tr, title: String, text: String) -> Response {
        render(
            status,
            &MessagePage {
                site_name: self.site_name(&tr),
                prefix: self.prefix.clone(),
                title,
                text,
                tr,
            },
        )
    }

    /// The page for an invite that cannot be used. Unknown and revoked look
    /// the same (404); expired and used-up say so (410).
    fn dead(&self, tr: &Tr, dead: DeadInvite) -> Response {
        match dead {
            DeadInvite::NotFound => self.message(
                StatusCode::NOT_FOUND,
                tr,
                "dead-notfound-title",
                "dead-notfound-text",
            ),
            DeadInvite::Expired => self.message(
                StatusCode::GONE,
                tr,
                "dead-expired-title",
                "dead-expired-text",
            ),
            DeadInvite::UsedUp => {
                self.message(StatusCode::GONE, tr, "dead-used-title", "dead-used-text")
            }
        }
    }

    /// Maps a redemption failure that is not a form problem to a page.
    fn failure(&self, tr: &Tr, e: RedeemError) -> Response {
        let (status, title, text) = match e {
            RedeemError::Dead(d) => return self.dead(tr, d),
            RedeemError::Server(AccountError::Unavailable(why)) => {
                tracing::warn!(error = %why, "registration failed: server unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "error-unavailable-title",
                    "error-unavailable-text",
                )
            }
            RedeemError::Pending(why) => {
                tracing::warn!(error = %why, "registration outcome not known yet");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "error-pending-title",
                    "error-pending-text",
                )
            }
            RedeemError::Server(AccountError::NotPermitted(why)) => {
                tracing::error!(error = %why, "registration impossible: fix the server configuration");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "error-refused-title",
                    "error-refused-text",
                )
            }
            RedeemError::Server(e) => {
                tracing::warn!(error = %e, "registration refused by the server");
                (
                    StatusCode::BAD_GATEWAY,
                    "error-refused-title",
                    "error-refused-text",
                )
            }
            RedeemError::TooManyConfirmations => (
                StatusCode::TOO_MANY_REQUESTS,
                "error-confirmations-title",
                "error-confirmations-text",
            ),
            RedeemError::Store(e) => {
                tracing::error!(error = %e, "redemption failed: database");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error-internal-title",
                    "error-internal-text",
                )
            }
            RedeemError::Internal(why) => {
                tracing::error!(error = %why, "redemption failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error-internal-title",
                    "error-internal-text",
                )
            }
            RedeemError::Invalid(_) => (
                StatusCode::BAD_REQUEST,
                "error-badrequest-title",
                "error-badrequest-text",
            ),
        };
        self.message(status, tr, title, text)
    }

    /// The common gate of every form post: refuse cross-site posts, then
    /// unwrap the form or answer why it could not be read. The error is the
    /// page to send, built once per refused post: boxing it buys nothing.
    #[allow(clippy::result_large_err)]
    fn posted<T>(
        &self,
        tr: &Tr,
        headers: &HeaderMap,
        form: Result<Form<T>, FormRejection>,
    ) -> Result<T, Response> {
        if cross_site(headers, &self.origin) {
            return Err(self.message(
                StatusCode::FORBIDDEN,
                tr,
                "error-forbidden-title",
                "error-forbidden-text",
            ));
        }
        form.map(|Form(f)| f)
            .map_err(|rejection| self.rejected(tr, rejection))
    }

    /// A form that could not be read: too large (413), wrong content type
    /// (415) or malformed (400), each with a page.
    fn rejected(&self, tr: &Tr, rejection: FormRejection) -> Response {
        let status = rejection.status();
        let (title, text) = if status == StatusCode::PAYLOAD_TOO_LARGE {
            ("error-toolarge-title", "error-toolarge-text")
        } else {
            ("error-badrequest-title", "error-badrequest-text")
        };
        self.message(status, tr, title, text)
    }

    fn csrf_scope(form: &str, view: &InviteView) -> String {
        let h = view.token.hash().0;
        format!(
            "{form}:{}",
            h.iter().map(|b| format!("{b:02x}")).collect::<String>()
        )
    }
}

fn field_message(tr: &Tr, e: &FieldError) -> String {
    match e {
        FieldError::UsernameEmpty => tr.t("error-username-empty"),
        FieldError::UsernameInvalid => tr.t("error-username-invalid"),
        FieldError::UsernameTooLong(n) => {
            tr.args("error-username-long", &[("max", &n.to_string())])
        }
        FieldError::UsernameNotAllowed => tr.t("error-username-notallowed"),
        FieldError::UsernameFixed(u) => tr.args("error-username-fixed", &[("username", u)]),
        FieldError::UsernameReserved => tr.t("error-username-reserved"),
        FieldError::UsernameTaken => tr.t("error-username-taken"),
        FieldError::PasswordTooShort(n) => {
            tr.args("error-password-short", &[("min", &n.to_string())])
        }
        FieldError::PasswordTooLong(n) => {
            tr.args("error-password-long", &[("max", &n.to_string())])
        }
        FieldError::PasswordIsUsername => tr.t("error-password-username"),
        FieldError::PasswordInvalidCharacters => tr.t("error-password-chars"),
        FieldError::PasswordMismatch => tr.t("error-password-mismatch"),
        FieldError::AddressInvalid => tr.t("error-address-invalid"),
        FieldError::AddressIsInviter => tr.t("error-address-inviter"),
    }
}

/// `?platform=` picks the apps shown first. Read leniently: an unknown
/// value is ignored rather than failing the page.
#[derive(Debug, Default, Deserialize)]
struct PlatformQuery {
    platform: Option<String>,
}

async fn index(State(s): State<Shared>, headers: HeaderMap) -> Response {
    let tr = tr_for(&headers);
    let title = tr.args("index-title", &[("domain", s.redeem.domain())]);
    let text = tr.args("index-text", &[("domain", s.redeem.domain())]);
    s.text_page(StatusCode::OK, tr, title, text)
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

async fn not_found(State(s): State<Shared>, headers: HeaderMap) -> Response {
    let tr = tr_for(&headers);
    s.message(
        StatusCode::NOT_FOUND,
        &tr,
        "dead-notfound-title",
        "dead-notfound-text",
    )
}

async fn not_found_plain() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    tr: Tr,
    title: String,
    site_name: String,
    prefix: String,
    lead: String,
    expires_text: String,
    platform_apps: Vec<AppView>,
    other_apps: Vec<AppView>,
    uri: String,
    token: String,
    can_register: bool,
    register_text: String,
    is_contact: bool,
    existing_text: String,
    qr_svg: String,
}

/// The page's own URL as a QR code, rendered to inline SVG on the server.
fn qr_svg(data: &str, label: &str) -> String {
    match qrcode::QrCode::new(data.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build();
            // Inline in HTML: drop the XML prolog, label it for screen readers.
            let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
            svg.replacen(
                "<svg",
                &format!("<svg role=\"img\" aria-label=\"{}\"", askama_escape(label)),
                1,
            )
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot render the QR code");
            String::new()
        }
    }
}

fn askama_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

async fn landing(
    State(s): State<Shared>,
    Path(token): Path<String>,
    q: Result<Query<PlatformQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let tr = tr_for(&headers);
    let view = match s.redeem.view(&token).await {
        Ok(v) => v,
        Err(e) => return s.failure(&tr, e),
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
            tr.args("invite-lead-account", &[("domain", domain)]),
        ),
        InviteKind::Account => (
            tr.args("invite-title-account", &[("domain", domain)]),
            tr.args("invite-lead-account", &[("domain", domain)]),
        ),
        InviteKind::Contact | InviteKind::AccountAndContact => (
            tr.args("invite-title-contact", &[("inviter", inviter)]),
            tr.args("invite-lead-contact", &[("inviter", inviter)]),
        ),
    };
    let (platform_apps, other_apps) = s.catalogue.for_platform(platform_for(&headers, &q), &tr);
    let page_url = s.links.landing_url(&view.token);
    let page = InvitePage {
        site_name: s.site_name(&tr),
        prefix: s.prefix.clone(),
        lead,
        expires_text: tr.args("invite-expires", &[("date", &format_date(inv.expires.0))]),
        platform_apps,
        other_apps,
        uri: s.links.xmpp_uri(
            inv.kind,
            inviter_node,
            inv.reserved_username.as_deref(),
            &view.token,
        ),
        token: view.token.expose().to_owned(),
        can_register: inv.kind.allows_registration(),
        register_text: tr.args("invite-register-text", &[("domain", domain)]),
        is_contact: matches!(
            inv.kind,
            InviteKind::Contact | InviteKind::AccountAndContact
        ),
        existing_text: tr.args("invite-existing-text", &[("inviter", inviter)]),
        qr_svg: qr_svg(&page_url, &tr.t("invite-qr-label")),
        title,
        tr,
    };
    render(StatusCode::OK, &page)
}

fn format_date(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    tr: Tr,
    title: String,
    site_name: String,
    prefix: String,
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
            title: tr.args("register-title", &[("domain", domain)]),
            site_name: self.site_name(&tr),
            prefix: self.prefix.clone(),
            token: view.token.expose().to_owned(),
            csrf: self
                .csrf
                .issue(&Self::csrf_scope("register", view), self.clock.now().0),
            summary: summary.or_else(|| (!errors.is_empty()).then(|| tr.t("error-summary"))),
            fixed: fixed.is_some(),
            fixed_jid: fixed
                .as_ref()
                .map(|u| tr.args("register-fixed", &[("jid", &format!("{u}@{domain}"))])),
            username: fixed.unwrap_or_else(|| username.to_owned()),
            username_hint: tr.args("register-username-hint", &[("domain", domain)]),
            password_hint: tr.args(
                "register-password-hint",
                &[("min", &self.redeem.password_policy().min_chars.to_string())],
            ),
            username_error: msg(&errors.username),
            password_error: msg(&errors.password),
            confirm_error: msg(&errors.confirm),
            tr,
        };
        render(status, &page)
    }
}

async fn register_form(
    State(s): State<Shared>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let tr = tr_for(&headers);
    match s
        .redeem
        .view_for(&token, InviteKind::allows_registration)
        .await
    {
        Ok(v) => s.register_page(StatusCode::OK, tr, &v, "", &FieldErrors::default(), None),
        Err(e) => s.failure(&tr, e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RegisterForm {
    csrf: String,
    username: String,
    password: String,
    confirm: String,
}

#[derive(Template)]
#[template(path = "registered.html")]
struct RegisteredPage {
    tr: Tr,
    title: String,
    site_name: String,
    prefix: String,
    jid: String,
    contact_text: Option<String>,
    platform_apps: Vec<AppView>,
    other_apps: Vec<AppView>,
}

async fn register_post(
    State(s): State<Shared>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<RegisterForm>, FormRejection>,
) -> Response {
    let tr = tr_for(&headers);
    let form = match s.posted(&tr, &headers, form) {
        Ok(form) => form,
        Err(page) => return page,
    };
    let view = match s
        .redeem
        .view_for(&token, InviteKind::allows_registration)
        .await
    {
        Ok(v) => v,
        Err(e) => return s.failure(&tr, e),
    };
    if !s.csrf.verify(
        &WebState::csrf_scope("register", &view),
        &form.csrf,
        s.clock.now().0,
    ) {
        return s.register_page(
            StatusCode::FORBIDDEN,
            tr.clone(),
            &view,
            &form.username,
            &FieldErrors::default(),
            Some(tr.t("error-form-expired")),
        );
    }
    match s
        .redeem
        .register(&token, &form.username, &form.password, &form.confirm)
        .await
    {
        Ok(done) => {
            let jid = done.jid.to_string();
            let inv = &view.invite;
            let contact_text =
                (inv.kind == InviteKind::AccountAndContact || inv.roster_subscription).then(|| {
                    tr.args(
                        "register-done-contact",
                        &[("inviter", inv.creator.as_str())],
                    )
                });
            let (platform_apps, other_apps) = s
                .catalogue
                .for_platform(platform_for(&headers, &PlatformQuery::default()), &tr);
            render(
                StatusCode::OK,
                &RegisteredPage {
                    title: tr.args("register-done-title", &[("jid", &jid)]),
                    site_name: s.site_name(&tr),
                    prefix: s.prefix.clone(),
                    jid,
                    contact_text,
                    platform_apps,
                    other_apps,
                    tr,
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
        Err(e) => s.failure(&tr, e),
    }
}

#[derive(Template)]
#[template(path = "existing.html")]
struct ExistingPage {
    tr: Tr,
    title: String,
    site_name: String,
    prefix: String,
    text: String,
    token: String,
    csrf: String,
    summary: Option<String>,
    address: String,
    address_error: Option<String>,
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
            title: tr.args("existing-title", &[("inviter", inviter)]),
            site_name: self.site_name(&tr),
            prefix: self.prefix.clone(),
            text: tr.args("existing-text", &[("inviter", inviter)]),
            token: view.token.expose().to_owned(),
            csrf: self
                .csrf
                .issue(&Self::csrf_scope("existing", view), self.clock.now().0),
            summary,
            address: address.to_owned(),
            address_error: error.map(|e| field_message(&tr, e)),
            tr,
        };
        render(status, &page)
    }
}

impl WebState {
    /// After an acceptance: the button that makes the invitee's app add the
    /// inviter (and send the subscription request the server now approves).
    fn accepted_page(&self, tr: Tr, inviter: &str) -> Response {
        render(
            StatusCode::OK,
            &AcceptedPage {
                title: tr.t("accepted-title"),
                site_name: self.site_name(&tr),
                prefix: self.prefix.clone(),
                text: tr.args("accepted-text", &[("inviter", inviter)]),
                uri: format!("xmpp:{inviter}?roster"),
                button: tr.args("accepted-button", &[("inviter", inviter)]),
                manual: tr.args("accepted-manual", &[("inviter", inviter)]),
                tr,
            },
        )
    }
}

async fn existing_form(
    State(s): State<Shared>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let tr = tr_for(&headers);
    match s.redeem.view_for(&token, is_contact_kind).await {
        Ok(v) => s.existing_page(StatusCode::OK, tr, &v, "", None, None),
        Err(e) => s.failure(&tr, e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ExistingForm {
    csrf: String,
    address: String,
}

#[derive(Template)]
#[template(path = "accepted.html")]
struct AcceptedPage {
    tr: Tr,
    title: String,
    site_name: String,
    prefix: String,
    text: String,
    uri: String,
    button: String,
    manual: String,
}

async fn existing_post(
    State(s): State<Shared>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<ExistingForm>, FormRejection>,
) -> Response {
    let tr = tr_for(&headers);
    let form = match s.posted(&tr, &headers, form) {
        Ok(form) => form,
        Err(page) => return page,
    };
    let view = match s.redeem.view_for(&token, is_contact_kind).await {
        Ok(v) => v,
        Err(e) => return s.failure(&tr, e),
    };
    if !s.csrf.verify(
        &WebState::csrf_scope("existing", &view),
        &form.csrf,
        s.clock.now().0,
    ) {
        let summary = Some(tr.t("error-form-expired"));
        return s.existing_page(
            StatusCode::FORBIDDEN,
            tr,
            &view,
            &form.address,
            None,
            summary,
        );
    }
    match s.redeem.accept_existing(&token, &form.address).await {
        Ok(Acceptance::Done(done)) => s.accepted_page(tr, done.inviter.as_str()),
        Ok(Acceptance::ConfirmationSent { address, .. }) => {
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
        Err(e) => s.failure(&tr, e),
    }
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
    tr: Tr,
    title: String,
    site_name: String,
    prefix: String,
    text: String,
    csrf: String,
    invite: i64,
    address: String,
    code: String,
}

fn confirm_scope(invite: i64, address: &str) -> String {
    format!("confirm:{invite}:{address}")
}

/// The page a local invitee reaches from the link sent to their account:
/// one button, so that link previews and scanners never accept anything.
async fn confirm_form(
    State(s): State<Shared>,
    q: Result<Query<ConfirmQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let tr = tr_for(&headers);
    // A mangled link is a dead link.
    let Ok(Query(q)) = q else {
        return s.dead(&tr, DeadInvite::NotFound);
    };
    let invite = match s
        .redeem
        .check_confirmation(InviteId(q.invite), &q.address, &q.code)
        .await
    {
        Ok(i) => i,
        Err(e) => return s.failure(&tr, e),
    };
    let inviter = invite.creator.as_str();
    render(
        StatusCode::OK,
        &ConfirmPage {
            title: tr.args("confirm-title", &[("inviter", inviter)]),
            site_name: s.site_name(&tr),
            prefix: s.prefix.clone(),
            text: tr.args(
                "confirm-text",
                &[("inviter", inviter), ("address", &q.address)],
            ),
            csrf: s
                .csrf
                .issue(&confirm_scope(q.invite, &q.address), s.clock.now().0),
            invite: q.invite,
            address: q.address,
            code: q.code,
            tr,
        },
    )
}

async fn confirm_post(
    State(s): State<Shared>,
    headers: HeaderMap,
    form: Result<Form<ConfirmForm>, FormRejection>,
) -> Response {
    let tr = tr_for(&headers);
    let form = match s.posted(&tr, &headers, form) {
        Ok(form) => form,
        Err(page) => return page,
    };
    if !s.csrf.verify(
        &confirm_scope(form.invite, &form.address),
        &form.csrf,
        s.clock.now().0,
    ) {
        return s.message(
            StatusCode::FORBIDDEN,
            &tr,
            "error-forbidden-title",
            "error-form-expired",
        );
    }
    match s
        .redeem
        .confirm_local(InviteId(form.invite), &form.address, &form.code)
        .await
    {
        Ok(done) => {
            let title = tr.args("confirm-done-title", &[("inviter", done.inviter.as_str())]);
            let text = tr.args("confirm-done-text", &[("inviter", done.inviter.as_str())]);
            s.text_page(StatusCode::OK, tr, title, text)
        }
        Err(e) => s.failure(&tr, e),
    }
}
