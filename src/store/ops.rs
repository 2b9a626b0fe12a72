//! What the operator's tools read: the outbox figures behind `/metrics` and
//! `/healthz`, and the online backup.

use super::{SqliteStore, backend};
use crate::domain::{StoreError, Timestamp};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a backup waits for a busy database.
const BUSY_DEADLINE: Duration = Duration::from_secs(10);

/// The outbox at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxStats {
    /// Entries waiting for delivery.
    pub waiting: u64,
    /// When the oldest waiting entry was queued.
    pub oldest: Option<Timestamp>,
    /// Entries given up on (kept for the operator).
    pub given_up: u64,
}

/// A `count(*)`, which SQLite gives as a (never negative) i64.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl SqliteStore {
    /// The outbox figures; answering at all also shows the database works.
    pub fn outbox_stats(&self) -> Result<OutboxStats, StoreError> {
        self.conn()
            .query_row(
                "SELECT count(*) FILTER (WHERE failed_at IS NULL),
                        min(created_at) FILTER (WHERE failed_at IS NULL),
                        count(*) FILTER (WHERE failed_at IS NOT NULL)
                 FROM outbox",
                [],
                |r| {
                    Ok(OutboxStats {
                        waiting: count(r.get(0)?),
                        oldest: r.get::<_, Option<i64>>(1)?.map(Timestamp),
                        given_up: count(r.get(2)?),
                    })
                },
            )
            .map_err(backend)
    }
}

/// What a backup copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupReport {
    pub invites: u64,
    pub redemptions: u64,
}

/// Why a backup failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; remove it or choose another path")]
    Exists(String),
    #[error("cannot create {path}: {source}")]
    Create {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Source {
        path: String,
        source: rusqlite::Error,
    },
    #[error("the backup failed: {0}")]
    Copy(rusqlite::Error),
    #[error("the copy does not pass PRAGMA integrity_check: {0}")]
    Integrity(String),
}

/// Copies the database at `source` to a new file `dest` (created 0600)
/// through SQLite's online backup API, while the service may be writing:
/// the copy is one read transaction's snapshot (WAL lets writers go on
/// meanwhile), so it is consistent, and holds every transaction committed
/// before the backup started. The copy is left in rollback-journal mode,
/// one self-contained file, and checked with `PRAGMA integrity_check`.
pub fn backup(source: &Path, dest: &Path) -> Result<BackupReport, BackupError> {
    use std::os::unix::fs::OpenOptionsExt;
    let dest_name = dest.display().to_string();
    // Never created: a mistyped path must not leave an empty database
    // behind. Opened read-write although only read: a WAL database needs
    // its -wal and -shm files, and only a writable connection removes
    // them again on close when it is the last one (a read-only one would
    // leave them behind for a stopped service). Run as root, SQLite gives
    // them the database file's owner.
    let src = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|c| {
        c.busy_timeout(Duration::from_secs(10))?;
        // Fails here, not halfway, if the file is not a database.
        c.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        Ok(c)
    })
    .map_err(|e| BackupError::Source {
        path: source.display().to_string(),
        source: e,
    })?;
    // The copy holds the same secrets as the database: private from the
    // first byte.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(dest)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => BackupError::Exists(dest_name.clone()),
            _ => BackupError::Create {
                path: dest_name.clone(),
                source: e,
            },
        })?;
    let copy = || -> rusqlite::Result<Connection> {
        let mut dst = Connection::open(dest)?;
        {
            use rusqlite::backup::StepResult;
            let b = rusqlite::backup::Backup::new(&src, &mut dst)?;
            // All pages in one step (-1): one read snapshot, so a write by
            // the service meanwhile cannot restart the copy. Busy or locked
            // (a checkpoint in progress, say) is tried again shortly.
            let deadline = std::time::Instant::now() + BUSY_DEADLINE;
            loop {
                match b.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More | StepResult::Busy | StepResult::Locked
                        if std::time::Instant::now() < deadline =>
                    {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    _ => {
                        return Err(rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                            Some("the database stayed busy".into()),
                        ));
                    }
                }
            }
        }
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(dst)
    };
    let dst = match copy() {
        Ok(dst) => dst,
        Err(e) => {
            let _ = std::fs::remove_file(dest);
            return Err(BackupError::Copy(e));
        }
    };
    let check: String = dst
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(BackupError::Copy)?;
    if check != "ok" {
        return Err(BackupError::Integrity(check));
    }
    let count = |table: &str| -> Result<u64, BackupError> {
        dst.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get(0).map(count)
        })
        .map_err(BackupError::Copy)
    };
    Ok(BackupReport {
        invites: count("invites")?,
        redemptions: count("redemptions")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{InviteKind, InviteStore, NewInvite, Token};
    use std::os::unix::fs::PermissionsExt;
    use xmpp_parsers::jid::BareJid;

    fn invite(store: &SqliteStore) {
        let t = Token::generate().unwrap();
        store
            .insert_invite(
                &NewInvite {
                    token_hash: t.hash(),
                    kind: InviteKind::Contact,
                    creator: BareJid::new("a@example.org").unwrap(),
                    created: Timestamp(1),
                    expires: Timestamp(i64::MAX),
                    max_uses: 1,
                    reserved_username: None,
                    roster_subscription: true,
                    note: None,
                    group: None,
                },
                Timestamp(1),
            )
            .unwrap();
    }

    #[test]
    fn a_backup_of_an_open_database_is_private_complete_and_self_contained() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite3");
        let store = SqliteStore::open(&db).unwrap();
        for _ in 0..3 {
            invite(&store);
        }
        let dest = dir.path().join("copy.sqlite3");
        let report = backup(&db, &dest).unwrap();
        assert_eq!(report.invites, 3);
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // The service goes on writing; the copy does not change.
        invite(&store);
        let copy = SqliteStore::open(&dest).unwrap();
        assert_eq!(copy.outbox_stats().unwrap().waiting, 0);
        let n: i64 = copy
            .conn()
            .query_row("SELECT count(*) FROM invites", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 3);
    }

    #[test]
    fn a_backup_of_a_closed_database_leaves_no_file_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite3");
        invite(&SqliteStore::open(&db).unwrap());
        // Closed: SQLite has checkpointed and removed -wal and -shm. A
        // backup run as root must not leave root's files for the service.
        let dest = dir.path().join("copy.sqlite3");
        assert_eq!(backup(&db, &dest).unwrap().invites, 1);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["copy.sqlite3", "db.sqlite3"]);
    }

    #[test]
    fn a_backup_never_overwrites_and_never_creates_a_source() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite3");
        SqliteStore::open(&db).unwrap();
        let dest = dir.path().join("copy.sqlite3");
        std::fs::write(&dest, b"keep me").unwrap();
        assert!(matches!(backup(&db, &dest), Err(BackupError::Exists(_))));
        assert_eq!(std::fs::read(&dest).unwrap(), b"keep me");

        let missing = dir.path().join("missing.sqlite3");
        let other = dir.path().join("other.sqlite3");
        assert!(matches!(
            backup(&missing, &other),
            Err(BackupError::Source { .. })
        ));
        assert!(!missing.exists());
        assert!(!other.exists());
    }

    #[test]
    fn outbox_stats_of_an_empty_outbox() {
        let store = SqliteStore::open_in_memory().unwrap();
        assert_eq!(
            store.outbox_stats().unwrap(),
            OutboxStats {
                waiting: 0,
                oldest: None,
                given_up: 0
            }
        );
    }
}
