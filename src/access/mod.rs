//! Who may see what: share links, the signed tokens that name them, password hashes, sign-in
//! sessions and rate limits. Plain library code (no HTTP): the HTTP layer (`http::auth`,
//! `http::share`, `http::sign_in`) translates requests into calls to it.
//!
//! - [`token`]: HMAC-SHA-256 signed, tamper-evident tokens (share links, install grants,
//!   sessions, a password link's cookie), compared in constant time.
//! - [`links`]: share-link records, kept in the data folder through the store's backend.
//! - [`password`]: Argon2id hashes of link passwords.
//! - [`limit`]: counting failed attempts (sign-in, link passwords) per key.

pub mod limit;
pub mod links;
pub mod password;
pub mod token;

pub use links::{CachePolicy, Link, LinkBook, LinkError, LinkId, LinkState, Target};
pub use token::{Grant, Role, Signer};

/// Milliseconds since the Unix epoch: the unit of every expiry in tokens and records.
pub fn now_millis() -> u64 {
    let now = time::OffsetDateTime::now_utc();
    (now.unix_timestamp_nanos() / 1_000_000).max(0) as u64
}

/// An expiry in milliseconds as a date and time.
pub fn millis_to_time(ms: u64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}
