//! XEP-0356 (Privileged Entity) advertisement, in both namespaces servers
//! speak: Prosody's mod_privilege sends `urn:xmpp:privilege:2`, ejabberd
//! 23.01 still `urn:xmpp:privilege:1`.

use minidom::Element;
use xso::{AsXml, FromXml};

pub const NS_V1: &str = "urn:xmpp:privilege:1";
pub const NS_V2: &str = "urn:xmpp:privilege:2";

macro_rules! privilege_types {
    ($module:ident, $ns:path) => {
        pub mod $module {
            use super::*;

            /// `<privilege/>`: the permissions the server grants us.
            #[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
            #[xml(namespace = $ns, name = "privilege")]
            pub struct Privilege {
                #[xml(child(n = ..))]
                pub perms: Vec<Perm>,
                /// Anything a later revision adds (v2 may forward stanzas).
                #[xml(element(n = ..))]
                pub other: Vec<Element>,
            }

            /// `<perm access='roster' type='both'/>`
            #[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
            #[xml(namespace = $ns, name = "perm")]
            pub struct Perm {
                #[xml(attribute)]
                pub access: String,
                #[xml(attribute(name = "type", default))]
                pub type_: Option<String>,
                /// v1 presence permission flag.
                #[xml(attribute(default))]
                pub push: Option<String>,
                /// v2 iq permission namespaces.
                #[xml(element(n = ..))]
                pub namespaces: Vec<Element>,
            }
        }
    };
}

privilege_types!(v1, NS_V1);
privilege_types!(v2, NS_V2);

/// What a server granted, whatever the namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Granted {
    /// `roster` permission: `none`, `get`, `set` or `both`.
    pub roster: Option<String>,
    /// `message` permission: `none` or `outgoing`.
    pub message: Option<String>,
}

impl Granted {
    /// Whether we may write rosters.
    pub fn can_set_roster(&self) -> bool {
        matches!(self.roster.as_deref(), Some("set" | "both"))
    }
}

/// Reads a privilege advertisement out of a message payload, if it is one.
pub fn parse_advertisement(payload: &Element) -> Option<Granted> {
    let perms: Vec<(String, Option<String>)> = if payload.is("privilege", NS_V2) {
        v2::Privilege::try_from(payload.clone())
            .ok()?
            .perms
            .into_iter()
            .map(|p| (p.access, p.type_))
            .collect()
    } else if payload.is("privilege", NS_V1) {
        v1::Privilege::try_from(payload.clone())
            .ok()?
            .perms
            .into_iter()
            .map(|p| (p.access, p.type_))
            .collect()
    } else {
        return None;
    };
    let find = |access: &str| {
        perms
            .iter()
            .find(|(a, _)| a == access)
            .and_then(|(_, t)| t.clone())
    };
    Some(Granted {
        roster: find("roster"),
        message: find("message"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prosody_v2_advertisement() {
        let el: Element = "<privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='both'/><perm access='message' type='outgoing'/><perm access='iq'><namespace xmlns='urn:xmpp:privilege:2' ns='jabber:iq:roster' type='set'/></perm></privilege>".parse().unwrap();
        let g = parse_advertisement(&el).unwrap();
        assert_eq!(g.roster.as_deref(), Some("both"));
        assert_eq!(g.message.as_deref(), Some("outgoing"));
        assert!(g.can_set_roster());
        let back: Element = v2::Privilege::try_from(el.clone()).unwrap().into();
        assert_eq!(
            v2::Privilege::try_from(back).unwrap(),
            v2::Privilege::try_from(el).unwrap()
        );
    }

    #[test]
    fn ejabberd_v1_advertisement() {
        let el: Element = "<privilege xmlns='urn:xmpp:privilege:1'><perm access='roster' type='get'/><perm access='presence' type='roster' push='true'/></privilege>".parse().unwrap();
        let g = parse_advertisement(&el).unwrap();
        assert_eq!(g.roster.as_deref(), Some("get"));
        assert!(!g.can_set_roster());
        assert_eq!(g.message, None);
    }

    #[test]
    fn other_payloads_and_invalid_ones_are_not_advertisements() {
        let el: Element = "<x xmlns='jabber:x:data' type='form'/>".parse().unwrap();
        assert_eq!(parse_advertisement(&el), None);
        // A perm without the mandatory access attribute.
        let el: Element = "<privilege xmlns='urn:xmpp:privilege:2'><perm type='both'/></privilege>"
            .parse()
            .unwrap();
        assert_eq!(parse_advertisement(&el), None);
    }
}
