//! The admin command line: `invite create|list|show|revoke` and `purge`,
//! on the database the running service uses (SQLite in WAL mode with a
//! busy timeout, so both can write; every change is one short
//! transaction). Nothing here needs the XMPP link, except the account
//! check of `invite create --reset`, which asks the running service over
//! its control socket (see [`crate::control`]).
//!
//! `--json` output is stable (documented in README.md): new keys may be
//! added, existing ones keep their name and meaning.

use crate::config::{HumanDuration, Settings};
use crate::domain::invite::{InviteId, InviteKind};
use crate::domain::links::Links;
use crate::domain::manage::{
    Actor, InviteQuery, InviteRecord, ManageError, ManageService, parse_public_id, public_id,
    state_name,
};
use crate::domain::{Clock, InviteStore, MintRequest, MintService, SystemClock};
use crate::ops::reload;
use crate::store::SqliteStore;
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use std::process::ExitCode;
use std::sync::Arc;
use xmpp_parsers::jid::BareJid;

/// `xmpp-invites invite …`
#[derive(Debug, Args)]
pub struct InviteArgs {
    #[command(subcommand)]
    pub command: InviteCommand,
}

#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Create an invite and print its `uri` and `landing-url`.
    Create(CreateArgs),
    /// List invites (live ones unless --all), newest first.
    List {
        /// Include ended invites (expired, used, revoked) still kept.
        #[arg(long)]
        all: bool,
        /// Only those created by this JID.
        #[arg(long)]
        creator: Option<String>,
        /// Only this kind: account, contact, account-and-contact, reset.
        #[arg(long)]
        kind: Option<String>,
        /// Print JSON (stable; see README.md).
        #[arg(long)]
        json: bool,
    },
    /// Show one invite, with who used it.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke invites: their links stop working at once, on every path.
    Revoke {
        #[arg(required = true)]
        ids: Vec<String>,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["account", "contact", "reset"])))]
pub struct CreateArgs {
    /// An account invite.
    #[arg(long)]
    pub account: bool,
    /// A contact invite from this user (the policy for that user applies).
    #[arg(long, value_name = "JID")]
    pub contact: Option<String>,
    /// A password-reset invite for this existing account (asks the running
    /// service whether it exists).
    #[arg(long, value_name = "JID")]
    pub reset: Option<String>,
    /// Account invites: the only username it may register.
    #[arg(long)]
    pub username: Option<String>,
    /// How long it is valid (e.g. 1h, 7d).
    #[arg(long)]
    pub lifetime: Option<String>,
    /// Account invites: how many accounts it may create.
    #[arg(long)]
    pub uses: Option<u32>,
    /// A note for admins, never shown to the invitee.
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// The services the command line uses, over the configured database.
struct Tools {
    mint: MintService,
    manage: ManageService,
    settings: Settings,
}

/// The policy, links and limits of `settings`, as the service has them.
pub fn mint_service(
    settings: &Settings,
    store: Arc<dyn InviteStore>,
    clock: Arc<dyn Clock>,
) -> MintService {
    MintService::new(
        store,
        reload::policy(settings),
        Links::new(settings.domain.clone(), &settings.public_url),
        reload::limits(settings),
        clock,
    )
}

fn tools(settings: Settings) -> Result<Tools, String> {
    let store: Arc<dyn InviteStore> =
        Arc::new(SqliteStore::open(&settings.database).map_err(|e| e.to_string())?);
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let mint = mint_service(&settings, store.clone(), clock.clone());
    Ok(Tools {
        manage: ManageService::new(store, mint.shared_policy(), clock),
        mint,
        settings,
    })
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}

/// Runs `invite …`.
pub fn invite(settings: Settings, args: InviteArgs) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let t = match tools(settings) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    rt.block_on(async move {
        match args.command {
            InviteCommand::Create(c) => create(&t, c).await,
            InviteCommand::List {
                all,
                creator,
                kind,
                json,
            } => list(&t, all, creator, kind, json).await,
            InviteCommand::Show { id, json } => show(&t, &id, json).await,
            InviteCommand::Revoke { ids } => revoke(&t, &ids).await,
        }
    })
}

/// Runs `purge`: deletes what ended more than `purge_after` ago.
pub fn purge(settings: Settings) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let retention = settings.purge_after;
    let t = match tools(settings) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    match rt.block_on(t.manage.purge(retention)) {
        Ok(n) => {
            println!(
                "purged {n} invite(s) that ended more than {} ago",
                HumanDuration(retention)
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn parse_kind(k: &str) -> Result<InviteKind, String> {
    InviteKind::parse(k).ok_or_else(|| {
        format!("--kind: unknown kind '{k}' (account, contact, account-and-contact, reset)")
    })
}

async fn create(t: &Tools, c: CreateArgs) -> ExitCode {
    let lifetime = match c.lifetime.as_deref().map(HumanDuration::parse).transpose() {
        Ok(l) => l.map(|d| d.0),
        Err(e) => return fail(format!("--lifetime: {e}")),
    };
    let minted = if c.account {
        t.mint
            .mint_operator_account_invite(MintRequest {
                username: c.username,
                roster_subscription: false,
                lifetime,
                uses: c.uses,
                note: c.note,
            })
            .await
    } else if let Some(jid) = c.contact {
        if c.username.is_some() || c.uses.is_some() || lifetime.is_some() || c.note.is_some() {
            return fail("--contact takes no --username, --uses, --lifetime or --note");
        }
        let Ok(jid) = BareJid::new(&jid) else {
            return fail(format!("--contact: '{jid}' is not a bare JID"));
        };
        t.mint.mint_operator_contact_invite(&jid).await
    } else if let Some(account) = c.reset {
        if c.username.is_some() || c.uses.is_some() {
            return fail("--reset takes no --username or --uses");
        }
        let domain = &t.settings.domain;
        let localpart = match account.rsplit_once('@') {
            Some((n, d)) if d.eq_ignore_ascii_case(domain) => n.to_owned(),
            Some(_) => {
                return fail(format!(
                    "--reset: '{account}' is not an account of {domain}"
                ));
            }
            None => account.clone(),
        };
        let localpart = match crate::domain::mint::normalise_username(&localpart) {
            Ok(l) => l,
            Err(e) => return fail(format!("--reset: {e}")),
        };
        match crate::control::account_exists(&t.settings.database, &localpart).await {
            Ok(true) => {}
            Ok(false) => return fail(format!("there is no account {localpart}@{domain}")),
            Err(e) => return fail(e),
        }
        t.mint
            .mint_operator_reset_invite(&localpart, lifetime, c.note)
            .await
    } else {
        return fail("say which invite: --account, --contact JID or --reset JID");
    };
    match minted {
        Ok(m) => {
            if c.json {
                println!(
                    "{}",
                    json!({
                        "id": public_id(m.id),
                        "kind": m.kind.as_str(),
                        "uri": m.uri,
                        "landing_url": m.landing_url,
                        "expires": m.expires.to_xep0082(),
                    })
                );
            } else {
                println!("id: {}", public_id(m.id));
                println!("uri: {}", m.uri);
                println!("landing-url: {}", m.landing_url);
                println!("expires: {}", m.expires.to_xep0082());
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// The stable JSON shape of one invite.
pub fn record_json(r: &InviteRecord, now: crate::domain::Timestamp) -> Value {
    let i = &r.invite;
    json!({
        "id": public_id(i.id),
        "kind": i.kind.as_str(),
        "state": state_name(i, now),
        "creator": i.creator.as_str(),
        "created": i.created.to_xep0082(),
        "expires": i.expires.to_xep0082(),
        "max_uses": i.max_uses,
        "uses": i.uses,
        "uses_left": i.max_uses.saturating_sub(i.uses),
        "username": i.reserved_username,
        "roster_subscription": i.roster_subscription,
        "note": i.note,
        "revoked": i.revoked.map(|t| t.to_xep0082()),
        "revoked_by": r.revoked_by,
        "redemptions": r.redemptions.iter().map(|x| json!({
            "jid": x.jid,
            "at": x.at.to_xep0082(),
        })).collect::<Vec<_>>(),
    })
}

fn record_text(r: &InviteRecord, now: crate::domain::Timestamp) -> String {
    let i = &r.invite;
    let mut s = format!(
        "{:>6}  {:<19}  {:<7}  {}  expires {}  {}/{} used  by {}",
        public_id(i.id),
        i.kind.as_str(),
        state_name(i, now),
        i.created.to_xep0082(),
        i.expires.to_xep0082(),
        i.uses,
        i.max_uses,
        i.creator
    );
    if let Some(u) = &i.reserved_username {
        s.push_str(&format!("  for {u}"));
    }
    if let Some(n) = &i.note {
        s.push_str(&format!("  note: {n}"));
    }
    s
}

async fn list(
    t: &Tools,
    all: bool,
    creator: Option<String>,
    kind: Option<String>,
    json: bool,
) -> ExitCode {
    let kind = match kind.as_deref().map(parse_kind).transpose() {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    let creator = match creator.map(|c| BareJid::new(&c).map_err(|_| c)).transpose() {
        Ok(c) => c.map(|j| j.to_string()),
        Err(c) => return fail(format!("--creator: '{c}' is not a bare JID")),
    };
    let now = t.manage.now();
    let query = InviteQuery {
        creator,
        kind,
        live_at: (!all).then_some(now),
        limit: usize::MAX,
    };
    match t.manage.list(&Actor::Operator, query).await {
        Ok(records) => {
            if json {
                let list: Vec<Value> = records.iter().map(|r| record_json(r, now)).collect();
                println!("{}", Value::Array(list));
            } else {
                for r in &records {
                    println!("{}", record_text(r, now));
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn parse_id(s: &str) -> Result<InviteId, String> {
    parse_public_id(s).ok_or_else(|| format!("'{s}' is not an invite id"))
}

async fn show(t: &Tools, id: &str, json: bool) -> ExitCode {
    let id = match parse_id(id) {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    let now = t.manage.now();
    match t.manage.show(&Actor::Operator, id).await {
        Ok(r) => {
            if json {
                println!("{}", record_json(&r, now));
            } else {
                println!("{}", record_text(&r, now));
                if let (Some(at), Some(by)) = (r.invite.revoked, &r.revoked_by) {
                    println!("revoked {} by {by}", at.to_xep0082());
                }
                for x in &r.redemptions {
                    println!("used by {} at {}", x.jid, x.at.to_xep0082());
                }
            }
            ExitCode::SUCCESS
        }
        Err(ManageError::NotFound(id)) => fail(format!("no invite {id}")),
        Err(e) => fail(e),
    }
}

async fn revoke(t: &Tools, ids: &[String]) -> ExitCode {
    let ids: Vec<InviteId> = match ids.iter().map(|s| parse_id(s)).collect() {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    // All named invites must exist before any is revoked.
    match t.manage.revoke(&Actor::Operator, &ids).await {
        Ok(done) => {
            for id in &ids {
                let state = if done.contains(id) {
                    "revoked"
                } else {
                    "already revoked"
                };
                println!("{}: {state}", public_id(*id));
            }
            ExitCode::SUCCESS
        }
        Err(ManageError::NotFound(id)) => fail(format!("no invite {id}; nothing revoked")),
        Err(e) => fail(e),
    }
}
