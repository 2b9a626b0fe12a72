//! Keeps what the XML parser and the element tree cannot take from ever
//! reaching them: over-long attribute values and names, and elements nested
//! absurdly deep.
//!
//! tokio-xmpp parses the stream with rxml's default options, which end the
//! stream with "restricted xml: long name or reference" on any attribute
//! value or name longer than 8 KiB, and offer no way to raise the limit.
//! And the element trees built from a stanza (parsing, cloning, dropping,
//! serialising) recurse once per level: a stanza nested 30 000 deep
//! overflows the stack and aborts the process. Servers forward both from
//! any user (Prosody takes c2s stanzas up to 256 KiB), so either would take
//! the component down (both found by the hostile-stanza test).
//!
//! This reader sits under the parser. It cuts every attribute value and
//! name to [`CAP`] bytes and leaves out every element deeper than
//! [`MAX_DEPTH`] (with all it contains); the stanza still arrives, with the
//! cut value or without the deep part (nothing legitimate in what we handle
//! comes near either limit), and gets the answer that deserves.
//!
//! It follows the byte stream with the few states needed to tell tags,
//! names and attribute values from text. It never cuts inside a character
//! or an entity reference, leaves out only whole elements, and
//! resynchronises on `<`, so even a stream it misreads stays well-formed.
//! Text is passed untouched (rxml splits long text itself).
//!
//! What it does not cover: comments and CDATA sections. The servers
//! re-serialise every stanza they route (Prosody, ejabberd), so neither
//! reaches a component; rxml refuses comments anyway, and a CDATA section
//! longer than 8 KiB would still end the stream.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Longest attribute value or name let through, in bytes. Half rxml's
/// limit, which counts decoded bytes (never more than the raw ones).
pub const CAP: usize = 4096;

/// Deepest element let through: the stream element is at depth 1, stanzas
/// at 2. XMPP payloads seldom go past 10.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Character data between tags.
    Text,
    /// Right after `<`, which is held back until we know what it opens.
    Open,
    /// `<?…>` or `<!…>`: passed through to the next `>`.
    Special,
    /// An element or attribute name.
    Name,
    /// Inside a tag, between names and values.
    Tag,
    /// An attribute value delimited by this quote.
    Value(u8),
}

/// The filter's state, fed the stream chunk by chunk.
#[derive(Debug)]
pub struct Cutter {
    state: State,
    /// Bytes of the current name or value so far.
    len: usize,
    /// Inside `&…;` of an attribute value.
    entity: bool,
    /// Dropping the rest of the current name or value.
    dropping: bool,
    /// Bytes dropped from the current token, for the log.
    dropped: usize,
    /// Depth of the element whose tag is being read or whose content
    /// follows.
    depth: usize,
    /// The tag being read is an end tag.
    end_tag: bool,
    /// The last byte of the tag being read was `/`.
    slash: bool,
    /// The depth of the too-deep element being left out, if any.
    skip: Option<usize>,
    /// Bytes left out with it, for the log.
    skipped: usize,
}

impl Default for Cutter {
    fn default() -> Self {
        Cutter {
            state: State::Text,
            len: 0,
            entity: false,
            dropping: false,
            dropped: 0,
            depth: 0,
            end_tag: false,
            slash: false,
            skip: None,
            skipped: 0,
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl Cutter {
    /// Filters `data`, appending what goes on to the parser to `out`.
    pub fn feed(&mut self, data: &[u8], out: &mut Vec<u8>) {
        for &b in data {
            self.push(b, out);
        }
    }

    fn emit(&mut self, b: u8, out: &mut Vec<u8>) {
        if self.skip.is_some() {
            self.skipped += 1;
        } else {
            out.push(b);
        }
    }

    fn start_token(&mut self, state: State) {
        self.state = state;
        self.len = 0;
        self.entity = false;
        self.dropping = false;
        self.dropped = 0;
    }

    fn end_token(&mut self) {
        if self.dropped > 0 {
            tracing::warn!(
                cut_bytes = self.dropped,
                kept_bytes = CAP,
                "cut an over-long attribute value or name in a stanza from the server"
            );
        }
        self.dropped = 0;
        self.dropping = false;
    }

    /// A tag ended with `>`.
    fn close_tag(&mut self) {
        self.state = State::Text;
        if self.end_tag || self.slash {
            // `</x>` or `<x/>`: the element at this depth is done.
            let closing = self.depth;
            self.depth = self.depth.saturating_sub(1);
            if self.skip == Some(closing) {
                self.skip = None;
                tracing::warn!(
                    left_out_bytes = self.skipped,
                    max_depth = MAX_DEPTH,
                    "left out elements nested too deep in a stanza from the server"
                );
                self.skipped = 0;
            }
        }
        self.end_tag = false;
        self.slash = false;
    }

    /// The byte that ended a name.
    fn after_name(&mut self, b: u8) {
        self.end_token();
        match b {
            b'>' => self.close_tag(),
            b'/' => {
                self.state = State::Tag;
                self.slash = true;
            }
            _ => {
                self.state = State::Tag;
                self.slash = false;
            }
        }
    }

    fn push(&mut self, b: u8, out: &mut Vec<u8>) {
        match self.state {
            State::Text => {
                if b == b'<' {
                    self.state = State::Open;
                } else {
                    self.emit(b, out);
                }
            }
            State::Open => match b {
                b'?' | b'!' => {
                    self.emit(b'<', out);
                    self.emit(b, out);
                    self.state = State::Special;
                }
                b'/' => {
                    self.end_tag = true;
                    self.slash = false;
                    self.emit(b'<', out);
                    self.emit(b, out);
                    self.start_token(State::Name);
                }
                // Not well-formed: let the first through, hold this one.
                b'<' => self.emit(b'<', out),
                _ => {
                    self.end_tag = false;
                    self.slash = false;
                    self.depth += 1;
                    if self.skip.is_none() && self.depth > MAX_DEPTH {
                        self.skip = Some(self.depth);
                    }
                    self.emit(b'<', out);
                    self.start_token(State::Name);
                    self.len = 1;
                    self.emit(b, out);
                }
            },
            State::Special => {
                self.emit(b, out);
                if b == b'>' {
                    self.state = State::Text;
                }
            }
            State::Name => {
                if b == b'<' {
                    // `<` cannot occur in a tag: we misread the stream;
                    // start over from there.
                    self.end_token();
                    self.state = State::Open;
                } else if is_space(b) || matches!(b, b'/' | b'>' | b'=') {
                    self.emit(b, out);
                    self.after_name(b);
                } else if self.count(b) {
                    self.emit(b, out);
                }
            }
            State::Tag => match b {
                b'>' => {
                    self.emit(b, out);
                    self.close_tag();
                }
                b'<' => self.state = State::Open,
                b'\'' | b'"' => {
                    self.emit(b, out);
                    self.slash = false;
                    self.start_token(State::Value(b));
                }
                b'/' => {
                    self.emit(b, out);
                    self.slash = true;
                }
                _ if is_space(b) || b == b'=' => {
                    self.emit(b, out);
                    self.slash = false;
                }
                _ => {
                    self.slash = false;
                    self.start_token(State::Name);
                    self.len = 1;
                    self.emit(b, out);
                }
            },
            State::Value(quote) => {
                if b == quote {
                    self.end_token();
                    self.emit(b, out);
                    self.state = State::Tag;
                } else if b == b'<' {
                    self.end_token();
                    self.state = State::Open;
                } else {
                    // A cut may start at `&` but not inside `&…;`.
                    let keep = self.count(b);
                    match b {
                        b'&' => self.entity = true,
                        b';' => self.entity = false,
                        _ => {}
                    }
                    if keep {
                        self.emit(b, out);
                    }
                }
            }
        }
    }

    /// Counts a byte of the current token; starts dropping once the token
    /// is at the cap and `b` begins a new character outside any entity.
    fn count(&mut self, b: u8) -> bool {
        let starts_char = b & 0xC0 != 0x80;
        if !self.dropping && self.len >= CAP && starts_char && !self.entity {
            self.dropping = true;
        }
        if self.dropping {
            self.dropped += 1;
            false
        } else {
            self.len += 1;
            true
        }
    }
}

/// An I/O stream whose reads pass through a [`Cutter`]; writes are
/// untouched.
pub struct StreamGuard<T> {
    inner: T,
    cutter: Cutter,
    /// Filtered bytes not yet handed to the reader.
    out: Vec<u8>,
    pos: usize,
    scratch: Box<[u8]>,
}

impl<T> StreamGuard<T> {
    pub fn new(inner: T) -> Self {
        StreamGuard {
            inner,
            cutter: Cutter::default(),
            out: Vec::new(),
            pos: 0,
            scratch: vec![0; 8192].into_boxed_slice(),
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for StreamGuard<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        loop {
            if this.pos < this.out.len() {
                let n = buf.remaining().min(this.out.len() - this.pos);
                buf.put_slice(&this.out[this.pos..this.pos + n]);
                this.pos += n;
                if this.pos == this.out.len() {
                    this.out.clear();
                    this.pos = 0;
                }
                return Poll::Ready(Ok(()));
            }
            let mut read = ReadBuf::new(&mut this.scratch);
            ready!(Pin::new(&mut this.inner).poll_read(cx, &mut read))?;
            if read.filled().is_empty() {
                return Poll::Ready(Ok(()));
            }
            // Everything may be left out: then read on rather than report
            // an end of stream (an empty read means EOF).
            this.cutter.feed(read.filled(), &mut this.out);
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for StreamGuard<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, data)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minidom::Element;

    /// Runs `xml` through a cutter in chunks of `chunk` bytes.
    fn cut(xml: &str, chunk: usize) -> String {
        let mut c = Cutter::default();
        let mut out = Vec::new();
        for part in xml.as_bytes().chunks(chunk) {
            c.feed(part, &mut out);
        }
        String::from_utf8(out).expect("never cuts inside a character")
    }

    fn parse(xml: &str) -> Element {
        xml.parse().expect("still well-formed")
    }

    #[test]
    fn ordinary_stanzas_pass_unchanged() {
        let xml = "<?xml version='1.0'?><r xmlns='jabber:component:accept'><iq type='get' id='a&apos;b' from='bob@example.org/x' to=\"invites.example.org\"><query xmlns='http://jabber.org/protocol/disco#info' node='n&amp;m'/></iq><message><body>a &lt; b &gt; c ' \" / = \u{202E}\u{1F600}</body></message><a/><b></b></r>";
        for chunk in [1, 3, 7, 4096] {
            assert_eq!(cut(xml, chunk), xml);
        }
    }

    #[test]
    fn long_values_and_names_are_cut_and_stay_well_formed() {
        let long = "v".repeat(20_000);
        let emoji = "\u{1F600}".repeat(5_000); // 20 000 bytes, 4 per char
        let entities = "&amp;".repeat(4_000);
        let name = "n".repeat(9_000);
        let xml = format!(
            "<r xmlns='urn:x'><iq id='{long}' a=\"{emoji}\" b='{entities}'/><{name} c='d'>text {long}</{name}><ok x='y'/></r>"
        );
        for chunk in [1, 5, 1000, 65536] {
            let out = cut(&xml, chunk);
            let root = parse(&out);
            let iq = root.children().next().unwrap();
            assert_eq!(iq.attr("id").unwrap().len(), CAP);
            let a = iq.attr("a").unwrap();
            assert!(a.len() <= CAP && a.len() > CAP - 4 && a.chars().all(|c| c == '\u{1F600}'));
            let b = iq.attr("b").unwrap();
            assert!(b.chars().all(|c| c == '&') && b.len() >= CAP / 5);
            let el = root.children().nth(1).unwrap();
            assert_eq!(el.name().len(), CAP);
            assert_eq!(el.attr("c"), Some("d"));
            // Text is not touched.
            assert_eq!(el.text().len(), "text ".len() + long.len());
            assert!(root.children().nth(2).unwrap().is("ok", "urn:x"));
        }
    }

    #[test]
    fn a_misread_value_resynchronises_on_the_next_tag() {
        // A stray quote in text is not a value, and an unterminated value
        // ends at the next `<`.
        let xml = format!("<r xmlns='urn:x'><a b='{}<c/></r>", "x".repeat(10));
        assert_eq!(cut(&xml, 3), xml);
    }

    fn depth(el: &Element) -> usize {
        1 + el.children().map(depth).max().unwrap_or(0)
    }

    #[test]
    fn elements_nested_too_deep_are_left_out_whole() {
        // Inside a stream: the stream element is depth 1, the iq depth 2.
        let deep = |n: usize, close: &str| {
            format!(
                "<a xmlns='urn:deep'>{}x{}",
                "<a b='c'>".repeat(n),
                close.repeat(n + 1)
            )
        };
        let xml = format!(
            "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'>\
             <iq type='set' id='1'>{}</iq><iq type='set' id='2'><q xmlns='urn:x'>{}<b/><b/>after</q></iq>\
             <message id='3'><body>ok</body></message></stream:stream>",
            deep(30_000, "</a>"),
            format!("<a xmlns='urn:deep'>{}</a>", "<a/>".repeat(3)) + &deep(200, "</a >"),
        );
        for chunk in [1, 7, 8192] {
            let out = cut(&xml, chunk);
            let root = parse(&out);
            let stanzas: Vec<&Element> = root.children().collect();
            assert_eq!(stanzas.len(), 3, "{chunk}");
            for s in &stanzas {
                assert!(depth(s) < MAX_DEPTH, "{chunk}: {}", depth(s));
            }
            // What is not too deep is all there.
            let q = stanzas[1].children().next().unwrap();
            assert_eq!(q.children().filter(|c| c.name() == "b").count(), 2);
            assert_eq!(q.text(), "after");
            assert_eq!(q.children().next().unwrap().children().count(), 3);
            assert_eq!(stanzas[2].children().next().unwrap().text(), "ok");
        }
        // Right at the limit nothing is left out.
        let n = MAX_DEPTH - 3;
        let xml = format!("<s xmlns='urn:x'><iq>{}</iq></s>", deep(n, "</a>"));
        assert_eq!(cut(&xml, 5), xml);
    }

    #[tokio::test]
    async fn reads_through_the_wrapper() {
        use tokio::io::AsyncReadExt;
        let long = "v".repeat(10_000);
        let xml = format!("<r xmlns='urn:x'><a id='{long}'/></r>");
        let mut r = StreamGuard::new(xml.as_bytes());
        let mut out = String::new();
        r.read_to_string(&mut out).await.unwrap();
        assert_eq!(
            parse(&out)
                .children()
                .next()
                .unwrap()
                .attr("id")
                .unwrap()
                .len(),
            CAP
        );
    }
}
