//! The audit log: one line for every redemption and every invite minted
//! (the admin actions of today), with its outcome and the invite's public
//! id (the row id that confirmation links carry too). Never a token, a
//! password or an address: outcomes and reasons are fixed words, not error
//! texts (an error's text may name the address typed).
//!
//! Lines go to the `xmpp_invites::audit` target, so an operator can filter
//! them (`XMPP_INVITES_LOG=info,xmpp_invites::audit=info`) or ship them
//! elsewhere; each also counts in [`super::metrics`].

use super::metrics;
use crate::domain::redeem::{RedeemError, Redeemed};
use crate::domain::{InviteId, InviteKind, MintError, MintedInvite, Requester};

const TARGET: &str = "xmpp_invites::audit";

fn role(who: Requester) -> &'static str {
    match who {
        Requester::Admin => "admin",
        Requester::LocalUser => "user",
        Requester::Foreign => "foreign",
    }
}

/// A mint request (`command` is "contact" or "account") and what came of it.
pub fn mint(who: Requester, command: &'static str, result: &Result<MintedInvite, MintError>) {
    let by = role(who);
    match result {
        Ok(m) => {
            metrics::minted(m.kind);
            tracing::info!(target: TARGET, action = "mint", command, by, outcome = "minted",
                invite = m.id.0, kind = m.kind.as_str(), "invite minted");
        }
        Err(e) => {
            metrics::mint_failed(e);
            let reason = metrics::mint_reason(e);
            match e {
                MintError::Rng(_) | MintError::Store(_) => {
                    tracing::error!(target: TARGET, action = "mint", command, by,
                        outcome = "failed", reason, "invite not minted")
                }
                _ => tracing::info!(target: TARGET, action = "mint", command, by,
                    outcome = "refused", reason, "invite not minted"),
            }
        }
    }
}

/// A redemption through `path` of `invite` (when known: an unknown token
/// names none) and what came of it.
pub fn redemption(
    path: &'static str,
    invite: Option<(InviteId, InviteKind)>,
    result: &Result<Redeemed, RedeemError>,
) {
    // -1: no invite (a token that names none); a number keeps the field's
    // type the same on every line for the JSON log's readers.
    let id = invite.map_or(-1, |(id, _)| id.0);
    let kind = invite.map_or("unknown", |(_, k)| k.as_str());
    match result {
        Ok(Redeemed::Registered(r)) => {
            metrics::redeemed(path, invite.map(|(_, k)| k));
            tracing::info!(target: TARGET, action = "redeem", path, invite = id, kind,
                outcome = "registered", delivered = r.delivered, "invite redeemed");
        }
        Ok(Redeemed::Accepted(_)) => {
            metrics::redeemed(path, invite.map(|(_, k)| k));
            tracing::info!(target: TARGET, action = "redeem", path, invite = id, kind,
                outcome = "accepted", "invite redeemed");
        }
        Ok(Redeemed::PasswordReset(r)) => {
            metrics::redeemed(path, invite.map(|(_, k)| k));
            tracing::info!(target: TARGET, action = "redeem", path, invite = id, kind,
                outcome = "password_reset", delivered = r.delivered, "invite redeemed");
        }
        Ok(Redeemed::Claimed { .. }) => {
            tracing::info!(target: TARGET, action = "redeem", path, invite = id, kind,
                outcome = "claimed", "use taken for the server's own registration; nothing redeemed yet");
        }
        Ok(Redeemed::Abandoned) => {
            tracing::info!(target: TARGET, action = "redeem", path, invite = id, kind,
                outcome = "abandoned", "the server did not register the account; the use is given back");
        }
        Ok(Redeemed::ConfirmationSent { .. }) => {
            metrics::confirmation_sent();
            tracing::info!(target: TARGET, action = "redeem", path, invite = id, kind,
                outcome = "confirmation_sent", "confirmation link sent; nothing redeemed yet");
        }
        Err(e) => {
            metrics::redeem_failed(path, e);
            let reason = metrics::redeem_reason(e);
            match e {
                RedeemError::Store(_) | RedeemError::Internal(_) => {
                    tracing::error!(target: TARGET, action = "redeem", path, invite = id, kind,
                        outcome = "failed", reason, "invite not redeemed")
                }
                RedeemError::Server(_) | RedeemError::Pending(_) | RedeemError::ResetUnknown(_) => {
                    tracing::warn!(target: TARGET, action = "redeem", path, invite = id, kind,
                        outcome = "failed", reason, "invite not redeemed")
                }
                _ => tracing::info!(target: TARGET, action = "redeem", path, invite = id, kind,
                    outcome = "refused", reason, "invite not redeemed"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::redeem::{Accepted, DeadInvite};
    use metrics_exporter_prometheus::PrometheusBuilder;
    use xmpp_parsers::jid::BareJid;

    #[test]
    fn each_outcome_counts_once_under_its_path_and_reason() {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        let invite = Some((InviteId(3), InviteKind::Contact));
        ::metrics::with_local_recorder(&recorder, || {
            let accepted = Ok(Redeemed::Accepted(Accepted {
                address: BareJid::new("eve@other.example").unwrap(),
                inviter: BareJid::new("bob@example.org").unwrap(),
                outbox: vec![],
            }));
            redemption("existing", invite, &accepted);
            redemption("existing", invite, &Err(DeadInvite::UsedUp.into()));
            redemption("web", None, &Err(DeadInvite::NotFound.into()));
            redemption(
                "web",
                invite,
                &Err(RedeemError::AlreadyRegistered(
                    BareJid::new("x@example.org").unwrap(),
                )),
            );
        });
        let text = handle.render();
        for line in [
            r#"xmpp_invites_redemptions_total{path="existing",kind="contact"} 1"#,
            r#"xmpp_invites_redemption_failures_total{path="existing",reason="used_up"} 1"#,
            r#"xmpp_invites_redemption_failures_total{path="web",reason="not_found"} 1"#,
            r#"xmpp_invites_redemption_failures_total{path="web",reason="already_registered"} 1"#,
        ] {
            assert!(text.contains(line), "{line} in {text}");
        }
        // An address in an error's text never becomes a label.
        assert!(!text.contains("x@example.org"));
    }
}
