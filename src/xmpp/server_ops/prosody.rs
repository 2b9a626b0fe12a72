//! [`ServerOps`] for Prosody, over the component link: accounts with
//! XEP-0133 `admin#add-user` sent from the component JID, roster entries
//! through the server module when it writes them (one entry saved) and
//! otherwise with XEP-0356 privileged roster sets, notifications as chat
//! messages from the component. Each operation reports success only once the server has
//! answered.

use super::xep_0133::{AdminCommands, Hints};
use super::{RosterWriter, apply_effect, transient};
use crate::domain::server::ServerSupport;
use crate::domain::{AccountError, AccountStart, Effect, EffectError, ServerOps, Subscription};
use crate::xmpp::link::{Link, RequestError};
use crate::xmpp::server_module::RosterWrite;
use futures::future::BoxFuture;
use std::sync::Arc;
use std::time::Duration;
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::minidom::Element;
use xmpp_parsers::roster::{Ask, Item, Roster};
use xmpp_parsers::stanza_error::DefinedCondition;

/// Prosody (0.12, with mod_admin_adhoc and mod_privilege).
pub struct ProsodyOps {
    admin: AdminCommands,
    link: Link,
    domain: BareJid,
    timeout: Duration,
    /// What the server module said it does (roster writes), when wired.
    support: Option<Arc<ServerSupport>>,
}

impl ProsodyOps {
    pub fn new(link: Link, domain: BareJid, timeout: Duration) -> ProsodyOps {
        let hints = Hints {
            server: "Prosody",
            not_admin: format!(
                "add \"{}\" to `admins` inside VirtualHost \"{domain}\"",
                link.jid()
            ),
            no_command: format!(
                "enable mod_admin_adhoc (\"admin_adhoc\") on VirtualHost \"{domain}\""
            ),
        };
        ProsodyOps {
            admin: AdminCommands::new(link.clone(), domain.clone(), timeout, hints),
            link,
            domain,
            timeout,
            support: None,
        }
    }

    /// Writes roster entries through the server module whenever it says
    /// it can (`support`, kept up to date by the module protocol).
    pub fn with_module(mut self, support: Arc<ServerSupport>) -> ProsodyOps {
        self.support = Some(support);
        self
    }

    /// A roster entry through the server module ([`RosterWrite`]): one
    /// entry saved, not the owner's whole roster.
    async fn module_roster_set(
        &self,
        owner: &BareJid,
        contact: &BareJid,
        name: Option<&str>,
        subscription: Subscription,
        group: Option<&str>,
    ) -> Result<(), EffectError> {
        let write = RosterWrite {
            owner: owner.clone(),
            jid: contact.clone(),
            subscription: subscription.as_str().to_owned(),
            name: name.map(str::to_owned),
            group: group.map(str::to_owned),
        };
        let iq = Iq::Set {
            from: None,
            to: Some(Jid::from(self.domain.clone())),
            id: String::new(),
            payload: Element::from(write),
        };
        self.roster_answer(owner, self.link.request(iq, self.timeout).await, || {
            format!(
                "the server module refused the roster write for {owner}: is \
                 xmpp_invites_component = \"{}\" set on VirtualHost \"{}\"?",
                self.link.jid(),
                self.domain
            )
        })
    }

    async fn roster_set(
        &self,
        owner: &BareJid,
        contact: &BareJid,
        name: Option<&str>,
        subscription: Subscription,
        group: Option<&str>,
    ) -> Result<(), EffectError> {
        let item = Item {
            jid: contact.clone(),
            name: name.map(str::to_owned),
            subscription: match subscription {
                Subscription::Both => xmpp_parsers::roster::Subscription::Both,
                Subscription::From => xmpp_parsers::roster::Subscription::From,
                Subscription::None => xmpp_parsers::roster::Subscription::None,
            },
            ask: Ask::None,
            groups: group
                .map(|g| xmpp_parsers::roster::Group(g.to_owned()))
                .into_iter()
                .collect(),
            approved: None,
        };
        let iq = Iq::from_set(
            String::new(),
            Roster {
                ver: None,
                items: vec![item],
            },
        )
        .with_to(Jid::from(owner.clone()));
        self.roster_answer(owner, self.link.request(iq, self.timeout).await, || {
            format!(
                "Prosody refused the privileged roster write for {owner}. \
                 Load mod_privilege both on VirtualHost \"{}\" and under Component \"{}\", \
                 and set privileged_entities = {{ [\"{}\"] = {{ roster = \"both\"; message = \"outgoing\" }} }}",
                self.domain,
                self.link.jid(),
                self.link.jid()
            )
        })
    }

    /// What the answer to a roster write means; `refused` says what to
    /// configure when the server says no.
    fn roster_answer(
        &self,
        owner: &BareJid,
        answer: Result<Iq, RequestError>,
        refused: impl FnOnce() -> String,
    ) -> Result<(), EffectError> {
        match answer {
            Ok(Iq::Result { .. }) => Ok(()),
            Ok(Iq::Error { error, .. }) => {
                let text = error.texts.values().next().cloned().unwrap_or_default();
                Err(match error.defined_condition {
                    DefinedCondition::Forbidden | DefinedCondition::NotAllowed => {
                        EffectError::Refused(format!("{} ({owner}: {text})", refused()))
                    }
                    DefinedCondition::InternalServerError
                    | DefinedCondition::RemoteServerTimeout
                    | DefinedCondition::ResourceConstraint => {
                        EffectError::Transient(format!("{:?}: {text}", error.defined_condition))
                    }
                    other => EffectError::Refused(format!("{other:?}: {text}")),
                })
            }
            Ok(_) => Err(EffectError::Transient("unexpected iq type".into())),
            Err(e) => Err(transient(e)),
        }
    }
}

impl RosterWriter for ProsodyOps {
    fn write_roster<'a>(
        &'a self,
        owner: &'a BareJid,
        contact: &'a BareJid,
        name: Option<&'a str>,
        subscription: Subscription,
        group: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), EffectError>> {
        if self.support.as_ref().is_some_and(|s| s.module_rosters()) {
            Box::pin(self.module_roster_set(owner, contact, name, subscription, group))
        } else {
            Box::pin(self.roster_set(owner, contact, name, subscription, group))
        }
    }

    fn messages(&self) -> (&Link, &BareJid, Duration) {
        (&self.link, &self.domain, self.timeout)
    }
}

impl ServerOps for ProsodyOps {
    fn start_account(&self) -> BoxFuture<'_, Result<AccountStart, AccountError>> {
        Box::pin(self.admin.start_add_user())
    }

    fn cancel_account(&self, start: AccountStart) -> BoxFuture<'_, ()> {
        Box::pin(self.admin.cancel_add_user(start))
    }

    fn create_account<'a>(
        &'a self,
        start: AccountStart,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>> {
        Box::pin(self.admin.add_user(start, localpart, password))
    }

    fn account_exists<'a>(
        &'a self,
        localpart: &'a str,
    ) -> BoxFuture<'a, Result<bool, AccountError>> {
        Box::pin(self.admin.user_exists(localpart))
    }

    fn change_password<'a>(
        &'a self,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>> {
        Box::pin(self.admin.set_password(localpart, password))
    }

    fn apply<'a>(&'a self, effect: &'a Effect) -> BoxFuture<'a, Result<(), EffectError>> {
        Box::pin(apply_effect(self, effect))
    }
}
