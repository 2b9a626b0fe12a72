//! Data forms (XEP-0004) as every client can read them.
//!
//! XEP-0004 lets a field's `type` be left out when it is `text-single`, and
//! xmpp-parsers does leave it out when serialising. Debian's Profanity 0.13
//! then shows no value for such a field and cannot set one (tried by hand:
//! on `#create-account` neither the username nor the number of uses could
//! be filled, and the result's `uri`, `landing-url` and `expire` looked
//! empty). Prosody and ejabberd always send the type; so do we.

use minidom::Element;
use minidom::rxml::{Namespace, NcName};
use xmpp_parsers::ns;

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
