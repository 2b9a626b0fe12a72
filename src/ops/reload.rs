//! Reloading the settings on SIGHUP: what can change without a restart
//! (admins, the invite toggles and limits, the registration form rules,
//! the branding and everything in its overrides directory) takes effect at
//! once; the file is validated whole first, and a file
//! that does not validate changes nothing. Settings that need a restart
//! (addresses, the secret, the database, rate limits, timeouts) keep their
//! running values, and the log names them.

use super::metrics;
use crate::config::{ConfigError, SECRET_ENV, Settings};
use crate::domain::redeem::{FormRules, RedeemService};
use crate::domain::registration::PasswordPolicy;
use crate::domain::{Limits, MintService, Policy};
use crate::i18n::LiveCatalogue;
use crate::web::WebState;
use crate::web::brand::Look;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Keys (`section.key`, as in the file) that a reload puts in force.
pub const RELOADABLE: &[&str] = &[
    "invites.admins",
    "invites.allow_user_invites",
    "invites.allow_contact_invites",
    "invites.lifetime",
    "invites.max_lifetime",
    "invites.max_uses",
    "registration.min_password_length",
    "registration.reserved_usernames",
    "branding.site_name",
    "branding.logo",
    "branding.accent_color",
    "branding.default_language",
    "branding.overrides_dir",
];

/// The minting policy the settings describe.
pub fn policy(s: &Settings) -> Policy {
    Policy::new(
        s.domain.clone(),
        s.admins.clone(),
        s.allow_user_invites,
        s.allow_contact_invites,
    )
}

/// The minting limits the settings describe.
pub fn limits(s: &Settings) -> Limits {
    Limits {
        default_lifetime: s.lifetime,
        max_lifetime: s.max_lifetime,
        max_uses: s.max_uses,
        reserved: s.reserved_usernames.clone(),
        quota: s.quota,
        ..Limits::default()
    }
}

/// The registration form rules the settings describe.
pub fn form_rules(s: &Settings) -> FormRules {
    FormRules {
        passwords: PasswordPolicy {
            min_chars: s.min_password_length,
            ..PasswordPolicy::default()
        },
        reserved: s.reserved_usernames.clone(),
    }
}

/// What a reload changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reloaded {
    /// Keys now in force with new values.
    pub applied: Vec<String>,
    /// Keys whose new values wait for a restart.
    pub need_restart: Vec<String>,
}

/// Holds the settings in force and the services they configure.
pub struct Reloader {
    current: Settings,
    mint: Arc<MintService>,
    redeem: Arc<RedeemService>,
    /// The pages, whose look (catalogues, client list, branding) is read
    /// again on every reload: its files may change while the settings
    /// file does not.
    web: Option<Arc<WebState>>,
    /// The same catalogues for XMPP, notifications and emails.
    catalogue: Option<Arc<LiveCatalogue>>,
}

impl Reloader {
    pub fn new(current: Settings, mint: Arc<MintService>, redeem: Arc<RedeemService>) -> Reloader {
        Reloader {
            current,
            mint,
            redeem,
            web: None,
            catalogue: None,
        }
    }

    /// Also reload the web pages' look, and put its catalogues in force
    /// for what is worded outside the pages too.
    pub fn with_web(mut self, web: Arc<WebState>, catalogue: Arc<LiveCatalogue>) -> Reloader {
        self.web = Some(web);
        self.catalogue = Some(catalogue);
        self
    }

    /// Reads the file the service was started with again and applies it,
    /// logging the outcome (key names only, never values: the admin list
    /// is addresses).
    pub fn reload(&mut self) {
        let file = self.current.file.clone();
        match self.apply(Settings::load(&file, std::env::var(SECRET_ENV).ok())) {
            Ok(r) => {
                metrics::reload("applied");
                tracing::info!(
                    file = %file.display(),
                    changed = %r.applied.join(","),
                    "configuration reloaded"
                );
                if !r.need_restart.is_empty() {
                    tracing::warn!(
                        keys = %r.need_restart.join(","),
                        "configuration reload: these settings changed but take effect only after a restart; the running values stay"
                    );
                }
            }
            Err(e) => {
                metrics::reload("refused");
                tracing::error!(error = %e, "configuration not reloaded: the running settings stay");
            }
        }
    }

    /// Applies validated `new` settings, or nothing on an error.
    pub fn apply(&mut self, new: Result<Settings, ConfigError>) -> Result<Reloaded, ConfigError> {
        let new = new?;
        // Read before anything changes, so a broken override refuses the
        // whole reload.
        let look = match &self.web {
            None => None,
            Some(_) => Some(Look::load(&new.branding).map_err(|message| ConfigError {
                file: new.file.display().to_string(),
                message: format!("branding: {message}"),
            })?),
        };
        let (old, newer) = (keys(&self.current), keys(&new));
        let mut r = Reloaded::default();
        for (key, value) in &newer {
            if old.get(key) != Some(value) {
                if RELOADABLE.contains(&key.as_str()) {
                    r.applied.push(key.clone());
                } else {
                    r.need_restart.push(key.clone());
                }
            }
        }
        if new.secret != self.current.secret {
            r.need_restart.push("component.secret".into());
        }
        for w in &new.warnings {
            tracing::warn!("{w}");
        }
        self.mint.reconfigure(policy(&new), limits(&new));
        self.redeem.set_rules(form_rules(&new));
        if let (Some(web), Some(look)) = (&self.web, look) {
            if let Some(c) = &self.catalogue {
                c.set(look.i18n.clone());
            }
            web.set_look(look);
        }
        // What needs a restart keeps its running value, here too: the next
        // reload compares against what runs.
        let mut kept = self.current.clone();
        kept.admins = new.admins;
        kept.allow_user_invites = new.allow_user_invites;
        kept.allow_contact_invites = new.allow_contact_invites;
        kept.lifetime = new.lifetime;
        kept.max_lifetime = new.max_lifetime;
        kept.max_uses = new.max_uses;
        kept.min_password_length = new.min_password_length;
        kept.reserved_usernames = new.reserved_usernames;
        kept.branding = new.branding;
        self.current = kept;
        Ok(r)
    }
}

/// The effective settings as `section.key` → value, from
/// [`Settings::describe`]: one listing of every key, so a key added there
/// is compared here without a change (and needs a restart unless it is
/// listed in [`RELOADABLE`]).
fn keys(s: &Settings) -> BTreeMap<String, String> {
    let mut section = String::new();
    let mut out = BTreeMap::new();
    for line in s.describe().lines() {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_owned();
        } else if let Some((k, v)) = line.split_once(" = ") {
            out.insert(format!("{section}.{k}"), v.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ADMIN, Wired};
    use std::path::Path;
    use xmpp_parsers::jid::BareJid;

    const BASE: &str = r#"
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
        Settings::parse(text, Path::new("test.toml"), None)
    }

    #[test]
    fn a_new_admin_list_takes_effect_and_a_new_port_waits_for_a_restart() {
        let w = Wired::new();
        let settings = parse(BASE).unwrap();
        let mint = Arc::new(MintService::new(
            w.store.clone(),
            policy(&settings),
            w.links.clone(),
            limits(&settings),
            w.clock.clone(),
        ));
        let mut r = Reloader::new(settings, mint.clone(), w.redeem.clone());
        let bob = BareJid::new("bob@example.org").unwrap();
        assert_eq!(
            mint.policy().classify(&bob),
            crate::domain::Requester::LocalUser
        );

        let changed = BASE
            .replace("[\"admin@example.org\"]", "[\"bob@example.org\"]")
            .replace("127.0.0.1:8080", "127.0.0.1:8081");
        let done = r.apply(parse(&changed)).unwrap();
        // The admins' localparts are reserved usernames: both change.
        assert_eq!(
            done.applied,
            ["invites.admins", "registration.reserved_usernames"]
        );
        assert_eq!(done.need_restart, ["web.listen"]);
        assert_eq!(
            mint.policy().classify(&bob),
            crate::domain::Requester::Admin
        );
        // The admins' localparts are reserved with them.
        assert!(mint.limits().reserved.contains("bob"));

        // The port stays as it runs: reloading the same file again changes
        // nothing new but still says it waits.
        let again = r.apply(parse(&changed)).unwrap();
        assert!(again.applied.is_empty());
        assert_eq!(again.need_restart, ["web.listen"]);
    }

    #[test]
    fn a_broken_file_changes_nothing() {
        let w = Wired::new();
        let settings = parse(BASE).unwrap();
        let mint = Arc::new(MintService::new(
            w.store.clone(),
            policy(&settings),
            w.links.clone(),
            limits(&settings),
            w.clock.clone(),
        ));
        let mut r = Reloader::new(settings, mint.clone(), w.redeem.clone());
        let broken = BASE.replace("[\"admin@example.org\"]", "[\"not a jid\"]");
        assert!(r.apply(parse(&broken)).is_err());
        let admin = BareJid::new(ADMIN).unwrap();
        assert_eq!(
            mint.policy().classify(&admin),
            crate::domain::Requester::Admin
        );
    }

    #[test]
    fn a_reload_reads_the_overrides_again_and_a_broken_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("over/locales/en-US")).unwrap();
        let site = d.join("over/locales/en-US/site.ftl");
        std::fs::write(&site, "site-name = First name\n").unwrap();
        let text = format!("{BASE}\n[branding]\noverrides_dir = \"over\"\n");
        let file = d.join("config.toml");
        let settings = Settings::parse(&text, &file, None).unwrap();
        let w = Wired::new();
        let web = Arc::new(WebState {
            redeem: w.redeem.clone(),
            links: w.links.clone(),
            look: std::sync::RwLock::new(Arc::new(Look::load(&settings.branding).unwrap())),
            csrf: crate::web::csrf::CsrfKey::generate().unwrap(),
            clock: w.clock.clone(),
            prefix: String::new(),
            origin: "https://invite.example.org".into(),
            body_timeout: std::time::Duration::from_secs(1),
            server: Arc::new(crate::domain::server::ServerSupport::default()),
        });
        let mint = Arc::new(MintService::new(
            w.store.clone(),
            policy(&settings),
            w.links.clone(),
            limits(&settings),
            w.clock.clone(),
        ));
        let site_name = || {
            web.look()
                .i18n
                .default_tr()
                .args("site-name", &[("domain", "example.org")])
        };
        let live = LiveCatalogue::new(web.look().i18n.clone());
        let mut r =
            Reloader::new(settings, mint, w.redeem.clone()).with_web(web.clone(), live.clone());
        assert_eq!(site_name(), "First name");

        std::fs::write(&site, "site-name = Second name\n").unwrap();
        let done = r.apply(Settings::parse(&text, &file, None)).unwrap();
        assert!(done.need_restart.is_empty(), "{done:?}");
        assert_eq!(site_name(), "Second name");

        // A default language and a colour are in force at once too.
        let more = format!("{text}default_language = \"fr\"\naccent_color = \"#00468b\"\n");
        let done = r.apply(Settings::parse(&more, &file, None)).unwrap();
        assert_eq!(
            done.applied,
            ["branding.accent_color", "branding.default_language"]
        );
        assert_eq!(web.look().i18n.default_tr().lang_tag(), "fr");
        assert_eq!(web.look().accent.as_deref(), Some("#00468b"));
        // XMPP and email word from the same catalogues.
        assert_eq!(live.for_tag(None).lang_tag(), "fr");
        assert_eq!(
            live.for_tag(Some("en"))
                .args("site-name", &[("domain", "example.org")]),
            "Second name"
        );

        std::fs::write(&site, "site-name = { $domain\n").unwrap();
        let e = r.apply(Settings::parse(&text, &file, None)).unwrap_err();
        assert!(e.to_string().contains("translation overrides"), "{e}");
        assert_eq!(web.look().i18n.default_tr().lang_tag(), "fr");
        assert_eq!(live.for_tag(None).lang_tag(), "fr");
    }
}
