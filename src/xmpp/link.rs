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
//!   on content and no caller can take the link down with a value;
//! - what the server forwards is read through a [`StreamGuard`], which cuts
//!   over-long attribute values and names and leaves out elements nested
//!   too deep, so no stanza from any user can end the stream (rxml's token
//!   limit) or overflow the stack.

use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::BufStream;
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot, watch};
use tokio_xmpp::xmlstream::{
    FallibleStreamElement, ReadError, StreamElementError, StreamHeader, Timeouts, XmlStream,
    XmppStreamElement, initiate_stream,
};
use xmpp_parsers::component::Handshake;
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::ping::Ping;
use xmpp_parsers::stanza::Stanza;
use xso::exports::rxml;
use xso::{AsXml, Item};
use xso::{FromEventsBuilder, FromXml};

use super::stream_guard::StreamGuard;
use super::xep_0050::CommandResult;
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
    check_items(stanza.as_xml_iter().map_err(serialise)?)
}

fn serialise(e: xso::error::Error) -> UnsafeStanza {
    UnsafeStanza::Serialise(e.to_string())
}

/// [`check_stanza`] over a serialiser's items.
fn check_items<'x>(
    items: impl Iterator<Item = Result<Item<'x>, xso::error::Error>>,
) -> Result<(), UnsafeStanza> {
    let bad = |place: String, c: char| UnsafeStanza::Char {
        place,
        code: u32::from(c),
    };
    // Open elements, innermost last: only to say where a problem is. The
    // names are kept as the walk lends them (no copy per element: this
    // runs for every stanza sent).
    let mut open = Vec::new();
    for item in items {
        match item.map_err(serialise)? {
            Item::XmlDeclaration(_) | Item::ElementHeadEnd => {}
            Item::ElementHeadStart(ns, name) => {
                if let Some(c) = first_non_xml_char(ns.as_str()) {
                    return Err(bad(format!("the namespace of <{}>", name.as_str()), c));
                }
                open.push(name);
            }
            Item::Attribute(ns, name, value) => {
                let element = open.last().map_or("?", |n| n.as_str());
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
                    let element = open.last().map_or("?", |n| n.as_str());
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

/// What goes on the link: a stanza, or a command's result written
/// straight from its types (see [`CommandResult`]).
pub enum Outbound {
    Stanza(Stanza),
    CommandResult(CommandResult),
}

impl Outbound {
    /// What kind of stanza, for log lines that must not show its content.
    fn kind(&self) -> &'static str {
        match self {
            Outbound::Stanza(Stanza::Iq(_)) | Outbound::CommandResult(_) => "iq",
            Outbound::Stanza(Stanza::Message(_)) => "message",
            Outbound::Stanza(Stanza::Presence(_)) => "presence",
        }
    }

    /// [`check_stanza`] for whatever this is.
    fn check(&self) -> Result<(), UnsafeStanza> {
        match self {
            Outbound::Stanza(s) => check_stanza(s),
            Outbound::CommandResult(r) => check_items(r.as_xml_iter().map_err(serialise)?),
        }
    }
}

impl<T: Into<Stanza>> From<T> for Outbound {
    fn from(stanza: T) -> Outbound {
        Outbound::Stanza(stanza.into())
    }
}

impl From<CommandResult> for Outbound {
    fn from(result: CommandResult) -> Outbound {
        Outbound::CommandResult(result)
    }
}

/// Receives what arrives on the link. Called on the link task: do not
/// block; spawn for anything slow.
pub trait StanzaHandler: Send + Sync + 'static {
    /// `lang` is the stanza's own `xml:lang` (Prosody writes the sender's
    /// stream language on every stanza it routes).
    fn handle(&self, stanza: Stanza, lang: Option<String>);
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
    stanza: Outbound,
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

/// The receiving end of the link's queue of outgoing stanzas; handed to
/// [`run`]. (Not the store's outbox of effects, which `delivery` drains.)
pub struct SendQueue(mpsc::UnboundedReceiver<Outgoing>);

impl Link {
    pub fn new(jid: BareJid) -> (Link, SendQueue) {
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
        (link, SendQueue(rx))
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
    pub fn send(&self, stanza: impl Into<Outbound>) {
        self.send_or_log(stanza.into(), None);
    }

    /// Queues a stanza that is dropped unless sent before `deadline`.
    /// Checked like [`Link::send`].
    pub fn send_before(&self, stanza: impl Into<Outbound>, deadline: Instant) {
        self.send_or_log(stanza.into(), Some(deadline));
    }

    fn send_or_log(&self, stanza: Outbound, deadline: Option<Instant>) {
        let what = stanza.kind();
        if let Err(e) = self.enqueue(stanza, deadline) {
            tracing::warn!(stanza = what, error = %e, "refused to send a stanza");
        }
    }

    fn enqueue(&self, mut stanza: Outbound, deadline: Option<Instant>) -> Result<(), UnsafeStanza> {
        if let Outbound::Stanza(stanza) = &mut stanza {
            let me = Jid::from(self.inner.jid.clone());
            match stanza {
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
        }
        stanza.check()?;
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

/// The parser reads through [`StreamGuard`], so that no attribute value
/// or name a peer sends can hit rxml's fixed token limit.
type Stream = XmlStream<BufStream<StreamGuard<TcpStream>>, Tagged>;

/// A stream element and the `xml:lang` of its top element. xmpp-parsers'
/// `Iq` keeps no `xml:lang`, yet it is the language the requester reads
/// (XEP-0050 recommends the iq for it), so it is taken off the attributes
/// before tokio-xmpp's own parser sees them.
#[derive(Debug)]
struct Tagged {
    lang: Option<String>,
    element: FallibleStreamElement,
}

struct TaggedBuilder {
    lang: Option<String>,
    inner: <FallibleStreamElement as FromXml>::Builder,
}

impl FromXml for Tagged {
    type Builder = TaggedBuilder;

    fn from_events(
        qname: rxml::QName,
        attrs: rxml::AttrMap,
        ctx: &xso::Context<'_>,
    ) -> Result<TaggedBuilder, xso::error::FromEventsError> {
        let lang = attrs.get(rxml::Namespace::xml(), "lang").cloned();
        Ok(TaggedBuilder {
            lang,
            inner: FallibleStreamElement::from_events(qname, attrs, ctx)?,
        })
    }
}

impl FromEventsBuilder for TaggedBuilder {
    type Output = Tagged;

    fn feed(
        &mut self,
        ev: rxml::Event,
        ctx: &xso::Context<'_>,
    ) -> Result<Option<Tagged>, xso::error::Error> {
        Ok(self.inner.feed(ev, ctx)?.map(|element| Tagged {
            lang: self.lang.take(),
            element,
        }))
    }
}

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
    mut queue: SendQueue,
    handler: Arc<dyn StanzaHandler>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut backoff = BACKOFF_START;
    // Stanzas taken off the queue whose write failed; sent first next time.
    let mut carry: Vec<Outgoing> = Vec::new();
    let mut first_up = true;
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
                if !std::mem::take(&mut first_up) {
                    crate::ops::metrics::link_reconnected();
                }
                backoff = BACKOFF_START;
                link.inner.up.send_replace(true);
                handler.connected();
                let end = serve(
                    &cfg,
                    &link,
                    &mut stream,
                    &mut queue,
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
        backoff = next_backoff(backoff);
    }
}

/// The wait before the next connection attempt: doubling, capped.
fn next_backoff(current: Duration) -> Duration {
    (current * 2).min(BACKOFF_MAX)
}

/// Connects and handshakes once, then closes cleanly: for `doctor`, which
/// must tell a refused connection, a wrong secret and an unknown component
/// apart before anything else. The error is the same text the service logs.
pub async fn try_handshake(cfg: &LinkConfig) -> Result<(), String> {
    let mut stream = connect(cfg).await?;
    let _ = tokio::time::timeout(Duration::from_secs(2), stream.shutdown()).await;
    Ok(())
}

async fn connect(cfg: &LinkConfig) -> Result<Stream, String> {
    let timeouts = Timeouts {
        read_timeout: cfg.ping_interval,
        response_timeout: cfg.request_timeout,
    };
    let handshake = async {
        // What tokio-xmpp's TcpServerConnector does, with the reader
        // wrapped.
        let tcp = TcpStream::connect(cfg.server)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        // Stanzas are requests and answers, each written at once: with
        // Nagle's algorithm a stanza written while the previous one is
        // unacknowledged waits for that ACK, which the server delays up to
        // 40 ms (seen as 40 ms per roster write of a redemption).
        tcp.set_nodelay(true)
            .map_err(|e| format!("connect: TCP_NODELAY: {e}"))?;
        let mut pending = initiate_stream(
            BufStream::new(StreamGuard::new(tcp)),
            xmpp_parsers::ns::COMPONENT,
            StreamHeader {
                to: Some(cfg.jid.domain().as_str().into()),
                from: None,
                id: None,
            },
            timeouts,
        )
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
                Some(Ok(Tagged {
                    element: FallibleStreamElement::Ok(XmppStreamElement::ComponentHandshake(_)),
                    ..
                })) => {
                    return Ok(stream);
                }
                Some(Ok(Tagged {
                    element: FallibleStreamElement::Ok(XmppStreamElement::StreamError(e)),
                    ..
                })) => {
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
    queue: &mut SendQueue,
    carry: &mut Vec<Outgoing>,
    handler: &dyn StanzaHandler,
    shutdown: &mut watch::Receiver<bool>,
) -> End {
    if !carry.is_empty() {
        if let Err((unsent, e)) = write(stream, std::mem::take(carry)).await {
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
                Some(Ok(Tagged { lang, element })) => match element {
                    FallibleStreamElement::Ok(XmppStreamElement::Stanza(stanza)) => {
                        dispatch(link, handler, stanza, lang);
                    }
                    FallibleStreamElement::Ok(XmppStreamElement::StreamError(e)) => {
                        return End::Lost(format!("stream error from the server: {e}"));
                    }
                    FallibleStreamElement::Ok(other) => {
                        tracing::debug!(?other, "ignored a stream-level element");
                    }
                    FallibleStreamElement::Err(err) => reject(link, err),
                },
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
            Some(out) = queue.0.recv() => {
                // Whatever else is queued goes out in the same write: the
                // replies one group commit settles reach the server in one
                // segment, not one system call each (scripts/bench P1).
                let mut batch = vec![out];
                while batch.len() < WRITE_BATCH {
                    match queue.0.try_recv() {
                        Ok(next) => batch.push(next),
                        Err(_) => break,
                    }
                }
                if let Err((unsent, e)) = write(stream, batch).await {
                    *carry = unsent;
                    return End::Lost(format!("write: {e}"));
                }
            }
        }
    }
}

/// Most stanzas taken off the queue for one write.
const WRITE_BATCH: usize = 64;

/// Writes these stanzas and flushes once; on failure hands back those
/// not known to be written, so they can be resent after reconnecting
/// (xmpp-parsers' `Stanza` is not `Clone`, hence the hand-back). A batch
/// whose flush failed is handed back whole: none of it is known to have
/// left.
///
/// Only I/O can fail here: every queued stanza passed [`check_stanza`], so
/// the serialiser accepts it. Should it still refuse one (a gap in that
/// check), that stanza is dropped rather than resent, so that one stanza
/// cannot make the link reconnect forever.
async fn write(
    stream: &mut Stream,
    batch: Vec<Outgoing>,
) -> Result<(), (Vec<Outgoing>, std::io::Error)> {
    let now = Instant::now();
    let mut fed: Vec<Outgoing> = Vec::with_capacity(batch.len());
    let mut rest = batch.into_iter();
    while let Some(out) = rest.next() {
        if out.deadline.is_some_and(|d| d <= now) {
            tracing::debug!("dropped a queued stanza whose sender gave up");
            continue;
        }
        let (result, out) = match out.stanza {
            Outbound::Stanza(stanza) => {
                let element = XmppStreamElement::Stanza(stanza);
                let result = stream.feed(&element).await;
                // Taken back (built as a stanza just above): kept for a resend.
                let XmppStreamElement::Stanza(stanza) = element else {
                    continue;
                };
                let stanza = Outbound::Stanza(stanza);
                (result, Outgoing { stanza, ..out })
            }
            Outbound::CommandResult(r) => {
                let result = stream.feed(&r).await;
                let stanza = Outbound::CommandResult(r);
                (result, Outgoing { stanza, ..out })
            }
        };
        match result {
            Ok(()) => fed.push(out),
            // tokio-xmpp reports a serialiser refusal as InvalidInput.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
                fed.extend(rest);
                return Err((fed, e));
            }
            Err(e) => {
                fed.push(out);
                fed.extend(rest);
                return Err((fed, e));
            }
        }
    }
    match SinkExt::<&XmppStreamElement>::flush(stream).await {
        Ok(()) => Ok(()),
        Err(e) => Err((fed, e)),
    }
}

fn dispatch(link: &Link, handler: &dyn StanzaHandler, stanza: Stanza, lang: Option<String>) {
    match stanza {
        Stanza::Iq(iq) => {
            if let Some(iq) = link.complete_request(iq) {
                handler.handle(Stanza::Iq(iq), lang);
            }
        }
        other => handler.handle(other, lang),
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
                    super::errors::bad_request(
                        &crate::i18n::Tr::default(),
                        &format!("malformed request: {error}"),
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

#[cfg(test)]
mod tests {
    //! The link against an in-process fake server on a loopback listener
    //! that speaks the XEP-0114 handshake (it accepts any secret).
    use super::*;
    use minidom::Element;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;
    use xmpp_parsers::message::{Lang, Message};
    use xmpp_parsers::roster::{Ask, Item as RosterItem, Roster, Subscription};

    const WAIT: Duration = Duration::from_secs(10);

    /// Records what the link hands over.
    #[derive(Default)]
    struct Recorder {
        stanzas: Mutex<Vec<Stanza>>,
        langs: Mutex<Vec<Option<String>>>,
        connects: AtomicU64,
    }

    impl StanzaHandler for Arc<Recorder> {
        fn handle(&self, stanza: Stanza, lang: Option<String>) {
            self.stanzas.lock().unwrap().push(stanza);
            self.langs.lock().unwrap().push(lang);
        }
        fn connected(&self) {
            self.connects.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// One accepted component connection, past the handshake.
    struct Conn {
        tcp: TcpStream,
        /// Everything the component sent after its handshake.
        body: String,
    }

    impl Conn {
        async fn accept(listener: &TcpListener) -> Conn {
            let (mut tcp, _) = tokio::time::timeout(WAIT, listener.accept())
                .await
                .expect("the component connects")
                .unwrap();
            let mut seen = String::new();
            // The component's stream header: its first start tag after the
            // XML declaration.
            read_until(&mut tcp, &mut seen, |s| {
                s.find("stream").is_some_and(|i| s[i..].contains('>'))
            })
            .await;
            tcp.write_all(b"<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' from='invites.example.org' id='fake-1'>").await.unwrap();
            read_until(&mut tcp, &mut seen, |s| s.contains("</handshake>")).await;
            tcp.write_all(b"<handshake/>").await.unwrap();
            let after = seen.find("</handshake>").unwrap() + "</handshake>".len();
            Conn {
                tcp,
                body: seen[after..].to_owned(),
            }
        }

        /// The stanzas received so far, once they parse and `done` holds.
        async fn wait_for(
            &mut self,
            what: &str,
            done: impl Fn(&[Element]) -> bool,
        ) -> Vec<Element> {
            let deadline = tokio::time::Instant::now() + WAIT;
            loop {
                if let Some(els) = self.parsed().filter(|els| done(els)) {
                    return els;
                }
                let mut buf = [0u8; 4096];
                match tokio::time::timeout_at(deadline, self.tcp.read(&mut buf)).await {
                    Ok(Ok(0)) => panic!("the component closed the connection waiting for {what}"),
                    Ok(Ok(n)) => self.body.push_str(std::str::from_utf8(&buf[..n]).unwrap()),
                    Ok(Err(e)) => panic!("read: {e}"),
                    Err(_) => panic!("timed out waiting for {what}; got {:?}", self.body),
                }
            }
        }

        fn parsed(&self) -> Option<Vec<Element>> {
            let doc = format!(
                "<r xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'>{}</r>",
                self.body
            );
            let root: Element = doc.parse().ok()?;
            Some(root.children().cloned().collect())
        }

        async fn send(&mut self, xml: &str) {
            self.tcp.write_all(xml.as_bytes()).await.unwrap();
        }
    }

    async fn read_until(tcp: &mut TcpStream, seen: &mut String, done: impl Fn(&str) -> bool) {
        let mut buf = [0u8; 4096];
        while !done(seen) {
            let n = tokio::time::timeout(WAIT, tcp.read(&mut buf))
                .await
                .expect("the component goes on with the handshake")
                .unwrap();
            assert!(n > 0, "closed during the handshake: {seen:?}");
            seen.push_str(std::str::from_utf8(&buf[..n]).unwrap());
        }
    }

    struct Fixture {
        link: Link,
        listener: TcpListener,
        recorder: Arc<Recorder>,
        stop: watch::Sender<bool>,
        task: tokio::task::JoinHandle<()>,
    }

    impl Fixture {
        async fn start(ping_interval: Duration) -> Fixture {
            Fixture::start_with(ping_interval, Duration::from_secs(5)).await
        }

        async fn start_with(ping_interval: Duration, request_timeout: Duration) -> Fixture {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let cfg = LinkConfig {
                jid: BareJid::new("invites.example.org").unwrap(),
                server: listener.local_addr().unwrap(),
                secret: "s".into(),
                server_domain: Jid::new("example.org").unwrap(),
                ping_interval,
                request_timeout,
            };
            let (link, queue) = Link::new(cfg.jid.clone());
            let recorder = Arc::new(Recorder::default());
            let (stop, stopped) = watch::channel(false);
            let task = tokio::spawn(run(
                cfg,
                link.clone(),
                queue,
                Arc::new(recorder.clone()),
                stopped,
            ));
            Fixture {
                link,
                listener,
                recorder,
                stop,
                task,
            }
        }

        async fn up(&self) -> Conn {
            let conn = Conn::accept(&self.listener).await;
            tokio::time::timeout(WAIT, self.link.wait_up())
                .await
                .expect("the link comes up");
            conn
        }

        async fn stop(self) {
            self.stop.send_replace(true);
            tokio::time::timeout(WAIT, self.task)
                .await
                .expect("the link task ends on shutdown")
                .unwrap();
        }
    }

    fn jid(s: &str) -> Jid {
        Jid::new(s).unwrap()
    }

    fn chat(body: &str) -> Message {
        Message::chat(jid("alice@example.org")).with_body(Lang::from(""), body.to_owned())
    }

    fn roster_set(to: &str, name: &str) -> Iq {
        Iq::from_set(
            String::new(),
            Roster {
                ver: None,
                items: vec![RosterItem {
                    jid: BareJid::new("bob@example.org").unwrap(),
                    name: Some(name.to_owned()),
                    subscription: Subscription::Both,
                    ask: Ask::None,
                    groups: Vec::new(),
                    approved: None,
                }],
            },
        )
        .with_to(jid(to))
    }

    fn bodies(els: &[Element]) -> Vec<String> {
        els.iter()
            .filter(|e| e.name() == "message")
            .filter_map(|m| m.children().find(|c| c.name() == "body").map(|b| b.text()))
            .collect()
    }

    async fn poll(what: &str, cond: impl Fn() -> bool) {
        let deadline = std::time::Instant::now() + WAIT;
        while !cond() {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    #[test]
    fn check_stanza_finds_every_place_a_bad_char_can_hide() {
        let ok: Stanza = chat("fine \u{FFFD}\u{200B}\u{202E} text").into();
        assert_eq!(check_stanza(&ok), Ok(()));
        let text: Stanza = chat("pass\u{0}word").into();
        assert!(matches!(
            check_stanza(&text),
            Err(UnsafeStanza::Char { code: 0, ref place }) if place == "the text of <body>"
        ));
        let attr: Stanza = roster_set("alice@example.org", "Bob\u{1B}").into();
        assert!(matches!(
            check_stanza(&attr),
            Err(UnsafeStanza::Char { code: 0x1B, ref place }) if place == "attribute 'name' of <item>"
        ));
        // Raw minidom payloads: text, attribute value, namespace.
        let payload = |el: Element| -> Stanza {
            Iq::Set {
                from: None,
                to: Some(jid("example.org")),
                id: "x".into(),
                payload: el,
            }
            .into()
        };
        for (el, code) in [
            (
                Element::builder("q", "urn:x").append("\u{FFFE}").build(),
                0xFFFE,
            ),
            (
                Element::builder("q", "urn:x")
                    .attr("a".try_into().unwrap(), "\u{B}")
                    .build(),
                0xB,
            ),
            (Element::builder("q", "urn:x\u{1}").build(), 0x1),
            (
                Element::builder("q", "urn:x")
                    .append(Element::builder("deep", "urn:y").append("\u{FFFF}").build())
                    .build(),
                0xFFFF,
            ),
        ] {
            match check_stanza(&payload(el)) {
                Err(UnsafeStanza::Char { code: c, .. }) => assert_eq!(c, code),
                other => panic!("U+{code:04X}: {other:?}"),
            }
        }
        // A name that is no XML name does not serialise.
        let bad_name = payload(Element::builder("no good", "urn:x").build());
        assert!(matches!(
            check_stanza(&bad_name),
            Err(UnsafeStanza::Serialise(_))
        ));
        // The error says where, never what.
        let e = check_stanza(&text).unwrap_err().to_string();
        assert!(!e.contains("pass"), "{e}");
    }

    #[tokio::test]
    async fn stanzas_xml_cannot_carry_are_refused_and_the_link_stays_up() {
        let f = Fixture::start(Duration::from_secs(60)).await;
        let mut conn = f.up().await;
        // A message with U+0000 in a text node: dropped, never written.
        f.link.send(chat("pass\u{0}word"));
        f.link
            .send_before(chat("esc\u{1B}ape"), Instant::now() + WAIT);
        // A request with U+001B in an attribute: refused at once.
        let r = f
            .link
            .request(roster_set("alice@example.org", "Bob\u{1B}"), WAIT)
            .await;
        assert!(
            matches!(
                r,
                Err(RequestError::Unsendable(UnsafeStanza::Char {
                    code: 0x1B,
                    ..
                }))
            ),
            "{r:?}"
        );
        assert_eq!(f.link.pending_requests(), 0);
        // The next good stanza goes out on the same connection.
        f.link.send(chat("after"));
        let els = conn
            .wait_for("the good message", |els| {
                bodies(els).contains(&"after".into())
            })
            .await;
        assert_eq!(bodies(&els), ["after"]);
        assert!(els.iter().all(|e| e.name() != "iq"));
        assert!(f.link.is_up());
        assert_eq!(f.recorder.connects.load(Ordering::SeqCst), 1);
        f.stop().await;
    }

    /// A command's result goes out from its types, checked like any
    /// stanza: one with a character XML cannot carry is refused, a good
    /// one arrives as an iq result on the same connection.
    #[tokio::test]
    async fn command_results_are_checked_and_written_from_their_types() {
        use crate::xmpp::xep_0050::{Command, CommandResult, NS, Note, NoteType, Status};
        let f = Fixture::start(Duration::from_secs(60)).await;
        let mut conn = f.up().await;
        let result = |text: &str| {
            let mut c = Command::response("urn:xmpp:invite#invite", "s1", Status::Completed);
            c.notes.push(Note::new(NoteType::Info, text));
            CommandResult::new(
                "invites.example.org".parse().unwrap(),
                "alice@example.org/phone".parse().unwrap(),
                "r1".into(),
                c,
            )
        };
        f.link.send(result("bad\u{1}note"));
        f.link.send(result("good note"));
        let els = conn
            .wait_for("the good result", |els| {
                els.iter().any(|e| e.name() == "iq")
            })
            .await;
        let iqs: Vec<_> = els.iter().filter(|e| e.name() == "iq").collect();
        assert_eq!(iqs.len(), 1);
        assert_eq!(iqs[0].attr("type"), Some("result"));
        assert_eq!(iqs[0].attr("id"), Some("r1"));
        assert_eq!(iqs[0].attr("to"), Some("alice@example.org/phone"));
        let note = iqs[0]
            .get_child("command", NS)
            .and_then(|c| c.get_child("note", NS))
            .map(|n| n.text());
        assert_eq!(note.as_deref(), Some("good note"));
        assert!(f.link.is_up());
        assert_eq!(f.recorder.connects.load(Ordering::SeqCst), 1);
        f.stop().await;
    }

    #[tokio::test]
    async fn answers_are_taken_only_from_the_recipient() {
        let f = Fixture::start(Duration::from_secs(60)).await;
        let mut conn = f.up().await;
        let link = f.link.clone();
        let request = tokio::spawn(async move {
            link.request(roster_set("alice@example.org", "Bob"), WAIT)
                .await
        });
        let els = conn
            .wait_for("the roster set", |els| els.iter().any(|e| e.name() == "iq"))
            .await;
        let id = els[0].attr("id").unwrap().to_owned();
        assert_eq!(els[0].attr("to"), Some("alice@example.org"));
        // Someone else with the right id, then no sender at all.
        conn.send(&format!(
            "<iq type='result' id='{id}' from='eve@example.org' to='invites.example.org'/>"
        ))
        .await;
        conn.send(&format!("<iq type='error' id='{id}' to='invites.example.org'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>")).await;
        poll("the forged answers to reach the handler", || {
            f.recorder.stanzas.lock().unwrap().len() == 2
        })
        .await;
        assert!(!request.is_finished());
        assert_eq!(f.link.pending_requests(), 1);
        // The real answer.
        conn.send(&format!(
            "<iq type='result' id='{id}' from='alice@example.org' to='invites.example.org'/>"
        ))
        .await;
        let reply = tokio::time::timeout(WAIT, request).await.unwrap().unwrap();
        assert!(matches!(reply, Ok(Iq::Result { .. })), "{reply:?}");
        assert_eq!(f.link.pending_requests(), 0);
        f.stop().await;
    }

    #[tokio::test]
    async fn a_dropped_request_leaves_nothing_pending() {
        let f = Fixture::start(Duration::from_secs(60)).await;
        let _conn = f.up().await;
        // Cancelled by an outer timeout, as an HTTP handler is when its
        // client goes away.
        let r = tokio::time::timeout(
            Duration::from_millis(50),
            f.link.request(roster_set("alice@example.org", "Bob"), WAIT),
        )
        .await;
        assert!(r.is_err());
        assert_eq!(f.link.pending_requests(), 0);
        // Aborted while waiting.
        let link = f.link.clone();
        let task = tokio::spawn(async move {
            link.request(roster_set("alice@example.org", "Bob"), WAIT)
                .await
        });
        poll("the request to be pending", || {
            f.link.pending_requests() == 1
        })
        .await;
        task.abort();
        poll("the pending entry to go", || f.link.pending_requests() == 0).await;
        // Requests that cannot start leave nothing either.
        let mut no_to = roster_set("alice@example.org", "Bob");
        *no_to.to_mut() = None;
        assert_eq!(
            f.link.request(no_to, WAIT).await,
            Err(RequestError::Unsendable(UnsafeStanza::NoRecipient))
        );
        assert_eq!(f.link.pending_requests(), 0);
        f.stop().await;
    }

    #[tokio::test]
    async fn an_idle_link_pings_the_server() {
        let f = Fixture::start(Duration::from_millis(200)).await;
        let mut conn = f.up().await;
        let els = conn
            .wait_for("a keepalive ping", |els| {
                els.iter()
                    .any(|e| e.name() == "iq" && e.has_child("ping", "urn:xmpp:ping"))
            })
            .await;
        let ping = els.iter().find(|e| e.name() == "iq").unwrap();
        assert_eq!(ping.attr("to"), Some("example.org"));
        assert_eq!(ping.attr("type"), Some("get"));
        let id = ping.attr("id").unwrap().to_owned();
        conn.send(&format!(
            "<iq type='result' id='{id}' from='example.org' to='invites.example.org'/>"
        ))
        .await;
        poll("the ping to be answered", || f.link.pending_requests() == 0).await;
        assert!(f.link.is_up());
        f.stop().await;
    }

    /// A server that keeps the TCP connection open but stops answering
    /// (a hung process, a dropped route): the unanswered ping marks the
    /// link dead and the component connects again.
    #[tokio::test]
    async fn a_server_that_stops_answering_pings_is_left_and_reconnected() {
        let f = Fixture::start_with(Duration::from_millis(200), Duration::from_millis(300)).await;
        let mut silent = f.up().await;
        silent
            .wait_for("a keepalive ping", |els| {
                els.iter()
                    .any(|e| e.name() == "iq" && e.has_child("ping", "urn:xmpp:ping"))
            })
            .await;
        // Never answered; `silent` stays open, so only the ping can tell.
        poll("the link to count as lost", || !f.link.is_up()).await;
        let _conn = f.up().await;
        assert_eq!(f.recorder.connects.load(Ordering::SeqCst), 2);
        drop(silent);
        f.stop().await;
    }

    #[tokio::test]
    async fn queued_stanzas_past_their_deadline_are_not_sent_and_requests_fail_while_down() {
        let f = Fixture::start(Duration::from_secs(60)).await;
        // Down: requests fail at once, stanzas wait in the queue.
        assert_eq!(
            f.link
                .request(roster_set("alice@example.org", "Bob"), WAIT)
                .await,
            Err(RequestError::NotConnected)
        );
        f.link.send_before(chat("too late"), Instant::now());
        f.link.send_before(chat("in time"), Instant::now() + WAIT);
        f.link.send(chat("no deadline"));
        let mut conn = f.up().await;
        let els = conn
            .wait_for("the queued messages", |els| bodies(els).len() == 2)
            .await;
        assert_eq!(bodies(&els), ["in time", "no deadline"]);
        f.stop().await;
    }

    #[tokio::test]
    async fn a_lost_link_is_re_established_and_the_queue_goes_out_after() {
        let f = Fixture::start(Duration::from_secs(60)).await;
        let conn = f.up().await;
        drop(conn);
        poll("the link to notice", || !f.link.is_up()).await;
        f.link.send(chat("while down"));
        let mut conn = f.up().await;
        conn.wait_for("the queued message", |els| bodies(els) == ["while down"])
            .await;
        assert_eq!(f.recorder.connects.load(Ordering::SeqCst), 2);
        f.stop().await;
    }

    #[tokio::test]
    async fn each_stanzas_own_xml_lang_reaches_the_handler() {
        let f = Fixture::start(Duration::from_secs(60)).await;
        let mut conn = f.up().await;
        conn.send("<iq type='get' id='a' xml:lang='de' from='bob@example.org/a' to='invites.example.org'><ping xmlns='urn:xmpp:ping'/></iq>").await;
        conn.send("<iq type='get' id='b' from='bob@example.org/a' to='invites.example.org'><ping xmlns='urn:xmpp:ping'/></iq>").await;
        conn.send("<message xml:lang='fr' from='bob@example.org/a' to='invites.example.org'><body>x</body></message>").await;
        poll("the three stanzas at the handler", || {
            f.recorder.stanzas.lock().unwrap().len() == 3
        })
        .await;
        assert_eq!(
            *f.recorder.langs.lock().unwrap(),
            [Some("de".to_owned()), None, Some("fr".to_owned())]
        );
        f.stop().await;
    }

    #[tokio::test]
    async fn over_long_attributes_from_the_server_do_not_end_the_stream() {
        let f = Fixture::start(Duration::from_secs(60)).await;
        let mut conn = f.up().await;
        // Beyond rxml's 8 KiB token limit, which would end the stream.
        let long = "v".repeat(20_000);
        conn.send(&format!("<iq type='get' id='{long}' from='bob@example.org/a' to='invites.example.org'><query xmlns='http://jabber.org/protocol/disco#info' node='{long}'/></iq>")).await;
        conn.send("<message from='bob@example.org/a' to='invites.example.org'><body>after</body></message>").await;
        poll("both stanzas at the handler", || {
            f.recorder.stanzas.lock().unwrap().len() == 2
        })
        .await;
        {
            let stanzas = f.recorder.stanzas.lock().unwrap();
            let Stanza::Iq(iq) = &stanzas[0] else {
                panic!("{:?}", stanzas[0])
            };
            assert_eq!(iq.id().len(), super::super::stream_guard::CAP);
            assert!(matches!(stanzas[1], Stanza::Message(_)));
        }
        assert!(f.link.is_up());
        assert_eq!(f.recorder.connects.load(Ordering::SeqCst), 1);
        f.stop().await;
    }

    /// The bug this guard is for: a registration whose password XML cannot
    /// carry went into the XEP-0133 form, the writer failed, and the link
    /// dropped and reconnected until the request timed out.
    #[tokio::test]
    async fn an_add_user_form_with_a_control_character_is_refused_and_the_link_stays() {
        use crate::domain::ServerOps;
        let f = Fixture::start(Duration::from_secs(60)).await;
        let mut conn = f.up().await;
        let ops = crate::xmpp::server_ops::ProsodyOps::new(
            f.link.clone(),
            BareJid::new("example.org").unwrap(),
            WAIT,
        );
        let add = tokio::spawn(async move {
            ops.create_account(Default::default(), "juliet", "pass\u{0}word")
                .await
        });
        // Stage 1 goes out (no password in it) and is answered with the form.
        let els = conn
            .wait_for("add-user stage 1", |els| {
                els.iter().any(|e| e.name() == "iq")
            })
            .await;
        let id = els[0].attr("id").unwrap().to_owned();
        assert_eq!(els[0].attr("to"), Some("example.org"));
        conn.send(&format!("<iq type='result' id='{id}' from='example.org' to='invites.example.org'><command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#add-user' sessionid='s1' status='executing'><x xmlns='jabber:x:data' type='form'/></command></iq>")).await;
        // Stage 2 carries the password: refused before the queue, at once.
        let e = tokio::time::timeout(WAIT, add)
            .await
            .expect("refused at once, not after a timeout")
            .unwrap()
            .unwrap_err();
        let text = e.to_string();
        assert!(text.contains("U+0000"), "{text}");
        assert!(!text.contains("pass"), "{text}");
        // The link is up, on the same connection, and the next stanza goes.
        f.link.send(chat("after"));
        let els = conn
            .wait_for("the next stanza", |els| bodies(els) == ["after"])
            .await;
        assert_eq!(els.iter().filter(|e| e.name() == "iq").count(), 1);
        assert!(f.link.is_up());
        assert_eq!(f.recorder.connects.load(Ordering::SeqCst), 1);
        f.stop().await;
    }

    #[test]
    fn backoff_doubles_up_to_a_minute() {
        let mut d = BACKOFF_START;
        let mut seen = vec![d.as_secs()];
        for _ in 0..8 {
            d = next_backoff(d);
            seen.push(d.as_secs());
        }
        assert_eq!(seen, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
