//! Signed tokens. Each is `base64url(payload || tag)` where `tag` is the first 16 bytes of
//! HMAC-SHA-256 over a purpose label and the payload, keyed by the server's secret. The label
//! keeps a token of one kind from passing as another (a link token is never a grant). Tags are
//! checked with the `hmac` crate's constant-time comparison, and only the canonical encoding
//! is accepted, so changing any character of a token makes it invalid.
//!
//! | kind | payload |
//! |---|---|
//! | share link | version 1, link id (11 bytes), expiry (ms, big-endian u64, 0 = never) |
//! | install grant | link id, expiry, release id (26 ASCII characters) |
//! | session | role (1 byte), expiry |
//! | link cookie | link id, expiry |
//!
//! The console's CSRF token is not a sealed token but the tag alone, over the session cookie's
//! value: it is valid exactly as long as that session, and only with it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::links::LinkId;
use crate::store::ReleaseId;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of the HMAC kept in a token: 128 bits.
const TAG: usize = 16;
/// Longer strings are refused before decoding.
const MAX_TOKEN: usize = 200;
const LINK_VERSION: u8 = 1;

#[derive(Clone, Copy)]
enum Purpose {
    Link,
    Grant,
    Session,
    LinkCookie,
    Csrf,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Link => b"otadrop share link v1\0",
            Purpose::Grant => b"otadrop install grant v1\0",
            Purpose::Session => b"otadrop session v1\0",
            Purpose::LinkCookie => b"otadrop link cookie v1\0",
            Purpose::Csrf => b"otadrop csrf v1\0",
        }
    }
}

/// Who a session belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Signed in with the viewer password: sees the index, app and release pages.
    Viewer,
    /// Signed in with the admin (upload) token.
    Admin,
}

/// A verified install grant: the release a password link's page was shown for, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub link: LinkId,
    pub release: ReleaseId,
    pub expires: u64,
}

/// Makes and checks tokens with one secret.
#[derive(Clone)]
pub struct Signer {
    key: [u8; 32],
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(..)")
    }
}

impl Signer {
    /// `secret` is the configured or generated signing secret (any length; 32+ random bytes).
    pub fn new(secret: &[u8]) -> Signer {
        // Derive the working key so the stored secret is never used directly as a MAC key.
        let mut mac = <HmacSha256 as Mac>::new_from_slice(secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(b"otadrop signing key v1");
        let key = mac.finalize().into_bytes().into();
        Signer { key }
    }

    fn mac(&self, purpose: Purpose, payload: &[u8]) -> HmacSha256 {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(purpose.label());
        mac.update(payload);
        mac
    }

    fn seal(&self, purpose: Purpose, payload: &[u8]) -> String {
        let tag = self.mac(purpose, payload).finalize().into_bytes();
        let mut out = Vec::with_capacity(payload.len() + TAG);
        out.extend_from_slice(payload);
        out.extend_from_slice(&tag[..TAG]);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// The payload of a valid token of `purpose`, or `None`.
    fn open(&self, purpose: Purpose, token: &str) -> Option<Vec<u8>> {
        if token.len() > MAX_TOKEN {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
        // Only the canonical spelling: no second string may decode to the same bytes.
        if URL_SAFE_NO_PAD.encode(&bytes) != token || bytes.len() < TAG {
            return None;
        }
        let (payload, tag) = bytes.split_at(bytes.len() - TAG);
        self.mac(purpose, payload).verify_truncated_left(tag).ok()?;
        Some(payload.to_vec())
    }

    /// The token of a share link: names the link and carries its expiry.
    pub fn link_token(&self, id: &LinkId, expires: Option<u64>) -> String {
        let mut p = Vec::with_capacity(20);
        p.push(LINK_VERSION);
        p.extend_from_slice(id.as_bytes());
        p.extend_from_slice(&expires.unwrap_or(0).to_be_bytes());
        self.seal(Purpose::Link, &p)
    }

    /// The link id and expiry of a valid share-link token.
    pub fn open_link(&self, token: &str) -> Option<(LinkId, Option<u64>)> {
        let p = self.open(Purpose::Link, token)?;
        let (version, rest) = p.split_first()?;
        if *version != LINK_VERSION || rest.len() != LinkId::LEN + 8 {
            return None;
        }
        let (id, exp) = rest.split_at(LinkId::LEN);
        let exp = u64::from_be_bytes(exp.try_into().ok()?);
        Some((LinkId::from_bytes(id)?, (exp != 0).then_some(exp)))
    }

    /// A grant letting the installer fetch `release` through link `link` until `expires`.
    pub fn grant(&self, link: &LinkId, release: &ReleaseId, expires: u64) -> String {
        let mut p = Vec::with_capacity(LinkId::LEN + 8 + 26);
        p.extend_from_slice(link.as_bytes());
        p.extend_from_slice(&expires.to_be_bytes());
        p.extend_from_slice(release.as_str().as_bytes());
        self.seal(Purpose::Grant, &p)
    }

    /// A validly signed grant (its expiry is the caller's to judge).
    pub fn open_grant(&self, token: &str) -> Option<Grant> {
        let p = self.open(Purpose::Grant, token)?;
        if p.len() < LinkId::LEN + 8 {
            return None;
        }
        let (link, rest) = p.split_at(LinkId::LEN);
        let (exp, release) = rest.split_at(8);
        Some(Grant {
            link: LinkId::from_bytes(link)?,
            expires: u64::from_be_bytes(exp.try_into().ok()?),
            release: ReleaseId::parse(std::str::from_utf8(release).ok()?)?,
        })
    }

    /// A session cookie's value.
    pub fn session(&self, role: Role, expires: u64) -> String {
        let mut p = vec![match role {
            Role::Viewer => b'v',
            Role::Admin => b'a',
        }];
        p.extend_from_slice(&expires.to_be_bytes());
        self.seal(Purpose::Session, &p)
    }

    /// The role of a valid session that has not expired at `now`.
    pub fn open_session(&self, value: &str, now: u64) -> Option<Role> {
        let p = self.open(Purpose::Session, value)?;
        let (role, exp) = p.split_first()?;
        let exp = u64::from_be_bytes(exp.try_into().ok()?);
        if now >= exp {
            return None;
        }
        match role {
            b'v' => Some(Role::Viewer),
            b'a' => Some(Role::Admin),
            _ => None,
        }
    }

    /// The CSRF token of a session (its cookie's value): what the console sends back in a
    /// header with every change it asks for.
    pub fn csrf(&self, session: &str) -> String {
        let tag = self
            .mac(Purpose::Csrf, session.as_bytes())
            .finalize()
            .into_bytes();
        URL_SAFE_NO_PAD.encode(&tag[..TAG])
    }

    /// True when `given` is the CSRF token of `session` (compared in constant time).
    pub fn check_csrf(&self, session: &str, given: &str) -> bool {
        if given.len() > MAX_TOKEN {
            return false;
        }
        let Ok(tag) = URL_SAFE_NO_PAD.decode(given) else {
            return false;
        };
        tag.len() == TAG
            && self
                .mac(Purpose::Csrf, session.as_bytes())
                .verify_truncated_left(&tag)
                .is_ok()
    }

    /// The cookie a password link sets once its password was given.
    pub fn link_cookie(&self, link: &LinkId, expires: u64) -> String {
        let mut p = Vec::with_capacity(LinkId::LEN + 8);
        p.extend_from_slice(link.as_bytes());
        p.extend_from_slice(&expires.to_be_bytes());
        self.seal(Purpose::LinkCookie, &p)
    }

    /// True when `value` is a link cookie for `link` that has not expired at `now`.
    pub fn check_link_cookie(&self, value: &str, link: &LinkId, now: u64) -> bool {
        let Some(p) = self.open(Purpose::LinkCookie, value) else {
            return false;
        };
        if p.len() != LinkId::LEN + 8 {
            return false;
        }
        let (id, exp) = p.split_at(LinkId::LEN);
        let exp = exp.try_into().map(u64::from_be_bytes).unwrap_or(0);
        id == link.as_bytes() && now < exp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(b: u8) -> LinkId {
        LinkId::from_bytes(&[b; LinkId::LEN]).unwrap()
    }

    fn rid() -> ReleaseId {
        ReleaseId::parse("01jd5x0000000000000000000a").unwrap()
    }

    #[test]
    fn csrf_tokens_belong_to_one_session_and_one_key() {
        let s = Signer::new(b"secret one");
        let a = s.session(Role::Admin, 1_900_000_000_000);
        let b = s.session(Role::Admin, 1_900_000_000_001);
        let t = s.csrf(&a);
        assert!(s.check_csrf(&a, &t));
        assert!(!s.check_csrf(&b, &t), "another session's token");
        assert!(
            !Signer::new(b"secret two").check_csrf(&a, &t),
            "another key"
        );
        assert!(!s.check_csrf(&a, ""));
        assert!(!s.check_csrf(&a, &t[..t.len() - 1]));
        assert!(!s.check_csrf(&a, &s.csrf(&b)));
        // A session token is not a CSRF token.
        assert!(!s.check_csrf(&a, &a));
    }

    #[test]
    fn link_tokens_round_trip_and_every_changed_character_is_refused() {
        let s = Signer::new(b"secret one");
        for expires in [None, Some(1_700_000_000_123)] {
            let t = s.link_token(&id(7), expires);
            assert_eq!(s.open_link(&t), Some((id(7), expires)));
            for (i, c) in t.char_indices() {
                for other in ['A', 'z', '0', '-', '_'] {
                    if other == c {
                        continue;
                    }
                    let mut bad = t.clone();
                    bad.replace_range(i..i + 1, &other.to_string());
                    assert_eq!(s.open_link(&bad), None, "{bad}");
                }
            }
            assert_eq!(s.open_link(&t[..t.len() - 1]), None);
            assert_eq!(s.open_link(&format!("{t}A")), None);
        }
    }

    #[test]
    fn another_secret_or_purpose_does_not_verify() {
        let a = Signer::new(b"secret one");
        let b = Signer::new(b"secret two");
        let t = a.link_token(&id(1), None);
        assert_eq!(b.open_link(&t), None);
        // A link cookie has the same payload shape as part of a link token; labels keep
        // them apart.
        let cookie = a.link_cookie(&id(1), 5);
        assert_eq!(a.open_link(&cookie), None);
        assert!(a.open_grant(&t).is_none());
        assert_eq!(a.open_session(&cookie, 0), None);
    }

    #[test]
    fn grants_carry_link_release_and_expiry() {
        let s = Signer::new(b"k");
        let g = s.grant(&id(3), &rid(), 42);
        assert_eq!(
            s.open_grant(&g),
            Some(Grant {
                link: id(3),
                release: rid(),
                expires: 42
            })
        );
        let mut bad = g.clone();
        bad.replace_range(0..1, if g.starts_with('A') { "B" } else { "A" });
        assert!(s.open_grant(&bad).is_none());
    }

    #[test]
    fn sessions_expire_and_keep_their_role() {
        let s = Signer::new(b"k");
        let v = s.session(Role::Viewer, 100);
        assert_eq!(s.open_session(&v, 99), Some(Role::Viewer));
        assert_eq!(s.open_session(&v, 100), None);
        let a = s.session(Role::Admin, 100);
        assert_eq!(s.open_session(&a, 0), Some(Role::Admin));
        assert_eq!(s.open_session("garbage", 0), None);
    }

    #[test]
    fn link_cookies_are_for_one_link() {
        let s = Signer::new(b"k");
        let c = s.link_cookie(&id(1), 100);
        assert!(s.check_link_cookie(&c, &id(1), 50));
        assert!(!s.check_link_cookie(&c, &id(2), 50));
        assert!(!s.check_link_cookie(&c, &id(1), 100));
    }
}
