//! Every stanza error the component sends, one constructor each, and the
//! one mapping from what went wrong below (a command [`Failure`], a
//! [`MintError`]) to the answer a requester gets. The rest of `xmpp` builds
//! no `StanzaError` itself, so a condition's error type (RFC 6120 §8.3.3)
//! and its XEP-0050 §4.6 specific condition are chosen here only.
//!
//! Texts are for people and in English (`xml:lang='en'`); what an
//! `internal-server-error` was about goes to the log, never on the wire.

use super::adhoc::Failure;
use super::xep_0050::SpecificError;
use crate::domain::MintError;
use xmpp_parsers::stanza_error::{DefinedCondition, ErrorType, StanzaError};

fn error(type_: ErrorType, condition: DefinedCondition, text: &str) -> StanzaError {
    StanzaError::new(type_, condition, "en", text)
}

/// XEP-0050 §4.6: a `bad-request` (or other condition) with the
/// commands-specific element beside it.
fn command_error(
    type_: ErrorType,
    condition: DefinedCondition,
    specific: SpecificError,
    text: &str,
) -> StanzaError {
    let mut e = error(type_, condition, text);
    e.other = Some(specific.into());
    e
}

/// The requester may not do this; `why` says what they lack.
pub fn forbidden(why: &str) -> StanzaError {
    error(ErrorType::Auth, DefinedCondition::Forbidden, why)
}

/// The request is malformed; `what` says how.
pub fn bad_request(what: &str) -> StanzaError {
    error(ErrorType::Modify, DefinedCondition::BadRequest, what)
}

/// No such node or command here.
pub fn item_not_found(what: &str) -> StanzaError {
    error(ErrorType::Cancel, DefinedCondition::ItemNotFound, what)
}

/// The request is understood but not allowed in the current state.
pub fn not_allowed(why: &str) -> StanzaError {
    error(ErrorType::Cancel, DefinedCondition::NotAllowed, why)
}

/// Nothing here answers that request (or that address).
pub fn service_unavailable(what: &str) -> StanzaError {
    error(
        ErrorType::Cancel,
        DefinedCondition::ServiceUnavailable,
        what,
    )
}

/// Our fault; `wait` because trying again later may work. `text` is what
/// the requester reads, so it names no internals.
pub fn internal_server_error(text: &str) -> StanzaError {
    error(ErrorType::Wait, DefinedCondition::InternalServerError, text)
}

/// The request is understood but this side does not implement it (a
/// protocol version it does not speak).
pub fn feature_not_implemented(what: &str) -> StanzaError {
    error(
        ErrorType::Cancel,
        DefinedCondition::FeatureNotImplemented,
        what,
    )
}

/// A limit on what one requester (or everyone) may hold was reached.
pub fn resource_constraint(why: &str) -> StanzaError {
    error(ErrorType::Wait, DefinedCondition::ResourceConstraint, why)
}

/// XEP-0050 `bad-action`: the action is not one this stage offers.
pub fn bad_action() -> StanzaError {
    command_error(
        ErrorType::Modify,
        DefinedCondition::BadRequest,
        SpecificError::BadAction,
        "that action is not allowed at this stage",
    )
}

/// XEP-0050 `malformed-action`: the action is not one XEP-0050 defines.
pub fn malformed_action() -> StanzaError {
    command_error(
        ErrorType::Modify,
        DefinedCondition::BadRequest,
        SpecificError::MalformedAction,
        "unknown action",
    )
}

/// XEP-0050 `bad-payload`: a form is missing, or a field in it.
pub fn bad_payload(what: &str) -> StanzaError {
    command_error(
        ErrorType::Modify,
        DefinedCondition::BadRequest,
        SpecificError::BadPayload,
        what,
    )
}

/// XEP-0050 `bad-sessionid`: no such session for this requester and node
/// (also said of another requester's session, so none is revealed).
pub fn bad_sessionid() -> StanzaError {
    command_error(
        ErrorType::Modify,
        DefinedCondition::BadRequest,
        SpecificError::BadSessionid,
        "unknown session",
    )
}

/// XEP-0050 `session-expired`, which the XEP pairs with `not-allowed`.
pub fn session_expired() -> StanzaError {
    command_error(
        ErrorType::Cancel,
        DefinedCondition::NotAllowed,
        SpecificError::SessionExpired,
        "this command session has expired; start again",
    )
}

/// A command stage that cannot go on, as the requester is told.
impl From<Failure> for StanzaError {
    fn from(f: Failure) -> StanzaError {
        match f {
            Failure::Forbidden(why) => forbidden(&why),
            Failure::BadPayload(why) => bad_payload(&why),
            Failure::Internal(why) => {
                tracing::error!(error = %why, "command failed");
                internal_server_error("the invite service had an internal error; try again later")
            }
        }
    }
}

/// What a refused mint means for the requester: a denial is `forbidden`;
/// a value they chose (username, lifetime, uses, note) is theirs to
/// correct, so `BadPayload`, which a command with a form shows as an error
/// note on the form again; the store and the RNG are ours.
impl From<MintError> for Failure {
    fn from(e: MintError) -> Failure {
        match e {
            MintError::Denied(d) => Failure::Forbidden(d.to_string()),
            // The commands end with an error note instead (see
            // `invite_commands`); as a stanza error it is a refusal.
            MintError::Quota(q) => Failure::Forbidden(q.to_string()),
            MintError::Rng(_) | MintError::Store(_) => Failure::Internal(e.to_string()),
            MintError::InvalidUsername(..)
            | MintError::UsernameReserved(_)
            | MintError::UsernameNotAllowed(_)
            | MintError::InvalidLifetime(_)
            | MintError::InvalidUses(_)
            | MintError::UsesWithUsername
            | MintError::NoteTooLong(_)
            | MintError::InvalidGroup(_) => Failure::BadPayload(e.to_string()),
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
    use crate::domain::StoreError;
    use crate::domain::policy::Denied;

    #[test]
    fn each_command_condition_carries_its_specific_element() {
        for (e, cond, type_, spec) in [
            (
                bad_action(),
                DefinedCondition::BadRequest,
                ErrorType::Modify,
                SpecificError::BadAction,
            ),
            (
                malformed_action(),
                DefinedCondition::BadRequest,
                ErrorType::Modify,
                SpecificError::MalformedAction,
            ),
            (
                bad_payload("x"),
                DefinedCondition::BadRequest,
                ErrorType::Modify,
                SpecificError::BadPayload,
            ),
            (
                bad_sessionid(),
                DefinedCondition::BadRequest,
                ErrorType::Modify,
                SpecificError::BadSessionid,
            ),
            (
                session_expired(),
                DefinedCondition::NotAllowed,
                ErrorType::Cancel,
                SpecificError::SessionExpired,
            ),
        ] {
            assert_eq!(e.defined_condition, cond);
            assert_eq!(e.type_, type_);
            assert_eq!(specific(&e), Some(spec));
        }
        for e in [
            forbidden("x"),
            bad_request("x"),
            item_not_found("x"),
            not_allowed("x"),
            service_unavailable("x"),
            internal_server_error("x"),
            resource_constraint("x"),
        ] {
            assert_eq!(e.other, None, "{:?}", e.defined_condition);
        }
    }

    #[test]
    fn internal_failures_say_nothing_of_their_cause() {
        let e = StanzaError::from(Failure::Internal("disk full at /var/lib".into()));
        assert_eq!(e.defined_condition, DefinedCondition::InternalServerError);
        let text: String = e.texts.values().cloned().collect();
        assert!(!text.contains("disk"), "{text}");
    }

    #[test]
    fn mint_errors_are_the_requesters_to_fix_unless_ours() {
        assert!(matches!(
            Failure::from(MintError::Denied(Denied::NotLocal("example.org".into()))),
            Failure::Forbidden(_)
        ));
        assert!(matches!(
            Failure::from(MintError::InvalidUses(10)),
            Failure::BadPayload(_)
        ));
        assert!(matches!(
            Failure::from(MintError::from(StoreError::UsernameReserved(
                "romeo".into()
            ))),
            Failure::BadPayload(_)
        ));
        assert!(matches!(
            Failure::from(MintError::Store(StoreError::Backend(Box::new(
                std::io::Error::other("x")
            )))),
            Failure::Internal(_)
        ));
    }
}
