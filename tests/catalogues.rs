//! Every catalogue under `landing-pages/locales/` against English: the same
//! message keys, no more and no fewer; every message (every variant of
//! every selector) formats without error with the arguments English's
//! message takes, numbers given for the number-like ones so that plural
//! selectors are run with several values; plural variants named by the
//! language's own CLDR categories; `lang-name`, `datetime` and the month
//! names present.
//!
//! On failure it prints, per locale, what is missing or wrong, for the
//! translators.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

const LOCALES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/landing-pages/locales");
const ENGLISH: &str = "en-US";

/// Values a number argument is formatted with: each plural category of
/// the languages we ship is reached by at least one of them.
const NUMBERS: [i64; 7] = [0, 1, 2, 5, 11, 21, 101];

/// Arguments that are numbers whether or not a selector uses them.
const NUMBER_ARGS: &[&str] = &[
    "min", "max", "count", "year", "day", "monthnum", "n", "uses",
];

/// A message as the syntax tree has it.
struct Msg {
    /// Every variable referenced anywhere in it, variants included.
    vars: BTreeSet<String>,
    /// Variables used as a selector.
    selectors: BTreeSet<String>,
    /// Identifier keys of selectors on a variable (plural categories, or
    /// words for a string selector).
    select_keys: Vec<(String, String)>,
    /// Messages and terms it refers to.
    refs: BTreeSet<String>,
    has_value: bool,
}

struct Locale {
    tag: String,
    messages: BTreeMap<String, Msg>,
    terms: BTreeSet<String>,
    sources: Vec<String>,
    problems: Vec<String>,
}

fn walk_pattern(p: &ast::Pattern<&str>, m: &mut Msg) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            walk_expression(expression, m);
        }
    }
}

fn walk_expression(e: &ast::Expression<&str>, m: &mut Msg) {
    match e {
        ast::Expression::Inline(i) => walk_inline(i, m),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, m);
            let var = match selector {
                ast::InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
                ast::InlineExpression::FunctionReference { id, arguments }
                    if id.name == "NUMBER" =>
                {
                    match arguments.positional.first() {
                        Some(ast::InlineExpression::VariableReference { id }) => {
                            Some(id.name.to_owned())
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(v) = &var {
                m.selectors.insert(v.clone());
            }
            for variant in variants {
                if let (Some(v), ast::VariantKey::Identifier { name }) = (&var, &variant.key) {
                    m.select_keys.push((v.clone(), (*name).to_owned()));
                }
                walk_pattern(&variant.value, m);
            }
        }
    }
}

fn walk_inline(i: &ast::InlineExpression<&str>, m: &mut Msg) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            m.vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            m.refs.insert(id.name.to_owned());
        }
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            m.refs.insert(format!("-{}", id.name));
            if let Some(a) = arguments {
                walk_arguments(a, m);
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => walk_arguments(arguments, m),
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, m),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

fn walk_arguments(a: &ast::CallArguments<&str>, m: &mut Msg) {
    for p in &a.positional {
        walk_inline(p, m);
    }
    for n in &a.named {
        walk_inline(&n.value, m);
    }
}

fn ftl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    files
}

fn read_locale(tag: &str) -> Locale {
    read_locale_in(Path::new(LOCALES), tag)
}

fn read_locale_in(root: &Path, tag: &str) -> Locale {
    let dir = root.join(tag);
    let mut l = Locale {
        tag: tag.to_owned(),
        messages: BTreeMap::new(),
        terms: BTreeSet::new(),
        sources: Vec::new(),
        problems: Vec::new(),
    };
    for file in ftl_files(&dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let res = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    l.problems.push(format!("{name}: syntax error {e:?}"));
                }
                r
            }
        };
        for entry in &res.body {
            match entry {
                ast::Entry::Message(msg) => {
                    let mut m = Msg {
                        vars: BTreeSet::new(),
                        selectors: BTreeSet::new(),
                        select_keys: Vec::new(),
                        refs: BTreeSet::new(),
                        has_value: msg.value.is_some(),
                    };
                    if let Some(v) = &msg.value {
                        walk_pattern(v, &mut m);
                    }
                    for a in &msg.attributes {
                        walk_pattern(&a.value, &mut m);
                    }
                    if l.messages.insert(msg.id.name.to_owned(), m).is_some() {
                        l.problems
                            .push(format!("{name}: `{}` is defined twice", msg.id.name));
                    }
                }
                ast::Entry::Term(t) => {
                    l.terms.insert(format!("-{}", t.id.name));
                }
                ast::Entry::Junk { content } => {
                    l.problems.push(format!("{name}: unparseable: {content:?}"));
                }
                _ => {}
            }
        }
        l.sources.push(text);
    }
    l
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// The cardinal plural categories CLDR gives the language.
fn plural_categories(lang: &LanguageIdentifier) -> BTreeSet<&'static str> {
    // CLDR has rules per language (`pt`) and for a few regions (`pt-PT`):
    // the region's when there are some, else the language's, as
    // fluent-bundle picks them.
    let bare = LanguageIdentifier::from_parts(lang.language, None, None, &[]);
    let rules = PluralRules::create(lang.clone(), PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(bare, PluralRuleType::CARDINAL))
        .unwrap_or_else(|e| panic!("no plural rules for {lang}: {e}"));
    let mut cats: BTreeSet<&'static str> = (0..=1000u32)
        .map(|n| category_name(rules.select(n).unwrap()))
        .collect();
    // Fractions reach `other` where integers do not (Russian, Ukrainian,
    // Polish); a number argument may be one in another message.
    cats.insert(category_name(rules.select(1.5).unwrap()));
    cats
}

/// Checks one locale against English; returns what is wrong.
fn check(en: &Locale, l: &Locale) -> Vec<String> {
    let mut problems = l.problems.clone();
    let lang: LanguageIdentifier = l.tag.parse().unwrap();
    for key in en.messages.keys() {
        if !l.messages.contains_key(key) {
            problems.push(format!("missing: {key}"));
        }
    }
    for key in l.messages.keys() {
        if !en.messages.contains_key(key) {
            problems.push(format!("not in English: {key}"));
        }
    }
    for key in ["lang-name", "datetime"]
        .into_iter()
        .map(str::to_owned)
        .chain((1..=12).map(|n| format!("month-{n}")))
    {
        if !l.messages.contains_key(&key) {
            problems.push(format!("required: {key}"));
        }
    }

    let mut bundle = FluentBundle::new(vec![lang.clone()]);
    bundle.set_use_isolating(false);
    for src in &l.sources {
        let res = FluentResource::try_new(src.clone()).unwrap_or_else(|(r, _)| r);
        // Duplicates are reported above.
        let _ = bundle.add_resource(res);
    }
    let categories = plural_categories(&lang);

    for (key, m) in &l.messages {
        let Some(en_m) = en.messages.get(key) else {
            continue;
        };
        for v in m.vars.difference(&en_m.vars) {
            problems.push(format!(
                "{key}: uses ${v}, which English does not pass (it passes: {})",
                en_m.vars
                    .iter()
                    .map(|v| format!("${v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for r in &m.refs {
            let known = if r.starts_with('-') {
                l.terms.contains(r)
            } else {
                l.messages.contains_key(r)
            };
            if !known {
                problems.push(format!("{key}: refers to {r}, which this catalogue lacks"));
            }
        }
        if m.has_value != en_m.has_value {
            problems.push(format!(
                "{key}: has a value where English has none, or none where English has one"
            ));
        }
        // Number-like arguments: named so, or selected on in either.
        let is_number = |v: &str| {
            NUMBER_ARGS.contains(&v) || m.selectors.contains(v) || en_m.selectors.contains(v)
        };
        for (var, k) in &m.select_keys {
            if is_number(var) && !categories.contains(k.as_str()) {
                problems.push(format!(
                    "{key}: variant [{k}] on ${var} is not a plural category of {} ({})",
                    l.tag,
                    categories.iter().copied().collect::<Vec<_>>().join(", ")
                ));
            }
        }
        let Some(msg) = bundle.get_message(key) else {
            continue;
        };
        let Some(pattern) = msg.value() else {
            continue;
        };
        for n in NUMBERS {
            let mut args = FluentArgs::new();
            for v in &en_m.vars {
                if is_number(v) {
                    args.set(v.as_str(), FluentValue::from(n));
                } else {
                    args.set(v.as_str(), FluentValue::from("x"));
                }
            }
            let mut errors = Vec::new();
            let out = bundle.format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                problems.push(format!("{key} (numbers = {n}): {errors:?}"));
                break;
            }
            if out.trim().is_empty() {
                problems.push(format!("{key}: formats to nothing"));
                break;
            }
        }
    }
    problems
}

fn tags() -> Vec<String> {
    let mut tags: Vec<String> = std::fs::read_dir(LOCALES)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    tags.sort();
    tags
}

#[test]
fn every_catalogue_has_what_english_has_and_formats() {
    let en = read_locale(ENGLISH);
    assert!(
        en.messages.len() > 50,
        "English has {} messages",
        en.messages.len()
    );
    let tags = tags();
    for want in [
        "ar", "de", "es", "fr", "it", "ja", "nl", "pl", "pt-BR", "ru", "uk",
    ] {
        assert!(tags.iter().any(|t| t == want), "no catalogue for {want}");
    }
    let mut report = String::new();
    for tag in &tags {
        let l = read_locale(tag);
        let problems = check(&en, &l);
        if !problems.is_empty() {
            report.push_str(&format!("\n{tag}: {} problem(s)\n", problems.len()));
            for p in problems {
                report.push_str(&format!("  {p}\n"));
            }
        }
    }
    assert!(report.is_empty(), "catalogue problems:{report}");
}

/// The checks themselves catch what they are for: a catalogue with a gap,
/// an extra key, a variable English does not pass, a dead plural variant.
#[test]
fn the_checks_catch_broken_catalogues() {
    let en = read_locale(ENGLISH);
    let dir = tempfile::tempdir().unwrap();
    let tag = "de";
    let real = read_locale(tag);
    let mut text = real.sources.join("\n");
    // Drop one message, add one, break a placeable, add a dead variant.
    text = text
        .lines()
        .filter(|l| !l.starts_with("register-username ="))
        .collect::<Vec<_>>()
        .join("\n");
    text.push_str("\nnew-key = Neu\n");
    text = text.replace("{ $domain }", "{ $domian }");
    text.push_str(
        "\nerror-password-short = { $min ->\n    [one] ein Zeichen\n    [few] wenige\n   *[other] { $min } Zeichen\n}\n",
    );
    std::fs::create_dir_all(dir.path().join(tag)).unwrap();
    std::fs::write(dir.path().join(tag).join("main.ftl"), &text).unwrap();
    let parsed = read_locale_in(dir.path(), tag);
    // Only what was broken here is new: the real catalogue may still have
    // gaps of its own while translations land.
    let before = check(&en, &real).join("\n");
    let problems = check(&en, &parsed).join("\n");
    for want in [
        "missing: register-username",
        "not in English: new-key",
        "uses $domian",
        "defined twice",
        "variant [few] on $min is not a plural category of de",
    ] {
        assert!(problems.contains(want), "{want} in {problems}");
        assert!(!before.contains(want), "{want} already in {before}");
    }
}
