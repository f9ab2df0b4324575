//! Worries: when a young person marks a message as a worry, a person must acknowledge it within
//! the organization's deadline, counted in office hours; if nobody does, it moves up — to the
//! team manager, then to the organization's duty contact (ADR 0016).
//!
//! The rules are pure so that the deadline a young person is promised on their page, the one the
//! worklist shows and the one the escalation job acts on are one computation.

use thiserror::Error;
use time::{Date, Duration, OffsetDateTime, Time, Weekday};

use crate::local_time::{copenhagen_instant, in_copenhagen};
use crate::staff::{EmailAddress, InvalidEmail};
use crate::text::{PlainText, TextError};

/// Why a worry setting was refused; each maps to one translated message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorrySettingError {
    /// The deadline is not a whole number of minutes from 5 to 1,440 (a day).
    #[error("the acknowledgement deadline must be 5 to 1440 minutes")]
    Deadline,
    /// No office day was chosen.
    #[error("choose at least one office day")]
    NoDays,
    /// An opening or closing time is not `HH:MM`, or the office closes before it opens.
    #[error("office hours must be two times, opening before closing")]
    Hours,
    /// The duty contact's e-mail address is not one.
    #[error("the duty contact's e-mail address: {0}")]
    DutyEmail(#[from] InvalidEmail),
    /// The duty contact's name breaks the text rules.
    #[error("the duty contact's name: {0}")]
    DutyName(#[from] TextError),
}

/// When the organization's staff are at work: on these weekdays, from `opens` to `closes`,
/// Copenhagen time. An acknowledgement deadline runs only inside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHours {
    /// Monday first.
    days: [bool; 7],
    opens: Time,
    closes: Time,
}

impl Default for OfficeHours {
    /// Monday to Friday, 08:00–16:00.
    fn default() -> Self {
        Self {
            days: [true, true, true, true, true, false, false],
            opens: Time::from_hms(8, 0, 0).unwrap_or(Time::MIDNIGHT),
            closes: Time::from_hms(16, 0, 0).unwrap_or(Time::MIDNIGHT),
        }
    }
}

fn hh_mm(text: &str) -> Option<Time> {
    let (h, m) = text.trim().split_once(['.', ':'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()
}

impl OfficeHours {
    /// Office days (1 = Monday … 7 = Sunday, as stored: `"12345"`) and two `HH:MM` times.
    ///
    /// # Errors
    /// [`WorrySettingError::NoDays`] or [`WorrySettingError::Hours`].
    pub fn parse(days: &str, opens: &str, closes: &str) -> Result<Self, WorrySettingError> {
        let mut set = [false; 7];
        for c in days.chars() {
            let n = c.to_digit(10).filter(|n| (1..=7).contains(n));
            let n = n.ok_or(WorrySettingError::NoDays)?;
            set[n as usize - 1] = true;
        }
        if !set.contains(&true) {
            return Err(WorrySettingError::NoDays);
        }
        let (opens, closes) = (
            hh_mm(opens).ok_or(WorrySettingError::Hours)?,
            hh_mm(closes).ok_or(WorrySettingError::Hours)?,
        );
        if opens >= closes {
            return Err(WorrySettingError::Hours);
        }
        Ok(Self {
            days: set,
            opens,
            closes,
        })
    }

    /// The office days as stored, `"12345"`.
    #[must_use]
    pub fn days_word(&self) -> String {
        (1..=7u8)
            .filter(|n| self.days[usize::from(n - 1)])
            .map(|n| char::from(b'0' + n))
            .collect()
    }

    /// Whether the office is open on `weekday`.
    #[must_use]
    pub fn open_on(&self, weekday: Weekday) -> bool {
        self.days[usize::from(weekday.number_days_from_monday())]
    }

    /// Opening time.
    #[must_use]
    pub fn opens(&self) -> Time {
        self.opens
    }

    /// Closing time.
    #[must_use]
    pub fn closes(&self) -> Time {
        self.closes
    }

    /// Whether the office is open at `at`.
    #[must_use]
    pub fn is_open(&self, at: OffsetDateTime) -> bool {
        let local = in_copenhagen(at);
        self.open_on(local.weekday()) && local.time() >= self.opens && local.time() < self.closes
    }

    /// The first instant from `at` on when the office is open: `at` itself when it is.
    #[must_use]
    pub fn next_opening(&self, at: OffsetDateTime) -> OffsetDateTime {
        if self.is_open(at) {
            return at;
        }
        let local = in_copenhagen(at);
        let mut day: Date = local.date();
        if self.open_on(day.weekday()) && local.time() < self.opens {
            return copenhagen_instant(day, self.opens);
        }
        // At least one day is open (parse), so a week ahead always finds one.
        for _ in 0..7 {
            day = day.next_day().unwrap_or(day);
            if self.open_on(day.weekday()) {
                break;
            }
        }
        copenhagen_instant(day, self.opens)
    }

    /// `from` plus `minutes` of office time: the clock runs only while the office is open.
    #[must_use]
    pub fn after_office_minutes(&self, from: OffsetDateTime, minutes: u32) -> OffsetDateTime {
        let mut at = self.next_opening(from);
        let mut left = Duration::minutes(i64::from(minutes));
        // Each round either finishes or uses up one office day; a deadline is at most a day.
        for _ in 0..16 {
            let closing = copenhagen_instant(in_copenhagen(at).date(), self.closes);
            let open_now = closing - at;
            if left <= open_now {
                return at + left;
            }
            left -= open_now;
            at = self.next_opening(closing);
        }
        at + left
    }
}

/// How long the processor has to acknowledge a worry, in office minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcknowledgeWithin(u32);

impl AcknowledgeWithin {
    /// Minutes from 5 to 1,440.
    ///
    /// # Errors
    /// [`WorrySettingError::Deadline`].
    pub fn parse(text: &str) -> Result<Self, WorrySettingError> {
        let minutes: u32 = text
            .trim()
            .parse()
            .map_err(|_| WorrySettingError::Deadline)?;
        Self::new(minutes)
    }

    /// Minutes from 5 to 1,440.
    ///
    /// # Errors
    /// [`WorrySettingError::Deadline`].
    pub fn new(minutes: u32) -> Result<Self, WorrySettingError> {
        if (5..=1440).contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(WorrySettingError::Deadline)
        }
    }

    /// The minutes.
    #[must_use]
    pub fn minutes(self) -> u32 {
        self.0
    }
}

impl Default for AcknowledgeWithin {
    /// One hour.
    fn default() -> Self {
        Self(60)
    }
}

/// Who a worry lies with now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Escalation {
    /// The course's processor (or, while they are away, the course's deputy).
    Processor,
    /// The team's manager.
    TeamManager,
    /// The organization's duty contact.
    DutyContact,
}

impl Escalation {
    /// The stored level, 0–2.
    #[must_use]
    pub fn level(self) -> i32 {
        match self {
            Self::Processor => 0,
            Self::TeamManager => 1,
            Self::DutyContact => 2,
        }
    }

    /// The stored level read back.
    #[must_use]
    pub fn from_level(level: i32) -> Option<Self> {
        match level {
            0 => Some(Self::Processor),
            1 => Some(Self::TeamManager),
            2 => Some(Self::DutyContact),
            _ => None,
        }
    }

    /// Where it goes if nobody acknowledges it in time; `None` at the last step.
    #[must_use]
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Processor => Some(Self::TeamManager),
            Self::TeamManager => Some(Self::DutyContact),
            Self::DutyContact => None,
        }
    }

    /// The word used in storage, audit details and translation keys.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Processor => "processor",
            Self::TeamManager => "team_manager",
            Self::DutyContact => "duty_contact",
        }
    }
}

/// The organization's duty contact: a team or mailbox that takes worries nobody else
/// acknowledged (often the municipality's social duty service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyContact {
    /// What staff call it ("Socialvagten").
    pub name: PlainText,
    /// Where its notifications go.
    pub email: EmailAddress,
}

impl DutyContact {
    /// A name and an address; both empty means "no duty contact".
    ///
    /// # Errors
    /// [`WorrySettingError::DutyName`] or [`WorrySettingError::DutyEmail`] when only one is
    /// given or either is invalid.
    pub fn parse(name: &str, email: &str) -> Result<Option<Self>, WorrySettingError> {
        if name.trim().is_empty() && email.trim().is_empty() {
            return Ok(None);
        }
        Ok(Some(Self {
            name: PlainText::parse(name, 100)?,
            email: EmailAddress::parse(email)?,
        }))
    }
}

/// An organization's rules for worries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorryRules {
    /// The acknowledgement deadline.
    pub within: AcknowledgeWithin,
    /// When the deadline runs.
    pub office: OfficeHours,
    /// Who takes a worry the team manager did not acknowledge either.
    pub duty: Option<DutyContact>,
}

impl WorryRules {
    /// When a worry that reached `step` at `since` moves on if nobody acknowledges it; `None`
    /// when there is no further step (the duty contact, or the team manager when the
    /// organization has no duty contact).
    #[must_use]
    pub fn next_step_at(&self, step: Escalation, since: OffsetDateTime) -> Option<OffsetDateTime> {
        let next = step.next()?;
        if next == Escalation::DutyContact && self.duty.is_none() {
            return None;
        }
        Some(
            self.office
                .after_office_minutes(since, self.within.minutes()),
        )
    }

    /// When a worry sent at `at` must be acknowledged by.
    #[must_use]
    pub fn acknowledge_by(&self, at: OffsetDateTime) -> OffsetDateTime {
        self.office.after_office_minutes(at, self.within.minutes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    fn rules(minutes: u32) -> WorryRules {
        WorryRules {
            within: AcknowledgeWithin::new(minutes).expect("valid"),
            ..WorryRules::default()
        }
    }

    #[test]
    fn inside_office_hours_the_deadline_is_the_plain_sum() {
        // Tuesday 1 December 2026, 10:00 in Copenhagen (UTC+1).
        let at = datetime!(2026-12-01 09:00 UTC);
        assert_eq!(
            rules(60).acknowledge_by(at),
            datetime!(2026-12-01 10:00 UTC)
        );
    }

    #[test]
    fn the_clock_stops_at_closing_and_runs_on_at_the_next_opening() {
        // Tuesday 15:30 local: 30 minutes today, 30 from 08:00 on Wednesday.
        let at = datetime!(2026-12-01 14:30 UTC);
        assert_eq!(
            rules(60).acknowledge_by(at),
            datetime!(2026-12-02 07:30 UTC)
        );
    }

    #[test]
    fn a_worry_on_friday_evening_is_due_on_monday_morning() {
        // Friday 4 December 2026, 20:00 local.
        let at = datetime!(2026-12-04 19:00 UTC);
        assert_eq!(
            rules(60).acknowledge_by(at),
            datetime!(2026-12-07 08:00 UTC)
        );
    }

    #[test]
    fn summer_time_moves_the_office_with_the_clock() {
        // Wednesday 1 July 2026, 07:00 local (UTC+2): opens 08:00 local = 06:00 UTC.
        let at = datetime!(2026-07-01 05:00 UTC);
        assert_eq!(
            rules(30).acknowledge_by(at),
            datetime!(2026-07-01 06:30 UTC)
        );
    }

    #[test]
    fn settings_refuse_what_cannot_be_a_rule() {
        assert_eq!(
            AcknowledgeWithin::parse("4"),
            Err(WorrySettingError::Deadline)
        );
        assert_eq!(
            AcknowledgeWithin::parse("1441"),
            Err(WorrySettingError::Deadline)
        );
        assert_eq!(
            AcknowledgeWithin::parse("en time"),
            Err(WorrySettingError::Deadline)
        );
        assert_eq!(
            OfficeHours::parse("", "08:00", "16:00"),
            Err(WorrySettingError::NoDays)
        );
        assert_eq!(
            OfficeHours::parse("128", "08:00", "16:00"),
            Err(WorrySettingError::NoDays)
        );
        assert_eq!(
            OfficeHours::parse("12345", "16:00", "08:00"),
            Err(WorrySettingError::Hours)
        );
        assert_eq!(
            OfficeHours::parse("12345", "8", "16:00"),
            Err(WorrySettingError::Hours)
        );
        let hours = OfficeHours::parse("135", "8.30", "15:00").expect("valid");
        assert_eq!(hours.days_word(), "135");
        assert_eq!(hours.opens(), Time::from_hms(8, 30, 0).expect("time"));
        assert!(DutyContact::parse("", "").expect("none").is_none());
        assert!(DutyContact::parse("Socialvagten", "").is_err());
    }

    #[test]
    fn the_steps_stop_where_the_organization_has_no_one_further() {
        let at = datetime!(2026-12-01 09:00 UTC);
        let without_duty = rules(60);
        assert!(
            without_duty
                .next_step_at(Escalation::Processor, at)
                .is_some()
        );
        assert_eq!(without_duty.next_step_at(Escalation::TeamManager, at), None);
        let with_duty = WorryRules {
            duty: DutyContact::parse("Socialvagten", "vagt@kommune.dk").expect("valid"),
            ..rules(60)
        };
        assert!(
            with_duty
                .next_step_at(Escalation::TeamManager, at)
                .is_some()
        );
        assert_eq!(with_duty.next_step_at(Escalation::DutyContact, at), None);
    }

    proptest! {
        /// The deadline falls inside office hours (or at a closing time), is never before the
        /// start, and never more than the minutes plus the longest gap between two openings
        /// (a week) after it.
        #[test]
        fn the_deadline_is_in_office_time_and_after_the_start(
            minutes in 5u32..=1440,
            offset in 0i64..(366 * 24 * 60),
        ) {
            let at = datetime!(2026-01-01 00:00 UTC) + Duration::minutes(offset);
            let hours = OfficeHours::default();
            let due = hours.after_office_minutes(at, minutes);
            prop_assert!(due > at);
            prop_assert!(due - at <= Duration::days(8) + Duration::minutes(i64::from(minutes)));
            let just_before = due - Duration::seconds(1);
            prop_assert!(hours.is_open(just_before));
        }
    }
}
