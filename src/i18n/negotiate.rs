//! Which language a visitor gets: `?lang=` when it names one of ours, else the best of the
//! browser's `Accept-Language` that we have (by q-value, then by order), else the server's
//! default (`--lang`, English unless set).

use super::Lang;

/// Most language ranges looked at in one header; real browsers send a handful.
const MAX_RANGES: usize = 32;

/// The language for a request: `query` is the `?lang=` value, `accept` the `Accept-Language`
/// header, `default` the server's.
pub fn negotiate(query: Option<&str>, accept: Option<&str>, default: Lang) -> Lang {
    if let Some(lang) = query.and_then(Lang::from_tag) {
        return lang;
    }
    accept.and_then(from_accept_language).unwrap_or(default)
}

/// The best language of ours in an `Accept-Language` value (RFC 9110 §12.5.4): ranges with
/// `q=0` are refused, a malformed q-value drops its range, equal q-values keep their order,
/// `*` is left to the caller's default.
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut ranges: Vec<(u16, usize, Lang)> = Vec::new();
    for (i, item) in header.split(',').take(MAX_RANGES).enumerate() {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or("").trim();
        let mut q = Some(1000);
        for param in parts {
            let (k, v) = param.split_once('=').unwrap_or((param, ""));
            if k.trim().eq_ignore_ascii_case("q") {
                q = parse_q(v.trim());
            }
        }
        let (Some(q), Some(lang)) = (q, Lang::from_tag(range)) else {
            continue;
        };
        if q > 0 {
            ranges.push((q, i, lang));
        }
    }
    ranges
        .iter()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|r| r.2)
}

/// A q-value in thousandths: `0`, `0.8`, `1.000`; `None` when malformed or above 1.
fn parse_q(v: &str) -> Option<u16> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = match int {
        "0" => 0,
        "1" => 1000,
        _ => return None,
    };
    let mut thousandths = 0u16;
    for (i, b) in frac.bytes().enumerate() {
        thousandths += u16::from(b - b'0') * [100, 10, 1][i];
    }
    let q = whole + thousandths;
    (q <= 1000).then_some(q)
}

/// The `lang` parameter of a query string, if any (`a=1&lang=ja`).
pub fn query_lang(query: Option<&str>) -> Option<&str> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "lang")
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(accept: &str) -> Lang {
        negotiate(None, Some(accept), Lang::En)
    }

    /// Each `Accept-Language` header picks its language (the default being English).
    fn picks(cases: &[(&str, Lang)]) {
        for (accept, want) in cases {
            assert_eq!(pick(accept), *want, "{accept:?}");
        }
    }

    #[test]
    fn q_values_decide_not_the_order() {
        assert_eq!(pick("fr;q=0.5, ja;q=0.9, de"), Lang::De);
        assert_eq!(pick("fr;q=0.5, ja;q=0.9"), Lang::Ja);
        assert_eq!(pick("fr;q=0.500, ja;q=0.499"), Lang::Fr);
        assert_eq!(pick("ko;q=1.0, ru;q=1"), Lang::Ko, "ties keep their order");
    }

    #[test]
    fn the_first_language_we_have_wins_over_ones_we_do_not() {
        assert_eq!(pick("it-IT, it;q=0.9, es;q=0.8, en;q=0.7"), Lang::Es);
        assert_eq!(pick("nl, pt;q=0.1"), Lang::PtBr);
    }

    #[test]
    fn regional_fallbacks() {
        picks(&[
            ("zh-CN,zh;q=0.9,en;q=0.8", Lang::ZhHans),
            ("zh-SG", Lang::ZhHans),
            ("zh-TW,zh;q=0.9", Lang::ZhHant),
            ("zh-HK", Lang::ZhHant),
            ("zh-MO", Lang::ZhHant),
            ("zh-Hant-TW", Lang::ZhHant),
            ("pt-PT,pt;q=0.9", Lang::PtBr),
            ("en-US,en;q=0.9", Lang::En),
        ]);
    }

    #[test]
    fn refused_malformed_and_unknown_fall_to_the_default() {
        picks(&[
            ("ja;q=0, fr;q=0.1", Lang::Fr),
            ("ja;q=0", Lang::En),
            ("ja;q=2, ko;q=abc, de;q=0.3", Lang::De),
            ("it, nl", Lang::En),
            ("*", Lang::En),
            ("", Lang::En),
            (",,;;q=,", Lang::En),
        ]);
        assert_eq!(negotiate(None, Some("it"), Lang::De), Lang::De);
        assert_eq!(negotiate(None, None, Lang::Ru), Lang::Ru);
        // A huge header is cut, not scanned to the end.
        let long = format!("{}ja", "it, ".repeat(1000));
        assert_eq!(pick(&long), Lang::En);
    }

    #[test]
    fn the_query_overrides_the_header_when_it_names_a_language_of_ours() {
        assert_eq!(negotiate(Some("ja"), Some("fr"), Lang::En), Lang::Ja);
        assert_eq!(negotiate(Some("zh-TW"), None, Lang::En), Lang::ZhHant);
        assert_eq!(negotiate(Some("xx"), Some("fr"), Lang::En), Lang::Fr);
        assert_eq!(query_lang(Some("a=1&lang=ko")), Some("ko"));
        assert_eq!(query_lang(Some("language=ko")), None);
        assert_eq!(query_lang(None), None);
    }

    #[test]
    fn q_values_parse_strictly() {
        for (text, thousandths) in [
            ("1", Some(1000)),
            ("0.8", Some(800)),
            ("0.125", Some(125)),
            ("1.000", Some(1000)),
            ("1.5", None),
            ("0.1234", None),
            ("-1", None),
            ("", None),
        ] {
            assert_eq!(parse_q(text), thousandths, "{text:?}");
        }
    }
}
