//! The operator's listener (`[metrics] listen`, off unless configured,
//! never on the public site): `/healthz` for monitors and load balancers,
//! `/metrics` for Prometheus. Also the middleware that counts the public
//! site's answers.

use crate::domain::Clock;
use crate::store::{OutboxStats, SqliteStore};
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::PrometheusHandle;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long `/healthz` waits for the database before calling it down: the
/// one connection may be busy with a write, which takes milliseconds.
const DB_DEADLINE: Duration = Duration::from_secs(2);

/// What the operator's endpoints read.
#[derive(Clone)]
pub struct OpsState {
    pub store: Arc<SqliteStore>,
    pub link_up: watch::Receiver<bool>,
    pub clock: Arc<dyn Clock>,
    /// Renders the exposition; `None` only in tests of `/healthz`.
    pub metrics: Option<PrometheusHandle>,
    /// When the link last came up, kept by [`track_link`].
    pub up_since: Arc<Mutex<Option<Instant>>>,
}

/// The operator's router.
pub fn router(state: OpsState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(state)
}

/// Keeps [`OpsState::up_since`] current until the link's sender is gone.
pub async fn track_link(mut up: watch::Receiver<bool>, since: Arc<Mutex<Option<Instant>>>) {
    loop {
        let now_up = *up.borrow_and_update();
        {
            let mut s = since.lock().unwrap_or_else(|p| p.into_inner());
            match (now_up, s.is_some()) {
                (true, false) => *s = Some(Instant::now()),
                (false, true) => *s = None,
                _ => {}
            }
        }
        if up.changed().await.is_err() {
            return;
        }
    }
}

impl OpsState {
    async fn outbox(&self) -> Result<OutboxStats, String> {
        let store = self.store.clone();
        match tokio::time::timeout(
            DB_DEADLINE,
            tokio::task::spawn_blocking(move || store.outbox_stats()),
        )
        .await
        {
            Ok(Ok(Ok(stats))) => Ok(stats),
            Ok(Ok(Err(e))) => Err(format!("database error: {e}")),
            Ok(Err(e)) => Err(format!("database task failed: {e}")),
            Err(_) => Err(format!(
                "database did not answer within {}s",
                DB_DEADLINE.as_secs()
            )),
        }
    }
}

/// 200 when the XMPP link is up and the database answers; 503 otherwise,
/// with the reasons, one a line.
async fn healthz(State(s): State<OpsState>) -> Response {
    let mut problems = Vec::new();
    if !*s.link_up.borrow() {
        problems.push("xmpp link down".to_owned());
    }
    if let Err(e) = s.outbox().await {
        problems.push(e);
    }
    let text = |status, body: String| {
        (
            status,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response()
    };
    if problems.is_empty() {
        text(StatusCode::OK, "ok\n".into())
    } else {
        text(StatusCode::SERVICE_UNAVAILABLE, problems.join("\n") + "\n")
    }
}

/// The Prometheus exposition. Gauges that describe state (outbox, link)
/// are read now, so a scrape never shows a stale figure.
async fn metrics(State(s): State<OpsState>) -> Response {
    let Some(handle) = s.metrics.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match s.outbox().await {
        Ok(o) => {
            let now = s.clock.now();
            let age = o
                .oldest
                .map(|t| Duration::from_secs(u64::try_from(now.0 - t.0).unwrap_or(0)))
                .unwrap_or_default();
            super::metrics::outbox(o.waiting, age, o.given_up);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: outbox figures unavailable"),
    }
    let since = *s.up_since.lock().unwrap_or_else(|p| p.into_inner());
    super::metrics::link(*s.link_up.borrow(), since.map(|t| t.elapsed()));
    (
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        handle.render(),
    )
        .into_response()
}

/// Counts every answer of the public site by route template and status,
/// and times it. Applied with `Router::layer`, so it runs after routing
/// and sees the matched template (`/invite/{token}`), never the path sent.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let started = Instant::now();
    let resp = next.run(req).await;
    super::metrics::http_response(&route, resp.status().as_u16(), started.elapsed());
    resp
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::FakeClock;
    use tower::ServiceExt;

    async fn get(app: &Router, path: &str) -> (StatusCode, String) {
        let resp = app
            .clone()
            .oneshot(Request::get(path).body(axum::body::Body::empty()).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let body = axum::body::to_bytes(resp.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn healthz_follows_the_link() {
        let (up, link_up) = watch::channel(false);
        let state = OpsState {
            store: Arc::new(SqliteStore::open_in_memory().unwrap()),
            link_up,
            clock: Arc::new(FakeClock::default()),
            metrics: None,
            up_since: Default::default(),
        };
        let app = router(state);
        assert_eq!(
            get(&app, "/healthz").await,
            (StatusCode::SERVICE_UNAVAILABLE, "xmpp link down\n".into())
        );
        up.send_replace(true);
        assert_eq!(get(&app, "/healthz").await, (StatusCode::OK, "ok\n".into()));
        assert_eq!(get(&app, "/metrics").await.0, StatusCode::NOT_FOUND);
    }
}
