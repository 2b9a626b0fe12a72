//! Invite tokens: 144 bits from the operating system's RNG, URL-safe, and
//! only ever stored as a SHA-256 hash (XEP-0379 §5 asks for ≥ 80 bits from a
//! CSPRNG; we use more so that guessing is hopeless even at high rates).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use std::fmt;

/// Random bytes in a token; 18 bytes encode to 24 base64url characters
/// with no padding.
const TOKEN_BYTES: usize = 18;

/// A secret invite token as handed to the invitee. Its `Debug` output is
/// redacted so that it cannot end up in logs by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

/// The SHA-256 of a token: what the store keeps and looks up by.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenHash(pub [u8; 32]);

/// Why a string is not a token we could have issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a well-formed invite token")]
pub struct MalformedToken;

/// The OS RNG failed; nothing sensible can be minted then.
#[derive(Debug, thiserror::Error)]
#[error("the operating system's random number generator failed: {0}")]
pub struct RngError(String);

impl Token {
    /// A fresh token from the OS RNG.
    pub fn generate() -> Result<Token, RngError> {
        let mut bytes = [0u8; TOKEN_BYTES];
        getrandom::fill(&mut bytes).map_err(|e| RngError(e.to_string()))?;
        Ok(Token(URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// Accepts a token presented by a visitor. Only the shape is checked
    /// (length and alphabet), so a malformed string is rejected before any
    /// database lookup; whether it exists is the store's business.
    pub fn parse(s: &str) -> Result<Token, MalformedToken> {
        let decoded = URL_SAFE_NO_PAD.decode(s).map_err(|_| MalformedToken)?;
        if decoded.len() != TOKEN_BYTES {
            return Err(MalformedToken);
        }
        Ok(Token(s.to_owned()))
    }

    /// The token text, for building URIs and URLs only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The hash stored at rest.
    pub fn hash(&self) -> TokenHash {
        TokenHash(Sha256::digest(self.0.as_bytes()).into())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A prefix is enough to tell hashes apart in a debug dump.
        write!(
            f,
            "TokenHash({:02x}{:02x}{:02x}{:02x}…)",
            self.0[0], self.0[1], self.0[2], self.0[3]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn generated_tokens_are_long_url_safe_and_distinct() {
        let mut seen = HashSet::new();
        for _ in 0..1000 {
            let t = Token::generate().unwrap();
            assert_eq!(t.expose().len(), 24);
            assert!(
                t.expose()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            );
            assert!(seen.insert(t.expose().to_owned()));
        }
    }

    #[test]
    fn parse_round_trips_and_rejects_garbage() {
        let t = Token::generate().unwrap();
        assert_eq!(Token::parse(t.expose()).unwrap(), t);
        assert_eq!(Token::parse(""), Err(MalformedToken));
        assert_eq!(Token::parse("short"), Err(MalformedToken));
        assert_eq!(
            Token::parse("!!!!!!!!!!!!!!!!!!!!!!!!"),
            Err(MalformedToken)
        );
        // Right alphabet, wrong length.
        assert_eq!(
            Token::parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            Err(MalformedToken)
        );
    }

    #[test]
    fn hash_is_sha256_of_the_text() {
        let t = Token::parse("AAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
        // Expected value from `printf AAAAAAAAAAAAAAAAAAAAAAAA | sha256sum`.
        let hex: String = t.hash().0.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "1bda9f0aed80857d43c9329457f28b1ca29f736a0c539901e1ba16a909eb07b4"
        );
        assert_ne!(t.hash(), Token::generate().unwrap().hash());
    }

    #[test]
    fn debug_never_shows_the_token() {
        let t = Token::generate().unwrap();
        assert!(!format!("{t:?}").contains(t.expose()));
    }
}
