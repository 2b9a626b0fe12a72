//! Test support shared by the unit tests and the in-process HTTP tests:
//! fake server operations, a clock that tests move, and a service wired
//! like `app::run` over an in-memory store. Not used by the service itself.

use crate::delivery::Deliverer;
use crate::domain::Limits;
use crate::domain::links::Links;
use crate::domain::redeem::{ConfirmText, FormRules, NotifyText, RedeemService};
use crate::domain::{
    AccountError, AccountStart, Clock, Effect, EffectError, MintService, Policy, ServerOps,
    SystemClock, Timestamp,
};
use crate::store::SqliteStore;
use futures::future::BoxFuture;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use xmpp_parsers::jid::BareJid;

/// A clock that only moves when told to.
#[derive(Debug)]
pub struct FakeClock(AtomicI64);

impl FakeClock {
    /// Starts at the real time now.
    pub fn new() -> FakeClock {
        FakeClock(AtomicI64::new(SystemClock.now().0))
    }

    pub fn advance(&self, d: Duration) {
        self.0.fetch_add(d.as_secs() as i64, Ordering::SeqCst);
    }
}

impl Default for FakeClock {
    fn default() -> Self {
        FakeClock::new()
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

/// A server that records the accounts it creates and the effects it
/// applies, and can be told to fail in each of the ways a real one does.
pub struct FakeServer {
    accounts: Mutex<Vec<(String, String)>>,
    applied: Mutex<Vec<Effect>>,
    fail: Mutex<Option<AccountError>>,
    /// Create the account, then answer as though the answer was lost.
    lose_answer: AtomicBool,
    /// Lose the answers to this many of the next password changes (made
    /// all the same).
    lose_password_answers: AtomicU32,
    /// Password changes asked for, answered or not.
    password_changes: AtomicU32,
    /// Answer account-existence questions with this error.
    existence_unknown: AtomicBool,
    /// While true, account creation waits (a slow server).
    held: tokio::sync::watch::Sender<bool>,
    /// While true, applying an effect waits.
    apply_held: tokio::sync::watch::Sender<bool>,
    /// While true, sending a message (`Effect::Notify`) waits.
    messages_held: tokio::sync::watch::Sender<bool>,
    /// Fail this many of the next effects with this error.
    apply_fail: Mutex<(u32, Option<EffectError>)>,
    /// Effects being applied right now (waiting while held, say).
    applying: AtomicU32,
    /// Account creations started and neither finished nor cancelled.
    open_starts: AtomicI64,
}

impl Default for FakeServer {
    fn default() -> Self {
        FakeServer {
            accounts: Mutex::default(),
            applied: Mutex::default(),
            fail: Mutex::default(),
            lose_answer: AtomicBool::default(),
            lose_password_answers: AtomicU32::default(),
            password_changes: AtomicU32::default(),
            existence_unknown: AtomicBool::default(),
            held: tokio::sync::watch::Sender::new(false),
            apply_held: tokio::sync::watch::Sender::new(false),
            messages_held: tokio::sync::watch::Sender::new(false),
            applying: AtomicU32::default(),
            apply_fail: Mutex::new((0, None)),
            open_starts: AtomicI64::default(),
        }
    }
}

impl FakeServer {
    /// Makes account creation wait until [`FakeServer::hold`] is called
    /// with `false`.
    pub fn hold(&self, held: bool) {
        self.held.send_replace(held);
    }

    /// Account creations started ([`ServerOps::start_account`]) and
    /// neither gone on with nor cancelled: a server session left open.
    pub fn open_starts(&self) -> i64 {
        self.open_starts.load(Ordering::SeqCst)
    }

    /// How many effects are being applied at this moment.
    pub fn effects_in_progress(&self) -> u32 {
        self.applying.load(Ordering::SeqCst)
    }

    /// Makes applying effects wait until called with `false`.
    pub fn hold_effects(&self, held: bool) {
        self.apply_held.send_replace(held);
    }

    /// Makes sending messages (and only that) wait until called with
    /// `false`.
    pub fn hold_messages(&self, held: bool) {
        self.messages_held.send_replace(held);
    }

    /// Fails the next `times` effects with `error` (`u32::MAX`: always).
    pub fn fail_effects(&self, times: u32, error: EffectError) {
        *self.apply_fail.lock().unwrap() = (times, Some(error));
    }

    pub fn accounts(&self) -> Vec<(String, String)> {
        self.accounts.lock().unwrap().clone()
    }

    pub fn applied(&self) -> Vec<Effect> {
        self.applied.lock().unwrap().clone()
    }

    /// Refuse account creation with `e` (or stop refusing with `None`).
    pub fn fail_with(&self, e: Option<AccountError>) {
        *self.fail.lock().unwrap() = e;
    }

    /// Create accounts but lose the answer (the caller sees
    /// [`AccountError::Indeterminate`]).
    pub fn lose_answers(&self, lose: bool) {
        self.lose_answer.store(lose, Ordering::SeqCst);
    }

    /// Changes passwords but loses the answers to the next `times`
    /// changes (the caller sees [`AccountError::Indeterminate`]).
    pub fn lose_password_answers(&self, times: u32) {
        self.lose_password_answers.store(times, Ordering::SeqCst);
    }

    /// How many password changes were asked for.
    pub fn password_changes(&self) -> u32 {
        self.password_changes.load(Ordering::SeqCst)
    }

    /// The password of `localpart`, if the account exists.
    pub fn password_of(&self, localpart: &str) -> Option<String> {
        self.accounts
            .lock()
            .unwrap()
            .iter()
            .find(|(a, _)| a == localpart)
            .map(|(_, p)| p.clone())
    }

    /// Cannot tell whether an account exists (server down).
    pub fn existence_unknown(&self, unknown: bool) {
        self.existence_unknown.store(unknown, Ordering::SeqCst);
    }

    /// Adds an account as if made outside the component.
    pub fn add_account(&self, localpart: &str, password: &str) {
        self.accounts
            .lock()
            .unwrap()
            .push((localpart.to_owned(), password.to_owned()));
    }
}

impl ServerOps for FakeServer {
    /// A session, as XEP-0133 opens one; refused while the server is
    /// set to be unavailable.
    fn start_account(&self) -> BoxFuture<'_, Result<AccountStart, AccountError>> {
        Box::pin(async move {
            tokio::task::yield_now().await;
            if let Some(e @ AccountError::Unavailable(_)) = self.fail.lock().unwrap().clone() {
                return Err(e);
            }
            self.open_starts.fetch_add(1, Ordering::SeqCst);
            Ok(AccountStart(Some("fake session".into())))
        })
    }

    fn cancel_account(&self, start: AccountStart) -> BoxFuture<'_, ()> {
        if start.0.is_some() {
            self.open_starts.fetch_sub(1, Ordering::SeqCst);
        }
        Box::pin(async {})
    }

    fn create_account<'a>(
        &'a self,
        start: AccountStart,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>> {
        if start.0.is_some() {
            self.open_starts.fetch_sub(1, Ordering::SeqCst);
        }
        Box::pin(async move {
            // Yield so that concurrent callers really interleave.
            tokio::task::yield_now().await;
            let _ = self.held.subscribe().wait_for(|held| !held).await;
            if let Some(e) = self.fail.lock().unwrap().clone() {
                return Err(e);
            }
            {
                let mut accounts = self.accounts.lock().unwrap();
                if accounts.iter().any(|(a, _)| a == localpart) {
                    return Err(AccountError::Conflict);
                }
                accounts.push((localpart.to_owned(), password.to_owned()));
            }
            if self.lose_answer.load(Ordering::SeqCst) {
                return Err(AccountError::Indeterminate("no answer (fake)".into()));
            }
            Ok(())
        })
    }

    fn account_exists<'a>(
        &'a self,
        localpart: &'a str,
    ) -> BoxFuture<'a, Result<bool, AccountError>> {
        Box::pin(async move {
            if self.existence_unknown.load(Ordering::SeqCst) {
                return Err(AccountError::Unavailable("down (fake)".into()));
            }
            Ok(self
                .accounts
                .lock()
                .unwrap()
                .iter()
                .any(|(a, _)| a == localpart))
        })
    }

    fn change_password<'a>(
        &'a self,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>> {
        Box::pin(async move {
            tokio::task::yield_now().await;
            // Held and refused like account creation: the same server step.
            let _ = self.held.subscribe().wait_for(|held| !held).await;
            self.password_changes.fetch_add(1, Ordering::SeqCst);
            if let Some(e) = self.fail.lock().unwrap().clone() {
                return Err(e);
            }
            {
                let mut accounts = self.accounts.lock().unwrap();
                let Some(account) = accounts.iter_mut().find(|(a, _)| a == localpart) else {
                    return Err(AccountError::NoSuchAccount);
                };
                account.1 = password.to_owned();
            }
            let lost = self
                .lose_password_answers
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if lost {
                return Err(AccountError::Indeterminate("no answer (fake)".into()));
            }
            Ok(())
        })
    }

    fn apply<'a>(&'a self, effect: &'a Effect) -> BoxFuture<'a, Result<(), EffectError>> {
        Box::pin(async move {
            self.applying.fetch_add(1, Ordering::SeqCst);
            let _ = self.apply_held.subscribe().wait_for(|held| !held).await;
            if matches!(effect, Effect::Notify { .. }) {
                let _ = self.messages_held.subscribe().wait_for(|held| !held).await;
            }
            self.applying.fetch_sub(1, Ordering::SeqCst);
            {
                let mut fail = self.apply_fail.lock().unwrap();
                if let (n @ 1.., Some(e)) = &mut *fail {
                    let e = e.clone();
                    if *n != u32::MAX {
                        *n -= 1;
                    }
                    return Err(e);
                }
            }
            self.applied.lock().unwrap().push(effect.clone());
            Ok(())
        })
    }
}

/// The served domain of [`Wired`] services.
pub const DOMAIN: &str = "example.org";
/// Its public URL.
pub const PUBLIC_URL: &str = "https://i.example.org";
/// Its admin.
pub const ADMIN: &str = "admin@example.org";

/// The domain services wired as `app::run` wires them, over an in-memory
/// store and the fakes above.
pub struct Wired {
    pub store: Arc<SqliteStore>,
    pub server: Arc<FakeServer>,
    pub clock: Arc<FakeClock>,
    pub deliverer: Arc<Deliverer>,
    pub mint: MintService,
    pub redeem: Arc<RedeemService>,
    pub links: Links,
}

impl Wired {
    pub fn new() -> Wired {
        Wired::with_store(SqliteStore::open_in_memory().expect("in-memory database"))
    }

    pub fn with_store(store: SqliteStore) -> Wired {
        Wired::build(
            store,
            PUBLIC_URL,
            // The language, when one is known, leads the text, so that
            // tests see which one was looked up.
            Arc::new(|lang: Option<&str>, jid: &str| match lang {
                None => format!("{jid} accepted your invite."),
                Some(l) => format!("[{l}] {jid} accepted your invite."),
            }),
            Arc::new(|lang: Option<&str>, inviter: &str, url: &str| match lang {
                None => format!("{inviter} invites you: {url}"),
                Some(l) => format!("[{l}] {inviter} invites you: {url}"),
            }),
        )
    }

    /// With the landing pages at `public_url` and the messages worded by
    /// `notify` and `confirm` (the web tests use the real catalogue).
    pub fn build(
        store: SqliteStore,
        public_url: &str,
        notify: Arc<NotifyText>,
        confirm: Arc<ConfirmText>,
    ) -> Wired {
        let store = Arc::new(store);
        let server = Arc::new(FakeServer::default());
        let clock = Arc::new(FakeClock::new());
        let links = Links::new(DOMAIN, public_url);
        let admin = BareJid::new(ADMIN).expect("valid JID");
        let rules = FormRules {
            reserved: crate::domain::ReservedNames::default()
                .with_admins(DOMAIN, std::slice::from_ref(&admin)),
            ..FormRules::default()
        };
        let mint = MintService::new(
            store.clone(),
            Policy::new(DOMAIN, [admin], false, true),
            links.clone(),
            Limits {
                reserved: rules.reserved.clone(),
                ..Limits::default()
            },
            clock.clone(),
        );
        let deliverer = Arc::new(Deliverer::new(
            store.clone(),
            server.clone(),
            clock.clone(),
            Duration::from_secs(5),
        ));
        let redeem = Arc::new(
            RedeemService::new(
                store.clone(),
                server.clone(),
                deliverer.clone(),
                clock.clone(),
                DOMAIN,
                rules,
                notify,
            )
            .with_local_confirmation(links.clone(), confirm)
            .with_policy(mint.shared_policy()),
        );
        Wired {
            store,
            server,
            clock,
            deliverer,
            mint,
            redeem,
            links,
        }
    }
}

impl Default for Wired {
    fn default() -> Self {
        Wired::new()
    }
}
