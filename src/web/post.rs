//! The gate every form post goes through, in this order: refuse posts made
//! by another site, read the form, look up what it is about (the live
//! invite of the flow's kind), verify its CSRF token against the flow's
//! scope. A flow's post handler then only calls the domain and renders the
//! outcome.

use super::WebState;
use super::errors::WebError;
use crate::domain::redeem::{InviteView, RedeemError};
use crate::i18n::Tr;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde::de::DeserializeOwned;

/// A form one of the flows accepts.
pub(super) trait PostedForm: DeserializeOwned {
    /// What names the subject: the token in the path, or nothing.
    type Key: ?Sized + Sync;
    /// What the post is about, looked up before its CSRF token is checked.
    type Subject;

    /// Looks the subject up; a dead or unsuitable one refuses the post.
    async fn subject(s: &WebState, key: &Self::Key) -> Result<Self::Subject, RedeemError>;

    /// The scope its CSRF token was issued for: the form page issues it
    /// with the same function.
    fn csrf_scope(&self, subject: &Self::Subject) -> String;

    /// The CSRF token as posted.
    fn csrf(&self) -> &str;

    /// The answer to a missing, forged or expired CSRF token.
    fn stale(self, s: &WebState, tr: &Tr, subject: Self::Subject) -> Response;
}

/// The CSRF scope of a form about an invite: the flow and the token's hash,
/// so that a token issued for one invite or one flow fits no other.
pub(super) fn invite_scope(flow: &str, view: &InviteView) -> String {
    let h = view.token.hash().0;
    format!(
        "{flow}:{}",
        h.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

/// Refuses posts made by another site: `Sec-Fetch-Site` when the browser
/// sends it, else `Origin` (ignored when "null", which `no-referrer` pages
/// send for their own posts).
fn cross_site(headers: &HeaderMap, origin: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some("null") | None => false,
        Some(o) => o != origin,
    }
}

impl WebState {
    /// A CSRF token for a form page, bound to `scope`.
    pub(super) fn csrf_token(&self, scope: &str) -> String {
        self.csrf.issue(scope, self.clock.now().0)
    }

    /// The gate (see the module header). The error is the page to send,
    /// built once per refused post: boxing it buys nothing.
    #[allow(clippy::result_large_err)]
    pub(super) async fn gate<F: PostedForm>(
        &self,
        tr: &Tr,
        headers: &HeaderMap,
        form: Result<Form<F>, FormRejection>,
        key: &F::Key,
    ) -> Result<(F, F::Subject), Response> {
        if cross_site(headers, &self.origin) {
            return Err(self.refuse(tr, WebError::CrossSite));
        }
        let Form(form) = form.map_err(|rejection| self.refuse(tr, rejection))?;
        let subject = F::subject(self, key)
            .await
            .map_err(|e| self.refuse(tr, e))?;
        let now = self.clock.now().0;
        if !self
            .csrf
            .verify(&form.csrf_scope(&subject), form.csrf(), now)
        {
            return Err(form.stale(self, tr, subject));
        }
        Ok((form, subject))
    }
}
