//! In-process HTTP tests of the web adapter: requests go through the real
//! router (security layers, rate limiter, templates) with `oneshot`, over a
//! real SQLite store, a settable clock and a fake XMPP server.

mod support;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;
use support::*;
use xmpp_invites::domain::{
    AccountError, Effect, InviteStore, MintRequest, MintedInvite, Subscription, Timestamp,
};
use xmpp_invites::store::SqliteStore;
use xmpp_invites::web::{ClientAddress, RateLimit};

// 1. Landing pages

#[tokio::test]
async fn landing_pages_per_kind() {
    let w = world();
    let account = w.account_invite(MintRequest::default()).await;
    let both = w.contact_invite("admin@example.org").await;
    let contact = w.contact_invite("bob@example.org").await;
    // (invite, h1, xmpp: URI, can register, can use an existing address)
    let cases = [
        (
            &account,
            "You are invited to join example.org".to_owned(),
            format!(
                "xmpp:example.org?register;preauth={}",
                account.token.expose()
            ),
            true,
            false,
        ),
        (
            &both,
            "admin@example.org invites you to chat".to_owned(),
            format!(
                "xmpp:admin@example.org?roster;preauth={};ibr=y",
                both.token.expose()
            ),
            true,
            true,
        ),
        (
            &contact,
            "bob@example.org invites you to chat".to_owned(),
            format!(
                "xmpp:bob@example.org?roster;preauth={}",
                contact.token.expose()
            ),
            false,
            true,
        ),
    ];
    for module in [false, true] {
        w.support.set_module(module);
        for (m, title, uri, can_register, is_contact) in &cases {
            let (can_register, is_contact) = (*can_register, *is_contact);
            let r = w.get(&landing(m)).await;
            assert_eq!(r.status, StatusCode::OK, "{title}");
            assert_eq!(h1(&r.body), *title);
            // Askama leaves `;` and `=` alone: the URI is rendered verbatim.
            // Without the server module an account link would only lead to a
            // registration the server refuses: it is offered for contact
            // invites only (the app sends a plain contact request), and no
            // app is called "invite ready".
            assert_eq!(
                r.body.contains(&format!("href=\"{uri}\"")),
                module || is_contact,
                "{uri}, module {module}"
            );
            assert_eq!(r.body.contains("invite ready"), module, "{title}");
            if !module && can_register && !is_contact {
                assert!(r.body.contains("2. Create your account"), "{title}");
            }
            assert_eq!(
                r.body.contains(&format!("href=\"{}\"", register(m))),
                can_register,
                "{title}: register link"
            );
            assert_eq!(
                r.body.contains(&format!("href=\"{}\"", existing(m))),
                is_contact,
                "{title}: existing-address link"
            );
            // The QR code is inline SVG, not an image fetched from elsewhere.
            assert!(r.body.contains("<svg role=\"img\""), "{title}: QR");
            // Without a known platform, no app is singled out.
            assert!(!r.body.contains("Recommended for your device"), "{title}");
        }
    }
}

#[tokio::test]
async fn landing_page_suggests_apps_for_the_platform() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari";
    let r = w
        .send(get_with(&landing(&m), header::USER_AGENT, android))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let heading = r.body.find("Recommended for your device").unwrap();
    let others = r.body.find("<details").unwrap();
    let conversations = r.body.find("Conversations").unwrap();
    assert!(heading < conversations && conversations < others);
    assert!(r.body.contains("Get Conversations from F-Droid"));

    // An explicit choice wins over the User-Agent: Monal is then first.
    let r = w
        .send(get_with(
            &format!("{}?platform=ios", landing(&m)),
            header::USER_AGENT,
            android,
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let heading = r.body.find("Recommended for your device").unwrap();
    let first_app = heading + r.body[heading..].find("class=\"app-name\">").unwrap();
    assert!(r.body[first_app..].starts_with("class=\"app-name\">Monal"));
    let others = r.body.find("<details").unwrap();
    assert!(r.body.find("Conversations").unwrap() > others);

    // An unknown or empty choice is ignored, not an error.
    for q in [
        "?platform=blackberry",
        "?platform=",
        "?platform=IOS",
        "?x=%zz",
    ] {
        let r = w.get(&format!("{}{q}", landing(&m))).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
    }
}

#[tokio::test]
async fn a_public_url_with_a_path_serves_under_it() {
    let w = world_with(SqliteStore::open_in_memory().unwrap(), GENEROUS, "/invites");
    let m = w.account_invite(MintRequest::default()).await;
    let token = m.token.expose();
    let r = w.get(&format!("/invites/invite/{token}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("href=\"/invites/static/style.css\""));
    assert!(
        r.body
            .contains(&format!("href=\"/invites/invite/{token}/register\""))
    );
    // Outside the prefix: 404, with the same strict headers as every page.
    for uri in ["/elsewhere", &format!("/invite/{token}")] {
        let r = w.get(uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert_security_headers(&r, uri);
    }
}

#[tokio::test]
async fn a_local_address_must_confirm_from_its_own_account() {
    let w = world();
    let m = w.contact_invite("bob@example.org").await;
    let csrf = w.csrf(&existing(&m)).await;
    let r = w
        .send(post(
            &existing(&m),
            &[("csrf", &csrf), ("address", "carol@example.org")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    assert!(r.body.contains("Check your messages"));
    // Only the message to carol went out; nobody's roster was touched and
    // the invite is still unused.
    let applied = w.applied().await;
    assert_eq!(applied.len(), 1, "{applied:?}");
    let Effect::Notify { to, text } = &applied[0] else {
        panic!("{applied:?}")
    };
    assert_eq!(to.as_str(), "carol@example.org");
    assert_eq!(w.uses(&m), 0);
    let link = text.split("open: ").nth(1).unwrap();
    let path = link.strip_prefix(ORIGIN).unwrap();
    let r = w.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Become contacts with bob@example.org?"));
    // A tampered link is a dead link.
    let r = w.get(&path.replace("carol", "dave")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The link never carries the invite token (it waits in the outbox).
    assert!(!text.contains(m.token.expose()), "{text}");
    let csrf = w.csrf(path).await;
    let code = path.split("code=").nth(1).unwrap();
    let id = m.id.0.to_string();
    let r = w
        .send(post(
            "/confirm",
            &[
                ("csrf", &csrf),
                ("invite", &id),
                ("address", "carol@example.org"),
                ("code", code),
            ],
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("You and bob@example.org are now contacts"));
    let applied = w.applied().await;
    for (owner, contact) in [
        ("carol@example.org", "bob@example.org"),
        ("bob@example.org", "carol@example.org"),
    ] {
        assert!(
            applied.contains(&Effect::RosterItem {
                owner: jid(owner),
                contact: jid(contact),
                name: None,
                subscription: Subscription::Both,
            }),
            "{applied:?}"
        );
    }
    assert_eq!(w.uses(&m), 1);
}

// 2. Dead tokens

#[tokio::test]
async fn unknown_malformed_and_revoked_tokens_look_the_same() {
    // Revocation has no API yet: flip the column from a second connection.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invites.db");
    let w = world_with(SqliteStore::open(&path).unwrap(), GENEROUS, "");
    let revoked = w.account_invite(MintRequest::default()).await;
    revoke(&path, &revoked);

    let unknown = w.get(&format!("/invite/{UNKNOWN_TOKEN}")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(h1(&unknown.body), "Invite not found");
    for uri in [
        "/invite/short".to_owned(),
        "/invite/not%20a%20token%21".to_owned(),
        landing(&revoked),
        register(&revoked),
        format!("/invite/{UNKNOWN_TOKEN}/register"),
        format!("/invite/{UNKNOWN_TOKEN}/existing"),
    ] {
        let r = w.get(&uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        // Nothing tells whether the token ever existed.
        assert_eq!(r.body, unknown.body, "{uri}");
    }
    let r = w
        .send(post(&register(&revoked), &reg_fields("x", "eve", PW)))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.body, unknown.body);
    assert!(w.server.accounts().is_empty());
}

fn revoke(db: &Path, m: &MintedInvite) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let n = conn
        .execute(
            "UPDATE invites SET revoked_at = unixepoch() WHERE id = ?1",
            [m.id.0],
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn expired_invites_are_gone() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    // Default lifetime is 7 days.
    w.clock.advance(Duration::from_secs(7 * 86_400 + 1));
    for r in [
        w.get(&landing(&m)).await,
        w.get(&register(&m)).await,
        w.send(post(&register(&m), &reg_fields(&csrf, "eve", PW)))
            .await,
    ] {
        assert_eq!(r.status, StatusCode::GONE);
        assert_eq!(h1(&r.body), "This invite has expired");
    }
    assert!(w.server.accounts().is_empty());
}

#[tokio::test]
async fn used_up_invites_are_gone() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "first", PW)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for r in [
        w.get(&landing(&m)).await,
        w.get(&register(&m)).await,
        w.send(post(&register(&m), &reg_fields(&csrf, "second", PW)))
            .await,
    ] {
        assert_eq!(r.status, StatusCode::GONE);
        assert_eq!(h1(&r.body), "This invite has already been used");
    }
    assert_eq!(w.server.accounts().len(), 1);
}

#[tokio::test]
async fn unknown_routes_are_not_found() {
    let w = world();
    for uri in ["/nope", "/invite", "/invite/", "/static/other.css"] {
        let r = w.get(uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(h1(&r.body), "Invite not found", "{uri}");
    }
    let m = w.account_invite(MintRequest::default()).await;
    let r = w.get(&format!("{}/other", landing(&m))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

// 3. Security headers

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let gone = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&gone)).await;
    let used = w
        .send(post(&register(&gone), &reg_fields(&csrf, "used", PW)))
        .await;
    let token_pages = [
        ("landing", w.get(&landing(&m)).await, StatusCode::OK),
        ("register form", w.get(&register(&m)).await, StatusCode::OK),
        ("registered", used, StatusCode::OK),
        (
            "invalid form",
            w.send(post(
                &register(&m),
                &reg_fields(&w.csrf(&register(&m)).await, "a b", PW),
            ))
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "unknown",
            w.get(&format!("/invite/{UNKNOWN_TOKEN}")).await,
            StatusCode::NOT_FOUND,
        ),
        ("used up", w.get(&landing(&gone)).await, StatusCode::GONE),
    ];
    for (what, r, status) in &token_pages {
        assert_eq!(r.status, *status, "{what}");
        assert_security_headers(r, what);
        assert_no_store(r, what);
    }

    let index = w.get("/").await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(h1(&index.body), "Invitations to example.org");
    assert_security_headers(&index, "index");
    let notfound = w.get("/nope").await;
    assert_security_headers(&notfound, "fallback");
    assert_no_store(&notfound, "fallback");

    // The stylesheet carries no token, so it may be cached.
    let css = w.get("/static/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_security_headers(&css, "css");
    assert!(css.header(header::CONTENT_TYPE).starts_with("text/css"));
    assert!(css.header(header::CACHE_CONTROL).starts_with("public"));
}

// 4. CSRF and cross-site posts

#[tokio::test]
async fn registration_refuses_forged_and_cross_site_posts() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let other = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    let other_csrf = w.csrf(&register(&other)).await;
    let uri = register(&m);
    let no_csrf = [("username", "eve"), ("password", PW), ("confirm", PW)];
    let refused = [
        ("no token", post(&uri, &no_csrf)),
        (
            "other invite's token",
            post(&uri, &reg_fields(&other_csrf, "eve", PW)),
        ),
        (
            "Sec-Fetch-Site",
            with_header(
                post(&uri, &reg_fields(&csrf, "eve", PW)),
                "sec-fetch-site",
                "cross-site",
            ),
        ),
        (
            "foreign Origin",
            with_header(
                post(&uri, &reg_fields(&csrf, "eve", PW)),
                "origin",
                "https://evil.example",
            ),
        ),
    ];
    for (what, req) in refused {
        let r = w.send(req).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{what}: {}", r.body);
        assert_security_headers(&r, what);
    }
    assert!(w.server.accounts().is_empty());
    assert_eq!(w.uses(&m), 0);

    // A no-referrer page posts with `Origin: null`; that is our own form.
    let r = w
        .send(with_header(
            post(&uri, &reg_fields(&csrf, "eve", PW)),
            "origin",
            "null",
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // And so is a same-origin post that says so.
    let r = w
        .send(with_header(
            with_header(
                post(&register(&other), &reg_fields(&other_csrf, "mallory", PW)),
                "origin",
                ORIGIN,
            ),
            "sec-fetch-site",
            "same-origin",
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(w.server.accounts().len(), 2);
}

#[tokio::test]
async fn existing_address_form_refuses_forged_and_cross_site_posts() {
    let w = world();
    let m = w.contact_invite("bob@example.org").await;
    let other = w.contact_invite("carol@example.org").await;
    let csrf = w.csrf(&existing(&m)).await;
    let other_csrf = w.csrf(&existing(&other)).await;
    // A register-form token of the same invite is for another form.
    let both = w.contact_invite("admin@example.org").await;
    let register_csrf = w.csrf(&register(&both)).await;
    let uri = existing(&m);
    let refused = [
        post(&uri, &[("address", "eve@other.org")]),
        post(&uri, &[("csrf", &other_csrf), ("address", "eve@other.org")]),
        post(
            &existing(&both),
            &[("csrf", &register_csrf), ("address", "eve@other.org")],
        ),
        with_header(
            post(&uri, &[("csrf", &csrf), ("address", "eve@other.org")]),
            "sec-fetch-site",
            "cross-site",
        ),
        with_header(
            post(&uri, &[("csrf", &csrf), ("address", "eve@other.org")]),
            "origin",
            "https://evil.example",
        ),
    ];
    for req in refused {
        let r = w.send(req).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    assert!(w.applied().await.is_empty());
    assert_eq!(w.uses(&m), 0);

    let r = w
        .send(with_header(
            post(&uri, &[("csrf", &csrf), ("address", "eve@other.org")]),
            "origin",
            "null",
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(w.uses(&m), 1);
}

/// Asks for a local address to accept `m` and returns the path of the
/// confirmation link sent to it.
async fn confirmation_link(w: &World, m: &MintedInvite, address: &str) -> String {
    let csrf = w.csrf(&existing(m)).await;
    let r = w
        .send(post(&existing(m), &[("csrf", &csrf), ("address", address)]))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let applied = w.applied().await;
    let Some(Effect::Notify { text, .. }) = applied.last() else {
        panic!("no confirmation message: {applied:?}")
    };
    let link = text.split("open: ").nth(1).expect("a link in the message");
    link.strip_prefix(ORIGIN).expect("a link here").to_owned()
}

/// The fields of a confirmation post for the link at `path`.
fn confirm_fields(path: &str) -> Vec<(String, String)> {
    let query = path.split_once('?').expect("a query").1;
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn confirm_post(fields: &[(String, String)], csrf: Option<&str>) -> Request<Body> {
    let mut all: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if let Some(csrf) = csrf {
        all.push(("csrf", csrf));
    }
    post("/confirm", &all)
}

#[tokio::test]
async fn confirmation_refuses_forged_and_cross_site_posts() {
    let w = world();
    let m = w.contact_invite("bob@example.org").await;
    let path = confirmation_link(&w, &m, "carol@example.org").await;
    let fields = confirm_fields(&path);
    let csrf = w.csrf(&path).await;
    // A token of another form of the same invite, and one of another
    // address's confirmation, are for something else.
    let existing_csrf = w.csrf(&existing(&m)).await;
    let dave_path = confirmation_link(&w, &m, "dave@example.org").await;
    let dave_csrf = w.csrf(&dave_path).await;
    let sent = w.applied().await.len();
    let refused = [
        ("no token", confirm_post(&fields, None)),
        ("forged token", confirm_post(&fields, Some("forged"))),
        ("empty token", confirm_post(&fields, Some(""))),
        (
            "existing-form token",
            confirm_post(&fields, Some(&existing_csrf)),
        ),
        (
            "another address's token",
            confirm_post(&fields, Some(&dave_csrf)),
        ),
        (
            "cross-site",
            with_header(
                confirm_post(&fields, Some(&csrf)),
                "sec-fetch-site",
                "cross-site",
            ),
        ),
        (
            "other origin",
            with_header(
                confirm_post(&fields, Some(&csrf)),
                "origin",
                "https://evil.example",
            ),
        ),
    ];
    for (what, req) in refused {
        let r = w.send(req).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{what}: {}", r.body);
        assert_eq!(
            h1(&r.body),
            "This form was sent from another site",
            "{what}"
        );
        assert_eq!(w.uses(&m), 0, "{what}");
        assert_eq!(w.applied().await.len(), sent, "{what}: nothing written");
    }

    // The same post with its own token confirms.
    let r = w.send(confirm_post(&fields, Some(&csrf))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(h1(&r.body), "You and bob@example.org are now contacts");
    assert_eq!(w.uses(&m), 1);
}

// 5. Rate limiting

fn limited(f: impl FnOnce(&mut RateLimit)) -> World {
    let mut limit = GENEROUS;
    f(&mut limit);
    world_with(SqliteStore::open_in_memory().unwrap(), limit, "")
}

fn at(mut req: Request<Body>, addr: &str) -> Request<Body> {
    let ip: std::net::IpAddr = addr.parse().unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::new(ip, 40_000)));
    req
}

fn unknown_at(addr: &str) -> Request<Body> {
    at(get(&format!("/invite/{UNKNOWN_TOKEN}")), addr)
}

fn assert_refused(r: &Resp, what: &str) {
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{what}: {}",
        r.body
    );
    assert_eq!(h1(&r.body), "Too many requests", "{what}");
    let wait: u64 = r.header(header::RETRY_AFTER).parse().unwrap();
    assert!(wait >= 1, "{what}: Retry-After {wait}");
    assert_security_headers(r, what);
    assert_no_store(r, what);
}

#[tokio::test]
async fn every_request_of_a_network_is_under_a_ceiling() {
    let w = limited(|l| l.requests = only(3));
    let m = w.account_invite(MintRequest::default()).await;
    for uri in ["/", "/static/style.css", &landing(&m)] {
        assert_eq!(w.get(uri).await.status, StatusCode::OK, "{uri}");
    }
    assert_refused(&w.get(&landing(&m)).await, "over the ceiling");
    assert_refused(&w.get("/").await, "index over the ceiling");
    let r = w.send(from_ip(get(&landing(&m)), [198, 51, 100, 7])).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn failures_are_counted_and_successes_not() {
    let w = limited(|l| l.failures = only(3));
    let m = w.account_invite(MintRequest::default()).await;
    // The holder of a valid invite views and mistypes as often as they like.
    for _ in 0..10 {
        assert_eq!(w.get(&landing(&m)).await.status, StatusCode::OK);
        let csrf = w.csrf(&register(&m)).await;
        let r = w
            .send(post(&register(&m), &reg_fields(&csrf, "a b", PW)))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Guesses are counted...
    for n in 0..3 {
        let r = w.send(unknown_at("192.0.2.1")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "guess {n}");
    }
    assert_refused(&w.send(unknown_at("192.0.2.1")).await, "fourth guess");
    // ...and a blocked network cannot tell a hit from a miss.
    assert_refused(&w.get(&landing(&m)).await, "valid token, blocked network");
    assert_refused(
        &w.get(&register(&m)).await,
        "register form, blocked network",
    );
    // Pages without a token are still served, and other networks are not
    // affected.
    assert_eq!(w.get("/").await.status, StatusCode::OK);
    let r = w.send(at(get(&landing(&m)), "192.0.2.2")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        w.send(unknown_at("192.0.2.2")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn refused_posts_and_dead_links_count_as_failures() {
    let w = limited(|l| l.failures = only(4));
    let m = w.account_invite(MintRequest::default()).await;
    let uri = register(&m);
    let forged = post(&uri, &reg_fields("forged", "eve", PW));
    assert_eq!(w.send(forged).await.status, StatusCode::FORBIDDEN);
    let cross = with_header(
        post(&uri, &reg_fields("x", "eve", PW)),
        "sec-fetch-site",
        "cross-site",
    );
    assert_eq!(w.send(cross).await.status, StatusCode::FORBIDDEN);
    let mut wrong_type = post(&uri, &reg_fields("x", "eve", PW));
    wrong_type
        .headers_mut()
        .insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    assert_eq!(
        w.send(wrong_type).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let r = w
        .get("/confirm?invite=1&address=bob%40example.org&code=AAAA")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_refused(&w.get(&landing(&m)).await, "after four failures");
    assert_eq!(w.uses(&m), 0);
}

#[tokio::test]
async fn ipv6_clients_are_limited_per_64() {
    let w = limited(|l| l.failures = only(2));
    assert_eq!(
        w.send(unknown_at("2001:db8:1:2::1")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.send(unknown_at("2001:db8:1:2:ffff:ffff:ffff:fffe"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A new address in the same /64 is the same client...
    assert_refused(&w.send(unknown_at("2001:db8:1:2::abcd")).await, "same /64");
    // ...one in the next /64 is not.
    assert_eq!(
        w.send(unknown_at("2001:db8:1:3::1")).await.status,
        StatusCode::NOT_FOUND
    );
    // IPv4 clients seen through an IPv6 socket are the IPv4 address.
    let w = limited(|l| l.failures = only(1));
    assert_eq!(
        w.send(unknown_at("::ffff:192.0.2.9")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_refused(&w.send(unknown_at("192.0.2.9")).await, "v4-mapped");
    assert_eq!(
        w.send(unknown_at("192.0.2.10")).await.status,
        StatusCode::NOT_FOUND
    );
}

fn forwarded(req: Request<Body>, name: &'static str, value: &str) -> Request<Body> {
    // Every request comes from the proxy.
    with_header(at(req, "127.0.0.1"), name, value)
}

#[tokio::test]
async fn behind_a_proxy_only_the_hop_it_added_counts() {
    let w = limited(|l| {
        l.failures = only(2);
        l.client_address = ClientAddress::XForwardedFor;
    });
    let guess = |xff: &str| {
        forwarded(
            get(&format!("/invite/{UNKNOWN_TOKEN}")),
            "x-forwarded-for",
            xff,
        )
    };
    // What the client wrote to the left of our proxy's entry changes nothing.
    assert_eq!(
        w.send(guess("10.0.0.1, 198.51.100.7")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.send(guess("10.0.0.2, 198.51.100.7")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_refused(
        &w.send(guess("10.0.0.3, 198.51.100.7")).await,
        "new leftmost",
    );
    assert_refused(&w.send(guess("198.51.100.7")).await, "no leftmost");
    // Another client of the proxy (whatever it claims on the left) is not
    // blocked, nor is the proxy's own address.
    assert_eq!(
        w.send(guess("198.51.100.7, 203.0.113.5")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.send(at(get(&format!("/invite/{UNKNOWN_TOKEN}")), "127.0.0.1"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // `Forwarded` is not read when the proxy writes X-Forwarded-For.
    let spoof = |f: &str| forwarded(guess("198.51.100.7"), "forwarded", f);
    assert_refused(&w.send(spoof("for=192.0.2.200")).await, "Forwarded ignored");

    // With `Forwarded`, the last element's for= counts.
    let w = limited(|l| {
        l.failures = only(1);
        l.client_address = ClientAddress::Forwarded;
    });
    let guess = |f: &str| forwarded(get(&format!("/invite/{UNKNOWN_TOKEN}")), "forwarded", f);
    assert_eq!(
        w.send(guess("for=10.0.0.1, for=\"[2001:db8:5::1]:443\""))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_refused(
        &w.send(guess("for=10.0.0.9, for=\"[2001:db8:5::2]\"")).await,
        "same /64",
    );
    assert_eq!(
        w.send(guess("for=2001:db8:5::1, for=192.0.2.1"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Without a proxy, the headers are the client's own words: ignored.
    let w = limited(|l| l.failures = only(1));
    assert_eq!(
        w.send(guess("for=192.0.2.1")).await.status,
        StatusCode::NOT_FOUND
    );
    let other = with_header(
        at(get(&format!("/invite/{UNKNOWN_TOKEN}")), "127.0.0.1"),
        "x-forwarded-for",
        "192.0.2.77",
    );
    assert_refused(&w.send(other).await, "peer address counts");
}

#[tokio::test]
async fn posts_per_invite_are_capped() {
    let w = limited(|l| l.posts_per_invite = only(3));
    let m = w.account_invite(MintRequest::default()).await;
    let other = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    // One leaked link, posted to from many networks.
    for n in 0..3 {
        let r = w
            .send(at(
                post(&register(&m), &reg_fields(&csrf, "a b", PW)),
                &format!("192.0.2.{}", 10 + n),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "post {n}");
    }
    let r = w
        .send(at(
            post(&register(&m), &reg_fields(&csrf, "newbie", PW)),
            "198.51.100.1",
        ))
        .await;
    assert_refused(&r, "fourth post to one invite");
    assert!(w.server.accounts().is_empty());
    assert_eq!(w.uses(&m), 0);
    // Viewing is not posting, and other invites have their own allowance.
    assert_eq!(w.get(&landing(&m)).await.status, StatusCode::OK);
    let csrf = w.csrf(&register(&other)).await;
    let r = w
        .send(post(&register(&other), &reg_fields(&csrf, "newbie", PW)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The cap is per invite, not per route: the existing-address form of a
    // contact invite shares it.
    let c = w.contact_invite("bob@example.org").await;
    let csrf = w.csrf(&existing(&c)).await;
    for _ in 0..3 {
        let r = w
            .send(post(
                &existing(&c),
                &[("csrf", &csrf), ("address", "not an address")],
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = w
        .send(post(
            &existing(&c),
            &[("csrf", &csrf), ("address", "x@example.net")],
        ))
        .await;
    assert_refused(&r, "fourth post to the existing form");
}

#[tokio::test]
async fn a_global_failure_cap_stops_many_networks() {
    let w = limited(|l| l.global_failures = only(5));
    let m = w.account_invite(MintRequest::default()).await;
    for n in 0..5 {
        let r = w.send(unknown_at(&format!("203.0.113.{n}"))).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "bot {n}");
    }
    // The budget of all clients is spent: the next failing network is
    // refused, and stays blocked even for a valid token...
    assert_refused(
        &w.send(unknown_at("203.0.113.100")).await,
        "bot over the cap",
    );
    assert_refused(
        &w.send(at(get(&landing(&m)), "203.0.113.100")).await,
        "blocked bot",
    );
    assert_refused(&w.send(unknown_at("203.0.113.101")).await, "another bot");
    // ...while visitors who do not fail are served.
    let r = w.send(at(get(&landing(&m)), "198.51.100.50")).await;
    assert_eq!(r.status, StatusCode::OK);
    let csrf = w.csrf(&register(&m)).await;
    let r = w
        .send(at(
            post(&register(&m), &reg_fields(&csrf, "newbie", PW)),
            "198.51.100.50",
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn a_trickling_body_is_cut_off() {
    let w = world_timed(
        SqliteStore::open_in_memory().unwrap(),
        GENEROUS,
        "",
        Duration::from_millis(200),
    );
    let m = w.account_invite(MintRequest::default()).await;
    // The first bytes of the form, then nothing: the sender stays open.
    let (tx, rx) = futures::channel::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
    let mut tx = tx;
    tx.try_send(Ok(b"csrf=x&user".to_vec())).unwrap();
    let req = Request::post(register(&m))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from_stream(rx))
        .unwrap();
    let r = w.send(from_ip(req, IP)).await;
    assert_eq!(r.status, StatusCode::REQUEST_TIMEOUT, "{}", r.body);
    assert_eq!(r.header(header::CONNECTION), "close");
    assert_security_headers(&r, "408");
    drop(tx);
    assert_eq!(w.uses(&m), 0);
}

#[tokio::test]
async fn failed_confirmations_are_rate_limited() {
    let w = limited(|l| l.failures = only(3));
    let m = w.contact_invite("bob@example.org").await;
    let path = confirmation_link(&w, &m, "carol@example.org").await;
    let fields = confirm_fields(&path);
    let csrf = w.csrf(&path).await;
    let wrong_code: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| match k.as_str() {
            "code" => (k.clone(), "AAAA".to_owned()),
            _ => (k.clone(), v.clone()),
        })
        .collect();
    let wrong_link = path.replace("code=", "code=AAAA");
    // Three failures: a forged link, a forged CSRF token, a wrong code
    // posted with a valid token.
    let r = w.get(&wrong_link).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = w.send(confirm_post(&fields, Some("forged"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = w.send(confirm_post(&wrong_code, Some(&csrf))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    // Now the network is blocked: the valid link and the valid post too,
    // and nothing is confirmed.
    assert_refused(&w.get(&path).await, "valid link, blocked network");
    assert_refused(
        &w.send(confirm_post(&fields, Some(&csrf))).await,
        "valid confirmation, blocked network",
    );
    assert_eq!(w.uses(&m), 0);
    // Another network confirms.
    let r = w
        .send(at(confirm_post(&fields, Some(&csrf)), "192.0.2.2"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(w.uses(&m), 1);
}

// 6. Form validation

#[tokio::test]
async fn invalid_registration_forms_keep_the_username_never_the_password() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    let secret = "Zq9-unique-secret-Zq9";

    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "a b", secret)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("<p id=\"username-error\" class=\"error\">This username contains characters"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"a b\""));
    assert!(r.body.contains("Please correct the fields marked below."));
    assert!(!r.body.contains(secret));

    // What is typed is echoed escaped, never as markup.
    let r = w
        .send(post(
            &register(&m),
            &reg_fields(&csrf, "<b>x</b>\"", secret),
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!r.body.contains("<b>x</b>"));
    assert!(r.body.contains("value=\"&#60;b&#62;x&#60;/b&#62;&#34;\""));

    let fields = [
        ("csrf", csrf.as_str()),
        ("username", "romeo"),
        ("password", secret),
        ("confirm", "something else entirely"),
    ];
    let r = w.send(post(&register(&m), &fields)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("<p id=\"confirm-error\" class=\"error\">The two passwords differ.</p>")
    );
    assert!(!r.body.contains(secret));
    assert!(!r.body.contains("something else entirely"));

    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "romeo", "short")))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(
        "<p id=\"password-error\" class=\"error\">The password must have at least 8 characters.</p>"
    ));
    assert!(r.body.contains("value=\"romeo\""));

    assert!(w.server.accounts().is_empty());
    assert_eq!(w.uses(&m), 0);
}

#[tokio::test]
async fn a_username_bound_invite_only_registers_that_name() {
    let w = world();
    let m = w
        .account_invite(MintRequest {
            username: Some("juliet".into()),
            ..MintRequest::default()
        })
        .await;
    let r = w.get(&register(&m)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("value=\"juliet\" readonly"), "{}", r.body);
    assert!(
        r.body
            .contains("This invite is for the address juliet@example.org.")
    );

    let csrf = r.csrf();
    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "romeo", PW)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("This invite can only create the account juliet."),
        "{}",
        r.body
    );
    assert!(w.server.accounts().is_empty());

    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "juliet", PW)))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(w.server.accounts(), [("juliet".to_owned(), PW.to_owned())]);
}

// 7. Registration

#[tokio::test]
async fn registration_with_an_admin_contact_invite_writes_both_rosters_first() {
    let w = world();
    let m = w.contact_invite("admin@example.org").await;
    let csrf = w.csrf(&register(&m)).await;
    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "newbie", PW)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("newbie@example.org"));
    assert!(
        r.body
            .contains("admin@example.org is already in your contacts.")
    );
    assert!(!r.body.contains(PW));
    assert_eq!(w.server.accounts(), [("newbie".to_owned(), PW.to_owned())]);

    // Delivered before the page was answered, not merely queued.
    let roster = |owner: &str, contact: &str| Effect::RosterItem {
        owner: jid(owner),
        contact: jid(contact),
        name: None,
        subscription: Subscription::Both,
    };
    let applied = w.applied().await;
    assert!(applied.contains(&roster("newbie@example.org", "admin@example.org")));
    assert!(applied.contains(&roster("admin@example.org", "newbie@example.org")));
    assert!(applied.contains(&Effect::Notify {
        to: jid("admin@example.org"),
        text: "newbie@example.org accepted your invite.".into(),
    }));
    assert!(
        w.store
            .due_effects(Timestamp(i64::MAX), 10)
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn an_unreachable_server_costs_the_invitee_nothing() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    w.server
        .fail_with(Some(AccountError::Unavailable("link down".into())));
    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "newbie", PW)))
        .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.body.contains("not reachable"), "{}", r.body);
    assert!(!r.body.contains(PW));
    assert_eq!(w.uses(&m), 0);

    w.server.fail_with(None);
    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "newbie", PW)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("newbie@example.org"));
    assert_eq!(w.uses(&m), 1);
}

#[tokio::test]
async fn a_taken_username_is_a_field_error() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    w.server.fail_with(Some(AccountError::Conflict));
    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "taken", PW)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("<p id=\"username-error\" class=\"error\">This username is already taken"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"taken\""));
    assert_eq!(w.uses(&m), 0);
}

// 8. Existing address

#[tokio::test]
async fn an_existing_address_accepts_a_contact_invite() {
    let w = world();
    let m = w.contact_invite("bob@example.org").await;
    let r = w.get(&existing(&m)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(h1(&r.body), "Chat with bob@example.org");
    let csrf = r.csrf();

    let r = w
        .send(post(
            &existing(&m),
            &[("csrf", &csrf), ("address", "not an address")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("not an XMPP address"), "{}", r.body);
    assert!(r.body.contains("value=\"not an address\""));
    assert!(w.applied().await.is_empty());

    let r = w
        .send(post(
            &existing(&m),
            &[("csrf", &csrf), ("address", "eve@other.org")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("href=\"xmpp:bob@example.org?roster\""));
    assert!(w.applied().await.contains(&Effect::RosterItem {
        owner: jid("bob@example.org"),
        contact: jid("eve@other.org"),
        name: None,
        subscription: Subscription::From,
    }));
    // Single use: the invite is spent now.
    assert_eq!(w.get(&landing(&m)).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn account_invites_have_no_existing_address_path() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let r = w.get(&existing(&m)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let csrf = w.csrf(&register(&m)).await;
    let r = w
        .send(post(
            &existing(&m),
            &[("csrf", &csrf), ("address", "eve@other.org")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(w.uses(&m), 0);
    // Nor can a contact-only invite register.
    let c = w.contact_invite("bob@example.org").await;
    assert_eq!(w.get(&register(&c)).await.status, StatusCode::NOT_FOUND);
}

// 9. Body limit

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    // The password is sent twice (password and confirm). Under the 8 KiB
    // limit (about 6 KiB here) the form is read and judged on its merits:
    // a 3 KiB password is too long...
    let under = "a".repeat(3 * 1024);
    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "newbie", &under)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("The password must have at most 256 characters.")
    );
    // ...over it (about 10 KiB), it is not read at all: 413 with a page.
    let over = "a".repeat(5 * 1024);
    let r = w
        .send(post(&register(&m), &reg_fields(&csrf, "newbie", &over)))
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert_eq!(h1(&r.body), "This form is too large");
    assert_security_headers(&r, "oversized");
    assert!(w.server.accounts().is_empty());
    assert_eq!(w.uses(&m), 0);
}

// 8. Password reset

async fn reset_invite(w: &World, account: &str) -> MintedInvite {
    w.server.add_account(account, "old password");
    w.mint
        .mint_reset_invite(&jid("admin@example.org"), account, None, None)
        .await
        .unwrap()
}

fn reset_path(m: &MintedInvite) -> String {
    format!("/invite/{}/reset", m.token.expose())
}

fn reset_fields<'a>(csrf: &'a str, pw: &'a str, confirm: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("csrf", csrf), ("password", pw), ("confirm", confirm)]
}

#[tokio::test]
async fn a_reset_invite_lands_on_its_form_and_sets_the_password_once() {
    let w = world();
    let m = reset_invite(&w, "juliet").await;
    assert_eq!(m.landing_url, format!("{ORIGIN}{}", landing(&m)));
    // The landing page is the form: no apps, no xmpp: link, no register.
    let page = w.get(&landing(&m)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(h1(&page.body), "Set a new password for juliet@example.org");
    assert!(
        page.body
            .contains(&format!("action=\"{}\"", reset_path(&m)))
    );
    assert!(!page.body.contains("xmpp:"));
    assert!(!page.body.contains(&register(&m)));
    assert_security_headers(&page, "reset form");
    assert_no_store(&page, "reset form");
    let csrf = page.csrf();

    let r = w
        .send(post(&reset_path(&m), &reset_fields(&csrf, PW, PW)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(h1(&r.body), "Your new password is set");
    assert!(r.body.contains("juliet@example.org"));
    assert!(w.server.accounts().contains(&("juliet".into(), PW.into())));
    assert_eq!(w.server.accounts().len(), 1, "no account created");
    // Spent.
    let again = w
        .send(post(&reset_path(&m), &reset_fields(&csrf, PW, PW)))
        .await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(w.get(&landing(&m)).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn the_reset_form_shows_field_errors_and_never_the_password() {
    let w = world();
    let m = reset_invite(&w, "montague").await;
    let csrf = w.csrf(&reset_path(&m)).await;
    let secret = "Zq9-unique-secret-Zq9";
    let cases = [
        (
            reset_fields(&csrf, "short", "short"),
            "<p id=\"password-error\" class=\"error\">The password must have at least 8 characters.</p>",
        ),
        (
            reset_fields(&csrf, secret, "something else entirely"),
            "<p id=\"confirm-error\" class=\"error\">The two passwords differ.</p>",
        ),
        (
            reset_fields(&csrf, "Montague", "Montague"),
            "<p id=\"password-error\" class=\"error\">The password must not be the username.</p>",
        ),
    ];
    for (fields, error) in cases {
        let r = w.send(post(&reset_path(&m), &fields)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
        assert!(r.body.contains(error), "{}", r.body);
        assert!(r.body.contains("Please correct the fields marked below."));
        assert!(!r.body.contains(secret));
        assert!(!r.body.contains("something else entirely"));
    }
    assert_eq!(w.uses(&m), 0);
    assert!(
        w.server
            .accounts()
            .contains(&("montague".into(), "old password".into()))
    );
}

#[tokio::test]
async fn the_reset_form_refuses_forged_and_cross_site_posts() {
    let w = world();
    let m = reset_invite(&w, "juliet").await;
    let other = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&reset_path(&m)).await;
    // A registration form's token does not fit the reset form.
    let register_csrf = w.csrf(&register(&other)).await;
    let refused = [
        (
            "no token",
            post(&reset_path(&m), &[("password", PW), ("confirm", PW)]),
        ),
        (
            "another flow's token",
            post(&reset_path(&m), &reset_fields(&register_csrf, PW, PW)),
        ),
        (
            "Sec-Fetch-Site",
            with_header(
                post(&reset_path(&m), &reset_fields(&csrf, PW, PW)),
                "sec-fetch-site",
                "cross-site",
            ),
        ),
    ];
    for (what, req) in refused {
        let r = w.send(req).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{what}: {}", r.body);
    }
    assert_eq!(w.uses(&m), 0);
    // An account token has no reset form, and a reset token no
    // registration form: both look unknown.
    assert_eq!(
        w.get(&reset_path(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(w.get(&register(&m)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_server_that_refuses_a_reset_leaves_the_link_working() {
    let w = world();
    let m = reset_invite(&w, "juliet").await;
    let csrf = w.csrf(&reset_path(&m)).await;
    w.server
        .fail_with(Some(AccountError::Unavailable("down".into())));
    let r = w
        .send(post(&reset_path(&m), &reset_fields(&csrf, PW, PW)))
        .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        r.body
            .contains("Your password was not changed and this link still works")
    );
    assert_eq!(w.uses(&m), 0);
    // Lost answers, twice: the link is spent and the page says so.
    w.server.fail_with(None);
    w.server.lose_password_answers(2);
    let r = w
        .send(post(&reset_path(&m), &reset_fields(&csrf, PW, PW)))
        .await;
    assert_eq!(r.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(h1(&r.body), "We could not confirm your new password");
    assert_eq!(w.uses(&m), 1);
}
