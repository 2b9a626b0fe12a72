//! [`ServerOps`] for Prosody, over the component link: accounts with
//! XEP-0133 `admin#add-user` (passwords with `admin#change-user-password`)
//! sent from the component JID, roster entries
//! with XEP-0356 privileged roster sets, notifications as chat messages from
//! the component. Each operation reports success only once the server has
//! answered.

use super::link::{Link, RequestError};
use super::xep_0050::{Action, Command, NoteType, Status};
use crate::domain::{AccountError, Effect, EffectError, ServerOps, Subscription};
use futures::future::BoxFuture;
use std::time::{Duration, Instant};
use xmpp_parsers::data_forms::{DataForm, DataFormType, Field, FieldType};
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::message::{Lang, Message};
use xmpp_parsers::ping::Ping;
use xmpp_parsers::roster::{Ask, Item, Roster};
use xmpp_parsers::stanza_error::{DefinedCondition, StanzaError};

const ADD_USER: &str = "http://jabber.org/protocol/admin#add-user";
const CHANGE_PASSWORD: &str = "http://jabber.org/protocol/admin#change-user-password";
const GET_USER_ROSTER: &str = "http://jabber.org/protocol/admin#get-user-roster";
const ADMIN_FORM_TYPE: &str = "http://jabber.org/protocol/admin";

/// Prosody (0.12, with mod_admin_adhoc and mod_privilege).
pub struct ProsodyOps {
    link: Link,
    domain: BareJid,
    timeout: Duration,
}

impl ProsodyOps {
    pub fn new(link: Link, domain: BareJid, timeout: Duration) -> ProsodyOps {
        ProsodyOps {
            link,
            domain,
            timeout,
        }
    }

    fn domain_jid(&self) -> Jid {
        Jid::from(self.domain.clone())
    }

    /// Runs one stage of a XEP-0133 command. `changes` says whether this
    /// stage may change something (create an account, set a password): a
    /// lost answer to it leaves the outcome unknown
    /// ([`AccountError::Indeterminate`]) rather than "nothing happened".
    async fn command(&self, cmd: Command, changes: bool) -> Result<Command, AccountError> {
        let node = short_name(&cmd.node);
        let iq = Iq::from_set(String::new(), cmd).with_to(self.domain_jid());
        match self.link.request(iq, self.timeout).await {
            Ok(Iq::Result {
                payload: Some(p), ..
            }) => Command::try_from(p)
                .map_err(|e| AccountError::Refused(format!("unexpected answer to {node}: {e}"))),
            Ok(Iq::Result { payload: None, .. }) => {
                Err(AccountError::Refused(format!("empty answer to {node}")))
            }
            Ok(Iq::Error { error, .. }) => Err(self.account_error(error, node)),
            Ok(_) => Err(AccountError::Refused("unexpected iq type".into())),
            // Not sent at all: nothing can have happened.
            Err(e @ RequestError::NotConnected) => Err(AccountError::Unavailable(e.to_string())),
            // Refused before it was queued (the form checks should make this
            // impossible): a bug of ours, not a passing failure.
            Err(e @ RequestError::Unsendable(_)) => Err(AccountError::Refused(e.to_string())),
            Err(e) if changes => Err(AccountError::Indeterminate(e.to_string())),
            Err(e) => Err(AccountError::Unavailable(e.to_string())),
        }
    }

    /// Starts a XEP-0133 command and returns its session id, once the
    /// server has answered with its form.
    async fn start(&self, node: &str) -> Result<String, AccountError> {
        let stage1 = self
            .command(stage(node, None, Action::Execute, None), false)
            .await?;
        stage1
            .sessionid
            .filter(|_| stage1.status == Some(Status::Executing))
            .ok_or_else(|| AccountError::Refused(format!("{node} did not return a form")))
    }

    fn account_field(&self, localpart: &str) -> Field {
        let mut account = Field::new("accountjid", FieldType::JidSingle);
        account.values = vec![format!("{localpart}@{}", self.domain)];
        account
    }

    /// Whether the account exists, with XEP-0133 get-user-roster: Prosody
    /// completes it with the note "User does not exist" for unknown users
    /// and with the roster otherwise. Reads only.
    async fn user_exists(&self, localpart: &str) -> Result<bool, AccountError> {
        let sessionid = self.start(GET_USER_ROSTER).await?;
        let form = DataForm::new(
            DataFormType::Submit,
            ADMIN_FORM_TYPE,
            vec![self.account_field(localpart)],
        );
        let submit = stage(
            GET_USER_ROSTER,
            Some(sessionid),
            Action::Complete,
            Some(form),
        );
        let done = self.command(submit, false).await?;
        if let Some(note) = done.notes.iter().find(|n| n.type_ == Some(NoteType::Error)) {
            return if note.text.to_lowercase().contains("does not exist") {
                Ok(false)
            } else {
                Err(AccountError::Refused(note.text.clone()))
            };
        }
        match done.status {
            Some(Status::Completed) => Ok(true),
            other => Err(AccountError::Refused(format!(
                "get-user-roster ended with status {other:?}"
            ))),
        }
    }

    fn account_error(&self, e: StanzaError, node: &str) -> AccountError {
        let text = e.texts.values().next().cloned().unwrap_or_default();
        match e.defined_condition {
            DefinedCondition::Forbidden | DefinedCondition::NotAuthorized => {
                AccountError::NotPermitted(format!(
                    "Prosody refused XEP-0133 {node} ({text}); add \"{}\" to `admins` inside VirtualHost \"{}\"",
                    self.link.jid(),
                    self.domain
                ))
            }
            DefinedCondition::ItemNotFound
            | DefinedCondition::ServiceUnavailable
            | DefinedCondition::FeatureNotImplemented => AccountError::NotPermitted(format!(
                "the server has no {node} command; enable mod_admin_adhoc (\"admin_adhoc\") on VirtualHost \"{}\"",
                self.domain
            )),
            DefinedCondition::Conflict => AccountError::Conflict,
            DefinedCondition::RemoteServerTimeout | DefinedCondition::InternalServerError => {
                AccountError::Unavailable(format!("{:?}: {text}", e.defined_condition))
            }
            other => AccountError::Refused(format!("{other:?}: {text}")),
        }
    }

    async fn add_user(&self, localpart: &str, password: &str) -> Result<(), AccountError> {
        let sessionid = self.start(ADD_USER).await?;
        let mut password_field = Field::new("password", FieldType::TextPrivate);
        password_field.values = vec![password.to_owned()];
        let mut verify = Field::new("password-verify", FieldType::TextPrivate);
        verify.values = vec![password.to_owned()];
        let form = DataForm::new(
            DataFormType::Submit,
            ADMIN_FORM_TYPE,
            vec![self.account_field(localpart), password_field, verify],
        );
        let submit = stage(ADD_USER, Some(sessionid), Action::Complete, Some(form));
        let done = self.command(submit, true).await?;
        // Prosody reports "Account already exists" and other failures as a
        // completed command with an error note (XEP-0050 §3.4).
        if let Some(note) = done.notes.iter().find(|n| n.type_ == Some(NoteType::Error)) {
            return Err(if note.text.to_lowercase().contains("already exists") {
                AccountError::Conflict
            } else {
                AccountError::Refused(note.text.clone())
            });
        }
        if done.status != Some(Status::Completed) {
            return Err(AccountError::Refused(format!(
                "add-user ended with status {:?}",
                done.status
            )));
        }
        Ok(())
    }

    /// XEP-0133 change-user-password. Prosody completes it with the note
    /// "User does not exist" for an unknown account (and, in 0.12, also
    /// when its storage fails to set the password: the account is then
    /// looked up to tell the two apart).
    async fn set_password(&self, localpart: &str, password: &str) -> Result<(), AccountError> {
        let sessionid = self.start(CHANGE_PASSWORD).await?;
        let mut password_field = Field::new("password", FieldType::TextPrivate);
        password_field.values = vec![password.to_owned()];
        let form = DataForm::new(
            DataFormType::Submit,
            ADMIN_FORM_TYPE,
            vec![self.account_field(localpart), password_field],
        );
        let submit = stage(
            CHANGE_PASSWORD,
            Some(sessionid),
            Action::Complete,
            Some(form),
        );
        let done = self.command(submit, true).await?;
        if let Some(note) = done.notes.iter().find(|n| n.type_ == Some(NoteType::Error)) {
            if !note.text.to_lowercase().contains("does not exist") {
                return Err(AccountError::Refused(note.text.clone()));
            }
            // A definite answer either way: nothing was changed.
            return Err(match self.user_exists(localpart).await {
                Ok(false) => AccountError::NoSuchAccount,
                Ok(true) => AccountError::Refused(
                    "the server could not set the password (see its log)".into(),
                ),
                Err(_) => AccountError::Refused(note.text.clone()),
            });
        }
        if done.status != Some(Status::Completed) {
            return Err(AccountError::Refused(format!(
                "change-user-password ended with status {:?}",
                done.status
            )));
        }
        Ok(())
    }

    async fn roster_set(
        &self,
        owner: &BareJid,
        contact: &BareJid,
        name: Option<&str>,
        subscription: Subscription,
        group: Option<&str>,
    ) -> Result<(), EffectError> {
        let item = Item {
            jid: contact.clone(),
            name: name.map(str::to_owned),
            subscription: match subscription {
                Subscription::Both => xmpp_parsers::roster::Subscription::Both,
                Subscription::From => xmpp_parsers::roster::Subscription::From,
                Subscription::None => xmpp_parsers::roster::Subscription::None,
            },
            ask: Ask::None,
            groups: group
                .map(|g| xmpp_parsers::roster::Group(g.to_owned()))
                .into_iter()
                .collect(),
            approved: None,
        };
        let iq = Iq::from_set(
            String::new(),
            Roster {
                ver: None,
                items: vec![item],
            },
        )
        .with_to(Jid::from(owner.clone()));
        match self.link.request(iq, self.timeout).await {
            Ok(Iq::Result { .. }) => Ok(()),
            Ok(Iq::Error { error, .. }) => {
                let text = error.texts.values().next().cloned().unwrap_or_default();
                Err(match error.defined_condition {
                    DefinedCondition::Forbidden | DefinedCondition::NotAllowed => {
                        EffectError::Refused(format!(
                            "Prosody refused the privileged roster write for {owner} ({text}). \
                             Load mod_privilege both on VirtualHost \"{}\" and under Component \"{}\", \
                             and set privileged_entities = {{ [\"{}\"] = {{ roster = \"both\"; message = \"outgoing\" }} }}",
                            self.domain,
                            self.link.jid(),
                            self.link.jid()
                        ))
                    }
                    DefinedCondition::InternalServerError
                    | DefinedCondition::RemoteServerTimeout
                    | DefinedCondition::ResourceConstraint => {
                        EffectError::Transient(format!("{:?}: {text}", error.defined_condition))
                    }
                    other => EffectError::Refused(format!("{other:?}: {text}")),
                })
            }
            Ok(_) => Err(EffectError::Transient("unexpected iq type".into())),
            Err(e) => Err(transient(e)),
        }
    }

    async fn notify(&self, to: &BareJid, text: &str) -> Result<(), EffectError> {
        if !self.link.is_up() {
            return Err(transient(RequestError::NotConnected));
        }
        let message =
            Message::chat(Jid::from(to.clone())).with_body(Lang::from(""), text.to_owned());
        self.link
            .send_before(message, Instant::now() + self.timeout);
        // A message has no acknowledgement of its own. The server handles
        // one stream's stanzas in order, so its answer to a ping sent right
        // after means it has taken the message.
        let ping = Iq::from_get(String::new(), Ping).with_to(self.domain_jid());
        match self.link.request(ping, self.timeout).await {
            Ok(_) => Ok(()),
            Err(e) => Err(transient(e)),
        }
    }
}

/// The command's name for messages: `add-user` for
/// `http://jabber.org/protocol/admin#add-user`.
fn short_name(node: &str) -> &'static str {
    match node {
        ADD_USER => "add-user",
        CHANGE_PASSWORD => "change-user-password",
        GET_USER_ROSTER => "get-user-roster",
        _ => "an admin command",
    }
}

/// One request of a XEP-0050 exchange with the server.
fn stage(node: &str, sessionid: Option<String>, action: Action, form: Option<DataForm>) -> Command {
    Command {
        node: node.into(),
        sessionid,
        action: Some(action),
        status: None,
        actions: None,
        notes: Vec::new(),
        form,
    }
}

fn transient(e: RequestError) -> EffectError {
    EffectError::Transient(e.to_string())
}

impl ServerOps for ProsodyOps {
    fn create_account<'a>(
        &'a self,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>> {
        Box::pin(self.add_user(localpart, password))
    }

    fn account_exists<'a>(
        &'a self,
        localpart: &'a str,
    ) -> BoxFuture<'a, Result<bool, AccountError>> {
        Box::pin(self.user_exists(localpart))
    }

    fn change_password<'a>(
        &'a self,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>> {
        Box::pin(self.set_password(localpart, password))
    }

    fn apply<'a>(&'a self, effect: &'a Effect) -> BoxFuture<'a, Result<(), EffectError>> {
        Box::pin(async move {
            match effect {
                Effect::RosterItem {
                    owner,
                    contact,
                    name,
                    subscription,
                } => {
                    self.roster_set(owner, contact, name.as_deref(), *subscription, None)
                        .await
                }
                Effect::Notify { to, text } => self.notify(to, text).await,
                Effect::GroupItem {
                    owner,
                    contact,
                    group,
                    subscription,
                } => {
                    self.roster_set(owner, contact, None, *subscription, Some(group))
                        .await
                }
                // The deliverer hands emails to its mailer; one reaching the
                // server is a wiring mistake, not worth retrying.
                Effect::Email(_) => Err(EffectError::Permanent(
                    "an email reached the XMPP server operations".into(),
                )),
            }
        })
    }
}
