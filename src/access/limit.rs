//! Counting failed attempts per key (a client address, a link) in fixed windows. A key with
//! `max` failures in the current window is refused until the window ends; a success does not
//! reset the count (so guessing cannot be interleaved with a known-good secret).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys tracked at most; past it, windows that ended are dropped, then the oldest.
const MAX_KEYS: usize = 100_000;

pub struct Limiter {
    max: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Limiter {
    pub fn new(max: u32, window: Duration) -> Limiter {
        Limiter {
            max,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// How long `key` must wait, when it is over the limit.
    pub fn blocked(&self, key: &str) -> Option<Duration> {
        self.blocked_at(key, Instant::now())
    }

    fn blocked_at(&self, key: &str, now: Instant) -> Option<Duration> {
        let seen = self.lock();
        let (start, n) = seen.get(key)?;
        let ends = *start + self.window;
        (now < ends && *n >= self.max).then(|| ends - now)
    }

    /// Counts a failure for `key`.
    pub fn failed(&self, key: &str) {
        self.failed_at(key, Instant::now())
    }

    fn failed_at(&self, key: &str, now: Instant) {
        let mut seen = self.lock();
        if seen.len() >= MAX_KEYS && !seen.contains_key(key) {
            let window = self.window;
            seen.retain(|_, (start, _)| now < *start + window);
            if seen.len() >= MAX_KEYS {
                seen.clear();
            }
        }
        let entry = seen.entry(key.to_string()).or_insert((now, 0));
        if now >= entry.0 + self.window {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Instant, u32)>> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_until_the_window_ends() {
        let l = Limiter::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        for _ in 0..2 {
            l.failed_at("a", t0);
        }
        assert_eq!(l.blocked_at("a", t0), None);
        l.failed_at("a", t0);
        assert_eq!(l.blocked_at("a", t0), Some(Duration::from_secs(60)));
        assert_eq!(l.blocked_at("b", t0), None, "other keys are not affected");
        let later = t0 + Duration::from_secs(61);
        assert_eq!(l.blocked_at("a", later), None);
        l.failed_at("a", later);
        assert_eq!(l.blocked_at("a", later), None, "a new window starts at one");
    }
}
