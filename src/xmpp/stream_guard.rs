//! Keeps over-long attribute values and names from reaching the XML parser.
//!
//! tokio-xmpp parses the stream with rxml's default options, which end the
//! stream with "restricted xml: long name or reference" on any attribute
//! value or name longer than 8 KiB, and offer no way to raise the limit.
//! Servers forward such stanzas from any user (Prosody takes c2s stanzas up
//! to 256 KiB), so one iq with a 9 KiB `id` or `node` would take the
//! component link down. This reader sits under the parser and cuts every
//! attribute value and name to [`CAP`] bytes; the stanza still arrives, with
//! the cut value (no legitimate value in what we handle comes near that
//! length), and gets the answer that value deserves.
//!
//! It follows the byte stream with the few states needed to tell names and
//! attribute values from text. It never drops `<`, `>`, quotes or the bytes
//! ending a name, never cuts inside a character or an entity reference, and
//! resynchronises on `<`, so even a stream it misreads stays well-formed.
//! Text is passed untouched (rxml splits long text itself).

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Longest attribute value or name let through, in bytes. Half rxml's
/// limit, which counts decoded bytes (never more than the raw ones).
pub const CAP: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Character data between tags.
    Text,
    /// Right after `<`.
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

/// The filter's state; [`StreamGuard::filter`] applies it to each chunk.
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
}

impl Default for Cutter {
    fn default() -> Self {
        Cutter {
            state: State::Text,
            len: 0,
            entity: false,
            dropping: false,
            dropped: 0,
        }
    }
}

fn ends_name(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>' | b'=')
}

impl Cutter {
    /// Filters `data` in place; returns how many bytes are kept (at the
    /// front).
    pub fn filter(&mut self, data: &mut [u8]) -> usize {
        let mut kept = 0;
        for i in 0..data.len() {
            let b = data[i];
            if self.keep(b) {
                data[kept] = b;
                kept += 1;
            }
        }
        kept
    }

    fn start_token(&mut self, state: State) {
        self.state = state;
        self.len = 0;
        self.entity = false;
        self.dropping = false;
        self.dropped = 0;
    }

    fn end_token(&mut self, next: State) {
        if self.dropped > 0 {
            tracing::warn!(
                cut_bytes = self.dropped,
                kept_bytes = CAP,
                "cut an over-long attribute value or name in a stanza from the server"
            );
        }
        self.start_token(next);
        self.state = next;
    }

    /// Whether byte `b` goes on to the parser; advances the state.
    fn keep(&mut self, b: u8) -> bool {
        match self.state {
            State::Text => {
                if b == b'<' {
                    self.state = State::Open;
                }
                true
            }
            State::Open => {
                match b {
                    b'?' | b'!' => self.state = State::Special,
                    b'/' => self.start_token(State::Name),
                    b'<' => {}
                    _ => {
                        self.start_token(State::Name);
                        self.len = 1;
                    }
                }
                true
            }
            State::Special => {
                if b == b'>' {
                    self.state = State::Text;
                }
                true
            }
            State::Name => {
                if b == b'<' {
                    self.end_token(State::Open);
                    return true;
                }
                if ends_name(b) {
                    self.end_token(if b == b'>' { State::Text } else { State::Tag });
                    return true;
                }
                self.count(b)
            }
            State::Tag => {
                match b {
                    b'>' => self.state = State::Text,
                    b'<' => self.state = State::Open,
                    b'\'' | b'"' => self.start_token(State::Value(b)),
                    b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'=' => {}
                    _ => {
                        self.start_token(State::Name);
                        self.len = 1;
                    }
                }
                true
            }
            State::Value(quote) => {
                if b == quote {
                    self.end_token(State::Tag);
                    return true;
                }
                // `<` cannot occur in a well-formed value: we misread the
                // stream; let it through and start over from there.
                if b == b'<' {
                    self.end_token(State::Open);
                    return true;
                }
                // A cut may start at `&` but not inside `&…;`.
                let keep = self.count(b);
                match b {
                    b'&' => self.entity = true,
                    b';' => self.entity = false,
                    _ => {}
                }
                keep
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
}

impl<T> StreamGuard<T> {
    pub fn new(inner: T) -> Self {
        StreamGuard {
            inner,
            cutter: Cutter::default(),
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
            let before = buf.filled().len();
            ready!(Pin::new(&mut this.inner).poll_read(cx, buf))?;
            let got = buf.filled().len() - before;
            if got == 0 {
                return Poll::Ready(Ok(()));
            }
            let kept = this.cutter.filter(&mut buf.filled_mut()[before..]);
            buf.set_filled(before + kept);
            // All of it dropped: read on rather than report an end of
            // stream (an empty read means EOF).
            if kept > 0 {
                return Poll::Ready(Ok(()));
            }
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
            let mut part = part.to_vec();
            let kept = c.filter(&mut part);
            out.extend_from_slice(&part[..kept]);
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
