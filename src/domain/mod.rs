//! The domain core: what an invite is, who may mint which kind, how tokens
//! are made and checked. Nothing here knows XML, HTTP or SQL; the adapters
//! (`xmpp`, later `web`) and the store depend on this module, never the
//! other way round.

pub mod email;
pub mod groups;
pub mod invite;
pub mod languages;
pub mod links;
pub mod manage;
pub mod mint;
pub mod policy;
pub mod redeem;
pub mod registration;
pub mod server;
pub mod time;
pub mod token;

pub use invite::{Invite, InviteId, InviteKind, InviteState, NewInvite};
pub use mint::{Limits, MintError, MintRequest, MintService, MintedInvite};
pub use policy::{Policy, Requester};
pub use registration::ReservedNames;
pub use server::{
    AccountError, AccountStart, Delivery, Effect, EffectError, ServerOps, Subscription,
};
pub use time::{Clock, SystemClock, Timestamp};
pub use token::{Token, TokenHash};

/// One invite to store, for [`InviteStore::insert_invites`].
#[derive(Debug, Clone)]
pub struct NewMint {
    pub invite: NewInvite,
    pub now: Timestamp,
    /// The creator's quota, checked in the same transaction; `None` for
    /// the exempt (admins, the operator).
    pub quota: Option<manage::Quota>,
}

/// What storing one mint came to: its id, or the quota limit it hit.
pub type MintOutcome = Result<Result<InviteId, manage::QuotaExceeded>, StoreError>;

/// Storage the domain needs. Implemented by [`crate::store::SqliteStore`]
/// and, in unit tests, by in-memory fakes. Calls are blocking: adapters
/// running on an async runtime call them from a blocking thread.
pub trait InviteStore: Send + Sync {
    /// Inserts a new invite in one short transaction. When the invite
    /// reserves a username that a live invite (not expired, not revoked,
    /// not used up at `now`) already reserves, nothing is written and
    /// [`StoreError::UsernameReserved`] is returned.
    fn insert_invite(&self, invite: &NewInvite, now: Timestamp) -> Result<InviteId, StoreError>;

    /// [`InviteStore::insert_invite`], unless the invite's creator is at
    /// one of `quota`'s limits at `now` (counted in the same transaction,
    /// so concurrent mints cannot overshoot): then nothing is written.
    fn insert_invite_within(
        &self,
        invite: &NewInvite,
        now: Timestamp,
        quota: manage::Quota,
    ) -> Result<Result<InviteId, manage::QuotaExceeded>, StoreError>;

    /// Several mints at once: each gets the outcome
    /// [`InviteStore::insert_invite_within`] (with a quota) or
    /// [`InviteStore::insert_invite`] would give it, in order. A store that
    /// can commits them together, with one sync to disk for all; a mint is
    /// durable when its outcome is returned.
    fn insert_invites(&self, batch: &[NewMint]) -> Vec<MintOutcome> {
        batch
            .iter()
            .map(|m| match m.quota {
                Some(q) => self.insert_invite_within(&m.invite, m.now, q),
                None => self.insert_invite(&m.invite, m.now).map(Ok),
            })
            .collect()
    }

    /// Revokes invite `id` at `now`, recording `by`, if it is not revoked
    /// yet and (with `creator`) was minted by `creator`. Returns whether
    /// it did.
    fn revoke(
        &self,
        id: InviteId,
        by: &str,
        creator: Option<&str>,
        now: Timestamp,
    ) -> Result<bool, StoreError>;

    /// Invites matching `query`, newest first, with their redemptions.
    fn list_invites(
        &self,
        query: &manage::InviteQuery,
    ) -> Result<Vec<manage::InviteRecord>, StoreError>;

    /// One invite with its redemptions and who revoked it.
    fn invite_record(&self, id: InviteId) -> Result<Option<manage::InviteRecord>, StoreError>;

    /// Looks an invite up by its id.
    fn find_by_id(&self, id: InviteId) -> Result<Option<Invite>, StoreError>;

    /// Looks an invite up by the hash of its token.
    fn find_by_token_hash(&self, hash: &TokenHash) -> Result<Option<Invite>, StoreError>;

    /// [`InviteStore::find_by_token_hash`], but only if it can be answered
    /// without waiting for a connection; `None` when it would wait. Unlike
    /// every other call, this one may be made on an async worker thread:
    /// an indexed read on a free connection takes microseconds, less than
    /// handing it to a blocking thread and back (scripts/bench P2, where
    /// that hand-off was a quarter of a page view's CPU).
    fn find_by_token_hash_now(
        &self,
        _hash: &TokenHash,
    ) -> Option<Result<Option<Invite>, StoreError>> {
        None
    }

    /// First step of a registration: takes one use of a live invite and
    /// records a pending claim for `localpart`, in one transaction, before
    /// the server is asked for the account. `check` identifies the
    /// registrant (a keyed hash of the password) so that a retry after a
    /// lost answer is recognised. See [`ClaimOutcome`].
    fn begin_claim(
        &self,
        id: InviteId,
        localpart: &str,
        check: &[u8; 32],
        now: Timestamp,
    ) -> Result<ClaimOutcome, StoreError>;

    /// The account exists: records the redemption, queues its effects and
    /// drops the claim, in one transaction. `None` if the claim is gone
    /// (another task resolved it).
    fn complete_claim(
        &self,
        claim: ClaimId,
        redeemer: &str,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Option<Vec<OutboxId>>, StoreError>;

    /// No account was created: gives the use back and drops the claim, in
    /// one transaction. Returns whether the claim was still there.
    fn release_claim(&self, claim: ClaimId) -> Result<bool, StoreError>;

    /// Claims created before `before`: registrations whose outcome was
    /// never learnt (the process died, or the server's answer was lost).
    fn stale_claims(&self, before: Timestamp) -> Result<Vec<Claim>, StoreError>;

    /// Counts a confirmation message for `address` on invite `id` and
    /// queues `effects` (the message), unless `limits` would be exceeded
    /// within their window; then nothing is written and `None` returned.
    fn queue_confirmation(
        &self,
        id: InviteId,
        address: &str,
        now: Timestamp,
        limits: ConfirmationLimits,
        effects: &[Effect],
    ) -> Result<Option<Vec<OutboxId>>, StoreError>;

    /// Claim and record in one transaction, for redemptions that need no
    /// server step in between. `None` if no use was left.
    fn consume_use(
        &self,
        id: InviteId,
        redeemer: &str,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Option<Vec<OutboxId>>, StoreError>;

    /// Takes one use of a live invite on its own, before a server step
    /// that a claim cannot settle (a password reset: whether it happened
    /// cannot be asked afterwards). `false` if no use was left.
    fn take_use(&self, id: InviteId, now: Timestamp) -> Result<bool, StoreError>;

    /// Gives back a use taken with [`InviteStore::take_use`]: the server
    /// definitely refused.
    fn give_back_use(&self, id: InviteId) -> Result<(), StoreError>;

    /// Records the redemption of a use already taken with
    /// [`InviteStore::take_use`] and queues its effects, in one transaction.
    fn record_taken_use(
        &self,
        id: InviteId,
        redeemer: &str,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Vec<OutboxId>, StoreError>;

    /// The pending claim for `localpart` on invite `id` by the registrant
    /// `check` identifies, if it is still there (a registration the server
    /// performs itself reports back through it).
    fn pending_claim(
        &self,
        id: InviteId,
        localpart: &str,
        check: &[u8; 32],
    ) -> Result<Option<ClaimId>, StoreError>;
    /// Whether `jid` registered (or accepted) with invite `id`.
    fn redeemed_by(&self, id: InviteId, jid: &str) -> Result<bool, StoreError>;

    /// Whether a live invite other than `except` reserves `username`.
    fn username_reserved_elsewhere(
        &self,
        username: &str,
        except: InviteId,
        now: Timestamp,
    ) -> Result<bool, StoreError>;

    /// Deletes invites that ended before `before` (expired, revoked, or
    /// used up by a last redemption then), with their redemptions.
    /// Returns how many invites were deleted.
    fn purge_expired(&self, before: Timestamp) -> Result<usize, StoreError>;

    /// Outbox entries whose next attempt is due at `now`, oldest first.
    fn due_effects(&self, now: Timestamp, limit: usize) -> Result<Vec<OutboxItem>, StoreError>;

    /// One outbox entry as it is now, if it is still waiting (not
    /// delivered, not given up).
    fn pending_effect(&self, id: OutboxId) -> Result<Option<OutboxItem>, StoreError>;

    /// The earliest next attempt of any outbox entry.
    fn next_effect_due(&self) -> Result<Option<Timestamp>, StoreError>;

    /// A 32-byte secret kept across restarts, made on first use.
    fn key(&self, name: &str) -> Result<[u8; 32], StoreError>;

    /// The language tag `jid` last used with the component, if any.
    fn user_language(&self, jid: &xmpp_parsers::jid::BareJid)
    -> Result<Option<String>, StoreError>;

    /// Records the language tag `jid` used at `now`.
    fn set_user_language(
        &self,
        jid: &xmpp_parsers::jid::BareJid,
        tag: &str,
        now: Timestamp,
    ) -> Result<(), StoreError>;

    /// Makes every waiting entry due at `now` (after a reconnect, when
    /// whatever failed before may well work). Returns how many were waiting.
    fn retry_all_now(&self, now: Timestamp) -> Result<usize, StoreError>;

    /// The server acknowledged the effect: it leaves the outbox.
    fn effect_done(&self, id: OutboxId) -> Result<(), StoreError>;

    /// The effect failed; try again at `next_attempt`, or, with
    /// `next_attempt` `None`, never again: the entry stays for the operator
    /// with `failed_at` set and is no longer due.
    fn effect_failed(
        &self,
        id: OutboxId,
        next_attempt: Option<Timestamp>,
        error: &str,
        now: Timestamp,
    ) -> Result<(), StoreError>;

    /// How many outbox entries have been given up on.
    fn failed_effects(&self) -> Result<usize, StoreError>;

    /// The first email limit that sending from `inviter` to `recipients`
    /// (keyed hashes of the addresses) at `now` would exceed.
    fn email_limit_hit(
        &self,
        inviter: &str,
        recipients: &[[u8; 32]],
        now: Timestamp,
        limits: email::EmailLimits,
    ) -> Result<Option<email::EmailLimitHit>, StoreError>;

    /// In one transaction, unless a limit would be exceeded: counts one
    /// send per recipient, records (or, for a resend, counts again) the
    /// invite's email with `address` and `message`, replaces the invite's
    /// token hash with `new_token` when given (a resend), and queues
    /// `effects`.
    #[allow(clippy::too_many_arguments)]
    fn queue_email(
        &self,
        id: InviteId,
        inviter: &str,
        recipients: &[[u8; 32]],
        address: &str,
        message: Option<&str>,
        new_token: Option<TokenHash>,
        now: Timestamp,
        limits: email::EmailLimits,
        effects: &[Effect],
    ) -> Result<Result<Vec<OutboxId>, email::EmailLimitHit>, StoreError>;

    /// The email side of invite `id`, if it was emailed.
    fn email_record(&self, id: InviteId) -> Result<Option<email::EmailRecord>, StoreError>;

    /// Records what became of invite `id`'s email: sent (`error` `None`),
    /// failed for now (`given_up` false) or for good.
    fn email_outcome(
        &self,
        id: InviteId,
        error: Option<&str>,
        given_up: bool,
        now: Timestamp,
    ) -> Result<(), StoreError>;
}

/// Runs a store call on a blocking thread. The one convention for every
/// domain service: use cases are async, and rusqlite never runs on an async
/// worker (a slow disk would stall every connection on that worker).
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Backend(Box::new(e)))?
}

/// Row id of a pending claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimId(pub i64);

/// A registration in progress: one use of `invite` is taken for
/// `localpart` and the server has been (or is about to be) asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: ClaimId,
    pub invite: InviteId,
    pub localpart: String,
    pub created: Timestamp,
}

/// What [`InviteStore::begin_claim`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimOutcome {
    /// A use is taken and the claim recorded.
    Claimed(ClaimId),
    /// A claim for this localpart on this invite, by the same registrant,
    /// is still pending (an earlier attempt whose answer was lost): the
    /// caller resumes it instead of taking a second use.
    Resumed(ClaimId),
    /// Another registration for this localpart is in progress.
    LocalpartBusy,
    /// No use left (or the invite is no longer live).
    NoUseLeft,
}

/// Caps on confirmation messages, so that one contact token cannot make
/// the component message local users again and again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfirmationLimits {
    pub window_secs: i64,
    pub per_invite: u32,
    pub per_recipient: u32,
}

impl Default for ConfirmationLimits {
    fn default() -> Self {
        ConfirmationLimits {
            window_secs: 86_400,
            per_invite: 5,
            per_recipient: 3,
        }
    }
}

/// Row id of an outbox entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OutboxId(pub i64);

/// An effect waiting for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: OutboxId,
    pub effect: Effect,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When it was queued.
    pub created: Timestamp,
}

/// Errors from a store. None of them is a peer's fault.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A live invite already reserves this username.
    #[error("the username '{0}' is already reserved by another invite")]
    UsernameReserved(String),
    /// The database failed (I/O, corruption, locked for too long). The
    /// cause is kept as the error's source; the domain does not name it.
    #[error("database error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}
