//! The console at `/console` (the admin's web page for uploads, builds and share links) and
//! the QR code image of a release's page that its upload result shows. Only for the admin:
//! anyone else gets the sign-in form, which brings them back here.

use std::sync::Arc;

use http::header::{HeaderValue, CACHE_CONTROL, VARY};
use http::{Request, StatusCode};
use hyper::body::Incoming;

use super::pages::Asked;
use super::response::{self, Resp};
use super::sign_in::{self, Next};
use super::{auth, csrf, pages, State};
use crate::page;
use crate::store::ReleaseId;

/// `GET /console`: the console for the admin, else the sign-in form (with a word for a
/// signed-in viewer, who needs the admin token here).
pub fn page(state: &Arc<State>, req: &Request<Incoming>) -> Resp {
    let headers = req.headers();
    let refused = match auth::access(state, headers) {
        auth::Access::Admin => None,
        auth::Access::Viewer => Some((StatusCode::FORBIDDEN, Some("sign-in-admin-needed"))),
        auth::Access::Anonymous => Some((StatusCode::OK, None)),
    };
    if let Some((status, error)) = refused {
        let asked = Asked::of(state, req);
        return sign_in::form_to(state, asked, "/console", status, error, Next::Console);
    }
    // A bearer-token visit has no session and so no CSRF token: it sees the lists, and the
    // script's changes are refused (browsers sign in instead).
    let csrf = auth::admin_session(state, headers)
        .map(|s| csrf::token(state, s))
        .unwrap_or_default();
    let releases = state.store.list();
    let links: Vec<_> = state
        .links
        .list()
        .into_iter()
        .map(|l| {
            let url = state
                .config
                .public_url
                .share(&state.signer.link_token(&l.id, l.expires_ms));
            (l, url)
        })
        .collect();
    let view = page::console::console_view(
        &releases,
        |id| state.installs.report(id),
        &links,
        time::OffsetDateTime::now_utc(),
    );
    let refusal = super::upload::UploadError::TooLarge(state.config.max_upload).to_string();
    let limit = page::console::UploadLimit {
        bytes: state.config.max_upload,
        refusal: &refusal,
    };
    let html =
        page::console::console_page(&view, &state.site, pages::lang(state, req), &csrf, &limit);
    let mut r = pages::form_page(StatusCode::OK, html, "private, no-store");
    r.headers_mut()
        .append(VARY, HeaderValue::from_static("Cookie"));
    r
}

/// `GET /console/qr/<id>.svg`: the QR code of a release's page URL as an SVG image (admin
/// only: the page URL is the capability to install).
pub fn qr(state: &State, req: &Request<Incoming>, file: &str) -> Resp {
    if let Some(denied) = auth::deny_unless_admin(state, req.headers(), req.method()) {
        return denied;
    }
    let Some(id) = file.strip_suffix(".svg").and_then(ReleaseId::parse) else {
        return response::error(StatusCode::NOT_FOUND, "no release with that id");
    };
    if state.store.get(&id).is_none() {
        return response::error(StatusCode::NOT_FOUND, "no release with that id");
    }
    let url = state.config.public_url.release(&id).page;
    let Some(svg) = page::qr::encode(&url) else {
        return response::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the URL does not fit a QR code",
        );
    };
    // As a document of its own the SVG needs its namespace.
    let svg = svg.replacen("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 1);
    let mut r = response::with_type(StatusCode::OK, "image/svg+xml", svg);
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    r
}
