//! Wiring: builds the store, the domain services and the adapters from the
//! settings, and runs them until shutdown.

use crate::config::{ForwardedHeader, ServerKind, Settings};
use crate::delivery::Deliverer;
use crate::domain::email::EmailService;
use crate::domain::links::Links;
use crate::domain::manage::ManageService;
use crate::domain::redeem::{RedeemService, ResetNotice};
use crate::domain::server::ServerSupport;
use crate::domain::{Clock, InviteStore, MintService, ServerOps, SystemClock};
use crate::ops::http as ops_http;
use crate::ops::reload::{self, Reloader};
use crate::store::SqliteStore;
use crate::web::brand::Look;
use crate::web::csrf::CsrfKey;
use crate::web::serve::{self, ServeConfig};
use crate::web::{self, ClientAddress, Rate, RateLimit, WebState};
use crate::xmpp::adhoc::{AdHoc, SessionLimits};
use crate::xmpp::command_set::Both;
use crate::xmpp::group_commands::GroupCommands;
use crate::xmpp::invite_commands::InviteCommands;
use crate::xmpp::link::{self, Link, LinkConfig, StanzaHandler};
use crate::xmpp::manage_commands::ManageCommands;
use crate::xmpp::router::StanzaRouter;
use crate::xmpp::server_module::ServerModule;
use crate::xmpp::server_ops::{EjabberdOps, ProsodyOps};
use anyhow::Context;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use xmpp_parsers::jid::{BareJid, Jid};

/// How often histogram samples are folded in between scrapes.
const METRICS_UPKEEP: Duration = Duration::from_secs(5);

/// How often long-expired invites are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// The one place that picks the server kind's implementation: everything
/// else sees `dyn ServerOps`.
fn server_ops(
    settings: &Settings,
    link: &Link,
    domain: &BareJid,
    support: &Arc<ServerSupport>,
) -> anyhow::Result<Arc<dyn ServerOps>> {
    let timeout = settings.request_timeout;
    Ok(match (settings.server_kind, &settings.ejabberd_api) {
        (ServerKind::Prosody, _) => Arc::new(
            ProsodyOps::new(link.clone(), domain.clone(), timeout).with_module(support.clone()),
        ),
        (ServerKind::Ejabberd, Some(api)) => Arc::new(EjabberdOps::new(
            link.clone(),
            domain.clone(),
            timeout,
            api,
        )?),
        // The settings refuse this; kept as an error, not a panic.
        (ServerKind::Ejabberd, None) => anyhow::bail!("server.api_url is required for ejabberd"),
    })
}

/// Runs the service until `shutdown` turns true; each message on
/// `reloads` (SIGHUP) reloads the settings file ([`Reloader`]).
pub async fn run(
    settings: Settings,
    shutdown: watch::Receiver<bool>,
    reloads: mpsc::Receiver<()>,
) -> anyhow::Result<()> {
    for warning in &settings.warnings {
        tracing::warn!("{warning}");
    }
    let db = settings.database.clone();
    let sqlite = Arc::new(tokio::task::spawn_blocking(move || SqliteStore::open(&db)).await??);
    let store: Arc<dyn InviteStore> = sqlite.clone();
    tracing::info!(database = %settings.database.display(), "invite store ready");
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let domain = BareJid::new(&settings.domain)?;
    let links = Links::new(settings.domain.clone(), &settings.public_url);
    // The catalogues the XMPP side speaks from: the requester's xml:lang
    // picks one, else the default.
    // The same catalogues as the pages (the operator's overrides, the
    // default language); read once, so an override reloaded by SIGHUP
    // reaches the pages, and XMPP and email after a restart.
    let look =
        Arc::new(Look::load(&settings.branding).map_err(|e| anyhow::anyhow!("branding: {e}"))?);
    // XMPP answers, notifications and emails read the catalogue in force
    // from here; a reload puts the new one here and in the pages' look.
    let languages = crate::i18n::LiveCatalogue::new(look.i18n.clone());
    let service = Arc::new(crate::cli::mint_service(
        &settings,
        store.clone(),
        clock.clone(),
    ));
    let manage = Arc::new(ManageService::new(
        store.clone(),
        service.shared_policy(),
        clock.clone(),
    ));

    let (link, queue) = Link::new(settings.component_jid.clone());

    // What the server module says it does, learnt over the link.
    let support = Arc::new(ServerSupport::default());
    let server = server_ops(&settings, &link, &domain, &support)?;
    // How long a redemption waits for its roster writes before answering.
    let deliver_timeout = settings.request_timeout * 2;
    let mut deliverer = Deliverer::new(
        store.clone(),
        server.clone(),
        clock.clone(),
        deliver_timeout,
    );
    if let Some(email) = &settings.email {
        let mailer = crate::mail::SmtpMailer::new(email, &settings.domain, languages.clone())?;
        deliverer = deliverer.with_mailer(Arc::new(mailer));
        tracing::info!(host = %email.host, port = email.port, tls = ?email.tls, "invitation emails on");
    }
    let deliverer = Arc::new(deliverer);
    let email = settings.email.as_ref().map(|e| {
        Arc::new(EmailService::new(
            store.clone(),
            deliverer.clone(),
            clock.clone(),
            links.clone(),
            service.shared_policy(),
            e.limits,
        ))
    });
    let mut invite_commands = InviteCommands::new(service.clone());
    let mut manage_commands = ManageCommands::new(manage, service.clone(), server.clone());
    if let Some(email) = &email {
        invite_commands = invite_commands.with_email(email.clone());
        manage_commands = manage_commands.with_email(email.clone());
    }
    let adhoc = Arc::new(AdHoc::new(
        Both(
            Both(invite_commands, GroupCommands::new(service.clone())),
            manage_commands,
        ),
        SessionLimits::default(),
    ));
    let redeem = Arc::new(
        RedeemService::new(
            store.clone(),
            server.clone(),
            deliverer.clone(),
            clock.clone(),
            settings.domain.clone(),
            reload::form_rules(&settings),
            // In the language the inviter last used with the component
            // (recorded from their commands' xml:lang), else the default.
            Arc::new({
                let cat = languages.clone();
                move |lang: Option<&str>, jid: &str| {
                    cat.for_tag(lang).args("notify-accepted", &[("jid", jid)])
                }
            }),
        )
        .with_reset_text(Arc::new({
            let cat = languages.clone();
            move |lang: Option<&str>, jid: &str, notice| {
                let key = match notice {
                    ResetNotice::Done => "notify-reset",
                    ResetNotice::Unknown => "notify-reset-unknown",
                };
                cat.for_tag(lang).args(key, &[("jid", jid)])
            }
        }))
        .with_local_confirmation(
            links.clone(),
            Arc::new({
                let cat = languages.clone();
                move |lang: Option<&str>, inviter: &str, url: &str| {
                    cat.for_tag(lang)
                        .args("confirm-request", &[("inviter", inviter), ("url", url)])
                }
            }),
        )
        .with_policy(service.shared_policy()),
    );

    let router: Arc<dyn StanzaHandler> = Arc::new(Arc::new(
        StanzaRouter::new(link.clone(), adhoc, domain.clone())
            .with_server_module(Arc::new(
                ServerModule::new(redeem.clone(), support.clone()).expected(settings.expect_module),
            ))
            .with_languages(
                languages.clone(),
                Arc::new(crate::domain::languages::Languages::new(
                    store.clone(),
                    clock.clone(),
                )),
            ),
    ));

    let public = url::Url::parse(&settings.public_url)?;
    let state = Arc::new(WebState {
        redeem: redeem.clone(),
        links,
        look: std::sync::RwLock::new(look),
        csrf: CsrfKey::generate().map_err(|e| anyhow::anyhow!("OS RNG unavailable: {e}"))?,
        clock: clock.clone(),
        prefix: public.path().trim_end_matches('/').to_owned(),
        origin: public.origin().ascii_serialization(),
        body_timeout: settings.web_body_timeout,
        server: support,
    });
    let app = web::router(state.clone(), web_rate_limit(&settings));
    let listener = tokio::net::TcpListener::bind(settings.web_listen)
        .await
        .with_context(|| format!("web.listen: cannot listen on {}", settings.web_listen))?;
    tracing::info!(listen = %settings.web_listen, public_url = %settings.public_url, "landing pages served");
    let http = {
        let cfg = ServeConfig {
            header_timeout: settings.web_header_timeout,
            idle_timeout: settings.web_idle_timeout,
            max_connections: serve::connection_cap(settings.web_max_connections),
            // Long enough for a registration in progress to finish.
            shutdown_grace: settings.request_timeout * 3,
        };
        tokio::spawn(serve::serve(listener, app, cfg, shutdown.clone()))
    };

    let control = {
        let (db, server, stop) = (settings.database.clone(), server.clone(), shutdown.clone());
        tokio::spawn(async move {
            if let Err(e) = crate::control::serve(db, server, stop).await {
                tracing::warn!(error = %e, "no control socket: `invite create --reset` cannot check accounts");
            }
        })
    };

    let purge = tokio::spawn(purge_loop(
        service.clone(),
        settings.purge_after,
        PURGE_EVERY,
        shutdown.clone(),
    ));

    if let Some(n) = deliverer.failed().await.filter(|n| *n > 0) {
        tracing::error!(
            failed = n,
            "outbox entries were given up after being refused for too long; \
             see the outbox table (failed_at, last_error)"
        );
    }
    let delivery = tokio::spawn(deliverer.run(link.watch_up(), shutdown.clone()));
    let ops = match settings.metrics_listen {
        Some(addr) => Some(
            serve_ops(
                addr,
                sqlite.clone(),
                link.watch_up(),
                clock.clone(),
                shutdown.clone(),
            )
            .await?,
        ),
        None => None,
    };
    let reloading = tokio::spawn(reload_loop(
        Reloader::new(settings.clone(), service.clone(), redeem.clone())
            .with_web(state, languages.clone()),
        reloads,
        shutdown.clone(),
    ));
    let reconcile = tokio::spawn(reconcile_loop(
        redeem,
        link.watch_up(),
        settings.request_timeout,
        shutdown.clone(),
    ));

    let cfg = LinkConfig {
        jid: settings.component_jid.clone(),
        server: settings.component_server,
        secret: settings.secret.clone(),
        server_domain: Jid::from(domain),
        ping_interval: settings.ping_interval,
        request_timeout: settings.request_timeout,
    };
    let mut link_thread = LinkThread::start(link::run(cfg, link, queue, router, shutdown.clone()))
        .context("cannot start the component link's thread")?;
    if (&mut link_thread.ended).await.is_err() {
        // Without its link the service cannot do its work: end it, as a
        // panic of the link on the main runtime used to.
        anyhow::bail!("the component link's thread panicked");
    }
    let _ = tokio::join!(http, purge, delivery, reconcile, reloading, control);
    if let Some(ops) = ops {
        let _ = ops.await;
    }
    link_thread.finish().await;
    Ok(())
}

/// The component link on a thread of its own, with a single-threaded
/// runtime: the stanzas it reads, the requests they start (the router
/// spawns each on the current runtime) and the replies it writes stay on
/// that one thread. The link is one TCP connection to a server that routes
/// on one thread itself; on the multi-threaded runtime a mint's request
/// and reply were handed between its workers, and those hand-offs cost as
/// much as the work (scripts/bench P1 at 8 and 32 in flight, ARCHITECTURE's
/// "Performance and scale"). The web, delivery and the other loops stay on
/// the multi-threaded runtime and reach the link through its queue.
struct LinkThread {
    /// Fires when the link has been closed (shutdown); dropped unsent if
    /// the thread panicked.
    ended: tokio::sync::oneshot::Receiver<()>,
    /// Dropped or sent: the link's runtime may end. Kept until the rest of
    /// the service has stopped, so that requests under way on the link's
    /// thread at shutdown get as long to finish as the web's.
    release: tokio::sync::oneshot::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl LinkThread {
    /// Runs `link` (the link's [`link::run`]) on the new thread.
    fn start(link: impl Future<Output = ()> + Send + 'static) -> std::io::Result<LinkThread> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (ended_tx, ended) = tokio::sync::oneshot::channel();
        let (release, released) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("xmpp-link".into())
            .spawn(move || {
                runtime.block_on(async move {
                    link.await;
                    let _ = ended_tx.send(());
                    let _ = released.await;
                });
            })?;
        Ok(LinkThread {
            ended,
            release,
            thread,
        })
    }

    /// Lets the link's runtime end and waits for its thread.
    async fn finish(self) {
        drop(self.release);
        let thread = self.thread;
        if tokio::task::spawn_blocking(move || thread.join())
            .await
            .map_or(true, |joined| joined.is_err())
        {
            tracing::error!("the component link's thread ended in a panic");
        }
    }
}

/// Serves `/healthz` and `/metrics` on `addr` (see [`crate::ops::http`]),
/// with the Prometheus recorder installed for the whole process.
async fn serve_ops(
    addr: std::net::SocketAddr,
    store: Arc<SqliteStore>,
    link_up: watch::Receiver<bool>,
    clock: Arc<dyn Clock>,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let handle = crate::ops::metrics::install().context("metrics: cannot install the recorder")?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("metrics.listen: cannot listen on {addr}"))?;
    tracing::info!(listen = %addr, "/healthz and /metrics served");
    let up_since = Arc::default();
    tokio::spawn(ops_http::track_link(link_up.clone(), Arc::clone(&up_since)));
    // Histograms keep their samples until upkeep folds them in; without
    // scrapes they would grow without bound.
    let upkeep = handle.clone();
    let mut stop = shutdown.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(METRICS_UPKEEP);
        loop {
            tokio::select! {
                _ = tick.tick() => upkeep.run_upkeep(),
                _ = stop.changed() => return,
            }
        }
    });
    let app = ops_http::router(ops_http::OpsState {
        store,
        link_up,
        clock,
        metrics: Some(handle),
        up_since,
    });
    let cfg = ServeConfig {
        header_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(30),
        // A monitor and a scraper or two.
        max_connections: 16,
        shutdown_grace: Duration::from_secs(1),
    };
    Ok(tokio::spawn(serve::serve(listener, app, cfg, shutdown)))
}

/// Reloads the settings on each message (SIGHUP) until shutdown.
async fn reload_loop(
    mut reloader: Reloader,
    mut reloads: mpsc::Receiver<()>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            r = reloads.recv() => match r {
                Some(()) => reloader.reload(),
                None => return,
            },
            _ = shutdown.changed() => return,
        }
    }
}

/// Deletes invites expired longer than `retention` ago, at start and then
/// every `every`, until `shutdown` turns true. A failed round is logged and
/// the next one tried as usual: purging is housekeeping, never urgent.
async fn purge_loop(
    service: Arc<MintService>,
    retention: Duration,
    every: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(every);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        match service.purge_expired(retention).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "purged long-expired invites"),
            Err(e) => tracing::error!(error = %e, "purging expired invites failed"),
        }
    }
}

/// Settles registrations left in the middle (see
/// [`RedeemService::reconcile`]): each time the link comes up (so at start,
/// after a crash) and then periodically. A claim is only touched once it is
/// older than any request of this process could be (add-user is two
/// requests of at most `request_timeout` each).
async fn reconcile_loop(
    redeem: Arc<RedeemService>,
    mut link_up: watch::Receiver<bool>,
    request_timeout: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let older_than = request_timeout * 2 + Duration::from_secs(1);
    let every = (request_timeout * 3).clamp(Duration::from_secs(5), Duration::from_secs(60));
    loop {
        tokio::select! {
            r = link_up.wait_for(|up| *up) => if r.is_err() { return },
            _ = shutdown.changed() => return,
        }
        match redeem.reconcile(older_than).await {
            Ok(r) if r == Default::default() => {}
            Ok(r) => {
                crate::ops::metrics::reconciled(r.completed, r.released);
                tracing::info!(
                    completed = r.completed,
                    released = r.released,
                    undecided = r.left,
                    "reconciled registrations left in the middle"
                )
            }
            Err(e) => tracing::error!(error = %e, "reconciling registrations failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// The web rate limits from the `[web]` settings.
fn web_rate_limit(s: &Settings) -> RateLimit {
    RateLimit {
        requests: Rate {
            per_minute: s.rate_limit_per_minute,
            burst: s.rate_limit_burst,
        },
        failures: Rate {
            per_minute: s.failed_requests_per_minute,
            burst: s.failed_requests_burst,
        },
        global_failures: Rate {
            per_minute: s.global_failed_requests_per_minute,
            burst: s.global_failed_requests_burst,
        },
        posts_per_invite: Rate {
            per_minute: s.posts_per_invite_per_minute,
            burst: s.posts_per_invite_burst,
        },
        client_address: match (s.trust_forwarded_for, s.forwarded_header) {
            (false, _) => ClientAddress::Peer,
            (true, ForwardedHeader::XForwardedFor) => ClientAddress::XForwardedFor,
            (true, ForwardedHeader::Forwarded) => ClientAddress::Forwarded,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Limits, Policy};
    use crate::testing::{ADMIN, DOMAIN, PUBLIC_URL, Wired};

    const WAIT: Duration = Duration::from_secs(10);

    /// Waits until `cond` holds, failing after [`WAIT`].
    async fn until(what: &str, cond: impl Fn() -> bool) {
        let check = async {
            while !cond() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        };
        let waited = tokio::time::timeout(WAIT, check).await;
        assert!(waited.is_ok(), "timed out waiting for {what}");
    }

    #[tokio::test]
    async fn the_purge_deletes_long_expired_invites_on_every_round_and_keeps_the_rest() {
        let w = Wired::new();
        let service = Arc::new(MintService::new(
            w.store.clone(),
            Policy::new(DOMAIN, [BareJid::new(ADMIN).unwrap()], false, true),
            Links::new(DOMAIN, PUBLIC_URL),
            Limits::default(),
            w.clock.clone(),
        ));
        let admin = BareJid::new(ADMIN).unwrap();
        let lifetime = Limits::default().default_lifetime;
        let retention = Duration::from_secs(7 * 86_400);
        let exists = |id| w.store.find_by_id(id).unwrap().is_some();

        // Expired longer ago than the retention when the loop starts.
        let old = service.mint_contact_invite(&admin).await.unwrap().id;
        w.clock
            .advance(lifetime + retention + Duration::from_secs(60));
        // Expired, but within the retention: kept until it is older.
        let recent = service.mint_contact_invite(&admin).await.unwrap().id;
        w.clock.advance(lifetime + Duration::from_secs(60));
        let live = service.mint_contact_invite(&admin).await.unwrap().id;

        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(purge_loop(
            service.clone(),
            retention,
            Duration::from_millis(20),
            stopped,
        ));
        until("the first round", || !exists(old)).await;
        assert!(exists(recent), "expired within the retention is kept");
        assert!(exists(live), "a live invite is kept");

        // Later rounds catch what has grown old since.
        w.clock.advance(retention);
        until("a later round", || !exists(recent)).await;
        assert!(exists(live), "just expired: within the retention, kept");

        stop.send_replace(true);
        tokio::time::timeout(WAIT, task)
            .await
            .expect("the purge loop ends on shutdown")
            .unwrap();
    }
}

#[cfg(test)]
mod link_thread_tests {
    use super::LinkThread;
    use std::time::Duration;
    use tokio::sync::oneshot;

    fn thread_name() -> String {
        std::thread::current().name().unwrap_or("").to_owned()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_link_and_the_tasks_it_spawns_run_on_its_own_thread() {
        let (seen_tx, seen) = oneshot::channel();
        let mut t = LinkThread::start(async move {
            let outer = thread_name();
            // As the router spawns each request.
            let inner = tokio::spawn(async { thread_name() }).await.unwrap();
            let _ = seen_tx.send((outer, inner));
        })
        .unwrap();
        let (outer, inner) = seen.await.unwrap();
        assert_eq!(outer, "xmpp-link");
        assert_eq!(inner, "xmpp-link");
        assert_ne!(thread_name(), "xmpp-link");
        assert!((&mut t.ended).await.is_ok());
        t.finish().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn requests_under_way_when_the_link_ends_finish_before_its_runtime_does() {
        let (go_tx, go) = oneshot::channel::<()>();
        let (done_tx, done) = oneshot::channel();
        let mut t = LinkThread::start(async move {
            // A request the link started, still waiting when it closes.
            tokio::spawn(async move {
                let _ = go.await;
                let _ = done_tx.send(thread_name());
            });
        })
        .unwrap();
        assert!((&mut t.ended).await.is_ok());
        // The link has ended; its runtime still serves the request.
        go_tx.send(()).unwrap();
        let finished = tokio::time::timeout(Duration::from_secs(10), done).await;
        assert_eq!(finished.unwrap().unwrap(), "xmpp-link");
        t.finish().await;
    }

    #[tokio::test]
    async fn a_panic_on_the_links_thread_is_seen_as_an_end_without_its_signal() {
        let mut t = LinkThread::start(async { panic!("the link broke") }).unwrap();
        assert!((&mut t.ended).await.is_err());
        t.finish().await;
    }
}
