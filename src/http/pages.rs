//! Landing pages, the front page and static assets. A release page depends only on the
//! release, the flavor, the detected visitor, the day (dates shown relative to today) and
//! which of the build's expiry instants have passed, so each is rendered
//! once and then served from memory as shared `Bytes`.

use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use http::header::{HeaderValue, ACCEPT_LANGUAGE, CACHE_CONTROL, USER_AGENT, VARY};
use http::{Request, StatusCode};
use hyper::body::Incoming;

use super::cache::ReleaseKey;
use super::cacheability::{Cacheability, PUBLIC_AMP_PAGE};
use super::files::{self, Representation, Source};
use super::install::Generated;
use super::response::{self, Resp};
use super::{auth, security_headers, State};
use crate::client::{self, Visitor};
use crate::i18n::{self, Lang};
use crate::page::{self, Flavor, ReleaseContext};
use crate::store::{Release, ReleaseId};

const HTML: &str = "text/html; charset=utf-8";
/// What a cached page depends on: release, flavor, visitor as far as the page's decisions tell
/// visitors apart ([`page::decision_visitor`]: not the exact iOS version), language, day (dates
/// are shown relative to today), and how many of the build's expiry instants have passed (so a profile that expires
/// at 14:00 stops being offered at 14:00, not the next day).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    release: ReleaseId,
    /// The share link the page is seen through (its URLs are the link's), if any.
    link: Option<crate::access::LinkId>,
    flavor: Flavor,
    visitor: Visitor,
    lang: Lang,
    day: i64,
    expiries_passed: u8,
    /// App pages only: the channel followed and a fingerprint of the earlier builds listed
    /// (their ids and edit times), so a deleted or edited earlier build makes a new page.
    app: Option<(Option<String>, u64)>,
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

/// The language of a plain page for this request.
pub fn lang(state: &State, req: &Request<Incoming>) -> Lang {
    lang_of(state, req.uri().query(), req.headers().get(ACCEPT_LANGUAGE))
}

/// The language for a request's query string and `Accept-Language` header.
pub fn lang_of(state: &State, query: Option<&str>, accept: Option<&HeaderValue>) -> Lang {
    i18n::negotiate(
        i18n::query_lang(query),
        accept.and_then(|v| v.to_str().ok()),
        state.site.default_lang,
    )
}

/// The language of a form page (sign-in, a link's password), and the one the visitor chose with
/// `?lang=`, which the form's action and the answer's redirect keep.
#[derive(Debug, Clone, Copy)]
pub struct Asked {
    pub lang: Lang,
    pub chosen: Option<Lang>,
}

impl Asked {
    pub fn of(state: &State, req: &Request<Incoming>) -> Asked {
        Asked {
            lang: lang(state, req),
            chosen: i18n::query_lang(req.uri().query()).and_then(Lang::from_tag),
        }
    }

    /// As [`Asked::of`], but a language the URL names (`…/amp/ja`) is the visitor's choice.
    pub fn at(state: &State, req: &Request<Incoming>, version: PageVersion) -> Asked {
        match version {
            PageVersion::Amp(Some(l)) => Asked {
                lang: l,
                chosen: Some(l),
            },
            _ => Asked::of(state, req),
        }
    }

    /// A form page at `url` in this language, posting to `action` (with the visitor's choice
    /// kept), with an optional error line (a message id).
    pub fn form<'a>(
        &self,
        url: &'a str,
        action: &'a str,
        error: Option<&'a str>,
    ) -> page::forms::FormPage<'a> {
        page::forms::FormPage {
            lang: self.lang,
            url,
            action,
            error,
            next: None,
        }
    }

    /// `url` with the visitor's `?lang=` choice, if any.
    pub fn keep(&self, url: &str) -> String {
        match self.chosen {
            Some(l) => format!("{url}?lang={}", l.tag()),
            None => url.to_owned(),
        }
    }
}

/// Which version of a page a URL asks for: the plain page, in the language the visitor asks
/// for (negotiated), or the AMP document, in the language its URL names.
#[derive(Debug, Clone, Copy)]
pub enum PageVersion {
    Plain,
    /// `None`: the AMP URL without a language, which is the server's default language.
    Amp(Option<Lang>),
}

impl PageVersion {
    /// What follows a page's path: nothing (plain), `amp`, or `amp/<lang>`. `None` for anything
    /// else, and for `amp/<lang>` with a language we do not have (see [`is_page_version`]).
    pub fn parse(rest: &[&str]) -> Option<PageVersion> {
        match rest {
            [] => Some(PageVersion::Plain),
            ["amp"] => Some(PageVersion::Amp(None)),
            ["amp", lang] => lang_segment(lang).map(|l| PageVersion::Amp(Some(l))),
            _ => None,
        }
    }

    pub fn flavor(self) -> Flavor {
        match self {
            PageVersion::Plain => Flavor::Plain,
            PageVersion::Amp(_) => Flavor::Amp,
        }
    }

    fn resolve(self, state: &State, req: &Request<Incoming>) -> Lang {
        match self {
            PageVersion::Plain => lang(state, req),
            PageVersion::Amp(l) => l.unwrap_or(state.site.default_lang),
        }
    }
}

/// Whether what follows a page's path has the form of a version (`amp/<lang>` with any
/// `<lang>`: one we do not have is that page's 404).
pub fn is_page_version(rest: &[&str]) -> bool {
    matches!(rest, [] | ["amp"] | ["amp", _])
}

/// The language a URL's last segment names (`/r/<id>/amp/ja`): exactly one of our tags.
pub fn lang_segment(segment: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.tag() == segment)
}

/// The language an AMP URL names (`…/amp/<tag>`), if the path is one: its error pages (a
/// link's `410`) speak that language, as the document would have.
pub fn amp_lang_of_path(path: &str) -> Option<Lang> {
    let mut segments = path.trim_end_matches('/').rsplit('/');
    let last = segments.next()?;
    (segments.next()? == "amp").then(|| lang_segment(last))?
}

/// Sends a rendered page. `private`: the page is behind a password or an expiring link, so
/// no cache (a browser's shared one, a CDN, an AMP cache) may keep it. A negotiated page
/// varies by `Accept-Language`; one whose URL names its language does not.
async fn send_page(
    req: &Request<Incoming>,
    page: Rendered,
    private: bool,
    version: PageVersion,
) -> Resp {
    let flavor = version.flavor();
    let rep = Representation {
        etag: page.etag.clone(),
        // No Last-Modified: the text changes with the day and at expiry instants, not when
        // the release was made, so only the ETag (a hash of the bytes) validates a page.
        last_modified: None,
        content_type: HTML,
        cache_control: if private {
            "private, no-store"
        } else {
            "no-cache"
        },
    };
    let source = Source::Variants(&page.variants);
    let mut r = files::serve(req.method(), req.headers(), &rep, source, None).await;
    match flavor {
        // Rendered for this visitor: nobody else may be served this copy.
        Flavor::Plain => {
            r.headers_mut()
                .append(VARY, HeaderValue::from_static("User-Agent"));
        }
        // One document for everyone, which AMP caches may keep unless it is private.
        Flavor::Amp => amp_cacheability(private).apply(r.headers_mut()),
    }
    if matches!(version, PageVersion::Plain) {
        r.headers_mut()
            .append(VARY, HeaderValue::from_static("Accept-Language"));
    }
    security_headers::apply_page(r.headers_mut(), flavor);
    r
}

/// How an AMP page may be cached: public, unless it is behind a password or an expiring link
/// (see [`crate::access::Link::cache_policy`]); then [`Cacheability::Private`], so that no AMP
/// cache keeps it.
fn amp_cacheability(private: bool) -> Cacheability {
    if private {
        Cacheability::Private
    } else {
        PUBLIC_AMP_PAGE
    }
}

/// A release page, or (with `app`) an app page: its newest build with the earlier ones under it.
/// `private`: the page was shown because of a sign-in (an app page without
/// `--public-index`), so no shared cache may keep it.
async fn release_page(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: &Release,
    private: bool,
    version: PageVersion,
    app: Option<AppPage>,
) -> Resp {
    let (flavor, lang) = (version.flavor(), version.resolve(state, req));
    // The AMP document is the same for every visitor of its language: one cache entry each.
    let visitor = match flavor {
        Flavor::Plain => page::decision_visitor(release, visitor(req)),
        Flavor::Amp => page::AMP_VISITOR,
    };
    let now = time::OffsetDateTime::now_utc();
    let day = now.unix_timestamp().div_euclid(86_400);
    let key = PageKey {
        release: release.id.clone(),
        link: None,
        flavor,
        visitor,
        lang,
        day,
        expiries_passed: expiries_passed(release, now),
        app: app.as_ref().map(|a| (a.channel.clone(), a.fingerprint())),
    };
    let page = match state.pages.get(&key) {
        Some(page) => page,
        None => {
            off_the_workers(state, || {
                state.pages.get_or_make(key, || {
                    let urls = state.config.public_url.release(&release.id);
                    let qr = qr_svg(state, release);
                    let ctx = ReleaseContext {
                        release,
                        urls: &urls,
                        site: &state.site,
                        visitor,
                        now,
                        qr_svg: qr.as_deref(),
                        lang,
                    };
                    state.metrics.page_rendered();
                    let html = match &app {
                        Some(a) => page::app_page(&ctx, &a.previous, flavor),
                        None => page::release_page(&ctx, flavor),
                    };
                    Arc::new(Generated::on_demand(Bytes::from(html)))
                })
            })
            .await
        }
    };
    send_page(req, page, private, version).await
}

/// What an app page shows besides its newest build.
struct AppPage {
    channel: Option<String>,
    /// The app's earlier builds (of the channel), newest first.
    previous: Vec<Arc<Release>>,
}

impl AppPage {
    fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for r in &self.previous {
            r.id.hash(&mut h);
            r.edited.map(|t| t.unix_timestamp_nanos()).hash(&mut h);
        }
        h.finish()
    }
}

/// Runs a render (and its compression) where it cannot hold up the async workers that answer
/// `/healthz`, cached pages and downloads: at most [`State::renders`] at a time, each on a
/// thread handed over to blocking work (`block_in_place`: its other tasks move to another
/// worker meanwhile).
async fn off_the_workers<T>(state: &State, render: impl FnOnce() -> T) -> T {
    let _one_of_few = state.renders.acquire().await;
    tokio::task::block_in_place(render)
}

/// A release page seen through a share `link`: its URLs are the link's, and how it may be
/// cached is the link's to say. An open link's page is kept like any other release page; a
/// password link's (it carries a fresh install grant) is made per request. The QR code is the
/// link's own URL.
pub async fn shared_release(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: &Release,
    urls: &crate::urls::ReleaseUrls,
    version: PageVersion,
    link: &crate::access::Link,
) -> Resp {
    let private = link.cache_policy() == crate::access::CachePolicy::PrivateNoStore;
    let cache_as = (!link.has_password()).then_some(&link.id);
    // As for /r/ pages: the AMP document is the same for every visitor of the language its
    // URL names; the plain page speaks the visitor's.
    let (flavor, lang) = (version.flavor(), version.resolve(state, req));
    let visitor = match flavor {
        Flavor::Plain => page::decision_visitor(release, visitor(req)),
        Flavor::Amp => page::AMP_VISITOR,
    };
    let now = time::OffsetDateTime::now_utc();
    let make = || {
        let qr = page::qr::encode(&urls.page).unwrap_or_default();
        let ctx = ReleaseContext {
            release,
            urls,
            site: &state.site,
            visitor,
            now,
            qr_svg: (!qr.is_empty()).then_some(qr.as_str()),
            lang,
        };
        state.metrics.page_rendered();
        Arc::new(Generated::on_demand(Bytes::from(page::release_page(
            &ctx, flavor,
        ))))
    };
    let page = match cache_as {
        Some(link) => {
            let key = PageKey {
                release: release.id.clone(),
                link: Some(link.clone()),
                flavor,
                visitor,
                lang,
                day: now.unix_timestamp().div_euclid(86_400),
                expiries_passed: expiries_passed(release, now),
                app: None,
            };
            match state.pages.get(&key) {
                Some(page) => page,
                None => off_the_workers(state, || state.pages.get_or_make(key, make)).await,
            }
        }
        None => off_the_workers(state, make).await,
    };
    send_page(req, page, private, version).await
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
    version: PageVersion,
) -> Resp {
    match state.store.get(id) {
        Some(r) => release_page(state, req, &r, false, version, None).await,
        None => not_found(state, req),
    }
}

/// The stable URL of an app: its newest release's page, then its earlier builds. With
/// `?channel=NAME`, the newest build of that channel and that channel's earlier builds. Only for those who
/// may list apps; everyone else gets the same 404 as for an unknown app.
pub async fn app(
    state: &Arc<State>,
    req: &Request<Incoming>,
    bundle: &str,
    version: PageVersion,
) -> Resp {
    if !auth::access(state, req.headers()).can_list(state) {
        return not_found(state, req);
    }
    let bundle = percent_encoding::percent_decode_str(bundle).decode_utf8_lossy();
    let channel = match super::api::channel_query(req.uri().query()) {
        Ok(c) => c,
        Err(e) => {
            return response::error_page(
                StatusCode::BAD_REQUEST,
                &e.to_string(),
                page::Msg::new("error-bad-channel"),
            )
        }
    };
    let mut history = state.store.history(&bundle, channel.as_deref());
    if history.is_empty() {
        return not_found(state, req);
    }
    let newest = history.remove(0);
    // A long history is cut: the page is for installing, the API lists everything.
    history.truncate(MAX_PREVIOUS);
    let app = AppPage {
        channel,
        previous: history,
    };
    release_page(
        state,
        req,
        &newest,
        !state.config.public_index,
        version,
        Some(app),
    )
    .await
}

/// Earlier builds an app page lists.
const MAX_PREVIOUS: usize = 20;

/// The front page: every app for those who may list them, else the sign-in form.
pub fn index(state: &Arc<State>, req: &Request<Incoming>) -> Resp {
    let access = auth::access(state, req.headers());
    if !access.can_list(state) {
        return super::sign_in::form(state, Asked::of(state, req), "/", StatusCode::OK, None);
    }
    let apps = state.store.apps();
    let signed_in = access > auth::Access::Anonymous;
    let html = page::index_page(&apps, &state.site, signed_in, lang(state, req));
    let mut r = response::with_type(StatusCode::OK, HTML, html);
    let cache = if state.config.public_index {
        "no-cache"
    } else {
        "private, no-store"
    };
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    r.headers_mut()
        .append(VARY, HeaderValue::from_static("Accept-Language"));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

/// How to trust this server's CA on an iPhone.
pub fn ca(state: &State, req: &Request<Incoming>) -> Resp {
    if state.local_ca.is_none() {
        return response::error(StatusCode::NOT_FOUND, super::errors::NO_CA_PAGE);
    }
    let html = page::ca_page(&state.site, lang(state, req));
    let mut r = response::with_type(StatusCode::OK, HTML, html);
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r.headers_mut()
        .append(VARY, HeaderValue::from_static("Accept-Language"));
    security_headers::apply_page(r.headers_mut(), Flavor::Plain);
    r
}

/// The 404 of every page path (its words are [`super::errors::NOT_FOUND_PAGE`]).
pub fn not_found(_state: &State, _req: &Request<Incoming>) -> Resp {
    response::error(StatusCode::NOT_FOUND, super::errors::NOT_FOUND_PAGE)
}

/// A form page (made in the language negotiated for the request), with the page headers.
pub fn form_page(status: StatusCode, html: String, cache_control: &'static str) -> Resp {
    let mut r = response::with_type(status, HTML, html);
    r.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(cache_control));
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
        return response::error(StatusCode::NOT_FOUND, super::errors::NOT_FOUND_PAGE);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amp_path_names_its_language() {
        assert_eq!(amp_lang_of_path("/s/TOKEN/amp/ja"), Some(Lang::Ja));
        assert_eq!(
            amp_lang_of_path("/r/01jd5x0000000000000000000a/amp/zh-Hant/"),
            Some(Lang::ZhHant)
        );
        assert_eq!(amp_lang_of_path("/r/x/amp"), None);
        assert_eq!(amp_lang_of_path("/r/x/amp/xx"), None);
        assert_eq!(amp_lang_of_path("/ja"), None);
        assert_eq!(amp_lang_of_path("/s/amp/ja/app.ipa"), None);
        assert_eq!(amp_lang_of_path(""), None);
    }
}
