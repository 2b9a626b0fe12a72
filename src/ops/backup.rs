//! `xmpp-invites backup PATH`: an online copy of the database, taken while
//! the service runs (see [`crate::store::backup`]), and how to restore it.

use crate::config::Settings;
use std::path::Path;

/// Restoring, as the command prints it after a backup and README says.
pub const RESTORE: &str = "to restore: stop the service, remove the database's -wal and -shm files, \
copy the backup over the database file (owner-only, mode 0600), start the service";

/// Takes the backup; the text to print, or the error.
pub fn run(settings: &Settings, dest: &Path) -> Result<String, String> {
    let report = crate::store::backup(&settings.database, dest).map_err(|e| e.to_string())?;
    Ok(format!(
        "backup of {} written to {}: {} invites, {} redemptions, integrity ok\n{RESTORE}\n",
        settings.database.display(),
        dest.display(),
        report.invites,
        report.redemptions,
    ))
}
