//! Install counts: how often the device's own installer fetched a release's manifest, by day
//! (UTC), iOS version and device model. No IP address or other identifier is kept.
//!
//! The installer announces itself in its User-Agent: `com.apple.appstored/1.0 iOS/17.5
//! model/iPhone15,2 hwp/t8120 build/21F90 (6; dt:282) AMS/1`, or on older iOS `itunesstored/1.0
//! iOS/12.4 model/iPhone10,3 ...`. Any other client (a browser, `otadrop doctor`, curl) is not
//! an install.
//!
//! Counts live in memory and in the store's document `installs.json` (the local backend keeps
//! it as `<data>/installs.json`, replaced atomically: temporary file, then rename), written
//! when something changed, every [`FLUSH_EVERY`] and at shutdown. Bounded: at most [`MAX_ROWS`] (day, iOS, model) rows per release; beyond that, new
//! combinations are counted under `other`.
//!
//! On a bucket shared by several nodes, each node counts into its own record,
//! `records/installs/<node>.json` (the node's name is kept in `<data>/node-id`; a node that
//! loses it starts a new record and the old one still counts), written every sync interval
//! when it changed; no node ever writes another's, so concurrent nodes cannot lose each
//! other's counts. A report adds up every node's record, re-read when its version changed
//! ([`InstallCounts::refresh`]), plus an `installs.json` left by `otadrop migrate`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::store::{ReleaseId, Store, StoreError};

pub const FILE: &str = "installs.json";
const BAD_FILE: &str = "installs.json.bad";
pub const FLUSH_EVERY: Duration = Duration::from_secs(30);
pub const MAX_ROWS: usize = 2000;
const OTHER: &str = "other";
/// The record kind of a node's counts on a shared storage.
const KIND: &str = "installs";
const UNKNOWN: &str = "unknown";

/// What the installer's User-Agent says about the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installer {
    pub ios: String,
    pub model: String,
}

/// The device's installer, if `ua` is its User-Agent.
pub fn installer(ua: &str) -> Option<Installer> {
    let mut tokens = ua.split_ascii_whitespace();
    let first = tokens.next()?;
    let (product, _) = first.split_once('/').unwrap_or((first, ""));
    if product != "com.apple.appstored" && product != "itunesstored" {
        return None;
    }
    let mut ios = None;
    let mut model = None;
    for t in tokens {
        if let Some(v) = t.strip_prefix("iOS/") {
            ios = ios.or(clean(v, |c| c.is_ascii_digit() || c == '.'));
        } else if let Some(v) = t.strip_prefix("model/") {
            model = model.or(clean(v, |c| c.is_ascii_alphanumeric() || c == ','));
        }
    }
    Some(Installer {
        ios: ios.unwrap_or_else(|| UNKNOWN.into()),
        model: model.unwrap_or_else(|| UNKNOWN.into()),
    })
}

/// `v` if it is short and made of `ok` characters only (it becomes a JSON key and a label).
fn clean(v: &str, ok: impl Fn(char) -> bool) -> Option<String> {
    (!v.is_empty() && v.len() <= 24 && v.chars().all(ok)).then(|| v.to_string())
}

/// One counted combination.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Row {
    pub day: String,
    pub ios: String,
    pub model: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    releases: BTreeMap<String, Vec<SavedRow>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct SavedRow {
    #[serde(flatten)]
    row: Row,
    count: u64,
}

type Counts = HashMap<ReleaseId, BTreeMap<Row, u64>>;

/// Every release's counts.
pub struct InstallCounts {
    /// What this node counted (on the local folder, all there is).
    counts: Mutex<Counts>,
    dirty: AtomicBool,
    /// Held by a flush from taking the counts to writing them, so an older copy never lands
    /// over a newer one.
    flushing: Mutex<()>,
    /// On a shared storage: this node's record name, and the other nodes' counts by record
    /// name with the version last read.
    shared: Option<Shared>,
}

struct Shared {
    record: String,
    others: Mutex<HashMap<String, (String, Counts)>>,
}

/// The record of counts a migrated `installs.json` is kept under among the other nodes'.
const MIGRATED: &str = "migrated";

fn parse(bytes: &[u8]) -> Result<Counts, serde_json::Error> {
    let saved: Saved = serde_json::from_slice(bytes)?;
    let mut counts = Counts::new();
    for (id, rows) in saved.releases {
        let Some(id) = ReleaseId::parse(&id) else {
            continue;
        };
        let map: &mut BTreeMap<Row, u64> = counts.entry(id).or_default();
        for r in rows.into_iter().take(MAX_ROWS) {
            *map.entry(r.row).or_default() += r.count;
        }
    }
    Ok(counts)
}

fn serialise(all: &Counts) -> Result<Vec<u8>, StoreError> {
    let saved = Saved {
        releases: all
            .iter()
            .map(|(id, rows)| {
                let rows = rows
                    .iter()
                    .map(|(row, &count)| SavedRow {
                        row: row.clone(),
                        count,
                    })
                    .collect();
                (id.to_string(), rows)
            })
            .collect(),
    };
    serde_json::to_vec(&saved).map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

/// This node's name among the nodes on one bucket: `<data>/node-id`, made at first start.
pub fn node_id(data: &Path) -> Result<String, StoreError> {
    let path = data.join("node-id");
    if let Ok(s) = std::fs::read_to_string(&path) {
        let s = s.trim();
        if s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(s.to_ascii_lowercase());
        }
    }
    let mut b = [0u8; 8];
    getrandom::getrandom(&mut b)
        .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
    let id = hex::encode(b);
    std::fs::create_dir_all(data)?;
    std::fs::write(&path, format!("{id}\n"))?;
    Ok(id)
}

/// A release's counts as the API shows them.
#[derive(Debug, Serialize)]
pub struct Report {
    pub release: ReleaseId,
    pub total: u64,
    pub by_day: BTreeMap<String, u64>,
    pub by_ios: BTreeMap<String, u64>,
    pub by_model: BTreeMap<String, u64>,
    pub rows: Vec<ReportRow>,
}

#[derive(Debug, Serialize)]
pub struct ReportRow {
    pub day: String,
    pub ios: String,
    pub model: String,
    pub count: u64,
}

impl InstallCounts {
    /// Loads the counts from the store; none when there are none yet. An unreadable document
    /// is logged, kept aside as `installs.json.bad` and started over.
    pub fn load(store: &Store) -> InstallCounts {
        let mut counts = Counts::new();
        match store.read_document(FILE) {
            Ok(Some(bytes)) => match parse(&bytes) {
                Ok(c) => counts = c,
                Err(e) => {
                    tracing::warn!(error = %e, "install counts unreadable; kept aside as installs.json.bad, starting over");
                    let _ = store.write_document(BAD_FILE, &bytes);
                }
            },
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "cannot read the install counts; starting over"),
        }
        InstallCounts {
            counts: Mutex::new(counts),
            dirty: AtomicBool::new(false),
            flushing: Mutex::new(()),
            shared: None,
        }
    }

    /// The counts for this store: [`InstallCounts::load`] on the local folder; on a shared
    /// storage, this node's record (named by [`node_id`] of `data`) and every other node's.
    pub fn open(store: &Store, data: &Path) -> Result<InstallCounts, StoreError> {
        if !store.is_shared() {
            return Ok(Self::load(store));
        }
        let record = format!("{}.json", node_id(data)?);
        let mut others = HashMap::new();
        let mine = match store.get_record(KIND, &record)? {
            Some(bytes) => parse(&bytes).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "this node's install counts are unreadable; starting over");
                Counts::new()
            }),
            None => Counts::new(),
        };
        if let Some(bytes) = store.read_document(FILE)? {
            match parse(&bytes) {
                Ok(c) => {
                    others.insert(MIGRATED.to_string(), (String::new(), c));
                }
                Err(e) => {
                    tracing::warn!(error = %e, "migrated install counts unreadable; left out")
                }
            }
        }
        let counts = InstallCounts {
            counts: Mutex::new(mine),
            dirty: AtomicBool::new(false),
            flushing: Mutex::new(()),
            shared: Some(Shared {
                record,
                others: Mutex::new(others),
            }),
        };
        counts.refresh(store)?;
        Ok(counts)
    }

    /// On a shared storage, re-reads the other nodes' records whose version changed (and
    /// forgets those removed); returns how many it read. Nothing to do on the local folder.
    pub fn refresh(&self, store: &Store) -> Result<usize, StoreError> {
        let Some(shared) = &self.shared else {
            return Ok(0);
        };
        let listed: Vec<_> = store
            .list_record_versions(KIND)?
            .into_iter()
            .filter(|m| m.name != shared.record)
            .collect();
        let stale: Vec<_> = {
            let others = shared.others.lock().unwrap_or_else(|e| e.into_inner());
            listed
                .iter()
                .filter(|m| others.get(&m.name).is_none_or(|(v, _)| v != &m.version))
                .collect()
        };
        let names: Vec<String> = stale.iter().map(|m| m.name.clone()).collect();
        let mut read = Vec::with_capacity(stale.len());
        for (meta, bytes) in stale.into_iter().zip(store.get_records(KIND, &names)?) {
            if let Some(bytes) = bytes {
                match parse(&bytes) {
                    Ok(c) => read.push((meta.name.clone(), meta.version.clone(), c)),
                    Err(e) => {
                        tracing::warn!(record = %meta.name, error = %e, "unreadable install counts; left out")
                    }
                }
            }
        }
        let n = read.len();
        let mut others = shared.others.lock().unwrap_or_else(|e| e.into_inner());
        for (name, version, c) in read {
            others.insert(name, (version, c));
        }
        others.retain(|name, _| name == MIGRATED || listed.iter().any(|m| &m.name == name));
        Ok(n)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts one install of `release` by `who` at `now`.
    pub fn count(&self, release: &ReleaseId, who: &Installer, now: time::OffsetDateTime) {
        let day = now.date().to_string();
        let mut all = self.lock();
        let rows = all.entry(release.clone()).or_default();
        let mut row = Row {
            day,
            ios: who.ios.clone(),
            model: who.model.clone(),
        };
        if !rows.contains_key(&row) && rows.len() >= MAX_ROWS {
            row.ios = OTHER.into();
            row.model = OTHER.into();
        }
        *rows.entry(row).or_default() += 1;
        self.dirty.store(true, Ordering::Release);
    }

    /// Drops a deleted release's counts.
    pub fn forget(&self, release: &ReleaseId) {
        if self.lock().remove(release).is_some() {
            self.dirty.store(true, Ordering::Release);
        }
        if let Some(shared) = &self.shared {
            let mut others = shared.others.lock().unwrap_or_else(|e| e.into_inner());
            for (_, c) in others.values_mut() {
                c.remove(release);
            }
        }
    }

    pub fn report(&self, release: &ReleaseId) -> Report {
        let mut rows: BTreeMap<Row, u64> = self.lock().get(release).cloned().unwrap_or_default();
        if let Some(shared) = &self.shared {
            let others = shared.others.lock().unwrap_or_else(|e| e.into_inner());
            for (_, c) in others.values() {
                for (row, n) in c.get(release).into_iter().flatten() {
                    *rows.entry(row.clone()).or_default() += n;
                }
            }
        }
        let mut report = Report {
            release: release.clone(),
            total: 0,
            by_day: BTreeMap::new(),
            by_ios: BTreeMap::new(),
            by_model: BTreeMap::new(),
            rows: Vec::new(),
        };
        for (row, &n) in &rows {
            report.total += n;
            *report.by_day.entry(row.day.clone()).or_default() += n;
            *report.by_ios.entry(row.ios.clone()).or_default() += n;
            *report.by_model.entry(row.model.clone()).or_default() += n;
            report.rows.push(ReportRow {
                day: row.day.clone(),
                ios: row.ios.clone(),
                model: row.model.clone(),
                count: n,
            });
        }
        report
    }

    /// Writes the counts to the store if they changed since the last write.
    pub fn flush(&self, store: &Store) -> Result<(), StoreError> {
        let _one_at_a_time = self.flushing.lock().unwrap_or_else(|e| e.into_inner());
        if !self.dirty.swap(false, Ordering::AcqRel) {
            return Ok(());
        }
        // The counts' lock only while they are copied out, not during the write.
        let bytes = serialise(&self.lock());
        let result = bytes.and_then(|bytes| match &self.shared {
            Some(shared) => store.put_record(KIND, &shared.record, &bytes),
            None => store.write_document(FILE, &bytes),
        });
        if result.is_err() {
            // Try again next time.
            self.dirty.store(true, Ordering::Release);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APPSTORED: &str =
        "com.apple.appstored/1.0 iOS/17.5 model/iPhone15,2 hwp/t8120 build/21F90 (6; dt:282) AMS/1";
    const ITUNESSTORED: &str =
        "itunesstored/1.0 iOS/12.4 model/iPhone10,3 hwp/t8015 build/16G77 (6; dt:157)";

    #[test]
    fn the_installer_is_recognised_and_nothing_else() {
        assert_eq!(
            installer(APPSTORED),
            Some(Installer {
                ios: "17.5".into(),
                model: "iPhone15,2".into()
            })
        );
        assert_eq!(installer(ITUNESSTORED).unwrap().model, "iPhone10,3");
        assert_eq!(
            installer("com.apple.appstored/1.0 iOS/<script> model/x\"y").unwrap(),
            Installer {
                ios: UNKNOWN.into(),
                model: UNKNOWN.into()
            }
        );
        for other in [
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "otadrop-doctor/0.1",
            "curl/8.0 com.apple.appstored/1.0",
            "",
        ] {
            assert_eq!(installer(other), None, "{other}");
        }
    }

    #[test]
    fn counts_are_kept_by_day_ios_and_model_and_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_local(dir.path()).unwrap();
        let c = InstallCounts::load(&store);
        let id = ReleaseId::new(5);
        let day1 = time::macros::datetime!(2026-12-01 23:59 UTC);
        let day2 = time::macros::datetime!(2026-12-02 00:01 UTC);
        let a = installer(APPSTORED).unwrap();
        let b = installer(ITUNESSTORED).unwrap();
        c.count(&id, &a, day1);
        c.count(&id, &a, day2);
        c.count(&id, &b, day2);
        let r = c.report(&id);
        assert_eq!(r.total, 3);
        assert_eq!(r.by_day["2026-12-02"], 2);
        assert_eq!(r.by_ios["17.5"], 2);
        assert_eq!(r.by_model["iPhone10,3"], 1);
        c.flush(&store).unwrap();
        assert!(dir.path().join(FILE).is_file(), "in the data folder");
        let again = InstallCounts::load(&store);
        assert_eq!(again.report(&id).rows.len(), 3);
        assert_eq!(again.report(&id).total, 3);
        again.forget(&id);
        assert_eq!(again.report(&id).total, 0);
    }

    #[test]
    fn rows_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let c = InstallCounts::load(&Store::open_local(dir.path()).unwrap());
        let id = ReleaseId::new(5);
        let now = time::macros::datetime!(2026-12-01 12:00 UTC);
        for i in 0..MAX_ROWS + 10 {
            let who = Installer {
                ios: "17.5".into(),
                model: format!("iPhone{i}"),
            };
            c.count(&id, &who, now);
        }
        let r = c.report(&id);
        assert_eq!(r.rows.len(), MAX_ROWS + 1);
        assert_eq!(r.by_model[OTHER], 10);
        assert_eq!(r.total, (MAX_ROWS + 10) as u64);
    }

    #[test]
    fn a_torn_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{\"releases\":").unwrap();
        let c = InstallCounts::load(&Store::open_local(dir.path()).unwrap());
        assert_eq!(c.report(&ReleaseId::new(1)).total, 0);
        assert!(dir.path().join("installs.json.bad").exists());
    }
}
