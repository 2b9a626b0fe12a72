//! Two command sets offered as one, so that each set stays in its own file
//! and `AdHoc` runs them all with the same sessions.

use super::adhoc::{Authorization, CommandInfo, Commands, Failure, Step};
use crate::i18n::Tr;
use xmpp_parsers::data_forms::DataForm;
use xmpp_parsers::jid::BareJid;

/// The commands of `A`, then those of `B`. A node belongs to the first set
/// that knows it.
pub struct Both<A, B>(pub A, pub B);

impl<A: Commands, B: Commands> Commands for Both<A, B> {
    fn available(&self, requester: &BareJid) -> Vec<CommandInfo> {
        let mut list = self.0.available(requester);
        list.extend(self.1.available(requester));
        list
    }

    fn authorize(&self, node: &str, requester: &BareJid, tr: &Tr) -> Authorization {
        match self.0.authorize(node, requester, tr) {
            Authorization::Unknown => self.1.authorize(node, requester, tr),
            known => known,
        }
    }

    async fn step(
        &self,
        node: &str,
        requester: &BareJid,
        submitted: &[DataForm],
        tr: &Tr,
    ) -> Result<Step, Failure> {
        if self.0.authorize(node, requester, tr) == Authorization::Unknown {
            self.1.step(node, requester, submitted, tr).await
        } else {
            self.0.step(node, requester, submitted, tr).await
        }
    }
}
