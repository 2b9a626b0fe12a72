//! The HTTP adapter: landing pages, web registration, the "I already
//! have an address" path, password resets, over the domain's [`RedeemService`].
//!
//! One file per flow, each with its router, handlers and pages:
//! [`landing`], [`register`], [`existing`], [`confirm`], [`reset`], [`accept`]
//! (the front page's accept-by-code form). What they share:
//! the page chrome and rendering ([`pages`]), the one mapping from failures
//! to pages ([`errors`]) and the gate every form post goes through
//! ([`post`]).
//!
//! Every page works without JavaScript and loads nothing from elsewhere.
//! Every response carries strict security headers; pages that carry a token
//! are never cached; failures on token routes are rate-limited per client
//! network and overall, posts per invite, all requests per network under a
//! generous ceiling; forms carry CSRF tokens and cross-site posts are
//! refused; request bodies are bounded in size and in time ([`security`]);
//! connections are bounded in number and time ([`serve`]).

mod accept;
pub mod brand;
pub mod catalogue;
mod confirm;
pub mod csrf;
mod errors;
mod existing;
mod group;
mod landing;
mod lang;
mod pages;
mod post;
mod qr;
mod register;
mod reset;
pub mod security;
pub mod serve;

pub use security::{ClientAddress, Rate, RateLimit};

use crate::domain::Clock;
use crate::domain::links::Links;
use crate::domain::redeem::RedeemService;
use crate::domain::server::ServerSupport;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use brand::Look;
use csrf::CsrfKey;
use security::{Ctx, Guard};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

/// Largest request body accepted (the forms are a few hundred bytes).
const BODY_LIMIT: usize = 8 * 1024;

/// What the handlers share.
pub struct WebState {
    pub redeem: Arc<RedeemService>,
    pub links: Links,
    /// Catalogues, client list and branding; replaced whole on a reload.
    pub look: RwLock<Arc<Look>>,
    pub csrf: CsrfKey,
    pub clock: Arc<dyn Clock>,
    /// Path of `public_url` ("" or "/something"), prefixed to every link.
    pub prefix: String,
    /// `scheme://host[:port]` of `public_url`, for the Origin check.
    pub origin: String,
    /// How long a client may take to send a request body.
    pub body_timeout: Duration,
    /// What the server does for invites itself (the server module).
    pub server: Arc<ServerSupport>,
}

type Shared = Arc<WebState>;

impl WebState {
    /// What the pages look like now.
    pub fn look(&self) -> Arc<Look> {
        self.look
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Puts a new look in force (a reload); pages being rendered finish
    /// with the old one.
    pub fn set_look(&self, look: Look) {
        *self.look.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(look);
    }

    /// The language [`lang::choose`] picked for a request, else the
    /// configured default (for answers given before it ran).
    fn tr_of(&self, ext: &axum::http::Extensions) -> crate::i18n::Tr {
        ext.get::<crate::i18n::Tr>()
            .cloned()
            .unwrap_or_else(|| self.look().i18n.default_tr())
    }
}

/// The router, with its security layers (see [`security`]).
pub fn router(state: Shared, limit: RateLimit) -> Router {
    let ctx = Ctx {
        web: state.clone(),
        guard: Guard::spawn(limit),
    };
    let token_routes = Router::new()
        .merge(landing::router())
        .merge(register::router())
        .merge(existing::router())
        .merge(confirm::router())
        .merge(accept::router())
        .merge(reset::router())
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
        .merge(landing::open_router())
        .merge(brand::router())
        .merge(token_routes)
        .fallback(errors::not_found)
        .with_state(state.clone())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(ctx, security::ceiling))
        // Outside the ceiling, so that its refusals are in the visitor's
        // language too.
        .layer(middleware::from_fn_with_state(state.clone(), lang::choose))
        .layer(middleware::from_fn(security::security_headers))
        // Outermost, so refusals by the layers above count too.
        .layer(middleware::from_fn(crate::ops::http::track));
    if state.prefix.is_empty() {
        app
    } else {
        // Outside the prefix there is nothing; that answer gets the same
        // headers as every other.
        Router::new()
            .nest(&state.prefix, app)
            .fallback(errors::not_found_plain)
            .layer(middleware::from_fn(security::security_headers))
    }
}
