//! The SQLite store: the only module that speaks SQL.
//!
//! One connection behind a mutex. Callers on an async runtime reach it
//! through `spawn_blocking`, never from a worker thread. WAL with
//! `synchronous=FULL`: a commit is on disk (the WAL fsynced) before the
//! call returns, so whatever the caller answers after it survives a kill
//! and a power loss. An fsync costs milliseconds, so mints, the one write
//! clients ask for at a high rate, are committed in groups: the domain
//! (`MintBatch`) hands concurrent mints to `insert_invites`, which runs
//! them in one transaction with one fsync. Two writes skip the flush
//! (`write_unflushed`) because something already on disk repairs their
//! loss: a redemption's completion (its claim, flushed before the account
//! was asked for, is reconciled again) and an effect's removal from the
//! outbox (delivered again).

use crate::domain::email::{EmailLimitHit, EmailLimits, EmailRecord, EmailStatus};
use crate::domain::manage::{
    InviteQuery, InviteRecord, QUOTA_DAY_SECS, Quota, QuotaExceeded, Redeemer,
};
use crate::domain::{
    Claim, ClaimId, ClaimOutcome, ConfirmationLimits, Effect, Invite, InviteId, InviteKind,
    InviteStore, MintOutcome, NewInvite, NewMint, OutboxId, OutboxItem, StoreError, Timestamp,
    TokenHash,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, named_params, params};
use xmpp_parsers::jid::BareJid;

mod ops;
mod outbox_record;
pub use ops::{BackupError, BackupReport, OutboxStats, backup};
use rusqlite_migration::{M, Migrations};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Schema versions, oldest first. Never edit a released entry: add one.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
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
        ),
        // The outbox: side effects of redemptions (roster writes,
        // notifications), written in the redemption's transaction and
        // deleted once the server acknowledged them.
        M::up(
            "CREATE TABLE outbox (
            id              INTEGER PRIMARY KEY,
            effect          TEXT    NOT NULL CHECK (json_valid(effect)),
            created_at      INTEGER NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error      TEXT
        ) STRICT;
        CREATE INDEX outbox_next_attempt_at ON outbox (next_attempt_at);",
        ),
        // Keys that must survive restarts (e.g. for confirmation links).
        M::up(
            "CREATE TABLE keys (
            name  TEXT PRIMARY KEY,
            value BLOB NOT NULL CHECK (length(value) = 32)
        ) STRICT;",
        ),
        // Crash-safe registration: a claim is written with the use it takes,
        // before the server is asked for the account, and resolved (recorded
        // or released) once the outcome is known, by the request itself or
        // by reconciliation after a crash. One pending claim per localpart.
        // Outbox entries refused for too long end as failed instead of
        // retrying forever. Confirmation messages are counted per invite and
        // per recipient, so a contact token cannot spam local users.
        M::up(
            "CREATE TABLE claims (
            id          INTEGER PRIMARY KEY,
            invite_id   INTEGER NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
            localpart   TEXT    NOT NULL UNIQUE,
            registrant  BLOB    NOT NULL CHECK (length(registrant) = 32),
            created_at  INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX claims_created_at ON claims (created_at);
        ALTER TABLE outbox ADD COLUMN failed_at INTEGER;
        CREATE TABLE confirmations (
            id          INTEGER PRIMARY KEY,
            invite_id   INTEGER NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
            address     TEXT    NOT NULL,
            sent_at     INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX confirmations_invite ON confirmations (invite_id, sent_at);
        CREATE INDEX confirmations_address ON confirmations (address, sent_at);",
        ),
        // Outbox rows become versioned records of the store's own (see
        // `outbox_record`); rows written before carry the same shape.
        M::up(
            "UPDATE outbox SET effect = json_set(effect, '$.v', 1)
             WHERE json_extract(effect, '$.v') IS NULL;",
        ),
        // Outbox ids are never reused (AUTOINCREMENT): a deliverer holding
        // a stale copy of a delivered, deleted entry must not delete a new
        // entry that took its id.
        M::up(
            "CREATE TABLE outbox_new (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            effect          TEXT    NOT NULL CHECK (json_valid(effect)),
            created_at      INTEGER NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error      TEXT,
            failed_at       INTEGER
        ) STRICT;
        INSERT INTO outbox_new (id, effect, created_at, attempts, next_attempt_at, last_error, failed_at)
            SELECT id, effect, created_at, attempts, next_attempt_at, last_error, failed_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_new RENAME TO outbox;
        CREATE INDEX outbox_next_attempt_at ON outbox (next_attempt_at);",
        ),
        // Managing invites: ids are public names now, so never reused
        // (AUTOINCREMENT); a revocation records who made it; password-reset
        // invites are a kind of their own. SQLite cannot change a CHECK in
        // place, so the table is rebuilt (foreign keys are off while
        // migrating, see `init`, so the rows that point at it stay).
        M::up(
            "CREATE TABLE invites_new (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT,
            token_hash          BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
            kind                TEXT    NOT NULL
                                CHECK (kind IN ('account', 'contact', 'account-and-contact', 'reset')),
            creator             TEXT    NOT NULL,
            created_at          INTEGER NOT NULL,
            expires_at          INTEGER NOT NULL,
            max_uses            INTEGER NOT NULL CHECK (max_uses >= 1),
            uses                INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
            reserved_username   TEXT,
            roster_subscription INTEGER NOT NULL DEFAULT 0 CHECK (roster_subscription IN (0, 1)),
            note                TEXT,
            revoked_at          INTEGER,
            revoked_by          TEXT
        ) STRICT;
        INSERT INTO invites_new (id, token_hash, kind, creator, created_at, expires_at, max_uses,
                                 uses, reserved_username, roster_subscription, note, revoked_at)
            SELECT id, token_hash, kind, creator, created_at, expires_at, max_uses,
                   uses, reserved_username, roster_subscription, note, revoked_at FROM invites;
        DROP TABLE invites;
        ALTER TABLE invites_new RENAME TO invites;
        CREATE INDEX invites_expires_at ON invites (expires_at);
        CREATE INDEX invites_reserved_username ON invites (reserved_username)
            WHERE reserved_username IS NOT NULL;
        CREATE INDEX invites_creator ON invites (creator, created_at);",
        )
        .foreign_key_check(),
        // Group invites name the roster group of everyone who joins.
        M::up(
            "ALTER TABLE invites ADD COLUMN group_name TEXT
                CHECK (group_name IS NULL OR length(group_name) BETWEEN 1 AND 64);",
        ),
        // Email invites: the address and message live only as long as the
        // invite (deleted with it); the limits count keyed hashes of
        // addresses, which outlive invites but name no one.
        M::up(
            "CREATE TABLE invite_emails (
            invite_id   INTEGER PRIMARY KEY REFERENCES invites (id) ON DELETE CASCADE,
            address     TEXT    NOT NULL,
            message     TEXT,
            sends       INTEGER NOT NULL DEFAULT 1,
            status      TEXT    NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
            error       TEXT,
            updated_at  INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE email_sends (
            id          INTEGER PRIMARY KEY,
            inviter     TEXT    NOT NULL,
            recipient   BLOB    NOT NULL CHECK (length(recipient) = 32),
            sent_at     INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX email_sends_inviter ON email_sends (inviter, sent_at);
        CREATE INDEX email_sends_recipient ON email_sends (recipient, sent_at);",
        ),
        // The language each user last used with the component (the
        // `xml:lang` of their last command), so that what is sent to them
        // later (notifications) is in it: the tag only, by bare JID.
        M::up(
            "CREATE TABLE user_languages (
            jid         TEXT    PRIMARY KEY,
            lang        TEXT    NOT NULL CHECK (length(lang) BETWEEN 1 AND 35),
            updated_at  INTEGER NOT NULL
        ) STRICT;",
        ),
        // Claim ids never come back: without AUTOINCREMENT, a claim made
        // right after another was resolved got the same id, and the
        // resolved one's registration task, still delivering its effects,
        // was taken to be a first attempt of the new one ("still in
        // progress").
        M::up(
            "CREATE TABLE claims_new (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            invite_id   INTEGER NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
            localpart   TEXT    NOT NULL UNIQUE,
            registrant  BLOB    NOT NULL CHECK (length(registrant) = 32),
            created_at  INTEGER NOT NULL
        ) STRICT;
        INSERT INTO claims_new (id, invite_id, localpart, registrant, created_at)
            SELECT id, invite_id, localpart, registrant, created_at FROM claims;
        DROP TABLE claims;
        ALTER TABLE claims_new RENAME TO claims;
        CREATE INDEX claims_created_at ON claims (created_at);",
        ),
    ])
}

/// Creates the database file (and its directory) private, if missing.
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::fs::{DirBuilder, OpenOptions};
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        }
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Errors opening the database; fatal at startup.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the database {path}: {source}")]
    Create {
        path: String,
        source: std::io::Error,
    },
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
    /// Read-only connections for the lookups every page view makes (see
    /// `read`); none for an in-memory database, which only `conn` sees.
    readers: Vec<Mutex<Connection>>,
    next_reader: std::sync::atomic::AtomicUsize,
}

/// Read connections of a file database. WAL lets them read while `conn`
/// commits (and fsyncs); two keep the landing pages of a small machine
/// from queueing on one lock without holding a page cache per core.
const READERS: usize = 2;

fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and migrates it. A new
    /// file is created readable by its owner only (0600), in a directory
    /// created 0700 if missing: it holds the key that signs confirmation
    /// links and who invited whom. SQLite gives its -wal and -shm files the
    /// database file's mode.
    pub fn open(path: &Path) -> Result<SqliteStore, OpenError> {
        let name = path.display().to_string();
        create_private(path).map_err(|e| OpenError::Create {
            path: name.clone(),
            source: e,
        })?;
        let conn = Connection::open(path).map_err(|source| OpenError::Open {
            path: name.clone(),
            source,
        })?;
        let mut store = Self::init(conn, &name)?;
        // Opened after the migrations, so they see the final schema.
        for _ in 0..READERS {
            let reader = Connection::open_with_flags(
                path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .and_then(|c| {
                c.busy_timeout(Duration::from_secs(5))?;
                Ok(c)
            })
            .map_err(|source| OpenError::Open {
                path: name.clone(),
                source,
            })?;
            store.readers.push(Mutex::new(reader));
        }
        Ok(store)
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
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(open_err)?;
        // Off while migrating: a migration that rebuilds a table must not
        // cascade its DROP onto the rows referring to it (SQLite's own
        // procedure for schema changes); each such migration checks the
        // keys before it commits.
        conn.pragma_update(None, "foreign_keys", "OFF")
            .map_err(open_err)?;
        migrations()
            .to_latest(&mut conn)
            .map_err(|source| OpenError::Migrate {
                path: name.to_owned(),
                source,
            })?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            readers: Vec::new(),
            next_reader: Default::default(),
        })
    }

    /// Runs `f` in one IMMEDIATE transaction (the write lock is taken up
    /// front, so checks and writes cannot interleave with another
    /// writer's) and commits what it wrote; an error rolls it all back.
    fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        let value = f(&tx)?;
        tx.commit().map_err(backend)?;
        Ok(value)
    }

    /// [`SqliteStore::write`] without the flush at commit (`synchronous =
    /// NORMAL` for this transaction alone): the commit survives the
    /// process being killed, and the next flushed commit carries it to
    /// disk, but a power loss before that may undo it. Only for writes
    /// whose loss something durable already repairs; each caller says
    /// what.
    fn write_unflushed<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn();
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(backend)?;
        let written = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)
            .and_then(|tx| {
                let value = f(&tx)?;
                tx.commit().map_err(backend)?;
                Ok(value)
            });
        // Back to flushing before the lock is released, whatever happened:
        // every other write counts on it.
        let restored = conn
            .pragma_update(None, "synchronous", "FULL")
            .map_err(backend);
        written.and_then(|value| restored.map(|()| value))
    }

    /// One mint in a transaction of its own (the callers that are not
    /// [`InviteStore::insert_invites`]).
    fn insert_one(&self, invite: &NewInvite, now: Timestamp, quota: Option<Quota>) -> MintOutcome {
        let mint = NewMint {
            invite: invite.clone(),
            now,
            quota,
        };
        run_mints(&mut self.conn(), std::slice::from_ref(&mint))
            .pop()
            .unwrap_or_else(|| Err(StoreError::Backend("a mint was left unsettled".into())))
    }

    /// A connection for a read that needs no transaction with a write: a
    /// free reader if there is one, else the next in turn; `conn` for an
    /// in-memory database. A reader sees every commit made before it
    /// starts, so a lookup after a write returned sees that write.
    fn read(&self) -> MutexGuard<'_, Connection> {
        if self.readers.is_empty() {
            return self.conn();
        }
        for r in &self.readers {
            if let Ok(guard) = r.try_lock() {
                return guard;
            }
        }
        let n = self
            .next_reader
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        lock(&self.readers[n % self.readers.len()])
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done
        // transaction behind (rusqlite rolls back on drop), so a poisoned
        // lock is safe to take over.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A lock whose holder cannot have left its data half-changed (a
/// panicking holder leaves at worst a queue or an outcome unread).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One group commit of `batch`: every mint in one IMMEDIATE transaction,
/// each in a savepoint of its own (a refused mint, a username already
/// reserved or a quota reached, rolls back alone), committed once. The
/// checks see the mints in batch order. Every mint gets an outcome, an
/// error for all when the transaction fails.
fn run_mints(conn: &mut Connection, batch: &[NewMint]) -> Vec<MintOutcome> {
    let settled = (|| -> Result<Vec<MintOutcome>, rusqlite::Error> {
        let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for m in batch {
            let sp = tx.savepoint()?;
            let outcome = (|| -> MintOutcome {
                if let Some(q) = m.quota {
                    let creator = m.invite.creator.as_str();
                    if let Some(hit) = quota_hit(&sp, creator, m.now, q).map_err(backend)? {
                        return Ok(Err(hit));
                    }
                }
                insert(&sp, &m.invite, m.now).map(Ok)
            })();
            match outcome {
                Ok(Ok(_)) => sp.commit()?,
                // Nothing of a refused mint stays (dropping rolls back).
                _ => drop(sp),
            }
            outcomes.push(outcome);
        }
        tx.commit()?;
        Ok(outcomes)
    })();
    settled.unwrap_or_else(|e| {
        // Nothing was committed: every mint of the batch failed.
        let e = Arc::new(e);
        batch
            .iter()
            .map(|_| Err(StoreError::Backend(Box::new(SharedError(e.clone())))))
            .collect()
    })
}

/// One database error reported to every caller of a failed group commit.
#[derive(Debug)]
struct SharedError(Arc<rusqlite::Error>);

impl std::fmt::Display for SharedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for SharedError {}

/// SQL for "this invite can still be used at `:now`": the one definition
/// of liveness in the store, mirroring `Invite::state` in the domain.
const LIVE: &str = "revoked_at IS NULL AND expires_at > :now AND uses < max_uses";

/// Takes one use of a live invite. The liveness test and the increment are
/// one statement, so two concurrent redemptions of a single-use invite
/// cannot both count.
fn claim(conn: &Connection, id: InviteId, now: Timestamp) -> rusqlite::Result<bool> {
    conn.execute(
        &format!("UPDATE invites SET uses = uses + 1 WHERE id = :id AND {LIVE}"),
        named_params! { ":id": id.0, ":now": now.0 },
    )
    .map(|n| n == 1)
}

/// Whether a live invite other than `except` reserves `username`.
fn reserved(
    conn: &Connection,
    username: &str,
    except: Option<InviteId>,
    now: Timestamp,
) -> rusqlite::Result<bool> {
    conn.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM invites
               WHERE reserved_username = :username AND id IS NOT :except AND {LIVE})"
        ),
        named_params! { ":username": username, ":except": except.map(|i| i.0), ":now": now.0 },
        |r| r.get(0),
    )
}

const INVITE_COLUMNS: &str = "id, kind, creator, created_at, expires_at, max_uses, uses, \
     reserved_username, roster_subscription, note, revoked_at, token_hash, group_name";

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
        creator: {
            let creator: String = row.get(2)?;
            BareJid::new(&creator).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
            })?
        },
        created: Timestamp(row.get(3)?),
        expires: Timestamp(row.get(4)?),
        max_uses: row.get(5)?,
        uses: row.get(6)?,
        reserved_username: row.get(7)?,
        roster_subscription: row.get(8)?,
        note: row.get(9)?,
        group: row.get(12)?,
        revoked: row.get::<_, Option<i64>>(10)?.map(Timestamp),
        token_hash: {
            let bytes: Vec<u8> = row.get(11)?;
            TokenHash(bytes.try_into().map_err(|_| {
                rusqlite::Error::FromSqlConversionFailure(
                    11,
                    rusqlite::types::Type::Blob,
                    "token hash of the wrong length".into(),
                )
            })?)
        },
    })
}

impl InviteStore for SqliteStore {
    fn insert_invite(&self, i: &NewInvite, now: Timestamp) -> Result<InviteId, StoreError> {
        // IMMEDIATE (in `run_mints`) takes the write lock up front, so
        // the reservation check and the insert cannot interleave with
        // another writer's.
        match self.insert_one(i, now, None)? {
            Ok(id) => Ok(id),
            Err(_) => Err(StoreError::Backend(
                "a quota refused a mint without one".into(),
            )),
        }
    }

    fn insert_invite_within(
        &self,
        i: &NewInvite,
        now: Timestamp,
        quota: Quota,
    ) -> Result<Result<InviteId, QuotaExceeded>, StoreError> {
        self.insert_one(i, now, Some(quota))
    }

    fn insert_invites(&self, batch: &[NewMint]) -> Vec<MintOutcome> {
        run_mints(&mut self.conn(), batch)
    }

    fn revoke(
        &self,
        id: InviteId,
        by: &str,
        creator: Option<&str>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        self.conn()
            .execute(
                "UPDATE invites SET revoked_at = :now, revoked_by = :by
                 WHERE id = :id AND revoked_at IS NULL AND (:creator IS NULL OR creator = :creator)",
                named_params! { ":now": now.0, ":by": by, ":id": id.0, ":creator": creator },
            )
            .map(|n| n == 1)
            .map_err(backend)
    }

    fn list_invites(&self, q: &InviteQuery) -> Result<Vec<InviteRecord>, StoreError> {
        let conn = self.conn();
        let mut st = conn
            .prepare_cached(&format!(
                "SELECT {INVITE_COLUMNS}, revoked_by FROM invites
                 WHERE (:creator IS NULL OR creator = :creator)
                   AND (:kind IS NULL OR kind = :kind)
                   AND (:now IS NULL OR ({LIVE}))
                 ORDER BY id DESC LIMIT :limit"
            ))
            .map_err(backend)?;
        let rows: Vec<(Invite, Option<String>)> = st
            .query_map(
                named_params! {
                    ":creator": q.creator,
                    ":kind": q.kind.map(|k| k.as_str()),
                    ":now": q.live_at.map(|t| t.0),
                    ":limit": i64::try_from(q.limit).unwrap_or(i64::MAX),
                },
                |r| Ok((invite_from_row(r)?, r.get(13)?)),
            )
            .and_then(|rows| rows.collect())
            .map_err(backend)?;
        rows.into_iter()
            .map(|(invite, revoked_by)| {
                Ok(InviteRecord {
                    redemptions: redeemers(&conn, invite.id).map_err(backend)?,
                    email: email_record(&conn, invite.id).map_err(backend)?,
                    invite,
                    revoked_by,
                })
            })
            .collect()
    }

    fn invite_record(&self, id: InviteId) -> Result<Option<InviteRecord>, StoreError> {
        let conn = self.conn();
        let row: Option<(Invite, Option<String>)> = conn
            .prepare_cached(&format!(
                "SELECT {INVITE_COLUMNS}, revoked_by FROM invites WHERE id = ?1"
            ))
            .and_then(|mut st| {
                st.query_row([id.0], |r| Ok((invite_from_row(r)?, r.get(13)?)))
                    .optional()
            })
            .map_err(backend)?;
        row.map(|(invite, revoked_by)| {
            Ok(InviteRecord {
                redemptions: redeemers(&conn, invite.id).map_err(backend)?,
                email: email_record(&conn, invite.id).map_err(backend)?,
                invite,
                revoked_by,
            })
        })
        .transpose()
    }

    fn find_by_id(&self, id: InviteId) -> Result<Option<Invite>, StoreError> {
        self.read()
            .prepare_cached(&format!(
                "SELECT {INVITE_COLUMNS} FROM invites WHERE id = ?1"
            ))
            .and_then(|mut st| st.query_row([id.0], invite_from_row).optional())
            .map_err(backend)
    }

    fn find_by_token_hash(&self, hash: &TokenHash) -> Result<Option<Invite>, StoreError> {
        by_token_hash(&self.read(), hash)
    }

    fn find_by_token_hash_now(
        &self,
        hash: &TokenHash,
    ) -> Option<Result<Option<Invite>, StoreError>> {
        // Only the readers: the writer may be in a commit, waiting on the
        // disk.
        let conn = self.readers.iter().find_map(|r| r.try_lock().ok())?;
        Some(by_token_hash(&conn, hash))
    }

    fn begin_claim(
        &self,
        id: InviteId,
        localpart: &str,
        check: &[u8; 32],
        now: Timestamp,
    ) -> Result<ClaimOutcome, StoreError> {
        self.write(|tx| {
            let pending: Option<(i64, i64, Vec<u8>)> = tx
                .query_row(
                    "SELECT id, invite_id, registrant FROM claims WHERE localpart = ?1",
                    [localpart],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(backend)?;
            if let Some((claim, invite, registrant)) = pending {
                return Ok(if invite == id.0 && registrant == check[..] {
                    ClaimOutcome::Resumed(ClaimId(claim))
                } else {
                    ClaimOutcome::LocalpartBusy
                });
            }
            if !claim(tx, id, now).map_err(backend)? {
                return Ok(ClaimOutcome::NoUseLeft);
            }
            tx.execute(
                "INSERT INTO claims (invite_id, localpart, registrant, created_at)
             VALUES (?1, ?2, ?3, ?4)",
                params![id.0, localpart, &check[..], now.0],
            )
            .map_err(backend)?;
            let claim = ClaimId(tx.last_insert_rowid());
            Ok(ClaimOutcome::Claimed(claim))
        })
    }

    fn complete_claim(
        &self,
        claim: ClaimId,
        redeemer: &str,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Option<Vec<OutboxId>>, StoreError> {
        // Unflushed: the claim it settles was flushed before the account
        // was asked for, so a power loss that undoes this commit leaves
        // that claim, and reconciliation completes it again (the account
        // exists): the same redemption and effects, delivered again
        // (roster writes are idempotent). One fsync less in every
        // redemption (P3 in scripts/bench).
        self.write_unflushed(|tx| {
            let Some(invite) = claimed_invite(tx, claim)? else {
                return Ok(None);
            };
            let ids = insert_redemption(tx, invite, redeemer, now, effects)?;
            tx.execute("DELETE FROM claims WHERE id = ?1", [claim.0])
                .map_err(backend)?;
            Ok(Some(ids))
        })
    }

    fn release_claim(&self, claim: ClaimId) -> Result<bool, StoreError> {
        self.write(|tx| {
            let Some(invite) = claimed_invite(tx, claim)? else {
                return Ok(false);
            };
            tx.execute(
                "UPDATE invites SET uses = uses - 1 WHERE id = ?1 AND uses > 0",
                [invite.0],
            )
            .map_err(backend)?;
            tx.execute("DELETE FROM claims WHERE id = ?1", [claim.0])
                .map_err(backend)?;
            Ok(true)
        })
    }

    fn stale_claims(&self, before: Timestamp) -> Result<Vec<Claim>, StoreError> {
        let conn = self.conn();
        let mut st = conn
            .prepare_cached(
                "SELECT id, invite_id, localpart, created_at FROM claims
                 WHERE created_at < ?1 ORDER BY id",
            )
            .map_err(backend)?;
        st.query_map([before.0], |r| {
            Ok(Claim {
                id: ClaimId(r.get(0)?),
                invite: InviteId(r.get(1)?),
                localpart: r.get(2)?,
                created: Timestamp(r.get(3)?),
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(backend)
    }

    fn queue_confirmation(
        &self,
        id: InviteId,
        address: &str,
        now: Timestamp,
        limits: ConfirmationLimits,
        effects: &[Effect],
    ) -> Result<Option<Vec<OutboxId>>, StoreError> {
        self.write(|tx| {
            let since = now.0.saturating_sub(limits.window_secs);
            let (per_invite, per_recipient): (u32, u32) = tx
            .query_row(
                "SELECT (SELECT count(*) FROM confirmations WHERE invite_id = ?1 AND sent_at > ?3),
                        (SELECT count(*) FROM confirmations WHERE address = ?2 AND sent_at > ?3)",
                params![id.0, address, since],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(backend)?;
            if per_invite >= limits.per_invite || per_recipient >= limits.per_recipient {
                return Ok(None);
            }
            tx.execute(
                "INSERT INTO confirmations (invite_id, address, sent_at) VALUES (?1, ?2, ?3)",
                params![id.0, address, now.0],
            )
            .map_err(backend)?;
            let ids = insert_effects(tx, now, effects)?;
            Ok(Some(ids))
        })
    }

    fn consume_use(
        &self,
        id: InviteId,
        redeemer: &str,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Option<Vec<OutboxId>>, StoreError> {
        self.write(|tx| {
            if !claim(tx, id, now).map_err(backend)? {
                return Ok(None);
            }
            let ids = insert_redemption(tx, id, redeemer, now, effects)?;
            Ok(Some(ids))
        })
    }

    fn take_use(&self, id: InviteId, now: Timestamp) -> Result<bool, StoreError> {
        self.write(|tx| claim(tx, id, now).map_err(backend))
    }

    fn give_back_use(&self, id: InviteId) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE invites SET uses = uses - 1 WHERE id = ?1 AND uses > 0",
                [id.0],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn record_taken_use(
        &self,
        id: InviteId,
        redeemer: &str,
        now: Timestamp,
        effects: &[Effect],
    ) -> Result<Vec<OutboxId>, StoreError> {
        self.write(|tx| insert_redemption(tx, id, redeemer, now, effects))
    }

    fn pending_claim(
        &self,
        id: InviteId,
        localpart: &str,
        check: &[u8; 32],
    ) -> Result<Option<ClaimId>, StoreError> {
        self.conn()
            .query_row(
                "SELECT id FROM claims WHERE invite_id = ?1 AND localpart = ?2 AND registrant = ?3",
                params![id.0, localpart, &check[..]],
                |r| r.get(0).map(ClaimId),
            )
            .optional()
            .map_err(backend)
    }

    fn redeemed_by(&self, id: InviteId, jid: &str) -> Result<bool, StoreError> {
        self.conn()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM redemptions WHERE invite_id = ?1 AND jid = ?2)",
                params![id.0, jid],
                |r| r.get(0),
            )
            .map_err(backend)
    }

    fn username_reserved_elsewhere(
        &self,
        username: &str,
        except: InviteId,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        reserved(&self.conn(), username, Some(except), now).map_err(backend)
    }

    fn purge_expired(&self, before: Timestamp) -> Result<usize, StoreError> {
        let conn = self.conn();
        conn.execute("DELETE FROM confirmations WHERE sent_at < ?1", [before.0])
            .map_err(backend)?;
        conn.execute("DELETE FROM email_sends WHERE sent_at < ?1", [before.0])
            .map_err(backend)?;
        // Ended: expired, revoked, or used up by a last redemption, before.
        conn.execute(
            "DELETE FROM invites WHERE expires_at < ?1 OR revoked_at < ?1
               OR (uses >= max_uses AND NOT EXISTS (SELECT 1 FROM claims WHERE invite_id = invites.id)
                   AND (SELECT max(redeemed_at) FROM redemptions WHERE invite_id = invites.id) < ?1)",
            [before.0],
        )
            .map_err(backend)
    }

    fn due_effects(&self, now: Timestamp, limit: usize) -> Result<Vec<OutboxItem>, StoreError> {
        let conn = self.conn();
        let mut st = conn
            .prepare_cached(
                "SELECT id, effect, attempts, created_at FROM outbox
                 WHERE next_attempt_at <= ?1 AND failed_at IS NULL
                 ORDER BY next_attempt_at, id LIMIT ?2",
            )
            .map_err(backend)?;
        let rows = st
            .query_map(params![now.0, limit as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .map_err(backend)?;
        let mut items = Vec::new();
        for row in rows {
            let (id, json, attempts, created) = row.map_err(backend)?;
            match outbox_record::decode(&json) {
                Ok(effect) => items.push(OutboxItem {
                    id: OutboxId(id),
                    effect,
                    attempts,
                    created: Timestamp(created),
                }),
                // Written by a newer version, or damaged by hand: keep it
                // for the operator rather than dropping it silently.
                Err(e) => {
                    tracing::error!(outbox_id = id, error = %e, "unreadable outbox entry skipped")
                }
            }
        }
        Ok(items)
    }

    fn pending_effect(&self, id: OutboxId) -> Result<Option<OutboxItem>, StoreError> {
        let row: Option<(String, u32, i64)> = self
            .conn()
            .query_row(
                "SELECT effect, attempts, created_at FROM outbox
                 WHERE id = ?1 AND failed_at IS NULL",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(backend)?;
        row.map(|(json, attempts, created)| {
            Ok(OutboxItem {
                id,
                effect: outbox_record::decode(&json)
                    .map_err(|e| StoreError::Backend(Box::new(e)))?,
                attempts,
                created: Timestamp(created),
            })
        })
        .transpose()
    }

    fn next_effect_due(&self) -> Result<Option<Timestamp>, StoreError> {
        self.conn()
            .query_row(
                "SELECT min(next_attempt_at) FROM outbox WHERE failed_at IS NULL",
                [],
                |r| r.get::<_, Option<i64>>(0),
            )
            .map(|t| t.map(Timestamp))
            .map_err(backend)
    }

    fn key(&self, name: &str) -> Result<[u8; 32], StoreError> {
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh)
            .map_err(|e| StoreError::Backend(format!("OS RNG failed: {e}").into()))?;
        let conn = self.conn();
        // Insert-if-absent then read: concurrent first uses agree on one key.
        conn.execute(
            "INSERT OR IGNORE INTO keys (name, value) VALUES (?1, ?2)",
            params![name, &fresh[..]],
        )
        .map_err(backend)?;
        let value: Vec<u8> = conn
            .query_row("SELECT value FROM keys WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .map_err(backend)?;
        value
            .try_into()
            .map_err(|_| StoreError::Backend(format!("key {name} has the wrong length").into()))
    }

    fn user_language(&self, jid: &BareJid) -> Result<Option<String>, StoreError> {
        self.conn()
            .query_row(
                "SELECT lang FROM user_languages WHERE jid = ?1",
                [jid.as_str()],
                |r| r.get(0),
            )
            .optional()
            .map_err(backend)
    }

    fn set_user_language(
        &self,
        jid: &BareJid,
        tag: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        // Written only when it changed: most commands repeat the language.
        self.conn()
            .execute(
                "INSERT INTO user_languages (jid, lang, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (jid) DO UPDATE SET lang = excluded.lang,
                     updated_at = excluded.updated_at
                 WHERE lang IS NOT excluded.lang",
                params![jid.as_str(), tag, now.0],
            )
            .map(|_| ())
            .map_err(backend)
    }

    fn retry_all_now(&self, now: Timestamp) -> Result<usize, StoreError> {
        self.conn()
            .execute(
                "UPDATE outbox SET next_attempt_at = ?1
                 WHERE next_attempt_at > ?1 AND failed_at IS NULL",
                [now.0],
            )
            .map_err(backend)?;
        self.conn()
            .query_row(
                "SELECT count(*) FROM outbox WHERE failed_at IS NULL",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(backend)
    }

    fn effect_done(&self, id: OutboxId) -> Result<(), StoreError> {
        // Unflushed: losing this deletion to a power loss only delivers
        // the effect again, which the outbox does anyway after any crash
        // between delivering and this call (roster writes are idempotent).
        // A redemption delivers three effects before its answer; an fsync
        // each was a good part of its time.
        self.write_unflushed(|tx| {
            tx.execute("DELETE FROM outbox WHERE id = ?1", [id.0])
                .map(drop)
                .map_err(backend)
        })
    }

    fn effect_failed(
        &self,
        id: OutboxId,
        next_attempt: Option<Timestamp>,
        error: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let (next, failed) = match next_attempt {
            Some(t) => (t.0, None),
            None => (now.0, Some(now.0)),
        };
        self.conn()
            .execute(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3,
                                   failed_at = ?4
                 WHERE id = ?1",
                params![id.0, next, error, failed],
            )
            .map(drop)
            .map_err(backend)
    }

    fn failed_effects(&self) -> Result<usize, StoreError> {
        self.conn()
            .query_row(
                "SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(backend)
    }

    fn email_limit_hit(
        &self,
        inviter: &str,
        recipients: &[[u8; 32]],
        now: Timestamp,
        limits: EmailLimits,
    ) -> Result<Option<EmailLimitHit>, StoreError> {
        email_limit(&self.conn(), inviter, recipients, now, limits).map_err(backend)
    }

    fn queue_email(
        &self,
        id: InviteId,
        inviter: &str,
        recipients: &[[u8; 32]],
        address: &str,
        message: Option<&str>,
        new_token: Option<TokenHash>,
        now: Timestamp,
        limits: EmailLimits,
        effects: &[Effect],
    ) -> Result<Result<Vec<OutboxId>, EmailLimitHit>, StoreError> {
        self.write(|tx| {
            if let Some(hit) = email_limit(tx, inviter, recipients, now, limits).map_err(backend)? {
                return Ok(Err(hit));
            }
            for r in recipients {
                tx.execute(
                    "INSERT INTO email_sends (inviter, recipient, sent_at) VALUES (?1, ?2, ?3)",
                    params![inviter, &r[..], now.0],
                )
                .map_err(backend)?;
            }
            if let Some(hash) = new_token {
                tx.execute(
                    "UPDATE invites SET token_hash = ?2 WHERE id = ?1",
                    params![id.0, &hash.0[..]],
                )
                .map_err(backend)?;
            }
            tx.execute(
                "INSERT INTO invite_emails (invite_id, address, message, sends, status, updated_at)
                 VALUES (?1, ?2, ?3, 1, 'queued', ?4)
                 ON CONFLICT (invite_id) DO UPDATE SET sends = sends + 1, status = 'queued',
                     error = NULL, updated_at = excluded.updated_at",
                params![id.0, address, message, now.0],
            )
            .map_err(backend)?;
            Ok(Ok(insert_effects(tx, now, effects)?))
        })
    }

    fn email_record(&self, id: InviteId) -> Result<Option<EmailRecord>, StoreError> {
        email_record(&self.conn(), id).map_err(backend)
    }

    fn email_outcome(
        &self,
        id: InviteId,
        error: Option<&str>,
        given_up: bool,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let status = match (error, given_up) {
            (None, _) => "sent",
            (Some(_), false) => "queued",
            (Some(_), true) => "failed",
        };
        self.conn()
            .execute(
                "UPDATE invite_emails SET status = ?2, error = ?3, updated_at = ?4
                 WHERE invite_id = ?1",
                params![id.0, status, error, now.0],
            )
            .map(drop)
            .map_err(backend)
    }
}

/// The first email limit a send would exceed (see `queue_email`).
fn email_limit(
    conn: &Connection,
    inviter: &str,
    recipients: &[[u8; 32]],
    now: Timestamp,
    limits: EmailLimits,
) -> rusqlite::Result<Option<EmailLimitHit>> {
    let since = now.0.saturating_sub(limits.window_secs);
    // Counted in messages: a copy counts against its inviter too.
    let by_inviter: u32 = conn.query_row(
        "SELECT count(*) FROM email_sends WHERE inviter = ?1 AND sent_at > ?2",
        params![inviter, since],
        |r| r.get(0),
    )?;
    if by_inviter + recipients.len() as u32 > limits.per_inviter {
        return Ok(Some(EmailLimitHit::Inviter(limits.per_inviter)));
    }
    for r in recipients {
        let to_recipient: u32 = conn.query_row(
            "SELECT count(*) FROM email_sends WHERE recipient = ?1 AND sent_at > ?2",
            params![&r[..], since],
            |r| r.get(0),
        )?;
        if to_recipient >= limits.per_recipient {
            return Ok(Some(EmailLimitHit::Recipient(limits.per_recipient)));
        }
    }
    Ok(None)
}

fn email_record(conn: &Connection, id: InviteId) -> rusqlite::Result<Option<EmailRecord>> {
    conn.prepare_cached(
        "SELECT address, message, sends, status, error, updated_at FROM invite_emails
         WHERE invite_id = ?1",
    )?
    .query_row([id.0], |r| {
        let status: String = r.get(3)?;
        let error: Option<String> = r.get(4)?;
        let at = Timestamp(r.get(5)?);
        Ok(EmailRecord {
            address: r.get(0)?,
            message: r.get(1)?,
            sends: r.get(2)?,
            status: match status.as_str() {
                "sent" => EmailStatus::Sent { at },
                "failed" => EmailStatus::Failed {
                    at,
                    error: error.unwrap_or_default(),
                },
                _ => EmailStatus::Queued { error },
            },
        })
    })
    .optional()
}

fn by_token_hash(conn: &Connection, hash: &TokenHash) -> Result<Option<Invite>, StoreError> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!("SELECT {INVITE_COLUMNS} FROM invites WHERE token_hash = ?1")
    });
    conn.prepare_cached(&SQL)
        .and_then(|mut st| st.query_row([&hash.0[..]], invite_from_row).optional())
        .map_err(backend)
}

fn insert(tx: &Connection, i: &NewInvite, now: Timestamp) -> Result<InviteId, StoreError> {
    if let Some(username) = i
        .reserved_username
        .as_ref()
        .filter(|_| i.kind != InviteKind::Reset)
    {
        if reserved(tx, username, None, now).map_err(backend)? {
            return Err(StoreError::UsernameReserved(username.clone()));
        }
    }
    // Cached: every mint runs it, and parsing it cost about as much as
    // running it.
    tx.prepare_cached(
        "INSERT INTO invites (token_hash, kind, creator, created_at, expires_at, max_uses,
                              reserved_username, roster_subscription, note, group_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            &i.token_hash.0[..],
            i.kind.as_str(),
            i.creator.as_str(),
            i.created.0,
            i.expires.0,
            i.max_uses,
            i.reserved_username,
            i.roster_subscription,
            i.note,
            i.group,
        ])
    })
    .map_err(backend)?;
    Ok(InviteId(tx.last_insert_rowid()))
}

/// The first of `quota`'s limits `creator` is at, with when it frees up.
fn quota_hit(
    conn: &Connection,
    creator: &str,
    now: Timestamp,
    quota: Quota,
) -> rusqlite::Result<Option<QuotaExceeded>> {
    let (live, first_expiry): (u32, Option<i64>) = conn.query_row(
        &format!(
            "SELECT count(*), min(expires_at) FROM invites
             WHERE creator = :creator AND kind != 'reset' AND {LIVE}"
        ),
        named_params! { ":creator": creator, ":now": now.0 },
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if live >= quota.max_live {
        return Ok(Some(QuotaExceeded::Live {
            limit: quota.max_live,
            frees_at: Timestamp(first_expiry.unwrap_or(now.0)),
        }));
    }
    let since = now.0.saturating_sub(QUOTA_DAY_SECS);
    // The oldest one still in the window is the next to leave it.
    let (today, oldest): (u32, Option<i64>) = conn.query_row(
        "SELECT count(*), min(created_at) FROM invites
         WHERE creator = ?1 AND kind != 'reset' AND created_at > ?2",
        params![creator, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if today >= quota.max_per_day {
        return Ok(Some(QuotaExceeded::Daily {
            limit: quota.max_per_day,
            frees_at: Timestamp(oldest.unwrap_or(now.0) + QUOTA_DAY_SECS),
        }));
    }
    Ok(None)
}

/// Who used invite `id`, oldest first.
fn redeemers(conn: &Connection, id: InviteId) -> rusqlite::Result<Vec<Redeemer>> {
    conn.prepare_cached(
        "SELECT jid, redeemed_at FROM redemptions WHERE invite_id = ?1 ORDER BY id",
    )?
    .query_map([id.0], |r| {
        Ok(Redeemer {
            jid: r.get(0)?,
            at: Timestamp(r.get(1)?),
        })
    })?
    .collect()
}

/// The invite a pending claim took a use of, if the claim is still there.
fn claimed_invite(
    tx: &rusqlite::Transaction<'_>,
    claim: ClaimId,
) -> Result<Option<InviteId>, StoreError> {
    tx.query_row(
        "SELECT invite_id FROM claims WHERE id = ?1",
        [claim.0],
        |r| r.get(0).map(InviteId),
    )
    .optional()
    .map_err(backend)
}

fn insert_redemption(
    tx: &rusqlite::Transaction<'_>,
    id: InviteId,
    redeemer: &str,
    now: Timestamp,
    effects: &[Effect],
) -> Result<Vec<OutboxId>, StoreError> {
    tx.execute(
        "INSERT INTO redemptions (invite_id, jid, redeemed_at) VALUES (?1, ?2, ?3)",
        params![id.0, redeemer, now.0],
    )
    .map_err(backend)?;
    insert_effects(tx, now, effects)
}

fn insert_effects(
    tx: &rusqlite::Transaction<'_>,
    now: Timestamp,
    effects: &[Effect],
) -> Result<Vec<OutboxId>, StoreError> {
    let mut ids = Vec::with_capacity(effects.len());
    for effect in effects {
        let json = outbox_record::encode(effect).map_err(|e| StoreError::Backend(Box::new(e)))?;
        tx.execute(
            "INSERT INTO outbox (effect, created_at, next_attempt_at) VALUES (?1, ?2, ?2)",
            params![json, now.0],
        )
        .map_err(backend)?;
        ids.push(OutboxId(tx.last_insert_rowid()));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Token;

    fn new_invite(token: &Token, username: Option<&str>, expires: i64, uses: u32) -> NewInvite {
        NewInvite {
            token_hash: token.hash(),
            kind: InviteKind::Account,
            creator: BareJid::new("admin@example.org").unwrap(),
            created: Timestamp(100),
            expires: Timestamp(expires),
            max_uses: uses,
            reserved_username: username.map(str::to_owned),
            roster_subscription: true,
            note: Some("for the family".into()),
            group: None,
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
        assert_eq!(version, 11);
    }

    #[test]
    fn the_rebuild_keeps_rows_and_what_points_at_them() {
        // A database at version 6 with an invite, a redemption and a claim.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        {
            let mut conn = Connection::open(&path).unwrap();
            let m = migrations();
            m.to_version(&mut conn, 6).unwrap();
            conn.execute_batch(
                "INSERT INTO invites (id, token_hash, kind, creator, created_at, expires_at, max_uses, uses)
                 VALUES (5, zeroblob(32), 'account', 'admin@example.org', 1, 1000, 2, 1);
                 INSERT INTO redemptions (invite_id, jid, redeemed_at) VALUES (5, 'a@example.org', 2);",
            )
            .unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        let r = store.invite_record(InviteId(5)).unwrap().unwrap();
        assert_eq!(r.invite.uses, 1);
        assert_eq!(r.redemptions.len(), 1, "redemptions survive the rebuild");
        let fk: bool = store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(fk, "foreign keys are on again after migrating");
        // Deleting the invite still cascades.
        store.purge_expired(Timestamp(5000)).unwrap();
        let left: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM redemptions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn revocation_quota_and_listing() {
        use crate::domain::manage::{InviteQuery, Quota, QuotaExceeded};
        let store = SqliteStore::open_in_memory().unwrap();
        let bob = |t: &Token, created: i64| NewInvite {
            kind: InviteKind::Contact,
            creator: BareJid::new("bob@example.org").unwrap(),
            created: Timestamp(created),
            reserved_username: None,
            ..new_invite(t, None, created + 1000, 1)
        };
        let quota = Quota {
            max_live: 2,
            max_per_day: 3,
        };
        let t: Vec<Token> = (0..5).map(|_| Token::generate().unwrap()).collect();
        let a = store
            .insert_invite_within(&bob(&t[0], 100), Timestamp(100), quota)
            .unwrap()
            .unwrap();
        store
            .insert_invite_within(&bob(&t[1], 110), Timestamp(110), quota)
            .unwrap()
            .unwrap();
        // Two live: the live limit, freeing when the first expires.
        assert_eq!(
            store
                .insert_invite_within(&bob(&t[2], 120), Timestamp(120), quota)
                .unwrap(),
            Err(QuotaExceeded::Live {
                limit: 2,
                frees_at: Timestamp(1100)
            })
        );
        // Revoked: no longer live, but still counted for the day.
        assert!(
            !store
                .revoke(
                    a,
                    "eve@example.org",
                    Some("eve@example.org"),
                    Timestamp(130)
                )
                .unwrap()
        );
        assert!(
            store
                .revoke(
                    a,
                    "bob@example.org",
                    Some("bob@example.org"),
                    Timestamp(130)
                )
                .unwrap()
        );
        assert!(
            !store
                .revoke(a, "admin@example.org", None, Timestamp(131))
                .unwrap(),
            "once"
        );
        store
            .insert_invite_within(&bob(&t[2], 140), Timestamp(140), quota)
            .unwrap()
            .unwrap();
        store
            .revoke(InviteId(a.0 + 1), "bob@example.org", None, Timestamp(150))
            .unwrap();
        assert_eq!(
            store
                .insert_invite_within(&bob(&t[3], 160), Timestamp(160), quota)
                .unwrap(),
            Err(QuotaExceeded::Daily {
                limit: 3,
                frees_at: Timestamp(100 + 86_400)
            })
        );
        let r = store.invite_record(a).unwrap().unwrap();
        assert_eq!(r.invite.revoked, Some(Timestamp(130)));
        assert_eq!(r.revoked_by.as_deref(), Some("bob@example.org"));
        let live = store
            .list_invites(&InviteQuery {
                creator: Some("bob@example.org".into()),
                live_at: Some(Timestamp(200)),
                limit: 10,
                ..InviteQuery::default()
            })
            .unwrap();
        assert_eq!(live.len(), 1);
        let all = store
            .list_invites(&InviteQuery {
                limit: 10,
                ..InviteQuery::default()
            })
            .unwrap();
        assert_eq!(all.len(), 3);
        assert!(all[0].invite.id > all[1].invite.id, "newest first");
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
        assert_eq!(store.find_by_id(id).unwrap().as_ref(), Some(&found));
        assert_eq!(store.find_by_id(InviteId(id.0 + 1)).unwrap(), None);
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

    /// Whether a use was left for `who` at `now`.
    fn consumed(store: &SqliteStore, id: InviteId, who: &str, now: i64) -> bool {
        store
            .consume_use(id, who, Timestamp(now), &[])
            .unwrap()
            .is_some()
    }

    #[test]
    fn consume_is_atomic_and_bounded() {
        let store = SqliteStore::open_in_memory().unwrap();
        let t = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t, None, 500, 2), Timestamp(100))
            .unwrap();
        assert!(consumed(&store, id, "a@example.org", 150));
        assert!(consumed(&store, id, "b@example.org", 150));
        assert!(!consumed(&store, id, "c@example.org", 150));
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
        assert!(!consumed(&store, id, "a@example.org", 500));
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
                        .consume_use(id, &format!("u{n}@example.org"), Timestamp(150), &[])
                        .unwrap()
                        .is_some()
                })
            })
            .collect();
        let consumed = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|o| *o)
            .count();
        assert_eq!(consumed, 1);
    }

    #[test]
    fn a_lookup_now_answers_from_a_free_reader_and_never_waits() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("db")).unwrap();
        let t = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t, None, 1_000, 1), Timestamp(100))
            .unwrap();
        let found = store.find_by_token_hash_now(&t.hash()).unwrap().unwrap();
        assert_eq!(found.map(|i| i.id), Some(id));
        let other = Token::generate().unwrap();
        assert!(matches!(
            store.find_by_token_hash_now(&other.hash()),
            Some(Ok(None))
        ));
        // Every reader busy: it says so instead of waiting (the caller
        // then takes the blocking path).
        let _busy: Vec<_> = store.readers.iter().map(|r| r.lock().unwrap()).collect();
        assert!(store.find_by_token_hash_now(&t.hash()).is_none());
        // An in-memory store has no readers: always the blocking path.
        let mem = SqliteStore::open_in_memory().unwrap();
        assert!(mem.find_by_token_hash_now(&t.hash()).is_none());
    }

    #[test]
    fn concurrent_mints_each_get_their_own_outcome() {
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(SqliteStore::open(&dir.path().join("db")).unwrap());
        let quota = Quota {
            max_live: 5,
            max_per_day: 100,
        };
        // 16 mints of any name, 8 reserving the same one, 12 by a user
        // with a quota of 5, all at once.
        let handles: Vec<_> = (0..36)
            .map(|n| {
                let store = store.clone();
                std::thread::spawn(move || {
                    let t = Token::generate().unwrap();
                    let outcome = match n {
                        0..16 => store
                            .insert_invite(&new_invite(&t, None, 500, 1), Timestamp(100))
                            .map(Ok),
                        16..24 => store
                            .insert_invite(&new_invite(&t, Some("same"), 500, 1), Timestamp(100))
                            .map(Ok),
                        _ => {
                            let mut i = new_invite(&t, None, 500, 1);
                            i.creator = BareJid::new("user@example.org").unwrap();
                            store.insert_invite_within(&i, Timestamp(100), quota)
                        }
                    };
                    (n, t, outcome)
                })
            })
            .collect();
        let mut ids = std::collections::HashSet::new();
        let (mut reserved_ok, mut reserved_refused, mut within, mut over) = (0, 0, 0, 0);
        for h in handles {
            let (n, t, outcome) = h.join().unwrap();
            match (n, outcome) {
                (_, Ok(Ok(id))) => {
                    assert!(ids.insert(id), "id {id:?} handed out twice");
                    let found = store.find_by_token_hash(&t.hash()).unwrap().unwrap();
                    assert_eq!(found.id, id);
                    match n {
                        16..24 => reserved_ok += 1,
                        24.. => within += 1,
                        _ => {}
                    }
                }
                (16..24, Err(StoreError::UsernameReserved(name))) => {
                    assert_eq!(name, "same");
                    assert!(store.find_by_token_hash(&t.hash()).unwrap().is_none());
                    reserved_refused += 1;
                }
                (24.., Ok(Err(QuotaExceeded::Live { limit: 5, .. }))) => {
                    assert!(store.find_by_token_hash(&t.hash()).unwrap().is_none());
                    over += 1;
                }
                (n, other) => panic!("mint {n}: unexpected {other:?}"),
            }
        }
        assert_eq!((reserved_ok, reserved_refused), (1, 7));
        assert_eq!((within, over), (5, 7));
        assert_eq!(ids.len(), 16 + 1 + 5);
        // Nothing stored beyond the mints that were answered with an id
        // (the queue this used to check is gone: there is none left in
        // the store to leave anything in).
        let rows: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM invites", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows as usize, ids.len());
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
        assert!(consumed(&store, id, "juliet@example.org", 200));
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
        assert!(
            store
                .consume_use(old_id, "a@example.org", Timestamp(150), &[])
                .unwrap()
                .is_some()
        );
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
    fn an_unflushed_write_puts_the_flush_back_for_every_other_write() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("invites.sqlite3")).unwrap();
        let sync = |store: &SqliteStore| -> i64 {
            store
                .conn()
                .pragma_query_value(None, "synchronous", |r| r.get(0))
                .unwrap()
        };
        let inside = store
            .write_unflushed(|tx| {
                tx.pragma_query_value(None, "synchronous", |r| r.get::<_, i64>(0))
                    .map_err(backend)
            })
            .unwrap();
        assert_eq!(inside, 1, "NORMAL inside");
        assert_eq!(sync(&store), 2, "FULL after a commit");
        let failed = store.write_unflushed(|tx| {
            tx.execute("INSERT INTO no_such_table VALUES (1)", [])
                .map_err(backend)
        });
        assert!(failed.is_err());
        assert_eq!(sync(&store), 2, "FULL after a rollback");
        // The real callers.
        assert_eq!(
            store
                .complete_claim(ClaimId(1), "bob@example.org", Timestamp(1), &[])
                .unwrap(),
            None
        );
        store.effect_done(OutboxId(1)).unwrap();
        assert_eq!(sync(&store), 2);
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
            // FULL (2): a commit is fsynced before the call returns.
            let sync: i64 = store
                .conn()
                .pragma_query_value(None, "synchronous", |r| r.get(0))
                .unwrap();
            assert_eq!(sync, 2);
            // Lookups go to the read connections, which see the commit
            // and cannot write.
            assert_eq!(store.readers.len(), READERS);
            assert!(store.find_by_token_hash(&t.hash()).unwrap().is_some());
            let refused = store.read().execute("DELETE FROM invites", []);
            assert!(refused.is_err(), "a reader wrote: {refused:?}");
        }
        let store = SqliteStore::open(&path).unwrap();
        assert!(store.find_by_token_hash(&t.hash()).unwrap().is_some());
    }

    #[test]
    fn outbox_rows_written_before_versioning_are_still_delivered() {
        use crate::domain::{Effect, Subscription};
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 4).unwrap();
        conn.execute(
            "INSERT INTO outbox (effect, created_at, next_attempt_at) VALUES (?1, 5, 5)",
            [r#"{"type":"roster_item","owner":"a@x","contact":"b@x","name":null,"subscription":"from"}"#],
        )
        .unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let store = SqliteStore {
            conn: Mutex::new(conn),
            readers: Vec::new(),
            next_reader: Default::default(),
        };
        let due = store.due_effects(Timestamp(10), 10).unwrap();
        assert_eq!(
            due.iter().map(|d| d.effect.clone()).collect::<Vec<_>>(),
            [Effect::RosterItem {
                owner: BareJid::new("a@x").unwrap(),
                contact: BareJid::new("b@x").unwrap(),
                name: None,
                subscription: Subscription::From,
            }]
        );
    }

    #[test]
    fn a_new_database_and_its_directory_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("invites.sqlite3");
        let store = SqliteStore::open(&path).unwrap();
        store.key("k").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(mode(&path), 0o600);
        let wal = path.with_file_name("invites.sqlite3-wal");
        assert_eq!(mode(&wal), 0o600, "SQLite copies the mode to the WAL");
    }

    #[test]
    fn claim_release_and_record_with_effects() {
        use crate::domain::{Effect, Subscription};
        let store = SqliteStore::open_in_memory().unwrap();
        let t = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t, None, 500, 1), Timestamp(100))
            .unwrap();
        let (me, other) = ([1u8; 32], [2u8; 32]);
        let ClaimOutcome::Claimed(c) = store.begin_claim(id, "bob", &me, Timestamp(150)).unwrap()
        else {
            panic!("first claim");
        };
        // The same registrant resumes; anyone else finds the name busy; and
        // the single use is taken either way.
        assert_eq!(
            store.begin_claim(id, "bob", &me, Timestamp(151)).unwrap(),
            ClaimOutcome::Resumed(c)
        );
        assert_eq!(
            store
                .begin_claim(id, "bob", &other, Timestamp(151))
                .unwrap(),
            ClaimOutcome::LocalpartBusy
        );
        assert_eq!(
            store.begin_claim(id, "carol", &me, Timestamp(151)).unwrap(),
            ClaimOutcome::NoUseLeft
        );
        assert_eq!(store.find_by_id(id).unwrap().unwrap().uses, 1);
        assert_eq!(store.stale_claims(Timestamp(150)).unwrap(), []);
        assert_eq!(store.stale_claims(Timestamp(151)).unwrap().len(), 1);
        assert!(store.release_claim(c).unwrap());
        assert!(!store.release_claim(c).unwrap(), "released once only");
        assert_eq!(store.find_by_id(id).unwrap().unwrap().uses, 0);
        let released = c;
        let ClaimOutcome::Claimed(c) = store.begin_claim(id, "bob", &me, Timestamp(150)).unwrap()
        else {
            panic!("claim after release");
        };
        // A task still at the released claim must not take the new one
        // for its own.
        assert_ne!(c, released, "a claim id is never given again");
        let effects = [
            Effect::RosterItem {
                owner: BareJid::new("a@example.org").unwrap(),
                contact: BareJid::new("b@example.org").unwrap(),
                name: None,
                subscription: Subscription::Both,
            },
            Effect::Notify {
                to: BareJid::new("a@example.org").unwrap(),
                text: "hi".into(),
            },
        ];
        let ids = store
            .complete_claim(c, "b@example.org", Timestamp(150), &effects)
            .unwrap()
            .unwrap();
        assert_eq!(ids.len(), 2);
        assert_eq!(store.stale_claims(Timestamp(i64::MAX)).unwrap(), []);
        assert_eq!(
            store
                .complete_claim(c, "b@example.org", Timestamp(150), &effects)
                .unwrap(),
            None,
            "completed once only"
        );
        assert!(!store.release_claim(c).unwrap());
        assert_eq!(store.find_by_id(id).unwrap().unwrap().uses, 1);
        let due = store.due_effects(Timestamp(150), 10).unwrap();
        assert_eq!(
            due.iter().map(|d| d.effect.clone()).collect::<Vec<_>>(),
            effects
        );
        // A failure moves the entry later; done removes it.
        store
            .effect_failed(ids[0], Some(Timestamp(400)), "timeout", Timestamp(150))
            .unwrap();
        let due = store.due_effects(Timestamp(200), 10).unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].id, ids[1]);
        assert_eq!(store.next_effect_due().unwrap(), Some(Timestamp(150)));
        store.effect_done(ids[1]).unwrap();
        assert_eq!(store.next_effect_due().unwrap(), Some(Timestamp(400)));
        assert_eq!(store.retry_all_now(Timestamp(300)).unwrap(), 1);
        assert_eq!(store.next_effect_due().unwrap(), Some(Timestamp(300)));
        store
            .effect_failed(ids[0], Some(Timestamp(400)), "timeout", Timestamp(300))
            .unwrap();
        let due = store.due_effects(Timestamp(400), 10).unwrap();
        assert_eq!(due[0].attempts, 2);
        assert_eq!(due[0].created, Timestamp(150));
        // Given up: kept, counted, never due again, not even after a reconnect.
        store
            .effect_failed(ids[0], None, "refused", Timestamp(500))
            .unwrap();
        assert_eq!(store.due_effects(Timestamp(i64::MAX), 10).unwrap(), []);
        assert_eq!(store.next_effect_due().unwrap(), None);
        assert_eq!(store.retry_all_now(Timestamp(600)).unwrap(), 0);
        assert_eq!(store.failed_effects().unwrap(), 1);
    }

    #[test]
    fn confirmations_are_capped_per_invite_and_per_recipient() {
        use crate::domain::Effect;
        let store = SqliteStore::open_in_memory().unwrap();
        let (t1, t2) = (Token::generate().unwrap(), Token::generate().unwrap());
        let a = store
            .insert_invite(&new_invite(&t1, None, 500, 1), Timestamp(100))
            .unwrap();
        let b = store
            .insert_invite(&new_invite(&t2, None, 500, 1), Timestamp(100))
            .unwrap();
        let limits = ConfirmationLimits {
            window_secs: 100,
            per_invite: 3,
            per_recipient: 2,
        };
        let msg = |to: &str| {
            [Effect::Notify {
                to: BareJid::new(to).unwrap(),
                text: "confirm".into(),
            }]
        };
        let q = |id, to: &str, now| {
            store
                .queue_confirmation(id, to, Timestamp(now), limits, &msg(to))
                .unwrap()
                .is_some()
        };
        assert!(q(a, "x@example.org", 200));
        assert!(q(a, "x@example.org", 201));
        assert!(!q(a, "x@example.org", 202), "per recipient");
        assert!(!q(b, "x@example.org", 202), "per recipient, across invites");
        assert!(q(a, "y@example.org", 202));
        assert!(!q(a, "z@example.org", 203), "per invite");
        assert!(q(b, "z@example.org", 203));
        // The window slides.
        assert!(q(a, "x@example.org", 302));
        assert_eq!(
            store.due_effects(Timestamp(i64::MAX), 100).unwrap().len(),
            5
        );
    }

    #[test]
    fn a_user_language_is_kept_by_bare_jid_and_replaced() {
        let store = SqliteStore::open_in_memory().unwrap();
        let alice = BareJid::new("alice@example.org").unwrap();
        assert_eq!(store.user_language(&alice).unwrap(), None);
        store
            .set_user_language(&alice, "de", Timestamp(10))
            .unwrap();
        store
            .set_user_language(&alice, "de", Timestamp(20))
            .unwrap();
        assert_eq!(store.user_language(&alice).unwrap().as_deref(), Some("de"));
        store
            .set_user_language(&alice, "fr", Timestamp(30))
            .unwrap();
        assert_eq!(store.user_language(&alice).unwrap().as_deref(), Some("fr"));
        let bob = BareJid::new("bob@example.org").unwrap();
        assert_eq!(store.user_language(&bob).unwrap(), None);
        // A tag longer than any real one is refused by the schema.
        assert!(
            store
                .set_user_language(&bob, &"x".repeat(36), Timestamp(1))
                .is_err()
        );
    }

    #[test]
    fn keys_are_created_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let k1 = SqliteStore::open(&path).unwrap().key("confirm").unwrap();
        let k2 = SqliteStore::open(&path).unwrap().key("confirm").unwrap();
        assert_eq!(k1, k2);
        assert_ne!(SqliteStore::open(&path).unwrap().key("other").unwrap(), k1);
    }

    #[test]
    fn reservations_elsewhere() {
        let store = SqliteStore::open_in_memory().unwrap();
        let t = Token::generate().unwrap();
        let id = store
            .insert_invite(&new_invite(&t, Some("juliet"), 500, 1), Timestamp(100))
            .unwrap();
        assert!(
            !store
                .username_reserved_elsewhere("juliet", id, Timestamp(150))
                .unwrap()
        );
        assert!(
            store
                .username_reserved_elsewhere("juliet", InviteId(id.0 + 1), Timestamp(150))
                .unwrap()
        );
        assert!(
            !store
                .username_reserved_elsewhere("juliet", InviteId(id.0 + 1), Timestamp(600))
                .unwrap()
        );
    }
}
