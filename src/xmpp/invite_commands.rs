//! The XEP-0401 commands over the domain's [`MintService`]:
//! `urn:xmpp:invite#invite` and `urn:xmpp:invite#create-account`.
//!
//! With `[email]` configured both take optional email fields. `#invite`
//! still mints at once and answers with the XEP-0401 fields (Conversations
//! and Monal read `uri`/`landing-url` from the first answer and submit
//! nothing), but as an `executing` form that adds the email fields; the
//! submission hands the token back in a hidden field, so only the invite's
//! creator holding its token can email it. Without `[email]` it completes
//! at once as before.

use super::adhoc::{Authorization, CommandInfo, Commands, Failure, Step};
use super::texts;
use super::xep_0050::{Action, Actions, Note, NoteType};
use crate::config::HumanDuration;
use crate::domain::email::{EmailError, EmailRequest, EmailService, MAX_MESSAGE_CHARS};
use crate::domain::manage::QuotaExceeded;
use crate::domain::mint::format_duration;
use crate::domain::policy::Operation;
use crate::domain::{MintError, MintRequest, MintService, MintedInvite, Token};
use crate::i18n::{Arg, Tr};
use std::sync::Arc;
use xmpp_parsers::data_forms::{DataForm, DataFormType, Field, FieldType, Option_};
use xmpp_parsers::jid::BareJid;

pub const NODE_INVITE: &str = "urn:xmpp:invite#invite";
pub const NODE_CREATE_ACCOUNT: &str = "urn:xmpp:invite#create-account";
/// FORM_TYPE of the XEP-0401 result form.
pub const FORM_TYPE_INVITATION: &str = "urn:xmpp:invite#invitation";

const INVITE: CommandInfo = CommandInfo {
    node: NODE_INVITE,
    name_id: "cmd-invite",
};
const CREATE_ACCOUNT: CommandInfo = CommandInfo {
    node: NODE_CREATE_ACCOUNT,
    name_id: "cmd-create-account",
};

/// The two invite commands.
pub struct InviteCommands {
    service: Arc<MintService>,
    email: Option<Arc<EmailService>>,
}

/// The email fields, with `values` kept from a refused submission.
fn email_fields(previous: Option<&DataForm>, tr: &Tr) -> Vec<Field> {
    let value = |var: &str| -> Vec<String> {
        previous
            .and_then(|f| f.fields.iter().find(|x| x.var.as_deref() == Some(var)))
            .map(|x| x.values.clone())
            .unwrap_or_default()
    };
    let mut email = Field::new("email", FieldType::TextSingle);
    email.label = Some(tr.t("field-email"));
    email.values = value("email");
    let mut message = Field::new("message", FieldType::TextMulti);
    message.label = Some(tr.args_n("field-message", &[("max", Arg::from(MAX_MESSAGE_CHARS))]));
    message.values = value("message");
    let mut copy = Field::new("copy-to", FieldType::TextSingle);
    copy.label = Some(tr.t("field-copy-to"));
    copy.values = value("copy-to");
    vec![email, message, copy]
}

/// The email part of a submission; `None` when no recipient was given.
fn email_request(
    email: &EmailService,
    form: &DataForm,
) -> Result<Option<EmailRequest>, EmailError> {
    let message = form
        .fields
        .iter()
        .find(|f| f.var.as_deref() == Some("message"))
        .map(|f| f.values.join("\n"));
    email.parse(
        field(form, "email"),
        message.as_deref(),
        field(form, "copy-to"),
    )
}

fn complete_actions() -> Actions {
    Actions {
        execute: Some(Action::Complete),
        prev: false,
        next: false,
        complete: true,
    }
}

impl InviteCommands {
    pub fn new(service: Arc<MintService>) -> InviteCommands {
        InviteCommands {
            service,
            email: None,
        }
    }

    /// Offers the email fields, sending through `email`.
    pub fn with_email(mut self, email: Arc<EmailService>) -> InviteCommands {
        self.email = Some(email);
        self
    }

    /// `#invite`'s form when email is on: the minted invite's XEP-0401
    /// fields (what the apps read), its token hidden, and the email fields.
    fn invite_email_form(m: &MintedInvite, previous: Option<&DataForm>, tr: &Tr) -> DataForm {
        let mut form = result_form(m, tr);
        form.type_ = DataFormType::Form;
        form.title = Some(tr.t("form-invite-created"));
        form.instructions = Some(tr.t("form-invite-created-instructions"));
        let mut token = Field::new("invite-token", FieldType::Hidden);
        token.values = vec![m.token.expose().to_owned()];
        form.fields.push(token);
        form.fields.extend(email_fields(previous, tr));
        form
    }

    /// The submission of `#invite`'s email form.
    async fn invite_email_step(
        &self,
        email: &EmailService,
        requester: &BareJid,
        form: &DataForm,
        tr: &Tr,
    ) -> Result<Step, Failure> {
        let token = field(form, "invite-token")
            .and_then(|t| Token::parse(t).ok())
            .ok_or_else(|| Failure::BadPayload(tr.t("error-invite-token")))?;
        let minted = self
            .service
            .minted_again(requester, &token)
            .await
            .map_err(|e| texts::mint_failure(tr, e))?
            .ok_or_else(|| Failure::BadPayload(tr.t("error-invite-token")))?;
        let retry = |why: String| Step::Retry {
            form: Self::invite_email_form(&minted, Some(form), tr),
            actions: complete_actions(),
            notes: vec![Note::new(NoteType::Error, why)],
        };
        let req = match email_request(email, form) {
            Ok(Some(r)) => r,
            // Nothing to email: the invite is what the first answer said.
            Ok(None) => return Ok(completed(minted, tr)),
            Err(e) => return Ok(retry(texts::email_error(tr, &e))),
        };
        if email.emailed(minted.id).await.map_err(email_failure)? {
            return Ok(retry(texts::email_error(tr, &EmailError::AlreadyEmailed)));
        }
        match email.send_for_token(requester, &token, req).await {
            Ok(()) => Ok(emailed(minted, tr)),
            Err(e @ (EmailError::Store(_) | EmailError::Rng(_))) => Err(email_failure(e)),
            Err(e) => Ok(retry(texts::email_error(tr, &e))),
        }
    }

    fn operation(node: &str) -> Option<Operation> {
        match node {
            NODE_INVITE => Some(Operation::ContactInvite),
            NODE_CREATE_ACCOUNT => Some(Operation::AccountInvite),
            _ => None,
        }
    }

    /// Stage 1 of create-account: the XEP-0401 fields plus ours, with
    /// `values` kept from a refused submission.
    fn create_account_form(&self, previous: Option<&DataForm>, tr: &Tr) -> DataForm {
        let limits = self.service.limits();
        let value = |var: &str| -> Option<String> {
            previous
                .and_then(|f| f.fields.iter().find(|x| x.var.as_deref() == Some(var)))
                .and_then(|x| x.values.first().cloned())
        };
        let mut username = Field::new("username", FieldType::TextSingle);
        username.label = Some(tr.t("field-username"));
        username.values = value("username").into_iter().collect();

        let mut roster = Field::new("roster-subscription", FieldType::Boolean);
        roster.label = Some(tr.t("field-roster-subscription"));
        roster.values = vec![value("roster-subscription").unwrap_or_else(|| "false".into())];

        let default_lifetime = format_duration(limits.default_lifetime);
        let mut lifetime = Field::new("lifetime", FieldType::ListSingle);
        lifetime.label = Some(tr.t("field-lifetime"));
        let mut choices: Vec<(String, String)> = ["1h", "1d", "7d", "30d"]
            .into_iter()
            .filter(|v| HumanDuration::parse(v).is_ok_and(|d| d.0 <= limits.max_lifetime))
            .map(|v| (v.to_owned(), tr.t(&format!("lifetime-{v}"))))
            .collect();
        if !choices.iter().any(|(v, _)| *v == default_lifetime) {
            choices.push((default_lifetime.clone(), default_lifetime.clone()));
        }
        lifetime.options = choices
            .into_iter()
            .map(|(value, label)| Option_ {
                label: Some(label),
                value,
            })
            .collect();
        lifetime.values = vec![value("lifetime").unwrap_or(default_lifetime)];

        let mut uses = Field::new("uses", FieldType::TextSingle);
        uses.label = Some(tr.args_n("field-uses-account", &[("max", Arg::from(limits.max_uses))]));
        uses.values = vec![value("uses").unwrap_or_else(|| "1".into())];

        let mut note = Field::new("note", FieldType::TextSingle);
        note.label = Some(tr.t("field-note"));
        note.values = value("note").into_iter().collect();

        // No FORM_TYPE: XEP-0401 registers none for this form and clients
        // (Conversations) look fields up by var.
        let mut fields = vec![username, roster, lifetime, uses, note];
        if self.email.is_some() {
            fields.extend(email_fields(previous, tr));
        }
        DataForm {
            type_: DataFormType::Form,
            title: Some(tr.t("form-create-account")),
            instructions: Some(tr.t("form-create-account-instructions")),
            fields,
        }
    }
}

/// A submitted field's single value, trimmed; empty means absent.
fn field<'a>(form: &'a DataForm, var: &str) -> Option<&'a str> {
    form.fields
        .iter()
        .find(|f| f.var.as_deref() == Some(var))
        .and_then(|f| f.values.first())
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
}

/// Reads the create-account submission. Errors are the requester's to fix.
fn parse_request(form: &DataForm, tr: &Tr) -> Result<MintRequest, String> {
    let roster_subscription = match field(form, "roster-subscription") {
        None | Some("0" | "false") => false,
        Some("1" | "true") => true,
        Some(other) => {
            return Err(bad_value(
                tr,
                "error-not-boolean",
                "roster-subscription",
                other,
            ));
        }
    };
    let lifetime = field(form, "lifetime")
        .map(|v| {
            HumanDuration::parse(v)
                .map(|d| d.0)
                .map_err(|_| bad_value(tr, "error-not-duration", "lifetime", v))
        })
        .transpose()?;
    let uses = field(form, "uses")
        .map(|v| {
            v.parse::<u32>()
                .map_err(|_| bad_value(tr, "error-not-number", "uses", v))
        })
        .transpose()?;
    Ok(MintRequest {
        username: field(form, "username").map(str::to_owned),
        roster_subscription,
        lifetime,
        uses,
        note: field(form, "note").map(str::to_owned),
    })
}

/// A field's value that is not what it should be, named for the requester
/// (`key` says what was wanted); shared by the commands' forms.
pub fn bad_value(tr: &Tr, key: &str, field: &str, value: &str) -> String {
    tr.args(key, &[("field", field), ("value", &texts::clip(value))])
}

/// The XEP-0401 result form, as every client reads it (the values are
/// machine-readable; only the labels are in the requester's language).
pub fn result_form(m: &MintedInvite, tr: &Tr) -> DataForm {
    let mut uri = Field::text_single("uri", &m.uri);
    uri.label = Some(tr.t("field-uri"));
    let mut landing = Field::text_single("landing-url", &m.landing_url);
    landing.label = Some(tr.t("field-landing-url"));
    let mut expire = Field::text_single("expire", &m.expires.to_xep0082());
    expire.label = Some(tr.t("field-expire"));
    DataForm::new(
        DataFormType::Result_,
        FORM_TYPE_INVITATION,
        vec![uri, landing, expire],
    )
}

fn created_note(m: &MintedInvite, tr: &Tr) -> Note {
    Note::new(
        NoteType::Info,
        tr.args(
            "note-invite-created",
            &[
                ("url", &m.landing_url),
                ("expires", &tr.datetime(m.expires.0)),
            ],
        ),
    )
}

fn over_quota(q: QuotaExceeded, tr: &Tr) -> Step {
    Step::Completed {
        form: None,
        notes: vec![Note::new(NoteType::Error, texts::quota(tr, &q))],
    }
}

fn email_failure(e: EmailError) -> Failure {
    Failure::Internal(e.to_string())
}

/// Done, and the email queued: the outbox sends it; `#list` says how it went.
fn emailed(m: MintedInvite, tr: &Tr) -> Step {
    Step::Completed {
        notes: vec![
            created_note(&m, tr),
            Note::new(NoteType::Info, tr.t("note-email-queued")),
        ],
        form: Some(result_form(&m, tr)),
    }
}

fn completed(m: MintedInvite, tr: &Tr) -> Step {
    Step::Completed {
        notes: vec![created_note(&m, tr)],
        form: Some(result_form(&m, tr)),
    }
}

impl Commands for InviteCommands {
    fn available(&self, requester: &BareJid) -> Vec<CommandInfo> {
        let policy = self.service.policy();
        let who = policy.classify(requester);
        [
            (INVITE, Operation::ContactInvite),
            (CREATE_ACCOUNT, Operation::AccountInvite),
        ]
        .into_iter()
        .filter(|(_, op)| policy.check(who, *op).is_ok())
        .map(|(info, _)| info)
        .collect()
    }

    fn authorize(&self, node: &str, requester: &BareJid, tr: &Tr) -> Authorization {
        let Some(op) = Self::operation(node) else {
            return Authorization::Unknown;
        };
        let policy = self.service.policy();
        match policy.check(policy.classify(requester), op) {
            Ok(()) => Authorization::Allowed,
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
        match (node, submitted) {
            // XEP-0401 §3: completes at once, no form (Conversations waits
            // only two seconds for it).
            (NODE_INVITE, []) => match self.service.mint_contact_invite(requester).await {
                Ok(m) if self.email.is_some() => Ok(Step::Form {
                    form: Self::invite_email_form(&m, None, tr),
                    actions: complete_actions(),
                    notes: vec![created_note(&m, tr)],
                }),
                Ok(m) => Ok(completed(m, tr)),
                // Over a quota: the command ends, saying which limit and
                // when it frees up; nothing was minted.
                Err(MintError::Quota(q)) => Ok(over_quota(q, tr)),
                Err(e) => Err(texts::mint_failure(tr, e)),
            },
            (NODE_INVITE, [form]) => match &self.email {
                Some(email) => self.invite_email_step(email, requester, form, tr).await,
                None => Err(Failure::BadPayload(tr.t("error-unexpected-stage"))),
            },
            (NODE_CREATE_ACCOUNT, []) => Ok(Step::Form {
                form: self.create_account_form(None, tr),
                actions: Actions {
                    execute: Some(Action::Complete),
                    prev: false,
                    next: false,
                    complete: true,
                },
                notes: Vec::new(),
            }),
            (NODE_CREATE_ACCOUNT, [form]) => {
                let retry = |why: String| Step::Retry {
                    form: self.create_account_form(Some(form), tr),
                    actions: Actions {
                        execute: Some(Action::Complete),
                        prev: false,
                        next: false,
                        complete: true,
                    },
                    notes: vec![Note::new(NoteType::Error, why)],
                };
                let req = match parse_request(form, tr) {
                    Ok(r) => r,
                    Err(why) => return Ok(retry(why)),
                };
                // The email is checked (fields, limits) before anything is
                // minted, so a refusal leaves no invite behind.
                let mail = match &self.email {
                    None => None,
                    Some(email) => match email_request(email, form) {
                        Ok(None) => None,
                        Ok(Some(r)) => match email.allowed(requester, &r).await {
                            Ok(()) => Some((email, r)),
                            Err(e @ (EmailError::Store(_) | EmailError::Rng(_))) => {
                                return Err(email_failure(e));
                            }
                            Err(e) => return Ok(retry(texts::email_error(tr, &e))),
                        },
                        Err(e) => return Ok(retry(texts::email_error(tr, &e))),
                    },
                };
                match self.service.mint_account_invite(requester, req).await {
                    Ok(m) => match mail {
                        None => Ok(completed(m, tr)),
                        Some((email, r)) => match email.send_minted(requester, &m, r).await {
                            Ok(()) => Ok(emailed(m, tr)),
                            // Limits reached in between: the invite stands,
                            // its link is here to send by hand.
                            Err(e) => {
                                tracing::warn!(invite = m.id.0, error = %e, "invitation email not queued");
                                let mut step = completed(m, tr);
                                if let Step::Completed { notes, .. } = &mut step {
                                    notes.push(Note::new(
                                        NoteType::Warn,
                                        tr.args(
                                            "note-not-emailed",
                                            &[("error", &texts::email_error(tr, &e))],
                                        ),
                                    ));
                                }
                                Ok(step)
                            }
                        },
                    },
                    Err(MintError::Quota(q)) => Ok(over_quota(q, tr)),
                    Err(e) => match texts::mint_failure(tr, e) {
                        // Something the admin can correct: show the form again.
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
    use std::time::Duration;

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
    fn parses_a_full_submission() {
        let r = parse_request(
            &submit(&[
                ("username", " Juliet "),
                ("roster-subscription", "1"),
                ("lifetime", "1d"),
                ("uses", "3"),
                ("note", "for the choir"),
            ]),
            &Tr::default(),
        )
        .unwrap();
        assert_eq!(r.username.as_deref(), Some("Juliet"));
        assert!(r.roster_subscription);
        assert_eq!(r.lifetime, Some(Duration::from_secs(86_400)));
        assert_eq!(r.uses, Some(3));
        assert_eq!(r.note.as_deref(), Some("for the choir"));
    }

    #[test]
    fn empty_fields_mean_defaults() {
        let r = parse_request(&submit(&[("username", ""), ("uses", " ")]), &Tr::default()).unwrap();
        assert_eq!(r, MintRequest::default());
    }

    #[test]
    fn malformed_values_are_named() {
        for (pairs, want) in [
            (vec![("roster-subscription", "yes")], "roster-subscription"),
            (vec![("uses", "many")], "uses: “many”"),
            (vec![("uses", "-1")], "uses"),
            (vec![("lifetime", "forever")], "lifetime"),
        ] {
            let e = parse_request(&submit(&pairs), &Tr::default()).unwrap_err();
            assert!(e.contains(want), "{e}");
        }
    }
}
