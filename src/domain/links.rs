//! The two addresses an invite is handed out as: the XEP-0401 `xmpp:` URI
//! (RFC 5122 / XEP-0147) for apps, and the landing-page URL for browsers.

use super::invite::InviteKind;
use super::token::Token;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// RFC 5122 §2.2: a localpart in an xmpp: IRI may not carry these raw; the
/// rest of the bare JID is already restricted by nodeprep/nameprep.
const NODE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'/')
    .add(b':')
    .add(b';')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A value in an HTML form-style query (`application/x-www-form-urlencoded`
/// decodes `+` as a space), so `+`, legal in a localpart, must be escaped.
const QUERY_VALUE: &AsciiSet = &NODE.add(b'+');

/// Builds invite links for one deployment.
#[derive(Debug, Clone)]
pub struct Links {
    /// The served XMPP domain.
    pub domain: String,
    /// Public base URL of the landing pages, without a trailing slash.
    pub public_url: String,
}

fn jid_iri(node: Option<&str>, domain: &str) -> String {
    match node {
        Some(n) => format!("{}@{}", utf8_percent_encode(n, NODE), domain),
        None => domain.to_owned(),
    }
}

impl Links {
    /// Normalises the base URL so joining never doubles a slash.
    pub fn new(domain: impl Into<String>, public_url: &str) -> Links {
        Links {
            domain: domain.into(),
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }

    /// The XEP-0401 URI.
    ///
    /// - contact: `xmpp:INVITER?roster;preauth=T`, plus `;ibr=y` only when the
    ///   invitee may also register (the XEP says it MUST be omitted otherwise);
    /// - account: `xmpp:DOMAIN?register;preauth=T`, or with the reserved
    ///   username as localpart so the app pre-fills (and cannot change) it;
    /// - reset: the landing page (no app redeems it).
    pub fn xmpp_uri(
        &self,
        kind: InviteKind,
        inviter_node: Option<&str>,
        reserved_username: Option<&str>,
        token: &Token,
    ) -> String {
        let t = token.expose();
        match kind {
            InviteKind::Account => format!(
                "xmpp:{}?register;preauth={t}",
                jid_iri(reserved_username, &self.domain)
            ),
            InviteKind::Contact => {
                format!(
                    "xmpp:{}?roster;preauth={t}",
                    jid_iri(inviter_node, &self.domain)
                )
            }
            InviteKind::AccountAndContact => format!(
                "xmpp:{}?roster;preauth={t};ibr=y",
                jid_iri(inviter_node, &self.domain)
            ),
            // No app redeems a password reset: it is the landing page.
            InviteKind::Reset => self.landing_url(token),
        }
    }

    /// The link a local invitee follows to confirm an existing address.
    pub fn confirm_url(&self, invite_id: i64, address: &str, code: &str) -> String {
        format!(
            "{}/confirm?invite={invite_id}&address={}&code={code}",
            self.public_url,
            utf8_percent_encode(address, QUERY_VALUE)
        )
    }

    /// The landing page of an invite.
    pub fn landing_url(&self, token: &Token) -> String {
        format!("{}/invite/{}", self.public_url, token.expose())
    }
}

/// The token in what someone pasted into the accept form: a landing link
/// (`…/invite/TOKEN`, with or without a query or fragment), an XEP-0401
/// `xmpp:` URI (`…;preauth=TOKEN`), or the bare token. Surrounding
/// whitespace, and the angle brackets some mail programs put around links,
/// are ignored. `None` when none of these shapes holds a well-formed token.
pub fn token_in(pasted: &str) -> Option<Token> {
    let s = pasted.trim().trim_start_matches('<').trim_end_matches('>');
    let end = |t: &str| t.find(['/', '?', '#', ';', '&']).map_or(t.len(), |i| i);
    let candidate = if let Some(rest) = s.strip_prefix("xmpp:") {
        // The query part only: a localpart that happens to read
        // "preauth=" cannot smuggle a token in.
        let query = rest.split_once('?')?.1;
        let (_, after) = query.split(';').find_map(|p| p.split_once("preauth="))?;
        &after[..end(after)]
    } else if let Some(i) = s.rfind("/invite/") {
        let after = &s[i + "/invite/".len()..];
        &after[..end(after)]
    } else {
        s
    };
    Token::parse(candidate).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_links_uris_and_tokens_name_their_token() {
        let t = "AAAAAAAAAAAAAAAAAAAAAAAA";
        for pasted in [
            t.to_owned(),
            format!("  {t}\n"),
            format!("https://invites.example.org/invite/{t}"),
            format!("<https://invites.example.org/sub/invite/{t}?platform=ios#x>"),
            format!("https://invites.example.org/invite/{t}/register"),
            format!("xmpp:alice@example.org?roster;preauth={t};ibr=y"),
            format!("xmpp:example.org?register;preauth={t}"),
        ] {
            assert_eq!(
                token_in(&pasted).map(|t| t.expose().to_owned()),
                Some(t.to_owned()),
                "{pasted:?}"
            );
        }
        for garbage in [
            "",
            "hello",
            "https://invites.example.org/",
            "https://invites.example.org/invite/short",
            "xmpp:alice@example.org",
            "xmpp:preauth=AAAAAAAAAAAAAAAAAAAAAAAA@example.org",
            "AAAAAAAAAAAAAAAAAAAAAAAA AAAA",
        ] {
            assert!(token_in(garbage).is_none(), "{garbage:?}");
        }
    }

    fn token() -> Token {
        Token::parse("AAAAAAAAAAAAAAAAAAAAAAAA").unwrap()
    }

    #[test]
    fn uris_per_kind() {
        let l = Links::new("example.org", "https://invite.example.org/");
        let t = token();
        assert_eq!(
            l.xmpp_uri(InviteKind::Contact, Some("alice"), None, &t),
            "xmpp:alice@example.org?roster;preauth=AAAAAAAAAAAAAAAAAAAAAAAA"
        );
        assert_eq!(
            l.xmpp_uri(InviteKind::AccountAndContact, Some("alice"), None, &t),
            "xmpp:alice@example.org?roster;preauth=AAAAAAAAAAAAAAAAAAAAAAAA;ibr=y"
        );
        assert_eq!(
            l.xmpp_uri(InviteKind::Account, None, None, &t),
            "xmpp:example.org?register;preauth=AAAAAAAAAAAAAAAAAAAAAAAA"
        );
        assert_eq!(
            l.xmpp_uri(InviteKind::Account, Some("admin"), Some("juliet"), &t),
            "xmpp:juliet@example.org?register;preauth=AAAAAAAAAAAAAAAAAAAAAAAA"
        );
        assert_eq!(
            l.landing_url(&t),
            "https://invite.example.org/invite/AAAAAAAAAAAAAAAAAAAAAAAA"
        );
    }

    #[test]
    fn localparts_with_uri_delimiters_are_escaped() {
        let l = Links::new("example.org", "https://x");
        let uri = l.xmpp_uri(InviteKind::Contact, Some("o'neil&co"), None, &token());
        assert!(
            uri.starts_with("xmpp:o%27neil%26co@example.org?roster;"),
            "{uri}"
        );
    }
}
