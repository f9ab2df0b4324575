//! Dates as people read them: Danish `28.02.2026`, English `2026-02-28`.

use tandem_domain::local_time::in_copenhagen;
use time::{Date, OffsetDateTime};

use crate::i18n::Translator;

/// A date as shown in the page's language (Danish `28.02.2026`, English `2026-02-28`).
#[must_use]
pub fn show_date(tr: &Translator, date: Date) -> String {
    if tr.language().code() == "da" {
        format!(
            "{:02}.{:02}.{}",
            date.day(),
            u8::from(date.month()),
            date.year()
        )
    } else {
        date.to_string()
    }
}

/// A month as the page's dates show it ("11.2026" in Danish, "2026-11" in English).
#[must_use]
pub fn show_month(tr: &Translator, month: Date) -> String {
    if tr.language().code() == "da" {
        format!("{:02}.{}", u8::from(month.month()), month.year())
    } else {
        format!("{}-{:02}", month.year(), u8::from(month.month()))
    }
}

/// A `(year, month)` as the page's dates show months ([`show_month`]).
#[must_use]
pub fn show_year_month(tr: &Translator, (year, month): (i32, u8)) -> String {
    time::Month::try_from(month)
        .ok()
        .and_then(|m| Date::from_calendar_date(year, m, 1).ok())
        .map_or_else(|| format!("{year}-{month:02}"), |d| show_month(tr, d))
}

/// An optional date as shown, or a dash.
#[must_use]
pub fn show_opt(tr: &Translator, date: Option<Date>) -> String {
    date.map_or_else(|| "–".to_owned(), |d| show_date(tr, d))
}

/// An optional date for an `<input type="date">`.
#[must_use]
pub fn input_date(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A moment as a person reads it, relative to `now`: "i dag kl. 16.04", "i går kl. 9.30",
/// "mandag 07.12.2026 kl. 9.00" (English "today at 16:04" …), Copenhagen time.
#[must_use]
pub fn show_moment(tr: &Translator, at: OffsetDateTime, now: OffsetDateTime) -> String {
    let (local, today) = (in_copenhagen(at), in_copenhagen(now).date());
    let time = if tr.language().code() == "da" {
        format!("{}.{:02}", local.hour(), local.minute())
    } else {
        format!("{:02}:{:02}", local.hour(), local.minute())
    };
    let date = local.date();
    let key = if date == today {
        "moment-today"
    } else if today.previous_day() == Some(date) {
        "moment-yesterday"
    } else if today.next_day() == Some(date) {
        "moment-tomorrow"
    } else {
        let weekday = tr.t(&format!("weekday-{}", date.weekday().number_from_monday()));
        return tr.t_strs(
            "moment-day",
            &[
                ("weekday", &weekday),
                ("date", &show_date(tr, date)),
                ("time", &time),
            ],
        );
    };
    tr.t_str(key, "time", &time)
}

/// An instant to the second, Copenhagen time, for records such as the audit trail: Danish
/// "06.12.2026 kl. 22.47.05", English "2026-12-06 22:47:05".
#[must_use]
pub fn show_instant(tr: &Translator, at: OffsetDateTime) -> String {
    let local = in_copenhagen(at);
    let (h, m, s) = (local.hour(), local.minute(), local.second());
    if tr.language().code() == "da" {
        format!("{} kl. {h:02}.{m:02}.{s:02}", show_date(tr, local.date()))
    } else {
        format!("{} {h:02}:{m:02}:{s:02}", show_date(tr, local.date()))
    }
}

/// An instant to the minute, Copenhagen time, for what a person acts on (a link's expiry, when
/// a summary was made): Danish "07.12.2026 kl. 03.10", English "2026-12-07 03:10".
#[must_use]
pub fn show_minute(tr: &Translator, at: OffsetDateTime) -> String {
    let local = in_copenhagen(at);
    let (h, m) = (local.hour(), local.minute());
    if tr.language().code() == "da" {
        format!("{} kl. {h:02}.{m:02}", show_date(tr, local.date()))
    } else {
        format!("{} {h:02}:{m:02}", show_date(tr, local.date()))
    }
}

/// How long ago `since` was at `now`, roughly: "12 min.", "3 timer", "2 dage".
#[must_use]
pub fn show_age(tr: &Translator, since: OffsetDateTime, now: OffsetDateTime) -> String {
    let minutes = (now - since).whole_minutes().max(0);
    let (key, n) = if minutes < 60 {
        ("age-minutes", minutes)
    } else if minutes < 48 * 60 {
        ("age-hours", minutes / 60)
    } else {
        ("age-days", minutes / (24 * 60))
    };
    tr.t_num(key, "count", n)
}
