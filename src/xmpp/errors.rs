//! Every stanza error the component sends, one constructor each, and the
//! one mapping from what went wrong below (a command [`Failure`], a
//! [`MintError`]) to the answer a requester gets. The rest of `xmpp` builds
//! no `StanzaError` itself, so a condition's error type (RFC 6120 §8.3.3)
//! and its XEP-0050 §4.6 specific condition are chosen here only.
//!
//! Texts are for people, in the requester's language (the text's
//! `xml:lang` says which): fixed ones come from the catalogue here, the
//! others arrive worded by the caller. Parser complaints stay English and
//! say so. What an `internal-server-error` was about goes to the log,
//! never on the wire.

use super::adhoc::Failure;
use super::xep_0050::SpecificError;
use crate::i18n::Tr;
use xmpp_parsers::stanza_error::{DefinedCondition, ErrorType, StanzaError};

fn error(tr: &Tr, type_: ErrorType, condition: DefinedCondition, text: &str) -> StanzaError {
    StanzaError::new(type_, condition, tr.lang_tag(), text)
}

/// XEP-0050 §4.6: a `bad-request` (or other condition) with the
/// commands-specific element beside it.
fn command_error(
    tr: &Tr,
    type_: ErrorType,
    condition: DefinedCondition,
    specific: SpecificError,
    text: &str,
) -> StanzaError {
    let mut e = error(tr, type_, condition, text);
    e.other = Some(specific.into());
    e
}

/// The requester may not do this; `why` says what they lack.
pub fn forbidden(tr: &Tr, why: &str) -> StanzaError {
    error(tr, ErrorType::Auth, DefinedCondition::Forbidden, why)
}

/// The request is malformed; `what` says how.
pub fn bad_request(tr: &Tr, what: &str) -> StanzaError {
    error(tr, ErrorType::Modify, DefinedCondition::BadRequest, what)
}

/// No such node or command here.
pub fn item_not_found(tr: &Tr, what: &str) -> StanzaError {
    error(tr, ErrorType::Cancel, DefinedCondition::ItemNotFound, what)
}

/// The request is understood but not allowed in the current state.
pub fn not_allowed(tr: &Tr, why: &str) -> StanzaError {
    error(tr, ErrorType::Cancel, DefinedCondition::NotAllowed, why)
}

/// Nothing here answers that request (or that address).
pub fn service_unavailable(tr: &Tr, what: &str) -> StanzaError {
    error(
        tr,
        ErrorType::Cancel,
        DefinedCondition::ServiceUnavailable,
        what,
    )
}

/// Our fault; `wait` because trying again later may work. `text` is what
/// the requester reads, so it names no internals.
pub fn internal_server_error(tr: &Tr, text: &str) -> StanzaError {
    error(
        tr,
        ErrorType::Wait,
        DefinedCondition::InternalServerError,
        text,
    )
}

/// The request is understood but this side does not implement it (a
/// protocol version it does not speak).
pub fn feature_not_implemented(tr: &Tr, what: &str) -> StanzaError {
    error(
        tr,
        ErrorType::Cancel,
        DefinedCondition::FeatureNotImplemented,
        what,
    )
}

/// A limit on what one requester (or everyone) may hold was reached.
pub fn resource_constraint(tr: &Tr, why: &str) -> StanzaError {
    error(
        tr,
        ErrorType::Wait,
        DefinedCondition::ResourceConstraint,
        why,
    )
}

/// XEP-0050 `bad-action`: the action is not one this stage offers.
pub fn bad_action(tr: &Tr) -> StanzaError {
    command_error(
        tr,
        ErrorType::Modify,
        DefinedCondition::BadRequest,
        SpecificError::BadAction,
        &tr.t("error-bad-action"),
    )
}

/// XEP-0050 `malformed-action`: the action is not one XEP-0050 defines.
pub fn malformed_action(tr: &Tr) -> StanzaError {
    command_error(
        tr,
        ErrorType::Modify,
        DefinedCondition::BadRequest,
        SpecificError::MalformedAction,
        &tr.t("error-malformed-action"),
    )
}

/// XEP-0050 `bad-payload`: a form is missing, or a field in it.
pub fn bad_payload(tr: &Tr, what: &str) -> StanzaError {
    command_error(
        tr,
        ErrorType::Modify,
        DefinedCondition::BadRequest,
        SpecificError::BadPayload,
        what,
    )
}

/// XEP-0050 `bad-sessionid`: no such session for this requester and node
/// (also said of another requester's session, so none is revealed).
pub fn bad_sessionid(tr: &Tr) -> StanzaError {
    command_error(
        tr,
        ErrorType::Modify,
        DefinedCondition::BadRequest,
        SpecificError::BadSessionid,
        &tr.t("error-bad-session"),
    )
}

/// XEP-0050 `session-expired`, which the XEP pairs with `not-allowed`.
pub fn session_expired(tr: &Tr) -> StanzaError {
    command_error(
        tr,
        ErrorType::Cancel,
        DefinedCondition::NotAllowed,
        SpecificError::SessionExpired,
        &tr.t("error-session-expired"),
    )
}

/// A command stage that cannot go on, as the requester is told (its texts
/// are already in their language).
pub fn from_failure(tr: &Tr, f: Failure) -> StanzaError {
    match f {
        Failure::Forbidden(why) => forbidden(tr, &why),
        Failure::BadPayload(why) => bad_payload(tr, &why),
        Failure::Internal(why) => {
            tracing::error!(error = %why, "command failed");
            internal_server_error(tr, &tr.t("error-internal"))
        }
    }
}

/// The XEP-0050 specific condition of an error, for tests to check.
#[cfg(test)]
pub(crate) fn specific(e: &StanzaError) -> Option<SpecificError> {
    e.other
        .clone()
        .and_then(|el| SpecificError::try_from(el).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_command_condition_carries_its_specific_element() {
        let tr = Tr::default();
        for (e, cond, type_, spec) in [
            (
                bad_action(&tr),
                DefinedCondition::BadRequest,
                ErrorType::Modify,
                SpecificError::BadAction,
            ),
            (
                malformed_action(&tr),
                DefinedCondition::BadRequest,
                ErrorType::Modify,
                SpecificError::MalformedAction,
            ),
            (
                bad_payload(&tr, "x"),
                DefinedCondition::BadRequest,
                ErrorType::Modify,
                SpecificError::BadPayload,
            ),
            (
                bad_sessionid(&tr),
                DefinedCondition::BadRequest,
                ErrorType::Modify,
                SpecificError::BadSessionid,
            ),
            (
                session_expired(&tr),
                DefinedCondition::NotAllowed,
                ErrorType::Cancel,
                SpecificError::SessionExpired,
            ),
        ] {
            assert_eq!(e.defined_condition, cond);
            assert_eq!(e.type_, type_);
            assert_eq!(specific(&e), Some(spec));
            assert!(e.texts.contains_key("en-US"), "{:?}", e.texts);
        }
        for e in [
            forbidden(&tr, "x"),
            bad_request(&tr, "x"),
            item_not_found(&tr, "x"),
            not_allowed(&tr, "x"),
            service_unavailable(&tr, "x"),
            internal_server_error(&tr, "x"),
            resource_constraint(&tr, "x"),
        ] {
            assert_eq!(e.other, None, "{:?}", e.defined_condition);
        }
    }

    #[test]
    fn internal_failures_say_nothing_of_their_cause() {
        let tr = Tr::default();
        let e = from_failure(&tr, Failure::Internal("disk full at /var/lib".into()));
        assert_eq!(e.defined_condition, DefinedCondition::InternalServerError);
        let text: String = e.texts.values().cloned().collect();
        assert!(!text.contains("disk"), "{text}");
    }
}
