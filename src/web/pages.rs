//! What every page shares: the chrome around it ([`Page`]: language, title,
//! site name, link prefix, language switcher, branding), rendering, the
//! one-paragraph message page, the wording of form field errors.

use super::WebState;
use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// The chrome of every page, embedded in each template struct. The
/// templates extend `base.html`, which reads these fields directly; the
/// page structs reach them through [`std::ops::Deref`] (see [`page_chrome`]).
pub(super) struct Page {
    pub tr: Tr,
    pub title: String,
    pub site_name: String,
    pub prefix: String,
    /// The language switcher, one entry per available language.
    pub languages: Vec<LangLink>,
    /// The current query without `lang`, ending in `&` when not empty.
    pub query: String,
    pub look: std::sync::Arc<super::brand::Look>,
}

/// One link of the language switcher, named in its own language.
pub(super) struct LangLink {
    pub tag: String,
    pub name: String,
    pub dir: &'static str,
    pub current: bool,
}

/// Lets a template struct with a `page: Page` field be read as its chrome,
/// so that `base.html` and the shared includes work on every page.
macro_rules! page_chrome {
    ($($page:ty),+ $(,)?) => {$(
        impl std::ops::Deref for $page {
            type Target = $crate::web::pages::Page;
            fn deref(&self) -> &Self::Target {
                &self.page
            }
        }
    )+};
}
pub(super) use page_chrome;

pub(super) fn render<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    page: Page,
    text: String,
}

page_chrome!(MessagePage);

impl WebState {
    /// The chrome of a page titled `title`, in the language of `tr`.
    pub(super) fn page(&self, tr: Tr, title: String) -> Page {
        let look = self.look();
        let cat = tr.catalogue();
        let current = tr.lang_tag();
        let languages = cat
            .names()
            .iter()
            .map(|l| LangLink {
                current: l.tag == current,
                name: l.name.clone(),
                dir: l.dir,
                tag: l.tag.clone(),
            })
            .collect();
        Page {
            site_name: look
                .site_name
                .clone()
                .unwrap_or_else(|| tr.args("site-name", &[("domain", self.redeem.domain())])),
            prefix: self.prefix.clone(),
            languages,
            query: super::lang::query_rest(),
            look,
            title,
            tr,
        }
    }

    /// A page with a title and one paragraph, from catalogue keys.
    pub(super) fn message(&self, status: StatusCode, tr: &Tr, title: &str, text: &str) -> Response {
        self.text_page(status, tr.clone(), tr.t(title), tr.t(text))
    }

    /// A page with a title and one paragraph, already worded.
    pub(super) fn text_page(
        &self,
        status: StatusCode,
        tr: Tr,
        title: String,
        text: String,
    ) -> Response {
        render(
            status,
            &MessagePage {
                page: self.page(tr, title),
                text,
            },
        )
    }
}

pub(super) use crate::i18n::field_message;
