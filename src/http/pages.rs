//! Landing pages, the front page and static assets. A release page depends only on the
//! release, the flavor, the detected visitor, the day (dates shown relative to today) and
//! which of the build's expiry instants have passed, so each is rendered
//! once and then served from memory as shared `Bytes`.

use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use http::header::{HeaderValue, CACHE_CONTROL, USER_AGENT, VARY};
use http::{Request, StatusCode};
use hyper::body::Incoming;

use super::cache::ReleaseKey;
use super::cacheability::{Cacheability, PUBLIC_AMP_PAGE};
use super::files::{self, Representation, Source};
use super::install::Generated;
use super::response::{self, Resp};
use super::{security_headers, State};
use crate::client::{self, Visitor};
use crate::page::{self, Flavor, ReleaseContext};
use crate::store::{Release, ReleaseId};

const HTML: &str = "text/html; charset=utf-8";
/// What a cached page depends on: release, flavor, visitor as far as the page's decisions
/// tell visitors apart ([`page::decision_visitor`]: not the exact iOS version), day (dates are
/// shown relative to today), and how many of the build's expiry instants have passed (so a
/// profile that expires at 14:00 stops being offered at 14:00, not the next day).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    release: ReleaseId,
    flavor: Flavor,
    visitor: Visitor,
    day: i64,
    expiries_passed: u8,
}

impl ReleaseKey for PageKey {
    fn release(&self) -> &ReleaseId {
        &self.release
    }
}

fn expiries_passed(release: &Release, now: time::OffsetDateTime) -> u8 {
    release.app.profile.as_ref().map_or(0, |p| {
        [p.expires, p.certificate_expires]
            .iter()
            .filter(|t| t.is_some_and(|t| t <= now))
            .count() as u8
    })
}

type Rendered = Arc<Generated>;

fn visitor(req: &Request<Incoming>) -> Visitor {
    let ua = req
        .headers()
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    client::detect(ua)
}

/// Pages carry no `Last-Modified`: their text changes with the day and at expiry instants,
/// not when the release was made, so only the ETag (a hash of the bytes) validates them.
async fn send_page(req: &Request<Incoming>, page: Rendered, flavor: Flavor) -> Resp {
    let rep = Representation {
        etag: page.etag.clone(),
        last_modified: None,
        content_type: HTML,
        cache_control: "no-cache",
    };
    let source = Source::Variants(&page.variants);
    let mut r = files::serve(req.method(), req.headers(), &rep, source, None).await;
    match flavor {
        // Rendered for this visitor: nobody else may be served this copy.
        Flavor::Plain => {
            r.headers_mut()
                .append(VARY, HeaderValue::from_static("User-Agent"));
        }
        // One document for everyone, which AMP caches may keep.
        Flavor::Amp => amp_cacheability().apply(r.headers_mut()),
    }
    security_headers::apply_page(r.headers_mut(), flavor);
    r
}

/// How an AMP page may be cached. Every AMP page is public today; one behind a password or an
/// expiring link must answer [`Cacheability::Private`] so that no AMP cache keeps it.
fn amp_cacheability() -> Cacheability {
    PUBLIC_AMP_PAGE
}

/// A release page: from the cache at once, or rendered (and compressed) on the blocking pool,
/// at most [`super::State::renders`] at a time, so that rendering never holds up the async
/// workers that answer `/healthz`, cached pages and downloads.
async fn release_page(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: Arc<Release>,
    flavor: Flavor,
) -> Resp {
    // The AMP document is the same for every visitor: one cache entry, whoever asks.
    let visitor = match flavor {
        Flavor::Plain => page::decision_visitor(&release, visitor(req)),
        Flavor::Amp => page::AMP_VISITOR,
    };
    let now = time::OffsetDateTime::now_utc();
    let day = now.unix_timestamp().div_euclid(86_400);
    let key = PageKey {
        release: release.id.clone(),
        flavor,
        visitor,
        day,
        expiries_passed: expiries_passed(&release, now),
    };
    if let Some(page) = state.pages.get(&key) {
        return send_page(req, page, flavor).await;
    }
    let Ok(_permit) = state.renders.acquire().await else {
        return response::error(StatusCode::SERVICE_UNAVAILABLE, "shutting down");
    };
    let s = state.clone();
    let made = tokio::task::spawn_blocking(move || {
        s.pages.get_or_make(key, || {
            s.metrics.page_rendered();
            let urls = s.config.public_url.release(&release.id);
            let qr = qr_svg(&s, &release);
            let ctx = ReleaseContext {
                release: &release,
                urls: &urls,
                site: &s.site,
                visitor,
                now,
                qr_svg: qr.as_deref(),
            };
            Arc::new(Generated::on_demand(Bytes::from(page::release_page(
                &ctx, flavor,
            ))))
        })
    })
    .await;
    match made {
        Ok(page) => send_page(req, page, flavor).await,
        Err(e) => {
            tracing::error!(error = %e, "page rendering failed");
            response::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be rendered",
            )
        }
    }
}

/// The QR code of a release's page URL, encoded once per release.
fn qr_svg(state: &State, release: &Release) -> Option<Arc<str>> {
    let made = state.qr.get_or_make(release.id.clone(), || {
        let url = state.config.public_url.release(&release.id).page;
        Arc::from(page::qr::encode(&url).unwrap_or_default())
    });
    (!made.is_empty()).then_some(made)
}

pub async fn release(
    state: &Arc<State>,
    req: &Request<Incoming>,
    id: &ReleaseId,
    flavor: Flavor,
) -> Resp {
    match state.store.get(id) {
        Some(r) => release_page(state, req, r, flavor).await,
        None => not_found(state, req),
    }
}

/// The stable URL of an app: its newest release's page.
pub async fn app(
    state: &Arc<State>,
    req: &Request<Incoming>,
    bundle: &str,
    flavor: Flavor,
) -> Resp {
    let bundle = percent_encoding::percent_decode_str(bundle).decode_utf8_lossy();
    match state.store.latest(&bundle) {
        Some(r) => release_page(state, req, r, flavor).await,
        None => not_found(state, req),
    }
}

pub fn index(state: &Arc<State>, _req: &Request<Incoming>) -> Resp {
    let apps = state.store.apps();
    let html = page::index_page(&apps, &state.site);
    let mut r = response::with_type(StatusCode::OK, HTML, html);
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

/// How to trust this server's CA on an iPhone.
pub fn ca(state: &State, _req: &Request<Incoming>) -> Resp {
    if state.local_ca.is_none() {
        return response::error(
            StatusCode::NOT_FOUND,
            "This server uses a real certificate: there is nothing to install.",
        );
    }
    let mut r = response::with_type(StatusCode::OK, HTML, page::ca_page(&state.site));
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

/// The 404 of every page path (its words are [`super::errors::NOT_FOUND_PAGE`]).
pub fn not_found(_state: &State, _req: &Request<Incoming>) -> Resp {
    response::error(StatusCode::NOT_FOUND, super::errors::NOT_FOUND_PAGE)
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
        // Built into the binary, with no date of their own; the ETag validates them.
        last_modified: None,
        content_type,
        cache_control: "public, max-age=3600",
    };
    let source = Source::Variants(&file.variants);
    files::serve(req.method(), req.headers(), &rep, source, None).await
}
