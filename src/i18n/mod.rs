//! The languages pages speak: which ones ([`Lang`]), which one a visitor gets ([`negotiate`]),
//! the messages in each ([`messages`], Project Fluent files under `locales/`, embedded in the
//! binary) and numbers and dates as each locale writes them ([`format`], ICU4X).
//!
//! The command line stays English; only what a visitor's browser shows goes through here.

pub mod format;
pub mod messages;
pub mod negotiate;

pub use messages::{text, text_with, Arg};
pub use negotiate::{negotiate, query_lang};

use std::fmt;
use std::str::FromStr;

/// One of the languages the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    ZhHans,
    ZhHant,
    Ja,
    Ko,
    Es,
    PtBr,
    Fr,
    De,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 10] = [
        Lang::En,
        Lang::ZhHans,
        Lang::ZhHant,
        Lang::Ja,
        Lang::Ko,
        Lang::Es,
        Lang::PtBr,
        Lang::Fr,
        Lang::De,
        Lang::Ru,
    ];

    /// The BCP 47 tag: `<html lang>`, `hreflang`, `?lang=`, the AMP URL's last segment and the
    /// folder of its messages under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Ru => "ru",
        }
    }

    /// The language a single tag or language range means, with the regional fallbacks:
    /// `zh`, `zh-CN`, `zh-SG`, `zh-Hans-*` are Simplified Chinese; `zh-TW`, `zh-HK`, `zh-MO`,
    /// `zh-Hant-*` Traditional; any `pt` Brazilian Portuguese; any region of the others is
    /// the language. `None` for a language we do not have (and for `*`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        if tag.len() > 35 {
            return None;
        }
        let mut parts = tag.split(['-', '_']).map(|p| p.to_ascii_lowercase());
        let primary = parts.next()?;
        Some(match primary.as_str() {
            "en" => Lang::En,
            "ja" => Lang::Ja,
            "ko" => Lang::Ko,
            "es" => Lang::Es,
            "pt" => Lang::PtBr,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "ru" => Lang::Ru,
            "zh" => {
                let mut traditional = false;
                for sub in parts {
                    match sub.as_str() {
                        "hans" => return Some(Lang::ZhHans),
                        "hant" => return Some(Lang::ZhHant),
                        "tw" | "hk" | "mo" => traditional = true,
                        _ => {}
                    }
                }
                if traditional {
                    Lang::ZhHant
                } else {
                    Lang::ZhHans
                }
            }
            _ => return None,
        })
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// An unknown language name in `--lang` or the TOML file.
#[derive(Debug, thiserror::Error)]
#[error("unknown language {0:?}; one of: en, zh-Hans, zh-Hant, ja, ko, es, pt-BR, fr, de, ru")]
pub struct UnknownLang(String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        Lang::from_tag(s).ok_or_else(|| UnknownLang(s.to_string()))
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_reads_back_as_its_language() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
            assert_eq!(lang.tag().parse::<Lang>().unwrap(), lang);
        }
    }

    #[test]
    fn regional_tags_fall_back_as_the_issue_says() {
        for (tag, lang) in [
            ("zh", Lang::ZhHans),
            ("zh-CN", Lang::ZhHans),
            ("zh-SG", Lang::ZhHans),
            ("zh_cn", Lang::ZhHans),
            ("zh-TW", Lang::ZhHant),
            ("zh-HK", Lang::ZhHant),
            ("zh-MO", Lang::ZhHant),
            ("zh-Hant", Lang::ZhHant),
            ("zh-Hans-HK", Lang::ZhHans),
            ("zh-Hant-CN", Lang::ZhHant),
            ("pt", Lang::PtBr),
            ("pt-PT", Lang::PtBr),
            ("en-GB", Lang::En),
            ("es-419", Lang::Es),
            ("fr-CA", Lang::Fr),
            ("de-AT", Lang::De),
            ("ja-JP", Lang::Ja),
            ("ko-KR", Lang::Ko),
            ("ru-RU", Lang::Ru),
        ] {
            assert_eq!(Lang::from_tag(tag), Some(lang), "{tag}");
        }
        for tag in ["", "*", "it", "nl-NL", "x-klingon", "zhx"] {
            assert_eq!(Lang::from_tag(tag), None, "{tag}");
        }
        assert!("it".parse::<Lang>().is_err());
    }
}
