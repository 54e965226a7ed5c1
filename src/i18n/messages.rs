//! The messages, one Fluent file per language (`locales/<tag>/otadrop.ftl`), embedded in the
//! binary by `fluent-templates`. Plural variants (`[one]`, `[few]`, ...) follow CLDR's rules for
//! the language through Fluent's `intl_pluralrules`.
//!
//! A message may mark words to show in bold with `**...**` (the renderer turns them into
//! `<b>`; everything else stays text).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, LanguageIdentifier, Loader};

use super::Lang;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around placeholders: none of our languages is written
        // right to left, and the marks would end up in `<title>` and attribute values.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A placeholder's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    /// A count: selects the plural variant.
    Num(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Num(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

fn id_of(lang: Lang) -> &'static LanguageIdentifier {
    static IDS: OnceLock<Vec<LanguageIdentifier>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|l| l.tag().parse().unwrap_or_default())
            .collect()
    });
    &ids[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
}

/// The message `id` in `lang` (English when the language lacks it, the id itself when no
/// language has it: tests make sure neither happens).
pub fn text(lang: Lang, id: &str) -> String {
    LOCALES.lookup(id_of(lang), id)
}

/// The message `id` in `lang` with its placeholders filled.
pub fn text_with(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*k), v)
        })
        .collect();
    LOCALES.lookup_with_args(id_of(lang), id, &map)
}

/// The source of a language's message file (for tests and checks).
pub fn lang_file(lang: Lang) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(tag, _)| *tag == lang.tag())
        .map(|(_, src)| *src)
}

/// Every message file, as embedded.
pub static FILES: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en/otadrop.ftl")),
    ("zh-Hans", include_str!("../../locales/zh-Hans/otadrop.ftl")),
    ("zh-Hant", include_str!("../../locales/zh-Hant/otadrop.ftl")),
    ("ja", include_str!("../../locales/ja/otadrop.ftl")),
    ("ko", include_str!("../../locales/ko/otadrop.ftl")),
    ("es", include_str!("../../locales/es/otadrop.ftl")),
    ("pt-BR", include_str!("../../locales/pt-BR/otadrop.ftl")),
    ("fr", include_str!("../../locales/fr/otadrop.ftl")),
    ("de", include_str!("../../locales/de/otadrop.ftl")),
    ("ru", include_str!("../../locales/ru/otadrop.ftl")),
];

#[cfg(test)]
mod tests {
    //! The catalogue itself: every language has every message with the same placeholders.
    //! (That no English sentence shows on another language's page is checked on rendered
    //! pages in `tests/it/i18n.rs`.)
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Message id -> the variables it uses (in text, selectors and every variant).
    fn catalogue(src: &str) -> BTreeMap<String, BTreeSet<String>> {
        let res = fluent_syntax::parser::parse(src)
            .unwrap_or_else(|(_, errors)| panic!("message file does not parse: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in res.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_vars(p, &mut vars);
                    }
                    assert!(m.attributes.is_empty(), "{}: no attributes", m.id.name);
                    let dup = out.insert(m.id.name.to_string(), vars);
                    assert!(dup.is_none(), "{} defined twice", m.id.name);
                }
                ast::Entry::Junk { content } => panic!("junk in message file: {content}"),
                _ => {}
            }
        }
        out
    }

    fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expr_vars(expression, vars);
            }
        }
    }

    fn expr_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
            ast::Expression::Inline(i) => inline_vars(i, vars),
        }
    }

    fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expr_vars(expression, vars),
            ast::InlineExpression::MessageReference { id, .. } => {
                panic!(
                    "message reference {} : keep messages self-contained",
                    id.name
                )
            }
            _ => {}
        }
    }

    #[test]
    fn there_is_one_file_per_language() {
        let tags: Vec<_> = FILES.iter().map(|(t, _)| *t).collect();
        let all: Vec<_> = Lang::ALL.iter().map(|l| l.tag()).collect();
        assert_eq!(tags, all);
    }

    #[test]
    fn every_language_has_every_message_with_the_same_placeholders() {
        let english = catalogue(lang_file(Lang::En).unwrap());
        assert!(english.len() > 100, "{} messages", english.len());
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            let other = catalogue(lang_file(lang).unwrap());
            for (id, vars) in &english {
                match other.get(id) {
                    None => problems.push(format!("{lang}: {id} is missing")),
                    Some(v) if v != vars => {
                        problems.push(format!("{lang}: {id} uses {v:?}, English uses {vars:?}"))
                    }
                    Some(_) => {}
                }
            }
            for id in other.keys().filter(|id| !english.contains_key(*id)) {
                problems.push(format!("{lang}: {id} is not in English"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_check_of_the_ipa_reader_has_a_message() {
        let english = catalogue(lang_file(Lang::En).unwrap());
        for code in crate::ipa::warnings::ALL {
            assert!(english.contains_key(&format!("check-{code}")), "{code}");
        }
    }

    #[test]
    fn bold_marks_come_in_pairs() {
        for (tag, src) in FILES {
            for line in src.lines().filter(|l| !l.starts_with('#')) {
                assert_eq!(line.matches("**").count() % 2, 0, "{tag}: {line}");
            }
        }
    }

    #[test]
    fn the_loader_resolves_every_message_in_every_language() {
        let english = catalogue(lang_file(Lang::En).unwrap());
        for lang in Lang::ALL {
            for id in english.keys() {
                let args = [
                    ("n", Arg::Num(3)),
                    ("days", Arg::Num(3)),
                    ("devices", Arg::Num(3)),
                    ("title", Arg::from("Demo")),
                ];
                let s = text_with(lang, id, &args);
                assert!(!s.is_empty() && s != *id, "{lang}: {id}");
                assert!(!s.contains('\u{2068}'), "{lang}: {id}: isolation marks");
            }
        }
    }

    #[test]
    fn plurals_follow_each_languages_rules() {
        let devices = |lang, n: i64| text_with(lang, "signing-ad-hoc", &[("devices", Arg::Num(n))]);
        assert_eq!(devices(Lang::En, 1), "Ad hoc, 1 registered device");
        assert_eq!(devices(Lang::En, 12), "Ad hoc, 12 registered devices");
        assert!(devices(Lang::Ru, 1).ends_with("1 зарегистрированное устройство"));
        assert!(devices(Lang::Ru, 3).ends_with("3 зарегистрированных устройства"));
        assert!(devices(Lang::Ru, 12).ends_with("12 зарегистрированных устройств"));
        assert!(devices(Lang::Ru, 21).ends_with("21 зарегистрированное устройство"));
        assert!(devices(Lang::Fr, 0).ends_with("0 appareil enregistré"));
        assert!(devices(Lang::Fr, 2).ends_with("2 appareils enregistrés"));
        let days = |lang, n: i64| text_with(lang, "expires-soon", &[("days", Arg::Num(n))]);
        assert!(days(Lang::En, 0).contains("expires today"));
        assert!(days(Lang::En, 1).contains("expires tomorrow"));
        assert!(days(Lang::En, 5).contains("in 5 days"));
        assert!(days(Lang::Ru, 5).contains("через 5 дней"));
        assert!(days(Lang::Ru, 22).contains("через 22 дня"));
        assert!(days(Lang::De, 1).contains("morgen"));
        assert!(days(Lang::Ja, 5).contains("あと 5 日"));
    }
}
