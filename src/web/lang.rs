//! The language of a page, chosen once per request by [`choose`] (a
//! middleware) and handed to handlers by the [`Lang`] extractor: `?lang=`
//! (which is then remembered in a cookie), the `lang` cookie,
//! `Accept-Language`, the configured default, English.
//!
//! The language switcher on every page links to the same page with
//! `lang=` set and the rest of its query kept (the confirmation page
//! carries its invite and code in the query).

use super::Shared;
use crate::i18n::Tr;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::convert::Infallible;

/// The name of the cookie and of the query parameter.
const NAME: &str = "lang";

/// A year: the choice outlives the invite, which is the point (a second
/// invite to the same person opens in their language).
const COOKIE_MAX_AGE: u32 = 365 * 24 * 3600;

/// The language of this request.
pub(super) struct Lang(pub Tr);

impl FromRequestParts<Shared> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, s: &Shared) -> Result<Self, Infallible> {
        Ok(Lang(s.tr_of(&parts.extensions)))
    }
}

tokio::task_local! {
    /// The request's query without `lang`, for the switcher's links. Task
    /// local rather than threaded through every page builder: it is only
    /// presentation, and a page built outside a request (none are) would
    /// simply get links without the rest of the query.
    static QUERY_REST: String;
}

/// The query to put before `lang=` in a link to the page being rendered:
/// empty, or the other parameters followed by `&`.
pub(super) fn query_rest() -> String {
    QUERY_REST.try_with(Clone::clone).unwrap_or_default()
}

/// What the request asked for, in the order it is honoured.
struct Asked<'a> {
    query: Option<String>,
    cookie: Option<&'a str>,
    accept_language: Option<&'a str>,
}

fn asked<'a>(query: Option<&str>, headers: &'a HeaderMap) -> (Asked<'a>, String) {
    let mut chosen = None;
    let mut rest = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if k == NAME {
            chosen = Some(v.into_owned());
        } else {
            rest.append_pair(&k, &v);
        }
    }
    let mut rest = rest.finish();
    if !rest.is_empty() {
        rest.push('&');
    }
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == NAME).then_some(v.trim())
        });
    let accept_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    (
        Asked {
            query: chosen,
            cookie,
            accept_language,
        },
        rest,
    )
}

/// Picks the request's language, puts it in the request for [`Lang`], and
/// remembers a `?lang=` choice in a cookie. A tag no catalogue has is
/// ignored, so a stray link cannot set a cookie to garbage.
pub(super) async fn choose(State(s): State<Shared>, mut req: Request, next: Next) -> Response {
    let (asked, rest) = asked(req.uri().query(), req.headers());
    // Only the confirmation page is addressed by its query; elsewhere the
    // query is input (the accept form's pasted code, say) that the links
    // must not write back into the page.
    let rest = if req.uri().path().ends_with("/confirm") {
        rest
    } else {
        String::new()
    };
    let cat = s.look().i18n.clone();
    let from_query = asked.query.as_deref().and_then(|t| cat.pick(t));
    let tr = from_query
        .clone()
        .or_else(|| asked.cookie.and_then(|t| cat.pick(t)))
        .unwrap_or_else(|| cat.negotiate(asked.accept_language));
    req.extensions_mut().insert(tr);
    let mut resp = QUERY_REST.scope(rest, next.run(req)).await;
    let h = resp.headers_mut();
    // The same URL answers in several languages.
    h.append(
        header::VARY,
        HeaderValue::from_static("accept-language, cookie"),
    );
    if let Some(tr) = from_query {
        let secure = if s.origin.starts_with("https://") {
            "; Secure"
        } else {
            ""
        };
        let path = if s.prefix.is_empty() { "/" } else { &s.prefix };
        // The tag is the catalogue's own (letters, digits, '-'), never what
        // the client sent, so it needs no quoting.
        let cookie = format!(
            "{NAME}={}; Path={path}; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly{secure}",
            tr.lang_tag()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            h.append(header::SET_COOKIE, v);
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switcher_keeps_the_rest_of_the_query() {
        let h = HeaderMap::new();
        let (a, rest) = asked(Some("invite=3&lang=de&code=a%20b"), &h);
        assert_eq!(a.query.as_deref(), Some("de"));
        assert_eq!(rest, "invite=3&code=a+b&");
        let (a, rest) = asked(None, &h);
        assert!(a.query.is_none());
        assert_eq!(rest, "");
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, "a=1; lang=ja ; b=2".parse().unwrap());
        let (a, _) = asked(None, &h);
        assert_eq!(a.cookie, Some("ja"));
    }
}
