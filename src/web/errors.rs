//! The one place where a failure becomes an answer: each [`WebError`] maps
//! to a status, the catalogue keys of its page and how loudly it is logged.
//! Flows that show a failure in their own form (field errors, a stale CSRF
//! token on a form that can be shown again) handle those first and hand
//! everything else here.

use super::lang::Lang;
use super::{Shared, WebState};
use crate::domain::AccountError;
use crate::domain::redeem::{DeadInvite, RedeemError, Redeemed};
use crate::i18n::Tr;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::fmt::Display;
use tracing::Level;

/// Why a request could not be served.
#[derive(Debug)]
pub(super) enum WebError {
    /// What the domain refused, including dead invites.
    Redeem(RedeemError),
    /// A form that could not be read: too large, wrong content type or
    /// malformed.
    Unreadable(FormRejection),
    /// A post made by another site.
    CrossSite,
    /// A form whose CSRF token is missing, forged or expired, on a page that
    /// cannot show the form again.
    StaleForm,
    /// The client used up a rate limit.
    RateLimited,
    /// A request body over the size limit.
    BodyTooLarge,
    /// A request body that could not be read.
    BodyUnreadable(axum::BoxError),
    /// A request body not sent within the deadline.
    BodyTimeout,
}

impl From<RedeemError> for WebError {
    fn from(e: RedeemError) -> WebError {
        WebError::Redeem(e)
    }
}

impl From<DeadInvite> for WebError {
    fn from(d: DeadInvite) -> WebError {
        WebError::Redeem(RedeemError::Dead(d))
    }
}

/// A redemption outcome of another path than the one asked for: the
/// pipeline never gives one, but the adapter must still answer.
pub(super) fn unexpected(outcome: Redeemed) -> RedeemError {
    RedeemError::Internal(format!("unexpected redemption outcome: {outcome:?}"))
}

impl From<FormRejection> for WebError {
    fn from(r: FormRejection) -> WebError {
        WebError::Unreadable(r)
    }
}

/// The answer to a [`WebError`]: its status, the catalogue keys of the
/// page's title and text, and what to log.
struct Answer<'a> {
    status: StatusCode,
    title: &'static str,
    text: &'static str,
    log: Option<Log<'a>>,
}

struct Log<'a> {
    level: Level,
    what: &'static str,
    cause: &'a dyn Display,
}

/// The catalogue keys of a page's title and text.
type Keys = (&'static str, &'static str);

const NOT_FOUND: Keys = ("dead-notfound-title", "dead-notfound-text");
const EXPIRED: Keys = ("dead-expired-title", "dead-expired-text");
const USED_UP: Keys = ("dead-used-title", "dead-used-text");
const UNAVAILABLE: Keys = ("error-unavailable-title", "error-unavailable-text");
const PENDING: Keys = ("error-pending-title", "error-pending-text");
const REFUSED: Keys = ("error-refused-title", "error-refused-text");
const CONFIRMATIONS: Keys = ("error-confirmations-title", "error-confirmations-text");
const INTERNAL: Keys = ("error-internal-title", "error-internal-text");
const BAD_REQUEST: Keys = ("error-badrequest-title", "error-badrequest-text");
const TOO_LARGE: Keys = ("error-toolarge-title", "error-toolarge-text");
const FORBIDDEN: Keys = ("error-forbidden-title", "error-forbidden-text");
const STALE_FORM: Keys = ("error-forbidden-title", "error-form-expired");
const RATE_LIMITED: Keys = ("error-ratelimit-title", "error-ratelimit-text");
const TIMEOUT: Keys = ("error-timeout-title", "error-timeout-text");
const RESET_UNKNOWN: Keys = ("reset-unknown-title", "reset-unknown-text");
const RESET_UNAVAILABLE: Keys = ("error-unavailable-title", "reset-unavailable-text");
const RESET_REFUSED: Keys = ("reset-refused-title", "reset-refused-text");
const RESET_NO_ACCOUNT: Keys = ("reset-noaccount-title", "reset-noaccount-text");

impl<'a> Answer<'a> {
    fn page(status: StatusCode, (title, text): Keys) -> Answer<'a> {
        Answer {
            status,
            title,
            text,
            log: None,
        }
    }

    fn logged(self, level: Level, what: &'static str, cause: &'a dyn Display) -> Answer<'a> {
        Answer {
            log: Some(Log { level, what, cause }),
            ..self
        }
    }
}

impl WebError {
    /// Unknown and revoked invites look the same (404); expired and used-up
    /// say so (410). Server trouble is 5xx, so that the rate limits do not
    /// count it against the client.
    fn answer(&self) -> Answer<'_> {
        use Answer as A;
        use StatusCode as S;
        match self {
            WebError::Redeem(RedeemError::Dead(DeadInvite::NotFound)) => {
                A::page(S::NOT_FOUND, NOT_FOUND)
            }
            WebError::Redeem(RedeemError::Dead(DeadInvite::Expired)) => A::page(S::GONE, EXPIRED),
            WebError::Redeem(RedeemError::Dead(DeadInvite::UsedUp)) => A::page(S::GONE, USED_UP),
            // The registration flow words this one itself, with the address.
            WebError::Redeem(RedeemError::AlreadyRegistered(_)) => A::page(S::GONE, USED_UP),
            WebError::Redeem(RedeemError::Server(AccountError::Unavailable(why))) => A::page(
                S::SERVICE_UNAVAILABLE,
                UNAVAILABLE,
            )
            .logged(Level::WARN, "registration failed: server unavailable", why),
            WebError::Redeem(RedeemError::Pending(why)) => A::page(S::SERVICE_UNAVAILABLE, PENDING)
                .logged(Level::WARN, "registration outcome not known yet", why),
            // The server did not answer twice: the new password may or may
            // not be in force, and the link is spent.
            WebError::Redeem(RedeemError::ResetUnknown(why)) => A::page(
                S::GATEWAY_TIMEOUT,
                RESET_UNKNOWN,
            )
            .logged(Level::WARN, "password reset outcome unknown", why),
            WebError::Redeem(RedeemError::Server(AccountError::NotPermitted(why))) => {
                A::page(S::SERVICE_UNAVAILABLE, REFUSED).logged(
                    Level::ERROR,
                    "registration impossible: fix the server configuration",
                    why,
                )
            }
            WebError::Redeem(RedeemError::Server(e)) => A::page(S::BAD_GATEWAY, REFUSED).logged(
                Level::WARN,
                "registration refused by the server",
                e,
            ),
            WebError::Redeem(RedeemError::TooManyConfirmations) => {
                A::page(S::TOO_MANY_REQUESTS, CONFIRMATIONS)
            }
            WebError::Redeem(RedeemError::Store(e)) => A::page(S::INTERNAL_SERVER_ERROR, INTERNAL)
                .logged(Level::ERROR, "redemption failed: database", e),
            WebError::Redeem(RedeemError::Internal(why)) => A::page(
                S::INTERNAL_SERVER_ERROR,
                INTERNAL,
            )
            .logged(Level::ERROR, "redemption failed", why),
            // Field errors a flow did not show in its own form.
            WebError::Redeem(RedeemError::Invalid(_)) => A::page(S::BAD_REQUEST, BAD_REQUEST),
            // 413, 415 or 400, as axum rates the rejection.
            WebError::Unreadable(r) if r.status() == S::PAYLOAD_TOO_LARGE => {
                A::page(S::PAYLOAD_TOO_LARGE, TOO_LARGE)
            }
            WebError::Unreadable(r) => A::page(r.status(), BAD_REQUEST),
            WebError::CrossSite => A::page(S::FORBIDDEN, FORBIDDEN),
            WebError::StaleForm => A::page(S::FORBIDDEN, STALE_FORM),
            WebError::RateLimited => A::page(S::TOO_MANY_REQUESTS, RATE_LIMITED),
            WebError::BodyTooLarge => A::page(S::PAYLOAD_TOO_LARGE, TOO_LARGE),
            WebError::BodyUnreadable(e) => A::page(S::BAD_REQUEST, BAD_REQUEST).logged(
                Level::DEBUG,
                "request body unreadable",
                e,
            ),
            WebError::BodyTimeout => A::page(S::REQUEST_TIMEOUT, TIMEOUT),
        }
    }
}

/// What the password-reset flow says about the server's answers instead
/// of the registration's wording ("your account was not created"); `None`
/// for everything the two flows word alike.
fn reset_answer(e: &RedeemError) -> Option<Answer<'_>> {
    use Answer as A;
    use StatusCode as S;
    Some(match e {
        RedeemError::Server(AccountError::Unavailable(why)) => {
            A::page(S::SERVICE_UNAVAILABLE, RESET_UNAVAILABLE).logged(
                Level::WARN,
                "password reset failed: server unavailable",
                why,
            )
        }
        RedeemError::Server(AccountError::NotPermitted(why)) => {
            A::page(S::SERVICE_UNAVAILABLE, RESET_REFUSED).logged(
                Level::ERROR,
                "password reset impossible: fix the server configuration",
                why,
            )
        }
        // Deleted since the invite was minted.
        RedeemError::Server(AccountError::NoSuchAccount) => A::page(S::GONE, RESET_NO_ACCOUNT),
        RedeemError::Server(e) => A::page(S::BAD_GATEWAY, RESET_REFUSED).logged(
            Level::WARN,
            "password reset refused by the server",
            e,
        ),
        _ => return None,
    })
}

/// `tracing`'s macros take their level as a constant.
fn log(log: &Log<'_>) {
    let (what, cause) = (log.what, log.cause);
    match log.level {
        Level::ERROR => tracing::error!(error = %cause, "{what}"),
        Level::WARN => tracing::warn!(error = %cause, "{what}"),
        Level::INFO => tracing::info!(error = %cause, "{what}"),
        _ => tracing::debug!(error = %cause, "{what}"),
    }
}

impl WebState {
    /// The page for a request that could not be served.
    pub(super) fn refuse(&self, tr: &Tr, e: impl Into<WebError>) -> Response {
        let e = e.into();
        let answer = e.answer();
        if let Some(l) = &answer.log {
            log(l);
        }
        self.message(answer.status, tr, answer.title, answer.text)
    }

    /// [`WebState::refuse`] in the words of the password-reset flow.
    pub(super) fn refuse_reset(&self, tr: &Tr, e: RedeemError) -> Response {
        let Some(answer) = reset_answer(&e) else {
            return self.refuse(tr, e);
        };
        if let Some(l) = &answer.log {
            log(l);
        }
        self.message(answer.status, tr, answer.title, answer.text)
    }
}

/// What is not a route: the page of an unknown invite.
pub(super) async fn not_found(State(s): State<Shared>, Lang(tr): Lang) -> Response {
    s.refuse(&tr, DeadInvite::NotFound)
}

/// Outside the prefix of `public_url` there is nothing, not even a page.
pub(super) async fn not_found_plain() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}
