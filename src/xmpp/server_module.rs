//! The protocol between the server module (`server-modules/prosody/
//! mod_xmpp_invites.lua`) and the component, version 0: ordinary iqs over
//! the component link, payloads in [`NS`]. The module is a thin relay; every
//! decision stays here.
//!
//! From the server domain to the component:
//! - `<hello version='0'/>` (set): the module was loaded; `<bye/>` (set):
//!   it is being unloaded.
//! - `<relay from='user@domain/res'>PAYLOAD</relay>`: a disco query or an
//!   ad-hoc command a user sent to the domain; answered as if the user had
//!   sent PAYLOAD to the component, the answer wrapped in `<relay/>`.
//! - `<check token/>` (get): may this token register an account?
//!   `<invite kind username?/>` or `item-not-found`.
//! - `<claim token username attempt/>` (set): take the use before the server
//!   creates the account; `<claimed jid/>`, or `not-acceptable` (the name is
//!   not allowed with this invite), `conflict` (taken), `item-not-found`.
//! - `<registered …/>` / `<abandoned …/>` (set, same attributes): the server
//!   created the account (record it, write rosters, tell the inviter), or
//!   did not (give the use back).
//! - `<subscription token inviter contact/>` (set): a subscription request
//!   carrying the token (XEP-0379); a result means "approve it".
//!
//! From the component to the domain: `<hello version='0'/>` (get) at every
//! link-up, which only the module answers; that is how the landing page
//! knows the in-app paths work. The module's hello (either way) may list
//! `features='roster'`: then roster entries are written with
//! `<roster owner jid subscription name? group?/>` (set), which the module
//! accepts from the component only, instead of XEP-0356.
//!
//! Trust: only iqs whose `from` is the served domain itself are accepted
//! (see [`is_from_server`]). Users' stanzas always carry their own address,
//! stamped by their server, so nobody but the server can relay a requester.

use super::errors;
use crate::domain::redeem::{DeadInvite, How, InviteRef, RedeemError, RedeemService, Redeemed};
use crate::domain::registration::FieldError;
use crate::domain::server::ServerSupport;
use crate::domain::{InviteKind, StoreError};
use crate::i18n::Tr;
use std::sync::Arc;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::minidom::Element;
use xmpp_parsers::stanza_error::{DefinedCondition, ErrorType, StanzaError};
use xso::{AsXml, FromXml};

/// `urn:xmpp-invites:module:0`
pub const NS: &str = "urn:xmpp-invites:module:0";
/// The protocol version both sides speak.
pub const VERSION: &str = "0";

/// `<hello/>`: the module's announcement, and the component's probe.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "hello")]
pub struct Hello {
    #[xml(attribute(default))]
    pub version: Option<String>,
    /// What the module does beyond version 0's core, space-separated:
    /// `roster` ([`RosterWrite`]). Absent from the component's own hello.
    #[xml(attribute(default))]
    pub features: Option<String>,
}

impl Hello {
    /// The component's hello (its probe, its answer).
    pub fn ours() -> Hello {
        Hello {
            version: Some(VERSION.into()),
            features: None,
        }
    }

    /// Whether the module writes roster entries ([`RosterWrite`]).
    pub fn writes_rosters(&self) -> bool {
        self.features
            .as_deref()
            .is_some_and(|f| f.split_ascii_whitespace().any(|f| f == "roster"))
    }
}

/// `<roster owner jid subscription name? group?/>` (set, from the
/// component to the domain): put `jid` into `owner`'s roster. The module
/// saves that one entry, where XEP-0356 through mod_privilege saves the
/// owner's whole roster on every write: an inviter with many contacts
/// made every redemption slower (P3 in scripts/bench).
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "roster")]
pub struct RosterWrite {
    #[xml(attribute)]
    pub owner: BareJid,
    #[xml(attribute)]
    pub jid: BareJid,
    /// `both`, `from` or `none` (RFC 6121).
    #[xml(attribute)]
    pub subscription: String,
    #[xml(attribute(default))]
    pub name: Option<String>,
    #[xml(attribute(default))]
    pub group: Option<String>,
}

/// `<bye/>`: the module is being unloaded.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "bye")]
pub struct Bye;

/// `<relay/>`: a request a user sent to the domain, or its answer.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "relay")]
pub struct Relay {
    #[xml(attribute(default))]
    pub from: Option<Jid>,
    #[xml(element(default))]
    pub payload: Option<Element>,
}

/// `<check/>`: may this token register?
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "check")]
pub struct Check {
    #[xml(attribute)]
    pub token: String,
}

/// The answer to `<check/>`.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "invite")]
pub struct InviteInfo {
    #[xml(attribute)]
    pub kind: String,
    /// The only name this invite registers, when it is bound to one.
    #[xml(attribute(default))]
    pub username: Option<String>,
}

/// One step of a registration the server performs: which invite, which
/// name, which attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub token: String,
    pub username: String,
    pub attempt: String,
}

macro_rules! step_element {
    ($(#[$meta:meta])* $name:ident, $el:literal) => {
        $(#[$meta])*
        #[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
        #[xml(namespace = NS, name = $el)]
        pub struct $name {
            #[xml(attribute)]
            pub token: String,
            #[xml(attribute)]
            pub username: String,
            #[xml(attribute)]
            pub attempt: String,
        }
    };
}

step_element!(
    /// `<claim/>`: take a use before the server creates the account.
    Claim,
    "claim"
);
step_element!(
    /// `<registered/>`: the server created the account.
    Registered,
    "registered"
);
step_element!(
    /// `<abandoned/>`: the server did not create it.
    Abandoned,
    "abandoned"
);

/// The answer to `<claim/>`.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "claimed")]
pub struct Claimed {
    #[xml(attribute)]
    pub jid: BareJid,
}

/// `<subscription/>`: a PARS request to approve or not.
#[derive(FromXml, AsXml, Debug, Clone, PartialEq)]
#[xml(namespace = NS, name = "subscription")]
pub struct Subscription {
    #[xml(attribute)]
    pub token: String,
    #[xml(attribute)]
    pub inviter: String,
    #[xml(attribute)]
    pub contact: String,
}

/// The one rule for trusting a relayed requester: the iq comes from the
/// served domain itself (no localpart, no resource). A server stamps every
/// stanza of its users with their own address and authenticates its peers,
/// so only the server, that is the module, can send this.
pub fn is_from_server(from: &Jid, domain: &BareJid) -> bool {
    from.node().is_none() && from.resource().is_none() && from.domain() == domain.domain()
}

/// Handles the module's requests other than `<relay/>` (the router
/// unwraps those, since they are requests to the router itself).
pub struct ServerModule {
    redeem: Arc<RedeemService>,
    support: Arc<ServerSupport>,
    /// `[server] module = true`: its absence is worth a warning.
    expected: bool,
}

impl ServerModule {
    pub fn new(redeem: Arc<RedeemService>, support: Arc<ServerSupport>) -> ServerModule {
        ServerModule {
            redeem,
            support,
            expected: false,
        }
    }

    /// The operator says the module is loaded (`[server] module = true`).
    pub fn expected(mut self, expected: bool) -> ServerModule {
        self.expected = expected;
        self
    }

    pub fn is_expected(&self) -> bool {
        self.expected
    }

    pub fn support(&self) -> &ServerSupport {
        &self.support
    }

    /// The answer to one request (already known to come from the server);
    /// refusals an app shows its user are in `tr` (the module sends the
    /// user's `xml:lang` with the request).
    pub async fn answer(
        &self,
        payload: Element,
        is_get: bool,
        tr: &Tr,
    ) -> Result<Option<Element>, StanzaError> {
        let bad =
            |e: xso::error::FromElementError| errors::bad_request(&Tr::default(), &e.to_string());
        match (payload.name(), is_get) {
            ("hello", false) => {
                let hello = Hello::try_from(payload).map_err(bad)?;
                if hello.version.as_deref() != Some(VERSION) {
                    tracing::warn!(
                        version = hello.version.as_deref().unwrap_or("none"),
                        "the server module speaks another protocol version; in-app invites are off"
                    );
                    self.support.set_module(false);
                    return Err(errors::feature_not_implemented(
                        &Tr::default(),
                        "this component speaks version 0 of the module protocol",
                    ));
                }
                self.found(true);
                self.support.set_module_rosters(hello.writes_rosters());
                Ok(Some(Hello::ours().into()))
            }
            ("bye", false) => {
                Bye::try_from(payload).map_err(bad)?;
                self.found(false);
                Ok(None)
            }
            ("check", true) => {
                let c = Check::try_from(payload).map_err(bad)?;
                let view = self
                    .redeem
                    .view_for(&c.token, InviteKind::allows_registration)
                    .await
                    .map_err(|e| refusal(&e, tr))?;
                Ok(Some(
                    InviteInfo {
                        kind: view.invite.kind.as_str().to_owned(),
                        username: view.invite.reserved_username.clone(),
                    }
                    .into(),
                ))
            }
            ("claim", false) => {
                let c = Claim::try_from(payload).map_err(bad)?;
                let how = How::AppClaim {
                    username: &c.username,
                    attempt: &c.attempt,
                };
                match self.redeem(&c.token, how, tr).await? {
                    Redeemed::Claimed { jid } => Ok(Some(Claimed { jid }.into())),
                    other => Err(unexpected(&other, tr)),
                }
            }
            ("registered", false) => {
                let r = Registered::try_from(payload).map_err(bad)?;
                let how = How::AppRegistered {
                    username: &r.username,
                    attempt: &r.attempt,
                };
                match self.redeem(&r.token, how, tr).await? {
                    Redeemed::Registered(done) => {
                        tracing::info!(jid = %done.jid, delivered = done.delivered,
                            "account registered in an app with an invite");
                        Ok(None)
                    }
                    other => Err(unexpected(&other, tr)),
                }
            }
            ("abandoned", false) => {
                let a = Abandoned::try_from(payload).map_err(bad)?;
                let how = How::AppAbandoned {
                    username: &a.username,
                    attempt: &a.attempt,
                };
                self.redeem(&a.token, how, tr).await.map(|_| None)
            }
            ("subscription", false) => {
                let s = Subscription::try_from(payload).map_err(bad)?;
                let how = How::Subscription {
                    inviter: &s.inviter,
                    contact: &s.contact,
                };
                match self.redeem(&s.token, how, tr).await? {
                    Redeemed::Accepted(a) => {
                        tracing::info!(inviter = %a.inviter, contact = %a.address,
                            "subscription request with an invite approved (XEP-0379)");
                        Ok(None)
                    }
                    other => Err(unexpected(&other, tr)),
                }
            }
            _ => Err(errors::service_unavailable(
                &Tr::default(),
                "this service does not handle that request",
            )),
        }
    }

    async fn redeem(&self, token: &str, how: How<'_>, tr: &Tr) -> Result<Redeemed, StanzaError> {
        self.redeem
            .redeem(crate::domain::redeem::Redemption {
                invite: InviteRef::Token(token),
                how,
            })
            .await
            .map_err(|e| refusal(&e, tr))
    }

    fn found(&self, present: bool) {
        if self.support.set_module(present) != present {
            if present {
                tracing::info!("the server module is present: invites work in the apps");
            } else {
                tracing::info!("the server module is gone: in-app invites are off");
            }
        }
    }
}

/// A redemption that did not happen, as the module passes it on to the
/// app: conditions per XEP-0445 (`item-not-found` for a bad token), texts
/// for people.
fn refusal(e: &RedeemError, tr: &Tr) -> StanzaError {
    let error = |t, c, text: &str| StanzaError::new(t, c, tr.lang_tag(), text);
    match e {
        RedeemError::Dead(DeadInvite::NotFound | DeadInvite::Expired) => error(
            ErrorType::Cancel,
            DefinedCondition::ItemNotFound,
            &tr.t("module-token-invalid"),
        ),
        RedeemError::Dead(DeadInvite::UsedUp) => error(
            ErrorType::Cancel,
            DefinedCondition::ItemNotFound,
            &tr.t("module-used-up"),
        ),
        RedeemError::AlreadyRegistered(jid) => error(
            ErrorType::Cancel,
            DefinedCondition::Conflict,
            &tr.args("module-already-registered", &[("jid", jid.as_str())]),
        ),
        RedeemError::Invalid(fields) => {
            let field = [&fields.username, &fields.address, &fields.password]
                .into_iter()
                .flatten()
                .next();
            let condition = match field {
                Some(FieldError::UsernameTaken) => DefinedCondition::Conflict,
                _ => DefinedCondition::NotAcceptable,
            };
            let text = field
                .map(|f| crate::i18n::field_message(tr, f))
                .unwrap_or_else(|| tr.t("module-not-acceptable"));
            error(ErrorType::Modify, condition, &text)
        }
        RedeemError::Pending(_) => error(
            ErrorType::Wait,
            DefinedCondition::ResourceConstraint,
            &tr.t("module-pending"),
        ),
        RedeemError::Store(StoreError::UsernameReserved(_)) => error(
            ErrorType::Modify,
            DefinedCondition::Conflict,
            &tr.t("module-username-reserved"),
        ),
        // The module never asks for a reset (its tokens look unknown to
        // it); answered like any other failure of ours.
        RedeemError::Server(_)
        | RedeemError::ResetUnknown(_)
        | RedeemError::TooManyConfirmations
        | RedeemError::Store(_)
        | RedeemError::Internal(_) => {
            tracing::error!(error = %e, "a request of the server module failed");
            errors::internal_server_error(tr, &tr.t("module-failed"))
        }
    }
}

fn unexpected(r: &Redeemed, tr: &Tr) -> StanzaError {
    tracing::error!(?r, "unexpected outcome for a server module request");
    errors::internal_server_error(tr, &tr.t("module-failed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bare_domain_is_the_server() {
        let d = BareJid::new("example.org").unwrap();
        let ok = |s: &str| is_from_server(&Jid::new(s).unwrap(), &d);
        assert!(ok("example.org"));
        assert!(!ok("example.org/res"));
        assert!(!ok("admin@example.org"));
        assert!(!ok("admin@example.org/phone"));
        assert!(!ok("other.org"));
        assert!(!ok("invites.example.org"));
    }

    #[test]
    fn wire_types_round_trip_and_reject_what_is_missing() {
        let el: Element = format!("<claim xmlns='{NS}' token='t' username='juliet' attempt='a1'/>")
            .parse()
            .unwrap();
        let c = Claim::try_from(el.clone()).unwrap();
        assert_eq!(
            (c.token.as_str(), c.username.as_str(), c.attempt.as_str()),
            ("t", "juliet", "a1")
        );
        assert_eq!(Element::from(c), el);
        let missing: Element = format!("<claim xmlns='{NS}' token='t'/>").parse().unwrap();
        assert!(Claim::try_from(missing).is_err());

        let relay: Element = format!(
            "<relay xmlns='{NS}' from='bob@example.org/phone'>\
             <command xmlns='http://jabber.org/protocol/commands' node='n'/></relay>"
        )
        .parse()
        .unwrap();
        let r = Relay::try_from(relay).unwrap();
        assert_eq!(r.from.unwrap().to_string(), "bob@example.org/phone");
        assert!(
            r.payload
                .unwrap()
                .is("command", "http://jabber.org/protocol/commands")
        );
        let bad_jid: Element = format!("<relay xmlns='{NS}' from='@@'/>").parse().unwrap();
        assert!(Relay::try_from(bad_jid).is_err());
    }

    #[test]
    fn the_modules_hello_says_whether_it_writes_rosters() {
        let hello = |xml: &str| Hello::try_from(xml.parse::<Element>().unwrap()).unwrap();
        assert!(
            hello(&format!(
                "<hello xmlns='{NS}' version='0' features='other roster'/>"
            ))
            .writes_rosters()
        );
        // An older module lists nothing; a feature is a whole word.
        assert!(!hello(&format!("<hello xmlns='{NS}' version='0'/>")).writes_rosters());
        assert!(
            !hello(&format!(
                "<hello xmlns='{NS}' version='0' features='rosters'/>"
            ))
            .writes_rosters()
        );
        assert!(!Hello::ours().writes_rosters());
        let support = ServerSupport::default();
        support.set_module_rosters(true);
        assert!(!support.module_rosters(), "not without the module");
        support.set_module(true);
        assert!(support.module_rosters());
    }

    #[test]
    fn a_roster_write_round_trips_and_needs_bare_addresses() {
        let el: Element = format!(
            "<roster xmlns='{NS}' owner='alice@example.org' jid='bob@example.org' \
             subscription='both' group='Choir'/>"
        )
        .parse()
        .unwrap();
        let w = RosterWrite::try_from(el.clone()).unwrap();
        assert_eq!(w.owner.as_str(), "alice@example.org");
        assert_eq!(w.group.as_deref(), Some("Choir"));
        assert_eq!(w.name, None);
        assert_eq!(Element::from(w), el);
        let full: Element = format!(
            "<roster xmlns='{NS}' owner='alice@example.org/phone' jid='bob@example.org' \
             subscription='both'/>"
        )
        .parse()
        .unwrap();
        assert!(RosterWrite::try_from(full).is_err());
    }
}
