//! Property-based tests of the web adapter, in-process through the real
//! router: any request to any route (paths, methods, headers, bodies,
//! content types, encodings) and any form posted to the register, existing
//! and confirm routes gets an answer, never a 5xx and never a panic; and the
//! router keeps answering afterwards.
//!
//! Each test prints how many requests it sent and the statuses that came
//! back.

mod support;

use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode, header};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use support::*;
use xmpp_invites::domain::MintRequest;

const CASES: u32 = 1500;

/// Characters a form field must survive: C0 controls, noncharacters,
/// bidirectional controls, combining marks, astral characters, ASCII that
/// means something in a URL, HTML or a JID.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('?')),
        Just('\u{7f}'),
        Just('\u{fffe}'),
        Just('\u{ffff}'),
        Just('\u{200f}'),
        Just('\u{202e}'),
        Just('\u{2066}'),
        Just('\u{feff}'),
        Just('\u{0301}'),
        Just('\u{1f600}'),
        Just('\u{10ffff}'),
        prop::sample::select(vec![
            '@', '/', '%', '&', '=', '+', '<', '>', '"', '\'', ' ', ';', '#'
        ]),
        any::<char>(),
        prop::char::range('a', 'z'),
    ]
}

fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(nasty_char(), 0..40).prop_map(|v| v.into_iter().collect()),
        1 => (prop::collection::vec(nasty_char(), 1..4), 100usize..1200)
            .prop_map(|(v, n)| v.into_iter().cycle().take(n).collect()),
        1 => Just(String::new()),
    ]
}

/// Percent-encoded bytes that are not UTF-8 text: lone surrogates as CESU
/// bytes, overlong forms, stray continuation bytes, a truncated sequence.
fn raw_junk() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "%ED%A0%80",
        "%ED%BF%BF",
        "%C0%AF",
        "%80",
        "%FF%FE",
        "%E2%82",
        "%",
        "%G1",
        "%00",
        "+",
        "&&",
        "==",
    ])
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A form body: either a valid form of the route with a few mutations
/// (a field's value replaced by nasty text, a field dropped or repeated,
/// raw junk spliced in), or the route's fields and others in any order
/// with nasty values; then perhaps one raw byte flipped.
fn form_body(valid: &'static [(&'static str, &'static str)]) -> impl Strategy<Value = Vec<u8>> {
    let names: Vec<&'static str> = valid.iter().map(|(k, _)| *k).chain(["x", "csrf"]).collect();
    let mutation = (
        0..4u8,
        any::<prop::sample::Index>(),
        nasty_string(),
        raw_junk(),
    );
    let mutated = prop::collection::vec(mutation, 0..4).prop_map(move |mutations| {
        let mut fields: Vec<(String, String, &'static str)> = valid
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string(), ""))
            .collect();
        for (op, i, text, junk) in mutations {
            if fields.is_empty() {
                break;
            }
            let i = i.index(fields.len());
            match op {
                0 => fields[i].1 = text,
                1 => {
                    fields.remove(i);
                }
                2 => fields.push(fields[i].clone()),
                _ => fields[i].2 = junk,
            }
        }
        fields
    });
    let arbitrary = prop::collection::vec(
        (
            prop::sample::select(names),
            prop_oneof![3 => nasty_string(), 1 => Just("CSRF".to_owned())],
            prop_oneof![3 => Just(""), 1 => raw_junk()],
        ),
        0..8,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(k, v, j)| (k.to_owned(), v, j))
            .collect()
    });
    (
        prop_oneof![mutated, arbitrary],
        proptest::option::of((any::<prop::sample::Index>(), any::<u8>())),
    )
        .prop_map(|(fields, flip): (Vec<(String, String, &str)>, _)| {
            let mut body = fields
                .into_iter()
                .map(|(k, v, junk)| format!("{k}={}{junk}", encode(&v)))
                .collect::<Vec<_>>()
                .join("&")
                .into_bytes();
            // A raw byte anywhere: invalid UTF-8 after decoding, or a
            // broken escape.
            if let Some((i, b)) = flip {
                if !body.is_empty() {
                    let i = i.index(body.len());
                    body[i] = b;
                }
            }
            body
        })
}

/// "CSRF" in a valid form stands for the real token, swapped in per case.
const REGISTER: &[(&str, &str)] = &[
    ("csrf", "CSRF"),
    ("username", "newbie"),
    ("password", "correct horse battery staple"),
    ("confirm", "correct horse battery staple"),
];
const EXISTING: &[(&str, &str)] = &[("csrf", "CSRF"), ("address", "juliet@example.net")];
const CONFIRM: &[(&str, &str)] = &[
    ("csrf", "CSRF"),
    ("invite", "1"),
    ("address", "bob@example.org"),
    ("code", "AAAA"),
];

/// Statuses seen (the runner takes a `Fn`, hence the cell).
#[derive(Default)]
struct Tally(RefCell<BTreeMap<u16, u32>>);

impl Tally {
    fn count(&self, status: StatusCode) {
        *self.0.borrow_mut().entry(status.as_u16()).or_default() += 1;
    }
    fn line(&self) -> String {
        let map = self.0.borrow();
        let total: u32 = map.values().sum();
        let by: Vec<String> = map.iter().map(|(s, n)| format!("{s}: {n}")).collect();
        format!("{total} requests; answers: {}", by.join(", "))
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

fn check(status: StatusCode, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(!status.is_server_error(), "{what}: answered {status}");
    Ok(())
}

#[test]
fn posted_forms_never_get_a_server_error() {
    let rt = runtime();
    let w = rt.block_on(async { world() });
    let tally = Tally::default();
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    // Fresh invites for every case: a successful registration uses one up.
    let strategy = (0..3usize).prop_flat_map(|route| {
        let valid = [REGISTER, EXISTING, CONFIRM][route];
        (
            Just(route),
            form_body(valid),
            prop_oneof![
                6 => Just("application/x-www-form-urlencoded"),
                1 => Just("application/x-www-form-urlencoded; charset=iso-8859-1"),
                1 => prop::sample::select(vec![
                    "text/plain",
                    "multipart/form-data; boundary=x",
                    "application/json",
                    "",
                ]),
            ],
        )
    });
    let result = runner.run(&strategy, |(route, body, content_type)| {
        rt.block_on(async {
            let (uri, form_uri) = match route {
                0 => {
                    let m = w.account_invite(MintRequest::default()).await;
                    (register(&m), register(&m))
                }
                1 => {
                    let m = w.contact_invite("bob@example.org").await;
                    (existing(&m), existing(&m))
                }
                _ => {
                    let m = w.account_invite(MintRequest::default()).await;
                    ("/confirm".to_owned(), register(&m))
                }
            };
            let csrf = w.csrf(&form_uri).await;
            let body = String::from_utf8_lossy(&body)
                .replace("CSRF", &csrf)
                .into_bytes();
            let mut req = post(&uri, &[]);
            *req.body_mut() = Body::from(body);
            if content_type.is_empty() {
                req.headers_mut().remove(header::CONTENT_TYPE);
            } else {
                req.headers_mut()
                    .insert(header::CONTENT_TYPE, content_type.parse().unwrap());
            }
            let r = w.send(req).await;
            tally.count(r.status);
            check(r.status, &uri)?;
            prop_assert!(
                r.body.contains("<h1>"),
                "{uri}: {} without a page",
                r.status
            );
            Ok(())
        })
    });
    println!("form properties: {}", tally.line());
    result.unwrap();
    let m = rt.block_on(w.account_invite(MintRequest::default()));
    assert_eq!(rt.block_on(w.get(&landing(&m))).status, StatusCode::OK);
}

const ROUTES: &[&str] = &[
    "/",
    "/static/style.css",
    "/invite/{t}",
    "/invite/{t}/register",
    "/invite/{t}/existing",
    "/confirm",
    "/invite/",
    "/invite/{t}/{t}",
    "/{t}",
];

/// Path segments: a live token, nasty text percent-encoded, or raw junk.
fn segment(token: String) -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(token),
        2 => nasty_string().prop_map(|s| encode(&s)),
        1 => raw_junk().prop_map(str::to_owned),
        1 => "[A-Za-z0-9_-]{0,40}",
    ]
}

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => nasty_string().prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..50),
        1 => (1usize..9000).prop_map(|n| vec![b'h'; n]),
    ]
}

#[derive(Debug, Clone)]
struct Fuzzed {
    method: Method,
    uri: String,
    headers: Vec<(&'static str, Vec<u8>)>,
    chunks: Vec<Vec<u8>>,
}

fn request_strategy(token: String, csrf: String) -> impl Strategy<Value = Fuzzed> {
    let method = prop_oneof![
        4 => prop::sample::select(vec![Method::GET, Method::POST]),
        1 => prop::sample::select(vec![
            Method::GET,
            Method::POST,
            Method::HEAD,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
            Method::PATCH,
            Method::TRACE,
        ]),
        1 => "[A-Z]{1,10}".prop_map(|m| Method::from_bytes(m.as_bytes()).unwrap_or(Method::GET)),
    ];
    let path = (
        prop::sample::select(ROUTES.to_vec()),
        segment(token.clone()),
        segment(token),
        proptest::option::of(prop::collection::vec(
            (
                prop::sample::select(vec!["platform", "invite", "address", "code", "x"]),
                nasty_string(),
                proptest::option::of(raw_junk()),
            ),
            0..5,
        )),
    )
        .prop_map(|(route, a, b, query)| {
            let mut uri = route.replacen("{t}", &a, 1).replacen("{t}", &b, 1);
            if let Some(q) = query {
                uri.push('?');
                let pairs: Vec<String> = q
                    .into_iter()
                    .map(|(k, v, j)| format!("{k}={}{}", encode(&v), j.unwrap_or("")))
                    .collect();
                uri.push_str(&pairs.join("&"));
            }
            uri
        });
    let names = prop::sample::select(vec![
        "content-type",
        "accept-language",
        "user-agent",
        "origin",
        "sec-fetch-site",
        "x-forwarded-for",
        "forwarded",
        "content-encoding",
        "cookie",
        "referer",
        "accept",
        "x-anything",
    ]);
    let headers = prop::collection::vec((names, header_value()), 0..8);
    let body = prop_oneof![
        form_body(REGISTER).prop_map(move |b| {
            String::from_utf8_lossy(&b)
                .replace("CSRF", &csrf)
                .into_bytes()
        }),
        prop::collection::vec(any::<u8>(), 0..400),
        (1usize..12_000).prop_map(|n| vec![b'a'; n]),
    ];
    // Split in chunks, as a chunked transfer encoding would deliver it.
    let chunks = (body, prop::collection::vec(1usize..64, 1..8)).prop_map(|(body, sizes)| {
        let mut chunks = Vec::new();
        let mut rest = &body[..];
        for size in sizes.into_iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (a, b) = rest.split_at(size.min(rest.len()));
            chunks.push(a.to_vec());
            rest = b;
        }
        chunks
    });
    (method, path, headers, chunks).prop_map(|(method, uri, headers, chunks)| Fuzzed {
        method,
        uri,
        headers,
        chunks,
    })
}

#[test]
fn any_request_to_any_route_gets_an_answer_and_no_server_error() {
    let rt = runtime();
    let w = rt.block_on(async { world() });
    let m = rt.block_on(w.contact_invite("admin@example.org"));
    let csrf = rt.block_on(w.csrf(&register(&m)));
    let tally = Tally::default();
    let invalid = Cell::new(0u32);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let token = m.token.expose().to_owned();
    let result = runner.run(&request_strategy(token, csrf), |f| {
        // What the HTTP layer would already have refused (an invalid URI
        // or header) never reaches the router.
        let Ok(mut req) = Request::builder()
            .method(f.method.clone())
            .uri(&f.uri)
            .body(Body::from_stream(futures::stream::iter(
                f.chunks
                    .clone()
                    .into_iter()
                    .map(|c| Ok::<_, std::io::Error>(Bytes::from(c))),
            )))
        else {
            invalid.set(invalid.get() + 1);
            return Ok(());
        };
        for (name, value) in &f.headers {
            if let Ok(v) = header::HeaderValue::from_bytes(value) {
                req.headers_mut().append(*name, v);
            }
        }
        let req = from_ip(req, [192, 0, 2, 1]);
        rt.block_on(async {
            let r = w.send(req).await;
            tally.count(r.status);
            check(r.status, &format!("{} {}", f.method, f.uri))
        })
    });
    println!(
        "route fuzz in-process: {}; {} generated requests were not valid HTTP and were skipped",
        tally.line(),
        invalid.get()
    );
    result.unwrap();
    assert_eq!(rt.block_on(w.get(&landing(&m))).status, StatusCode::OK);
}
