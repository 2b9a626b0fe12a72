//! Routes what arrives on the link: discovery (XEP-0030), ping (XEP-0199),
//! version (XEP-0092) and ad-hoc commands (XEP-0050). Requests are turned
//! into replies by [`StanzaRouter::reply`], a plain async function, so it is
//! tested without sockets.

// Errors here become one reply stanza each; boxing them would only add an
// allocation to a path that runs once per request.
#![allow(clippy::result_large_err)]

use super::adhoc::{AdHoc, Authorization, Commands};
use super::errors;
use super::iq_limit::{IqLimiter, IqLimits};
use super::link::{Link, Outbound, StanzaHandler};
use super::server_module::{self, Hello, Relay, ServerModule};
use super::xep_0050::{self, Command, CommandResult};
use super::xep_0356::{Granted, parse_advertisement};
use crate::domain::languages::Languages;
use crate::i18n::{Catalogue, LiveCatalogue, Tr};
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
use xmpp_parsers::stanza_error::StanzaError;
use xmpp_parsers::version::{VersionQuery, VersionResult};
use xso::exports::rxml;

/// Name shown in service discovery.
const SERVICE_NAME: &str = "Invitations";

/// How long after the handshake a missing XEP-0356 advertisement is
/// reported.
const PRIVILEGE_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Everything the component answers.
pub struct StanzaRouter<C> {
    link: Link,
    adhoc: Arc<AdHoc<C>>,
    server_domain: BareJid,
    /// What the server's last XEP-0356 advertisement granted, per link.
    privileges: std::sync::Mutex<Option<Granted>>,
    /// The server module's requests, when that protocol is served.
    module: Option<Arc<ServerModule>>,
    /// Bounds on concurrent requests (see [`IqLimiter`]).
    limiter: Arc<IqLimiter>,
    /// What the answers are worded from.
    catalogue: Arc<LiveCatalogue>,
    /// Where the language of each command's requester is recorded.
    languages: Option<Arc<Languages>>,
}

/// How long the probe for the server module waits at link-up.
const MODULE_PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

impl<C: Commands> StanzaRouter<C> {
    pub fn new(link: Link, adhoc: Arc<AdHoc<C>>, server_domain: BareJid) -> StanzaRouter<C> {
        StanzaRouter {
            link,
            adhoc,
            server_domain,
            privileges: std::sync::Mutex::new(None),
            module: None,
            limiter: IqLimiter::new(IqLimits::default()),
            catalogue: LiveCatalogue::new(Catalogue::builtin()),
            languages: None,
        }
    }

    /// Answers from `catalogue` (its default when a request names no
    /// language it has), and records each command requester's language
    /// in `languages`, for what is sent to them later.
    pub fn with_languages(
        mut self,
        catalogue: Arc<LiveCatalogue>,
        languages: Arc<Languages>,
    ) -> StanzaRouter<C> {
        self.catalogue = catalogue;
        self.languages = Some(languages);
        self
    }

    /// The language of a request: the payload's own `xml:lang`, else the
    /// stanza's (`outer`), else the default.
    fn language(&self, payload: Option<&Element>, outer: Option<&str>) -> (Tr, Option<String>) {
        let tag = payload
            .and_then(|p| p.attr_ns(rxml::Namespace::xml(), "lang"))
            .or(outer)
            .map(str::to_owned);
        (self.catalogue.for_tag(tag.as_deref()), tag)
    }

    /// Also serves the server module's protocol ([`server_module`]).
    pub fn with_server_module(mut self, module: Arc<ServerModule>) -> StanzaRouter<C> {
        self.module = Some(module);
        self
    }

    /// With other bounds on concurrent requests.
    pub fn with_iq_limits(mut self, limits: IqLimits) -> StanzaRouter<C> {
        self.limiter = IqLimiter::new(limits);
        self
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
        self.reply_in(iq, None).await
    }

    /// [`StanzaRouter::reply`] to an iq whose own `xml:lang` is `lang`.
    pub async fn reply_in(&self, iq: Iq, lang: Option<&str>) -> Option<Iq> {
        match self.outbound_reply(iq, lang).await? {
            Outbound::Stanza(Stanza::Iq(iq)) => Some(iq),
            Outbound::CommandResult(r) => Some(r.into()),
            Outbound::Stanza(_) => None,
        }
    }

    /// [`StanzaRouter::reply_in`] as it goes on the link.
    async fn outbound_reply(&self, iq: Iq, lang: Option<&str>) -> Option<Outbound> {
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
            self.answer(&from, payload, is_get, lang).await
        } else {
            Err(errors::service_unavailable(
                &Tr::default(),
                "no such entity at this service",
            ))
        };
        let reply = match answer {
            Ok(Some(Answer::Command(command))) => {
                return Some(CommandResult::new(me, from, id, command).into());
            }
            Ok(Some(Answer::Element(mut el))) => Iq::Result {
                from: None,
                to: None,
                id,
                payload: Some({
                    super::data_forms::with_explicit_field_types(&mut el);
                    el
                }),
            },
            Ok(None) => Iq::Result {
                from: None,
                to: None,
                id,
                payload: None,
            },
            Err(e) => Iq::from_error(id, e),
        };
        Some(reply.with_from(me).with_to(from).into())
    }

    async fn answer(
        &self,
        from: &Jid,
        payload: Element,
        is_get: bool,
        iq_lang: Option<&str>,
    ) -> Result<Option<Answer>, StanzaError> {
        let requester = from.to_bare();
        // Parser complaints are English whatever was asked for.
        let bad_request =
            |e: xso::error::FromElementError| errors::bad_request(&Tr::default(), &e.to_string());
        let (tr, tag) = self.language(Some(&payload), iq_lang);
        match (payload.ns().as_str(), payload.name(), is_get) {
            (ns::DISCO_INFO, "query", true) => {
                let q = DiscoInfoQuery::try_from(payload).map_err(bad_request)?;
                self.disco_info(&requester, q.node, &tr)
                    .map(|r| Some(Answer::Element(with_lang(r.into(), &tr))))
            }
            (ns::DISCO_ITEMS, "query", true) => {
                let q = DiscoItemsQuery::try_from(payload).map_err(bad_request)?;
                self.disco_items(&requester, q.node, &tr)
                    .map(|r| Some(Answer::Element(with_lang(r.into(), &tr))))
            }
            (ns::PING, "ping", true) => {
                Ping::try_from(payload).map_err(bad_request)?;
                Ok(None)
            }
            (ns::VERSION, "query", true) => {
                VersionQuery::try_from(payload).map_err(bad_request)?;
                Ok(Some(Answer::Element(
                    VersionResult {
                        name: env!("CARGO_PKG_NAME").into(),
                        version: env!("CARGO_PKG_VERSION").into(),
                        os: None,
                    }
                    .into(),
                )))
            }
            (xep_0050::NS, "command", false) => {
                let cmd = parse_command(payload, &tr)?;
                // The language a user runs commands in is the one they
                // read: what is sent to them later (the notification when
                // their invite is used) is worded in it. Only a tag with a
                // catalogue is kept, as the catalogue names it.
                if let (Some(languages), Some(tag)) = (&self.languages, &tag)
                    && self.catalogue.get().pick(tag).is_some()
                {
                    languages.remember(&requester, &tr.lang_tag()).await;
                }
                let (node, started) = (command_label(&cmd.node), std::time::Instant::now());
                let answer = self
                    .adhoc
                    .handle(from, cmd, &tr)
                    .await
                    .map(|c| Some(Answer::Command(c)));
                crate::ops::metrics::command(node, started.elapsed());
                answer
            }
            (server_module::NS, _, _) => Ok(self
                .module_request(from, payload, is_get, iq_lang)
                .await?
                .map(Answer::Element)),
            _ => Err(errors::service_unavailable(
                &tr,
                "this service does not handle that request",
            )),
        }
    }

    /// A request of the server module: only the served domain itself may
    /// send one (the trust rule, [`server_module::is_from_server`]); a
    /// `<relay/>` is answered as if its requester had sent its payload here.
    async fn module_request(
        &self,
        from: &Jid,
        payload: Element,
        is_get: bool,
        iq_lang: Option<&str>,
    ) -> Result<Option<Element>, StanzaError> {
        // Between the module and us: English, for the operator's log.
        let en = Tr::default();
        let Some(module) = &self.module else {
            return Err(errors::service_unavailable(
                &en,
                "this service does not handle that request",
            ));
        };
        if !server_module::is_from_server(from, &self.server_domain) {
            return Err(errors::forbidden(
                &en,
                &format!("only the server {} may send this", self.server_domain),
            ));
        }
        if !payload.is("relay", server_module::NS) {
            // For the app's user: the module sends their xml:lang along.
            let (tr, _) = self.language(Some(&payload), None);
            return module.answer(payload, is_get, &tr).await;
        }
        let relay =
            Relay::try_from(payload).map_err(|e| errors::bad_request(&en, &e.to_string()))?;
        let (Some(requester), Some(inner)) = (relay.from, relay.payload) else {
            return Err(errors::bad_request(
                &en,
                "a relay names its requester and payload",
            ));
        };
        if inner.ns() == server_module::NS {
            return Err(errors::bad_request(&en, "relays do not nest"));
        }
        // The module puts the user's xml:lang on the payload it relays;
        // the relay's own iq is the server's and says nothing of theirs.
        // Boxed: an async fn cannot hold itself by value.
        let answer = Box::pin(self.answer(&requester, inner, is_get, iq_lang)).await?;
        Ok(Some(
            Relay {
                from: None,
                payload: answer.map(Element::from),
            }
            .into(),
        ))
    }

    /// Asks the domain whether the server module is there; only the module
    /// answers `<hello/>`, and only to this component.
    async fn probe_module(&self, module: &ServerModule) {
        let iq = Iq::Get {
            from: None,
            to: Some(Jid::from(self.server_domain.clone())),
            id: String::new(),
            payload: Hello::ours().into(),
        }
        .with_from(Jid::from(self.link.jid().clone()));
        let hello = match self.link.request(iq, MODULE_PROBE_TIMEOUT).await {
            Ok(Iq::Result {
                payload: Some(p), ..
            }) => Hello::try_from(p)
                .ok()
                .filter(|h| h.version.as_deref() == Some(server_module::VERSION)),
            Ok(_) => None,
            Err(e) => {
                tracing::debug!(error = %e, "no answer from the server module");
                None
            }
        };
        let present = hello.is_some();
        module
            .support()
            .set_module_rosters(hello.is_some_and(|h| h.writes_rosters()));
        module.support().set_module(present);
        if present {
            tracing::info!(server = %self.server_domain,
                "the server module answers: commands at the domain, in-app registration and pre-approved subscriptions work");
        } else if module.is_expected() {
            tracing::warn!(server = %self.server_domain,
                "[server] module = true, but no server module answers: invites are redeemed on the landing page only; run `xmpp-invites doctor`");
        } else {
            tracing::info!(server = %self.server_domain,
                "no server module on the server: invites are redeemed on the landing page (see README: server module)");
        }
    }

    fn disco_info(
        &self,
        requester: &BareJid,
        node: Option<String>,
        tr: &Tr,
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
                    tr.lang_tag(),
                    tr.t("cmd-list-identity"),
                )],
                features: features(&[]),
                extensions: Vec::new(),
            }),
            Some(n) => match self.adhoc.commands().authorize(n, requester, tr) {
                Authorization::Allowed => {
                    let name = self
                        .adhoc
                        .commands()
                        .available(requester)
                        .into_iter()
                        .find(|c| c.node == n)
                        .map(|c| tr.t(c.name_id))
                        .unwrap_or_else(|| n.to_owned());
                    Ok(DiscoInfoResult {
                        node: Some(n.to_owned()),
                        identities: vec![Identity::new(
                            "automation",
                            "command-node",
                            tr.lang_tag(),
                            name,
                        )],
                        features: features(&[xep_0050::NS, ns::DATA_FORMS]),
                        extensions: Vec::new(),
                    })
                }
                Authorization::Forbidden(why) => Err(errors::forbidden(tr, &why)),
                Authorization::Unknown => {
                    Err(errors::item_not_found(tr, &tr.t("error-no-such-node")))
                }
            },
        }
    }

    fn disco_items(
        &self,
        requester: &BareJid,
        node: Option<String>,
        tr: &Tr,
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
                    name: Some(tr.t(c.name_id)),
                })
                .collect(),
            Some(_) => return Err(errors::item_not_found(tr, &tr.t("error-no-such-node"))),
        };
        Ok(DiscoItemsResult {
            node,
            items,
            rsm: None,
        })
    }
}

/// Parses a `<command/>`, telling an unknown action (XEP-0050 §4.6
/// `malformed-action`) apart from other malformed payloads.
fn parse_command(payload: Element, tr: &Tr) -> Result<Command, StanzaError> {
    let action = payload.attr("action").map(str::to_owned);
    Command::try_from(payload).map_err(|e| {
        if action.is_some_and(|a| a.parse::<xep_0050::Action>().is_err()) {
            errors::malformed_action(tr)
        } else {
            errors::bad_request(&Tr::default(), &format!("malformed command: {e}"))
        }
    })
}

/// What a request is answered with. A command's response stays typed, so
/// that it is written to the stream from its types ([`CommandResult`]);
/// anything else is a minidom tree.
enum Answer {
    Element(Element),
    Command(Command),
}

impl From<Answer> for Element {
    fn from(answer: Answer) -> Element {
        match answer {
            Answer::Element(el) => el,
            Answer::Command(c) => c.into(),
        }
    }
}

/// Says which language a disco result's names are in: the iq it travels in
/// is xmpp-parsers' and keeps no `xml:lang`, its `<query/>` can (XEP-0030
/// names are human-readable and follow the request's `xml:lang`).
fn with_lang(mut el: Element, tr: &Tr) -> Element {
    el.set_attr(
        rxml::Namespace::XML,
        rxml::NcName::try_from("lang").expect("a valid name"),
        tr.lang_tag(),
    );
    el
}

impl<C: Commands> StanzaRouter<C> {
    /// Answers a request over the bounds with `resource-constraint`
    /// (results and errors need no answer).
    fn refuse_busy(&self, iq: Iq) {
        let (from, to, id) = match iq {
            Iq::Get { from, to, id, .. } | Iq::Set { from, to, id, .. } => (from, to, id),
            _ => return,
        };
        let (Some(from), me) = (
            from,
            to.unwrap_or_else(|| Jid::from(self.link.jid().clone())),
        ) else {
            return;
        };
        let error = errors::resource_constraint(
            &Tr::default(),
            "too many requests at once; try again in a moment",
        );
        self.link
            .send(Iq::from_error(id, error).with_from(me).with_to(from));
    }
}

impl<C: Commands> StanzaRouter<C> {
    /// Whom an iq counts against: its sender; for a command or disco query
    /// the server module relays, the user it relays for (all of them share
    /// the server's address); for the module's own requests, the server,
    /// bounded by the totals only (`true`).
    fn limit_key(&self, iq: &Iq) -> Option<(BareJid, bool)> {
        let from = iq.from()?;
        if self.module.is_none() || !server_module::is_from_server(from, &self.server_domain) {
            return Some((from.to_bare(), false));
        }
        let payload = match iq {
            Iq::Get { payload, .. } | Iq::Set { payload, .. } => Some(payload),
            _ => None,
        };
        let relayed = payload
            .filter(|p| p.is("relay", server_module::NS))
            .and_then(|p| p.attr("from"))
            .and_then(|j| Jid::new(j).ok());
        Some(match relayed {
            Some(user) => (user.to_bare(), false),
            None => (from.to_bare(), true),
        })
    }
}

impl<C: Commands> StanzaHandler for Arc<StanzaRouter<C>> {
    fn handle(&self, stanza: Stanza, lang: Option<String>) {
        match stanza {
            Stanza::Iq(iq) => {
                let admission = match self.limit_key(&iq) {
                    Some((s, server)) => match if server {
                        self.limiter.admit_server(&s)
                    } else {
                        self.limiter.admit(&s)
                    } {
                        Some(a) => Some(a),
                        None => {
                            self.refuse_busy(iq);
                            return;
                        }
                    },
                    // No sender: nothing to answer (see `reply`).
                    None => None,
                };
                let router = self.clone();
                // Each request on its own task: a slow one (a database
                // write) must not hold up the read loop. Bounded, so one
                // sender's flood cannot hold up everyone else.
                tokio::spawn(async move {
                    let _turn = match &admission {
                        Some(a) => Some(a.turn().await),
                        None => None,
                    };
                    if let Some(reply) = router.outbound_reply(iq, lang.as_deref()).await {
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
        if let Some(module) = self.module.clone() {
            let router = self.clone();
            tokio::spawn(async move {
                router.link.wait_up().await;
                router.probe_module(&module).await;
            });
        }
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

/// The node as a metrics label: one we serve, or "other" (a peer chooses
/// the node; a label must not grow with what peers send).
fn command_label(node: &str) -> &'static str {
    use crate::xmpp::invite_commands::{NODE_CREATE_ACCOUNT, NODE_INVITE};
    match node {
        NODE_INVITE => NODE_INVITE,
        NODE_CREATE_ACCOUNT => NODE_CREATE_ACCOUNT,
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Limits;
    use crate::domain::links::Links;
    use crate::domain::{MintService, Policy, SystemClock};
    use crate::store::SqliteStore;
    use crate::xmpp::adhoc::SessionLimits;
    use crate::xmpp::invite_commands::{InviteCommands, NODE_CREATE_ACCOUNT, NODE_INVITE};
    use xmpp_parsers::stanza_error::DefinedCondition;

    fn router() -> StanzaRouter<InviteCommands> {
        router_with(SessionLimits::default())
    }

    fn router_with(limits: SessionLimits) -> StanzaRouter<InviteCommands> {
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let policy = Policy::new(
            "example.org",
            [BareJid::new("admin@example.org").unwrap()],
            false,
            true,
        );
        let service = Arc::new(MintService::new(
            store,
            policy,
            Links::new("example.org", "https://invite.example.org"),
            Limits::default(),
            Arc::new(SystemClock),
        ));
        let (link, _queue) = Link::new(BareJid::new("invites.example.org").unwrap());
        StanzaRouter::new(
            link,
            Arc::new(AdHoc::new(InviteCommands::new(service), limits)),
            BareJid::new("example.org").unwrap(),
        )
    }

    fn with_module() -> (StanzaRouter<InviteCommands>, crate::testing::Wired) {
        let w = crate::testing::Wired::new();
        let support = Arc::new(crate::domain::server::ServerSupport::default());
        let r = router().with_server_module(Arc::new(ServerModule::new(w.redeem.clone(), support)));
        (r, w)
    }

    fn condition(reply: Iq) -> DefinedCondition {
        match reply {
            Iq::Error { error, .. } => error.defined_condition,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn only_the_server_may_speak_the_module_protocol() {
        let (r, _w) = with_module();
        let ns = server_module::NS;
        let check = format!("<check xmlns='{ns}' token='AAAAAAAAAAAAAAAAAAAAAAAA'/>");
        for from in ["bob@example.org/phone", "example.org/res", "other.org"] {
            let reply = r
                .reply(iq(&format!(
                    "<iq xmlns='jabber:component:accept' type='get' id='c' from='{from}' to='invites.example.org'>{check}</iq>"
                )))
                .await
                .unwrap();
            assert_eq!(condition(reply), DefinedCondition::Forbidden, "{from}");
        }
        let reply = r
            .reply(iq(&format!(
                "<iq xmlns='jabber:component:accept' type='get' id='c' from='example.org' to='invites.example.org'>{check}</iq>"
            )))
            .await
            .unwrap();
        assert_eq!(condition(reply), DefinedCondition::ItemNotFound);
        // A relay is answered for the user it names, wrapped again.
        let relay = format!(
            "<iq xmlns='jabber:component:accept' type='get' id='r' from='example.org' to='invites.example.org'>\
             <relay xmlns='{ns}' from='bob@example.org/phone'>\
             <query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/>\
             </relay></iq>"
        );
        let answer = payload(r.reply(iq(&relay)).await.unwrap());
        let inner = Relay::try_from(answer).unwrap().payload.unwrap();
        let nodes: Vec<_> = inner.children().filter_map(|i| i.attr("node")).collect();
        assert_eq!(nodes, [NODE_INVITE]);
        let nested = format!(
            "<iq xmlns='jabber:component:accept' type='get' id='n' from='example.org' to='invites.example.org'>\
             <relay xmlns='{ns}' from='bob@example.org/phone'>{check}</relay></iq>"
        );
        assert_eq!(
            condition(r.reply(iq(&nested)).await.unwrap()),
            DefinedCondition::BadRequest
        );
    }

    #[test]
    fn relayed_requests_count_against_the_user_they_are_for() {
        let (r, _w) = with_module();
        let ns = server_module::NS;
        let key = |xml: &str| r.limit_key(&iq(xml));
        let relayed = key(&format!(
            "<iq xmlns='jabber:component:accept' type='set' id='a' from='example.org' to='invites.example.org'>\
             <relay xmlns='{ns}' from='bob@example.org/x'><ping xmlns='urn:xmpp:ping'/></relay></iq>"
        ));
        assert_eq!(
            relayed,
            Some((BareJid::new("bob@example.org").unwrap(), false))
        );
        let own = key(&format!(
            "<iq xmlns='jabber:component:accept' type='get' id='a' from='example.org' to='invites.example.org'>\
             <check xmlns='{ns}' token='t'/></iq>"
        ));
        assert_eq!(own, Some((BareJid::new("example.org").unwrap(), true)));
        // A user naming someone else in a relay is still counted as himself.
        let forged = key(&format!(
            "<iq xmlns='jabber:component:accept' type='set' id='a' from='bob@example.org/x' to='invites.example.org'>\
             <relay xmlns='{ns}' from='carol@example.org/x'><ping xmlns='urn:xmpp:ping'/></relay></iq>"
        ));
        assert_eq!(
            forged,
            Some((BareJid::new("bob@example.org").unwrap(), false))
        );
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

    /// A router over `store`, recording languages in it.
    fn router_recording(store: Arc<SqliteStore>) -> StanzaRouter<InviteCommands> {
        let service = Arc::new(MintService::new(
            store.clone(),
            Policy::new(
                "example.org",
                [BareJid::new("admin@example.org").unwrap()],
                false,
                true,
            ),
            Links::new("example.org", "https://invite.example.org"),
            Limits::default(),
            Arc::new(SystemClock),
        ));
        let (link, _queue) = Link::new(BareJid::new("invites.example.org").unwrap());
        StanzaRouter::new(
            link,
            Arc::new(AdHoc::new(
                InviteCommands::new(service),
                SessionLimits::default(),
            )),
            BareJid::new("example.org").unwrap(),
        )
        .with_languages(
            LiveCatalogue::new(crate::i18n::Catalogue::builtin()),
            Arc::new(Languages::new(store, Arc::new(SystemClock))),
        )
    }

    fn first_note(reply: Iq) -> (Option<String>, String) {
        let cmd = Command::try_from(payload(reply)).unwrap();
        (cmd.lang, cmd.notes[0].text.clone())
    }

    #[tokio::test]
    async fn commands_answer_in_the_requesters_language_and_remember_it() {
        use crate::domain::InviteStore;
        let store = Arc::new(SqliteStore::open_in_memory().unwrap());
        let r = router_recording(store.clone());
        let bob = BareJid::new("bob@example.org").unwrap();
        let invite = |lang: &str| {
            iq(&format!(
                "<iq xmlns='jabber:component:accept' type='set' id='c' from='bob@example.org/a' to='invites.example.org'><command xmlns='http://jabber.org/protocol/commands' node='urn:xmpp:invite#invite' action='execute'{lang}/></iq>"
            ))
        };
        // No language anywhere: the default, and nothing recorded.
        let (lang, text) = first_note(r.reply(invite("")).await.unwrap());
        assert_eq!(lang.as_deref(), Some("en-US"));
        assert!(text.starts_with("Invite created."), "{text}");
        assert_eq!(store.user_language(&bob).unwrap(), None);
        // The iq's xml:lang (as the link hands it over).
        let (lang, text) = first_note(r.reply_in(invite(""), Some("de-CH")).await.unwrap());
        assert_eq!(lang.as_deref(), Some("de"));
        assert!(text.starts_with("Einladung erstellt."), "{text}");
        assert_eq!(store.user_language(&bob).unwrap().as_deref(), Some("de"));
        // The command's own wins over the iq's.
        let (lang, text) = first_note(
            r.reply_in(invite(" xml:lang='en'"), Some("de"))
                .await
                .unwrap(),
        );
        assert_eq!(lang.as_deref(), Some("en-US"));
        assert!(text.starts_with("Invite created."), "{text}");
        assert_eq!(store.user_language(&bob).unwrap().as_deref(), Some("en-US"));
        // A language without a catalogue answers in the default and
        // leaves what was recorded alone.
        r.reply_in(invite(""), Some("tlh")).await.unwrap();
        assert_eq!(store.user_language(&bob).unwrap().as_deref(), Some("en-US"));
        // Errors too: a refusal in German, its text tagged so.
        let create = iq(
            "<iq xmlns='jabber:component:accept' type='set' id='c' from='bob@example.org/a' to='invites.example.org'><command xmlns='http://jabber.org/protocol/commands' node='urn:xmpp:invite#create-account' action='execute'/></iq>",
        );
        let Iq::Error { error, .. } = r.reply_in(create, Some("de")).await.unwrap() else {
            panic!("not an error");
        };
        assert_eq!(
            error.texts.get("de").map(String::as_str),
            Some("Nur Admins von example.org können Einladungen für neue Konten erstellen.")
        );
    }

    #[tokio::test]
    async fn disco_names_follow_the_requesters_language() {
        let r = router();
        let get = iq(
            "<iq xmlns='jabber:component:accept' type='get' id='1' from='admin@example.org/a' to='invites.example.org'><query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/></iq>",
        );
        let el = payload(r.reply_in(get, Some("de")).await.unwrap());
        assert_eq!(el.attr_ns(rxml::Namespace::xml(), "lang"), Some("de"));
        let items = DiscoItemsResult::try_from(el).unwrap().items;
        let names: Vec<_> = items.iter().map(|i| i.name.as_deref().unwrap()).collect();
        assert_eq!(names, ["Jemanden einladen", "Konto anlegen"]);
        // The nodes are machine names, never translated.
        assert_eq!(items[0].node.as_deref(), Some(NODE_INVITE));
    }

    #[test]
    fn privilege_advertisement_from_the_server_is_recorded() {
        let r = Arc::new(router());
        let msg: Element = "<message xmlns='jabber:component:accept' from='example.org' to='invites.example.org'><privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='both'/><perm access='message' type='outgoing'/></privilege></message>".parse().unwrap();
        // From another host: ignored.
        let other: Element = "<message xmlns='jabber:component:accept' from='other.org' to='invites.example.org'><privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='none'/></privilege></message>".parse().unwrap();
        r.handle(
            Stanza::Message(xmpp_parsers::message::Message::try_from(other).unwrap()),
            None,
        );
        assert_eq!(r.privileges(), None);
        r.handle(
            Stanza::Message(xmpp_parsers::message::Message::try_from(msg).unwrap()),
            None,
        );
        assert!(r.privileges().unwrap().can_set_roster());
    }

    /// Arbitrary and mutated requests, in sequences that open, reuse,
    /// forge and steal command sessions, against the real commands over an
    /// in-memory store. Each reply is checked against a model of the
    /// sessions and of XEP-0050's error conditions, and must be a stanza
    /// the link will write.
    mod properties {
        use super::*;
        use crate::xmpp::errors::specific;
        use crate::xmpp::link::check_stanza;
        use crate::xmpp::xep_0050::{Action, SpecificError, Status};
        use proptest::prelude::*;
        use std::collections::HashMap;
        use std::time::Duration;

        const ME: &str = "invites.example.org";

        /// Text a peer can send: every class of XML character, odd ones
        /// weighted up.
        fn text() -> impl Strategy<Value = String> {
            let odd = prop::sample::select(vec![
                '\u{FFFD}',
                '\u{200B}',
                '\u{200D}',
                '\u{2060}',
                '\u{FEFF}',
                '\u{202E}',
                '\u{202B}',
                '\u{061C}',
                '\u{0301}',
                '\u{1F600}',
                '\u{10FFFF}',
                '\u{FDD0}',
                '\u{85}',
                '\u{9F}',
                '\u{7F}',
                '\t',
                '\n',
                '\r',
                ' ',
                '<',
                '>',
                '&',
                '\'',
                '"',
                '@',
                '/',
                ':',
                ';',
                '=',
                '?',
                '#',
                '%',
                '\u{E000}',
                '\u{D7FF}',
                'ß',
                'İ',
                'Ⅻ',
                '\u{3000}',
                '\u{00A0}',
            ]);
            // Every XML 1.0 Char, by its ranges.
            let any_char = prop_oneof![
                prop::char::range(' ', '\u{D7FF}'),
                prop::char::range('\u{E000}', '\u{FFFD}'),
                prop::char::range('\u{10000}', '\u{10FFFF}'),
            ];
            prop::collection::vec(
                prop_oneof![3 => odd, 3 => prop::char::range('a', 'z'), 1 => prop::char::range('0', '9'), 3 => any_char],
                0..20,
            )
            .prop_map(|v| v.into_iter().collect())
        }

        /// A value for a field: plausible, edge, or anything.
        fn value() -> impl Strategy<Value = String> {
            prop_oneof![
                prop::sample::select(vec![
                    "",
                    " ",
                    "juliet",
                    "Juliet",
                    "JULIET",
                    "ju liet",
                    "romeo@example.org",
                    "admin",
                    "a@b/c",
                    "1",
                    "0",
                    "-1",
                    "5",
                    "1000",
                    "4294967296",
                    "99999999999999999999",
                    "1e3",
                    "1h",
                    "1d",
                    "7d",
                    "30d",
                    "0s",
                    "-1d",
                    "10m",
                    "100000000000d",
                    "1y",
                    "true",
                    "false",
                    "yes",
                    "2",
                ])
                .prop_map(str::to_owned),
                text(),
                "[a-z]{300,600}",
            ]
        }

        #[derive(Debug, Clone)]
        struct FieldSpec {
            var: String,
            type_: Option<&'static str>,
            values: Vec<String>,
        }

        fn field() -> impl Strategy<Value = FieldSpec> {
            (
                prop_oneof![
                    4 => prop::sample::select(vec![
                        "username", "roster-subscription", "lifetime", "uses", "note", "FORM_TYPE",
                    ])
                    .prop_map(str::to_owned),
                    1 => text(),
                ],
                prop_oneof![
                    6 => Just(None),
                    2 => prop::sample::select(vec!["text-single", "list-single", "boolean"]).prop_map(Some),
                    1 => prop::sample::select(vec![
                        "text-private",
                        "list-multi",
                        "jid-single",
                        "jid-multi",
                        "hidden",
                        "fixed",
                        "text-multi",
                        "bogus",
                    ])
                    .prop_map(Some),
                ],
                prop_oneof![
                    6 => prop::collection::vec(value(), 1..2),
                    1 => prop::collection::vec(value(), 0..3),
                ],
            )
                .prop_map(|(var, type_, values)| FieldSpec { var, type_, values })
        }

        #[derive(Debug, Clone)]
        struct FormSpec {
            type_: &'static str,
            fields: Vec<FieldSpec>,
        }

        fn form() -> impl Strategy<Value = FormSpec> {
            (
                prop::sample::select(vec![
                    "submit", "submit", "submit", "submit", "cancel", "form", "result", "nonsense",
                ]),
                prop::collection::vec(field(), 0..6),
            )
                .prop_map(|(type_, fields)| FormSpec { type_, fields })
        }

        #[derive(Debug, Clone)]
        enum Sid {
            None,
            /// One the component handed out before (to anyone), by index.
            Seen(usize),
            Forged(String),
            /// An open session, by its owner, on its node: the legitimate
            /// next stage (whatever the action and form say).
            Follow(usize),
        }

        #[derive(Debug, Clone)]
        enum Payload {
            Command {
                node: String,
                sid: Sid,
                action: Option<String>,
                forms: Vec<FormSpec>,
                /// Children a command has no place for.
                garbage: bool,
            },
            DiscoInfo(Option<String>),
            DiscoItems(Option<String>),
            Ping,
            Version,
            Other {
                ns: String,
                name: &'static str,
                text: String,
            },
        }

        fn node() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => Just(NODE_CREATE_ACCOUNT.to_owned()),
                3 => Just(NODE_INVITE.to_owned()),
                1 => Just(xep_0050::NS.to_owned()),
                1 => Just("http://jabber.org/protocol/admin#add-user".to_owned()),
                1 => text(),
            ]
        }

        fn payload() -> impl Strategy<Value = Payload> {
            let command = (
                node(),
                prop_oneof![
                    2 => Just(Sid::None),
                    3 => prop_oneof![4 => 0usize..2, 1 => 0usize..64].prop_map(Sid::Seen),
                    6 => (0usize..3).prop_map(Sid::Follow),
                    1 => prop_oneof!["[0-9a-f]{24}", text()].prop_map(Sid::Forged),
                ],
                prop::option::of(prop_oneof![
                    4 => prop::sample::select(vec!["execute", "complete", "next", "prev", "cancel"])
                        .prop_map(str::to_owned),
                    1 => prop::sample::select(vec!["Execute", "jump", "", " complete"]).prop_map(str::to_owned),
                    1 => text(),
                ]),
                prop_oneof![3 => prop::collection::vec(form(), 0..2), 1 => prop::collection::vec(form(), 2..3)],
                prop::bool::weighted(0.1),
            )
                .prop_map(|(node, sid, action, forms, garbage)| Payload::Command {
                    node,
                    sid,
                    action,
                    forms,
                    garbage,
                });
            prop_oneof![
                30 => command,
                1 => prop::option::of(node()).prop_map(Payload::DiscoInfo),
                1 => prop::option::of(node()).prop_map(Payload::DiscoItems),
                1 => Just(Payload::Ping),
                1 => Just(Payload::Version),
                1 => (
                    prop_oneof![
                        prop::sample::select(vec![xep_0050::NS, ns::DISCO_INFO, "urn:example:nope", "jabber:iq:roster", ""]).prop_map(str::to_owned),
                        text(),
                    ],
                    prop::sample::select(vec!["query", "command", "x", "ping", "a"]),
                    text(),
                )
                    .prop_map(|(ns, name, text)| Payload::Other { ns, name, text }),
            ]
        }

        #[derive(Debug, Clone)]
        struct Request {
            from: &'static str,
            to: Option<&'static str>,
            type_: &'static str,
            payload: Payload,
        }

        fn request() -> impl Strategy<Value = Request> {
            (
                prop_oneof![
                    8 => Just("admin@example.org/a"),
                    1 => Just("admin@example.org/b"),
                    2 => Just("bob@example.org/a"),
                    1 => prop::sample::select(vec![
                        "eve@other.org/a",
                        "example.org",
                        "invites.example.org",
                        "other.example.org",
                        "admin@other.org/a",
                        "admin@example.org",
                    ]),
                ],
                prop_oneof![
                    12 => Just(Some(ME)),
                    1 => prop::sample::select(vec![
                        Some("invites.example.org/res"),
                        Some("someone@invites.example.org"),
                        Some("example.org"),
                        None,
                    ]),
                ],
                prop_oneof![
                    10 => Just("set"),
                    2 => Just("get"),
                    1 => prop::sample::select(vec!["result", "error"]),
                ],
                payload(),
            )
                .prop_map(|(from, to, type_, payload)| Request {
                    from,
                    to,
                    type_,
                    payload,
                })
        }

        fn el(name: &str, ns: &str) -> minidom::ElementBuilder {
            Element::builder(name, ns)
        }

        fn attr(b: minidom::ElementBuilder, name: &str, value: &str) -> minidom::ElementBuilder {
            b.attr(name.try_into().expect("a fixed XML name"), value)
        }

        fn build_form(f: &FormSpec) -> Element {
            let mut x = attr(el("x", ns::DATA_FORMS), "type", f.type_);
            for fs in &f.fields {
                let mut fe = attr(el("field", ns::DATA_FORMS), "var", &fs.var);
                if let Some(t) = fs.type_ {
                    fe = attr(fe, "type", t);
                }
                for v in &fs.values {
                    fe = fe.append(el("value", ns::DATA_FORMS).append(v.as_str()).build());
                }
                x = x.append(fe.build());
            }
            x.build()
        }

        /// The request as the link would hand it over, and its parsed form.
        fn build(r: &Request, id: &str, seen: &[String]) -> Option<Iq> {
            let payload = match &r.payload {
                Payload::Command {
                    node,
                    sid,
                    action,
                    forms,
                    garbage,
                } => {
                    let mut b = attr(el("command", xep_0050::NS), "node", node);
                    match sid {
                        Sid::None | Sid::Follow(_) => {}
                        Sid::Seen(i) if seen.is_empty() => {
                            b = attr(b, "sessionid", &format!("never-{i}"))
                        }
                        // Mostly the latest ones, which are likely still open.
                        Sid::Seen(i) => {
                            b = attr(b, "sessionid", &seen[seen.len() - 1 - i % seen.len()])
                        }
                        Sid::Forged(s) => b = attr(b, "sessionid", s),
                    }
                    if let Some(a) = action {
                        b = attr(b, "action", a);
                    }
                    for f in forms {
                        b = b.append(build_form(f));
                    }
                    if *garbage {
                        b = b.append(
                            el("garbage", "urn:example:garbage")
                                .append("\u{FFFD}")
                                .build(),
                        );
                    }
                    b.build()
                }
                Payload::DiscoInfo(node) | Payload::DiscoItems(node) => {
                    let ns = if matches!(r.payload, Payload::DiscoInfo(_)) {
                        ns::DISCO_INFO
                    } else {
                        ns::DISCO_ITEMS
                    };
                    let mut b = el("query", ns);
                    if let Some(n) = node {
                        b = attr(b, "node", n);
                    }
                    b.build()
                }
                Payload::Ping => el("ping", ns::PING).build(),
                Payload::Version => el("query", ns::VERSION).build(),
                Payload::Other { ns, name, text } => el(name, ns).append(text.as_str()).build(),
            };
            let mut iq = attr(
                attr(
                    attr(el("iq", ns::COMPONENT_ACCEPT), "type", r.type_),
                    "id",
                    id,
                ),
                "from",
                r.from,
            );
            if let Some(to) = r.to {
                iq = attr(iq, "to", to);
            }
            // The link only hands over what xmpp-parsers accepts; the rest
            // it answers itself (tested with real stanzas elsewhere).
            Iq::try_from(iq.append(payload).build()).ok()
        }

        /// What the reply must be.
        #[derive(Debug, PartialEq)]
        enum Want {
            None,
            Error(DefinedCondition, Option<SpecificError>),
            /// The XEP-0401 result form.
            Minted,
            /// Stage 1 of create-account, in a new session.
            Opened,
            /// Minted, or the same stage again with an error note.
            MintedOrRetry(String),
            Canceled,
            /// A result (disco, ping, version).
            Result,
            /// With ttl 0 a session is gone by the next request, either
            /// still held (expired) or already swept (unknown).
            ExpiredOrUnknown,
            /// Opened, or refused as one session too many.
            OpenedOrTooMany,
            /// A known request with unexpected content.
            ResultOrBadRequest,
        }

        /// The open sessions, as the component should see them.
        #[derive(Default)]
        struct Model {
            live: HashMap<String, (String, String)>,
            /// Sessions in the order they opened, with their owner.
            opened: Vec<(String, &'static str)>,
            seen: Vec<String>,
            expiring: bool,
        }

        fn err(c: DefinedCondition, s: Option<SpecificError>) -> Want {
            Want::Error(c, s)
        }

        impl Model {
            /// Turns a `Follow` into the open session it names (or a fresh
            /// start when none is open).
            fn resolve(&self, req: &Request) -> Request {
                let mut req = req.clone();
                if let Payload::Command { node, sid, .. } = &mut req.payload {
                    if let Sid::Follow(i) = *sid {
                        let open: Vec<_> = self
                            .opened
                            .iter()
                            .filter(|(s, _)| self.live.contains_key(s))
                            .collect();
                        *sid = Sid::None;
                        if let Some((s, owner)) = open.get(open.len().saturating_sub(1 + i)) {
                            req.from = owner;
                            *node = self.live[s].1.clone();
                            *sid = Sid::Forged(s.clone());
                        }
                    }
                }
                req
            }

            fn want(&mut self, r: &StanzaRouter<InviteCommands>, req: &Request, iq: &Iq) -> Want {
                use DefinedCondition::*;
                let (is_get, payload) = match iq {
                    Iq::Get { payload, .. } => (true, payload),
                    Iq::Set { payload, .. } => (false, payload),
                    _ => return Want::None,
                };
                let to_me = req
                    .to
                    .is_some_and(|t| t == ME || t == "invites.example.org/res");
                if !to_me {
                    return err(ServiceUnavailable, None);
                }
                let requester = Jid::new(req.from).unwrap().to_bare();
                let commands = r.adhoc.commands();
                match (&req.payload, is_get) {
                    (Payload::DiscoInfo(node), true) => match node.as_deref() {
                        None | Some(xep_0050::NS) => Want::Result,
                        Some(n) => match commands.authorize(n, &requester, &Tr::default()) {
                            Authorization::Allowed => Want::Result,
                            Authorization::Forbidden(_) => err(Forbidden, None),
                            Authorization::Unknown => err(ItemNotFound, None),
                        },
                    },
                    (Payload::DiscoItems(node), true) => match node.as_deref() {
                        None | Some(xep_0050::NS) => Want::Result,
                        Some(_) => err(ItemNotFound, None),
                    },
                    (Payload::Ping | Payload::Version, true) => Want::Result,
                    (Payload::Command { action, .. }, false) => {
                        let cmd = match Command::try_from(payload.clone()) {
                            Ok(c) => c,
                            Err(_) => {
                                let malformed = action
                                    .as_ref()
                                    .is_some_and(|a| a.parse::<Action>().is_err());
                                return err(
                                    BadRequest,
                                    malformed.then_some(SpecificError::MalformedAction),
                                );
                            }
                        };
                        self.command(r, req.from, &requester, cmd)
                    }
                    (Payload::Other { ns, name, .. }, true)
                        if (ns == ns::DISCO_INFO || ns == ns::DISCO_ITEMS || ns == ns::VERSION)
                            && *name == "query"
                            || ns == ns::PING && *name == "ping" =>
                    {
                        // Known requests with text inside: parsers decide.
                        Want::ResultOrBadRequest
                    }
                    (Payload::Other { ns, name, .. }, false)
                        if ns == xep_0050::NS && *name == "command" =>
                    {
                        err(BadRequest, None)
                    }
                    _ => err(ServiceUnavailable, None),
                }
            }

            fn command(
                &mut self,
                r: &StanzaRouter<InviteCommands>,
                from: &str,
                requester: &BareJid,
                cmd: Command,
            ) -> Want {
                use DefinedCondition::*;
                let action = cmd.action.unwrap_or(Action::Execute);
                let commands = r.adhoc.commands();
                let Some(sid) = cmd.sessionid.clone() else {
                    if action != Action::Execute {
                        return err(BadRequest, Some(SpecificError::BadSessionid));
                    }
                    return match commands.authorize(&cmd.node, requester, &Tr::default()) {
                        Authorization::Unknown => err(ItemNotFound, None),
                        Authorization::Forbidden(_) => err(Forbidden, None),
                        Authorization::Allowed if cmd.node == NODE_INVITE => Want::Minted,
                        Authorization::Allowed => {
                            let mine = self.live.values().filter(|(o, _)| o == from).count();
                            if self.expiring {
                                Want::OpenedOrTooMany
                            } else if mine >= SessionLimits::default().per_requester {
                                err(ResourceConstraint, None)
                            } else {
                                Want::Opened
                            }
                        }
                    };
                };
                match self.live.get(&sid) {
                    Some((owner, node)) if owner == from && *node == cmd.node => {}
                    _ => return err(BadRequest, Some(SpecificError::BadSessionid)),
                }
                if self.expiring {
                    self.live.remove(&sid);
                    return Want::ExpiredOrUnknown;
                }
                if let Authorization::Forbidden(_) =
                    commands.authorize(&cmd.node, requester, &Tr::default())
                {
                    return err(Forbidden, None);
                }
                match action {
                    Action::Cancel => {
                        self.live.remove(&sid);
                        Want::Canceled
                    }
                    Action::Prev | Action::Next => err(BadRequest, Some(SpecificError::BadAction)),
                    Action::Execute | Action::Complete => match cmd.form.map(|f| f.type_) {
                        Some(xmpp_parsers::data_forms::DataFormType::Cancel) => {
                            self.live.remove(&sid);
                            Want::Canceled
                        }
                        Some(xmpp_parsers::data_forms::DataFormType::Submit) => {
                            Want::MintedOrRetry(sid)
                        }
                        _ => err(BadRequest, Some(SpecificError::BadPayload)),
                    },
                }
            }
        }

        fn result_form_ok(cmd: &Command) -> bool {
            let Some(form) = &cmd.form else { return false };
            let uri = form.fields.iter().find(|f| f.var.as_deref() == Some("uri"));
            form.form_type() == Some("urn:xmpp:invite#invitation")
                && uri.is_some_and(|u| u.values.first().is_some_and(|v| v.starts_with("xmpp:")))
        }

        thread_local! {
            /// Replies seen, by kind, for the summary a run prints.
            static TALLY: std::cell::RefCell<std::collections::BTreeMap<String, usize>> =
                Default::default();
        }

        fn outcome(reply: &Option<Iq>) -> String {
            match reply {
                Some(Iq::Error { error, .. }) => match specific(error) {
                    Some(s) => format!("{:?}+{s:?}", error.defined_condition),
                    None => format!("{:?}", error.defined_condition),
                },
                Some(Iq::Result {
                    payload: Some(p), ..
                }) if p.name() == "command" => {
                    format!("command {}", p.attr("status").unwrap_or("-"))
                }
                Some(_) => "result".into(),
                None => "no answer (result/error in)".into(),
            }
        }

        /// Checks one reply against what was wanted; updates the model with
        /// what the reply reveals (new session ids).
        fn check(
            model: &mut Model,
            req: &Request,
            iq: &Iq,
            want: Want,
            reply: Option<Iq>,
        ) -> Result<(), TestCaseError> {
            TALLY.with(|t| *t.borrow_mut().entry(outcome(&reply)).or_default() += 1);
            let Some(reply) = reply else {
                prop_assert_eq!(want, Want::None, "no answer to {:?}", req);
                return Ok(());
            };
            prop_assert!(want != Want::None, "an answer to a {} iq", req.type_);
            // Addressed back, same id, and a stanza the link will write.
            prop_assert_eq!(reply.id(), iq.id());
            prop_assert_eq!(reply.to().map(|j| j.to_string()), Some(req.from.to_owned()));
            let stanza = Stanza::Iq(reply.clone());
            prop_assert_eq!(check_stanza(&stanza), Ok(()), "reply to {:?}", req);
            let wire = String::from(&Element::from(reply.clone()));
            let back: Element = wire
                .parse()
                .map_err(|e| TestCaseError::fail(format!("reply does not parse back: {e}")))?;
            prop_assert!(Iq::try_from(back).is_ok());
            let command = |p: &Option<Element>| p.clone().and_then(|p| Command::try_from(p).ok());
            match (want, reply) {
                (Want::Error(c, s), Iq::Error { error, .. }) => {
                    prop_assert_eq!(&error.defined_condition, &c, "{:?} -> {:?}", req, error);
                    prop_assert_eq!(specific(&error), s, "{:?} -> {:?}", req, error);
                }
                (Want::Result | Want::ResultOrBadRequest, Iq::Result { .. }) => {}
                (Want::ResultOrBadRequest, Iq::Error { error, .. }) => {
                    prop_assert_eq!(error.defined_condition, DefinedCondition::BadRequest);
                }
                (Want::Minted, Iq::Result { payload, .. }) => {
                    let cmd = command(&payload).ok_or_else(|| TestCaseError::fail("no command"))?;
                    prop_assert_eq!(cmd.status, Some(Status::Completed));
                    prop_assert!(result_form_ok(&cmd), "{:?}", cmd);
                    model.seen.extend(cmd.sessionid);
                }
                (Want::Opened | Want::OpenedOrTooMany, Iq::Result { payload, .. }) => {
                    let cmd = command(&payload).ok_or_else(|| TestCaseError::fail("no command"))?;
                    prop_assert_eq!(cmd.status, Some(Status::Executing));
                    prop_assert!(cmd.form.is_some());
                    let sid = cmd
                        .sessionid
                        .ok_or_else(|| TestCaseError::fail("no session id"))?;
                    prop_assert!(!model.seen.contains(&sid), "session id reused");
                    model.seen.push(sid.clone());
                    model.opened.push((sid.clone(), req.from));
                    model.live.insert(sid, (req.from.to_owned(), cmd.node));
                }
                (Want::OpenedOrTooMany, Iq::Error { error, .. }) => {
                    prop_assert_eq!(
                        error.defined_condition,
                        DefinedCondition::ResourceConstraint
                    );
                }
                (Want::MintedOrRetry(sid), Iq::Result { payload, .. }) => {
                    let cmd = command(&payload).ok_or_else(|| TestCaseError::fail("no command"))?;
                    prop_assert_eq!(cmd.sessionid.as_deref(), Some(sid.as_str()));
                    match cmd.status {
                        Some(Status::Completed) => {
                            prop_assert!(result_form_ok(&cmd), "{:?}", cmd);
                            model.live.remove(&sid);
                        }
                        Some(Status::Executing) => {
                            // A form error note, and the form to fix it in.
                            prop_assert!(
                                cmd.notes
                                    .iter()
                                    .any(|n| n.type_ == Some(xep_0050::NoteType::Error)),
                                "{:?}",
                                cmd
                            );
                            prop_assert!(cmd.form.is_some());
                        }
                        other => prop_assert!(false, "status {:?}", other),
                    }
                }
                (Want::Canceled, Iq::Result { payload, .. }) => {
                    let cmd = command(&payload).ok_or_else(|| TestCaseError::fail("no command"))?;
                    prop_assert_eq!(cmd.status, Some(Status::Canceled));
                }
                (Want::ExpiredOrUnknown, Iq::Error { error, .. }) => {
                    let s = specific(&error);
                    prop_assert!(
                        (error.defined_condition == DefinedCondition::NotAllowed
                            && s == Some(SpecificError::SessionExpired))
                            || (error.defined_condition == DefinedCondition::BadRequest
                                && s == Some(SpecificError::BadSessionid)),
                        "{:?}",
                        error
                    );
                }
                (want, reply) => {
                    prop_assert!(false, "{:?}: wanted {:?}, got {:?}", req, want, reply)
                }
            }
            Ok(())
        }

        fn run_sequence(requests: Vec<Request>, expiring: bool) -> Result<(), TestCaseError> {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let limits = SessionLimits {
                ttl: if expiring {
                    Duration::ZERO
                } else {
                    SessionLimits::default().ttl
                },
                ..SessionLimits::default()
            };
            let r = router_with(limits);
            let mut model = Model {
                expiring,
                ..Model::default()
            };
            rt.block_on(async {
                for (n, req) in requests.iter().enumerate() {
                    let req = &model.resolve(req);
                    let Some(iq) = build(req, &format!("q{n}"), &model.seen) else {
                        continue;
                    };
                    let want = model.want(&r, req, &iq);
                    let reply = r.reply(iq.clone()).await;
                    check(&mut model, req, &iq, want, reply)?;
                }
                Ok(())
            })
        }

        /// Runs `cases` random sequences and prints what the replies were.
        fn property(name: &str, cases: u32, max_len: usize, expiring: bool) {
            use proptest::test_runner::{Config, TestRunner};
            TALLY.with(|t| t.borrow_mut().clear());
            let mut runner = TestRunner::new(Config {
                cases,
                // Failures are reported with their shrunk input; no files.
                failure_persistence: None,
                ..Config::default()
            });
            let result = runner.run(&prop::collection::vec(request(), 1..max_len), |requests| {
                run_sequence(requests, expiring)
            });
            let tally = TALLY.with(|t| t.borrow().clone());
            let total: usize = tally.values().sum();
            let answered: usize = tally
                .iter()
                .filter(|(k, _)| !k.starts_with("no answer"))
                .map(|(_, n)| n)
                .sum();
            println!(
                "{name}: {cases} sequences, {total} iqs handled, {answered} answered, each checked: {tally:?}"
            );
            if let Err(e) = result {
                panic!("{e}");
            }
        }

        #[test]
        fn every_request_gets_the_right_single_answer() {
            property("command-layer property", 96, 40, false);
        }

        #[test]
        fn expired_sessions_are_refused() {
            property(
                "command-layer property, sessions expiring at once",
                48,
                25,
                true,
            );
        }
    }
}
