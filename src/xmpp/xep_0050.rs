//! XEP-0050 (Ad-Hoc Commands) wire types, written with the xso derives the
//! way xmpp-parsers writes its own (it has none for XEP-0050 yet).

use std::fmt;
use std::str::FromStr;
use xmpp_parsers::data_forms::DataForm;
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::Jid;
use xmpp_parsers::minidom::Element;
use xso::{AsXml, FromXml, Item};

use super::data_forms::{WithFieldTypes, with_explicit_field_types};

/// `http://jabber.org/protocol/commands`
pub const NS: &str = "http://jabber.org/protocol/commands";

/// Declares a closed set of attribute values with `FromStr`/`Display` and
/// the xso text conversions, so unknown values are parse errors.
macro_rules! attribute_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($(#[$vmeta:meta])* $variant:ident => $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($value => Ok($name::$variant),)+
                    _ => Err(UnknownValue { what: $what, value: s.to_owned() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(match self { $($name::$variant => $value),+ })
            }
        }

        xso::convert_via_fromstr_and_display!($name);
    };
}

/// An attribute value outside the XEP's closed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{value}'")]
pub struct UnknownValue {
    what: &'static str,
    value: String,
}

attribute_enum!(
    /// What the requester asks the responder to do (`action` attribute).
    Action, "action", {
        Execute => "execute",
        Cancel => "cancel",
        Prev => "prev",
        Next => "next",
        Complete => "complete",
    }
);

attribute_enum!(
    /// Where the command is (`status` attribute).
    Status, "status", {
        Executing => "executing",
        Completed => "completed",
        Canceled => "canceled",
    }
);

attribute_enum!(
    /// Severity of a note.
    NoteType, "note type", {
        Info => "info",
        Warn => "warn",
        Error => "error",
    }
);

/// `<command/>`: both the request and the response.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "command")]
pub struct Command {
    #[xml(attribute)]
    pub node: String,

    #[xml(attribute(default))]
    pub sessionid: Option<String>,

    #[xml(attribute(default))]
    pub action: Option<Action>,

    #[xml(attribute(default))]
    pub status: Option<Status>,

    /// `xml:lang`: on a request, the language the requester reads (XEP-0050
    /// allows it here or, preferably, on the iq); on a response, the
    /// language of its texts.
    #[xml(lang(default))]
    pub lang: Option<String>,

    #[xml(child(default))]
    pub actions: Option<Actions>,

    #[xml(child(n = ..))]
    pub notes: Vec<Note>,

    #[xml(child(default))]
    pub form: Option<DataForm>,
}

impl Command {
    /// A response skeleton for `node` in session `sessionid`.
    pub fn response(node: &str, sessionid: &str, status: Status) -> Command {
        Command {
            node: node.to_owned(),
            sessionid: Some(sessionid.to_owned()),
            action: None,
            status: Some(status),
            lang: None,
            actions: None,
            notes: Vec::new(),
            form: None,
        }
    }
}

impl xmpp_parsers::iq::IqSetPayload for Command {}
impl xmpp_parsers::iq::IqResultPayload for Command {}

/// `<iq type='result'>` with a command response: the reply to nearly every
/// command request. Written to the stream straight from these types. Going
/// through xmpp-parsers' `Iq` meant converting the command to a minidom
/// tree first and serialising that tree: over a third of a mint's CPU
/// (scripts/bench P1 under perf).
#[derive(Debug, Clone, PartialEq)]
pub struct CommandResult {
    pub from: Jid,
    pub to: Jid,
    pub id: String,
    /// Its forms' fields carry an explicit `type`, as on every form we send
    /// (see `data_forms`).
    pub command: WithFieldTypes<Command>,
}

/// The iq's head and foot around the command's items. Written by hand,
/// not derived: a derived iterator moves its whole state, the command's
/// nested one included, at every item it passes through (8 % of a mint's
/// CPU for this one level under perf).
impl AsXml for CommandResult {
    type ItemIter<'x> = std::iter::Chain<
        std::iter::Chain<
            std::array::IntoIter<Result<Item<'x>, xso::error::Error>, 6>,
            <WithFieldTypes<Command> as AsXml>::ItemIter<'x>,
        >,
        std::iter::Once<Result<Item<'x>, xso::error::Error>>,
    >;

    fn as_xml_iter(&self) -> Result<Self::ItemIter<'_>, xso::error::Error> {
        use std::borrow::Cow::Borrowed;
        use xso::exports::rxml::{Namespace, xml_ncname};
        let attribute = |name, value| Ok(Item::Attribute(Namespace::NONE, Borrowed(name), value));
        let head = [
            Ok(Item::ElementHeadStart(
                Namespace::from_str(xmpp_parsers::ns::DEFAULT_NS),
                Borrowed(xml_ncname!("iq")),
            )),
            attribute(xml_ncname!("from"), Borrowed(self.from.as_str())),
            attribute(xml_ncname!("to"), Borrowed(self.to.as_str())),
            attribute(xml_ncname!("id"), Borrowed(self.id.as_str())),
            attribute(xml_ncname!("type"), Borrowed("result")),
            Ok(Item::ElementHeadEnd),
        ];
        Ok(head
            .into_iter()
            .chain(self.command.as_xml_iter()?)
            .chain(std::iter::once(Ok(Item::ElementFoot))))
    }
}

impl CommandResult {
    pub fn new(from: Jid, to: Jid, id: String, command: Command) -> CommandResult {
        CommandResult {
            from,
            to,
            id,
            command: WithFieldTypes(command),
        }
    }
}

/// The same reply as xmpp-parsers' `Iq`, for code that inspects replies
/// (tests, the relay to the server module).
impl From<CommandResult> for Iq {
    fn from(r: CommandResult) -> Iq {
        let mut payload = Element::from(r.command.0);
        with_explicit_field_types(&mut payload);
        Iq::Result {
            from: Some(r.from),
            to: Some(r.to),
            id: r.id,
            payload: Some(payload),
        }
    }
}

/// `<actions/>`: what the requester may do next, and which one is default.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq, Default)]
#[xml(namespace = NS, name = "actions")]
pub struct Actions {
    #[xml(attribute(default))]
    pub execute: Option<Action>,

    #[xml(flag)]
    pub prev: bool,

    #[xml(flag)]
    pub next: bool,

    #[xml(flag)]
    pub complete: bool,
}

impl Actions {
    /// Whether `action` is one this stage offers. `execute` means the
    /// default action, so it is allowed whenever a default exists.
    pub fn allows(&self, action: Action) -> bool {
        match action {
            Action::Execute => self.execute.is_some() || self.next || self.complete,
            Action::Prev => self.prev,
            Action::Next => self.next,
            Action::Complete => self.complete,
            Action::Cancel => true,
        }
    }

    /// What `execute` stands for at this stage.
    pub fn resolve(&self, action: Action) -> Action {
        match action {
            Action::Execute => self.execute.unwrap_or(if self.complete {
                Action::Complete
            } else {
                Action::Next
            }),
            other => other,
        }
    }
}

/// `<note type='…'>text</note>`
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "note")]
pub struct Note {
    #[xml(attribute(name = "type", default))]
    pub type_: Option<NoteType>,

    #[xml(text)]
    pub text: String,
}

impl Note {
    pub fn new(type_: NoteType, text: impl Into<String>) -> Note {
        Note {
            type_: Some(type_),
            text: text.into(),
        }
    }
}

/// Application-specific error conditions (XEP-0050 §4.6), carried inside a
/// stanza `<error/>` next to the defined condition.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, exhaustive)]
pub enum SpecificError {
    /// The responding JID does not understand the specified action.
    #[xml(name = "malformed-action")]
    MalformedAction,
    /// The requesting JID specified an action not allowed at this stage.
    #[xml(name = "bad-action")]
    BadAction,
    /// The requesting JID specified a language/locale not supported.
    #[xml(name = "bad-locale")]
    BadLocale,
    /// The data form did not provide one or more required fields.
    #[xml(name = "bad-payload")]
    BadPayload,
    /// The specified session id is not known.
    #[xml(name = "bad-sessionid")]
    BadSessionid,
    /// The session has expired.
    #[xml(name = "session-expired")]
    SessionExpired,
}

#[cfg(test)]
mod tests {
    use super::*;
    use xmpp_parsers::data_forms::DataFormType;

    fn parse(xml: &str) -> Result<Command, xso::error::FromElementError> {
        let el: Element = xml.parse().unwrap();
        Command::try_from(el)
    }

    #[test]
    fn execute_request() {
        let c = parse("<command xmlns='http://jabber.org/protocol/commands' node='urn:xmpp:invite#invite' action='execute'/>").unwrap();
        assert_eq!(c.node, "urn:xmpp:invite#invite");
        assert_eq!(c.action, Some(Action::Execute));
        assert_eq!(c.sessionid, None);
        assert!(c.form.is_none());
        // No action attribute means execute, and is valid.
        let c = parse("<command xmlns='http://jabber.org/protocol/commands' node='n'/>").unwrap();
        assert_eq!(c.action, None);
    }

    #[test]
    fn response_with_actions_notes_and_form_round_trips() {
        let xml = "<command xmlns='http://jabber.org/protocol/commands' node='urn:xmpp:invite#create-account' sessionid='s1' status='executing'>\
            <actions execute='complete'><prev/><complete/></actions>\
            <note type='warn'>careful</note>\
            <x xmlns='jabber:x:data' type='form'><field var='username' type='text-single'/></x>\
            </command>";
        let c = parse(xml).unwrap();
        assert_eq!(c.status, Some(Status::Executing));
        let actions = c.actions.clone().unwrap();
        assert_eq!(actions.execute, Some(Action::Complete));
        assert!(actions.prev && actions.complete && !actions.next);
        assert_eq!(c.notes, vec![Note::new(NoteType::Warn, "careful")]);
        assert_eq!(c.form.as_ref().unwrap().type_, DataFormType::Form);
        // Serialise and parse back: same value (minidom quotes differ, so
        // compare parsed forms, not strings).
        let el: Element = c.clone().into();
        assert_eq!(Command::try_from(el.clone()).unwrap(), c);
        let order: Vec<&str> = el.children().map(|c| c.name()).collect();
        assert_eq!(order, ["actions", "note", "x"], "XEP-0050 schema order");
        let text = String::from(&el);
        assert_eq!(
            Command::try_from(text.parse::<Element>().unwrap()).unwrap(),
            c
        );
    }

    /// The typed reply must put on the wire what the `Iq` path does:
    /// same attributes, same children, every form field typed.
    #[test]
    fn a_command_result_writes_what_the_iq_path_writes() {
        use xmpp_parsers::data_forms::{DataFormType, Field, FieldType};
        let mut form = DataForm::new(
            DataFormType::Result_,
            "urn:xmpp:invite#invitation",
            vec![
                Field::text_single("uri", "xmpp:a@b?roster;preauth=x&y=<z>"),
                Field::text_single("landing-url", "https://i.example/i/abc"),
                Field::new("note", FieldType::Fixed).with_value("f\u{e9}e"),
                Field::new("empty", FieldType::TextSingle),
            ],
        );
        form.title = Some("Invitation".into());
        let mut command = Command::response("urn:xmpp:invite#invite", "s-1", Status::Completed);
        command.lang = Some("fr".into());
        command.notes.push(Note::new(NoteType::Info, "ok & done"));
        command.actions = Some(Actions {
            execute: Some(Action::Complete),
            prev: true,
            next: false,
            complete: true,
        });
        command.form = Some(form);
        let result = CommandResult::new(
            "invites.example".parse().unwrap(),
            "alice@example/phone".parse().unwrap(),
            "id-1".into(),
            command,
        );
        let bytes = xso::to_vec(&result).unwrap();
        let written: Element = std::str::from_utf8(&bytes).unwrap().parse().unwrap();
        let via_iq = Element::from(<Iq as From<CommandResult>>::from(result));
        assert_eq!(written, via_iq);
        let fields: Vec<_> = written
            .get_child("command", NS)
            .and_then(|c| c.get_child("x", xmpp_parsers::ns::DATA_FORMS))
            .unwrap()
            .children()
            .filter(|c| c.name() == "field")
            .map(|f| (f.attr("var").unwrap(), f.attr("type")))
            .collect();
        assert_eq!(
            fields,
            [
                ("FORM_TYPE", Some("hidden")),
                ("uri", Some("text-single")),
                ("landing-url", Some("text-single")),
                ("note", Some("fixed")),
                ("empty", Some("text-single")),
            ]
        );
        assert_eq!(written.attr("type"), Some("result"));
    }

    #[test]
    fn rejects_invalid_input() {
        // Unknown action value.
        assert!(
            parse("<command xmlns='http://jabber.org/protocol/commands' node='n' action='jump'/>")
                .is_err()
        );
        // Missing node.
        assert!(
            parse("<command xmlns='http://jabber.org/protocol/commands' action='execute'/>")
                .is_err()
        );
        // Unknown status.
        assert!(
            parse("<command xmlns='http://jabber.org/protocol/commands' node='n' status='done'/>")
                .is_err()
        );
        // Unknown note type.
        assert!(parse("<command xmlns='http://jabber.org/protocol/commands' node='n'><note type='fatal'>x</note></command>").is_err());
        // Two forms.
        assert!(parse("<command xmlns='http://jabber.org/protocol/commands' node='n'><x xmlns='jabber:x:data' type='submit'/><x xmlns='jabber:x:data' type='submit'/></command>").is_err());
        // Wrong namespace is not a command at all.
        assert!(parse("<command xmlns='urn:example' node='n'/>").is_err());
    }

    #[test]
    fn specific_errors_round_trip() {
        for (xml, want) in [
            (
                "<bad-sessionid xmlns='http://jabber.org/protocol/commands'/>",
                SpecificError::BadSessionid,
            ),
            (
                "<malformed-action xmlns='http://jabber.org/protocol/commands'/>",
                SpecificError::MalformedAction,
            ),
            (
                "<session-expired xmlns='http://jabber.org/protocol/commands'/>",
                SpecificError::SessionExpired,
            ),
        ] {
            let el: Element = xml.parse().unwrap();
            let parsed = SpecificError::try_from(el.clone()).unwrap();
            assert_eq!(parsed, want);
            assert_eq!(Element::from(parsed), el);
        }
        let el: Element = "<unknown xmlns='http://jabber.org/protocol/commands'/>"
            .parse()
            .unwrap();
        assert!(SpecificError::try_from(el).is_err());
    }

    #[test]
    fn actions_resolve_the_default() {
        let a = Actions {
            execute: Some(Action::Complete),
            prev: true,
            next: false,
            complete: true,
        };
        assert_eq!(a.resolve(Action::Execute), Action::Complete);
        assert!(a.allows(Action::Prev));
        assert!(!a.allows(Action::Next));
        let a = Actions {
            execute: None,
            prev: false,
            next: true,
            complete: false,
        };
        assert_eq!(a.resolve(Action::Execute), Action::Next);
        assert!(!a.allows(Action::Complete));
    }
}
