//! How an outbox entry is stored: a versioned JSON record of the store's
//! own, separate from the domain's [`Effect`], so that renaming a domain
//! variant or field never orphans rows written by an older version.
//!
//! Version 1 (`"v": 1`) is the shape the outbox has had since migration 2;
//! migration 5 added the version to rows written before it existed.
//! Version 2 adds invitation emails (`"type": "email"`) and is written only
//! for them, so that a downgraded program still reads every other row and
//! names the email rows as newer instead of damaged.

use crate::domain::{Effect, Subscription};
use serde::{Deserialize, Serialize};
use xmpp_parsers::jid::BareJid;

/// The newest version [`encode`] writes.
pub const VERSION: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    v: u32,
    #[serde(flatten)]
    body: V1,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type")]
enum V1 {
    #[serde(rename = "roster_item")]
    RosterItem {
        owner: String,
        contact: String,
        name: Option<String>,
        subscription: SubscriptionV1,
    },
    #[serde(rename = "notify")]
    Notify { to: String, text: String },
    /// Added with group invites; rows of the two kinds above read as before.
    #[serde(rename = "group_item")]
    GroupItem {
        owner: String,
        contact: String,
        group: String,
        subscription: SubscriptionV1,
    },
    /// Version 2 only.
    #[serde(rename = "email")]
    Email {
        invite: i64,
        to: String,
        inviter: String,
        message: Option<String>,
        link: String,
        expires: i64,
        copy: bool,
        /// Absent in rows written before emails were worded in the
        /// inviter's language: those get the default.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
enum SubscriptionV1 {
    #[serde(rename = "both")]
    Both,
    #[serde(rename = "from")]
    From,
    #[serde(rename = "none")]
    None,
}

impl From<Subscription> for SubscriptionV1 {
    fn from(s: Subscription) -> Self {
        match s {
            Subscription::Both => SubscriptionV1::Both,
            Subscription::From => SubscriptionV1::From,
            Subscription::None => SubscriptionV1::None,
        }
    }
}

impl From<SubscriptionV1> for Subscription {
    fn from(s: SubscriptionV1) -> Self {
        match s {
            SubscriptionV1::Both => Subscription::Both,
            SubscriptionV1::From => Subscription::From,
            SubscriptionV1::None => Subscription::None,
        }
    }
}

/// Why a stored entry cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("not an outbox record: {0}")]
    Json(#[from] serde_json::Error),
    #[error("outbox record version {0} is newer than this program knows ({VERSION})")]
    Version(u32),
    #[error("invalid JID {0:?} in an outbox record")]
    Jid(String),
}

pub fn encode(effect: &Effect) -> Result<String, serde_json::Error> {
    let body = match effect {
        Effect::RosterItem {
            owner,
            contact,
            name,
            subscription,
        } => V1::RosterItem {
            owner: owner.to_string(),
            contact: contact.to_string(),
            name: name.clone(),
            subscription: (*subscription).into(),
        },
        Effect::Notify { to, text } => V1::Notify {
            to: to.to_string(),
            text: text.clone(),
        },
        Effect::GroupItem {
            owner,
            contact,
            group,
            subscription,
        } => V1::GroupItem {
            owner: owner.to_string(),
            contact: contact.to_string(),
            group: group.clone(),
            subscription: (*subscription).into(),
        },
        Effect::Email(i) => V1::Email {
            invite: i.invite.0,
            to: i.to.clone(),
            inviter: i.inviter.to_string(),
            message: i.message.clone(),
            link: i.link.clone(),
            expires: i.expires.0,
            copy: i.copy,
            lang: i.lang.clone(),
        },
    };
    let v = if matches!(body, V1::Email { .. }) {
        2
    } else {
        1
    };
    serde_json::to_string(&Record { v, body })
}

pub fn decode(json: &str) -> Result<Effect, DecodeError> {
    let record: Record = serde_json::from_str(json).map_err(|e| {
        // Tell a newer version apart from a damaged row.
        match serde_json::from_str::<serde_json::Value>(json)
            .ok()
            .and_then(|v| v.get("v").and_then(|v| v.as_u64()))
        {
            Some(v) if v > u64::from(VERSION) => DecodeError::Version(v as u32),
            _ => DecodeError::Json(e),
        }
    })?;
    if record.v > VERSION || record.v == 0 {
        return Err(DecodeError::Version(record.v));
    }
    if record.v < 2 && matches!(record.body, V1::Email { .. }) {
        return Err(DecodeError::Version(record.v));
    }
    let jid = |s: String| BareJid::new(&s).map_err(|_| DecodeError::Jid(s));
    Ok(match record.body {
        V1::RosterItem {
            owner,
            contact,
            name,
            subscription,
        } => Effect::RosterItem {
            owner: jid(owner)?,
            contact: jid(contact)?,
            name,
            subscription: subscription.into(),
        },
        V1::Notify { to, text } => Effect::Notify { to: jid(to)?, text },
        V1::GroupItem {
            owner,
            contact,
            group,
            subscription,
        } => Effect::GroupItem {
            owner: jid(owner)?,
            contact: jid(contact)?,
            group,
            subscription: subscription.into(),
        },
        V1::Email {
            invite,
            to,
            inviter,
            message,
            link,
            expires,
            copy,
            lang,
        } => Effect::Email(crate::domain::email::Invitation {
            invite: crate::domain::InviteId(invite),
            to,
            inviter: jid(inviter)?,
            message,
            link,
            expires: crate::domain::Timestamp(expires),
            copy,
            lang,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> BareJid {
        BareJid::new(s).unwrap()
    }

    #[test]
    fn version_1_is_stable() {
        let e = Effect::RosterItem {
            owner: j("a@x"),
            contact: j("b@x"),
            name: None,
            subscription: Subscription::Both,
        };
        let json = encode(&e).unwrap();
        assert_eq!(
            json,
            r#"{"v":1,"type":"roster_item","owner":"a@x","contact":"b@x","name":null,"subscription":"both"}"#
        );
        assert_eq!(decode(&json).unwrap(), e);
        let n = Effect::Notify {
            to: j("a@x"),
            text: "hi".into(),
        };
        assert_eq!(
            encode(&n).unwrap(),
            r#"{"v":1,"type":"notify","to":"a@x","text":"hi"}"#
        );
    }

    #[test]
    fn group_items_round_trip_next_to_the_older_kinds() {
        let g = Effect::GroupItem {
            owner: j("a@x"),
            contact: j("b@y"),
            group: "Choir <alto>".into(),
            subscription: Subscription::None,
        };
        let json = encode(&g).unwrap();
        assert_eq!(
            json,
            r#"{"v":1,"type":"group_item","owner":"a@x","contact":"b@y","group":"Choir <alto>","subscription":"none"}"#
        );
        assert_eq!(decode(&json).unwrap(), g);
        // A row written before group invites existed still reads.
        assert!(matches!(
            decode(
                r#"{"v":1,"type":"roster_item","owner":"a@x","contact":"b@x","name":null,"subscription":"from"}"#
            ),
            Ok(Effect::RosterItem {
                subscription: Subscription::From,
                ..
            })
        ));
    }

    #[test]
    fn emails_are_version_2_and_the_older_kinds_stay_version_1() {
        let e = Effect::Email(crate::domain::email::Invitation {
            invite: crate::domain::InviteId(7),
            to: "bob@example.net".into(),
            inviter: j("a@x"),
            message: Some("<b>hi</b>".into()),
            link: "https://i.x/invite/T".into(),
            expires: crate::domain::Timestamp(99),
            copy: false,
            lang: Some("de".into()),
        });
        let json = encode(&e).unwrap();
        assert!(json.starts_with(r#"{"v":2,"type":"email","#), "{json}");
        assert_eq!(decode(&json).unwrap(), e);
        // A row written before emails had a language gets the default.
        let Ok(Effect::Email(old)) = decode(&json.replace(r#","lang":"de""#, "")) else {
            panic!("an email row without a language must decode");
        };
        assert_eq!(old.lang, None);
        // A version 1 row never holds an email.
        assert!(matches!(
            decode(&json.replacen(r#""v":2"#, r#""v":1"#, 1)),
            Err(DecodeError::Version(1))
        ));
        let n = Effect::Notify {
            to: j("a@x"),
            text: "hi".into(),
        };
        assert!(encode(&n).unwrap().starts_with(r#"{"v":1,"#));
    }

    #[test]
    fn unreadable_records_say_why() {
        assert!(matches!(
            decode(r#"{"v":3,"type":"roster_item"}"#),
            Err(DecodeError::Version(3))
        ));
        assert!(matches!(
            decode(r#"{"v":1,"type":"notify","to":"not a jid@","text":"x"}"#),
            Err(DecodeError::Jid(_))
        ));
        assert!(matches!(decode("{}"), Err(DecodeError::Json(_))));
    }
}
