//! Completion rules decided on the server (DESIGN.md section 5): time on a lesson is credited only
//! as it passes on the clock, and never twice for the same seconds across a trainee's lessons, so a
//! script cannot complete a lesson faster than a person can read it, nor several at once.
//! Times are Unix seconds.

/// The longest stretch one heartbeat may credit: the page beats every 15 s while visible; a
/// longer silence means the page was hidden or the phone asleep.
pub const MAX_HEARTBEAT_GAP: i64 = 30;

/// Reading speed assumed for the minimum time on a reading lesson (words a minute).
pub const DEFAULT_READING_WPM: u32 = 250;

/// The minimum seconds on a reading lesson of `words` words (never under 30 s).
pub fn min_reading_seconds(words: u32, wpm: u32) -> i64 {
    ((words as i64 * 60) / wpm.max(1) as i64).max(30)
}

/// Seconds to credit at `now` for a lesson last credited (or opened) at `lesson_since`, when the
/// trainee's learning clock (the last moment credited to any of their lessons) stands at
/// `clock_at`. At most `cap` seconds.
pub fn credit(now: i64, lesson_since: Option<i64>, clock_at: Option<i64>, cap: i64) -> i64 {
    let Some(since) = lesson_since else { return 0 };
    let since = since.max(clock_at.unwrap_or(i64::MIN));
    (now - since).clamp(0, cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_time_is_proportional_to_length() {
        assert_eq!(min_reading_seconds(500, 250), 120);
        assert_eq!(min_reading_seconds(300, 250), 72);
        assert_eq!(min_reading_seconds(10, 250), 30);
    }

    #[test]
    fn time_is_credited_as_it_passes_and_only_once() {
        // First beat starts nothing (no opening time known).
        assert_eq!(credit(100, None, None, MAX_HEARTBEAT_GAP), 0);
        // Beats 15 s apart credit 15 s.
        assert_eq!(credit(115, Some(100), Some(100), MAX_HEARTBEAT_GAP), 15);
        // A claim of 10 minutes after 10 seconds counts as 10 seconds.
        assert_eq!(credit(110, Some(100), Some(100), MAX_HEARTBEAT_GAP), 10);
        // A long silence credits at most the cap.
        assert_eq!(credit(1000, Some(100), Some(100), MAX_HEARTBEAT_GAP), 30);
        // Two lessons open at once: the seconds already credited to one are not credited again.
        assert_eq!(credit(130, Some(100), Some(130), MAX_HEARTBEAT_GAP), 0);
        assert_eq!(credit(145, Some(100), Some(130), MAX_HEARTBEAT_GAP), 15);
        // A clock in the future (or skew) never credits negative time.
        assert_eq!(credit(90, Some(100), None, MAX_HEARTBEAT_GAP), 0);
    }
}
