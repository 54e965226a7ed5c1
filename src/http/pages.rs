//! Landing pages, the front page and static assets. A release page depends only on the
//! release, the flavor, the detected visitor, the language, the day (dates shown relative to
//! today) and which of the build's expiry instants have passed, so each is rendered once and
//! then served from memory as shared `Bytes`.
//!
//! Plain pages speak the visitor's language (`?lang=`, else `Accept-Language`, else the
//! server's `--lang`) and say `Vary: Accept-Language`; an AMP page's language is in its URL, so
//! each is one document for every visitor of that language.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use bytes::Bytes;
use http::header::{HeaderValue, ACCEPT_LANGUAGE, CACHE_CONTROL, USER_AGENT, VARY};
use http::{Request, StatusCode};
use hyper::body::Incoming;

use super::files::{self, Representation, Source};
use super::install::Generated;
use super::response::{self, Resp};
use super::{security_headers, State};
use crate::client::{self, Visitor};
use crate::i18n::{self, Lang};
use crate::page::{self, Flavor, ReleaseContext};
use crate::store::{Release, ReleaseId};

const HTML: &str = "text/html; charset=utf-8";
/// Most distinct pages kept; past it the cache starts over (a page is cheap to render again).
const MAX_CACHED: usize = 8192;

/// Release, flavor, visitor, language, day, and how many of the build's expiry instants have passed
/// (so a profile that expires at 14:00 stops being offered at 14:00, not the next day).
type Key = (ReleaseId, Flavor, Visitor, Lang, i64, u8);

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

/// The language of a plain page for this request.
pub fn lang(state: &State, req: &Request<Incoming>) -> Lang {
    let accept = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    i18n::negotiate(
        i18n::query_lang(req.uri().query()),
        accept,
        state.site.default_lang,
    )
}

/// Which language a page is in: negotiated (plain pages) or named by the URL (AMP pages).
#[derive(Debug, Clone, Copy)]
pub enum PageLang {
    Negotiated,
    /// `None`: the AMP URL without a language, which is the server's default language.
    InUrl(Option<Lang>),
}

/// The language a URL's last segment names (`/r/<id>/amp/ja`): exactly one of our tags.
pub fn lang_segment(segment: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.tag() == segment)
}

async fn send_page(
    req: &Request<Incoming>,
    page: Rendered,
    flavor: Flavor,
    negotiated: bool,
    last_modified: SystemTime,
) -> Resp {
    let rep = Representation {
        etag: page.etag.clone(),
        last_modified,
        content_type: HTML,
        cache_control: "no-cache",
    };
    let source = Source::Variants(&page.variants);
    let mut r = files::serve(req.method(), req.headers(), &rep, source, None).await;
    r.headers_mut()
        .append(VARY, HeaderValue::from_static("User-Agent"));
    if negotiated {
        r.headers_mut()
            .append(VARY, HeaderValue::from_static("Accept-Language"));
    }
    security_headers::apply_page(r.headers_mut(), flavor);
    r
}

async fn release_page(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: &Release,
    flavor: Flavor,
    page_lang: PageLang,
) -> Resp {
    let visitor = visitor(req);
    let lang = match page_lang {
        PageLang::Negotiated => lang(state, req),
        PageLang::InUrl(l) => l.unwrap_or(state.site.default_lang),
    };
    let now = time::OffsetDateTime::now_utc();
    let day = now.unix_timestamp().div_euclid(86_400);
    let page = state.pages.get_or_render(
        (
            release.id.clone(),
            flavor,
            visitor,
            lang,
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
                lang,
            };
            page::release_page(&ctx, flavor)
        },
    );
    let negotiated = matches!(page_lang, PageLang::Negotiated);
    send_page(
        req,
        page,
        flavor,
        negotiated,
        SystemTime::from(release.created),
    )
    .await
}

pub async fn release(
    state: &Arc<State>,
    req: &Request<Incoming>,
    id: &ReleaseId,
    flavor: Flavor,
    page_lang: PageLang,
) -> Resp {
    match state.store.get(id) {
        Some(r) => release_page(state, req, &r, flavor, page_lang).await,
        None => not_found(state, req),
    }
}

/// The stable URL of an app: its newest release's page.
pub async fn app(
    state: &Arc<State>,
    req: &Request<Incoming>,
    bundle: &str,
    flavor: Flavor,
    page_lang: PageLang,
) -> Resp {
    let bundle = percent_encoding::percent_decode_str(bundle).decode_utf8_lossy();
    match state.store.latest(&bundle) {
        Some(r) => release_page(state, req, &r, flavor, page_lang).await,
        None => not_found(state, req),
    }
}

/// `Vary: Accept-Language` and `no-cache` on a negotiated page that is not cached here.
fn negotiated_headers(r: &mut Resp) {
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r.headers_mut()
        .append(VARY, HeaderValue::from_static("Accept-Language"));
}

pub fn index(state: &Arc<State>, req: &Request<Incoming>) -> Resp {
    let apps = state.store.apps();
    let html = page::index_page(&apps, &state.site, lang(state, req));
    let mut r = response::with_type(StatusCode::OK, HTML, html);
    negotiated_headers(&mut r);
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

/// How to trust this server's CA on an iPhone.
pub fn ca(state: &State, req: &Request<Incoming>) -> Resp {
    let lang = lang(state, req);
    if state.local_ca.is_none() {
        let html = page::error_page_in(404, "error-no-ca", &state.site, lang);
        let mut r = response::with_type(StatusCode::NOT_FOUND, HTML, html);
        negotiated_headers(&mut r);
        return r;
    }
    let mut r = response::with_type(StatusCode::OK, HTML, page::ca_page(&state.site, lang));
    negotiated_headers(&mut r);
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

pub fn not_found(state: &State, req: &Request<Incoming>) -> Resp {
    let html = page::error_page_in(404, "error-not-found", &state.site, lang(state, req));
    let mut r = response::with_type(StatusCode::NOT_FOUND, HTML, html);
    r.headers_mut()
        .append(VARY, HeaderValue::from_static("Accept-Language"));
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
