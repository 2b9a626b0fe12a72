//! The web layer's defences on the open internet: who the client is (its
//! network, behind a proxy the hop the proxy added), rate limits that fall
//! on what an attacker needs rather than on invitees, the deadline for
//! reading a request body, and the headers every response carries.
//!
//! What is limited, and why:
//! - every request, per client network: a generous ceiling, so that one
//!   network cannot monopolise the server (a school or a carrier-grade NAT
//!   is one network for many people);
//! - failures on the token routes, per network and across all clients:
//!   unknown or dead tokens, failed confirmation links, refused posts (CSRF,
//!   cross-site, unreadable forms). A network that used up its allowance is
//!   refused every token route until it refills, valid tokens included, so
//!   a blocked guesser cannot tell a hit from a miss. While the overall
//!   allowance is used up, one failure blocks the failing network as long as
//!   its own allowance takes to refill: a botnet cannot scan quickly either,
//!   yet visitors with valid links (who do not fail) are still served;
//! - posts per invite (keyed by the token's hash): one leaked link cannot
//!   be hammered, e.g. to send confirmation messages to many local users.
//!
//! Views and posts of a valid invite by its holder count only against the
//! ceiling. Accounting is governor's (GCRA, keyed); the only state kept
//! here is when a blocked network may come back.

use super::errors::WebError;
use super::{BODY_LIMIT, Shared, WebState};
use axum::body::Body;
use axum::extract::{ConnectInfo, RawPathParams, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

pub(super) const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                              form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// How often the limiters forget networks they no longer need to remember.
const PRUNE_EVERY: Duration = Duration::from_secs(30);

/// A sustained rate and a burst: `burst` at once, then one more every
/// `60 / per_minute` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

impl Rate {
    fn quota(self) -> Quota {
        let nz = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Quota::per_minute(nz(self.per_minute)).allow_burst(nz(self.burst))
    }

    /// How long an exhausted allowance takes to refill completely.
    fn refill(self) -> Duration {
        Duration::from_millis(
            60_000 * u64::from(self.burst.max(1)) / u64::from(self.per_minute.max(1)),
        )
    }
}

/// Where the client's address comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAddress {
    /// The TCP peer: no proxy in front.
    Peer,
    /// The rightmost `X-Forwarded-For` entry: the one our proxy appended.
    /// Entries to its left are whatever the client sent.
    XForwardedFor,
    /// The `for=` of the last `Forwarded` element (RFC 7239), likewise.
    Forwarded,
}

/// The web layer's rate limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Every request, per client network.
    pub requests: Rate,
    /// Failures on the token routes, per client network.
    pub failures: Rate,
    /// Failures on the token routes, all clients together.
    pub global_failures: Rate,
    /// Posts to one invite's forms, all clients together.
    pub posts_per_invite: Rate,
    pub client_address: ClientAddress,
}

/// What a client is limited as: an IPv4 address, or an IPv6 /64 (the
/// smallest network a site is given; one host can use all of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Network {
    V4([u8; 4]),
    V6([u8; 8]),
}

impl Network {
    pub fn of(ip: IpAddr) -> Network {
        match ip {
            IpAddr::V4(a) => Network::V4(a.octets()),
            IpAddr::V6(a) => match a.to_ipv4_mapped() {
                Some(v4) => Network::V4(v4.octets()),
                None => {
                    let o = a.octets();
                    let mut prefix = [0; 8];
                    prefix.copy_from_slice(&o[..8]);
                    Network::V6(prefix)
                }
            },
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Network::V4(o) => write!(f, "{}", std::net::Ipv4Addr::from(*o)),
            Network::V6(p) => {
                let mut o = [0; 16];
                o[..8].copy_from_slice(p);
                write!(f, "{}/64", std::net::Ipv6Addr::from(o))
            }
        }
    }
}

/// The client's address: the peer's, or the hop our proxy added. A missing
/// or unreadable proxy header leaves the peer (the proxy itself), so such
/// requests share one allowance rather than escape it.
pub fn client_ip(
    source: ClientAddress,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
) -> Option<IpAddr> {
    let forwarded = match source {
        ClientAddress::Peer => None,
        ClientAddress::XForwardedFor => last_x_forwarded_for(headers),
        ClientAddress::Forwarded => last_forwarded_for(headers),
    };
    forwarded.or(peer)
}

/// The last entry of the last `X-Forwarded-For` line.
fn last_x_forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let line = headers.get_all("x-forwarded-for").iter().next_back()?;
    let entry = line.to_str().ok()?.rsplit(',').next()?;
    parse_node(entry)
}

/// `for=` of the last element of the last `Forwarded` line.
fn last_forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let line = headers.get_all(header::FORWARDED).iter().next_back()?;
    let element = line.to_str().ok()?.rsplit(',').next()?;
    element.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_node(v))
            .flatten()
    })
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:80`, `2001:db8::1`,
/// `[2001:db8::1]:80`, optionally quoted. `unknown` and obfuscated
/// identifiers are not addresses.
fn parse_node(s: &str) -> Option<IpAddr> {
    let s = s.trim().trim_matches('"');
    s.parse::<IpAddr>()
        .ok()
        .or_else(|| s.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| {
            s.strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .and_then(|(ip, _)| ip.parse().ok())
        })
}

/// The limiters, shared by every request.
pub struct Guard {
    limit: RateLimit,
    requests: DefaultKeyedRateLimiter<Network>,
    /// Tells how much allowance is left, to block a network as soon as it
    /// has none rather than one lookup later.
    failures: RateLimiter<
        Network,
        DefaultKeyedStateStore<Network>,
        DefaultClock,
        StateInformationMiddleware,
    >,
    global: DefaultDirectRateLimiter,
    posts: DefaultKeyedRateLimiter<[u8; 32]>,
    /// Networks refused the token routes, and until when.
    blocked: Mutex<HashMap<Network, Instant>>,
}

impl Guard {
    pub fn new(limit: RateLimit) -> Guard {
        Guard {
            limit,
            requests: RateLimiter::keyed(limit.requests.quota()),
            failures: RateLimiter::keyed(limit.failures.quota())
                .with_middleware::<StateInformationMiddleware>(),
            global: RateLimiter::direct(limit.global_failures.quota()),
            posts: RateLimiter::keyed(limit.posts_per_invite.quota()),
            blocked: Mutex::new(HashMap::new()),
        }
    }

    /// The guard, and a task that prunes it while it is in use.
    pub fn spawn(limit: RateLimit) -> Arc<Guard> {
        let guard = Arc::new(Guard::new(limit));
        let weak: Weak<Guard> = Arc::downgrade(&guard);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(PRUNE_EVERY);
            loop {
                tick.tick().await;
                match weak.upgrade() {
                    Some(g) => g.prune(),
                    None => return,
                }
            }
        });
        guard
    }

    fn prune(&self) {
        self.requests.retain_recent();
        self.failures.retain_recent();
        self.posts.retain_recent();
        let now = Instant::now();
        self.blocked_map().retain(|_, until| *until > now);
    }

    fn blocked_map(&self) -> std::sync::MutexGuard<'_, HashMap<Network, Instant>> {
        // The map is only ever left consistent; a panic elsewhere while it
        // was held does not make it wrong.
        self.blocked.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn network(&self, headers: &HeaderMap, peer: Option<IpAddr>) -> Option<Network> {
        client_ip(self.limit.client_address, headers, peer).map(Network::of)
    }

    /// The ceiling on all requests: `Err(wait)` when over it.
    pub fn admit(&self, net: Network) -> Result<(), Duration> {
        self.requests
            .check_key(&net)
            .map_err(|nu| nu.wait_time_from(self.requests.clock().now()))
    }

    /// How long `net` is still refused the token routes, if it is.
    pub fn blocked(&self, net: Network) -> Option<Duration> {
        let until = *self.blocked_map().get(&net)?;
        until.checked_duration_since(Instant::now())
    }

    fn block(&self, net: Network, wait: Duration) {
        let until = Instant::now() + wait;
        let mut map = self.blocked_map();
        let e = map.entry(net).or_insert(until);
        *e = (*e).max(until);
    }

    /// One post to the invite whose token hashes to `hash`.
    pub fn post_to_invite(&self, hash: [u8; 32]) -> Result<(), Duration> {
        self.posts
            .check_key(&hash)
            .map_err(|nu| nu.wait_time_from(self.posts.clock().now()))
    }

    /// Counts a failure of `net`: `Err(wait)` when that was one too many.
    /// A network whose allowance is used up is refused the token routes
    /// until it may fail again.
    pub fn failed(&self, net: Network) -> Result<(), Duration> {
        match self.failures.check_key(&net) {
            Ok(left) if left.remaining_burst_capacity() == 0 => {
                // That was the last one allowed: no more lookups until the
                // next failure would be allowed (within one interval).
                self.block(net, left.quota().replenish_interval());
            }
            Ok(_) => {}
            Err(nu) => {
                let wait = nu.wait_time_from(self.failures.clock().now());
                self.block(net, wait);
                return Err(wait);
            }
        }
        if self.global.check().is_err() {
            let wait = self.limit.failures.refill();
            tracing::warn!(network = %net, "failure budget of all clients used up: network blocked");
            self.block(net, wait);
            return Err(wait);
        }
        Ok(())
    }
}

/// What the middleware needs: the pages and the limiters.
#[derive(Clone)]
pub(super) struct Ctx {
    pub web: Shared,
    pub guard: Arc<Guard>,
}

fn peer(req: &Request) -> Option<IpAddr> {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip())
}

/// The network a request is counted against. Without a peer address (only
/// when the router is driven without a socket) everything shares one.
fn network_of(guard: &Guard, req: &Request) -> Network {
    guard
        .network(req.headers(), peer(req))
        .unwrap_or(Network::V4([0; 4]))
}

impl WebState {
    /// The refusal page: 429 with `Retry-After` in whole seconds.
    pub(super) fn too_many(
        &self,
        tr: &crate::i18n::Tr,
        wait: Duration,
        limit: &'static str,
    ) -> Response {
        crate::ops::metrics::rate_limited(limit);
        let mut resp = self.refuse(tr, WebError::RateLimited);
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
        resp
    }
}

/// The ceiling on every request of a network.
pub(super) async fn ceiling(State(ctx): State<Ctx>, req: Request, next: Next) -> Response {
    let net = network_of(&ctx.guard, &req);
    if let Err(wait) = ctx.guard.admit(net) {
        tracing::debug!(network = %net, "request ceiling reached");
        let tr = ctx.web.tr_of(req.extensions());
        return ctx.web.too_many(&tr, wait, "requests");
    }
    next.run(req).await
}

/// Whether an answer on a token route counts as a failure: the client
/// could not use what it sent (unknown, dead, forged, unreadable). Form
/// field errors (422) are the holder of a valid invite typing; server
/// trouble (5xx) is not the client's.
fn is_failure(status: StatusCode) -> bool {
    status.is_client_error()
        && status != StatusCode::UNPROCESSABLE_ENTITY
        && status != StatusCode::TOO_MANY_REQUESTS
}

/// The token routes: refuse blocked networks, cap posts per invite, and
/// count failures.
pub(super) async fn token_guard(
    State(ctx): State<Ctx>,
    params: RawPathParams,
    req: Request,
    next: Next,
) -> Response {
    let guard = &ctx.guard;
    let net = network_of(guard, &req);
    let tr = ctx.web.tr_of(req.extensions());
    if let Some(wait) = guard.blocked(net) {
        return ctx.web.too_many(&tr, wait, "failures");
    }
    if req.method() == Method::POST {
        let token = params.iter().find(|(k, _)| *k == "token").map(|(_, v)| v);
        // A malformed token names no invite; it fails below like any other.
        if let Some(Ok(token)) = token.map(crate::domain::token::Token::parse) {
            if let Err(wait) = guard.post_to_invite(token.hash().0) {
                tracing::info!("posts to one invite capped");
                return ctx.web.too_many(&tr, wait, "posts_per_invite");
            }
        }
    }
    let resp = next.run(req).await;
    if is_failure(resp.status()) {
        if let Err(wait) = guard.failed(net) {
            tracing::info!(network = %net, "too many failed requests: network blocked");
            let mut refused = ctx.web.too_many(&tr, wait, "failures");
            // A connection that had to be closed (body unread) still must.
            if let Some(close) = resp.headers().get(header::CONNECTION) {
                refused
                    .headers_mut()
                    .insert(header::CONNECTION, close.clone());
            }
            return refused;
        }
    }
    resp
}

/// Reads the whole body (the forms are small) within `body_timeout`, so a
/// client trickling its body cannot hold the connection: 408 after the
/// deadline, 413 over the size limit, both closing the connection, whose
/// unread rest is unusable.
pub(super) async fn read_body(State(ctx): State<Ctx>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let read = tokio::time::timeout(
        ctx.web.body_timeout,
        Limited::new(body, BODY_LIMIT).collect(),
    )
    .await;
    let refusal = match read {
        Ok(Ok(collected)) => {
            let req = Request::from_parts(parts, Body::from(collected.to_bytes()));
            return next.run(req).await;
        }
        Ok(Err(e)) if e.is::<LengthLimitError>() => WebError::BodyTooLarge,
        Ok(Err(e)) => WebError::BodyUnreadable(e),
        Err(_) => WebError::BodyTimeout,
    };
    let mut resp = ctx.web.refuse(&ctx.web.tr_of(&parts.extensions), refusal);
    resp.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    resp
}

/// Strict headers on every response. Pages may carry a token (in their
/// links and QR code), so they are never stored by caches or browsers.
pub(super) async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_is_keyed_by_its_64() {
        assert_eq!(
            Network::of(ip("2001:db8:1:2::1")),
            Network::of(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        );
        assert_ne!(
            Network::of(ip("2001:db8:1:2::1")),
            Network::of(ip("2001:db8:1:3::1"))
        );
        assert_eq!(
            Network::of(ip("::ffff:192.0.2.7")),
            Network::of(ip("192.0.2.7"))
        );
        assert_ne!(Network::of(ip("192.0.2.7")), Network::of(ip("192.0.2.8")));
        assert_eq!(
            Network::of(ip("2001:db8:1:2::1")).to_string(),
            "2001:db8:1:2::/64"
        );
    }

    #[test]
    fn only_the_hop_the_proxy_added_is_trusted() {
        let peer = Some(ip("127.0.0.1"));
        let h = headers(&[
            ("x-forwarded-for", "203.0.113.66, 10.1.1.1"),
            ("x-forwarded-for", "198.51.100.4"),
        ]);
        assert_eq!(
            client_ip(ClientAddress::XForwardedFor, &h, peer),
            Some(ip("198.51.100.4"))
        );
        assert_eq!(client_ip(ClientAddress::Peer, &h, peer), peer);
        // The other header is not read: the proxy does not set it, so the
        // client could.
        assert_eq!(client_ip(ClientAddress::Forwarded, &h, peer), peer);

        let h = headers(&[(
            "forwarded",
            "for=203.0.113.66;proto=https, For=\"[2001:db8::5]:4711\";by=10.0.0.1",
        )]);
        assert_eq!(
            client_ip(ClientAddress::Forwarded, &h, peer),
            Some(ip("2001:db8::5"))
        );
        for junk in ["unknown", "_hidden", "", "300.1.1.1", "for="] {
            let h = headers(&[("x-forwarded-for", junk), ("forwarded", junk)]);
            assert_eq!(client_ip(ClientAddress::XForwardedFor, &h, peer), peer);
            assert_eq!(client_ip(ClientAddress::Forwarded, &h, peer), peer);
        }
        let h = headers(&[("x-forwarded-for", "192.0.2.1:5555")]);
        assert_eq!(
            client_ip(ClientAddress::XForwardedFor, &h, peer),
            Some(ip("192.0.2.1"))
        );
    }

    #[test]
    fn refill_time_of_an_allowance() {
        let r = Rate {
            per_minute: 10,
            burst: 20,
        };
        assert_eq!(r.refill(), Duration::from_secs(120));
    }
}
