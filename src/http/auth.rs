//! Credentials: the admin (upload) token as `Authorization: Bearer`, and the signed session
//! cookie set by signing in. Decides who may list releases; everything else about access
//! (tokens, hashes, limits) is in [`crate::access`].

use std::net::SocketAddr;
use std::time::Duration;

use http::header::{HeaderValue, COOKIE, RETRY_AFTER, WWW_AUTHENTICATE};
use http::{HeaderMap, Method, StatusCode};

use super::response::{self, Resp};
use super::State;
use crate::access::limit::Limiter;
use crate::access::{now_millis, Role};

pub const SESSION_COOKIE: &str = "otadrop_session";
/// How long a sign-in lasts.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// No credential.
    Anonymous,
    Viewer,
    Admin,
}

impl Access {
    /// May see the list of apps and releases (the index, app pages, the API's read side).
    pub fn can_list(self, state: &State) -> bool {
        self >= Access::Viewer || state.config.public_index
    }

    pub fn is_admin(self) -> bool {
        self == Access::Admin
    }
}

/// Failed attempts allowed per client (sign-in) or per link and client (link passwords) in a
/// window; a link as a whole allows a few times more.
pub const TRIES: u32 = 5;
pub const LINK_TRIES: u32 = 20;
pub const WINDOW: Duration = Duration::from_secs(60);

/// The rate limits on guessing secrets.
pub struct Limits {
    pub sign_in: Limiter,
    pub link_client: Limiter,
    pub link: Limiter,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            sign_in: Limiter::new(TRIES, WINDOW),
            link_client: Limiter::new(TRIES, WINDOW),
            link: Limiter::new(LINK_TRIES, WINDOW),
        }
    }
}

/// The client's address as the rate limits see it (behind a proxy, the proxy's).
pub fn client_key(peer: SocketAddr) -> String {
    peer.ip().to_string()
}

/// The credential a request carries: a right bearer token is admin; else a valid session.
pub fn access(state: &State, headers: &HeaderMap) -> Access {
    if let Some(t) = bearer(headers) {
        if constant_time_eq(t.as_bytes(), state.config.upload_token.as_bytes()) {
            return Access::Admin;
        }
    }
    match cookie(headers, SESSION_COOKIE).and_then(|v| state.signer.open_session(v, now_millis())) {
        Some(Role::Admin) => Access::Admin,
        Some(Role::Viewer) => Access::Viewer,
        None => Access::Anonymous,
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
}

/// The admin's changes (uploads, edits, deletions, links) and admin-only reads: allowed with
/// the right bearer token, or with an admin session, whose changes (any method but `GET` and
/// `HEAD`) must also pass the CSRF check of [`super::csrf`] (a cookie alone would let any
/// site's page make them). `None` when the request may go ahead, else the answer.
pub fn deny_unless_admin(state: &State, headers: &HeaderMap, method: &Method) -> Option<Resp> {
    if bearer(headers).is_some() {
        return deny_without_token(state, headers);
    }
    let session = cookie(headers, SESSION_COOKIE);
    match session.and_then(|v| state.signer.open_session(v, now_millis())) {
        Some(Role::Admin) if method.is_safe() => None,
        Some(Role::Admin) => super::csrf::refuse(state, headers, session.unwrap_or_default()),
        Some(Role::Viewer) => Some(unauthorized(
            "signed in as a viewer: this needs the admin (the upload token, or a session signed in with it)",
        )),
        None => deny_without_token(state, headers),
    }
}

/// The admin session cookie's value, when the request carries a valid one (the console's CSRF
/// token is made from it).
pub fn admin_session<'a>(state: &State, headers: &'a HeaderMap) -> Option<&'a str> {
    cookie(headers, SESSION_COOKIE)
        .filter(|v| state.signer.open_session(v, now_millis()) == Some(Role::Admin))
}

/// The API's answer when the request has no right bearer token (what only the token may do,
/// such as `/metrics` on the main listener).
pub fn deny_without_token(state: &State, headers: &HeaderMap) -> Option<Resp> {
    match bearer(headers) {
        None => Some(unauthorized(
            "missing upload token: send `Authorization: Bearer <token>` (the token is printed when the server starts)",
        )),
        Some(t) if constant_time_eq(t.as_bytes(), state.config.upload_token.as_bytes()) => None,
        Some(_) => Some(unauthorized("wrong upload token")),
    }
}

/// `401` with the bearer challenge.
pub fn unauthorized(msg: &str) -> Resp {
    let mut r = response::error(StatusCode::UNAUTHORIZED, msg);
    r.headers_mut().insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"otadrop\""),
    );
    r
}

/// The value of cookie `name`, if the request has it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
}

/// A `Set-Cookie` value: `HttpOnly; SameSite=Lax`, `Secure` unless the server is a local
/// plain-HTTP development one. `max_age` zero deletes the cookie.
pub fn set_cookie(state: &State, name: &str, value: &str, path: &str, max_age: u64) -> String {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly{secure}; SameSite=Lax")
}

/// The path part of the public URL (cookies must be scoped under it), without a trailing slash.
pub fn base_path(state: &State) -> &str {
    let s = state.config.public_url.as_str();
    let rest = s.split_once("://").map_or(s, |(_, r)| r);
    rest.find('/').map_or("", |i| &rest[i..])
}

/// `429` with `Retry-After`, as an HTML page in the visitor's language.
pub fn too_many(_state: &State, wait: Duration) -> Resp {
    let secs = wait.as_secs().max(1);
    let mut r = response::error_said(
        StatusCode::TOO_MANY_REQUESTS,
        crate::page::Msg::new("error-too-many")
            .arg("seconds", i64::try_from(secs).unwrap_or(i64::MAX)),
    );
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        r.headers_mut().insert(RETRY_AFTER, v);
    }
    r
}

/// Compares secrets without an early exit on the first differing byte.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE,
            HeaderValue::from_static("a=1; otadrop_session=xyz; b=2"),
        );
        h.append(COOKIE, HeaderValue::from_static("c=3"));
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("xyz"));
        assert_eq!(cookie(&h, "c"), Some("3"));
        assert_eq!(cookie(&h, "otadrop"), None);
    }
}
