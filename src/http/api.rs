//! The JSON API: list, read, upload and delete releases. Uploads and deletions need the
//! bearer token; listing and reading need a credential (or `--public-index`), and only the
//! admin sees a profile's device list (UDIDs).

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
    if let Some(denied) = auth::deny_without_token(state, req.headers()) {
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
        Ok(received) => match replayed(state, &received) {
            // Same key, same bytes, within a day: the release it made, not a second one.
            Ok(Some(release)) => {
                let view = ReleaseJson::new(&release, &state.config.public_url, true);
                return response::json(StatusCode::OK, &view);
            }
            Ok(None) => publish::publish(state, received).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match published {
        Ok(release) => {
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
    if let Some(denied) = auth::deny_without_token(state, req.headers()) {
        return denied;
    }
    let s = state.clone();
    let id2 = id.clone();
    match tokio::task::spawn_blocking(move || s.store.delete(&id2)).await {
        Ok(Ok(true)) => {
            state.forget(id);
            response::empty(StatusCode::NO_CONTENT)
        }
        Ok(Ok(false)) => response::error(StatusCode::NOT_FOUND, "no release with that id"),
        Ok(Err(e)) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(e) => response::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The release an earlier upload with the same `Idempotency-Key` and the same bytes made, if
/// it still exists; an error when the key was used for other bytes.
fn replayed(
    state: &State,
    received: &upload::Received,
) -> Result<Option<Arc<crate::store::Release>>, upload::UploadError> {
    let Some(key) = &received.idempotency_key else {
        return Ok(None);
    };
    let Some(seen) = state.store.recall(key) else {
        return Ok(None);
    };
    if seen.sha256 != received.sha256 {
        return Err(upload::UploadError::KeyReused(seen.release.to_string()));
    }
    Ok(state.store.get(&seen.release))
}
