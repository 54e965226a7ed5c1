//! Share links: the links API (`/api/releases/{id}/links`, `/api/apps/{bundle}/links`,
//! `/api/links`) and everything under `/s/<token>`: the page, its AMP variant, the manifest,
//! the IPA and the icons, so a link works with no cookie and no header. A password link's
//! page asks for the password, then carries install URLs with a short-lived signed grant
//! (`/s/<token>/<grant>/...`) that the cookie-less installer can fetch.
//!
//! A tampered or unknown token answers `404`; an expired or revoked link `410 Gone` on every
//! path. Expiry is checked when a request starts, so a download under way finishes.

use std::net::SocketAddr;
use std::sync::Arc;

use http::header::{HeaderValue, LOCATION, SET_COOKIE};
use http::{Request, StatusCode};
use hyper::body::Incoming;
use serde::{Deserialize, Serialize};

use super::auth;
use super::errors::NOT_FOUND_PAGE;
use super::pages::{Asked, PageVersion};
use super::response::{self, Resp};
use super::{form, install, pages, State};
use crate::access::{now_millis, password, Link, LinkId, LinkState, Target};
use crate::page::{self, Flavor, Msg};
use crate::store::{Asset, Release, ReleaseId};

/// The cookie a password link sets (scoped to the link's path).
const LINK_COOKIE: &str = "otadrop_link";
/// How long the right password is remembered by the browser (at most the link's own life).
const LINK_COOKIE_LIFETIME_MS: u64 = 12 * 3600 * 1000;
/// The longest link lifetime accepted: ten years.
const MAX_EXPIRES_IN: u64 = 10 * 365 * 24 * 3600;
const MAX_PASSWORD: usize = 1024;
const MAX_NOTE: usize = 1000;

// --- The links API ----------------------------------------------------------------------------

/// A link as the API shows it.
#[derive(Serialize)]
struct LinkJson<'a> {
    id: &'a LinkId,
    url: String,
    #[serde(with = "time::serde::rfc3339::option")]
    expires: Option<time::OffsetDateTime>,
    note: Option<&'a str>,
    target: &'a Target,
    password: bool,
    #[serde(with = "time::serde::rfc3339")]
    created: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    revoked: Option<time::OffsetDateTime>,
}

impl<'a> LinkJson<'a> {
    fn new(state: &State, l: &'a Link) -> Self {
        LinkJson {
            id: &l.id,
            url: state
                .config
                .public_url
                .share(&state.signer.link_token(&l.id, l.expires_ms)),
            expires: l.expires(),
            note: l.note.as_deref(),
            target: &l.target,
            password: l.has_password(),
            created: l.created,
            revoked: l.revoked,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewLink {
    expires_in: Option<u64>,
    password: Option<String>,
    note: Option<String>,
}

/// `POST /api/releases/{id}/links` and `POST /api/apps/{bundle}/links`.
pub async fn create(state: &Arc<State>, req: Request<Incoming>, target: Target) -> Resp {
    if let Some(denied) = auth::deny_unless_admin(state, req.headers(), req.method()) {
        return denied;
    }
    let exists = match &target {
        Target::Release(id) => state.store.get(id).is_some(),
        Target::App(bundle) => state.store.latest(bundle).is_some(),
        Target::Channel { app, channel } => state.store.latest_in(app, channel).is_some(),
    };
    if !exists {
        let what = match target {
            Target::Release(_) => "no release with that id",
            Target::App(_) => "no app with that bundle id",
            Target::Channel { .. } => "no build of that app in that channel",
        };
        return response::error(StatusCode::NOT_FOUND, what);
    }
    let body = match form::read(state, req.into_body()).await {
        Ok(b) => b,
        Err(e) => return e.response(),
    };
    let asked: NewLink = if body.iter().all(u8::is_ascii_whitespace) {
        NewLink {
            expires_in: None,
            password: None,
            note: None,
        }
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return response::error(
                    StatusCode::BAD_REQUEST,
                    &format!("the body must be JSON like {{\"expires_in\": 86400, \"password\": \"...\", \"note\": \"...\"}}: {e}"),
                )
            }
        }
    };
    let expires_ms = match asked.expires_in {
        None => None,
        Some(0) => {
            return response::error(
                StatusCode::BAD_REQUEST,
                "expires_in must be at least 1 (seconds)",
            )
        }
        Some(s) if s > MAX_EXPIRES_IN => {
            return response::error(
                StatusCode::BAD_REQUEST,
                "expires_in is at most ten years (315360000 seconds)",
            )
        }
        Some(s) => Some(now_millis() + s * 1000),
    };
    let password_hash = match asked.password {
        None => None,
        Some(p) if p.is_empty() => {
            return response::error(StatusCode::BAD_REQUEST, "the password is empty")
        }
        Some(p) if p.len() > MAX_PASSWORD => {
            return response::error(StatusCode::BAD_REQUEST, "the password is over 1024 bytes")
        }
        Some(p) => match tokio::task::spawn_blocking(move || password::hash(&p)).await {
            Ok(Ok(h)) => Some(h),
            Ok(Err(e)) => return response::error(StatusCode::INTERNAL_SERVER_ERROR, &e),
            Err(e) => return response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        },
    };
    let note = asked.note.filter(|n| !n.trim().is_empty());
    if note.as_ref().is_some_and(|n| n.len() > MAX_NOTE) {
        return response::error(StatusCode::BAD_REQUEST, "the note is over 1000 bytes");
    }
    let id = match LinkId::random() {
        Ok(id) => id,
        Err(e) => return response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let link = Link {
        id,
        target,
        created: time::OffsetDateTime::now_utc(),
        expires_ms,
        password_hash,
        note,
        revoked: None,
    };
    let s = state.clone();
    match tokio::task::spawn_blocking(move || s.links.add(&s.store, link)).await {
        Ok(Ok(link)) => {
            tracing::info!(link = %link.id, "share link created");
            let view = LinkJson::new(state, &link);
            let mut r = response::json(StatusCode::CREATED, &view);
            if let Ok(v) = HeaderValue::from_str(&view.url) {
                r.headers_mut().insert(LOCATION, v);
            }
            r
        }
        Ok(Err(e)) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(e) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// `GET /api/links`: every link, newest first, revoked and expired ones included.
pub fn list(state: &State, req: &Request<Incoming>) -> Resp {
    if let Some(denied) = auth::deny_unless_admin(state, req.headers(), req.method()) {
        return denied;
    }
    let all = state.links.list();
    let out: Vec<LinkJson<'_>> = all.iter().map(|l| LinkJson::new(state, l)).collect();
    response::json(StatusCode::OK, &out)
}

/// `DELETE /api/links/{id}`: revokes a link (its URLs answer `410` from now on).
pub async fn revoke(state: &Arc<State>, req: &Request<Incoming>, id: &str) -> Resp {
    if let Some(denied) = auth::deny_unless_admin(state, req.headers(), req.method()) {
        return denied;
    }
    let Some(id) = LinkId::parse(id) else {
        return response::error(StatusCode::NOT_FOUND, "no link with that id");
    };
    let s = state.clone();
    let now = time::OffsetDateTime::now_utc();
    match tokio::task::spawn_blocking(move || s.links.revoke(&s.store, &id, now)).await {
        Ok(Ok(Some(link))) => {
            tracing::info!(link = %link.id, "share link revoked");
            response::empty(StatusCode::NO_CONTENT)
        }
        Ok(Ok(None)) => response::error(StatusCode::NOT_FOUND, "no link with that id"),
        Ok(Err(e)) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(e) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

// --- /s/<token>/... ---------------------------------------------------------------------------

/// Why a token does not lead to a live link.
#[derive(Debug, Clone, Copy)]
enum Refused {
    /// Tampered, unknown, or not this server's.
    NotFound,
    Expired(time::OffsetDateTime),
    Revoked(time::OffsetDateTime),
}

/// The live link a token names. A link this node has not read yet (made on another node on a
/// shared bucket) is looked up in the bucket, on a blocking thread (see
/// [`crate::access::LinkBook::get_or_load`]): only for tokens whose signature holds.
async fn resolve(state: &Arc<State>, token: &str) -> Result<Arc<Link>, Refused> {
    let (id, expires_ms) = state.signer.open_link(token).ok_or(Refused::NotFound)?;
    let link = match state.links.get(&id) {
        Some(link) => link,
        None if state.store.is_shared() => {
            let s = state.clone();
            tokio::task::spawn_blocking(move || s.links.get_or_load(&s.store, &id))
                .await
                .ok()
                .flatten()
                .ok_or(Refused::NotFound)?
        }
        None => return Err(Refused::NotFound),
    };
    if link.expires_ms != expires_ms {
        return Err(Refused::NotFound);
    }
    match link.state(now_millis()) {
        LinkState::Live => Ok(link),
        LinkState::Expired(at) => Err(Refused::Expired(at)),
        LinkState::Revoked(at) => Err(Refused::Revoked(at)),
    }
}

/// The answer to a refused token: `404`, or `410 Gone` saying when and what to do (the page in
/// the visitor's language, the moment in UTC).
fn refused(_state: &State, why: Refused) -> Resp {
    let (id, at) = match why {
        // The same 404 as any unknown path: a probe learns nothing from the difference.
        Refused::NotFound => return response::error(StatusCode::NOT_FOUND, NOT_FOUND_PAGE),
        Refused::Expired(at) => ("error-link-expired", at),
        Refused::Revoked(at) => ("error-link-revoked", at),
    };
    response::error_said(StatusCode::GONE, Msg::new(id).time("when", at))
}

/// The release a link shows now.
fn target_release(state: &State, link: &Link) -> Option<Arc<Release>> {
    match &link.target {
        Target::Release(id) => state.store.get(id),
        Target::App(bundle) => state.store.latest(bundle),
        Target::Channel { app, channel } => state.store.latest_in(app, channel),
    }
}

/// `release` is one the link may show (a grant names the release its page showed; for an app
/// link, any release of that app).
fn link_shows(link: &Link, release: &Release) -> bool {
    match &link.target {
        Target::Release(id) => id == &release.id,
        Target::App(bundle) => bundle == &release.app.bundle_id,
        Target::Channel { app, channel } => {
            app == &release.app.bundle_id && channel == &release.channel
        }
    }
}

fn has_link_cookie(state: &State, req: &Request<Incoming>, link: &Link) -> bool {
    auth::cookie(req.headers(), LINK_COOKIE)
        .is_some_and(|v| state.signer.check_link_cookie(v, &link.id, now_millis()))
}

/// `GET /s/<token>`, `/s/<token>/amp` and `/s/<token>/amp/<lang>`.
pub async fn page(
    state: &Arc<State>,
    req: &Request<Incoming>,
    token: &str,
    version: PageVersion,
) -> Resp {
    let link = match resolve(state, token).await {
        Ok(l) => l,
        Err(why) => return refused(state, why),
    };
    if link.has_password() && !has_link_cookie(state, req, &link) {
        let asked = Asked::at(state, req, version);
        return password_form(state, asked, token, StatusCode::OK, None);
    }
    show(state, req, &link, token, version).await
}

async fn show(
    state: &Arc<State>,
    req: &Request<Incoming>,
    link: &Link,
    token: &str,
    version: PageVersion,
) -> Resp {
    let Some(release) = target_release(state, link) else {
        return pages::not_found(state, req);
    };
    let policy = link.cache_policy();
    let grant = link.has_password().then(|| {
        let lifetime = state.config.grant_lifetime.as_millis() as u64;
        let mut expires = now_millis() + lifetime;
        if let Some(l) = link.expires_ms {
            expires = expires.min(l);
        }
        state.signer.grant(&link.id, &release.id, expires)
    });
    let mut urls = state.config.public_url.shared(token, grant.as_deref());
    if version.flavor() == Flavor::Plain && !policy.public_cache_allowed() {
        urls.amp.clear();
    }
    pages::shared_release(state, req, &release, &urls, version, link).await
}

fn password_form(
    state: &State,
    asked: Asked,
    token: &str,
    status: StatusCode,
    error: Option<&str>,
) -> Resp {
    let url = state.config.public_url.share(token);
    let action = asked.keep(&url);
    let html = page::forms::link_password(&state.site, &asked.form(&url, &action, error));
    pages::form_page(status, html, "private, no-store")
}

/// `POST /s/<token>`: the password form's answer.
pub async fn unlock(
    state: &Arc<State>,
    req: Request<Incoming>,
    peer: SocketAddr,
    token: &str,
) -> Resp {
    let link = match resolve(state, token).await {
        Ok(l) => l,
        Err(why) => return refused(state, why),
    };
    let Some(hash) = link.password_hash.clone() else {
        // An open link has nothing to unlock: show it.
        return show(state, &req, &link, token, PageVersion::Plain).await;
    };
    let client = format!("{}|{}", link.id, auth::client_key(peer));
    let whole = link.id.to_string();
    if let Some(wait) = state
        .limits
        .link_client
        .blocked(&client)
        .or_else(|| state.limits.link.blocked(&whole))
    {
        return auth::too_many(state, wait);
    }
    let asked = Asked::of(state, &req);
    let body = match form::read(state, req.into_body()).await {
        Ok(b) => b,
        Err(e) => return e.response(),
    };
    let given = form::field(&body, "password").unwrap_or_default();
    let right = tokio::task::spawn_blocking(move || password::verify(&given, &hash))
        .await
        .unwrap_or(false);
    if !right {
        state.limits.link_client.failed(&client);
        state.limits.link.failed(&whole);
        tracing::info!(%peer, link = %link.id, "wrong link password");
        return password_form(
            state,
            asked,
            token,
            StatusCode::UNAUTHORIZED,
            Some("password-wrong"),
        );
    }
    let now = now_millis();
    let mut expires = now + LINK_COOKIE_LIFETIME_MS;
    if let Some(l) = link.expires_ms {
        expires = expires.min(l);
    }
    let value = state.signer.link_cookie(&link.id, expires);
    let path = format!("{}/s/{token}", auth::base_path(state));
    let cookie = auth::set_cookie(
        state,
        LINK_COOKIE,
        &value,
        &path,
        (expires - now).div_ceil(1000),
    );
    let mut r = response::empty(StatusCode::SEE_OTHER);
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&asked.keep(&state.config.public_url.share(token))) {
        h.insert(LOCATION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        h.insert(SET_COOKIE, v);
    }
    h.insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    r
}

/// `/s/<token>/visitor.json`: the personal part of the link's AMP page (flags about the
/// visitor's device and the build, no URLs), as for `/r/<id>/visitor.json`.
pub async fn visitor(state: &Arc<State>, req: &Request<Incoming>, token: &str) -> Resp {
    let link = match resolve(state, token).await {
        Ok(l) => l,
        Err(why) => return refused(state, why),
    };
    let release = target_release(state, &link).map(|r| r.id.clone());
    super::visitor_json::visitor(state, req, release)
}

/// What the installer fetches under a link.
#[derive(Debug, Clone, Copy)]
pub enum File {
    Manifest,
    Asset(Asset),
}

impl File {
    pub fn parse(name: &str) -> Option<File> {
        Some(match name {
            "manifest.plist" => File::Manifest,
            "app.ipa" => File::Asset(Asset::Ipa),
            "icon.png" => File::Asset(Asset::Icon),
            "icon-57.png" => File::Asset(Asset::IconSmall),
            "icon-512.png" => File::Asset(Asset::IconLarge),
            "icon-dark.png" => File::Asset(Asset::IconDark),
            _ => return None,
        })
    }
}

/// `GET /s/<token>/<file>` (open links) and `/s/<token>/<grant>/<file>` (password links).
pub async fn file(
    state: &Arc<State>,
    req: &Request<Incoming>,
    token: &str,
    grant: Option<&str>,
    file: File,
) -> Resp {
    let link = match resolve(state, token).await {
        Ok(l) => l,
        Err(why) => return refused(state, why),
    };
    let release = match (grant, link.has_password()) {
        (None, false) => target_release(state, &link),
        (None, true) => {
            return response::error_said(StatusCode::UNAUTHORIZED, Msg::new("error-link-password"))
        }
        (Some(_), false) => None,
        (Some(g), true) => match state.signer.open_grant(g) {
            Some(g) if g.link == link.id => {
                if now_millis() >= g.expires {
                    return response::error_said(
                        StatusCode::FORBIDDEN,
                        Msg::new("error-grant-expired"),
                    );
                }
                granted(state, &link, &g.release)
            }
            _ => None,
        },
    };
    let Some(release) = release else {
        return pages::not_found(state, req);
    };
    let cache = link.cache_policy().header_value();
    match file {
        File::Manifest => {
            let urls = state.config.public_url.shared(token, grant);
            install::shared_manifest(state, req, &release, &urls, cache).await
        }
        File::Asset(a) => install::serve_asset(state, req, &release, a, cache).await,
    }
}

fn granted(state: &State, link: &Link, id: &ReleaseId) -> Option<Arc<Release>> {
    state.store.get(id).filter(|r| link_shows(link, r))
}
