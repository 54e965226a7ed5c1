//! Where releases live: the catalogue in memory, the bytes behind a [`Backend`].
//!
//! A release's files are written once and never changed. Its record changes in one way only:
//! its notes can be edited ([`Store::edit_notes`]), which rewrites the record atomically through
//! the backend ([`Backend::rewrite`]); whoever caches something derived from the notes (pages)
//! drops it then. An upload is first *staged* (written to a private
//! place nobody serves) and then *committed* in one atomic step; a staged upload that is
//! dropped, or left behind by a crash, never becomes visible and is removed.

pub mod channel;
mod id;
pub mod idempotency;
mod local;
pub mod s3;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use crate::ipa::{AppInfo, IconImages};

pub use id::ReleaseId;
pub use idempotency::{KeyRecord, Remembered};
pub use local::LocalBackend;
pub use s3::{ObjectRef, S3Backend, S3Location};

/// One uploaded build: what it is, plus what the upload itself was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub id: ReleaseId,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    /// Hex SHA-256 of the IPA bytes.
    pub sha256: String,
    pub size: u64,
    /// Release notes, Markdown as sent (rendered and sanitised by the pages).
    pub notes: Option<String>,
    /// The channel the build was published to (`default`, `beta`, `qa`...): see [`channel`].
    #[serde(default = "channel::default_string")]
    pub channel: String,
    /// When the notes were last edited (absent until they are).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub edited: Option<OffsetDateTime>,
    pub app: AppInfo,
    /// The release has `icon.png`, `icon-57.png` and `icon-512.png`.
    pub has_icon: bool,
}

impl Release {
    /// Checks what the code relies on and a hand-edited record could break: the hash is what
    /// the ETag is built from, so it must be 64 lowercase hex digits.
    pub fn validate(&self) -> Result<(), String> {
        let hex =
            |s: &str| s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !hex(&self.sha256) {
            return Err(format!(
                "sha256 is not 64 lowercase hex digits: {:?}",
                self.sha256
            ));
        }
        Ok(())
    }

    /// The release also has `icon-dark.png` (the asset catalog's dark appearance).
    pub fn has_dark_icon(&self) -> bool {
        self.has_icon && self.app.icon.as_ref().is_some_and(|i| i.dark)
    }
}

/// The files of a release that are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Asset {
    Ipa,
    Icon,
    IconSmall,
    IconLarge,
    /// The dark-appearance icon at its own size, when the app has one.
    IconDark,
}

impl Asset {
    pub fn file_name(self) -> &'static str {
        match self {
            Asset::Ipa => "app.ipa",
            Asset::Icon => "icon.png",
            Asset::IconSmall => "icon-57.png",
            Asset::IconLarge => "icon-512.png",
            Asset::IconDark => "icon-dark.png",
        }
    }
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
    #[error("storage: {0}")]
    Remote(String),
    #[error("storage: release record {path}: {message}")]
    Corrupt { path: PathBuf, message: String },
}

/// Where an upload's bytes go besides the staged file, as they arrive: an S3 multipart
/// upload. Dropped without [`Upstream::keep`], it undoes itself (aborts, removes its objects).
pub trait Upstream: Send {
    fn write(&mut self, chunk: &[u8]) -> std::io::Result<()>;
    /// All bytes given: make them one object (still invisible until the commit).
    fn finish(&mut self) -> std::io::Result<()>;
    /// The upload was committed: keep what was written.
    fn keep(&mut self);
}

/// An upload being written. Dropping it without [`Store::commit`] removes it.
pub struct Staged {
    /// The staged files (for the local folder, the release folder to be; for a bucket, a
    /// scratch copy read by the inspection and removed with the upload).
    pub(crate) dir: PathBuf,
    pub(crate) committed: bool,
    /// The backend's stream for the IPA bytes, if it has one; the upload's writer takes it
    /// ([`Staged::take_upstream`]) and gives it back once finished.
    pub(crate) upstream: Option<Box<dyn Upstream>>,
    /// The bucket backend's name for the upload's objects.
    pub(crate) blob: Option<String>,
}

impl std::fmt::Debug for Staged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staged")
            .field("dir", &self.dir)
            .field("committed", &self.committed)
            .field("blob", &self.blob)
            .finish()
    }
}

impl Staged {
    /// Where the IPA bytes are written while the upload streams in.
    pub fn ipa_path(&self) -> PathBuf {
        self.dir.join(Asset::Ipa.file_name())
    }

    pub fn take_upstream(&mut self) -> Option<Box<dyn Upstream>> {
        self.upstream.take()
    }

    pub fn put_upstream(&mut self, up: Option<Box<dyn Upstream>>) {
        if up.is_some() {
            self.upstream = up;
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // A bucket's staged folder is only a scratch copy: it goes even after the commit.
        if !self.committed || self.blob.is_some() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Whether `s` may be a record's kind or name: 1 to 128 of `[A-Za-z0-9._-]`, not starting with
/// a dot (no hidden files, no `..`), so it is safe as a file name and as an object key part.
pub fn record_name_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && !s.starts_with('.')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn check_record(kind: &str, name: &str) -> Result<(), StoreError> {
    if record_name_ok(kind) && record_name_ok(name) {
        Ok(())
    } else {
        Err(StoreError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("invalid record key {kind:?}/{name:?}"),
        )))
    }
}

/// A record's name and version, from [`Backend::list_record_versions`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordMeta {
    pub name: String,
    /// Changes when the record is rewritten (empty where nobody else writes).
    pub version: String,
    /// Last written, seconds since the epoch (0 where unknown).
    pub modified: i64,
}

/// What a [`Store::sync`] changed in this node's catalogue.
#[derive(Debug, Default)]
pub struct Synced {
    /// Releases deleted elsewhere.
    pub gone: Vec<ReleaseId>,
    /// Releases whose record was rewritten elsewhere (notes edited).
    pub changed: Vec<ReleaseId>,
}

/// Where a release's file is, for serving it.
pub enum Located {
    /// A file on this machine (sent from the open file).
    File(PathBuf),
    /// An object in a bucket (streamed, or redirected to with a presigned URL).
    Object(ObjectRef),
}

/// The storage interface: the local folder ([`LocalBackend`]) or an S3-compatible bucket
/// ([`S3Backend`]). Methods may block (file system, network): call them from blocking threads.
pub trait Backend: Send + Sync + 'static {
    /// A fresh private place for an incoming upload.
    fn stage(&self) -> Result<Staged, StoreError>;
    /// Make a staged upload visible as `release`, with its icons, in one atomic step.
    fn commit(
        &self,
        staged: Staged,
        release: &Release,
        icons: Option<&IconImages>,
    ) -> Result<(), StoreError>;
    /// Replaces the record of a committed release (same id) in one atomic step: a reader, or a
    /// crash, sees the old record or the new one, never a mix. Its files are left as they are.
    fn rewrite(&self, release: &Release) -> Result<(), StoreError>;
    /// Every committed release, in no particular order. A record that cannot be read is
    /// logged with its path and left out (counted by [`Backend::unreadable`]), never an error
    /// that takes the other releases offline.
    fn load_all(&self) -> Result<Vec<Release>, StoreError>;
    /// How many records the last [`Backend::load_all`] left out.
    fn unreadable(&self) -> usize {
        0
    }
    /// Called after every change with the whole catalogue, so a backend can keep an index that
    /// makes the next [`Backend::load_all`] fast. The index is only a cache: failing to write
    /// it must not fail the change.
    fn save_index(&self, _all: &[Arc<Release>]) -> Result<(), StoreError> {
        Ok(())
    }
    /// The remembered `Idempotency-Key`s ([`idempotency`]), expired ones included.
    fn load_keys(&self) -> Result<Vec<KeyRecord>, StoreError> {
        Ok(Vec::new())
    }
    /// Replaces the remembered keys, atomically (a reader sees the old list or the new one).
    fn save_keys(&self, _keys: &[KeyRecord]) -> Result<(), StoreError> {
        Ok(())
    }
    /// Where a release's file is, if it has one. Never blocks (answered from memory or one
    /// `stat`).
    fn asset(&self, id: &ReleaseId, asset: Asset) -> Option<Located>;
    fn delete(&self, id: &ReleaseId) -> Result<(), StoreError>;
    /// Whether other processes change this storage (several nodes on one bucket), so the
    /// catalogue must be re-read periodically ([`Store::sync`]).
    fn is_shared(&self) -> bool {
        false
    }
    /// Small records other than releases (share links, ...), by `kind` and `name` (both
    /// checked with [`record_name_ok`]): written whole, read whole; on a bucket every node sees
    /// them, so state that all nodes must agree on belongs here, not on a node's disk.
    fn put_record(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<(), StoreError>;
    /// `None` when there is no such record.
    fn get_record(&self, kind: &str, name: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Several records of `kind` at once, in the order of `names` (`None` for one that is
    /// not there). A bucket reads them concurrently.
    fn get_records(
        &self,
        kind: &str,
        names: &[String],
    ) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
        names.iter().map(|n| self.get_record(kind, n)).collect()
    }
    /// Removing a record that does not exist is not an error.
    fn delete_record(&self, kind: &str, name: &str) -> Result<(), StoreError>;
    /// The names of every record of `kind`.
    fn list_records(&self, kind: &str) -> Result<Vec<String>, StoreError>;
    /// Every record of `kind` with a version that changes whenever the record is rewritten
    /// (the bucket's ETag), so a node re-reads only what changed. The local folder, which no
    /// other process changes, gives its names with an empty version.
    fn list_record_versions(&self, kind: &str) -> Result<Vec<RecordMeta>, StoreError> {
        Ok(self
            .list_records(kind)?
            .into_iter()
            .map(|name| RecordMeta {
                name,
                version: String::new(),
                modified: 0,
            })
            .collect())
    }
    /// Writes a record only if there is none of that name yet (`If-None-Match: *` on a
    /// bucket); false when one was there. A backend without conditional writes checks, then
    /// writes.
    fn create_record(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<bool, StoreError> {
        if self.get_record(kind, name)?.is_some() {
            return Ok(false);
        }
        self.put_record(kind, name, bytes)?;
        Ok(true)
    }
    /// One release read from the storage now, for a release another node committed since the
    /// last [`Store::sync`]; `None` when it does not exist (or the backend is not shared).
    fn load_one(&self, _id: &ReleaseId) -> Result<Option<Release>, StoreError> {
        Ok(None)
    }
    /// Removes what failed or abandoned uploads left behind (a backend that cleans up at
    /// start, like the local folder, has nothing to do here).
    fn sweep(&self) -> Result<(), StoreError> {
        Ok(())
    }
    /// A small document the service keeps beside the releases (share links), by fixed name;
    /// `None` when it was never written.
    fn read_document(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Replaces a document in one atomic step: readers see the old or the new one, whole.
    fn write_document(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError>;
}

/// The catalogue: every release in memory, newest first (ids sort by creation time, so the
/// list is sorted by id, descending, and found by binary search), over a backend.
pub struct Store {
    backend: Box<dyn Backend>,
    releases: RwLock<Vec<Arc<Release>>>,
    /// Held while the backend's index is written, so the last writer writes the newest list.
    index: Mutex<()>,
    /// Records left out when the store was opened (unreadable or invalid).
    skipped: usize,
    keys: Mutex<idempotency::Keys>,
    /// On a shared backend, held by commit, delete and sync, so a sync that listed the bucket
    /// just before a commit cannot drop the new release from the catalogue.
    changes: Mutex<()>,
}

impl Store {
    pub fn open(backend: impl Backend) -> Result<Self, StoreError> {
        let loaded = backend.load_all()?;
        let mut skipped = backend.unreadable();
        let mut releases: Vec<Arc<Release>> = Vec::with_capacity(loaded.len());
        for release in loaded {
            match release.validate() {
                Ok(()) => releases.push(Arc::new(release)),
                Err(why) => {
                    skipped += 1;
                    tracing::error!(release = %release.id, error = %why, "skipping an invalid release record");
                }
            }
        }
        releases.sort_by(|a, b| b.id.cmp(&a.id));
        if skipped > 0 {
            tracing::warn!(
                skipped,
                served = releases.len(),
                "some release records were skipped"
            );
        }
        let keys = backend.load_keys().unwrap_or_else(|e| {
            tracing::warn!(error = %e, "could not read the idempotency keys; starting without them");
            Vec::new()
        });
        let keys = Mutex::new(idempotency::Keys::new(keys, OffsetDateTime::now_utc()));
        Ok(Store {
            keys,
            backend: Box::new(backend),
            releases: RwLock::new(releases),
            index: Mutex::new(()),
            skipped,
            changes: Mutex::new(()),
        })
    }

    /// How many release records were left out at start-up because they could not be read or
    /// were invalid (each is logged with its path).
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// What an `Idempotency-Key` was used for in the last day, if anything. On a shared
    /// storage a key this node does not know is looked up in the storage (another node may
    /// have taken the first attempt).
    pub fn recall(&self, key: &str) -> Result<Option<KeyRecord>, StoreError> {
        let now = OffsetDateTime::now_utc();
        if let Some(seen) = self.lock_keys().get(key, now) {
            return Ok(Some(seen));
        }
        if !self.is_shared() {
            return Ok(None);
        }
        let Some(seen) = self.shared_key(key)? else {
            return Ok(None);
        };
        Ok(self.lock_keys().insert_fresh(seen, now))
    }

    /// Remembers that `key` makes release `id` from bytes hashing to `sha256`. Called before
    /// the release is committed (see [`idempotency`]); the write is durable when this returns.
    ///
    /// On a shared storage each key is its own record, created only if absent: of two nodes
    /// taking the same key at once, one gets [`Remembered::Taken`] with the other's record.
    pub fn remember(
        &self,
        key: &str,
        sha256: &str,
        id: &ReleaseId,
    ) -> Result<Remembered, StoreError> {
        let now = OffsetDateTime::now_utc();
        let record = KeyRecord::new(key, sha256, id, now);
        if !self.is_shared() {
            let all = self.lock_keys().insert(record, now);
            self.backend.save_keys(&all)?;
            return Ok(Remembered::New);
        }
        let name = idempotency::record_name(key);
        let bytes = serde_json::to_vec(&record).map_err(std::io::Error::other)?;
        let created = self
            .backend
            .create_record(idempotency::KIND, &name, &bytes)?;
        // Read back even after a create: a store whose conditional create is not atomic
        // (s3s-fs checks, then writes) may have let another attempt's write land over ours.
        match self.shared_key(key)? {
            Some(seen) if seen == record => {}
            // Another attempt holds it (still live: expired records are overwritten).
            Some(seen) if now - seen.at < idempotency::KEEP_FOR => {
                return Ok(Remembered::Taken(seen))
            }
            _ if created => {
                return Err(StoreError::Remote(format!(
                    "idempotency key record {name} vanished after it was written"
                )))
            }
            _ => self.backend.put_record(idempotency::KIND, &name, &bytes)?,
        }
        self.lock_keys().insert(record, now);
        Ok(Remembered::New)
    }

    /// Takes `key` over from an attempt that never committed its release (see
    /// [`Remembered::Taken`]).
    pub fn remember_over(&self, key: &str, sha256: &str, id: &ReleaseId) -> Result<(), StoreError> {
        let now = OffsetDateTime::now_utc();
        let record = KeyRecord::new(key, sha256, id, now);
        let bytes = serde_json::to_vec(&record).map_err(std::io::Error::other)?;
        self.backend
            .put_record(idempotency::KIND, &idempotency::record_name(key), &bytes)?;
        self.lock_keys().insert(record, now);
        Ok(())
    }

    /// A key's record on the shared storage (`None` if absent or unreadable).
    fn shared_key(&self, key: &str) -> Result<Option<KeyRecord>, StoreError> {
        let Some(bytes) = self
            .backend
            .get_record(idempotency::KIND, &idempotency::record_name(key))?
        else {
            return Ok(None);
        };
        Ok(serde_json::from_slice::<KeyRecord>(&bytes)
            .inspect_err(|e| tracing::warn!(error = %e, "unreadable idempotency key record"))
            .ok()
            .filter(|r| r.key == key))
    }

    fn lock_keys(&self) -> std::sync::MutexGuard<'_, idempotency::Keys> {
        self.keys.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The local folder backend rooted at `dir`.
    pub fn open_local(dir: &Path) -> Result<Self, StoreError> {
        Self::open(LocalBackend::open(dir)?)
    }

    pub fn stage(&self) -> Result<Staged, StoreError> {
        self.backend.stage()
    }

    pub fn commit(
        &self,
        staged: Staged,
        release: Release,
        icons: Option<&IconImages>,
    ) -> Result<Arc<Release>, StoreError> {
        let _serial = self.serial();
        self.backend.commit(staged, &release, icons)?;
        let release = Arc::new(release);
        {
            let mut all = self.write();
            let at = all.partition_point(|r| r.id > release.id);
            all.insert(at, release.clone());
        }
        self.save_index();
        Ok(release)
    }

    /// All releases, newest first.
    pub fn list(&self) -> Vec<Arc<Release>> {
        self.read().clone()
    }

    /// How many releases there are (without copying the list).
    pub fn len(&self) -> usize {
        self.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, id: &ReleaseId) -> Option<Arc<Release>> {
        let all = self.read();
        all.binary_search_by(|r| id.cmp(&r.id))
            .ok()
            .and_then(|at| all.get(at).cloned())
    }

    /// The newest release of each app, newest first.
    pub fn apps(&self) -> Vec<Arc<Release>> {
        let mut seen = std::collections::HashSet::new();
        self.read()
            .iter()
            .filter(|r| seen.insert(r.app.bundle_id.clone()))
            .cloned()
            .collect()
    }

    /// The newest release of one app.
    pub fn latest(&self, bundle_id: &str) -> Option<Arc<Release>> {
        self.read()
            .iter()
            .find(|r| r.app.bundle_id == bundle_id)
            .cloned()
    }

    /// The newest release of one channel of an app.
    pub fn latest_in(&self, bundle_id: &str, channel: &str) -> Option<Arc<Release>> {
        self.read()
            .iter()
            .find(|r| r.app.bundle_id == bundle_id && r.channel == channel)
            .cloned()
    }

    /// Every release of one app, newest first; of one channel only when `channel` is given.
    pub fn history(&self, bundle_id: &str, channel: Option<&str>) -> Vec<Arc<Release>> {
        self.read()
            .iter()
            .filter(|r| r.app.bundle_id == bundle_id && channel.is_none_or(|c| r.channel == c))
            .cloned()
            .collect()
    }

    /// Replaces a release's notes (`None` clears them); the updated release, or `None` when
    /// there is no release with that id. The record is rewritten atomically by the backend
    /// before the catalogue changes, so a failed write changes nothing.
    pub fn edit_notes(
        &self,
        id: &ReleaseId,
        notes: Option<String>,
    ) -> Result<Option<Arc<Release>>, StoreError> {
        // On a bucket: not while a sync is reading the records (it would put back the old one).
        let _serial = self.serial();
        let updated = {
            let mut all = self.write();
            let Ok(at) = all.binary_search_by(|r| id.cmp(&r.id)) else {
                return Ok(None);
            };
            let mut release = Release::clone(&all[at]);
            release.notes = notes;
            release.edited = Some(OffsetDateTime::now_utc());
            self.backend.rewrite(&release)?;
            let release = Arc::new(release);
            all[at] = release.clone();
            release
        };
        self.save_index();
        Ok(Some(updated))
    }

    /// Where a release's file is (for the local folder, a path; for a bucket, an object).
    pub fn asset(&self, id: &ReleaseId, asset: Asset) -> Option<Located> {
        self.backend.asset(id, asset)
    }

    /// The path of a release's file, when it is a file on this machine.
    pub fn asset_path(&self, id: &ReleaseId, asset: Asset) -> Option<PathBuf> {
        match self.backend.asset(id, asset)? {
            Located::File(p) => Some(p),
            Located::Object(_) => None,
        }
    }

    pub fn is_shared(&self) -> bool {
        self.backend.is_shared()
    }

    /// See [`Backend::put_record`].
    pub fn put_record(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        check_record(kind, name)?;
        self.backend.put_record(kind, name, bytes)
    }

    pub fn get_record(&self, kind: &str, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        check_record(kind, name)?;
        self.backend.get_record(kind, name)
    }

    pub fn delete_record(&self, kind: &str, name: &str) -> Result<(), StoreError> {
        check_record(kind, name)?;
        self.backend.delete_record(kind, name)
    }

    pub fn list_records(&self, kind: &str) -> Result<Vec<String>, StoreError> {
        check_record(kind, "x")?;
        self.backend.list_records(kind)
    }

    /// See [`Backend::get_records`].
    pub fn get_records(
        &self,
        kind: &str,
        names: &[String],
    ) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
        for name in names {
            check_record(kind, name)?;
        }
        self.backend.get_records(kind, names)
    }

    /// See [`Backend::list_record_versions`].
    pub fn list_record_versions(&self, kind: &str) -> Result<Vec<RecordMeta>, StoreError> {
        check_record(kind, "x")?;
        self.backend.list_record_versions(kind)
    }

    /// See [`Backend::create_record`].
    pub fn create_record(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<bool, StoreError> {
        check_record(kind, name)?;
        self.backend.create_record(kind, name, bytes)
    }

    /// Removes what failed uploads left behind and, on a shared storage, the idempotency
    /// keys' records older than [`idempotency::KEEP_FOR`].
    pub fn sweep(&self) -> Result<(), StoreError> {
        self.backend.sweep()?;
        if self.is_shared() {
            let now = OffsetDateTime::now_utc().unix_timestamp();
            for meta in self.backend.list_record_versions(idempotency::KIND)? {
                if meta.modified > 0 && now - meta.modified > idempotency::KEEP_FOR.whole_seconds()
                {
                    self.backend.delete_record(idempotency::KIND, &meta.name)?;
                }
            }
        }
        Ok(())
    }

    /// Re-reads the catalogue from the backend (other nodes publish, edit and delete too):
    /// returns the ids that are gone and those whose record changed, so the caller can drop
    /// what it cached for them.
    pub fn sync(&self) -> Result<Synced, StoreError> {
        let _serial = self.serial();
        let mut changed = Vec::new();
        let mut fresh: Vec<Arc<Release>> = {
            let current = self.read();
            self.backend
                .load_all()?
                .into_iter()
                .map(|r| match current.binary_search_by(|c| r.id.cmp(&c.id)) {
                    Ok(at) if *current[at] == r => current[at].clone(),
                    Ok(_) => {
                        changed.push(r.id.clone());
                        Arc::new(r)
                    }
                    Err(_) => Arc::new(r),
                })
                .collect()
        };
        fresh.sort_by(|a, b| b.id.cmp(&a.id));
        let mut all = self.write();
        let gone = all
            .iter()
            .filter(|r| fresh.binary_search_by(|f| r.id.cmp(&f.id)).is_err())
            .map(|r| r.id.clone())
            .collect();
        *all = fresh;
        Ok(Synced { gone, changed })
    }

    /// A release from the catalogue or, on a shared storage, read from it now (committed by
    /// another node since the last sync) and added to the catalogue.
    pub fn get_or_load(&self, id: &ReleaseId) -> Result<Option<Arc<Release>>, StoreError> {
        if let Some(r) = self.get(id) {
            return Ok(Some(r));
        }
        if !self.is_shared() {
            return Ok(None);
        }
        let _serial = self.serial();
        let Some(release) = self.backend.load_one(id)? else {
            return Ok(None);
        };
        release.validate().map_err(|message| StoreError::Corrupt {
            path: PathBuf::from(format!("releases/{id}.json")),
            message,
        })?;
        let release = Arc::new(release);
        let mut all = self.write();
        match all.binary_search_by(|r| id.cmp(&r.id)) {
            Ok(at) => Ok(Some(all[at].clone())),
            Err(at) => {
                all.insert(at, release.clone());
                Ok(Some(release))
            }
        }
    }

    /// Remove a release; the removed release, or `None` when there was none with that id.
    /// Downloads already under way keep their open file and finish.
    ///
    /// The release leaves the catalogue under the lock (a moment); its files are removed after,
    /// so lookups never wait for a multi-GB folder to be deleted. If the backend cannot remove
    /// it at all, the release is put back.
    pub fn delete(&self, id: &ReleaseId) -> Result<Option<Arc<Release>>, StoreError> {
        let serial = self.serial();
        let gone = if serial.is_some() {
            // A bucket: the network calls run without the catalogue's lock (readers go on);
            // `serial` keeps other changes of this node out meanwhile.
            let Some(release) = self.get(id) else {
                return Ok(None);
            };
            self.backend.delete(id)?;
            let mut all = self.write();
            if let Ok(at) = all.binary_search_by(|r| id.cmp(&r.id)) {
                all.remove(at);
            }
            release
        } else {
            // Out of the catalogue under the lock (a moment); the files are removed after,
            // so lookups never wait for a multi-GB folder to be deleted.
            let removed = {
                let mut all = self.write();
                let Ok(at) = all.binary_search_by(|r| id.cmp(&r.id)) else {
                    return Ok(None);
                };
                all.remove(at)
            };
            if let Err(e) = self.backend.delete(id) {
                // Not even moved away: it is still there, so it stays listed.
                let mut all = self.write();
                if let Err(at) = all.binary_search_by(|r| id.cmp(&r.id)) {
                    all.insert(at, removed);
                }
                return Err(e);
            }
            removed
        };
        drop(serial);
        self.save_index();
        Ok(Some(gone))
    }

    /// See [`Backend::read_document`].
    pub fn read_document(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.backend.read_document(name)
    }

    /// See [`Backend::write_document`].
    pub fn write_document(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        self.backend.write_document(name, bytes)
    }

    /// Hands the current list to the backend's index (see [`Backend::save_index`]).
    fn save_index(&self) {
        let _one_at_a_time = self.index.lock().unwrap_or_else(|e| e.into_inner());
        let all = self.list();
        if let Err(e) = self.backend.save_index(&all) {
            tracing::warn!(error = %e, "could not write the release index; the next start scans the folders");
        }
    }

    /// Delete all but the newest `keep` releases of `bundle_id` (of all its channels); returns
    /// the releases deleted.
    pub fn retain_newest(
        &self,
        bundle_id: &str,
        keep: usize,
    ) -> Result<Vec<Arc<Release>>, StoreError> {
        let old: Vec<ReleaseId> = self
            .read()
            .iter()
            .filter(|r| r.app.bundle_id == bundle_id)
            .skip(keep)
            .map(|r| r.id.clone())
            .collect();
        let mut gone = Vec::with_capacity(old.len());
        for id in &old {
            gone.extend(self.delete(id)?);
        }
        Ok(gone)
    }

    fn serial(&self) -> Option<std::sync::MutexGuard<'_, ()>> {
        self.backend
            .is_shared()
            .then(|| self.changes.lock().unwrap_or_else(|e| e.into_inner()))
    }

    // A poisoned lock only means another request panicked while holding it; the Vec itself is
    // always left consistent (single insert/remove), so keep serving.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Arc<Release>>> {
        self.releases.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Vec<Arc<Release>>> {
        self.releases.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// For each backend's tests: records by key on `store` (which has none of kind `share`):
/// `abc` written twice and `second` (sorting after it) once, read back and listed, then `abc`
/// deleted twice (deleting what is gone is no error).
#[cfg(test)]
pub(crate) fn check_records_by_key(store: &Store, second: &str) {
    assert_eq!(store.get_record("share", "abc").unwrap(), None);
    store.put_record("share", "abc", b"one").unwrap();
    store.put_record("share", "abc", b"two").unwrap();
    store.put_record("share", second, b"3").unwrap();
    assert_eq!(
        store.get_record("share", "abc").unwrap().as_deref(),
        Some(&b"two"[..])
    );
    assert_eq!(store.list_records("share").unwrap(), vec!["abc", second]);
    store.delete_record("share", "abc").unwrap();
    store.delete_record("share", "abc").unwrap();
    assert_eq!(store.list_records("share").unwrap(), vec![second]);
}
