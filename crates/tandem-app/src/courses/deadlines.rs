//! A course's deadlines under its organization's rule set, and the supervision rule for a
//! placed child: what the overview, the summary and the worklist show and sort by.

use tandem_domain::course::kinds::CourseStatus;
use tandem_domain::deadlines::{
    Deadline, Light, deadlines, supervision_ok, supervision_visits_in_year,
};
use time::Date;

use super::{CourseRecord, CourseSettings, MeetingDates, WorklistEntry};

/// The course's deadlines under the organization's rule set, with follow-ups from its meetings.
#[must_use]
pub fn deadlines_of(
    course: &CourseRecord,
    meetings: &MeetingDates,
    settings: &CourseSettings,
) -> Vec<Deadline> {
    let dates = course.details.deadline_dates(meetings.follow_ups.clone());
    deadlines(&settings.rules.rules(), &dates)
}

/// The most urgent open deadline of a worklist course: (due date, light on `today`).
#[must_use]
pub fn next_deadline(
    entry: &WorklistEntry,
    settings: &CourseSettings,
    today: Date,
) -> Option<(Date, Light)> {
    deadlines_of(&entry.course, &entry.dates, settings)
        .into_iter()
        .filter(|d| d.met.is_none())
        .map(|d| (d.due, d.light(today, settings.amber_days)))
        .min_by_key(|(due, _)| *due)
}

/// How supervision of a placed child stands: at least two supervision visits with a
/// conversation in any 12 months (§ 156).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Supervision {
    /// Whether the rule is met today.
    pub ok: bool,
    /// Visits with a conversation in the last 12 months.
    pub visits_in_year: usize,
    /// The latest visit, if any.
    pub last: Option<Date>,
}

/// The supervision rule's state for a placed child whose course is not closed; `None` when the
/// rule does not apply.
#[must_use]
pub fn supervision(
    course: &CourseRecord,
    meetings: &MeetingDates,
    today: Date,
) -> Option<Supervision> {
    let d = &course.details;
    if !d.placement || d.status == CourseStatus::Closed {
        return None;
    }
    let visits = &meetings.supervision_visits;
    Some(Supervision {
        ok: supervision_ok(visits, today),
        visits_in_year: supervision_visits_in_year(visits, today),
        last: visits.iter().max().copied(),
    })
}
