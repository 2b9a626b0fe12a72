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
use crate::domain::EffectError;
use std::time::{Duration, Instant};
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::message::{Lang, Message};
use xmpp_parsers::ping::Ping;

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
