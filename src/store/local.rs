//! The local folder backend.
//!
//! ```text
//! <data>/releases/<id>/release.json   the record (written last, inside the staged folder)
//!                     /app.ipa        the uploaded bytes, unchanged
//!                     /icon*.png      the converted icons, when the IPA has one
//! <data>/staging/<random>/            uploads being written; emptied at start-up
//! <data>/releases.index.json          every record in one file: a cache for fast start-up
//! <data>/records/<kind>/<name>        other records (Backend::put_record), each written to a
//!                                     temporary file and renamed into place
//! <data>/links.json                   documents such as the share links (temporary file, then
//!                                     `rename`)
//! ```
//! Commit is one `rename(2)` of the staged folder into `releases/`, which is atomic on one
//! file system: a reader sees the whole release or none of it.
//!
//! The folders are the truth; the index only saves reading 10,000 small files at start-up. It
//! is rewritten (temporary file, then `rename`) after every commit and delete, and used only
//! when it names exactly the release folders present: a crash between a commit (or delete)
//! and the index write, a folder copied in or removed by hand, or a torn or unreadable index
//! all make start-up scan the folders and write a fresh index. A record changes only when its
//! notes are edited: the new record is written to `release.json.tmp` beside it, synced, and
//! renamed over it (atomic), then the index is rewritten. After editing a `release.json` by
//! hand, delete the index.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::{Asset, Backend, KeyRecord, Located, Release, ReleaseId, Staged, StoreError};
use crate::ipa::IconImages;

const RECORD: &str = "release.json";
const INDEX: &str = "releases.index.json";
const KEYS: &str = "idempotency-keys.json";

pub struct LocalBackend {
    records: PathBuf,
    data: PathBuf,
    releases: PathBuf,
    staging: PathBuf,
    index: PathBuf,
    keys: PathBuf,
    /// Release folders whose record could not be read at the last [`Backend::load_all`].
    unreadable: AtomicUsize,
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
        Ok(LocalBackend {
            records: data.join("records"),
            data: data.to_path_buf(),
            releases,
            staging,
            index: data.join(INDEX),
            keys: data.join(KEYS),
            unreadable: AtomicUsize::new(0),
        })
    }

    /// Every release record of the data folder at `data`, read without changing anything
    /// (a server may be running on it), and the folder holding each release's files.
    pub fn read_releases(data: &Path) -> Result<Vec<(Release, PathBuf)>, StoreError> {
        let b = LocalBackend {
            data: data.to_path_buf(),
            records: data.join("records"),
            releases: data.join("releases"),
            staging: data.join("staging"),
            index: data.join(INDEX),
            keys: data.join(KEYS),
            unreadable: AtomicUsize::new(0),
        };
        let ids = b.folder_ids()?;
        Ok(b.scan(ids)
            .into_iter()
            .map(|r| {
                let dir = b.releases.join(r.id.as_str());
                (r, dir)
            })
            .collect())
    }

    /// The ids of the release folders present.
    fn folder_ids(&self) -> Result<Vec<ReleaseId>, StoreError> {
        let mut ids = Vec::new();
        for entry in fs::read_dir(&self.releases)? {
            if let Some(id) = entry?.file_name().to_str().and_then(ReleaseId::parse) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// Reads every `release.json`. A record that cannot be read (missing, torn, edited into
    /// something else) is logged with its path and skipped, so one bad folder never takes the
    /// other releases offline.
    fn scan(&self, ids: Vec<ReleaseId>) -> Vec<Release> {
        let mut out = Vec::with_capacity(ids.len());
        let mut bad = 0;
        for id in ids {
            let path = self.releases.join(id.as_str()).join(RECORD);
            match read_record(&path, &id) {
                Ok(release) => out.push(release),
                Err(e) => {
                    bad += 1;
                    tracing::error!(path = %path.display(), error = %e, "skipping a release whose record cannot be read");
                }
            }
        }
        self.unreadable.store(bad, Ordering::Relaxed);
        out
    }

    /// The index's records, if it names exactly the folders in `ids` (sorted in place).
    fn read_index(&self, ids: &mut [ReleaseId]) -> Option<Vec<Release>> {
        let bytes = fs::read(&self.index).ok()?;
        let records: Vec<Release> = serde_json::from_slice(&bytes).ok()?;
        if records.len() != ids.len() {
            return None;
        }
        let mut indexed: Vec<&ReleaseId> = records.iter().map(|r| &r.id).collect();
        indexed.sort_unstable();
        ids.sort_unstable();
        indexed.iter().copied().eq(ids.iter()).then_some(records)
    }

    fn write_index<'a>(&self, all: impl Iterator<Item = &'a Release>) -> Result<(), StoreError> {
        let records: Vec<&Release> = all.collect();
        let tmp = self.staging.join("index.tmp");
        let mut out = BufWriter::new(fs::File::create(&tmp)?);
        serde_json::to_writer(&mut out, &records).map_err(std::io::Error::other)?;
        out.flush()?;
        drop(out);
        fs::rename(&tmp, &self.index)?;
        Ok(())
    }
}

/// One release's record, checked to belong to the folder it lives in.
fn read_record(path: &Path, id: &ReleaseId) -> Result<Release, StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        message,
    };
    let bytes = fs::read(path).map_err(|e| corrupt(e.to_string()))?;
    let release: Release = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
    if release.id != *id {
        return Err(corrupt(format!(
            "record says id {} but lives in folder {id}",
            release.id
        )));
    }
    Ok(release)
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
        getrandom::getrandom(&mut random)
            .map_err(|e| std::io::Error::other(format!("no randomness for a staging name: {e}")))?;
        let dir = self.staging.join(hex::encode(random));
        fs::create_dir(&dir)?;
        Ok(Staged {
            dir,
            committed: false,
            upstream: None,
            blob: None,
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
            if let Some(dark) = &icons.dark {
                write_synced(&staged.dir.join(Asset::IconDark.file_name()), dark)?;
            }
        }
        let record = serde_json::to_vec_pretty(release).map_err(std::io::Error::other)?;
        write_synced(&staged.dir.join(RECORD), &record)?;
        sync_dir(&staged.dir)?;
        fs::rename(&staged.dir, self.releases.join(release.id.as_str()))?;
        staged.committed = true;
        sync_dir(&self.releases)?;
        Ok(())
    }

    fn rewrite(&self, release: &Release) -> Result<(), StoreError> {
        let dir = self.releases.join(release.id.as_str());
        if !dir.is_dir() {
            return Err(StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no release folder {}", dir.display()),
            )));
        }
        let record = serde_json::to_vec_pretty(release).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!("{RECORD}.tmp"));
        write_synced(&tmp, &record)?;
        fs::rename(&tmp, dir.join(RECORD))?;
        sync_dir(&dir)?;
        Ok(())
    }

    fn load_all(&self) -> Result<Vec<Release>, StoreError> {
        let mut ids = self.folder_ids()?;
        if let Some(records) = self.read_index(&mut ids) {
            self.unreadable.store(0, Ordering::Relaxed);
            return Ok(records);
        }
        let records = self.scan(ids);
        if let Err(e) = self.write_index(records.iter()) {
            tracing::warn!(error = %e, "could not write the release index");
        }
        Ok(records)
    }

    fn load_keys(&self) -> Result<Vec<KeyRecord>, StoreError> {
        match fs::read(&self.keys) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                path: self.keys.clone(),
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    fn save_keys(&self, keys: &[KeyRecord]) -> Result<(), StoreError> {
        // Temporary file, fsync, rename, fsync the folder: the old list or the new one.
        let tmp = self.staging.join("keys.tmp");
        let bytes = serde_json::to_vec(keys).map_err(std::io::Error::other)?;
        write_synced(&tmp, &bytes)?;
        fs::rename(&tmp, &self.keys)?;
        if let Some(dir) = self.keys.parent() {
            sync_dir(dir)?;
        }
        Ok(())
    }

    fn unreadable(&self) -> usize {
        self.unreadable.load(Ordering::Relaxed)
    }

    fn save_index(&self, all: &[Arc<Release>]) -> Result<(), StoreError> {
        self.write_index(all.iter().map(|r| r.as_ref()))
    }

    fn asset(&self, id: &ReleaseId, asset: Asset) -> Option<Located> {
        let path = self.releases.join(id.as_str()).join(asset.file_name());
        path.is_file().then_some(Located::File(path))
    }

    fn put_record(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let dir = self.records.join(kind);
        fs::create_dir_all(&dir)?;
        let mut random = [0u8; 8];
        let _ = getrandom::getrandom(&mut random);
        let tmp = self.staging.join(format!("record-{}", hex::encode(random)));
        write_synced(&tmp, bytes)?;
        fs::rename(&tmp, dir.join(name))?;
        Ok(())
    }

    fn get_record(&self, kind: &str, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match fs::read(self.records.join(kind).join(name)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn delete_record(&self, kind: &str, name: &str) -> Result<(), StoreError> {
        match fs::remove_file(self.records.join(kind).join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    fn list_records(&self, kind: &str) -> Result<Vec<String>, StoreError> {
        let rd = match fs::read_dir(self.records.join(kind)) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut names = Vec::new();
        for entry in rd {
            if let Some(n) = entry?.file_name().to_str() {
                if super::record_name_ok(n) {
                    names.push(n.to_string());
                }
            }
        }
        names.sort();
        Ok(names)
    }

    fn delete(&self, id: &ReleaseId) -> Result<(), StoreError> {
        // Move it out of sight first (atomic), then remove; open files stay readable. Once the
        // rename is done the release is gone: a removal that fails leaves a folder in staging,
        // which the next start empties.
        let gone = self.staging.join(format!("deleted-{id}"));
        fs::rename(self.releases.join(id.as_str()), &gone)?;
        if let Err(e) = fs::remove_dir_all(&gone) {
            tracing::warn!(path = %gone.display(), error = %e, "could not remove a deleted release's files; the next start removes them");
        }
        Ok(())
    }

    fn read_document(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match fs::read(self.data.join(document_name(name)?)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn write_document(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let name = document_name(name)?;
        let mut random = [0u8; 8];
        let _ = getrandom::getrandom(&mut random);
        let tmp = self
            .staging
            .join(format!("{name}.{}.tmp", hex::encode(random)));
        write_synced(&tmp, bytes)?;
        fs::rename(&tmp, self.data.join(name))?;
        sync_dir(&self.data)?;
        Ok(())
    }
}

/// Document names are fixed by the code; anything but a plain file name is a bug.
fn document_name(name: &str) -> Result<&str, StoreError> {
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(StoreError::Io(std::io::Error::other(format!(
            "bad document name {name:?}"
        ))));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn release(millis: u64) -> Release {
        crate::fixture::release()
            .id(ReleaseId::new(millis))
            .created(time::OffsetDateTime::UNIX_EPOCH)
            .sha256(&"00".repeat(32))
            .size(3)
            .notes(None)
            .bundle_id("com.example.app")
            .title("App")
            .version("1.0", "1")
            .build()
    }

    fn commit(b: &LocalBackend, r: &Release) {
        let staged = b.stage().unwrap();
        fs::write(staged.ipa_path(), b"ipa").unwrap();
        b.commit(staged, r, None).unwrap();
    }

    /// Two releases committed in `dir`, and an index naming both (newest first).
    fn two_committed_and_indexed(dir: &Path) -> (Release, Release) {
        let b = LocalBackend::open(dir).unwrap();
        let (r1, r2) = (release(1), release(2));
        commit(&b, &r1);
        commit(&b, &r2);
        b.save_index(&[Arc::new(r2.clone()), Arc::new(r1.clone())])
            .unwrap();
        (r1, r2)
    }

    fn sorted_ids(records: Vec<Release>) -> Vec<ReleaseId> {
        let mut ids: Vec<ReleaseId> = records.into_iter().map(|r| r.id).collect();
        ids.sort();
        ids
    }

    #[test]
    fn index_naming_every_folder_is_used_instead_of_the_records() {
        let dir = tempfile::tempdir().unwrap();
        let (r1, r2) = two_committed_and_indexed(dir.path());
        // With the record unreadable, only the index can answer.
        fs::write(
            dir.path()
                .join("releases")
                .join(r1.id.as_str())
                .join(RECORD),
            "{",
        )
        .unwrap();
        let again = LocalBackend::open(dir.path()).unwrap();
        assert_eq!(sorted_ids(again.load_all().unwrap()), vec![r1.id, r2.id]);
    }

    #[test]
    fn index_missing_a_folder_falls_back_to_the_folders_and_is_rewritten() {
        // As after a crash between a commit's rename and the index write.
        let dir = tempfile::tempdir().unwrap();
        let b = LocalBackend::open(dir.path()).unwrap();
        let (r1, r2) = (release(1), release(2));
        commit(&b, &r1);
        b.save_index(&[Arc::new(r1.clone())]).unwrap();
        commit(&b, &r2);
        let again = LocalBackend::open(dir.path()).unwrap();
        assert_eq!(
            sorted_ids(again.load_all().unwrap()),
            vec![r1.id.clone(), r2.id.clone()]
        );
        let mut ids = vec![r2.id.clone(), r1.id.clone()];
        let fresh = again
            .read_index(&mut ids)
            .expect("a fresh index was written");
        assert_eq!(sorted_ids(fresh), vec![r1.id, r2.id]);
    }

    #[test]
    fn index_naming_a_removed_folder_falls_back_to_the_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (r1, r2) = two_committed_and_indexed(dir.path());
        fs::remove_dir_all(dir.path().join("releases").join(r2.id.as_str())).unwrap();
        let again = LocalBackend::open(dir.path()).unwrap();
        assert_eq!(sorted_ids(again.load_all().unwrap()), vec![r1.id]);
    }

    #[test]
    fn torn_or_foreign_index_falls_back_to_the_folders() {
        let dir = tempfile::tempdir().unwrap();
        let b = LocalBackend::open(dir.path()).unwrap();
        let r1 = release(1);
        commit(&b, &r1);
        for junk in ["", "[", "{\"a\":1}", "[1,2]"] {
            fs::write(dir.path().join(INDEX), junk).unwrap();
            let again = LocalBackend::open(dir.path()).unwrap();
            assert_eq!(
                sorted_ids(again.load_all().unwrap()),
                vec![r1.id.clone()],
                "{junk:?}"
            );
        }
    }

    #[test]
    fn unreadable_and_invalid_records_are_skipped_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let b = LocalBackend::open(dir.path()).unwrap();
        let (good, garbage, bad_hash) = (release(1), release(2), release(3));
        for r in [&good, &garbage, &bad_hash] {
            commit(&b, r);
        }
        let folder = |r: &Release| dir.path().join("releases").join(r.id.as_str());
        fs::write(folder(&garbage).join(RECORD), "garbage{").unwrap();
        let mut hand_edited = bad_hash.clone();
        hand_edited.sha256 = format!("{}\"", "0".repeat(63));
        fs::write(
            folder(&bad_hash).join(RECORD),
            serde_json::to_vec(&hand_edited).unwrap(),
        )
        .unwrap();
        // An empty release folder (no record at all).
        let empty = ReleaseId::new(4);
        fs::create_dir(dir.path().join("releases").join(empty.as_str())).unwrap();
        fs::remove_file(dir.path().join(INDEX)).ok();
        let store = Store::open_local(dir.path()).expect("a bad record never stops the store");
        assert_eq!(
            store
                .list()
                .iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>(),
            vec![good.id.clone()]
        );
        assert_eq!(store.skipped(), 3, "garbage, empty folder, invalid hash");
    }

    /// A backend whose delete waits until told to go on, to see what the catalogue does
    /// meanwhile.
    struct SlowDelete {
        inner: LocalBackend,
        entered: std::sync::mpsc::SyncSender<()>,
        go_on: std::sync::Mutex<std::sync::mpsc::Receiver<()>>,
    }

    impl Backend for SlowDelete {
        fn stage(&self) -> Result<Staged, StoreError> {
            self.inner.stage()
        }
        fn rewrite(&self, release: &Release) -> Result<(), StoreError> {
            self.inner.rewrite(release)
        }
        fn commit(
            &self,
            staged: Staged,
            release: &Release,
            icons: Option<&IconImages>,
        ) -> Result<(), StoreError> {
            self.inner.commit(staged, release, icons)
        }
        fn load_all(&self) -> Result<Vec<Release>, StoreError> {
            self.inner.load_all()
        }
        fn asset(&self, id: &ReleaseId, asset: Asset) -> Option<Located> {
            self.inner.asset(id, asset)
        }
        fn put_record(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
            self.inner.put_record(kind, name, bytes)
        }
        fn get_record(&self, kind: &str, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
            self.inner.get_record(kind, name)
        }
        fn delete_record(&self, kind: &str, name: &str) -> Result<(), StoreError> {
            self.inner.delete_record(kind, name)
        }
        fn list_records(&self, kind: &str) -> Result<Vec<String>, StoreError> {
            self.inner.list_records(kind)
        }
        fn read_document(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
            self.inner.read_document(name)
        }
        fn write_document(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
            self.inner.write_document(name, bytes)
        }
        fn delete(&self, id: &ReleaseId) -> Result<(), StoreError> {
            self.entered.send(()).unwrap();
            let _ = self.go_on.lock().unwrap().recv();
            self.inner.delete(id)
        }
    }

    #[test]
    fn lookups_do_not_wait_for_a_delete_to_remove_files() {
        let dir = tempfile::tempdir().unwrap();
        let (entered_tx, entered) = std::sync::mpsc::sync_channel(1);
        let (go_on, go_on_rx) = std::sync::mpsc::channel();
        let store = Arc::new(
            Store::open(SlowDelete {
                inner: LocalBackend::open(dir.path()).unwrap(),
                entered: entered_tx,
                go_on: std::sync::Mutex::new(go_on_rx),
            })
            .unwrap(),
        );
        let mut ids = Vec::new();
        for ms in [1, 2] {
            let staged = store.stage().unwrap();
            fs::write(staged.ipa_path(), b"ipa").unwrap();
            ids.push(store.commit(staged, release(ms), None).unwrap().id.clone());
        }
        let s = store.clone();
        let victim = ids[0].clone();
        let deleter = std::thread::spawn(move || s.delete(&victim));
        entered.recv().unwrap();
        // The backend is busy removing files: lookups must answer now, not after it.
        let (tx, rx) = std::sync::mpsc::channel();
        let s = store.clone();
        let other = ids[1].clone();
        let victim = ids[0].clone();
        std::thread::spawn(move || {
            let _ = tx.send((s.get(&other).is_some(), s.get(&victim).is_some()));
        });
        let answer = rx.recv_timeout(std::time::Duration::from_secs(30));
        go_on.send(()).unwrap();
        assert_eq!(
            answer.expect("a lookup answered while the files were being removed"),
            (true, false),
            "the other release is there, the deleted one is already gone"
        );
        assert!(deleter.join().unwrap().unwrap().is_some());
        assert!(!dir.path().join("releases").join(ids[0].as_str()).exists());
    }

    #[test]
    fn records_by_key_are_written_read_listed_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_local(dir.path()).unwrap();
        crate::store::check_records_by_key(&store, "d-e_f.json");
        assert!(store.list_records("other").unwrap().is_empty());
        for (kind, name) in [
            ("share", ".."),
            ("share", "a/b"),
            ("..", "x"),
            ("share", ""),
            ("share", ".hidden"),
        ] {
            assert!(store.put_record(kind, name, b"x").is_err(), "{kind}/{name}");
            assert!(store.get_record(kind, name).is_err(), "{kind}/{name}");
        }
        // Records survive a restart and are not releases.
        drop(store);
        let again = Store::open_local(dir.path()).unwrap();
        assert_eq!(
            again.get_record("share", "d-e_f.json").unwrap().as_deref(),
            Some(&b"3"[..])
        );
        assert!(again.is_empty());
    }

    #[test]
    fn store_keeps_the_index_in_step_with_commits_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_local(dir.path()).unwrap();
        let mut made = Vec::new();
        for ms in [5, 1, 9, 3] {
            let staged = store.stage().unwrap();
            fs::write(staged.ipa_path(), b"ipa").unwrap();
            made.push(store.commit(staged, release(ms), None).unwrap().id.clone());
        }
        for id in &made {
            assert_eq!(store.get(id).map(|r| r.id.clone()), Some(id.clone()));
        }
        assert!(store.get(&ReleaseId::new(7)).is_none());
        assert!(store.delete(&made[2]).unwrap().is_some());
        assert!(store.get(&made[2]).is_none());
        let b = LocalBackend::open(dir.path()).unwrap();
        let mut ids = b.folder_ids().unwrap();
        let indexed = b.read_index(&mut ids).expect("index matches the folders");
        let mut want = vec![made[0].clone(), made[1].clone(), made[3].clone()];
        want.sort();
        assert_eq!(sorted_ids(indexed), want);
    }

    #[test]
    fn edited_notes_are_rewritten_atomically_and_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_local(dir.path()).unwrap();
        let staged = store.stage().unwrap();
        fs::write(staged.ipa_path(), b"ipa").unwrap();
        let id = store.commit(staged, release(4), None).unwrap().id.clone();
        let edited = store
            .edit_notes(&id, Some("**New** notes".into()))
            .unwrap()
            .expect("the release exists");
        assert_eq!(edited.notes.as_deref(), Some("**New** notes"));
        assert!(edited.edited.is_some());
        assert_eq!(
            store.get(&id).unwrap().notes.as_deref(),
            Some("**New** notes")
        );
        assert!(store
            .edit_notes(&ReleaseId::new(99), None)
            .unwrap()
            .is_none());
        let folder = dir.path().join("releases").join(id.as_str());
        let names: Vec<String> = fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
        drop(store);
        // From the index, and (index gone) from the record itself.
        let again = Store::open_local(dir.path()).unwrap();
        assert_eq!(
            again.get(&id).unwrap().notes.as_deref(),
            Some("**New** notes")
        );
        fs::remove_file(dir.path().join(INDEX)).unwrap();
        let again = Store::open_local(dir.path()).unwrap();
        assert_eq!(again.get(&id).unwrap().as_ref(), edited.as_ref());
    }

    #[test]
    fn a_record_without_a_channel_reads_as_the_default_channel() {
        let mut json = serde_json::to_value(release(1)).unwrap();
        json.as_object_mut().unwrap().remove("channel");
        let r: Release = serde_json::from_value(json).unwrap();
        assert_eq!(r.channel, "default");
        assert_eq!(r.edited, None);
    }
}
