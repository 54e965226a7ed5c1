//! Signing in and out. The form takes the admin token (an admin session) or the viewer
//! password (a viewer session); the answer sets a signed, expiring session cookie and sends
//! the browser back to the front page. Failed tries are limited per client.

use std::net::SocketAddr;
use std::sync::Arc;

use http::header::{HeaderValue, LOCATION, SET_COOKIE};
use http::{Request, StatusCode};
use hyper::body::Incoming;

use super::auth::{self, SESSION_COOKIE, SESSION_LIFETIME};
use super::pages::Asked;
use super::response::Resp;
use super::{form, pages, State};
use crate::access::{now_millis, Role};
use crate::page;

/// Where a successful sign-in leads: the front page, or back to the console. A fixed choice,
/// never a URL from the request (no open redirect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Home,
    Console,
}

impl Next {
    /// The form field's value (`None`: the front page).
    fn field(self) -> Option<&'static str> {
        match self {
            Next::Home => None,
            Next::Console => Some("console"),
        }
    }

    fn parse(field: Option<&str>) -> Next {
        match field {
            Some("console") => Next::Console,
            _ => Next::Home,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Next::Home => "/",
            Next::Console => "/console",
        }
    }
}

/// The sign-in page at `path` (`/` or `/sign-in`) with `status` and an optional error line
/// (a message id), in the language `asked`.
pub fn form(
    state: &State,
    asked: Asked,
    path: &str,
    status: StatusCode,
    error: Option<&str>,
) -> Resp {
    form_to(state, asked, path, status, error, Next::Home)
}

/// The sign-in page that leads to `next` once signed in.
pub fn form_to(
    state: &State,
    asked: Asked,
    path: &str,
    status: StatusCode,
    error: Option<&str>,
    next: Next,
) -> Resp {
    let url = state.config.public_url.join(path);
    let action = asked.keep(&state.config.public_url.join("/sign-in"));
    let mut f = asked.form(&url, &action, error);
    f.next = next.field();
    let html = page::forms::sign_in(&state.site, state.config.viewer_password.is_some(), &f);
    pages::form_page(status, html, "no-store")
}

pub async fn submit(state: &Arc<State>, req: Request<Incoming>, peer: SocketAddr) -> Resp {
    let key = auth::client_key(peer);
    if let Some(wait) = state.limits.sign_in.blocked(&key) {
        return auth::too_many(state, wait);
    }
    let asked = Asked::of(state, &req);
    let body = match form::read(state, req.into_body()).await {
        Ok(b) => b,
        Err(e) => return e.response(),
    };
    let next = Next::parse(form::field(&body, "next").as_deref());
    let secret = form::field(&body, "secret").unwrap_or_default();
    let secret = secret.trim();
    let role = if auth::constant_time_eq(secret.as_bytes(), state.config.upload_token.as_bytes()) {
        Some(Role::Admin)
    } else {
        state
            .config
            .viewer_password
            .as_deref()
            .filter(|p| auth::constant_time_eq(secret.as_bytes(), p.as_bytes()))
            .map(|_| Role::Viewer)
    };
    let Some(role) = role else {
        state.limits.sign_in.failed(&key);
        tracing::info!(%peer, "failed sign-in");
        return form_to(
            state,
            asked,
            "/sign-in",
            StatusCode::UNAUTHORIZED,
            Some("sign-in-wrong"),
            next,
        );
    };
    let lifetime = SESSION_LIFETIME.as_secs();
    let value = state.signer.session(role, now_millis() + lifetime * 1000);
    redirect(
        state,
        asked,
        next,
        &auth::set_cookie(state, SESSION_COOKIE, &value, &cookie_path(state), lifetime),
    )
}

/// Clears the session cookie.
pub fn sign_out(state: &State, asked: Asked) -> Resp {
    redirect(
        state,
        asked,
        Next::Home,
        &auth::set_cookie(state, SESSION_COOKIE, "", &cookie_path(state), 0),
    )
}

fn cookie_path(state: &State) -> String {
    format!("{}/", auth::base_path(state))
}

/// `303 See Other` to `next` (in the language the visitor chose, if any), setting `cookie`.
fn redirect(state: &State, asked: Asked, next: Next, cookie: &str) -> Resp {
    let mut r = super::response::empty(StatusCode::SEE_OTHER);
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&asked.keep(&state.config.public_url.join(next.path()))) {
        h.insert(LOCATION, v);
    }
    if let Ok(v) = HeaderValue::from_str(cookie) {
        h.insert(SET_COOKIE, v);
    }
    h.insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    r
}
