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
use super::xep_0050::{Action, Actions, Note, NoteType};
use crate::config::HumanDuration;
use crate::domain::email::{EmailError, EmailRequest, EmailService, MAX_MESSAGE_CHARS};
use crate::domain::manage::QuotaExceeded;
use crate::domain::mint::format_duration;
use crate::domain::policy::Operation;
use crate::domain::{MintError, MintRequest, MintService, MintedInvite, Token};
use std::sync::Arc;
use xmpp_parsers::data_forms::{DataForm, DataFormType, Field, FieldType, Option_};
use xmpp_parsers::jid::BareJid;

pub const NODE_INVITE: &str = "urn:xmpp:invite#invite";
pub const NODE_CREATE_ACCOUNT: &str = "urn:xmpp:invite#create-account";
/// FORM_TYPE of the XEP-0401 result form.
pub const FORM_TYPE_INVITATION: &str = "urn:xmpp:invite#invitation";

const INVITE: CommandInfo = CommandInfo {
    node: NODE_INVITE,
    name: "Invite user",
};
const CREATE_ACCOUNT: CommandInfo = CommandInfo {
    node: NODE_CREATE_ACCOUNT,
    name: "Create account",
};

/// The two invite commands.
pub struct InviteCommands {
    service: Arc<MintService>,
    email: Option<Arc<EmailService>>,
}

/// The email fields, with `values` kept from a refused submission.
fn email_fields(previous: Option<&DataForm>) -> Vec<Field> {
    let value = |var: &str| -> Vec<String> {
        previous
            .and_then(|f| f.fields.iter().find(|x| x.var.as_deref() == Some(var)))
            .map(|x| x.values.clone())
            .unwrap_or_default()
    };
    let mut email = Field::new("email", FieldType::TextSingle);
    email.label = Some("Email the invite to (optional)".into());
    email.values = value("email");
    let mut message = Field::new("message", FieldType::TextMulti);
    message.label = Some(format!(
        "Personal message for the email (optional, {MAX_MESSAGE_CHARS} characters at most)"
    ));
    message.values = value("message");
    let mut copy = Field::new("copy-to", FieldType::TextSingle);
    copy.label = Some("Send me a copy at this email address (optional, not kept)".into());
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
    fn invite_email_form(m: &MintedInvite, previous: Option<&DataForm>) -> DataForm {
        let mut form = result_form(m);
        form.type_ = DataFormType::Form;
        form.title = Some("Invite created".into());
        form.instructions =
            Some("Send the link yourself, or give an email address and we send it for you.".into());
        let mut token = Field::new("invite-token", FieldType::Hidden);
        token.values = vec![m.token.expose().to_owned()];
        form.fields.push(token);
        form.fields.extend(email_fields(previous));
        form
    }

    /// The submission of `#invite`'s email form.
    async fn invite_email_step(
        &self,
        email: &EmailService,
        requester: &BareJid,
        form: &DataForm,
    ) -> Result<Step, Failure> {
        let token = field(form, "invite-token")
            .and_then(|t| Token::parse(t).ok())
            .ok_or_else(|| Failure::BadPayload("invite-token: missing or malformed".into()))?;
        let minted = self
            .service
            .minted_again(requester, &token)
            .await
            .map_err(Failure::from)?
            .ok_or_else(|| Failure::BadPayload("invite-token: not an invite of yours".into()))?;
        let retry = |why: String| Step::Retry {
            form: Self::invite_email_form(&minted, Some(form)),
            actions: complete_actions(),
            notes: vec![Note::new(NoteType::Error, why)],
        };
        let req = match email_request(email, form) {
            Ok(Some(r)) => r,
            // Nothing to email: the invite is what the first answer said.
            Ok(None) => return Ok(completed(minted)),
            Err(e) => return Ok(retry(e.to_string())),
        };
        if email.emailed(minted.id).await.map_err(email_failure)? {
            return Ok(retry(EmailError::AlreadyEmailed.to_string()));
        }
        match email.send_for_token(requester, &token, req).await {
            Ok(()) => Ok(emailed(minted)),
            Err(e @ (EmailError::Store(_) | EmailError::Rng(_))) => Err(email_failure(e)),
            Err(e) => Ok(retry(e.to_string())),
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
    fn create_account_form(&self, previous: Option<&DataForm>) -> DataForm {
        let limits = self.service.limits();
        let value = |var: &str| -> Option<String> {
            previous
                .and_then(|f| f.fields.iter().find(|x| x.var.as_deref() == Some(var)))
                .and_then(|x| x.values.first().cloned())
        };
        let mut username = Field::new("username", FieldType::TextSingle);
        username.label = Some("Username (optional; reserved for this invite)".into());
        username.values = value("username").into_iter().collect();

        let mut roster = Field::new("roster-subscription", FieldType::Boolean);
        roster.label = Some("Add the new account and me to each other's contacts".into());
        roster.values = vec![value("roster-subscription").unwrap_or_else(|| "false".into())];

        let default_lifetime = format_duration(limits.default_lifetime);
        let mut lifetime = Field::new("lifetime", FieldType::ListSingle);
        lifetime.label = Some("Valid for".into());
        let mut choices: Vec<(String, String)> = [
            ("1h", "1 hour"),
            ("1d", "1 day"),
            ("7d", "1 week"),
            ("30d", "30 days"),
        ]
        .into_iter()
        .filter(|(v, _)| HumanDuration::parse(v).is_ok_and(|d| d.0 <= limits.max_lifetime))
        .map(|(v, l)| (v.to_owned(), l.to_owned()))
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
        uses.label = Some(format!(
            "How many accounts it may create (1 to {}; 1 with a username)",
            limits.max_uses
        ));
        uses.values = vec![value("uses").unwrap_or_else(|| "1".into())];

        let mut note = Field::new("note", FieldType::TextSingle);
        note.label = Some("Note for admins (not shown to the invitee)".into());
        note.values = value("note").into_iter().collect();

        // No FORM_TYPE: XEP-0401 registers none for this form and clients
        // (Conversations) look fields up by var.
        let mut fields = vec![username, roster, lifetime, uses, note];
        if self.email.is_some() {
            fields.extend(email_fields(previous));
        }
        DataForm {
            type_: DataFormType::Form,
            title: Some("Create an account invite".into()),
            instructions: Some("Leave the username empty to let the invitee choose one.".into()),
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
fn parse_request(form: &DataForm) -> Result<MintRequest, String> {
    let roster_subscription = match field(form, "roster-subscription") {
        None | Some("0" | "false") => false,
        Some("1" | "true") => true,
        Some(other) => return Err(format!("roster-subscription: '{other}' is not a boolean")),
    };
    let lifetime = field(form, "lifetime")
        .map(|v| {
            HumanDuration::parse(v)
                .map(|d| d.0)
                .map_err(|e| format!("lifetime: {e}"))
        })
        .transpose()?;
    let uses = field(form, "uses")
        .map(|v| {
            v.parse::<u32>()
                .map_err(|_| format!("uses: '{v}' is not a whole number"))
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

/// The XEP-0401 result form, as every client reads it.
pub fn result_form(m: &MintedInvite) -> DataForm {
    let mut uri = Field::text_single("uri", &m.uri);
    uri.label = Some("Invite URI".into());
    let mut landing = Field::text_single("landing-url", &m.landing_url);
    landing.label = Some("Invite web link".into());
    let mut expire = Field::text_single("expire", &m.expires.to_xep0082());
    expire.label = Some("Valid until (UTC)".into());
    DataForm::new(
        DataFormType::Result_,
        FORM_TYPE_INVITATION,
        vec![uri, landing, expire],
    )
}

fn created_note(m: &MintedInvite) -> Note {
    Note::new(
        NoteType::Info,
        format!(
            "Invite created. Send this link to the person you are inviting: {} (valid until {})",
            m.landing_url,
            m.expires.to_xep0082()
        ),
    )
}

fn over_quota(q: QuotaExceeded) -> Step {
    Step::Completed {
        form: None,
        notes: vec![Note::new(NoteType::Error, q.to_string())],
    }
}

fn email_failure(e: EmailError) -> Failure {
    Failure::Internal(e.to_string())
}

/// Done, and the email queued: the outbox sends it; `#list` says how it went.
fn emailed(m: MintedInvite) -> Step {
    Step::Completed {
        notes: vec![
            created_note(&m),
            Note::new(
                NoteType::Info,
                "The invitation email is on its way; My invites shows whether it was delivered.",
            ),
        ],
        form: Some(result_form(&m)),
    }
}

fn completed(m: MintedInvite) -> Step {
    Step::Completed {
        notes: vec![created_note(&m)],
        form: Some(result_form(&m)),
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

    fn authorize(&self, node: &str, requester: &BareJid) -> Authorization {
        let Some(op) = Self::operation(node) else {
            return Authorization::Unknown;
        };
        let policy = self.service.policy();
        match policy.check(policy.classify(requester), op) {
            Ok(()) => Authorization::Allowed,
            Err(denied) => Authorization::Forbidden(denied.to_string()),
        }
    }

    async fn step(
        &self,
        node: &str,
        requester: &BareJid,
        submitted: &[DataForm],
    ) -> Result<Step, Failure> {
        match (node, submitted) {
            // XEP-0401 §3: completes at once, no form (Conversations waits
            // only two seconds for it).
            (NODE_INVITE, []) => match self.service.mint_contact_invite(requester).await {
                Ok(m) if self.email.is_some() => Ok(Step::Form {
                    form: Self::invite_email_form(&m, None),
                    actions: complete_actions(),
                    notes: vec![created_note(&m)],
                }),
                Ok(m) => Ok(completed(m)),
                // Over a quota: the command ends, saying which limit and
                // when it frees up; nothing was minted.
                Err(MintError::Quota(q)) => Ok(over_quota(q)),
                Err(e) => Err(e.into()),
            },
            (NODE_INVITE, [form]) => match &self.email {
                Some(email) => self.invite_email_step(email, requester, form).await,
                None => Err(Failure::BadPayload("unexpected stage".into())),
            },
            (NODE_CREATE_ACCOUNT, []) => Ok(Step::Form {
                form: self.create_account_form(None),
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
                    form: self.create_account_form(Some(form)),
                    actions: Actions {
                        execute: Some(Action::Complete),
                        prev: false,
                        next: false,
                        complete: true,
                    },
                    notes: vec![Note::new(NoteType::Error, why)],
                };
                let req = match parse_request(form) {
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
                            Err(e) => return Ok(retry(e.to_string())),
                        },
                        Err(e) => return Ok(retry(e.to_string())),
                    },
                };
                match self.service.mint_account_invite(requester, req).await {
                    Ok(m) => match mail {
                        None => Ok(completed(m)),
                        Some((email, r)) => match email.send_minted(requester, &m, r).await {
                            Ok(()) => Ok(emailed(m)),
                            // Limits reached in between: the invite stands,
                            // its link is here to send by hand.
                            Err(e) => {
                                tracing::warn!(invite = m.id.0, error = %e, "invitation email not queued");
                                let mut step = completed(m);
                                if let Step::Completed { notes, .. } = &mut step {
                                    notes.push(Note::new(
                                        NoteType::Warn,
                                        format!("Not emailed: {e}. Send the link yourself."),
                                    ));
                                }
                                Ok(step)
                            }
                        },
                    },
                    Err(MintError::Quota(q)) => Ok(over_quota(q)),
                    Err(e) => match Failure::from(e) {
                        // Something the admin can correct: show the form again.
                        Failure::BadPayload(why) => Ok(retry(why)),
                        other => Err(other),
                    },
                }
            }
            _ => Err(Failure::BadPayload("unexpected stage".into())),
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
        let r = parse_request(&submit(&[
            ("username", " Juliet "),
            ("roster-subscription", "1"),
            ("lifetime", "1d"),
            ("uses", "3"),
            ("note", "for the choir"),
        ]))
        .unwrap();
        assert_eq!(r.username.as_deref(), Some("Juliet"));
        assert!(r.roster_subscription);
        assert_eq!(r.lifetime, Some(Duration::from_secs(86_400)));
        assert_eq!(r.uses, Some(3));
        assert_eq!(r.note.as_deref(), Some("for the choir"));
    }

    #[test]
    fn empty_fields_mean_defaults() {
        let r = parse_request(&submit(&[("username", ""), ("uses", " ")])).unwrap();
        assert_eq!(r, MintRequest::default());
    }

    #[test]
    fn malformed_values_are_named() {
        for (pairs, want) in [
            (vec![("roster-subscription", "yes")], "roster-subscription"),
            (vec![("uses", "many")], "uses: 'many'"),
            (vec![("uses", "-1")], "uses"),
            (vec![("lifetime", "forever")], "lifetime"),
        ] {
            let e = parse_request(&submit(&pairs)).unwrap_err();
            assert!(e.contains(want), "{e}");
        }
    }
}
