//! XEP-0133 (service administration) commands sent from the component JID
//! to the server domain, as both Prosody and ejabberd accept them from a
//! component that is an admin of that host: add-user, change-user-password,
//! and get-user-roster to learn whether an account exists.

use crate::domain::{AccountError, AccountStart};
use crate::xmpp::link::{Link, RequestError};
use crate::xmpp::xep_0050::{Action, Command, NoteType, Status};
use std::time::Duration;
use xmpp_parsers::data_forms::{DataForm, DataFormType, Field, FieldType};
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::stanza_error::{DefinedCondition, StanzaError};

const ADD_USER: &str = "http://jabber.org/protocol/admin#add-user";
const CHANGE_PASSWORD: &str = "http://jabber.org/protocol/admin#change-user-password";
const GET_USER_ROSTER: &str = "http://jabber.org/protocol/admin#get-user-roster";
const ADMIN_FORM_TYPE: &str = "http://jabber.org/protocol/admin";

/// What to tell the operator when the server refuses, in that server's
/// own configuration terms.
pub(super) struct Hints {
    /// The server's name, e.g. "Prosody".
    pub server: &'static str,
    /// The configuration that makes the component an admin of the host.
    pub not_admin: String,
    /// The configuration that provides the commands.
    pub no_command: String,
}

/// The XEP-0133 commands one component may run on one domain.
pub(super) struct AdminCommands {
    link: Link,
    domain: BareJid,
    timeout: Duration,
    hints: Hints,
}

impl AdminCommands {
    pub(super) fn new(link: Link, domain: BareJid, timeout: Duration, hints: Hints) -> Self {
        AdminCommands {
            link,
            domain,
            timeout,
            hints,
        }
    }

    /// Runs one stage of a XEP-0133 command. `creates` says whether this
    /// stage may create something: a lost answer to it leaves the outcome
    /// unknown ([`AccountError::Indeterminate`]) rather than "nothing
    /// happened".
    async fn command(&self, cmd: Command, creates: bool) -> Result<Command, AccountError> {
        let iq = Iq::from_set(String::new(), cmd).with_to(Jid::from(self.domain.clone()));
        match self.link.request(iq, self.timeout).await {
            Ok(Iq::Result {
                payload: Some(p), ..
            }) => Command::try_from(p)
                .map_err(|e| AccountError::Refused(format!("unexpected answer to add-user: {e}"))),
            Ok(Iq::Result { payload: None, .. }) => {
                Err(AccountError::Refused("empty answer to add-user".into()))
            }
            Ok(Iq::Error { error, .. }) => Err(self.account_error(error, creates)),
            Ok(_) => Err(AccountError::Refused("unexpected iq type".into())),
            // Not sent at all: nothing can have happened.
            Err(e @ RequestError::NotConnected) => Err(AccountError::Unavailable(e.to_string())),
            // Refused before it was queued (the form checks should make this
            // impossible): a bug of ours, not a passing failure.
            Err(e @ RequestError::Unsendable(_)) => Err(AccountError::Refused(e.to_string())),
            Err(e) if creates => Err(AccountError::Indeterminate(e.to_string())),
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
    /// and with the roster otherwise. Reads only. (ejabberd 23.01 has no
    /// get-user-roster command.)
    pub(super) async fn user_exists(&self, localpart: &str) -> Result<bool, AccountError> {
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

    /// `submitted`: the error answers the stage that carries the form, so
    /// the command exists (it answered the first stage).
    fn account_error(&self, e: StanzaError, submitted: bool) -> AccountError {
        let text = e.texts.values().next().cloned().unwrap_or_default();
        match e.defined_condition {
            // ejabberd 23.01 answers item-not-found ("No hook has processed
            // this command") when its add-user handler crashes on a result
            // it does not expect, such as a password its stringprep
            // refuses: not a missing command.
            DefinedCondition::ItemNotFound if submitted => AccountError::Refused(format!(
                "{} did not complete add-user ({text}); its log says why",
                self.hints.server
            )),
            DefinedCondition::Forbidden | DefinedCondition::NotAuthorized => {
                AccountError::NotPermitted(format!(
                    "{} refused XEP-0133 add-user ({text}); {}",
                    self.hints.server, self.hints.not_admin
                ))
            }
            DefinedCondition::ItemNotFound
            | DefinedCondition::ServiceUnavailable
            | DefinedCondition::FeatureNotImplemented => AccountError::NotPermitted(format!(
                "the server has no add-user command; {}",
                self.hints.no_command
            )),
            DefinedCondition::Conflict => AccountError::Conflict,
            DefinedCondition::RemoteServerTimeout | DefinedCondition::InternalServerError => {
                AccountError::Unavailable(format!("{:?}: {text}", e.defined_condition))
            }
            other => AccountError::Refused(format!("{other:?}: {text}")),
        }
    }

    /// XEP-0133 change-user-password. Prosody completes it with the note
    /// "User does not exist" for an unknown account (and, in 0.12, also
    /// when its storage fails to set the password: the account is then
    /// looked up to tell the two apart).
    pub(super) async fn set_password(
        &self,
        localpart: &str,
        password: &str,
    ) -> Result<(), AccountError> {
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

    /// The first stage of add-user: its form, which creates nothing.
    pub(super) async fn start_add_user(&self) -> Result<AccountStart, AccountError> {
        Ok(AccountStart(Some(self.start(ADD_USER).await?)))
    }

    /// Cancels an add-user started with [`AdminCommands::start_add_user`]
    /// (XEP-0050 §3.4): Prosody keeps a session until it ends. Nothing was
    /// created, so a lost answer changes nothing.
    pub(super) async fn cancel_add_user(&self, start: AccountStart) {
        let Some(sessionid) = start.0 else { return };
        if let Err(e) = self
            .command(
                stage(ADD_USER, Some(sessionid), Action::Cancel, None),
                false,
            )
            .await
        {
            tracing::debug!(error = %e, "cancelling an add-user session failed");
        }
    }

    /// XEP-0133 add-user, going on from `start` when it holds a session.
    pub(super) async fn add_user(
        &self,
        start: AccountStart,
        localpart: &str,
        password: &str,
    ) -> Result<(), AccountError> {
        let sessionid = match start.0 {
            Some(s) => s,
            None => self.start(ADD_USER).await?,
        };
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
        // completed command with an error note (XEP-0050 §3.4); ejabberd
        // answers an iq error (conflict), mapped in `account_error`.
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
}

/// One request of a XEP-0050 exchange with the server.
fn stage(node: &str, sessionid: Option<String>, action: Action, form: Option<DataForm>) -> Command {
    Command {
        node: node.into(),
        sessionid,
        action: Some(action),
        status: None,
        lang: None,
        actions: None,
        notes: Vec::new(),
        form,
    }
}
