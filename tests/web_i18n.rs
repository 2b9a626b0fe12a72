//! The language of the web pages, in-process through the real router:
//! `Accept-Language` negotiation, the switcher's `?lang=`, the cookie that
//! remembers it, the configured default, branding and the operator's
//! overrides.

mod support;

use axum::http::{StatusCode, header};
use std::time::Duration;
use support::*;
use xmpp_invites::config::Branding;
use xmpp_invites::domain::MintRequest;
use xmpp_invites::i18n::Catalogue;
use xmpp_invites::store::SqliteStore;
use xmpp_invites::web::brand::Look;

/// `lang` and `dir` of the page's `<html>`.
fn html_lang(body: &str) -> (String, String) {
    let start = body.find("<html ").expect("an <html> element");
    let tag = &body[start..start + body[start..].find('>').unwrap()];
    let attr = |name: &str| {
        let marker = format!("{name}=\"");
        let from = tag
            .find(&marker)
            .unwrap_or_else(|| panic!("{name} in {tag}"))
            + marker.len();
        tag[from..from + tag[from..].find('"').unwrap()].to_owned()
    };
    (attr("lang"), attr("dir"))
}

fn world_with_look(b: &Branding) -> World {
    world_looking(
        SqliteStore::open_in_memory().unwrap(),
        GENEROUS,
        "",
        Duration::from_secs(10),
        Look::load(b).unwrap(),
    )
}

fn tr(tag: &str) -> xmpp_invites::i18n::Tr {
    Catalogue::builtin().pick(tag).unwrap()
}

#[tokio::test]
async fn accept_language_picks_the_catalogue() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let cases = [
        ("de-AT,de;q=0.9", "de", "ltr"),
        ("pt-BR", "pt-BR", "ltr"),
        ("ar", "ar", "rtl"),
        ("fr;q=0.1, ja", "ja", "ltr"),
        ("*", "en-US", "ltr"),
        ("garbage;;q=x,,", "en-US", "ltr"),
        ("", "en-US", "ltr"),
    ];
    for (accept, lang, dir) in cases {
        let r = w
            .send(get_with(&landing(&m), header::ACCEPT_LANGUAGE, accept))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{accept}");
        assert_eq!(html_lang(&r.body), (lang.into(), dir.into()), "{accept}");
        assert!(r.header(header::SET_COOKIE).is_empty(), "{accept}");
        // The words are that language's, not only the attribute.
        let title = tr(lang).args("invite-title-account", &[("domain", "example.org")]);
        assert_eq!(h1(&r.body), title, "{accept}");
        assert!(r.header(header::VARY).contains("accept-language"));
    }
    // Without any header at all.
    let r = w.get(&landing(&m)).await;
    assert_eq!(html_lang(&r.body).0, "en-US");
}

#[tokio::test]
async fn the_configured_default_comes_before_english() {
    let w = world_with_look(&Branding {
        default_language: Some("uk".into()),
        ..Branding::default()
    });
    for accept in ["*", "xx-YY", "garbage;;", ""] {
        let r = w.send(get_with("/", header::ACCEPT_LANGUAGE, accept)).await;
        assert_eq!(html_lang(&r.body).0, "uk", "{accept:?}");
    }
    let r = w.send(get_with("/", header::ACCEPT_LANGUAGE, "nl")).await;
    assert_eq!(html_lang(&r.body).0, "nl");
}

#[tokio::test]
async fn the_switcher_overrides_and_the_cookie_remembers() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let url = format!("{}?lang=ja", landing(&m));
    let r = w.send(get_with(&url, header::ACCEPT_LANGUAGE, "de")).await;
    assert_eq!(html_lang(&r.body).0, "ja");
    let cookie = r.header(header::SET_COOKIE).to_owned();
    let attrs: Vec<&str> = cookie.split(';').map(str::trim).collect();
    assert_eq!(attrs[0], "lang=ja", "{cookie}");
    for a in [
        "Path=/",
        "SameSite=Lax",
        "HttpOnly",
        "Secure",
        "Max-Age=31536000",
    ] {
        assert!(attrs.contains(&a), "{a} in {cookie}");
    }
    // The expiry date is written the Japanese way.
    let expires = tr("ja").datetime(m.expires.0);
    assert!(r.body.contains(&expires), "{expires}");

    // Remembered: the cookie wins over Accept-Language, on every page.
    for uri in [
        landing(&m),
        register(&m),
        "/".into(),
        "/nothing-here".into(),
    ] {
        let req = with_header(
            get_with(&uri, header::ACCEPT_LANGUAGE, "de"),
            "cookie",
            "other=1; lang=ja",
        );
        let r = w.send(req).await;
        assert_eq!(html_lang(&r.body).0, "ja", "{uri}");
        assert!(r.header(header::SET_COOKIE).is_empty(), "{uri}");
    }

    // An unknown ?lang= is ignored and sets nothing; the cookie still holds.
    let req = with_header(
        get_with(
            &format!("{}?lang=xx", landing(&m)),
            header::ACCEPT_LANGUAGE,
            "de",
        ),
        "cookie",
        "lang=ja",
    );
    let r = w.send(req).await;
    assert_eq!(html_lang(&r.body).0, "ja");
    assert!(r.header(header::SET_COOKIE).is_empty());
    let r = w
        .send(get_with(
            &format!("{}?lang=%3Cscript%3E", landing(&m)),
            header::ACCEPT_LANGUAGE,
            "de",
        ))
        .await;
    assert_eq!(html_lang(&r.body).0, "de");
    assert!(r.header(header::SET_COOKIE).is_empty());
    // A tag is matched as negotiation would: de-CH is German.
    let r = w.get(&format!("{}?lang=de-CH", landing(&m))).await;
    assert_eq!(html_lang(&r.body).0, "de");
    assert!(r.header(header::SET_COOKIE).starts_with("lang=de;"));
}

#[tokio::test]
async fn a_post_after_a_switch_answers_in_the_chosen_language() {
    let w = world();
    let m = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&m)).await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("username", "eve"),
        ("password", PW),
        ("confirm", "something else entirely"),
    ];
    let req = with_header(post(&register(&m), &fields), "cookie", "lang=pl");
    let r = w.send(req).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(html_lang(&r.body).0, "pl");
    assert!(r.body.contains(&tr("pl").t("error-password-mismatch")));
    // And with a valid form, the success page too.
    let fields = reg_fields(&csrf, "eve", PW);
    let req = with_header(post(&register(&m), &fields), "cookie", "lang=ar");
    let r = w.send(req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(html_lang(&r.body), ("ar".into(), "rtl".into()));
}

/// The switcher's links: one per language, named in it, the current one
/// marked, and the rest of the query kept (the confirmation link carries
/// its invite and code there).
#[tokio::test]
async fn the_switcher_lists_every_language_and_keeps_the_query() {
    let w = world();
    let r = w
        .send(get_with(
            "/confirm?invite=7&address=a%40b&lang=fr&code=xyz",
            header::ACCEPT_LANGUAGE,
            "en",
        ))
        .await;
    // A dead confirmation link, but a page with the switcher all the same.
    assert_eq!(html_lang(&r.body).0, "fr");
    let nav_start = r.body.find("<nav id=\"languages\"").expect("the switcher");
    let nav = &r.body[nav_start..nav_start + r.body[nav_start..].find("</nav>").unwrap()];
    assert!(nav.contains(&format!(
        "aria-label=\"{}\"",
        tr("fr").t("lang-switcher-label")
    )));
    let langs = Catalogue::builtin().languages().to_vec();
    assert!(langs.len() >= 12, "{langs:?}");
    assert_eq!(nav.matches("<a ").count(), langs.len());
    for l in &langs {
        let tag = l.to_string();
        let link = format!(
            "<a href=\"?invite=7&#38;address=a%40b&#38;code=xyz&#38;lang={tag}\" hreflang=\"{tag}\" lang=\"{tag}\""
        );
        assert!(nav.contains(&link), "{link} in {nav}");
        assert!(
            nav.contains(&format!(">{}</a>", tr(&tag).t("lang-name"))),
            "{tag}"
        );
    }
    assert_eq!(nav.matches("aria-current=\"true\"").count(), 1);
    assert!(
        nav.contains("lang=fr\" hreflang=\"fr\" lang=\"fr\" dir=\"ltr\" aria-current=\"true\"")
    );
    assert!(nav.contains("hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">"));
}

#[tokio::test]
async fn the_cookie_is_scoped_to_the_prefix_and_plain_over_http() {
    let w = world_with(SqliteStore::open_in_memory().unwrap(), GENEROUS, "/join");
    let m = w.account_invite(MintRequest::default()).await;
    let r = w.get(&format!("/join{}?lang=it", landing(&m))).await;
    assert_eq!(html_lang(&r.body).0, "it");
    let cookie = r.header(header::SET_COOKIE);
    assert!(cookie.contains("Path=/join;"), "{cookie}");
    // ORIGIN is https: Secure. (Plain http is the test harness's case.)
    assert!(cookie.ends_with("Secure"), "{cookie}");
}

#[tokio::test]
async fn branding_names_colours_and_rewords_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("locales/de")).unwrap();
    std::fs::write(
        d.join("locales/de/site.ftl"),
        "register-submit = Los geht's\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("static/img")).unwrap();
    std::fs::write(d.join("static/custom.css"), "body { margin: 0 }\n").unwrap();
    std::fs::write(d.join("static/img/x.png"), "not really a PNG").unwrap();
    std::fs::write(d.join("static/evil.html"), "<script></script>").unwrap();
    std::fs::create_dir_all(d.join("templates")).unwrap();
    std::fs::write(
        d.join("templates/footer.html"),
        "<p>Run by the <a href=\"https://example.org/\">Example club</a></p>",
    )
    .unwrap();
    std::fs::write(
        d.join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let w = world_with_look(&Branding {
        site_name: Some("Example Chat".into()),
        logo: Some(d.join("logo.svg")),
        accent_color: Some("#6a1b9a".into()),
        default_language: Some("de".into()),
        overrides_dir: Some(d.to_owned()),
    });
    let m = w.account_invite(MintRequest::default()).await;
    let r = w.get(&register(&m)).await;
    assert_eq!(html_lang(&r.body).0, "de");
    assert!(r.body.contains("<p class=\"site\"><img class=\"logo\" src=\"/static/logo\" alt=\"\" height=\"32\"> Example Chat</p>"), "{}", r.body);
    assert!(
        r.body.contains("Los geht&#39;s") || r.body.contains("Los geht&#x27;s"),
        "{}",
        r.body
    );
    // Not overridden: the built-in German.
    assert!(r.body.contains(&tr("de").t("register-username")));
    assert!(
        r.body
            .contains("<link rel=\"stylesheet\" href=\"/static/brand.css\">")
    );
    assert!(
        r.body
            .contains("<link rel=\"stylesheet\" href=\"/static/site/custom.css\">")
    );
    assert!(r.body.contains(
        "<footer>\n<p>Run by the <a href=\"https://example.org/\">Example club</a></p>\n</footer>"
    ));
    assert_security_headers(&r, "branded page");

    let css = w.get("/static/brand.css").await;
    assert_eq!(css.header(header::CONTENT_TYPE), "text/css; charset=utf-8");
    assert!(css.body.contains("--accent: #6a1b9a;"), "{}", css.body);
    let logo = w.get("/static/logo").await;
    assert_eq!(logo.header(header::CONTENT_TYPE), "image/svg+xml");
    assert!(logo.body.starts_with("<svg"));
    let png = w.get("/static/site/img/x.png").await;
    assert_eq!(png.status, StatusCode::OK);
    assert_eq!(png.header(header::CONTENT_TYPE), "image/png");
    for bad in [
        "/static/site/evil.html",
        "/static/site/../logo.svg",
        "/static/site/%2e%2e/logo.svg",
        "/static/site/nothing.css",
    ] {
        let r = w.get(bad).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn without_branding_nothing_extra_is_linked_or_served() {
    let w = world();
    let r = w.get("/").await;
    assert!(!r.body.contains("brand.css"));
    assert!(!r.body.contains("custom.css"));
    assert!(!r.body.contains("<footer>"));
    assert!(!r.body.contains("class=\"logo\""));
    for uri in [
        "/static/brand.css",
        "/static/logo",
        "/static/site/custom.css",
    ] {
        assert_eq!(w.get(uri).await.status, StatusCode::NOT_FOUND, "{uri}");
    }
}

/// Every kind of page carries `<html lang dir>` and the switcher in the
/// chosen language: the flows' pages, the front page, a failed post, the
/// refusals (404, 410).
#[tokio::test]
async fn every_page_has_the_switcher_in_the_chosen_language() {
    let w = world();
    let account = w.account_invite(MintRequest::default()).await;
    let contact = w.contact_invite("bob@example.org").await;
    w.server.add_account("carol", "old password");
    let reset = w
        .mint
        .mint_reset_invite(&jid("admin@example.org"), "carol", None, None)
        .await
        .unwrap();
    let used = w.account_invite(MintRequest::default()).await;
    let csrf = w.csrf(&register(&used)).await;
    w.send(post(&register(&used), &reg_fields(&csrf, "first", PW)))
        .await;
    let pages = [
        ("/".to_owned(), StatusCode::OK),
        ("/accept?code=nothing".to_owned(), StatusCode::NOT_FOUND),
        (landing(&account), StatusCode::OK),
        (register(&account), StatusCode::OK),
        (existing(&contact), StatusCode::OK),
        (
            format!("/invite/{}/reset", reset.token.expose()),
            StatusCode::OK,
        ),
        (landing(&used), StatusCode::GONE),
        (format!("/invite/{UNKNOWN_TOKEN}"), StatusCode::NOT_FOUND),
        (
            "/confirm?invite=1&address=x&code=y".to_owned(),
            StatusCode::NOT_FOUND,
        ),
    ];
    let ar = tr("ar");
    for (uri, status) in pages {
        let r = w.send(with_header(get(&uri), "cookie", "lang=ar")).await;
        assert_eq!(r.status, status, "{uri}");
        assert_eq!(html_lang(&r.body), ("ar".into(), "rtl".into()), "{uri}");
        let label = format!(
            "<nav id=\"languages\" aria-label=\"{}\">",
            ar.t("lang-switcher-label")
        );
        assert!(r.body.contains(&label), "{uri}");
        assert!(
            r.body.contains(
                "hreflang=\"ar\" lang=\"ar\" dir=\"rtl\" aria-current=\"true\">العربية</a>"
            ),
            "{uri}"
        );
    }
    // What was typed into the accept form is not written back into the
    // switcher's links (the confirmation page alone keeps its query).
    let r = w.send(get("/accept?code=sekrit-typed-code")).await;
    assert!(!r.body.contains("sekrit-typed-code&"), "{}", r.body);
    assert!(r.body.contains("href=\"?lang=de\""), "{}", r.body);
    // A post refused for its form token is answered in the language too.
    let req = with_header(
        post(&register(&account), &reg_fields("forged", "eve", PW)),
        "cookie",
        "lang=ar",
    );
    let r = w.send(req).await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert_eq!(html_lang(&r.body).0, "ar");
}
