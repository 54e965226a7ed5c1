//! The S3-compatible bucket backend (`--storage s3://bucket/prefix`), through `object_store`.
//!
//! ```text
//! <prefix>/releases/<id>.json        the record: {"blob": B, "release": {...}}; written LAST,
//!                                    it is the commit point (a release exists iff its record does)
//! <prefix>/blobs/<B>/app.ipa         the uploaded bytes (a multipart upload while staging)
//! <prefix>/blobs/<B>/icon*.png       the converted icons
//! <prefix>/records/<kind>/<name>     other records (Backend::put_record), e.g. share links
//! <prefix>/records/documents/<name>  documents (Backend::write_document: the share links)
//! <prefix>/staging/<B>.json          an upload under way: {"upload_id": ..., "started": secs};
//!                                    removed on commit or failure; what the sweep looks at
//! ```
//! Staging streams the IPA into a multipart upload part by part as it arrives (fed by the same
//! bounded channel as the local file, see `http::upload`), so memory stays at one part
//! ([`PART`]) per upload. A failed or cut upload aborts its multipart upload and removes its
//! blob and marker at once; a node killed mid-upload leaves a marker, and the sweep (at start
//! and every [`SWEEP_EVERY`], on every node) aborts the uploads whose marker is older than the
//! sweep age and removes blobs no record and no marker names.
//!
//! Several nodes share one bucket without talking to each other: each lists `releases/` every
//! sync interval, fetches the records it does not know and drops the ones gone. Records are
//! immutable, so a listing (keys only) is all a node needs to converge.
//!
//! The backend's methods are synchronous (the [`Backend`] contract); they run on blocking
//! threads (`spawn_blocking`) and drive the async client with the runtime handle captured at
//! open.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::multipart::{MultipartStore, PartId};
use object_store::path::Path as ObjPath;
use object_store::signer::Signer;
use object_store::{GetOptions, GetRange, MultipartId, ObjectStore, ObjectStoreExt, PutPayload};
use serde::{Deserialize, Serialize};
use tokio::runtime::Handle;

use super::{Asset, Backend, Located, Release, ReleaseId, Staged, StoreError, Upstream};
use crate::ipa::IconImages;

/// Size of each multipart part: S3's smallest (5 MiB for all but the last), the memory one
/// upload holds beyond the local folder's pipeline. 10,000 parts make 48 GiB, far above
/// `--max-upload`.
pub const PART: usize = 5 * 1024 * 1024;
/// How often each node sweeps stale uploads and orphaned blobs.
pub const SWEEP_EVERY: Duration = Duration::from_secs(600);

/// Where in which bucket: parsed from `s3://bucket/prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    pub bucket: String,
    /// Without leading or trailing slash; may be empty.
    pub prefix: String,
}

impl S3Location {
    pub fn parse(url: &str) -> Result<S3Location, String> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| format!("storage {url:?}: expected s3://bucket/prefix"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let ok_bucket = !bucket.is_empty()
            && bucket
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
        if !ok_bucket {
            return Err(format!("storage {url:?}: bad bucket name {bucket:?}"));
        }
        let prefix = prefix.trim_matches('/').to_string();
        if prefix.split('/').any(|s| s == "." || s == "..")
            || (!prefix.is_empty() && prefix.split('/').any(str::is_empty))
        {
            return Err(format!("storage {url:?}: bad prefix {prefix:?}"));
        }
        Ok(S3Location {
            bucket: bucket.to_string(),
            prefix,
        })
    }
}

impl std::fmt::Display for S3Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.prefix)
    }
}

/// The client for a bucket, configured from the standard AWS variables (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT_URL`, `AWS_ALLOW_HTTP`, ...).
pub fn client(loc: &S3Location) -> Result<Arc<AmazonS3>, StoreError> {
    let mut b = AmazonS3Builder::from_env().with_bucket_name(&loc.bucket);
    if std::env::var_os("AWS_REGION").is_none() && std::env::var_os("AWS_DEFAULT_REGION").is_none()
    {
        b = b.with_region("us-east-1");
    }
    b.build()
        .map(Arc::new)
        .map_err(|e| StoreError::Remote(e.to_string()))
}

#[derive(Serialize, Deserialize)]
struct Record {
    blob: String,
    release: Release,
}

#[derive(Serialize, Deserialize)]
struct Marker {
    upload_id: String,
    started: i64,
}

/// One release's object in the bucket, for serving.
#[derive(Clone)]
pub struct ObjectRef {
    store: Arc<AmazonS3>,
    path: ObjPath,
}

impl ObjectRef {
    /// The bytes `start..start+len` as a stream.
    pub async fn stream(
        &self,
        start: u64,
        len: u64,
    ) -> io::Result<futures_util::stream::BoxStream<'static, io::Result<Bytes>>> {
        let opts = GetOptions {
            range: Some(GetRange::Bounded(start..start + len)),
            ..Default::default()
        };
        let got = self.store.get_opts(&self.path, opts).await.map_err(to_io)?;
        Ok(got.into_stream().map_err(to_io).boxed())
    }

    /// The whole object in memory (icons: a few KB).
    pub async fn bytes(&self) -> io::Result<Bytes> {
        self.store
            .get(&self.path)
            .await
            .map_err(to_io)?
            .bytes()
            .await
            .map_err(to_io)
    }

    /// A presigned GET URL valid for `ttl`.
    pub async fn presigned(&self, ttl: Duration) -> io::Result<String> {
        self.store
            .signed_url(http::Method::GET, &self.path, ttl)
            .await
            .map(|u| u.to_string())
            .map_err(to_io)
    }
}

/// Runs `fut` to completion from synchronous code: on a blocking thread directly, on a runtime
/// worker (a handler that calls the store, like the share links' document) through
/// `block_in_place`, so the worker's other tasks move elsewhere meanwhile.
fn wait<F: std::future::Future>(rt: &Handle, fut: F) -> F::Output {
    match Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(|| rt.block_on(fut))
        }
        _ => rt.block_on(fut),
    }
}

fn to_io(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        other => io::Error::other(other),
    }
}

fn remote(e: object_store::Error) -> StoreError {
    StoreError::Remote(e.to_string())
}

pub struct S3Backend {
    store: Arc<AmazonS3>,
    loc: S3Location,
    rt: Handle,
    /// Node-local scratch folder: the IPA is also written there while it streams in, for the
    /// inspection (which needs random access); removed with the upload.
    scratch: PathBuf,
    /// Every known release: its blob, its record as last read, and the record's version
    /// (ETag), so a sync re-reads a record only when it was rewritten (notes edited).
    known: Mutex<HashMap<ReleaseId, Known>>,
    sweep_age: Duration,
}

impl S3Backend {
    /// Connects, checks the bucket answers (a listing), and sweeps once. Must run on a blocking
    /// thread of a Tokio runtime (or outside any runtime with `rt` given).
    pub fn open(
        loc: S3Location,
        scratch: PathBuf,
        sweep_age: Duration,
        rt: Handle,
    ) -> Result<Self, StoreError> {
        let store = client(&loc)?;
        if scratch.exists() {
            std::fs::remove_dir_all(&scratch)?;
        }
        std::fs::create_dir_all(&scratch)?;
        let b = S3Backend {
            store,
            loc,
            rt,
            scratch,
            known: Mutex::new(HashMap::new()),
            sweep_age,
        };
        wait(&b.rt, b.store.list_with_delimiter(Some(&b.key("releases"))))
            .map_err(|e| StoreError::Remote(format!("{}: {e}", b.loc)))?;
        if let Err(e) = b.sweep() {
            tracing::warn!(error = %e, "storage sweep failed");
        }
        Ok(b)
    }

    fn key(&self, rel: &str) -> ObjPath {
        if self.loc.prefix.is_empty() {
            ObjPath::from(rel)
        } else {
            ObjPath::from(format!("{}/{rel}", self.loc.prefix))
        }
    }

    fn blob_key(&self, blob: &str, asset: Asset) -> ObjPath {
        self.key(&format!("blobs/{blob}/{}", asset.file_name()))
    }

    fn known(&self) -> std::sync::MutexGuard<'_, HashMap<ReleaseId, Known>> {
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every key under `rel/` (full listing, paginated by the client).
    fn list(&self, rel: &str) -> Result<Vec<object_store::ObjectMeta>, StoreError> {
        let prefix = self.key(rel);
        wait(
            &self.rt,
            self.store.list(Some(&prefix)).try_collect::<Vec<_>>(),
        )
        .map_err(remote)
    }

    fn get_json<T: serde::de::DeserializeOwned>(&self, key: &ObjPath) -> Result<T, StoreError> {
        let bytes =
            wait(&self.rt, async { self.store.get(key).await?.bytes().await }).map_err(remote)?;
        serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path: PathBuf::from(key.to_string()),
            message: e.to_string(),
        })
    }

    fn put(&self, key: &ObjPath, bytes: Vec<u8>) -> Result<(), StoreError> {
        wait(&self.rt, self.store.put(key, PutPayload::from(bytes)))
            .map(|_| ())
            .map_err(remote)
    }

    fn delete_blob(&self, blob: &str) -> Result<(), StoreError> {
        for asset in [
            Asset::Ipa,
            Asset::Icon,
            Asset::IconSmall,
            Asset::IconLarge,
            Asset::IconDark,
        ] {
            match wait(&self.rt, self.store.delete(&self.blob_key(blob, asset))) {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(remote(e)),
            }
        }
        Ok(())
    }

    /// Aborts uploads whose marker is older than the sweep age, and removes blobs that no
    /// record and no marker names and that are older than the sweep age. Returns how many
    /// uploads and blobs it removed.
    pub fn sweep(&self) -> Result<(usize, usize), StoreError> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let age = self.sweep_age.as_secs() as i64;
        let mut live = HashSet::new();
        let mut aborted = 0;
        for meta in self.list("staging")? {
            let Some(blob) = meta
                .location
                .filename()
                .and_then(|f| f.strip_suffix(".json"))
                .map(str::to_string)
            else {
                continue;
            };
            let marker: Option<Marker> = self.get_json(&meta.location).ok();
            let started = marker
                .as_ref()
                .map_or(meta.last_modified.timestamp(), |m| m.started);
            if now - started < age {
                live.insert(blob);
                continue;
            }
            if let Some(m) = marker {
                let id = MultipartId::from(m.upload_id);
                let _ = wait(
                    &self.rt,
                    self.store
                        .abort_multipart(&self.blob_key(&blob, Asset::Ipa), &id),
                );
            }
            self.delete_blob(&blob)?;
            let _ = wait(&self.rt, self.store.delete(&meta.location));
            aborted += 1;
        }
        let referenced: HashSet<String> = {
            // What the bucket's records name (fresh: another node may have just committed).
            self.load_records()?;
            self.known().values().map(|k| k.blob.clone()).collect()
        };
        let mut orphans = HashMap::<String, i64>::new();
        for meta in self.list("blobs")? {
            let parts: Vec<_> = meta.location.parts().collect();
            let n = parts.len();
            if n < 2 {
                continue;
            }
            let blob = parts[n - 2].as_ref().to_string();
            if referenced.contains(&blob) || live.contains(&blob) {
                continue;
            }
            let t = meta.last_modified.timestamp();
            let e = orphans.entry(blob).or_insert(t);
            *e = (*e).max(t);
        }
        let mut removed = 0;
        for (blob, newest) in orphans {
            if now - newest >= age {
                self.delete_blob(&blob)?;
                removed += 1;
            }
        }
        if aborted + removed > 0 {
            tracing::info!(
                aborted_uploads = aborted,
                orphaned_blobs = removed,
                "storage sweep"
            );
        }
        Ok((aborted, removed))
    }

    /// Lists the records, reads the new and the rewritten ones, forgets the gone ones.
    fn load_records(&self) -> Result<Vec<Release>, StoreError> {
        let mut present = Vec::new();
        for meta in self.list("releases")? {
            if let Some(id) = meta
                .location
                .filename()
                .and_then(|f| f.strip_suffix(".json"))
                .and_then(ReleaseId::parse)
            {
                present.push((id, version(&meta), meta.location));
            }
        }
        let stale: Vec<(ReleaseId, ObjPath)> = {
            let known = self.known();
            present
                .iter()
                .filter(|(id, v, _)| known.get(id).is_none_or(|k| &k.version != v))
                .map(|(id, _, key)| (id.clone(), key.clone()))
                .collect()
        };
        // Read new records a few at a time.
        let fetched: Vec<Result<(ReleaseId, Known), StoreError>> = wait(
            &self.rt,
            futures_util::stream::iter(stale.into_iter().map(|(id, key)| {
                let store = self.store.clone();
                async move { Ok((id, fetch_record(&store, &key).await?)) }
            }))
            .buffer_unordered(16)
            .collect(),
        );
        let mut known = self.known();
        for r in fetched {
            match r {
                Ok((id, k)) if k.release.id == id => {
                    known.insert(id, k);
                }
                Ok((id, _)) => {
                    tracing::warn!(%id, "record names another id; skipped")
                }
                // Deleted between the listing and the read: gone.
                Err(StoreError::Remote(e)) if e.contains("not found") => {}
                Err(e) => return Err(e),
            }
        }
        let ids: HashSet<&ReleaseId> = present.iter().map(|(id, _, _)| id).collect();
        known.retain(|id, _| ids.contains(id));
        Ok(known.values().map(|k| k.release.clone()).collect())
    }

    /// Writes a release's record (the commit point, or a notes edit) and remembers it.
    fn put_release(&self, blob: String, release: &Release) -> Result<(), StoreError> {
        let record = Record {
            blob: blob.clone(),
            release: release.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&record).map_err(io::Error::other)?;
        let key = self.key(&format!("releases/{}.json", release.id));
        let put = wait(&self.rt, self.store.put(&key, PutPayload::from(bytes))).map_err(remote)?;
        self.known().insert(
            release.id.clone(),
            Known {
                blob,
                release: release.clone(),
                version: put.e_tag.unwrap_or_default(),
            },
        );
        Ok(())
    }
}

/// A release as this node last read it from the bucket.
struct Known {
    blob: String,
    release: Release,
    version: String,
}

/// The version of an object as a listing shows it: its ETag, else its size and time.
fn version(meta: &object_store::ObjectMeta) -> String {
    meta.e_tag.clone().unwrap_or_else(|| {
        format!(
            "{}@{}",
            meta.size,
            meta.last_modified.timestamp_nanos_opt().unwrap_or_default()
        )
    })
}

async fn fetch_record(store: &AmazonS3, key: &ObjPath) -> Result<Known, StoreError> {
    let got = store.get(key).await.map_err(remote)?;
    let version = version(&got.meta);
    let bytes = got.bytes().await.map_err(remote)?;
    let rec: Record = serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
        path: PathBuf::from(key.to_string()),
        message: e.to_string(),
    })?;
    Ok(Known {
        blob: rec.blob,
        release: rec.release,
        version,
    })
}

/// A multipart upload fed part by part from the upload's blocking writer.
struct MultipartUpstream {
    store: Arc<AmazonS3>,
    rt: Handle,
    path: ObjPath,
    marker: ObjPath,
    blob_keys: Vec<ObjPath>,
    id: MultipartId,
    buf: BytesMut,
    parts: Vec<PartId>,
    completed: bool,
    kept: bool,
}

impl MultipartUpstream {
    fn flush_part(&mut self) -> io::Result<()> {
        let data = self.buf.split().freeze();
        let idx = self.parts.len();
        let part = wait(
            &self.rt,
            self.store
                .put_part(&self.path, &self.id, idx, PutPayload::from(data)),
        )
        .map_err(to_io)?;
        self.parts.push(part);
        Ok(())
    }
}

impl Upstream for MultipartUpstream {
    fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        if self.buf.capacity() < PART {
            // One allocation per part, not a doubling series of copies.
            self.buf.reserve(PART);
        }
        let mut rest = chunk;
        while !rest.is_empty() {
            let take = (PART - self.buf.len()).min(rest.len());
            self.buf.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.buf.len() == PART {
                self.flush_part()?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() || self.parts.is_empty() {
            self.flush_part()?;
        }
        let parts = std::mem::take(&mut self.parts);
        wait(
            &self.rt,
            self.store.complete_multipart(&self.path, &self.id, parts),
        )
        .map_err(to_io)?;
        self.completed = true;
        Ok(())
    }

    fn keep(&mut self) {
        self.kept = true;
    }
}

impl Drop for MultipartUpstream {
    fn drop(&mut self) {
        let store = self.store.clone();
        let marker = self.marker.clone();
        if self.kept {
            // Committed: only the marker goes.
            self.rt.spawn(async move {
                let _ = store.delete(&marker).await;
            });
            return;
        }
        let (path, id, completed) = (self.path.clone(), self.id.clone(), self.completed);
        let blobs = std::mem::take(&mut self.blob_keys);
        self.rt.spawn(async move {
            if !completed {
                if let Err(e) = store.abort_multipart(&path, &id).await {
                    tracing::warn!(error = %e, "aborting a multipart upload; the sweep will retry");
                    return;
                }
            }
            for k in blobs {
                let _ = store.delete(&k).await;
            }
            let _ = store.delete(&marker).await;
        });
    }
}

impl Backend for S3Backend {
    fn stage(&self) -> Result<Staged, StoreError> {
        let mut random = [0u8; 12];
        let _ = getrandom::getrandom(&mut random);
        let blob = hex::encode(random);
        let dir = self.scratch.join(&blob);
        std::fs::create_dir(&dir)?;
        let path = self.blob_key(&blob, Asset::Ipa);
        let marker = self.key(&format!("staging/{blob}.json"));
        let id = wait(&self.rt, self.store.create_multipart(&path)).map_err(remote)?;
        let m = Marker {
            upload_id: id.clone(),
            started: time::OffsetDateTime::now_utc().unix_timestamp(),
        };
        let up = MultipartUpstream {
            store: self.store.clone(),
            rt: self.rt.clone(),
            path,
            marker: marker.clone(),
            blob_keys: [
                Asset::Ipa,
                Asset::Icon,
                Asset::IconSmall,
                Asset::IconLarge,
                Asset::IconDark,
            ]
            .into_iter()
            .map(|a| self.blob_key(&blob, a))
            .collect(),
            id,
            buf: BytesMut::new(),
            parts: Vec::new(),
            completed: false,
            kept: false,
        };
        // The marker before any byte: a crash from here on is found by the sweep.
        self.put(&marker, serde_json::to_vec(&m).map_err(io::Error::other)?)?;
        Ok(Staged {
            dir,
            committed: false,
            upstream: Some(Box::new(up)),
            blob: Some(blob),
        })
    }

    fn commit(
        &self,
        mut staged: Staged,
        release: &Release,
        icons: Option<&IconImages>,
    ) -> Result<(), StoreError> {
        let blob = staged
            .blob
            .clone()
            .ok_or_else(|| StoreError::Remote("staged upload has no blob".into()))?;
        if let Some(icons) = icons {
            for (asset, bytes) in [
                (Asset::Icon, &icons.original),
                (Asset::IconSmall, &icons.small),
                (Asset::IconLarge, &icons.large),
            ] {
                self.put(&self.blob_key(&blob, asset), bytes.clone())?;
            }
            if let Some(dark) = &icons.dark {
                self.put(&self.blob_key(&blob, Asset::IconDark), dark.clone())?;
            }
        }
        self.put_release(blob, release)?;
        if let Some(up) = staged.upstream.as_mut() {
            up.keep();
        }
        staged.committed = true;
        Ok(())
    }

    /// One PUT of the record over the old one (S3 replaces an object whole), same blob.
    fn rewrite(&self, release: &Release) -> Result<(), StoreError> {
        let blob = self
            .known()
            .get(&release.id)
            .map(|k| k.blob.clone())
            .ok_or_else(|| StoreError::Remote(format!("no record for release {}", release.id)))?;
        self.put_release(blob, release)
    }

    fn load_all(&self) -> Result<Vec<Release>, StoreError> {
        self.load_records()
    }

    fn load_one(&self, id: &ReleaseId) -> Result<Option<Release>, StoreError> {
        let key = self.key(&format!("releases/{id}.json"));
        match wait(&self.rt, fetch_record(&self.store, &key)) {
            Ok(k) if &k.release.id == id => {
                let release = k.release.clone();
                self.known().insert(id.clone(), k);
                Ok(Some(release))
            }
            Ok(_) => Ok(None),
            Err(StoreError::Remote(e)) if e.contains("not found") => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn is_shared(&self) -> bool {
        true
    }

    fn sweep(&self) -> Result<(), StoreError> {
        S3Backend::sweep(self).map(|_| ())
    }

    fn asset(&self, id: &ReleaseId, asset: Asset) -> Option<Located> {
        let known = self.known();
        let k = known.get(id)?;
        if asset != Asset::Ipa && !k.release.has_icon {
            return None;
        }
        Some(Located::Object(ObjectRef {
            store: self.store.clone(),
            path: self.blob_key(&k.blob, asset),
        }))
    }

    fn read_document(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        if !super::record_name_ok(name) {
            return Err(StoreError::Remote(format!("bad document name {name:?}")));
        }
        self.get_record("documents", name)
    }

    /// One PUT: S3 replaces an object whole, so readers see the old or the new document.
    /// Two nodes writing at once: the last write wins (no If-Match here yet).
    fn write_document(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        if !super::record_name_ok(name) {
            return Err(StoreError::Remote(format!("bad document name {name:?}")));
        }
        self.put_record("documents", name, bytes)
    }

    fn put_record(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        self.put(&self.key(&format!("records/{kind}/{name}")), bytes.to_vec())
    }

    fn get_record(&self, kind: &str, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let key = self.key(&format!("records/{kind}/{name}"));
        match wait(&self.rt, async {
            self.store.get(&key).await?.bytes().await
        }) {
            Ok(b) => Ok(Some(b.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(remote(e)),
        }
    }

    /// Sixteen reads at a time (a node catching up on many changed links).
    fn get_records(
        &self,
        kind: &str,
        names: &[String],
    ) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
        let keys: Vec<ObjPath> = names
            .iter()
            .map(|n| self.key(&format!("records/{kind}/{n}")))
            .collect();
        wait(
            &self.rt,
            futures_util::stream::iter(keys.into_iter().map(|key| {
                let store = self.store.clone();
                async move {
                    match async { store.get(&key).await?.bytes().await }.await {
                        Ok(b) => Ok(Some(b.to_vec())),
                        Err(object_store::Error::NotFound { .. }) => Ok(None),
                        Err(e) => Err(remote(e)),
                    }
                }
            }))
            .buffered(16)
            .try_collect(),
        )
    }

    fn delete_record(&self, kind: &str, name: &str) -> Result<(), StoreError> {
        let key = self.key(&format!("records/{kind}/{name}"));
        match wait(&self.rt, self.store.delete(&key)) {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(remote(e)),
        }
    }

    fn list_record_versions(&self, kind: &str) -> Result<Vec<super::RecordMeta>, StoreError> {
        Ok(self
            .list(&format!("records/{kind}"))?
            .into_iter()
            .filter_map(|m| {
                let name = m.location.filename()?.to_string();
                super::record_name_ok(&name).then(|| super::RecordMeta {
                    version: version(&m),
                    modified: m.last_modified.timestamp(),
                    name,
                })
            })
            .collect())
    }

    /// `If-None-Match: *`: of two nodes creating the same record at once, one wins.
    fn create_record(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<bool, StoreError> {
        let key = self.key(&format!("records/{kind}/{name}"));
        let opts = object_store::PutOptions {
            mode: object_store::PutMode::Create,
            ..Default::default()
        };
        match wait(
            &self.rt,
            self.store
                .put_opts(&key, PutPayload::from(bytes.to_vec()), opts),
        ) {
            Ok(_) => Ok(true),
            Err(object_store::Error::AlreadyExists { .. })
            | Err(object_store::Error::Precondition { .. }) => Ok(false),
            Err(e) => Err(remote(e)),
        }
    }

    fn list_records(&self, kind: &str) -> Result<Vec<String>, StoreError> {
        let mut names: Vec<String> = self
            .list(&format!("records/{kind}"))?
            .into_iter()
            .filter_map(|m| m.location.filename().map(str::to_string))
            .filter(|n| super::record_name_ok(n))
            .collect();
        names.sort();
        Ok(names)
    }

    fn delete(&self, id: &ReleaseId) -> Result<(), StoreError> {
        let blob = self.known().get(id).map(|k| k.blob.clone());
        // The record first: from then on the release does not exist for any node.
        match wait(
            &self.rt,
            self.store.delete(&self.key(&format!("releases/{id}.json"))),
        ) {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => return Err(remote(e)),
        }
        self.known().remove(id);
        if let Some(blob) = blob {
            // Left behind on failure: an orphan, which the sweep removes.
            if let Err(e) = self.delete_blob(&blob) {
                tracing::warn!(error = %e, "removing a deleted release's objects");
            }
        }
        Ok(())
    }
}

/// Copies one local release into the bucket (for `otadrop migrate`): the IPA by multipart
/// upload, hashed on the way and checked against the record's SHA-256, then the icons, then the
/// record. Returns false when the record is already in the bucket (nothing to do).
pub async fn copy_release(
    store: &Arc<AmazonS3>,
    loc: &S3Location,
    release: &Release,
    files: &std::path::Path,
) -> Result<bool, StoreError> {
    use sha2::{Digest, Sha256};
    use tokio::io::AsyncReadExt;
    let key = |rel: String| {
        if loc.prefix.is_empty() {
            ObjPath::from(rel)
        } else {
            ObjPath::from(format!("{}/{rel}", loc.prefix))
        }
    };
    let record_key = key(format!("releases/{}.json", release.id));
    match store.head(&record_key).await {
        Ok(_) => return Ok(false),
        Err(object_store::Error::NotFound { .. }) => {}
        Err(e) => return Err(remote(e)),
    }
    // The blob is named after the release: a rerun after a cut overwrites the same objects.
    let blob = format!("migrated-{}", release.id);
    let ipa_key = key(format!("blobs/{blob}/app.ipa"));
    let mut file = tokio::fs::File::open(files.join(Asset::Ipa.file_name())).await?;
    let id = store.create_multipart(&ipa_key).await.map_err(remote)?;
    let result: Result<(String, u64), StoreError> = async {
        let mut hash = Sha256::new();
        let mut parts = Vec::new();
        let mut n = 0u64;
        loop {
            let mut buf = BytesMut::with_capacity(PART);
            while buf.len() < PART {
                if file.read_buf(&mut buf).await? == 0 {
                    break;
                }
            }
            if buf.is_empty() && !parts.is_empty() {
                break;
            }
            let last = buf.len() < PART;
            hash.update(&buf);
            n += buf.len() as u64;
            let part = store
                .put_part(&ipa_key, &id, parts.len(), PutPayload::from(buf.freeze()))
                .await
                .map_err(remote)?;
            parts.push(part);
            if last {
                break;
            }
        }
        let sha = hex::encode(hash.finalize());
        if sha != release.sha256 || n != release.size {
            return Err(StoreError::Corrupt {
                path: files.to_path_buf(),
                message: format!(
                    "app.ipa has SHA-256 {sha} ({n} bytes) but the record says {} ({} bytes)",
                    release.sha256, release.size
                ),
            });
        }
        store
            .complete_multipart(&ipa_key, &id, parts)
            .await
            .map_err(remote)?;
        Ok((sha, n))
    }
    .await;
    if let Err(e) = result {
        let _ = store.abort_multipart(&ipa_key, &id).await;
        return Err(e);
    }
    let meta = store.head(&ipa_key).await.map_err(remote)?;
    if meta.size != release.size {
        return Err(StoreError::Remote(format!(
            "{ipa_key}: {} bytes in the bucket, {} expected",
            meta.size, release.size
        )));
    }
    if release.has_icon {
        let dark = release.has_dark_icon().then_some(Asset::IconDark);
        for asset in [Asset::Icon, Asset::IconSmall, Asset::IconLarge]
            .into_iter()
            .chain(dark)
        {
            let bytes = tokio::fs::read(files.join(asset.file_name())).await?;
            store
                .put(
                    &key(format!("blobs/{blob}/{}", asset.file_name())),
                    PutPayload::from(bytes),
                )
                .await
                .map_err(remote)?;
        }
    }
    let record = Record {
        blob,
        release: release.clone(),
    };
    let bytes = serde_json::to_vec_pretty(&record).map_err(io::Error::other)?;
    store
        .put(&record_key, PutPayload::from(bytes))
        .await
        .map_err(remote)?;
    Ok(true)
}

/// Copies `<data>/<name>` to the bucket's document `name` when the file exists and the bucket
/// has no such document yet. Returns whether it copied.
pub async fn copy_document(
    store: &Arc<AmazonS3>,
    loc: &S3Location,
    data: &std::path::Path,
    name: &str,
) -> Result<bool, StoreError> {
    let bytes = match tokio::fs::read(data.join(name)).await {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    let rel = format!("records/documents/{name}");
    let key = if loc.prefix.is_empty() {
        ObjPath::from(rel)
    } else {
        ObjPath::from(format!("{}/{rel}", loc.prefix))
    };
    match store.head(&key).await {
        Ok(_) => return Ok(false),
        Err(object_store::Error::NotFound { .. }) => {}
        Err(e) => return Err(remote(e)),
    }
    store
        .put(&key, PutPayload::from(bytes))
        .await
        .map_err(remote)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// s3s-fs on 127.0.0.1 over a temporary root (installed by tests/tools/setup-s3.sh); None
    /// (skipped) when missing, a failure under CI=true.
    fn s3s_fs() -> Option<(std::process::Child, u16, tempfile::TempDir)> {
        let root = std::env::var_os("OTADROP_TOOLS")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/otadrop-tools"))
            })?;
        let bin = root.join("bin/s3s-fs");
        if !bin.is_file() {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            assert!(!ci, "s3s-fs is missing: run tests/tools/setup-s3.sh");
            eprintln!("skipped: s3s-fs is missing");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("bkt")).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new(bin)
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--access-key",
                "k",
                "--secret-key",
                "secret-key-1234",
            ])
            .arg(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        for _ in 0..400 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Some((child, port, dir))
    }

    /// A backend on `url` of the s3s-fs on `port`, with the runtime it drives and its scratch
    /// folder (keep both alive).
    fn backend(port: u16, url: &str) -> (S3Backend, tokio::runtime::Runtime, tempfile::TempDir) {
        // The variables the backend reads (this test binary's other tests do not use them).
        std::env::set_var("AWS_ACCESS_KEY_ID", "k");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "secret-key-1234");
        std::env::set_var("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"));
        std::env::set_var("AWS_ALLOW_HTTP", "true");
        let rt = tokio::runtime::Runtime::new().unwrap();
        let scratch = tempfile::tempdir().unwrap();
        let backend = S3Backend::open(
            S3Location::parse(url).unwrap(),
            scratch.path().join("s"),
            Duration::from_secs(60),
            rt.handle().clone(),
        )
        .unwrap();
        (backend, rt, scratch)
    }

    #[test]
    fn records_by_key_on_a_bucket() {
        let Some((mut child, port, _root)) = s3s_fs() else {
            return;
        };
        let (backend, _rt, _scratch) = backend(port, "s3://bkt/p");
        let store = crate::store::Store::open(backend).unwrap();
        assert!(store.is_shared());
        crate::store::check_records_by_key(&store, "z.json");
        assert!(store.put_record("share", "../x", b"x").is_err());
        assert!(store.is_empty());
        let _ = child.kill();
        let _ = child.wait();
    }

    /// The one conditional request the nodes rely on: a create (`If-None-Match: *`) that
    /// does not replace an existing object (idempotency keys, migrated share links).
    #[test]
    fn a_conditional_create_does_not_replace_a_record() {
        let Some((mut child, port, _root)) = s3s_fs() else {
            return;
        };
        let (backend, _rt, _scratch) = backend(port, "s3://bkt/c");
        assert!(backend.create_record("k", "one", b"first").unwrap());
        assert!(!backend.create_record("k", "one", b"second").unwrap());
        assert_eq!(
            backend.get_record("k", "one").unwrap().as_deref(),
            Some(&b"first"[..])
        );
        // Versions change with every write, so a node re-reads only what changed.
        let v1 = backend.list_record_versions("k").unwrap();
        backend.put_record("k", "one", b"third").unwrap();
        let v2 = backend.list_record_versions("k").unwrap();
        assert_eq!((v1.len(), v2.len()), (1, 1));
        assert_eq!(v1[0].name, "one");
        assert_ne!(v1[0].version, v2[0].version);
        assert!(v2[0].modified > 0);
        assert_eq!(
            backend
                .get_records("k", &["one".into(), "none".into()])
                .unwrap(),
            vec![Some(b"third".to_vec()), None]
        );
        let _ = child.kill();
        let _ = child.wait();
    }

    #[test]
    fn storage_urls_parse() {
        let l = S3Location::parse("s3://my-bucket/a/b/").unwrap();
        assert_eq!((l.bucket.as_str(), l.prefix.as_str()), ("my-bucket", "a/b"));
        let l = S3Location::parse("s3://b").unwrap();
        assert_eq!(l.prefix, "");
        for bad in [
            "b/x",
            "s3://",
            "s3:///x",
            "s3://b/../x",
            "s3://b/a//c",
            "s3://b c/x",
        ] {
            assert!(S3Location::parse(bad).is_err(), "{bad}");
        }
    }
}
