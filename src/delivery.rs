//! Delivers the outbox: side effects of redemptions (roster writes,
//! notifications) are applied through [`ServerOps`] while the link is up,
//! retried with backoff until the server acknowledges them, and resumed
//! after a reconnect or a restart (they live in SQLite, not in memory).
//! Invitation emails go through the same queue, to a [`Mailer`] instead of
//! the server; what became of one is written back to its invite for `#list`.

use crate::domain::email::Mailer;
use crate::domain::{
    Clock, Delivery, Effect, EffectError, InviteState, InviteStore, OutboxId, OutboxItem,
    ServerOps, Timestamp,
};
use futures::future::BoxFuture;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// Entries fetched per round.
const BATCH: usize = 64;
/// Longest sleep between rounds when nothing is due.
const IDLE: Duration = Duration::from_secs(60);
/// An entry the server keeps refusing (not a passing failure) for this
/// long after it was queued is given up: it stays in the outbox with
/// `failed_at` set, for the operator, and is no longer retried.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(7 * 86_400);

/// Retry delay after `attempts` failures: transient problems are retried
/// quickly (2 s doubling to 5 min); refusals that need the operator slowly
/// (1 min doubling to 1 h), so a fixed configuration is picked up without
/// flooding the log meanwhile.
pub fn backoff(attempts: u32, error: &EffectError) -> Duration {
    let (base, cap): (u64, u64) = match error {
        EffectError::Transient(_) => (2, 300),
        EffectError::Refused(_) => (60, 3600),
        // Never retried; a resend starts a new entry.
        EffectError::Permanent(_) => (60, 3600),
    };
    Duration::from_secs(base.saturating_mul(1u64 << attempts.min(20)).min(cap))
}

pub struct Deliverer {
    store: Arc<dyn InviteStore>,
    server: Arc<dyn ServerOps>,
    mailer: Option<Arc<dyn Mailer>>,
    clock: Arc<dyn Clock>,
    wake: Notify,
    in_flight: Mutex<HashSet<OutboxId>>,
    /// Tasks doing what follows an answer ([`Deliverer::deliver_ids`])
    /// that have not finished.
    following: std::sync::atomic::AtomicUsize,
    /// How long [`Delivery::deliver_now`] may take.
    now_timeout: Duration,
    give_up_after: Duration,
}

/// Marks an entry as being applied until dropped, so that an attempt cut
/// off at any await point (its caller gone, a deadline) always gives the
/// entry back to the queue.
struct InFlight<'a> {
    deliverer: &'a Deliverer,
    id: OutboxId,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.deliverer.in_flight().remove(&self.id);
    }
}

impl InFlight<'_> {
    /// Keeps the entry marked past this guard, for an [`OwnedInFlight`]
    /// (a task of its own) to release.
    fn hand_over(self) -> OutboxId {
        let id = self.id;
        std::mem::forget(self);
        id
    }
}

/// [`InFlight`] for entries handed over to a task of their own.
struct OwnedInFlight {
    deliverer: Arc<Deliverer>,
    ids: Vec<OutboxId>,
}

impl Drop for OwnedInFlight {
    fn drop(&mut self) {
        let mut marked = self.deliverer.in_flight();
        for id in &self.ids {
            marked.remove(id);
        }
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, crate::domain::StoreError> + Send + 'static,
) -> Option<T> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(v)) => Some(v),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "outbox store access failed");
            None
        }
        Err(e) => {
            tracing::error!(error = %e, "outbox store task failed");
            None
        }
    }
}

impl Deliverer {
    pub fn new(
        store: Arc<dyn InviteStore>,
        server: Arc<dyn ServerOps>,
        clock: Arc<dyn Clock>,
        now_timeout: Duration,
    ) -> Deliverer {
        Deliverer {
            store,
            server,
            mailer: None,
            clock,
            wake: Notify::new(),
            in_flight: Mutex::new(HashSet::new()),
            following: Default::default(),
            now_timeout,
            give_up_after: GIVE_UP_AFTER,
        }
    }

    /// Gives up on refused entries after `after` instead of [`GIVE_UP_AFTER`].
    pub fn with_give_up_after(mut self, after: Duration) -> Deliverer {
        self.give_up_after = after;
        self
    }

    /// Sends invitation emails through `mailer`.
    pub fn with_mailer(mut self, mailer: Arc<dyn Mailer>) -> Deliverer {
        self.mailer = Some(mailer);
        self
    }

    /// Applies one effect: emails to the mailer, the rest to the server.
    async fn apply(&self, effect: &Effect) -> Result<(), EffectError> {
        let Effect::Email(invitation) = effect else {
            return self.server.apply(effect).await;
        };
        let store = self.store.clone();
        let id = invitation.invite;
        let live = blocking(move || store.find_by_id(id))
            .await
            .flatten()
            .is_some_and(|i| i.state(self.clock.now()) == InviteState::Live);
        if !live {
            return Err(EffectError::Permanent(
                "the invite is no longer live: not sent".into(),
            ));
        }
        match &self.mailer {
            Some(m) => m.send(invitation).await,
            None => Err(EffectError::Refused("email is not configured".into())),
        }
    }

    /// Writes what became of an invitation email back to its invite.
    async fn email_outcome(&self, effect: &Effect, error: Option<String>, given_up: bool) {
        let Effect::Email(i) = effect else { return };
        if i.copy {
            return;
        }
        let (store, id, now) = (self.store.clone(), i.invite, self.clock.now());
        blocking(move || store.email_outcome(id, error.as_deref(), given_up, now)).await;
    }

    /// New entries were queued: look at the outbox now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Whether nothing is being delivered right now: no entry being
    /// applied, no task left doing what follows an answer. Tests wait for
    /// this before they compare what was applied with what is still queued.
    pub fn settled(&self) -> bool {
        use std::sync::atomic::Ordering;
        self.following.load(Ordering::SeqCst) == 0 && self.in_flight().is_empty()
    }

    fn in_flight(&self) -> std::sync::MutexGuard<'_, HashSet<OutboxId>> {
        self.in_flight.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn claim(&self, id: OutboxId) -> Option<InFlight<'_>> {
        // The lock is released before a guard can exist: the guard's drop
        // takes it again, and must never run for an id not inserted here.
        let inserted = self.in_flight().insert(id);
        inserted.then(|| InFlight {
            deliverer: self,
            id,
        })
    }

    /// When to try a failed entry again; `None` to give up on it.
    fn next_attempt(
        &self,
        item: &OutboxItem,
        error: &EffectError,
        now: Timestamp,
    ) -> Option<Timestamp> {
        let refused_for_long = matches!(error, EffectError::Refused(_))
            && now.0.saturating_sub(item.created.0) >= self.give_up_after.as_secs() as i64;
        let permanent = matches!(error, EffectError::Permanent(_));
        (!refused_for_long && !permanent).then(|| now.plus(backoff(item.attempts, error)))
    }

    /// Applies one entry unless another task is already at it. Returns
    /// whether it is done (acknowledged now, or by another task before).
    async fn attempt(&self, id: OutboxId) -> bool {
        let Some(_in_flight) = self.claim(id) else {
            return false;
        };
        // Read the entry only now that no one else can be at it: a copy
        // read earlier (in a batch) may be of an entry another task has
        // delivered since, and must not be applied twice.
        let store = self.store.clone();
        let Some(item) = blocking(move || store.pending_effect(id)).await.flatten() else {
            // Already delivered (or given up): nothing left to do here.
            return true;
        };
        self.apply_item(&item).await && self.mark_done(vec![id]).await
    }

    /// Applies an entry its caller has claimed and read. On failure,
    /// records when to try again (or that it is given up); on success,
    /// leaves removing it to the caller ([`Deliverer::mark_done`]).
    async fn apply_item(&self, item: &OutboxItem) -> bool {
        let id = item.id;
        match self.apply(&item.effect).await {
            Ok(()) => {
                tracing::debug!(outbox_id = id.0, "effect delivered");
                self.email_outcome(&item.effect, None, false).await;
                true
            }
            Err(e) => {
                let now = self.clock.now();
                let next = self.next_attempt(item, &e, now);
                match (&e, next) {
                    (EffectError::Permanent(_), None) => {
                        tracing::error!(outbox_id = id.0, error = %e,
                            "effect refused for good: given up (kept in the outbox with failed_at set)")
                    }
                    (_, None) => {
                        tracing::error!(outbox_id = id.0, error = %e, queued_for = ?self.give_up_after,
                            "effect refused for too long: given up (kept in the outbox with failed_at set)")
                    }
                    (EffectError::Transient(_), Some(t)) => {
                        tracing::warn!(outbox_id = id.0, error = %e, retry_in_secs = t.0 - now.0, "effect not delivered yet")
                    }
                    (EffectError::Refused(_) | EffectError::Permanent(_), Some(t)) => {
                        tracing::error!(outbox_id = id.0, error = %e, retry_in_secs = t.0 - now.0, "effect refused by the server")
                    }
                }
                let msg = e.to_string();
                self.email_outcome(&item.effect, Some(msg.clone()), next.is_none())
                    .await;
                let store = self.store.clone();
                blocking(move || store.effect_failed(id, next, &msg, now)).await;
                false
            }
        }
    }

    /// Removes delivered entries from the outbox, in one trip to the
    /// store. The caller still holds their claims, so that no other task
    /// applies them again meanwhile.
    async fn mark_done(&self, ids: Vec<OutboxId>) -> bool {
        if ids.is_empty() {
            return true;
        }
        let store = self.store.clone();
        blocking(move || ids.into_iter().try_for_each(|id| store.effect_done(id)))
            .await
            .is_some()
    }

    /// Delivers these entries now, all at once, waiting at most `timeout`
    /// for those the answer waits for ([`Effect::precedes_answer`]): used
    /// right after a registration so that both rosters are written before
    /// the new user can log in. The others (the inviter's notification)
    /// start once those are done, on a task of their own. Whatever is not done stays
    /// queued. Returns whether all that the answer waits for were done.
    ///
    /// The entries go out concurrently, so a redemption waits for one
    /// server round trip rather than one per effect (P3 in scripts/bench),
    /// and they are read and removed in one trip to the store each rather
    /// than one per entry, the removal after the answer (lost to a crash,
    /// it only means delivering them again, as after any crash). Their order does not matter: the effects of one
    /// redemption each write a different (owner, contact) roster entry or
    /// send a message, and the background loop, which retries whatever
    /// fails here, never kept an order either.
    pub async fn deliver_ids(self: &Arc<Self>, ids: &[OutboxId], timeout: Duration) -> bool {
        let work = async {
            // An entry another task is at counts as not done here.
            let mut claimed: Vec<InFlight<'_>> =
                ids.iter().filter_map(|id| self.claim(*id)).collect();
            let all_claimed = claimed.len() == ids.len();
            // Read only now that they are claimed (see `attempt`).
            let (store, wanted) = (
                self.store.clone(),
                claimed.iter().map(|c| c.id).collect::<Vec<_>>(),
            );
            let Some(items) = blocking(move || {
                wanted
                    .into_iter()
                    .map(|id| store.pending_effect(id))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await
            else {
                return false;
            };
            // Entries no longer pending were delivered (or given up) by
            // another task before: nothing left to do for them.
            let (items, later): (Vec<OutboxItem>, Vec<OutboxItem>) = items
                .into_iter()
                .flatten()
                .partition(|i| i.effect.precedes_answer());
            // Given back, so that the task below can take them; it reads
            // them again (see `attempt`).
            claimed.retain(|c| !later.iter().any(|l| l.id == c.id));
            let applied =
                futures::future::join_all(items.iter().map(|item| self.apply_item(item))).await;
            let done: Vec<OutboxId> = items
                .iter()
                .zip(&applied)
                .filter_map(|(item, ok)| ok.then_some(item.id))
                .collect();
            let all_applied = done.len() == items.len();
            // What the answer need not wait for goes on on a task of its
            // own: removing the delivered entries from the outbox (still
            // marked until then, so that no one applies them again), and
            // only now the others: sent together with the roster writes, a
            // message would hold their answers back while the server
            // stores it (offline, for an inviter who is not online).
            let handed: Vec<OutboxId> = claimed
                .into_iter()
                .filter(|c| done.contains(&c.id))
                .map(InFlight::hand_over)
                .collect();
            if !handed.is_empty() || !later.is_empty() {
                use std::sync::atomic::Ordering;
                let this = Arc::clone(self);
                this.following.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    let held = OwnedInFlight {
                        deliverer: this.clone(),
                        ids: handed,
                    };
                    let removed = async {
                        this.mark_done(held.ids.clone()).await;
                        drop(held);
                    };
                    let others =
                        futures::future::join_all(later.iter().map(|l| this.attempt(l.id)));
                    tokio::join!(removed, others);
                    this.following.fetch_sub(1, Ordering::SeqCst);
                });
            }
            all_claimed && all_applied
        };
        tokio::time::timeout(timeout, work).await.unwrap_or(false)
    }

    /// How many entries have been given up on (logged at start, for the
    /// operator).
    pub async fn failed(&self) -> Option<usize> {
        let store = self.store.clone();
        blocking(move || store.failed_effects()).await
    }

    /// Delivers due entries whenever the link is up, until shutdown.
    pub async fn run(
        self: Arc<Self>,
        mut link_up: watch::Receiver<bool>,
        mut shutdown: watch::Receiver<bool>,
    ) {
        let mut was_up = false;
        loop {
            if *shutdown.borrow() {
                return;
            }
            let up = *link_up.borrow_and_update();
            if !up {
                was_up = false;
                tokio::select! {
                    _ = link_up.changed() => continue,
                    _ = shutdown.changed() => return,
                }
            }
            if !was_up {
                // A fresh link (first start or reconnect): whatever failed
                // on the old one gets another try now, not after its backoff.
                was_up = true;
                let store = self.store.clone();
                let now = self.clock.now();
                if let Some(n) = blocking(move || store.retry_all_now(now))
                    .await
                    .filter(|n| *n > 0)
                {
                    tracing::info!(waiting = n, "link up: delivering the outbox");
                }
            }
            let store = self.store.clone();
            let now = self.clock.now();
            let due = blocking(move || store.due_effects(now, BATCH))
                .await
                .unwrap_or_default();
            let full = due.len() == BATCH;
            for item in due {
                if !*link_up.borrow() || *shutdown.borrow() {
                    break;
                }
                self.attempt(item.id).await;
            }
            if full {
                continue;
            }
            let store = self.store.clone();
            let sleep = match blocking(move || store.next_effect_due()).await.flatten() {
                Some(t) => {
                    Duration::from_secs(t.0.saturating_sub(self.clock.now().0).max(1) as u64)
                        .min(IDLE)
                }
                None => IDLE,
            };
            tokio::select! {
                _ = tokio::time::sleep(sleep) => {}
                _ = self.wake.notified() => {}
                _ = link_up.changed() => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}

impl Delivery for Deliverer {
    fn deliver_now(self: Arc<Self>, ids: Vec<OutboxId>) -> BoxFuture<'static, bool> {
        Box::pin(async move { self.deliver_ids(&ids, self.now_timeout).await })
    }

    fn wake(&self) {
        Deliverer::wake(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Effect, InviteKind, NewInvite, SystemClock, Timestamp, Token};
    use crate::store::SqliteStore;
    use crate::testing::{FakeClock, FakeServer};
    use xmpp_parsers::jid::BareJid;

    #[test]
    fn backoff_grows_and_is_capped() {
        let t = EffectError::Transient(String::new());
        let r = EffectError::Refused(String::new());
        assert_eq!(backoff(0, &t), Duration::from_secs(2));
        assert_eq!(backoff(3, &t), Duration::from_secs(16));
        assert_eq!(backoff(30, &t), Duration::from_secs(300));
        assert_eq!(backoff(0, &r), Duration::from_secs(60));
        assert_eq!(backoff(10, &r), Duration::from_secs(3600));
    }

    #[tokio::test]
    async fn failed_effects_stay_queued_and_are_retried_later() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let now = SystemClock.now();
        let ids = queued_roster_entry(&store, now);
        let effect = roster_entry();
        let server = Arc::new(FakeServer::default());
        server.fail_effects(1, EffectError::Transient("link down".into()));
        let d = Arc::new(Deliverer::new(
            store.clone(),
            server.clone(),
            Arc::new(SystemClock),
            Duration::from_secs(5),
        ));
        assert!(!d.clone().deliver_now(ids.clone()).await);
        // Still there, scheduled about 2 s later.
        let next = store.next_effect_due().unwrap().unwrap();
        assert!(next.0 >= now.0 + 2, "{next:?} vs {now:?}");
        assert!(store.due_effects(now, 10).unwrap().is_empty());
        // Once due again it goes through and leaves the outbox.
        let later = Timestamp(next.0);
        let item = store.due_effects(later, 10).unwrap().remove(0);
        assert_eq!(item.attempts, 1);
        assert!(d.attempt(item.id).await);
        assert_eq!(server.applied(), [effect]);
        assert_eq!(store.next_effect_due().unwrap(), None);
    }

    #[tokio::test]
    async fn a_redemptions_effects_are_applied_at_once_not_one_after_another() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let now = SystemClock.now();
        let mut ids = queued_roster_entry(&store, now);
        ids.extend(queued_roster_entry(&store, now));
        ids.extend(queued_roster_entry(&store, now));
        let server = Arc::new(FakeServer::default());
        server.hold_effects(true);
        let d = Arc::new(Deliverer::new(
            store.clone(),
            server.clone(),
            Arc::new(SystemClock),
            Duration::from_secs(30),
        ));
        let delivering = {
            let (d, ids) = (d.clone(), ids.clone());
            tokio::spawn(async move { d.deliver_now(ids).await })
        };
        // One after another, only the first would ever be in progress
        // while the server holds it.
        let all_three = async {
            while server.effects_in_progress() < 3 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        };
        let seen = tokio::time::timeout(Duration::from_secs(10), all_three).await;
        server.hold_effects(false);
        assert!(
            seen.is_ok(),
            "in progress at once: {}",
            server.effects_in_progress()
        );
        assert!(delivering.await.unwrap());
        settle(&d).await;
        assert_eq!(server.applied().len(), 3);
        assert_eq!(store.next_effect_due().unwrap(), None);
    }

    /// Waits until what follows an answer is done.
    async fn settle(d: &Deliverer) {
        let settled = async {
            while !d.settled() {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        };
        assert!(
            tokio::time::timeout(Duration::from_secs(10), settled)
                .await
                .is_ok(),
            "still delivering after 10 s"
        );
    }

    /// A roster entry for `a@x`: an effect the answer waits for.
    #[tokio::test]
    async fn the_answer_waits_for_the_rosters_not_for_the_notification() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let now = SystemClock.now();
        let notify = Effect::Notify {
            to: BareJid::new("a@x").unwrap(),
            text: "b@x accepted your invite.".into(),
        };
        let ids = queued(&store, now, &[roster_entry(), notify.clone()]);
        let server = Arc::new(FakeServer::default());
        server.hold_messages(true);
        let d = Arc::new(Deliverer::new(
            store.clone(),
            server.clone(),
            Arc::new(SystemClock),
            Duration::from_secs(30),
        ));
        let answered = tokio::time::timeout(Duration::from_secs(10), d.clone().deliver_now(ids));
        assert_eq!(answered.await, Ok(true), "answered with the message held");
        assert_eq!(server.applied(), [roster_entry()]);
        // The roster entry leaves the outbox; the notification, held, stays.
        let only_the_message = async {
            loop {
                let due: Vec<Effect> = store
                    .due_effects(now, 10)
                    .unwrap()
                    .into_iter()
                    .map(|i| i.effect)
                    .collect();
                if due == [notify.clone()] {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        };
        assert!(
            tokio::time::timeout(Duration::from_secs(10), only_the_message)
                .await
                .is_ok()
        );
        server.hold_messages(false);
        let delivered = async {
            while store.next_effect_due().unwrap().is_some() {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        };
        assert!(
            tokio::time::timeout(Duration::from_secs(10), delivered)
                .await
                .is_ok(),
            "the notification went out on its own task"
        );
        assert_eq!(server.applied(), [roster_entry(), notify]);
    }

    fn roster_entry() -> Effect {
        Effect::RosterItem {
            owner: BareJid::new("a@x").unwrap(),
            contact: BareJid::new("b@x").unwrap(),
            name: None,
            subscription: crate::domain::Subscription::Both,
        }
    }

    fn queued_roster_entry(store: &SqliteStore, now: Timestamp) -> Vec<OutboxId> {
        queued(store, now, &[roster_entry()])
    }

    fn queued(store: &SqliteStore, now: Timestamp, effects: &[Effect]) -> Vec<OutboxId> {
        let token = Token::generate().unwrap();
        let id = store
            .insert_invite(
                &NewInvite {
                    token_hash: token.hash(),
                    kind: InviteKind::Account,
                    creator: BareJid::new("a@x").unwrap(),
                    created: now,
                    expires: now.plus(Duration::from_secs(60)),
                    max_uses: 1,
                    reserved_username: None,
                    roster_subscription: false,
                    note: None,
                    group: None,
                },
                now,
            )
            .unwrap();
        store.consume_use(id, "b@x", now, effects).unwrap().unwrap()
    }

    #[test]
    fn a_second_claim_of_an_entry_in_flight_is_refused_and_leaves_the_first() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let d = Arc::new(Deliverer::new(
            store,
            Arc::new(FakeServer::default()),
            Arc::new(SystemClock),
            Duration::from_secs(1),
        ));
        // On a thread, so that a deadlock fails the test instead of hanging it.
        let (tx, rx) = std::sync::mpsc::channel();
        let d2 = d.clone();
        std::thread::spawn(move || {
            let first = d2.claim(OutboxId(7));
            let second = d2.claim(OutboxId(7));
            let still_marked = d2.in_flight().contains(&OutboxId(7));
            let got = (first.is_some(), second.is_none(), still_marked);
            drop((second, first));
            tx.send((got, d2.in_flight().is_empty())).unwrap();
        });
        let got = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("claim deadlocked");
        assert_eq!(
            got,
            ((true, true, true), true),
            "refused, still marked, released with the first guard"
        );
    }

    #[tokio::test]
    async fn a_stale_copy_of_a_delivered_entry_is_not_applied_again() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let server = Arc::new(FakeServer::default());
        let d = Arc::new(Deliverer::new(
            store.clone(),
            server.clone(),
            Arc::new(SystemClock),
            Duration::from_secs(5),
        ));
        let now = SystemClock.now();
        let ids = queued_roster_entry(&store, now);
        // The background loop read this batch...
        let stale = store.due_effects(now, 10).unwrap();
        // ...then a registration delivered the entry, and a new one was queued.
        assert!(d.clone().deliver_now(ids.clone()).await);
        settle(&d).await;
        let newer = queued_roster_entry(&store, now);
        assert_ne!(newer, ids, "outbox ids are never reused");
        for item in stale {
            assert!(d.attempt(item.id).await);
        }
        assert_eq!(server.applied().len(), 1, "not applied twice");
        assert_eq!(
            store.due_effects(now, 10).unwrap().len(),
            1,
            "the newer entry is still queued"
        );
    }

    #[tokio::test]
    async fn an_attempt_cut_off_gives_its_entry_back() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let server = Arc::new(FakeServer::default());
        server.hold_effects(true);
        let d = Arc::new(Deliverer::new(
            store.clone(),
            server.clone(),
            Arc::new(SystemClock),
            Duration::from_millis(50),
        ));
        let ids = queued_roster_entry(&store, SystemClock.now());
        // The server never answers: deliver_now gives up after its timeout,
        // dropping the attempt half way.
        assert!(!d.clone().deliver_now(ids.clone()).await);
        assert!(d.in_flight().is_empty(), "no entry left marked in flight");
        server.hold_effects(false);
        assert!(
            d.clone().deliver_now(ids.clone()).await,
            "the same entry goes out later"
        );
        assert_eq!(server.applied().len(), 1);
    }

    #[tokio::test]
    async fn entries_refused_for_too_long_end_as_failed() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let clock = Arc::new(FakeClock::new());
        let server = Arc::new(FakeServer::default());
        server.fail_effects(u32::MAX, EffectError::Refused("forbidden".into()));
        let d = Arc::new(
            Deliverer::new(store.clone(), server, clock.clone(), Duration::from_secs(5))
                .with_give_up_after(Duration::from_secs(3600)),
        );
        let ids = queued_roster_entry(&store, clock.now());
        assert!(!d.clone().deliver_now(ids.clone()).await);
        // Refused, but not for long yet: retried later.
        assert_eq!(store.failed_effects().unwrap(), 0);
        assert!(store.next_effect_due().unwrap().is_some());
        clock.advance(Duration::from_secs(3600));
        let item = store.due_effects(clock.now(), 10).unwrap().remove(0);
        assert!(!d.attempt(item.id).await);
        assert_eq!(store.failed_effects().unwrap(), 1);
        assert_eq!(store.next_effect_due().unwrap(), None, "never due again");
        assert_eq!(d.failed().await, Some(1));
    }

    /// A mailer that answers from a script, then accepts.
    struct ScriptedMailer {
        script: Mutex<Vec<EffectError>>,
        sent: Mutex<Vec<crate::domain::email::Invitation>>,
    }

    impl Mailer for ScriptedMailer {
        fn send<'a>(
            &'a self,
            invitation: &'a crate::domain::email::Invitation,
        ) -> BoxFuture<'a, Result<(), EffectError>> {
            Box::pin(async move {
                if let Some(e) = self.script.lock().unwrap().pop() {
                    return Err(e);
                }
                self.sent.lock().unwrap().push(invitation.clone());
                Ok(())
            })
        }
    }

    fn queued_email(
        store: &SqliteStore,
        now: Timestamp,
        to: &str,
    ) -> (crate::domain::InviteId, Vec<OutboxId>) {
        use crate::domain::email::{EmailLimits, Invitation};
        let token = Token::generate().unwrap();
        let creator = BareJid::new("a@x").unwrap();
        let id = store
            .insert_invite(
                &NewInvite {
                    token_hash: token.hash(),
                    kind: InviteKind::Contact,
                    creator: creator.clone(),
                    created: now,
                    expires: now.plus(Duration::from_secs(3600)),
                    max_uses: 1,
                    reserved_username: None,
                    roster_subscription: true,
                    note: None,
                    group: None,
                },
                now,
            )
            .unwrap();
        let effect = Effect::Email(Invitation {
            invite: id,
            to: to.into(),
            inviter: creator,
            message: None,
            link: "https://i.x/invite/T".into(),
            expires: now.plus(Duration::from_secs(3600)),
            copy: false,
            lang: None,
        });
        let ids = store
            .queue_email(
                id,
                "a@x",
                &[[1; 32]],
                to,
                None,
                None,
                now,
                EmailLimits::default(),
                &[effect],
            )
            .unwrap()
            .unwrap();
        (id, ids)
    }

    #[tokio::test]
    async fn emails_go_to_the_mailer_retry_on_temporary_failures_and_stop_on_permanent_ones() {
        use crate::domain::email::EmailStatus;
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let clock = Arc::new(FakeClock::new());
        let server = Arc::new(FakeServer::default());
        let mailer = Arc::new(ScriptedMailer {
            script: Mutex::new(vec![EffectError::Transient("SMTP 451: later".into())]),
            sent: Mutex::new(Vec::new()),
        });
        let d = Arc::new(
            Deliverer::new(
                store.clone(),
                server.clone(),
                clock.clone(),
                Duration::from_secs(5),
            )
            .with_mailer(mailer.clone()),
        );
        let (id, ids) = queued_email(&store, clock.now(), "bob@example.net");
        // An email follows the answer (`deliver_now` leaves it to a task
        // of its own): attempted one by one here, as that task does.
        assert_eq!(ids.len(), 1);
        assert!(!d.attempt(ids[0]).await);
        assert!(matches!(
            store.email_record(id).unwrap().unwrap().status,
            EmailStatus::Queued { error: Some(_) }
        ));
        clock.advance(Duration::from_secs(2));
        assert!(d.attempt(ids[0]).await);
        assert_eq!(mailer.sent.lock().unwrap().len(), 1, "sent exactly once");
        assert!(server.applied().is_empty(), "emails never reach the server");
        assert!(matches!(
            store.email_record(id).unwrap().unwrap().status,
            EmailStatus::Sent { .. }
        ));

        mailer
            .script
            .lock()
            .unwrap()
            .push(EffectError::Permanent("SMTP 550: no such user".into()));
        let (id, ids) = queued_email(&store, clock.now(), "nobody@example.net");
        assert!(!d.attempt(ids[0]).await);
        assert_eq!(store.next_effect_due().unwrap(), None, "never retried");
        match store.email_record(id).unwrap().unwrap().status {
            EmailStatus::Failed { error, .. } => assert!(error.contains("550"), "{error}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(mailer.sent.lock().unwrap().len(), 1);
    }
}
