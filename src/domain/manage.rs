//! Managing invites once minted: listing them, revoking them, and the
//! quotas that bound how many a user may mint. The XMPP commands
//! (`#list`) and the admin command line both go through [`ManageService`],
//! so the rules (a user sees and revokes only their own; admins and the
//! operator everything) live in one place.

use super::invite::{Invite, InviteId, InviteKind, InviteState};
use super::policy::{Policy, Requester, SharedPolicy};
use super::time::{Clock, Timestamp};
use super::{InviteStore, StoreError, blocking};
use std::sync::Arc;
use xmpp_parsers::jid::BareJid;

/// The short public name of an invite: its row id, which the store never
/// reuses (AUTOINCREMENT). Never derived from the token.
pub fn public_id(id: InviteId) -> String {
    id.0.to_string()
}

/// Reads a public id back; `None` for anything else.
pub fn parse_public_id(s: &str) -> Option<InviteId> {
    let s = s.trim().trim_start_matches('#');
    // Digits only: no sign, no spaces inside, no leading '+'.
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok().filter(|n| *n > 0).map(InviteId)
}

/// Limits on what one non-admin user may mint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// Live invites (not expired, revoked or used up) at any time.
    pub max_live: u32,
    /// Invites minted in any 24 hours.
    pub max_per_day: u32,
}

impl Default for Quota {
    fn default() -> Self {
        Quota {
            max_live: 10,
            max_per_day: 20,
        }
    }
}

/// The window of [`Quota::max_per_day`].
pub const QUOTA_DAY_SECS: i64 = 86_400;

/// Which limit a mint hit, and when it frees up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuotaExceeded {
    #[error(
        "you already have {limit} live invites, the most allowed; one frees up when it is used, \
         when you revoke it (My invites), or at {frees} when the first expires",
        frees = frees_at.to_xep0082()
    )]
    Live { limit: u32, frees_at: Timestamp },
    #[error(
        "you have created {limit} invites in the last 24 hours, the most allowed; \
         the next one can be created at {frees}",
        frees = frees_at.to_xep0082()
    )]
    Daily { limit: u32, frees_at: Timestamp },
}

/// Someone who used an invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redeemer {
    pub jid: String,
    pub at: Timestamp,
}

/// An invite with what managing it needs: who revoked it and who joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteRecord {
    pub invite: Invite,
    pub revoked_by: Option<String>,
    pub redemptions: Vec<Redeemer>,
    /// Its email, if it was sent by email (shown to its creator and admins,
    /// the only ones who list it).
    pub email: Option<super::email::EmailRecord>,
}

/// What to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InviteQuery {
    pub creator: Option<String>,
    pub kind: Option<InviteKind>,
    /// Only invites live at this time; `None`: every invite kept.
    pub live_at: Option<Timestamp>,
    /// At most this many, newest first.
    pub limit: usize,
}

/// Who manages: a user of the served domain (through their client), or the
/// operator on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Jid(BareJid),
    Operator,
}

impl Actor {
    /// What `revoked_by` records.
    pub fn label(&self) -> String {
        match self {
            Actor::Jid(j) => j.to_string(),
            Actor::Operator => "operator (command line)".into(),
        }
    }
}

/// Why a management request was refused.
#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    /// The requester may not manage invites at all.
    #[error("only users of {0} can manage invites here")]
    NotLocal(String),
    /// No invite with this id that the requester may see (someone else's
    /// looks the same as a missing one).
    #[error("no invite {0} among those you can manage")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How many invites a list shows at most.
pub const LIST_LIMIT: usize = 200;

/// Listing and revoking.
pub struct ManageService {
    store: Arc<dyn InviteStore>,
    policy: SharedPolicy,
    clock: Arc<dyn Clock>,
}

impl ManageService {
    pub fn new(store: Arc<dyn InviteStore>, policy: SharedPolicy, clock: Arc<dyn Clock>) -> Self {
        ManageService {
            store,
            policy,
            clock,
        }
    }

    /// The policy in force now.
    pub fn policy(&self) -> Arc<Policy> {
        self.policy.get()
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Whether `actor` sees every invite (admins, the operator) or only
    /// their own; `Err` if they may not manage any.
    fn scope(&self, actor: &Actor) -> Result<Option<String>, ManageError> {
        match actor {
            Actor::Operator => Ok(None),
            Actor::Jid(j) => match self.policy().classify(j) {
                Requester::Admin => Ok(None),
                Requester::LocalUser => Ok(Some(j.to_string())),
                Requester::Foreign => Err(ManageError::NotLocal(self.policy().domain().into())),
            },
        }
    }

    /// Invites `actor` may see that match `query`; a user's query is
    /// narrowed to their own whatever it asks.
    pub async fn list(
        &self,
        actor: &Actor,
        mut query: InviteQuery,
    ) -> Result<Vec<InviteRecord>, ManageError> {
        if let Some(own) = self.scope(actor)? {
            query.creator = Some(own);
        }
        if query.limit == 0 {
            query.limit = LIST_LIMIT;
        }
        let store = self.store.clone();
        Ok(blocking(move || store.list_invites(&query)).await?)
    }

    /// The live invites `actor` may see, for `#list`.
    pub async fn list_live(
        &self,
        actor: &Actor,
        creator: Option<String>,
        kind: Option<InviteKind>,
    ) -> Result<Vec<InviteRecord>, ManageError> {
        let query = InviteQuery {
            creator,
            kind,
            live_at: Some(self.clock.now()),
            limit: LIST_LIMIT,
        };
        self.list(actor, query).await
    }

    /// One invite `actor` may see.
    pub async fn show(&self, actor: &Actor, id: InviteId) -> Result<InviteRecord, ManageError> {
        let scope = self.scope(actor)?;
        let store = self.store.clone();
        let record = blocking(move || store.invite_record(id)).await?;
        record
            .filter(|r| {
                scope
                    .as_deref()
                    .is_none_or(|s| r.invite.creator.as_str() == s)
            })
            .ok_or_else(|| ManageError::NotFound(public_id(id)))
    }

    /// Revokes `ids`, all or none of the ones `actor` may not touch: each
    /// must be an invite `actor` may see (their own, unless admin or
    /// operator). Already revoked ones are left as they were (who revoked
    /// them first stays recorded). Returns the ids revoked now.
    pub async fn revoke(
        &self,
        actor: &Actor,
        ids: &[InviteId],
    ) -> Result<Vec<InviteId>, ManageError> {
        let scope = self.scope(actor)?;
        for id in ids {
            self.show(actor, *id).await?;
        }
        let (store, ids, by, now) = (
            self.store.clone(),
            ids.to_vec(),
            actor.label(),
            self.clock.now(),
        );
        Ok(blocking(move || {
            let mut done = Vec::new();
            for id in ids {
                // The owner is checked again in the same statement that
                // revokes, so nothing between the check and here matters.
                if store.revoke(id, &by, scope.as_deref(), now)? {
                    done.push(id);
                }
            }
            Ok(done)
        })
        .await?)
    }

    /// Deletes what ended more than `retention` ago (see
    /// [`InviteStore::purge_expired`]).
    pub async fn purge(&self, retention: std::time::Duration) -> Result<usize, StoreError> {
        let (store, before) = (self.store.clone(), self.clock.now().minus(retention));
        blocking(move || store.purge_expired(before)).await
    }
}

/// A one-line description of an invite's state, for lists.
pub fn state_name(invite: &Invite, now: Timestamp) -> &'static str {
    match invite.state(now) {
        InviteState::Live => "live",
        InviteState::Revoked => "revoked",
        InviteState::Expired => "expired",
        InviteState::UsedUp => "used",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_ids_round_trip_and_refuse_anything_else() {
        assert_eq!(
            parse_public_id(&public_id(InviteId(42))),
            Some(InviteId(42))
        );
        assert_eq!(parse_public_id("#7"), Some(InviteId(7)));
        for bad in [
            "",
            "0",
            "-1",
            "+3",
            "1 2",
            "abc",
            "99999999999999999999",
            "1e3",
        ] {
            assert_eq!(parse_public_id(bad), None, "{bad}");
        }
    }
}
