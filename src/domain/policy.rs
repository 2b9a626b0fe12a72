//! Who may mint which invite. Mirrors Prosody's mod_invites_adhoc so that
//! operators moving over find the same rules: only admins mint account-only
//! invites; local users mint contact invites when `allow_contact_invites`
//! (default on), and those also allow registration when the user is an admin
//! or `allow_user_invites` is on (default off).

use super::invite::InviteKind;
use std::collections::HashSet;
use xmpp_parsers::jid::BareJid;

/// Who is asking, as far as policy is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requester {
    /// Listed in `[invites] admins`.
    Admin,
    /// A user of the served domain.
    LocalUser,
    /// Anyone else (another domain, a server, a component).
    Foreign,
}

/// The two XEP-0401 operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `urn:xmpp:invite#invite`
    ContactInvite,
    /// `urn:xmpp:invite#create-account`
    AccountInvite,
}

/// Why an operation is refused; the text is shown to the requester.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("only users of {0} can create invites here")]
    NotLocal(String),
    #[error("only administrators of {0} can create account invites")]
    NotAdmin(String),
    #[error("contact invites are disabled on {0}; ask an administrator")]
    ContactInvitesDisabled(String),
}

/// The invite policy of one deployment.
#[derive(Debug, Clone)]
pub struct Policy {
    domain: String,
    admins: HashSet<BareJid>,
    allow_user_invites: bool,
    allow_contact_invites: bool,
}

impl Policy {
    pub fn new(
        domain: impl Into<String>,
        admins: impl IntoIterator<Item = BareJid>,
        allow_user_invites: bool,
        allow_contact_invites: bool,
    ) -> Policy {
        Policy {
            domain: domain.into(),
            admins: admins.into_iter().collect(),
            allow_user_invites,
            allow_contact_invites,
        }
    }

    /// The served domain.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Classifies a requester. A JID without a localpart (a server or a
    /// component) is never a user, even at the served domain.
    pub fn classify(&self, jid: &BareJid) -> Requester {
        if jid.node().is_none() || jid.domain().as_str() != self.domain {
            Requester::Foreign
        } else if self.admins.contains(jid) {
            Requester::Admin
        } else {
            Requester::LocalUser
        }
    }

    /// Whether `who` may run `op`.
    pub fn check(&self, who: Requester, op: Operation) -> Result<(), Denied> {
        match (op, who) {
            (_, Requester::Foreign) => Err(Denied::NotLocal(self.domain.clone())),
            (Operation::AccountInvite, Requester::Admin) => Ok(()),
            (Operation::AccountInvite, Requester::LocalUser) => {
                Err(Denied::NotAdmin(self.domain.clone()))
            }
            (Operation::ContactInvite, Requester::Admin) => Ok(()),
            (Operation::ContactInvite, Requester::LocalUser) => {
                if self.allow_contact_invites {
                    Ok(())
                } else {
                    Err(Denied::ContactInvitesDisabled(self.domain.clone()))
                }
            }
        }
    }

    /// Whether an invite of `kind` minted by `creator` may still create an
    /// account (or reset a password) under the policy as it is now: the
    /// rules are checked again at redemption, so removing someone from
    /// `admins` or turning `allow_user_invites` off stops the account part
    /// of what they already issued. The served domain itself as creator
    /// is the operator (invites made on the command line).
    pub fn still_allows_registration(&self, creator: &BareJid, kind: InviteKind) -> bool {
        if self.is_operator(creator) {
            return true;
        }
        let who = self.classify(creator);
        match kind {
            InviteKind::Account | InviteKind::Reset => who == Requester::Admin,
            InviteKind::AccountAndContact => {
                who == Requester::Admin || (who == Requester::LocalUser && self.allow_user_invites)
            }
            InviteKind::Contact => false,
        }
    }

    /// Whether `jid` is the operator's own address (the served domain),
    /// which invites made on the command line carry as their creator.
    pub fn is_operator(&self, jid: &BareJid) -> bool {
        jid.node().is_none() && jid.domain().as_str() == self.domain
    }

    /// The kind of invite `#invite` mints for `who`.
    pub fn contact_invite_kind(&self, who: Requester) -> InviteKind {
        if who == Requester::Admin || self.allow_user_invites {
            InviteKind::AccountAndContact
        } else {
            InviteKind::Contact
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jid(s: &str) -> BareJid {
        BareJid::new(s).unwrap()
    }

    fn policy(user_invites: bool, contact_invites: bool) -> Policy {
        Policy::new(
            "example.org",
            [jid("admin@example.org")],
            user_invites,
            contact_invites,
        )
    }

    #[test]
    fn classification() {
        let p = policy(false, true);
        assert_eq!(p.classify(&jid("admin@example.org")), Requester::Admin);
        assert_eq!(p.classify(&jid("Admin@Example.org")), Requester::Admin);
        assert_eq!(p.classify(&jid("bob@example.org")), Requester::LocalUser);
        assert_eq!(p.classify(&jid("bob@other.org")), Requester::Foreign);
        assert_eq!(p.classify(&jid("example.org")), Requester::Foreign);
    }

    #[test]
    fn registration_rights_are_those_of_the_policy_now() {
        let op = jid("example.org");
        let admin = jid("admin@example.org");
        let bob = jid("bob@example.org");
        for user_invites in [false, true] {
            let p = policy(user_invites, true);
            assert!(p.still_allows_registration(&op, InviteKind::Account));
            assert!(p.still_allows_registration(&admin, InviteKind::Account));
            assert!(p.still_allows_registration(&admin, InviteKind::Reset));
            assert!(!p.still_allows_registration(&bob, InviteKind::Account));
            assert!(!p.still_allows_registration(&bob, InviteKind::Reset));
            assert_eq!(
                p.still_allows_registration(&bob, InviteKind::AccountAndContact),
                user_invites
            );
            assert!(
                !p.still_allows_registration(&jid("eve@other.org"), InviteKind::AccountAndContact)
            );
        }
        // An admin removed from the list: their invites no longer register.
        let p = Policy::new("example.org", [], false, true);
        assert!(!p.still_allows_registration(&admin, InviteKind::Account));
        assert!(!p.still_allows_registration(&admin, InviteKind::AccountAndContact));
    }

    #[test]
    fn matrix_follows_mod_invites_adhoc() {
        use InviteKind::*;
        use Operation::*;
        use Requester::*;
        for user_invites in [false, true] {
            for contact_invites in [false, true] {
                let p = policy(user_invites, contact_invites);
                // Admins: everything, and their contact invites allow registration.
                assert!(p.check(Admin, AccountInvite).is_ok());
                assert!(p.check(Admin, ContactInvite).is_ok());
                assert_eq!(p.contact_invite_kind(Admin), AccountAndContact);
                // Users: never account invites; contact invites when enabled.
                assert_eq!(
                    p.check(LocalUser, AccountInvite),
                    Err(Denied::NotAdmin("example.org".into()))
                );
                assert_eq!(p.check(LocalUser, ContactInvite).is_ok(), contact_invites);
                let expected = if user_invites {
                    AccountAndContact
                } else {
                    Contact
                };
                assert_eq!(p.contact_invite_kind(LocalUser), expected);
                // Others: nothing.
                assert!(p.check(Foreign, AccountInvite).is_err());
                assert!(p.check(Foreign, ContactInvite).is_err());
            }
        }
    }
}

/// The policy in force, shared by the services that apply it (minting,
/// redemption, management) and replaced whole on a reload, so they never
/// disagree.
#[derive(Debug, Clone)]
pub struct SharedPolicy(std::sync::Arc<std::sync::RwLock<std::sync::Arc<Policy>>>);

impl SharedPolicy {
    pub fn new(policy: Policy) -> SharedPolicy {
        SharedPolicy(std::sync::Arc::new(std::sync::RwLock::new(
            std::sync::Arc::new(policy),
        )))
    }

    /// The policy now; a caller keeps the copy it took for its whole use.
    pub fn get(&self) -> std::sync::Arc<Policy> {
        self.0.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set(&self, policy: Policy) {
        *self.0.write().unwrap_or_else(|p| p.into_inner()) = std::sync::Arc::new(policy);
    }
}
