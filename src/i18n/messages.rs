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
