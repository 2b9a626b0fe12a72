//! The message catalogue (Fluent, under `landing-pages/locales/`, compiled
//! into the binary) and language negotiation from `Accept-Language`.

use crate::domain::registration::FieldError;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./landing-pages/locales",
        fallback_language: "en-US",
        // Placeables are addresses and URLs: Unicode isolation marks around
        // them would end up inside links and copied text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

const FALLBACK: LanguageIdentifier = langid!("en-US");

/// Translations in one negotiated language.
#[derive(Debug, Clone)]
pub struct Tr {
    lang: LanguageIdentifier,
}

impl Default for Tr {
    fn default() -> Self {
        Tr { lang: FALLBACK }
    }
}

impl Tr {
    /// Picks the best available language for an `Accept-Language` header.
    pub fn negotiate(accept_language: Option<&str>) -> Tr {
        let requested = accept_language
            .map(fluent_langneg::accepted_languages::parse)
            .unwrap_or_default();
        let available: Vec<LanguageIdentifier> = LOCALES.locales().cloned().collect();
        let fallback = FALLBACK;
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&fallback),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        Tr {
            lang: chosen.first().map(|l| (*l).clone()).unwrap_or(FALLBACK),
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn lang_tag(&self) -> String {
        self.lang.to_string()
    }

    /// A message without arguments.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang, key)
    }

    /// A message with arguments.
    pub fn args(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string())))
            .collect();
        LOCALES.lookup_with_args(&self.lang, key, &map)
    }

    /// Whether the catalogue has `key` (used by tests for completeness).
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(&self.lang, key).is_some()
    }
}

/// The words for a form field's problem (the web form and the apps, through
/// the server module, say the same).
pub fn field_message(tr: &Tr, e: &FieldError) -> String {
    match e {
        FieldError::UsernameEmpty => tr.t("error-username-empty"),
        FieldError::UsernameInvalid => tr.t("error-username-invalid"),
        FieldError::UsernameTooLong(n) => {
            tr.args("error-username-long", &[("max", &n.to_string())])
        }
        FieldError::UsernameNotAllowed => tr.t("error-username-notallowed"),
        FieldError::UsernameFixed(u) => tr.args("error-username-fixed", &[("username", u)]),
        FieldError::UsernameReserved => tr.t("error-username-reserved"),
        FieldError::UsernameTaken => tr.t("error-username-taken"),
        FieldError::PasswordTooShort(n) => {
            tr.args("error-password-short", &[("min", &n.to_string())])
        }
        FieldError::PasswordTooLong(n) => {
            tr.args("error-password-long", &[("max", &n.to_string())])
        }
        FieldError::PasswordIsUsername => tr.t("error-password-username"),
        FieldError::PasswordInvalidCharacters => tr.t("error-password-chars"),
        FieldError::PasswordMismatch => tr.t("error-password-mismatch"),
        FieldError::AddressInvalid => tr.t("error-address-invalid"),
        FieldError::AddressIsInviter => tr.t("error-address-inviter"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_the_fallback_and_placeables_are_not_isolated() {
        let tr = Tr::negotiate(Some("xx-YY, zz;q=0.5"));
        assert_eq!(tr.lang_tag(), "en-US");
        let s = tr.args("notify-accepted", &[("jid", "bob@example.org")]);
        assert_eq!(s, "bob@example.org accepted your invite.");
        assert_eq!(Tr::negotiate(None).lang_tag(), "en-US");
        assert_eq!(Tr::negotiate(Some("en-GB,en;q=0.8")).lang_tag(), "en-US");
    }
}
