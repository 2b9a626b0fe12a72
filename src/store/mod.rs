//! The SQLite store: the only module that speaks SQL.
//!
//! One connection behind a mutex. Callers on an async runtime reach it
//! through `spawn_blocking`, never from a worker thread. WAL with
//! `synchronous=NORMAL` keeps commits cheap (tens of thousands per second
//! measured here, against ~5,000 with FULL) while a crash can lose at most
//! the last commits, never corrupt the file.

use crate::domain::{
    ConsumeOutcome, Invite, InviteId, InviteKind, InviteStore, NewInvite, StoreError, Timestamp,
    TokenHash,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Schema versions, oldest first. Never edit a released entry: add one.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(
        "CREATE TABLE invites (
            id                  INTEGER PRIMARY KEY,
            token_hash          BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
            kind                TEXT    NOT NULL
                                CHECK (kind IN ('account', 'contact', 'account-and-contact')),
            creator             TEXT    NOT NULL,
            created_at          INTEGER NOT NULL,
            expires_at          INTEGER NOT NULL,
            max_uses            INTEGER NOT NULL CHECK (max_uses >= 1),
            uses                INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
            reserved_username   TEXT,
            roster_subscription INTEGER NOT NULL DEFAULT 0 CHECK (roster_subscription IN (0, 1)),
            note                TEXT,
            revoked_at          INTEGER
        ) STRICT;
        CREATE INDEX invites_expires_at ON invites (expires_at);
        CREATE INDEX invites_reserved_username ON invites (reserved_username)
            WHERE reserved_username IS NOT NULL;
        CREATE TABLE redemptions (
            id          INTEGER PRIMARY KEY,
            invite_id   INTEGER NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
            jid         TEXT    NOT NULL,
            redeemed_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX redemptions_invite_id ON redemptions (invite_id);",
    )])
}

/// Errors opening the database; fatal at startup.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("cannot bring the database {path} up to date: {source}")]
    Migrate {
        path: String,
        source: rusqlite_migration::Error,
    },
}

/// The SQLite-backed [`InviteStore`].
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and migrates it.
    pub fn open(path: &Path) -> Result<SqliteStore, OpenError> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| OpenError::Open {
            path: name.clone(),
            source,
        })?;
        Self::init(conn, &name)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<SqliteStore, OpenError> {
        let conn = Connection::open_in_memory().map_err(|source| OpenError::Open {
            path: ":memory:".into(),
            source,
        })?;
        Self::init(conn, ":memory:")
    }

    fn init(mut conn: Connection, name: &str) -> Result<SqliteStore, OpenError> {
        let open_err = |source| OpenError::Open {
            path: name.to_owned(),
            source,
        };
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        migrations()
            .to_latest(&mut conn)
            .map_err(|source| OpenError::Migrate {
                path: name.to_owned(),
                source,
            })?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done
        // transaction behind (rusqlite rolls back on drop), so a poisoned
        // lock is safe to take over.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

const INVITE_COLUMNS: &str = "id, kind, creator, created_at, expires_at, max_uses, uses, \
     reserved_username, roster_subscription, note, revoked_at";

fn invite_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Invite> {
    let kind: String = row.get(1)?;
    let kind = InviteKind::parse(&kind).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            format!("unknown invite kind {kind:?}").into(),
        )
    })?;
    Ok(Invite {
        id: InviteId(row.get(0)?),
        kind,
        creator: row.get(2)?,
        created: Timestamp(row.get(3)?),
        expires: Timestamp(row.get(4)?),
        max_uses: row.get(5)?,
        uses: row.get(6)?,
        reserved_username: row.get(7)?,
        roster_subscription: row.get(8)?,
        note: row.get(9)?,
        revoked: row.get::<_, Option<i64>>(10)?.map(Timestamp),
    })
}

impl InviteStore for SqliteStore {
    fn insert_invite(&self, i: &NewInvite, now: Timestamp) -> Result<InviteId, StoreError> {
        let mut conn = self.conn();
        // IMMEDIATE takes the write lock up front, so the reservation check
        // and the insert cannot interleave with another writer's.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        if let Some(username) = &i.reserved_username {
            let taken: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM invites
                       WHERE reserved_username = ?1 AND revoked_at IS NULL
                         AND expires_at > ?2 AND uses < max_uses)",
                    params![username, now.0],
                    |r| r.get(0),
                )
                .map_err(backend)?;
            if taken {
                return Err(StoreError::UsernameReserved(username.clone()));
            }
        }
        tx.execute(
            "INSERT INTO invites (token_hash, kind, creator, created_at, expires_at, max_uses,
                                  reserved_username, roster_subscription, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                &i.token_hash.0[..],
                i.kind.as_str(),
                i.creator,
                i.created.0,
                i.expires.0,
                i.max_uses,
                i.reserved_username,
                i.roster_subscription,
                i.note,
            ],
        )
        .map_err(backend)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(backend)?;
        Ok(InviteId(id))
    }

    fn find_by_token_hash(&self, hash: &TokenHash) -> Result<Option<Invite>, StoreError> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {INVITE_COLUMNS} FROM invites WHERE token_hash = ?1"
            ))
            .and_then(|mut st| st.query_row([&hash.0[..]], invite_from_row).optional())
            .map_err(backend)
    }

    fn consume_use(
        &self,
        id: InviteId,
        redeemer: &str,
        now: Timestamp,
    ) -> Result<ConsumeOutcome, StoreError> {
        let mut conn = self.conn();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        // The liveness test and the increment are one statement, so two
        // concurrent redemptions of a single-use invite cannot both count.
        let changed = tx
            .execute(
                "UPDATE invites SET uses = uses + 1
                 WHERE id = ?1 AND revoked_at IS NULL AND expires_at > ?2 AND uses < max_uses",
                params![id.0, now.0],
            )
            .map_err(backend)?;
        if changed == 0 {
            return Ok(ConsumeOutcome::NotLive);
        }
        tx.execute(
            "INSERT INTO redemptions (invite_id, jid, redeemed_at) VALUES (?1, ?2, ?3)",
            params![id.0, redeemer, now.0],
        )
        .map_err(backend)?;
        tx.commit().map_err(backend)?;
        Ok(ConsumeOutcome::Consumed)
    }

    fn purge_expired(&self, before: Timestamp) -> Result<usize, StoreError> {
        self.conn()
            .execute("DELETE FROM invites WHERE expires_at < ?1", [before.0])
            .map_err(backend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Token;

    fn new_invite(token: &Token, username: Option<&str>, expires: i64, uses: u32) -> NewInvite {
        NewInvite {
            token_hash: token.hash(),
            kind: InviteKind::Account,
            creator: "admin@example.org".into(),
            created: Timestamp(100),
            expires: Timestamp(expires),
            max_uses: uses,
            reserved_username: username.map(str::to_owned),
            roster_subscription: true,
            note: Some("for the family".into()),
        }
    }

    #[test]
    fn migrations_are_valid_and_apply_from_empty() {
        migrations().validate().unwrap();
        let store = SqliteStore::open_in_memory().unwrap();
        let version: i64 = store
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1);
    }

    #[test]
    fn insert_then_find_by_hash_only() {
        let store = SqliteStore::open_in_memory().unwrap();
        let t = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t, None, 500, 3), Timestamp(100))
            .unwrap();
        let found = store.find_by_token_hash(&t.hash()).unwrap().unwrap();
        assert_eq!(found.id, id);
        assert_eq!(found.kind, InviteKind::Account);
        assert_eq!(found.max_uses, 3);
        assert_eq!(found.uses, 0);
        assert!(found.roster_subscription);
        assert_eq!(found.note.as_deref(), Some("for the family"));
        let other = Token::generate().unwrap();
        assert!(store.find_by_token_hash(&other.hash()).unwrap().is_none());
        // The clear token is nowhere in the row.
        let stored: Vec<u8> = store
            .conn()
            .query_row("SELECT token_hash FROM invites", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, t.hash().0.to_vec());
        assert!(!String::from_utf8_lossy(&stored).contains(t.expose()));
    }

    #[test]
    fn consume_is_atomic_and_bounded() {
        let store = SqliteStore::open_in_memory().unwrap();
        let t = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t, None, 500, 2), Timestamp(100))
            .unwrap();
        assert_eq!(
            store
                .consume_use(id, "a@example.org", Timestamp(150))
                .unwrap(),
            ConsumeOutcome::Consumed
        );
        assert_eq!(
            store
                .consume_use(id, "b@example.org", Timestamp(150))
                .unwrap(),
            ConsumeOutcome::Consumed
        );
        assert_eq!(
            store
                .consume_use(id, "c@example.org", Timestamp(150))
                .unwrap(),
            ConsumeOutcome::NotLive
        );
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM redemptions WHERE invite_id = ?1",
                [id.0],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            store.find_by_token_hash(&t.hash()).unwrap().unwrap().uses,
            2
        );
    }

    #[test]
    fn consume_refuses_expired_invites() {
        let store = SqliteStore::open_in_memory().unwrap();
        let t = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t, None, 500, 1), Timestamp(100))
            .unwrap();
        assert_eq!(
            store
                .consume_use(id, "a@example.org", Timestamp(500))
                .unwrap(),
            ConsumeOutcome::NotLive
        );
    }

    #[test]
    fn concurrent_consumers_of_a_single_use_invite_count_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(SqliteStore::open(&dir.path().join("db")).unwrap());
        let t = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t, None, 500, 1), Timestamp(100))
            .unwrap();
        let handles: Vec<_> = (0..16)
            .map(|n| {
                let store = store.clone();
                std::thread::spawn(move || {
                    store
                        .consume_use(id, &format!("u{n}@example.org"), Timestamp(150))
                        .unwrap()
                })
            })
            .collect();
        let consumed = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|o| *o == ConsumeOutcome::Consumed)
            .count();
        assert_eq!(consumed, 1);
    }

    #[test]
    fn reserved_usernames_conflict_only_while_live() {
        let store = SqliteStore::open_in_memory().unwrap();
        let t1 = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t1, Some("juliet"), 500, 1), Timestamp(100))
            .unwrap();
        let t2 = Token::generate().unwrap();
        let err = store
            .insert_invite(&new_invite(&t2, Some("juliet"), 600, 1), Timestamp(200))
            .unwrap_err();
        assert!(matches!(err, StoreError::UsernameReserved(ref u) if u == "juliet"));
        // Once the first invite is used up the name is free to reserve again
        // (the account now exists, so the server itself will refuse it).
        store
            .consume_use(id, "juliet@example.org", Timestamp(200))
            .unwrap();
        store
            .insert_invite(&new_invite(&t2, Some("juliet"), 600, 1), Timestamp(200))
            .unwrap();
        // After expiry too.
        let t3 = Token::generate().unwrap();
        store
            .insert_invite(&new_invite(&t3, Some("juliet"), 900, 1), Timestamp(600))
            .unwrap();
    }

    #[test]
    fn purge_removes_only_long_expired_invites_and_their_redemptions() {
        let store = SqliteStore::open_in_memory().unwrap();
        let old = Token::generate().unwrap();
        let fresh = Token::generate().unwrap();
        let old_id = store
            .insert_invite(&new_invite(&old, None, 200, 1), Timestamp(100))
            .unwrap();
        store
            .insert_invite(&new_invite(&fresh, None, 10_000, 1), Timestamp(100))
            .unwrap();
        store
            .consume_use(old_id, "a@example.org", Timestamp(150))
            .unwrap();
        assert_eq!(store.purge_expired(Timestamp(1000)).unwrap(), 1);
        assert!(store.find_by_token_hash(&old.hash()).unwrap().is_none());
        assert!(store.find_by_token_hash(&fresh.hash()).unwrap().is_some());
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM redemptions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn file_database_uses_wal_and_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("invites.sqlite3");
        let t = Token::generate().unwrap();
        {
            let store = SqliteStore::open(&path).unwrap();
            store
                .insert_invite(&new_invite(&t, None, 500, 1), Timestamp(100))
                .unwrap();
            let mode: String = store
                .conn()
                .pragma_query_value(None, "journal_mode", |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
        }
        let store = SqliteStore::open(&path).unwrap();
        assert!(store.find_by_token_hash(&t.hash()).unwrap().is_some());
    }
}
