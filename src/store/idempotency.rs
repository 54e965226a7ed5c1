//! `Idempotency-Key`: which release an upload made, so that a client that lost the answer
//! and sends the same bytes again with the same key gets that release instead of a second one.
//!
//! A key maps to the SHA-256 of the bytes and the release id, for [`KEEP_FOR`]. The mapping is
//! written through the backend ([`super::Backend::save_keys`]) *before* the release is
//! committed, so a crash anywhere after the commit still finds it; a mapping whose release was
//! never committed (a crash in between) is simply replaced by the retry.
//!
//! On the local folder the keys are one list (`keys.json`). On a bucket shared by several
//! nodes each key is its own record, `records/idempotency/<SHA-256 of the key>.json`, created
//! only if absent (`If-None-Match: *`), so a retry sent to another node finds the first
//! attempt's key, and two attempts racing on two nodes agree on one release; the sweep
//! removes records older than [`KEEP_FOR`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::ReleaseId;

/// How long a key is honoured.
pub const KEEP_FOR: time::Duration = time::Duration::days(1);

/// The record kind of one key on a shared storage.
pub(crate) const KIND: &str = "idempotency";

/// The record name of a key on a shared storage: the key may hold any visible ASCII.
pub(crate) fn record_name(key: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("{}.json", hex::encode(Sha256::digest(key.as_bytes())))
}

/// What [`super::Store::remember`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remembered {
    /// The key is this attempt's now.
    New,
    /// Another attempt (on another node) took the key first and has not expired: its record.
    Taken(KeyRecord),
}

/// Longest key accepted (the IETF draft leaves it open; UUIDs are 36).
pub const MAX_KEY_LEN: usize = 255;

/// One remembered key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRecord {
    pub key: String,
    pub sha256: String,
    pub release: ReleaseId,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

impl KeyRecord {
    pub fn new(key: &str, sha256: &str, release: &ReleaseId, at: OffsetDateTime) -> KeyRecord {
        KeyRecord {
            key: key.to_string(),
            sha256: sha256.to_string(),
            release: release.clone(),
            at,
        }
    }
}

/// Whether `key` is a usable Idempotency-Key: 1-255 visible ASCII characters.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= MAX_KEY_LEN && key.bytes().all(|b| b.is_ascii_graphic())
}

/// The keys in memory, pruned of expired ones whenever they are read or written.
#[derive(Default)]
pub(crate) struct Keys {
    map: HashMap<String, KeyRecord>,
}

impl Keys {
    pub fn new(records: Vec<KeyRecord>, now: OffsetDateTime) -> Keys {
        let mut keys = Keys {
            map: records.into_iter().map(|r| (r.key.clone(), r)).collect(),
        };
        keys.prune(now);
        keys
    }

    fn prune(&mut self, now: OffsetDateTime) {
        self.map.retain(|_, r| now - r.at < KEEP_FOR);
    }

    pub fn get(&mut self, key: &str, now: OffsetDateTime) -> Option<KeyRecord> {
        self.prune(now);
        self.map.get(key).cloned()
    }

    /// Adds a key read from elsewhere unless it has expired; the key as kept.
    pub fn insert_fresh(&mut self, record: KeyRecord, now: OffsetDateTime) -> Option<KeyRecord> {
        if now - record.at >= KEEP_FOR {
            return None;
        }
        self.map.insert(record.key.clone(), record.clone());
        Some(record)
    }

    pub fn insert(&mut self, record: KeyRecord, now: OffsetDateTime) -> Vec<KeyRecord> {
        self.prune(now);
        self.map.insert(record.key.clone(), record);
        self.map.values().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(key: &str, at: OffsetDateTime) -> KeyRecord {
        KeyRecord {
            key: key.into(),
            sha256: "ab".repeat(32),
            release: ReleaseId::new(1),
            at,
        }
    }

    #[test]
    fn keys_expire_after_a_day() {
        let t0 = OffsetDateTime::UNIX_EPOCH + time::Duration::days(1000);
        let mut keys = Keys::new(vec![rec("old", t0 - KEEP_FOR), rec("new", t0)], t0);
        assert!(keys.get("old", t0).is_none());
        assert!(keys.get("new", t0 + time::Duration::hours(23)).is_some());
        assert!(keys.get("new", t0 + KEEP_FOR).is_none());
    }

    #[test]
    fn key_syntax() {
        assert!(valid_key("3f0c2a9e-1b7d-4c1e-9a55-2d7c0e4b8f61"));
        for bad in ["", "a b", "a\nb", &"k".repeat(256), "é"] {
            assert!(!valid_key(bad), "{bad:?}");
        }
    }
}
