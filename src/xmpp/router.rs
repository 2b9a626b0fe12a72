//! Routes what arrives on the link: discovery (XEP-0030), ping (XEP-0199),
//! version (XEP-0092) and ad-hoc commands (XEP-0050). Requests are turned
//! into replies by [`Router::reply`], a plain async function, so it is
//! tested without sockets.

// Errors here become one reply stanza each; boxing them would only add an
// allocation to a path that runs once per request.
#![allow(clippy::result_large_err)]

use super::adhoc::{AdHoc, Authorization, Commands, error};
use super::link::{Link, StanzaHandler};
use super::xep_0050::{self, Command};
use super::xep_0356::{Granted, parse_advertisement};
use std::sync::Arc;
use xmpp_parsers::data_forms::DataForm;
use xmpp_parsers::disco::{
    DiscoInfoQuery, DiscoInfoResult, DiscoItemsQuery, DiscoItemsResult, Identity, Item,
};
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::minidom::Element;
use xmpp_parsers::ns;
use xmpp_parsers::ping::Ping;
use xmpp_parsers::stanza::Stanza;
use xmpp_parsers::stanza_error::{DefinedCondition, ErrorType, StanzaError};
use xmpp_parsers::version::{VersionQuery, VersionResult};

/// Name shown in service discovery.
const SERVICE_NAME: &str = "Invitations";

/// How long after the handshake a missing XEP-0356 advertisement is
/// reported.
const PRIVILEGE_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Everything the component answers.
pub struct Router<C> {
    link: Link,
    adhoc: Arc<AdHoc<C>>,
    server_domain: BareJid,
    /// What the server's last XEP-0356 advertisement granted, per link.
    privileges: std::sync::Mutex<Option<Granted>>,
}

impl<C: Commands> Router<C> {
    pub fn new(link: Link, adhoc: Arc<AdHoc<C>>, server_domain: BareJid) -> Router<C> {
        Router {
            link,
            adhoc,
            server_domain,
            privileges: std::sync::Mutex::new(None),
        }
    }

    /// The privileges the server granted on the current link, if it said.
    pub fn privileges(&self) -> Option<Granted> {
        self.privileges
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn privilege_help(&self) -> String {
        let c = self.link.jid();
        format!(
            "roster entries cannot be written: in Prosody load mod_privilege (\"privilege\") on VirtualHost \"{d}\" \
             and under Component \"{c}\", with privileged_entities = {{ [\"{c}\"] = {{ roster = \"both\"; message = \"outgoing\" }} }}",
            d = self.server_domain
        )
    }

    /// A message from the server itself may carry the XEP-0356
    /// advertisement (sent right after the handshake).
    fn on_server_message(&self, payloads: &[Element]) {
        for granted in payloads.iter().filter_map(parse_advertisement) {
            tracing::info!(
                server = %self.server_domain,
                roster = granted.roster.as_deref().unwrap_or("none"),
                message = granted.message.as_deref().unwrap_or("none"),
                "privileges granted by the server (XEP-0356)"
            );
            if !granted.can_set_roster() {
                tracing::error!("{}", self.privilege_help());
            }
            *self.privileges.lock().unwrap_or_else(|p| p.into_inner()) = Some(granted);
        }
    }

    fn is_for_me(&self, to: Option<&Jid>) -> bool {
        to.is_some_and(|t| t.node().is_none() && t.domain() == self.link.jid().domain())
    }

    /// The reply to an iq get/set, or `None` for anything that needs none.
    pub async fn reply(&self, iq: Iq) -> Option<Iq> {
        let (from, to, id, payload, is_get) = match iq {
            Iq::Get {
                from,
                to,
                id,
                payload,
            } => (from?, to, id, payload, true),
            Iq::Set {
                from,
                to,
                id,
                payload,
            } => (from?, to, id, payload, false),
            // Unsolicited results and errors need no answer.
            _ => return None,
        };
        let me = to
            .clone()
            .unwrap_or_else(|| Jid::from(self.link.jid().clone()));
        let answer = if self.is_for_me(to.as_ref()) {
            self.answer(&from, payload, is_get).await
        } else {
            Err(error(
                ErrorType::Cancel,
                DefinedCondition::ServiceUnavailable,
                None,
                "no such entity at this service",
            ))
        };
        let reply = match answer {
            Ok(Some(el)) => Iq::Result {
                from: None,
                to: None,
                id,
                payload: Some(el),
            },
            Ok(None) => Iq::Result {
                from: None,
                to: None,
                id,
                payload: None,
            },
            Err(e) => Iq::from_error(id, e),
        };
        Some(reply.with_from(me).with_to(from))
    }

    async fn answer(
        &self,
        from: &Jid,
        payload: Element,
        is_get: bool,
    ) -> Result<Option<Element>, StanzaError> {
        let requester = from.to_bare();
        let bad_request =
            |what: &str| error(ErrorType::Modify, DefinedCondition::BadRequest, None, what);
        match (payload.ns().as_str(), payload.name(), is_get) {
            (ns::DISCO_INFO, "query", true) => {
                let q =
                    DiscoInfoQuery::try_from(payload).map_err(|e| bad_request(&e.to_string()))?;
                self.disco_info(&requester, q.node).map(|r| Some(r.into()))
            }
            (ns::DISCO_ITEMS, "query", true) => {
                let q =
                    DiscoItemsQuery::try_from(payload).map_err(|e| bad_request(&e.to_string()))?;
                self.disco_items(&requester, q.node).map(|r| Some(r.into()))
            }
            (ns::PING, "ping", true) => {
                Ping::try_from(payload).map_err(|e| bad_request(&e.to_string()))?;
                Ok(None)
            }
            (ns::VERSION, "query", true) => {
                VersionQuery::try_from(payload).map_err(|e| bad_request(&e.to_string()))?;
                Ok(Some(
                    VersionResult {
                        name: env!("CARGO_PKG_NAME").into(),
                        version: env!("CARGO_PKG_VERSION").into(),
                        os: None,
                    }
                    .into(),
                ))
            }
            (xep_0050::NS, "command", false) => {
                let cmd = parse_command(payload)?;
                self.adhoc.handle(from, cmd).await.map(|c| Some(c.into()))
            }
            _ => Err(error(
                ErrorType::Cancel,
                DefinedCondition::ServiceUnavailable,
                None,
                "this service does not handle that request",
            )),
        }
    }

    fn disco_info(
        &self,
        requester: &BareJid,
        node: Option<String>,
    ) -> Result<DiscoInfoResult, StanzaError> {
        let features = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        match node.as_deref() {
            None => Ok(DiscoInfoResult {
                node: None,
                identities: vec![Identity::new("component", "generic", "en", SERVICE_NAME)],
                features: features(&[
                    ns::DISCO_INFO,
                    ns::DISCO_ITEMS,
                    xep_0050::NS,
                    ns::DATA_FORMS,
                    ns::PING,
                    ns::VERSION,
                ]),
                extensions: Vec::<DataForm>::new(),
            }),
            Some(xep_0050::NS) => Ok(DiscoInfoResult {
                node,
                identities: vec![Identity::new(
                    "automation",
                    "command-list",
                    "en",
                    "Commands",
                )],
                features: features(&[]),
                extensions: Vec::new(),
            }),
            Some(n) => match self.adhoc.commands().authorize(n, requester) {
                Authorization::Allowed => {
                    let name = self
                        .adhoc
                        .commands()
                        .available(requester)
                        .into_iter()
                        .find(|c| c.node == n)
                        .map(|c| c.name)
                        .unwrap_or(n);
                    Ok(DiscoInfoResult {
                        node: Some(n.to_owned()),
                        identities: vec![Identity::new("automation", "command-node", "en", name)],
                        features: features(&[xep_0050::NS, ns::DATA_FORMS]),
                        extensions: Vec::new(),
                    })
                }
                Authorization::Forbidden(why) => Err(error(
                    ErrorType::Auth,
                    DefinedCondition::Forbidden,
                    None,
                    &why,
                )),
                Authorization::Unknown => Err(item_not_found()),
            },
        }
    }

    fn disco_items(
        &self,
        requester: &BareJid,
        node: Option<String>,
    ) -> Result<DiscoItemsResult, StanzaError> {
        let items = match node.as_deref() {
            None => Vec::new(),
            Some(xep_0050::NS) => self
                .adhoc
                .commands()
                .available(requester)
                .into_iter()
                .map(|c| Item {
                    jid: Jid::from(self.link.jid().clone()),
                    node: Some(c.node.to_owned()),
                    name: Some(c.name.to_owned()),
                })
                .collect(),
            Some(_) => return Err(item_not_found()),
        };
        Ok(DiscoItemsResult {
            node,
            items,
            rsm: None,
        })
    }
}

fn item_not_found() -> StanzaError {
    error(
        ErrorType::Cancel,
        DefinedCondition::ItemNotFound,
        None,
        "no such node",
    )
}

/// Parses a `<command/>`, telling an unknown action (XEP-0050 §4.6
/// `malformed-action`) apart from other malformed payloads.
fn parse_command(payload: Element) -> Result<Command, StanzaError> {
    let action = payload.attr("action").map(str::to_owned);
    Command::try_from(payload).map_err(|e| {
        if action.is_some_and(|a| a.parse::<xep_0050::Action>().is_err()) {
            error(
                ErrorType::Modify,
                DefinedCondition::BadRequest,
                Some(xep_0050::SpecificError::MalformedAction),
                "unknown action",
            )
        } else {
            error(
                ErrorType::Modify,
                DefinedCondition::BadRequest,
                None,
                &format!("malformed command: {e}"),
            )
        }
    })
}

impl<C: Commands> StanzaHandler for Arc<Router<C>> {
    fn handle(&self, stanza: Stanza) {
        match stanza {
            Stanza::Iq(iq) => {
                let router = self.clone();
                // Each request on its own task: a slow one (a database
                // write) must not hold up the read loop.
                tokio::spawn(async move {
                    if let Some(reply) = router.reply(iq).await {
                        router.link.send(reply);
                    }
                });
            }
            Stanza::Message(m) => {
                let from_server = m.from.as_ref().is_some_and(|f| {
                    f.node().is_none() && f.domain() == self.server_domain.domain()
                });
                if from_server {
                    self.on_server_message(&m.payloads);
                } else {
                    tracing::debug!("ignored a message");
                }
            }
            Stanza::Presence(_) => {}
        }
    }

    fn connected(&self) {
        // Each new stream gets its own advertisement.
        *self.privileges.lock().unwrap_or_else(|p| p.into_inner()) = None;
        let router = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(PRIVILEGE_GRACE).await;
            if router.link.is_up() && router.privileges().is_none() {
                tracing::warn!(
                    "the server sent no XEP-0356 privilege advertisement; {}",
                    router.privilege_help()
                );
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::links::Links;
    use crate::domain::service::Limits;
    use crate::domain::{InviteService, Policy, SystemClock};
    use crate::store::SqliteStore;
    use crate::xmpp::adhoc::SessionLimits;
    use crate::xmpp::invite_commands::{InviteCommands, NODE_CREATE_ACCOUNT, NODE_INVITE};

    fn router() -> Router<InviteCommands> {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let policy = Policy::new(
            "example.org",
            [BareJid::new("admin@example.org").unwrap()],
            false,
            true,
        );
        let service = Arc::new(InviteService::new(
            store,
            policy,
            Links::new("example.org", "https://invite.example.org"),
            Limits::default(),
            Arc::new(SystemClock),
        ));
        let (link, _outbox) = Link::new(BareJid::new("invites.example.org").unwrap());
        Router::new(
            link,
            Arc::new(AdHoc::new(
                InviteCommands::new(service),
                SessionLimits::default(),
            )),
            BareJid::new("example.org").unwrap(),
        )
    }

    fn iq(xml: &str) -> Iq {
        let el: Element = xml.parse().unwrap();
        Iq::try_from(el).unwrap()
    }

    fn payload(reply: Iq) -> Element {
        match reply {
            Iq::Result {
                payload: Some(p), ..
            } => p,
            other => panic!("expected a result with payload, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn disco_items_list_only_what_the_requester_may_run() {
        let r = router();
        let req = |from: &str| {
            iq(&format!(
                "<iq xmlns='jabber:component:accept' type='get' id='1' from='{from}' to='invites.example.org'><query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/></iq>"
            ))
        };
        let nodes = |reply: Iq| -> Vec<String> {
            DiscoItemsResult::try_from(payload(reply))
                .unwrap()
                .items
                .into_iter()
                .filter_map(|i| i.node)
                .collect()
        };
        assert_eq!(
            nodes(r.reply(req("admin@example.org/a")).await.unwrap()),
            [NODE_INVITE, NODE_CREATE_ACCOUNT]
        );
        assert_eq!(
            nodes(r.reply(req("bob@example.org/a")).await.unwrap()),
            [NODE_INVITE]
        );
        assert!(nodes(r.reply(req("eve@other.org/a")).await.unwrap()).is_empty());
    }

    #[tokio::test]
    async fn reply_is_addressed_back_with_from_set() {
        let r = router();
        let reply = r
            .reply(iq("<iq xmlns='jabber:component:accept' type='get' id='p1' from='bob@example.org/a' to='invites.example.org'><ping xmlns='urn:xmpp:ping'/></iq>"))
            .await
            .unwrap();
        assert_eq!(reply.id(), "p1");
        assert_eq!(
            reply.from().map(|j| j.to_string()).as_deref(),
            Some("invites.example.org")
        );
        assert_eq!(
            reply.to().map(|j| j.to_string()).as_deref(),
            Some("bob@example.org/a")
        );
        assert!(matches!(reply, Iq::Result { payload: None, .. }));
    }

    #[tokio::test]
    async fn unknown_namespace_and_malformed_action() {
        let r = router();
        let reply = r
            .reply(iq("<iq xmlns='jabber:component:accept' type='get' id='u' from='bob@example.org/a' to='invites.example.org'><query xmlns='urn:example:nope'/></iq>"))
            .await
            .unwrap();
        let Iq::Error { error, .. } = reply else {
            panic!()
        };
        assert_eq!(
            error.defined_condition,
            DefinedCondition::ServiceUnavailable
        );
        let reply = r
            .reply(iq("<iq xmlns='jabber:component:accept' type='set' id='c' from='bob@example.org/a' to='invites.example.org'><command xmlns='http://jabber.org/protocol/commands' node='urn:xmpp:invite#invite' action='fly'/></iq>"))
            .await
            .unwrap();
        let Iq::Error { error, .. } = reply else {
            panic!()
        };
        assert_eq!(error.defined_condition, DefinedCondition::BadRequest);
        assert_eq!(
            xep_0050::SpecificError::try_from(error.other.unwrap()).unwrap(),
            xep_0050::SpecificError::MalformedAction
        );
    }

    #[tokio::test]
    async fn invite_command_returns_the_xep_0401_result_form() {
        let r = router();
        let reply = r
            .reply(iq("<iq xmlns='jabber:component:accept' type='set' id='c' from='bob@example.org/a' to='invites.example.org'><command xmlns='http://jabber.org/protocol/commands' node='urn:xmpp:invite#invite' action='execute'/></iq>"))
            .await
            .unwrap();
        let cmd = Command::try_from(payload(reply)).unwrap();
        assert_eq!(cmd.status, Some(xep_0050::Status::Completed));
        let form = cmd.form.unwrap();
        assert_eq!(form.form_type(), Some("urn:xmpp:invite#invitation"));
        let value = |var: &str| {
            form.fields
                .iter()
                .find(|f| f.var.as_deref() == Some(var))
                .unwrap()
                .values[0]
                .clone()
        };
        assert!(value("uri").starts_with("xmpp:bob@example.org?roster;preauth="));
        assert!(!value("uri").contains("ibr=y"));
        assert!(value("landing-url").starts_with("https://invite.example.org/invite/"));
        assert!(value("expire").ends_with('Z'));
    }

    #[test]
    fn privilege_advertisement_from_the_server_is_recorded() {
        let r = Arc::new(router());
        let msg: Element = "<message xmlns='jabber:component:accept' from='example.org' to='invites.example.org'><privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='both'/><perm access='message' type='outgoing'/></privilege></message>".parse().unwrap();
        // From another host: ignored.
        let other: Element = "<message xmlns='jabber:component:accept' from='other.org' to='invites.example.org'><privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='none'/></privilege></message>".parse().unwrap();
        r.handle(Stanza::Message(
            xmpp_parsers::message::Message::try_from(other).unwrap(),
        ));
        assert_eq!(r.privileges(), None);
        r.handle(Stanza::Message(
            xmpp_parsers::message::Message::try_from(msg).unwrap(),
        ));
        assert!(r.privileges().unwrap().can_set_roster());
    }
}
