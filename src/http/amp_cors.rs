//! The AMP CORS protocol (amp.dev, "CORS in AMP") for the endpoints an AMP page fetches.
//!
//! The AMP runtime adds `__amp_source_origin=<the page's origin>` to every request; it must be
//! our public origin. The request's `Origin` must be our origin or an AMP cache's
//! (`https://<one label>.cdn.ampproject.org`, `https://<one label>.bing-amp.com`, matched
//! exactly, never by substring), or, on our own origin, the request carries
//! `AMP-Same-Origin: true` instead of `Origin`. Allowed requests are answered with the CORS
//! headers below; anything else gets `403` and none of them.

use http::header::{
    HeaderName, HeaderValue, ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS,
    ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    ACCESS_CONTROL_MAX_AGE, ORIGIN, VARY,
};
use http::HeaderMap;

const SOURCE_ORIGIN_PARAM: &str = "__amp_source_origin";
const AMP_SAME_ORIGIN: HeaderName = HeaderName::from_static("amp-same-origin");
const ALLOW_SOURCE_ORIGIN: HeaderName =
    HeaderName::from_static("amp-access-control-allow-source-origin");
/// The domains under which AMP caches serve pages, each from one subdomain label per site.
const CACHE_DOMAINS: &[&str] = &[".cdn.ampproject.org", ".bing-amp.com"];

/// An allowed request: the origin to allow, and the page's source origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowed {
    /// The request's `Origin`, or our own origin for a same-origin request.
    pub allow_origin: String,
    pub source_origin: String,
}

/// Why a request was refused (the 403's message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("__amp_source_origin is missing or given more than once")]
    SourceMissing,
    #[error("__amp_source_origin is not this site's origin")]
    SourceNotOurs,
    #[error("the Origin is neither this site nor an AMP cache")]
    Foreign,
    #[error("neither an Origin header nor AMP-Same-Origin: true")]
    Anonymous,
}

/// Checks a request against the protocol. `query` is the request target's query string,
/// `own_origin` our public origin (`https://host[:port]`).
pub fn check(
    query: Option<&str>,
    headers: &HeaderMap,
    own_origin: &str,
) -> Result<Allowed, Refused> {
    let source = source_origin(query.unwrap_or("")).ok_or(Refused::SourceMissing)?;
    if !same_origin(&source, own_origin) {
        return Err(Refused::SourceNotOurs);
    }
    let mut origins = headers.get_all(ORIGIN).iter();
    let allow_origin = match (origins.next(), origins.next()) {
        (Some(origin), None) => {
            let origin = origin.to_str().map_err(|_| Refused::Foreign)?;
            if !same_origin(origin, own_origin) && !is_amp_cache_origin(origin) {
                return Err(Refused::Foreign);
            }
            origin.to_owned()
        }
        (Some(_), Some(_)) => return Err(Refused::Foreign),
        (None, _) => {
            let same = headers
                .get(AMP_SAME_ORIGIN)
                .is_some_and(|v| v.as_bytes() == b"true");
            if !same {
                return Err(Refused::Anonymous);
            }
            source.clone()
        }
    };
    Ok(Allowed {
        allow_origin,
        source_origin: source,
    })
}

/// The CORS headers of an allowed request's answer.
pub fn apply(h: &mut HeaderMap, allowed: &Allowed) {
    let value = |s: &str| HeaderValue::from_str(s).ok();
    if let Some(v) = value(&allowed.allow_origin) {
        h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, v);
    }
    h.insert(
        ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    if let Some(v) = value(&allowed.source_origin) {
        h.insert(ALLOW_SOURCE_ORIGIN, v);
    }
    h.insert(
        ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("AMP-Access-Control-Allow-Source-Origin"),
    );
    h.append(VARY, HeaderValue::from_static("Origin"));
}

/// The extra headers of an allowed preflight (`OPTIONS`) answer.
pub fn apply_preflight(h: &mut HeaderMap, allowed: &Allowed) {
    apply(h, allowed);
    h.insert(
        ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, HEAD, OPTIONS"),
    );
    h.insert(
        ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("AMP-Same-Origin"),
    );
    h.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
}

/// `https://<label>.cdn.ampproject.org` or `https://<label>.bing-amp.com`: one DNS label of
/// lowercase letters, digits and hyphens (as browsers serialise an `Origin`), no port, no path.
pub fn is_amp_cache_origin(origin: &str) -> bool {
    let Some(host) = origin.strip_prefix("https://") else {
        return false;
    };
    CACHE_DOMAINS.iter().any(|domain| {
        host.strip_suffix(domain).is_some_and(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
    })
}

/// Origins compare case-insensitively (scheme and host); a port or path must match exactly.
fn same_origin(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The one `__amp_source_origin` value of a query string, percent-decoded.
fn source_origin(query: &str) -> Option<String> {
    let mut found = None;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key != SOURCE_ORIGIN_PARAM {
            continue;
        }
        if found.is_some() {
            return None;
        }
        let value = percent_encoding::percent_decode_str(value)
            .decode_utf8()
            .ok()?;
        found = Some(value.into_owned());
    }
    found.filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "https://ota.example.com";
    const Q: &str = "__amp_source_origin=https%3A%2F%2Fota.example.com";

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn a_cache_origin_is_allowed_and_echoed() {
        let h = headers(&[("origin", "https://ota-example-com.cdn.ampproject.org")]);
        let a = check(Some(Q), &h, OWN).unwrap();
        assert_eq!(a.allow_origin, "https://ota-example-com.cdn.ampproject.org");
        assert_eq!(a.source_origin, OWN);
        let h = headers(&[("origin", "https://ota-example-com.bing-amp.com")]);
        assert!(check(Some(Q), &h, OWN).is_ok());
    }

    #[test]
    fn our_own_origin_is_allowed_by_origin_or_by_amp_same_origin() {
        let h = headers(&[("origin", OWN)]);
        assert_eq!(check(Some(Q), &h, OWN).unwrap().allow_origin, OWN);
        let h = headers(&[("amp-same-origin", "true")]);
        assert_eq!(check(Some(Q), &h, OWN).unwrap().allow_origin, OWN);
        let h = headers(&[("amp-same-origin", "false")]);
        assert_eq!(check(Some(Q), &h, OWN), Err(Refused::Anonymous));
        assert_eq!(
            check(Some(Q), &HeaderMap::new(), OWN),
            Err(Refused::Anonymous)
        );
    }

    #[test]
    fn the_source_origin_must_be_ours_and_given_once() {
        let h = headers(&[("amp-same-origin", "true")]);
        for q in [
            None,
            Some(""),
            Some("__amp_source_origin="),
            Some("x=https%3A%2F%2Fota.example.com"),
            Some("__amp_source_origin_x=https%3A%2F%2Fota.example.com"),
            Some("__amp_source_origin=https%3A%2F%2Fota.example.com&__amp_source_origin=https%3A%2F%2Fota.example.com"),
        ] {
            assert_eq!(check(q, &h, OWN), Err(Refused::SourceMissing), "{q:?}");
        }
        for q in [
            "__amp_source_origin=https%3A%2F%2Fevil.example",
            "__amp_source_origin=https%3A%2F%2Fota.example.com.evil.example",
            "__amp_source_origin=http%3A%2F%2Fota.example.com",
            "__amp_source_origin=https%3A%2F%2Fota.example.com%3A8443",
            "__amp_source_origin=https%3A%2F%2Fota.example.com%2F",
        ] {
            assert_eq!(check(Some(q), &h, OWN), Err(Refused::SourceNotOurs), "{q}");
        }
        // Other parameters around it are fine; so is an unencoded value.
        let q = "a=1&__amp_source_origin=https://ota.example.com&b";
        assert!(check(Some(q), &h, OWN).is_ok());
    }

    #[test]
    fn foreign_origins_are_refused() {
        for origin in [
            "https://evil.example",
            "null",
            "http://ota-example-com.cdn.ampproject.org",
            "https://cdn.ampproject.org",
            "https://a.b.cdn.ampproject.org",
            "https://evil.example/.cdn.ampproject.org",
            "https://x.cdn.ampproject.org.evil.example",
            "https://x.cdn.ampproject.org:8443",
            "https://xcdn.ampproject.org",
            "https://evil-cdn.ampproject.org.example",
            "https://x.bing-amp.com.evil.example",
            "https://evilbing-amp.com",
            "https://ota.example.com.evil.example",
        ] {
            let h = headers(&[("origin", origin)]);
            assert_eq!(check(Some(Q), &h, OWN), Err(Refused::Foreign), "{origin}");
        }
        // A foreign Origin is not saved by AMP-Same-Origin.
        let h = headers(&[
            ("origin", "https://evil.example"),
            ("amp-same-origin", "true"),
        ]);
        assert_eq!(check(Some(Q), &h, OWN), Err(Refused::Foreign));
        // Two Origin headers: refused.
        let h = headers(&[("origin", OWN), ("origin", "https://evil.example")]);
        assert_eq!(check(Some(Q), &h, OWN), Err(Refused::Foreign));
    }

    #[test]
    fn allowed_answers_carry_the_four_headers() {
        let a = Allowed {
            allow_origin: "https://x.cdn.ampproject.org".into(),
            source_origin: OWN.into(),
        };
        let mut h = HeaderMap::new();
        apply(&mut h, &a);
        assert_eq!(
            h["access-control-allow-origin"],
            "https://x.cdn.ampproject.org"
        );
        assert_eq!(h["access-control-allow-credentials"], "true");
        assert_eq!(h["amp-access-control-allow-source-origin"], OWN);
        assert_eq!(
            h["access-control-expose-headers"],
            "AMP-Access-Control-Allow-Source-Origin"
        );
        let mut h = HeaderMap::new();
        apply_preflight(&mut h, &a);
        assert!(h["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("GET"));
    }
}
