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

/// The share of a video that must be watched for its lesson to complete, unless configured.
pub const DEFAULT_VIDEO_PERCENT: u32 = 90;

/// A stretch of a video, in milliseconds from its start: `[start, end)`.
pub type Span = (i64, i64);

/// The stretch a video heartbeat proves watched. The player reports its position `pos` (ms);
/// `credited` seconds of real time have passed since the last heartbeat (already capped by
/// [`credit`]). The video can only have played at normal speed, so the span ends at `pos` and is
/// never longer than the credited time; when the last reported position `last` lies before `pos`
/// (no seek back) it starts no earlier than there. A heartbeat claiming ten minutes after ten
/// seconds proves ten seconds.
pub fn watched_span(last: Option<i64>, pos: i64, credited: i64, duration: i64) -> Option<Span> {
    let end = pos.clamp(0, duration);
    let mut start = (end - credited.max(0) * 1000).max(0);
    if let Some(last) = last.filter(|l| *l <= end) {
        start = start.max(last);
    }
    (end > start).then_some((start, end))
}

/// Adds a span to a sorted list of disjoint spans, merging overlaps.
pub fn add_span(spans: &mut Vec<Span>, span: Span) {
    spans.push(span);
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for &(s, e) in spans.iter() {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    *spans = merged;
}

/// Milliseconds covered by disjoint spans.
pub fn watched_ms(spans: &[Span]) -> i64 {
    spans.iter().map(|(s, e)| e - s).sum()
}

/// Whether enough of a video of `duration` ms has been watched.
pub fn video_complete(spans: &[Span], duration: i64, percent: u32) -> bool {
    duration > 0 && watched_ms(spans) * 100 >= duration * percent.min(100) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_video_is_credited_only_at_normal_speed() {
        let d = 120_000;
        // 15 s of real time, the player says 15 s further: all of it.
        assert_eq!(watched_span(Some(0), 15_000, 15, d), Some((0, 15_000)));
        // A claim of 10 minutes after 10 seconds proves 10 seconds.
        assert_eq!(
            watched_span(Some(0), 600_000, 10, d),
            Some((110_000, 120_000))
        );
        // Paused part of the time: only what was played.
        assert_eq!(
            watched_span(Some(10_000), 14_000, 15, d),
            Some((10_000, 14_000))
        );
        // No time passed, nothing proved; a position before the start proves nothing.
        assert_eq!(watched_span(Some(0), 50_000, 0, d), None);
        assert_eq!(watched_span(None, -5, 15, d), None);
        // A seek back: the span before the new position, as long as the time that passed.
        assert_eq!(
            watched_span(Some(90_000), 30_000, 15, d),
            Some((15_000, 30_000))
        );
    }

    #[test]
    fn watched_spans_merge_and_complete_at_the_configured_share() {
        let mut spans = vec![];
        add_span(&mut spans, (0, 15_000));
        add_span(&mut spans, (30_000, 45_000));
        add_span(&mut spans, (10_000, 30_000));
        assert_eq!(spans, vec![(0, 45_000)]);
        // Watching the same stretch again adds nothing.
        add_span(&mut spans, (0, 45_000));
        assert_eq!(watched_ms(&spans), 45_000);
        assert!(!video_complete(&spans, 50_000, 91));
        assert!(video_complete(&spans, 50_000, 90));
        assert!(!video_complete(&spans, 0, 90));
    }

    #[test]
    fn a_script_cannot_watch_faster_than_the_video_plays() {
        // Beats every second claiming the end of the video: each proves one second at most.
        let d = 60_000;
        let mut spans = vec![];
        let mut last = None;
        for beat in 1..=30 {
            let pos = d; // always claims the end
            if let Some(s) = watched_span(last, pos, 1, d) {
                add_span(&mut spans, s);
            }
            last = Some(pos);
            assert!(watched_ms(&spans) <= beat * 1000);
        }
        assert!(!video_complete(&spans, d, DEFAULT_VIDEO_PERCENT));
    }

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
