//! [`ServerOps`] per server kind, picked once in `app.rs`. Both speak
//! XEP-0133 over the component link for accounts and send notifications as
//! chat messages from the component; they differ in how roster entries are
//! written (Prosody: XEP-0356 over the link; ejabberd: its HTTP API) and in
//! how an account's existence is read.

mod ejabberd;
mod prosody;
mod xep_0133;

pub use ejabberd::{EjabberdOps, probe_api};
pub use prosody::ProsodyOps;

use super::link::{Link, RequestError};
use crate::domain::{Effect, EffectError, Subscription};
use futures::future::BoxFuture;
use std::time::{Duration, Instant};
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::message::{Lang, Message};
use xmpp_parsers::ping::Ping;

/// What a server kind supplies for [`apply_effect`]: how it writes one
/// roster entry, and the link its chat messages leave by.
pub(super) trait RosterWriter: Sync {
    fn write_roster<'a>(
        &'a self,
        owner: &'a BareJid,
        contact: &'a BareJid,
        name: Option<&'a str>,
        subscription: Subscription,
        group: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), EffectError>>;

    /// The link, the served domain (pinged after a message) and the
    /// request deadline.
    fn messages(&self) -> (&Link, &BareJid, Duration);
}

/// `ServerOps::apply`, the same on every kind but for the roster write.
pub(super) async fn apply_effect(
    w: &impl RosterWriter,
    effect: &Effect,
) -> Result<(), EffectError> {
    match effect {
        Effect::RosterItem {
            owner,
            contact,
            name,
            subscription,
        } => {
            w.write_roster(owner, contact, name.as_deref(), *subscription, None)
                .await
        }
        Effect::Notify { to, text } => {
            let (link, domain, timeout) = w.messages();
            notify(link, domain, timeout, to, text).await
        }
        Effect::GroupItem {
            owner,
            contact,
            group,
            subscription,
        } => {
            w.write_roster(owner, contact, None, *subscription, Some(group))
                .await
        }
        // The deliverer hands emails to its mailer; one reaching the
        // server is a wiring mistake, not worth retrying.
        Effect::Email(_) => Err(EffectError::Permanent(
            "an email reached the XMPP server operations".into(),
        )),
    }
}

/// Sends a chat message from the component to `to`; `Ok` once the server
/// has taken it.
pub(super) async fn notify(
    link: &Link,
    domain: &BareJid,
    timeout: Duration,
    to: &BareJid,
    text: &str,
) -> Result<(), EffectError> {
    if !link.is_up() {
        return Err(transient(RequestError::NotConnected));
    }
    let message = Message::chat(Jid::from(to.clone())).with_body(Lang::from(""), text.to_owned());
    link.send_before(message, Instant::now() + timeout);
    // A message has no acknowledgement of its own. The server handles
    // one stream's stanzas in order, so its answer to a ping sent right
    // after means it has taken the message.
    let ping = Iq::from_get(String::new(), Ping).with_to(Jid::from(domain.clone()));
    match link.request(ping, timeout).await {
        Ok(_) => Ok(()),
        Err(e) => Err(transient(e)),
    }
}

fn transient(e: RequestError) -> EffectError {
    EffectError::Transient(e.to_string())
}
