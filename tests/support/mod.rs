//! What the in-process web tests share: the router wired as in `app::run`
//! over a real SQLite store, a settable clock and a fake XMPP server, and
//! request and response helpers.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;
use xmpp_invites::domain::server::ServerSupport;
use xmpp_invites::domain::{InviteStore, MintRequest, MintService, MintedInvite};
use xmpp_invites::i18n::Tr;
use xmpp_invites::store::SqliteStore;
pub use xmpp_invites::testing::{FakeClock, FakeServer, Wired};
use xmpp_invites::web::brand::Look;
use xmpp_invites::web::csrf::CsrfKey;
use xmpp_invites::web::{self, ClientAddress, Rate, RateLimit, WebState};
use xmpp_parsers::jid::BareJid;

pub const ORIGIN: &str = "https://invite.example.org";
pub const PW: &str = "correct horse battery staple";
pub const UNKNOWN_TOKEN: &str = "AAAAAAAAAAAAAAAAAAAAAAAA";

/// Everything a test touches: the router and what stands behind it.
pub struct World {
    pub app: Router,
    pub mint: MintService,
    pub store: Arc<SqliteStore>,
    pub server: Arc<FakeServer>,
    pub clock: Arc<FakeClock>,
    /// What the fake server supports itself (the server module).
    pub support: Arc<ServerSupport>,
    pub deliverer: Arc<xmpp_invites::delivery::Deliverer>,
}

pub const PLENTY: Rate = Rate {
    per_minute: 10_000,
    burst: 10_000,
};

pub const GENEROUS: RateLimit = RateLimit {
    requests: PLENTY,
    failures: PLENTY,
    global_failures: PLENTY,
    posts_per_invite: PLENTY,
    client_address: ClientAddress::Peer,
};

/// A limit of `burst` at once, refilling too slowly to matter in a test.
pub const fn only(burst: u32) -> Rate {
    Rate {
        per_minute: 1,
        burst,
    }
}

pub fn world() -> World {
    world_with(SqliteStore::open_in_memory().unwrap(), GENEROUS, "")
}

/// Wired like `app::run`, with fakes for the server and the clock.
pub fn world_with(store: SqliteStore, limit: RateLimit, prefix: &str) -> World {
    world_timed(store, limit, prefix, Duration::from_secs(10))
}

pub fn world_timed(
    store: SqliteStore,
    limit: RateLimit,
    prefix: &str,
    body_timeout: Duration,
) -> World {
    world_looking(store, limit, prefix, body_timeout, Look::builtin())
}

/// Wired like `app::run` with the operator's branding and overrides.
pub fn world_looking(
    store: SqliteStore,
    limit: RateLimit,
    prefix: &str,
    body_timeout: Duration,
    look: Look,
) -> World {
    let wired = Wired::build(
        store,
        ORIGIN,
        Arc::new(|lang: Option<&str>, jid: &str| {
            Tr::default()
                .catalogue()
                .for_tag(lang)
                .args("notify-accepted", &[("jid", jid)])
        }),
        Arc::new(|lang: Option<&str>, inviter: &str, url: &str| {
            Tr::default()
                .catalogue()
                .for_tag(lang)
                .args("confirm-request", &[("inviter", inviter), ("url", url)])
        }),
    );
    let Wired {
        store,
        server,
        clock,
        mint,
        redeem,
        links,
        deliverer,
    } = wired;
    let support = Arc::new(ServerSupport::default());
    let state = Arc::new(WebState {
        redeem,
        links,
        look: std::sync::RwLock::new(Arc::new(look)),
        csrf: CsrfKey::generate().unwrap(),
        clock: clock.clone(),
        prefix: prefix.into(),
        origin: ORIGIN.into(),
        body_timeout,
        server: support.clone(),
    });
    World {
        app: web::router(state, limit),
        mint,
        store,
        server,
        clock,
        support,
        deliverer,
    }
}

impl World {
    /// What the server was sent, once nothing is being delivered any more
    /// (messages follow a page's answer on a task of their own).
    pub async fn applied(&self) -> Vec<xmpp_invites::domain::Effect> {
        for _ in 0..500 {
            if self.deliverer.settled() {
                return self.server.applied();
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("still delivering after 5 s");
    }
}

pub fn jid(s: &str) -> BareJid {
    BareJid::new(s).unwrap()
}

impl World {
    pub async fn account_invite(&self, req: MintRequest) -> MintedInvite {
        self.mint
            .mint_account_invite(&jid("admin@example.org"), req)
            .await
            .unwrap()
    }
    pub async fn contact_invite(&self, inviter: &str) -> MintedInvite {
        // Quota-exempt (as from the command line): property tests mint
        // many for one inviter; the quotas have tests of their own.
        self.mint
            .mint_operator_contact_invite(&jid(inviter))
            .await
            .unwrap()
    }
    pub fn uses(&self, m: &MintedInvite) -> u32 {
        self.store
            .find_by_token_hash(&m.token.hash())
            .unwrap()
            .unwrap()
            .uses
    }
    pub async fn send(&self, req: Request<Body>) -> Resp {
        let resp = self.app.clone().oneshot(req).await.unwrap();
        let (parts, body) = resp.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        Resp {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }
    pub async fn get(&self, uri: &str) -> Resp {
        self.send(get(uri)).await
    }
    /// GETs a form page and returns its CSRF token.
    pub async fn csrf(&self, uri: &str) -> String {
        let r = self.get(uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        r.csrf()
    }
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: impl header::AsHeaderName) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or("")
    }
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("a CSRF field") + marker.len();
        let len = self.body[start..].find('"').unwrap();
        self.body[start..start + len].to_owned()
    }
}

/// The rate limiter keys on the peer address, which the real server puts
/// in the request extensions; every request here needs one.
pub fn from_ip(mut req: Request<Body>, ip: [u8; 4]) -> Request<Body> {
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
    req
}

pub const IP: [u8; 4] = [192, 0, 2, 1];

pub fn get(uri: &str) -> Request<Body> {
    from_ip(Request::get(uri).body(Body::empty()).unwrap(), IP)
}

pub fn get_with(uri: &str, name: header::HeaderName, value: &str) -> Request<Body> {
    let mut req = get(uri);
    req.headers_mut().insert(name, value.parse().unwrap());
    req
}

pub fn post(uri: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    from_ip(req, IP)
}

pub fn with_header(mut req: Request<Body>, name: &'static str, value: &str) -> Request<Body> {
    req.headers_mut().insert(name, value.parse().unwrap());
    req
}

pub fn landing(m: &MintedInvite) -> String {
    format!("/invite/{}", m.token.expose())
}
pub fn register(m: &MintedInvite) -> String {
    format!("/invite/{}/register", m.token.expose())
}
pub fn existing(m: &MintedInvite) -> String {
    format!("/invite/{}/existing", m.token.expose())
}

pub fn reg_fields<'a>(csrf: &'a str, user: &'a str, pw: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("username", user),
        ("password", pw),
        ("confirm", pw),
    ]
}

/// The whole policy, written out: a looser one (any `script-src`, a wider
/// `default-src`, inline styles) is a change this test must be made to
/// accept on purpose.
pub const EXPECTED_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                                form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub fn assert_security_headers(r: &Resp, what: &str) {
    let csp = r.header(header::CONTENT_SECURITY_POLICY);
    assert_eq!(csp, EXPECTED_CSP, "{what}: CSP");
    // Said again in the terms that matter, so that a failure reads plainly:
    // nothing may run, and what is not named is refused.
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    assert!(
        directives.contains(&"default-src 'none'"),
        "{what}: CSP {csp:?}"
    );
    assert!(
        !directives.iter().any(|d| d.starts_with("script-src")),
        "{what}: CSP {csp:?}"
    );
    assert!(!csp.contains("unsafe-inline"), "{what}: CSP {csp:?}");
    assert_eq!(r.header(header::REFERRER_POLICY), "no-referrer", "{what}");
    assert_eq!(
        r.header(header::X_CONTENT_TYPE_OPTIONS),
        "nosniff",
        "{what}"
    );
    assert_eq!(r.header(header::X_FRAME_OPTIONS), "DENY", "{what}");
}

pub fn assert_no_store(r: &Resp, what: &str) {
    assert_eq!(r.header(header::CACHE_CONTROL), "no-store", "{what}");
}

/// The text between `<h1>` and `</h1>`.
pub fn h1(body: &str) -> &str {
    let start = body.find("<h1>").expect("an h1") + 4;
    let end = body[start..].find("</h1>").unwrap();
    &body[start..start + end]
}
