//! What an operator changes without a rebuild ([`Look`]): the catalogues
//! with their overrides, the client list, the site name, a logo, an accent
//! colour, a stylesheet and assets of their own, and HTML fragments above
//! and below every page.
//!
//! The page templates themselves are compiled in (askama): an operator
//! changes wording through the catalogues and adds markup through the
//! fragments, which keeps every page's structure (forms, labels, CSRF
//! fields) ours.

use super::Shared;
use super::catalogue::{self, Catalogue};
use crate::config::{Branding, logo_content_type};
use crate::i18n;
use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Larger than any sensible logo; a mistaken path to a video is refused.
const MAX_LOGO: u64 = 1024 * 1024;

/// Larger than any sensible header or footer.
const MAX_FRAGMENT: u64 = 64 * 1024;

/// The operator's logo, read at start.
pub struct Logo {
    bytes: Vec<u8>,
    content_type: &'static str,
}

/// Everything [`Branding`] and its overrides directory configure.
pub struct Look {
    pub i18n: Arc<i18n::Catalogue>,
    pub clients: Catalogue,
    pub site_name: Option<String>,
    pub logo: Option<Logo>,
    /// `#rrggbb`, checked for contrast when the settings were read.
    pub accent: Option<String>,
    /// `static/` of the overrides directory, served under `/static/site/`.
    pub static_dir: Option<PathBuf>,
    /// Whether `static/custom.css` exists, linked after our stylesheet.
    pub custom_css: bool,
    /// `templates/header.html`, inserted at the top of every page.
    pub header_html: Option<String>,
    /// `templates/footer.html`, inserted at the bottom of every page.
    pub footer_html: Option<String>,
    /// The app lists made from `clients` and `i18n`.
    apps: catalogue::RenderedApps,
}

impl Look {
    /// Only what is built in: English by default, the shipped client list.
    pub fn builtin() -> Look {
        Look {
            i18n: i18n::Catalogue::builtin(),
            clients: Catalogue::parse(catalogue::BUILTIN)
                .unwrap_or_else(|e| panic!("the built-in clients.toml does not parse: {e}")),
            site_name: None,
            logo: None,
            accent: None,
            static_dir: None,
            custom_css: false,
            header_html: None,
            footer_html: None,
            apps: Default::default(),
        }
    }

    /// The app lists of a page for `platform`, in the language of `tr`
    /// (kept once rendered when `tr` reads this look's catalogues).
    pub fn apps(
        &self,
        tr: &i18n::Tr,
        platform: Option<catalogue::Platform>,
        ready: Option<catalogue::Needs>,
    ) -> Arc<str> {
        if Arc::ptr_eq(tr.catalogue(), &self.i18n) {
            self.apps.get(&self.clients, tr, platform, ready)
        } else {
            self.clients.render(tr, platform, ready).into()
        }
    }

    /// Reads what the settings name. Errors name the file and the problem.
    pub fn load(b: &Branding) -> Result<Look, String> {
        let dir = b.overrides_dir.as_deref();
        let sub = |name: &str| dir.map(|d| d.join(name));
        let existing_dir = |name: &str| sub(name).filter(|p| p.is_dir());
        let existing_file = |name: &str| sub(name).filter(|p| p.is_file());
        let i18n = i18n::Catalogue::load(
            existing_dir("locales").as_deref(),
            b.default_language.as_deref(),
        )
        .map_err(|e| e.to_string())?;
        let clients = match existing_file("clients.toml") {
            None => Catalogue::parse(catalogue::BUILTIN)
                .map_err(|e| format!("landing-pages/clients.toml: {e}"))?,
            Some(p) => {
                let text = read_bounded(&p, MAX_FRAGMENT * 4)?;
                Catalogue::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?
            }
        };
        let logo = match &b.logo {
            None => None,
            Some(p) => Some(Logo {
                content_type: logo_content_type(p)
                    .ok_or_else(|| format!("{}: not an svg, png, webp or jpeg", p.display()))?,
                bytes: read_bytes_bounded(p, MAX_LOGO)?,
            }),
        };
        let static_dir = existing_dir("static");
        let fragment = |name: &str| {
            existing_file(&format!("templates/{name}"))
                .map(|p| read_bounded(&p, MAX_FRAGMENT))
                .transpose()
        };
        Ok(Look {
            i18n,
            clients,
            site_name: b.site_name.clone(),
            logo,
            accent: b.accent_color.clone(),
            custom_css: static_dir
                .as_ref()
                .is_some_and(|d| d.join("custom.css").is_file()),
            static_dir,
            header_html: fragment("header.html")?,
            footer_html: fragment("footer.html")?,
            apps: Default::default(),
        })
    }
}

fn read_bytes_bounded(p: &Path, max: u64) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(p)
        .map_err(|e| format!("cannot read {}: {e}", p.display()))?
        .len();
    if len > max {
        return Err(format!(
            "{} is {len} bytes, more than the {max} allowed",
            p.display()
        ));
    }
    std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

fn read_bounded(p: &Path, max: u64) -> Result<String, String> {
    String::from_utf8(read_bytes_bounded(p, max)?)
        .map_err(|_| format!("{} is not UTF-8 text", p.display()))
}

/// `/static/brand.css`, `/static/logo` and `/static/site/…`.
pub(super) fn router() -> Router<Shared> {
    Router::new()
        .route("/static/brand.css", get(brand_css))
        .route("/static/logo", get(logo))
        .route("/static/site/{*path}", get(site_asset))
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

/// The accent colour as a custom property: a stylesheet rather than a
/// `style` attribute, which the CSP (`style-src 'self'`) forbids. Only the
/// light scheme takes it: a colour that white text reads on is too dark
/// for links on the dark background, which keeps its own light accent.
async fn brand_css(State(s): State<Shared>) -> Response {
    let look = s.look();
    let Some(accent) = &look.accent else {
        return not_found();
    };
    let css = format!(
        ":root {{ --accent: {accent}; --accent-fg: #ffffff; }}\n\
         @media (prefers-color-scheme: dark) {{ :root {{ --accent: #8ab4f8; --accent-fg: #0b1a33; }} }}\n"
    );
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        css,
    )
        .into_response()
}

async fn logo(State(s): State<Shared>) -> Response {
    let look = s.look();
    let Some(logo) = &look.logo else {
        return not_found();
    };
    (
        [
            (header::CONTENT_TYPE, logo.content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        logo.bytes.clone(),
    )
        .into_response()
}

/// The content type of an operator's asset, by extension: stylesheets and
/// images, what the CSP lets a page load. Anything else is not served, so
/// the directory cannot host pages or scripts.
fn asset_type(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "css" => Some("text/css; charset=utf-8"),
        _ => logo_content_type(Path::new(path)),
    }
}

/// Whether a requested path stays inside the directory: plain names only,
/// no `..`, no hidden files, no backslashes.
fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && !seg.starts_with('.'))
}

async fn site_asset(State(s): State<Shared>, UrlPath(path): UrlPath<String>) -> Response {
    let look = s.look();
    let (Some(dir), Some(ct)) = (&look.static_dir, asset_type(&path)) else {
        return not_found();
    };
    if !safe_relative(&path) {
        return not_found();
    }
    match tokio::fs::read(dir.join(&path)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, ct),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_lists_are_rendered_once_per_language_platform_and_readiness() {
        use catalogue::{Needs, Platform};
        let look = Look::builtin();
        let platforms = [
            None,
            Some(Platform::Android),
            Some(Platform::Ios),
            Some(Platform::Web),
        ];
        let needs = [None, Some(Needs::Register), Some(Needs::Either)];
        let mut seen = std::collections::HashSet::new();
        for lang in look.i18n.languages().to_vec() {
            let tr = look.i18n.pick(&lang.to_string()).unwrap();
            for p in platforms {
                for n in needs {
                    let kept = look.apps(&tr, p, n);
                    // What a fresh render gives, and the very same text
                    // the second time.
                    assert_eq!(&*kept, look.clients.render(&tr, p, n), "{lang} {p:?} {n:?}");
                    assert!(Arc::ptr_eq(&kept, &look.apps(&tr, p, n)));
                    seen.insert(kept.to_string());
                }
            }
        }
        // Each language, platform and readiness has lists of its own.
        let langs = look.i18n.languages().len();
        assert!(
            seen.len() > langs * 6,
            "{} distinct of {}",
            seen.len(),
            langs * 12
        );
        let de = look.i18n.pick("de").unwrap();
        let en = look.i18n.pick("en").unwrap();
        assert_ne!(look.apps(&de, None, None), look.apps(&en, None, None));
        // A translation from other catalogues (a reload's) is rendered from
        // those, never answered from what this look kept.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("de")).unwrap();
        std::fs::write(
            dir.path().join("de/x.ftl"),
            "invite-step-app-other = Noch mehr Apps\n",
        )
        .unwrap();
        let other = i18n::Catalogue::load(Some(dir.path()), None).unwrap();
        let html = look.apps(&other.pick("de").unwrap(), None, None);
        assert!(html.contains("Noch mehr Apps"), "{html}");
        assert!(!look.apps(&de, None, None).contains("Noch mehr Apps"));
    }

    #[test]
    fn asset_paths_stay_inside_and_types_are_allowed() {
        assert!(safe_relative("custom.css"));
        assert!(safe_relative("fonts/a.woff2"));
        for bad in [
            "",
            "../x.css",
            "a/../../x.css",
            ".htaccess",
            "a//b.css",
            "a\\b.css",
        ] {
            assert!(!safe_relative(bad), "{bad}");
        }
        assert_eq!(asset_type("x.CSS"), Some("text/css; charset=utf-8"));
        assert_eq!(asset_type("x.svg"), Some("image/svg+xml"));
        assert_eq!(asset_type("x.html"), None);
        assert_eq!(asset_type("x.js"), None);
    }
}
