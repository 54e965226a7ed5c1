//! The local folder backend.
//!
//! ```text
//! <data>/releases/<id>/release.json   the record (written last, inside the staged folder)
//!                     /app.ipa        the uploaded bytes, unchanged
//!                     /icon*.png      the converted icons, when the IPA has one
//! <data>/staging/<random>/            uploads being written; emptied at start-up
//! ```
//! Commit is one `rename(2)` of the staged folder into `releases/`, which is atomic on one
//! file system: a reader sees the whole release or none of it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Asset, Backend, Release, ReleaseId, Staged, StoreError};
use crate::ipa::IconImages;

const RECORD: &str = "release.json";

pub struct LocalBackend {
    releases: PathBuf,
    staging: PathBuf,
}

impl LocalBackend {
    /// Opens (creating if needed) the data folder and removes uploads a previous run left
    /// half-written.
    pub fn open(data: &Path) -> Result<Self, StoreError> {
        let releases = data.join("releases");
        let staging = data.join("staging");
        fs::create_dir_all(&releases)?;
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir_all(&staging)?;
        Ok(LocalBackend { releases, staging })
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn sync_dir(path: &Path) -> std::io::Result<()> {
    fs::File::open(path)?.sync_all()
}

impl Backend for LocalBackend {
    fn stage(&self) -> Result<Staged, StoreError> {
        let mut random = [0u8; 12];
        let _ = getrandom::getrandom(&mut random);
        let dir = self.staging.join(hex::encode(random));
        fs::create_dir(&dir)?;
        Ok(Staged {
            dir,
            committed: false,
        })
    }

    fn commit(
        &self,
        mut staged: Staged,
        release: &Release,
        icons: Option<&IconImages>,
    ) -> Result<(), StoreError> {
        fs::File::open(staged.ipa_path())?.sync_all()?;
        if let Some(icons) = icons {
            write_synced(&staged.dir.join(Asset::Icon.file_name()), &icons.original)?;
            write_synced(&staged.dir.join(Asset::IconSmall.file_name()), &icons.small)?;
            write_synced(&staged.dir.join(Asset::IconLarge.file_name()), &icons.large)?;
        }
        let record = serde_json::to_vec_pretty(release).map_err(std::io::Error::other)?;
        write_synced(&staged.dir.join(RECORD), &record)?;
        sync_dir(&staged.dir)?;
        fs::rename(&staged.dir, self.releases.join(release.id.as_str()))?;
        staged.committed = true;
        sync_dir(&self.releases)?;
        Ok(())
    }

    fn load_all(&self) -> Result<Vec<Release>, StoreError> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.releases)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(id) = name.to_str().and_then(ReleaseId::parse) else {
                continue;
            };
            let path = entry.path().join(RECORD);
            let bytes = fs::read(&path)?;
            let release: Release =
                serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
            if release.id != id {
                return Err(StoreError::Corrupt {
                    path,
                    message: format!("record says id {} but lives in folder {id}", release.id),
                });
            }
            out.push(release);
        }
        Ok(out)
    }

    fn asset_path(&self, id: &ReleaseId, asset: Asset) -> Option<PathBuf> {
        let path = self.releases.join(id.as_str()).join(asset.file_name());
        path.is_file().then_some(path)
    }

    fn delete(&self, id: &ReleaseId) -> Result<(), StoreError> {
        // Move it out of sight first (atomic), then remove; open files stay readable.
        let gone = self.staging.join(format!("deleted-{id}"));
        fs::rename(self.releases.join(id.as_str()), &gone)?;
        fs::remove_dir_all(&gone)?;
        Ok(())
    }
}
