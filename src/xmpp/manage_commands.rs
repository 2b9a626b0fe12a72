//! Our own commands for managing invites, over the domain's
//! [`ManageService`] and [`MintService`]:
//!
//! - `urn:xmpp-invites:0#list` (*My invites*): a user's live invites (an
//!   admin's filter by creator and kind first), select some, confirm,
//!   revoke. Whatever the forms say, a user only ever sees and revokes
//!   their own: the selection is checked against what they may see when
//!   submitted, and again by the statement that revokes.
//! - `urn:xmpp-invites:0#reset` (*Password reset invite*, admins): a
//!   one-use invite whose page sets a new password for an existing account.

use super::adhoc::{Authorization, CommandInfo, Commands, Failure, Step};
use super::invite_commands::{bad_value, result_form};
use super::texts::{self, clip};
use super::xep_0050::{Action, Actions, Note, NoteType};
use crate::config::HumanDuration;
use crate::domain::email::{EmailService, EmailStatus};
use crate::domain::invite::{InviteId, InviteKind};
use crate::domain::manage::{Actor, InviteRecord, ManageService, parse_public_id, public_id};
use crate::domain::mint::{format_duration, normalise_username};
use crate::domain::policy::{Operation, Requester};
use crate::domain::{AccountError, MintError, MintService, ServerOps, Timestamp};
use crate::i18n::{Arg, Tr};
use std::collections::BTreeSet;
use std::sync::Arc;
use xmpp_parsers::data_forms::{DataForm, DataFormType, Field, FieldType, Option_};
use xmpp_parsers::jid::BareJid;

pub const NODE_LIST: &str = "urn:xmpp-invites:0#list";
pub const NODE_RESET: &str = "urn:xmpp-invites:0#reset";

const LIST: CommandInfo = CommandInfo {
    node: NODE_LIST,
    name_id: "cmd-list",
};
const RESET: CommandInfo = CommandInfo {
    node: NODE_RESET,
    name_id: "cmd-reset",
};

/// The management commands.
pub struct ManageCommands {
    manage: Arc<ManageService>,
    mint: Arc<MintService>,
    server: Arc<dyn ServerOps>,
    email: Option<Arc<EmailService>>,
}

/// What to do with the selected invites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListAction {
    Revoke,
    Resend,
}

fn list_action(form: &DataForm, tr: &Tr) -> Result<ListAction, String> {
    match value(form, "action") {
        None | Some("revoke") => Ok(ListAction::Revoke),
        Some("resend") => Ok(ListAction::Resend),
        Some(other) => Err(bad_value(tr, "error-unknown-value", "action", other)),
    }
}

/// A stage that goes on to the next, with `prev` where there is one.
fn next_actions(prev: bool) -> Actions {
    Actions {
        execute: Some(Action::Next),
        prev,
        next: true,
        complete: false,
    }
}

fn complete_actions(prev: bool) -> Actions {
    Actions {
        execute: Some(Action::Complete),
        prev,
        next: false,
        complete: true,
    }
}

fn done(kind: NoteType, text: impl Into<String>) -> Step {
    Step::Completed {
        form: None,
        notes: vec![Note::new(kind, text)],
    }
}

/// A submitted field's values, trimmed, empty ones left out.
fn values<'a>(form: &'a DataForm, var: &str) -> Vec<&'a str> {
    form.fields
        .iter()
        .filter(|f| f.var.as_deref() == Some(var))
        .flat_map(|f| f.values.iter())
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect()
}

fn value<'a>(form: &'a DataForm, var: &str) -> Option<&'a str> {
    values(form, var).into_iter().next()
}

fn time(tr: &Tr, t: Timestamp) -> String {
    tr.datetime(t.0)
}

/// The word for an invite's kind (`reset` when it is a reset invite).
fn kind_word(tr: &Tr, kind: &str) -> String {
    tr.t(&format!("option-kind-{kind}"))
}

/// One line per invite: everything its creator needs to recognise it.
pub fn summary(r: &InviteRecord, with_creator: bool, tr: &Tr) -> String {
    let i = &r.invite;
    let id = public_id(i.id);
    let mut s = tr.args_n(
        "summary-invite",
        &[
            ("id", Arg::Str(&id)),
            ("kind", Arg::Str(&kind_word(tr, i.kind.as_str()))),
            ("created", Arg::Str(&time(tr, i.created))),
            ("expires", Arg::Str(&time(tr, i.expires))),
            ("left", Arg::from(i.max_uses.saturating_sub(i.uses))),
            ("max", Arg::from(i.max_uses)),
        ],
    );
    if with_creator {
        s.push_str(&tr.args("summary-by", &[("jid", i.creator.as_str())]));
    }
    if let Some(u) = &i.reserved_username {
        s.push_str(&tr.args("summary-for", &[("username", u)]));
    }
    if let Some(n) = &i.note {
        s.push_str(&tr.args("summary-note", &[("note", n)]));
    }
    if !r.redemptions.is_empty() {
        let who: Vec<&str> = r.redemptions.iter().map(|x| x.jid.as_str()).collect();
        s.push_str(&tr.args("summary-joined", &[("jids", &who.join(", "))]));
    }
    // Only its creator and admins list an invite, the ones who may see
    // where it was emailed.
    if let Some(e) = &r.email {
        let status = match &e.status {
            EmailStatus::Queued { error: None } => tr.t("summary-email-sending"),
            EmailStatus::Queued { error: Some(why) } => {
                tr.args("summary-email-retrying", &[("error", why)])
            }
            EmailStatus::Sent { at } => tr.args("summary-email-sent", &[("at", &time(tr, *at))]),
            EmailStatus::Failed { error, .. } => {
                tr.args("summary-email-failed", &[("error", error)])
            }
        };
        s.push_str(&tr.args_n(
            "summary-emailed",
            &[
                ("address", Arg::Str(&e.address)),
                ("sends", Arg::from(e.sends)),
                ("status", Arg::Str(&status)),
            ],
        ));
    }
    s
}

/// What the admin's first stage asks: a creator and a kind, both optional.
struct Filter {
    creator: Option<String>,
    kind: Option<InviteKind>,
}

impl ManageCommands {
    pub fn new(
        manage: Arc<ManageService>,
        mint: Arc<MintService>,
        server: Arc<dyn ServerOps>,
    ) -> ManageCommands {
        ManageCommands {
            manage,
            mint,
            server,
            email: None,
        }
    }

    /// Offers resending emailed invites.
    pub fn with_email(mut self, email: Arc<EmailService>) -> ManageCommands {
        self.email = Some(email);
        self
    }

    fn who(&self, requester: &BareJid) -> Requester {
        self.manage.policy().classify(requester)
    }

    fn filter_form(tr: &Tr) -> DataForm {
        let mut creator = Field::new("creator", FieldType::JidSingle);
        creator.label = Some(tr.t("field-creator"));
        let mut kind = Field::new("kind", FieldType::ListSingle);
        kind.label = Some(tr.t("field-kind"));
        kind.options = ["any", "account", "contact", "account-and-contact", "reset"]
            .into_iter()
            .map(|v| Option_ {
                label: Some(kind_word(tr, v)),
                value: v.into(),
            })
            .collect();
        kind.values = vec!["any".into()];
        DataForm {
            type_: DataFormType::Form,
            title: Some(tr.t("form-filter")),
            instructions: Some(tr.t("form-filter-instructions")),
            fields: vec![creator, kind],
        }
    }

    fn parse_filter(form: &DataForm, tr: &Tr) -> Result<Filter, String> {
        let creator = value(form, "creator")
            .map(|c| {
                BareJid::new(c)
                    .map(|j| j.to_string())
                    .map_err(|_| bad_value(tr, "error-not-jid", "creator", c))
            })
            .transpose()?;
        let kind = match value(form, "kind") {
            None | Some("any") => None,
            Some(k) => Some(
                InviteKind::parse(k)
                    .ok_or_else(|| bad_value(tr, "error-unknown-value", "kind", k))?,
            ),
        };
        Ok(Filter { creator, kind })
    }

    async fn records(
        &self,
        requester: &BareJid,
        filter: &Filter,
        tr: &Tr,
    ) -> Result<Vec<InviteRecord>, Failure> {
        self.manage
            .list_live(
                &Actor::Jid(requester.clone()),
                filter.creator.clone(),
                filter.kind,
            )
            .await
            .map_err(|e| texts::manage_failure(tr, e))
    }

    fn list_form(&self, records: &[InviteRecord], admin: bool, tr: &Tr) -> DataForm {
        let mut pick = Field::new("invites", FieldType::ListMulti);
        pick.label = Some(tr.t("field-invites"));
        pick.options = records
            .iter()
            .map(|r| Option_ {
                label: Some(summary(r, admin, tr)),
                value: public_id(r.invite.id),
            })
            .collect();
        DataForm {
            type_: DataFormType::Form,
            title: Some(tr.t(if admin {
                "form-list-admin"
            } else {
                "form-list"
            })),
            instructions: Some(tr.args_n(
                "form-list-instructions",
                &[("count", Arg::from(records.len()))],
            )),
            fields: if self.email.is_some() {
                let mut action = Field::new("action", FieldType::ListSingle);
                action.label = Some(tr.t("field-action"));
                action.options = [("revoke", "option-revoke"), ("resend", "option-resend")]
                    .into_iter()
                    .map(|(v, l)| Option_ {
                        label: Some(tr.t(l)),
                        value: v.into(),
                    })
                    .collect();
                action.values = vec!["revoke".into()];
                vec![pick, action]
            } else {
                vec![pick]
            },
        }
    }

    /// Stage: the list (after the admin's filter, if any).
    async fn list_stage(
        &self,
        requester: &BareJid,
        filter: &Filter,
        admin: bool,
        error: Option<String>,
        tr: &Tr,
    ) -> Result<Step, Failure> {
        let records = self.records(requester, filter, tr).await?;
        if records.is_empty() && error.is_none() {
            return Ok(done(NoteType::Info, tr.t("note-no-invites")));
        }
        let form = self.list_form(&records, admin, tr);
        Ok(match error {
            None => Step::Form {
                form,
                actions: next_actions(admin),
                notes: Vec::new(),
            },
            Some(why) => Step::Retry {
                form,
                actions: next_actions(admin),
                notes: vec![Note::new(NoteType::Error, why)],
            },
        })
    }

    /// The selection, each one checked against what the requester may
    /// see now. Forged values (someone else's invite, no invite, not a
    /// number) are named in the error.
    async fn selection(
        &self,
        requester: &BareJid,
        filter: &Filter,
        form: &DataForm,
        tr: &Tr,
    ) -> Result<Result<Vec<InviteRecord>, String>, Failure> {
        let picked = values(form, "invites");
        if picked.is_empty() {
            return Ok(Err(tr.t("note-select-one")));
        }
        let visible = self.records(requester, filter, tr).await?;
        let mut chosen = Vec::new();
        let mut seen = BTreeSet::new();
        for v in picked {
            let found = parse_public_id(v)
                .and_then(|id| visible.iter().find(|r| r.invite.id == id))
                .filter(|r| seen.insert(r.invite.id));
            match found {
                Some(r) => chosen.push(r.clone()),
                None => {
                    return Ok(Err(tr.args("note-not-listed", &[("value", &clip(v))])));
                }
            }
        }
        Ok(Ok(chosen))
    }

    fn confirm_form(chosen: &[InviteRecord], admin: bool, action: ListAction, tr: &Tr) -> DataForm {
        let mut list = Field::new("selected", FieldType::Fixed);
        list.values = chosen.iter().map(|r| summary(r, admin, tr)).collect();
        let (title, text) = match action {
            ListAction::Revoke => ("form-revoke", "form-revoke-instructions"),
            ListAction::Resend => ("form-resend", "form-resend-instructions"),
        };
        DataForm {
            type_: DataFormType::Form,
            title: Some(tr.t(title)),
            instructions: Some(tr.args_n(text, &[("count", Arg::from(chosen.len()))])),
            fields: vec![list],
        }
    }

    /// Sends the chosen invites again; says for each what happened.
    async fn resend(&self, requester: &BareJid, chosen: &[InviteRecord], tr: &Tr) -> Step {
        let Some(email) = &self.email else {
            return done(NoteType::Error, tr.t("note-email-off"));
        };
        let mut sent = Vec::new();
        let mut notes = Vec::new();
        for r in chosen {
            let name = format!("#{}", public_id(r.invite.id));
            match email.resend(requester, r.invite.id).await {
                Ok(()) => sent.push(name),
                Err(e) => notes.push(Note::new(
                    NoteType::Error,
                    tr.args(
                        "note-invite-error",
                        &[("id", &name), ("error", &texts::email_error(tr, &e))],
                    ),
                )),
            }
        }
        if !sent.is_empty() {
            notes.insert(
                0,
                Note::new(
                    NoteType::Info,
                    tr.args("note-resending", &[("ids", &sent.join(", "))]),
                ),
            );
        }
        Step::Completed { form: None, notes }
    }

    async fn list_step(
        &self,
        requester: &BareJid,
        submitted: &[DataForm],
        tr: &Tr,
    ) -> Result<Step, Failure> {
        let admin = self.who(requester) == Requester::Admin;
        // Admins first choose a filter; users go straight to their list.
        let (filter, rest) = if admin {
            match submitted.split_first() {
                None => {
                    return Ok(Step::Form {
                        form: Self::filter_form(tr),
                        actions: next_actions(false),
                        notes: Vec::new(),
                    });
                }
                Some((f, rest)) => match Self::parse_filter(f, tr) {
                    Ok(filter) => (filter, rest),
                    Err(why) => {
                        return Ok(Step::Retry {
                            form: Self::filter_form(tr),
                            actions: next_actions(false),
                            notes: vec![Note::new(NoteType::Error, why)],
                        });
                    }
                },
            }
        } else {
            (
                Filter {
                    creator: None,
                    kind: None,
                },
                submitted,
            )
        };
        match rest {
            [] => self.list_stage(requester, &filter, admin, None, tr).await,
            [pick] => match self.selection(requester, &filter, pick, tr).await? {
                Ok(_) if list_action(pick, tr).is_err() => {
                    let why = list_action(pick, tr).err();
                    self.list_stage(requester, &filter, admin, why, tr).await
                }
                Ok(chosen) => Ok(Step::Form {
                    form: Self::confirm_form(
                        &chosen,
                        admin,
                        list_action(pick, tr).unwrap_or(ListAction::Revoke),
                        tr,
                    ),
                    actions: complete_actions(true),
                    notes: Vec::new(),
                }),
                Err(why) => {
                    self.list_stage(requester, &filter, admin, Some(why), tr)
                        .await
                }
            },
            [pick, _confirm] => {
                let chosen = match self.selection(requester, &filter, pick, tr).await? {
                    Ok(c) => c,
                    // Gone since the list was shown (used, expired, revoked
                    // elsewhere): nothing is revoked, the reason is said.
                    Err(why) => return Ok(done(NoteType::Error, why)),
                };
                if list_action(pick, tr) == Ok(ListAction::Resend) {
                    return Ok(self.resend(requester, &chosen, tr).await);
                }
                let ids: Vec<InviteId> = chosen.iter().map(|r| r.invite.id).collect();
                let revoked = self
                    .manage
                    .revoke(&Actor::Jid(requester.clone()), &ids)
                    .await
                    .map_err(|e| texts::manage_failure(tr, e))?;
                let names: Vec<String> = revoked
                    .iter()
                    .map(|i| format!("#{}", public_id(*i)))
                    .collect();
                Ok(done(
                    NoteType::Info,
                    tr.args_n(
                        "note-revoked",
                        &[
                            ("count", Arg::from(names.len())),
                            ("ids", Arg::Str(&names.join(", "))),
                        ],
                    ),
                ))
            }
            _ => Err(Failure::BadPayload(tr.t("error-unexpected-stage"))),
        }
    }

    fn reset_form(previous: Option<&DataForm>, tr: &Tr) -> DataForm {
        let keep = |var: &str| previous.and_then(|f| value(f, var)).map(str::to_owned);
        let mut account = Field::new("account", FieldType::TextSingle);
        account.label = Some(tr.t("field-account"));
        account.required = true;
        account.values = keep("account").into_iter().collect();
        let mut lifetime = Field::new("lifetime", FieldType::ListSingle);
        lifetime.label = Some(tr.t("field-lifetime"));
        lifetime.options = ["1h", "1d", "7d"]
            .into_iter()
            .map(|v| Option_ {
                label: Some(tr.t(&format!("lifetime-{v}"))),
                value: v.into(),
            })
            .collect();
        lifetime.values = vec![
            keep("lifetime")
                .unwrap_or_else(|| format_duration(crate::domain::mint::RESET_LIFETIME)),
        ];
        let mut note = Field::new("note", FieldType::TextSingle);
        note.label = Some(tr.t("field-note-admins"));
        note.values = keep("note").into_iter().collect();
        DataForm {
            type_: DataFormType::Form,
            title: Some(tr.t("form-reset")),
            instructions: Some(tr.t("form-reset-instructions")),
            fields: vec![account, lifetime, note],
        }
    }

    /// The localpart an admin typed, as a username or an address of ours.
    fn reset_localpart(&self, typed: &str, tr: &Tr) -> Result<String, String> {
        let policy = self.manage.policy();
        let domain = policy.domain();
        let local = match typed.rsplit_once('@') {
            Some((node, d)) if d.eq_ignore_ascii_case(domain) => node,
            Some(_) => {
                return Err(tr.args(
                    "error-reset-not-ours",
                    &[("account", &clip(typed)), ("domain", domain)],
                ));
            }
            None => typed,
        };
        normalise_username(local).map_err(|e| texts::mint_error(tr, &e))
    }

    async fn reset_step(
        &self,
        requester: &BareJid,
        submitted: &[DataForm],
        tr: &Tr,
    ) -> Result<Step, Failure> {
        let form = match submitted {
            [] => {
                return Ok(Step::Form {
                    form: Self::reset_form(None, tr),
                    actions: complete_actions(false),
                    notes: Vec::new(),
                });
            }
            [form] => form,
            _ => return Err(Failure::BadPayload(tr.t("error-unexpected-stage"))),
        };
        let retry = |why: String| Step::Retry {
            form: Self::reset_form(Some(form), tr),
            actions: complete_actions(false),
            notes: vec![Note::new(NoteType::Error, why)],
        };
        let Some(typed) = value(form, "account") else {
            return Ok(retry(tr.t("error-reset-account-missing")));
        };
        let localpart = match self.reset_localpart(typed, tr) {
            Ok(l) => l,
            Err(why) => return Ok(retry(why)),
        };
        let lifetime = match value(form, "lifetime")
            .map(|v| HumanDuration::parse(v).map_err(|_| v))
            .transpose()
        {
            Ok(l) => l.map(|d| d.0),
            Err(v) => return Ok(retry(bad_value(tr, "error-not-duration", "lifetime", v))),
        };
        match self.server.account_exists(&localpart).await {
            Ok(true) => {}
            Ok(false) => {
                let jid = format!("{localpart}@{}", self.manage.policy().domain());
                return Ok(retry(tr.args("error-reset-no-account", &[("jid", &jid)])));
            }
            Err(AccountError::NotPermitted(why)) => return Err(Failure::Internal(why)),
            Err(e) => {
                return Err(Failure::Internal(format!(
                    "cannot tell whether {localpart} exists: {e}"
                )));
            }
        }
        match self
            .mint
            .mint_reset_invite(
                requester,
                &localpart,
                lifetime,
                value(form, "note").map(str::to_owned),
            )
            .await
        {
            Ok(m) => Ok(Step::Completed {
                notes: vec![Note::new(
                    NoteType::Info,
                    tr.args(
                        "note-reset-created",
                        &[
                            ("username", &localpart),
                            ("url", &m.landing_url),
                            ("expires", &tr.datetime(m.expires.0)),
                        ],
                    ),
                )],
                form: Some(result_form(&m, tr)),
            }),
            Err(e @ (MintError::Denied(_) | MintError::Rng(_) | MintError::Store(_))) => {
                Err(texts::mint_failure(tr, e))
            }
            Err(e) => Ok(retry(texts::mint_error(tr, &e))),
        }
    }
}

impl Commands for ManageCommands {
    fn available(&self, requester: &BareJid) -> Vec<CommandInfo> {
        [LIST, RESET]
            .into_iter()
            .filter(|c| self.authorize(c.node, requester, &Tr::default()) == Authorization::Allowed)
            .collect()
    }

    fn authorize(&self, node: &str, requester: &BareJid, tr: &Tr) -> Authorization {
        let policy = self.manage.policy();
        let who = policy.classify(requester);
        // Listing: whoever may invite. Reset invites: admins (like account
        // invites).
        let op = match node {
            NODE_LIST => Operation::ContactInvite,
            NODE_RESET => Operation::AccountInvite,
            _ => return Authorization::Unknown,
        };
        match policy.check(who, op) {
            Ok(()) => Authorization::Allowed,
            Err(_) if node == NODE_RESET && who == Requester::LocalUser => {
                Authorization::Forbidden(
                    tr.args("error-denied-reset", &[("domain", policy.domain())]),
                )
            }
            Err(denied) => Authorization::Forbidden(texts::denied(tr, &denied)),
        }
    }

    async fn step(
        &self,
        node: &str,
        requester: &BareJid,
        submitted: &[DataForm],
        tr: &Tr,
    ) -> Result<Step, Failure> {
        // Checked again at every stage: the session outlives a change of
        // the requester's rights only until their next submission.
        if let Authorization::Forbidden(why) = self.authorize(node, requester, tr) {
            return Err(Failure::Forbidden(why));
        }
        match node {
            NODE_LIST => self.list_step(requester, submitted, tr).await,
            NODE_RESET => self.reset_step(requester, submitted, tr).await,
            _ => Err(Failure::BadPayload(tr.t("error-no-such-command"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::links::Links;
    use crate::domain::{InviteStore, Limits, Policy};
    use crate::testing::{ADMIN, DOMAIN, PUBLIC_URL, Wired};
    use crate::xmpp::adhoc::{AdHoc, SessionLimits};
    use crate::xmpp::errors::specific;
    use crate::xmpp::xep_0050::{Command, SpecificError, Status};
    use xmpp_parsers::jid::Jid;

    fn setup() -> (Wired, Arc<MintService>, AdHoc<ManageCommands>) {
        let w = Wired::new();
        let policy = Policy::new(DOMAIN, [BareJid::new(ADMIN).unwrap()], false, true);
        let mint = Arc::new(MintService::new(
            w.store.clone(),
            policy,
            Links::new(DOMAIN, PUBLIC_URL),
            Limits::default(),
            w.clock.clone(),
        ));
        let manage = Arc::new(ManageService::new(
            w.store.clone(),
            mint.shared_policy(),
            w.clock.clone(),
        ));
        let cmds = ManageCommands::new(manage, mint.clone(), w.server.clone());
        (w, mint, AdHoc::new(cmds, SessionLimits::default()))
    }

    fn cmd(node: &str, sid: Option<&str>, form: Option<DataForm>) -> Command {
        Command {
            node: node.into(),
            sessionid: sid.map(Into::into),
            action: None,
            status: None,
            lang: None,
            actions: None,
            notes: vec![],
            form,
        }
    }

    fn submit(fields: Vec<Field>) -> DataForm {
        DataForm {
            type_: DataFormType::Submit,
            title: None,
            instructions: None,
            fields,
        }
    }

    fn pick(ids: &[&str]) -> DataForm {
        let mut f = Field::new("invites", FieldType::ListMulti);
        f.values = ids.iter().map(|s| s.to_string()).collect();
        submit(vec![f])
    }

    fn options(c: &Command) -> Vec<String> {
        c.form.as_ref().unwrap().fields[0]
            .options
            .iter()
            .map(|o| o.value.clone())
            .collect()
    }

    #[tokio::test]
    async fn users_revoke_only_their_own_and_admins_anyones() {
        let (w, mint, adhoc) = setup();
        let bob = Jid::new("bob@example.org/phone").unwrap();
        let carol = BareJid::new("carol@example.org").unwrap();
        let mine = mint.mint_contact_invite(&bob.to_bare()).await.unwrap();
        let theirs = mint.mint_contact_invite(&carol).await.unwrap();

        let r = adhoc
            .handle(&bob, cmd(NODE_LIST, None, None), &Tr::default())
            .await
            .unwrap();
        assert_eq!(options(&r), [public_id(mine.id)], "only bob's own");
        let sid = r.sessionid.clone().unwrap();
        // A forged value naming carol's invite is refused, nothing revoked.
        let r = adhoc
            .handle(
                &bob,
                cmd(NODE_LIST, Some(&sid), Some(pick(&[&public_id(theirs.id)]))),
                &Tr::default(),
            )
            .await
            .unwrap();
        assert_eq!(r.status, Some(Status::Executing));
        assert!(r.notes[0].text.contains("not one of the invites listed"));
        // Carol cannot drive bob's session.
        let e = adhoc
            .handle(
                &Jid::new("carol@example.org/x").unwrap(),
                cmd(NODE_LIST, Some(&sid), Some(pick(&[&public_id(mine.id)]))),
                &Tr::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadSessionid));
        // Bob selects his own, confirms, and it is revoked.
        let r = adhoc
            .handle(
                &bob,
                cmd(NODE_LIST, Some(&sid), Some(pick(&[&public_id(mine.id)]))),
                &Tr::default(),
            )
            .await
            .unwrap();
        assert_eq!(r.status, Some(Status::Executing));
        let r = adhoc
            .handle(
                &bob,
                cmd(NODE_LIST, Some(&sid), Some(submit(vec![]))),
                &Tr::default(),
            )
            .await
            .unwrap();
        assert_eq!(r.status, Some(Status::Completed));
        let stored = w.store.invite_record(mine.id).unwrap().unwrap();
        assert!(stored.invite.revoked.is_some());
        assert_eq!(stored.revoked_by.as_deref(), Some("bob@example.org"));
        assert!(
            w.store
                .invite_record(theirs.id)
                .unwrap()
                .unwrap()
                .invite
                .revoked
                .is_none()
        );
        assert!(
            w.redeem.view(mine.token.expose()).await.is_err(),
            "revoked is dead"
        );

        // The admin filters by creator and revokes carol's.
        let admin = Jid::new("admin@example.org/pc").unwrap();
        let r = adhoc
            .handle(&admin, cmd(NODE_LIST, None, None), &Tr::default())
            .await
            .unwrap();
        let sid = r.sessionid.clone().unwrap();
        let mut creator = Field::new("creator", FieldType::JidSingle);
        creator.values = vec!["carol@example.org".into()];
        let r = adhoc
            .handle(
                &admin,
                cmd(NODE_LIST, Some(&sid), Some(submit(vec![creator]))),
                &Tr::default(),
            )
            .await
            .unwrap();
        assert_eq!(options(&r), [public_id(theirs.id)]);
        adhoc
            .handle(
                &admin,
                cmd(NODE_LIST, Some(&sid), Some(pick(&[&public_id(theirs.id)]))),
                &Tr::default(),
            )
            .await
            .unwrap();
        let r = adhoc
            .handle(
                &admin,
                cmd(NODE_LIST, Some(&sid), Some(submit(vec![]))),
                &Tr::default(),
            )
            .await
            .unwrap();
        assert_eq!(r.status, Some(Status::Completed));
        let stored = w.store.invite_record(theirs.id).unwrap().unwrap();
        assert_eq!(stored.revoked_by.as_deref(), Some(ADMIN));
    }

    #[tokio::test]
    async fn reset_invites_need_an_admin_and_an_existing_account() {
        let (w, _mint, adhoc) = setup();
        let bob = Jid::new("bob@example.org/phone").unwrap();
        let e = adhoc
            .handle(&bob, cmd(NODE_RESET, None, None), &Tr::default())
            .await
            .unwrap_err();
        assert_eq!(
            e.defined_condition,
            xmpp_parsers::stanza_error::DefinedCondition::Forbidden
        );
        let admin = Jid::new("admin@example.org/pc").unwrap();
        let sid = adhoc
            .handle(&admin, cmd(NODE_RESET, None, None), &Tr::default())
            .await
            .unwrap()
            .sessionid
            .unwrap();
        let account = |v: &str| {
            let mut f = Field::new("account", FieldType::TextSingle);
            f.values = vec![v.into()];
            submit(vec![f])
        };
        let r = adhoc
            .handle(
                &admin,
                cmd(NODE_RESET, Some(&sid), Some(account("nobody"))),
                &Tr::default(),
            )
            .await
            .unwrap();
        assert_eq!(r.status, Some(Status::Executing));
        assert!(
            r.notes[0].text.contains("no account nobody@example.org"),
            "{}",
            r.notes[0].text
        );
        w.server.add_account("juliet", "old password");
        let r = adhoc
            .handle(
                &admin,
                cmd(NODE_RESET, Some(&sid), Some(account("Juliet@example.org"))),
                &Tr::default(),
            )
            .await
            .unwrap();
        assert_eq!(r.status, Some(Status::Completed));
        let listed = w
            .store
            .list_invites(&crate::domain::manage::InviteQuery {
                kind: Some(InviteKind::Reset),
                limit: 5,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            listed[0].invite.reserved_username.as_deref(),
            Some("juliet")
        );
        assert_eq!(listed[0].invite.max_uses, 1);
    }
}
