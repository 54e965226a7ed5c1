//! What the device's installer fetches: the manifest, the IPA and the icons. All immutable
//! (a release never changes), with strong validators.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use http::{Request, StatusCode};
use hyper::body::Incoming;
use sha2::{Digest, Sha256};

use super::compress::Variants;

use super::files::{self, Representation, Source, IMMUTABLE};
use super::response::{self, Resp};
use super::State;
use crate::store::{Asset, Release, ReleaseId};

fn last_modified(r: &Release) -> SystemTime {
    SystemTime::from(r.created)
}

pub async fn manifest(state: &Arc<State>, req: &Request<Incoming>, id: &ReleaseId) -> Resp {
    let Some(release) = state.store.get(id) else {
        return response::error(StatusCode::NOT_FOUND, "no release with that id");
    };
    let manifest = state.manifests.get_or_make(&release, || {
        let urls = state.config.public_url.release(id);
        Bytes::from(crate::manifest::manifest_xml(&release, &urls))
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
        return response::error(StatusCode::NOT_FOUND, "no release with that id");
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
    let Some(path) = state.store.asset_path(id, asset) else {
        return response::error(StatusCode::NOT_FOUND, "this release has no such file");
    };
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
    files::serve(
        req.method(),
        req.headers(),
        &rep,
        Source::File(&path),
        on_complete,
    )
    .await
}

/// A manifest with its variants and validator, made once per release.
pub struct Generated {
    pub variants: Variants,
    pub etag: String,
}

impl Generated {
    pub fn new(body: Bytes) -> Generated {
        Generated {
            etag: hex::encode(&Sha256::digest(&body)[..12]),
            variants: Variants::new(body),
        }
    }
}

/// Manifests by release. They embed the public URL, which is fixed for the process's life.
#[derive(Default)]
pub struct ManifestCache(std::sync::Mutex<std::collections::HashMap<ReleaseId, Arc<Generated>>>);

impl ManifestCache {
    pub fn get_or_make(&self, release: &Release, make: impl FnOnce() -> Bytes) -> Arc<Generated> {
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = lock().get(&release.id) {
            return hit.clone();
        }
        let made = Arc::new(Generated::new(make()));
        lock().insert(release.id.clone(), made.clone());
        made
    }

    pub fn forget(&self, id: &ReleaseId) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }
}
