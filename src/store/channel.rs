//! Release channels: a short lowercase name (`default`, `beta`, `qa`, `1.2-rc`) that keeps
//! kinds of builds of one app apart. Every release has one; `default` unless the upload says.

use thiserror::Error;

/// The channel of a release published without one.
pub const DEFAULT: &str = "default";
/// Longest channel name.
pub const MAX_LEN: usize = 32;

#[derive(Debug, Error, PartialEq, Eq)]
#[error("invalid channel {0:?}: use 1 to {MAX_LEN} characters of a-z, 0-9, `.`, `_` and `-`, starting with a letter or digit")]
pub struct BadChannel(pub String);

/// Checks a channel name as given by a client (surrounding spaces are ignored; an empty name
/// means the default channel).
pub fn parse(s: &str) -> Result<String, BadChannel> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(DEFAULT.to_string());
    }
    let ok = s.len() <= MAX_LEN
        && s.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        });
    if ok {
        Ok(s.to_string())
    } else {
        Err(BadChannel(s.chars().take(MAX_LEN + 8).collect()))
    }
}

pub(crate) fn default_string() -> String {
    DEFAULT.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(parse("beta").unwrap(), "beta");
        assert_eq!(parse(" qa ").unwrap(), "qa");
        assert_eq!(parse("").unwrap(), "default");
        assert_eq!(parse("1.2-rc_3").unwrap(), "1.2-rc_3");
        for bad in [
            "Beta",
            "be ta",
            "../x",
            "-x",
            ".x",
            "bêta",
            "a/b",
            &"a".repeat(33),
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert!(parse(&"a".repeat(32)).is_ok());
    }
}
