//! Delivers the outbox: side effects of redemptions (roster writes,
//! notifications) are applied through [`ServerOps`] while the link is up,
//! retried with backoff until the server acknowledges them, and resumed
//! after a reconnect or a restart (they live in SQLite, not in memory).

use crate::domain::{Clock, EffectError, InviteStore, OutboxId, OutboxItem, ServerOps};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// Entries fetched per round.
const BATCH: usize = 64;
/// Longest sleep between rounds when nothing is due.
const IDLE: Duration = Duration::from_secs(60);

/// Retry delay after `attempts` failures: transient problems are retried
/// quickly (2 s doubling to 5 min); refusals that need the operator slowly
/// (1 min doubling to 1 h), so a fixed configuration is picked up without
/// flooding the log meanwhile.
pub fn backoff(attempts: u32, error: &EffectError) -> Duration {
    let (base, cap): (u64, u64) = match error {
        EffectError::Transient(_) => (2, 300),
        EffectError::Refused(_) => (60, 3600),
    };
    Duration::from_secs(base.saturating_mul(1u64 << attempts.min(20)).min(cap))
}

pub struct Deliverer {
    store: Arc<dyn InviteStore>,
    server: Arc<dyn ServerOps>,
    clock: Arc<dyn Clock>,
    wake: Notify,
    in_flight: Mutex<HashSet<OutboxId>>,
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
    ) -> Deliverer {
        Deliverer {
            store,
            server,
            clock,
            wake: Notify::new(),
            in_flight: Mutex::new(HashSet::new()),
        }
    }

    /// New entries were queued: look at the outbox now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    fn claim(&self, id: OutboxId) -> bool {
        self.in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id)
    }

    fn unclaim(&self, id: OutboxId) {
        self.in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
    }

    /// Applies one entry unless another task is already at it. Returns
    /// whether the server acknowledged it.
    async fn attempt(&self, item: OutboxItem) -> bool {
        if !self.claim(item.id) {
            return false;
        }
        let result = self.server.apply(&item.effect).await;
        let store = self.store.clone();
        let id = item.id;
        let done = match result {
            Ok(()) => {
                tracing::debug!(outbox_id = id.0, "effect delivered");
                blocking(move || store.effect_done(id)).await.is_some()
            }
            Err(e) => {
                let delay = backoff(item.attempts, &e);
                match &e {
                    EffectError::Transient(_) => {
                        tracing::warn!(outbox_id = id.0, error = %e, retry_in = ?delay, "effect not delivered yet")
                    }
                    EffectError::Refused(_) => {
                        tracing::error!(outbox_id = id.0, error = %e, retry_in = ?delay, "effect refused by the server")
                    }
                }
                let next = self.clock.now().plus(delay);
                let msg = e.to_string();
                blocking(move || store.effect_failed(id, next, &msg)).await;
                false
            }
        };
        self.unclaim(id);
        done
    }

    /// Delivers these entries now, in order, waiting at most `timeout`.
    /// Used right after a registration so that both rosters are written
    /// before the new user can log in. Whatever is not done stays queued.
    pub async fn deliver_now(&self, ids: &[OutboxId], timeout: Duration) -> bool {
        let work = async {
            let store = self.store.clone();
            let now = self.clock.now();
            let Some(due) = blocking(move || store.due_effects(now, BATCH)).await else {
                return false;
            };
            let mut all = true;
            for id in ids {
                match due.iter().find(|d| d.id == *id) {
                    Some(item) => all &= self.attempt(item.clone()).await,
                    None => all = false,
                }
            }
            all
        };
        tokio::time::timeout(timeout, work).await.unwrap_or(false)
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
                self.attempt(item).await;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        AccountError, Effect, InviteKind, NewInvite, SystemClock, Timestamp, Token,
    };
    use crate::store::SqliteStore;
    use futures::future::BoxFuture;

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

    /// Fails the first `fail` calls, then records what it applied.
    struct Flaky {
        fail: Mutex<u32>,
        applied: Mutex<Vec<Effect>>,
    }

    impl ServerOps for Flaky {
        fn create_account<'a>(
            &'a self,
            _: &'a str,
            _: &'a str,
        ) -> BoxFuture<'a, Result<(), AccountError>> {
            Box::pin(async { Ok(()) })
        }
        fn apply<'a>(&'a self, e: &'a Effect) -> BoxFuture<'a, Result<(), EffectError>> {
            Box::pin(async move {
                let mut fail = self.fail.lock().unwrap();
                if *fail > 0 {
                    *fail -= 1;
                    return Err(EffectError::Transient("link down".into()));
                }
                self.applied.lock().unwrap().push(e.clone());
                Ok(())
            })
        }
    }

    #[tokio::test]
    async fn failed_effects_stay_queued_and_are_retried_later() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let token = Token::generate().unwrap();
        let now = SystemClock.now();
        let id = store
            .insert_invite(
                &NewInvite {
                    token_hash: token.hash(),
                    kind: InviteKind::Account,
                    creator: "a@x".into(),
                    created: now,
                    expires: now.plus(Duration::from_secs(60)),
                    max_uses: 1,
                    reserved_username: None,
                    roster_subscription: false,
                    note: None,
                },
                now,
            )
            .unwrap();
        let effect = Effect::Notify {
            to: "a@x".into(),
            text: "hi".into(),
        };
        let ids = store
            .consume_use(id, "b@x", now, std::slice::from_ref(&effect))
            .unwrap()
            .unwrap();
        let server = Arc::new(Flaky {
            fail: Mutex::new(1),
            applied: Mutex::new(Vec::new()),
        });
        let d = Deliverer::new(store.clone(), server.clone(), Arc::new(SystemClock));
        assert!(!d.deliver_now(&ids, Duration::from_secs(5)).await);
        // Still there, scheduled about 2 s later.
        let next = store.next_effect_due().unwrap().unwrap();
        assert!(next.0 >= now.0 + 2, "{next:?} vs {now:?}");
        assert!(store.due_effects(now, 10).unwrap().is_empty());
        // Once due again it goes through and leaves the outbox.
        let later = Timestamp(next.0);
        let item = store.due_effects(later, 10).unwrap().remove(0);
        assert_eq!(item.attempts, 1);
        assert!(d.attempt(item).await);
        assert_eq!(*server.applied.lock().unwrap(), [effect]);
        assert_eq!(store.next_effect_due().unwrap(), None);
    }
}
