//! Cross-site request forgery defence for the changes an admin *session* may make (the
//! console's uploads, edits, deletions and links). A browser sends the session cookie with any
//! request to this server, including one a hostile page starts, so a cookie alone never
//! authorises a change. Such a request must also:
//!
//! - carry `Origin` equal to the public URL's origin (browsers send it with every `POST`,
//!   `PATCH` and `DELETE`, and a page cannot forge it); a request without `Origin` is refused;
//! - carry the session's CSRF token in the `X-Otadrop-Csrf` header. The token is an HMAC of
//!   the session cookie ([`crate::access::Signer::csrf`]), written into the console page; a
//!   page of another origin can neither read it nor, without a CORS preflight that this server
//!   never grants, send a custom header at all.
//!
//! Requests with the bearer token carry no cookie authority and need neither.

use http::header::ORIGIN;
use http::{HeaderMap, StatusCode};

use super::response::{self, Resp};
use super::State;

/// The request header that carries the token.
pub const HEADER: &str = "x-otadrop-csrf";

/// The CSRF token of the session `session` (the cookie's value).
pub fn token(state: &State, session: &str) -> String {
    state.signer.csrf(session)
}

/// Whether a cookie-authenticated change may go ahead: `None` when it may, else the `403` to
/// answer.
pub fn refuse(state: &State, headers: &HeaderMap, session: &str) -> Option<Resp> {
    let origin = headers.get(ORIGIN).and_then(|v| v.to_str().ok());
    if !same_origin(state.config.public_url.origin(), origin) {
        return Some(response::error(
            StatusCode::FORBIDDEN,
            "refused: a change made with a session cookie must come from this server's own pages (Origin does not match); API clients send `Authorization: Bearer <token>` instead",
        ));
    }
    let given = headers.get(HEADER).and_then(|v| v.to_str().ok());
    match given {
        Some(t) if state.signer.check_csrf(session, t.trim()) => None,
        _ => Some(response::error(
            StatusCode::FORBIDDEN,
            "refused: missing or wrong CSRF token (reload the console and try again); API clients send `Authorization: Bearer <token>` instead",
        )),
    }
}

/// `Origin` names exactly the public origin (scheme, host and port; no path, no `null`).
fn same_origin(public: &str, origin: Option<&str>) -> bool {
    origin.is_some_and(|o| o.trim_end_matches('/').eq_ignore_ascii_case(public))
}

#[cfg(test)]
mod tests {
    use super::same_origin;

    #[test]
    fn only_the_public_origin_passes() {
        let public = "https://ota.example.com";
        assert!(same_origin(public, Some("https://ota.example.com")));
        assert!(same_origin(public, Some("https://OTA.example.com")));
        for bad in [
            None,
            Some("null"),
            Some(""),
            Some("http://ota.example.com"),
            Some("https://ota.example.com:8443"),
            Some("https://ota.example.com.evil.test"),
            Some("https://evil.test"),
            Some("https://sub.ota.example.com"),
        ] {
            assert!(!same_origin(public, bad), "{bad:?}");
        }
    }
}
