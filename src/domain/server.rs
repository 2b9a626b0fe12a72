//! What the domain needs from the XMPP server, behind one small trait with
//! an implementation per server kind (Prosody: XEP-0133 + XEP-0356 over the
//! component link).

use futures::future::BoxFuture;
use std::sync::Arc;
use xmpp_parsers::jid::BareJid;

/// A roster subscription state (RFC 6121 §2.1.2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscription {
    /// Each sees the other's presence.
    Both,
    /// The contact may see the owner's presence (so the contact's
    /// subscription request is approved at once).
    From,
    /// Neither yet: the item only holds the contact's place (and roster
    /// group) until a subscription exchange fills it in.
    None,
}

impl Subscription {
    /// Its RFC 6121 name, as servers' roster interfaces take it.
    pub fn as_str(self) -> &'static str {
        match self {
            Subscription::Both => "both",
            Subscription::From => "from",
            Subscription::None => "none",
        }
    }
}

/// A side effect of accepting an invite, kept in the outbox until the
/// server has acknowledged it. How it is stored is the store's business
/// (a versioned record of its own), so this type can change freely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put `contact` into `owner`'s roster.
    RosterItem {
        owner: BareJid,
        contact: BareJid,
        name: Option<String>,
        subscription: Subscription,
    },
    /// A chat message from the component to `to`.
    Notify { to: BareJid, text: String },
    /// Put `contact` into `owner`'s roster in the roster group `group` (a
    /// group invite: everyone who joined through it).
    GroupItem {
        owner: BareJid,
        contact: BareJid,
        group: String,
        subscription: Subscription,
    },
    /// An invitation email (sent by the outbox's mailer, not the server).
    Email(super::email::Invitation),
}

/// Why the server did not create an account.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// The name is taken.
    #[error("the account already exists")]
    Conflict,
    /// The account to change does not exist (a password reset for an
    /// account deleted since the invite was minted).
    #[error("the account does not exist")]
    NoSuchAccount,
    /// The server refused for another reason it stated.
    #[error("the server refused: {0}")]
    Refused(String),
    /// The component lacks the right; the text says what to configure.
    #[error("the component is not permitted to create accounts: {0}")]
    NotPermitted(String),
    /// The server could not be reached, or refused for a passing reason,
    /// before anything was created: nothing happened.
    #[error("the server is unavailable: {0}")]
    Unavailable(String),
    /// The request that creates the account went out but its answer never
    /// came (time-out, link lost): the account may or may not exist. The
    /// caller must find out (see [`ServerOps::account_exists`]) before
    /// giving the invite's use back.
    #[error("the outcome is unknown: {0}")]
    Indeterminate(String),
}

impl Effect {
    /// Whether the answer to the one who redeemed waits for this effect.
    /// Roster entries do: the new user's app fetches the roster once, at
    /// its first login, which may follow the answer at once. A message or
    /// an email changes nothing the redeemer sees, so it goes out right
    /// after the answer (queued in the same transaction all the same);
    /// for an inviter who is offline, a message is a write to the
    /// server's offline store, a good part of a redemption's time (P3 in
    /// scripts/bench).
    pub fn precedes_answer(&self) -> bool {
        match self {
            Effect::RosterItem { .. } | Effect::GroupItem { .. } => true,
            Effect::Notify { .. } | Effect::Email(_) => false,
        }
    }
}

/// Why an effect was not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EffectError {
    /// Worth retrying soon (link down, timeout, server busy).
    #[error("temporarily failed: {0}")]
    Transient(String),
    /// Needs the operator (missing privilege); retried, but slowly.
    #[error("refused by the server: {0}")]
    Refused(String),
    /// Refused for good (an SMTP 5xx): never retried.
    #[error("refused for good: {0}")]
    Permanent(String),
}

/// How far an account creation got before the claim for it was on disk
/// ([`ServerOps::start_account`]): for XEP-0133, the command's session,
/// its form fetched. Opaque to the domain, which only hands it back.
#[derive(Debug, Default)]
pub struct AccountStart(pub(crate) Option<String>);

/// Server-specific account and roster operations.
pub trait ServerOps: Send + Sync {
    /// The first step of creating an account, one that creates nothing
    /// (XEP-0133: executing add-user, which answers with its form). The
    /// redemption pipeline runs it while the claim is being committed, so
    /// that the server's round trip and the disk's flush overlap instead
    /// of adding up (P3 in scripts/bench). Default: nothing to do.
    fn start_account(&self) -> BoxFuture<'_, Result<AccountStart, AccountError>> {
        Box::pin(async { Ok(AccountStart::default()) })
    }

    /// Ends a start whose account will not be created after all (the
    /// claim was refused), so that the server does not keep its session.
    fn cancel_account(&self, start: AccountStart) -> BoxFuture<'_, ()> {
        drop(start);
        Box::pin(async {})
    }

    /// Creates `localpart@domain` with `password`, going on from `start`
    /// (or from nothing: an empty [`AccountStart`]).
    fn create_account<'a>(
        &'a self,
        start: AccountStart,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>>;

    /// Whether `localpart@domain` exists, for reconciling registrations
    /// whose outcome was lost. Never creates anything.
    fn account_exists<'a>(
        &'a self,
        localpart: &'a str,
    ) -> BoxFuture<'a, Result<bool, AccountError>>;

    /// Sets a new password for the existing account `localpart@domain`
    /// (password-reset invites). Never creates an account: an unknown one
    /// is [`AccountError::NoSuchAccount`]. A request whose answer was lost
    /// is [`AccountError::Indeterminate`]: the password may or may not have
    /// changed.
    fn change_password<'a>(
        &'a self,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>>;

    /// Applies one effect; `Ok` only once the server has acknowledged it.
    fn apply<'a>(&'a self, effect: &'a Effect) -> BoxFuture<'a, Result<(), EffectError>>;

    /// Whether this server refuses `password` beyond what every server
    /// refuses (see `registration::check_registration`), so that the form
    /// says so instead of the server failing the registration.
    fn refuses_password(&self, _password: &str) -> bool {
        false
    }
}

/// Delivers queued effects (implemented by the outbox deliverer). The
/// redemption pipeline uses it to write both rosters before it answers, so
/// that they exist before the new account first logs in.
pub trait Delivery: Send + Sync {
    /// Applies those of these outbox entries that the answer waits for
    /// ([`Effect::precedes_answer`]) now, within the deliverer's time
    /// limit, and returns whether all of them were acknowledged; the
    /// others start once those are done, on a task of their own. Whatever is not
    /// done stays queued.
    fn deliver_now(self: Arc<Self>, ids: Vec<super::OutboxId>) -> BoxFuture<'static, bool>;
    /// New entries were queued: look at the outbox soon.
    fn wake(&self);
}

/// What the server itself does for invites beyond what the component can:
/// learnt at run time from the server module (see `xmpp::server_module`),
/// read by the landing page so that it offers only paths that work.
#[derive(Debug, Default)]
pub struct ServerSupport {
    module: std::sync::atomic::AtomicBool,
    /// The module writes roster entries for the component (its hello
    /// lists `roster`).
    module_rosters: std::sync::atomic::AtomicBool,
}

impl ServerSupport {
    /// Whether the server module answers: commands at the domain, in-app
    /// registration with the token (XEP-0445) and pre-approved
    /// subscriptions (XEP-0379) work.
    pub fn module(&self) -> bool {
        self.module.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Records whether the module answers; returns what was known before.
    pub fn set_module(&self, present: bool) -> bool {
        self.module
            .swap(present, std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether roster entries go through the module (it is there and said
    /// it writes them) rather than XEP-0356.
    pub fn module_rosters(&self) -> bool {
        self.module()
            && self
                .module_rosters
                .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Records whether the module, when there, writes roster entries.
    pub fn set_module_rosters(&self, writes: bool) {
        self.module_rosters
            .store(writes, std::sync::atomic::Ordering::Relaxed);
    }
}
