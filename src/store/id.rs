use std::fmt;

use serde::{Deserialize, Serialize};

/// A release id: 26 lowercase Crockford base32 characters, 48 bits of milliseconds then 80
/// random bits. It sorts by creation time and is unguessable, so it doubles as the capability
/// that lets the installer (which carries no cookies) fetch the manifest and the IPA.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReleaseId(String);

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const LEN: usize = 26;

impl ReleaseId {
    /// A fresh id for `unix_millis`, or an error when the OS gives no random bits: an id
    /// without them would be guessable, and the id is the capability to install.
    pub fn generate(unix_millis: u64) -> Result<Self, getrandom::Error> {
        Self::with_random(unix_millis, getrandom::getrandom)
    }

    /// [`ReleaseId::generate`] for tests and tools, where an OS without randomness is a bug.
    ///
    /// # Panics
    /// When the OS has no source of random bits.
    pub fn new(unix_millis: u64) -> Self {
        Self::generate(unix_millis).expect("the OS gives random bits")
    }

    fn with_random(
        unix_millis: u64,
        fill: impl FnOnce(&mut [u8]) -> Result<(), getrandom::Error>,
    ) -> Result<Self, getrandom::Error> {
        let mut random = [0u8; 10];
        fill(&mut random)?;
        let mut n: u128 = (unix_millis as u128 & 0xffff_ffff_ffff) << 80;
        for (i, b) in random.iter().enumerate() {
            n |= (*b as u128) << (8 * (9 - i));
        }
        let mut out = [0u8; LEN];
        for (i, slot) in out.iter_mut().rev().enumerate() {
            *slot = ALPHABET[((n >> (5 * i)) & 31) as usize];
        }
        Ok(ReleaseId(out.iter().map(|&b| b as char).collect()))
    }

    /// Accepts exactly what [`ReleaseId::new`] produces; anything else is not an id (and so can
    /// never reach the file system as a path component).
    pub fn parse(s: &str) -> Option<Self> {
        (s.len() == LEN && s.bytes().all(|b| ALPHABET.contains(&b))).then(|| ReleaseId(s.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReleaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ReleaseId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        ReleaseId::parse(&s).ok_or_else(|| format!("not a release id: {s:?}"))
    }
}

impl From<ReleaseId> for String {
    fn from(id: ReleaseId) -> String {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_time_and_round_trip() {
        let a = ReleaseId::new(1_700_000_000_000);
        let b = ReleaseId::new(1_700_000_000_001);
        assert!(a < b);
        assert_eq!(ReleaseId::parse(a.as_str()), Some(a.clone()));
        assert_ne!(ReleaseId::new(5), ReleaseId::new(5), "random part differs");
    }

    #[test]
    fn no_randomness_means_no_id() {
        let failed = ReleaseId::with_random(1, |_| Err(getrandom::Error::UNSUPPORTED));
        assert!(failed.is_err(), "an id without random bits is refused");
    }

    #[test]
    fn parse_refuses_paths_and_odd_characters() {
        for bad in [
            "",
            "..",
            "../../etc/passwd",
            "01JD5X0000000000000000000A",
            "01jd5x000000000000000000i0",
            "01jd5x0000000000000000000a/",
        ] {
            assert_eq!(ReleaseId::parse(bad), None, "{bad}");
        }
    }
}
