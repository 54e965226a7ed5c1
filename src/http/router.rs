//! Which handler answers which request. Paths are matched segment by segment against fixed
//! names and validated ids: no part of a URL ever becomes a file-system path, so `..` and its
//! encodings have nothing to reach.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use http::header::{HeaderValue, ALLOW};
use http::{Method, Request, StatusCode};
use hyper::body::Incoming;

use super::response::{self, Resp};
use super::{api, install, pages, security_headers, State};
use crate::config::TlsMode;
use crate::page::Flavor;
use crate::store::{Asset, ReleaseId};

/// Longest request target we look at; real ones are under 200 bytes.
const MAX_PATH: usize = 2048;

pub async fn handle(state: Arc<State>, req: Request<Incoming>, peer: SocketAddr) -> Resp {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let version = req.version();
    let mut resp = route(&state, req).await;
    let h = resp.headers_mut();
    security_headers::apply_common(h);
    if matches!(state.config.tls, TlsMode::Files { .. }) {
        security_headers::apply_hsts(h);
    }
    let bytes = http_body::Body::size_hint(resp.body()).exact().unwrap_or(0);
    tracing::info!(
        target: "otadrop::access",
        %peer,
        %method,
        path = %truncate(&path, 200),
        ?version,
        status = resp.status().as_u16(),
        bytes,
        micros = started.elapsed().as_micros() as u64,
    );
    resp
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

async fn route(state: &Arc<State>, req: Request<Incoming>) -> Resp {
    let path = req.uri().path();
    if path.len() > MAX_PATH {
        return response::error(StatusCode::URI_TOO_LONG, "the request target is too long");
    }
    let trimmed = path.trim_start_matches('/');
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    let segs: Vec<&str> = trimmed.split('/').collect();
    let m = req.method().clone();
    let read = m == Method::GET || m == Method::HEAD;
    let id = |s: &str| ReleaseId::parse(s);

    match segs.as_slice() {
        [""] if read => pages::index(state, &req),
        ["healthz"] if read => response::text(StatusCode::OK, "ok\n"),
        ["static", name] if read => pages::static_asset(&req, name).await,
        ["r", rid] if read => match id(rid) {
            Some(rid) => pages::release(state, &req, &rid, Flavor::Plain).await,
            None => pages::not_found(state, &req),
        },
        ["r", rid, "amp"] if read => match id(rid) {
            Some(rid) => pages::release(state, &req, &rid, Flavor::Amp).await,
            None => pages::not_found(state, &req),
        },
        ["r", rid, file] if read => {
            let asset = match *file {
                "manifest.plist" => None,
                "app.ipa" => Some(Asset::Ipa),
                "icon.png" => Some(Asset::Icon),
                "icon-57.png" => Some(Asset::IconSmall),
                "icon-512.png" => Some(Asset::IconLarge),
                _ => return pages::not_found(state, &req),
            };
            let Some(rid) = id(rid) else {
                return pages::not_found(state, &req);
            };
            match asset {
                None => install::manifest(state, &req, &rid).await,
                Some(a) => install::asset(state, &req, &rid, a).await,
            }
        }
        ["apps", bundle] if read => pages::app(state, &req, bundle, Flavor::Plain).await,
        ["apps", bundle, "amp"] if read => pages::app(state, &req, bundle, Flavor::Amp).await,
        ["api", "releases"] => match m {
            Method::GET | Method::HEAD => api::list(state),
            Method::POST => api::create(state, req).await,
            _ => not_allowed("GET, HEAD, POST"),
        },
        ["api", "releases", rid] => match (m, id(rid)) {
            (_, None) => response::error(StatusCode::NOT_FOUND, "no release with that id"),
            (Method::GET | Method::HEAD, Some(rid)) => api::get(state, &rid),
            (Method::DELETE, Some(rid)) => api::delete(state, &req, &rid).await,
            _ => not_allowed("GET, HEAD, DELETE"),
        },
        ["api", ..] => response::error(StatusCode::NOT_FOUND, "no such API endpoint"),
        _ if !read => not_allowed("GET, HEAD"),
        _ => pages::not_found(state, &req),
    }
}

fn not_allowed(allow: &'static str) -> Resp {
    let mut r = response::error(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("method not allowed here; allowed: {allow}"),
    );
    r.headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    r
}
