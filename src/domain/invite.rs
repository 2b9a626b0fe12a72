//! The invite model: one shape for every kind of invite.

use super::time::Timestamp;
use super::token::TokenHash;
use xmpp_parsers::jid::BareJid;

/// Row id of an invite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InviteId(pub i64);

/// What accepting the invite gives the invitee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InviteKind {
    /// Register an account on the served domain (XEP-0401 create-account).
    Account,
    /// Become a contact of the inviter; no registration.
    Contact,
    /// Become a contact of the inviter, and register on the inviter's domain
    /// if the invitee has no address yet (XEP-0401 `;ibr=y`).
    AccountAndContact,
    /// Set a new password for an existing account of the served domain
    /// (its localpart in `reserved_username`); never creates an account.
    Reset,
}

impl InviteKind {
    /// Stable name used in storage and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            InviteKind::Account => "account",
            InviteKind::Contact => "contact",
            InviteKind::AccountAndContact => "account-and-contact",
            InviteKind::Reset => "reset",
        }
    }

    /// Inverse of [`InviteKind::as_str`].
    pub fn parse(s: &str) -> Option<InviteKind> {
        match s {
            "account" => Some(InviteKind::Account),
            "contact" => Some(InviteKind::Contact),
            "account-and-contact" => Some(InviteKind::AccountAndContact),
            "reset" => Some(InviteKind::Reset),
            _ => None,
        }
    }

    /// Whether the invitee may register an account with it.
    pub fn allows_registration(self) -> bool {
        matches!(self, InviteKind::Account | InviteKind::AccountAndContact)
    }
}

/// An invite about to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvite {
    pub token_hash: TokenHash,
    pub kind: InviteKind,
    /// Whoever minted it; for contact invites, the inviter.
    pub creator: BareJid,
    pub created: Timestamp,
    pub expires: Timestamp,
    pub max_uses: u32,
    /// Localpart (already normalised) that only this invite may register.
    pub reserved_username: Option<String>,
    /// Whether the new account and the creator become mutual contacts.
    pub roster_subscription: bool,
    /// Free text from the admin, never shown to the invitee.
    pub note: Option<String>,
    /// A group invite: everyone who joins through it becomes a contact of
    /// the creator and of everyone who joined before, in this roster group.
    pub group: Option<String>,
}

/// A stored invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: InviteId,
    pub kind: InviteKind,
    pub creator: BareJid,
    pub created: Timestamp,
    pub expires: Timestamp,
    pub max_uses: u32,
    pub uses: u32,
    pub reserved_username: Option<String>,
    pub roster_subscription: bool,
    pub note: Option<String>,
    /// See [`NewInvite::group`].
    pub group: Option<String>,
    pub revoked: Option<Timestamp>,
    /// What confirmation links are bound to: unlike the row id, never
    /// reused by another invite.
    pub token_hash: TokenHash,
}

/// Whether an invite can still be used, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteState {
    Live,
    Revoked,
    Expired,
    UsedUp,
}

impl Invite {
    /// The state at `now`. Revocation wins over expiry, which wins over
    /// exhaustion, so that the most deliberate reason is reported.
    pub fn state(&self, now: Timestamp) -> InviteState {
        if self.revoked.is_some() {
            InviteState::Revoked
        } else if now >= self.expires {
            InviteState::Expired
        } else if self.uses >= self.max_uses {
            InviteState::UsedUp
        } else {
            InviteState::Live
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invite() -> Invite {
        Invite {
            id: InviteId(1),
            kind: InviteKind::Account,
            creator: BareJid::new("admin@example.org").unwrap(),
            created: Timestamp(100),
            expires: Timestamp(200),
            max_uses: 2,
            uses: 0,
            reserved_username: None,
            roster_subscription: false,
            note: None,
            revoked: None,
            token_hash: TokenHash([0; 32]),
            group: None,
        }
    }

    #[test]
    fn state_follows_time_uses_and_revocation() {
        let mut i = invite();
        assert_eq!(i.state(Timestamp(150)), InviteState::Live);
        assert_eq!(i.state(Timestamp(200)), InviteState::Expired);
        i.uses = 2;
        assert_eq!(i.state(Timestamp(150)), InviteState::UsedUp);
        assert_eq!(i.state(Timestamp(250)), InviteState::Expired);
        i.revoked = Some(Timestamp(120));
        assert_eq!(i.state(Timestamp(150)), InviteState::Revoked);
    }

    #[test]
    fn kind_names_round_trip() {
        for k in [
            InviteKind::Account,
            InviteKind::Contact,
            InviteKind::AccountAndContact,
            InviteKind::Reset,
        ] {
            assert_eq!(InviteKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(InviteKind::parse("other"), None);
        assert!(!InviteKind::Contact.allows_registration());
        assert!(InviteKind::AccountAndContact.allows_registration());
        assert!(!InviteKind::Reset.allows_registration());
    }
}
