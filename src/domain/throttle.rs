//! A growing delay after repeated wrong passphrases.

use std::time::{Duration, Instant};

/// Wrong tries in a row allowed before any delay.
pub const FREE_TRIES: u32 = 5;
const FIRST_DELAY: Duration = Duration::from_secs(5);
const LONGEST_DELAY: Duration = Duration::from_secs(300);

/// Counts wrong tries in a row and says how long to wait before the next one.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnlockThrottle {
    failures: u32,
    blocked_until: Option<Instant>,
}

impl UnlockThrottle {
    /// Records a wrong try at `now` and returns the delay it imposes, if any.
    pub fn record_failure(&mut self, now: Instant) -> Option<Duration> {
        self.failures = self.failures.saturating_add(1);
        let delay = delay_after(self.failures)?;
        self.blocked_until = Some(now + delay);
        Some(delay)
    }

    /// A right passphrase clears the count.
    pub fn record_success(&mut self) {
        *self = Self::default();
    }

    /// How long is left to wait at `now`; `None` when a try is allowed.
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        let until = self.blocked_until?;
        (until > now).then(|| until - now)
    }

    /// Wrong tries in a row so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

/// The delay after the `failures`-th wrong try: none for the first five, then 5 s doubling to 5 min.
pub fn delay_after(failures: u32) -> Option<Duration> {
    let doublings = failures.checked_sub(FREE_TRIES)?.min(16);
    let doubled = FIRST_DELAY.saturating_mul(1u32 << doublings);
    Some(doubled.min(LONGEST_DELAY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_free_tries_then_a_doubling_delay_up_to_five_minutes() {
        assert_eq!(delay_after(4), None);
        assert_eq!(delay_after(5), Some(Duration::from_secs(5)));
        assert_eq!(delay_after(6), Some(Duration::from_secs(10)));
        assert_eq!(delay_after(7), Some(Duration::from_secs(20)));
        assert_eq!(delay_after(40), Some(Duration::from_secs(300)));
    }

    #[test]
    fn a_blocked_try_waits_and_success_clears_the_count() {
        let now = Instant::now();
        let mut throttle = UnlockThrottle::default();
        for _ in 0..4 {
            assert_eq!(throttle.record_failure(now), None);
        }
        assert_eq!(throttle.remaining(now), None);
        throttle.record_failure(now);
        assert_eq!(throttle.remaining(now), Some(Duration::from_secs(5)));
        assert_eq!(throttle.remaining(now + Duration::from_secs(5)), None);
        throttle.record_success();
        assert_eq!(throttle.failures(), 0);
    }
}
