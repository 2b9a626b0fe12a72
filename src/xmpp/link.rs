//! The XEP-0114 link to the server, kept up whatever peers send.
//!
//! tokio-xmpp's ready-made `Component` ends its stream on the first stanza
//! xmpp-parsers rejects and on a read timeout, and never reconnects (see
//! shared notes, protocol.md). So this module drives tokio-xmpp's
//! lower-level XML stream itself:
//! - a stanza that fails to parse is logged and dropped; an unparseable
//!   iq get/set is answered `bad-request` so its sender is not left waiting;
//! - silence longer than the ping interval triggers a XEP-0199 ping to the
//!   server, and no answer within the response timeout counts as a dead link;
//! - a lost link is re-established with capped exponential backoff
//!   (1 s doubling to 60 s), and stanzas queued meanwhile are sent after the
//!   handshake;
//! - iq requests are matched to their replies by id and by sender, with a
//!   timeout; a request whose caller goes away leaves nothing behind;
//! - every stanza is checked before it is queued (see [`check_stanza`]):
//!   one that XML cannot carry is refused there, so the writer never fails
//!   on content and no caller can take the link down with a value.

use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::BufStream;
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot, watch};
use tokio_xmpp::connect::{DnsConfig, ServerConnector, TcpServerConnector};
use tokio_xmpp::xmlstream::{
    FallibleStreamElement, ReadError, StreamElementError, Timeouts, XmppStream, XmppStreamElement,
};
use xmpp_parsers::component::Handshake;
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::ping::Ping;
use xmpp_parsers::stanza::Stanza;
use xmpp_parsers::stanza_error::{DefinedCondition, ErrorType, StanzaError};
use xso::{AsXml, Item};

use super::xml_chars::first_non_xml_char;

const BACKOFF_START: Duration = Duration::from_secs(1);
const BACKOFF_MAX: Duration = Duration::from_secs(60);

/// How to reach the server.
#[derive(Clone)]
pub struct LinkConfig {
    pub jid: BareJid,
    pub server: SocketAddr,
    pub secret: String,
    /// The server's XMPP domain, which keepalive pings go to.
    pub server_domain: Jid,
    /// Silence after which we ping the server.
    pub ping_interval: Duration,
    /// How long a ping or any iq request may take before it counts as lost.
    pub request_timeout: Duration,
}

/// Why an iq request got no usable answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RequestError {
    /// The link is down. Requests fail at once rather than wait in the
    /// queue: a request delivered after its caller gave up (an account
    /// creation, say) would act behind the caller's back.
    #[error("the link to the server is down")]
    NotConnected,
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    #[error("the link shut down")]
    Shutdown,
    /// The request itself cannot go on the wire; it was never queued.
    #[error("the request was not sent: {0}")]
    Unsendable(#[from] UnsafeStanza),
}

/// Why a stanza was refused before it reached the queue. Says where the
/// problem is, never what the content was (it may be a password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnsafeStanza {
    /// A text node, attribute value or namespace holds a character outside
    /// XML 1.0 `Char`.
    #[error("{place} holds U+{code:04X}, which XML cannot carry")]
    Char { place: String, code: u32 },
    /// The stanza does not serialise at all (say, an element name that is
    /// not an XML name). The serialiser's error has no `Clone`, so its text
    /// is kept.
    #[error("it does not serialise: {0}")]
    Serialise(String),
    /// An iq request needs a `to`: its answer is only taken from there.
    #[error("an iq request needs a recipient")]
    NoRecipient,
}

/// Checks everything the writer will put on the wire for this stanza:
/// every text node, attribute value and namespace must consist of XML 1.0
/// `Char`s, and every element and attribute name must be an XML name (the
/// serialiser's name types enforce that; a minidom element with a bad name
/// makes the walk fail). A stanza that passes cannot make the writer fail
/// on content.
pub fn check_stanza(stanza: &Stanza) -> Result<(), UnsafeStanza> {
    let serialise = |e: xso::error::Error| UnsafeStanza::Serialise(e.to_string());
    let bad = |place: String, c: char| UnsafeStanza::Char {
        place,
        code: u32::from(c),
    };
    // Open elements, innermost last: only to say where a problem is.
    let mut open: Vec<String> = Vec::new();
    for item in stanza.as_xml_iter().map_err(serialise)? {
        match item.map_err(serialise)? {
            Item::XmlDeclaration(_) | Item::ElementHeadEnd => {}
            Item::ElementHeadStart(ns, name) => {
                if let Some(c) = first_non_xml_char(ns.as_str()) {
                    return Err(bad(format!("the namespace of <{}>", name.as_str()), c));
                }
                open.push(name.as_str().to_owned());
            }
            Item::Attribute(ns, name, value) => {
                let element = open.last().map(String::as_str).unwrap_or("?");
                if let Some(c) = first_non_xml_char(ns.as_str()) {
                    return Err(bad(
                        format!(
                            "the namespace of attribute '{}' of <{element}>",
                            name.as_str()
                        ),
                        c,
                    ));
                }
                if let Some(c) = first_non_xml_char(&value) {
                    return Err(bad(
                        format!("attribute '{}' of <{element}>", name.as_str()),
                        c,
                    ));
                }
            }
            Item::Text(text) => {
                if let Some(c) = first_non_xml_char(&text) {
                    let element = open.last().map(String::as_str).unwrap_or("?");
                    return Err(bad(format!("the text of <{element}>"), c));
                }
            }
            Item::ElementFoot => {
                open.pop();
            }
        }
    }
    Ok(())
}

/// What kind of stanza, for log lines that must not show its content.
fn kind(stanza: &Stanza) -> &'static str {
    match stanza {
        Stanza::Iq(_) => "iq",
        Stanza::Message(_) => "message",
        Stanza::Presence(_) => "presence",
    }
}

/// Receives what arrives on the link. Called on the link task: do not
/// block; spawn for anything slow.
pub trait StanzaHandler: Send + Sync + 'static {
    fn handle(&self, stanza: Stanza);
    /// The handshake succeeded (first time or after a reconnect).
    fn connected(&self) {}
}

/// A cheap, cloneable handle to send on the link.
#[derive(Clone)]
pub struct Link {
    inner: Arc<Inner>,
}

/// A queued stanza. One with a deadline is dropped, not sent, once the
/// deadline has passed (its sender has given up on it).
struct Outgoing {
    stanza: Stanza,
    deadline: Option<Instant>,
}

/// An iq request waiting for its answer.
struct Waiter {
    /// Where the request went: only an answer from there is taken.
    to: Jid,
    reply: oneshot::Sender<Iq>,
}

struct Inner {
    jid: BareJid,
    tx: mpsc::UnboundedSender<Outgoing>,
    pending: Mutex<HashMap<String, Waiter>>,
    next_id: AtomicU64,
    id_prefix: String,
    up: watch::Sender<bool>,
}

/// The receiving end of the outgoing queue; handed to [`run`].
pub struct Outbox(mpsc::UnboundedReceiver<Outgoing>);

impl Link {
    pub fn new(jid: BareJid) -> (Link, Outbox) {
        let (tx, rx) = mpsc::unbounded_channel();
        let mut prefix = [0u8; 6];
        // Ids only need to be unique per run; fall back to a fixed prefix if
        // the RNG is unavailable rather than refusing to start.
        let _ = getrandom::fill(&mut prefix);
        let id_prefix = prefix.iter().map(|b| format!("{b:02x}")).collect();
        let link = Link {
            inner: Arc::new(Inner {
                jid,
                tx,
                pending: Mutex::new(HashMap::new()),
                next_id: AtomicU64::new(1),
                id_prefix,
                up: watch::Sender::new(false),
            }),
        };
        (link, Outbox(rx))
    }

    /// The component's JID.
    pub fn jid(&self) -> &BareJid {
        &self.inner.jid
    }

    /// A fresh stanza id.
    pub fn next_id(&self) -> String {
        let n = self.inner.next_id.fetch_add(1, Ordering::Relaxed);
        format!("{}-{n}", self.inner.id_prefix)
    }

    /// Whether the handshake has succeeded and the link is up now.
    pub fn is_up(&self) -> bool {
        *self.inner.up.borrow()
    }

    /// Follows the link state (true while up).
    pub fn watch_up(&self) -> watch::Receiver<bool> {
        self.inner.up.subscribe()
    }

    /// Waits until the link is up.
    pub async fn wait_up(&self) {
        let mut rx = self.inner.up.subscribe();
        let _ = rx.wait_for(|up| *up).await;
    }

    /// Queues a stanza. It is sent now if the link is up, otherwise after
    /// the next handshake. A missing `from` is set to the component JID:
    /// ejabberd silently drops component stanzas without one.
    ///
    /// A stanza that XML cannot carry ([`check_stanza`]) is logged (what
    /// was wrong, not the content) and dropped here; it never reaches the
    /// writer, so it cannot take the link down.
    pub fn send(&self, stanza: impl Into<Stanza>) {
        self.send_or_log(stanza.into(), None);
    }

    /// Queues a stanza that is dropped unless sent before `deadline`.
    /// Checked like [`Link::send`].
    pub fn send_before(&self, stanza: impl Into<Stanza>, deadline: Instant) {
        self.send_or_log(stanza.into(), Some(deadline));
    }

    fn send_or_log(&self, stanza: Stanza, deadline: Option<Instant>) {
        let what = kind(&stanza);
        if let Err(e) = self.enqueue(stanza, deadline) {
            tracing::warn!(stanza = what, error = %e, "refused to send a stanza");
        }
    }

    fn enqueue(&self, mut stanza: Stanza, deadline: Option<Instant>) -> Result<(), UnsafeStanza> {
        let me = Jid::from(self.inner.jid.clone());
        match &mut stanza {
            Stanza::Iq(iq) => {
                iq.from_mut().get_or_insert(me);
            }
            Stanza::Message(m) => {
                m.from.get_or_insert(me);
            }
            Stanza::Presence(p) => {
                p.from.get_or_insert(me);
            }
        }
        check_stanza(&stanza)?;
        // The receiver lives as long as the process; a send error means we
        // are shutting down and the stanza has nowhere to go anyway.
        let _ = self.inner.tx.send(Outgoing { stanza, deadline });
        Ok(())
    }

    /// Sends an iq get/set and waits for the matching result or error: one
    /// with the request's id *from the entity it was sent to* (anyone else
    /// guessing the id is not taken for the answer). The id of `iq` is
    /// replaced with a fresh one.
    ///
    /// Fails at once, without queueing anything, when the link is down, the
    /// iq has no `to`, or XML cannot carry it ([`RequestError::Unsendable`]).
    /// Dropping the returned future (its caller went away) forgets the
    /// request.
    pub async fn request(&self, mut iq: Iq, timeout: Duration) -> Result<Iq, RequestError> {
        if !self.is_up() {
            return Err(RequestError::NotConnected);
        }
        let to = iq.to().cloned().ok_or(UnsafeStanza::NoRecipient)?;
        let id = self.next_id();
        *iq.id_mut() = id.clone();
        let (tx, rx) = oneshot::channel();
        self.pending().insert(id.clone(), Waiter { to, reply: tx });
        // From here on the entry goes away however this future ends:
        // answered, timed out, refused, or dropped half-way by its caller.
        let _forget = Forget {
            link: self,
            id: &id,
        };
        self.enqueue(iq.into(), Some(Instant::now() + timeout))?;
        match tokio::time::timeout(timeout, rx).await {
            Ok(Ok(reply)) => Ok(reply),
            Ok(Err(_)) => Err(RequestError::Shutdown),
            Err(_) => Err(RequestError::Timeout(timeout)),
        }
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<String, Waiter>> {
        self.inner.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How many requests wait for an answer.
    pub fn pending_requests(&self) -> usize {
        self.pending().len()
    }

    /// Routes an incoming iq result/error to its waiting request. Returns
    /// the iq back if nobody waits for it, or if it comes from someone other
    /// than the request's recipient (then the request keeps waiting).
    fn complete_request(&self, iq: Iq) -> Option<Iq> {
        let (id, from) = match &iq {
            Iq::Result { id, from, .. } | Iq::Error { id, from, .. } => (id, from.as_ref()),
            _ => return Some(iq),
        };
        let mut pending = self.pending();
        match pending.get(id) {
            Some(w) if from == Some(&w.to) => {}
            Some(w) => {
                tracing::debug!(
                    expected = %w.to,
                    from = from.map(|f| f.to_string()).as_deref().unwrap_or("-"),
                    "an iq answer with a pending id came from elsewhere; not taken as the answer"
                );
                return Some(iq);
            }
            None => return Some(iq),
        }
        if let Some(w) = pending.remove(id) {
            drop(pending);
            let _ = w.reply.send(iq);
        }
        None
    }
}

/// Removes a request's pending entry when the request ends, whichever way.
struct Forget<'a> {
    link: &'a Link,
    id: &'a str,
}

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        self.link.pending().remove(self.id);
    }
}

type Stream = XmppStream<BufStream<TcpStream>>;

/// Why a connection ended.
enum End {
    Shutdown,
    Lost(String),
}

/// Connects, handshakes and serves the link until `shutdown` turns true,
/// reconnecting whenever the link is lost.
pub async fn run(
    cfg: LinkConfig,
    link: Link,
    mut outbox: Outbox,
    handler: Arc<dyn StanzaHandler>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut backoff = BACKOFF_START;
    // A stanza taken off the queue whose write failed; sent first next time.
    let mut carry: Option<Outgoing> = None;
    loop {
        if *shutdown.borrow() {
            return;
        }
        let attempt = tokio::select! {
            r = connect(&cfg) => r,
            _ = shutdown.changed() => return,
        };
        match attempt {
            Ok(mut stream) => {
                tracing::info!(server = %cfg.server, jid = %cfg.jid, "component link up");
                backoff = BACKOFF_START;
                link.inner.up.send_replace(true);
                handler.connected();
                let end = serve(
                    &cfg,
                    &link,
                    &mut stream,
                    &mut outbox,
                    &mut carry,
                    &*handler,
                    &mut shutdown,
                )
                .await;
                link.inner.up.send_replace(false);
                match end {
                    End::Shutdown => {
                        // Best effort: a clean </stream:stream> lets the server
                        // drop the route at once instead of on timeout.
                        let _ =
                            tokio::time::timeout(Duration::from_secs(2), stream.shutdown()).await;
                        tracing::info!("component link closed");
                        return;
                    }
                    End::Lost(why) => tracing::warn!(%why, "component link lost; reconnecting"),
                }
            }
            Err(why) => {
                tracing::warn!(server = %cfg.server, %why, retry_in = ?backoff, "cannot establish the component link");
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(backoff) => {}
            _ = shutdown.changed() => return,
        }
        backoff = (backoff * 2).min(BACKOFF_MAX);
    }
}

async fn connect(cfg: &LinkConfig) -> Result<Stream, String> {
    let timeouts = Timeouts {
        read_timeout: cfg.ping_interval,
        response_timeout: cfg.request_timeout,
    };
    let connector = TcpServerConnector::from(DnsConfig::addr(&cfg.server.to_string()));
    let jid = Jid::from(cfg.jid.clone());
    let handshake = async {
        let (mut pending, _) = connector
            .connect(&jid, xmpp_parsers::ns::COMPONENT, timeouts)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let header = pending.take_header();
        let stream_id = header
            .id
            .ok_or("the server sent no stream id")?
            .into_owned();
        let mut stream: Stream = pending.skip_features();
        let nonza = Handshake::from_stream_id_and_password(stream_id, &cfg.secret);
        stream
            .send(&XmppStreamElement::ComponentHandshake(nonza))
            .await
            .map_err(|e| format!("sending the handshake: {e}"))?;
        loop {
            match stream.next().await {
                Some(Ok(FallibleStreamElement::Ok(XmppStreamElement::ComponentHandshake(_)))) => {
                    return Ok(stream);
                }
                Some(Ok(FallibleStreamElement::Ok(XmppStreamElement::StreamError(e)))) => {
                    return Err(format!(
                        "the server refused the handshake ({e}); check component.jid and the secret against the server's component configuration"
                    ));
                }
                Some(Ok(other)) => tracing::debug!(?other, "ignored before handshake"),
                Some(Err(ReadError::SoftTimeout)) => {}
                Some(Err(e)) => return Err(format!("during the handshake: {e}")),
                None => return Err("the server closed the connection during the handshake".into()),
            }
        }
    };
    // The whole handshake is bounded: a server that accepts TCP but never
    // answers must not stall reconnection forever.
    tokio::time::timeout(cfg.request_timeout * 2, handshake)
        .await
        .map_err(|_| "handshake timed out".to_owned())?
}

async fn serve(
    cfg: &LinkConfig,
    link: &Link,
    stream: &mut Stream,
    outbox: &mut Outbox,
    carry: &mut Option<Outgoing>,
    handler: &dyn StanzaHandler,
    shutdown: &mut watch::Receiver<bool>,
) -> End {
    if let Some(out) = carry.take() {
        if let Err((unsent, e)) = write(stream, out).await {
            *carry = unsent;
            return End::Lost(format!("write: {e}"));
        }
    }
    loop {
        tokio::select! {
            biased;
            _ = shutdown.changed() => return End::Shutdown,
            item = stream.next() => match item {
                None => return End::Lost("the server closed the connection".into()),
                Some(Ok(FallibleStreamElement::Ok(XmppStreamElement::Stanza(stanza)))) => {
                    dispatch(link, handler, stanza);
                }
                Some(Ok(FallibleStreamElement::Ok(XmppStreamElement::StreamError(e)))) => {
                    return End::Lost(format!("stream error from the server: {e}"));
                }
                Some(Ok(FallibleStreamElement::Ok(other))) => {
                    tracing::debug!(?other, "ignored a stream-level element");
                }
                Some(Ok(FallibleStreamElement::Err(err))) => reject(link, err),
                Some(Err(ReadError::SoftTimeout)) => {
                    // Idle: ask the server something, so that a dead TCP
                    // connection shows up as a hard read timeout. The ping
                    // goes through the queue like any request; its answer
                    // is all the read loop needs.
                    let ping = Iq::from_get(String::new(), Ping).with_to(cfg.server_domain.clone());
                    let (link, timeout) = (link.clone(), cfg.request_timeout);
                    tokio::spawn(async move {
                        let started = std::time::Instant::now();
                        match link.request(ping, timeout).await {
                            Ok(_) => tracing::debug!(rtt = ?started.elapsed(), "keepalive ping answered"),
                            Err(e) => tracing::debug!(error = %e, "keepalive ping unanswered"),
                        }
                    });
                }
                Some(Err(ReadError::ParseError(e))) => {
                    tracing::warn!(error = %e, "dropped an element that failed to parse");
                }
                Some(Err(ReadError::HardError(e))) => return End::Lost(format!("read: {e}")),
                Some(Err(ReadError::StreamFooterReceived)) => {
                    return End::Lost("the server closed the stream".into());
                }
            },
            Some(out) = outbox.0.recv() => {
                if let Err((unsent, e)) = write(stream, out).await {
                    *carry = unsent;
                    return End::Lost(format!("write: {e}"));
                }
            }
        }
    }
}

/// Writes one stanza; on failure hands it back so it can be resent after
/// reconnecting (xmpp-parsers' `Stanza` is not `Clone`).
///
/// Only I/O can fail here: every queued stanza passed [`check_stanza`], so
/// the serialiser accepts it. Should it still refuse one (a gap in that
/// check), the stanza is dropped rather than resent, so that one stanza
/// cannot make the link reconnect forever.
async fn write(
    stream: &mut Stream,
    out: Outgoing,
) -> Result<(), (Option<Outgoing>, std::io::Error)> {
    if out.deadline.is_some_and(|d| d <= Instant::now()) {
        tracing::debug!("dropped a queued stanza whose sender gave up");
        return Ok(());
    }
    let deadline = out.deadline;
    let element = XmppStreamElement::Stanza(out.stanza);
    match stream.send(&element).await {
        Ok(()) => Ok(()),
        // tokio-xmpp reports a serialiser refusal as InvalidInput.
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => Err((None, e)),
        Err(e) => match element {
            XmppStreamElement::Stanza(stanza) => Err((Some(Outgoing { stanza, deadline }), e)),
            _ => Err((None, e)),
        },
    }
}

fn dispatch(link: &Link, handler: &dyn StanzaHandler, stanza: Stanza) {
    match stanza {
        Stanza::Iq(iq) => {
            if let Some(iq) = link.complete_request(iq) {
                handler.handle(Stanza::Iq(iq));
            }
        }
        other => handler.handle(other),
    }
}

/// A stanza xmpp-parsers rejected. RFC 6120 §8.3: an iq get/set must get an
/// answer; anything else is dropped. Never an error reply to an error.
fn reject(link: &Link, err: StreamElementError) {
    match err {
        StreamElementError::InvalidStanza {
            name,
            header,
            error,
            ..
        } => {
            tracing::warn!(
                stanza = %name,
                from = header.from.as_deref().unwrap_or("-"),
                %error,
                "dropped a malformed stanza"
            );
            let is_request = matches!(header.type_.as_deref(), Some("get" | "set"));
            // tokio-xmpp does not export the stanza-name enum; its Display is the name.
            let is_iq = name.to_string() == "iq";
            if let (true, true, Some(id), Some(from)) = (is_iq, is_request, header.id, header.from)
            {
                let Ok(to) = from.parse::<Jid>() else { return };
                let from_me = header
                    .to
                    .and_then(|t| t.parse::<Jid>().ok())
                    .unwrap_or_else(|| Jid::from(link.jid().clone()));
                let reply = Iq::from_error(
                    id,
                    StanzaError::new(
                        ErrorType::Modify,
                        DefinedCondition::BadRequest,
                        "en",
                        format!("malformed request: {error}"),
                    ),
                )
                .with_to(to)
                .with_from(from_me);
                link.send(reply);
            }
        }
        StreamElementError::InvalidNonza { qname, error } => {
            tracing::warn!(element = %qname.1, %error, "dropped a malformed stream element");
        }
    }
}
