//! The JSON API: list, read, upload and delete releases. Uploads and deletions need the
//! bearer token.

use std::sync::Arc;

use http::header::{HeaderValue, LOCATION, WWW_AUTHENTICATE};
use http::{Request, StatusCode};
use hyper::body::Incoming;
use serde::Serialize;

use super::metrics::UploadResult;
use super::response::{self, Resp};
use super::{publish, upload, State};
use crate::ipa::AppInfo;
use crate::store::{Release, ReleaseId};
use crate::urls::PublicUrl;

/// A release as the API shows it: the record plus every URL a client needs.
#[derive(Serialize)]
pub struct ReleaseJson<'a> {
    pub id: &'a ReleaseId,
    #[serde(with = "time::serde::rfc3339")]
    pub created: time::OffsetDateTime,
    pub app: &'a AppInfo,
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
    pub fn new(r: &'a Release, base: &PublicUrl) -> Self {
        let urls = base.release(&r.id);
        ReleaseJson {
            id: &r.id,
            created: r.created,
            app: &r.app,
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

pub fn list(state: &State) -> Resp {
    let all = state.store.list();
    let out: Vec<ReleaseJson<'_>> = all
        .iter()
        .map(|r| ReleaseJson::new(r, &state.config.public_url))
        .collect();
    response::json(StatusCode::OK, &out)
}

pub fn get(state: &State, id: &ReleaseId) -> Resp {
    match state.store.get(id) {
        Some(r) => response::json(
            StatusCode::OK,
            &ReleaseJson::new(&r, &state.config.public_url),
        ),
        None => response::error(StatusCode::NOT_FOUND, "no release with that id"),
    }
}

pub async fn create(state: &Arc<State>, req: Request<Incoming>) -> Resp {
    if let Some(denied) = deny_without_token(state, &req) {
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
        Ok(received) => publish::publish(state, received).await,
        Err(e) => Err(e),
    };
    match published {
        Ok(release) => {
            state.metrics.upload(UploadResult::Published, release.size);
            tracing::info!(id = %release.id, bundle = %release.app.bundle_id, version = %release.app.version, size = release.size, "release published");
            let view = ReleaseJson::new(&release, &state.config.public_url);
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
                tracing::error!(error = %e, "upload failed");
            } else {
                tracing::info!(error = %e, status = status.as_u16(), "upload refused");
            }
            response::error(status, &e.to_string())
        }
    }
}

pub async fn delete(state: &Arc<State>, req: &Request<Incoming>, id: &ReleaseId) -> Resp {
    if let Some(denied) = deny_without_token(state, req) {
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

/// Checks `Authorization: Bearer <token>` in constant time; the 401 answer when it fails.
fn deny_without_token<B>(state: &State, req: &Request<B>) -> Option<Resp> {
    let given = req
        .headers()
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    let deny = |msg: &str| {
        let mut r = response::error(StatusCode::UNAUTHORIZED, msg);
        r.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"otadrop\""),
        );
        r
    };
    match given {
        None => Some(deny(
            "missing upload token: send `Authorization: Bearer <token>` (the token is printed when the server starts)",
        )),
        Some(t) if constant_time_eq(t.as_bytes(), state.config.upload_token.as_bytes()) => None,
        Some(_) => Some(deny("wrong upload token")),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
