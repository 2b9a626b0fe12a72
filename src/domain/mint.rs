//! Minting invites: the use cases the adapters call.

use super::invite::{InviteId, InviteKind, NewInvite};
use super::links::Links;
use super::manage::{Quota, QuotaExceeded};
use super::policy::SharedPolicy;
use super::policy::{Denied, Operation, Policy, Requester};
use super::registration::{MAX_USERNAME_CHARS, ReservedNames, is_text};
use super::time::{Clock, Timestamp};
use super::token::{RngError, Token};
use super::{InviteStore, MintOutcome, NewMint, StoreError, blocking};
use crate::ops::audit;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::oneshot;
use xmpp_parsers::jid::{BareJid, NodePart};

/// Limits that bound what a requester may ask for.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Lifetime when the requester does not choose one.
    pub default_lifetime: Duration,
    /// Longest lifetime an admin may choose.
    pub max_lifetime: Duration,
    /// Most uses an admin may give one invite.
    pub max_uses: u32,
    /// Longest note, in characters.
    pub max_note_chars: usize,
    /// Names no invite may be bound to (role names, admins).
    pub reserved: ReservedNames,
    /// What one non-admin user may mint (admins are exempt).
    pub quota: Quota,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            default_lifetime: Duration::from_secs(7 * 86_400),
            max_lifetime: Duration::from_secs(90 * 86_400),
            max_uses: 100,
            max_note_chars: 500,
            reserved: ReservedNames::default(),
            quota: Quota::default(),
        }
    }
}

/// How long a password-reset invite is valid unless asked otherwise.
pub const RESET_LIFETIME: Duration = Duration::from_secs(86_400);

/// What an admin asks for with `#create-account`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MintRequest {
    pub username: Option<String>,
    pub roster_subscription: bool,
    pub lifetime: Option<Duration>,
    pub uses: Option<u32>,
    pub note: Option<String>,
}

/// A freshly minted invite: the only moment the token exists in clear.
#[derive(Debug, Clone)]
pub struct MintedInvite {
    pub id: InviteId,
    pub kind: InviteKind,
    pub token: Token,
    pub uri: String,
    pub landing_url: String,
    pub expires: Timestamp,
}

/// Why minting failed. `Denied` and the `Invalid*` variants are the
/// requester's to fix; the others are ours.
#[derive(Debug, thiserror::Error)]
pub enum MintError {
    #[error("{0}")]
    Denied(#[from] Denied),
    #[error("'{0}' is not a valid username: {1}")]
    InvalidUsername(String, &'static str),
    #[error("the username '{0}' is already reserved by another invite")]
    UsernameReserved(String),
    #[error("the username '{0}' is reserved for the server's own roles and admins")]
    UsernameNotAllowed(String),
    #[error("the lifetime must be between one minute and {0}")]
    InvalidLifetime(String),
    #[error("the number of uses must be between 1 and {0}")]
    InvalidUses(u32),
    #[error(
        "an invite reserved for a username creates one account: set the number of uses to 1 or leave the username empty"
    )]
    UsesWithUsername,
    #[error("the note is longer than {0} characters")]
    NoteTooLong(usize),
    #[error(transparent)]
    InvalidGroup(#[from] super::groups::GroupNameError),
    /// The requester is at one of their quotas; nothing was minted.
    #[error(transparent)]
    Quota(#[from] QuotaExceeded),
    #[error(transparent)]
    Rng(#[from] RngError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for MintError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::UsernameReserved(u) => MintError::UsernameReserved(u),
            other => MintError::Store(other),
        }
    }
}

/// Normalises a requested localpart with the XMPP rules (nodeprep: case
/// folding, forbidden characters, 1023 bytes at most), the same ones the
/// server applies, so that the reserved name is the one that gets
/// registered.
pub fn normalise_username(raw: &str) -> Result<String, MintError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(MintError::InvalidUsername(raw.into(), "it is empty"));
    }
    if !is_text(trimmed) {
        return Err(MintError::InvalidUsername(
            raw.into(),
            "it contains control characters",
        ));
    }
    if trimmed.chars().count() > MAX_USERNAME_CHARS {
        return Err(MintError::InvalidUsername(
            raw.into(),
            "it is too long (64 characters at most)",
        ));
    }
    if trimmed.contains(['@', '/']) {
        return Err(MintError::InvalidUsername(
            raw.into(),
            "give only the part before the @",
        ));
    }
    NodePart::new(trimmed)
        .map(|n| n.as_str().to_owned())
        .map_err(|_| {
            MintError::InvalidUsername(
                raw.into(),
                "it contains characters not allowed in an XMPP address or is too long",
            )
        })
}

/// Formats a duration the way the config file writes them.
pub fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        s if s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s % 3_600 == 0 => format!("{}h", s / 3_600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// Group commit of concurrent mints: a mint queues and awaits its outcome;
/// one thread of its own takes everything queued to the store in one call
/// ([`InviteStore::insert_invites`]: one transaction, one sync to disk), and
/// whatever arrives meanwhile goes in the next. Each mint thus costs a queue
/// push, and a wake of the thread when it sleeps, not a blocking thread of
/// its own contending for the write lock (scripts/bench P1). The thread is
/// its own, not the runtime's blocking pool: handing each commit to that
/// pool and back through a task cost about 140 us of a mint's latency, as
/// much as the commit itself. Outcomes are handed out only after the
/// commit, so an answered mint is durable.
struct MintBatch {
    shared: Arc<BatchShared>,
}

struct BatchShared {
    queue: Mutex<MintQueue>,
    /// Signalled when a mint is queued or the batch is closed.
    queued: std::sync::Condvar,
}

#[derive(Default)]
struct MintQueue {
    waiting: Vec<(NewMint, oneshot::Sender<MintOutcome>)>,
    /// No more mints come: the thread ends once the queue is empty.
    closed: bool,
}

impl BatchShared {
    fn queue(&self) -> std::sync::MutexGuard<'_, MintQueue> {
        // Only pushes and takes happen under the lock: nothing half-done
        // can be left behind by a panic elsewhere.
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The committing thread: waits for mints, commits them, answers.
    fn run(&self, store: &dyn InviteStore) {
        loop {
            let batch = {
                let mut q = self.queue();
                while q.waiting.is_empty() && !q.closed {
                    q = self.queued.wait(q).unwrap_or_else(|p| p.into_inner());
                }
                if q.waiting.is_empty() {
                    return;
                }
                std::mem::take(&mut q.waiting)
            };
            let (mints, answers): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
            // A panic inside the store answers this batch with an error and
            // leaves the thread serving the next one.
            let settled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                store.insert_invites(&mints)
            }));
            match settled {
                Ok(outcomes) => {
                    for (answer, outcome) in answers.into_iter().zip(outcomes) {
                        let _ = answer.send(outcome);
                    }
                }
                Err(_) => {
                    for answer in answers {
                        let _ = answer.send(Err(StoreError::Backend(
                            "the group commit failed: the store panicked".into(),
                        )));
                    }
                }
            }
        }
    }
}

impl MintBatch {
    fn start(store: Arc<dyn InviteStore>) -> MintBatch {
        let shared = Arc::new(BatchShared {
            queue: Mutex::default(),
            queued: std::sync::Condvar::new(),
        });
        let thread = shared.clone();
        let started = std::thread::Builder::new()
            .name("mint-commit".into())
            .spawn(move || thread.run(&*store));
        if let Err(e) = started {
            // Without the thread every mint is answered with an error (the
            // queue's answers are dropped); the process keeps serving.
            tracing::error!(error = %e, "cannot start the thread that commits mints");
            shared.queue().closed = true;
        }
        MintBatch { shared }
    }

    async fn insert(&self, mint: NewMint) -> MintOutcome {
        let (tx, rx) = oneshot::channel();
        {
            let mut q = self.shared.queue();
            if q.closed {
                return Err(StoreError::Backend(
                    "the group commit is not running".into(),
                ));
            }
            q.waiting.push((mint, tx));
        }
        self.shared.queued.notify_one();
        rx.await.unwrap_or_else(|_| {
            Err(StoreError::Backend(
                "the group commit ended without an outcome".into(),
            ))
        })
    }
}

impl Drop for MintBatch {
    /// The thread commits what is queued, then ends.
    fn drop(&mut self) {
        self.shared.queue().closed = true;
        self.shared.queued.notify_one();
    }
}

/// The invite use cases over a store.
pub struct MintService {
    store: Arc<dyn InviteStore>,
    batch: Arc<MintBatch>,
    /// Replaced whole when the settings are reloaded (SIGHUP), shared
    /// with the services that apply the same policy; a mint works on the
    /// copy it took at its start.
    policy: SharedPolicy,
    links: Links,
    limits: RwLock<Arc<Limits>>,
    clock: Arc<dyn Clock>,
}

impl MintService {
    pub fn new(
        store: Arc<dyn InviteStore>,
        policy: Policy,
        links: Links,
        limits: Limits,
        clock: Arc<dyn Clock>,
    ) -> MintService {
        MintService {
            batch: Arc::new(MintBatch::start(store.clone())),
            store,
            policy: SharedPolicy::new(policy),
            links,
            limits: RwLock::new(Arc::new(limits)),
            clock,
        }
    }

    /// The policy in force now.
    pub fn policy(&self) -> Arc<Policy> {
        self.policy.get()
    }

    /// The policy, shared with the services that must apply the same one
    /// (redemption, management) and follow its reloads.
    pub fn shared_policy(&self) -> SharedPolicy {
        self.policy.clone()
    }

    /// The limits in force now.
    pub fn limits(&self) -> Arc<Limits> {
        self.limits
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Puts new rules in force (a reload); mints under way finish with the
    /// ones they started with.
    pub fn reconfigure(&self, policy: Policy, limits: Limits) {
        self.policy.set(policy);
        *self.limits.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(limits);
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// `urn:xmpp:invite#invite`: a contact invite for the requester, which
    /// also allows registration for admins or with `allow_user_invites`.
    pub async fn mint_contact_invite(
        &self,
        requester: &BareJid,
    ) -> Result<MintedInvite, MintError> {
        let result = self.contact_invite(requester, false).await;
        audit::mint(self.policy().classify(requester), "contact", &result);
        result
    }

    /// A contact invite for `inviter`, made by the operator on the command
    /// line: the policy for `inviter` applies (kind, contact invites
    /// allowed), their quota does not.
    pub async fn mint_operator_contact_invite(
        &self,
        inviter: &BareJid,
    ) -> Result<MintedInvite, MintError> {
        self.contact_invite(inviter, true).await
    }

    async fn contact_invite(
        &self,
        requester: &BareJid,
        by_operator: bool,
    ) -> Result<MintedInvite, MintError> {
        let who = self.policy().classify(requester);
        self.policy().check(who, Operation::ContactInvite)?;
        let kind = self.policy().contact_invite_kind(who);
        let now = self.clock.now();
        let token = Token::generate()?;
        self.store_new(
            requester,
            by_operator,
            token.clone(),
            NewInvite {
                token_hash: token.hash(),
                kind,
                creator: requester.clone(),
                created: now,
                expires: now.plus(self.limits().default_lifetime),
                max_uses: 1,
                reserved_username: None,
                // Accepting a contact invite always makes both parties contacts.
                roster_subscription: true,
                note: None,
                group: None,
            },
        )
        .await
    }

    /// `urn:xmpp:invite#create-account`: an account invite, admins only.
    pub async fn mint_account_invite(
        &self,
        requester: &BareJid,
        req: MintRequest,
    ) -> Result<MintedInvite, MintError> {
        let policy = self.policy();
        let who = policy.classify(requester);
        let result = match policy.check(who, Operation::AccountInvite) {
            Ok(()) => self.account_invite_by(requester, req).await,
            Err(denied) => Err(denied.into()),
        };
        audit::mint(who, "account", &result);
        result
    }

    /// An account invite with `requester` as its creator, whose right to
    /// mint it the caller has checked.
    async fn account_invite_by(
        &self,
        requester: &BareJid,
        req: MintRequest,
    ) -> Result<MintedInvite, MintError> {
        let username = req
            .username
            .as_deref()
            .map(normalise_username)
            .transpose()?;
        if let Some(name) = username
            .as_ref()
            .filter(|n| self.limits().reserved.contains(n))
        {
            return Err(MintError::UsernameNotAllowed(name.clone()));
        }
        let lifetime = req.lifetime.unwrap_or(self.limits().default_lifetime);
        if lifetime < Duration::from_secs(60) || lifetime > self.limits().max_lifetime {
            return Err(MintError::InvalidLifetime(format_duration(
                self.limits().max_lifetime,
            )));
        }
        let uses = req.uses.unwrap_or(1);
        if uses == 0 || uses > self.limits().max_uses {
            return Err(MintError::InvalidUses(self.limits().max_uses));
        }
        // A username-bound invite can only ever register that one name.
        if username.is_some() && uses != 1 {
            return Err(MintError::UsesWithUsername);
        }
        let note = self.check_note(req.note)?;
        let now = self.clock.now();
        let token = Token::generate()?;
        self.store_new(
            requester,
            false,
            token.clone(),
            NewInvite {
                token_hash: token.hash(),
                kind: InviteKind::Account,
                creator: requester.clone(),
                created: now,
                expires: now.plus(lifetime),
                max_uses: uses,
                reserved_username: username,
                roster_subscription: req.roster_subscription,
                note,
                group: None,
            },
        )
        .await
    }

    /// A password-reset invite for the existing account `localpart` (the
    /// caller has checked that it exists): admins and the operator only,
    /// one use, 24 hours unless `lifetime` says otherwise.
    pub async fn mint_reset_invite(
        &self,
        requester: &BareJid,
        localpart: &str,
        lifetime: Option<Duration>,
        note: Option<String>,
    ) -> Result<MintedInvite, MintError> {
        let who = self.policy().classify(requester);
        self.policy().check(who, Operation::AccountInvite)?;
        self.reset_invite_by(requester, localpart, lifetime, note)
            .await
    }

    /// [`MintService::mint_reset_invite`] on the command line.
    pub async fn mint_operator_reset_invite(
        &self,
        localpart: &str,
        lifetime: Option<Duration>,
        note: Option<String>,
    ) -> Result<MintedInvite, MintError> {
        self.reset_invite_by(&self.operator(), localpart, lifetime, note)
            .await
    }

    async fn reset_invite_by(
        &self,
        requester: &BareJid,
        localpart: &str,
        lifetime: Option<Duration>,
        note: Option<String>,
    ) -> Result<MintedInvite, MintError> {
        let localpart = normalise_username(localpart)?;
        let lifetime = lifetime.unwrap_or(RESET_LIFETIME);
        if lifetime < Duration::from_secs(60) || lifetime > self.limits().max_lifetime {
            return Err(MintError::InvalidLifetime(format_duration(
                self.limits().max_lifetime,
            )));
        }
        let note = self.check_note(note)?;
        let now = self.clock.now();
        let token = Token::generate()?;
        self.store_new(
            requester,
            false,
            token.clone(),
            NewInvite {
                token_hash: token.hash(),
                kind: InviteKind::Reset,
                creator: requester.clone(),
                created: now,
                expires: now.plus(lifetime),
                max_uses: 1,
                reserved_username: Some(localpart),
                roster_subscription: false,
                note,
                group: None,
            },
        )
        .await
    }

    fn check_note(&self, note: Option<String>) -> Result<Option<String>, MintError> {
        let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > self.limits().max_note_chars)
        {
            return Err(MintError::NoteTooLong(self.limits().max_note_chars));
        }
        Ok(note)
    }

    /// A group invite (see [`super::groups`]): reusable, and everyone who
    /// joins through it becomes a mutual contact of the creator and of
    /// every earlier joiner, in the roster group `group`. Its joiners may
    /// register, so only those whose contact invites allow registration
    /// may make one: admins, and users when `allow_user_invites` is on.
    pub async fn mint_group_invite(
        &self,
        requester: &BareJid,
        group: &str,
        req: MintRequest,
    ) -> Result<MintedInvite, MintError> {
        let policy = self.policy();
        let who = policy.classify(requester);
        let result = async {
            policy.check(who, Operation::ContactInvite)?;
            if policy.contact_invite_kind(who) != InviteKind::AccountAndContact {
                return Err(Denied::NotAdmin(policy.domain().to_owned()).into());
            }
            let group = super::groups::check_group_name(group)?;
            let lifetime = req.lifetime.unwrap_or(self.limits().default_lifetime);
            if lifetime < Duration::from_secs(60) || lifetime > self.limits().max_lifetime {
                return Err(MintError::InvalidLifetime(format_duration(
                    self.limits().max_lifetime,
                )));
            }
            let uses = req.uses.unwrap_or(self.limits().max_uses.min(10));
            if uses == 0 || uses > self.limits().max_uses {
                return Err(MintError::InvalidUses(self.limits().max_uses));
            }
            let note = self.check_note(req.note)?;
            let now = self.clock.now();
            let token = Token::generate()?;
            self.store_new(
                requester,
                false,
                token.clone(),
                NewInvite {
                    token_hash: token.hash(),
                    kind: InviteKind::AccountAndContact,
                    creator: requester.clone(),
                    created: now,
                    expires: now.plus(lifetime),
                    max_uses: uses,
                    reserved_username: None,
                    roster_subscription: true,
                    note,
                    group: Some(group),
                },
            )
            .await
        }
        .await;
        audit::mint(who, "group", &result);
        result
    }

    /// An account invite made by the operator on the command line: the
    /// same checks as `#create-account`, with the served domain as creator.
    pub async fn mint_operator_account_invite(
        &self,
        req: MintRequest,
    ) -> Result<MintedInvite, MintError> {
        self.account_invite_by(&self.operator(), req).await
    }

    /// The creator recorded for invites made on the command line.
    pub fn operator(&self) -> BareJid {
        BareJid::new(self.policy().domain()).expect("the configured domain is a valid JID")
    }

    /// Stores a new invite; a local user's counts against their quota
    /// unless `exempt` (made by the operator).
    async fn store_new(
        &self,
        requester: &BareJid,
        exempt: bool,
        token: Token,
        invite: NewInvite,
    ) -> Result<MintedInvite, MintError> {
        // Admins and the operator are exempt from quotas.
        let quota = match self.policy().classify(requester) {
            Requester::LocalUser if !exempt => Some(self.limits().quota),
            _ => None,
        };
        let id = self
            .batch
            .insert(NewMint {
                now: invite.created,
                invite: invite.clone(),
                quota,
            })
            .await??;
        let uri = self.links.xmpp_uri(
            invite.kind,
            requester.node().map(|n| n.as_str()),
            invite.reserved_username.as_deref(),
            &token,
        );
        Ok(MintedInvite {
            id,
            kind: invite.kind,
            landing_url: self.links.landing_url(&token),
            uri,
            token,
            expires: invite.expires,
        })
    }

    /// The live invite of `requester` whose token this is, as it was when
    /// minted: a later stage of the command that minted it (the token comes
    /// back from that session's form).
    pub async fn minted_again(
        &self,
        requester: &BareJid,
        token: &Token,
    ) -> Result<Option<MintedInvite>, MintError> {
        let (store, hash) = (self.store.clone(), token.hash());
        let now = self.clock.now();
        let found = blocking(move || store.find_by_token_hash(&hash))
            .await?
            .filter(|i| i.creator == *requester && i.state(now) == super::InviteState::Live);
        Ok(found.map(|i| MintedInvite {
            id: i.id,
            kind: i.kind,
            uri: self.links.xmpp_uri(
                i.kind,
                requester.node().map(|n| n.as_str()),
                i.reserved_username.as_deref(),
                token,
            ),
            landing_url: self.links.landing_url(token),
            token: token.clone(),
            expires: i.expires,
        }))
    }

    /// Deletes invites that expired longer than `retention` ago.
    pub async fn purge_expired(&self, retention: Duration) -> Result<usize, StoreError> {
        let (store, before) = (self.store.clone(), self.clock.now().minus(retention));
        blocking(move || store.purge_expired(before)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SqliteStore;

    struct FixedClock(Timestamp);
    impl Clock for FixedClock {
        fn now(&self) -> Timestamp {
            self.0
        }
    }

    fn service(user_invites: bool) -> (MintService, Arc<SqliteStore>) {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let policy = Policy::new(
            "example.org",
            [BareJid::new("admin@example.org").unwrap()],
            user_invites,
            true,
        );
        let svc = MintService::new(
            store.clone(),
            policy,
            Links::new("example.org", "https://invite.example.org"),
            Limits::default(),
            Arc::new(FixedClock(Timestamp(1_000_000))),
        );
        (svc, store)
    }

    fn jid(s: &str) -> BareJid {
        BareJid::new(s).unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_mints_are_committed_in_groups_and_keep_to_the_quota() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SqliteStore::open(&dir.path().join("invites.sqlite")).unwrap());
        let svc = Arc::new(MintService::new(
            store.clone(),
            Policy::new("example.org", [jid("admin@example.org")], true, true),
            Links::new("example.org", "https://invite.example.org"),
            Limits {
                quota: Quota {
                    max_live: 7,
                    max_per_day: 100,
                },
                ..Limits::default()
            },
            Arc::new(FixedClock(Timestamp(1_000_000))),
        ));
        let mints = (0..40).map(|i| {
            let svc = svc.clone();
            tokio::spawn(async move {
                // Two users with a quota each, and an exempt admin.
                let who = ["bob@example.org", "eve@example.org", "admin@example.org"][i % 3];
                (who, svc.mint_contact_invite(&jid(who)).await)
            })
        });
        let mut made = std::collections::HashMap::<&str, Vec<InviteId>>::new();
        for m in futures::future::join_all(mints).await {
            let (who, outcome) = m.unwrap();
            match outcome {
                Ok(m) => {
                    let row = store.find_by_token_hash(&m.token.hash()).unwrap().unwrap();
                    assert_eq!((row.id, row.creator.as_str()), (m.id, who));
                    made.entry(who).or_default().push(m.id);
                }
                Err(MintError::Quota(_)) => assert_ne!(who, "admin@example.org"),
                Err(e) => panic!("{who}: {e}"),
            }
        }
        assert_eq!(made["bob@example.org"].len(), 7);
        assert_eq!(made["eve@example.org"].len(), 7);
        assert_eq!(made["admin@example.org"].len(), 13);
        let mut ids: Vec<_> = made.values().flatten().map(|id| id.0).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 27, "every stored mint has its own id");
    }

    #[tokio::test]
    async fn contact_invite_uri_names_the_requester() {
        let (svc, store) = service(false);
        let m = svc
            .mint_contact_invite(&jid("bob@example.org"))
            .await
            .unwrap();
        assert_eq!(m.kind, InviteKind::Contact);
        assert_eq!(
            m.uri,
            format!("xmpp:bob@example.org?roster;preauth={}", m.token.expose())
        );
        assert_eq!(m.expires, Timestamp(1_000_000 + 7 * 86_400));
        let row = store.find_by_token_hash(&m.token.hash()).unwrap().unwrap();
        assert_eq!(row.id, m.id);
        assert_eq!(row.creator.as_str(), "bob@example.org");
    }

    #[tokio::test]
    async fn admins_and_user_invites_get_ibr() {
        let (svc, _) = service(false);
        let m = svc
            .mint_contact_invite(&jid("admin@example.org"))
            .await
            .unwrap();
        assert_eq!(m.kind, InviteKind::AccountAndContact);
        assert!(m.uri.ends_with(";ibr=y"));
        let (svc, _) = service(true);
        let m = svc
            .mint_contact_invite(&jid("bob@example.org"))
            .await
            .unwrap();
        assert!(m.uri.ends_with(";ibr=y"));
    }

    #[tokio::test]
    async fn account_invites_are_for_admins_only() {
        let (svc, _) = service(true);
        let err = svc
            .mint_account_invite(&jid("bob@example.org"), MintRequest::default())
            .await
            .unwrap_err();
        assert!(
            matches!(err, MintError::Denied(Denied::NotAdmin(_))),
            "{err}"
        );
        let err = svc
            .mint_account_invite(&jid("admin@other.org"), MintRequest::default())
            .await
            .unwrap_err();
        assert!(
            matches!(err, MintError::Denied(Denied::NotLocal(_))),
            "{err}"
        );
    }

    #[tokio::test]
    async fn username_is_normalised_reserved_and_put_in_the_uri() {
        let (svc, store) = service(false);
        let req = MintRequest {
            username: Some("Juliet".into()),
            ..Default::default()
        };
        let m = svc
            .mint_account_invite(&jid("admin@example.org"), req.clone())
            .await
            .unwrap();
        assert!(
            m.uri
                .starts_with("xmpp:juliet@example.org?register;preauth=")
        );
        assert_eq!(
            store
                .find_by_token_hash(&m.token.hash())
                .unwrap()
                .unwrap()
                .reserved_username
                .as_deref(),
            Some("juliet")
        );
        let err = svc
            .mint_account_invite(&jid("admin@example.org"), req)
            .await
            .unwrap_err();
        assert!(
            matches!(err, MintError::UsernameReserved(ref u) if u == "juliet"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn bad_requests_are_refused_with_reasons() {
        let (svc, store) = service(false);
        let admin = jid("admin@example.org");
        for (req, want) in [
            (
                MintRequest {
                    username: Some("a@b".into()),
                    ..Default::default()
                },
                "only the part before",
            ),
            (
                MintRequest {
                    username: Some("  ".into()),
                    ..Default::default()
                },
                "empty",
            ),
            (
                MintRequest {
                    username: Some("x".repeat(2000)),
                    ..Default::default()
                },
                "too long",
            ),
            (
                MintRequest {
                    uses: Some(0),
                    ..Default::default()
                },
                "between 1 and 100",
            ),
            (
                MintRequest {
                    uses: Some(101),
                    ..Default::default()
                },
                "between 1 and 100",
            ),
            (
                MintRequest {
                    username: Some("j".into()),
                    uses: Some(2),
                    ..Default::default()
                },
                "set the number of uses to 1 or leave the username empty",
            ),
            (
                MintRequest {
                    lifetime: Some(Duration::from_secs(5)),
                    ..Default::default()
                },
                "one minute and 90d",
            ),
            (
                MintRequest {
                    note: Some("n".repeat(501)),
                    ..Default::default()
                },
                "longer than 500",
            ),
        ] {
            let err = svc
                .mint_account_invite(&admin, req)
                .await
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{err:?} should contain {want:?}");
        }
        assert_eq!(
            store.purge_expired(Timestamp(i64::MAX)).unwrap(),
            0,
            "nothing was stored"
        );
    }

    #[tokio::test]
    async fn reusable_invite_with_note_and_lifetime() {
        let (svc, store) = service(false);
        let m = svc
            .mint_account_invite(
                &jid("admin@example.org"),
                MintRequest {
                    uses: Some(5),
                    lifetime: Some(Duration::from_secs(3600)),
                    note: Some("  family  ".into()),
                    roster_subscription: true,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(m.expires, Timestamp(1_000_000 + 3600));
        let row = store.find_by_token_hash(&m.token.hash()).unwrap().unwrap();
        assert_eq!(row.max_uses, 5);
        assert_eq!(row.note.as_deref(), Some("family"));
        assert!(row.roster_subscription);
    }

    #[test]
    fn durations_format_like_the_config() {
        assert_eq!(format_duration(Duration::from_secs(7 * 86_400)), "7d");
        assert_eq!(format_duration(Duration::from_secs(7200)), "2h");
        assert_eq!(format_duration(Duration::from_secs(90)), "90s");
    }
}
