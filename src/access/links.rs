//! Share links: the records behind `/s/<token>`. A record names its target (one release, or
//! an app's newest release), its expiry, an optional password hash, a note, and whether it
//! was revoked. Records are kept in memory and written through the store's backend after
//! every change:
//!
//! - on the local folder, as one document (`links.json`), replaced whole;
//! - on a bucket shared by several nodes, as one record per link (`records/links/<id>.json`),
//!   so two nodes creating or revoking links at once never overwrite each other's. Each node
//!   re-lists the records every sync interval and re-reads those whose version (ETag)
//!   changed ([`LinkBook::refresh`]); a token naming a link this node has not read yet is
//!   looked up in the bucket at once ([`LinkBook::get_or_load`]), one lookup at a time and at
//!   most once per [`MISS_AGAIN`] per link. A `links.json` left by `otadrop migrate` or an
//!   older version is read at start, its links created as records (never over an existing
//!   one, so a revocation is not undone), and then removed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use super::millis_to_time;
use crate::store::{ReleaseId, Store, StoreError};

/// The document the records are kept in (the local folder).
pub const DOCUMENT: &str = "links.json";
/// The record kind of one link on a shared storage.
const KIND: &str = "links";
/// How soon a token whose link was not in the bucket may cause another bucket read.
pub const MISS_AGAIN: Duration = Duration::from_secs(1);
/// Misses remembered at most (a flood of valid tokens of unknown links forgets the oldest).
const MAX_MISSES: usize = 4096;

#[derive(Debug, Error)]
pub enum LinkError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("share links record {DOCUMENT}: {0}")]
    Corrupt(String),
    #[error("could not make a random link id: {0}")]
    Random(String),
}

/// A link's id: 11 random bytes, shown as 22 hex digits. Not secret (the token's signature
/// is what makes a link unforgeable).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkId([u8; LinkId::LEN]);

impl LinkId {
    pub const LEN: usize = 11;

    pub fn random() -> Result<LinkId, LinkError> {
        let mut b = [0u8; Self::LEN];
        getrandom::getrandom(&mut b).map_err(|e| LinkError::Random(e.to_string()))?;
        Ok(LinkId(b))
    }

    pub fn from_bytes(b: &[u8]) -> Option<LinkId> {
        b.try_into().ok().map(LinkId)
    }

    /// From its 22 lowercase hex digits.
    pub fn parse(s: &str) -> Option<LinkId> {
        if s.len() != Self::LEN * 2 || s.bytes().any(|b| b.is_ascii_uppercase()) {
            return None;
        }
        Self::from_bytes(&hex::decode(s).ok()?)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Display for LinkId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl Serialize for LinkId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LinkId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        LinkId::parse(&s).ok_or_else(|| serde::de::Error::custom("bad link id"))
    }
}

/// What a link shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// One release.
    Release(ReleaseId),
    /// The newest release of an app (by bundle id), whenever the link is opened.
    App(String),
    /// The newest release of one channel of an app, whenever the link is opened.
    Channel { app: String, channel: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub id: LinkId,
    pub target: Target,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    /// Milliseconds since the epoch; the same value the token carries.
    pub expires_ms: Option<u64>,
    /// Argon2id PHC string, when the link has a password.
    pub password_hash: Option<String>,
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked: Option<OffsetDateTime>,
}

/// Whether a link can be used now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    Live,
    Expired(OffsetDateTime),
    Revoked(OffsetDateTime),
}

/// How responses under a link may be cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Behind a password or an expiring link: `private, no-store`, never in a shared (AMP) cache.
    PrivateNoStore,
    /// An open link that does not expire: may be stored, but revalidated on every use (so a
    /// revocation is seen at once).
    Revalidate,
}

impl CachePolicy {
    pub fn header_value(self) -> &'static str {
        match self {
            CachePolicy::PrivateNoStore => "private, no-store",
            CachePolicy::Revalidate => "no-cache",
        }
    }

    /// May this page be announced to (and served from) a public AMP cache?
    pub fn public_cache_allowed(self) -> bool {
        self == CachePolicy::Revalidate
    }
}

impl Link {
    pub fn expires(&self) -> Option<OffsetDateTime> {
        self.expires_ms.map(millis_to_time)
    }

    pub fn state(&self, now_ms: u64) -> LinkState {
        if let Some(at) = self.revoked {
            return LinkState::Revoked(at);
        }
        match self.expires_ms {
            Some(ms) if now_ms >= ms => LinkState::Expired(millis_to_time(ms)),
            _ => LinkState::Live,
        }
    }

    pub fn has_password(&self) -> bool {
        self.password_hash.is_some()
    }

    /// The one place that decides how anything under this link may be cached.
    pub fn cache_policy(&self) -> CachePolicy {
        if self.has_password() || self.expires_ms.is_some() {
            CachePolicy::PrivateNoStore
        } else {
            CachePolicy::Revalidate
        }
    }
}

/// Every link, newest first, persisted through the store's backend.
pub struct LinkBook {
    links: RwLock<Vec<Arc<Link>>>,
    /// On a shared storage: the version of each link record as last read, by record name.
    versions: Option<Mutex<HashMap<String, String>>>,
    /// Links looked up in the bucket and not found, and when; held during a lookup, so
    /// lookups run one at a time.
    misses: Mutex<HashMap<LinkId, Instant>>,
}

fn record_name(id: &LinkId) -> String {
    format!("{id}.json")
}

fn parse(bytes: &[u8]) -> Result<Link, LinkError> {
    serde_json::from_slice(bytes).map_err(|e| LinkError::Corrupt(e.to_string()))
}

fn newest_first(links: &mut [Arc<Link>]) {
    links.sort_by(|a, b| (b.created, b.id.as_bytes()).cmp(&(a.created, a.id.as_bytes())));
}

impl LinkBook {
    pub fn load(store: &Store) -> Result<LinkBook, LinkError> {
        let legacy: Vec<Link> = match store.read_document(DOCUMENT)? {
            Some(bytes) => {
                serde_json::from_slice(&bytes).map_err(|e| LinkError::Corrupt(e.to_string()))?
            }
            None => Vec::new(),
        };
        let book = LinkBook {
            links: RwLock::new(legacy.iter().cloned().map(Arc::new).collect()),
            versions: store.is_shared().then(Default::default),
            misses: Mutex::new(HashMap::new()),
        };
        if book.versions.is_some() {
            // Links of a migrated document become records (never over a newer record: a
            // link revoked since is not brought back to life).
            for link in &legacy {
                let bytes = serde_json::to_vec_pretty(link)
                    .map_err(|e| LinkError::Corrupt(e.to_string()))?;
                store.create_record(KIND, &record_name(&link.id), &bytes)?;
            }
            if !legacy.is_empty() {
                // Every link is a record now: later starts need not go through them again.
                store.delete_record("documents", DOCUMENT)?;
            }
            book.write().clear();
            book.refresh(store)?;
        }
        Ok(book)
    }

    /// On a shared storage, re-reads the link records that are new or changed since the last
    /// call (links made or revoked by other nodes); returns how many. Nothing to do on the
    /// local folder.
    pub fn refresh(&self, store: &Store) -> Result<usize, LinkError> {
        let Some(versions) = &self.versions else {
            return Ok(0);
        };
        let listed = store.list_record_versions(KIND)?;
        let stale: Vec<_> = {
            let known = versions.lock().unwrap_or_else(|e| e.into_inner());
            listed
                .into_iter()
                .filter(|m| known.get(&m.name) != Some(&m.version))
                .collect()
        };
        let names: Vec<String> = stale.iter().map(|m| m.name.clone()).collect();
        let mut read = Vec::with_capacity(stale.len());
        for (meta, bytes) in stale.iter().zip(store.get_records(KIND, &names)?) {
            // None: removed between the listing and the read.
            let Some(bytes) = bytes else {
                continue;
            };
            match parse(&bytes) {
                Ok(link) if record_name(&link.id) == meta.name => read.push(link),
                Ok(_) => {
                    tracing::warn!(record = %meta.name, "link record names another link; skipped")
                }
                Err(e) => {
                    tracing::warn!(record = %meta.name, error = %e, "unreadable link record; skipped")
                }
            }
        }
        let n = read.len();
        if n > 0 {
            self.merge(read);
        }
        let mut known = versions.lock().unwrap_or_else(|e| e.into_inner());
        for meta in stale {
            known.insert(meta.name, meta.version);
        }
        Ok(n)
    }

    /// Puts links read from the storage in place of this node's copies.
    fn merge(&self, read: Vec<Link>) {
        let mut all = self.write();
        for link in read {
            let link = Arc::new(link);
            match all.iter().position(|l| l.id == link.id) {
                // A revocation is final: a read that started before it cannot undo it.
                Some(at) if all[at].revoked.is_some() && link.revoked.is_none() => {}
                Some(at) => all[at] = link,
                None => all.push(link),
            }
        }
        newest_first(&mut all);
    }

    pub fn get(&self, id: &LinkId) -> Option<Arc<Link>> {
        self.read().iter().find(|l| &l.id == id).cloned()
    }

    /// [`LinkBook::get`], and on a miss on a shared storage, a look in the bucket (a link just
    /// made on another node). Lookups run one at a time, and a link not found is not looked up
    /// again for [`MISS_AGAIN`], so requests naming unknown links cannot each cost a bucket
    /// read. Callers have already checked the token's signature. Blocks (a bucket read, and
    /// waiting for another lookup): call it from a blocking thread.
    pub fn get_or_load(&self, store: &Store, id: &LinkId) -> Option<Arc<Link>> {
        if let Some(link) = self.get(id) {
            return Some(link);
        }
        self.versions.as_ref()?;
        let mut misses = self.misses.lock().unwrap_or_else(|e| e.into_inner());
        // Another request may have loaded it while this one waited.
        if let Some(link) = self.get(id) {
            return Some(link);
        }
        let now = Instant::now();
        if misses.get(id).is_some_and(|at| now - *at < MISS_AGAIN) {
            return None;
        }
        let found = match store.get_record(KIND, &record_name(id)) {
            Ok(Some(bytes)) => parse(&bytes)
                .inspect_err(|e| tracing::warn!(link = %id, error = %e, "unreadable link record"))
                .ok()
                .filter(|l| &l.id == id),
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(link = %id, error = %e, "looking up a link in the storage");
                None
            }
        };
        match found {
            Some(link) => {
                misses.remove(id);
                self.merge(vec![link]);
                self.get(id)
            }
            None => {
                if misses.len() >= MAX_MISSES {
                    misses.retain(|_, at| now - *at < MISS_AGAIN);
                    if misses.len() >= MAX_MISSES {
                        misses.clear();
                    }
                }
                misses.insert(id.clone(), now);
                None
            }
        }
    }

    pub fn list(&self) -> Vec<Arc<Link>> {
        self.read().clone()
    }

    /// Adds a link and writes the records; nothing changes if the write fails.
    pub fn add(&self, store: &Store, link: Link) -> Result<Arc<Link>, LinkError> {
        if self.versions.is_some() {
            put(store, &link)?;
            self.merge(vec![link.clone()]);
            return Ok(self.get(&link.id).unwrap_or_else(|| Arc::new(link)));
        }
        let link = Arc::new(link);
        let mut all = self.write();
        let mut next = Vec::with_capacity(all.len() + 1);
        next.push(link.clone());
        next.extend(all.iter().cloned());
        save(store, &next)?;
        *all = next;
        Ok(link)
    }

    /// Marks a link revoked (kept, so its URL answers `410 Gone`). `None` when unknown.
    pub fn revoke(
        &self,
        store: &Store,
        id: &LinkId,
        now: OffsetDateTime,
    ) -> Result<Option<Arc<Link>>, LinkError> {
        // A link made on another node and not read here yet.
        self.get_or_load(store, id);
        let mut all = self.write();
        let Some(at) = all.iter().position(|l| &l.id == id) else {
            return Ok(None);
        };
        if all[at].revoked.is_some() {
            return Ok(Some(all[at].clone()));
        }
        let mut changed = (*all[at]).clone();
        changed.revoked = Some(now);
        if self.versions.is_some() {
            // Only this link's record: a link made meanwhile on another node is not touched.
            put(store, &changed)?;
            all[at] = Arc::new(changed);
            return Ok(Some(all[at].clone()));
        }
        let mut next = all.clone();
        next[at] = Arc::new(changed);
        save(store, &next)?;
        *all = next;
        Ok(Some(all[at].clone()))
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Arc<Link>>> {
        self.links.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Vec<Arc<Link>>> {
        self.links.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// Writes one link's record (shared storage).
fn put(store: &Store, link: &Link) -> Result<(), LinkError> {
    let bytes = serde_json::to_vec_pretty(link).map_err(|e| LinkError::Corrupt(e.to_string()))?;
    store.put_record(KIND, &record_name(&link.id), &bytes)?;
    Ok(())
}

fn save(store: &Store, all: &[Arc<Link>]) -> Result<(), LinkError> {
    let records: Vec<&Link> = all.iter().map(|l| l.as_ref()).collect();
    let bytes =
        serde_json::to_vec_pretty(&records).map_err(|e| LinkError::Corrupt(e.to_string()))?;
    store.write_document(DOCUMENT, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(expires_ms: Option<u64>, password: bool) -> Link {
        Link {
            id: LinkId::random().unwrap(),
            target: Target::App("com.example.app".into()),
            created: OffsetDateTime::UNIX_EPOCH,
            expires_ms,
            password_hash: password.then(|| "$argon2id$x".into()),
            note: Some("for QA".into()),
            revoked: None,
        }
    }

    #[test]
    fn link_ids_parse_only_their_own_spelling() {
        let id = LinkId::random().unwrap();
        assert_eq!(LinkId::parse(&id.to_string()), Some(id.clone()));
        assert_eq!(LinkId::parse(&id.to_string().to_uppercase()), None);
        assert_eq!(LinkId::parse("abc"), None);
        assert_eq!(LinkId::parse(&"zz".repeat(11)), None);
    }

    #[test]
    fn state_follows_expiry_and_revocation() {
        let l = link(Some(1000), false);
        assert_eq!(l.state(999), LinkState::Live);
        assert!(matches!(l.state(1000), LinkState::Expired(_)));
        let mut r = link(None, false);
        assert_eq!(r.state(u64::MAX), LinkState::Live);
        r.revoked = Some(OffsetDateTime::UNIX_EPOCH);
        assert!(matches!(r.state(0), LinkState::Revoked(_)));
    }

    #[test]
    fn only_open_permanent_links_may_be_cached_publicly() {
        assert_eq!(link(None, false).cache_policy(), CachePolicy::Revalidate);
        assert_eq!(
            link(Some(5), false).cache_policy(),
            CachePolicy::PrivateNoStore
        );
        assert_eq!(link(None, true).cache_policy(), CachePolicy::PrivateNoStore);
        assert_eq!(
            CachePolicy::PrivateNoStore.header_value(),
            "private, no-store"
        );
        assert!(!CachePolicy::PrivateNoStore.public_cache_allowed());
    }

    #[test]
    fn a_read_from_before_a_revocation_does_not_undo_it() {
        let book = LinkBook {
            links: RwLock::new(Vec::new()),
            versions: Some(Default::default()),
            misses: Mutex::new(HashMap::new()),
        };
        let live = link(None, false);
        let mut revoked = live.clone();
        revoked.revoked = Some(OffsetDateTime::UNIX_EPOCH);
        book.merge(vec![revoked]);
        book.merge(vec![live.clone()]);
        assert!(book.get(&live.id).unwrap().revoked.is_some());
        let other = link(None, false);
        book.merge(vec![other.clone()]);
        assert_eq!(book.list().len(), 2);
    }

    #[test]
    fn records_survive_a_restart_including_revocation() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_local(dir.path()).unwrap();
        let book = LinkBook::load(&store).unwrap();
        let a = book.add(&store, link(Some(5), true)).unwrap();
        let b = book.add(&store, link(None, false)).unwrap();
        book.revoke(&store, &a.id, OffsetDateTime::UNIX_EPOCH)
            .unwrap()
            .unwrap();
        assert!(book
            .revoke(
                &store,
                &LinkId::random().unwrap(),
                OffsetDateTime::UNIX_EPOCH
            )
            .unwrap()
            .is_none());
        drop(book);
        let again = LinkBook::load(&Store::open_local(dir.path()).unwrap()).unwrap();
        let ids: Vec<LinkId> = again.list().iter().map(|l| l.id.clone()).collect();
        assert_eq!(ids, vec![b.id.clone(), a.id.clone()], "newest first");
        assert!(again.get(&a.id).unwrap().revoked.is_some());
        assert_eq!(again.get(&b.id).unwrap().note.as_deref(), Some("for QA"));
    }
}
