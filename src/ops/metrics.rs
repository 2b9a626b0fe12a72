//! The Prometheus metrics: every name is defined here, once, with the
//! helpers the rest of the code records through. Recording goes through
//! the `metrics` facade, so it costs nothing when no exporter is installed
//! (unit tests, `[metrics]` not configured); the exposition format is the
//! exporter crate's, never ours.
//!
//! Labels only ever carry fixed words (a route template, a kind, a reason):
//! never a token, an address or anything a client chose, which would also
//! let a client grow the label set without bound.

use crate::domain::redeem::RedeemError;
use crate::domain::{InviteKind, MintError};
use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{BuildError, Matcher, PrometheusBuilder, PrometheusHandle};
use std::time::Duration;

pub const MINTED: &str = "xmpp_invites_invites_minted_total";
pub const MINT_FAILURES: &str = "xmpp_invites_mint_failures_total";
pub const REDEEMED: &str = "xmpp_invites_redemptions_total";
pub const REDEEM_FAILURES: &str = "xmpp_invites_redemption_failures_total";
pub const CONFIRMATIONS_SENT: &str = "xmpp_invites_confirmations_sent_total";
pub const RECONCILED: &str = "xmpp_invites_reconciled_total";
pub const OUTBOX_DEPTH: &str = "xmpp_invites_outbox_depth";
pub const OUTBOX_OLDEST: &str = "xmpp_invites_outbox_oldest_age_seconds";
pub const OUTBOX_FAILED: &str = "xmpp_invites_outbox_given_up";
pub const LINK_UP: &str = "xmpp_invites_link_up";
pub const LINK_RECONNECTS: &str = "xmpp_invites_link_reconnects_total";
pub const LINK_UP_FOR: &str = "xmpp_invites_link_seconds_since_up";
pub const HTTP_RESPONSES: &str = "xmpp_invites_http_responses_total";
pub const HTTP_DURATION: &str = "xmpp_invites_http_request_duration_seconds";
pub const COMMAND_DURATION: &str = "xmpp_invites_command_duration_seconds";
pub const RATE_LIMITED: &str = "xmpp_invites_rate_limited_total";
pub const RELOADS: &str = "xmpp_invites_config_reloads_total";

/// Buckets for pages and commands: most answer in milliseconds; a
/// registration waits for the XMPP server (up to `request_timeout`, 10 s by
/// default, and twice that for delivery).
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Installs the process-wide recorder (once, at start, when `[metrics]`
/// listens) and returns the handle that renders the exposition.
pub fn install() -> Result<PrometheusHandle, BuildError> {
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)?
        .install_recorder()?;
    describe();
    Ok(handle)
}

fn describe() {
    describe_counter!(MINTED, "Invites minted, by kind");
    describe_counter!(
        MINT_FAILURES,
        "Invite requests refused or failed, by reason"
    );
    describe_counter!(
        REDEEMED,
        "Invites redeemed (an account created or a contact added), by path and kind"
    );
    describe_counter!(
        REDEEM_FAILURES,
        "Redemptions that did not happen, by path and reason"
    );
    describe_counter!(
        CONFIRMATIONS_SENT,
        "Confirmation links sent to local addresses (nothing redeemed yet)"
    );
    describe_counter!(
        RECONCILED,
        "Registrations left in the middle and settled later, by outcome"
    );
    describe_gauge!(OUTBOX_DEPTH, "Outbox entries waiting for delivery");
    describe_gauge!(
        OUTBOX_OLDEST,
        "Age of the oldest outbox entry waiting for delivery (0 when empty)"
    );
    describe_gauge!(
        OUTBOX_FAILED,
        "Outbox entries given up on (kept for the operator)"
    );
    describe_gauge!(
        LINK_UP,
        "1 while the component link to the XMPP server is up"
    );
    describe_counter!(
        LINK_RECONNECTS,
        "Times the component link came up again after the first"
    );
    describe_gauge!(
        LINK_UP_FOR,
        "Seconds since the component link last came up (absent before the first time)"
    );
    describe_counter!(
        HTTP_RESPONSES,
        "HTTP responses of the public site, by route and status"
    );
    describe_histogram!(
        HTTP_DURATION,
        metrics::Unit::Seconds,
        "Time to answer an HTTP request of the public site, by route"
    );
    describe_histogram!(
        COMMAND_DURATION,
        metrics::Unit::Seconds,
        "Time to answer an ad-hoc command stage, by node"
    );
    describe_counter!(RATE_LIMITED, "Requests refused by a rate limit, by limit");
    describe_counter!(RELOADS, "Configuration reloads (SIGHUP), by outcome");
}

/// One invite minted.
pub fn minted(kind: InviteKind) {
    counter!(MINTED, "kind" => kind.as_str()).increment(1);
}

/// One invite request refused or failed.
pub fn mint_failed(e: &MintError) {
    counter!(MINT_FAILURES, "reason" => mint_reason(e)).increment(1);
}

/// A fixed word for a mint failure (metrics and the audit log).
pub fn mint_reason(e: &MintError) -> &'static str {
    match e {
        MintError::Denied(_) => "denied",
        MintError::InvalidUsername(..) => "invalid_username",
        MintError::UsernameReserved(_) => "username_reserved",
        MintError::UsernameNotAllowed(_) => "username_not_allowed",
        MintError::InvalidLifetime(_) => "invalid_lifetime",
        MintError::InvalidUses(_) | MintError::UsesWithUsername => "invalid_uses",
        MintError::NoteTooLong(_) => "note_too_long",
        MintError::InvalidGroup(_) => "invalid_group",
        MintError::Quota(_) => "quota",
        MintError::Rng(_) => "rng",
        MintError::Store(_) => "store",
    }
}

/// One invite redeemed through `path`.
pub fn redeemed(path: &'static str, kind: Option<InviteKind>) {
    let kind = kind.map_or("unknown", InviteKind::as_str);
    counter!(REDEEMED, "path" => path, "kind" => kind).increment(1);
}

/// One redemption through `path` that did not happen.
pub fn redeem_failed(path: &'static str, e: &RedeemError) {
    counter!(REDEEM_FAILURES, "path" => path, "reason" => redeem_reason(e)).increment(1);
}

/// A fixed word for a redemption failure (metrics and the audit log).
pub fn redeem_reason(e: &RedeemError) -> &'static str {
    use crate::domain::redeem::DeadInvite;
    match e {
        RedeemError::Dead(DeadInvite::NotFound) => "not_found",
        RedeemError::Dead(DeadInvite::Expired) => "expired",
        RedeemError::Dead(DeadInvite::UsedUp) => "used_up",
        RedeemError::Invalid(_) => "invalid_form",
        RedeemError::Server(_) => "server_refused",
        RedeemError::Pending(_) => "pending",
        RedeemError::AlreadyRegistered(_) => "already_registered",
        RedeemError::TooManyConfirmations => "too_many_confirmations",
        RedeemError::Store(_) => "store",
        RedeemError::Internal(_) => "internal",
    }
}

/// A confirmation link sent to a local address.
pub fn confirmation_sent() {
    counter!(CONFIRMATIONS_SENT).increment(1);
}

/// Registrations settled by a reconciliation round.
pub fn reconciled(completed: usize, released: usize) {
    counter!(RECONCILED, "outcome" => "completed").increment(completed as u64);
    counter!(RECONCILED, "outcome" => "released").increment(released as u64);
}

/// The outbox as it is now.
pub fn outbox(depth: u64, oldest_age: Duration, given_up: u64) {
    gauge!(OUTBOX_DEPTH).set(depth as f64);
    gauge!(OUTBOX_OLDEST).set(oldest_age.as_secs_f64());
    gauge!(OUTBOX_FAILED).set(given_up as f64);
}

/// The link state, and for how long it has been up.
pub fn link(up: bool, since_up: Option<Duration>) {
    gauge!(LINK_UP).set(if up { 1.0 } else { 0.0 });
    if let Some(d) = since_up {
        gauge!(LINK_UP_FOR).set(d.as_secs_f64());
    }
}

/// The link came up again (not the first time).
pub fn link_reconnected() {
    counter!(LINK_RECONNECTS).increment(1);
}

/// One HTTP answer of the public site. `route` is the matched route
/// template (`/invite/{token}`), never the path a client sent.
pub fn http_response(route: &str, status: u16, took: Duration) {
    let route = route.to_owned();
    counter!(HTTP_RESPONSES, "route" => route.clone(), "status" => status.to_string()).increment(1);
    histogram!(HTTP_DURATION, "route" => route).record(took.as_secs_f64());
}

/// One ad-hoc command stage answered. `node` must be one we serve (or
/// "other"): it is a label.
pub fn command(node: &'static str, took: Duration) {
    histogram!(COMMAND_DURATION, "node" => node).record(took.as_secs_f64());
}

/// A request refused by rate limit `limit`.
pub fn rate_limited(limit: &'static str) {
    counter!(RATE_LIMITED, "limit" => limit).increment(1);
}

/// A configuration reload: "applied" or "refused".
pub fn reload(outcome: &'static str) {
    counter!(RELOADS, "outcome" => outcome).increment(1);
}
