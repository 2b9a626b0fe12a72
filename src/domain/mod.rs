//! The domain core: what an invite is, who may mint which kind, how tokens
//! are made and checked. Nothing here knows XML, HTTP or SQL; the adapters
//! (`xmpp`, later `web`) and the store depend on this module, never the
//! other way round.

pub mod invite;
pub mod links;
pub mod policy;
pub mod service;
pub mod time;
pub mod token;

pub use invite::{Invite, InviteId, InviteKind, InviteState, NewInvite};
pub use policy::{Policy, Requester};
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

    /// Looks an invite up by the hash of its token.
    fn find_by_token_hash(&self, hash: &TokenHash) -> Result<Option<Invite>, StoreError>;

    /// Consumes one use of the invite for `redeemer`, atomically: the use is
    /// counted only if the invite is live at `now` and has a use left.
    fn consume_use(
        &self,
        id: InviteId,
        redeemer: &str,
        now: Timestamp,
    ) -> Result<ConsumeOutcome, StoreError>;

    /// Deletes invites that expired before `before`, with their redemptions.
    /// Returns how many invites were deleted.
    fn purge_expired(&self, before: Timestamp) -> Result<usize, StoreError>;
}

/// What [`InviteStore::consume_use`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsumeOutcome {
    /// One use was counted and the redemption recorded.
    Consumed,
    /// Nothing was counted: the invite is unknown, revoked, expired or used up.
    NotLive,
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
