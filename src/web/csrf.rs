//! CSRF protection without cookies: each form carries a token that is an
//! HMAC, under a key made at startup, of the form's purpose, the invite it
//! belongs to and when it was issued. A form posted from another site
//! cannot carry one, and a token is only good for its own invite and form
//! for a limited time. The handlers also refuse cross-site requests by
//! their `Sec-Fetch-Site`/`Origin` headers.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long a form stays valid.
pub const MAX_AGE_SECS: i64 = 2 * 3600;

/// The per-process key.
#[derive(Clone)]
pub struct CsrfKey([u8; 32]);

impl CsrfKey {
    pub fn generate() -> Result<CsrfKey, getrandom::Error> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k)?;
        Ok(CsrfKey(k))
    }

    fn mac(&self, scope: &str, issued: i64) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(scope.as_bytes());
        mac.update(b"\0");
        mac.update(&issued.to_be_bytes());
        mac
    }

    /// A token for `scope` (form purpose and invite) issued at `now`.
    pub fn issue(&self, scope: &str, now: i64) -> String {
        let tag = self.mac(scope, now).finalize().into_bytes();
        format!("{now}.{}", URL_SAFE_NO_PAD.encode(tag))
    }

    /// Whether `token` was issued by us for `scope` less than
    /// [`MAX_AGE_SECS`] before `now`. The comparison is constant-time.
    pub fn verify(&self, scope: &str, token: &str, now: i64) -> bool {
        let Some((issued, tag)) = token.split_once('.') else {
            return false;
        };
        let (Ok(issued), Ok(tag)) = (issued.parse::<i64>(), URL_SAFE_NO_PAD.decode(tag)) else {
            return false;
        };
        if issued > now + 60 || now - issued > MAX_AGE_SECS {
            return false;
        }
        self.mac(scope, issued).verify_slice(&tag).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bound_to_scope_key_and_time() {
        let k = CsrfKey::generate().unwrap();
        let t = k.issue("register:abc", 1000);
        assert!(k.verify("register:abc", &t, 1000));
        assert!(k.verify("register:abc", &t, 1000 + MAX_AGE_SECS));
        assert!(!k.verify("register:abc", &t, 1001 + MAX_AGE_SECS));
        assert!(!k.verify("register:abd", &t, 1000));
        assert!(!k.verify("existing:abc", &t, 1000));
        assert!(
            !CsrfKey::generate()
                .unwrap()
                .verify("register:abc", &t, 1000)
        );
        let forged = t.replacen("1000", "1999", 1);
        assert!(!k.verify("register:abc", &forged, 2000));
        for junk in ["", ".", "x.y", "1000.", "1000.!!!"] {
            assert!(!k.verify("register:abc", junk, 1000), "{junk}");
        }
    }
}
