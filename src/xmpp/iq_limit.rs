//! Bounds on iq handling, so that one sender's flood cannot stall other
//! users' commands or the landing pages (which share the database): at
//! most `running` requests are handled at once, each sender has at most
//! `per_sender` requests admitted (waiting or running) and all senders
//! together at most `admitted`. A request over a bound is answered at once
//! with `resource-constraint` (type `wait`) and costs nothing more.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use xmpp_parsers::jid::BareJid;

/// The bounds.
#[derive(Debug, Clone, Copy)]
pub struct IqLimits {
    pub running: usize,
    pub per_sender: usize,
    pub admitted: usize,
}

impl Default for IqLimits {
    fn default() -> Self {
        IqLimits {
            running: 16,
            per_sender: 4,
            admitted: 1024,
        }
    }
}

/// Admits iq requests within [`IqLimits`].
pub struct IqLimiter {
    limits: IqLimits,
    running: Arc<Semaphore>,
    admitted: Mutex<(usize, HashMap<BareJid, usize>)>,
}

/// One admitted request; its counts are given back when dropped.
pub struct Admission {
    limiter: Arc<IqLimiter>,
    sender: BareJid,
}

impl IqLimiter {
    pub fn new(limits: IqLimits) -> Arc<IqLimiter> {
        Arc::new(IqLimiter {
            limits,
            running: Arc::new(Semaphore::new(limits.running.max(1))),
            admitted: Mutex::new((0, HashMap::new())),
        })
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, (usize, HashMap<BareJid, usize>)> {
        self.admitted.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Admits a request from `sender`, or `None` when a bound is reached.
    pub fn admit(self: &Arc<Self>, sender: &BareJid) -> Option<Admission> {
        self.admit_within(sender, self.limits.per_sender)
    }

    /// Admits a request of the server itself (the server module's checks
    /// and reports, each on behalf of a different app): bounded by the
    /// totals only, since one sender here stands for many people.
    pub fn admit_server(self: &Arc<Self>, server: &BareJid) -> Option<Admission> {
        self.admit_within(server, self.limits.admitted)
    }

    fn admit_within(self: &Arc<Self>, sender: &BareJid, cap: usize) -> Option<Admission> {
        let mut guard = self.counts();
        let (total, per) = &mut *guard;
        let mine = per.get(sender).copied().unwrap_or(0);
        if mine >= cap || *total >= self.limits.admitted {
            return None;
        }
        *total += 1;
        per.insert(sender.clone(), mine + 1);
        Some(Admission {
            limiter: self.clone(),
            sender: sender.clone(),
        })
    }

    /// Requests admitted now (waiting or running).
    pub fn admitted(&self) -> usize {
        self.counts().0
    }
}

impl Admission {
    /// Waits for a turn to run; the permit is held while the request runs.
    pub async fn turn(&self) -> OwnedSemaphorePermit {
        self.limiter
            .running
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed")
    }
}

impl Drop for Admission {
    fn drop(&mut self) {
        let mut guard = self.limiter.counts();
        let (total, per) = &mut *guard;
        *total = total.saturating_sub(1);
        if let Some(n) = per.get_mut(&self.sender) {
            *n -= 1;
            if *n == 0 {
                per.remove(&self.sender);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jid(s: &str) -> BareJid {
        BareJid::new(s).unwrap()
    }

    #[tokio::test]
    async fn one_sender_cannot_take_every_slot() {
        let l = IqLimiter::new(IqLimits {
            running: 2,
            per_sender: 3,
            admitted: 5,
        });
        let mallory = jid("mallory@example.org");
        let held: Vec<_> = (0..3).map(|_| l.admit(&mallory).unwrap()).collect();
        assert!(l.admit(&mallory).is_none(), "over the per-sender bound");
        // Others still get in while mallory's requests wait or run.
        let a = l.admit(&jid("alice@example.org")).unwrap();
        let b = l.admit(&jid("bob@example.org")).unwrap();
        assert!(
            l.admit(&jid("carol@example.org")).is_none(),
            "over the total"
        );
        let _p1 = held[0].turn().await;
        let _p2 = held[1].turn().await;
        // Both running slots are taken: alice waits for one.
        assert!(
            tokio::time::timeout(std::time::Duration::from_millis(50), a.turn())
                .await
                .is_err()
        );
        drop(_p1);
        let _pa = a.turn().await;
        drop(held);
        drop(b);
        assert_eq!(l.admitted(), 1);
        assert!(l.admit(&mallory).is_some(), "counts come back when done");
    }
}
