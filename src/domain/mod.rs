//! The domain core: what an invite is, who may mint which kind, how tokens
//! are made and checked. Nothing here knows XML, HTTP or SQL; the adapters
//! (`xmpp`, later `web`) and the store depend on this module, never the
//! other way round.

pub mod invite;
pub mod links;
pub mod policy;
pub mod redeem;
pub mod server;
pub mod service;
pub mod time;
pub mod token;

pub use invite::{Invite, InviteId, InviteKind, InviteState, NewInvite};
pub use policy::{Policy, Requester};
pub use server::{AccountError, Effect, EffectError, ServerOps, Subscription};
pub use service::{InviteService, MintError, MintRequest, MintedInvite};
pub use time::{Clock, SystemClock, Timestamp};
pub use token::{Token, TokenHash};

/// Storage the domain needs. Implemented by [`crate::store::SqliteStore`]
/// and, in unit tests, by in-memory fakes. Calls are blocking: adapters
/// running on an async runtime call them from a blocking thread.
pub trait InviteStore: Send + Sync {
    /// Inserts a new invite in one short transaction. When the invite
    /// reserves a username that a live invite (not expired, not revoked,
    /// not used up at `now`) already reserves, nothing is written and
    /// [`StoreError::UsernameReserved`] is returned.
    fn insert_invite(&self, invite: &NewInvite, now: Timestamp) -> Result<InviteId, StoreError>;

    /// Looks an invite up by its id.
    fn find_by_id(&self, id: InviteId) -> Result<Option<Invite>, StoreError>;

    /// Looks an invite up by the hash of its token.
    fn find_by_token_hash(&self, hash: &TokenHash) -> Result<Option<Invite>, StoreError>;

    /// Takes one use of a live invite, atomically; `false` if none is left
    /// (or the invite is expired or revoked). First step of a registration:
    /// the use is either recorded or released once the server has answered.
    fn claim_use(&self, id: InviteId, now: Timestamp) -> Result<bool, StoreError>;

    /// Gives back a use taken by [`InviteStore::claim_use`].
    fn release_use(&self, id: InviteId) -> Result<(), StoreError>;

    /// Records who redeemed a claimed use and queues its effects in the
    /// outbox, in one transaction.
    fn record_redemption(
        &self,
        id: InviteId,
        redeemer: &str,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Vec<OutboxId>, StoreError>;

    /// Claim and record in one transaction, for redemptions that need no
    /// server step in between. `None` if no use was left.
    fn consume_use(
        &self,
        id: InviteId,
        redeemer: &str,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Option<Vec<OutboxId>>, StoreError>;

    /// Whether a live invite other than `except` reserves `username`.
    fn username_reserved_elsewhere(
        &self,
        username: &str,
        except: InviteId,
        now: Timestamp,
    ) -> Result<bool, StoreError>;

    /// Deletes invites that expired before `before`, with their redemptions.
    /// Returns how many invites were deleted.
    fn purge_expired(&self, before: Timestamp) -> Result<usize, StoreError>;

    /// Outbox entries whose next attempt is due at `now`, oldest first.
    fn due_effects(&self, now: Timestamp, limit: usize) -> Result<Vec<OutboxItem>, StoreError>;

    /// The earliest next attempt of any outbox entry.
    fn next_effect_due(&self) -> Result<Option<Timestamp>, StoreError>;

    /// A 32-byte secret kept across restarts, made on first use.
    fn key(&self, name: &str) -> Result<[u8; 32], StoreError>;

    /// Queues effects that belong to no redemption (yet).
    fn queue_effects(
        &self,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Vec<OutboxId>, StoreError>;

    /// Makes every waiting entry due at `now` (after a reconnect, when
    /// whatever failed before may well work). Returns how many were waiting.
    fn retry_all_now(&self, now: Timestamp) -> Result<usize, StoreError>;

    /// The server acknowledged the effect: it leaves the outbox.
    fn effect_done(&self, id: OutboxId) -> Result<(), StoreError>;

    /// The effect failed; try again at `next_attempt`.
    fn effect_failed(
        &self,
        id: OutboxId,
        next_attempt: Timestamp,
        error: &str,
    ) -> Result<(), StoreError>;
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
}

/// Errors from a store. None of them is a peer's fault.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A live invite already reserves this username.
    #[error("the username '{0}' is already reserved by another invite")]
    UsernameReserved(String),
    /// The database failed (I/O, corruption, locked for too long).
    #[error("database error: {0}")]
    Backend(String),
}
