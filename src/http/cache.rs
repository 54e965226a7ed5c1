//! The one bounded cache type of the HTTP layer, for everything it derives from a release and
//! serves again: rendered pages, manifests and QR codes.
//!
//! Each cache is bounded by the bytes it holds (not by a count that says nothing of size), evicts
//! single entries when full (S3-FIFO, from `quick_cache`) instead of starting over, and renders
//! a missing entry once even when many requests ask for it at the same moment. Every key names
//! its release, so [`Cache::forget`] drops all that was made from a deleted release.

use std::hash::Hash;
use std::sync::Arc;

use quick_cache::sync::Cache as Inner;
use quick_cache::Weighter;

use crate::store::ReleaseId;

/// A key made from one release.
pub trait ReleaseKey: Clone + Eq + Hash {
    fn release(&self) -> &ReleaseId;
}

impl ReleaseKey for ReleaseId {
    fn release(&self) -> &ReleaseId {
        self
    }
}

/// What an entry costs, in bytes (roughly: the payload, not the bookkeeping).
pub trait Weight {
    fn weight(&self) -> u64;
}

impl Weight for str {
    fn weight(&self) -> u64 {
        self.len() as u64
    }
}

impl<T: Weight + ?Sized> Weight for Arc<T> {
    fn weight(&self) -> u64 {
        (**self).weight()
    }
}

#[derive(Clone, Copy, Default)]
struct ByWeight;

impl<K, V: Weight> Weighter<K, V> for ByWeight {
    fn weight(&self, _key: &K, value: &V) -> u64 {
        // quick_cache keeps a weight-0 entry forever; nothing here is free to keep.
        value.weight().max(1)
    }
}

/// A cache of shared values (`V` is an `Arc` or another cheap clone), at most `max_bytes` in all.
pub struct Cache<K: ReleaseKey, V: Weight + Clone> {
    inner: Inner<K, V, ByWeight>,
}

impl<K: ReleaseKey, V: Weight + Clone> Cache<K, V> {
    /// `expected_items` sizes the tables; `max_bytes` bounds what is kept.
    pub fn new(expected_items: usize, max_bytes: u64) -> Self {
        Cache {
            inner: Inner::with_weighter(expected_items, max_bytes, ByWeight),
        }
    }

    /// The cached value, or `make()`'s, kept for next time. Concurrent callers for one key wait
    /// for the first one's value instead of making it again.
    pub fn get_or_make(&self, key: K, make: impl FnOnce() -> V) -> V {
        match self
            .inner
            .get_or_insert_with(&key, || Ok::<V, std::convert::Infallible>(make()))
        {
            Ok(v) => v,
            Err(never) => match never {},
        }
    }

    /// The cached value, if there is one (never makes it).
    pub fn get(&self, key: &K) -> Option<V> {
        self.inner.get(key)
    }

    /// Drops every entry made from release `id`.
    pub fn forget(&self, id: &ReleaseId) {
        self.inner.retain(|k, _| k.release() != id);
    }

    pub fn len(&self) -> usize {
        self.inner.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// Bytes held.
    pub fn weight(&self) -> u64 {
        self.inner.weight()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh id (the number is the time part; the rest is random).
    fn id(n: u64) -> ReleaseId {
        ReleaseId::new(n)
    }

    #[derive(Clone, PartialEq, Eq, Hash)]
    struct Key(ReleaseId, u8);

    impl ReleaseKey for Key {
        fn release(&self) -> &ReleaseId {
            &self.0
        }
    }

    #[test]
    fn makes_once_then_hits() {
        let cache: Cache<ReleaseId, Arc<str>> = Cache::new(8, 1 << 20);
        let key = id(1);
        let mut made = 0;
        for _ in 0..3 {
            let v = cache.get_or_make(key.clone(), || {
                made += 1;
                Arc::from("page")
            });
            assert_eq!(&*v, "page");
        }
        assert_eq!(made, 1);
    }

    #[test]
    fn forget_drops_every_key_of_a_release_and_only_those() {
        let cache: Cache<Key, Arc<str>> = Cache::new(8, 1 << 20);
        let a = id(1);
        let b = id(2);
        for n in 0..3 {
            cache.get_or_make(Key(a.clone(), n), || Arc::from("a"));
            cache.get_or_make(Key(b.clone(), n), || Arc::from("b"));
        }
        assert_eq!(cache.len(), 6);
        cache.forget(&a);
        assert_eq!(cache.len(), 3);
        let mut remade = false;
        cache.get_or_make(Key(b.clone(), 0), || {
            remade = true;
            Arc::from("b")
        });
        assert!(!remade, "the other release's entries stay");
    }

    #[test]
    fn bounded_by_bytes_and_evicts_single_entries() {
        // 64 KiB of room, 1 KiB values: far more inserts than fit.
        let cache: Cache<Key, Arc<str>> = Cache::new(64, 64 * 1024);
        let value: Arc<str> = Arc::from("x".repeat(1024));
        for n in 0..1000u64 {
            cache.get_or_make(Key(id(n), 0), || value.clone());
            assert!(cache.weight() <= 64 * 1024, "weight {}", cache.weight());
        }
        // Full, but not cleared wholesale: it still holds most of what fits.
        assert!(cache.len() > 32, "len {}", cache.len());
    }
}
