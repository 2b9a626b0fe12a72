//! Wiring: builds the store, the domain service and the adapters from the
//! settings, and runs them until shutdown.

use crate::config::Settings;
use crate::domain::links::Links;
use crate::domain::service::Limits;
use crate::domain::{InviteService, Policy, SystemClock};
use crate::store::SqliteStore;
use crate::xmpp::adhoc::{AdHoc, SessionLimits};
use crate::xmpp::invite_commands::InviteCommands;
use crate::xmpp::link::{self, Link, LinkConfig, StanzaHandler};
use crate::xmpp::router::Router;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use xmpp_parsers::jid::BareJid;

/// How often long-expired invites are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// Runs the service until `shutdown` turns true.
pub async fn run(settings: Settings, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let db = settings.database.clone();
    let store = tokio::task::spawn_blocking(move || SqliteStore::open(&db)).await??;
    tracing::info!(database = %settings.database.display(), "invite store ready");
    let service = Arc::new(InviteService::new(
        Arc::new(store),
        Policy::new(
            settings.domain.clone(),
            settings.admins.clone(),
            settings.allow_user_invites,
            settings.allow_contact_invites,
        ),
        Links::new(settings.domain.clone(), &settings.public_url),
        Limits {
            default_lifetime: settings.lifetime,
            max_lifetime: settings.max_lifetime,
            max_uses: settings.max_uses,
            ..Limits::default()
        },
        Arc::new(SystemClock),
    ));

    let (link, outbox) = Link::new(settings.component_jid.clone());
    let adhoc = Arc::new(AdHoc::new(
        InviteCommands::new(service.clone()),
        SessionLimits::default(),
    ));
    let router: Arc<dyn StanzaHandler> = Arc::new(Arc::new(Router::new(
        link.clone(),
        adhoc,
        BareJid::new(&settings.domain)?,
    )));

    let purge = {
        let service = service.clone();
        let retention = settings.purge_after;
        let mut shutdown = shutdown.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(PURGE_EVERY);
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = shutdown.changed() => return,
                }
                let service = service.clone();
                match tokio::task::spawn_blocking(move || service.purge_expired(retention)).await {
                    Ok(Ok(0)) => {}
                    Ok(Ok(n)) => tracing::info!(deleted = n, "purged long-expired invites"),
                    Ok(Err(e)) => tracing::error!(error = %e, "purging expired invites failed"),
                    Err(e) => tracing::error!(error = %e, "purge task failed"),
                }
            }
        })
    };

    let cfg = LinkConfig {
        jid: settings.component_jid.clone(),
        server: settings.component_server,
        secret: settings.secret.clone(),
        server_domain: xmpp_parsers::jid::Jid::new(&settings.domain)?,
        ping_interval: settings.ping_interval,
        request_timeout: settings.request_timeout,
    };
    link::run(cfg, link, outbox, router, shutdown.clone()).await;
    let _ = shutdown.changed().await;
    let _ = purge.await;
    Ok(())
}
