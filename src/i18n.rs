//! Translations: the Fluent catalogues under `landing-pages/locales/`
//! (compiled into the binary), an operator's optional overrides directory
//! read at start-up, and the choice of a language — from `Accept-Language`,
//! from a tag a user picked, or from an XMPP `xml:lang`.
//!
//! Nothing here knows HTTP or XML: the adapters hand in the strings.

use crate::domain::registration::FieldError;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_templates::{ArcLoader, LanguageIdentifier, Loader, langid};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use unic_langid::CharacterDirection;

/// The built-in catalogues, compiled in. Each is parsed the first time a
/// message of its language is wanted, not all at start-up: a parsed
/// catalogue is about a quarter of a megabyte, and twelve of them were most
/// of an idle process's heap (scripts/bench P4), while an instance usually
/// speaks one or two languages. Every directory under
/// `landing-pages/locales/` must be listed here (a test checks).
macro_rules! builtin_sources {
    ($($tag:literal),* $(,)?) => {
        [$(
            ($tag, [
                include_str!(concat!("../landing-pages/locales/", $tag, "/main.ftl")),
                include_str!(concat!("../landing-pages/locales/", $tag, "/xmpp.ftl")),
            ]),
        )*]
    };
}

const BUILTIN_SOURCES: &[(&str, [&str; 2])] = &builtin_sources![
    "ar", "de", "en-US", "es", "fr", "it", "ja", "nl", "pl", "pt-BR", "ru", "uk",
];

/// One built-in language: its sources, and its bundle once parsed.
struct Builtin {
    lang: LanguageIdentifier,
    sources: &'static [&'static str; 2],
    bundle: OnceLock<FluentBundle<FluentResource>>,
}

impl Builtin {
    /// A language of [`BUILTIN_SOURCES`], not parsed yet.
    fn new(tag: &str, sources: &'static [&'static str; 2]) -> Builtin {
        Builtin {
            lang: tag.parse().expect("a built-in language tag"),
            sources,
            bundle: OnceLock::new(),
        }
    }

    fn bundle(&self) -> &FluentBundle<FluentResource> {
        self.bundle.get_or_init(|| {
            let mut bundle = FluentBundle::new_concurrent(vec![self.lang.clone()]);
            // Placeables are addresses and URLs: Unicode isolation marks
            // around them would end up inside links and copied text.
            bundle.set_use_isolating(false);
            for source in self.sources {
                // The catalogue tests (tests/catalogues.rs) parse every
                // built-in file, so these are builds that never passed them;
                // what did parse is kept, the rest shows as missing keys.
                let res = FluentResource::try_new((*source).to_owned()).unwrap_or_else(
                    |(res, errors)| {
                        tracing::error!(lang = %self.lang, ?errors, "built-in catalogue does not parse");
                        res
                    },
                );
                if let Err(errors) = bundle.add_resource(res) {
                    tracing::error!(lang = %self.lang, ?errors, "built-in catalogue repeats a message");
                }
            }
            bundle
        })
    }

    /// Its `lang-name` without parsing the whole catalogue: the language
    /// switcher names every language on every page, and would otherwise
    /// parse all of them on the first view. The line is a plain message
    /// (a unit test holds it equal to the parsed catalogue's, in every
    /// language).
    fn name(&self) -> Option<String> {
        if let Some(bundle) = self.bundle.get() {
            return format_message(bundle, "lang-name", None).ok();
        }
        let line = self.sources[0]
            .lines()
            .find(|l| l.starts_with("lang-name ="))?;
        let mut bundle = FluentBundle::new_concurrent(vec![self.lang.clone()]);
        bundle
            .add_resource(FluentResource::try_new(line.to_owned()).ok()?)
            .ok()?;
        format_message(&bundle, "lang-name", None).ok()
    }
}

fn builtin() -> &'static [Builtin] {
    static ALL: OnceLock<Vec<Builtin>> = OnceLock::new();
    ALL.get_or_init(|| {
        BUILTIN_SOURCES
            .iter()
            .map(|(tag, sources)| Builtin::new(tag, sources))
            .collect()
    })
}

fn builtin_for(lang: &LanguageIdentifier) -> Option<&'static Builtin> {
    builtin().iter().find(|b| b.lang == *lang)
}

/// Why a message could not be formatted from one bundle.
enum Unformatted {
    /// No such message (or it has no value).
    Missing,
    /// It is there, but formatting reported errors (a placeable without
    /// its argument, say).
    Errors,
}

/// A message (`id` or `id.attribute`) of one bundle, formatted.
fn format_message(
    bundle: &FluentBundle<FluentResource>,
    key: &str,
    args: Option<&HashMap<&'static str, FluentValue<'_>>>,
) -> Result<String, Unformatted> {
    let pattern = match key.split_once('.') {
        Some((msg, attr)) => bundle
            .get_message(msg)
            .and_then(|m| m.get_attribute(attr))
            .map(|a| a.value()),
        None => bundle.get_message(key).and_then(|m| m.value()),
    }
    .ok_or(Unformatted::Missing)?;
    let args: Option<FluentArgs<'_>> =
        args.map(|m| m.iter().map(|(k, v)| (*k, v.clone())).collect());
    let mut errors = Vec::new();
    let value = bundle.format_pattern(pattern, args.as_ref(), &mut errors);
    if errors.is_empty() {
        Ok(value.into_owned())
    } else {
        Err(Unformatted::Errors)
    }
}

/// The language every message exists in, the last fallback.
pub const ENGLISH: LanguageIdentifier = langid!("en-US");

/// A problem with the operator's configured language or overrides.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// `default_language` is not a language tag, or no catalogue has it.
    #[error("default_language {0:?} is not one of the available languages ({1})")]
    UnknownDefault(String, String),
    /// A catalogue in the overrides directory does not parse.
    #[error("translation overrides in {path}: {message}")]
    Overrides {
        /// The `locales` directory that was read.
        path: String,
        /// What the Fluent loader said.
        message: String,
    },
}

/// Every catalogue the process can speak: the built-in ones, then the
/// operator's overrides on top (an override wins message by message, so an
/// operator rewords one sentence without copying a whole file, and may add a
/// language of their own).
pub struct Catalogue {
    overrides: Option<ArcLoader>,
    available: Vec<LanguageIdentifier>,
    default: LanguageIdentifier,
    /// Messages without arguments, formatted once per language: a page
    /// looks up dozens, and formatting them on every view was a tenth of
    /// its CPU (scripts/bench P2). The catalogue is immutable (a reload
    /// makes a new one), so what is kept here cannot go stale.
    /// Also messages whose arguments are fixed ([`Tr::args_fixed`]).
    plain: PerLanguage<String, String>,
    /// [`Catalogue::names`], worked out on first use.
    names: OnceLock<Vec<LanguageName>>,
}

/// A language as the switcher shows it: in its own words.
#[derive(Debug, Clone)]
pub struct LanguageName {
    pub tag: String,
    /// Its `lang-name`, in itself.
    pub name: String,
    pub dir: &'static str,
}

type Fast = foldhash::fast::RandomState;

/// What is made once per language and key and then kept: texts of an
/// immutable catalogue (and, in the web layer, what is rendered from one),
/// so nothing kept can go stale; whoever holds the catalogue holds this.
/// foldhash, not SipHash: the keys are our own (message ids, platforms),
/// never a peer's, and hashing them was a few per cent of a page view.
pub struct PerLanguage<K, V> {
    kept: std::sync::RwLock<HashMap<LanguageIdentifier, HashMap<K, V, Fast>, Fast>>,
    /// Most entries kept per language; beyond, values are made every time.
    max: usize,
}

impl<K: std::hash::Hash + Eq, V: Clone> PerLanguage<K, V> {
    pub fn new(max: usize) -> PerLanguage<K, V> {
        PerLanguage {
            kept: Default::default(),
            max,
        }
    }

    /// The value kept under `key` for `lang`, made by `make` the first time.
    pub fn get_or_make<Q>(&self, lang: &LanguageIdentifier, key: &Q, make: impl FnOnce() -> V) -> V
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let found = self
            .kept
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(lang)
            .and_then(|m| m.get(key))
            .cloned();
        if let Some(v) = found {
            return v;
        }
        let v = make();
        let mut all = self.kept.write().unwrap_or_else(|p| p.into_inner());
        let of_lang = all.entry(lang.clone()).or_default();
        if of_lang.len() < self.max {
            of_lang.insert(key.to_owned(), v.clone());
        }
        v
    }
}

/// Most messages [`Catalogue::plain`] keeps per language: more than every
/// message there is, a bound should a caller ever build keys.
const PLAIN_MAX: usize = 2_000;

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("available", &self.available)
            .field("default", &self.default)
            .field("overrides", &self.overrides.is_some())
            .finish()
    }
}

/// An argument of a message: text, or a number (so that plural selectors
/// pick the right form: Fluent selects only on numbers).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text, inserted as is.
    Str(&'a str),
    /// A count.
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(s)
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(s)
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
num_arg!(i64, u32, u64, usize, i32);

impl Catalogue {
    /// The built-in catalogues with English as the default (tests, and the
    /// CLI, which has no user to ask).
    pub fn builtin() -> Arc<Catalogue> {
        static ONE: OnceLock<Arc<Catalogue>> = OnceLock::new();
        ONE.get_or_init(|| {
            Arc::new(Catalogue {
                plain: PerLanguage::new(PLAIN_MAX),
                names: OnceLock::new(),
                overrides: None,
                available: builtin_languages(),
                default: ENGLISH,
            })
        })
        .clone()
    }

    /// The built-in catalogues, the overrides in `overrides_locales` (one
    /// directory per language tag, holding `.ftl` files) when given, and the
    /// operator's default language.
    pub fn load(
        overrides_locales: Option<&Path>,
        default_language: Option<&str>,
    ) -> Result<Arc<Catalogue>, CatalogueError> {
        let overrides = match overrides_locales {
            None => None,
            Some(dir) => Some(
                ArcLoader::builder(dir, ENGLISH)
                    .customize(|bundle| bundle.set_use_isolating(false))
                    .build()
                    .map_err(|e| CatalogueError::Overrides {
                        path: dir.display().to_string(),
                        message: e.to_string(),
                    })?,
            ),
        };
        let mut available = builtin_languages();
        if let Some(o) = &overrides {
            for l in o.locales() {
                if !available.contains(l) {
                    available.push(l.clone());
                }
            }
        }
        available.sort_by_key(|l| l.to_string());
        let default = match default_language {
            None => ENGLISH,
            Some(tag) => tag
                .parse::<LanguageIdentifier>()
                .ok()
                .filter(|l| available.contains(l))
                .ok_or_else(|| {
                    CatalogueError::UnknownDefault(
                        tag.to_string(),
                        available
                            .iter()
                            .map(|l| l.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                })?,
        };
        Ok(Arc::new(Catalogue {
            plain: PerLanguage::new(PLAIN_MAX),
            names: OnceLock::new(),
            overrides,
            available,
            default,
        }))
    }

    /// The languages there are catalogues for, sorted by tag.
    pub fn languages(&self) -> &[LanguageIdentifier] {
        &self.available
    }

    /// Every language, each named in itself, for a language switcher:
    /// worked out once (every page shows it).
    pub fn names(self: &Arc<Self>) -> &[LanguageName] {
        self.names.get_or_init(|| {
            self.available
                .iter()
                .filter_map(|l| self.pick(&l.to_string()))
                .map(|tr| LanguageName {
                    name: self.language_name(&tr),
                    dir: tr.dir(),
                    tag: tr.lang_tag(),
                })
                .collect()
        })
    }

    /// A language's `lang-name`, without parsing its whole built-in
    /// catalogue when nothing else has ([`Builtin::name`]).
    fn language_name(&self, tr: &Tr) -> String {
        let none: Option<&HashMap<&'static str, FluentValue<'_>>> = None;
        self.overrides
            .as_ref()
            .and_then(|o| o.lookup_single_language(&tr.lang, "lang-name", none).ok())
            .or_else(|| builtin_for(&tr.lang).and_then(Builtin::name))
            .unwrap_or_else(|| tr.t("lang-name"))
    }

    /// The operator's default language.
    pub fn default_tr(self: &Arc<Self>) -> Tr {
        Tr {
            lang: self.default.clone(),
            cat: self.clone(),
        }
    }

    /// The best language for an `Accept-Language` header: q-values
    /// honoured, `*` and unparseable entries ignored; the configured
    /// default when nothing matches.
    pub fn negotiate(self: &Arc<Self>, accept_language: Option<&str>) -> Tr {
        let requested = accept_language
            .map(parse_accept_language)
            .unwrap_or_default();
        self.best(&requested).unwrap_or_else(|| self.default_tr())
    }

    /// The language for one tag a user chose (`?lang=`, a cookie, an
    /// `xml:lang`), if there is a catalogue close enough to it (`de-AT`
    /// gets German, `pt` Brazilian Portuguese).
    pub fn pick(self: &Arc<Self>, tag: &str) -> Option<Tr> {
        let l = tag.trim().parse::<LanguageIdentifier>().ok()?;
        self.best(&[l])
    }

    /// The language for a tag if there is one close enough (see
    /// [`Catalogue::pick`]), else the configured default: for an
    /// `xml:lang`, or a language recorded for a user.
    pub fn for_tag(self: &Arc<Self>, tag: Option<&str>) -> Tr {
        tag.and_then(|t| self.pick(t))
            .unwrap_or_else(|| self.default_tr())
    }

    fn best(self: &Arc<Self>, requested: &[LanguageIdentifier]) -> Option<Tr> {
        let chosen = fluent_langneg::negotiate_languages(
            requested,
            &self.available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen.first().map(|l| Tr {
            lang: (*l).clone(),
            cat: self.clone(),
        })
    }

    fn lookup(
        &self,
        lang: &LanguageIdentifier,
        key: &str,
        args: Option<&HashMap<&'static str, FluentValue<'_>>>,
    ) -> String {
        if args.is_some() {
            return self.format(lang, key, args);
        }
        self.kept(lang, key, || self.format(lang, key, None))
    }

    /// The text kept under `id` for `lang`, made by `make` the first time.
    fn kept(&self, lang: &LanguageIdentifier, id: &str, make: impl FnOnce() -> String) -> String {
        self.plain.get_or_make(lang, id, make)
    }

    fn format(
        &self,
        lang: &LanguageIdentifier,
        key: &str,
        args: Option<&HashMap<&'static str, FluentValue<'_>>>,
    ) -> String {
        let chain = [lang, &self.default, &ENGLISH];
        for (i, l) in chain.iter().enumerate() {
            if chain[..i].contains(l) {
                continue;
            }
            if let Some(o) = &self.overrides
                && let Ok(s) = o.lookup_single_language(l, key, args)
            {
                return s;
            }
            if let Some(b) = builtin_for(l)
                && let Ok(s) = format_message(b.bundle(), key, args)
            {
                return s;
            }
        }
        // A missing key is a bug the catalogue tests catch; show the key
        // rather than nothing.
        tracing::warn!(key, lang = %lang, "message missing from every catalogue");
        key.to_string()
    }

    fn has(&self, lang: &LanguageIdentifier, key: &str) -> bool {
        let none: Option<&HashMap<&'static str, FluentValue<'_>>> = None;
        // Formatted without arguments, a message with placeables reports
        // their absence ("Fluent errors: …"): it is there all the same.
        // (fluent-templates does not export its error type to match on.)
        fn found<E: std::fmt::Display>(r: Result<String, E>) -> bool {
            match r {
                Ok(_) => true,
                Err(e) => e.to_string().starts_with("Fluent errors"),
            }
        }
        self.overrides
            .as_ref()
            .is_some_and(|o| found(o.lookup_single_language(lang, key, none)))
            || builtin_for(lang).is_some_and(|b| {
                matches!(
                    format_message(b.bundle(), key, None),
                    Ok(_) | Err(Unformatted::Errors)
                )
            })
    }
}

/// The catalogues in force, shared by everything that words messages for
/// later (XMPP answers, notifications, emails): a SIGHUP reload swaps them
/// here and for the pages at once. Each use takes the current one, so a
/// message is worded from one catalogue throughout.
#[derive(Debug)]
pub struct LiveCatalogue(std::sync::RwLock<Arc<Catalogue>>);

impl LiveCatalogue {
    pub fn new(catalogue: Arc<Catalogue>) -> Arc<LiveCatalogue> {
        Arc::new(LiveCatalogue(std::sync::RwLock::new(catalogue)))
    }

    /// The catalogue in force now.
    pub fn get(&self) -> Arc<Catalogue> {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Puts `catalogue` in force.
    pub fn set(&self, catalogue: Arc<Catalogue>) {
        *self
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = catalogue;
    }

    /// [`Catalogue::for_tag`] on the catalogue in force.
    pub fn for_tag(&self, tag: Option<&str>) -> Tr {
        self.get().for_tag(tag)
    }
}

fn builtin_languages() -> Vec<LanguageIdentifier> {
    let mut v: Vec<LanguageIdentifier> = builtin().iter().map(|b| b.lang.clone()).collect();
    v.sort_by_key(|l| l.to_string());
    v
}

/// `Accept-Language` entries by descending q-value (RFC 9110 §12.5.4);
/// entries with equal q keep their order. fluent-langneg's own parser
/// ignores q-values, so `fr;q=0.1, de` would pick French.
fn parse_accept_language(header: &str) -> Vec<LanguageIdentifier> {
    let mut weighted: Vec<(f32, LanguageIdentifier)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            if tag == "*" || !(q > 0.0 && q <= 1.0) {
                return None;
            }
            Some((q, tag.parse().ok()?))
        })
        .take(32)
        .collect();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0));
    weighted.into_iter().map(|(_, l)| l).collect()
}

/// Translations in one language.
#[derive(Clone)]
pub struct Tr {
    lang: LanguageIdentifier,
    cat: Arc<Catalogue>,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tr({})", self.lang)
    }
}

impl Default for Tr {
    /// English from the built-in catalogues.
    fn default() -> Self {
        Catalogue::builtin().default_tr()
    }
}

impl Tr {
    /// The BCP 47 tag, for `<html lang>` and `xml:lang`.
    pub fn lang_tag(&self) -> String {
        self.lang.to_string()
    }

    /// `rtl` for right-to-left scripts, else `ltr`: for `<html dir>`.
    pub fn dir(&self) -> &'static str {
        match self.lang.character_direction() {
            CharacterDirection::RTL => "rtl",
            _ => "ltr",
        }
    }

    /// The language itself, as a key for what is kept per language.
    pub fn lang(&self) -> &LanguageIdentifier {
        &self.lang
    }

    /// The catalogue this translation reads.
    pub fn catalogue(&self) -> &Arc<Catalogue> {
        &self.cat
    }

    /// A message without arguments.
    pub fn t(&self, key: &str) -> String {
        self.cat.lookup(&self.lang, key, None)
    }

    /// A message whose arguments are all text.
    pub fn args(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let map = args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(*v)))
            .collect();
        self.cat.lookup(&self.lang, key, Some(&map))
    }

    /// A message whose arguments are the same for the life of the process
    /// (the domain): formatted once per language, as a message without
    /// arguments is. Not for arguments that an invite or a peer chooses.
    pub fn args_fixed(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        // NUL separates: it is in no message id, and no argument given here.
        let mut id = String::from(key);
        for (k, v) in args {
            id.push('\0');
            id.push_str(k);
            id.push('=');
            id.push_str(v);
        }
        self.cat.kept(&self.lang, &id, || self.args(key, args))
    }

    /// A message with text and number arguments.
    pub fn args_n(&self, key: &str, args: &[(&'static str, Arg<'_>)]) -> String {
        let map = args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Str(s) => FluentValue::from(*s),
                    Arg::Num(n) => FluentValue::from(*n),
                };
                (*k, v)
            })
            .collect();
        self.cat.lookup(&self.lang, key, Some(&map))
    }

    /// Whether this language's own catalogue (not a fallback) has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.cat.has(&self.lang, key)
    }

    /// A moment (Unix seconds, shown in UTC) in this language's way of
    /// writing dates: the catalogue's `datetime` pattern and month names.
    pub fn datetime(&self, unix: i64) -> String {
        use chrono::{Datelike, Timelike};
        let Some(d) = chrono::DateTime::from_timestamp(unix, 0) else {
            return String::new();
        };
        let month = self.t(&format!("month-{}", d.month()));
        self.args_n(
            "datetime",
            &[
                ("year", Arg::Num(i64::from(d.year()))),
                ("month", Arg::Str(&month)),
                ("monthnum", Arg::Num(i64::from(d.month()))),
                ("day", Arg::Num(i64::from(d.day()))),
                ("hour", Arg::Str(&format!("{:02}", d.hour()))),
                ("minute", Arg::Str(&format!("{:02}", d.minute()))),
            ],
        )
    }
}

/// The words for a form field's problem (the web form and the apps, through
/// the server module, say the same).
pub fn field_message(tr: &Tr, e: &FieldError) -> String {
    match e {
        FieldError::UsernameEmpty => tr.t("error-username-empty"),
        FieldError::UsernameInvalid => tr.t("error-username-invalid"),
        FieldError::UsernameTooLong(n) => {
            tr.args_n("error-username-long", &[("max", Arg::from(*n))])
        }
        FieldError::UsernameNotAllowed => tr.t("error-username-notallowed"),
        FieldError::UsernameFixed(u) => tr.args("error-username-fixed", &[("username", u)]),
        FieldError::UsernameReserved => tr.t("error-username-reserved"),
        FieldError::UsernameTaken => tr.t("error-username-taken"),
        FieldError::PasswordTooShort(n) => {
            tr.args_n("error-password-short", &[("min", Arg::from(*n))])
        }
        FieldError::PasswordTooLong(n) => {
            tr.args_n("error-password-long", &[("max", Arg::from(*n))])
        }
        FieldError::PasswordIsUsername => tr.t("error-password-username"),
        FieldError::PasswordInvalidCharacters => tr.t("error-password-chars"),
        FieldError::PasswordUnsupportedByServer => tr.t("error-password-server"),
        FieldError::PasswordMismatch => tr.t("error-password-mismatch"),
        FieldError::AddressInvalid => tr.t("error-address-invalid"),
        FieldError::AddressIsInviter => tr.t("error-address-inviter"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(tr: &Tr) -> String {
        tr.lang_tag()
    }

    #[test]
    fn english_is_the_fallback_and_placeables_are_not_isolated() {
        let c = Catalogue::builtin();
        assert_eq!(tag(&c.negotiate(Some("xx-YY, zz;q=0.5"))), "en-US");
        let s = c
            .negotiate(None)
            .args("notify-accepted", &[("jid", "bob@example.org")]);
        assert_eq!(s, "bob@example.org accepted your invite.");
        // A message with placeables is there, whatever its arguments.
        assert!(c.negotiate(None).has("notify-accepted"));
        assert!(!c.negotiate(None).has("no-such-message"));
        assert_eq!(tag(&c.negotiate(Some("en-GB,en;q=0.8"))), "en-US");
        assert_eq!(tag(&c.negotiate(Some("*"))), "en-US");
        assert_eq!(tag(&c.negotiate(Some(";;,,q=;"))), "en-US");
    }

    #[test]
    fn every_locale_directory_is_built_in_with_every_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/landing-pages/locales");
        let mut on_disk: Vec<(String, Vec<String>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let mut files: Vec<String> = std::fs::read_dir(e.path())
                    .unwrap()
                    .map(|f| f.unwrap().file_name().into_string().unwrap())
                    .collect();
                files.sort();
                (e.file_name().into_string().unwrap(), files)
            })
            .collect();
        on_disk.sort();
        let listed: Vec<(String, Vec<String>)> = BUILTIN_SOURCES
            .iter()
            .map(|(tag, _)| (tag.to_string(), vec!["main.ftl".into(), "xmpp.ftl".into()]))
            .collect();
        assert_eq!(
            listed, on_disk,
            "each directory under landing-pages/locales is listed in BUILTIN_SOURCES, \
             with its main.ftl and xmpp.ftl"
        );
        // And what is compiled in is what is on disk.
        for (tag, sources) in BUILTIN_SOURCES {
            for (file, source) in ["main.ftl", "xmpp.ftl"].iter().zip(sources) {
                let disk = std::fs::read_to_string(format!("{dir}/{tag}/{file}")).unwrap();
                assert_eq!(&disk, source, "{tag}/{file}");
            }
        }
    }

    #[test]
    fn a_language_is_named_without_parsing_its_catalogue_and_as_the_catalogue_names_it() {
        for (tag, sources) in BUILTIN_SOURCES {
            let fresh = Builtin::new(tag, sources);
            let light = fresh.name().unwrap();
            assert!(
                fresh.bundle.get().is_none(),
                "{tag}: naming parsed the catalogue"
            );
            let full = format_message(fresh.bundle(), "lang-name", None)
                .unwrap_or_else(|_| panic!("{tag} has no lang-name"));
            assert_eq!(light, full, "{tag}");
            assert_eq!(fresh.name().unwrap(), full, "{tag}, once parsed");
        }
    }

    #[test]
    fn a_catalogue_parses_only_the_languages_it_is_asked_for() {
        let fresh: Vec<Builtin> = BUILTIN_SOURCES
            .iter()
            .map(|(tag, sources)| Builtin::new(tag, sources))
            .collect();
        let de = fresh.iter().find(|b| b.lang == langid!("de")).unwrap();
        assert!(matches!(format_message(de.bundle(), "lang-name", None), Ok(s) if s == "Deutsch"));
        let parsed: Vec<String> = fresh
            .iter()
            .filter(|b| b.bundle.get().is_some())
            .map(|b| b.lang.to_string())
            .collect();
        assert_eq!(parsed, ["de"]);
    }

    #[test]
    fn q_values_order_the_request() {
        let v = parse_accept_language("fr;q=0.1, de , it;q=0.5, *;q=0.9, es;q=0");
        let v: Vec<String> = v.iter().map(|l| l.to_string()).collect();
        assert_eq!(v, ["de", "it", "fr"]);
    }

    #[test]
    fn dates_follow_the_catalogue_pattern() {
        // 2026-03-05 14:07 UTC
        let s = Tr::default().datetime(1_772_719_620);
        assert_eq!(s, "March 5, 2026, 14:07");
    }

    #[test]
    fn overrides_win_message_by_message_and_may_add_a_language() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en-US")).unwrap();
        std::fs::write(
            dir.path().join("en-US/site.ftl"),
            "site-name = Example Chat\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("sv")).unwrap();
        std::fs::write(dir.path().join("sv/main.ftl"), "lang-name = Svenska\n").unwrap();
        let c = Catalogue::load(Some(dir.path()), Some("sv")).unwrap();
        let en = c.pick("en").unwrap();
        assert_eq!(en.args("site-name", &[("domain", "x")]), "Example Chat");
        // Not overridden: the built-in wording.
        assert_eq!(en.t("register-username"), "Username");
        let sv = c.negotiate(Some("sv-SE"));
        assert_eq!(sv.t("lang-name"), "Svenska");
        // A message the operator's language lacks comes from English.
        assert_eq!(sv.t("register-username"), "Username");
        assert_eq!(tag(&c.negotiate(Some("xx"))), "sv");
    }

    #[test]
    fn messages_kept_formatted_are_those_fluent_gives_in_each_language() {
        let c = Catalogue::builtin();
        for lang in c.languages().to_vec() {
            let tr = c.pick(&lang.to_string()).unwrap();
            for key in ["register-username", "lang-name", "error-password-mismatch"] {
                let fresh = c.format(&lang, key, None);
                assert_eq!(tr.t(key), fresh, "{lang} {key}");
                assert_eq!(tr.t(key), fresh, "{lang} {key}, kept");
            }
        }
        assert_ne!(
            c.pick("de").unwrap().t("register-username"),
            c.pick("en").unwrap().t("register-username")
        );
        // A catalogue loaded later (a reload) has its own: an override is
        // seen, not what the built-in one kept.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("de")).unwrap();
        std::fs::write(dir.path().join("de/x.ftl"), "register-username = Name\n").unwrap();
        let reloaded = Catalogue::load(Some(dir.path()), None).unwrap();
        assert_eq!(reloaded.pick("de").unwrap().t("register-username"), "Name");
    }

    #[test]
    fn fixed_arguments_are_kept_per_language_and_per_argument() {
        let c = Catalogue::builtin();
        for lang in c.languages().to_vec() {
            let tr = c.pick(&lang.to_string()).unwrap();
            for domain in ["a.example", "b.example", "a.example"] {
                let fresh = tr.args("invite-register-text", &[("domain", domain)]);
                assert!(fresh.contains(domain), "{lang}: {fresh}");
                assert_eq!(
                    tr.args_fixed("invite-register-text", &[("domain", domain)]),
                    fresh,
                    "{lang} {domain}"
                );
            }
            // What is kept with arguments is not what a plain lookup of the
            // same key finds.
            assert_eq!(
                tr.t("invite-register-text"),
                c.format(&lang, "invite-register-text", None),
                "{lang}"
            );
        }
    }

    #[test]
    fn a_broken_override_or_an_unknown_default_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en-US")).unwrap();
        std::fs::write(dir.path().join("en-US/x.ftl"), "site-name = { $domain\n").unwrap();
        let e = Catalogue::load(Some(dir.path()), None).unwrap_err();
        assert!(matches!(e, CatalogueError::Overrides { .. }), "{e}");
        let e = Catalogue::load(None, Some("tlh")).unwrap_err();
        assert!(e.to_string().contains("tlh"), "{e}");
    }
}
