//! Group invites: one reusable invite whose joiners all become contacts of
//! its creator and of each other, in a roster group named by the creator.
//!
//! A join is a redemption like any other (registration, an existing
//! address, a PARS subscription) and goes through the one pipeline; this
//! module only says what a join writes. The n-th joiner costs O(n) roster
//! writes — an item in each earlier member's roster and one in the joiner's
//! — never a rewrite of the whole circle.
//!
//! The component can write rosters only on the served domain (XEP-0356).
//! Two local members get `both` on each side at once. A member on another
//! server gets, in each local roster, an item with no subscription yet
//! that holds its place and group; their app then sends each member a
//! subscription request carrying the group's token (XEP-0379, the links on
//! the page after joining), which the server module approves and answers
//! with a request back, so that both sides end with `both`.

use super::registration::is_text;
use super::server::{Effect, Subscription};
use xmpp_parsers::jid::BareJid;

/// Longest group name, in characters (the column's CHECK agrees).
pub const MAX_GROUP_CHARS: usize = 64;

/// Why a group name is refused; the text is shown to the creator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GroupNameError {
    #[error("the group name is empty")]
    Empty,
    #[error("the group name is longer than {MAX_GROUP_CHARS} characters")]
    TooLong,
    #[error("the group name contains control characters")]
    NotText,
}

/// The group name as stored: trimmed, non-empty, short, printable.
pub fn check_group_name(name: &str) -> Result<String, GroupNameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(GroupNameError::Empty);
    }
    if name.chars().count() > MAX_GROUP_CHARS {
        return Err(GroupNameError::TooLong);
    }
    if !is_text(name) {
        return Err(GroupNameError::NotText);
    }
    Ok(name.to_owned())
}

/// Everyone already in the circle: the creator (unless the invite was made
/// on the command line, with the domain as creator) and each earlier joiner,
/// without `joiner` and without repeats.
pub fn members(creator: &BareJid, joined: &[BareJid], joiner: &BareJid) -> Vec<BareJid> {
    let mut out: Vec<BareJid> = Vec::with_capacity(joined.len() + 1);
    for m in std::iter::once(creator).chain(joined) {
        if m.node().is_some() && m != joiner && !out.contains(m) {
            out.push(m.clone());
        }
    }
    out
}

/// The roster writes of `joiner` joining `group`, whose members so far are
/// `members`: two items per member at most, so O(n). `is_local` tells the
/// served domain's addresses (whose rosters we write) from others.
pub fn join_effects(
    group: &str,
    joiner: &BareJid,
    members: &[BareJid],
    is_local: impl Fn(&BareJid) -> bool,
) -> Vec<Effect> {
    let item = |owner: &BareJid, contact: &BareJid, subscription| Effect::GroupItem {
        owner: owner.clone(),
        contact: contact.clone(),
        group: group.to_owned(),
        subscription,
    };
    let mut effects = Vec::with_capacity(members.len() * 2);
    for m in members {
        match (is_local(joiner), is_local(m)) {
            (true, true) => {
                effects.push(item(joiner, m, Subscription::Both));
                effects.push(item(m, joiner, Subscription::Both));
            }
            // One side remote: the local side holds the place (and the
            // group); the subscription exchange fills it in.
            (true, false) => effects.push(item(joiner, m, Subscription::None)),
            (false, true) => effects.push(item(m, joiner, Subscription::None)),
            (false, false) => {}
        }
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> BareJid {
        BareJid::new(s).unwrap()
    }

    fn local(b: &BareJid) -> bool {
        b.domain().as_str() == "example.org"
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(check_group_name("  Choir "), Ok("Choir".into()));
        assert_eq!(check_group_name(" "), Err(GroupNameError::Empty));
        assert_eq!(
            check_group_name(&"x".repeat(65)),
            Err(GroupNameError::TooLong)
        );
        assert!(check_group_name(&"é".repeat(64)).is_ok());
        assert_eq!(check_group_name("a\u{7}b"), Err(GroupNameError::NotText));
    }

    #[test]
    fn members_are_the_creator_and_earlier_joiners_once() {
        let c = j("c@example.org");
        let got = members(
            &c,
            &[j("a@example.org"), j("r@other.net"), j("a@example.org")],
            &j("n@example.org"),
        );
        assert_eq!(got, [c.clone(), j("a@example.org"), j("r@other.net")]);
        // The domain as creator (command line) is nobody's contact.
        assert_eq!(
            members(
                &j("example.org"),
                &[j("a@example.org")],
                &j("n@example.org")
            ),
            [j("a@example.org")]
        );
        // Joining again does not make anyone their own contact.
        assert!(members(&c, &[], &c).is_empty());
    }

    #[test]
    fn a_join_costs_two_writes_per_local_member_and_one_per_remote() {
        let n = j("n@example.org");
        let ms = [j("c@example.org"), j("a@example.org"), j("r@other.net")];
        let e = join_effects("G", &n, &ms, local);
        assert_eq!(e.len(), 5);
        assert!(e.contains(&Effect::GroupItem {
            owner: j("a@example.org"),
            contact: n.clone(),
            group: "G".into(),
            subscription: Subscription::Both
        }));
        assert!(e.contains(&Effect::GroupItem {
            owner: n.clone(),
            contact: j("r@other.net"),
            group: "G".into(),
            subscription: Subscription::None
        }));
        // A remote joiner: one item in each local member's roster.
        let r = j("s@else.net");
        let e = join_effects("G", &r, &ms, local);
        assert_eq!(e.len(), 2);
        assert!(e.iter().all(|e| matches!(e, Effect::GroupItem { contact, subscription: Subscription::None, .. } if *contact == r)));
        // 100 members: 200 writes, not 100².
        let many: Vec<_> = (0..100).map(|i| j(&format!("m{i}@example.org"))).collect();
        assert_eq!(join_effects("G", &n, &many, local).len(), 200);
    }
}
