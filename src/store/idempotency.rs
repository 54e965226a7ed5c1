//! `Idempotency-Key`: which release an upload made, so that a client that lost the answer
//! and sends the same bytes again with the same key gets that release instead of a second one.
//!
//! A key maps to the SHA-256 of the bytes and the release id, for [`KEEP_FOR`]. The mapping is
//! written through the backend ([`super::Backend::save_keys`]) *before* the release is
//! committed, so a crash anywhere after the commit still finds it; a mapping whose release was
//! never committed (a crash in between) is simply replaced by the retry.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::ReleaseId;

/// How long a key is honoured.
pub const KEEP_FOR: time::Duration = time::Duration::days(1);

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
