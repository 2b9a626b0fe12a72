//! The page a group's joiner from another server sees: one button per
//! member, each opening `xmpp:MEMBER?roster;preauth=TOKEN`. Their app sends
//! each member a subscription request carrying the group's token; the
//! server module has it checked (a follow-up of this join, no use taken),
//! approves it and asks back, so that both rosters end with `both`. The
//! members' own rosters already hold the joiner in the group.

use super::Shared;
use super::pages::{Page, page_chrome, render};
use crate::domain::redeem::InviteView;
use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use xmpp_parsers::jid::BareJid;

#[derive(Template)]
#[template(path = "group.html")]
struct JoinedPage {
    page: Page,
    text: String,
    members: Vec<Member>,
    manual: String,
}

struct Member {
    uri: String,
    button: String,
}

page_chrome!(JoinedPage);

pub(super) async fn joined_page(
    s: &Shared,
    tr: Tr,
    view: &InviteView,
    group: &str,
    joiner: &BareJid,
) -> Response {
    let members = match s.redeem.circle(&view.invite, joiner).await {
        Ok(m) => m,
        Err(e) => return s.refuse(&tr, e),
    };
    let token = view.token.expose();
    let page = JoinedPage {
        text: tr.args("group-joined-text", &[("group", group)]),
        members: members
            .iter()
            .map(|m| Member {
                uri: format!("xmpp:{m}?roster;preauth={token}"),
                button: tr.args("group-add-button", &[("member", m.as_str())]),
            })
            .collect(),
        manual: tr.args("group-joined-manual", &[("group", group)]),
        page: s.page(
            tr.clone(),
            tr.args("group-joined-title", &[("group", group)]),
        ),
    };
    render(StatusCode::OK, &page)
}
