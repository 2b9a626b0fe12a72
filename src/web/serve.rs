//! Serving HTTP/1.1 to the open internet: an accept loop with a cap on
//! open connections, and per-connection deadlines, so that slow clients
//! cannot hold sockets (and with them file descriptors the XMPP link needs
//! too) for ever.
//!
//! `axum::serve` has no header timeout, so connections are served with
//! hyper directly. Deadlines, in the manner of nginx:
//! - header: a new connection must deliver a complete request head within
//!   `header_timeout`; on a kept-alive connection that clock starts with
//!   the first byte of the next request;
//! - idle: a kept-alive connection may wait `idle_timeout` for that byte
//!   (and a client that stops reading our answer is cut off after it too);
//! - body: `body_timeout` for the whole request body, enforced by
//!   [`super::security::read_body`] since hyper hands bodies over unread.
//!
//! While a request is being handled no deadline runs here: registration
//! waits for the XMPP server, which has its own timeouts.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

/// File descriptors kept free of HTTP connections: the XMPP link, SQLite
/// (database, WAL, shared memory), the listener, the runtime's own.
const RESERVED_FDS: u64 = 64;

/// How long to wait before accepting again after `accept` failed (out of
/// file descriptors, typically): long enough not to spin, short enough not
/// to matter.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Deadlines and the connection cap.
#[derive(Debug, Clone, Copy)]
pub struct ServeConfig {
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
    /// How long shutdown waits for requests in progress.
    pub shutdown_grace: Duration,
}

/// Raises the soft open-files limit to the hard limit where allowed, and
/// returns how many connections fit in it next to what the process needs
/// besides: `wanted`, or fewer if the limit is too low.
pub fn connection_cap(wanted: usize) -> usize {
    let limit = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => {
            tracing::info!(open_files = n, "open-files limit");
            n
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot read or raise the open-files limit");
            return wanted;
        }
    };
    let room = usize::try_from(limit.saturating_sub(RESERVED_FDS).max(1)).unwrap_or(usize::MAX);
    if room < wanted {
        tracing::warn!(
            max_connections = wanted,
            open_files = limit,
            using = room,
            "web.max_connections does not fit in the open-files limit: using fewer"
        );
        room
    } else {
        wanted
    }
}

/// Serves `app` on `listener` until `shutdown` turns true, then lets
/// requests in progress finish (within `shutdown_grace`).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    cfg: ServeConfig,
    mut shutdown: watch::Receiver<bool>,
) {
    // Over the cap, connections wait in the kernel's accept queue: they
    // hold no descriptor of ours until a slot frees.
    let slots = Arc::new(Semaphore::new(cfg.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        // A backstop only: the deadlines below close a connection first.
        .header_read_timeout(cfg.header_timeout + cfg.idle_timeout);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            _ = stopped(&mut shutdown) => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "accepting an HTTP connection failed");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            _ = stopped(&mut shutdown) => break,
        };
        let phase = Arc::new(Mutex::new(Phase::Head(Instant::now())));
        let io = TokioIo::new(Deadlines::new(stream, phase.clone(), cfg));
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            set(&phase, Phase::Busy);
            let phase = phase.clone();
            let handled = app.clone().oneshot(req.map(Body::new));
            async move {
                let resp = handled.await;
                set(&phase, Phase::Idle(Instant::now()));
                resp
            }
        });
        let conn = graceful.watch(http.serve_connection(io, service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %peer, "HTTP connection ended");
            }
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(cfg.shutdown_grace) => {
            tracing::warn!("HTTP requests still in progress at shutdown were cut off");
        }
    }
}

async fn stopped(shutdown: &mut watch::Receiver<bool>) {
    // A dropped sender means the process is going away as well.
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// Where a connection stands, for its deadline.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Receiving a request head, since then.
    Head(Instant),
    /// A request is being handled.
    Busy,
    /// Answered; waiting for the next request since then.
    Idle(Instant),
}

fn set(phase: &Mutex<Phase>, to: Phase) {
    *phase.lock().unwrap_or_else(PoisonError::into_inner) = to;
}

/// A socket that fails with `TimedOut` once its connection's deadline has
/// passed while it waits; hyper then closes the connection.
struct Deadlines<IO> {
    io: IO,
    phase: Arc<Mutex<Phase>>,
    cfg: ServeConfig,
    timer: Pin<Box<Sleep>>,
}

impl<IO> Deadlines<IO> {
    fn new(io: IO, phase: Arc<Mutex<Phase>>, cfg: ServeConfig) -> Self {
        Deadlines {
            io,
            phase,
            cfg,
            timer: Box::pin(tokio::time::sleep(cfg.header_timeout)),
        }
    }

    fn phase(&self) -> Phase {
        *self.phase.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn deadline(&self) -> Option<Instant> {
        match self.phase() {
            Phase::Head(since) => Some(since + self.cfg.header_timeout),
            Phase::Idle(since) => Some(since + self.cfg.idle_timeout),
            Phase::Busy => None,
        }
    }

    /// Called when the socket would block: arms the timer for the current
    /// deadline and fails once it has passed.
    fn expired(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let Some(deadline) = self.deadline() else {
            return Poll::Pending;
        };
        if self.timer.deadline() != deadline {
            self.timer.as_mut().reset(deadline);
        }
        ready!(self.timer.as_mut().poll(cx));
        Poll::Ready(io::Error::new(
            io::ErrorKind::TimedOut,
            "HTTP client too slow",
        ))
    }
}

impl<IO: AsyncRead + Unpin> AsyncRead for Deadlines<IO> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.io).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    // The first byte of the next request starts its header
                    // clock.
                    let mut phase = this.phase.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Phase::Idle(_) = *phase {
                        *phase = Phase::Head(Instant::now());
                    }
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.expired(cx).map(Err),
        }
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Deadlines<IO> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_write(cx, buf) {
            Poll::Pending => this.expired(cx).map(Err),
            done => done,
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_flush(cx) {
            Poll::Pending => this.expired(cx).map(Err),
            done => done,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_write_vectored(cx, bufs) {
            Poll::Pending => this.expired(cx).map(Err),
            done => done,
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}
