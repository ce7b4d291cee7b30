//! Time as people in Pakistan read it. Pakistan Standard Time (Asia/Karachi) is UTC+5 all year:
//! no daylight saving has been observed since 2009. Stored instants stay UTC; every time a person
//! reads (pages, SMS, PDFs) is shown in Pakistan time, and "today" is Pakistan's date.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// UTC+05:00, Asia/Karachi.
pub fn pakistan() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600).expect("a valid offset")
}

/// The date in Pakistan at `at`.
pub fn pakistan_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&pakistan()).date_naive()
}

/// `2026-12-06 19:05`: the Pakistan wall-clock time of `at` (the page adds "Pakistan time").
pub fn shown(at: &DateTime<Utc>) -> String {
    at.with_timezone(&pakistan())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The service clock's time of day in Pakistan, without the offset (what people write).
pub fn pakistan_now(st: &crate::state::AppState) -> chrono::NaiveDateTime {
    st.clock.now().with_timezone(&pakistan()).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pakistan_is_five_hours_ahead_and_changes_date_at_its_midnight() {
        let at = DateTime::parse_from_rfc3339("2026-12-06T19:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(shown(&at), "2026-12-07 00:30");
        assert_eq!(
            pakistan_date(at),
            NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
        );
        let summer = DateTime::parse_from_rfc3339("2026-06-15T07:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(shown(&summer), "2026-06-15 12:00", "no daylight saving");
    }
}
