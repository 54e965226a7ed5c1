//! Landing pages, the front page and static assets. A release page depends only on the
//! release, the flavor, the detected visitor, the day (dates shown relative to today) and
//! which of the build's expiry instants have passed, so each is rendered
//! once and then served from memory as shared `Bytes`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use bytes::Bytes;
use http::header::{HeaderValue, CACHE_CONTROL, USER_AGENT, VARY};
use http::{Request, StatusCode};
use hyper::body::Incoming;

use super::files::{self, Representation, Source};
use super::install::Generated;
use super::response::{self, Resp};
use super::{auth, security_headers, State};
use crate::client::{self, Visitor};
use crate::page::{self, Flavor, ReleaseContext};
use crate::store::{Release, ReleaseId};

const HTML: &str = "text/html; charset=utf-8";
/// Most distinct pages kept; past it the cache starts over (a page is cheap to render again).
const MAX_CACHED: usize = 8192;

/// Release, flavor, visitor, day, and how many of the build's expiry instants have passed
/// (so a profile that expires at 14:00 stops being offered at 14:00, not the next day).
type Key = (ReleaseId, Flavor, Visitor, i64, u8);

fn expiries_passed(release: &Release, now: time::OffsetDateTime) -> u8 {
    release.app.profile.as_ref().map_or(0, |p| {
        [p.expires, p.certificate_expires]
            .iter()
            .filter(|t| t.is_some_and(|t| t <= now))
            .count() as u8
    })
}

type Rendered = Arc<Generated>;

#[derive(Default)]
pub struct PageCache(Mutex<HashMap<Key, Rendered>>);

impl PageCache {
    fn get_or_render(&self, key: Key, render: impl FnOnce() -> String) -> Rendered {
        if let Some(hit) = self.lock().get(&key) {
            return hit.clone();
        }
        let rendered = Arc::new(Generated::new(Bytes::from(render())));
        let mut map = self.lock();
        if map.len() >= MAX_CACHED {
            map.clear();
        }
        map.insert(key, rendered.clone());
        rendered
    }

    /// Drops the pages of a deleted release.
    pub fn forget(&self, id: &ReleaseId) {
        self.lock().retain(|k, _| &k.0 != id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Rendered>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn visitor(req: &Request<Incoming>) -> Visitor {
    let ua = req
        .headers()
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    client::detect(ua)
}

async fn send_page(
    req: &Request<Incoming>,
    page: Rendered,
    flavor: Flavor,
    last_modified: SystemTime,
    cache_control: &'static str,
) -> Resp {
    let rep = Representation {
        etag: page.etag.clone(),
        last_modified,
        content_type: HTML,
        cache_control,
    };
    let source = Source::Variants(&page.variants);
    let mut r = files::serve(req.method(), req.headers(), &rep, source, None).await;
    r.headers_mut()
        .append(VARY, HeaderValue::from_static("User-Agent"));
    security_headers::apply_page(r.headers_mut(), flavor);
    r
}

async fn release_page(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: &Release,
    flavor: Flavor,
) -> Resp {
    let visitor = visitor(req);
    let now = time::OffsetDateTime::now_utc();
    let day = now.unix_timestamp().div_euclid(86_400);
    let page = state.pages.get_or_render(
        (
            release.id.clone(),
            flavor,
            visitor,
            day,
            expiries_passed(release, now),
        ),
        || {
            let urls = state.config.public_url.release(&release.id);
            let ctx = ReleaseContext {
                release,
                urls: &urls,
                site: &state.site,
                visitor,
                now,
            };
            page::release_page(&ctx, flavor)
        },
    );
    send_page(
        req,
        page,
        flavor,
        SystemTime::from(release.created),
        "no-cache",
    )
    .await
}

/// A release page seen through a share link: its URLs are the link's, and how it may be
/// cached is the link's to say. Rendered per request (a password link's page carries a fresh
/// install grant).
pub async fn shared_release(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: &Release,
    urls: &crate::urls::ReleaseUrls,
    flavor: Flavor,
    cache_control: &'static str,
) -> Resp {
    let ctx = ReleaseContext {
        release,
        urls,
        site: &state.site,
        visitor: visitor(req),
        now: time::OffsetDateTime::now_utc(),
    };
    let page = Arc::new(Generated::new(Bytes::from(page::release_page(
        &ctx, flavor,
    ))));
    send_page(
        req,
        page,
        flavor,
        SystemTime::from(release.created),
        cache_control,
    )
    .await
}

pub async fn release(
    state: &Arc<State>,
    req: &Request<Incoming>,
    id: &ReleaseId,
    flavor: Flavor,
) -> Resp {
    match state.store.get(id) {
        Some(r) => release_page(state, req, &r, flavor).await,
        None => not_found(state, req),
    }
}

/// The stable URL of an app: its newest release's page. Only for those who may list apps;
/// everyone else gets the same 404 as for an unknown app.
pub async fn app(
    state: &Arc<State>,
    req: &Request<Incoming>,
    bundle: &str,
    flavor: Flavor,
) -> Resp {
    if !auth::access(state, req.headers()).can_list(state) {
        return not_found(state, req);
    }
    let bundle = percent_encoding::percent_decode_str(bundle).decode_utf8_lossy();
    match state.store.latest(&bundle) {
        Some(r) => release_page(state, req, &r, flavor).await,
        None => not_found(state, req),
    }
}

/// The front page: every app for those who may list them, else the sign-in form.
pub fn index(state: &Arc<State>, req: &Request<Incoming>) -> Resp {
    let access = auth::access(state, req.headers());
    if !access.can_list(state) {
        return super::sign_in::form(state, StatusCode::OK, None);
    }
    let apps = state.store.apps();
    let html = page::index_page(&apps, &state.site, access > auth::Access::Anonymous);
    let mut r = response::with_type(StatusCode::OK, HTML, html);
    let cache = if state.config.public_index {
        "no-cache"
    } else {
        "private, no-store"
    };
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

/// How to trust this server's CA on an iPhone.
pub fn ca(state: &State, _req: &Request<Incoming>) -> Resp {
    if state.local_ca.is_none() {
        let html = page::error_page(
            404,
            "This server uses a real certificate: there is nothing to install.",
            &state.site,
        );
        return response::with_type(StatusCode::NOT_FOUND, HTML, html);
    }
    let mut r = response::with_type(StatusCode::OK, HTML, page::ca_page(&state.site));
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

pub fn not_found(state: &State, _req: &Request<Incoming>) -> Resp {
    error_page(
        state,
        StatusCode::NOT_FOUND,
        "Nothing here. The link may be mistyped, or the release was deleted.",
    )
}

/// The HTML error page for `status`, never stored by caches.
pub fn error_page(state: &State, status: StatusCode, message: &str) -> Resp {
    let html = page::error_page(status.as_u16(), message, &state.site);
    let mut r = response::with_type(status, HTML, html);
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

/// An HTML page made elsewhere (forms), with the page headers.
pub fn html(status: StatusCode, html: String, cache_control: &'static str) -> Resp {
    let mut r = response::with_type(status, HTML, html);
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(cache_control));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

/// The static files with their compressed variants, made on first use.
fn static_files() -> &'static [(&'static str, &'static str, Generated)] {
    static FILES: OnceLock<Vec<(&'static str, &'static str, Generated)>> = OnceLock::new();
    FILES.get_or_init(|| {
        page::STATIC_ASSETS
            .iter()
            .map(|(name, content_type, bytes)| {
                (
                    *name,
                    *content_type,
                    Generated::new(Bytes::from_static(bytes)),
                )
            })
            .collect()
    })
}

pub async fn static_asset(req: &Request<Incoming>, name: &str) -> Resp {
    let Some((_, content_type, file)) = static_files().iter().find(|(n, _, _)| *n == name) else {
        return response::error(StatusCode::NOT_FOUND, "no such static file");
    };
    let rep = Representation {
        etag: file.etag.clone(),
        last_modified: SystemTime::UNIX_EPOCH,
        content_type,
        cache_control: "public, max-age=3600",
    };
    let source = Source::Variants(&file.variants);
    files::serve(req.method(), req.headers(), &rep, source, None).await
}
