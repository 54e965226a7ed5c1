//! Which handler answers which request. Paths are matched segment by segment against fixed
//! names and validated ids: no part of a URL ever becomes a file-system path, so `..` and its
//! encodings have nothing to reach.

use crate::logsafe::Clean;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use http::header::{HeaderValue, ACCEPT_LANGUAGE, ALLOW};
use http::{Method, Request, StatusCode};
use hyper::body::Incoming;

use super::body::Body;
use super::metrics::Route;
use super::pages::{is_page_version, PageVersion};
use super::response::{self, Resp};
use super::{
    api, auth, ca, console, doctor, errors, install, pages, security_headers, share, sign_in,
    visitor_json, State,
};
use crate::access::Target;
use crate::config::TlsMode;
use crate::page::Msg;
use crate::store::{Asset, ReleaseId};

/// Longest request target we look at; real ones are under 200 bytes.
const MAX_PATH: usize = 2048;

pub async fn handle(state: Arc<State>, req: Request<Incoming>, peer: SocketAddr) -> Resp {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let version = req.version();
    // Kept for an error page in the visitor's language (cheap: a shared header value, and a
    // copy of the query only when there is one).
    let accept_language = req.headers().get(ACCEPT_LANGUAGE).cloned();
    let query = req.uri().query().map(str::to_owned);
    let (route, mut resp) = route(&state, req, peer).await;
    errors::finish(&mut resp, errors::Place::of(&path), &state.site, || {
        pages::amp_lang_of_path(&path)
            .unwrap_or_else(|| pages::lang_of(&state, query.as_deref(), accept_language.as_ref()))
    });
    state.metrics.request(route, resp.status().as_u16());
    match resp.body_mut() {
        Body::File(f) => f.count_into(state.metrics.clone()),
        other => state
            .metrics
            .bytes_sent(http_body::Body::size_hint(other).exact().unwrap_or(0)),
    }
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
        path = %Clean(truncate(&redact(&path), 200)),
        ?version,
        status = resp.status().as_u16(),
        bytes,
        micros = started.elapsed().as_micros() as u64,
    );
    resp
}

/// A share link's token and grant are capabilities: the access log keeps only their first
/// characters (`/s/AbCdEf…/GhIjKl…/app.ipa`), enough to tell links apart.
fn redact(path: &str) -> std::borrow::Cow<'_, str> {
    let Some(rest) = path.strip_prefix("/s/") else {
        return std::borrow::Cow::Borrowed(path);
    };
    let parts: Vec<&str> = rest.split('/').collect();
    let last = parts.len() - 1;
    let shown: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let secret = i == 0 || (i < last && i == 1);
            match p.char_indices().nth(6) {
                Some((at, _)) if secret => format!("{}…", &p[..at]),
                _ => (*p).to_string(),
            }
        })
        .collect();
    std::borrow::Cow::Owned(format!("/s/{}", shown.join("/")))
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

async fn route(state: &Arc<State>, req: Request<Incoming>, peer: SocketAddr) -> (Route, Resp) {
    let path = req.uri().path();
    // The whole request target counts, query included (README: over 2 KiB gets 414).
    let target = req
        .uri()
        .path_and_query()
        .map_or(path.len(), |pq| pq.as_str().len());
    if target > MAX_PATH {
        let r = response::error_page(
            StatusCode::URI_TOO_LONG,
            "the request target is too long",
            Msg::new("error-uri-too-long"),
        );
        return (Route::Other, r);
    }
    let trimmed = path.trim_start_matches('/');
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    // No route has more than four segments: five tell every route apart (a longer path
    // matches none, as before), without allocating per request.
    let mut buf = [""; 5];
    let mut n = 0;
    for (slot, part) in buf.iter_mut().zip(trimmed.split('/')) {
        *slot = part;
        n += 1;
    }
    let segs = &buf[..n];
    let m = req.method().clone();
    let read = m == Method::GET || m == Method::HEAD;
    let id = |s: &str| ReleaseId::parse(s);

    match segs {
        [""] if read => (Route::Index, pages::index(state, &req)),
        ["healthz"] if read => (Route::Health, response::text(StatusCode::OK, "ok\n")),
        ["metrics"] if read => (Route::Metrics, metrics(state, &req)),
        ["sign-in"] if read => {
            let asked = pages::Asked::of(state, &req);
            let r = sign_in::form(state, asked, "/sign-in", StatusCode::OK, None);
            (Route::SignIn, r)
        }
        ["sign-in"] if m == Method::POST => {
            (Route::SignIn, sign_in::submit(state, req, peer).await)
        }
        ["sign-out"] if m == Method::POST => (
            Route::SignIn,
            sign_in::sign_out(state, pages::Asked::of(state, &req)),
        ),
        ["console"] if read => (Route::Console, console::page(state, &req)),
        ["console", "qr", file] if read => (Route::Console, console::qr(state, &req, file)),
        ["s", token, rest @ ..] if read && is_page_version(rest) => (
            Route::SharePage,
            match PageVersion::parse(rest) {
                Some(version) => share::page(state, &req, token, version).await,
                None => pages::not_found(state, &req),
            },
        ),
        ["s", token] if m == Method::POST => {
            let token = token.to_string();
            (
                Route::SharePage,
                share::unlock(state, req, peer, &token).await,
            )
        }
        ["s", token, "visitor.json"] => {
            (Route::AmpVisitor, share::visitor(state, &req, token).await)
        }
        ["s", token, name] if read => match share::File::parse(name) {
            Some(f) => (
                Route::ShareFile,
                share::file(state, &req, token, None, f).await,
            ),
            None => (Route::Other, pages::not_found(state, &req)),
        },
        ["s", token, grant, name] if read => match share::File::parse(name) {
            Some(f) => (
                Route::ShareFile,
                share::file(state, &req, token, Some(grant), f).await,
            ),
            None => (Route::Other, pages::not_found(state, &req)),
        },
        ["static", name] if read => (Route::Static, pages::static_asset(&req, name).await),
        ["ca.crt"] if read => (
            Route::Ca,
            ca::serve(state, &req, ca::What::Certificate).await,
        ),
        ["ca.mobileconfig"] if read => (Route::Ca, ca::serve(state, &req, ca::What::Profile).await),
        ["ca"] if read => (Route::Ca, pages::ca(state, &req)),
        ["doctor"] if read => (Route::Doctor, doctor::form(state, &req).await),
        ["r", rid, rest @ ..] if read && is_page_version(rest) => {
            let route = if rest.is_empty() {
                Route::Page
            } else {
                Route::AmpPage
            };
            match (id(rid), PageVersion::parse(rest)) {
                (Some(rid), Some(version)) => {
                    (route, pages::release(state, &req, &rid, version).await)
                }
                _ => (route, pages::not_found(state, &req)),
            }
        }
        ["r", rid, "visitor.json"] => (
            Route::AmpVisitor,
            visitor_json::visitor(state, &req, id(rid)),
        ),
        ["r", rid, file] if read => {
            let (route, asset) = match *file {
                "manifest.plist" => (Route::Manifest, None),
                "app.ipa" => (Route::Ipa, Some(Asset::Ipa)),
                "icon.png" => (Route::Icon, Some(Asset::Icon)),
                "icon-57.png" => (Route::Icon, Some(Asset::IconSmall)),
                "icon-512.png" => (Route::Icon, Some(Asset::IconLarge)),
                "icon-dark.png" => (Route::Icon, Some(Asset::IconDark)),
                _ => return (Route::Other, pages::not_found(state, &req)),
            };
            let Some(rid) = id(rid) else {
                return (route, pages::not_found(state, &req));
            };
            let r = match asset {
                None => install::manifest(state, &req, &rid).await,
                Some(a) => install::asset(state, &req, &rid, a).await,
            };
            (route, r)
        }
        ["apps", bundle, rest @ ..] if read && is_page_version(rest) => (
            Route::AppPage,
            match PageVersion::parse(rest) {
                Some(version) => pages::app(state, &req, bundle, version).await,
                None => pages::not_found(state, &req),
            },
        ),
        ["api", "releases"] => match m {
            Method::GET | Method::HEAD => (Route::ApiList, api::list(state, &req)),
            Method::POST => (Route::ApiUpload, api::create(state, req).await),
            _ => (Route::ApiList, not_allowed("GET, HEAD, POST")),
        },
        ["api", "releases", rid] => match (m, id(rid)) {
            (_, None) => (
                Route::ApiGet,
                response::error(StatusCode::NOT_FOUND, "no release with that id"),
            ),
            (Method::GET | Method::HEAD, Some(rid)) => (Route::ApiGet, api::get(state, &req, &rid)),
            (Method::DELETE, Some(rid)) => (Route::ApiDelete, api::delete(state, &req, &rid).await),
            (Method::PATCH, Some(rid)) => (Route::ApiEdit, api::edit(state, req, &rid).await),
            _ => (Route::ApiGet, not_allowed("GET, HEAD, PATCH, DELETE")),
        },
        ["api", "releases", rid, "installs"] => match (read, id(rid)) {
            (false, _) => (Route::ApiGet, not_allowed("GET, HEAD")),
            (true, None) => (
                Route::ApiGet,
                response::error(StatusCode::NOT_FOUND, "no release with that id"),
            ),
            (true, Some(rid)) => (Route::ApiGet, api::installs(state, &req, &rid)),
        },
        ["api", "apps", bundle, "releases"] => match read {
            true => (Route::ApiList, api::app_releases(state, &req, bundle)),
            false => (Route::ApiList, not_allowed("GET, HEAD")),
        },
        ["api", "releases", rid, "links"] => match (m, id(rid)) {
            (Method::POST, Some(rid)) => (
                Route::ApiLinks,
                share::create(state, req, Target::Release(rid)).await,
            ),
            (Method::POST, None) => (
                Route::ApiLinks,
                response::error(StatusCode::NOT_FOUND, "no release with that id"),
            ),
            _ => (Route::ApiLinks, not_allowed("POST")),
        },
        ["api", "apps", bundle, "links"] => match m {
            Method::POST => {
                let bundle = percent_encoding::percent_decode_str(bundle)
                    .decode_utf8_lossy()
                    .into_owned();
                // `?channel=NAME`: the link follows that channel's newest build.
                let target = match api::channel_query(req.uri().query()) {
                    Ok(None) => Target::App(bundle),
                    Ok(Some(channel)) => Target::Channel {
                        app: bundle,
                        channel,
                    },
                    Err(e) => {
                        return (
                            Route::ApiLinks,
                            response::error(StatusCode::BAD_REQUEST, &e.to_string()),
                        )
                    }
                };
                (Route::ApiLinks, share::create(state, req, target).await)
            }
            _ => (Route::ApiLinks, not_allowed("POST")),
        },
        ["api", "links"] => match m {
            Method::GET | Method::HEAD => (Route::ApiLinks, share::list(state, &req)),
            _ => (Route::ApiLinks, not_allowed("GET, HEAD")),
        },
        ["api", "links", link] => match m {
            Method::DELETE => (Route::ApiLinks, share::revoke(state, &req, link).await),
            _ => (Route::ApiLinks, not_allowed("DELETE")),
        },
        ["api", ..] => (
            Route::Other,
            response::error(StatusCode::NOT_FOUND, "no such API endpoint"),
        ),
        _ if !read => (Route::Other, not_allowed("GET, HEAD")),
        _ => (Route::Other, pages::not_found(state, &req)),
    }
}

/// `/metrics` on the main listener needs the admin token (`--metrics-listen` serves it openly
/// on an address of its own).
fn metrics<B>(state: &State, req: &Request<B>) -> Resp {
    if let Some(denied) = auth::deny_without_token(state, req.headers()) {
        return denied;
    }
    metrics_text(state)
}

pub(super) fn metrics_text(state: &State) -> Resp {
    let mut text = state
        .metrics
        .render(state.store.len(), state.store.skipped());
    state.webhooks.render_metrics(&mut text);
    response::with_type(
        StatusCode::OK,
        "text/plain; version=0.0.4; charset=utf-8",
        text,
    )
}

fn not_allowed(allow: &'static str) -> Resp {
    let mut r = response::error_page(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("method not allowed here; allowed: {allow}"),
        Msg::new("error-method-not-allowed"),
    );
    r.headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    r
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn share_tokens_and_grants_are_cut_in_the_log() {
        for (path, logged) in [
            ("/r/abc/app.ipa", "/r/abc/app.ipa"),
            ("/s/ABCDEFGHIJ", "/s/ABCDEF…"),
            ("/s/ABCDEFGHIJ/amp", "/s/ABCDEF…/amp"),
            (
                "/s/ABCDEFGHIJ/KLMNOPQRST/app.ipa",
                "/s/ABCDEF…/KLMNOP…/app.ipa",
            ),
            ("/s/", "/s/"),
        ] {
            assert_eq!(redact(path), logged);
        }
    }
}
