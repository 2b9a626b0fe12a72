//! The language each user last used with the component: recorded from the
//! `xml:lang` of their commands, read when something is sent to them later
//! (a notification), so that it reaches them in words they read.
//!
//! Only the tag is kept; which catalogue it means is the adapters' choice.

use super::{Clock, InviteStore, blocking};
use std::sync::Arc;
use xmpp_parsers::jid::BareJid;

/// Longest tag kept (BCP 47 allows more, but no catalogue tag comes near).
pub const MAX_TAG: usize = 35;

/// Reads and records users' languages through the store.
pub struct Languages {
    store: Arc<dyn InviteStore>,
    clock: Arc<dyn Clock>,
}

impl Languages {
    pub fn new(store: Arc<dyn InviteStore>, clock: Arc<dyn Clock>) -> Languages {
        Languages { store, clock }
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
        let (store, jid, tag, now) = (
            self.store.clone(),
            jid.clone(),
            tag.to_owned(),
            self.clock.now(),
        );
        if let Err(e) = blocking(move || store.set_user_language(&jid, &tag, now)).await {
            tracing::warn!(error = %e, "could not record a user's language");
        }
    }

    /// The tag `jid` last used, if known (a store failure counts as not
    /// known: the default language is a fine answer).
    pub async fn of(&self, jid: &BareJid) -> Option<String> {
        let (store, jid) = (self.store.clone(), jid.clone());
        match blocking(move || store.user_language(&jid)).await {
            Ok(tag) => tag,
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
}
