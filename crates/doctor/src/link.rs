//! The `itms-services://` link itself: what iOS would make of it, and the repaired link.
//!
//! A pure function over the text. iOS reads the link as a URL with a query string: it looks for
//! `action=download-manifest` and percent-decodes the value of `url=` once to get the manifest
//! URL. Links break when the `&` between the two parameters is still HTML-escaped (`&amp;`,
//! `&amp;amp;`, a parameter called `amp;url` or `amp-url`), when the manifest URL is put in
//! unencoded and has its own `&`, `#` or spaces, or when it was percent-encoded twice.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::finding::{Finding, Status};

/// Characters left as they are inside a query value: RFC 3986 unreserved.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The canonical install link for a manifest URL (the server writes its links with this, the
/// doctor repairs links into it). The whole URL is percent-encoded as a query value so that a
/// `?`, `&`, `#`, `+` or space in it cannot end the `url=` parameter early.
pub fn itms_services_link(manifest_url: &str) -> String {
    format!(
        "itms-services://?action=download-manifest&url={}",
        utf8_percent_encode(manifest_url, QUERY_VALUE)
    )
}

/// Where the link text came from, which decides whether one `&amp;` is a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Pasted by a person: from HTML source, a log or a chat, so one `&amp;` may be the
    /// (correct) HTML form copied out of an `href`.
    Pasted,
    /// Already HTML-decoded from an `href` of a fetched page: any `&amp;` left is a bug.
    HtmlAttribute,
}

/// What the link check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkDiagnosis {
    pub findings: Vec<Finding>,
    /// The manifest URL the link's author meant, when one can be made out.
    pub manifest_url: Option<String>,
    /// The canonical link for that manifest URL ([`itms_services_link`]).
    pub repaired: Option<String>,
}

impl LinkDiagnosis {
    pub fn worst(&self) -> Status {
        self.findings
            .iter()
            .map(|f| f.status)
            .max()
            .unwrap_or(Status::Pass)
    }
}

/// True when the text looks like an install link (any case, surrounding quotes allowed).
pub fn looks_like_link(input: &str) -> bool {
    clean(input)
        .to_ascii_lowercase()
        .starts_with("itms-services:")
}

/// Trims whitespace and the quotes or angle brackets a link is often pasted with.
fn clean(input: &str) -> &str {
    input
        .trim()
        .trim_matches(|c| matches!(c, '"' | '\'' | '<' | '>' | '`'))
        .trim()
}

/// Checks an install link and repairs it.
pub fn diagnose(input: &str, origin: Origin) -> LinkDiagnosis {
    let mut findings = Vec::new();
    let link = clean(input);
    let done = |findings, manifest_url: Option<String>| LinkDiagnosis {
        repaired: manifest_url.as_deref().map(itms_services_link),
        manifest_url,
        findings,
    };

    // Scheme.
    let Some(after_scheme) = strip_prefix_ci(link, "itms-services:") else {
        findings.push(Finding::fail(
            "link.scheme",
            "this is not an itms-services:// link",
            "An install link starts with itms-services://?action=download-manifest&url=",
        ));
        return done(findings, None);
    };
    if link.starts_with("itms-services://") {
        findings.push(Finding::pass("link.scheme", "scheme is itms-services://"));
    } else {
        findings.push(Finding::warn(
            "link.scheme",
            "the scheme is not written exactly itms-services://",
            "Write the scheme in lower case as itms-services:// (see the repaired link).",
        ));
    }
    let Some((_, query)) = after_scheme.split_once('?') else {
        findings.push(Finding::fail(
            "link.query",
            "the link has no query string (no `?`), so iOS finds no manifest",
            "Use itms-services://?action=download-manifest&url=<manifest URL, percent-encoded>.",
        ));
        return done(findings, None);
    };

    // HTML escaping of the `&` between the parameters.
    let (query, levels) = unescape_amp(query);
    findings.push(escaping_finding(levels, origin));

    // Parameters. The value of `url=` runs on over any `&` that does not start a parameter iOS
    // knows: that is what an unencoded manifest URL with its own query string looks like.
    let mut action: Option<(String, bool)> = None;
    let mut url: Option<(String, bool, usize)> = None;
    let mut extra: Vec<String> = Vec::new();
    let mut duplicate_url = false;
    let mut pieces = query.split('&').peekable();
    while let Some(piece) = pieces.next() {
        let (raw_name, value) = piece.split_once('=').unwrap_or((piece, ""));
        let (name, mangled) = normalize_name(raw_name);
        match name.as_str() {
            "" if value.is_empty() => {}
            "action" => {
                if action.is_none() {
                    action = Some((value.to_string(), mangled));
                }
            }
            "url" => {
                let mut full = value.to_string();
                let mut absorbed = 0;
                while let Some(next) = pieces.peek() {
                    if is_known_param(next) {
                        break;
                    }
                    full.push('&');
                    full.push_str(next);
                    absorbed += 1;
                    pieces.next();
                }
                if url.is_some() {
                    duplicate_url = true;
                } else {
                    url = Some((full, mangled, absorbed));
                }
            }
            _ => extra.push(piece.to_string()),
        }
    }

    findings.push(match &action {
        None => Finding::fail(
            "link.action",
            "there is no action=download-manifest parameter",
            "Put action=download-manifest first, then &url=<manifest URL>.",
        ),
        Some((_, true)) => Finding::fail(
            "link.action",
            "the action parameter's name carries leftover HTML escaping (amp;action)",
            "Replace the `&amp;` before action with a plain `&` (see the repaired link).",
        ),
        Some((v, false)) if v != "download-manifest" => Finding::fail(
            "link.action",
            format!("action is {v:?}; iOS only knows download-manifest"),
            "Use action=download-manifest.",
        ),
        Some(_) => Finding::pass("link.action", "action=download-manifest"),
    });
    if !extra.is_empty() {
        findings.push(Finding::warn(
            "link.extra",
            format!("iOS ignores these parameters: {}", extra.join(", ")),
            "Keep only action= and url= in the link; put anything else inside the encoded manifest URL.",
        ));
    }

    let Some((value, mangled, absorbed)) = url else {
        findings.push(Finding::fail(
            "link.url",
            "there is no url= parameter",
            "Add &url=<manifest URL, percent-encoded> after action=download-manifest.",
        ));
        return done(findings, None);
    };
    if mangled {
        findings.push(Finding::fail(
            "link.url",
            "the url parameter is named amp;url or amp-url (HTML escaping gone wrong), so iOS sees no url=",
            "Replace it with a plain &url= (see the repaired link).",
        ));
    }
    if duplicate_url {
        findings.push(Finding::warn(
            "link.url",
            "the link has more than one url= parameter; the first one is used here",
            "Keep a single url= parameter.",
        ));
    }

    let (intended, encoding) = read_url_value(&value, absorbed);
    findings.push(encoding);
    let Some(intended) = intended else {
        return done(findings, None);
    };
    findings.push(manifest_scheme_finding(&intended));
    done(findings, Some(intended))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// Undoes HTML escaping of `&` (`&amp;`, `&#38;`, `&#x26;`) as many times as it was applied
/// (at most 8), returning the text and how many rounds it took.
fn unescape_amp(query: &str) -> (String, usize) {
    let mut s = query.to_string();
    let mut levels = 0;
    while levels < 8 {
        let next = replace_ci(
            &replace_ci(&replace_ci(&s, "&amp;", "&"), "&#38;", "&"),
            "&#x26;",
            "&",
        );
        if next == s {
            break;
        }
        s = next;
        levels += 1;
    }
    (s, levels)
}

/// Replaces every ASCII-case-insensitive occurrence of `from` (ASCII) with `to`.
fn replace_ci(s: &str, from: &str, to: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (at, _) in lower.match_indices(from) {
        out.push_str(s.get(last..at).unwrap_or(""));
        out.push_str(to);
        last = at + from.len();
    }
    out.push_str(s.get(last..).unwrap_or(""));
    out
}

fn escaping_finding(levels: usize, origin: Origin) -> Finding {
    match (levels, origin) {
        (0, _) => Finding::pass("link.escaping", "no HTML escaping left in the link"),
        (1, Origin::Pasted) => Finding::warn(
            "link.escaping",
            "the link contains `&amp;`: that is its HTML-escaped form, right inside an href attribute and wrong anywhere else",
            "Outside HTML (chat, email, a redirect), use the repaired link with a plain `&`.",
        ),
        (1, Origin::HtmlAttribute) => Finding::fail(
            "link.escaping",
            "the page escapes the `&` twice (`&amp;amp;` in its HTML), so iOS sees `&amp;` and no url= parameter",
            "Escape the link for HTML exactly once: `&amp;` in the href, never `&amp;amp;`.",
        ),
        (n, _) => Finding::fail(
            "link.escaping",
            format!("the `&` was HTML-escaped {n} times over (`&amp;amp;`), so iOS sees no url= parameter"),
            "Escape the link for HTML exactly once, at the last moment (see the repaired link).",
        ),
    }
}

/// Lower-cases a parameter name and strips leftover escaping (`amp;`, `amp-`, `amp%3b`),
/// saying whether any was there.
fn normalize_name(raw: &str) -> (String, bool) {
    let mut name = raw.trim().to_ascii_lowercase();
    let mut mangled = false;
    loop {
        let stripped = ["amp;", "amp-", "amp%3b", "amp_"]
            .iter()
            .find_map(|p| name.strip_prefix(p).map(str::to_string));
        match stripped {
            Some(rest) if !rest.is_empty() => {
                name = rest;
                mangled = true;
            }
            _ => break,
        }
    }
    (name, mangled)
}

fn is_known_param(piece: &str) -> bool {
    let name = piece.split_once('=').map_or(piece, |(n, _)| n);
    matches!(normalize_name(name).0.as_str(), "action" | "url")
}

/// Works out the manifest URL meant by the raw `url=` value, and how well it was encoded.
fn read_url_value(value: &str, absorbed: usize) -> (Option<String>, Finding) {
    const CHECK: &str = "link.url-encoding";
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        // Written unencoded: the author meant these characters literally.
        let intended = value.to_string();
        let mut fatal = Vec::new();
        if absorbed > 0 {
            let cut = value.split('&').next().unwrap_or("");
            fatal.push(format!("has its own `&`, so iOS cuts it at {cut:?}"));
        }
        if value.contains('#') {
            fatal.push("has a `#`, so iOS drops everything after it".to_string());
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            fatal.push("has spaces or line breaks, which make the link invalid".to_string());
        }
        if has_bad_percent(value) {
            fatal.push("has a `%` that is not a %XX escape".to_string());
        }
        const FIX: &str = "Percent-encode the whole manifest URL in url= (see the repaired link).";
        let finding = if !fatal.is_empty() {
            Finding::fail(
                CHECK,
                format!(
                    "the manifest URL is not percent-encoded and {}",
                    fatal.join("; it ")
                ),
                FIX,
            )
        } else if value.contains('%') {
            Finding::warn(
                CHECK,
                "the manifest URL is not encoded but contains %XX escapes, which iOS decodes once more",
                FIX,
            )
        } else if value.contains(['+', '?']) || !value.is_ascii() {
            Finding::warn(
                CHECK,
                "the manifest URL is not percent-encoded and contains `?`, `+` or non-ASCII characters",
                "Percent-encode the whole manifest URL in url= (see the repaired link), or keep manifest URLs path-only.",
            )
        } else {
            Finding::pass(
                CHECK,
                "url= is not percent-encoded, which works because it has no `&`, `#`, `%`, `+` or spaces",
            )
        };
        return (Some(intended), finding);
    }
    let encoded = |s: &str| {
        let l = s.to_ascii_lowercase();
        l.starts_with("https%") || l.starts_with("http%")
    };
    if encoded(value) {
        let mut intended = decode(value);
        let mut rounds = 1;
        while rounds < 4 {
            if !encoded(&intended) {
                break;
            }
            intended = decode(&intended);
            rounds += 1;
        }
        let finding = if rounds > 1 {
            Finding::fail(
                CHECK,
                format!("the manifest URL was percent-encoded {rounds} times; iOS decodes it once and gets {:?}", decode(value)),
                "Percent-encode the manifest URL exactly once (see the repaired link).",
            )
        } else if absorbed > 0 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            Finding::fail(
                CHECK,
                "the manifest URL is only partly percent-encoded: a raw `&` or space is left in it",
                "Percent-encode the whole manifest URL in url= (see the repaired link).",
            )
        } else {
            Finding::pass(CHECK, "url= is percent-encoded")
        };
        return (Some(intended), finding);
    }
    let finding = Finding::fail(
        CHECK,
        format!("url= is {value:?}, not an absolute https:// URL"),
        "Put the full https:// URL of the manifest in url=.",
    );
    (None, finding)
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

fn has_bad_percent(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

fn manifest_scheme_finding(url: &str) -> Finding {
    const CHECK: &str = "link.manifest-url";
    let lower = url.to_ascii_lowercase();
    let (https, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (false, rest)
    } else {
        return Finding::fail(
            CHECK,
            format!("the manifest URL {url:?} is not an absolute https:// URL"),
            "Put the full https:// URL of the manifest in url=.",
        );
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Finding::fail(
            CHECK,
            format!("the manifest URL {url:?} has no host"),
            "Put the full https:// URL of the manifest in url=.",
        );
    }
    if !https {
        return Finding::fail(
            CHECK,
            format!("the manifest URL {url:?} is http://; iOS (7.1 and later) only installs from https://"),
            "Serve the manifest over HTTPS with a certificate the device trusts, and link to the https:// URL.",
        );
    }
    Finding::pass(CHECK, format!("manifest URL is {url}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const M: &str = "https://ota.example.com/r/01jd5x/manifest.plist";

    fn statuses(d: &LinkDiagnosis) -> Vec<(&str, Status)> {
        d.findings
            .iter()
            .map(|f| (f.check.as_str(), f.status))
            .collect()
    }

    fn status_of(d: &LinkDiagnosis, check: &str) -> Option<Status> {
        crate::worst_of(&d.findings, check)
    }

    #[test]
    fn canonical_link_passes_and_repairs_to_itself() {
        let link = itms_services_link(M);
        let d = diagnose(&link, Origin::Pasted);
        assert_eq!(d.worst(), Status::Pass, "{:?}", statuses(&d));
        assert_eq!(d.manifest_url.as_deref(), Some(M));
        assert_eq!(d.repaired.as_deref(), Some(link.as_str()));
    }

    #[test]
    fn unencoded_simple_url_works_and_is_encoded_by_the_repair() {
        // The form most tools print; valid because the URL has no `&`, `#`, `%`, `+` or spaces.
        let d = diagnose(
            &format!("itms-services://?action=download-manifest&url={M}"),
            Origin::Pasted,
        );
        assert_eq!(d.worst(), Status::Pass, "{:?}", statuses(&d));
        assert_eq!(d.repaired, Some(itms_services_link(M)));
    }

    #[test]
    fn one_amp_is_a_warning_when_pasted_and_a_failure_from_a_page() {
        let link = itms_services_link(M).replace('&', "&amp;");
        let d = diagnose(&link, Origin::Pasted);
        assert_eq!(status_of(&d, "link.escaping"), Some(Status::Warn));
        assert_eq!(d.repaired, Some(itms_services_link(M)));
        let d = diagnose(&link, Origin::HtmlAttribute);
        assert_eq!(status_of(&d, "link.escaping"), Some(Status::Fail));
    }

    #[test]
    fn double_escaped_amp_fails_and_is_repaired() {
        let link = itms_services_link(M).replace('&', "&amp;amp;");
        let d = diagnose(&link, Origin::Pasted);
        assert_eq!(status_of(&d, "link.escaping"), Some(Status::Fail));
        assert_eq!(d.repaired, Some(itms_services_link(M)));
    }

    #[test]
    fn amp_url_parameter_names_fail_and_are_repaired() {
        for bad in ["amp-url=", "AMP%3Burl=", "amp_url="] {
            let link = format!("itms-services://?action=download-manifest&{bad}{M}");
            let d = diagnose(&link, Origin::Pasted);
            assert_eq!(status_of(&d, "link.url"), Some(Status::Fail), "{bad}");
            assert_eq!(d.repaired, Some(itms_services_link(M)), "{bad}");
        }
        // `&amp;url=` found in a page's decoded href: iOS sees a parameter named `amp;url`.
        let link = format!("itms-services://?action=download-manifest&amp;url={M}");
        let d = diagnose(&link, Origin::HtmlAttribute);
        assert_eq!(d.worst(), Status::Fail);
        assert_eq!(d.repaired, Some(itms_services_link(M)));
    }

    #[test]
    fn unencoded_url_with_its_own_query_fails_and_keeps_the_whole_url() {
        let m = "https://h.example/manifest.plist?token=a&sig=b";
        let d = diagnose(
            &format!("itms-services://?action=download-manifest&url={m}"),
            Origin::Pasted,
        );
        assert_eq!(status_of(&d, "link.url-encoding"), Some(Status::Fail));
        assert_eq!(d.manifest_url.as_deref(), Some(m));
        assert_eq!(d.repaired, Some(itms_services_link(m)));
    }

    #[test]
    fn url_before_action_is_fine() {
        let d = diagnose(
            &format!("itms-services://?url={M}&action=download-manifest"),
            Origin::Pasted,
        );
        assert_eq!(d.worst(), Status::Pass, "{:?}", statuses(&d));
    }

    #[test]
    fn spaces_and_hash_fail() {
        for m in [
            "https://h.example/my app/manifest.plist",
            "https://h.example/m#x.plist",
        ] {
            let d = diagnose(
                &format!("itms-services://?action=download-manifest&url={m}"),
                Origin::Pasted,
            );
            assert_eq!(
                status_of(&d, "link.url-encoding"),
                Some(Status::Fail),
                "{m}"
            );
            assert_eq!(d.repaired, Some(itms_services_link(m)));
        }
    }

    #[test]
    fn double_percent_encoding_fails() {
        let once = itms_services_link(M);
        let value = once.split_once("url=").unwrap().1;
        let twice = format!(
            "itms-services://?action=download-manifest&url={}",
            value.replace('%', "%25")
        );
        let d = diagnose(&twice, Origin::Pasted);
        assert_eq!(status_of(&d, "link.url-encoding"), Some(Status::Fail));
        assert_eq!(d.repaired, Some(once));
    }

    #[test]
    fn http_manifest_fails() {
        let d = diagnose(
            &itms_services_link("http://h.example/manifest.plist"),
            Origin::Pasted,
        );
        assert_eq!(status_of(&d, "link.manifest-url"), Some(Status::Fail));
    }

    #[test]
    fn missing_parts_fail_without_panicking() {
        for bad in [
            "",
            "https://h.example/",
            "itms-services://",
            "itms-services://?action=download-manifest",
            "itms-services://?url=",
            "itms-services://?action=install&url=https%3A%2F%2Fh%2Fm",
            "itms-services://?action=download-manifest&url=/relative/manifest.plist",
            "itms-services://?action=download-manifest&url=https://",
        ] {
            let d = diagnose(bad, Origin::Pasted);
            assert_eq!(d.worst(), Status::Fail, "{bad:?}: {:?}", statuses(&d));
        }
    }

    #[test]
    fn quotes_and_case_are_tolerated() {
        let d = diagnose(
            &format!("  \"ITMS-SERVICES://?action=download-manifest&url={M}\"\n"),
            Origin::Pasted,
        );
        assert_eq!(status_of(&d, "link.scheme"), Some(Status::Warn));
        assert_eq!(d.repaired, Some(itms_services_link(M)));
        assert!(looks_like_link(" 'itms-services://?x'"));
        assert!(!looks_like_link("https://h/"));
    }

    fn manifest_url() -> impl Strategy<Value = String> {
        (
            "[a-z][a-z0-9-]{0,12}(\\.[a-z]{2,6}){0,2}(:[0-9]{2,5})?",
            "(/[A-Za-z0-9._~ %+!$'()*,;:@-]{0,12}){0,4}",
            proptest::option::of(
                "q[a-z]{0,4}=[A-Za-z0-9._~%/+-]{0,8}(&q[a-z]{0,4}=[A-Za-z0-9]{0,5}){0,2}",
            ),
        )
            .prop_map(|(host, path, query)| match query {
                Some(q) => format!("https://{host}{path}?{q}"),
                None => format!("https://{host}{path}"),
            })
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = diagnose(&s, Origin::Pasted);
            let _ = diagnose(&format!("itms-services://?{s}"), Origin::HtmlAttribute);
        }

        #[test]
        fn never_panics_on_link_like_text(s in "(itms-services://\\?|&|amp;|url=|action=|%|https?%3A|https?://|[a-z]|#| ){0,30}") {
            let _ = diagnose(&s, Origin::Pasted);
        }

        #[test]
        fn repairing_a_canonical_link_is_the_identity(m in manifest_url()) {
            let link = itms_services_link(&m);
            let d = diagnose(&link, Origin::Pasted);
            prop_assert_eq!(d.repaired.as_deref(), Some(link.as_str()));
            prop_assert_eq!(d.worst(), Status::Pass);
        }

        #[test]
        fn html_escaping_is_undone(m in manifest_url(), times in 1usize..4) {
            let canonical = itms_services_link(&m);
            let mut amp = "&".to_string();
            for _ in 0..times { amp = amp.replace('&', "&amp;"); }
            let d = diagnose(&canonical.replace('&', &amp), Origin::Pasted);
            prop_assert_eq!(d.repaired, Some(canonical));
        }

        #[test]
        fn amp_url_is_repaired(m in manifest_url(), bad in "(amp-|amp%3B|AMP_)") {
            let canonical = itms_services_link(&m);
            let broken = canonical.replace("&url=", &format!("&{bad}url="));
            let d = diagnose(&broken, Origin::Pasted);
            prop_assert_eq!(d.worst(), Status::Fail);
            prop_assert_eq!(d.repaired, Some(canonical));
        }

        #[test]
        fn unencoded_url_is_repaired(m in manifest_url()) {
            prop_assume!(!m.ends_with([' ', '\'']));
            let d = diagnose(&format!("itms-services://?action=download-manifest&url={m}"), Origin::Pasted);
            prop_assert_eq!(d.repaired, Some(itms_services_link(&m)));
        }
    }
}
