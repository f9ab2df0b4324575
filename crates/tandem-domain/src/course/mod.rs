//! Co-production courses: the closed vocabularies of the specification (statuses, sectors, meeting
//! kinds …) and the rules a course, its network, goals, steps and meetings must obey before they
//! are stored.
//!
//! Every rule returns a [`Problem`] naming the form field it concerns, so the web layer can show
//! a translated message beside that field and keep the rest of the input.
//!
//! # Layout
//! - [`kinds`]: the keyword enums (stored as their snake-case names).
//! - [`details`]: a course's people and dates, and the order those dates must be in.
//! - [`network`]: network members, their roles (support person ≥ 15) and eco-map snapshots.
//! - [`work`]: goals (own words required), steps (an owner required) and meetings.
//! - [`consent`]: who decides what the network may see — by age and parental authority, cited.

#[macro_use]
mod keyword;
pub mod consent;
pub mod details;
pub mod kinds;
pub mod network;
pub mod work;

pub use keyword::UnknownKeyword;

use time::Date;

/// A rule broken by submitted input: the form field, and a stable key the web layer translates
/// (`course-error-<key>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    /// The field (its form `id`).
    pub field: &'static str,
    /// What is wrong, as a translation key suffix.
    pub key: &'static str,
}

impl Problem {
    /// A problem with `field`.
    #[must_use]
    pub const fn new(field: &'static str, key: &'static str) -> Self {
        Self { field, key }
    }
}

/// The years a date typed into Tandem may fall in. Courses, meetings, deadlines, stories and
/// filters over them all lie in this century; a date in 1900 or 9999 is a slip of the keyboard
/// (or a probe), and refusing it keeps date arithmetic and SQL far from its edges.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// Parses an ISO date (`2026-02-28`, what `<input type="date">` sends) in
/// [`PLAUSIBLE_YEARS`]; empty is `None`.
///
/// # Errors
/// Anything that is not a real calendar date in those years.
pub fn parse_optional_date(input: &str) -> Result<Option<Date>, InvalidDate> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(trimmed, &format)
        .ok()
        .filter(|date| PLAUSIBLE_YEARS.contains(&date.year()))
        .map(Some)
        .ok_or(InvalidDate)
}

/// A date that is not a real calendar date in `YYYY-MM-DD` form within [`PLAUSIBLE_YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a date")]
pub struct InvalidDate;

#[cfg(test)]
mod tests;
