//! A course's young person and dates, and the order the dates must be in.
//!
//! Impossible orders (a decision before the authority knew of the child, a closure before the
//! course began, a birth date in the future) are refused: deadlines are computed from these dates
//! and would otherwise be silently wrong.

use time::Date;

use super::Problem;
use super::kinds::{AssessmentKind, ClosureReason, CourseStatus, PlanKind, PreferredLanguage};
use crate::PlainText;
use crate::deadlines::{CourseDates, age_on};

/// Youngest age Tandem's courses are for.
pub const MIN_AGE: i32 = 12;
/// Age at which youth support ends (the window closes on the 23rd birthday).
pub const END_AGE: i32 = 23;
/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Longest decided follow-up interval, in days (two years).
pub const MAX_FOLLOW_UP_DAYS: u32 = 730;

/// A course's people and dates, as entered by the processor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseDetails {
    /// The young person's display name (no national ID: the system of record holds it).
    pub young_person_name: PlainText,
    /// Their birth date (drives the age rules).
    pub birth_date: Date,
    /// The language they prefer.
    pub preferred_language: PreferredLanguage,
    /// Accessibility needs, in free text.
    pub accessibility_needs: Option<PlainText>,
    /// The legal basis (one of the organization's list).
    pub legal_basis: String,
    /// Where the course stands.
    pub status: CourseStatus,
    /// The authority became aware (starts the assessment clock).
    pub awareness_date: Date,
    /// The kind of assessment.
    pub assessment_kind: AssessmentKind,
    /// The assessment was completed.
    pub assessment_completed: Option<Date>,
    /// The decision on support.
    pub decision_date: Option<Date>,
    /// The support is a placement.
    pub placement: bool,
    /// … without consent.
    pub placement_without_consent: bool,
    /// The plan.
    pub plan_kind: PlanKind,
    /// The plan was completed.
    pub plan_completed: Option<Date>,
    /// The intervention started.
    pub intervention_start: Option<Date>,
    /// The interval decided at the first follow-up, in days.
    pub follow_up_interval_days: Option<u32>,
    /// Why that interval.
    pub follow_up_reason: Option<PlainText>,
    /// The course closed.
    pub closure_date: Option<Date>,
    /// Why it closed.
    pub closure_reason: Option<ClosureReason>,
    /// The case's reference in the system of record.
    pub external_reference: Option<PlainText>,
}

impl CourseDetails {
    /// The rules about dates and ages that the details break on `today`; empty when none.
    #[must_use]
    pub fn problems(&self, today: Date) -> Vec<Problem> {
        let mut found = Vec::new();
        let mut check = |broken: bool, field, key| {
            if broken {
                found.push(Problem::new(field, key));
            }
        };
        let age = age_on(self.birth_date, self.awareness_date.min(today));
        check(self.birth_date > today, "birth_date", "birth-future");
        check(
            self.birth_date <= today && !(MIN_AGE..END_AGE).contains(&age),
            "birth_date",
            "age-range",
        );
        check(self.awareness_date > today, "awareness_date", "future");
        let awareness = self.awareness_date;
        let before = |date: Option<Date>| date.is_some_and(|d| d < awareness);
        check(
            before(self.assessment_completed),
            "assessment_completed",
            "before-awareness",
        );
        check(
            before(self.decision_date),
            "decision_date",
            "before-awareness",
        );
        check(
            before(self.intervention_start),
            "intervention_start",
            "before-awareness",
        );
        check(
            before(self.closure_date),
            "closure_date",
            "before-awareness",
        );
        check(
            self.plan_completed.is_some() && self.plan_kind == PlanKind::NoPlan,
            "plan_completed",
            "plan-without-kind",
        );
        check(
            self.placement_without_consent && !self.placement,
            "placement_without_consent",
            "without-consent-needs-placement",
        );
        check(
            self.placement && self.plan_kind == PlanKind::NoPlan,
            "plan_kind",
            "placement-needs-plan",
        );
        check(
            self.follow_up_interval_days
                .is_some_and(|d| d == 0 || d > MAX_FOLLOW_UP_DAYS),
            "follow_up_interval_days",
            "interval-range",
        );
        check(
            self.follow_up_interval_days.is_some() && self.follow_up_reason.is_none(),
            "follow_up_reason",
            "interval-needs-reason",
        );
        let closed = self.status == CourseStatus::Closed;
        check(
            closed && self.closure_date.is_none(),
            "closure_date",
            "closed-needs-date",
        );
        check(
            closed && self.closure_reason.is_none(),
            "closure_reason",
            "closed-needs-reason",
        );
        check(
            !closed && self.closure_date.is_some(),
            "closure_date",
            "date-needs-closed",
        );
        found
    }

    /// The dates deadlines are computed from, with the follow-ups held so far.
    #[must_use]
    pub fn deadline_dates(&self, follow_ups: Vec<Date>) -> CourseDates {
        let parallel = self.assessment_kind == AssessmentKind::Parallel;
        CourseDates {
            awareness: (!parallel).then_some(self.awareness_date),
            assessment_completed: if parallel {
                None
            } else {
                self.assessment_completed
            },
            decision: self.decision_date,
            plan_required: self.placement || self.plan_kind != PlanKind::NoPlan,
            placement_without_consent: self.placement_without_consent,
            plan_completed: self.plan_completed,
            intervention_start: self.intervention_start,
            parallel_assessment_completed: if parallel {
                self.assessment_completed
            } else {
                None
            },
            follow_ups,
            follow_up_interval_days: self.follow_up_interval_days,
        }
    }
}
