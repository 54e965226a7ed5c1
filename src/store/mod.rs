//! Where releases live: the catalogue in memory, the bytes behind a [`Backend`].
//!
//! A release is written once and never changed, so everything derived from it (pages,
//! manifest, ETags) can be computed once. An upload is first *staged* (written to a private
//! place nobody serves) and then *committed* in one atomic step; a staged upload that is
//! dropped, or left behind by a crash, never becomes visible and is removed.

mod id;
mod local;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use crate::ipa::{AppInfo, IconImages};

pub use id::ReleaseId;
pub use local::LocalBackend;

/// One uploaded build: what it is, plus what the upload itself was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub id: ReleaseId,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    /// Hex SHA-256 of the IPA bytes.
    pub sha256: String,
    pub size: u64,
    pub notes: Option<String>,
    pub app: AppInfo,
    /// The release has `icon.png`, `icon-57.png` and `icon-512.png`.
    pub has_icon: bool,
}

impl Release {
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
    #[error("storage: release record {path}: {message}")]
    Corrupt { path: PathBuf, message: String },
}

/// An upload being written. Dropping it without [`Store::commit`] removes it.
#[derive(Debug)]
pub struct Staged {
    pub(crate) dir: PathBuf,
    pub(crate) committed: bool,
}

impl Staged {
    /// Where the IPA bytes are written while the upload streams in.
    pub fn ipa_path(&self) -> PathBuf {
        self.dir.join(Asset::Ipa.file_name())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The storage interface. The local folder is the only backend today; an object store would
/// stage to a local temporary file the same way and upload on `commit`.
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
    /// Every committed release, in no particular order.
    fn load_all(&self) -> Result<Vec<Release>, StoreError>;
    /// Called after every change with the whole catalogue, so a backend can keep an index that
    /// makes the next [`Backend::load_all`] fast. The index is only a cache: failing to write
    /// it must not fail the change.
    fn save_index(&self, _all: &[Arc<Release>]) -> Result<(), StoreError> {
        Ok(())
    }
    /// The path of a release's file, if it has one.
    fn asset_path(&self, id: &ReleaseId, asset: Asset) -> Option<PathBuf>;
    fn delete(&self, id: &ReleaseId) -> Result<(), StoreError>;
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
}

impl Store {
    pub fn open(backend: impl Backend) -> Result<Self, StoreError> {
        let mut releases: Vec<Arc<Release>> =
            backend.load_all()?.into_iter().map(Arc::new).collect();
        releases.sort_by(|a, b| b.id.cmp(&a.id));
        Ok(Store {
            backend: Box::new(backend),
            releases: RwLock::new(releases),
            index: Mutex::new(()),
        })
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

    pub fn asset_path(&self, id: &ReleaseId, asset: Asset) -> Option<PathBuf> {
        self.backend.asset_path(id, asset)
    }

    /// Remove a release. Downloads already under way keep their open file and finish.
    pub fn delete(&self, id: &ReleaseId) -> Result<bool, StoreError> {
        {
            let mut all = self.write();
            let Ok(at) = all.binary_search_by(|r| id.cmp(&r.id)) else {
                return Ok(false);
            };
            self.backend.delete(id)?;
            all.remove(at);
        }
        self.save_index();
        Ok(true)
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

    /// Delete all but the newest `keep` releases of `bundle_id`; returns the ids deleted.
    pub fn retain_newest(
        &self,
        bundle_id: &str,
        keep: usize,
    ) -> Result<Vec<ReleaseId>, StoreError> {
        let old: Vec<ReleaseId> = self
            .read()
            .iter()
            .filter(|r| r.app.bundle_id == bundle_id)
            .skip(keep)
            .map(|r| r.id.clone())
            .collect();
        for id in &old {
            self.delete(id)?;
        }
        Ok(old)
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
