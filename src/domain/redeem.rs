//! Accepting invites: the one redemption pipeline every path goes through
//! (web registration, an existing address, a local confirmation), and the
//! reconciliation of registrations whose outcome was lost.
//!
//! A registration is a small state machine persisted before each external
//! step, so that neither a client that disconnects nor a process that dies
//! can leave it half done:
//!
//! 1. **claimed** — one transaction takes a use of the invite and records a
//!    pending claim for the localpart (`claims`), *before* the server is
//!    asked for the account;
//! 2. **account requested** — XEP-0133 add-user (or the server's
//!    equivalent) runs, on a task of its own that the caller's
//!    cancellation cannot cut; its first stage, which creates nothing
//!    (the form), goes out while step 1 is flushed to disk;
//! 3. **account confirmed, effects queued** — one transaction records the
//!    redemption, queues both roster entries and the notification, and
//!    drops the claim; a definite refusal instead gives the use back and
//!    drops the claim. Not flushed to disk at once: a power loss that
//!    undoes it leaves the claim of step 1, which reconciliation completes
//!    again;
//! 4. **done** — the roster entries are delivered before the answer (the
//!    outbox retries anything that is not).
//!
//! A claim left in between (the process died, or the server's answer to
//! add-user was lost) is found by [`RedeemService::reconcile`], which asks
//! the server whether the account exists and then completes or releases it.
//!
//! A password reset is shorter and cannot be reconciled that way (nobody
//! can ask the server whether a password was changed): the use is taken,
//! the password set, the redemption recorded; a definite refusal gives the
//! use back; a lost answer is settled by asking once more with the same
//! password (setting it twice changes nothing), and if that too gets no
//! definite answer the use is kept and the invitee and the inviter are
//! told that the new password may or may not be in force. See
//! [`How::ResetPassword`].

use super::groups;
use super::invite::{Invite, InviteKind, InviteState};
use super::links::Links;
use super::mint::normalise_username;
use super::policy::SharedPolicy;
use super::registration::{self, FieldError, FieldErrors, PasswordPolicy, ReservedNames};
use super::server::{AccountError, Delivery, Effect, ServerOps, Subscription};
use super::time::Clock;
use super::token::Token;
use super::{
    ClaimId, ClaimOutcome, ConfirmationLimits, InviteId, InviteStore, OutboxId, StoreError,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use xmpp_parsers::jid::{BareJid, DomainPart, NodePart};

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
    /// The inviter (the creator of the invite).
    pub fn inviter(&self) -> &BareJid {
        &self.invite.creator
    }
}

/// Why a redemption did not happen. Only `Store` and `Internal` are our
/// fault; in every case but `Pending` the invite keeps its use.
#[derive(Debug, thiserror::Error)]
pub enum RedeemError {
    #[error(transparent)]
    Dead(#[from] DeadInvite),
    #[error("invalid form")]
    Invalid(FieldErrors),
    /// The server refused or could not create the account.
    #[error(transparent)]
    Server(AccountError),
    /// The account was requested but the answer was lost: the outcome is
    /// settled by reconciliation, or by the same registration retried.
    #[error("the outcome of the registration is not known yet: {0}")]
    Pending(String),
    /// The account asked for was already created with this very invite
    /// (say, the answer was lost and reconciliation completed it before
    /// the invitee retried): nothing to do but log in.
    #[error("{0} was already created with this invite")]
    AlreadyRegistered(BareJid),
    /// A password reset whose outcome is not known: the server's answers
    /// were lost, so the new password may or may not be in force. The use
    /// is kept (the link is spent either way), and the inviter is told.
    #[error("the outcome of the password reset is not known: {0}")]
    ResetUnknown(String),
    /// This invite or this address was sent too many confirmation messages.
    #[error("too many confirmation requests")]
    TooManyConfirmations,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl RedeemError {
    fn field(errors: FieldErrors) -> RedeemError {
        RedeemError::Invalid(errors)
    }
}

/// An account was created.
#[derive(Debug, Clone)]
pub struct Registered {
    pub jid: BareJid,
    /// Effects queued for delivery (roster writes, notification).
    pub outbox: Vec<OutboxId>,
    /// Whether all of them were delivered before the answer.
    pub delivered: bool,
}

/// A password was set with a reset invite.
#[derive(Debug, Clone)]
pub struct PasswordReset {
    pub jid: BareJid,
    /// The inviter's notification, queued.
    pub outbox: Vec<OutboxId>,
    /// Whether it was delivered before the answer.
    pub delivered: bool,
}

/// What the inviter of a password reset is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetNotice {
    /// The new password is set.
    Done,
    /// The server's answers were lost: it may or may not be.
    Unknown,
}

/// Words the inviter's notification of a password reset, from the
/// account's JID, in the inviter's language tag when known; wired to the
/// message catalogue.
pub type ResetText = dyn Fn(Option<&str>, &str, ResetNotice) -> String + Send + Sync;

/// An existing address accepted a contact invite.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub address: BareJid,
    pub inviter: BareJid,
    pub outbox: Vec<OutboxId>,
}

/// Words the inviter's notification, in the inviter's language tag when
/// known (the one they last used with the component); wired to the message
/// catalogue.
pub type NotifyText = dyn Fn(Option<&str>, &str) -> String + Send + Sync;

/// Words the confirmation request sent to a local invitee, from a language
/// tag (the invitee's if known, else the inviter's), the inviter's JID and
/// the confirmation URL.
pub type ConfirmText = dyn Fn(Option<&str>, &str, &str) -> String + Send + Sync;

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
        address: BareJid,
        outbox: Vec<OutboxId>,
    },
}

/// Which invite a redemption uses.
#[derive(Debug, Clone, Copy)]
pub enum InviteRef<'a> {
    /// The token from the invite link.
    Token(&'a str),
    /// A confirmation link sent to a local address: the invite's id and the
    /// code signed for it (the token is never sent in a message).
    Confirmation { invite: InviteId, code: &'a str },
}

/// Who redeems it, and how.
#[derive(Debug, Clone, Copy)]
pub enum How<'a> {
    /// A new account on the served domain, created by the component.
    NewAccount {
        username: &'a str,
        password: &'a str,
        confirm: &'a str,
    },
    /// An address the invitee already has (contact invites).
    ExistingAddress { address: &'a str },
    /// A local address confirming from the link sent to it.
    ConfirmLocal { address: &'a str },
    /// The server registers the account itself, in-band from an app
    /// (XEP-0445, through the server module), and asks first: step 1 of a
    /// registration, taking the use before the account exists. `attempt`
    /// names this registration (the module picks one per token check) so
    /// that its report back finds this claim and no other.
    AppClaim { username: &'a str, attempt: &'a str },
    /// The server created the account claimed with [`How::AppClaim`]:
    /// steps 3 and 4, as after the component's own add-user.
    AppRegistered { username: &'a str, attempt: &'a str },
    /// The server did not create it after all: the use is given back.
    AppAbandoned { username: &'a str, attempt: &'a str },
    /// A new password for the account a reset invite names, typed twice
    /// and held to the registration form's rules. Never creates an account
    /// and never touches a roster; the inviter is told.
    ResetPassword { password: &'a str, confirm: &'a str },
    /// A subscription request to `inviter` carrying the token (XEP-0379
    /// PARS), which the inviter's server approves once this has recorded
    /// it. The request comes from `contact`'s own account, so, unlike a
    /// typed address, it needs no confirmation.
    Subscription { inviter: &'a str, contact: &'a str },
}

impl How<'_> {
    /// The path's name in metrics and the audit log.
    pub fn path(&self) -> &'static str {
        match self {
            How::NewAccount { .. } => "web",
            How::ExistingAddress { .. } => "existing",
            How::ConfirmLocal { .. } => "confirm",
            How::AppClaim { .. } | How::AppRegistered { .. } | How::AppAbandoned { .. } => "app",
            How::Subscription { .. } => "pars",
            How::ResetPassword { .. } => "reset",
        }
    }
}

/// One redemption request: every path into the pipeline is one of these.
#[derive(Debug, Clone, Copy)]
pub struct Redemption<'a> {
    pub invite: InviteRef<'a>,
    pub how: How<'a>,
}

/// What a redemption did.
#[derive(Debug, Clone)]
pub enum Redeemed {
    /// An account was created (and its effects delivered or queued).
    Registered(Registered),
    /// An existing address became the inviter's contact.
    Accepted(Accepted),
    /// A local address was sent a confirmation link; nothing is used yet.
    ConfirmationSent {
        address: BareJid,
        outbox: Vec<OutboxId>,
    },
    /// A use is taken for the server's own registration of `jid`.
    Claimed { jid: BareJid },
    /// A claim was given back (or was already gone).
    Abandoned,
    /// A new password was set with a reset invite.
    PasswordReset(PasswordReset),
}

/// What one reconciliation round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// The account existed: the redemption was completed.
    pub completed: usize,
    /// No account: the use was given back.
    pub released: usize,
    /// The server could not tell: tried again next round.
    pub left: usize,
}

/// Name of the stored key that signs confirmation links.
const CONFIRM_KEY: &str = "confirm-local-address";
/// Name of the stored key that recognises a registrant's retry.
const REGISTRANT_KEY: &str = "registrant-check";
/// Marks a claim made for the server's own registration, so that its
/// registrant check can never equal a web registrant's.
const APP_ATTEMPT: &[u8] = b"\0app\0";

/// The rules of the registration form.
#[derive(Debug, Clone, Default)]
pub struct FormRules {
    pub passwords: PasswordPolicy,
    pub reserved: ReservedNames,
}

/// The redemption use cases.
pub struct RedeemService {
    store: Arc<dyn InviteStore>,
    server: Arc<dyn ServerOps>,
    delivery: Arc<dyn Delivery>,
    clock: Arc<dyn Clock>,
    domain: String,
    /// Replaced whole when the settings are reloaded (SIGHUP).
    rules: RwLock<Arc<FormRules>>,
    notify_text: Arc<NotifyText>,
    reset_text: Arc<ResetText>,
    confirmation: Option<(Links, Arc<ConfirmText>)>,
    confirmation_limits: ConfirmationLimits,
    /// The invite policy, checked again at redemption (see
    /// [`Policy::still_allows_registration`]); `None` checks nothing.
    policy: Option<SharedPolicy>,
    /// Claims a task of this process is working on: reconciliation leaves
    /// them alone, and a retry of the same registration waits its turn.
    active: Mutex<HashSet<ClaimId>>,
    /// The stored keys, read once: every registration and confirmation
    /// needs one, and they never change while the process runs.
    confirm_key: tokio::sync::OnceCell<[u8; 32]>,
    registrant_key: tokio::sync::OnceCell<[u8; 32]>,
    /// Held from reading a group's members to recording a join, so that
    /// two people joining at once still become each other's contacts.
    group_joins: tokio::sync::Mutex<()>,
}

/// Runs a store call on a blocking thread ([`super::blocking`]).
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, RedeemError> {
    super::blocking(f).await.map_err(Into::into)
}

/// Marks a claim as worked on by this process until dropped, whatever ends
/// the work (answer, error, panic).
struct ActiveClaim<'a> {
    service: &'a RedeemService,
    id: ClaimId,
}

impl Drop for ActiveClaim<'_> {
    fn drop(&mut self) {
        self.service.active().remove(&self.id);
    }
}

impl RedeemService {
    pub fn new(
        store: Arc<dyn InviteStore>,
        server: Arc<dyn ServerOps>,
        delivery: Arc<dyn Delivery>,
        clock: Arc<dyn Clock>,
        domain: impl Into<String>,
        rules: FormRules,
        notify_text: Arc<NotifyText>,
    ) -> RedeemService {
        RedeemService {
            store,
            server,
            delivery,
            clock,
            domain: domain.into(),
            rules: RwLock::new(Arc::new(rules)),
            notify_text,
            reset_text: Arc::new(
                |_: Option<&str>, jid: &str, notice: ResetNotice| match notice {
                    ResetNotice::Done => {
                        format!("{jid} set a new password with your reset invite.")
                    }
                    ResetNotice::Unknown => format!(
                        "{jid} used your reset invite, but the server did not confirm the new password."
                    ),
                },
            ),
            confirmation: None,
            confirmation_limits: ConfirmationLimits::default(),
            policy: None,
            active: Mutex::new(HashSet::new()),
            confirm_key: tokio::sync::OnceCell::new(),
            registrant_key: tokio::sync::OnceCell::new(),
            group_joins: tokio::sync::Mutex::new(()),
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

    /// Words the inviter's notification of a password reset (the default
    /// is English).
    pub fn with_reset_text(mut self, text: Arc<ResetText>) -> RedeemService {
        self.reset_text = text;
        self
    }

    /// Caps on confirmation messages (defaults: 5 per invite and 3 per
    /// recipient a day).
    pub fn with_confirmation_limits(mut self, limits: ConfirmationLimits) -> RedeemService {
        self.confirmation_limits = limits;
        self
    }

    /// Checks the minting policy again whenever an invite is used.
    pub fn with_policy(mut self, policy: SharedPolicy) -> RedeemService {
        self.policy = Some(policy);
        self
    }

    pub fn domain(&self) -> &str {
        &self.domain
    }

    pub fn password_policy(&self) -> PasswordPolicy {
        self.rules().passwords
    }

    /// The form rules in force now.
    fn rules(&self) -> Arc<FormRules> {
        self.rules.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Puts new form rules in force (a reload).
    pub fn set_rules(&self, rules: FormRules) {
        *self.rules.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(rules);
    }

    fn active(&self) -> std::sync::MutexGuard<'_, HashSet<ClaimId>> {
        self.active.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Marks `id` as worked on here; `None` if another task already is.
    fn activate(&self, id: ClaimId) -> Option<ActiveClaim<'_>> {
        // The lock is released before a guard can exist: the guard's drop
        // takes it again, and must never run for an id not inserted here.
        let inserted = self.active().insert(id);
        inserted.then(|| ActiveClaim { service: self, id })
    }

    async fn key(
        &self,
        cell: &tokio::sync::OnceCell<[u8; 32]>,
        name: &'static str,
    ) -> Result<Hmac<Sha256>, RedeemError> {
        let key = cell
            .get_or_try_init(|| {
                let store = self.store.clone();
                blocking(move || store.key(name))
            })
            .await?;
        Ok(Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length"))
    }

    /// The code a confirmation link carries: an HMAC over the invite's
    /// token hash (never reused, unlike its row id) and the address, so a
    /// link is good for that invite and address only, and dies with the
    /// invite.
    async fn confirmation_mac(
        &self,
        invite: &Invite,
        address: &BareJid,
    ) -> Result<Hmac<Sha256>, RedeemError> {
        let mut mac = self.key(&self.confirm_key, CONFIRM_KEY).await?;
        mac.update(&invite.token_hash.0);
        mac.update(address.as_str().as_bytes());
        Ok(mac)
    }

    /// Recognises a retry by the same registrant without keeping their
    /// password: a keyed hash of invite, localpart and password, stored
    /// with the claim only while it is pending.
    async fn registrant_check(
        &self,
        invite: InviteId,
        localpart: &str,
        password: &str,
    ) -> Result<[u8; 32], RedeemError> {
        let mut mac = self.key(&self.registrant_key, REGISTRANT_KEY).await?;
        mac.update(&invite.0.to_be_bytes());
        mac.update(localpart.as_bytes());
        mac.update(b"\0");
        mac.update(password.as_bytes());
        Ok(mac.finalize().into_bytes().into())
    }

    /// The live invite behind `token`, or why there is none.
    pub async fn view(&self, token: &str) -> Result<InviteView, RedeemError> {
        let token = Token::parse(token).map_err(|_| DeadInvite::NotFound)?;
        let hash = token.hash();
        let found = match self.store.find_by_token_hash_now(&hash) {
            Some(found) => found?,
            None => {
                let store = self.store.clone();
                blocking(move || store.find_by_token_hash(&hash)).await?
            }
        };
        let invite = found.ok_or(DeadInvite::NotFound)?;
        let invite = self.live(invite)?;
        Ok(InviteView { invite, token })
    }

    /// The live invite behind `token` if it is of a kind `usable` accepts;
    /// any other kind looks like no invite at all.
    pub async fn view_for(
        &self,
        token: &str,
        usable: fn(InviteKind) -> bool,
    ) -> Result<InviteView, RedeemError> {
        let view = self.view(token).await?;
        if !usable(view.invite.kind) {
            return Err(DeadInvite::NotFound.into());
        }
        Ok(view)
    }

    /// The invite if it can still be used, or why not.
    ///
    /// An invite whose creator may no longer issue its account part (no
    /// longer an admin, `allow_user_invites` turned off) loses it here, on
    /// every path at once: an account invite is dead, an
    /// account-and-contact invite is a contact invite.
    fn live(&self, mut invite: Invite) -> Result<Invite, RedeemError> {
        if let Some(policy) = self.policy.as_ref().map(SharedPolicy::get) {
            let registers = invite.kind.allows_registration() || invite.kind == InviteKind::Reset;
            if registers && !policy.still_allows_registration(&invite.creator, invite.kind) {
                match invite.kind {
                    InviteKind::AccountAndContact => invite.kind = InviteKind::Contact,
                    _ => return Err(DeadInvite::NotFound.into()),
                }
            }
        }
        match invite.state(self.clock.now()) {
            InviteState::Live => Ok(invite),
            InviteState::Revoked => Err(DeadInvite::NotFound.into()),
            InviteState::Expired => Err(DeadInvite::Expired.into()),
            InviteState::UsedUp => Err(DeadInvite::UsedUp.into()),
        }
    }

    async fn find(&self, id: InviteId) -> Result<Option<Invite>, RedeemError> {
        let store = self.store.clone();
        blocking(move || store.find_by_id(id)).await
    }

    /// Why a use could not be taken: the invite's state now.
    async fn no_use_left(&self, id: InviteId) -> RedeemError {
        match self.find(id).await {
            Ok(Some(invite)) => match self.live(invite) {
                Err(e) => e,
                Ok(_) => DeadInvite::UsedUp.into(),
            },
            Ok(None) => DeadInvite::NotFound.into(),
            Err(e) => e,
        }
    }

    /// The one entry of the redemption pipeline: every path (web
    /// registration, an existing address, a local confirmation; later app
    /// registration, PARS, group joins) says which invite and how, and the
    /// steps they share — a live invite of the right kind, field checks,
    /// taking a use exactly once, the account, recording with the effects,
    /// delivery before the answer — happen here.
    pub async fn redeem(self: &Arc<Self>, r: Redemption<'_>) -> Result<Redeemed, RedeemError> {
        let invite = self.audit_ref(r.invite).await;
        let result = self.dispatch(r).await;
        crate::ops::audit::redemption(r.how.path(), invite, &result);
        result
    }

    /// Which invite a redemption names, for its audit line and metrics
    /// (one indexed read; `None` when it names none).
    async fn audit_ref(&self, r: InviteRef<'_>) -> Option<(InviteId, InviteKind)> {
        let store = self.store.clone();
        let found = match r {
            InviteRef::Token(token) => {
                let hash = Token::parse(token).ok()?.hash();
                blocking(move || store.find_by_token_hash(&hash)).await
            }
            InviteRef::Confirmation { invite, .. } => {
                blocking(move || store.find_by_id(invite)).await
            }
        };
        found.ok().flatten().map(|i| (i.id, i.kind))
    }

    async fn dispatch(self: &Arc<Self>, r: Redemption<'_>) -> Result<Redeemed, RedeemError> {
        match (r.invite, r.how) {
            (
                InviteRef::Token(token),
                How::NewAccount {
                    username,
                    password,
                    confirm,
                },
            ) => self
                .register(token, username, password, confirm)
                .await
                .map(Redeemed::Registered),
            (InviteRef::Token(token), How::ExistingAddress { address }) => {
                Ok(match self.accept_existing(token, address).await? {
                    Acceptance::Done(a) => Redeemed::Accepted(a),
                    Acceptance::ConfirmationSent { address, outbox } => {
                        Redeemed::ConfirmationSent { address, outbox }
                    }
                })
            }
            (InviteRef::Confirmation { invite, code }, How::ConfirmLocal { address }) => self
                .confirm_local(invite, address, code)
                .await
                .map(Redeemed::Accepted),
            (InviteRef::Token(token), How::AppClaim { username, attempt }) => self
                .app_claim(token, username, attempt)
                .await
                .map(|jid| Redeemed::Claimed { jid }),
            (InviteRef::Token(token), How::AppRegistered { username, attempt }) => self
                .app_registered(token, username, attempt)
                .await
                .map(Redeemed::Registered),
            (InviteRef::Token(token), How::AppAbandoned { username, attempt }) => {
                self.app_abandoned(token, username, attempt).await?;
                Ok(Redeemed::Abandoned)
            }
            (InviteRef::Token(token), How::Subscription { inviter, contact }) => self
                .subscription(token, inviter, contact)
                .await
                .map(Redeemed::Accepted),
            (InviteRef::Token(token), How::ResetPassword { password, confirm }) => self
                .reset_password(token, password, confirm)
                .await
                .map(Redeemed::PasswordReset),
            // A path that does not exist (say, a confirmation code used to
            // register) looks like no invite at all.
            _ => Err(DeadInvite::NotFound.into()),
        }
    }

    /// Creates an account with an invite that allows registration.
    ///
    /// Field checks run on the caller's task; from the claim on, the work
    /// runs on a task of its own, so a client that disconnects mid-request
    /// cannot leave a use taken with no account, or an account without its
    /// rosters. Concurrent submissions of a single-use invite create one
    /// account at most, and a failure costs the invitee nothing.
    async fn register(
        self: &Arc<Self>,
        token: &str,
        username: &str,
        password: &str,
        confirm: &str,
    ) -> Result<Registered, RedeemError> {
        let invite = match self.view_for(token, InviteKind::allows_registration).await {
            Ok(view) => view.invite,
            Err(RedeemError::Dead(DeadInvite::UsedUp)) => {
                return Err(self
                    .used_up_by(token, username)
                    .await?
                    .unwrap_or(DeadInvite::UsedUp.into()));
            }
            Err(e) => return Err(e),
        };
        let rules = self.rules();
        let (localpart, mut errors) = registration::check_registration(
            &invite,
            rules.passwords,
            &rules.reserved,
            username,
            password,
            confirm,
        );
        if errors.password.is_none() && self.server.refuses_password(password) {
            errors.password = Some(FieldError::PasswordUnsupportedByServer);
        }
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
            return Err(RedeemError::field(errors));
        };
        let this = self.clone();
        let password = password.to_owned();
        tokio::spawn(async move { this.register_claimed(invite, localpart, password).await })
            .await
            .map_err(|e| RedeemError::Internal(format!("registration task failed: {e}")))?
    }

    /// Steps 1–4 of a registration, on its own task.
    async fn register_claimed(
        &self,
        invite: Invite,
        localpart: String,
        password: String,
    ) -> Result<Registered, RedeemError> {
        let check = self
            .registrant_check(invite.id, &localpart, &password)
            .await?;
        let (store, id, name, now) = (
            self.store.clone(),
            invite.id,
            localpart.clone(),
            self.clock.now(),
        );
        // The server's first, harmless step (add-user's form) runs while
        // the claim is flushed to disk; the account itself is asked for
        // only once the claim is there.
        let (claimed, start) = tokio::join!(
            blocking(move || store.begin_claim(id, &name, &check, now)),
            self.server.start_account()
        );
        let (claim, resumed) = match claimed {
            Ok(ClaimOutcome::Claimed(c)) => (c, false),
            Ok(ClaimOutcome::Resumed(c)) => (c, true),
            refused => {
                if let Ok(start) = start {
                    self.server.cancel_account(start).await;
                }
                return Err(match refused? {
                    ClaimOutcome::LocalpartBusy => {
                        RedeemError::field(FieldErrors::username(FieldError::UsernameTaken))
                    }
                    // NoUseLeft (the claimed outcomes are matched above).
                    _ => match self.taken_by_this_invite(&invite, &localpart).await? {
                        Some(already) => already,
                        None => self.no_use_left(invite.id).await,
                    },
                });
            }
        };
        let Some(_active) = self.activate(claim) else {
            // The first attempt of this very registration is still running.
            if let Ok(start) = start {
                self.server.cancel_account(start).await;
            }
            return Err(RedeemError::Pending(
                "the same registration is still in progress".into(),
            ));
        };
        // The inviter's language (for their notification) is read while
        // the server creates the account.
        let (created, lang) = tokio::join!(
            async {
                match start {
                    Ok(start) => {
                        self.server
                            .create_account(start, &localpart, &password)
                            .await
                    }
                    Err(e) => Err(e),
                }
            },
            self.language_of(&invite.creator)
        );
        match created {
            Ok(()) => {}
            // An earlier attempt of this registration, whose answer was
            // lost, created it: the retry completes instead of failing.
            Err(AccountError::Conflict) if resumed => {
                tracing::info!(
                    invite = invite.id.0,
                    "registration retried after a lost answer: completing"
                );
            }
            Err(AccountError::Indeterminate(why)) => {
                tracing::warn!(invite = invite.id.0, error = %why,
                    "no answer to the account creation; the claim is kept for reconciliation");
                return Err(RedeemError::Pending(why));
            }
            Err(e) => {
                self.release(claim).await?;
                return Err(match e {
                    AccountError::Conflict => {
                        RedeemError::field(FieldErrors::username(FieldError::UsernameTaken))
                    }
                    other => RedeemError::Server(other),
                });
            }
        }
        let jid = self.local_jid(&localpart)?;
        let outbox = self.complete(claim, &invite, &jid, lang).await?;
        let delivered = self.deliver(&outbox).await;
        Ok(Registered {
            jid,
            outbox,
            delivered,
        })
    }

    /// Sets a new password with a reset invite: the form's rules on the
    /// caller's task, then the rest on a task of its own (a client that
    /// disconnects cannot leave the use taken with the outcome untold).
    async fn reset_password(
        self: &Arc<Self>,
        token: &str,
        password: &str,
        confirm: &str,
    ) -> Result<PasswordReset, RedeemError> {
        let invite = self
            .view_for(token, |k| k == InviteKind::Reset)
            .await?
            .invite;
        let Some(localpart) = invite.reserved_username.clone() else {
            return Err(RedeemError::Internal(format!(
                "reset invite {} names no account",
                invite.id.0
            )));
        };
        // The registration form's password rules, with the account's name
        // as the username (so the password cannot be the name either).
        let rules = self.rules();
        let (_, errors) = registration::check_registration(
            &invite,
            rules.passwords,
            &rules.reserved,
            &localpart,
            password,
            confirm,
        );
        let errors = FieldErrors {
            password: errors.password,
            confirm: errors.confirm,
            ..FieldErrors::default()
        };
        if !errors.is_empty() {
            return Err(RedeemError::field(errors));
        }
        let jid = self.local_jid(&localpart)?;
        let this = self.clone();
        let password = password.to_owned();
        tokio::spawn(async move { this.reset_taken(invite, localpart, jid, password).await })
            .await
            .map_err(|e| RedeemError::Internal(format!("password reset task failed: {e}")))?
    }

    /// Takes the use, sets the password, records or gives back.
    ///
    /// A lost answer is asked again with the same password: the change is
    /// idempotent, so a definite success of the repeat means the password
    /// is set. Without one the use is kept, not given back: the password
    /// may have changed, and a link that stayed good would let whoever
    /// else holds it set another one after the owner believed it spent.
    /// (A process that dies between taking the use and recording it also
    /// leaves it taken; the admin then mints a new invite.)
    async fn reset_taken(
        &self,
        invite: Invite,
        localpart: String,
        jid: BareJid,
        password: String,
    ) -> Result<PasswordReset, RedeemError> {
        let (store, id, now) = (self.store.clone(), invite.id, self.clock.now());
        if !blocking(move || store.take_use(id, now)).await? {
            return Err(self.no_use_left(invite.id).await);
        }
        let mut result = self.server.change_password(&localpart, &password).await;
        if let Err(AccountError::Indeterminate(why)) = &result {
            tracing::warn!(invite = invite.id.0, error = %why,
                "no answer to the password change; asking once more with the same password");
            result = match self.server.change_password(&localpart, &password).await {
                Ok(()) => Ok(()),
                Err(again) => Err(AccountError::Indeterminate(format!(
                    "{why}; again: {again}"
                ))),
            };
        }
        let notice = match result {
            Ok(()) => ResetNotice::Done,
            Err(AccountError::Indeterminate(why)) => {
                tracing::warn!(invite = invite.id.0, error = %why,
                    "password reset outcome unknown; the invite's use is kept");
                self.record_reset(&invite, &jid, ResetNotice::Unknown).await;
                return Err(RedeemError::ResetUnknown(why));
            }
            Err(e) => {
                let (store, id) = (self.store.clone(), invite.id);
                blocking(move || store.give_back_use(id)).await?;
                return Err(RedeemError::Server(e));
            }
        };
        let (outbox, delivered) = self.record_reset(&invite, &jid, notice).await;
        Ok(PasswordReset {
            jid,
            outbox,
            delivered,
        })
    }

    /// Records a spent reset invite and tells its inviter. The password is
    /// already set (or may be): a failure to record is logged, not
    /// answered, since the invitee's new password works either way.
    async fn record_reset(
        &self,
        invite: &Invite,
        jid: &BareJid,
        notice: ResetNotice,
    ) -> (Vec<OutboxId>, bool) {
        let mut effects = Vec::new();
        // Invites made on the command line name the domain: nobody to tell.
        if invite.creator.node().is_some() {
            let lang = self.language_of(&invite.creator).await;
            effects.push(Effect::Notify {
                to: invite.creator.clone(),
                text: (self.reset_text)(lang.as_deref(), jid.as_str(), notice),
            });
        }
        let (store, id, who, now) = (
            self.store.clone(),
            invite.id,
            jid.to_string(),
            self.clock.now(),
        );
        match blocking(move || store.record_taken_use(id, &who, now, &effects)).await {
            Ok(outbox) => {
                let delivered = self.deliver(&outbox).await;
                (outbox, delivered)
            }
            Err(e) => {
                tracing::error!(invite = invite.id.0, error = %e,
                    "password reset done but not recorded; the invite's use stays taken");
                (Vec::new(), false)
            }
        }
    }

    /// The registrant check of a registration the server performs itself.
    async fn app_check(
        &self,
        invite: InviteId,
        localpart: &str,
        attempt: &str,
    ) -> Result<[u8; 32], RedeemError> {
        let mut mac = self.key(&self.registrant_key, REGISTRANT_KEY).await?;
        mac.update(&invite.0.to_be_bytes());
        mac.update(localpart.as_bytes());
        mac.update(APP_ATTEMPT);
        mac.update(attempt.as_bytes());
        Ok(mac.finalize().into_bytes().into())
    }

    /// Step 1 for a registration the server performs itself: the same
    /// checks and the same claim as a web registration, so the two paths
    /// share one count of uses and one lock per name.
    async fn app_claim(
        &self,
        token: &str,
        username: &str,
        attempt: &str,
    ) -> Result<BareJid, RedeemError> {
        let invite = match self.view_for(token, InviteKind::allows_registration).await {
            Ok(view) => view.invite,
            // This very attempt may hold the last use: asking again resumes.
            Err(RedeemError::Dead(DeadInvite::UsedUp)) => {
                return match self.app_claim_of(token, username, attempt).await? {
                    (_, localpart, Some(_)) => self.local_jid(&localpart),
                    _ => Err(DeadInvite::UsedUp.into()),
                };
            }
            Err(e) => return Err(e),
        };
        let localpart = registration::check_username(&invite, &self.rules().reserved, username)
            .map_err(|(e, _)| RedeemError::field(FieldErrors::username(e)))?;
        let (store, name, id, now) = (
            self.store.clone(),
            localpart.clone(),
            invite.id,
            self.clock.now(),
        );
        if blocking(move || store.username_reserved_elsewhere(&name, id, now)).await? {
            return Err(RedeemError::field(FieldErrors::username(
                FieldError::UsernameReserved,
            )));
        }
        let check = self.app_check(invite.id, &localpart, attempt).await?;
        let (store, name) = (self.store.clone(), localpart.clone());
        match blocking(move || store.begin_claim(id, &name, &check, now)).await? {
            ClaimOutcome::Claimed(_) | ClaimOutcome::Resumed(_) => self.local_jid(&localpart),
            ClaimOutcome::LocalpartBusy => Err(RedeemError::field(FieldErrors::username(
                FieldError::UsernameTaken,
            ))),
            ClaimOutcome::NoUseLeft => Err(self.no_use_left(id).await),
        }
    }

    /// The invite behind `token` whatever its state (a claim's report back
    /// must find it even if that claim took its last use), with the
    /// normalised localpart and the attempt's check.
    async fn app_claim_of(
        &self,
        token: &str,
        username: &str,
        attempt: &str,
    ) -> Result<(Invite, String, Option<ClaimId>), RedeemError> {
        let (Ok(token), Ok(localpart)) = (Token::parse(token), normalise_username(username)) else {
            return Err(DeadInvite::NotFound.into());
        };
        let (store, hash) = (self.store.clone(), token.hash());
        let invite = blocking(move || store.find_by_token_hash(&hash))
            .await?
            .ok_or(DeadInvite::NotFound)?;
        let check = self.app_check(invite.id, &localpart, attempt).await?;
        let (store, id, name) = (self.store.clone(), invite.id, localpart.clone());
        let claim = blocking(move || store.pending_claim(id, &name, &check)).await?;
        Ok((invite, localpart, claim))
    }

    /// Steps 3 and 4 for a registration the server performed itself.
    async fn app_registered(
        &self,
        token: &str,
        username: &str,
        attempt: &str,
    ) -> Result<Registered, RedeemError> {
        let (invite, localpart, claim) = self.app_claim_of(token, username, attempt).await?;
        let jid = self.local_jid(&localpart)?;
        let Some(claim) = claim else {
            let (store, id, who) = (self.store.clone(), invite.id, jid.to_string());
            if blocking(move || store.redeemed_by(id, &who)).await? {
                // Reconciliation got there first: already recorded.
                return Ok(Registered {
                    jid,
                    outbox: Vec::new(),
                    delivered: true,
                });
            }
            // The claim was given back before the account appeared (a
            // report that came very late): the account exists, so it is
            // recorded now if the invite still has a use for it.
            tracing::warn!(
                invite = invite.id.0,
                "a registration by the server was reported after its claim was released"
            );
            let _group = self.group_guard(&invite).await;
            let lang = self.language_of(&invite.creator).await;
            let effects = self
                .with_group(
                    &invite,
                    &jid,
                    self.registration_effects(&invite, &jid, lang.as_deref()),
                )
                .await?;
            let (store, id, redeemer, now) = (
                self.store.clone(),
                invite.id,
                jid.to_string(),
                self.clock.now(),
            );
            let outbox = blocking(move || store.consume_use(id, &redeemer, now, &effects))
                .await?
                .ok_or(DeadInvite::UsedUp)?;
            let delivered = self.deliver(&outbox).await;
            return Ok(Registered {
                jid,
                outbox,
                delivered,
            });
        };
        let Some(_active) = self.activate(claim) else {
            return Err(RedeemError::Pending(
                "the registration is being settled".into(),
            ));
        };
        let lang = self.language_of(&invite.creator).await;
        let outbox = self.complete(claim, &invite, &jid, lang).await?;
        let delivered = self.deliver(&outbox).await;
        Ok(Registered {
            jid,
            outbox,
            delivered,
        })
    }

    /// The server did not create the account it claimed: the use goes back.
    async fn app_abandoned(
        &self,
        token: &str,
        username: &str,
        attempt: &str,
    ) -> Result<(), RedeemError> {
        let (invite, _, claim) = self.app_claim_of(token, username, attempt).await?;
        if let Some(claim) = claim {
            let Some(_active) = self.activate(claim) else {
                return Ok(());
            };
            if self.release(claim).await? {
                tracing::info!(
                    invite = invite.id.0,
                    "the server did not register the account: use given back"
                );
            }
        }
        Ok(())
    }

    /// A subscription request carrying the token of a contact invite, to
    /// the invite's creator: the use is taken and the inviter told; the
    /// server approves the request itself once this succeeds.
    async fn subscription(
        &self,
        token: &str,
        inviter: &str,
        contact: &str,
    ) -> Result<Accepted, RedeemError> {
        if let Some(done) = self.group_follow_up(token, inviter, contact).await? {
            return Ok(done);
        }
        let invite = self.view_for(token, is_contact_kind).await?.invite;
        // A token is good only for the inviter it was minted for: anyone
        // else's request looks like an unknown token.
        if BareJid::new(inviter).ok().as_ref() != Some(&invite.creator) {
            return Err(DeadInvite::NotFound.into());
        }
        let contact = registration::check_address(&invite, contact)
            .map_err(|e| RedeemError::field(FieldErrors::address(e)))?;
        let lang = self.language_of(&invite.creator).await;
        let effects = vec![Effect::Notify {
            to: invite.creator.clone(),
            text: (self.notify_text)(lang.as_deref(), contact.as_str()),
        }];
        self.consume(invite, contact, effects).await
    }

    /// [`RedeemError::AlreadyRegistered`] if the used-up invite behind
    /// `token` was used by registering `username` (see
    /// [`RedeemService::taken_by_this_invite`]).
    async fn used_up_by(
        &self,
        token: &str,
        username: &str,
    ) -> Result<Option<RedeemError>, RedeemError> {
        let (Ok(token), Ok(localpart)) = (Token::parse(token), normalise_username(username)) else {
            return Ok(None);
        };
        let (store, hash) = (self.store.clone(), token.hash());
        match blocking(move || store.find_by_token_hash(&hash)).await? {
            Some(invite) if invite.kind.allows_registration() => {
                self.taken_by_this_invite(&invite, &localpart).await
            }
            _ => Ok(None),
        }
    }

    /// [`RedeemError::AlreadyRegistered`] if this single-use invite was
    /// used up by registering `localpart`: the invitee retrying after a
    /// lost answer. Only the holder of a personal link learns it, and only
    /// for the name they typed; on a shared (multi-use) invite someone else
    /// may have taken that name, so it stays "used".
    async fn taken_by_this_invite(
        &self,
        invite: &Invite,
        localpart: &str,
    ) -> Result<Option<RedeemError>, RedeemError> {
        if invite.max_uses != 1 {
            return Ok(None);
        }
        let jid = self.local_jid(localpart)?;
        let (store, id, who) = (self.store.clone(), invite.id, jid.to_string());
        Ok(blocking(move || store.redeemed_by(id, &who))
            .await?
            .then_some(RedeemError::AlreadyRegistered(jid)))
    }

    /// `localpart@domain`, from parts already checked (nodeprep at the
    /// form, the domain by the configuration).
    fn local_jid(&self, localpart: &str) -> Result<BareJid, RedeemError> {
        let node = NodePart::new(localpart)
            .map_err(|e| RedeemError::Internal(format!("stored localpart {localpart:?}: {e}")))?;
        let domain = DomainPart::new(&self.domain)
            .map_err(|e| RedeemError::Internal(format!("configured domain: {e}")))?;
        Ok(BareJid::from_parts(Some(&node), &domain))
    }

    async fn release(&self, claim: ClaimId) -> Result<bool, RedeemError> {
        let store = self.store.clone();
        blocking(move || store.release_claim(claim)).await
    }

    /// Step 3: the account exists; record it, queue its effects. `lang` is
    /// the inviter's language, for their notification.
    async fn complete(
        &self,
        claim: ClaimId,
        invite: &Invite,
        jid: &BareJid,
        lang: Option<String>,
    ) -> Result<Vec<OutboxId>, RedeemError> {
        let _group = self.group_guard(invite).await;
        let effects = self
            .with_group(
                invite,
                jid,
                self.registration_effects(invite, jid, lang.as_deref()),
            )
            .await?;
        let (store, redeemer, now) = (self.store.clone(), jid.to_string(), self.clock.now());
        match blocking(move || store.complete_claim(claim, &redeemer, now, &effects)).await {
            Ok(Some(ids)) => Ok(ids),
            Ok(None) => Err(RedeemError::Internal(
                "the claim was resolved by someone else".into(),
            )),
            Err(e) => {
                // The claim stays: reconciliation completes it later.
                tracing::error!(invite = invite.id.0, error = %e,
                    "account created but the redemption could not be recorded yet; reconciliation will retry");
                Err(e)
            }
        }
    }

    /// Step 4: deliver now (both rosters before the first login), and let
    /// the outbox take whatever does not go through.
    async fn deliver(&self, outbox: &[OutboxId]) -> bool {
        let delivered =
            outbox.is_empty() || self.delivery.clone().deliver_now(outbox.to_vec()).await;
        if !delivered {
            tracing::warn!("effects queued for later delivery");
        }
        self.delivery.wake();
        delivered
    }

    /// The language tag `jid` last used with the component, if known.
    async fn language_of(&self, jid: &BareJid) -> Option<String> {
        let (store, jid) = (self.store.clone(), jid.clone());
        blocking(move || store.user_language(&jid))
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "could not read a user's language");
                None
            })
    }

    /// What a registration with `invite` brings about; `lang` is the
    /// inviter's language tag, for their notification.
    fn registration_effects(
        &self,
        invite: &Invite,
        jid: &BareJid,
        lang: Option<&str>,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        // A group's joiner meets the creator through the group's own
        // writes ([`RedeemService::with_group`]).
        if invite.group.is_none()
            && (invite.kind == InviteKind::AccountAndContact || invite.roster_subscription)
        {
            effects.extend(mutual(jid, &invite.creator));
        }
        // Invites made on the command line name the domain: nobody to tell.
        if invite.creator.node().is_some() {
            effects.push(Effect::Notify {
                to: invite.creator.clone(),
                text: (self.notify_text)(lang, jid.as_str()),
            });
        }
        effects
    }

    /// Settles registrations left in the middle: claims older than
    /// `older_than` that no task of this process is working on. Where the
    /// server has the account, the redemption is completed (recorded,
    /// rosters queued); where it has not, the use is given back; where it
    /// cannot tell, the claim waits for the next round.
    pub async fn reconcile(&self, older_than: Duration) -> Result<Reconciled, RedeemError> {
        let store = self.store.clone();
        let before = self.clock.now().minus(older_than);
        let stale = blocking(move || store.stale_claims(before)).await?;
        let mut done = Reconciled::default();
        for claim in stale {
            let Some(_active) = self.activate(claim.id) else {
                continue;
            };
            let invite = match self.find(claim.invite).await? {
                Some(i) => i,
                // Deleted with its invite (ON DELETE CASCADE): nothing left.
                None => continue,
            };
            match self.server.account_exists(&claim.localpart).await {
                Ok(true) => {
                    let jid = self.local_jid(&claim.localpart)?;
                    let lang = self.language_of(&invite.creator).await;
                    self.complete(claim.id, &invite, &jid, lang).await?;
                    tracing::info!(invite = invite.id.0, %jid, "reconciled: the account exists, redemption completed");
                    self.delivery.wake();
                    done.completed += 1;
                }
                Ok(false) => {
                    self.release(claim.id).await?;
                    tracing::info!(
                        invite = invite.id.0,
                        "reconciled: no account was created, use given back"
                    );
                    done.released += 1;
                }
                Err(e) => {
                    tracing::warn!(invite = invite.id.0, error = %e, "reconciliation: the server could not tell yet");
                    done.left += 1;
                }
            }
        }
        Ok(done)
    }

    fn is_local(&self, address: &BareJid) -> bool {
        address.domain().as_str() == self.domain
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
    async fn accept_existing(&self, token: &str, address: &str) -> Result<Acceptance, RedeemError> {
        let invite = self.view_for(token, is_contact_kind).await?.invite;
        let address = registration::check_address(&invite, address)
            .map_err(|e| RedeemError::field(FieldErrors::address(e)))?;
        if self.is_local(&address) {
            let Some((links, text)) = &self.confirmation else {
                return Err(RedeemError::Internal(
                    "local confirmation is not configured".into(),
                ));
            };
            let code = URL_SAFE_NO_PAD.encode(
                self.confirmation_mac(&invite, &address)
                    .await?
                    .finalize()
                    .into_bytes(),
            );
            // The link carries the invite id and a code signed for that
            // invite and address, never the token: the message waits in the
            // outbox, and tokens are only ever stored hashed.
            let url = links.confirm_url(invite.id.0, address.as_str(), &code);
            // The invitee is local: they may have used the component
            // themselves; if not, the inviter's language is the best guess.
            let lang = match self.language_of(&address).await {
                Some(l) => Some(l),
                None => self.language_of(&invite.creator).await,
            };
            let effects = [Effect::Notify {
                to: address.clone(),
                text: text(lang.as_deref(), invite.creator.as_str(), &url),
            }];
            let (store, id, to, now, limits) = (
                self.store.clone(),
                invite.id,
                address.to_string(),
                self.clock.now(),
                self.confirmation_limits,
            );
            let outbox = blocking(move || store.queue_confirmation(id, &to, now, limits, &effects))
                .await?
                .ok_or(RedeemError::TooManyConfirmations)?;
            self.deliver(&outbox).await;
            return Ok(Acceptance::ConfirmationSent { address, outbox });
        }
        let lang = self.language_of(&invite.creator).await;
        let mut effects = vec![Effect::Notify {
            to: invite.creator.clone(),
            text: (self.notify_text)(lang.as_deref(), address.as_str()),
        }];
        if invite.group.is_none() {
            effects.insert(
                0,
                Effect::RosterItem {
                    owner: invite.creator.clone(),
                    contact: address.clone(),
                    name: None,
                    subscription: Subscription::From,
                },
            );
        }
        self.consume(invite, address, effects)
            .await
            .map(Acceptance::Done)
    }

    /// Checks a confirmation link without using it (for the page that asks
    /// the local invitee to confirm). The code is checked before anything
    /// about the invite is revealed: a forged link, whatever invite id it
    /// names, looks exactly like an unknown one. Returns the invite.
    pub async fn check_confirmation(
        &self,
        invite_id: InviteId,
        address: &str,
        code: &str,
    ) -> Result<Invite, RedeemError> {
        self.confirmation(invite_id, address, code)
            .await
            .map(|(invite, _)| invite)
    }

    /// [`RedeemService::check_confirmation`], with the address it read.
    async fn confirmation(
        &self,
        invite_id: InviteId,
        address: &str,
        code: &str,
    ) -> Result<(Invite, BareJid), RedeemError> {
        let invite = self.find(invite_id).await?.ok_or(DeadInvite::NotFound)?;
        let address = registration::check_address(&invite, address)
            .ok()
            .filter(|a| self.is_local(a) && is_contact_kind(invite.kind))
            .ok_or(DeadInvite::NotFound)?;
        let tag = URL_SAFE_NO_PAD.decode(code).unwrap_or_default();
        if self
            .confirmation_mac(&invite, &address)
            .await?
            .verify_slice(&tag)
            .is_err()
        {
            return Err(DeadInvite::NotFound.into());
        }
        Ok((self.live(invite)?, address))
    }

    /// The local invitee confirmed: both rosters are written (subscription
    /// both, as for a registration) and the invite is used.
    async fn confirm_local(
        &self,
        invite_id: InviteId,
        address: &str,
        code: &str,
    ) -> Result<Accepted, RedeemError> {
        let (invite, address) = self.confirmation(invite_id, address, code).await?;
        let mut effects = match invite.group {
            Some(_) => Vec::new(),
            None => mutual(&address, &invite.creator).to_vec(),
        };
        let lang = self.language_of(&invite.creator).await;
        effects.push(Effect::Notify {
            to: invite.creator.clone(),
            text: (self.notify_text)(lang.as_deref(), address.as_str()),
        });
        self.consume(invite, address, effects).await
    }

    /// For a group invite, the lock that orders joins (see
    /// [`RedeemService::with_group`]); nothing for any other invite.
    async fn group_guard(&self, invite: &Invite) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match invite.group {
            Some(_) => Some(self.group_joins.lock().await),
            None => None,
        }
    }

    /// `effects`, plus, for a group invite, the roster writes that make
    /// `joiner` a contact of the creator and of everyone who joined before
    /// ([`groups::join_effects`]). The caller holds
    /// [`RedeemService::group_guard`] until the join is recorded.
    async fn with_group(
        &self,
        invite: &Invite,
        joiner: &BareJid,
        effects: Vec<Effect>,
    ) -> Result<Vec<Effect>, RedeemError> {
        let Some(group) = &invite.group else {
            return Ok(effects);
        };
        let joined = self.joined(invite.id).await?;
        let members = groups::members(&invite.creator, &joined, joiner);
        let mut all = groups::join_effects(group, joiner, &members, |a| self.is_local(a));
        all.extend(effects);
        Ok(all)
    }

    /// Everyone in the circle of group invite `invite` but `joiner`: the
    /// creator and those who joined (for the page that lets a joiner from
    /// another server add them all).
    pub async fn circle(
        &self,
        invite: &Invite,
        joiner: &BareJid,
    ) -> Result<Vec<BareJid>, RedeemError> {
        let joined = self.joined(invite.id).await?;
        Ok(groups::members(&invite.creator, &joined, joiner))
    }

    /// Who joined through invite `id` so far.
    async fn joined(&self, id: InviteId) -> Result<Vec<BareJid>, RedeemError> {
        let store = self.store.clone();
        Ok(blocking(move || store.invite_record(id))
            .await?
            .map(|r| r.redemptions)
            .unwrap_or_default()
            .iter()
            .filter_map(|r| BareJid::new(&r.jid).ok())
            .collect())
    }

    /// A member of a group who is on another server asking a member to
    /// see their presence, with the group's token (the links on the page
    /// after joining): approved, without taking a use, while the invite is
    /// not revoked or expired (used up is fine: they joined before). Not a
    /// follow-up (`None`): the request is a join, or no group's at all.
    async fn group_follow_up(
        &self,
        token: &str,
        inviter: &str,
        contact: &str,
    ) -> Result<Option<Accepted>, RedeemError> {
        let Ok(token) = Token::parse(token) else {
            return Ok(None);
        };
        let (store, hash) = (self.store.clone(), token.hash());
        let Some(invite) = blocking(move || store.find_by_token_hash(&hash)).await? else {
            return Ok(None);
        };
        if invite.group.is_none() {
            return Ok(None);
        }
        let (Ok(inviter), Ok(contact)) = (BareJid::new(inviter), BareJid::new(contact)) else {
            return Ok(None);
        };
        let joined = self.joined(invite.id).await?;
        if !joined.contains(&contact) {
            return Ok(None);
        }
        if let Err(e @ RedeemError::Dead(DeadInvite::NotFound | DeadInvite::Expired)) =
            self.live(invite.clone())
        {
            return Err(e);
        }
        if inviter != invite.creator && !joined.contains(&inviter) {
            return Err(DeadInvite::NotFound.into());
        }
        Ok(Some(Accepted {
            address: contact,
            inviter,
            outbox: Vec::new(),
        }))
    }

    /// Takes a use and records the redemption in one transaction (no
    /// server step in between, so nothing can be left half done), then
    /// delivers.
    async fn consume(
        &self,
        invite: Invite,
        address: BareJid,
        effects: Vec<Effect>,
    ) -> Result<Accepted, RedeemError> {
        let group = self.group_guard(&invite).await;
        let effects = self.with_group(&invite, &address, effects).await?;
        let (store, id, redeemer, now) = (
            self.store.clone(),
            invite.id,
            address.to_string(),
            self.clock.now(),
        );
        let consumed = blocking(move || store.consume_use(id, &redeemer, now, &effects)).await?;
        drop(group);
        match consumed {
            Some(outbox) => {
                self.deliver(&outbox).await;
                Ok(Accepted {
                    address,
                    inviter: invite.creator,
                    outbox,
                })
            }
            // Someone else took the last use a moment ago, or it expired.
            None => Err(self.no_use_left(id).await),
        }
    }
}

/// Whether an invite of `kind` can be accepted with an existing address.
pub fn is_contact_kind(kind: InviteKind) -> bool {
    matches!(kind, InviteKind::Contact | InviteKind::AccountAndContact)
}

/// Both roster entries that make two local accounts mutual contacts.
fn mutual(a: &BareJid, b: &BareJid) -> [Effect; 2] {
    let item = |owner: &BareJid, contact: &BareJid| Effect::RosterItem {
        owner: owner.clone(),
        contact: contact.clone(),
        name: None,
        subscription: Subscription::Both,
    };
    [item(a, b), item(b, a)]
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MintRequest;
    use crate::domain::Timestamp;
    use crate::testing::Wired;

    type World = Wired;

    fn world() -> World {
        Wired::new()
    }

    fn admin() -> BareJid {
        BareJid::new("admin@example.org").unwrap()
    }

    /// What the pipeline delivered, then anything still queued, once no
    /// entry is half way (applied but not yet off the outbox): a
    /// notification follows the answer on a task of its own.
    async fn effects(w: &World) -> Vec<Effect> {
        eventually(|| w.deliverer.settled()).await;
        let mut all = w.server.applied();
        all.extend(
            w.store
                .due_effects(Timestamp(i64::MAX), 100)
                .unwrap()
                .into_iter()
                .map(|i| i.effect),
        );
        all
    }

    /// In a fixed order: a redemption's effects go out at once, so the
    /// order they are applied in is not theirs.
    fn sorted(mut effects: Vec<Effect>) -> Vec<Effect> {
        effects.sort_by_key(|e| format!("{e:?}"));
        effects
    }

    /// An admin's account invite.
    async fn account(w: &World, req: MintRequest) -> crate::domain::MintedInvite {
        w.mint.mint_account_invite(&admin(), req).await.unwrap()
    }

    /// An admin's account invite for `name` only.
    async fn bound_to(w: &World, name: &str) -> crate::domain::MintedInvite {
        account(
            w,
            MintRequest {
                username: Some(name.into()),
                ..Default::default()
            },
        )
        .await
    }

    fn uses(w: &World, t: &Token) -> u32 {
        w.store.find_by_token_hash(&t.hash()).unwrap().unwrap().uses
    }

    const PW: &str = "a good passphrase";

    #[tokio::test]
    async fn registration_with_an_admin_contact_invite_makes_mutual_contacts() {
        let w = world();
        let m = w.mint.mint_contact_invite(&admin()).await.unwrap();
        let r = w
            .redeem
            .register(m.token.expose(), "Bob", PW, PW)
            .await
            .unwrap();
        assert_eq!(r.jid.as_str(), "bob@example.org");
        assert_eq!(r.outbox.len(), 3);
        assert!(r.delivered);
        assert_eq!(w.server.accounts(), [("bob".to_owned(), PW.to_owned())]);
        assert_eq!(
            sorted(effects(&w).await),
            sorted(vec![
                Effect::RosterItem {
                    owner: BareJid::new("bob@example.org").unwrap(),
                    contact: BareJid::new("admin@example.org").unwrap(),
                    name: None,
                    subscription: Subscription::Both
                },
                Effect::RosterItem {
                    owner: BareJid::new("admin@example.org").unwrap(),
                    contact: BareJid::new("bob@example.org").unwrap(),
                    name: None,
                    subscription: Subscription::Both
                },
                Effect::Notify {
                    to: BareJid::new("admin@example.org").unwrap(),
                    text: "bob@example.org accepted your invite.".into()
                },
            ])
        );
        // Delivered before the answer: nothing left in the outbox.
        assert_eq!(w.store.next_effect_due().unwrap(), None);
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
        let m = account(&w, MintRequest::default()).await;
        w.redeem
            .register(m.token.expose(), "carol", PW, PW)
            .await
            .unwrap();
        assert_eq!(effects(&w).await.len(), 1);
    }

    #[tokio::test]
    async fn contact_only_invites_cannot_register() {
        let w = world();
        let m = w
            .mint
            .mint_contact_invite(&BareJid::new("bob@example.org").unwrap())
            .await
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
        let m = bound_to(&w, "juliet").await;
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
        assert_eq!(r.jid.as_str(), "juliet@example.org");
        let w = world();
        let m = account(&w, MintRequest::default()).await;
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
        assert!(w.server.accounts().is_empty());
    }

    #[tokio::test]
    async fn a_name_reserved_by_another_invite_cannot_be_taken() {
        let w = world();
        bound_to(&w, "juliet").await;
        let open = account(&w, MintRequest::default()).await;
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
        let m = account(&w, MintRequest::default()).await;
        let t = m.token.expose();
        for (fail, check) in [
            (AccountError::Unavailable("down".into()), "unavailable"),
            (AccountError::Conflict, "taken"),
            (AccountError::NotPermitted("admins".into()), "permitted"),
            (AccountError::Refused("disk".into()), "refused"),
        ] {
            w.server.fail_with(Some(fail));
            let e = w.redeem.register(t, "dave", PW, PW).await.unwrap_err();
            let ok = match (&e, check) {
                (RedeemError::Server(AccountError::Unavailable(_)), "unavailable") => true,
                (RedeemError::Invalid(f), "taken") => f.username == Some(FieldError::UsernameTaken),
                (RedeemError::Server(AccountError::NotPermitted(_)), "permitted") => true,
                (RedeemError::Server(AccountError::Refused(_)), "refused") => true,
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
        w.server.fail_with(None);
        w.redeem.register(t, "dave", PW, PW).await.unwrap();
        assert_eq!(w.server.open_starts(), 0);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_registrations_on_a_single_use_invite_create_one_account() {
        let w = world();
        let m = account(&w, MintRequest::default()).await;
        let tasks: Vec<_> = (0..20)
            .map(|n| {
                let (r, t) = (w.redeem.clone(), m.token.expose().to_owned());
                tokio::spawn(
                    async move { r.register(&t, &format!("user{n}"), PW, PW).await.is_ok() },
                )
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            ok += usize::from(t.await.unwrap());
        }
        assert_eq!(ok, 1);
        assert_eq!(w.server.accounts().len(), 1);
        // Every refused claim ended the add-user it had started alongside.
        assert_eq!(w.server.open_starts(), 0);
    }

    async fn app(w: &World, token: &str, how: How<'_>) -> Result<Redeemed, RedeemError> {
        w.redeem
            .redeem(Redemption {
                invite: InviteRef::Token(token),
                how,
            })
            .await
    }

    #[tokio::test]
    async fn an_app_registration_claims_first_and_is_recorded_once_reported() {
        let w = world();
        let m = account(
            &w,
            MintRequest {
                roster_subscription: true,
                ..Default::default()
            },
        )
        .await;
        let t = m.token.expose();
        let claim = How::AppClaim {
            username: "Juliet",
            attempt: "a1",
        };
        let Redeemed::Claimed { jid } = app(&w, t, claim).await.unwrap() else {
            panic!("a claim");
        };
        assert_eq!(jid.as_str(), "juliet@example.org");
        // The use is taken before the server creates anything.
        assert_eq!(uses(&w, &m.token), 1);
        assert!(effects(&w).await.is_empty());
        // The same attempt asking again resumes, it takes no second use.
        app(&w, t, claim).await.unwrap();
        assert_eq!(uses(&w, &m.token), 1);
        let done = How::AppRegistered {
            username: "juliet",
            attempt: "a1",
        };
        let Redeemed::Registered(r) = app(&w, t, done).await.unwrap() else {
            panic!("registered");
        };
        assert!(r.delivered);
        let juliet = BareJid::new("juliet@example.org").unwrap();
        let mut want = mutual(&juliet, &admin()).to_vec();
        want.push(Effect::Notify {
            to: admin(),
            text: "juliet@example.org accepted your invite.".into(),
        });
        assert_eq!(sorted(effects(&w).await), sorted(want));
        // The component never created the account: the server did.
        assert!(w.server.accounts().is_empty());
        // A repeated report records nothing twice.
        app(&w, t, done).await.unwrap();
        assert_eq!(effects(&w).await.len(), 3);
        assert_eq!(uses(&w, &m.token), 1);
    }

    #[tokio::test]
    async fn an_app_claim_follows_the_form_rules_and_the_invite() {
        let w = world();
        let m = bound_to(&w, "juliet").await;
        let t = m.token.expose();
        for (name, want) in [
            ("romeo", FieldError::UsernameFixed("juliet".into())),
            ("", FieldError::UsernameEmpty),
            ("a\u{7}b", FieldError::UsernameInvalid),
        ] {
            let e = app(
                &w,
                t,
                How::AppClaim {
                    username: name,
                    attempt: "x",
                },
            )
            .await
            .unwrap_err();
            assert!(
                matches!(e, RedeemError::Invalid(ref f) if f.username.as_ref() == Some(&want)),
                "{name:?}: {e:?}"
            );
        }
        assert_eq!(uses(&w, &m.token), 0);
        let open = account(&w, MintRequest::default()).await;
        let e = app(
            &w,
            open.token.expose(),
            How::AppClaim {
                username: "postmaster",
                attempt: "x",
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(e, RedeemError::Invalid(ref f) if f.username == Some(FieldError::UsernameNotAllowed))
        );
        // Nobody may take the name another live invite reserves.
        let e = app(
            &w,
            open.token.expose(),
            How::AppClaim {
                username: "juliet",
                attempt: "x",
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(e, RedeemError::Invalid(ref f) if f.username == Some(FieldError::UsernameReserved))
        );
        // A contact-only invite registers nothing, in the app either.
        let bob = BareJid::new("bob@example.org").unwrap();
        let c = w.mint.mint_contact_invite(&bob).await.unwrap();
        let e = app(
            &w,
            c.token.expose(),
            How::AppClaim {
                username: "x1",
                attempt: "x",
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::NotFound)));
    }

    #[tokio::test]
    async fn web_and_app_racing_for_the_last_use_make_one_account() {
        let w = world();
        let m = account(&w, MintRequest::default()).await;
        let t = m.token.expose().to_owned();
        let web = {
            let (r, t) = (w.redeem.clone(), t.clone());
            tokio::spawn(async move { r.register(&t, "webuser", PW, PW).await.is_ok() })
        };
        let ok_app = app(
            &w,
            &t,
            How::AppClaim {
                username: "appuser",
                attempt: "z",
            },
        )
        .await
        .is_ok();
        let ok_web = web.await.unwrap();
        assert!(ok_app ^ ok_web, "app {ok_app}, web {ok_web}");
        assert_eq!(uses(&w, &m.token), 1);
        assert_eq!(w.server.accounts().len(), usize::from(ok_web));
    }

    #[tokio::test]
    async fn an_abandoned_app_claim_gives_the_use_back() {
        let w = world();
        let m = account(&w, MintRequest::default()).await;
        let t = m.token.expose();
        let (claim, gone) = (
            How::AppClaim {
                username: "juliet",
                attempt: "a",
            },
            How::AppAbandoned {
                username: "juliet",
                attempt: "a",
            },
        );
        app(&w, t, claim).await.unwrap();
        // Another attempt's report cannot release this one's claim.
        app(
            &w,
            t,
            How::AppAbandoned {
                username: "juliet",
                attempt: "b",
            },
        )
        .await
        .unwrap();
        assert_eq!(uses(&w, &m.token), 1);
        app(&w, t, gone).await.unwrap();
        assert_eq!(uses(&w, &m.token), 0);
        // The name is free again, for the web too.
        w.redeem.register(t, "juliet", PW, PW).await.unwrap();
        assert_eq!(uses(&w, &m.token), 1);
    }

    #[tokio::test]
    async fn an_app_claim_left_behind_is_reconciled_like_any_other() {
        let w = world();
        let m = account(
            &w,
            MintRequest {
                uses: Some(2),
                ..Default::default()
            },
        )
        .await;
        let t = m.token.expose();
        for name in ["made", "never"] {
            app(
                &w,
                t,
                How::AppClaim {
                    username: name,
                    attempt: "a",
                },
            )
            .await
            .unwrap_err_or_claimed();
        }
        w.server.add_account("made", PW);
        w.clock.advance(Duration::from_secs(60));
        let done = w.redeem.reconcile(Duration::from_secs(30)).await.unwrap();
        assert_eq!((done.completed, done.released), (1, 1));
        assert!(w.store.redeemed_by(m.id, "made@example.org").unwrap());
        assert!(!w.store.redeemed_by(m.id, "never@example.org").unwrap());
        assert_eq!(uses(&w, &m.token), 1);
    }

    trait ClaimedOrFail {
        fn unwrap_err_or_claimed(self);
    }
    impl ClaimedOrFail for Result<Redeemed, RedeemError> {
        fn unwrap_err_or_claimed(self) {
            assert!(matches!(self, Ok(Redeemed::Claimed { .. })), "{self:?}");
        }
    }

    #[tokio::test]
    async fn the_inviter_is_told_in_the_language_they_last_used() {
        let w = world();
        let bob = BareJid::new("bob@example.org").unwrap();
        let accept = |contact| How::Subscription {
            inviter: "bob@example.org",
            contact,
        };
        // Nothing known of bob: the text without a language (the default).
        let m = w.mint.mint_contact_invite(&bob).await.unwrap();
        app(&w, m.token.expose(), accept("eve@other.org"))
            .await
            .unwrap();
        // Bob ran a command in German since.
        w.store.set_user_language(&bob, "de", Timestamp(1)).unwrap();
        let m = w.mint.mint_contact_invite(&bob).await.unwrap();
        app(&w, m.token.expose(), accept("mallory@other.org"))
            .await
            .unwrap();
        let texts: Vec<String> = effects(&w)
            .await
            .into_iter()
            .filter_map(|e| match e {
                Effect::Notify { to, text } if to == bob => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "eve@other.org accepted your invite.",
                "[de] mallory@other.org accepted your invite."
            ]
        );
    }

    #[tokio::test]
    async fn a_subscription_with_the_token_is_recorded_for_its_inviter_only() {
        let w = world();
        let bob = BareJid::new("bob@example.org").unwrap();
        let m = w.mint.mint_contact_invite(&bob).await.unwrap();
        let t = m.token.expose();
        let to = |inviter, contact| How::Subscription { inviter, contact };
        // Sent to someone else than the inviter: as if unknown.
        let e = app(&w, t, to("carol@example.org", "eve@other.org"))
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::NotFound)));
        let e = app(&w, t, to("bob@example.org", "bob@example.org"))
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Invalid(ref f) if f.address == Some(FieldError::AddressIsInviter))
        );
        assert_eq!(uses(&w, &m.token), 0);
        let Redeemed::Accepted(a) = app(&w, t, to("bob@example.org", "eve@other.org"))
            .await
            .unwrap()
        else {
            panic!("accepted");
        };
        assert_eq!(a.address.as_str(), "eve@other.org");
        // The server writes the rosters itself; the component tells bob.
        assert_eq!(
            effects(&w).await,
            vec![Effect::Notify {
                to: bob.clone(),
                text: "eve@other.org accepted your invite.".into()
            }]
        );
        let e = app(&w, t, to("bob@example.org", "mallory@other.org"))
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)));
        // An account-only invite is no contact invite.
        let acc = account(&w, MintRequest::default()).await;
        let e = app(
            &w,
            acc.token.expose(),
            to("admin@example.org", "eve@other.org"),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::NotFound)));
    }

    /// Group items in what was delivered or queued: (owner, contact, subscription).
    async fn group_items(w: &World) -> Vec<(String, String, Subscription)> {
        effects(w)
            .await
            .into_iter()
            .filter_map(|e| match e {
                Effect::GroupItem {
                    owner,
                    contact,
                    group,
                    subscription,
                } => {
                    assert_eq!(group, "Choir");
                    Some((owner.to_string(), contact.to_string(), subscription))
                }
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn group_joins_concurrent_or_not_make_one_circle_and_follow_ups_take_no_use() {
        let w = world();
        let m = w
            .mint
            .mint_group_invite(
                &admin(),
                "Choir",
                MintRequest {
                    uses: Some(3),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let t = m.token.expose();
        // Two at once: the join lock still makes them each other's contacts.
        let (a, b) = tokio::join!(
            w.redeem.register(t, "ann", PW, PW),
            w.redeem.register(t, "ben", PW, PW)
        );
        a.unwrap();
        b.unwrap();
        let items = group_items(&w).await;
        for (x, y) in [
            ("ann", "admin"),
            ("admin", "ann"),
            ("ben", "admin"),
            ("admin", "ben"),
        ] {
            let (x, y) = (format!("{x}@example.org"), format!("{y}@example.org"));
            assert!(
                items.contains(&(x.clone(), y.clone(), Subscription::Both)),
                "{x} {y} {items:?}"
            );
        }
        let pair = |x: &str, y: &str| items.contains(&(x.into(), y.into(), Subscription::Both));
        assert!(
            pair("ann@example.org", "ben@example.org")
                && pair("ben@example.org", "ann@example.org")
        );
        assert_eq!(items.len(), 6, "2 for the first joiner, 4 for the second");
        // No plain roster items besides: the group writes replace them.
        assert!(
            !effects(&w)
                .await
                .iter()
                .any(|e| matches!(e, Effect::RosterItem { .. }))
        );

        // A remote joiner: one placeholder in each local member's roster.
        w.redeem.accept_existing(t, "eve@other.org").await.unwrap();
        let items = group_items(&w).await;
        assert_eq!(items.len(), 9);
        for o in ["admin", "ann", "ben"] {
            assert!(items.contains(&(
                format!("{o}@example.org"),
                "eve@other.org".into(),
                Subscription::None
            )));
        }
        assert_eq!(uses(&w, &m.token), 3);
        // Used up: a fourth join is refused…
        let e = w.redeem.register(t, "cy", PW, PW).await.unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)), "{e:?}");
        // …but eve's subscriptions to the members are follow-ups, no use taken.
        for member in ["admin@example.org", "ben@example.org"] {
            w.redeem
                .subscription(t, member, "eve@other.org")
                .await
                .unwrap();
        }
        // A stranger's subscription, or one to a non-member, is not.
        assert!(
            w.redeem
                .subscription(t, "ben@example.org", "zed@other.org")
                .await
                .is_err()
        );
        assert!(
            w.redeem
                .subscription(t, "carol@example.org", "eve@other.org")
                .await
                .is_err()
        );
        // Revoked: nobody, not even a follow-up.
        w.store
            .revoke(m.id, "admin@example.org", None, w.clock.now())
            .unwrap();
        assert!(
            w.redeem
                .subscription(t, "ann@example.org", "eve@other.org")
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn existing_address_accepts_a_contact_invite() {
        let w = world();
        let bob = BareJid::new("bob@example.org").unwrap();
        let m = w.mint.mint_contact_invite(&bob).await.unwrap();
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
        assert_eq!(a.address.as_str(), "eve@other.org");
        assert_eq!(
            effects(&w).await[0],
            Effect::RosterItem {
                owner: BareJid::new("bob@example.org").unwrap(),
                contact: BareJid::new("eve@other.org").unwrap(),
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
        let m = w.mint.mint_contact_invite(&bob).await.unwrap();
        let t = m.token.expose();
        let Acceptance::ConfirmationSent { address, outbox } = w
            .redeem
            .accept_existing(t, "carol@example.org")
            .await
            .unwrap()
        else {
            panic!("a local address must confirm");
        };
        assert_eq!(address.as_str(), "carol@example.org");
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
        let Effect::Notify { to, text } = effects(&w).await.remove(0) else {
            panic!()
        };
        assert_eq!(to.as_str(), "carol@example.org");
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
                .confirm_local(m.id, "carol@example.org", "AAAA")
                .await
                .is_err()
        );
        assert!(
            w.redeem
                .confirm_local(m.id, "dave@example.org", code)
                .await
                .is_err()
        );
        assert_eq!(
            w.redeem
                .check_confirmation(m.id, "carol@example.org", code)
                .await
                .unwrap()
                .creator
                .as_str(),
            "bob@example.org"
        );
        let a = w
            .redeem
            .confirm_local(m.id, "carol@example.org", code)
            .await
            .unwrap();
        assert_eq!(a.outbox.len(), 3);
        let all = effects(&w).await;
        assert!(all.contains(&Effect::RosterItem {
            owner: BareJid::new("carol@example.org").unwrap(),
            contact: BareJid::new("bob@example.org").unwrap(),
            name: None,
            subscription: Subscription::Both
        }));
        assert!(all.contains(&Effect::RosterItem {
            owner: BareJid::new("bob@example.org").unwrap(),
            contact: BareJid::new("carol@example.org").unwrap(),
            name: None,
            subscription: Subscription::Both
        }));
        let e = w
            .redeem
            .confirm_local(m.id, "carol@example.org", code)
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)), "{e:?}");
    }

    /// Polls `cond` until it holds, for at most 5 s of real time.
    fn outbox_empty(w: &World) -> bool {
        w.store
            .due_effects(Timestamp(i64::MAX), 1)
            .unwrap()
            .is_empty()
    }

    async fn eventually(cond: impl Fn() -> bool) {
        for _ in 0..500 {
            if cond() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("condition not reached in 5 s");
    }

    async fn redemptions(w: &World) -> usize {
        eventually(|| w.deliverer.settled()).await;
        w.store
            .due_effects(Timestamp(i64::MAX), 1000)
            .unwrap()
            .len()
            + w.server.applied().len()
    }

    #[test]
    fn a_claim_already_worked_on_is_refused_without_a_deadlock() {
        let w = world();
        let (tx, rx) = std::sync::mpsc::channel();
        let redeem = w.redeem.clone();
        std::thread::spawn(move || {
            let first = redeem.activate(ClaimId(3));
            let second = redeem.activate(ClaimId(3));
            let still = redeem.active().contains(&ClaimId(3));
            let got = (first.is_some(), second.is_none(), still);
            drop((second, first));
            tx.send((got, redeem.active().is_empty())).unwrap();
        });
        let got = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("activate deadlocked");
        assert_eq!(got, ((true, true, true), true));
    }

    #[tokio::test]
    async fn a_caller_that_goes_away_mid_registration_cuts_nothing() {
        let w = world();
        let m = w.mint.mint_contact_invite(&admin()).await.unwrap();
        w.server.hold(true);
        // The HTTP client disconnects while the server is creating the
        // account: the handler's future is dropped.
        let cut = tokio::time::timeout(
            Duration::from_millis(100),
            w.redeem.register(m.token.expose(), "bob", PW, PW),
        )
        .await;
        assert!(cut.is_err(), "the registration should still be waiting");
        assert_eq!(uses(&w, &m.token), 1, "the use is claimed");
        assert_eq!(w.store.stale_claims(Timestamp(i64::MAX)).unwrap().len(), 1);
        w.server.hold(false);
        eventually(|| {
            w.store
                .stale_claims(Timestamp(i64::MAX))
                .unwrap()
                .is_empty()
        })
        .await;
        assert_eq!(w.server.accounts(), [("bob".to_owned(), PW.to_owned())]);
        assert_eq!(uses(&w, &m.token), 1);
        eventually(|| w.server.applied().len() == 3).await;
        assert_eq!(
            redemptions(&w).await,
            3,
            "both rosters and the notification"
        );
    }

    #[tokio::test]
    async fn a_lost_answer_is_settled_by_reconciliation() {
        let w = world();
        let m = w.mint.mint_contact_invite(&admin()).await.unwrap();
        w.server.lose_answers(true);
        let e = w
            .redeem
            .register(m.token.expose(), "bob", PW, PW)
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Pending(_)), "{e:?}");
        // The account exists but its use is neither given back nor recorded.
        assert_eq!(uses(&w, &m.token), 1);
        assert_eq!(w.server.accounts().len(), 1);
        // Too recent: left alone (its request might still be answered).
        let r = w.redeem.reconcile(Duration::from_secs(20)).await.unwrap();
        assert_eq!(r, Reconciled::default());
        w.clock.advance(Duration::from_secs(30));
        // The server cannot tell: try again later.
        w.server.existence_unknown(true);
        let r = w.redeem.reconcile(Duration::from_secs(20)).await.unwrap();
        assert_eq!(r.left, 1);
        w.server.existence_unknown(false);
        let r = w.redeem.reconcile(Duration::from_secs(20)).await.unwrap();
        assert_eq!(r.completed, 1);
        assert_eq!(uses(&w, &m.token), 1);
        assert!(
            w.store
                .stale_claims(Timestamp(i64::MAX))
                .unwrap()
                .is_empty()
        );
        assert_eq!(redemptions(&w).await, 3, "rosters and notification queued");
        // Nothing is left to do the second time.
        let r = w.redeem.reconcile(Duration::from_secs(20)).await.unwrap();
        assert_eq!(r, Reconciled::default());
        // The invitee retries: their account is there, and they are told so
        // rather than "used"; another name still gets "used".
        let e = w
            .redeem
            .register(m.token.expose(), "Bob", PW, PW)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::AlreadyRegistered(ref j) if j.as_str() == "bob@example.org"),
            "{e:?}"
        );
        let e = w
            .redeem
            .register(m.token.expose(), "carol", PW, PW)
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)), "{e:?}");
    }

    #[tokio::test]
    async fn a_retry_after_a_lost_answer_completes_instead_of_name_taken() {
        let w = world();
        let m = w
            .mint
            .mint_account_invite(
                &admin(),
                MintRequest {
                    uses: Some(2),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let t = m.token.expose();
        w.server.lose_answers(true);
        assert!(matches!(
            w.redeem.register(t, "bob", PW, PW).await,
            Err(RedeemError::Pending(_))
        ));
        w.server.lose_answers(false);
        // Someone else with the same link cannot take over the pending name.
        let e = w
            .redeem
            .register(t, "bob", "another passphrase", "another passphrase")
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Invalid(ref f) if f.username == Some(FieldError::UsernameTaken)),
            "{e:?}"
        );
        let r = w.redeem.register(t, "bob", PW, PW).await.unwrap();
        assert_eq!(r.jid.as_str(), "bob@example.org");
        // One use for one account, not two.
        assert_eq!(uses(&w, &m.token), 1);
        assert_eq!(w.server.accounts().len(), 1);
        // The refused attempt ended the add-user it had started.
        assert_eq!(w.server.open_starts(), 0);
    }

    #[tokio::test]
    async fn a_claim_left_by_a_crash_before_the_account_is_released() {
        let w = world();
        let m = account(&w, MintRequest::default()).await;
        // As the process would have left it had it died right after the claim.
        let now = w.clock.now();
        assert!(matches!(
            w.store.begin_claim(m.id, "bob", &[7; 32], now).unwrap(),
            ClaimOutcome::Claimed(_)
        ));
        assert!(matches!(
            w.redeem.register(m.token.expose(), "carol", PW, PW).await,
            Err(RedeemError::Dead(DeadInvite::UsedUp))
        ));
        w.clock.advance(Duration::from_secs(60));
        let r = w.redeem.reconcile(Duration::from_secs(20)).await.unwrap();
        assert_eq!(r.released, 1);
        assert_eq!(uses(&w, &m.token), 0);
        w.redeem
            .register(m.token.expose(), "carol", PW, PW)
            .await
            .unwrap();
        assert_eq!(w.server.accounts().len(), 1);
    }

    #[tokio::test]
    async fn role_names_and_admin_names_cannot_be_registered_or_bound() {
        let w = world();
        let m = account(&w, MintRequest::default()).await;
        for name in ["admin", "Postmaster", "root"] {
            let e = w
                .redeem
                .register(m.token.expose(), name, PW, PW)
                .await
                .unwrap_err();
            assert!(
                matches!(e, RedeemError::Invalid(ref f) if f.username == Some(FieldError::UsernameNotAllowed)),
                "{name}: {e:?}"
            );
        }
        let e = w
            .mint
            .mint_account_invite(
                &admin(),
                MintRequest {
                    username: Some("Admin".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, crate::domain::MintError::UsernameNotAllowed(ref n) if n == "admin"),
            "{e:?}"
        );
        assert!(w.server.accounts().is_empty());
        assert_eq!(uses(&w, &m.token), 0);
    }

    #[tokio::test]
    async fn confirmation_links_are_bound_to_the_invite_and_reveal_nothing() {
        let w = world();
        let bob = BareJid::new("bob@example.org").unwrap();
        let a = w.mint.mint_contact_invite(&bob).await.unwrap();
        let b = w.mint.mint_contact_invite(&bob).await.unwrap();
        w.redeem
            .accept_existing(a.token.expose(), "carol+x@example.org")
            .await
            .unwrap();
        // The message follows the answer, on a task of its own.
        eventually(|| outbox_empty(&w)).await;
        let Effect::Notify { text, .. } = w.server.applied().remove(0) else {
            panic!("a confirmation message")
        };
        let url = text.split_once(": ").unwrap().1;
        assert!(url.contains("address=carol%2Bx%40example.org"), "{url}");
        let code = url.split("code=").nth(1).unwrap();
        let address = "carol+x@example.org";
        // Good for its own invite only.
        assert!(
            w.redeem
                .check_confirmation(a.id, address, code)
                .await
                .is_ok()
        );
        assert!(matches!(
            w.redeem.check_confirmation(b.id, address, code).await,
            Err(RedeemError::Dead(DeadInvite::NotFound))
        ));
        // Once the invite is used up or expired, a forged code still says
        // only "not found"; the real one says what happened.
        w.clock.advance(Duration::from_secs(8 * 86_400));
        assert!(matches!(
            w.redeem.check_confirmation(a.id, address, "AAAA").await,
            Err(RedeemError::Dead(DeadInvite::NotFound))
        ));
        assert!(matches!(
            w.redeem
                .check_confirmation(InviteId(9999), address, code)
                .await,
            Err(RedeemError::Dead(DeadInvite::NotFound))
        ));
        assert!(matches!(
            w.redeem.check_confirmation(a.id, address, code).await,
            Err(RedeemError::Dead(DeadInvite::Expired))
        ));
        // Purged: row ids are never taken again (AUTOINCREMENT), and the
        // code is bound to the token hash besides, so the old link confirms
        // nothing, not even against the next invite.
        w.store.purge_expired(w.clock.now()).unwrap();
        let c = w.mint.mint_contact_invite(&bob).await.unwrap();
        assert_ne!(c.id, a.id, "invite ids are never reused");
        for id in [a.id, c.id] {
            assert!(matches!(
                w.redeem.check_confirmation(id, address, code).await,
                Err(RedeemError::Dead(DeadInvite::NotFound))
            ));
        }
    }

    #[tokio::test]
    async fn one_contact_token_cannot_message_local_users_again_and_again() {
        let w = world();
        let bob = BareJid::new("bob@example.org").unwrap();
        let m = w.mint.mint_contact_invite(&bob).await.unwrap();
        let t = m.token.expose();
        let limits = ConfirmationLimits::default();
        for _ in 0..limits.per_recipient {
            w.redeem
                .accept_existing(t, "carol@example.org")
                .await
                .unwrap();
        }
        assert!(matches!(
            w.redeem.accept_existing(t, "carol@example.org").await,
            Err(RedeemError::TooManyConfirmations)
        ));
        for n in limits.per_recipient..limits.per_invite {
            w.redeem
                .accept_existing(t, &format!("user{n}@example.org"))
                .await
                .unwrap();
        }
        assert!(matches!(
            w.redeem.accept_existing(t, "dave@example.org").await,
            Err(RedeemError::TooManyConfirmations)
        ));
        // The messages follow the answers, on tasks of their own.
        eventually(|| outbox_empty(&w)).await;
        assert_eq!(w.server.applied().len(), limits.per_invite as usize);
        // Remote addresses need no message and are not capped by this.
        assert!(w.redeem.accept_existing(t, "eve@other.org").await.is_ok());
    }

    #[tokio::test]
    async fn control_characters_are_field_errors_and_never_reach_the_server() {
        let w = world();
        let m = account(&w, MintRequest::default()).await;
        let pw = "abcd\u{0}efgh";
        let e = w
            .redeem
            .register(m.token.expose(), "newbie", pw, pw)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Invalid(ref f) if f.password == Some(FieldError::PasswordInvalidCharacters)),
            "{e:?}"
        );
        assert!(w.server.accounts().is_empty());
        assert_eq!(uses(&w, &m.token), 0);
    }

    // Password resets.

    async fn reset_invite(w: &World, account: &str) -> crate::domain::MintedInvite {
        w.mint
            .mint_reset_invite(&admin(), account, None, None)
            .await
            .unwrap()
    }

    async fn reset(
        w: &World,
        token: &Token,
        password: &str,
        confirm: &str,
    ) -> Result<Redeemed, RedeemError> {
        w.redeem
            .redeem(Redemption {
                invite: InviteRef::Token(token.expose()),
                how: How::ResetPassword { password, confirm },
            })
            .await
    }

    const NEW_PW: &str = "a fresh passphrase";

    #[tokio::test]
    async fn a_reset_invite_sets_the_password_once_and_tells_the_admin() {
        let w = world();
        w.server.add_account("juliet", "old password");
        let m = reset_invite(&w, "juliet").await;
        let Redeemed::PasswordReset(done) = reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap()
        else {
            panic!("a password reset")
        };
        assert_eq!(done.jid.as_str(), "juliet@example.org");
        assert!(done.delivered);
        assert_eq!(w.server.password_of("juliet").as_deref(), Some(NEW_PW));
        // No account created, no roster touched: only the admin's message.
        assert_eq!(w.server.accounts().len(), 1);
        assert_eq!(
            effects(&w).await,
            [Effect::Notify {
                to: admin(),
                text: "juliet@example.org set a new password with your reset invite.".into()
            }]
        );
        assert!(w.store.redeemed_by(m.id, "juliet@example.org").unwrap());
        // Spent: a second use changes nothing.
        let e = reset(&w, &m.token, "yet another one", "yet another one")
            .await
            .unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)), "{e:?}");
        assert_eq!(w.server.password_of("juliet").as_deref(), Some(NEW_PW));
        assert_eq!(w.server.password_changes(), 1);
    }

    #[tokio::test]
    async fn reset_passwords_meet_the_registration_rules_before_the_server_is_asked() {
        let w = world();
        w.server.add_account("juliet", "old password");
        let m = reset_invite(&w, "juliet").await;
        for (pw, confirm, field) in [
            ("short", "short", "password"),
            (NEW_PW, "something else", "confirm"),
            ("juliet", "juliet", "password"),
            ("abcd\u{0}efgh", "abcd\u{0}efgh", "password"),
        ] {
            let e = reset(&w, &m.token, pw, confirm).await.unwrap_err();
            let RedeemError::Invalid(f) = e else {
                panic!("{pw:?}: {e:?}")
            };
            assert!(f.username.is_none() && f.address.is_none());
            let got = if field == "password" {
                &f.password
            } else {
                &f.confirm
            };
            assert!(got.is_some(), "{pw:?}: {f:?}");
        }
        assert_eq!(w.server.password_changes(), 0);
        assert_eq!(uses(&w, &m.token), 0);
        assert_eq!(
            w.server.password_of("juliet").as_deref(),
            Some("old password")
        );
    }

    #[tokio::test]
    async fn a_definite_refusal_gives_the_use_back() {
        let w = world();
        w.server.add_account("juliet", "old password");
        let m = reset_invite(&w, "juliet").await;
        w.server
            .fail_with(Some(AccountError::Unavailable("down".into())));
        let e = reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap_err();
        assert!(
            matches!(e, RedeemError::Server(AccountError::Unavailable(_))),
            "{e:?}"
        );
        assert_eq!(uses(&w, &m.token), 0);
        w.server.fail_with(None);
        reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap();
        assert_eq!(w.server.password_of("juliet").as_deref(), Some(NEW_PW));
        assert_eq!(uses(&w, &m.token), 1);
    }

    #[tokio::test]
    async fn a_reset_for_an_account_deleted_since_creates_nothing() {
        let w = world();
        let m = reset_invite(&w, "ghost").await;
        let e = reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap_err();
        assert!(
            matches!(e, RedeemError::Server(AccountError::NoSuchAccount)),
            "{e:?}"
        );
        assert!(w.server.accounts().is_empty());
        assert_eq!(uses(&w, &m.token), 0);
        assert!(effects(&w).await.is_empty());
    }

    #[tokio::test]
    async fn a_lost_answer_is_settled_by_asking_again_with_the_same_password() {
        let w = world();
        w.server.add_account("juliet", "old password");
        let m = reset_invite(&w, "juliet").await;
        w.server.lose_password_answers(1);
        let r = reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap();
        assert!(matches!(r, Redeemed::PasswordReset(_)), "{r:?}");
        assert_eq!(w.server.password_changes(), 2);
        assert_eq!(w.server.password_of("juliet").as_deref(), Some(NEW_PW));
        assert_eq!(uses(&w, &m.token), 1);
    }

    #[tokio::test]
    async fn without_any_answer_the_use_is_kept_and_both_are_told() {
        let w = world();
        w.server.add_account("juliet", "old password");
        let m = reset_invite(&w, "juliet").await;
        w.server.lose_password_answers(2);
        let e = reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap_err();
        assert!(matches!(e, RedeemError::ResetUnknown(_)), "{e:?}");
        // The password may be set (here it is): the link is spent, and the
        // admin knows it may not have worked.
        assert_eq!(uses(&w, &m.token), 1);
        assert_eq!(
            effects(&w).await,
            [Effect::Notify {
                to: admin(),
                text: "juliet@example.org used your reset invite, but the server did not confirm the new password.".into()
            }]
        );
        let e = reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap_err();
        assert!(matches!(e, RedeemError::Dead(DeadInvite::UsedUp)), "{e:?}");
        assert_eq!(w.server.password_changes(), 2);
    }

    #[tokio::test]
    async fn reset_and_registration_tokens_do_not_cross_paths() {
        let w = world();
        w.server.add_account("juliet", "old password");
        let r = reset_invite(&w, "juliet").await;
        let a = account(&w, MintRequest::default()).await;
        // A reset token registers nothing, on the web or in an app.
        let e = w
            .redeem
            .register(r.token.expose(), "juliet", PW, PW)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Dead(DeadInvite::NotFound)),
            "{e:?}"
        );
        let e = w
            .redeem
            .app_claim(r.token.expose(), "juliet", "x")
            .await
            .unwrap_err();
        assert!(
            matches!(e, RedeemError::Dead(DeadInvite::NotFound)),
            "{e:?}"
        );
        // An account token resets nothing.
        let e = reset(&w, &a.token, NEW_PW, NEW_PW).await.unwrap_err();
        assert!(
            matches!(e, RedeemError::Dead(DeadInvite::NotFound)),
            "{e:?}"
        );
        assert_eq!(w.server.password_changes(), 0);
        assert_eq!(w.server.accounts().len(), 1);
    }

    #[tokio::test]
    async fn a_revoked_reset_invite_or_one_by_a_former_admin_sets_nothing() {
        let w = world();
        w.server.add_account("juliet", "old password");
        let m = reset_invite(&w, "juliet").await;
        w.store
            .revoke(m.id, "admin@example.org", None, w.clock.now())
            .unwrap();
        let e = reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap_err();
        assert!(
            matches!(e, RedeemError::Dead(DeadInvite::NotFound)),
            "{e:?}"
        );
        let m = reset_invite(&w, "juliet").await;
        w.mint.reconfigure(
            crate::domain::Policy::new(crate::testing::DOMAIN, [], false, true),
            crate::domain::Limits::default(),
        );
        let e = reset(&w, &m.token, NEW_PW, NEW_PW).await.unwrap_err();
        assert!(
            matches!(e, RedeemError::Dead(DeadInvite::NotFound)),
            "{e:?}"
        );
        assert_eq!(w.server.password_changes(), 0);
    }

    #[tokio::test]
    async fn concurrent_resets_with_one_link_change_the_password_once() {
        let w = world();
        w.server.add_account("juliet", "old password");
        let m = reset_invite(&w, "juliet").await;
        w.server.hold(true);
        let (a, b) = (m.token.clone(), m.token.clone());
        let (wa, wb) = (w.redeem.clone(), w.redeem.clone());
        let first = tokio::spawn(async move {
            wa.redeem(Redemption {
                invite: InviteRef::Token(a.expose()),
                how: How::ResetPassword {
                    password: "first passphrase",
                    confirm: "first passphrase",
                },
            })
            .await
        });
        let second = tokio::spawn(async move {
            wb.redeem(Redemption {
                invite: InviteRef::Token(b.expose()),
                how: How::ResetPassword {
                    password: "second passphrase",
                    confirm: "second passphrase",
                },
            })
            .await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        w.server.hold(false);
        let results = [first.await.unwrap(), second.await.unwrap()];
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{results:?}"
        );
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(RedeemError::Dead(DeadInvite::UsedUp))))
        );
        assert_eq!(w.server.password_changes(), 1);
    }
}
