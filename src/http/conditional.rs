//! Conditional requests (RFC 9110 §13.2.2), evaluated in the order the RFC gives, with the
//! typed headers of the `headers` crate. Releases never change, so every validator is strong.

use std::time::SystemTime;

use headers::{
    ETag, HeaderMapExt, IfMatch, IfModifiedSince, IfNoneMatch, IfRange, IfUnmodifiedSince,
    LastModified,
};
use http::{HeaderMap, Method};

/// The outcome of a request's preconditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precondition {
    /// Go on; `use_range` says whether a Range header may be honoured (If-Range).
    Proceed {
        use_range: bool,
    },
    NotModified,
    Failed,
}

pub fn evaluate(
    method: &Method,
    headers: &HeaderMap,
    etag: &ETag,
    last_modified: Option<SystemTime>,
) -> Precondition {
    let get_or_head = method == Method::GET || method == Method::HEAD;
    // Step 1 and 2: If-Match, else If-Unmodified-Since.
    if let Some(m) = headers.typed_get::<IfMatch>() {
        if !m.precondition_passes(etag) {
            return Precondition::Failed;
        }
    } else if let (Some(u), Some(last_modified)) =
        (headers.typed_get::<IfUnmodifiedSince>(), last_modified)
    {
        if !u.precondition_passes(last_modified) {
            return Precondition::Failed;
        }
    }
    // Step 3 and 4: If-None-Match, else If-Modified-Since (GET/HEAD only).
    if let Some(n) = headers.typed_get::<IfNoneMatch>() {
        if !n.precondition_passes(etag) {
            return if get_or_head {
                Precondition::NotModified
            } else {
                Precondition::Failed
            };
        }
    } else if let (true, Some(last_modified)) = (get_or_head, last_modified) {
        // Without a modification date there is nothing to compare: send the content.
        if let Some(since) = headers.typed_get::<IfModifiedSince>() {
            if !since.is_modified(last_modified) {
                return Precondition::NotModified;
            }
        }
    }
    // Step 5: If-Range decides whether Range applies (GET only).
    let use_range = *method == Method::GET
        && match headers.typed_get::<IfRange>() {
            Some(r) => !r.is_modified(Some(etag), last_modified.map(LastModified::from).as_ref()),
            None => true,
        };
    Precondition::Proceed { use_range }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn etag() -> ETag {
        "\"abc\"".parse().unwrap()
    }
    fn t() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }
    fn eval(method: Method, pairs: &[(&'static str, &str)]) -> Precondition {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        evaluate(&method, &h, &etag(), Some(t()))
    }
    const GO: Precondition = Precondition::Proceed { use_range: true };

    #[test]
    fn if_none_match() {
        assert_eq!(
            eval(Method::GET, &[("if-none-match", "\"abc\"")]),
            Precondition::NotModified
        );
        assert_eq!(
            eval(Method::HEAD, &[("if-none-match", "W/\"abc\"")]),
            Precondition::NotModified,
            "weak comparison (§13.1.2)"
        );
        assert_eq!(
            eval(Method::GET, &[("if-none-match", "\"x\", \"abc\"")]),
            Precondition::NotModified
        );
        assert_eq!(
            eval(Method::GET, &[("if-none-match", "*")]),
            Precondition::NotModified
        );
        assert_eq!(eval(Method::GET, &[("if-none-match", "\"other\"")]), GO);
        assert_eq!(
            eval(Method::DELETE, &[("if-none-match", "\"abc\"")]),
            Precondition::Failed
        );
    }

    #[test]
    fn if_none_match_wins_over_if_modified_since() {
        // §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
        assert_eq!(
            eval(
                Method::GET,
                &[
                    ("if-none-match", "\"other\""),
                    ("if-modified-since", "Sun, 01 Jan 2040 00:00:00 GMT")
                ]
            ),
            GO
        );
    }

    #[test]
    fn without_a_date_if_modified_since_never_answers_304() {
        // A page whose bytes change with the day has no honest date: only its ETag validates.
        let mut h = HeaderMap::new();
        h.insert(
            "if-modified-since",
            "Sun, 01 Jan 2040 00:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(evaluate(&Method::GET, &h, &etag(), None), GO);
        let mut h = HeaderMap::new();
        h.insert("if-range", "Sun, 01 Jan 2040 00:00:00 GMT".parse().unwrap());
        assert_eq!(
            evaluate(&Method::GET, &h, &etag(), None),
            Precondition::Proceed { use_range: false }
        );
    }

    #[test]
    fn if_modified_since() {
        assert_eq!(
            eval(
                Method::GET,
                &[("if-modified-since", "Sun, 01 Jan 2040 00:00:00 GMT")]
            ),
            Precondition::NotModified
        );
        assert_eq!(
            eval(
                Method::GET,
                &[("if-modified-since", "Sat, 01 Jan 2000 00:00:00 GMT")]
            ),
            GO
        );
    }

    #[test]
    fn if_match_and_if_unmodified_since() {
        assert_eq!(eval(Method::GET, &[("if-match", "\"abc\"")]), GO);
        assert_eq!(
            eval(Method::GET, &[("if-match", "\"nope\"")]),
            Precondition::Failed
        );
        assert_eq!(
            eval(Method::GET, &[("if-match", "W/\"abc\"")]),
            Precondition::Failed,
            "strong comparison"
        );
        assert_eq!(
            eval(
                Method::GET,
                &[("if-unmodified-since", "Sat, 01 Jan 2000 00:00:00 GMT")]
            ),
            Precondition::Failed
        );
    }

    #[test]
    fn if_range() {
        assert_eq!(eval(Method::GET, &[("if-range", "\"abc\"")]), GO);
        assert_eq!(
            eval(Method::GET, &[("if-range", "\"old\"")]),
            Precondition::Proceed { use_range: false }
        );
        assert_eq!(
            eval(
                Method::GET,
                &[("if-range", "Tue, 14 Nov 2023 22:13:20 GMT")]
            ),
            GO
        );
        assert_eq!(
            eval(
                Method::GET,
                &[("if-range", "Sat, 01 Jan 2000 00:00:00 GMT")]
            ),
            Precondition::Proceed { use_range: false }
        );
        assert_eq!(
            eval(Method::HEAD, &[]),
            Precondition::Proceed { use_range: false }
        );
    }
}
