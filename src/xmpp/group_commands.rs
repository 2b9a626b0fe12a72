//! The group-invite command (ours, beside XEP-0401's two): a reusable
//! invite with a group name, whose joiners all become contacts of its
//! creator and of each other (see [`crate::domain::groups`]).

use super::adhoc::{Authorization, CommandInfo, Commands, Failure, Step};
use super::invite_commands::{bad_value, result_form};
use super::texts;
use super::xep_0050::{Action, Actions, Note, NoteType};
use crate::config::HumanDuration;
use crate::domain::policy::Operation;
use crate::domain::{InviteKind, MintError, MintRequest, MintService};
use crate::i18n::{Arg, Tr};
use std::sync::Arc;
use xmpp_parsers::data_forms::{DataForm, DataFormType, Field, FieldType};
use xmpp_parsers::jid::BareJid;

pub const NODE_GROUP: &str = "urn:xmpp-invites:0#group";

const GROUP: CommandInfo = CommandInfo {
    node: NODE_GROUP,
    name_id: "cmd-group",
};

pub struct GroupCommands {
    service: Arc<MintService>,
}

impl GroupCommands {
    pub fn new(service: Arc<MintService>) -> GroupCommands {
        GroupCommands { service }
    }

    /// Whether `requester` may make group invites: those whose contact
    /// invites may register accounts (admins; users with
    /// `allow_user_invites`), since a group's joiners may register.
    fn allowed(&self, requester: &BareJid, tr: &Tr) -> Result<(), String> {
        let policy = self.service.policy();
        let who = policy.classify(requester);
        policy
            .check(who, Operation::ContactInvite)
            .map_err(|d| texts::denied(tr, &d))?;
        if policy.contact_invite_kind(who) != InviteKind::AccountAndContact {
            return Err(tr.args("error-denied-group", &[("domain", policy.domain())]));
        }
        Ok(())
    }

    fn form(&self, previous: Option<&DataForm>, tr: &Tr) -> DataForm {
        let limits = self.service.limits();
        let value = |var: &str| previous.and_then(|f| raw(f, var)).map(str::to_owned);
        let mut group = Field::new("group", FieldType::TextSingle);
        group.label = Some(tr.t("field-group"));
        group.required = true;
        group.values = value("group").into_iter().collect();
        let mut uses = Field::new("uses", FieldType::TextSingle);
        uses.label = Some(tr.args_n("field-uses-group", &[("max", Arg::from(limits.max_uses))]));
        uses.values = vec![value("uses").unwrap_or_else(|| limits.max_uses.min(10).to_string())];
        let mut lifetime = Field::new("lifetime", FieldType::TextSingle);
        lifetime.label = Some(tr.t("field-lifetime-free"));
        lifetime.values = value("lifetime").into_iter().collect();
        let mut note = Field::new("note", FieldType::TextSingle);
        note.label = Some(tr.t("field-note"));
        note.values = value("note").into_iter().collect();
        DataForm {
            type_: DataFormType::Form,
            title: Some(tr.t("form-group")),
            instructions: Some(tr.t("form-group-instructions")),
            fields: vec![group, uses, lifetime, note],
        }
    }
}

fn raw<'a>(form: &'a DataForm, var: &str) -> Option<&'a str> {
    form.fields
        .iter()
        .find(|f| f.var.as_deref() == Some(var))
        .and_then(|f| f.values.first())
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
}

/// Reads the submission. Errors are the requester's to fix.
fn parse(form: &DataForm, tr: &Tr) -> Result<(String, MintRequest), String> {
    let group = raw(form, "group").ok_or_else(|| tr.t("error-group-required"))?;
    let lifetime = raw(form, "lifetime")
        .map(|v| {
            HumanDuration::parse(v)
                .map(|d| d.0)
                .map_err(|_| bad_value(tr, "error-not-duration", "lifetime", v))
        })
        .transpose()?;
    let uses = raw(form, "uses")
        .map(|v| {
            v.parse::<u32>()
                .map_err(|_| bad_value(tr, "error-not-number", "uses", v))
        })
        .transpose()?;
    Ok((
        group.to_owned(),
        MintRequest {
            lifetime,
            uses,
            note: raw(form, "note").map(str::to_owned),
            ..Default::default()
        },
    ))
}

impl Commands for GroupCommands {
    fn available(&self, requester: &BareJid) -> Vec<CommandInfo> {
        self.allowed(requester, &Tr::default())
            .map(|()| vec![GROUP])
            .unwrap_or_default()
    }

    fn authorize(&self, node: &str, requester: &BareJid, tr: &Tr) -> Authorization {
        if node != NODE_GROUP {
            return Authorization::Unknown;
        }
        match self.allowed(requester, tr) {
            Ok(()) => Authorization::Allowed,
            Err(why) => Authorization::Forbidden(why),
        }
    }

    async fn step(
        &self,
        _node: &str,
        requester: &BareJid,
        submitted: &[DataForm],
        tr: &Tr,
    ) -> Result<Step, Failure> {
        let actions = Actions {
            execute: Some(Action::Complete),
            prev: false,
            next: false,
            complete: true,
        };
        match submitted {
            [] => Ok(Step::Form {
                form: self.form(None, tr),
                actions,
                notes: Vec::new(),
            }),
            [form] => {
                let retry = |why: String| Step::Retry {
                    form: self.form(Some(form), tr),
                    actions: actions.clone(),
                    notes: vec![Note::new(NoteType::Error, why)],
                };
                let (group, req) = match parse(form, tr) {
                    Ok(r) => r,
                    Err(why) => return Ok(retry(why)),
                };
                match self.service.mint_group_invite(requester, &group, req).await {
                    Ok(m) => Ok(Step::Completed {
                        notes: vec![Note::new(
                            NoteType::Info,
                            tr.args(
                                "note-group-created",
                                &[
                                    ("group", &group),
                                    ("url", &m.landing_url),
                                    ("expires", &tr.datetime(m.expires.0)),
                                ],
                            ),
                        )],
                        form: Some(result_form(&m, tr)),
                    }),
                    Err(MintError::Quota(q)) => Ok(Step::Completed {
                        form: None,
                        notes: vec![Note::new(NoteType::Error, texts::quota(tr, &q))],
                    }),
                    Err(e) => match texts::mint_failure(tr, e) {
                        Failure::BadPayload(why) => Ok(retry(why)),
                        other => Err(other),
                    },
                }
            }
            _ => Err(Failure::BadPayload(tr.t("error-unexpected-stage"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submit(pairs: &[(&str, &str)]) -> DataForm {
        DataForm {
            type_: DataFormType::Submit,
            title: None,
            instructions: None,
            fields: pairs
                .iter()
                .map(|(k, v)| Field::text_single(k, v))
                .collect(),
        }
    }

    #[test]
    fn a_submission_needs_a_group_and_names_bad_values() {
        let (g, r) = parse(
            &submit(&[("group", " Choir "), ("uses", "3")]),
            &Tr::default(),
        )
        .unwrap();
        assert_eq!((g.as_str(), r.uses), ("Choir", Some(3)));
        assert!(
            parse(&submit(&[("uses", "3")]), &Tr::default())
                .unwrap_err()
                .contains("group")
        );
        assert!(
            parse(&submit(&[("group", "G"), ("uses", "x")]), &Tr::default())
                .unwrap_err()
                .contains("uses: “x”")
        );
        assert!(
            parse(
                &submit(&[("group", "G"), ("lifetime", "soon")]),
                &Tr::default()
            )
            .unwrap_err()
            .contains("lifetime")
        );
    }
}
