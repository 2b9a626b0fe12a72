//! [`ServerOps`] for ejabberd (measured on Debian's 23.01): accounts with
//! XEP-0133 `admin#add-user` over the component link as on Prosody;
//! roster entries and account existence through ejabberd's HTTP API
//! (mod_http_api + mod_admin_extra), because 23.01 fails privileged roster
//! sets (internal-server-error, ejabberd bug #3942) and later versions
//! ignore the `subscription` a component sends; notifications as chat
//! messages from the component.

use super::xep_0133::{AdminCommands, Hints};
use super::{RosterWriter, apply_effect};
use crate::config::{ApiCredentials, EjabberdApi};
use crate::domain::{AccountError, AccountStart, Effect, EffectError, ServerOps, Subscription};
use crate::xmpp::link::Link;
use futures::future::BoxFuture;
use serde_json::{Value, json};
use std::time::Duration;
use xmpp_parsers::jid::BareJid;

/// The longest piece of an API answer quoted in an error.
const QUOTE_MAX: usize = 200;

/// ejabberd (23.01 and later, with mod_adhoc, mod_configure, mod_http_api
/// and mod_admin_extra).
pub struct EjabberdOps {
    admin: AdminCommands,
    link: Link,
    domain: BareJid,
    timeout: Duration,
    api: Api,
}

impl EjabberdOps {
    /// Fails only when no HTTP client can be built (TLS set-up).
    pub fn new(
        link: Link,
        domain: BareJid,
        timeout: Duration,
        api: &EjabberdApi,
    ) -> anyhow::Result<EjabberdOps> {
        let component = link.jid().clone();
        let hints = Hints {
            server: "ejabberd",
            not_admin: format!(
                "in ejabberd.yml add the ACL `invites_component: {{server: \"{component}\"}}` and, \
                 under host_config \"{domain}\" access_rules, `configure: [{{allow: admin}}, {{allow: invites_component}}]` \
                 (per-host rules replace the global ones: repeat the others there too)"
            ),
            no_command: "load mod_adhoc and mod_configure in ejabberd.yml".to_owned(),
        };
        Ok(EjabberdOps {
            admin: AdminCommands::new(link.clone(), domain.clone(), timeout, hints),
            api: Api::new(api, timeout, &domain)?,
            link,
            domain,
            timeout,
        })
    }

    async fn user_exists(&self, localpart: &str) -> Result<bool, AccountError> {
        let args = json!({ "user": localpart, "host": self.domain.as_str() });
        match self.api.call("check_account", &args).await {
            // It answers like a shell: 0 when the account exists.
            Ok(v) if v == json!(0) => Ok(true),
            Ok(v) if v == json!(1) => Ok(false),
            Ok(v) => Err(AccountError::Refused(format!(
                "check_account answered {}",
                quote(&v.to_string())
            ))),
            // Only reads: whatever went wrong, nothing was created.
            Err(Failure::NotSent(e) | Failure::Lost(e)) => Err(AccountError::Unavailable(e)),
            Err(f @ Failure::Status { .. }) if f.is_permission() => {
                Err(AccountError::NotPermitted(self.api.permission_hint(&f)))
            }
            Err(f @ Failure::Status { code, .. }) if code >= 500 => {
                Err(AccountError::Unavailable(f.to_string()))
            }
            Err(f) => Err(AccountError::Refused(f.to_string())),
        }
    }

    /// Through the API's `change_password`, after `check_account`: ejabberd
    /// would otherwise not say whether the account is missing.
    async fn set_password(&self, localpart: &str, password: &str) -> Result<(), AccountError> {
        if !self.user_exists(localpart).await? {
            return Err(AccountError::NoSuchAccount);
        }
        let args = json!({
            "user": localpart,
            "host": self.domain.as_str(),
            "newpass": password,
        });
        match self.api.call("change_password", &args).await {
            Ok(v) if v == json!(0) => Ok(()),
            Ok(v) => Err(AccountError::Refused(format!(
                "change_password answered {}",
                quote(&v.to_string())
            ))),
            Err(Failure::NotSent(e)) => Err(AccountError::Unavailable(e)),
            // The password may or may not have changed.
            Err(Failure::Lost(e)) => Err(AccountError::Indeterminate(e)),
            Err(f @ Failure::Status { .. }) if f.is_permission() => {
                Err(AccountError::NotPermitted(self.api.permission_hint(&f)))
            }
            Err(f @ Failure::Status { code, .. }) if code >= 500 => {
                Err(AccountError::Indeterminate(f.to_string()))
            }
            Err(f) => Err(AccountError::Refused(f.to_string())),
        }
    }

    async fn roster_set(
        &self,
        owner: &BareJid,
        contact: &BareJid,
        name: Option<&str>,
        subscription: Subscription,
        group: Option<&str>,
    ) -> Result<(), EffectError> {
        let (Some(localuser), Some(user)) = (owner.node(), contact.node()) else {
            return Err(EffectError::Refused(format!(
                "cannot add {contact} to {owner}'s roster through the API: both must be user JIDs"
            )));
        };
        let mut args = json!({
            "localuser": localuser.as_str(),
            "localhost": owner.domain().as_str(),
            "user": user.as_str(),
            "host": contact.domain().as_str(),
            "nick": name.unwrap_or(""),
            "subs": subscription.as_str(),
        });
        let mut result = self
            .api
            .call("add_rosteritem", &with_group(&args, Groups::Single, group))
            .await;
        if result.as_ref().is_err_and(Failure::wants_group_list) {
            // ejabberd 24.02 changed the argument `group` (one name) to
            // `groups` (a list); 23.01 refuses the list. Ask the new way
            // when the server says so.
            args = with_group(&args, Groups::List, group);
            result = self.api.call("add_rosteritem", &args).await;
        }
        match result {
            Ok(v) if v == json!(0) => Ok(()),
            Ok(v) => Err(EffectError::Refused(format!(
                "add_rosteritem for {owner} answered {}",
                quote(&v.to_string())
            ))),
            Err(f @ (Failure::NotSent(_) | Failure::Lost(_))) => {
                // Lost answers are safe to retry: adding the same item
                // twice leaves one item.
                Err(EffectError::Transient(f.to_string()))
            }
            Err(f @ Failure::Status { .. }) if f.is_permission() => {
                Err(EffectError::Refused(self.api.permission_hint(&f)))
            }
            Err(f @ Failure::Status { code, .. }) if code >= 500 => {
                Err(EffectError::Transient(f.to_string()))
            }
            Err(f) => Err(EffectError::Refused(f.to_string())),
        }
    }
}

#[derive(Clone, Copy)]
enum Groups {
    /// ejabberd ≤ 23.x: `group`, one name ("" for none).
    Single,
    /// ejabberd ≥ 24.02: `groups`, a list.
    List,
}

/// `args` with the roster group in the shape this server version takes.
fn with_group(args: &Value, groups: Groups, group: Option<&str>) -> Value {
    let mut args = args.clone();
    if let Some(map) = args.as_object_mut() {
        map.remove("group");
        map.remove("groups");
        match (groups, group) {
            (Groups::Single, g) => map.insert("group".into(), json!(g.unwrap_or(""))),
            (Groups::List, None) => map.insert("groups".into(), json!([])),
            (Groups::List, Some(g)) => map.insert("groups".into(), json!([g])),
        };
    }
    args
}

/// Why an API call did not succeed.
#[derive(Debug, thiserror::Error)]
enum Failure {
    /// The request never reached the server: nothing happened.
    #[error("ejabberd's API is unreachable: {0}")]
    NotSent(String),
    /// The request went out but no answer came.
    #[error("ejabberd's API did not answer: {0}")]
    Lost(String),
    /// The server answered with an error status.
    #[error("ejabberd's API answered {command} with HTTP {code}: {text}")]
    Status {
        command: &'static str,
        code: u16,
        text: String,
    },
    /// A 200 whose body is not JSON.
    #[error("ejabberd's API answered {0}")]
    Unexpected(String),
}

impl Failure {
    /// ejabberd answers 401 without valid credentials and 403 when
    /// api_permissions do not allow the command for this caller.
    fn is_permission(&self) -> bool {
        matches!(
            self,
            Failure::Status {
                code: 401 | 403,
                ..
            }
        )
    }

    fn wants_group_list(&self) -> bool {
        match self {
            Failure::Status {
                code: 400, text, ..
            } => text.contains("unknown arguments: [group]") || text.contains("argument: groups"),
            _ => false,
        }
    }
}

/// A client of one ejabberd HTTP API.
struct Api {
    http: reqwest::Client,
    /// The base URL without its trailing slash.
    base: String,
    credentials: Option<ApiCredentials>,
    /// For the hints: which `who` the permissions must name.
    domain: String,
}

impl Api {
    fn new(api: &EjabberdApi, timeout: Duration, domain: &BareJid) -> anyhow::Result<Api> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            // Credentials go to this URL only, never where a redirect
            // points; and the API is reached directly, whatever proxy the
            // environment names for other programs.
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .user_agent(concat!("xmpp-invites/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| anyhow::anyhow!("cannot build the HTTP client for server.api_url: {e}"))?;
        Ok(Api {
            http,
            base: api.url.as_str().trim_end_matches('/').to_owned(),
            credentials: api.credentials.clone(),
            domain: domain.to_string(),
        })
    }

    /// POSTs `args` to `{base}/{command}` and returns the decoded answer
    /// of a 200.
    async fn call(&self, command: &'static str, args: &Value) -> Result<Value, Failure> {
        let mut req = self
            .http
            .post(format!("{}/{command}", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(args.to_string());
        if let Some(c) = &self.credentials {
            req = req.basic_auth(&c.user, Some(&c.password));
        }
        let resp = req.send().await.map_err(|e| {
            // reqwest's messages name the URL, never the credentials
            // (they travel in a header).
            let text = error_chain(&e);
            if e.is_connect() {
                Failure::NotSent(text)
            } else {
                Failure::Lost(text)
            }
        })?;
        let code = resp.status().as_u16();
        let body = resp
            .text()
            .await
            .map_err(|e| Failure::Lost(error_chain(&e)))?;
        if code != 200 {
            return Err(Failure::Status {
                command,
                code,
                text: quote(&error_text(&body)),
            });
        }
        serde_json::from_str(&body).map_err(|_| Failure::Unexpected(quote(&body)))
    }

    /// The configuration that lets this caller run the API commands.
    fn permission_hint(&self, f: &Failure) -> String {
        let who = match &self.credentials {
            Some(c) => format!("{{user: \"{}\"}}", c.user),
            None => "{ip: 127.0.0.1/32}".to_owned(),
        };
        format!(
            "{f}. In ejabberd.yml allow the commands for this caller, e.g. \
             api_permissions: \"xmpp-invites\": {{from: [mod_http_api], who: {who}, \
             what: [add_rosteritem, check_account, change_password]}} (and load mod_admin_extra; \
             the host is {})",
            self.domain
        )
    }
}

/// ejabberd's error bodies are JSON: a string, or an object with a
/// `message`.
fn error_text(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::String(s)) => s,
        Ok(Value::Object(o)) => match o.get("message") {
            Some(Value::String(m)) => m.clone(),
            _ => Value::Object(o).to_string(),
        },
        _ => body.to_owned(),
    }
}

/// At most [`QUOTE_MAX`] characters of what the server said, on one line.
fn quote(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out: String = one_line.chars().take(QUOTE_MAX).collect();
    if one_line.chars().count() > QUOTE_MAX {
        out.push('…');
    }
    out
}

/// An error and its sources ("error sending request: … : Connection
/// refused"), as reqwest's top-level message alone says little.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// For `doctor`: whether ejabberd's API answers `check_account` for this
/// caller (it only reads). The error is what to tell the operator.
pub async fn probe_api(
    api: &EjabberdApi,
    domain: &BareJid,
    timeout: Duration,
) -> Result<String, String> {
    let client = Api::new(api, timeout, domain).map_err(|e| e.to_string())?;
    let args = json!({ "user": "xmpp-invites-doctor", "host": domain.as_str() });
    match client.call("check_account", &args).await {
        Ok(v) if v == json!(0) || v == json!(1) => Ok(format!("{} answers check_account", api.url)),
        Ok(v) => Err(format!("check_account answered {}", quote(&v.to_string()))),
        Err(f) if f.is_permission() => Err(client.permission_hint(&f)),
        Err(f) => Err(f.to_string()),
    }
}

impl RosterWriter for EjabberdOps {
    fn write_roster<'a>(
        &'a self,
        owner: &'a BareJid,
        contact: &'a BareJid,
        name: Option<&'a str>,
        subscription: Subscription,
        group: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), EffectError>> {
        Box::pin(self.roster_set(owner, contact, name, subscription, group))
    }

    fn messages(&self) -> (&Link, &BareJid, Duration) {
        (&self.link, &self.domain, self.timeout)
    }
}

impl ServerOps for EjabberdOps {
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
        Box::pin(self.user_exists(localpart))
    }

    fn change_password<'a>(
        &'a self,
        localpart: &'a str,
        password: &'a str,
    ) -> BoxFuture<'a, Result<(), AccountError>> {
        Box::pin(self.set_password(localpart, password))
    }

    /// ejabberd prepares passwords with resourceprep as stored strings
    /// (`ejabberd_auth:validate_credentials`), so it refuses code points
    /// unassigned in Unicode 3.2, emoji among them, which SASLprep queries
    /// allow. 23.01 then crashes in add-user rather than answering.
    fn refuses_password(&self, password: &str) -> bool {
        stringprep::resourceprep(password).is_err()
    }

    fn apply<'a>(&'a self, effect: &'a Effect) -> BoxFuture<'a, Result<(), EffectError>> {
        Box::pin(apply_effect(self, effect))
    }
}

#[cfg(test)]
mod tests {
    //! Against a small in-process HTTP server standing in for ejabberd's
    //! API, answering as 23.01 was measured to answer; the real server is
    //! exercised by the integration suite.
    use super::*;
    use axum::extract::{Path, State};
    use axum::http::{HeaderMap, StatusCode};
    use std::sync::{Arc, Mutex};

    type Seen = Arc<Mutex<Vec<(String, Value, Option<String>)>>>;
    type Answer = Arc<dyn Fn(&str, &Value) -> (StatusCode, String) + Send + Sync>;

    async fn fake_api(answer: Answer) -> (String, Seen, tokio::task::JoinHandle<()>) {
        let seen: Seen = Arc::default();
        let state = (seen.clone(), answer);
        let app = axum::Router::new()
            .route(
                "/api/{command}",
                axum::routing::post(
                    |State((seen, answer)): State<(Seen, Answer)>,
                     Path(command): Path<String>,
                     headers: HeaderMap,
                     body: String| async move {
                        let args: Value = serde_json::from_str(&body).unwrap();
                        let auth = headers
                            .get("authorization")
                            .map(|v| v.to_str().unwrap().to_owned());
                        let (code, text) = answer(&command, &args);
                        seen.lock().unwrap().push((command, args, auth));
                        (code, text)
                    },
                ),
            )
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/api/", listener.local_addr().unwrap());
        let task = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (url, seen, task)
    }

    fn ops(url: &str, credentials: Option<ApiCredentials>) -> EjabberdOps {
        let (link, _queue) = Link::new(BareJid::new("invites.example.org").unwrap());
        let api = EjabberdApi {
            url: url::Url::parse(url).unwrap(),
            credentials,
            credentials_file: None,
        };
        EjabberdOps::new(
            link,
            BareJid::new("example.org").unwrap(),
            Duration::from_secs(5),
            &api,
        )
        .unwrap()
    }

    fn item(subscription: Subscription) -> Effect {
        Effect::RosterItem {
            owner: BareJid::new("alice@example.org").unwrap(),
            contact: BareJid::new("bob@other.org").unwrap(),
            name: Some("Bob".into()),
            subscription,
        }
    }

    #[tokio::test]
    async fn a_roster_item_is_one_add_rosteritem_with_the_subscription() {
        let (url, seen, task) =
            fake_api(Arc::new(|_: &str, _: &Value| (StatusCode::OK, "0".into()))).await;
        let ops = ops(&url, None);
        ops.apply(&item(Subscription::Both)).await.unwrap();
        ops.apply(&item(Subscription::From)).await.unwrap();
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].0, "add_rosteritem");
        assert_eq!(
            seen[0].1,
            json!({"localuser": "alice", "localhost": "example.org", "user": "bob",
                   "host": "other.org", "nick": "Bob", "group": "", "subs": "both"})
        );
        assert_eq!(seen[1].1["subs"], "from");
        assert_eq!(seen[0].2, None, "no credentials configured, none sent");
        task.abort();
    }

    #[tokio::test]
    async fn a_server_that_wants_a_group_list_is_asked_again_with_one() {
        // What 24.02+ would say to 23.01's argument, and 23.01 to the new.
        let (url, seen, task) = fake_api(Arc::new(|_: &str, args: &Value| {
            if args.get("group").is_some() {
                (
                    StatusCode::BAD_REQUEST,
                    "\"Request have unknown arguments: [group]\"".into(),
                )
            } else {
                (StatusCode::OK, "0".into())
            }
        }))
        .await;
        ops(&url, None)
            .apply(&item(Subscription::Both))
            .await
            .unwrap();
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1].1["groups"], json!([]));
        assert!(seen[1].1.get("group").is_none());
        task.abort();
    }

    #[tokio::test]
    async fn credentials_go_as_http_basic_and_a_refusal_names_the_fix() {
        let (url, seen, task) = fake_api(Arc::new(|_: &str, _: &Value| {
            (
                StatusCode::FORBIDDEN,
                r#"{"status":"error","code":32,"message":"AccessRules: Account does not have the right to perform the operation."}"#.into(),
            )
        }))
        .await;
        let ops = ops(
            &url,
            Some(ApiCredentials {
                user: "api@example.org".into(),
                password: "pa:ss".into(),
            }),
        );
        let e = ops.apply(&item(Subscription::Both)).await.unwrap_err();
        let EffectError::Refused(text) = e else {
            panic!("a permission refusal needs the operator: {e:?}")
        };
        assert!(text.contains("HTTP 403"), "{text}");
        assert!(text.contains("AccessRules"), "{text}");
        assert!(text.contains("api_permissions"), "{text}");
        assert!(text.contains("who: {user: \"api@example.org\"}"), "{text}");
        assert!(!text.contains("pa:ss"), "{text}");
        let auth = seen.lock().unwrap()[0].2.clone().unwrap();
        use base64::Engine;
        assert_eq!(
            auth,
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode("api@example.org:pa:ss")
            )
        );
        let e = ops.account_exists("alice").await.unwrap_err();
        assert!(matches!(e, AccountError::NotPermitted(_)), "{e:?}");
        task.abort();
    }

    #[tokio::test]
    async fn check_account_answers_like_a_shell() {
        let (url, seen, task) = fake_api(Arc::new(|_: &str, args: &Value| {
            let exists = args["user"] == "alice";
            (StatusCode::OK, if exists { "0" } else { "1" }.into())
        }))
        .await;
        let ops = ops(&url, None);
        assert!(ops.account_exists("alice").await.unwrap());
        assert!(!ops.account_exists("ghost").await.unwrap());
        assert_eq!(
            seen.lock().unwrap()[0].1,
            json!({"user": "alice", "host": "example.org"})
        );
        task.abort();
    }

    #[tokio::test]
    async fn an_unreachable_api_is_a_passing_failure() {
        // A port nothing listens on (bound, then released).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let ops = ops(&format!("http://127.0.0.1:{port}/api"), None);
        let e = ops.apply(&item(Subscription::Both)).await.unwrap_err();
        assert!(
            matches!(&e, EffectError::Transient(t) if t.contains("unreachable")),
            "{e:?}"
        );
        let e = ops.account_exists("alice").await.unwrap_err();
        assert!(matches!(e, AccountError::Unavailable(_)), "{e:?}");
    }

    #[tokio::test]
    async fn a_server_error_is_retried_and_a_bad_answer_is_refused() {
        let (url, _seen, task) = fake_api(Arc::new(|command: &str, _: &Value| match command {
            "add_rosteritem" => (StatusCode::INTERNAL_SERVER_ERROR, "\"boom\"".into()),
            _ => (StatusCode::OK, "\"maybe\"".into()),
        }))
        .await;
        let ops = ops(&url, None);
        let e = ops.apply(&item(Subscription::Both)).await.unwrap_err();
        assert!(
            matches!(&e, EffectError::Transient(t) if t.contains("HTTP 500: boom")),
            "{e:?}"
        );
        let e = ops.account_exists("alice").await.unwrap_err();
        assert!(
            matches!(&e, AccountError::Refused(t) if t.contains("maybe")),
            "{e:?}"
        );
        task.abort();
    }

    #[test]
    fn quotes_are_short_and_on_one_line() {
        assert_eq!(quote("a\nb"), "a b");
        let long = "x".repeat(500);
        assert_eq!(quote(&long).chars().count(), QUOTE_MAX + 1);
    }
}

#[cfg(test)]
mod password_tests {
    use super::*;

    #[tokio::test]
    async fn passwords_ejabberd_cannot_store_are_refused_before_add_user() {
        let (link, _queue) = Link::new(BareJid::new("invites.example.org").unwrap());
        let api = EjabberdApi {
            url: url::Url::parse("http://127.0.0.1:5280/api").unwrap(),
            credentials: None,
            credentials_file: None,
        };
        let ops = EjabberdOps::new(
            link,
            BareJid::new("example.org").unwrap(),
            Duration::from_secs(1),
            &api,
        )
        .unwrap();
        // Measured on 23.01: "pp…zoë✓密🙂" crashed add-user, the same
        // without the emoji was stored.
        assert!(ops.refuses_password("correct horse 🙂"));
        assert!(!ops.refuses_password("correct horse zoë✓密"));
    }
}
