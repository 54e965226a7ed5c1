//! Finding install links in an HTML page, the way a browser would hand them to iOS: the
//! attribute value with its HTML character references decoded once.

/// Every `itms-services:` link in the page, decoded, in order of appearance.
pub fn find_links(html: &str) -> Vec<String> {
    scan(html, true)
}

/// Every `itms-services:` link in plain text (a log line, a chat message), as written.
pub fn find_links_in_text(text: &str) -> Vec<String> {
    scan(text, false)
}

fn scan(html: &str, decode: bool) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices("itms-services:") {
        let before = html.get(..at).and_then(|s| s.chars().next_back());
        let rest = html.get(at..).unwrap_or("");
        let end = match before {
            Some(q @ ('"' | '\'')) => rest.find(q),
            _ => rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>')),
        }
        .unwrap_or(rest.len());
        let raw = rest.get(..end).unwrap_or(rest);
        let link = if decode {
            decode_references(raw)
        } else {
            raw.to_string()
        };
        if !out.contains(&link) {
            out.push(link);
        }
    }
    out
}

/// Decodes the character references that appear in URLs (`&amp;`, `&quot;`, `&lt;`, `&gt;`,
/// `&apos;`, `&#NN;`, `&#xNN;`), once, as an HTML parser does for an attribute value.
pub fn decode_references(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let decoded = tail.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = tail.get(1..semi)?;
            let c = match name.to_ascii_lowercase().as_str() {
                "amp" => '&',
                "quot" => '"',
                "lt" => '<',
                "gt" => '>',
                "apos" => '\'',
                n => {
                    let code = if let Some(hex) = n.strip_prefix("#x") {
                        u32::from_str_radix(hex, 16).ok()?
                    } else {
                        n.strip_prefix('#')?.parse().ok()?
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = tail.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quoted_and_bare_links_and_decodes_once() {
        let html = r#"<a href="itms-services://?action=download-manifest&amp;url=https%3A%2F%2Fh%2Fm">x</a>
            <a href='ITMS-SERVICES://?action=download-manifest&amp;amp;url=https://h/m2'>y</a>
            <a href=itms-services://?action=download-manifest&#38;url=https://h/m3>z</a>"#;
        assert_eq!(
            find_links(html),
            [
                "itms-services://?action=download-manifest&url=https%3A%2F%2Fh%2Fm",
                "ITMS-SERVICES://?action=download-manifest&amp;url=https://h/m2",
                "itms-services://?action=download-manifest&url=https://h/m3",
            ]
        );
    }

    #[test]
    fn text_links_are_kept_as_written() {
        let log =
            "tap this: itms-services://?action=download-manifest&amp;url=https://h/m (thanks)";
        assert_eq!(
            find_links_in_text(log),
            ["itms-services://?action=download-manifest&amp;url=https://h/m"]
        );
    }

    #[test]
    fn no_links_and_odd_text_do_not_panic() {
        assert!(find_links("<p>nothing here</p>").is_empty());
        assert_eq!(
            decode_references("a&b&#xZZ;&#1114112;&é;"),
            "a&b&#xZZ;&#1114112;&é;"
        );
        assert_eq!(find_links("itms-services:"), ["itms-services:"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "(\\PC|&|#|;|x|itms-services:|\"|')*") {
            let _ = find_links(&s);
            let _ = find_links_in_text(&s);
            let _ = decode_references(&s);
        }
    }
}
