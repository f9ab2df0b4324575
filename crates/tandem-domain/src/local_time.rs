//! Dates and times as people in Denmark read them: stored in UTC, shown in Europe/Copenhagen.
//!
//! Copenhagen is UTC+1, and UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on
//! the last Sunday of October (the EU rule since 1996). The rule is small and stable, so it is
//! computed here rather than shipping a time-zone database.

use time::{Date, Duration, Month, OffsetDateTime, UtcOffset, Weekday};

fn last_sunday(year: i32, month: Month) -> Date {
    let last = Date::from_calendar_date(year, month, time::util::days_in_month(month, year))
        .unwrap_or(Date::MIN);
    let back = i64::from(last.weekday().number_days_from_sunday());
    last - Duration::days(back)
}

/// The Copenhagen offset at an instant.
#[must_use]
pub fn copenhagen_offset(at: OffsetDateTime) -> UtcOffset {
    let utc = at.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let start = last_sunday(year, Month::March).midnight().assume_utc() + Duration::hours(1);
    let end = last_sunday(year, Month::October).midnight().assume_utc() + Duration::hours(1);
    let hours = if utc >= start && utc < end { 2 } else { 1 };
    UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// The instant in Copenhagen time.
#[must_use]
pub fn in_copenhagen(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(copenhagen_offset(at))
}

/// The instant a Copenhagen wall-clock time names. Offices open and close in local time; the
/// clock changes happen at 02:00–03:00 local time, when no office opens, so every time an
/// office setting can name exists exactly once (a time inside the skipped hour is read with the
/// winter offset).
#[must_use]
pub fn copenhagen_instant(date: Date, time: time::Time) -> OffsetDateTime {
    let wall = time::PrimitiveDateTime::new(date, time);
    let winter = wall.assume_offset(UtcOffset::from_hms(1, 0, 0).unwrap_or(UtcOffset::UTC));
    let summer = wall.assume_offset(UtcOffset::from_hms(2, 0, 0).unwrap_or(UtcOffset::UTC));
    if copenhagen_offset(summer).whole_hours() == 2 {
        summer
    } else {
        winter
    }
}

/// The Copenhagen calendar date of an instant.
#[must_use]
pub fn copenhagen_date(at: OffsetDateTime) -> Date {
    in_copenhagen(at).date()
}

/// Whether a weekday is Sunday (kept for readers of [`last_sunday`]).
#[must_use]
pub fn is_sunday(date: Date) -> bool {
    date.weekday() == Weekday::Sunday
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn summer_time_runs_from_the_last_sunday_of_march_to_the_last_of_october() {
        assert_eq!(
            copenhagen_offset(datetime!(2026-03-29 00:59 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            copenhagen_offset(datetime!(2026-03-29 01:00 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            copenhagen_offset(datetime!(2026-10-25 00:59 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            copenhagen_offset(datetime!(2026-10-25 01:00 UTC)).whole_hours(),
            1
        );
        assert!(is_sunday(last_sunday(2026, Month::March)));
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_copenhagen() {
        assert_eq!(
            copenhagen_date(datetime!(2026-06-30 22:30 UTC)).to_string(),
            "2026-07-01"
        );
    }

    #[test]
    fn a_wall_clock_time_is_read_with_the_offset_of_its_day() {
        use time::macros::{date, time};
        assert_eq!(
            copenhagen_instant(date!(2026 - 01 - 15), time!(08:00)),
            datetime!(2026-01-15 07:00 UTC)
        );
        assert_eq!(
            copenhagen_instant(date!(2026 - 07 - 15), time!(08:00)),
            datetime!(2026-07-15 06:00 UTC)
        );
        assert_eq!(
            copenhagen_instant(date!(2026 - 03 - 29), time!(08:00)),
            datetime!(2026-03-29 06:00 UTC)
        );
        assert_eq!(
            copenhagen_instant(date!(2026 - 10 - 25), time!(08:00)),
            datetime!(2026-10-25 07:00 UTC)
        );
    }
}
