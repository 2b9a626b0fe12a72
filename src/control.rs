//! The control socket: how the command line asks the running service
//! something only the XMPP link can answer (today: whether an account
//! exists, for `invite create --reset`). A Unix socket next to the
//! database, `<database>.control`, readable and writable by its owner only
//! (0600), so only whoever may read the database may ask. One request per
//! connection, one line each way:
//!
//! - `account-exists LOCALPART` → `yes`, `no` or `error TEXT`.

use crate::domain::ServerOps;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};
use tokio::sync::watch;

/// Longest request line read.
const MAX_LINE: u64 = 1024;
/// How long a client has to send its request, and we to answer.
const DEADLINE: Duration = Duration::from_secs(30);

/// Where the control socket of the service using `database` is.
pub fn socket_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".control");
    PathBuf::from(name)
}

/// Listens on the control socket until `shutdown`, answering with `server`.
pub async fn serve(
    database: PathBuf,
    server: Arc<dyn ServerOps>,
    mut shutdown: watch::Receiver<bool>,
) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let path = socket_path(&database);
    // A socket left by a process that died: nobody answers on it.
    if UnixStream::connect(&path).await.is_err() {
        let _ = std::fs::remove_file(&path);
    }
    let listener = UnixListener::bind(&path)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    loop {
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((s, _)) => s,
                Err(e) => {
                    tracing::warn!(error = %e, "control socket: accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => break,
        };
        let server = server.clone();
        tokio::spawn(async move {
            let _ = tokio::time::timeout(DEADLINE, answer(stream, server)).await;
        });
    }
    let _ = std::fs::remove_file(&path);
    Ok(())
}

async fn answer(stream: UnixStream, server: Arc<dyn ServerOps>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    BufReader::new(read.take_limited())
        .read_line(&mut line)
        .await?;
    let reply = match line.trim_end().split_once(' ') {
        Some(("account-exists", localpart)) => match server.account_exists(localpart).await {
            Ok(true) => "yes".to_owned(),
            Ok(false) => "no".to_owned(),
            Err(e) => format!("error {e}"),
        },
        _ => "error unknown request".to_owned(),
    };
    write.write_all(format!("{reply}\n").as_bytes()).await?;
    write.shutdown().await
}

trait TakeLimited: tokio::io::AsyncRead + Sized {
    fn take_limited(self) -> tokio::io::Take<Self> {
        tokio::io::AsyncReadExt::take(self, MAX_LINE)
    }
}
impl<T: tokio::io::AsyncRead> TakeLimited for T {}

/// Asks the service using `database` whether `localpart` exists.
pub async fn account_exists(database: &Path, localpart: &str) -> Result<bool, String> {
    let path = socket_path(database);
    let mut stream = UnixStream::connect(&path).await.map_err(|e| {
        format!(
            "cannot reach the running service at {} ({e}); checking that the account exists needs it running",
            path.display()
        )
    })?;
    let talk = async {
        stream
            .write_all(format!("account-exists {localpart}\n").as_bytes())
            .await?;
        let mut line = String::new();
        BufReader::new(&mut stream).read_line(&mut line).await?;
        Ok::<_, std::io::Error>(line)
    };
    let line = tokio::time::timeout(DEADLINE, talk)
        .await
        .map_err(|_| "the running service did not answer in time".to_owned())?
        .map_err(|e| format!("talking to the running service: {e}"))?;
    match line.trim_end() {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(format!(
            "the running service cannot tell whether the account exists: {}",
            other.strip_prefix("error ").unwrap_or(other)
        )),
    }
}
