//! `Range: bytes=...` (RFC 9110 §14.1.2, §14.2). One satisfiable range is answered with 206;
//! several are answered with the whole representation (200), which §14.2 allows and which
//! every installer and download manager handles; none satisfiable is 416.

/// What to send for a Range header against a representation of `len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranged {
    /// No (usable) Range header: send everything with 200.
    Full,
    /// Send `start..=end` with 206.
    Partial { start: u64, end: u64 },
    /// 416 with `Content-Range: bytes */len`.
    Unsatisfiable,
}

/// Resolves a raw Range header value. Syntax errors and other units make the header ignored,
/// as §14.2 says a server MAY do.
pub fn resolve(header: Option<&[u8]>, len: u64) -> Ranged {
    let Some(raw) = header else {
        return Ranged::Full;
    };
    let Ok(raw) = std::str::from_utf8(raw) else {
        return Ranged::Full;
    };
    let Some(set) = raw.trim().strip_prefix("bytes=") else {
        return Ranged::Full;
    };
    let mut satisfiable = Vec::new();
    let mut specs = 0;
    for spec in set.split(',') {
        let spec = spec.trim();
        if spec.is_empty() {
            continue; // §5.6.1: empty list elements are allowed and ignored
        }
        specs += 1;
        let Some((first, last)) = spec.split_once('-') else {
            return Ranged::Full;
        };
        let (first, last) = (first.trim(), last.trim());
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match (first.is_empty(), last.is_empty()) {
            // suffix-range: the last N bytes (§14.1.2: "-0" is unsatisfiable)
            (true, false) => {
                let Some(n) = digits(last).then(|| last.parse::<u64>().ok()).flatten() else {
                    return Ranged::Full;
                };
                if n > 0 && len > 0 {
                    satisfiable.push((len.saturating_sub(n), len - 1));
                }
            }
            (false, _) => {
                let Some(start) = digits(first).then(|| first.parse::<u64>().ok()).flatten() else {
                    return Ranged::Full;
                };
                let end = if last.is_empty() {
                    u64::MAX
                } else {
                    match digits(last).then(|| last.parse::<u64>().ok()).flatten() {
                        Some(e) if e >= start => e,
                        // first > last makes the whole header invalid (§14.1.1)
                        _ => return Ranged::Full,
                    }
                };
                if start < len {
                    satisfiable.push((start, end.min(len - 1)));
                }
            }
            (true, true) => return Ranged::Full,
        }
    }
    match satisfiable.as_slice() {
        // "bytes=" with no range at all is malformed, not unsatisfiable.
        [] if specs == 0 => Ranged::Full,
        [] => Ranged::Unsatisfiable,
        [(start, end)] => Ranged::Partial {
            start: *start,
            end: *end,
        },
        _ => Ranged::Full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(h: &str, len: u64) -> Ranged {
        resolve(Some(h.as_bytes()), len)
    }

    #[test]
    fn rfc_9110_examples() {
        // §14.1.2 examples over a 10000-byte representation.
        assert_eq!(
            r("bytes=0-499", 10000),
            Ranged::Partial { start: 0, end: 499 }
        );
        assert_eq!(
            r("bytes=500-999", 10000),
            Ranged::Partial {
                start: 500,
                end: 999
            }
        );
        assert_eq!(
            r("bytes=-500", 10000),
            Ranged::Partial {
                start: 9500,
                end: 9999
            }
        );
        assert_eq!(
            r("bytes=9500-", 10000),
            Ranged::Partial {
                start: 9500,
                end: 9999
            }
        );
        assert_eq!(r("bytes=0-0,-1", 10000), Ranged::Full);
    }

    #[test]
    fn clamping_and_unsatisfiable() {
        assert_eq!(
            r("bytes=0-99999", 100),
            Ranged::Partial { start: 0, end: 99 }
        );
        // A suffix longer than the representation selects all of it.
        assert_eq!(r("bytes=-500", 100), Ranged::Partial { start: 0, end: 99 });
        assert_eq!(r("bytes=100-", 100), Ranged::Unsatisfiable);
        assert_eq!(r("bytes=-0", 100), Ranged::Unsatisfiable);
        assert_eq!(r("bytes=0-", 0), Ranged::Unsatisfiable);
        // One satisfiable among unsatisfiable ones: serve that one.
        assert_eq!(
            r("bytes=500-600, 10-19", 100),
            Ranged::Partial { start: 10, end: 19 }
        );
    }

    #[test]
    fn malformed_headers_are_ignored() {
        for h in [
            "items=0-1",
            "bytes=",
            "bytes=a-b",
            "bytes=5-1",
            "bytes=--1",
            "bytes=1",
            "bytes=-",
            "bytes=+1-2",
        ] {
            let got = r(h, 100);
            assert!(
                matches!(got, Ranged::Full | Ranged::Unsatisfiable),
                "{h}: {got:?}"
            );
            assert_ne!(got, Ranged::Unsatisfiable, "{h}");
        }
        assert_eq!(resolve(None, 10), Ranged::Full);
        assert_eq!(resolve(Some(&[0xff, 0xfe]), 10), Ranged::Full);
    }

    proptest! {
        #[test]
        fn never_panics_and_partial_is_in_bounds(h in "\\PC{0,40}", len in 0u64..10_000) {
            if let Ranged::Partial { start, end } = resolve(Some(h.as_bytes()), len) {
                prop_assert!(start <= end && end < len);
            }
        }

        #[test]
        fn single_valid_range_round_trips(len in 1u64..1_000_000, a in 0u64..1_000_000, b in 0u64..1_000_000) {
            let (start, end) = (a.min(b), a.max(b));
            let got = r(&format!("bytes={start}-{end}"), len);
            if start < len {
                prop_assert_eq!(got, Ranged::Partial { start, end: end.min(len - 1) });
            } else {
                prop_assert_eq!(got, Ranged::Unsatisfiable);
            }
        }
    }
}
