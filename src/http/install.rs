//! What the device's installer fetches: the manifest, the IPA and the icons. All immutable
//! (a release never changes), with strong validators.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use http::{Request, StatusCode};
use hyper::body::Incoming;
use sha2::{Digest, Sha256};

use super::compress::{Level, Variants};

use super::errors::NOT_FOUND_PAGE;
use super::files::{self, Representation, Source, IMMUTABLE};
use super::response::{self, Resp};
use super::State;
use crate::config::IpaRedirect;
use crate::store::{Asset, Located, ObjectRef, Release, ReleaseId};

/// A release's files never change after the upload: their date is the release's.
fn last_modified(r: &Release) -> Option<SystemTime> {
    Some(SystemTime::from(r.created))
}

pub async fn manifest(state: &Arc<State>, req: &Request<Incoming>, id: &ReleaseId) -> Resp {
    let Some(release) = state.store.get(id) else {
        return response::error(StatusCode::NOT_FOUND, NOT_FOUND_PAGE);
    };
    let manifest = state.manifests.get_or_make(release.id.clone(), || {
        let urls = state.config.public_url.release(id);
        Arc::new(Generated::on_demand(Bytes::from(
            crate::manifest::manifest_xml(&release, &urls),
        )))
    });
    send_manifest(state, req, &release, &manifest, IMMUTABLE).await
}

/// The manifest of `release` naming `urls` (a share link's), made per request.
pub async fn shared_manifest(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: &Release,
    urls: &crate::urls::ReleaseUrls,
    cache_control: &'static str,
) -> Resp {
    let manifest = Generated::new(Bytes::from(crate::manifest::manifest_xml(release, urls)));
    send_manifest(state, req, release, &manifest, cache_control).await
}

async fn send_manifest(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: &Release,
    manifest: &Generated,
    cache_control: &'static str,
) -> Resp {
    state.metrics.install_started();
    if req.method() == http::Method::GET {
        let installer = req
            .headers()
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .and_then(crate::installs::installer);
        if let Some(who) = installer {
            state
                .installs
                .count(&release.id, &who, time::OffsetDateTime::now_utc());
        }
    }
    let rep = Representation {
        etag: manifest.etag.clone(),
        last_modified: last_modified(release),
        content_type: "text/xml",
        cache_control,
    };
    files::serve(
        req.method(),
        req.headers(),
        &rep,
        Source::Variants(&manifest.variants),
        None,
    )
    .await
}

pub async fn asset(
    state: &Arc<State>,
    req: &Request<Incoming>,
    id: &ReleaseId,
    asset: Asset,
) -> Resp {
    let Some(release) = state.store.get(id) else {
        return response::error(StatusCode::NOT_FOUND, NOT_FOUND_PAGE);
    };
    serve_asset(state, req, &release, asset, IMMUTABLE).await
}

/// A file of `release` (IPA, icon) with HEAD, Range and conditionals, cached as told.
pub async fn serve_asset(
    state: &Arc<State>,
    req: &Request<Incoming>,
    release: &Release,
    asset: Asset,
    cache_control: &'static str,
) -> Resp {
    let id = &release.id;
    let Some(located) = state.store.asset(id, asset) else {
        return response::error(StatusCode::NOT_FOUND, NOT_FOUND_PAGE);
    };
    if let (Located::Object(obj), Asset::Ipa, IpaRedirect::Presigned) =
        (&located, asset, state.config.ipa_redirect)
    {
        return presigned_redirect(state, obj).await;
    }
    let (tag, content_type) = match asset {
        Asset::Ipa => (
            release
                .sha256
                .get(..32)
                .unwrap_or(&release.sha256)
                .to_string(),
            "application/octet-stream",
        ),
        other => (
            format!(
                "{}-{}",
                release.id,
                other.file_name().trim_end_matches(".png")
            ),
            "image/png",
        ),
    };
    let rep = Representation {
        etag: tag,
        last_modified: last_modified(release),
        content_type,
        cache_control,
    };
    let on_complete: Option<Box<dyn FnOnce() + Send + Sync>> = match asset {
        Asset::Ipa => {
            let metrics = state.metrics.clone();
            Some(Box::new(move || metrics.ipa_download_completed()))
        }
        _ => None,
    };
    let source = match &located {
        Located::File(path) => Source::File(path),
        Located::Object(obj) if asset == Asset::Ipa => Source::Object(obj, release.size),
        // Icons are a few KB: read whole (and no IPA download to count).
        Located::Object(obj) => match obj.bytes().await {
            Ok(bytes) => Source::Bytes(bytes),
            Err(e) => return storage_error(e),
        },
    };
    files::serve(req.method(), req.headers(), &rep, source, on_complete).await
}

/// `--ipa-redirect presigned`: 302 to a short-lived presigned URL of the object, so the bytes
/// come from the bucket (or a CDN in front of it), not through this node.
async fn presigned_redirect(state: &Arc<State>, obj: &ObjectRef) -> Resp {
    match obj.presigned(state.config.presign_ttl).await {
        Ok(url) => match http::HeaderValue::from_str(&url) {
            Ok(location) => {
                state.metrics.ipa_download_completed();
                let mut r = response::empty(StatusCode::FOUND);
                r.headers_mut().insert(http::header::LOCATION, location);
                r.headers_mut().insert(
                    http::header::CACHE_CONTROL,
                    http::HeaderValue::from_static("no-store"),
                );
                r
            }
            Err(e) => storage_error(std::io::Error::other(e)),
        },
        Err(e) => storage_error(e),
    }
}

fn storage_error(e: std::io::Error) -> Resp {
    if e.kind() == std::io::ErrorKind::NotFound {
        return response::error(StatusCode::NOT_FOUND, NOT_FOUND_PAGE);
    }
    tracing::error!(error = %e, "reading from the bucket");
    response::error_page(
        StatusCode::BAD_GATEWAY,
        "the storage bucket did not answer; try again",
        crate::page::Msg::new("error-storage"),
    )
}

/// A manifest with its variants and validator, made once per release.
pub struct Generated {
    pub variants: Variants,
    pub etag: String,
}

impl super::cache::Weight for Generated {
    fn weight(&self) -> u64 {
        self.variants.len() as u64 + self.etag.len() as u64
    }
}

impl Generated {
    /// Made once per process (static files): compressed at the best settings.
    pub fn new(body: Bytes) -> Generated {
        Self::with_level(body, Level::Best)
    }

    /// Made on demand (pages, manifests): compressed at cheaper settings.
    pub fn on_demand(body: Bytes) -> Generated {
        Self::with_level(body, Level::OnDemand)
    }

    fn with_level(body: Bytes, level: Level) -> Generated {
        Generated {
            etag: hex::encode(&Sha256::digest(&body)[..12]),
            variants: Variants::with_level(body, level),
        }
    }
}
