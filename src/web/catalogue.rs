//! The client catalogue (`landing-pages/clients.toml`): which apps to
//! suggest on which platform.

use crate::i18n::{PerLanguage, Tr};
use askama::Template;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::Arc;

/// The catalogue shipped in the binary.
pub const BUILTIN: &str = include_str!("../../landing-pages/clients.toml");

/// Platforms an app can be downloaded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Android,
    Ios,
    Windows,
    Macos,
    Linux,
    Web,
}

impl Platform {
    pub fn key(self) -> &'static str {
        match self {
            Platform::Android => "platform-android",
            Platform::Ios => "platform-ios",
            Platform::Windows => "platform-windows",
            Platform::Macos => "platform-macos",
            Platform::Linux => "platform-linux",
            Platform::Web => "platform-web",
        }
    }

    /// A platform named in a URL (`?platform=ios`), case-insensitively.
    pub fn parse(s: &str) -> Option<Platform> {
        match s.to_ascii_lowercase().as_str() {
            "android" => Some(Platform::Android),
            "ios" => Some(Platform::Ios),
            "windows" => Some(Platform::Windows),
            "macos" => Some(Platform::Macos),
            "linux" => Some(Platform::Linux),
            "web" => Some(Platform::Web),
            _ => None,
        }
    }

    /// The visitor's platform, guessed from the User-Agent. Order matters:
    /// Android UAs say "Linux", iPadOS may say "Macintosh".
    pub fn from_user_agent(ua: &str) -> Option<Platform> {
        let ua = ua.to_ascii_lowercase();
        if ua.contains("android") {
            Some(Platform::Android)
        } else if ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod") {
            Some(Platform::Ios)
        } else if ua.contains("windows") {
            Some(Platform::Windows)
        } else if ua.contains("macintosh") || ua.contains("mac os x") {
            Some(Platform::Macos)
        } else if ua.contains("linux") || ua.contains("x11") {
            Some(Platform::Linux)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Download {
    pub platform: Platform,
    pub store: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub id: String,
    pub name: String,
    /// What the app does with an invite link (facts from the apps'
    /// sources); it only helps where the server module is loaded.
    #[serde(default)]
    pub in_app: InApp,
    pub download: Vec<Download>,
}

/// Which invite paths an app implements.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct InApp {
    /// Finds "Invite" / "Create account" in the server's command list
    /// (XEP-0401) and runs them at the listed address or at the domain.
    #[serde(default)]
    pub invite_command: bool,
    /// Registers from `xmpp:domain?register;preauth=…` with the token
    /// (XEP-0445).
    #[serde(default)]
    pub preauth_register: bool,
    /// Sends the token with its subscription request from
    /// `xmpp:user@domain?roster;preauth=…` (XEP-0379).
    #[serde(default)]
    pub pars: bool,
}

/// What an invite needs from an app to be redeemed in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Needs {
    /// An account invite: registration with the token.
    Register,
    /// A contact invite: a pre-authorised subscription request.
    Subscribe,
    /// A contact invite that also lets the invitee register here.
    Either,
}

impl InApp {
    /// Whether this app completes an invite that needs `needs` by itself.
    pub fn handles(self, needs: Needs) -> bool {
        match needs {
            Needs::Register => self.preauth_register,
            Needs::Subscribe => self.pars,
            Needs::Either => self.pars && self.preauth_register,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub client: Vec<Client>,
}

/// One download link as shown.
#[derive(Debug, Clone)]
pub struct LinkView {
    pub label: String,
    pub url: String,
}

/// One app as shown on a page.
#[derive(Debug, Clone)]
pub struct AppView {
    pub name: String,
    pub description: String,
    /// Shown as "invite ready": this app does everything from the link,
    /// with this server, for this invite.
    pub ready: bool,
    pub downloads: Vec<LinkView>,
}

impl Catalogue {
    /// Parses and checks a catalogue: unique lowercase ids, at least one
    /// https download each, a description in the message catalogue.
    pub fn parse(text: &str) -> Result<Catalogue, String> {
        let cat: Catalogue = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut ids = HashSet::new();
        let tr = Tr::default();
        for c in &cat.client {
            if c.id.is_empty()
                || !c
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(format!(
                    "client id '{}' must be lowercase letters, digits and '-'",
                    c.id
                ));
            }
            if !ids.insert(c.id.as_str()) {
                return Err(format!("client id '{}' appears twice", c.id));
            }
            if c.download.is_empty() {
                return Err(format!("client '{}' has no download", c.id));
            }
            if let Some(d) = c.download.iter().find(|d| !d.url.starts_with("https://")) {
                return Err(format!(
                    "client '{}': download URL '{}' is not https",
                    c.id, d.url
                ));
            }
            if !tr.has(&format!("client-{}", c.id)) {
                return Err(format!(
                    "client '{}' has no description 'client-{}' in the message catalogue",
                    c.id, c.id
                ));
            }
        }
        Ok(cat)
    }

    /// Apps for `platform` (with only that platform's downloads) and the
    /// rest (with all of theirs), in catalogue order; with `ready` (the
    /// invite's needs, when the server supports in-app redemption) the apps
    /// that meet them are marked, and listed first within each group.
    pub fn for_platform(
        &self,
        platform: Option<Platform>,
        tr: &Tr,
        ready: Option<Needs>,
    ) -> (Vec<AppView>, Vec<AppView>) {
        let view = |c: &Client, only: Option<Platform>| AppView {
            name: c.name.clone(),
            description: tr.t(&format!("client-{}", c.id)),
            ready: ready.is_some_and(|n| c.in_app.handles(n)),
            downloads: c
                .download
                .iter()
                .filter(|d| only.is_none_or(|p| d.platform == p))
                .map(|d| LinkView {
                    label: if only.is_some() {
                        tr.args("app-get", &[("name", &c.name), ("store", &d.store)])
                    } else {
                        format!("{} ({})", d.store, tr.t(d.platform.key()))
                    },
                    url: d.url.clone(),
                })
                .collect(),
        };
        let mut mine = Vec::new();
        let mut rest = Vec::new();
        for c in &self.client {
            match platform {
                Some(p) if c.download.iter().any(|d| d.platform == p) => {
                    mine.push(view(c, Some(p)))
                }
                _ => rest.push(view(c, None)),
            }
        }
        // Stable: catalogue order within the ready and the other apps.
        mine.sort_by_key(|a| !a.ready);
        rest.sort_by_key(|a| !a.ready);
        (mine, rest)
    }
}

/// The app lists of a page (`apps.html`), rendered.
#[derive(Template)]
#[template(path = "apps.html")]
struct AppLists<'a> {
    tr: &'a Tr,
    platform_apps: Vec<AppView>,
    other_apps: Vec<AppView>,
}

/// The app lists as rendered HTML, kept per language, platform and
/// readiness: they depend on nothing else, and building them (a message
/// lookup and a string or two per app and download) was a seventh of a
/// landing page's CPU. At most languages × 7 platforms × 4 readinesses
/// entries. Kept beside the catalogues it was made from (in
/// [`super::brand::Look`]), so a reload starts afresh.
pub struct RenderedApps {
    by_lang: PerLanguage<AppsKey, Arc<str>>,
}

type AppsKey = (Option<Platform>, Option<Needs>);

/// More than languages × platforms × readinesses: every key fits.
const RENDERED_MAX: usize = 64;

impl Default for RenderedApps {
    fn default() -> RenderedApps {
        RenderedApps {
            by_lang: PerLanguage::new(RENDERED_MAX),
        }
    }
}

impl RenderedApps {
    /// `catalogue`'s apps for `platform` in the language of `tr`, rendered
    /// once. `tr` must read the catalogues this cache belongs to.
    pub fn get(
        &self,
        catalogue: &Catalogue,
        tr: &Tr,
        platform: Option<Platform>,
        ready: Option<Needs>,
    ) -> Arc<str> {
        self.by_lang.get_or_make(tr.lang(), &(platform, ready), || {
            catalogue.render(tr, platform, ready).into()
        })
    }
}

impl Catalogue {
    /// The app lists for `platform`, rendered (see [`RenderedApps`]).
    pub fn render(&self, tr: &Tr, platform: Option<Platform>, ready: Option<Needs>) -> String {
        let (platform_apps, other_apps) = self.for_platform(platform, tr, ready);
        AppLists {
            tr,
            platform_apps,
            other_apps,
        }
        .render()
        .unwrap_or_else(|e| {
            // Only a writer's error can fail a render into a String.
            tracing::error!(error = %e, "app list template failed");
            String::new()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalogue_is_valid() {
        let cat = Catalogue::parse(BUILTIN).unwrap();
        for needs in [Needs::Register, Needs::Subscribe, Needs::Either] {
            assert!(cat.client.iter().any(|c| c.in_app.handles(needs)));
        }
        for p in [
            Platform::Android,
            Platform::Ios,
            Platform::Windows,
            Platform::Macos,
            Platform::Linux,
            Platform::Web,
        ] {
            assert!(
                cat.client
                    .iter()
                    .any(|c| c.download.iter().any(|d| d.platform == p)),
                "{p:?}"
            );
        }
    }

    #[test]
    fn duplicate_ids_and_plain_http_are_rejected() {
        let dup = "[[client]]\nid='conversations'\nname='A'\n[[client.download]]\nplatform='web'\nstore='s'\nurl='https://a'\n";
        assert!(
            Catalogue::parse(&format!("{dup}{dup}"))
                .unwrap_err()
                .contains("twice")
        );
        let http = dup.replace("https://a", "http://a");
        assert!(Catalogue::parse(&http).unwrap_err().contains("not https"));
    }

    #[test]
    fn platform_apps_come_first() {
        let cat = Catalogue::parse(BUILTIN).unwrap();
        let (mine, rest) = cat.for_platform(Some(Platform::Android), &Tr::default(), None);
        assert_eq!(mine[0].name, "Conversations");
        assert!(mine.iter().chain(&rest).all(|a| !a.ready));
        assert!(
            mine.iter()
                .all(|a| a.downloads.iter().all(|d| d.label.starts_with("Get ")))
        );
        assert!(rest.iter().all(|a| a.name != "Conversations"));
        let (mine, rest) = cat.for_platform(None, &Tr::default(), None);
        assert!(mine.is_empty());
        assert_eq!(rest.len(), cat.client.len());
    }

    #[test]
    fn ready_apps_are_marked_and_come_first_only_for_what_they_handle() {
        let cat = Catalogue::parse(BUILTIN).unwrap();
        let (mine, _) =
            cat.for_platform(Some(Platform::Ios), &Tr::default(), Some(Needs::Register));
        // Monal and Siskin both register with the token.
        assert!(mine.iter().take(2).all(|a| a.ready), "{mine:?}");
        let (_, rest) = cat.for_platform(None, &Tr::default(), Some(Needs::Subscribe));
        let ready: Vec<_> = rest
            .iter()
            .filter(|a| a.ready)
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(ready, ["Conversations", "Snikket", "Monal", "Siskin IM"]);
        assert!(rest.iter().skip(ready.len()).all(|a| !a.ready));
        assert!(!rest.iter().any(|a| a.name == "Gajim" && a.ready));
    }

    #[test]
    fn user_agents() {
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36";
        assert_eq!(Platform::from_user_agent(android), Some(Platform::Android));
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15";
        assert_eq!(Platform::from_user_agent(iphone), Some(Platform::Ios));
        assert_eq!(
            Platform::from_user_agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64)"),
            Some(Platform::Windows)
        );
        assert_eq!(
            Platform::from_user_agent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)"),
            Some(Platform::Macos)
        );
        assert_eq!(
            Platform::from_user_agent("Mozilla/5.0 (X11; Linux x86_64)"),
            Some(Platform::Linux)
        );
        assert_eq!(Platform::from_user_agent("curl/8"), None);
    }
}
