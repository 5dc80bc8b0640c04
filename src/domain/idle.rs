//! When the app locks itself after a spell with no input.

use std::time::{Duration, Instant};

/// The policy default: Matlock Bath "enforce[s] lock-out after 10 minutes idle time".
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 10;
/// The shortest auto-lock a school may choose.
pub const MIN_AUTO_LOCK_MINUTES: u32 = 1;
/// The longest auto-lock a school may choose: an hour keeps records safe over lunch.
pub const MAX_AUTO_LOCK_MINUTES: u32 = 60;

/// Tracks the last input and says when the idle limit has passed.
#[derive(Debug, Clone, Copy)]
pub struct IdleLock {
    limit: Duration,
    last_activity: Instant,
}

impl IdleLock {
    /// Starts counting from `now` with a limit of `minutes` of no input.
    pub fn new(minutes: u32, now: Instant) -> Self {
        Self {
            limit: Duration::from_secs(u64::from(minutes) * 60),
            last_activity: now,
        }
    }

    /// Records input at `now`; time runs from here again.
    pub fn touch(&mut self, now: Instant) {
        self.last_activity = self.last_activity.max(now);
    }

    /// Changes the limit, keeping the last input.
    pub fn set_minutes(&mut self, minutes: u32) {
        self.limit = Duration::from_secs(u64::from(minutes) * 60);
    }

    /// Whether the app must lock at `now`.
    pub fn is_due(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_activity) >= self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_only_once_the_limit_has_passed_since_the_last_input() {
        let start = Instant::now();
        let mut idle = IdleLock::new(10, start);
        assert!(!idle.is_due(start + Duration::from_secs(599)));
        assert!(idle.is_due(start + Duration::from_secs(600)));
        idle.touch(start + Duration::from_secs(300));
        assert!(!idle.is_due(start + Duration::from_secs(600)));
        assert!(idle.is_due(start + Duration::from_secs(900)));
    }

    #[test]
    fn an_earlier_input_does_not_move_the_clock_back() {
        let start = Instant::now();
        let mut idle = IdleLock::new(1, start + Duration::from_secs(30));
        idle.touch(start);
        assert!(!idle.is_due(start + Duration::from_secs(80)));
    }
}
