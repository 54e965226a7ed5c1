//! Who may keep a copy of a response, and for how long: one place that says it, for every
//! response a shared cache could store (an AMP cache above all: it serves one copy to
//! everyone and ignores `Vary`).

use http::header::{HeaderValue, CACHE_CONTROL};
use http::HeaderMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cacheability {
    /// The same for everyone: shared caches (AMP caches, CDNs) may serve it for `max_age`
    /// seconds.
    Public { max_age: u32 },
    /// For whoever asked only, and not to be stored: answers computed from the visitor, pages
    /// behind a password or an expiring link.
    Private,
}

/// An AMP page that anyone with its link may see. Short, so that a deleted or expired build
/// leaves the AMP caches within minutes (they refetch once it is stale, and drop a page
/// whose origin answers 404).
pub const PUBLIC_AMP_PAGE: Cacheability = Cacheability::Public { max_age: 300 };

impl Cacheability {
    pub fn header_value(self) -> HeaderValue {
        match self {
            Cacheability::Public { max_age } => {
                HeaderValue::from_str(&format!("public, max-age={max_age}"))
                    .unwrap_or_else(|_| HeaderValue::from_static("no-cache"))
            }
            Cacheability::Private => HeaderValue::from_static("private, no-store"),
        }
    }

    /// Sets `Cache-Control` (replacing any).
    pub fn apply(self, h: &mut HeaderMap) {
        h.insert(CACHE_CONTROL, self.header_value());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_says_its_lifetime_and_private_forbids_storing() {
        let mut h = HeaderMap::new();
        Cacheability::Public { max_age: 300 }.apply(&mut h);
        assert_eq!(h[CACHE_CONTROL], "public, max-age=300");
        Cacheability::Private.apply(&mut h);
        assert_eq!(h[CACHE_CONTROL], "private, no-store");
        assert_eq!(h.get_all(CACHE_CONTROL).iter().count(), 1);
    }

    #[test]
    fn an_amp_page_leaves_the_caches_within_minutes() {
        match PUBLIC_AMP_PAGE {
            Cacheability::Public { max_age } => assert!((60..=600).contains(&max_age)),
            Cacheability::Private => panic!("a public AMP page is public"),
        }
    }
}
