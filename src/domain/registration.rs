//! The rules a registration or acceptance form must meet, checked where
//! the values enter, before anything reaches the server: usernames
//! (nodeprep, length, names nobody may take), passwords (length, no
//! characters a stanza cannot carry) and addresses.

use super::invite::Invite;
use super::mint::normalise_username;
use std::collections::BTreeSet;
use xmpp_parsers::jid::BareJid;

/// Longest username accepted, in characters. RFC 7622 allows 1023 bytes,
/// but servers refuse far less in practice (Prosody refused 1,000
/// characters) and nobody types more than this: the form says so instead
/// of the server failing later.
pub const MAX_USERNAME_CHARS: usize = 64;

/// Role names nobody may register by default: addresses people and other
/// servers trust (RFC 2142 mailboxes, common staff roles), which an
/// invitee must not be able to take.
pub const DEFAULT_RESERVED_USERNAMES: &[&str] = &[
    "abuse",
    "admin",
    "administrator",
    "contact",
    "help",
    "hostmaster",
    "info",
    "invites",
    "mailer-daemon",
    "moderator",
    "noc",
    "no-reply",
    "noreply",
    "operator",
    "postmaster",
    "root",
    "security",
    "server",
    "staff",
    "support",
    "sysadmin",
    "system",
    "webmaster",
    "xmpp",
];

/// A problem with one form field; the adapters word it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    UsernameEmpty,
    UsernameInvalid,
    UsernameTooLong(usize),
    /// A role name or an admin's name: nobody may register it.
    UsernameNotAllowed,
    /// The invite is for this username only.
    UsernameFixed(String),
    /// Another live invite reserves this name.
    UsernameReserved,
    /// The server already has this account.
    UsernameTaken,
    PasswordTooShort(usize),
    PasswordTooLong(usize),
    /// Control characters, non-characters and what SASLprep prohibits:
    /// nothing a person types; some cannot be carried in a stanza at all,
    /// the rest the server refuses.
    PasswordInvalidCharacters,
    /// Characters this server kind cannot store (ejabberd: code points
    /// unassigned in Unicode 3.2, such as emoji), told apart from control
    /// characters so the form says what to change.
    PasswordUnsupportedByServer,
    PasswordIsUsername,
    PasswordMismatch,
    AddressInvalid,
    AddressIsInviter,
}

/// Per-field errors of a registration or acceptance form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    pub username: Option<FieldError>,
    pub password: Option<FieldError>,
    pub confirm: Option<FieldError>,
    pub address: Option<FieldError>,
}

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.username.is_none()
            && self.password.is_none()
            && self.confirm.is_none()
            && self.address.is_none()
    }

    pub(crate) fn username(e: FieldError) -> FieldErrors {
        FieldErrors {
            username: Some(e),
            ..FieldErrors::default()
        }
    }

    pub(crate) fn address(e: FieldError) -> FieldErrors {
        FieldErrors {
            address: Some(e),
            ..FieldErrors::default()
        }
    }
}

/// Password rules for registration.
#[derive(Debug, Clone, Copy)]
pub struct PasswordPolicy {
    pub min_chars: usize,
    pub max_chars: usize,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            min_chars: 8,
            // Long enough for any password manager; Prosody refused 1,024.
            max_chars: 256,
        }
    }
}

/// Usernames nobody may register or bind an invite to: role names and the
/// configured admins' localparts (an invitee taking `admin` before the
/// admin's account exists would become admin of the component and host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReservedNames(BTreeSet<String>);

impl ReservedNames {
    /// From raw names, normalised as registration normalises usernames.
    /// Names that could never be registered anyway are dropped.
    pub fn new<I, S>(names: I) -> ReservedNames
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ReservedNames(
            names
                .into_iter()
                .filter_map(|n| normalise_username(n.as_ref()).ok())
                .collect(),
        )
    }

    /// Adds the localparts of `admins` that belong to `domain`.
    pub fn with_admins<'a>(
        mut self,
        domain: &str,
        admins: impl IntoIterator<Item = &'a BareJid>,
    ) -> ReservedNames {
        for admin in admins {
            if admin.domain().as_str() == domain {
                if let Some(node) = admin.node() {
                    self.0.insert(node.as_str().to_owned());
                }
            }
        }
        self
    }

    /// Whether the normalised `localpart` is reserved.
    pub fn contains(&self, localpart: &str) -> bool {
        self.0.contains(localpart)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl Default for ReservedNames {
    fn default() -> Self {
        ReservedNames::new(DEFAULT_RESERVED_USERNAMES)
    }
}

/// Whether `c` is something a person types into a text field: no control
/// characters (C0, DEL, C1) and no Unicode non-characters. This is a
/// superset of what XML 1.0 forbids (RFC 6120 §11.1 requires XML-valid
/// stanzas), so no such value can ever reach the wire.
pub fn is_text_char(c: char) -> bool {
    let n = u32::from(c);
    !(c.is_control() || (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE)
}

/// Whether every character of `s` passes [`is_text_char`].
pub fn is_text(s: &str) -> bool {
    s.chars().all(is_text_char)
}

/// Whether a server preparing `password` with SASLprep (RFC 4013) refuses
/// it. Servers prepare passwords as "queries" (RFC 3454 §7): code points
/// unassigned in Unicode 3.2, such as emoji, are allowed there, while the
/// `stringprep` crate implements the stricter "stored strings" profile; so
/// those are left out before asking it.
fn saslprep_refuses(password: &str) -> bool {
    if stringprep::saslprep(password).is_ok() {
        return false;
    }
    let assigned: String = password
        .chars()
        .filter(|c| !stringprep::tables::unassigned_code_point(*c))
        .collect();
    assigned.len() == password.len() || stringprep::saslprep(&assigned).is_err()
}

/// Checks a username for registering with `invite`: the form's rules on its
/// own, then what the invite and the reserved names allow. On error, the
/// normalised name when the name itself was well formed.
pub fn check_username(
    invite: &Invite,
    reserved: &ReservedNames,
    username: &str,
) -> Result<String, (FieldError, Option<String>)> {
    if username.trim().is_empty() {
        return Err((FieldError::UsernameEmpty, None));
    }
    if !is_text(username) {
        return Err((FieldError::UsernameInvalid, None));
    }
    if username.trim().chars().count() > MAX_USERNAME_CHARS {
        return Err((FieldError::UsernameTooLong(MAX_USERNAME_CHARS), None));
    }
    let name = normalise_username(username).map_err(|_| (FieldError::UsernameInvalid, None))?;
    match &invite.reserved_username {
        Some(fixed) if *fixed != name => {
            Err((FieldError::UsernameFixed(fixed.clone()), Some(name)))
        }
        // An admin bound this invite to the name: it is theirs to give.
        Some(_) => Ok(name),
        None if reserved.contains(&name) => Err((FieldError::UsernameNotAllowed, Some(name))),
        None => Ok(name),
    }
}

/// Checks a registration form against the invite and the rules, without
/// touching the store or the server. Returns the normalised localpart when
/// the username itself is fine, and every field's problem.
pub fn check_registration(
    invite: &Invite,
    passwords: PasswordPolicy,
    reserved: &ReservedNames,
    username: &str,
    password: &str,
    confirm: &str,
) -> (Option<String>, FieldErrors) {
    let mut errors = FieldErrors::default();
    let localpart = match check_username(invite, reserved, username) {
        Ok(name) => Some(name),
        // The name itself is fine but not for this invite: still compared
        // with the password below.
        Err((e, name)) => {
            errors.username = Some(e);
            name
        }
    };
    let chars = password.chars().count();
    // Servers prepare passwords with SASLprep (RFC 4013) and refuse what it
    // prohibits (control and formatting characters, private use, U+FFFD
    // among them — which is also what a browser's invalid UTF-8 decodes
    // to): say so in the form instead of failing at the server.
    if !is_text(password) || saslprep_refuses(password) {
        errors.password = Some(FieldError::PasswordInvalidCharacters);
    } else if chars < passwords.min_chars {
        errors.password = Some(FieldError::PasswordTooShort(passwords.min_chars));
    } else if chars > passwords.max_chars {
        errors.password = Some(FieldError::PasswordTooLong(passwords.max_chars));
    } else if localpart
        .as_deref()
        .is_some_and(|n| n == password.to_lowercase() || username.trim() == password)
    {
        errors.password = Some(FieldError::PasswordIsUsername);
    }
    if password != confirm {
        errors.confirm = Some(FieldError::PasswordMismatch);
    }
    (localpart, errors)
}

/// Reads the address typed on the existing-address form: a bare JID with a
/// localpart, not the inviter's own.
pub fn check_address(invite: &Invite, address: &str) -> Result<BareJid, FieldError> {
    let address = address.trim();
    if !is_text(address) {
        return Err(FieldError::AddressInvalid);
    }
    let jid = match BareJid::new(address) {
        Ok(j) if j.node().is_some() => j,
        _ => return Err(FieldError::AddressInvalid),
    };
    if jid == invite.creator {
        return Err(FieldError::AddressIsInviter);
    }
    Ok(jid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{InviteId, InviteKind, Timestamp, TokenHash};

    fn invite(fixed: Option<&str>) -> Invite {
        Invite {
            id: InviteId(1),
            kind: InviteKind::Account,
            creator: BareJid::new("admin@example.org").unwrap(),
            created: Timestamp(0),
            expires: Timestamp(100),
            max_uses: 1,
            uses: 0,
            reserved_username: fixed.map(str::to_owned),
            roster_subscription: false,
            note: None,
            revoked: None,
            token_hash: TokenHash([0; 32]),
            group: None,
        }
    }

    fn check(fixed: Option<&str>, user: &str, pw: &str) -> FieldErrors {
        let reserved = ReservedNames::default()
            .with_admins("example.org", &[BareJid::new("boss@example.org").unwrap()]);
        check_registration(
            &invite(fixed),
            PasswordPolicy::default(),
            &reserved,
            user,
            pw,
            pw,
        )
        .1
    }

    #[test]
    fn characters_a_stanza_cannot_carry_are_field_errors() {
        for bad in [
            "\u{0}",
            "\u{1}",
            "\u{b}",
            "\u{1b}",
            "\u{7f}",
            "\u{85}",
            "\u{fffe}",
            "\u{ffff}",
            "\u{fdd0}",
            "\u{10ffff}",
        ] {
            let pw = format!("abcd{bad}efgh");
            assert_eq!(
                check(None, "newbie", &pw).password,
                Some(FieldError::PasswordInvalidCharacters),
                "{bad:?}"
            );
            assert_eq!(
                check(None, &format!("new{bad}bie"), "a good passphrase").username,
                Some(FieldError::UsernameInvalid),
                "{bad:?}"
            );
        }
        // What people do type is fine: letters of any script, emoji, spaces.
        assert!(check(None, "zoë", "pässwörd ✓ 密码 🙂").is_empty());
    }

    #[test]
    fn what_saslprep_prohibits_is_refused_in_the_form() {
        // U+FFFD (what invalid UTF-8 decodes to), private use, direction
        // marks and overrides: the server would refuse the account.
        for bad in ["\u{fffd}", "\u{e000}", "\u{200e}", "\u{202e}", "\u{e0001}"] {
            assert_eq!(
                check(None, "newbie", &format!("abcd{bad}efgh")).password,
                Some(FieldError::PasswordInvalidCharacters),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn lengths_are_checked_in_the_form() {
        let long = "a".repeat(MAX_USERNAME_CHARS + 1);
        assert_eq!(
            check(None, &long, "a good passphrase").username,
            Some(FieldError::UsernameTooLong(MAX_USERNAME_CHARS))
        );
        assert!(check(None, &"a".repeat(MAX_USERNAME_CHARS), "a good passphrase").is_empty());
        assert_eq!(
            check(None, "newbie", &"p".repeat(257)).password,
            Some(FieldError::PasswordTooLong(256))
        );
        assert!(check(None, "newbie", &"p".repeat(256)).is_empty());
    }

    #[test]
    fn role_names_and_admins_are_reserved_unless_the_invite_names_them() {
        for name in ["admin", "Postmaster", "ABUSE", "boss", "root"] {
            assert_eq!(
                check(None, name, "a good passphrase").username,
                Some(FieldError::UsernameNotAllowed),
                "{name}"
            );
        }
        assert!(check(Some("boss"), "boss", "a good passphrase").is_empty());
        assert!(check(None, "bossa", "a good passphrase").is_empty());
        // An admin of another domain reserves nothing here.
        let r = ReservedNames::new(Vec::<String>::new())
            .with_admins("example.org", &[BareJid::new("x@other.org").unwrap()]);
        assert!(!r.contains("x"));
    }

    #[test]
    fn addresses() {
        let i = invite(None);
        assert_eq!(
            check_address(&i, " Eve@Other.org ").unwrap().as_str(),
            "eve@other.org"
        );
        assert_eq!(
            check_address(&i, "a+b@other.org").unwrap().as_str(),
            "a+b@other.org"
        );
        for bad in [
            "",
            "other.org",
            "a@b/c\u{0}",
            "e\u{1b}@x.org",
            "not an address",
        ] {
            assert_eq!(
                check_address(&i, bad),
                Err(FieldError::AddressInvalid),
                "{bad:?}"
            );
        }
        assert_eq!(
            check_address(&i, "admin@example.org"),
            Err(FieldError::AddressIsInviter)
        );
    }
}
