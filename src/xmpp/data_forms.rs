//! Data forms (XEP-0004) as every client can read them.
//!
//! XEP-0004 lets a field's `type` be left out when it is `text-single`, and
//! xmpp-parsers does leave it out when serialising. Debian's Profanity 0.13
//! then shows no value for such a field and cannot set one (tried by hand:
//! on `#create-account` neither the username nor the number of uses could
//! be filled, and the result's `uri`, `landing-url` and `expire` looked
//! empty). Prosody and ejabberd always send the type; so do we, on both
//! ways a payload is written: a minidom tree
//! ([`with_explicit_field_types`]) and a serialiser's items
//! ([`with_field_types`]).

use std::borrow::Cow;

use minidom::Element;
use minidom::rxml::{Namespace, NcName, NcNameStr};
use xmpp_parsers::ns;
use xso::Item;
use xso::error::Error;

/// Gives every field of every data form in `el` (at any depth) an explicit
/// `type`, `text-single` where none is set. Forms we receive are never
/// passed here, only what we send.
pub fn with_explicit_field_types(el: &mut Element) {
    if el.is("x", ns::DATA_FORMS) {
        for field in el.children_mut().filter(|c| c.is("field", ns::DATA_FORMS)) {
            if field.attr("type").is_none() {
                let name = NcName::try_from("type").expect("a valid attribute name");
                field.set_attr(Namespace::NONE, name, "text-single");
            }
        }
    }
    for child in el.children_mut() {
        with_explicit_field_types(child);
    }
}

/// `items` with the same rule as [`with_explicit_field_types`]: every data
/// form field gets a `type`, `text-single` where the value leaves it out.
pub fn with_field_types<'x, I>(items: I) -> FieldTypes<'x, I>
where
    I: Iterator<Item = Result<Item<'x>, Error>>,
{
    FieldTypes {
        inner: items,
        in_field_head: false,
        typed: false,
        held: None,
    }
}

/// The items of [`with_field_types`]: the inner ones, with a `type`
/// attribute added at the end of every form field's head that has none.
pub struct FieldTypes<'x, I> {
    inner: I,
    /// Between a field's head start and its head end (or `/>`).
    in_field_head: bool,
    /// That field's head carried a `type`.
    typed: bool,
    /// The head's end, held back while the added attribute goes first.
    held: Option<Item<'x>>,
}

const TYPE: &NcNameStr = xso::exports::rxml::xml_ncname!("type");

impl<'x, I: Iterator<Item = Result<Item<'x>, Error>>> Iterator for FieldTypes<'x, I> {
    type Item = Result<Item<'x>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.held.take() {
            return Some(Ok(item));
        }
        let item = match self.inner.next()? {
            Ok(item) => item,
            Err(e) => return Some(Err(e)),
        };
        match &item {
            Item::ElementHeadStart(namespace, name) => {
                self.in_field_head =
                    namespace.as_str() == ns::DATA_FORMS && name.as_str() == "field";
                self.typed = false;
            }
            Item::Attribute(namespace, name, _)
                if self.in_field_head && namespace.is_none() && name.as_str() == "type" =>
            {
                self.typed = true;
            }
            Item::ElementHeadEnd | Item::ElementFoot if self.in_field_head => {
                self.in_field_head = false;
                if !self.typed {
                    self.held = Some(item);
                    return Some(Ok(Item::Attribute(
                        Namespace::NONE,
                        Cow::Borrowed(TYPE),
                        Cow::Borrowed("text-single"),
                    )));
                }
            }
            _ => {}
        }
        Some(Ok(item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_without_a_type_become_text_single_and_others_keep_theirs() {
        let mut el: Element = "<command xmlns='http://jabber.org/protocol/commands' node='n'>\
             <x xmlns='jabber:x:data' type='result'>\
               <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:invite#invitation</value></field>\
               <field var='uri'><value>xmpp:a@b?roster</value></field>\
               <field var='expire'><value>2026-12-08T00:00:00Z</value></field>\
             </x>\
             <note xmlns='http://jabber.org/protocol/commands' type='info'>ok</note>\
           </command>"
            .parse()
            .unwrap();
        with_explicit_field_types(&mut el);
        let x = el.get_child("x", ns::DATA_FORMS).unwrap();
        let types: Vec<_> = x
            .children()
            .map(|f| (f.attr("var").unwrap(), f.attr("type").unwrap()))
            .collect();
        assert_eq!(
            types,
            [
                ("FORM_TYPE", "hidden"),
                ("uri", "text-single"),
                ("expire", "text-single")
            ]
        );
        // Elements that are not form fields are left alone.
        let note = el
            .get_child("note", "http://jabber.org/protocol/commands")
            .unwrap();
        assert_eq!(note.attr("type"), Some("info"));
    }
}
