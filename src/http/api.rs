//! The JSON API: list, read, upload, edit and delete releases, an app's releases, a release's
//! install counts. Uploads, edits, deletions and install counts need the admin (the bearer
//! token, or an admin session that passes the CSRF check: [`super::auth::deny_unless_admin`]); listing
//! and reading need a credential (or `--public-index`), and only the admin sees a profile's
//! device list (UDIDs).

use crate::logsafe::Clean;
use std::sync::Arc;

use std::borrow::Cow;

use http::header::{HeaderValue, LOCATION};
use http::{Request, StatusCode};
use hyper::body::Incoming;
use serde::Serialize;

use super::metrics::UploadResult;
use super::response::{self, Resp};
use super::{auth, publish, upload, State};
use crate::ipa::AppInfo;
use crate::store::{Release, ReleaseId};
use crate::urls::PublicUrl;

/// A release as the API shows it: the record plus every URL a client needs.
#[derive(Serialize)]
pub struct ReleaseJson<'a> {
    pub id: &'a ReleaseId,
    #[serde(with = "time::serde::rfc3339")]
    pub created: time::OffsetDateTime,
    pub app: Cow<'a, AppInfo>,
    pub page_url: String,
    pub amp_url: String,
    pub app_url: String,
    pub manifest_url: String,
    pub ipa_url: String,
    pub install_url: String,
    pub icon_url: Option<String>,
    /// The dark-appearance icon, when the app's asset catalog has one.
    pub icon_dark_url: Option<String>,
    pub sha256: &'a str,
    pub size: u64,
    pub notes: Option<&'a str>,
    pub channel: &'a str,
    /// When the notes were last edited.
    #[serde(with = "time::serde::rfc3339::option")]
    pub edited: Option<time::OffsetDateTime>,
}

impl<'a> ReleaseJson<'a> {
    /// `admin`: show the profile's device list (UDIDs); others see only the count.
    pub fn new(r: &'a Release, base: &PublicUrl, admin: bool) -> Self {
        let urls = base.release(&r.id);
        let has_devices = r
            .app
            .profile
            .as_ref()
            .is_some_and(|p| !p.device_ids.is_empty());
        let app = if admin || !has_devices {
            Cow::Borrowed(&r.app)
        } else {
            let mut app = r.app.clone();
            if let Some(p) = app.profile.as_mut() {
                p.device_ids.clear();
            }
            Cow::Owned(app)
        };
        ReleaseJson {
            id: &r.id,
            created: r.created,
            app,
            app_url: base.app(&r.app.bundle_id),
            icon_url: r.has_icon.then(|| urls.icon.clone()),
            icon_dark_url: r.has_dark_icon().then(|| urls.icon_dark.clone()),
            page_url: urls.page,
            amp_url: urls.amp,
            manifest_url: urls.manifest,
            ipa_url: urls.ipa,
            install_url: urls.install,
            sha256: &r.sha256,
            size: r.size,
            notes: r.notes.as_deref(),
            channel: &r.channel,
            edited: r.edited,
        }
    }
}

/// Who may read the API: `None` when the request may not.
fn reader<B>(state: &State, req: &Request<B>) -> Option<auth::Access> {
    let access = auth::access(state, req.headers());
    access.can_list(state).then_some(access)
}

fn must_sign_in() -> Resp {
    auth::unauthorized(
        "sign in first: send `Authorization: Bearer <token>` (the upload token), or sign in at / for a session",
    )
}

pub fn list<B>(state: &State, req: &Request<B>) -> Resp {
    let Some(access) = reader(state, req) else {
        return must_sign_in();
    };
    let all = state.store.list();
    let out: Vec<ReleaseJson<'_>> = all
        .iter()
        .map(|r| ReleaseJson::new(r, &state.config.public_url, access.is_admin()))
        .collect();
    response::json(StatusCode::OK, &out)
}

pub fn get<B>(state: &State, req: &Request<B>, id: &ReleaseId) -> Resp {
    let Some(access) = reader(state, req) else {
        return must_sign_in();
    };
    match state.store.get(id) {
        Some(r) => response::json(
            StatusCode::OK,
            &ReleaseJson::new(&r, &state.config.public_url, access.is_admin()),
        ),
        None => response::error(StatusCode::NOT_FOUND, "no release with that id"),
    }
}

pub async fn create(state: &Arc<State>, req: Request<Incoming>) -> Resp {
    if let Some(denied) = auth::deny_unless_admin(state, req.headers(), req.method()) {
        upload::discard(req.into_body()).await;
        return denied;
    }
    if let Err(e) = upload::check_content_type(req.headers()) {
        upload::discard(req.into_body()).await;
        return response::error(e.status(), &e.to_string());
    }
    // Refuse an announced oversize body before reading any of it.
    let announced = req
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > state.config.max_upload) {
        return response::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &upload::UploadError::TooLarge(state.config.max_upload).to_string(),
        );
    }
    let (parts, body) = req.into_parts();
    let published = match upload::receive(state, &parts.headers, body).await {
        Ok(received) => match replayed(
            state,
            received.idempotency_key.clone(),
            received.sha256.clone(),
        )
        .await
        {
            Ok(Some(release)) => Ok(publish::Published::Replayed(release)),
            Ok(None) => publish::publish(state, received).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match published {
        // Same key, same bytes, within a day: the release it made, not a second one.
        Ok(publish::Published::Replayed(release)) => {
            let view = ReleaseJson::new(&release, &state.config.public_url, true);
            response::json(StatusCode::OK, &view)
        }
        Ok(publish::Published::New(release)) => {
            state.metrics.upload(UploadResult::Published, release.size);
            tracing::info!(id = %release.id, bundle = %Clean(&release.app.bundle_id), version = %Clean(&release.app.version), size = release.size, "release published");
            let view = ReleaseJson::new(&release, &state.config.public_url, true);
            let mut r = response::json(StatusCode::CREATED, &view);
            if let Ok(v) = HeaderValue::from_str(&view.page_url) {
                r.headers_mut().insert(LOCATION, v);
            }
            r
        }
        Err(e) => {
            let status = e.status();
            let result = if status.is_server_error() {
                UploadResult::Failed
            } else {
                UploadResult::Refused
            };
            state.metrics.upload(result, 0);
            if status.is_server_error() {
                tracing::error!(error = %Clean(&e.to_string()), "upload failed");
            } else {
                tracing::info!(error = %Clean(&e.to_string()), status = status.as_u16(), "upload refused");
            }
            response::error(status, &e.to_string())
        }
    }
}

pub async fn delete(state: &Arc<State>, req: &Request<Incoming>, id: &ReleaseId) -> Resp {
    if let Some(denied) = auth::deny_unless_admin(state, req.headers(), req.method()) {
        return denied;
    }
    let s = state.clone();
    let id2 = id.clone();
    match tokio::task::spawn_blocking(move || s.store.delete(&id2)).await {
        Ok(Ok(Some(gone))) => {
            tracing::info!(id = %gone.id, bundle = %gone.app.bundle_id, "release deleted");
            state.deleted(gone);
            response::empty(StatusCode::NO_CONTENT)
        }
        Ok(Ok(None)) => response::error(StatusCode::NOT_FOUND, "no release with that id"),
        Ok(Err(e)) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(e) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// Largest `PATCH /api/releases/{id}` body: the notes' limit, JSON-escaped, and some.
const MAX_EDIT_BODY: usize = upload::MAX_NOTES * 6 + 1024;

/// What `PATCH /api/releases/{id}` may change.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    /// New notes (Markdown); `null` or blank clears them.
    notes: Option<String>,
}

/// `PATCH /api/releases/{id}` with `{"notes": ...}`: replaces the release notes.
pub async fn edit(state: &Arc<State>, req: Request<Incoming>, id: &ReleaseId) -> Resp {
    if let Some(denied) = auth::deny_unless_admin(state, req.headers(), req.method()) {
        upload::discard(req.into_body()).await;
        return denied;
    }
    let body =
        match read_small_body(req.into_body(), MAX_EDIT_BODY, state.config.body_timeout).await {
            Ok(b) => b,
            Err(resp) => return resp,
        };
    let edit: Edit = match serde_json::from_slice(&body) {
        Ok(e) => e,
        Err(e) => {
            return response::error(
                StatusCode::BAD_REQUEST,
                &format!("expected a JSON object like {{\"notes\": \"...\"}}: {e}"),
            )
        }
    };
    let notes = edit
        .notes
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if notes.as_ref().is_some_and(|n| n.len() > upload::MAX_NOTES) {
        return response::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &upload::UploadError::NotesTooLong.to_string(),
        );
    }
    let s = state.clone();
    let id2 = id.clone();
    match tokio::task::spawn_blocking(move || s.store.edit_notes(&id2, notes)).await {
        Ok(Ok(Some(release))) => {
            state.forget(id);
            tracing::info!(id = %release.id, "release notes edited");
            response::json(
                StatusCode::OK,
                &ReleaseJson::new(&release, &state.config.public_url, true),
            )
        }
        Ok(Ok(None)) => response::error(StatusCode::NOT_FOUND, "no release with that id"),
        Ok(Err(e)) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(e) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// A small request body, whole; the error answer when it is too large, cut or slow.
async fn read_small_body(
    body: Incoming,
    limit: usize,
    timeout: std::time::Duration,
) -> Result<bytes::Bytes, Resp> {
    use http_body_util::BodyExt;
    let limited = http_body_util::Limited::new(body, limit);
    match tokio::time::timeout(timeout, limited.collect()).await {
        Err(_) => Err(response::error(
            StatusCode::REQUEST_TIMEOUT,
            "the request body did not arrive in time",
        )),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(response::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the request body is larger than {limit} bytes"),
        )),
        Ok(Err(e)) => Err(response::error(StatusCode::BAD_REQUEST, &e.to_string())),
        Ok(Ok(c)) => Ok(c.to_bytes()),
    }
}

/// `GET /api/apps/{bundle id}/releases[?channel=NAME]`: an app's releases, newest first.
pub fn app_releases<B>(state: &State, req: &Request<B>, bundle: &str) -> Resp {
    let Some(access) = reader(state, req) else {
        return must_sign_in();
    };
    let query = req.uri().query();
    let bundle = percent_encoding::percent_decode_str(bundle).decode_utf8_lossy();
    let channel = match channel_query(query) {
        Ok(c) => c,
        Err(e) => return response::error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let all = state.store.history(&bundle, channel.as_deref());
    if all.is_empty() && state.store.latest(&bundle).is_none() {
        return response::error(StatusCode::NOT_FOUND, "no app with that bundle id");
    }
    let out: Vec<ReleaseJson<'_>> = all
        .iter()
        .map(|r| ReleaseJson::new(r, &state.config.public_url, access.is_admin()))
        .collect();
    response::json(StatusCode::OK, &out)
}

/// The `channel` of a query string, checked (`None` when absent).
pub fn channel_query(
    query: Option<&str>,
) -> Result<Option<String>, crate::store::channel::BadChannel> {
    let Some(q) = query else { return Ok(None) };
    match form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "channel") {
        Some((_, v)) if !v.trim().is_empty() => crate::store::channel::parse(&v).map(Some),
        _ => Ok(None),
    }
}

/// `GET /api/releases/{id}/installs`: the release's install counts (needs the token).
pub fn installs<B>(state: &State, req: &Request<B>, id: &ReleaseId) -> Resp {
    if let Some(denied) = auth::deny_unless_admin(state, req.headers(), req.method()) {
        return denied;
    }
    if state.store.get(id).is_none() {
        return response::error(StatusCode::NOT_FOUND, "no release with that id");
    }
    response::json(StatusCode::OK, &state.installs.report(id))
}

/// The release an earlier upload with the same `Idempotency-Key` and the same bytes made, if
/// it still exists; an error when the key was used for other bytes.
/// On a shared storage the key may have been taken on another node, whose release this node
/// may not have read yet: both are looked up in the storage.
async fn replayed(
    state: &Arc<State>,
    key: Option<String>,
    sha256: String,
) -> Result<Option<Arc<crate::store::Release>>, upload::UploadError> {
    let Some(key) = key else {
        return Ok(None);
    };
    let s = state.clone();
    let seen = tokio::task::spawn_blocking(move || s.store.recall(&key))
        .await
        .map_err(|e| upload::UploadError::Storage(e.to_string()))?
        .map_err(|e| upload::UploadError::Storage(e.to_string()))?;
    let Some(seen) = seen else {
        return Ok(None);
    };
    if seen.sha256 != sha256 {
        return Err(upload::UploadError::KeyReused(seen.release.to_string()));
    }
    publish::load_release(state, &seen.release).await
}
