//! How often one sender may ask: a token bucket per key (a participant's cookie, or the
//! address of a sender without one), refilled at a steady rate up to a burst. Pure: the
//! caller gives the time, so it is tested without waiting.

use std::collections::HashMap;
use std::time::Instant;

/// A rate: `burst` requests at once, then `per_second`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub burst: f64,
    pub per_second: f64,
}

#[derive(Debug, Default)]
pub struct Limiter {
    buckets: HashMap<String, (f64, Instant)>,
}

/// Keys kept before the oldest are forgotten: a flood of new senders cannot fill memory.
const MOST_KEYS: usize = 4096;

impl Limiter {
    /// Whether `key` may ask now; counts the request if so.
    pub fn allow(&mut self, key: &str, rate: Rate, now: Instant) -> bool {
        if self.buckets.len() >= MOST_KEYS && !self.buckets.contains_key(key) {
            let full = |(tokens, at): &(f64, Instant)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate.per_second
                    >= rate.burst
            };
            self.buckets.retain(|_, b| !full(b));
            if self.buckets.len() >= MOST_KEYS {
                return false;
            }
        }
        let (tokens, at) = self
            .buckets
            .entry(key.to_string())
            .or_insert((rate.burst, now));
        let refilled = (*tokens
            + now.saturating_duration_since(*at).as_secs_f64() * rate.per_second)
            .min(rate.burst);
        *at = now;
        if refilled >= 1.0 {
            *tokens = refilled - 1.0;
            true
        } else {
            *tokens = refilled;
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_then_the_steady_rate() {
        let rate = Rate {
            burst: 3.0,
            per_second: 2.0,
        };
        let mut l = Limiter::default();
        let t = Instant::now();
        assert!((0..3).all(|_| l.allow("a", rate, t)));
        assert!(!l.allow("a", rate, t), "the burst is spent");
        assert!(l.allow("b", rate, t), "another sender has its own");
        assert!(l.allow("a", rate, t + Duration::from_millis(500)));
        assert!(!l.allow("a", rate, t + Duration::from_millis(600)));
    }
}
