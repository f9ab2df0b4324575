//! Legal deadlines of a course, computed from its dates — never stored.
//!
//! The rules are data: a [`RuleSet`] per jurisdiction. The default is the Danish Act on Children
//! ("Barnets Lov", in force 1 January 2024); the older Social Services Act is available as
//! [`RuleSet::legacy_social_services_act`]. Deadlines are shown as traffic lights: amber from a
//! configurable number of days before the due date, red when overdue.

use time::{Date, Duration, Month};

use crate::law::RuleId;

/// Adds calendar months; a day that does not exist in the target month becomes that month's
/// last day (31 October + 4 months = 28 February).
#[must_use]
pub fn add_months(date: Date, months: u32) -> Date {
    let zero_based =
        i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + i64::from(months);
    let year = i32::try_from(zero_based.div_euclid(12)).unwrap_or(i32::MAX);
    let month_number = u8::try_from(zero_based.rem_euclid(12) + 1).unwrap_or(1);
    let month = Month::try_from(month_number).unwrap_or(Month::January);
    let last_day = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, date.day().min(last_day)).unwrap_or(date)
}

/// How later follow-ups are scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaterFollowUps {
    /// At the interval decided at the first follow-up (Barnets Lov § 95).
    AsDecided,
    /// At least every so many months (the old Social Services Act: 6).
    EveryMonths(u32),
}

/// A jurisdiction's deadline rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSet {
    /// Child assessment due this many months after the authority became aware (§ 20).
    pub assessment_months: u32,
    /// Plan due this many months after the decision (§ 91).
    pub plan_months: u32,
    /// First follow-up due this many months after the intervention started (§ 95).
    pub first_follow_up_months: u32,
    /// Later follow-ups.
    pub later_follow_ups: LaterFollowUps,
}

impl RuleSet {
    /// Barnets Lov (Denmark, from 1 January 2024).
    #[must_use]
    pub fn barnets_lov() -> Self {
        Self {
            assessment_months: 4,
            plan_months: 3,
            first_follow_up_months: 3,
            later_follow_ups: LaterFollowUps::AsDecided,
        }
    }

    /// The old Social Services Act: follow-up after 3 months, then at least every 6 months.
    #[must_use]
    pub fn legacy_social_services_act() -> Self {
        Self {
            assessment_months: 4,
            plan_months: 3,
            first_follow_up_months: 3,
            later_follow_ups: LaterFollowUps::EveryMonths(6),
        }
    }
}

/// The dates of a course that deadlines depend on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CourseDates {
    /// The authority became aware of the child's needs (starts the assessment clock).
    pub awareness: Option<Date>,
    /// The child assessment was completed.
    pub assessment_completed: Option<Date>,
    /// The decision on support was made.
    pub decision: Option<Date>,
    /// A plan is required (always for a placement).
    pub plan_required: bool,
    /// The support is a placement without consent: the plan must exist by the decision.
    pub placement_without_consent: bool,
    /// The plan was completed.
    pub plan_completed: Option<Date>,
    /// The intervention started.
    pub intervention_start: Option<Date>,
    /// An assessment running alongside the support was completed.
    pub parallel_assessment_completed: Option<Date>,
    /// Follow-ups held, in any order.
    pub follow_ups: Vec<Date>,
    /// The interval decided at the first follow-up, in days.
    pub follow_up_interval_days: Option<u32>,
}

/// Which rule a deadline comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// Child assessment (§ 20).
    Assessment,
    /// Plan (§ 91).
    Plan,
    /// First follow-up (§ 95).
    FirstFollowUp,
    /// A later follow-up.
    LaterFollowUp,
}

impl DeadlineKind {
    /// The rule the deadline comes from (its paragraph is shown beside it).
    #[must_use]
    pub fn rule(self) -> RuleId {
        match self {
            Self::Assessment => RuleId::Assessment,
            Self::Plan => RuleId::ChildPlan,
            Self::FirstFollowUp | Self::LaterFollowUp => RuleId::FollowUp,
        }
    }
}

/// One computed deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The rule.
    pub kind: DeadlineKind,
    /// When it is due.
    pub due: Date,
    /// When it was met, if it was.
    pub met: Option<Date>,
}

/// A deadline's traffic light on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Light {
    /// Met (on time or late — see [`Deadline::met_on_time`]).
    Done,
    /// Not due soon.
    Green,
    /// Due within the warning period.
    Amber,
    /// Overdue.
    Red,
}

impl Deadline {
    /// The light on `today`, with amber from `amber_days` before the due date.
    #[must_use]
    pub fn light(&self, today: Date, amber_days: u32) -> Light {
        if self.met.is_some() {
            Light::Done
        } else if today > self.due {
            Light::Red
        } else if today + Duration::days(i64::from(amber_days)) >= self.due {
            Light::Amber
        } else {
            Light::Green
        }
    }

    /// Whether it was met by its due date.
    #[must_use]
    pub fn met_on_time(&self) -> Option<bool> {
        self.met.map(|met| met <= self.due)
    }
}

/// The deadlines that apply to a course under a rule set.
#[must_use]
pub fn deadlines(rules: &RuleSet, dates: &CourseDates) -> Vec<Deadline> {
    let mut found = Vec::new();
    if let Some(awareness) = dates.awareness {
        found.push(Deadline {
            kind: DeadlineKind::Assessment,
            due: add_months(awareness, rules.assessment_months),
            met: dates.assessment_completed,
        });
    }
    if let (Some(decision), true) = (
        dates.decision,
        dates.plan_required || dates.placement_without_consent,
    ) {
        let due = if dates.placement_without_consent {
            decision
        } else {
            add_months(decision, rules.plan_months)
        };
        found.push(Deadline {
            kind: DeadlineKind::Plan,
            due,
            met: dates.plan_completed,
        });
    }
    if let Some(start) = dates.intervention_start {
        let by_start = add_months(start, rules.first_follow_up_months);
        // The earlier of the parallel assessment's completion and start + 3 months.
        let due = dates
            .parallel_assessment_completed
            .map_or(by_start, |done| done.min(by_start));
        let mut held: Vec<Date> = dates
            .follow_ups
            .iter()
            .copied()
            .filter(|d| *d >= start)
            .collect();
        held.sort();
        found.push(Deadline {
            kind: DeadlineKind::FirstFollowUp,
            due,
            met: held.first().copied(),
        });
        let mut previous = held.first().copied();
        let mut index = 1;
        while let Some(last) = previous {
            let next_due = match rules.later_follow_ups {
                LaterFollowUps::AsDecided => match dates.follow_up_interval_days {
                    Some(days) => last + Duration::days(i64::from(days)),
                    None => break,
                },
                LaterFollowUps::EveryMonths(months) => add_months(last, months),
            };
            let met = held.get(index).copied();
            found.push(Deadline {
                kind: DeadlineKind::LaterFollowUp,
                due: next_due,
                met,
            });
            previous = met;
            index += 1;
        }
    }
    found
}

/// Whether the supervision rule for a placed child (§ 156) holds on `today`: at least two visits
/// with a conversation with the child in the 12 months up to and including `today`.
#[must_use]
pub fn supervision_ok(visits_with_conversation: &[Date], today: Date) -> bool {
    supervision_visits_in_year(visits_with_conversation, today) >= 2
}

/// How many supervision visits with a conversation with the child fall in the 12 months up to
/// and including `today`: the count the supervision rule (§ 156) and its indicator read.
#[must_use]
pub fn supervision_visits_in_year(visits_with_conversation: &[Date], today: Date) -> usize {
    let from = add_months_back_one_year(today);
    visits_with_conversation
        .iter()
        .filter(|d| **d > from && **d <= today)
        .count()
}

fn add_months_back_one_year(date: Date) -> Date {
    let year = date.year() - 1;
    let day = date
        .day()
        .min(time::util::days_in_month(date.month(), year));
    Date::from_calendar_date(year, date.month(), day).unwrap_or(date)
}

/// Completed years of age on `today`.
#[must_use]
pub fn age_on(birth: Date, today: Date) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests;
