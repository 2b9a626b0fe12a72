//! XEP-0050 sessions: ids, stages, actions, expiry and every error
//! condition, independent of what the commands do. A command set only says
//! which commands exist, who may run them, and what each stage yields.

use super::errors;
use super::xep_0050::{Action, Actions, Command, Note, NoteType, Status};
use crate::i18n::Tr;
use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use xmpp_parsers::data_forms::{DataForm, DataFormType};
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::stanza_error::StanzaError;

/// A command as listed in disco#items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandInfo {
    pub node: &'static str,
    /// The catalogue id of its name (the node is never translated).
    pub name_id: &'static str,
}

/// Whether a requester may run a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authorization {
    Allowed,
    /// The node exists but not for this requester; the text says why.
    Forbidden(String),
    Unknown,
}

/// What one stage of a command produced.
#[derive(Debug, Clone)]
pub enum Step {
    /// A form to fill; the session goes on.
    Form {
        form: DataForm,
        actions: Actions,
        notes: Vec<Note>,
    },
    /// The submission just made is refused (say, a taken username): the
    /// stage stays where it was and this form is shown again.
    Retry {
        form: DataForm,
        actions: Actions,
        notes: Vec<Note>,
    },
    /// The command is done.
    Completed {
        form: Option<DataForm>,
        notes: Vec<Note>,
    },
}

/// A stage that cannot go on; mapped to a stanza error in
/// [`errors`](super::errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// `forbidden`.
    Forbidden(String),
    /// `bad-request` + `<bad-payload/>`: a required field is missing or
    /// malformed.
    BadPayload(String),
    /// `internal-server-error`; the text is for the log, not the requester.
    Internal(String),
}

/// The commands a component offers. Every text they produce is in `tr`,
/// the language of the request being answered.
pub trait Commands: Send + Sync + 'static {
    /// The commands `requester` may run, in display order.
    fn available(&self, requester: &BareJid) -> Vec<CommandInfo>;

    /// Whether `node` exists and `requester` may run it.
    fn authorize(&self, node: &str, requester: &BareJid, tr: &Tr) -> Authorization;

    /// Runs the stage that follows the forms submitted so far (none on
    /// execute).
    fn step(
        &self,
        node: &str,
        requester: &BareJid,
        submitted: &[DataForm],
        tr: &Tr,
    ) -> impl Future<Output = Result<Step, Failure>> + Send;
}

struct Session {
    node: String,
    owner: Jid,
    forms: Vec<DataForm>,
    actions: Actions,
    expires: Instant,
}

/// Limits on sessions, so that nobody can fill our memory with them.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// Idle time after which a session is gone (XEP-0050 says minutes).
    pub ttl: Duration,
    /// Open sessions one full JID may hold.
    pub per_requester: usize,
    /// Open sessions overall.
    pub total: usize,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            ttl: Duration::from_secs(10 * 60),
            per_requester: 8,
            total: 10_000,
        }
    }
}

/// Runs XEP-0050 sessions over a [`Commands`] set.
pub struct AdHoc<C> {
    commands: C,
    sessions: Mutex<HashMap<String, Session>>,
    limits: SessionLimits,
}

fn new_session_id() -> String {
    let mut b = [0u8; 12];
    // 96 random bits: ids are never reused in practice. Should the RNG
    // fail, a time-based id still keeps them distinct within this process.
    if getrandom::fill(&mut b).is_err() {
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        return format!("t{n:x}");
    }
    b.iter().map(|x| format!("{x:02x}")).collect()
}

impl<C: Commands> AdHoc<C> {
    pub fn new(commands: C, limits: SessionLimits) -> AdHoc<C> {
        AdHoc {
            commands,
            sessions: Mutex::new(HashMap::new()),
            limits,
        }
    }

    pub fn commands(&self) -> &C {
        &self.commands
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Number of sessions held, expired ones included until swept.
    pub fn session_count(&self) -> usize {
        self.sessions().len()
    }

    /// Handles one `<command/>` from `from`, answering in `tr` (each stage
    /// in the language of its own request); the result is the payload of
    /// the iq result, or the error to answer with.
    pub async fn handle(&self, from: &Jid, req: Command, tr: &Tr) -> Result<Command, StanzaError> {
        let mut answer = self.answer(from, req, tr).await;
        if let Ok(resp) = &mut answer {
            resp.lang = Some(tr.lang_tag());
        }
        answer
    }

    async fn answer(&self, from: &Jid, req: Command, tr: &Tr) -> Result<Command, StanzaError> {
        let requester = from.to_bare();
        let action = req.action.unwrap_or(Action::Execute);
        let Some(sid) = req.sessionid.clone() else {
            if action != Action::Execute {
                return Err(errors::bad_sessionid(tr));
            }
            return self.start(from, &requester, &req.node, tr).await;
        };

        let now = Instant::now();
        let mut session = {
            let mut sessions = self.sessions();
            match sessions.get(&sid) {
                // A session belongs to the full JID that opened it
                // (XEP-0050 §3.4); others are told it does not exist.
                Some(s) if s.owner != *from || s.node != req.node => {
                    return Err(errors::bad_sessionid(tr));
                }
                Some(s) if s.expires <= now => {
                    sessions.remove(&sid);
                    return Err(errors::session_expired(tr));
                }
                Some(_) => sessions.remove(&sid).expect("present under the same lock"),
                None => return Err(errors::bad_sessionid(tr)),
            }
        };
        // Taken out of the map while the stage runs, so one session never
        // runs two stages at once.
        if let Authorization::Forbidden(why) = self.authorize_or_unknown(&req.node, &requester, tr)
        {
            return Err(errors::forbidden(tr, &why));
        }
        let submitted_form = req.form.clone();
        match action {
            Action::Cancel => {
                return Ok(Command::response(&req.node, &sid, Status::Canceled));
            }
            Action::Prev => {
                if !session.actions.prev || session.forms.is_empty() {
                    self.put_back(sid, session);
                    return Err(errors::bad_action(tr));
                }
                session.forms.pop();
            }
            Action::Execute | Action::Next | Action::Complete => {
                if !session.actions.allows(action) {
                    self.put_back(sid, session);
                    return Err(errors::bad_action(tr));
                }
                match submitted_form {
                    Some(form) if form.type_ == DataFormType::Cancel => {
                        return Ok(Command::response(&req.node, &sid, Status::Canceled));
                    }
                    Some(form) if form.type_ == DataFormType::Submit => session.forms.push(form),
                    _ => {
                        self.put_back(sid, session);
                        return Err(errors::bad_payload(tr, &tr.t("error-needs-form")));
                    }
                }
            }
        }
        let forwarded = action != Action::Prev;
        match self
            .commands
            .step(&req.node, &requester, &session.forms, tr)
            .await
        {
            Ok(Step::Completed { form, notes }) => {
                let mut resp = Command::response(&req.node, &sid, Status::Completed);
                resp.form = form;
                resp.notes = notes;
                Ok(resp)
            }
            Ok(Step::Form {
                form,
                actions,
                notes,
            }) => Ok(self.continue_session(sid, session, form, actions, notes, now)),
            Ok(Step::Retry {
                form,
                actions,
                notes,
            }) => {
                if forwarded {
                    session.forms.pop();
                }
                Ok(self.continue_session(sid, session, form, actions, notes, now))
            }
            Err(f) => {
                if forwarded {
                    session.forms.pop();
                }
                session.expires = now + self.limits.ttl;
                self.put_back(sid, session);
                Err(errors::from_failure(tr, f))
            }
        }
    }

    fn authorize_or_unknown(&self, node: &str, requester: &BareJid, tr: &Tr) -> Authorization {
        match self.commands.authorize(node, requester, tr) {
            Authorization::Unknown => Authorization::Forbidden(tr.t("error-command-unavailable")),
            other => other,
        }
    }

    async fn start(
        &self,
        from: &Jid,
        requester: &BareJid,
        node: &str,
        tr: &Tr,
    ) -> Result<Command, StanzaError> {
        match self.commands.authorize(node, requester, tr) {
            Authorization::Unknown => {
                return Err(errors::item_not_found(tr, &tr.t("error-no-such-command")));
            }
            Authorization::Forbidden(why) => {
                return Err(errors::forbidden(tr, &why));
            }
            Authorization::Allowed => {}
        }
        let sid = new_session_id();
        match self
            .commands
            .step(node, requester, &[], tr)
            .await
            .map_err(|f| errors::from_failure(tr, f))?
        {
            Step::Completed { form, notes } => {
                let mut resp = Command::response(node, &sid, Status::Completed);
                resp.form = form;
                resp.notes = notes;
                Ok(resp)
            }
            Step::Form {
                form,
                actions,
                notes,
            }
            | Step::Retry {
                form,
                actions,
                notes,
            } => {
                let now = Instant::now();
                {
                    let mut sessions = self.sessions();
                    sessions.retain(|_, s| s.expires + self.limits.ttl > now);
                    let mine = sessions.values().filter(|s| s.owner == *from).count();
                    if mine >= self.limits.per_requester || sessions.len() >= self.limits.total {
                        return Err(errors::resource_constraint(
                            tr,
                            &tr.t("error-too-many-sessions"),
                        ));
                    }
                }
                let session = Session {
                    node: node.to_owned(),
                    owner: from.clone(),
                    forms: Vec::new(),
                    actions: Actions::default(),
                    expires: now,
                };
                Ok(self.continue_session(sid, session, form, actions, notes, now))
            }
        }
    }

    fn continue_session(
        &self,
        sid: String,
        mut session: Session,
        form: DataForm,
        actions: Actions,
        notes: Vec<Note>,
        now: Instant,
    ) -> Command {
        let mut resp = Command::response(&session.node, &sid, Status::Executing);
        let form = with_errors_in_instructions(form, &notes);
        // `prev` is only offered when there is a stage to go back to.
        let mut offered = actions;
        offered.prev &= !session.forms.is_empty();
        resp.actions = Some(offered.clone());
        resp.form = Some(form);
        resp.notes = notes;
        session.actions = offered;
        session.expires = now + self.limits.ttl;
        self.put_back(sid, session);
        resp
    }

    fn put_back(&self, sid: String, session: Session) {
        self.sessions().insert(sid, session);
    }
}

/// Puts the text of the error notes in front of the form's instructions.
/// The notes stay, but some clients show only the form of an `executing`
/// response: Profanity 0.13 drops its notes, so an admin whose submission
/// was refused saw the same form again with no reason given.
fn with_errors_in_instructions(mut form: DataForm, notes: &[Note]) -> DataForm {
    let errors: Vec<&str> = notes
        .iter()
        .filter(|n| n.type_ == Some(NoteType::Error))
        .map(|n| n.text.as_str())
        .collect();
    if !errors.is_empty() {
        let mut text = errors.join("\n");
        if let Some(instructions) = form.instructions.take() {
            text.push('\n');
            text.push_str(&instructions);
        }
        form.instructions = Some(text);
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xmpp::errors::specific;
    use crate::xmpp::xep_0050::SpecificError;
    use xmpp_parsers::data_forms::Field;
    use xmpp_parsers::stanza_error::DefinedCondition;

    /// A two-stage command: stage 1 asks for `name`, stage 2 for `age`;
    /// `name=taken` is refused with a retry.
    struct Fake;

    fn form(var: &str) -> DataForm {
        DataForm {
            type_: DataFormType::Form,
            title: None,
            instructions: None,
            fields: vec![Field::text_single(var, "")],
        }
    }

    fn submit(var: &str, value: &str) -> DataForm {
        DataForm {
            type_: DataFormType::Submit,
            title: None,
            instructions: None,
            fields: vec![Field::text_single(var, value)],
        }
    }

    impl Commands for Fake {
        fn available(&self, _: &BareJid) -> Vec<CommandInfo> {
            vec![CommandInfo {
                node: "two",
                name_id: "cmd-invite",
            }]
        }
        fn authorize(&self, node: &str, r: &BareJid, _: &Tr) -> Authorization {
            match node {
                "two" if r.node().map(|n| n.as_str()) == Some("mallory") => {
                    Authorization::Forbidden("not you".into())
                }
                "two" => Authorization::Allowed,
                _ => Authorization::Unknown,
            }
        }
        async fn step(
            &self,
            _: &str,
            _: &BareJid,
            forms: &[DataForm],
            _: &Tr,
        ) -> Result<Step, Failure> {
            let next = Actions {
                execute: Some(Action::Next),
                prev: true,
                next: true,
                complete: false,
            };
            match forms {
                [] => Ok(Step::Form {
                    form: form("name"),
                    actions: next,
                    notes: vec![],
                }),
                [f] if f.fields.iter().any(|x| x.values == ["taken"]) => Ok(Step::Retry {
                    form: form("name"),
                    actions: next,
                    notes: vec![Note::new(NoteType::Error, "taken")],
                }),
                [f] if f.fields.is_empty() => Err(Failure::BadPayload("name is required".into())),
                [_] => Ok(Step::Form {
                    form: form("age"),
                    actions: Actions {
                        execute: Some(Action::Complete),
                        prev: true,
                        next: false,
                        complete: true,
                    },
                    notes: vec![],
                }),
                [_, _] => Ok(Step::Completed {
                    form: None,
                    notes: vec![],
                }),
                _ => Err(Failure::Internal("too many forms".into())),
            }
        }
    }

    fn req(sid: Option<&str>, action: Option<Action>, form: Option<DataForm>) -> Command {
        Command {
            node: "two".into(),
            sessionid: sid.map(Into::into),
            action,
            status: None,
            lang: None,
            actions: None,
            notes: vec![],
            form,
        }
    }

    fn alice() -> Jid {
        Jid::new("alice@example.org/phone").unwrap()
    }

    /// Alice sends a `<command/>` for node `two`.
    async fn alice_sends(
        a: &AdHoc<Fake>,
        sid: Option<&str>,
        action: Option<Action>,
        form: Option<DataForm>,
    ) -> Result<Command, StanzaError> {
        a.handle(&alice(), req(sid, action, form), &Tr::default())
            .await
    }

    #[test]
    fn error_notes_lead_the_instructions_and_other_notes_stay_out() {
        let mut f = form("name");
        f.instructions = Some("Pick a name.".into());
        let notes = [
            Note::new(NoteType::Info, "just so you know"),
            Note::new(NoteType::Error, "taken"),
            Note::new(NoteType::Error, "too short"),
        ];
        let f = with_errors_in_instructions(f, &notes);
        assert_eq!(
            f.instructions.as_deref(),
            Some("taken\ntoo short\nPick a name.")
        );
        let f = with_errors_in_instructions(form("name"), &notes[..1]);
        assert_eq!(f.instructions, None);
    }

    #[tokio::test]
    async fn full_session_with_prev_and_retry() {
        let a = AdHoc::new(Fake, SessionLimits::default());
        let r = alice_sends(&a, None, None, None).await.unwrap();
        assert_eq!(r.status, Some(Status::Executing));
        let sid = r.sessionid.clone().unwrap();
        // First stage offers no prev (nothing to go back to).
        assert!(!r.actions.as_ref().unwrap().prev);
        // A refused value: same stage again, with an error note.
        let r = alice_sends(
            &a,
            Some(&sid),
            Some(Action::Next),
            Some(submit("name", "taken")),
        )
        .await
        .unwrap();
        assert_eq!(r.status, Some(Status::Executing));
        assert_eq!(r.notes[0].text, "taken");
        let refused = r.form.unwrap();
        assert_eq!(refused.fields[0].var.as_deref(), Some("name"));
        // The reason is in the form too, for clients that drop the notes.
        assert_eq!(refused.instructions.as_deref(), Some("taken"));
        // Good value: stage 2, prev allowed now.
        let r = alice_sends(
            &a,
            Some(&sid),
            Some(Action::Next),
            Some(submit("name", "bob")),
        )
        .await
        .unwrap();
        assert_eq!(r.form.unwrap().fields[0].var.as_deref(), Some("age"));
        assert!(r.actions.as_ref().unwrap().prev);
        // Back to stage 1 and forward again.
        let r = alice_sends(&a, Some(&sid), Some(Action::Prev), None)
            .await
            .unwrap();
        assert_eq!(r.form.unwrap().fields[0].var.as_deref(), Some("name"));
        alice_sends(&a, Some(&sid), None, Some(submit("name", "bob")))
            .await
            .unwrap();
        // `next` is not offered at stage 2.
        let e = alice_sends(&a, Some(&sid), Some(Action::Next), Some(submit("age", "3")))
            .await
            .unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadAction));
        // Default action (execute → complete) finishes it.
        let r = alice_sends(
            &a,
            Some(&sid),
            Some(Action::Execute),
            Some(submit("age", "3")),
        )
        .await
        .unwrap();
        assert_eq!(r.status, Some(Status::Completed));
        // The session is gone afterwards.
        let e = alice_sends(&a, Some(&sid), None, Some(submit("age", "3")))
            .await
            .unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadSessionid));
        assert_eq!(a.session_count(), 0);
    }

    #[tokio::test]
    async fn error_conditions() {
        let a = AdHoc::new(Fake, SessionLimits::default());
        // Unknown node.
        let e = a
            .handle(
                &alice(),
                Command {
                    node: "nope".into(),
                    ..req(None, None, None)
                },
                &Tr::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(e.defined_condition, DefinedCondition::ItemNotFound);
        // Forbidden requester.
        let mallory = Jid::new("mallory@example.org/x").unwrap();
        let e = a
            .handle(&mallory, req(None, None, None), &Tr::default())
            .await
            .unwrap_err();
        assert_eq!(e.defined_condition, DefinedCondition::Forbidden);
        assert_eq!(e.texts.get("en-US").map(String::as_str), Some("not you"));
        // next without a session.
        let e = alice_sends(&a, None, Some(Action::Next), None)
            .await
            .unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadSessionid));
        // Unknown session id.
        let e = alice_sends(&a, Some("nope"), None, None).await.unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadSessionid));
        // Someone else's session.
        let sid = alice_sends(&a, None, None, None)
            .await
            .unwrap()
            .sessionid
            .unwrap();
        let other = Jid::new("alice@example.org/laptop").unwrap();
        let e = a
            .handle(
                &other,
                req(Some(&sid), None, Some(submit("name", "x"))),
                &Tr::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadSessionid));
        // Missing form.
        let e = alice_sends(&a, Some(&sid), Some(Action::Next), None)
            .await
            .unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadPayload));
        // A command's own bad-payload keeps the session at its stage.
        let empty = DataForm {
            fields: vec![],
            ..submit("x", "")
        };
        let e = alice_sends(&a, Some(&sid), None, Some(empty))
            .await
            .unwrap_err();
        assert_eq!(specific(&e), Some(SpecificError::BadPayload));
        let r = alice_sends(&a, Some(&sid), None, Some(submit("name", "bob")))
            .await
            .unwrap();
        assert_eq!(r.form.unwrap().fields[0].var.as_deref(), Some("age"));
        // Cancel.
        let r = alice_sends(&a, Some(&sid), Some(Action::Cancel), None)
            .await
            .unwrap();
        assert_eq!(r.status, Some(Status::Canceled));
        assert_eq!(a.session_count(), 0);
    }

    #[tokio::test]
    async fn sessions_expire_and_are_bounded() {
        let a = AdHoc::new(
            Fake,
            SessionLimits {
                ttl: Duration::from_millis(50),
                per_requester: 2,
                total: 100,
            },
        );
        let sid = alice_sends(&a, None, None, None)
            .await
            .unwrap()
            .sessionid
            .unwrap();
        alice_sends(&a, None, None, None).await.unwrap();
        let e = alice_sends(&a, None, None, None).await.unwrap_err();
        assert_eq!(e.defined_condition, DefinedCondition::ResourceConstraint);
        tokio::time::sleep(Duration::from_millis(60)).await;
        let e = alice_sends(&a, Some(&sid), None, Some(submit("name", "x")))
            .await
            .unwrap_err();
        assert_eq!(e.defined_condition, DefinedCondition::NotAllowed);
        assert_eq!(specific(&e), Some(SpecificError::SessionExpired));
        // Long-expired sessions are swept when new ones open.
        tokio::time::sleep(Duration::from_millis(60)).await;
        alice_sends(&a, None, None, None).await.unwrap();
        assert_eq!(a.session_count(), 1);
    }
}
