//! The words of the domain's refusals in the requester's language. The
//! domain's own `Display` texts stay English (the log and the command line
//! read them); what a person reads over XMPP is worded here from the
//! catalogue (`landing-pages/locales/*/xmpp.ftl`).

use super::adhoc::Failure;
use crate::domain::MintError;
use crate::domain::email::{EmailError, EmailLimitHit, MAX_MESSAGE_CHARS};
use crate::domain::groups::{GroupNameError, MAX_GROUP_CHARS};
use crate::domain::manage::{ManageError, QuotaExceeded};
use crate::domain::policy::Denied;
use crate::domain::registration::MAX_USERNAME_CHARS;
use crate::i18n::{Arg, Tr};

/// Why an operation is refused.
pub fn denied(tr: &Tr, d: &Denied) -> String {
    match d {
        Denied::NotLocal(domain) => tr.args("error-denied-not-local", &[("domain", domain)]),
        Denied::NotAdmin(domain) => tr.args("error-denied-not-admin", &[("domain", domain)]),
        Denied::ContactInvitesDisabled(domain) => {
            tr.args("error-denied-contact-off", &[("domain", domain)])
        }
    }
}

/// Which limit a mint hit, and when it frees up.
pub fn quota(tr: &Tr, q: &QuotaExceeded) -> String {
    let (key, limit, frees) = match q {
        QuotaExceeded::Live { limit, frees_at } => ("error-quota-live", limit, frees_at),
        QuotaExceeded::Daily { limit, frees_at } => ("error-quota-daily", limit, frees_at),
    };
    tr.args_n(
        key,
        &[
            ("limit", Arg::from(*limit)),
            ("frees", Arg::Str(&tr.datetime(frees.0))),
        ],
    )
}

fn group_name(tr: &Tr, e: &GroupNameError) -> String {
    match e {
        GroupNameError::Empty => tr.t("error-group-empty"),
        GroupNameError::TooLong => {
            tr.args_n("error-group-long", &[("max", Arg::from(MAX_GROUP_CHARS))])
        }
        GroupNameError::NotText => tr.t("error-group-control"),
    }
}

/// A refused mint's reason (for the ones a requester can act on; ours
/// say nothing of their cause).
pub fn mint_error(tr: &Tr, e: &MintError) -> String {
    match e {
        MintError::Denied(d) => denied(tr, d),
        MintError::Quota(q) => quota(tr, q),
        MintError::InvalidUsername(u, _) => tr.args_n(
            "error-mint-username",
            &[
                ("username", Arg::Str(&clip(u))),
                ("max", Arg::from(MAX_USERNAME_CHARS)),
            ],
        ),
        MintError::UsernameReserved(u) => {
            tr.args("error-mint-username-reserved", &[("username", &clip(u))])
        }
        MintError::UsernameNotAllowed(u) => {
            tr.args("error-mint-username-notallowed", &[("username", &clip(u))])
        }
        MintError::InvalidLifetime(max) => tr.args("error-mint-lifetime", &[("max", max)]),
        MintError::InvalidUses(max) => tr.args_n("error-mint-uses", &[("max", Arg::from(*max))]),
        MintError::UsesWithUsername => tr.t("error-mint-uses-username"),
        MintError::NoteTooLong(max) => tr.args_n("error-mint-note", &[("max", Arg::from(*max))]),
        MintError::InvalidGroup(g) => group_name(tr, g),
        MintError::Rng(_) | MintError::Store(_) => tr.t("error-internal"),
    }
}

/// What a refused mint means for the requester: a denial is `forbidden`;
/// a value they chose (username, lifetime, uses, note) is theirs to
/// correct, so `BadPayload`, which a command with a form shows as an error
/// note on the form again; the store and the RNG are ours.
pub fn mint_failure(tr: &Tr, e: MintError) -> Failure {
    match e {
        MintError::Denied(_) | MintError::Quota(_) => Failure::Forbidden(mint_error(tr, &e)),
        MintError::Rng(_) | MintError::Store(_) => Failure::Internal(e.to_string()),
        _ => Failure::BadPayload(mint_error(tr, &e)),
    }
}

/// Why an email could not be sent or queued.
pub fn email_error(tr: &Tr, e: &EmailError) -> String {
    match e {
        EmailError::InvalidAddress(_) => tr.t("error-email-address"),
        EmailError::InvalidCopyAddress(_) => tr.t("error-email-copy"),
        EmailError::MessageTooLong => {
            tr.args_n("error-email-long", &[("max", Arg::from(MAX_MESSAGE_CHARS))])
        }
        EmailError::MessageControl => tr.t("error-email-control"),
        EmailError::Limit(hit) => {
            let (key, n) = match hit {
                EmailLimitHit::Inviter(n) => ("error-email-limit-inviter", n),
                EmailLimitHit::Recipient(n) => ("error-email-limit-recipient", n),
                EmailLimitHit::Resends(n) => ("error-email-limit-resends", n),
            };
            tr.args_n(key, &[("count", Arg::from(*n))])
        }
        EmailError::NotEmailed => tr.t("error-email-not-emailed"),
        EmailError::AlreadyEmailed => tr.t("error-email-already"),
        EmailError::NotLive => tr.t("error-email-not-live"),
        EmailError::NotConfigured => tr.t("note-email-off"),
        EmailError::Rng(_) | EmailError::Store(_) => tr.t("error-internal"),
    }
}

/// A management refusal, as a command failure.
pub fn manage_failure(tr: &Tr, e: ManageError) -> Failure {
    match e {
        ManageError::NotLocal(domain) => {
            Failure::Forbidden(tr.args("error-manage-not-local", &[("domain", &domain)]))
        }
        ManageError::NotFound(id) => {
            Failure::BadPayload(tr.args("error-invite-not-found", &[("id", &id)]))
        }
        ManageError::Store(_) => Failure::Internal(e.to_string()),
    }
}

/// A value the requester typed, shortened for quoting back.
pub fn clip(v: &str) -> String {
    v.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{StoreError, Timestamp};

    fn de() -> Tr {
        crate::i18n::Catalogue::builtin().pick("de").unwrap()
    }

    #[test]
    fn refusals_are_worded_in_the_requesters_language() {
        let en = Tr::default();
        let e = MintError::InvalidUses(10);
        assert_eq!(
            mint_error(&en, &e),
            "The number of uses must be between 1 and 10."
        );
        let german = mint_error(&de(), &e);
        assert!(german.contains("10"), "{german}");
        assert_ne!(german, mint_error(&en, &e));
        let q = QuotaExceeded::Daily {
            limit: 5,
            frees_at: Timestamp(1_772_719_620),
        };
        assert!(
            quota(&en, &q).contains("March 5, 2026"),
            "{}",
            quota(&en, &q)
        );
    }

    /// The ids a catalogue file defines (messages start at the line's
    /// first column; comments, attributes and variants do not).
    fn ids(ftl: &str) -> std::collections::BTreeSet<&str> {
        ftl.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .collect()
    }

    #[test]
    fn german_has_every_xmpp_message_and_each_one_formats() {
        let en = include_str!("../../landing-pages/locales/en-US/xmpp.ftl");
        let german = include_str!("../../landing-pages/locales/de/xmpp.ftl");
        assert_eq!(ids(en), ids(german));
        let mut args: Vec<(&'static str, Arg<'_>)> = [
            "url", "expires", "group", "value", "ids", "id", "error", "kind", "created", "jid",
            "username", "note", "jids", "address", "status", "at", "account", "domain", "field",
            "frees",
        ]
        .into_iter()
        .map(|k| (k, Arg::Str("x")))
        .collect();
        for k in ["max", "count", "left", "limit", "sends"] {
            args.push((k, Arg::Num(2)));
        }
        let tr = de();
        for id in ids(en) {
            assert!(tr.has(id), "{id} is not in German");
            // Every placeable filled: an unknown one would show as `{$…}`,
            // a message that fails to format as its id.
            let text = tr.args_n(id, &args);
            assert_ne!(text, id);
            assert!(!text.contains('{'), "{id}: {text}");
        }
    }

    #[test]
    fn mint_errors_are_the_requesters_to_fix_unless_ours() {
        let tr = Tr::default();
        assert!(matches!(
            mint_failure(
                &tr,
                MintError::Denied(Denied::NotLocal("example.org".into()))
            ),
            Failure::Forbidden(_)
        ));
        assert!(matches!(
            mint_failure(&tr, MintError::InvalidUses(10)),
            Failure::BadPayload(_)
        ));
        assert!(matches!(
            mint_failure(
                &tr,
                MintError::from(StoreError::UsernameReserved("romeo".into()))
            ),
            Failure::BadPayload(_)
        ));
        assert!(matches!(
            mint_failure(
                &tr,
                MintError::Store(StoreError::Backend(Box::new(std::io::Error::other("x"))))
            ),
            Failure::Internal(_)
        ));
    }
}
