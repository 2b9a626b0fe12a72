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
    /// The BCP 47 tag of the page's language: `<html lang>`, and the
    /// current entry of the language switcher (`tr`'s catalogue's names).
    pub lang_tag: String,
    /// The current query without `lang`, ending in `&` when not empty.
    pub query: String,
    pub look: std::sync::Arc<super::brand::Look>,
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

/// Room for the largest page (a landing page, about 10 KB with its QR
/// code) in one allocation: askama's own estimate counts only the
/// templates' text, and growing the string twice or three times per view
/// cost copies and reallocations (scripts/bench P2).
const PAGE_CAPACITY: usize = 16 * 1024;

pub(super) fn render<T: Template>(status: StatusCode, t: &T) -> Response {
    let mut html = String::with_capacity(PAGE_CAPACITY.max(T::SIZE_HINT));
    match t.render_into(&mut html) {
        Ok(()) => (status, Html(html)).into_response(),
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
        Page {
            site_name: look
                .site_name
                .clone()
                .unwrap_or_else(|| tr.args_fixed("site-name", &[("domain", self.redeem.domain())])),
            prefix: self.prefix.clone(),
            lang_tag: tr.lang_tag(),
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
