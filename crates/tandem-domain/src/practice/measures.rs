//! Course measures for probes (sensemaking.md §4 practice 3, §6 run charts): what a probe's
//! success or failure signal can be measured by in the courses of the team, each with its
//! definition, and its points per week or month.
//!
//! A measure is computed from *observations*: one per event in a course (a meeting held, a step
//! made, a goal written, a feedback given …), dated, with a value. A period's point is the
//! share, median or mean of the observations dated in it, and is shown only when they come from
//! at least k distinct young people (one course is one young person): a point of four young
//! people is withheld, never drawn.

use std::collections::HashSet;

use time::{Date, Duration, Month};

use crate::Id;
use crate::policy::Course;

keyword_enum! {
    /// A measure of the team's courses that a probe can be followed by.
    CourseMeasure {
        /// Network meetings, family group conferences and follow-ups held with who chaired
        /// them recorded: the share the young person chaired or co-chaired.
        ChairedByYoungPerson = "chaired_by_young_person",
        /// Steps made: the share owned by the young person or their network.
        StepsOwnedByFamily = "steps_owned_by_family",
        /// Goals written or revised: the share in the young person's own words — each goal when
        /// it is written, and each time the young person puts one in new words.
        GoalsInOwnWords = "goals_in_own_words",
        /// Network meetings and family group conferences held: the share with private family
        /// time.
        PrivateFamilyTime = "private_family_time",
        /// Courses' first network meeting held: the median days from awareness to it.
        DaysToFirstNetworkMeeting = "days_to_first_network_meeting",
        /// Session feedback given (0–40): the mean.
        SessionFeedback = "session_feedback",
        /// The young person's own ratings from their second on, on an instrument with norms for
        /// their age: the share showing a reliable improvement since their first.
        ReliableImprovement = "reliable_improvement",
    }
}

/// How a period's observations become its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// The share of observations that are 1, in per cent.
    Share,
    /// The median.
    Median,
    /// The mean.
    Mean,
}

/// Which way is better, so a shift can be read as an improvement or a deterioration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Higher is better.
    Higher,
    /// Lower is better.
    Lower,
}

impl CourseMeasure {
    /// How its points are made.
    #[must_use]
    pub fn aggregate(self) -> Aggregate {
        match self {
            Self::DaysToFirstNetworkMeeting => Aggregate::Median,
            Self::SessionFeedback => Aggregate::Mean,
            _ => Aggregate::Share,
        }
    }

    /// Which way is better.
    #[must_use]
    pub fn better(self) -> Better {
        match self {
            Self::DaysToFirstNetworkMeeting => Better::Lower,
            _ => Better::Higher,
        }
    }
}

/// One event in a course that a measure counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    /// The course (one young person).
    pub course: Id<Course>,
    /// When it happened.
    pub on: Date,
    /// Its value: 0 or 1 for a share, days or points otherwise.
    pub value: f64,
}

keyword_enum! {
    /// How long a run chart's periods are.
    Period {
        /// Calendar weeks, Monday to Sunday.
        Week = "week",
        /// Calendar months.
        Month = "month",
    }
}

impl Period {
    /// The first day of the period holding `day`.
    #[must_use]
    pub fn start_of(self, day: Date) -> Date {
        match self {
            Self::Week => day - Duration::days(i64::from(day.weekday().number_days_from_monday())),
            Self::Month => day.replace_day(1).unwrap_or(day),
        }
    }

    /// The first day of the period after the one starting on `start`.
    #[must_use]
    pub fn next(self, start: Date) -> Date {
        match self {
            Self::Week => start + Duration::days(7),
            Self::Month => {
                let (year, month) = if start.month() == Month::December {
                    (start.year() + 1, Month::January)
                } else {
                    (start.year(), start.month().next())
                };
                Date::from_calendar_date(year, month, 1).unwrap_or(start)
            }
        }
    }

    /// How many periods of baseline a chart shows before a probe starts: a year of months, or
    /// sixteen weeks (enough points for a median, recent enough to be today's practice).
    #[must_use]
    pub fn baseline_periods(self) -> usize {
        match self {
            Self::Week => 16,
            Self::Month => 12,
        }
    }
}

/// One period's point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The period's first day.
    pub from: Date,
    /// Whether the period ends before the probe starts (a baseline point).
    pub baseline: bool,
    /// The value, `None` when no observation fell in the period or they came from fewer than
    /// k young people.
    pub value: Option<f64>,
    /// How many distinct young people the observations came from (0 when withheld).
    pub young_people: usize,
    /// How many observations (0 when withheld).
    pub observations: usize,
    /// Whether the point was withheld for covering fewer than k young people.
    pub withheld: bool,
}

/// The points of `measure` for each period from `baseline` periods before the one holding
/// `starts_on` up to the one holding `until`; each from the observations dated in it, shown
/// when they come from at least `min_group` young people. A period is baseline when it ends
/// before `starts_on`.
#[must_use]
pub fn points(
    measure: CourseMeasure,
    observations: &[Observation],
    period: Period,
    starts_on: Date,
    until: Date,
    min_group: usize,
) -> Vec<Point> {
    let first_probe_period = period.start_of(starts_on);
    let mut from = first_probe_period;
    for _ in 0..period.baseline_periods() {
        from = period.start_of(from - Duration::days(1));
    }
    let last = period.start_of(until.max(starts_on));
    let mut out = Vec::new();
    while from <= last {
        let to = period.next(from);
        let inside: Vec<&Observation> = observations
            .iter()
            .filter(|o| o.on >= from && o.on < to)
            .collect();
        let people: HashSet<Id<Course>> = inside.iter().map(|o| o.course).collect();
        let shown = !inside.is_empty() && people.len() >= min_group.max(1);
        let values: Vec<f64> = inside.iter().map(|o| o.value).collect();
        out.push(Point {
            from,
            baseline: to <= starts_on,
            value: shown
                .then(|| aggregate(measure.aggregate(), &values))
                .flatten(),
            young_people: if shown { people.len() } else { 0 },
            observations: if shown { inside.len() } else { 0 },
            withheld: !inside.is_empty() && !shown,
        });
        from = to;
    }
    out
}

/// A period's value from its observations' values.
fn aggregate(how: Aggregate, values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    match how {
        Aggregate::Share => Some(100.0 * values.iter().sum::<f64>() / n),
        Aggregate::Mean => Some(values.iter().sum::<f64>() / n),
        Aggregate::Median => crate::indicators::median(&mut values.to_vec()),
    }
}

#[cfg(test)]
mod tests;
