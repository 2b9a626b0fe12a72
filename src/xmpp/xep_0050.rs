//! XEP-0050 (Ad-Hoc Commands) wire types, written with the xso derives the
//! way xmpp-parsers writes its own (it has none for XEP-0050 yet).

use std::fmt;
use std::str::FromStr;
use xmpp_parsers::data_forms::DataForm;
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::Jid;
use xmpp_parsers::minidom::Element;
use xso::{AsXml, FromXml, Item};

use super::data_forms::{with_explicit_field_types, with_field_types};
use std::borrow::Cow;
use xso::exports::rxml::{Namespace, NcNameStr, xml_ncname};

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
/// command request, written to the stream from these types.
///
/// Its items are written by hand ([`CommandResult::push_items`]), not by
/// xso's derived iterators: those move their whole state, every nested
/// child's included, at each item, and a data form's (fields, options,
/// media, validation) is large. Under perf at 8 mints in flight the
/// derived iterators of the iq, the command, the form and its fields were
/// a third of a mint's CPU, for about 45 items. The hand-written items
/// are the derived ones plus explicit field types (`data_forms`); a
/// property test holds them to that.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandResult {
    pub from: Jid,
    pub to: Jid,
    pub id: String,
    pub command: Command,
}

impl CommandResult {
    pub fn new(from: Jid, to: Jid, id: String, command: Command) -> CommandResult {
        CommandResult {
            from,
            to,
            id,
            command,
        }
    }

    fn push_items<'x>(&'x self, out: &mut Items<'x>) -> Result<(), xso::error::Error> {
        use xso::AsXmlText;
        out.head(xmpp_parsers::ns::DEFAULT_NS, xml_ncname!("iq"));
        out.attr(xml_ncname!("from"), self.from.as_str());
        out.attr(xml_ncname!("to"), self.to.as_str());
        out.attr(xml_ncname!("id"), &self.id);
        out.attr(xml_ncname!("type"), "result");
        out.end_head();
        let c = &self.command;
        out.head(NS, xml_ncname!("command"));
        out.attr(xml_ncname!("node"), &c.node);
        out.attr_opt(xml_ncname!("sessionid"), c.sessionid.as_deref());
        if let Some(action) = &c.action {
            out.attr_cow(xml_ncname!("action"), action.as_xml_text()?);
        }
        if let Some(status) = &c.status {
            out.attr_cow(xml_ncname!("status"), status.as_xml_text()?);
        }
        if let Some(lang) = &c.lang {
            out.0.push(Ok(Item::Attribute(
                Namespace::XML,
                Cow::Borrowed(xml_ncname!("lang")),
                Cow::Borrowed(lang),
            )));
        }
        out.end_head();
        if let Some(actions) = &c.actions {
            out.0.extend(actions.as_xml_iter()?);
        }
        for note in &c.notes {
            out.head(NS, xml_ncname!("note"));
            if let Some(t) = &note.type_ {
                out.attr_cow(xml_ncname!("type"), t.as_xml_text()?);
            }
            out.end_head();
            out.text(&note.text);
            out.foot();
        }
        if let Some(form) = &c.form {
            push_form_items(form, out)?;
        }
        out.foot();
        out.foot();
        Ok(())
    }
}

/// A data form's items as xmpp-parsers' derive writes them, each field
/// with an explicit `type`. A field with media or validation rules (none
/// of ours has any) is left to the derived iterator.
fn push_form_items<'x>(form: &'x DataForm, out: &mut Items<'x>) -> Result<(), xso::error::Error> {
    use xmpp_parsers::ns::DATA_FORMS;
    use xso::AsXmlText;
    out.head(DATA_FORMS, xml_ncname!("x"));
    out.attr_cow(xml_ncname!("type"), form.type_.as_xml_text()?);
    out.end_head();
    for (name, text) in [
        (xml_ncname!("title"), &form.title),
        (xml_ncname!("instructions"), &form.instructions),
    ] {
        if let Some(text) = text {
            out.text_element(DATA_FORMS, name, text);
        }
    }
    for field in &form.fields {
        if !field.media.is_empty() || field.validate.is_some() {
            out.0.extend(with_field_types(field.as_xml_iter()?));
            continue;
        }
        out.head(DATA_FORMS, xml_ncname!("field"));
        out.attr_opt(xml_ncname!("var"), field.var.as_deref());
        out.attr_cow(xml_ncname!("type"), field.type_.as_xml_text()?);
        out.attr_opt(xml_ncname!("label"), field.label.as_deref());
        out.end_head();
        if field.required {
            out.head(DATA_FORMS, xml_ncname!("required"));
            out.end_head();
            out.foot();
        }
        if let Some(desc) = &field.desc {
            out.text_element(DATA_FORMS, xml_ncname!("desc"), desc);
        }
        for option in &field.options {
            out.head(DATA_FORMS, xml_ncname!("option"));
            out.attr_opt(xml_ncname!("label"), option.label.as_deref());
            out.end_head();
            out.text_element(DATA_FORMS, xml_ncname!("value"), &option.value);
            out.foot();
        }
        for value in &field.values {
            out.text_element(DATA_FORMS, xml_ncname!("value"), value);
        }
        out.foot();
    }
    out.foot();
    Ok(())
}

/// Serialiser items, pushed in order.
struct Items<'x>(Vec<Result<Item<'x>, xso::error::Error>>);

impl<'x> Items<'x> {
    fn head(&mut self, ns: &'static str, name: &'static NcNameStr) {
        self.0.push(Ok(Item::ElementHeadStart(
            Namespace::from_str(ns),
            Cow::Borrowed(name),
        )));
    }

    fn attr(&mut self, name: &'static NcNameStr, value: &'x str) {
        self.attr_cow(name, Cow::Borrowed(value));
    }

    fn attr_cow(&mut self, name: &'static NcNameStr, value: Cow<'x, str>) {
        self.0.push(Ok(Item::Attribute(
            Namespace::NONE,
            Cow::Borrowed(name),
            value,
        )));
    }

    fn attr_opt(&mut self, name: &'static NcNameStr, value: Option<&'x str>) {
        if let Some(value) = value {
            self.attr(name, value);
        }
    }

    fn end_head(&mut self) {
        self.0.push(Ok(Item::ElementHeadEnd));
    }

    fn text(&mut self, text: &'x str) {
        self.0.push(Ok(Item::Text(Cow::Borrowed(text))));
    }

    fn foot(&mut self) {
        self.0.push(Ok(Item::ElementFoot));
    }

    /// `<name>text</name>`
    fn text_element(&mut self, ns: &'static str, name: &'static NcNameStr, text: &'x str) {
        self.head(ns, name);
        self.end_head();
        self.text(text);
        self.foot();
    }
}

impl AsXml for CommandResult {
    type ItemIter<'x> = std::vec::IntoIter<Result<Item<'x>, xso::error::Error>>;

    fn as_xml_iter(&self) -> Result<Self::ItemIter<'_>, xso::error::Error> {
        // About 45 items for an #invite result.
        let mut items = Items(Vec::with_capacity(64));
        self.push_items(&mut items)?;
        Ok(items.0.into_iter())
    }
}

/// The same reply as xmpp-parsers' `Iq`, for code that inspects replies
/// (tests, the relay to the server module).
impl From<CommandResult> for Iq {
    fn from(r: CommandResult) -> Iq {
        let mut payload = Element::from(r.command);
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

    /// xmpp-parsers' `Iq::from` is its accessor of `from`.
    trait FromResult {
        fn from_result_of(r: CommandResult) -> Iq;
    }

    impl FromResult for Iq {
        fn from_result_of(r: CommandResult) -> Iq {
            r.into()
        }
    }

    /// What `value` puts on the wire, parsed back.
    fn wire(value: &impl AsXml) -> Element {
        let bytes = xso::to_vec(value).unwrap();
        std::str::from_utf8(&bytes).unwrap().parse().unwrap()
    }

    /// Any command result, hand-written items against xso's derived ones
    /// (through xmpp-parsers' `Iq`, with the explicit field types added to
    /// its minidom tree): the same XML on the wire.
    #[test]
    fn hand_written_items_write_what_the_derived_ones_write() {
        use proptest::prelude::*;
        use xmpp_parsers::data_forms::{DataFormType, Field, FieldType, Option_};
        // Any XML text: markup characters, quotes, non-ASCII.
        let text = || "[a-z<>&'\"\u{e9}\u{1F600} ]{0,8}";
        let opt_text = || proptest::option::of(text());
        let field_type = prop::sample::select(vec![
            FieldType::Boolean,
            FieldType::Fixed,
            FieldType::Hidden,
            FieldType::JidMulti,
            FieldType::JidSingle,
            FieldType::ListMulti,
            FieldType::ListSingle,
            FieldType::TextMulti,
            FieldType::TextPrivate,
            FieldType::TextSingle,
        ]);
        let field = (
            "[a-z]{1,6}",
            field_type,
            opt_text(),
            any::<bool>(),
            opt_text(),
            prop::collection::vec((opt_text(), text()), 0..3),
            prop::collection::vec(text(), 0..3),
        )
            .prop_map(|(var, type_, label, required, desc, options, values)| {
                let mut f = Field::new(&var, type_);
                f.label = label;
                f.required = required;
                f.desc = desc;
                if matches!(f.type_, FieldType::ListSingle | FieldType::ListMulti) {
                    f.options = options
                        .into_iter()
                        .map(|(label, value)| Option_ { label, value })
                        .collect();
                }
                f.values = values;
                f
            });
        let form = (
            prop::sample::select(vec![
                DataFormType::Form,
                DataFormType::Result_,
                DataFormType::Submit,
            ]),
            opt_text(),
            opt_text(),
            prop::collection::vec(field, 0..5),
        )
            .prop_map(|(type_, title, instructions, fields)| {
                let mut form = DataForm::new(type_, "urn:example:form", fields);
                form.title = title;
                form.instructions = instructions;
                form
            });
        let note_type = prop::sample::select(vec![NoteType::Info, NoteType::Warn, NoteType::Error]);
        let command = (
            "[a-z:#]{1,12}",
            proptest::option::of("[a-f0-9]{1,8}"),
            proptest::option::of(prop::sample::select(vec![
                Status::Executing,
                Status::Completed,
                Status::Canceled,
            ])),
            proptest::option::of("[a-z]{2}(-[A-Z]{2})?"),
            proptest::option::of((any::<bool>(), any::<bool>(), any::<bool>())),
            prop::collection::vec((proptest::option::of(note_type), text()), 0..3),
            proptest::option::of(form),
        )
            .prop_map(
                |(node, sessionid, status, lang, actions, notes, form)| Command {
                    node,
                    sessionid,
                    action: None,
                    status,
                    lang,
                    actions: actions.map(|(prev, next, complete)| Actions {
                        execute: complete.then_some(Action::Complete),
                        prev,
                        next,
                        complete,
                    }),
                    notes: notes
                        .into_iter()
                        .map(|(type_, text)| Note { type_, text })
                        .collect(),
                    form,
                },
            );
        proptest!(ProptestConfig::with_cases(256), |(command in command, id in "[a-z0-9-]{1,10}")| {
            let result = CommandResult::new(
                "invites.example".parse().unwrap(),
                "alice@example/phone".parse().unwrap(),
                id,
                command,
            );
            prop_assert_eq!(wire(&result), wire(&Iq::from_result_of(result.clone())));
        });
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
                // Validation rules: left to the derived iterator, and
                // still given its type.
                Field::try_from(
                    "<field xmlns='jabber:x:data' var='count'>\
                       <validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:integer'/>\
                     </field>"
                        .parse::<Element>()
                        .unwrap(),
                )
                .unwrap(),
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
        let written = wire(&result);
        assert_eq!(written, wire(&Iq::from_result_of(result)));
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
                ("count", Some("text-single")),
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
