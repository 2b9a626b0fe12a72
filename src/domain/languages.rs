//! The language each user last used with the component: recorded from the
//! `xml:lang` of their commands, read when something is sent to them later
//! (a notification), so that it reaches them in words they read.
//!
//! Only the tag is kept; which catalogue it means is the adapters' choice.

use super::{Clock, InviteStore, blocking};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use xmpp_parsers::jid::BareJid;

/// Longest tag kept (BCP 47 allows more, but no catalogue tag comes near).
pub const MAX_TAG: usize = 35;

/// Users whose language is remembered in memory; past this the memory
/// starts again empty (a miss costs one store read, nothing more).
const KNOWN_MAX: usize = 10_000;

/// Reads and records users' languages through the store.
///
/// Nearly every command repeats its user's language, so what the store
/// holds is also kept in memory: a repeat costs no store call at all.
/// Without this, every command took the store's write lock, and waited
/// behind the commit of concurrent mints (scripts/bench P1). This process
/// is the only writer of these rows, so the copy cannot go stale.
pub struct Languages {
    store: Arc<dyn InviteStore>,
    clock: Arc<dyn Clock>,
    known: Mutex<HashMap<BareJid, String>>,
}

impl Languages {
    pub fn new(store: Arc<dyn InviteStore>, clock: Arc<dyn Clock>) -> Languages {
        Languages {
            store,
            clock,
            known: Mutex::default(),
        }
    }

    fn known(&self) -> std::sync::MutexGuard<'_, HashMap<BareJid, String>> {
        self.known.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn learn(&self, jid: &BareJid, tag: &str) {
        let mut known = self.known();
        if known.len() >= KNOWN_MAX && !known.contains_key(jid) {
            known.clear();
        }
        known.insert(jid.clone(), tag.to_owned());
    }

    /// Records that `jid` used `tag`. A failure is logged, not returned:
    /// the command it came with goes on either way.
    pub async fn remember(&self, jid: &BareJid, tag: &str) {
        let tag = tag.trim();
        if tag.is_empty()
            || tag.len() > MAX_TAG
            || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return;
        }
        if self.known().get(jid).is_some_and(|known| known == tag) {
            return;
        }
        let (store, jid, tag, now) = (
            self.store.clone(),
            jid.clone(),
            tag.to_owned(),
            self.clock.now(),
        );
        let written = {
            let (jid, tag) = (jid.clone(), tag.clone());
            blocking(move || store.set_user_language(&jid, &tag, now)).await
        };
        match written {
            Ok(()) => self.learn(&jid, &tag),
            Err(e) => tracing::warn!(error = %e, "could not record a user's language"),
        }
    }

    /// The tag `jid` last used, if known (a store failure counts as not
    /// known: the default language is a fine answer).
    pub async fn of(&self, jid: &BareJid) -> Option<String> {
        if let Some(tag) = self.known().get(jid) {
            return Some(tag.clone());
        }
        let (store, who) = (self.store.clone(), jid.clone());
        match blocking(move || store.user_language(&who)).await {
            Ok(tag) => {
                if let Some(tag) = &tag {
                    self.learn(jid, tag);
                }
                tag
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not read a user's language");
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Timestamp;
    use crate::store::SqliteStore;
    use crate::testing::FakeClock;

    #[tokio::test]
    async fn only_tag_shaped_values_are_kept() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let l = Languages::new(store, Arc::new(FakeClock::new()));
        let alice = BareJid::new("alice@example.org").unwrap();
        assert_eq!(l.of(&alice).await, None);
        for junk in ["", "  ", "de'; DROP", "x".repeat(MAX_TAG + 1).as_str()] {
            l.remember(&alice, junk).await;
            assert_eq!(l.of(&alice).await, None, "{junk:?}");
        }
        l.remember(&alice, " pt-BR ").await;
        assert_eq!(l.of(&alice).await.as_deref(), Some("pt-BR"));
    }

    #[tokio::test]
    async fn a_repeated_language_is_not_written_again_and_a_change_is() {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let l = Languages::new(store.clone(), Arc::new(FakeClock::new()));
        let alice = BareJid::new("alice@example.org").unwrap();
        l.remember(&alice, "de").await;
        // Changed behind its back: a repeat that reached the store would
        // write "de" over this.
        store
            .set_user_language(&alice, "fr", Timestamp(99))
            .unwrap();
        l.remember(&alice, "de").await;
        assert_eq!(store.user_language(&alice).unwrap().as_deref(), Some("fr"));
        l.remember(&alice, "ja").await;
        assert_eq!(store.user_language(&alice).unwrap().as_deref(), Some("ja"));
        assert_eq!(l.of(&alice).await.as_deref(), Some("ja"));
        // A fresh process reads what the store kept.
        let again = Languages::new(store, Arc::new(FakeClock::new()));
        assert_eq!(again.of(&alice).await.as_deref(), Some("ja"));
    }
}
