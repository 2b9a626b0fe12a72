//! Accepting invites: looking one up by its token, registering an account
//! with it, or accepting a contact invite with an address one already has.

use super::invite::{Invite, InviteKind, InviteState};
use super::links::Links;
use super::server::{AccountError, Effect, ServerOps, Subscription};
use super::service::normalise_username;
use super::time::Clock;
use super::token::Token;
use super::{InviteId, InviteStore, OutboxId, StoreError};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;
use xmpp_parsers::jid::BareJid;

/// Why an invite cannot be used. Revoked and unknown invites look the same,
/// so a page never tells whether a token ever existed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeadInvite {
    #[error("no such invite")]
    NotFound,
    #[error("the invite has expired")]
    Expired,
    #[error("the invite has been used")]
    UsedUp,
}

/// A live invite as the landing page shows it.
#[derive(Debug, Clone)]
pub struct InviteView {
    pub invite: Invite,
    pub token: Token,
}

impl InviteView {
    /// The inviter's bare JID (the creator of the invite).
    pub fn inviter(&self) -> &str {
        &self.invite.creator
    }
}

/// A problem with one form field; the web layer words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    UsernameEmpty,
    UsernameInvalid,
    /// The invite is for this username only.
    UsernameFixed(String),
    /// Another live invite reserves this name.
    UsernameReserved,
    /// The server already has this account.
    UsernameTaken,
    PasswordTooShort(usize),
    PasswordTooLong(usize),
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
}

/// Why a redemption did not happen. Only `Internal` is our fault; in every
/// case the invite keeps its use.
#[derive(Debug, thiserror::Error)]
pub enum RedeemError {
    #[error(transparent)]
    Dead(#[from] DeadInvite),
    #[error("invalid form")]
    Invalid(FieldErrors),
    /// The server is down or did not answer: try again later.
    #[error("the server is unavailable: {0}")]
    ServerUnavailable(String),
    /// The server refused for a reason of its own (policy, disk…).
    #[error("the server refused: {0}")]
    ServerRefused(String),
    /// The component is not allowed to create accounts: the operator must fix it.
    #[error("the component is not permitted: {0}")]
    NotPermitted(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for RedeemError {
    fn from(e: StoreError) -> Self {
        RedeemError::Internal(e.to_string())
    }
}

/// Password rules for web registration.
#[derive(Debug, Clone, Copy)]
pub struct PasswordPolicy {
    pub min_chars: usize,
    pub max_chars: usize,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            min_chars: 8,
            max_chars: 1024,
        }
    }
}

/// An account was created.
#[derive(Debug, Clone)]
pub struct Registered {
    pub jid: String,
    /// Effects queued for delivery (roster writes, notification).
    pub outbox: Vec<OutboxId>,
}

/// An existing address accepted a contact invite.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub address: String,
    pub inviter: String,
    pub outbox: Vec<OutboxId>,
}

/// Words the inviter's notification; wired to the message catalogue.
pub type NotifyText = dyn Fn(&str) -> String + Send + Sync;

/// Words the confirmation request sent to a local invitee, from the
/// inviter's JID and the confirmation URL.
pub type ConfirmText = dyn Fn(&str, &str) -> String + Send + Sync;

/// What accepting with an existing address did.
#[derive(Debug, Clone)]
pub enum Acceptance {
    /// Done: the inviter's side is written (remote address).
    Done(Accepted),
    /// The address is on the served domain: both rosters will be written
    /// once its owner confirms from their own account, with the link just
    /// sent to them. Nobody holding the token can thus make a local user
    /// the contact of someone without their consent.
    ConfirmationSent {
        address: String,
        outbox: Vec<OutboxId>,
    },
}

/// Name of the stored key that signs confirmation links.
const CONFIRM_KEY: &str = "confirm-local-address";

/// The redemption use cases.
pub struct RedeemService {
    store: Arc<dyn InviteStore>,
    server: Arc<dyn ServerOps>,
    clock: Arc<dyn Clock>,
    domain: String,
    passwords: PasswordPolicy,
    notify_text: Arc<NotifyText>,
    confirmation: Option<(Links, Arc<ConfirmText>)>,
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, RedeemError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| RedeemError::Internal(format!("store task failed: {e}")))?
        .map_err(Into::into)
}

impl RedeemService {
    pub fn new(
        store: Arc<dyn InviteStore>,
        server: Arc<dyn ServerOps>,
        clock: Arc<dyn Clock>,
        domain: impl Into<String>,
        passwords: PasswordPolicy,
        notify_text: Arc<NotifyText>,
    ) -> RedeemService {
        RedeemService {
            store,
            server,
            clock,
            domain: domain.into(),
            passwords,
            notify_text,
            confirmation: None,
        }
    }

    /// Enables existing-address acceptance for users of the served domain
    /// (confirmation links are built with `links`).
    pub fn with_local_confirmation(
        mut self,
        links: Links,
        text: Arc<ConfirmText>,
    ) -> RedeemService {
        self.confirmation = Some((links, text));
        self
    }

    async fn confirmation_code(
        &self,
        id: InviteId,
        address: &str,
    ) -> Result<Hmac<Sha256>, RedeemError> {
        let store = self.store.clone();
        let key = blocking(move || store.key(CONFIRM_KEY)).await?;
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
        mac.update(&id.0.to_be_bytes());
        mac.update(address.as_bytes());
        Ok(mac)
    }

    pub fn domain(&self) -> &str {
        &self.domain
    }

    pub fn password_policy(&self) -> PasswordPolicy {
        self.passwords
    }

    /// The live invite behind `token`, or why there is none.
    pub async fn view(&self, token: &str) -> Result<InviteView, RedeemError> {
        let token = Token::parse(token).map_err(|_| DeadInvite::NotFound)?;
        let store = self.store.clone();
        let hash = token.hash();
        let invite = blocking(move || store.find_by_token_hash(&hash))
            .await?
            .ok_or(DeadInvite::NotFound)?;
        let invite = self.live(invite)?;
        Ok(InviteView { invite, token })
    }

    /// The invite if it can still be used, or why not.
    fn live(&self, invite: Invite) -> Result<Invite, RedeemError> {
        match invite.state(self.clock.now()) {
            InviteState::Live => Ok(invite),
            InviteState::Revoked => Err(DeadInvite::NotFound.into()),
            InviteState::Expired => Err(DeadInvite::Expired.into()),
            InviteState::UsedUp => Err(DeadInvite::UsedUp.into()),
        }
    }

    /// A live invite by its id (confirmation links carry the id, never the
    /// token).
    async fn live_by_id(&self, id: i64) -> Result<Invite, RedeemError> {
        let store = self.store.clone();
        let invite = blocking(move || store.find_by_id(InviteId(id)))
            .await?
            .ok_or(DeadInvite::NotFound)?;
        self.live(invite)
    }

    /// Checks a registration form without touching the server.
    fn check_registration(
        &self,
        invite: &Invite,
        username: &str,
        password: &str,
        confirm: &str,
    ) -> (Option<String>, FieldErrors) {
        let mut errors = FieldErrors::default();
        let localpart = match normalise_username(username) {
            Ok(n) => Some(n),
            Err(_) if username.trim().is_empty() => {
                errors.username = Some(FieldError::UsernameEmpty);
                None
            }
            Err(_) => {
                errors.username = Some(FieldError::UsernameInvalid);
                None
            }
        };
        if let (Some(fixed), Some(name)) = (&invite.reserved_username, &localpart) {
            if fixed != name {
                errors.username = Some(FieldError::UsernameFixed(fixed.clone()));
            }
        }
        let chars = password.chars().count();
        if chars < self.passwords.min_chars {
            errors.password = Some(FieldError::PasswordTooShort(self.passwords.min_chars));
        } else if chars > self.passwords.max_chars {
            errors.password = Some(FieldError::PasswordTooLong(self.passwords.max_chars));
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

    /// Creates an account with an invite that allows registration. One use
    /// is claimed before asking the server and given back if the server
    /// refuses, so concurrent submissions of a single-use invite create one
    /// account at most, and a failure costs the invitee nothing.
    pub async fn register(
        &self,
        token: &str,
        username: &str,
        password: &str,
        confirm: &str,
    ) -> Result<Registered, RedeemError> {
        let view = self.view(token).await?;
        let invite = view.invite;
        if !invite.kind.allows_registration() {
            return Err(DeadInvite::NotFound.into());
        }
        let (localpart, mut errors) = self.check_registration(&invite, username, password, confirm);
        if let (Some(name), None) = (&localpart, &errors.username) {
            let (store, name, id, now) = (
                self.store.clone(),
                name.clone(),
                invite.id,
                self.clock.now(),
            );
            if blocking(move || store.username_reserved_elsewhere(&name, id, now)).await? {
                errors.username = Some(FieldError::UsernameReserved);
            }
        }
        let Some(localpart) = localpart.filter(|_| errors.is_empty()) else {
            return Err(RedeemError::Invalid(errors));
        };

        let (store, id, now) = (self.store.clone(), invite.id, self.clock.now());
        if !blocking(move || store.claim_use(id, now)).await? {
            // Someone else took the last use a moment ago (or it expired).
            return Err(match self.view(token).await {
                Err(e) => e,
                Ok(_) => DeadInvite::UsedUp.into(),
            });
        }
        if let Err(e) = self.server.create_account(&localpart, password).await {
            let store = self.store.clone();
            blocking(move || store.release_use(id)).await?;
            return Err(match e {
                AccountError::Conflict => RedeemError::Invalid(FieldErrors {
                    username: Some(FieldError::UsernameTaken),
                    ..FieldErrors::default()
                }),
                AccountError::Unavailable(why) => RedeemError::ServerUnavailable(why),
                AccountError::Refused(why) => RedeemError::ServerRefused(why),
                AccountError::NotPermitted(why) => RedeemError::NotPermitted(why),
            });
        }

        let jid = format!("{localpart}@{}", self.domain);
        let mut effects = Vec::new();
        if invite.kind == InviteKind::AccountAndContact || invite.roster_subscription {
            effects.extend(mutual(&jid, &invite.creator));
        }
        effects.push(Effect::Notify {
            to: invite.creator.clone(),
            text: (self.notify_text)(&jid),
        });
        let (store, redeemer, now) = (self.store.clone(), jid.clone(), self.clock.now());
        let outbox = match blocking(move || store.record_redemption(id, &redeemer, now, &effects))
            .await
        {
            Ok(ids) => ids,
            Err(e) => {
                // The account exists: the invitee must hear so. What is
                // lost is logged for the operator to redo by hand.
                tracing::error!(%jid, inviter = %invite.creator, error = %e,
                    "account created but its redemption could not be recorded; roster entries were not written");
                Vec::new()
            }
        };
        Ok(Registered { jid, outbox })
    }

    /// Reads and checks the address typed on the existing-address form.
    fn check_address(&self, invite: &Invite, address: &str) -> Result<String, RedeemError> {
        let invalid = |e| {
            RedeemError::Invalid(FieldErrors {
                address: Some(e),
                ..FieldErrors::default()
            })
        };
        let address = match BareJid::new(address.trim()) {
            Ok(j) if j.node().is_some() => j.to_string(),
            _ => return Err(invalid(FieldError::AddressInvalid)),
        };
        if address == invite.creator {
            return Err(invalid(FieldError::AddressIsInviter));
        }
        Ok(address)
    }

    /// A live contact invite, or why not.
    async fn contact_view(&self, token: &str) -> Result<InviteView, RedeemError> {
        let view = self.view(token).await?;
        if !matches!(
            view.invite.kind,
            InviteKind::Contact | InviteKind::AccountAndContact
        ) {
            return Err(DeadInvite::NotFound.into());
        }
        Ok(view)
    }

    fn is_local(&self, address: &str) -> bool {
        address
            .rsplit_once('@')
            .is_some_and(|(_, d)| d == self.domain)
    }

    /// An existing XMPP user accepts a contact invite.
    ///
    /// Another server's user: the inviter's roster gets them with
    /// subscription `from`, so when their app then asks to see the
    /// inviter's presence, the inviter's server approves at once (Prosody
    /// answers a subscribe from a contact already in `from` with
    /// `subscribed`), with no manual approval.
    ///
    /// A user of the served domain: a confirmation link is sent to that
    /// account; see [`RedeemService::confirm_local`].
    pub async fn accept_existing(
        &self,
        token: &str,
        address: &str,
    ) -> Result<Acceptance, RedeemError> {
        let view = self.contact_view(token).await?;
        let invite = view.invite;
        let address = self.check_address(&invite, address)?;
        if self.is_local(&address) {
            let Some((links, text)) = &self.confirmation else {
                return Err(RedeemError::Internal(
                    "local confirmation is not configured".into(),
                ));
            };
            let code = URL_SAFE_NO_PAD.encode(
                self.confirmation_code(invite.id, &address)
                    .await?
                    .finalize()
                    .into_bytes(),
            );
            // The link carries the invite id and a code signed for that
            // invite and address, never the token: the message waits in the
            // outbox, and tokens are only ever stored hashed.
            let url = links.confirm_url(invite.id.0, &address, &code);
            let effects = [Effect::Notify {
                to: address.clone(),
                text: text(&invite.creator, &url),
            }];
            let (store, now) = (self.store.clone(), self.clock.now());
            let outbox = blocking(move || store.queue_effects(now, &effects)).await?;
            return Ok(Acceptance::ConfirmationSent { address, outbox });
        }
        let effects = vec![
            Effect::RosterItem {
                owner: invite.creator.clone(),
                contact: address.clone(),
                name: None,
                subscription: Subscription::From,
            },
            Effect::Notify {
                to: invite.creator.clone(),
                text: (self.notify_text)(&address),
            },
        ];
        self.consume(invite, address, effects)
            .await
            .map(Acceptance::Done)
    }

    /// Checks a confirmation link without using it (for the page that asks
    /// the local invitee to confirm). Returns the invite.
    pub async fn check_confirmation(
        &self,
        invite_id: i64,
        address: &str,
        code: &str,
    ) -> Result<Invite, RedeemError> {
        let invite = self.live_by_id(invite_id).await?;
        if !matches!(
            invite.kind,
            InviteKind::Contact | InviteKind::AccountAndContact
        ) {
            return Err(DeadInvite::NotFound.into());
        }
        let address = self.check_address(&invite, address)?;
        let tag = URL_SAFE_NO_PAD.decode(code).unwrap_or_default();
        if !self.is_local(&address)
            || self
                .confirmation_code(invite.id, &address)
                .await?
                .verify_slice(&tag)
                .is_err()
        {
            // A forged or mangled link reveals nothing more than a dead token.
            return Err(DeadInvite::NotFound.into());
        }
        Ok(invite)
    }

    /// The local invitee confirmed: both rosters are written (subscription
    /// both, as for a registration) and the invite is used.
    pub async fn confirm_local(
        &self,
        invite_id: i64,
        address: &str,
        code: &str,
    ) -> Result<Accepted, RedeemError> {
        let invite = self.check_confirmation(invite_id, address, code).await?;
        let address = self.check_address(&invite, address)?;
        let mut effects = mutual(&address, &invite.creator).to_vec();
        effects.push(Effect::Notify {
            to: invite.creator.clone(),
            text: (self.notify_text)(&address),
        });
        self.consume(invite, address, effects).await
    }

    async fn consume(
        &self,
        invite: Invite,
        address: String,
        effects: Vec<Effect>,
    ) -> Result<Accepted, RedeemError> {
        let (store, id, redeemer, now) = (
            self.store.clone(),
            invite.id,
            address.clone(),
            self.clock.now(),
        );
        match blocking(move || store.consume_use(id, &redeemer, now, &effects)).await? {
            Some(outbox) => Ok(Accepted {
                address,
                inviter: invite.creator,
                outbox,
            }),
            // Someone else took the last use a moment ago, or it expired.
            None => Err(match self.live_by_id(id.0).await {
                Err(e) => e,
                Ok(_) => DeadInvite::UsedUp.into(),
            }),
        }
    }
}

/// Both roster entries that make two local accounts mutual contacts.
fn mutual(a: &str, b: &str) -> [Effect; 2] {
    let item = |owner: &str, contact: &str| Effect::RosterItem {
        owner: owner.to_owned(),
        contact: contact.to_owned(),
        name: None,
        subscription: Subscription::Both,
    };
    [item(a, b), item(b, a)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Timestamp;
    use crate::domain::links::Links;
    use crate::domain::service::{Limits, MintRequest};
    use crate::domain::{EffectError, InviteService, Policy, SystemClock};
    use crate::store::SqliteStore;
    use futures::future::BoxFuture;
    use std::sync::Mutex;

    /// A server that records accounts and can be told to fail.
    #[derive(Default)]
    struct FakeServer {
        accounts: Mutex<Vec<(String, String)>>,
        fail: Mutex<Option<AccountError>>,
    }

    impl ServerOps for FakeServer {
        fn create_account<'a>(
            &'a self,
            l: &'a str,
            p: &'a str,
        ) -> BoxFuture<'a, Result<(), AccountError>> {
            Box::pin(async move {
                // Yield so concurrent callers really interleave.
                tokio::task::yield_now().await;
                if let Some(e) = self.fail.lock().unwrap().clone() {
                    return Err(e);
                }
                let mut accounts = self.accounts.lock().unwrap();
                if accounts.iter().any(|(a, _)| a == l) {
                    return Err(AccountError::Conflict);
                }
                accounts.push((l.to_owned(), p.to_owned()));
                Ok(())
            })
        }
        fn apply<'a>(&'a self, _: &'a Effect) -> BoxFuture<'a, Result<(), EffectError>> {
            Box::pin(async { Ok(()) })
        }
    }

    struct World {
        mint: InviteService,
        redeem: RedeemService,
        store: Arc<SqliteStore>,
        server: Arc<FakeServer>,
    }

    fn world() -> World {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let server = Arc::new(FakeServer::default());
        let admin = BareJid::new("admin@example.org").unwrap();
        let mint = InviteService::new(
            store.clone(),
            Policy::new("example.org", [admin], false, true),
            Links::new("example.org", "https://i.example.org"),
            Limits::default(),
            Arc::new(SystemClock),
        );
        let redeem = RedeemService::new(
            store.clone(),
            server.clone(),
            Arc::new(SystemClock),
            "example.org",
            PasswordPolicy::default(),
            Arc::new(|jid: &str| format!("{jid} accepted your invite")),
        )
        .with_local_confirmation(
            Links::new("example.org", "https://i.example.org"),
            Arc::new(|inviter: &str, url: &str| format!("{inviter} invites you: {url}")),
        );
        World {
            mint,
            redeem,
            store,
            server,
        }
    }

    fn admin() -> BareJid {
        BareJid::new("admin@example.org").unwrap()
    }

    fn effects(w: &World) -> Vec<Effect> {
        w.store
            .due_effects(Timestamp(i64::MAX), 100)
            .unwrap()
            .into_iter()
            .map(|i| i.effect)
            .collect()
    }

    const PW: &str = "a good passphrase";

    #[tokio::test]
    async fn registration_with_an_admin_contact_invite_makes_mutual_contacts() {
        let w = world();
        let m = w.mint.mint_contact_invite(&admin()).unwrap();
        let r = w
            .redeem
            .register(m.token.expose(), "Bob", PW, PW)
            .await
            .unwrap();
        assert_eq!(r.jid, "bob@example.org");
        assert_eq!(r.outbox.len(), 3);
        assert_eq!(
            *w.server.accounts.lock().unwrap(),
            [("bob".to_owned(), PW.to_owned())]
        );
        assert_eq!(
            effects(&w),
            [
                Effect::RosterItem {
                    owner: "bob@example.org".into(),
                    contact: "admin@example.org".into(),
                    name: None,
                    subscription: Subscription::Both
                },
                Effect::RosterItem {
                    owner: "admin@example.org".into(),
                    contact: "bob@example.org".into(),
                    name: None,
                    subscription: Subscription::Both
                },
                Effect::Notify {
                    to: "admin@example.org".into(),
                    text: "bob@example.org accepted your invite".into()
                },
            ]
        );
        // Used up now.
        let e = w
            .redeem
            .register(m.token.expose(), "bob2", PW, PW)
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)), "{e:?}");
    }

    #[tokio::test]
    async fn account_invite_without_roster_subscription_only_notifies() {
        let w = world();
        let m = w
            .mint
            .mint_account_invite(&admin(), MintRequest::default())
            .unwrap();
        w.redeem
            .register(m.token.expose(), "carol", PW, PW)
            .await
            .unwrap();
        assert_eq!(effects(&w).len(), 1);
    }

    #[tokio::test]
    async fn contact_only_invites_cannot_register() {
        let w = world();
        let m = w
            .mint
            .mint_contact_invite(&BareJid::new("bob@example.org").unwrap())
            .unwrap();
        let e = w
            .redeem
            .register(m.token.expose(), "x", PW, PW)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Dead(DeadInvite::NotFound)),
            "{e:?}"
        );
    }

    #[tokio::test]
    async fn form_errors_are_per_field_and_cost_nothing() {
        let w = world();
        let m = w
            .mint
            .mint_account_invite(
                &admin(),
                MintRequest {
                    username: Some("juliet".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        let t = m.token.expose();
        let errs = |e: RedeemError| match e {
            RedeemError::Invalid(f) => f,
            other => panic!("{other:?}"),
        };
        let f = errs(
            w.redeem
                .register(t, "romeo", "short", "other")
                .await
                .unwrap_err(),
        );
        assert_eq!(f.username, Some(FieldError::UsernameFixed("juliet".into())));
        assert_eq!(f.password, Some(FieldError::PasswordTooShort(8)));
        assert_eq!(f.confirm, Some(FieldError::PasswordMismatch));
        let f = errs(
            w.redeem
                .register(t, "juliet", "Juliet", "Juliet")
                .await
                .unwrap_err(),
        );
        assert_eq!(f.password, Some(FieldError::PasswordTooShort(8)));
        let f = errs(
            w.redeem
                .register(t, "juliet", "juliet", "juliet")
                .await
                .unwrap_err(),
        );
        assert_eq!(f.password, Some(FieldError::PasswordTooShort(8)));
        // A password that merely contains the name is allowed, and the
        // reserved name matches case-insensitively.
        let r = w
            .redeem
            .register(t, "Juliet", "juliet1234", "juliet1234")
            .await
            .unwrap();
        assert_eq!(r.jid, "juliet@example.org");
        let w = world();
        let m = w
            .mint
            .mint_account_invite(&admin(), MintRequest::default())
            .unwrap();
        let f = errs(
            w.redeem
                .register(m.token.expose(), "a b", PW, PW)
                .await
                .unwrap_err(),
        );
        assert_eq!(f.username, Some(FieldError::UsernameInvalid));
        let f = errs(
            w.redeem
                .register(
                    m.token.expose(),
                    " ",
                    "a good passphrase",
                    "a good passphrase",
                )
                .await
                .unwrap_err(),
        );
        assert_eq!(f.username, Some(FieldError::UsernameEmpty));
        let f = errs(
            w.redeem
                .register(m.token.expose(), "Longname1", "longname1", "longname1")
                .await
                .unwrap_err(),
        );
        assert_eq!(f.password, Some(FieldError::PasswordIsUsername));
        assert!(w.server.accounts.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_name_reserved_by_another_invite_cannot_be_taken() {
        let w = world();
        w.mint
            .mint_account_invite(
                &admin(),
                MintRequest {
                    username: Some("juliet".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        let open = w
            .mint
            .mint_account_invite(&admin(), MintRequest::default())
            .unwrap();
        let e = w
            .redeem
            .register(open.token.expose(), "Juliet", PW, PW)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Invalid(ref f) if f.username == Some(FieldError::UsernameReserved)),
            "{e:?}"
        );
    }

    #[tokio::test]
    async fn server_failures_give_the_use_back() {
        let w = world();
        let m = w
            .mint
            .mint_account_invite(&admin(), MintRequest::default())
            .unwrap();
        let t = m.token.expose();
        for (fail, check) in [
            (AccountError::Unavailable("down".into()), "unavailable"),
            (AccountError::Conflict, "taken"),
            (AccountError::NotPermitted("admins".into()), "permitted"),
            (AccountError::Refused("disk".into()), "refused"),
        ] {
            *w.server.fail.lock().unwrap() = Some(fail);
            let e = w.redeem.register(t, "dave", PW, PW).await.unwrap_err();
            let ok = match (&e, check) {
                (RedeemError::ServerUnavailable(_), "unavailable") => true,
                (RedeemError::Invalid(f), "taken") => f.username == Some(FieldError::UsernameTaken),
                (RedeemError::NotPermitted(_), "permitted") => true,
                (RedeemError::ServerRefused(_), "refused") => true,
                _ => false,
            };
            assert!(ok, "{check}: {e:?}");
            assert_eq!(
                w.store
                    .find_by_token_hash(&m.token.hash())
                    .unwrap()
                    .unwrap()
                    .uses,
                0
            );
        }
        *w.server.fail.lock().unwrap() = None;
        w.redeem.register(t, "dave", PW, PW).await.unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_registrations_on_a_single_use_invite_create_one_account() {
        let w = Arc::new(world());
        let m = w
            .mint
            .mint_account_invite(&admin(), MintRequest::default())
            .unwrap();
        let tasks: Vec<_> = (0..20)
            .map(|n| {
                let (w, t) = (w.clone(), m.token.expose().to_owned());
                tokio::spawn(async move {
                    w.redeem
                        .register(&t, &format!("user{n}"), PW, PW)
                        .await
                        .is_ok()
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            ok += usize::from(t.await.unwrap());
        }
        assert_eq!(ok, 1);
        assert_eq!(w.server.accounts.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn existing_address_accepts_a_contact_invite() {
        let w = world();
        let bob = BareJid::new("bob@example.org").unwrap();
        let m = w.mint.mint_contact_invite(&bob).unwrap();
        let t = m.token.expose();
        let e = w
            .redeem
            .accept_existing(t, "not an address")
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Invalid(ref f) if f.address == Some(FieldError::AddressInvalid))
        );
        let e = w
            .redeem
            .accept_existing(t, "bob@example.org")
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Invalid(ref f) if f.address == Some(FieldError::AddressIsInviter))
        );
        let Acceptance::Done(a) = w
            .redeem
            .accept_existing(t, " Eve@Other.org ")
            .await
            .unwrap()
        else {
            panic!("a remote address needs no confirmation");
        };
        assert_eq!(a.address, "eve@other.org");
        assert_eq!(
            effects(&w)[0],
            Effect::RosterItem {
                owner: "bob@example.org".into(),
                contact: "eve@other.org".into(),
                name: None,
                subscription: Subscription::From
            }
        );
        let e = w
            .redeem
            .accept_existing(t, "eve@other.org")
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)));
    }

    #[tokio::test]
    async fn malformed_and_unknown_tokens_are_not_found() {
        let w = world();
        for t in ["", "short", "AAAAAAAAAAAAAAAAAAAAAAAA"] {
            let e = w.redeem.view(t).await.unwrap_err();
            assert!(
                matches!(e, RedeemError::Dead(DeadInvite::NotFound)),
                "{t}: {e:?}"
            );
        }
    }

    #[tokio::test]
    async fn local_addresses_confirm_from_their_own_account() {
        let w = world();
        let bob = BareJid::new("bob@example.org").unwrap();
        let m = w.mint.mint_contact_invite(&bob).unwrap();
        let t = m.token.expose();
        let Acceptance::ConfirmationSent { address, outbox } = w
            .redeem
            .accept_existing(t, "carol@example.org")
            .await
            .unwrap()
        else {
            panic!("a local address must confirm");
        };
        assert_eq!(address, "carol@example.org");
        assert_eq!(outbox.len(), 1);
        // The invite is not used yet, and carol got a link.
        assert_eq!(
            w.store
                .find_by_token_hash(&m.token.hash())
                .unwrap()
                .unwrap()
                .uses,
            0
        );
        let Effect::Notify { to, text } = effects(&w).remove(0) else {
            panic!()
        };
        assert_eq!(to, "carol@example.org");
        let url = text.split_once(": ").unwrap().1;
        let query = url.split_once('?').unwrap().1;
        let code = query.split("code=").nth(1).unwrap();
        assert!(url.starts_with(&format!(
            "https://i.example.org/confirm?invite={}&address=carol%40example.org&code=",
            m.id.0
        )));
        // A forged code or another address does not pass.
        assert!(
            w.redeem
                .confirm_local(m.id.0, "carol@example.org", "AAAA")
                .await
                .is_err()
        );
        assert!(
            w.redeem
                .confirm_local(m.id.0, "dave@example.org", code)
                .await
                .is_err()
        );
        assert_eq!(
            w.redeem
                .check_confirmation(m.id.0, "carol@example.org", code)
                .await
                .unwrap()
                .creator,
            "bob@example.org"
        );
        let a = w
            .redeem
            .confirm_local(m.id.0, "carol@example.org", code)
            .await
            .unwrap();
        assert_eq!(a.outbox.len(), 3);
        let all = effects(&w);
        assert!(all.contains(&Effect::RosterItem {
            owner: "carol@example.org".into(),
            contact: "bob@example.org".into(),
            name: None,
            subscription: Subscription::Both
        }));
        assert!(all.contains(&Effect::RosterItem {
            owner: "bob@example.org".into(),
            contact: "carol@example.org".into(),
            name: None,
            subscription: Subscription::Both
        }));
        let e = w
            .redeem
            .confirm_local(m.id.0, "carol@example.org", code)
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)), "{e:?}");
    }
}
