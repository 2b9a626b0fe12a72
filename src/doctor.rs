//! `xmpp-invites doctor`: checks, step by step, what this server needs,
//! with the exact configuration lines to add for each failure. It creates
//! nothing on the server: the account-creation right is checked by opening
//! XEP-0133 add-user and cancelling it.

use crate::config::{ServerKind, Settings};
use crate::xmpp::link::{self, Link, LinkConfig, StanzaHandler};
use crate::xmpp::server_module::{self, Hello};
use crate::xmpp::xep_0050::{Action, Command};
use crate::xmpp::xep_0356::{Granted, parse_advertisement};
use serde::Serialize;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::minidom::Element;
use xmpp_parsers::stanza::Stanza;

/// How a check went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// Works, but something an operator would want to know.
    Warn,
    /// Something needed is missing: doctor exits non-zero.
    Fail,
    /// Not checked, because an earlier step failed.
    Skip,
}

/// One step.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    pub detail: String,
    /// The configuration to add or change, for this server kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// Every step, in order.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub ok: bool,
    pub checks: Vec<Check>,
}

impl Report {
    fn new(checks: Vec<Check>) -> Report {
        Report {
            ok: checks.iter().all(|c| c.status != Status::Fail),
            checks,
        }
    }

    /// For a person: one line per step, the fix indented below it.
    pub fn human(&self) -> String {
        let mut out = String::new();
        for c in &self.checks {
            let mark = match c.status {
                Status::Ok => "ok  ",
                Status::Warn => "warn",
                Status::Fail => "FAIL",
                Status::Skip => "skip",
            };
            out.push_str(&format!("[{mark}] {}: {}\n", c.name, c.detail));
            if let Some(fix) = &c.fix {
                for line in fix.lines() {
                    out.push_str(&format!("         {line}\n"));
                }
            }
        }
        out.push_str(if self.ok {
            "All needed checks passed.\n"
        } else {
            "Something needed is missing: see FAIL above.\n"
        });
        out
    }
}

fn check(name: &'static str, status: Status, detail: impl Into<String>) -> Check {
    Check {
        name,
        status,
        detail: detail.into(),
        fix: None,
    }
}

fn with_fix(mut c: Check, fix: String) -> Check {
    c.fix = Some(fix);
    c
}

/// The configuration snippets, per server kind.
struct Fixes<'a> {
    kind: ServerKind,
    domain: &'a str,
    component: &'a str,
    port: u16,
}

impl Fixes<'_> {
    fn listener(&self) -> String {
        let (d, c, p) = (self.domain, self.component, self.port);
        match self.kind {
            ServerKind::Prosody => format!(
                "In prosody.cfg.lua (global section):\n  component_ports = {{ {p} }}\n  component_interfaces = {{ \"127.0.0.1\" }}\n\
                 and a block for the component:\n  Component \"{c}\"\n    component_secret = \"<the content of secret_file>\""
            ),
            ServerKind::Ejabberd => format!(
                "In ejabberd.yml, under listen:\n  - port: {p}\n    ip: \"127.0.0.1\"\n    module: ejabberd_service\n    hosts:\n      \"{c}\":\n        password: \"<the content of secret_file>\"\n(and {d} in hosts)"
            ),
        }
    }

    fn secret(&self) -> String {
        let c = self.component;
        match self.kind {
            ServerKind::Prosody => format!(
                "The secret differs. In prosody.cfg.lua:\n  Component \"{c}\"\n    component_secret = \"<the content of secret_file>\"\nor put Prosody's secret into secret_file."
            ),
            ServerKind::Ejabberd => format!(
                "The secret differs. In ejabberd.yml, listen → ejabberd_service → hosts:\n  \"{c}\":\n    password: \"<the content of secret_file>\""
            ),
        }
    }

    fn unknown_component(&self) -> String {
        let c = self.component;
        match self.kind {
            ServerKind::Prosody => format!(
                "The server has no component {c}. In prosody.cfg.lua:\n  Component \"{c}\"\n    component_secret = \"<the content of secret_file>\"\nor set [component] jid to the component Prosody has."
            ),
            ServerKind::Ejabberd => format!(
                "The server has no component {c}. In ejabberd.yml, listen → ejabberd_service → hosts:\n  \"{c}\":\n    password: \"<the content of secret_file>\""
            ),
        }
    }

    fn privileges(&self) -> String {
        let (d, c) = (self.domain, self.component);
        match self.kind {
            ServerKind::Prosody => format!(
                "In prosody.cfg.lua (mod_privilege is in Debian's prosody-modules):\n  privileged_entities = {{ [\"{c}\"] = {{ roster = \"both\"; message = \"outgoing\" }} }}\n  VirtualHost \"{d}\"\n    modules_enabled = {{ \"privilege\" }}\n  Component \"{c}\"\n    modules_enabled = {{ \"privilege\" }}   -- needed here too"
            ),
            ServerKind::Ejabberd => format!(
                "In ejabberd.yml:\n  acl:\n    invites_component: {{server: \"{c}\"}}\n  access_rules:\n    invites_privileged: [{{allow: invites_component}}]\n  modules:\n    mod_privilege: {{roster: {{both: invites_privileged}}, message: {{outgoing: invites_privileged}}}}"
            ),
        }
    }

    fn admin(&self) -> String {
        let (d, c) = (self.domain, self.component);
        match self.kind {
            ServerKind::Prosody => format!(
                "In prosody.cfg.lua, on this host only (never in the global admins):\n  VirtualHost \"{d}\"\n    admins = {{ \"{c}\" }}   -- next to your own admins"
            ),
            ServerKind::Ejabberd => format!(
                "In ejabberd.yml (per-host rules replace the global ones: repeat those you need):\n  acl:\n    invites_component: {{server: \"{c}\"}}\n  host_config:\n    \"{d}\":\n      access_rules:\n        configure: [{{allow: admin}}, {{allow: invites_component}}]"
            ),
        }
    }

    fn admin_commands(&self) -> String {
        match self.kind {
            ServerKind::Prosody => {
                "In prosody.cfg.lua: modules_enabled = { \"adhoc\"; \"admin_adhoc\" }".into()
            }
            ServerKind::Ejabberd => {
                "In ejabberd.yml, modules:\n  mod_adhoc: {}\n  mod_configure: {}".into()
            }
        }
    }

    fn module(&self) -> String {
        let (d, c) = (self.domain, self.component);
        match self.kind {
            ServerKind::Prosody => format!(
                "Copy server-modules/prosody/mod_xmpp_invites.lua to /usr/lib/prosody/modules/, then in prosody.cfg.lua:\n  VirtualHost \"{d}\"\n    modules_enabled = {{ \"xmpp_invites\" }}\n    xmpp_invites_component = \"{c}\"\nand reload Prosody."
            ),
            ServerKind::Ejabberd => {
                "See README, \"The server module\": build and load server-modules/ejabberd.".into()
            }
        }
    }
}

/// Records what the server sends the component during the checks.
struct Listener {
    server: BareJid,
    granted: Mutex<Option<Granted>>,
    advertised: watch::Sender<bool>,
}

impl StanzaHandler for Listener {
    fn handle(&self, stanza: Stanza, _lang: Option<String>) {
        if let Stanza::Message(m) = stanza {
            let from_server = m
                .from
                .as_ref()
                .is_some_and(|f| f.node().is_none() && f.domain() == self.server.domain());
            if from_server {
                if let Some(g) = m.payloads.iter().find_map(parse_advertisement) {
                    *self.granted.lock().unwrap_or_else(|p| p.into_inner()) = Some(g);
                    self.advertised.send_replace(true);
                }
            }
        }
    }
}

/// How long the server has to send its privilege advertisement.
const ADVERTISEMENT_WAIT: Duration = Duration::from_secs(5);
const ADD_USER: &str = "http://jabber.org/protocol/admin#add-user";

/// Runs every check against the configured server and database.
pub async fn run(settings: &Settings) -> Report {
    let mut checks = Vec::new();
    let fixes = Fixes {
        kind: settings.server_kind,
        domain: &settings.domain,
        component: settings.component_jid.as_str(),
        port: settings.component_server.port(),
    };
    checks.push(database(settings).await);
    checks.push(public_url(settings).await);

    let domain = match BareJid::new(&settings.domain) {
        Ok(d) => d,
        Err(e) => {
            checks.push(check(
                "server domain",
                Status::Fail,
                format!("[server] domain: {e}"),
            ));
            return Report::new(checks);
        }
    };
    let cfg = LinkConfig {
        jid: settings.component_jid.clone(),
        server: settings.component_server,
        secret: settings.secret.clone(),
        server_domain: Jid::from(domain.clone()),
        ping_interval: settings.ping_interval,
        request_timeout: settings.request_timeout,
    };
    match link::try_handshake(&cfg).await {
        Ok(()) => checks.push(check(
            "handshake",
            Status::Ok,
            format!(
                "connected to {} as {}",
                settings.component_server, settings.component_jid
            ),
        )),
        Err(why) => {
            let c = check("handshake", Status::Fail, why.clone());
            checks.push(if why.contains("not-authorized") {
                with_fix(c, fixes.secret())
            } else if why.contains("host-unknown") || why.contains("improper-addressing") {
                with_fix(c, fixes.unknown_component())
            } else if why.contains("conflict") {
                with_fix(
                    c,
                    "Another connection already uses this component (is xmpp-invites running?). \
                     Stop it while doctor runs."
                        .into(),
                )
            } else {
                with_fix(c, fixes.listener())
            });
            for name in ["privileges", "account creation", "server module"] {
                checks.push(check(name, Status::Skip, "needs the component link"));
            }
            return Report::new(checks);
        }
    }
    checks.extend(over_the_link(cfg, &fixes, settings.expect_module).await);
    if let Some(api) = &settings.ejabberd_api {
        checks.push(
            match crate::xmpp::server_ops::probe_api(api, &domain, settings.request_timeout).await
            {
                Ok(detail) => check("ejabberd API", Status::Ok, detail),
                Err(why) => with_fix(
                    check("ejabberd API", Status::Fail, "the API refused or did not answer"),
                    format!(
                        "{why}\nThe API is served by ejabberd_http with request_handlers: {{/api: mod_http_api}} \
                         at [server] api_url, and mod_admin_extra must be loaded."
                    ),
                ),
            },
        );
    }
    Report::new(checks)
}

/// Whether `public_url` reaches this service. With the service stopped,
/// doctor answers on `[web] listen` itself, for a one-off path, and fetches
/// that through `public_url`: so a reverse proxy in between is checked too.
/// With the service running (the address taken), the front page must answer.
async fn public_url(settings: &Settings) -> Check {
    let client = match reqwest::Client::builder()
        .timeout(settings.request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(c) => c,
        Err(e) => return check("public_url", Status::Fail, e.to_string()),
    };
    let base = settings.public_url.trim_end_matches('/').to_owned();
    let fix = format!(
        "public_url ({base}) must reach [web] listen ({}): point your reverse proxy (or DNS, \
         for a direct listener) there",
        settings.web_listen
    );
    match tokio::net::TcpListener::bind(settings.web_listen).await {
        Ok(listener) => {
            let mut nonce = [0u8; 12];
            if getrandom::fill(&mut nonce).is_err() {
                return check("public_url", Status::Fail, "the OS RNG is unavailable");
            }
            let nonce: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
            let answer = nonce.clone();
            let app = axum::Router::new().fallback(move || {
                let answer = answer.clone();
                async move { answer }
            });
            let server = tokio::spawn(async move { axum::serve(listener, app).await });
            let url = format!("{base}/.well-known/xmpp-invites-doctor/{nonce}");
            let got = client.get(&url).send().await;
            server.abort();
            match got {
                Ok(r) if r.status().is_success() => match r.text().await {
                    Ok(body) if body == nonce => check(
                        "public_url",
                        Status::Ok,
                        format!(
                            "{base} reaches {} (checked with a one-off page)",
                            settings.web_listen
                        ),
                    ),
                    _ => with_fix(
                        check(
                            "public_url",
                            Status::Fail,
                            format!("{base} answers, but not from {}", settings.web_listen),
                        ),
                        fix,
                    ),
                },
                Ok(r) => with_fix(
                    check(
                        "public_url",
                        Status::Fail,
                        format!("{url} answered HTTP {}", r.status()),
                    ),
                    fix,
                ),
                Err(e) => with_fix(
                    check("public_url", Status::Fail, format!("{base}: {e}")),
                    fix,
                ),
            }
        }
        // Taken: the service (or something else) listens there already.
        Err(_) => match client.get(format!("{base}/")).send().await {
            Ok(r) if r.status().is_success() => check(
                "public_url",
                Status::Ok,
                format!(
                    "{base} answers (HTTP {}); [web] listen is in use, the service runs",
                    r.status()
                ),
            ),
            Ok(r) => with_fix(
                check(
                    "public_url",
                    Status::Fail,
                    format!("{base}/ answered HTTP {}", r.status()),
                ),
                fix,
            ),
            Err(e) => with_fix(
                check(
                    "public_url",
                    Status::Fail,
                    format!(
                        "[web] listen {} is taken by something else and {base} does not answer: {e}",
                        settings.web_listen
                    ),
                ),
                fix,
            ),
        },
    }
}

async fn database(settings: &Settings) -> Check {
    let path = settings.database.clone();
    let shown = path.display().to_string();
    let opened = tokio::task::spawn_blocking(move || -> Result<String, String> {
        if !path.exists() {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let meta = std::fs::metadata(dir)
                .map_err(|e| format!("its directory {}: {e}", dir.display()))?;
            if !meta.is_dir() || meta.permissions().readonly() {
                return Err(format!("its directory {} is not writable", dir.display()));
            }
            return Ok("does not exist yet; it is created at the first start".into());
        }
        let conn = rusqlite::Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .map_err(|e| e.to_string())?;
        let verdict: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        let invites: i64 = conn
            .query_row("SELECT count(*) FROM invites", [], |r| r.get(0))
            .unwrap_or(0);
        if verdict == "ok" {
            Ok(format!("opens, quick_check ok, {invites} invites"))
        } else {
            Err(format!("quick_check: {verdict}"))
        }
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()));
    match opened {
        Ok(detail) => check("database", Status::Ok, format!("{shown}: {detail}")),
        Err(e) => with_fix(
            check("database", Status::Fail, format!("{shown}: {e}")),
            "Check [storage] database and that the service's user may write its directory; \
             restore from a backup if the file is damaged (README, Backup)."
                .into(),
        ),
    }
}

/// The checks that need the link: privileges, account creation, module.
async fn over_the_link(cfg: LinkConfig, fixes: &Fixes<'_>, expect_module: bool) -> Vec<Check> {
    let server = cfg.server_domain.to_bare();
    let (advertised, mut seen) = watch::channel(false);
    let listener = Arc::new(Listener {
        server: server.clone(),
        granted: Mutex::new(None),
        advertised,
    });
    let (link, queue) = Link::new(cfg.jid.clone());
    let (stop, stopped) = watch::channel(false);
    let running = tokio::spawn(link::run(
        cfg.clone(),
        link.clone(),
        queue,
        listener.clone(),
        stopped,
    ));
    let mut checks = Vec::new();
    if tokio::time::timeout(cfg.request_timeout * 3, link.wait_up())
        .await
        .is_err()
    {
        checks.push(check(
            "link",
            Status::Fail,
            "the link did not come up again after the first handshake",
        ));
        let _ = stop.send(true);
        let _ = running.await;
        return checks;
    }
    let _ = tokio::time::timeout(ADVERTISEMENT_WAIT, seen.wait_for(|s| *s)).await;
    let granted = listener
        .granted
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    // Asked first: a module that writes rosters makes XEP-0356's roster
    // privilege the fallback rather than a need.
    let (module_check, module_rosters) =
        module(&link, &server, cfg.request_timeout, fixes, expect_module).await;
    checks.push(privileges(granted, module_rosters, fixes));
    checks.push(account_creation(&link, &server, cfg.request_timeout, fixes).await);
    checks.push(module_check);
    let _ = stop.send(true);
    let _ = running.await;
    checks
}

/// What the XEP-0356 advertisement allows, given whether the server module
/// writes rosters (then roster privileges are only its fallback: used if
/// the module is unloaded or an older one is put back).
fn privileges(granted: Option<Granted>, module_rosters: bool, fixes: &Fixes<'_>) -> Check {
    let fallback = "the server module writes rosters; XEP-0356 is its fallback";
    match granted {
        Some(g) if g.can_set_roster() => check(
            "privileges",
            Status::Ok,
            format!(
                "XEP-0356: roster {}, message {}{}",
                g.roster.as_deref().unwrap_or("none"),
                g.message.as_deref().unwrap_or("none"),
                if module_rosters {
                    format!(" ({fallback})")
                } else {
                    String::new()
                }
            ),
        ),
        g => {
            let why = match &g {
                Some(g) => format!(
                    "XEP-0356 granted roster {}",
                    g.roster.as_deref().unwrap_or("none")
                ),
                None => format!(
                    "no XEP-0356 privilege advertisement within {}s",
                    ADVERTISEMENT_WAIT.as_secs()
                ),
            };
            let (status, detail) = if module_rosters {
                (
                    Status::Warn,
                    format!("{why}: {fallback}, so rosters cannot be written without the module"),
                )
            } else {
                (Status::Fail, format!("{why}: rosters cannot be written"))
            };
            with_fix(check("privileges", status, detail), fixes.privileges())
        }
    }
}

fn command(action: Action, sessionid: Option<&str>) -> Element {
    Command {
        node: ADD_USER.into(),
        sessionid: sessionid.map(str::to_owned),
        action: Some(action),
        status: None,
        lang: None,
        actions: None,
        notes: Vec::new(),
        form: None,
    }
    .into()
}

/// Opens XEP-0133 add-user at the domain and cancels it: the first stage
/// answers with a form only if the component may create accounts.
async fn account_creation(
    link: &Link,
    server: &BareJid,
    timeout: Duration,
    fixes: &Fixes<'_>,
) -> Check {
    let iq = |payload: Element| Iq::Set {
        from: Some(Jid::from(link.jid().clone())),
        to: Some(Jid::from(server.clone())),
        id: String::new(),
        payload,
    };
    match link
        .request(iq(command(Action::Execute, None)), timeout)
        .await
    {
        Ok(Iq::Result {
            payload: Some(p), ..
        }) => {
            if let Some(sid) = p.attr("sessionid") {
                let _ = link
                    .request(iq(command(Action::Cancel, Some(sid))), timeout)
                    .await;
            }
            check(
                "account creation",
                Status::Ok,
                format!(
                    "XEP-0133 add-user is open to the component on {server} (opened and cancelled)"
                ),
            )
        }
        Ok(Iq::Error { error, .. }) => {
            let condition = error.defined_condition;
            let c = check(
                "account creation",
                Status::Fail,
                format!("XEP-0133 add-user on {server}: {condition:?}"),
            );
            if matches!(
                condition,
                xmpp_parsers::stanza_error::DefinedCondition::ItemNotFound
                    | xmpp_parsers::stanza_error::DefinedCondition::ServiceUnavailable
                    | xmpp_parsers::stanza_error::DefinedCondition::FeatureNotImplemented
            ) {
                with_fix(c, fixes.admin_commands())
            } else {
                with_fix(c, fixes.admin())
            }
        }
        Ok(other) => check(
            "account creation",
            Status::Fail,
            format!("unexpected answer to add-user: {other:?}"),
        ),
        Err(e) => check(
            "account creation",
            Status::Fail,
            format!("no answer to add-user: {e}"),
        ),
    }
}

/// Whether the server module answers the component's probe, and whether
/// it writes rosters.
async fn module(
    link: &Link,
    server: &BareJid,
    timeout: Duration,
    fixes: &Fixes<'_>,
    expected: bool,
) -> (Check, bool) {
    let iq = Iq::Get {
        from: Some(Jid::from(link.jid().clone())),
        to: Some(Jid::from(server.clone())),
        id: String::new(),
        payload: Hello::ours().into(),
    };
    let hello = match link.request(iq, timeout).await {
        Ok(Iq::Result {
            payload: Some(p), ..
        }) => Hello::try_from(p)
            .ok()
            .filter(|h| h.version.as_deref() == Some(server_module::VERSION)),
        _ => None,
    };
    let writes_rosters = hello.as_ref().is_some_and(Hello::writes_rosters);
    let check = match (hello.is_some(), expected) {
        (true, _) => check(
            "server module",
            Status::Ok,
            "answers (protocol 0): invites work inside the apps",
        ),
        (false, true) => with_fix(
            check(
                "server module",
                Status::Fail,
                "[server] module = true, but no server module answers",
            ),
            fixes.module(),
        ),
        (false, false) => with_fix(
            check(
                "server module",
                Status::Warn,
                "not loaded: invites are redeemed on the landing page only",
            ),
            fixes.module(),
        ),
    };
    (check, writes_rosters)
}
