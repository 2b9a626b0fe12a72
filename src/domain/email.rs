//! Email invites: the rules of the optional fields (recipient, personal
//! message, copy), the per-inviter and per-recipient limits, and the use
//! cases that queue an invitation in the outbox or send it again. Knows no
//! SMTP: the outbox deliverer hands [`Effect::Email`] to a [`Mailer`].
//!
//! The recipient's address is kept only in the invite's own row (deleted
//! with the invite) and in the outbox entry until it is sent; the limits
//! count keyed hashes of addresses, never the addresses.

use super::invite::{Invite, InviteId, InviteState};
use super::links::Links;
use super::manage::Actor;
use super::mint::MintedInvite;
use super::policy::{Requester, SharedPolicy};
use super::server::{Delivery, Effect, EffectError};
use super::time::{Clock, Timestamp};
use super::token::Token;
use super::{InviteStore, StoreError, blocking};
use futures::future::BoxFuture;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;
use xmpp_parsers::jid::BareJid;

/// Longest personal message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// Longest address (RFC 5321 path limit).
pub const MAX_ADDRESS_CHARS: usize = 254;
/// How many times an emailed invite may be sent again from `#list`.
pub const MAX_RESENDS: u32 = 3;

/// One invitation to send: everything the message says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub invite: InviteId,
    /// The recipient (the invitee, or the inviter for a copy).
    pub to: String,
    pub inviter: BareJid,
    pub message: Option<String>,
    pub link: String,
    pub expires: Timestamp,
    /// A copy for the inviter: its outcome is not the invite's.
    pub copy: bool,
    /// The language the inviter last used with the component, when known:
    /// the email is worded in it (the personal message is theirs too).
    pub lang: Option<String>,
}

/// Sends one invitation (SMTP in production, a fake in tests). Errors name
/// no address: they are logged and shown.
pub trait Mailer: Send + Sync {
    /// `Transient` for a temporary refusal (SMTP 4xx, no connection),
    /// `Permanent` for a definite one (5xx).
    fn send<'a>(&'a self, invitation: &'a Invitation) -> BoxFuture<'a, Result<(), EffectError>>;
}

/// Caps on invitation emails within a sliding window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmailLimits {
    pub window_secs: i64,
    pub per_inviter: u32,
    pub per_recipient: u32,
}

impl Default for EmailLimits {
    fn default() -> Self {
        EmailLimits {
            window_secs: 86_400,
            per_inviter: 20,
            per_recipient: 3,
        }
    }
}

/// Which limit a send would exceed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailLimitHit {
    Inviter(u32),
    Recipient(u32),
    Resends(u32),
}

/// Where an emailed invite's message is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailStatus {
    /// In the outbox; `error` is the last temporary failure, if any.
    Queued {
        error: Option<String>,
    },
    Sent {
        at: Timestamp,
    },
    /// Given up: the server refused it for good.
    Failed {
        at: Timestamp,
        error: String,
    },
}

/// The email side of an invite, shown only to its inviter and admins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRecord {
    pub address: String,
    pub message: Option<String>,
    /// Times queued: the first send and the resends.
    pub sends: u32,
    pub status: EmailStatus,
}

/// What the inviter typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmailRequest {
    pub to: String,
    pub message: Option<String>,
    pub copy_to: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    #[error("email: {0}")]
    InvalidAddress(&'static str),
    #[error("copy: {0}")]
    InvalidCopyAddress(&'static str),
    #[error("message: at most {MAX_MESSAGE_CHARS} characters")]
    MessageTooLong,
    #[error("message: control characters are not allowed")]
    MessageControl,
    #[error("{}", limit_text(*.0))]
    Limit(EmailLimitHit),
    #[error("this invite was not sent by email")]
    NotEmailed,
    #[error("this invite was already sent by email: send it again from My invites")]
    AlreadyEmailed,
    #[error("this invite is no longer live")]
    NotLive,
    #[error("email is not configured on this service")]
    NotConfigured,
    #[error(transparent)]
    Rng(#[from] super::token::RngError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn limit_text(hit: EmailLimitHit) -> String {
    match hit {
        EmailLimitHit::Inviter(n) => {
            format!("you have sent {n} invitation emails today, the most allowed; try again later")
        }
        EmailLimitHit::Recipient(n) => format!(
            "this address has received {n} invitation emails today, the most allowed; try again later"
        ),
        EmailLimitHit::Resends(n) => {
            format!("this invite was sent again {n} times, the most allowed")
        }
    }
}

/// Checks an address: one `@`, something either side, a dotted domain,
/// no spaces or control characters. Returns it trimmed.
pub fn check_address(raw: &str) -> Result<String, &'static str> {
    let a = raw.trim();
    if a.chars().count() > MAX_ADDRESS_CHARS {
        return Err("the address is too long");
    }
    if a.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the address contains spaces or control characters");
    }
    if a.contains(['<', '>', ',', ';', '"', '(', ')', '[', ']', '\\']) {
        return Err("give only the address, like name@example.org");
    }
    match a.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.') =>
        {
            Ok(a.to_owned())
        }
        _ => Err("not an email address, like name@example.org"),
    }
}

/// Checks a personal message: trimmed, length-limited, no control
/// characters but line breaks and tabs. Escaping is the renderer's job.
pub fn check_message(raw: Option<&str>) -> Result<Option<String>, EmailError> {
    let Some(m) = raw.map(str::trim).filter(|m| !m.is_empty()) else {
        return Ok(None);
    };
    if m.chars().count() > MAX_MESSAGE_CHARS {
        return Err(EmailError::MessageTooLong);
    }
    if m.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(EmailError::MessageControl);
    }
    Ok(Some(m.replace("\r\n", "\n")))
}

/// Keeps an error text from an SMTP server fit for logs and `#list`:
/// servers often quote the address they refuse.
pub fn redact(text: &str) -> String {
    text.split(' ')
        .map(|w| if w.contains('@') { "[address]" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(300)
        .collect()
}

/// The email use cases.
pub struct EmailService {
    store: Arc<dyn InviteStore>,
    delivery: Arc<dyn Delivery>,
    clock: Arc<dyn Clock>,
    links: Links,
    policy: SharedPolicy,
    limits: EmailLimits,
}

impl EmailService {
    pub fn new(
        store: Arc<dyn InviteStore>,
        delivery: Arc<dyn Delivery>,
        clock: Arc<dyn Clock>,
        links: Links,
        policy: SharedPolicy,
        limits: EmailLimits,
    ) -> EmailService {
        EmailService {
            store,
            delivery,
            clock,
            links,
            policy,
            limits,
        }
    }

    /// Checks what was typed, before anything is minted.
    pub fn parse(
        &self,
        to: Option<&str>,
        message: Option<&str>,
        copy_to: Option<&str>,
    ) -> Result<Option<EmailRequest>, EmailError> {
        let Some(to) = to.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        let to = check_address(to).map_err(EmailError::InvalidAddress)?;
        let message = check_message(message)?;
        let copy_to = copy_to
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| check_address(c).map_err(EmailError::InvalidCopyAddress))
            .transpose()?;
        Ok(Some(EmailRequest {
            to,
            message,
            copy_to,
        }))
    }

    /// A keyed hash of an address, for the limits: the counters outlive
    /// invites and must not keep addresses.
    async fn recipients(&self, req: &EmailRequest) -> Result<Vec<[u8; 32]>, EmailError> {
        let store = self.store.clone();
        let key = blocking(move || store.key("email-recipients")).await?;
        let hash = |a: &str| -> [u8; 32] {
            let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("any key length");
            mac.update(a.to_lowercase().as_bytes());
            mac.finalize().into_bytes().into()
        };
        Ok(std::iter::once(&req.to)
            .chain(req.copy_to.as_ref())
            .map(|a| hash(a))
            .collect())
    }

    /// Whether `req` from `inviter` is within the limits now (checked again
    /// when it is queued, in the same transaction).
    pub async fn allowed(&self, inviter: &BareJid, req: &EmailRequest) -> Result<(), EmailError> {
        let recipients = self.recipients(req).await?;
        let (store, inviter, now, limits) = (
            self.store.clone(),
            inviter.to_string(),
            self.clock.now(),
            self.limits,
        );
        match blocking(move || store.email_limit_hit(&inviter, &recipients, now, limits)).await? {
            Some(hit) => Err(EmailError::Limit(hit)),
            None => Ok(()),
        }
    }

    /// Queues the invitation (and the copy) for a freshly minted invite of
    /// `inviter`; returns at once, the outbox sends it.
    pub async fn send_minted(
        &self,
        inviter: &BareJid,
        minted: &MintedInvite,
        req: EmailRequest,
    ) -> Result<(), EmailError> {
        self.queue(
            inviter,
            minted.id,
            &minted.token,
            minted.expires,
            req,
            false,
        )
        .await
    }

    /// Queues the invitation for an invite minted earlier in the same
    /// command session, identified by its token (the session hands it back):
    /// only its creator may, and only once.
    pub async fn send_for_token(
        &self,
        inviter: &BareJid,
        token: &Token,
        req: EmailRequest,
    ) -> Result<(), EmailError> {
        let (store, hash) = (self.store.clone(), token.hash());
        let invite = blocking(move || store.find_by_token_hash(&hash))
            .await?
            .filter(|i| i.creator == *inviter)
            .ok_or(EmailError::NotLive)?;
        self.check_live(&invite)?;
        self.queue(inviter, invite.id, token, invite.expires, req, false)
            .await
    }

    fn check_live(&self, invite: &Invite) -> Result<(), EmailError> {
        match invite.state(self.clock.now()) {
            InviteState::Live => Ok(()),
            _ => Err(EmailError::NotLive),
        }
    }

    /// Sends invite `id` again to the address it was emailed to, with a new
    /// token: the token is kept only as a hash, so the old link cannot be
    /// sent again, and stops working. Its inviter and admins only.
    pub async fn resend(&self, actor: &BareJid, id: InviteId) -> Result<(), EmailError> {
        let store = self.store.clone();
        let (invite, record) = blocking(move || {
            Ok(match store.find_by_id(id)? {
                Some(i) => {
                    let r = store.email_record(id)?;
                    Some((i, r))
                }
                None => None,
            })
        })
        .await?
        .ok_or(EmailError::NotLive)?;
        let admin = self.policy.get().classify(actor) == Requester::Admin;
        if !admin && invite.creator != *actor {
            return Err(EmailError::NotLive);
        }
        self.check_live(&invite)?;
        let record = record.ok_or(EmailError::NotEmailed)?;
        if record.sends > MAX_RESENDS {
            return Err(EmailError::Limit(EmailLimitHit::Resends(MAX_RESENDS)));
        }
        let token = Token::generate()?;
        let req = EmailRequest {
            to: record.address,
            message: record.message,
            copy_to: None,
        };
        // Counted against the inviter, whoever asks for it.
        let inviter = invite.creator.clone();
        self.queue(&inviter, id, &token, invite.expires, req, true)
            .await
    }

    async fn queue(
        &self,
        inviter: &BareJid,
        id: InviteId,
        token: &Token,
        expires: Timestamp,
        req: EmailRequest,
        resend: bool,
    ) -> Result<(), EmailError> {
        let recipients = self.recipients(&req).await?;
        let link = self.links.landing_url(token);
        let (store, who) = (self.store.clone(), inviter.clone());
        // Unknown (or unreadable) means the default language: not a reason
        // to refuse the email.
        let lang = blocking(move || store.user_language(&who))
            .await
            .ok()
            .flatten();
        let invitation = |to: &str, copy| {
            Effect::Email(Invitation {
                invite: id,
                to: to.to_owned(),
                inviter: inviter.clone(),
                message: req.message.clone(),
                link: link.clone(),
                expires,
                copy,
                lang: lang.clone(),
            })
        };
        let mut effects = vec![invitation(&req.to, false)];
        effects.extend(req.copy_to.iter().map(|c| invitation(c, true)));
        let new_hash = resend.then(|| token.hash());
        let (store, now, limits, who) = (
            self.store.clone(),
            self.clock.now(),
            self.limits,
            inviter.to_string(),
        );
        let queued = blocking(move || {
            store.queue_email(
                id,
                &who,
                &recipients,
                &req.to,
                req.message.as_deref(),
                new_hash,
                now,
                limits,
                &effects,
            )
        })
        .await?;
        match queued {
            Ok(_) => {
                tracing::info!(invite = id.0, resend, "invitation email queued");
                self.delivery.wake();
                Ok(())
            }
            Err(hit) => Err(EmailError::Limit(hit)),
        }
    }

    /// Whether an invite may get a first email (not emailed yet).
    pub async fn emailed(&self, id: InviteId) -> Result<bool, EmailError> {
        let store = self.store.clone();
        Ok(blocking(move || store.email_record(id)).await?.is_some())
    }

    /// Shortcut for the adapters: who may see the address of invite `id`.
    pub fn may_see(&self, actor: &Actor, creator: &BareJid) -> bool {
        match actor {
            Actor::Operator => true,
            Actor::Jid(j) => j == creator || self.policy.get().classify(j) == Requester::Admin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            check_address(" bob@example.org ").unwrap(),
            "bob@example.org"
        );
        for bad in [
            "bob",
            "@example.org",
            "bob@",
            "bob@localhost",
            "bob@@example.org",
            "a b@example.org",
            "Bob <bob@example.org>",
            "bob@example.org,eve@example.org",
            "bob@example.org\r\nBcc: eve@example.org",
        ] {
            assert!(check_address(bad).is_err(), "{bad}");
        }
        assert!(check_address(&format!("{}@example.org", "a".repeat(250))).is_err());
    }

    #[test]
    fn messages() {
        assert_eq!(check_message(Some("  ")).unwrap(), None);
        assert_eq!(
            check_message(Some("hi\r\nthere")).unwrap().as_deref(),
            Some("hi\nthere")
        );
        assert!(matches!(
            check_message(Some(&"x".repeat(MAX_MESSAGE_CHARS + 1))),
            Err(EmailError::MessageTooLong)
        ));
        assert!(matches!(
            check_message(Some("a\u{7}b")),
            Err(EmailError::MessageControl)
        ));
    }

    #[test]
    fn redaction_drops_addresses() {
        assert_eq!(
            redact("550 5.1.1 <bob@example.org>: Recipient address rejected"),
            "550 5.1.1 [address] Recipient address rejected"
        );
    }
}
