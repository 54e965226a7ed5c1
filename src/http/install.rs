//! What the device's installer fetches: the manifest, the IPA and the icons. All immutable
//! (a release never changes), with strong validators.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use headers::ETag;
use http::{Request, StatusCode};
use hyper::body::Incoming;
use sha2::{Digest, Sha256};

use super::files::{self, Representation, Source, IMMUTABLE};
use super::response::{self, Resp};
use super::State;
use crate::store::{Asset, Release, ReleaseId};

fn last_modified(r: &Release) -> SystemTime {
    SystemTime::from(r.created)
}

fn etag(tag: &str) -> ETag {
    // Tags are built from hex digests and fixed names: always valid.
    format!("\"{tag}\"")
        .parse()
        .unwrap_or_else(|_| unreachable!("hex etag {tag}"))
}

pub async fn manifest(state: &Arc<State>, req: &Request<Incoming>, id: &ReleaseId) -> Resp {
    let Some(release) = state.store.get(id) else {
        return response::error(StatusCode::NOT_FOUND, "no release with that id");
    };
    let urls = state.config.public_url.release(id);
    let xml = Bytes::from(crate::manifest::manifest_xml(&release, &urls));
    // The manifest embeds the public URL, so its validator is its content's hash.
    let tag = hex::encode(&Sha256::digest(&xml)[..12]);
    let rep = Representation {
        etag: etag(&tag),
        last_modified: last_modified(&release),
        content_type: "text/xml",
        cache_control: IMMUTABLE,
    };
    files::serve(req.method(), req.headers(), &rep, Source::Bytes(xml), None).await
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
        etag: etag(&tag),
        last_modified: last_modified(&release),
        content_type,
        cache_control: IMMUTABLE,
    };
    files::serve(req.method(), req.headers(), &rep, Source::File(&path), None).await
}
