//! The TOML configuration: parsing, validation and the effective settings.
//!
//! Unknown keys are rejected (a misspelt key silently ignored is a security
//! problem when it is, say, `allow_user_invite`). Every error names the file
//! and the key.

use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use xmpp_parsers::jid::BareJid;

/// Environment variable that may carry the component secret.
pub const SECRET_ENV: &str = "XMPP_INVITES_SECRET";

/// A configuration problem, always naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub message: String,
}

/// A duration written as a number and a unit: `90s`, `30m`, `12h`, `7d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanDuration(pub Duration);

impl HumanDuration {
    pub fn parse(s: &str) -> Result<HumanDuration, String> {
        let bad = || {
            format!(
                "'{s}' is not a duration: write a whole number followed by s, m, h or d (e.g. 30m, 12h, 7d)"
            )
        };
        let s = s.trim();
        let unit = s.chars().last().ok_or_else(bad)?;
        let mult = match unit {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            _ => return Err(bad()),
        };
        let n: u64 = s[..s.len() - 1].parse().map_err(|_| bad())?;
        n.checked_mul(mult)
            .map(|secs| HumanDuration(Duration::from_secs(secs)))
            .ok_or_else(bad)
    }
}

impl<'de> Deserialize<'de> for HumanDuration {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        HumanDuration::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for HumanDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::domain::mint::format_duration(self.0))
    }
}

/// Which server software the component is attached to; decides how
/// accounts and roster entries are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServerKind {
    Prosody,
    Ejabberd,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    component: RawComponent,
    server: RawServer,
    #[serde(default)]
    invites: RawInvites,
    web: RawWeb,
    #[serde(default)]
    registration: RawRegistration,
    #[serde(default)]
    storage: RawStorage,
    #[serde(default)]
    metrics: RawMetrics,
    email: Option<RawEmail>,
    #[serde(default)]
    branding: RawBranding,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBranding {
    site_name: Option<String>,
    logo: Option<PathBuf>,
    accent_color: Option<String>,
    default_language: Option<String>,
    overrides_dir: Option<PathBuf>,
}

/// `[branding]`: the operator's name, logo, colour, language and wording.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Branding {
    /// Replaces the catalogues' `site-name` in every language.
    pub site_name: Option<String>,
    /// An SVG, PNG, WebP or JPEG file, served from our own origin.
    pub logo: Option<PathBuf>,
    /// `#rrggbb`, dark enough for white text on it.
    pub accent_color: Option<String>,
    /// The language when the browser asks for none we have.
    pub default_language: Option<String>,
    /// `locales/`, `clients.toml`, `static/`, `templates/` of the operator.
    pub overrides_dir: Option<PathBuf>,
}

/// The image types a logo may be, by file extension: what browsers show in
/// an `<img>` and that we can name a content type for.
pub fn logo_content_type(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "webp" => "image/webp",
        "jpg" | "jpeg" => "image/jpeg",
        _ => return None,
    })
}

/// The WCAG 2 contrast ratio of white on `#rrggbb`, or `None` when the
/// text is not such a colour.
pub fn contrast_with_white(color: &str) -> Option<f64> {
    let hex = color
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).ok()?) / 255.0;
        Some(if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    let l = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (l + 0.05))
}

/// The contrast WCAG AA asks of normal text.
const MIN_CONTRAST: f64 = 4.5;

fn branding(raw: &RawBranding, anchor: impl Fn(&Path) -> PathBuf) -> Result<Branding, String> {
    let site_name = match raw.site_name.as_deref().map(str::trim) {
        Some("") => {
            return Err("branding.site_name is empty: remove it to use the catalogue's".into());
        }
        other => other.map(str::to_owned),
    };
    let logo = match &raw.logo {
        None => None,
        Some(p) => {
            let p = anchor(p);
            if logo_content_type(&p).is_none() {
                return Err(format!(
                    "branding.logo: {} is not an .svg, .png, .webp, .jpg or .jpeg file",
                    p.display()
                ));
            }
            std::fs::metadata(&p)
                .ok()
                .filter(|m| m.is_file())
                .ok_or_else(|| format!("branding.logo: cannot read {}", p.display()))?;
            Some(p)
        }
    };
    let accent_color = match &raw.accent_color {
        None => None,
        Some(c) => {
            let ratio = contrast_with_white(c).ok_or_else(|| {
                format!("branding.accent_color: '{c}' is not a colour written #rrggbb")
            })?;
            if ratio < MIN_CONTRAST {
                return Err(format!(
                    "branding.accent_color: white text on '{c}' has a contrast of {ratio:.2}:1, \
                     below the 4.5:1 that WCAG AA requires; choose a darker colour"
                ));
            }
            Some(c.to_ascii_lowercase())
        }
    };
    let overrides_dir = match &raw.overrides_dir {
        None => None,
        Some(d) => {
            let d = anchor(d);
            if !d.is_dir() {
                return Err(format!(
                    "branding.overrides_dir: {} is not a directory",
                    d.display()
                ));
            }
            Some(d)
        }
    };
    // Parsed here, so that a broken override or an unknown language is
    // refused when the file is checked, not when the first page is asked.
    let locales = overrides_dir
        .as_ref()
        .map(|d| d.join("locales"))
        .filter(|d| d.is_dir());
    crate::i18n::Catalogue::load(locales.as_deref(), raw.default_language.as_deref())
        .map_err(|e| format!("branding: {e}"))?;
    Ok(Branding {
        site_name,
        logo,
        accent_color,
        default_language: raw.default_language.clone(),
        overrides_dir,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmail {
    host: String,
    port: Option<u16>,
    tls: EmailTls,
    credentials_file: Option<String>,
    ca_file: Option<String>,
    from_address: String,
    from_name: Option<String>,
    #[serde(default = "default_per_inviter")]
    per_inviter_per_day: u32,
    #[serde(default = "default_per_recipient")]
    per_recipient_per_day: u32,
}

fn default_per_inviter() -> u32 {
    crate::domain::email::EmailLimits::default().per_inviter
}
fn default_per_recipient() -> u32 {
    crate::domain::email::EmailLimits::default().per_recipient
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmailTls {
    /// Plain connection upgraded with STARTTLS, required (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Implicit,
    /// None at all: loopback relays only.
    None,
}

/// `[email]`: where invitation emails go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailSettings {
    pub host: String,
    pub port: u16,
    pub tls: EmailTls,
    /// The file holding the SMTP user name (first line) and password
    /// (second line).
    pub credentials_file: Option<PathBuf>,
    /// Extra PEM certificates to trust (a private CA).
    pub ca_file: Option<PathBuf>,
    pub from_address: String,
    pub from_name: Option<String>,
    pub limits: crate::domain::email::EmailLimits,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetrics {
    listen: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegistration {
    #[serde(default = "default_min_password_length")]
    min_password_length: usize,
    #[serde(default = "default_reserved_usernames")]
    reserved_usernames: Vec<String>,
}

impl Default for RawRegistration {
    fn default() -> Self {
        RawRegistration {
            min_password_length: default_min_password_length(),
            reserved_usernames: default_reserved_usernames(),
        }
    }
}

fn default_reserved_usernames() -> Vec<String> {
    crate::domain::registration::DEFAULT_RESERVED_USERNAMES
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

fn default_min_password_length() -> usize {
    8
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    jid: String,
    server: String,
    secret: Option<String>,
    secret_file: Option<PathBuf>,
    #[serde(default = "default_ping_interval")]
    ping_interval: HumanDuration,
    #[serde(default = "default_request_timeout")]
    request_timeout: HumanDuration,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServer {
    domain: String,
    kind: ServerKind,
    api_url: Option<String>,
    api_credentials_file: Option<PathBuf>,
    /// The server module (server-modules/) is meant to be loaded: its
    /// absence is then an error for `doctor` and a warning at link-up.
    #[serde(default)]
    module: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInvites {
    #[serde(default)]
    admins: Vec<String>,
    #[serde(default)]
    allow_user_invites: bool,
    #[serde(default = "yes")]
    allow_contact_invites: bool,
    #[serde(default = "default_lifetime")]
    lifetime: HumanDuration,
    #[serde(default = "default_max_lifetime")]
    max_lifetime: HumanDuration,
    #[serde(default = "default_max_uses")]
    max_uses: u32,
    #[serde(default = "default_purge_after")]
    purge_after: HumanDuration,
    #[serde(default = "default_max_live_per_user")]
    max_live_invites_per_user: u32,
    #[serde(default = "default_max_per_user_per_day")]
    max_invites_per_user_per_day: u32,
}

impl Default for RawInvites {
    fn default() -> Self {
        RawInvites {
            admins: Vec::new(),
            allow_user_invites: false,
            allow_contact_invites: true,
            lifetime: default_lifetime(),
            max_lifetime: default_max_lifetime(),
            max_uses: default_max_uses(),
            purge_after: default_purge_after(),
            max_live_invites_per_user: default_max_live_per_user(),
            max_invites_per_user_per_day: default_max_per_user_per_day(),
        }
    }
}

fn default_max_live_per_user() -> u32 {
    crate::domain::manage::Quota::default().max_live
}
fn default_max_per_user_per_day() -> u32 {
    crate::domain::manage::Quota::default().max_per_day
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeb {
    listen: String,
    public_url: String,
    #[serde(default = "default_rate_per_minute")]
    rate_limit_per_minute: u32,
    #[serde(default = "default_rate_burst")]
    rate_limit_burst: u32,
    #[serde(default)]
    trust_forwarded_for: bool,
    #[serde(default)]
    forwarded_header: ForwardedHeader,
    #[serde(default = "default_failed_per_minute")]
    failed_requests_per_minute: u32,
    #[serde(default = "default_failed_burst")]
    failed_requests_burst: u32,
    #[serde(default = "default_global_failed_per_minute")]
    global_failed_requests_per_minute: u32,
    #[serde(default = "default_global_failed_burst")]
    global_failed_requests_burst: u32,
    #[serde(default = "default_posts_per_invite_per_minute")]
    posts_per_invite_per_minute: u32,
    #[serde(default = "default_posts_per_invite_burst")]
    posts_per_invite_burst: u32,
    #[serde(default = "default_header_timeout")]
    header_timeout: HumanDuration,
    #[serde(default = "default_body_timeout")]
    body_timeout: HumanDuration,
    #[serde(default = "default_idle_timeout")]
    idle_timeout: HumanDuration,
    #[serde(default = "default_max_connections")]
    max_connections: usize,
}

/// Which header the reverse proxy writes the client address to (with
/// `trust_forwarded_for`); the other one is never read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum ForwardedHeader {
    #[default]
    #[serde(rename = "x-forwarded-for")]
    XForwardedFor,
    #[serde(rename = "forwarded")]
    Forwarded,
}

// Limits fall on failures, which invitees rarely cause: the ceiling on all
// requests only stops a flood, and lets 50 people behind one address open
// and post their invites at once.
fn default_rate_per_minute() -> u32 {
    600
}
fn default_rate_burst() -> u32 {
    300
}
fn default_failed_per_minute() -> u32 {
    10
}
fn default_failed_burst() -> u32 {
    20
}
fn default_global_failed_per_minute() -> u32 {
    600
}
fn default_global_failed_burst() -> u32 {
    600
}
fn default_posts_per_invite_per_minute() -> u32 {
    10
}
fn default_posts_per_invite_burst() -> u32 {
    20
}
fn default_header_timeout() -> HumanDuration {
    HumanDuration(Duration::from_secs(10))
}
fn default_body_timeout() -> HumanDuration {
    HumanDuration(Duration::from_secs(10))
}
fn default_idle_timeout() -> HumanDuration {
    HumanDuration(Duration::from_secs(30))
}
fn default_max_connections() -> usize {
    1024
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStorage {
    #[serde(default = "default_database")]
    database: PathBuf,
}

impl Default for RawStorage {
    fn default() -> Self {
        RawStorage {
            database: default_database(),
        }
    }
}

fn yes() -> bool {
    true
}
fn default_ping_interval() -> HumanDuration {
    HumanDuration(Duration::from_secs(60))
}
fn default_request_timeout() -> HumanDuration {
    HumanDuration(Duration::from_secs(10))
}
fn default_lifetime() -> HumanDuration {
    HumanDuration(Duration::from_secs(7 * 86_400))
}
fn default_max_lifetime() -> HumanDuration {
    HumanDuration(Duration::from_secs(90 * 86_400))
}
fn default_max_uses() -> u32 {
    100
}
fn default_purge_after() -> HumanDuration {
    HumanDuration(Duration::from_secs(30 * 86_400))
}
fn default_database() -> PathBuf {
    PathBuf::from("xmpp-invites.sqlite3")
}

/// Whether a URL host is this machine.
fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Why a file holding a secret should be made private, if it should: the
/// component secret lets anyone attach to the server as the component.
fn readable_by_others(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} is readable by other users (mode {:o}); make it private: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

/// How to reach ejabberd's HTTP API (mod_http_api), which writes roster
/// entries there: ejabberd 23.01 fails privileged roster sets.
#[derive(Clone)]
pub struct EjabberdApi {
    /// The base URL; command NAME is posted to `{url}/NAME`.
    pub url: url::Url,
    /// HTTP Basic credentials, when the API asks for a user.
    pub credentials: Option<ApiCredentials>,
    /// The file the credentials came from, for `check-config`.
    pub credentials_file: Option<PathBuf>,
}

/// A user of the server and its password, for HTTP Basic.
#[derive(Clone)]
pub struct ApiCredentials {
    pub user: String,
    pub password: String,
}

impl fmt::Debug for ApiCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiCredentials")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Reads `user@host:password` (one line) from an api_credentials_file.
fn read_api_credentials(path: &Path) -> Result<ApiCredentials, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let line = text.trim_end_matches(['\r', '\n']);
    // A localpart cannot contain ':' (RFC 7622), so the first one ends the
    // JID and the password may contain more.
    let Some((user, password)) = line.split_once(':') else {
        return Err(format!(
            "{} must hold one line user@host:password",
            path.display()
        ));
    };
    if BareJid::new(user)
        .ok()
        .filter(|j| j.node().is_some())
        .is_none()
    {
        return Err(format!(
            "{}: '{user}' is not a user JID (user@host:password)",
            path.display()
        ));
    }
    if password.is_empty() {
        return Err(format!("{}: the password is empty", path.display()));
    }
    Ok(ApiCredentials {
        user: user.to_owned(),
        password: password.to_owned(),
    })
}

/// Where the secret came from, for `check-config` (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    Env,
    Inline,
    File(PathBuf),
}

/// The validated, effective settings.
#[derive(Clone)]
pub struct Settings {
    pub file: PathBuf,
    pub component_jid: BareJid,
    pub component_server: SocketAddr,
    pub secret: String,
    pub secret_source: SecretSource,
    pub ping_interval: Duration,
    pub request_timeout: Duration,
    pub domain: String,
    pub server_kind: ServerKind,
    /// Set exactly when `server_kind` is ejabberd.
    pub ejabberd_api: Option<EjabberdApi>,
    /// `[server] module`: the server module is expected to answer.
    pub expect_module: bool,
    pub admins: Vec<BareJid>,
    pub allow_user_invites: bool,
    pub allow_contact_invites: bool,
    pub lifetime: Duration,
    pub max_lifetime: Duration,
    pub max_uses: u32,
    pub purge_after: Duration,
    /// What one non-admin user may mint.
    pub quota: crate::domain::manage::Quota,
    pub web_listen: SocketAddr,
    pub public_url: String,
    pub rate_limit_per_minute: u32,
    pub rate_limit_burst: u32,
    pub trust_forwarded_for: bool,
    pub forwarded_header: ForwardedHeader,
    pub failed_requests_per_minute: u32,
    pub failed_requests_burst: u32,
    pub global_failed_requests_per_minute: u32,
    pub global_failed_requests_burst: u32,
    pub posts_per_invite_per_minute: u32,
    pub posts_per_invite_burst: u32,
    pub web_header_timeout: Duration,
    pub web_body_timeout: Duration,
    pub web_idle_timeout: Duration,
    pub web_max_connections: usize,
    pub min_password_length: usize,
    /// Usernames nobody may register, with the admins' localparts added.
    pub reserved_usernames: crate::domain::ReservedNames,
    pub database: PathBuf,
    /// Where `/healthz` and `/metrics` are served; `None`: nowhere.
    pub metrics_listen: Option<SocketAddr>,
    /// `[email]`, when invitation emails are on.
    pub email: Option<EmailSettings>,
    pub branding: Branding,
    /// Problems worth a warning at start that do not stop it.
    pub warnings: Vec<String>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("component_jid", &self.component_jid)
            .field("component_server", &self.component_server)
            .field("secret", &"<redacted>")
            .field("domain", &self.domain)
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// Reads and validates a config file. `secret_env` is the value of
    /// [`SECRET_ENV`], passed in so tests need not touch the environment.
    pub fn load(path: &Path, secret_env: Option<String>) -> Result<Settings, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: file.clone(),
            message: format!("cannot read the file: {e}"),
        })?;
        Self::parse(&text, path, secret_env)
    }

    /// Validates config text; `path` names the file in errors and anchors
    /// relative paths.
    pub fn parse(
        text: &str,
        path: &Path,
        secret_env: Option<String>,
    ) -> Result<Settings, ConfigError> {
        let file = path.display().to_string();
        let err = |message: String| ConfigError {
            file: file.clone(),
            message,
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| err(e.to_string().trim_end().to_owned()))?;
        let mut warnings = Vec::new();
        let base = path.parent().unwrap_or(Path::new("."));
        let anchor = |p: &Path| {
            if p.is_absolute() {
                p.to_owned()
            } else {
                base.join(p)
            }
        };

        let component_jid = BareJid::new(&raw.component.jid)
            .ok()
            .filter(|j| j.node().is_none())
            .ok_or_else(|| {
                err(format!(
                    "component.jid: '{}' is not a domain-only JID (e.g. invites.example.org)",
                    raw.component.jid
                ))
            })?;
        let component_server: SocketAddr = raw.component.server.parse().map_err(|_| {
            err(format!(
                "component.server: '{}' is not an IP:port address (e.g. 127.0.0.1:5347); host names are not resolved",
                raw.component.server
            ))
        })?;
        let (secret, secret_source) = match (
            secret_env,
            raw.component.secret,
            raw.component.secret_file,
        ) {
            (Some(s), _, _) if !s.is_empty() => (s, SecretSource::Env),
            (_, Some(_), Some(_)) => {
                return Err(err(
                    "component.secret and component.secret_file are both set: keep one".into(),
                ));
            }
            (_, Some(s), None) => (s, SecretSource::Inline),
            (_, None, Some(p)) => {
                let p = anchor(&p);
                let s = std::fs::read_to_string(&p).map_err(|e| {
                    err(format!(
                        "component.secret_file: cannot read {}: {e}",
                        p.display()
                    ))
                })?;
                if let Some(w) = readable_by_others(&p) {
                    warnings.push(format!("component.secret_file: {w}"));
                }
                (s.trim().to_owned(), SecretSource::File(p))
            }
            (_, None, None) => {
                return Err(err(format!(
                    "component.secret_file (or component.secret, or the environment variable {SECRET_ENV}) is required"
                )));
            }
        };
        if secret.is_empty() {
            return Err(err("the component secret is empty".into()));
        }
        let domain = BareJid::new(&raw.server.domain)
            .ok()
            .filter(|j| j.node().is_none())
            .ok_or_else(|| {
                err(format!(
                    "server.domain: '{}' is not a domain (e.g. example.org)",
                    raw.server.domain
                ))
            })?
            .to_string();
        if component_jid.as_str() == domain {
            return Err(err(
                "component.jid must differ from server.domain (use a subdomain such as invites.example.org)".into(),
            ));
        }
        let ejabberd_api = match (
            raw.server.kind,
            raw.server.api_url,
            raw.server.api_credentials_file,
        ) {
            (ServerKind::Prosody, None, None) => None,
            (ServerKind::Prosody, _, _) => {
                return Err(err(
                    "server.api_url and server.api_credentials_file are for kind = \"ejabberd\" only: Prosody's rosters are written over the component link".into(),
                ));
            }
            (ServerKind::Ejabberd, None, _) => {
                return Err(err(
                    "server.api_url is required for kind = \"ejabberd\" (e.g. \"http://127.0.0.1:5280/api\"): roster entries are written through ejabberd's HTTP API (mod_http_api)".into(),
                ));
            }
            (ServerKind::Ejabberd, Some(u), file) => {
                let url = url::Url::parse(&u)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                    .filter(|u| u.query().is_none() && u.fragment().is_none())
                    .ok_or_else(|| {
                        err(format!(
                            "server.api_url: '{u}' is not an http(s) URL without query or fragment (e.g. http://127.0.0.1:5280/api)"
                        ))
                    })?;
                if !url.username().is_empty() || url.password().is_some() {
                    return Err(err(
                        "server.api_url: put the API user and password in server.api_credentials_file, not in the URL (URLs end up in logs)".into(),
                    ));
                }
                let credentials = match &file {
                    None => None,
                    Some(f) => {
                        let f = anchor(f);
                        let c = read_api_credentials(&f)
                            .map_err(|e| err(format!("server.api_credentials_file: {e}")))?;
                        if let Some(w) = readable_by_others(&f) {
                            warnings.push(format!("server.api_credentials_file: {w}"));
                        }
                        Some(c)
                    }
                };
                if url.scheme() == "http"
                    && credentials.is_some()
                    && !url.host_str().is_some_and(is_loopback_host)
                {
                    warnings.push(format!(
                        "server.api_url: {url} is plain http to another machine: the API password crosses the network in clear; use https"
                    ));
                }
                Some(EjabberdApi {
                    url,
                    credentials,
                    credentials_file: file.map(|f| anchor(&f)),
                })
            }
        };
        let mut admins = Vec::new();
        for (i, a) in raw.invites.admins.iter().enumerate() {
            let jid = BareJid::new(a)
                .ok()
                .filter(|j| j.node().is_some())
                .ok_or_else(|| err(format!("invites.admins[{i}]: '{a}' is not a bare user JID")))?;
            if jid.domain().as_str() != domain {
                return Err(err(format!(
                    "invites.admins[{i}]: '{a}' is not an address of {domain}; admins must be users of the served domain"
                )));
            }
            admins.push(jid);
        }
        let inv = raw.invites;
        if inv.lifetime.0 < Duration::from_secs(60) {
            return Err(err("invites.lifetime: must be at least 1m".into()));
        }
        if inv.max_lifetime.0 < inv.lifetime.0 {
            return Err(err(format!(
                "invites.max_lifetime ({}) is shorter than invites.lifetime ({})",
                inv.max_lifetime, inv.lifetime
            )));
        }
        if inv.max_uses == 0 {
            return Err(err("invites.max_uses: must be at least 1".into()));
        }
        if inv.max_live_invites_per_user == 0 || inv.max_invites_per_user_per_day == 0 {
            return Err(err(
                "invites.max_live_invites_per_user and invites.max_invites_per_user_per_day must be at least 1 (set allow_contact_invites = false to stop users inviting)".into(),
            ));
        }
        if raw.component.ping_interval.0 < Duration::from_secs(1) {
            return Err(err("component.ping_interval: must be at least 1s".into()));
        }
        if raw.component.request_timeout.0 < Duration::from_secs(1) {
            return Err(err("component.request_timeout: must be at least 1s".into()));
        }
        let w = &raw.web;
        for (key, value) in [
            ("rate_limit_per_minute", w.rate_limit_per_minute),
            ("rate_limit_burst", w.rate_limit_burst),
            ("failed_requests_per_minute", w.failed_requests_per_minute),
            ("failed_requests_burst", w.failed_requests_burst),
            (
                "global_failed_requests_per_minute",
                w.global_failed_requests_per_minute,
            ),
            (
                "global_failed_requests_burst",
                w.global_failed_requests_burst,
            ),
            ("posts_per_invite_per_minute", w.posts_per_invite_per_minute),
            ("posts_per_invite_burst", w.posts_per_invite_burst),
        ] {
            if value == 0 {
                return Err(err(format!("web.{key}: must be at least 1")));
            }
        }
        for (key, value) in [
            ("header_timeout", w.header_timeout),
            ("body_timeout", w.body_timeout),
            ("idle_timeout", w.idle_timeout),
        ] {
            if value.0 < Duration::from_secs(1) {
                return Err(err(format!("web.{key}: must be at least 1s")));
            }
        }
        if !(1..=1_000_000).contains(&w.max_connections) {
            return Err(err(
                "web.max_connections: must be between 1 and 1000000".into()
            ));
        }
        let max_password = crate::domain::registration::PasswordPolicy::default().max_chars;
        if !(1..=max_password).contains(&raw.registration.min_password_length) {
            return Err(err(format!(
                "registration.min_password_length must be between 1 and {max_password}"
            )));
        }
        for (i, name) in raw.registration.reserved_usernames.iter().enumerate() {
            if crate::domain::mint::normalise_username(name).is_err() {
                return Err(err(format!(
                    "registration.reserved_usernames[{i}]: '{name}' is not a valid username"
                )));
            }
        }
        let reserved_usernames =
            crate::domain::ReservedNames::new(&raw.registration.reserved_usernames)
                .with_admins(&domain, &admins);
        let web_listen: SocketAddr = raw.web.listen.parse().map_err(|_| {
            err(format!(
                "web.listen: '{}' is not an IP:port address (e.g. 127.0.0.1:8080)",
                raw.web.listen
            ))
        })?;
        let email = match &raw.email {
            None => None,
            Some(e) => {
                let host = e.host.trim().to_owned();
                let loopback = host == "localhost"
                    || host
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback());
                if e.tls == EmailTls::None && !loopback {
                    return Err(err(format!(
                        "email.tls = \"none\" is only allowed for a relay on loopback, not '{host}': use \"starttls\" or \"implicit\""
                    )));
                }
                if crate::domain::email::check_address(&e.from_address).is_err() {
                    return Err(err(format!(
                        "email.from_address: '{}' is not an email address",
                        e.from_address
                    )));
                }
                if e.from_name
                    .as_deref()
                    .is_some_and(|n| n.chars().any(char::is_control))
                {
                    return Err(err(
                        "email.from_name: control characters are not allowed".into()
                    ));
                }
                if e.per_inviter_per_day == 0 || e.per_recipient_per_day == 0 {
                    return Err(err(
                        "email.per_inviter_per_day and per_recipient_per_day must be at least 1"
                            .into(),
                    ));
                }
                Some(EmailSettings {
                    host,
                    port: e.port.unwrap_or(match e.tls {
                        EmailTls::Implicit => 465,
                        EmailTls::Starttls => 587,
                        EmailTls::None => 25,
                    }),
                    tls: e.tls,
                    credentials_file: e.credentials_file.as_deref().map(|p| anchor(Path::new(p))),
                    ca_file: e.ca_file.as_deref().map(|p| anchor(Path::new(p))),
                    from_address: e.from_address.trim().to_owned(),
                    from_name: e.from_name.clone(),
                    limits: crate::domain::email::EmailLimits {
                        window_secs: 86_400,
                        per_inviter: e.per_inviter_per_day,
                        per_recipient: e.per_recipient_per_day,
                    },
                })
            }
        };
        let metrics_listen = match &raw.metrics.listen {
            None => None,
            Some(l) => {
                let addr: SocketAddr = l.parse().map_err(|_| {
                    err(format!(
                        "metrics.listen: '{l}' is not an IP:port address (e.g. 127.0.0.1:9100)"
                    ))
                })?;
                if addr == web_listen {
                    return Err(err(
                        "metrics.listen must differ from web.listen: metrics stay off the public site"
                            .into(),
                    ));
                }
                Some(addr)
            }
        };
        let public_url = url::Url::parse(&raw.web.public_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .filter(|u| u.query().is_none() && u.fragment().is_none())
            .ok_or_else(|| {
                err(format!(
                    "web.public_url: '{}' is not an http(s) URL without query or fragment (e.g. https://invite.example.org)",
                    raw.web.public_url
                ))
            })?
            .to_string()
            .trim_end_matches('/')
            .to_owned();
        let branding = branding(&raw.branding, anchor).map_err(err)?;
        Ok(Settings {
            file: path.to_owned(),
            component_jid,
            component_server,
            secret,
            secret_source,
            ping_interval: raw.component.ping_interval.0,
            request_timeout: raw.component.request_timeout.0,
            domain,
            server_kind: raw.server.kind,
            ejabberd_api,
            expect_module: raw.server.module,
            admins,
            allow_user_invites: inv.allow_user_invites,
            allow_contact_invites: inv.allow_contact_invites,
            lifetime: inv.lifetime.0,
            max_lifetime: inv.max_lifetime.0,
            max_uses: inv.max_uses,
            purge_after: inv.purge_after.0,
            quota: crate::domain::manage::Quota {
                max_live: inv.max_live_invites_per_user,
                max_per_day: inv.max_invites_per_user_per_day,
            },
            web_listen,
            public_url,
            rate_limit_per_minute: raw.web.rate_limit_per_minute,
            rate_limit_burst: raw.web.rate_limit_burst,
            trust_forwarded_for: raw.web.trust_forwarded_for,
            forwarded_header: raw.web.forwarded_header,
            failed_requests_per_minute: raw.web.failed_requests_per_minute,
            failed_requests_burst: raw.web.failed_requests_burst,
            global_failed_requests_per_minute: raw.web.global_failed_requests_per_minute,
            global_failed_requests_burst: raw.web.global_failed_requests_burst,
            posts_per_invite_per_minute: raw.web.posts_per_invite_per_minute,
            posts_per_invite_burst: raw.web.posts_per_invite_burst,
            web_header_timeout: raw.web.header_timeout.0,
            web_body_timeout: raw.web.body_timeout.0,
            web_idle_timeout: raw.web.idle_timeout.0,
            web_max_connections: raw.web.max_connections,
            min_password_length: raw.registration.min_password_length,
            reserved_usernames,
            database: anchor(&raw.storage.database),
            metrics_listen,
            email,
            branding,
            warnings,
        })
    }

    fn describe_branding(&self) -> String {
        let b = &self.branding;
        let line = |key: &str, v: Option<String>| match v {
            Some(v) => format!("{key} = {v:?}\n"),
            None => format!("# {key}: not set\n"),
        };
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        [
            line("site_name", b.site_name.clone()),
            line("logo", path(&b.logo)),
            line("accent_color", b.accent_color.clone()),
            line("default_language", b.default_language.clone()),
            line("overrides_dir", path(&b.overrides_dir)),
        ]
        .concat()
    }

    /// The effective settings as TOML-like text, secret withheld.
    pub fn describe(&self) -> String {
        let secret = match &self.secret_source {
            SecretSource::Env => format!("(from ${SECRET_ENV})"),
            SecretSource::Inline => "(inline in the config file)".to_owned(),
            SecretSource::File(p) => format!("(from {})", p.display()),
        };
        let admins: Vec<String> = self.admins.iter().map(|a| format!("\"{a}\"")).collect();
        let kind = match self.server_kind {
            ServerKind::Prosody => "prosody",
            ServerKind::Ejabberd => "ejabberd",
        };
        let api = match &self.ejabberd_api {
            None => String::new(),
            Some(a) => {
                let creds = match &a.credentials_file {
                    Some(f) => format!("api_credentials_file = \"{}\"\n", f.display()),
                    None => "# api_credentials_file: not set (the API is asked without a user)\n"
                        .to_owned(),
                };
                format!("api_url = \"{}\"\n{creds}", a.url)
            }
        };
        let d = |d: Duration| HumanDuration(d).to_string();
        format!(
            "# effective settings of {file}\n\
             [component]\njid = \"{jid}\"\nserver = \"{server}\"\nsecret = {secret}\nping_interval = \"{ping}\"\nrequest_timeout = \"{rt}\"\n\n\
             [server]\ndomain = \"{domain}\"\nkind = \"{kind}\"\n{api}\n\
             [invites]\nadmins = [{admins}]\nallow_user_invites = {aui}\nallow_contact_invites = {aci}\nlifetime = \"{lt}\"\nmax_lifetime = \"{mlt}\"\nmax_uses = {mu}\npurge_after = \"{pa}\"\nmax_live_invites_per_user = {mlu}\nmax_invites_per_user_per_day = {mpd}\n\n\
             [web]\nlisten = \"{listen}\"\npublic_url = \"{url}\"\nrate_limit_per_minute = {rpm}\nrate_limit_burst = {rb}\ntrust_forwarded_for = {tff}\nforwarded_header = \"{fh}\"\n\
             failed_requests_per_minute = {frpm}\nfailed_requests_burst = {frb}\n\
             global_failed_requests_per_minute = {gfrpm}\nglobal_failed_requests_burst = {gfrb}\n\
             posts_per_invite_per_minute = {pipm}\nposts_per_invite_burst = {pib}\n\
             header_timeout = \"{ht}\"\nbody_timeout = \"{bt}\"\nidle_timeout = \"{it}\"\nmax_connections = {mc}\n\n\
             [registration]\nmin_password_length = {mpl}\nreserved_usernames = [{reserved}]\n\n\
             [storage]\ndatabase = \"{db}\"\n\n\
             [metrics]\n{metrics}\n\n\
             [branding]\n{branding}",
            file = self.file.display(),
            jid = self.component_jid,
            server = self.component_server,
            ping = d(self.ping_interval),
            rt = d(self.request_timeout),
            domain = self.domain,
            admins = admins.join(", "),
            aui = self.allow_user_invites,
            aci = self.allow_contact_invites,
            lt = d(self.lifetime),
            mlt = d(self.max_lifetime),
            mu = self.max_uses,
            pa = d(self.purge_after),
            mlu = self.quota.max_live,
            mpd = self.quota.max_per_day,
            listen = self.web_listen,
            url = self.public_url,
            rpm = self.rate_limit_per_minute,
            rb = self.rate_limit_burst,
            tff = self.trust_forwarded_for,
            fh = match self.forwarded_header {
                ForwardedHeader::XForwardedFor => "x-forwarded-for",
                ForwardedHeader::Forwarded => "forwarded",
            },
            frpm = self.failed_requests_per_minute,
            frb = self.failed_requests_burst,
            gfrpm = self.global_failed_requests_per_minute,
            gfrb = self.global_failed_requests_burst,
            pipm = self.posts_per_invite_per_minute,
            pib = self.posts_per_invite_burst,
            ht = d(self.web_header_timeout),
            bt = d(self.web_body_timeout),
            it = d(self.web_idle_timeout),
            mc = self.web_max_connections,
            mpl = self.min_password_length,
            reserved = self
                .reserved_usernames
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", "),
            db = self.database.display(),
            branding = self.describe_branding(),
            metrics = match self.metrics_listen {
                Some(a) => format!("listen = \"{a}\""),
                None => "# listen: not set (no /healthz, no /metrics)".to_owned(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[component]
jid = "invites.example.org"
server = "127.0.0.1:5347"
secret = "s3cret"
[server]
domain = "example.org"
kind = "prosody"
[invites]
admins = ["admin@example.org"]
[web]
listen = "127.0.0.1:8080"
public_url = "https://invite.example.org/"
"#;

    fn parse(text: &str) -> Result<Settings, ConfigError> {
        Settings::parse(text, Path::new("/etc/xmpp-invites/config.toml"), None)
    }

    #[test]
    fn defaults_follow_mod_invites_adhoc() {
        let s = parse(GOOD).unwrap();
        assert!(!s.allow_user_invites);
        assert!(s.allow_contact_invites);
        assert_eq!(s.lifetime, Duration::from_secs(7 * 86_400));
        assert_eq!(s.public_url, "https://invite.example.org");
        assert_eq!(
            s.database,
            PathBuf::from("/etc/xmpp-invites/xmpp-invites.sqlite3")
        );
        assert_eq!(s.secret_source, SecretSource::Inline);
        assert!(!format!("{s:?}").contains("s3cret"));
        assert!(!s.describe().contains("s3cret"));
    }

    #[test]
    fn the_example_config_is_valid() {
        let text = include_str!("../config.example.toml");
        let s = Settings::parse(text, Path::new("config.example.toml"), Some("x".into())).unwrap();
        assert_eq!(s.component_jid.as_str(), "invites.example.org");
        assert_eq!(s.admins.len(), 1);
    }

    #[test]
    fn a_secret_file_others_can_read_is_warned_about() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret");
        std::fs::write(&secret, "s3cret\n").unwrap();
        let text = GOOD.replace("secret = \"s3cret\"", "secret_file = \"secret\"");
        let load = || Settings::parse(&text, &dir.path().join("config.toml"), None).unwrap();
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
        let s = load();
        assert_eq!(s.secret, "s3cret");
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        assert!(s.warnings[0].contains("chmod 600"), "{:?}", s.warnings);
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(load().warnings.is_empty());
    }

    fn ejabberd(extra: &str) -> String {
        GOOD.replace(
            "kind = \"prosody\"",
            &format!("kind = \"ejabberd\"\n{extra}"),
        )
    }

    #[test]
    fn ejabberd_needs_an_api_url_and_prosody_takes_none() {
        let e = parse(&ejabberd("")).unwrap_err().to_string();
        assert!(e.contains("server.api_url is required"), "{e}");
        assert!(e.contains("http://127.0.0.1:5280/api"), "{e}");
        let s = parse(&ejabberd("api_url = \"http://127.0.0.1:5280/api\"")).unwrap();
        let api = s.ejabberd_api.as_ref().unwrap();
        assert_eq!(api.url.as_str(), "http://127.0.0.1:5280/api");
        assert!(api.credentials.is_none());
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        assert!(
            s.describe()
                .contains("api_url = \"http://127.0.0.1:5280/api\"")
        );
        assert!(parse(GOOD).unwrap().ejabberd_api.is_none());
        let e = parse(&GOOD.replace(
            "kind = \"prosody\"",
            "kind = \"prosody\"\napi_url = \"http://127.0.0.1:5280/api\"",
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("for kind = \"ejabberd\" only"), "{e}");
        for (url, wanted) in [
            ("ftp://x/api", "not an http(s) URL"),
            ("127.0.0.1:5280", "not an http(s) URL"),
            (
                "http://u:p@127.0.0.1:5280/api",
                "api_credentials_file, not in the URL",
            ),
        ] {
            let e = parse(&ejabberd(&format!("api_url = \"{url}\"")))
                .unwrap_err()
                .to_string();
            assert!(e.contains(wanted), "{url}: {e}");
            assert!(!e.contains("u:p@"), "the URL's password is not echoed: {e}");
        }
    }

    #[test]
    fn api_credentials_are_read_like_the_secret_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("api");
        let text =
            ejabberd("api_url = \"https://xmpp.example.org/api\"\napi_credentials_file = \"api\"");
        let load = || Settings::parse(&text, &dir.path().join("config.toml"), None);
        std::fs::write(&file, "api@example.org:pass:word\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let s = load().unwrap();
        let c = s
            .ejabberd_api
            .as_ref()
            .unwrap()
            .credentials
            .clone()
            .unwrap();
        assert_eq!(
            (c.user.as_str(), c.password.as_str()),
            ("api@example.org", "pass:word")
        );
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        assert!(
            s.warnings[0].contains("api_credentials_file") && s.warnings[0].contains("chmod 600")
        );
        assert!(!format!("{c:?}").contains("pass:word"));
        assert!(!s.describe().contains("pass:word"));
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(load().unwrap().warnings.is_empty());
        for (content, wanted) in [
            ("no-colon-here", "user@host:password"),
            ("example.org:pw", "not a user JID"),
            ("api@example.org:", "the password is empty"),
        ] {
            std::fs::write(&file, content).unwrap();
            let e = load().unwrap_err().to_string();
            assert!(
                e.contains("server.api_credentials_file") && e.contains(wanted),
                "{e}"
            );
        }
        std::fs::remove_file(&file).unwrap();
        assert!(load().unwrap_err().to_string().contains("cannot read"));
    }

    #[test]
    fn a_password_over_plain_http_to_another_host_is_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("api"), "api@example.org:pw").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join("api"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        let warnings = |url: &str| {
            let text = ejabberd(&format!(
                "api_url = \"{url}\"\napi_credentials_file = \"api\""
            ));
            Settings::parse(&text, &dir.path().join("config.toml"), None)
                .unwrap()
                .warnings
        };
        assert!(warnings("http://127.0.0.1:5280/api").is_empty());
        assert!(warnings("http://[::1]:5280/api").is_empty());
        assert!(warnings("https://xmpp.example.org/api").is_empty());
        let w = warnings("http://xmpp.example.org:5280/api");
        assert!(w.len() == 1 && w[0].contains("use https"), "{w:?}");
    }

    #[test]
    fn reserved_usernames_default_and_include_the_admins() {
        let s = parse(GOOD).unwrap();
        assert!(s.reserved_usernames.contains("postmaster"));
        assert!(s.reserved_usernames.contains("admin"));
        let s = parse(&GOOD.replace(
            "[web]",
            "[registration]\nreserved_usernames = [\"Staff\"]\n[web]",
        ))
        .unwrap();
        assert!(s.reserved_usernames.contains("staff"));
        assert!(
            !s.reserved_usernames.contains("postmaster"),
            "the list replaces the default"
        );
        assert!(
            s.reserved_usernames.contains("admin"),
            "admins are always reserved"
        );
        expect_error(
            &GOOD.replace(
                "[web]",
                "[registration]\nreserved_usernames = [\"a@b\"]\n[web]",
            ),
            &["registration.reserved_usernames[0]"],
        );
    }

    #[test]
    fn env_secret_wins() {
        let s = Settings::parse(GOOD, Path::new("c.toml"), Some("fromenv".into())).unwrap();
        assert_eq!(s.secret, "fromenv");
        assert_eq!(s.secret_source, SecretSource::Env);
    }

    fn expect_error(text: &str, needles: &[&str]) {
        let e = parse(text).unwrap_err().to_string();
        assert!(e.starts_with("/etc/xmpp-invites/config.toml: "), "{e}");
        for n in needles {
            assert!(e.contains(n), "{e:?} should mention {n:?}");
        }
    }

    #[test]
    fn errors_name_the_file_and_the_key() {
        expect_error(
            &GOOD.replace("[web]", "[web]\nlisten_port = 3"),
            &["unknown field `listen_port`"],
        );
        expect_error(
            &GOOD.replace("[invites]", "[invites]\nallow_user_invite = true"),
            &["unknown field `allow_user_invite`"],
        );
        expect_error(
            &GOOD.replace("kind = \"prosody\"", "kind = \"openfire\""),
            &["unknown variant `openfire`"],
        );
        expect_error(
            &GOOD.replace("[invites]", "[invites]\nlifetime = \"7 days\""),
            &["lifetime", "not a duration"],
        );
        expect_error(
            &GOOD.replace("127.0.0.1:5347", "localhost:5347"),
            &["component.server", "IP:port"],
        );
        expect_error(
            &GOOD.replace("jid = \"invites.example.org\"", "jid = \"bot@example.org\""),
            &["component.jid"],
        );
        expect_error(
            &GOOD.replace("admin@example.org", "admin@other.org"),
            &["invites.admins[0]", "not an address of example.org"],
        );
        expect_error(
            &GOOD.replace("https://invite.example.org/", "ftp://x"),
            &["web.public_url"],
        );
        expect_error(
            &GOOD.replace("secret = \"s3cret\"", ""),
            &["component.secret_file", SECRET_ENV],
        );
        expect_error(
            &GOOD.replace(
                "secret = \"s3cret\"",
                "secret = \"a\"\nsecret_file = \"/x\"",
            ),
            &["both set"],
        );
        expect_error(
            &GOOD.replace(
                "secret = \"s3cret\"",
                "secret_file = \"/nonexistent/secret\"",
            ),
            &["component.secret_file", "/nonexistent/secret"],
        );
        expect_error(
            &GOOD.replace("[invites]", "[invites]\nmax_lifetime = \"1d\""),
            &["max_lifetime"],
        );
        expect_error("[component", &["TOML parse error"]);
        expect_error(
            &GOOD.replace("[storage]", "").replace("[web]\n", "[webb]\n"),
            &["webb"],
        );
    }

    #[test]
    fn web_defaults_are_the_documented_ones() {
        let s = parse(GOOD).unwrap();
        let example = Settings::parse(
            include_str!("../config.example.toml"),
            Path::new("config.example.toml"),
            Some("x".into()),
        )
        .unwrap();
        let web = |s: &Settings| {
            (
                (s.rate_limit_per_minute, s.rate_limit_burst),
                (s.failed_requests_per_minute, s.failed_requests_burst),
                (
                    s.global_failed_requests_per_minute,
                    s.global_failed_requests_burst,
                ),
                (s.posts_per_invite_per_minute, s.posts_per_invite_burst),
                (s.trust_forwarded_for, s.forwarded_header),
                (s.web_header_timeout, s.web_body_timeout, s.web_idle_timeout),
                s.web_max_connections,
            )
        };
        assert_eq!(web(&s), web(&example));
        assert_eq!(s.web_header_timeout, Duration::from_secs(10));
        assert_eq!(s.web_idle_timeout, Duration::from_secs(30));
        assert_eq!(s.web_max_connections, 1024);
        assert_eq!(s.forwarded_header, ForwardedHeader::XForwardedFor);
        let described = s.describe();
        for key in [
            "failed_requests_burst = 20",
            "posts_per_invite_burst = 20",
            "forwarded_header = \"x-forwarded-for\"",
            "header_timeout = \"10s\"",
            "max_connections = 1024",
        ] {
            assert!(described.contains(key), "{described}");
        }
        let s = parse(&GOOD.replace(
            "[web]",
            "[web]\ntrust_forwarded_for = true\nforwarded_header = \"forwarded\"",
        ))
        .unwrap();
        assert_eq!(s.forwarded_header, ForwardedHeader::Forwarded);
    }

    #[test]
    fn metrics_listen_is_off_by_default_and_never_the_public_address() {
        assert_eq!(parse(GOOD).unwrap().metrics_listen, None);
        let on = parse(&format!("{GOOD}[metrics]\nlisten = \"127.0.0.1:9100\"\n")).unwrap();
        assert_eq!(on.metrics_listen, Some("127.0.0.1:9100".parse().unwrap()));
        assert!(
            on.describe()
                .contains("[metrics]\nlisten = \"127.0.0.1:9100\"")
        );
        expect_error(
            &format!("{GOOD}[metrics]\nlisten = \"127.0.0.1:8080\"\n"),
            &["metrics.listen", "web.listen"],
        );
        expect_error(
            &format!("{GOOD}[metrics]\nlisten = \"localhost:9100\"\n"),
            &["metrics.listen", "not an IP:port"],
        );
    }

    #[test]
    fn web_errors_name_the_key() {
        for key in [
            "rate_limit_burst",
            "failed_requests_per_minute",
            "failed_requests_burst",
            "global_failed_requests_per_minute",
            "global_failed_requests_burst",
            "posts_per_invite_per_minute",
            "posts_per_invite_burst",
            "max_connections",
        ] {
            expect_error(
                &GOOD.replace("[web]", &format!("[web]\n{key} = 0")),
                &[&format!("web.{key}")],
            );
        }
        for key in ["header_timeout", "body_timeout", "idle_timeout"] {
            expect_error(
                &GOOD.replace("[web]", &format!("[web]\n{key} = \"0s\"")),
                &[&format!("web.{key}"), "at least 1s"],
            );
            expect_error(
                &GOOD.replace("[web]", &format!("[web]\n{key} = \"10\"")),
                &[key, "not a duration"],
            );
        }
        expect_error(
            &GOOD.replace("[web]", "[web]\nforwarded_header = \"x-real-ip\""),
            &["forwarded_header", "unknown variant `x-real-ip`"],
        );
        expect_error(
            &GOOD.replace("[web]", "[web]\nfailed_request_burst = 3"),
            &["unknown field `failed_request_burst`"],
        );
    }

    #[test]
    fn durations() {
        assert_eq!(
            HumanDuration::parse("90s").unwrap().0,
            Duration::from_secs(90)
        );
        assert_eq!(
            HumanDuration::parse("7d").unwrap().0,
            Duration::from_secs(604_800)
        );
        assert!(HumanDuration::parse("7").is_err());
        assert!(HumanDuration::parse("d").is_err());
        assert!(HumanDuration::parse("").is_err());
        assert!(HumanDuration::parse("-1h").is_err());
        assert!(HumanDuration::parse("99999999999999999999d").is_err());
        assert!(HumanDuration::parse("999999999999999999d").is_err());
    }

    #[test]
    fn branding_is_checked_when_the_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("logo.svg"), "<svg/>").unwrap();
        std::fs::write(d.join("logo.gif"), "GIF89a").unwrap();
        std::fs::create_dir_all(d.join("over/locales/en-US")).unwrap();
        let load = |branding: &str| {
            Settings::parse(
                &format!("{GOOD}\n[branding]\n{branding}"),
                &d.join("config.toml"),
                None,
            )
        };
        let s = load(
            "site_name = \"Example Chat\"\nlogo = \"logo.svg\"\naccent_color = \"#6A1B9A\"\n\
             default_language = \"de\"\noverrides_dir = \"over\"",
        )
        .unwrap();
        assert_eq!(s.branding.logo, Some(d.join("logo.svg")));
        assert_eq!(s.branding.accent_color.as_deref(), Some("#6a1b9a"));
        assert_eq!(s.branding.overrides_dir, Some(d.join("over")));
        assert!(
            s.describe()
                .contains("[branding]\nsite_name = \"Example Chat\"\n")
        );
        assert_eq!(parse(GOOD).unwrap().branding, Branding::default());
        for (branding, says) in [
            ("accent_color = \"#ffcc00\"", "contrast of 1.51:1"),
            ("accent_color = \"#0b57d0\"", ""),
            ("accent_color = \"blue\"", "#rrggbb"),
            ("accent_color = \"#12345\"", "#rrggbb"),
            ("logo = \"logo.gif\"", ".svg, .png"),
            ("logo = \"missing.png\"", "cannot read"),
            ("overrides_dir = \"nowhere\"", "not a directory"),
            ("default_language = \"tlh\"", "tlh"),
            ("site_name = \" \"", "empty"),
            ("colour = \"#000000\"", "unknown field"),
        ] {
            let r = load(branding);
            if says.is_empty() {
                assert!(r.is_ok(), "{branding}: {r:?}");
            } else {
                let e = r.unwrap_err().to_string();
                assert!(e.contains(says), "{branding}: {e}");
            }
        }
        std::fs::write(
            d.join("over/locales/en-US/x.ftl"),
            "site-name = { $domain\n",
        )
        .unwrap();
        let e = load("overrides_dir = \"over\"").unwrap_err().to_string();
        assert!(e.contains("translation overrides"), "{e}");
    }

    #[test]
    fn contrast_is_computed_as_wcag_says() {
        // White on black is the maximum, 21:1; white on white 1:1.
        assert!((contrast_with_white("#000000").unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast_with_white("#FFFFFF").unwrap() - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey passing 4.5:1 on white.
        assert!(contrast_with_white("#767676").unwrap() >= 4.5);
        assert!(contrast_with_white("#777777").unwrap() < 4.5);
        assert_eq!(contrast_with_white("000000"), None);
    }
}
