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
use super::invite_commands::result_form;
use super::xep_0050::{Action, Actions, Note, NoteType};
use crate::config::HumanDuration;
use crate::domain::email::{EmailService, EmailStatus};
use crate::domain::invite::{InviteId, InviteKind};
use crate::domain::manage::{
    Actor, InviteRecord, ManageError, ManageService, parse_public_id, public_id,
};
use crate::domain::mint::{format_duration, normalise_username};
use crate::domain::policy::{Operation, Requester};
use crate::domain::{AccountError, MintError, MintService, ServerOps, Timestamp};
use std::collections::BTreeSet;
use std::sync::Arc;
use xmpp_parsers::data_forms::{DataForm, DataFormType, Field, FieldType, Option_};
use xmpp_parsers::jid::BareJid;

pub const NODE_LIST: &str = "urn:xmpp-invites:0#list";
pub const NODE_RESET: &str = "urn:xmpp-invites:0#reset";

const LIST: CommandInfo = CommandInfo {
    node: NODE_LIST,
    name: "My invites",
};
const RESET: CommandInfo = CommandInfo {
    node: NODE_RESET,
    name: "Password reset invite",
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

fn list_action(form: &DataForm) -> Result<ListAction, String> {
    match value(form, "action") {
        None | Some("revoke") => Ok(ListAction::Revoke),
        Some("resend") => Ok(ListAction::Resend),
        Some(other) => Err(format!(
            "action: '{}' is not revoke or resend",
            other.chars().take(40).collect::<String>()
        )),
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

fn time(t: Timestamp) -> String {
    t.to_xep0082()
}

/// One line per invite: everything its creator needs to recognise it.
pub fn summary(r: &InviteRecord, with_creator: bool) -> String {
    let i = &r.invite;
    let mut s = format!(
        "#{} {}, created {}, expires {}, {} of {} uses left",
        public_id(i.id),
        i.kind.as_str(),
        time(i.created),
        time(i.expires),
        i.max_uses.saturating_sub(i.uses),
        i.max_uses
    );
    if with_creator {
        s.push_str(&format!(", by {}", i.creator));
    }
    if let Some(u) = &i.reserved_username {
        s.push_str(&format!(", for {u}"));
    }
    if let Some(n) = &i.note {
        s.push_str(&format!(", note: {n}"));
    }
    if !r.redemptions.is_empty() {
        let who: Vec<&str> = r.redemptions.iter().map(|x| x.jid.as_str()).collect();
        s.push_str(&format!(", joined: {}", who.join(", ")));
    }
    // Only its creator and admins list an invite, the ones who may see
    // where it was emailed.
    if let Some(e) = &r.email {
        let status = match &e.status {
            EmailStatus::Queued { error: None } => "sending".to_owned(),
            EmailStatus::Queued { error: Some(why) } => format!("not delivered yet ({why})"),
            EmailStatus::Sent { at } => format!("sent {}", time(*at)),
            EmailStatus::Failed { error, .. } => format!("FAILED: {error}"),
        };
        s.push_str(&format!(
            ", emailed to {} ({} sends): {status}",
            e.address, e.sends
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

    fn filter_form() -> DataForm {
        let mut creator = Field::new("creator", FieldType::JidSingle);
        creator.label = Some("Created by (empty: anyone)".into());
        let mut kind = Field::new("kind", FieldType::ListSingle);
        kind.label = Some("Kind".into());
        kind.options = ["any", "account", "contact", "account-and-contact", "reset"]
            .into_iter()
            .map(|v| Option_ {
                label: Some(v.into()),
                value: v.into(),
            })
            .collect();
        kind.values = vec!["any".into()];
        DataForm {
            type_: DataFormType::Form,
            title: Some("Invites".into()),
            instructions: Some("Which live invites to list.".into()),
            fields: vec![creator, kind],
        }
    }

    fn parse_filter(form: &DataForm) -> Result<Filter, String> {
        let creator = value(form, "creator")
            .map(|c| {
                BareJid::new(c)
                    .map(|j| j.to_string())
                    .map_err(|_| format!("creator: '{c}' is not a bare JID"))
            })
            .transpose()?;
        let kind = match value(form, "kind") {
            None | Some("any") => None,
            Some(k) => {
                Some(InviteKind::parse(k).ok_or_else(|| format!("kind: unknown kind '{k}'"))?)
            }
        };
        Ok(Filter { creator, kind })
    }

    async fn records(
        &self,
        requester: &BareJid,
        filter: &Filter,
    ) -> Result<Vec<InviteRecord>, Failure> {
        self.manage
            .list_live(
                &Actor::Jid(requester.clone()),
                filter.creator.clone(),
                filter.kind,
            )
            .await
            .map_err(manage_failure)
    }

    fn list_form(&self, records: &[InviteRecord], admin: bool) -> DataForm {
        let mut pick = Field::new("invites", FieldType::ListMulti);
        pick.label = Some("Invites".into());
        pick.options = records
            .iter()
            .map(|r| Option_ {
                label: Some(summary(r, admin)),
                value: public_id(r.invite.id),
            })
            .collect();
        DataForm {
            type_: DataFormType::Form,
            title: Some(if admin { "Live invites" } else { "My invites" }.into()),
            instructions: Some(format!(
                "{} live invite(s). Select the ones to revoke, then go on to confirm.",
                records.len()
            )),
            fields: if self.email.is_some() {
                let mut action = Field::new("action", FieldType::ListSingle);
                action.label = Some("Do".into());
                action.options = [
                    ("revoke", "Revoke"),
                    ("resend", "Send the email again (with a new link)"),
                ]
                .into_iter()
                .map(|(v, l)| Option_ {
                    label: Some(l.into()),
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
    ) -> Result<Step, Failure> {
        let records = self.records(requester, filter).await?;
        if records.is_empty() && error.is_none() {
            return Ok(done(NoteType::Info, "No live invites."));
        }
        let form = self.list_form(&records, admin);
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
    ) -> Result<Result<Vec<InviteRecord>, String>, Failure> {
        let picked = values(form, "invites");
        if picked.is_empty() {
            return Ok(Err("Select at least one invite.".into()));
        }
        let visible = self.records(requester, filter).await?;
        let mut chosen = Vec::new();
        let mut seen = BTreeSet::new();
        for v in picked {
            let found = parse_public_id(v)
                .and_then(|id| visible.iter().find(|r| r.invite.id == id))
                .filter(|r| seen.insert(r.invite.id));
            match found {
                Some(r) => chosen.push(r.clone()),
                None => {
                    return Ok(Err(format!(
                        "'{}' is not one of the invites listed.",
                        v.chars().take(40).collect::<String>()
                    )));
                }
            }
        }
        Ok(Ok(chosen))
    }

    fn confirm_form(chosen: &[InviteRecord], admin: bool, action: ListAction) -> DataForm {
        let mut list = Field::new("selected", FieldType::Fixed);
        list.values = chosen.iter().map(|r| summary(r, admin)).collect();
        let (title, text) = match action {
            ListAction::Revoke => (
                "Revoke invites",
                format!(
                    "Revoke these {} invite(s)? Their links will stop working at once.",
                    chosen.len()
                ),
            ),
            ListAction::Resend => (
                "Send invites again",
                format!(
                    "Email these {} invite(s) again? Each gets a new link; the old one stops working.",
                    chosen.len()
                ),
            ),
        };
        DataForm {
            type_: DataFormType::Form,
            title: Some(title.into()),
            instructions: Some(text),
            fields: vec![list],
        }
    }

    /// Sends the chosen invites again; says for each what happened.
    async fn resend(&self, requester: &BareJid, chosen: &[InviteRecord]) -> Step {
        let Some(email) = &self.email else {
            return done(NoteType::Error, "Email is not configured on this service.");
        };
        let mut sent = Vec::new();
        let mut notes = Vec::new();
        for r in chosen {
            let name = format!("#{}", public_id(r.invite.id));
            match email.resend(requester, r.invite.id).await {
                Ok(()) => sent.push(name),
                Err(e) => notes.push(Note::new(NoteType::Error, format!("{name}: {e}"))),
            }
        }
        if !sent.is_empty() {
            notes.insert(
                0,
                Note::new(
                    NoteType::Info,
                    format!("Sending again: {}.", sent.join(", ")),
                ),
            );
        }
        Step::Completed { form: None, notes }
    }

    async fn list_step(
        &self,
        requester: &BareJid,
        submitted: &[DataForm],
    ) -> Result<Step, Failure> {
        let admin = self.who(requester) == Requester::Admin;
        // Admins first choose a filter; users go straight to their list.
        let (filter, rest) = if admin {
            match submitted.split_first() {
                None => {
                    return Ok(Step::Form {
                        form: Self::filter_form(),
                        actions: next_actions(false),
                        notes: Vec::new(),
                    });
                }
                Some((f, rest)) => match Self::parse_filter(f) {
                    Ok(filter) => (filter, rest),
                    Err(why) => {
                        return Ok(Step::Retry {
                            form: Self::filter_form(),
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
            [] => self.list_stage(requester, &filter, admin, None).await,
            [pick] => match self.selection(requester, &filter, pick).await? {
                Ok(_) if list_action(pick).is_err() => {
                    let why = list_action(pick).err();
                    self.list_stage(requester, &filter, admin, why).await
                }
                Ok(chosen) => Ok(Step::Form {
                    form: Self::confirm_form(
                        &chosen,
                        admin,
                        list_action(pick).unwrap_or(ListAction::Revoke),
                    ),
                    actions: complete_actions(true),
                    notes: Vec::new(),
                }),
                Err(why) => self.list_stage(requester, &filter, admin, Some(why)).await,
            },
            [pick, _confirm] => {
                let chosen = match self.selection(requester, &filter, pick).await? {
                    Ok(c) => c,
                    // Gone since the list was shown (used, expired, revoked
                    // elsewhere): nothing is revoked, the reason is said.
                    Err(why) => return Ok(done(NoteType::Error, why)),
                };
                if list_action(pick) == Ok(ListAction::Resend) {
                    return Ok(self.resend(requester, &chosen).await);
                }
                let ids: Vec<InviteId> = chosen.iter().map(|r| r.invite.id).collect();
                let revoked = self
                    .manage
                    .revoke(&Actor::Jid(requester.clone()), &ids)
                    .await
                    .map_err(manage_failure)?;
                let names: Vec<String> = revoked
                    .iter()
                    .map(|i| format!("#{}", public_id(*i)))
                    .collect();
                Ok(done(
                    NoteType::Info,
                    format!("Revoked {} invite(s): {}.", names.len(), names.join(", ")),
                ))
            }
            _ => Err(Failure::BadPayload("unexpected stage".into())),
        }
    }

    fn reset_form(previous: Option<&DataForm>) -> DataForm {
        let keep = |var: &str| previous.and_then(|f| value(f, var)).map(str::to_owned);
        let mut account = Field::new("account", FieldType::TextSingle);
        account.label = Some("Account (username or address)".into());
        account.required = true;
        account.values = keep("account").into_iter().collect();
        let mut lifetime = Field::new("lifetime", FieldType::ListSingle);
        lifetime.label = Some("Valid for".into());
        lifetime.options = [("1h", "1 hour"), ("1d", "1 day"), ("7d", "1 week")]
            .into_iter()
            .map(|(v, l)| Option_ {
                label: Some(l.into()),
                value: v.into(),
            })
            .collect();
        lifetime.values = vec![
            keep("lifetime")
                .unwrap_or_else(|| format_duration(crate::domain::mint::RESET_LIFETIME)),
        ];
        let mut note = Field::new("note", FieldType::TextSingle);
        note.label = Some("Note for admins".into());
        note.values = keep("note").into_iter().collect();
        DataForm {
            type_: DataFormType::Form,
            title: Some("Password reset invite".into()),
            instructions: Some(
                "A one-use link whose page lets the account's owner set a new password.".into(),
            ),
            fields: vec![account, lifetime, note],
        }
    }

    /// The localpart an admin typed, as a username or an address of ours.
    fn reset_localpart(&self, typed: &str) -> Result<String, String> {
        let policy = self.manage.policy();
        let domain = policy.domain();
        let local = match typed.rsplit_once('@') {
            Some((node, d)) if d.eq_ignore_ascii_case(domain) => node,
            Some(_) => return Err(format!("'{typed}' is not an account of {domain}")),
            None => typed,
        };
        normalise_username(local).map_err(|e| e.to_string())
    }

    async fn reset_step(
        &self,
        requester: &BareJid,
        submitted: &[DataForm],
    ) -> Result<Step, Failure> {
        let form = match submitted {
            [] => {
                return Ok(Step::Form {
                    form: Self::reset_form(None),
                    actions: complete_actions(false),
                    notes: Vec::new(),
                });
            }
            [form] => form,
            _ => return Err(Failure::BadPayload("unexpected stage".into())),
        };
        let retry = |why: String| Step::Retry {
            form: Self::reset_form(Some(form)),
            actions: complete_actions(false),
            notes: vec![Note::new(NoteType::Error, why)],
        };
        let Some(typed) = value(form, "account") else {
            return Ok(retry(
                "Give the account whose password is to be reset.".into(),
            ));
        };
        let localpart = match self.reset_localpart(typed) {
            Ok(l) => l,
            Err(why) => return Ok(retry(why)),
        };
        let lifetime = match value(form, "lifetime")
            .map(HumanDuration::parse)
            .transpose()
        {
            Ok(l) => l.map(|d| d.0),
            Err(why) => return Ok(retry(format!("lifetime: {why}"))),
        };
        match self.server.account_exists(&localpart).await {
            Ok(true) => {}
            Ok(false) => {
                return Ok(retry(format!(
                    "There is no account {localpart}@{}.",
                    self.manage.policy().domain()
                )));
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
                    format!(
                        "Password reset invite for {localpart}. Send this link to its owner: {} (valid until {})",
                        m.landing_url,
                        m.expires.to_xep0082()
                    ),
                )],
                form: Some(result_form(&m)),
            }),
            Err(e @ (MintError::Denied(_) | MintError::Rng(_) | MintError::Store(_))) => {
                Err(e.into())
            }
            Err(e) => Ok(retry(e.to_string())),
        }
    }
}

fn manage_failure(e: ManageError) -> Failure {
    match e {
        ManageError::NotLocal(_) => Failure::Forbidden(e.to_string()),
        ManageError::NotFound(_) => Failure::BadPayload(e.to_string()),
        ManageError::Store(_) => Failure::Internal(e.to_string()),
    }
}

impl Commands for ManageCommands {
    fn available(&self, requester: &BareJid) -> Vec<CommandInfo> {
        [LIST, RESET]
            .into_iter()
            .filter(|c| self.authorize(c.node, requester) == Authorization::Allowed)
            .collect()
    }

    fn authorize(&self, node: &str, requester: &BareJid) -> Authorization {
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
                Authorization::Forbidden(format!(
                    "only administrators of {} can create password reset invites",
                    policy.domain()
                ))
            }
            Err(denied) => Authorization::Forbidden(denied.to_string()),
        }
    }

    async fn step(
        &self,
        node: &str,
        requester: &BareJid,
        submitted: &[DataForm],
    ) -> Result<Step, Failure> {
        // Checked again at every stage: the session outlives a change of
        // the requester's rights only until their next submission.
        if let Authorization::Forbidden(why) = self.authorize(node, requester) {
            return Err(Failure::Forbidden(why));
        }
        match node {
            NODE_LIST => self.list_step(requester, submitted).await,
            NODE_RESET => self.reset_step(requester, submitted).await,
            _ => Err(Failure::BadPayload("no such command".into())),
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
            .handle(&bob, cmd(NODE_LIST, None, None))
            .await
            .unwrap();
        assert_eq!(options(&r), [public_id(mine.id)], "only bob's own");
        let sid = r.sessionid.clone().unwrap();
        // A forged value naming carol's invite is refused, nothing revoked.
        let r = adhoc
            .handle(
                &bob,
                cmd(NODE_LIST, Some(&sid), Some(pick(&[&public_id(theirs.id)]))),
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
            )
            .await
            .unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadSessionid));
        // Bob selects his own, confirms, and it is revoked.
        let r = adhoc
            .handle(
                &bob,
                cmd(NODE_LIST, Some(&sid), Some(pick(&[&public_id(mine.id)]))),
            )
            .await
            .unwrap();
        assert_eq!(r.status, Some(Status::Executing));
        let r = adhoc
            .handle(&bob, cmd(NODE_LIST, Some(&sid), Some(submit(vec![]))))
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
            .handle(&admin, cmd(NODE_LIST, None, None))
            .await
            .unwrap();
        let sid = r.sessionid.clone().unwrap();
        let mut creator = Field::new("creator", FieldType::JidSingle);
        creator.values = vec!["carol@example.org".into()];
        let r = adhoc
            .handle(
                &admin,
                cmd(NODE_LIST, Some(&sid), Some(submit(vec![creator]))),
            )
            .await
            .unwrap();
        assert_eq!(options(&r), [public_id(theirs.id)]);
        adhoc
            .handle(
                &admin,
                cmd(NODE_LIST, Some(&sid), Some(pick(&[&public_id(theirs.id)]))),
            )
            .await
            .unwrap();
        let r = adhoc
            .handle(&admin, cmd(NODE_LIST, Some(&sid), Some(submit(vec![]))))
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
            .handle(&bob, cmd(NODE_RESET, None, None))
            .await
            .unwrap_err();
        assert_eq!(
            e.defined_condition,
            xmpp_parsers::stanza_error::DefinedCondition::Forbidden
        );
        let admin = Jid::new("admin@example.org/pc").unwrap();
        let sid = adhoc
            .handle(&admin, cmd(NODE_RESET, None, None))
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
            .handle(&admin, cmd(NODE_RESET, Some(&sid), Some(account("nobody"))))
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
