//! The observations behind probes' course measures (`tandem_domain::practice::measures`), read
//! from each course's records through the same reads as the three-column view, so a probe's
//! run chart counts what the processor sees on the course pages.

use std::collections::HashMap;

use tandem_domain::Id;
use tandem_domain::course::kinds::{MeetingKind, OwnerKind};
use tandem_domain::deadlines::age_on;
use tandem_domain::instrument::{Instrument, SESSION_FEEDBACK};
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::practice::measures::{CourseMeasure, Observation};
use tandem_domain::scales::{Change, classify_change};

use crate::courses::WorkScope;
use crate::error::StoreError;
use crate::indicators::{Records, by_young_person};
use crate::pool::Store;
use crate::ratings::young_persons_totals;

impl Store {
    /// The observations of each of `measures` (in the order given) in the courses of `scope`,
    /// each course's records read once for all of them.
    ///
    /// # Errors
    /// A database error.
    pub async fn course_observations(
        &self,
        organization_id: Id<Organization>,
        scope: WorkScope,
        measures: &[CourseMeasure],
    ) -> Result<Vec<Vec<Observation>>, StoreError> {
        if measures.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .course_facts_and_observations(organization_id, scope, &[], measures)
            .await?
            .1)
    }
}

/// When young people reworded their goals, per course.
pub(crate) type Rewordings = HashMap<Id<Course>, Vec<time::OffsetDateTime>>;

/// The observations of each of `measures` in `records` (with the instruments' norms and the
/// goals' rewordings).
pub(crate) fn observed(
    records: &[Records],
    measures: &[CourseMeasure],
    (instruments, rewordings): (&[Instrument], &Rewordings),
) -> Vec<Vec<Observation>> {
    measures
        .iter()
        .map(|m| {
            records
                .iter()
                .flat_map(|r| observations(r, *m, (instruments, rewordings)))
                .collect()
        })
        .collect()
}

/// One course's observations of `measure`.
fn observations(
    records: &Records,
    measure: CourseMeasure,
    (instruments, rewordings): (&[Instrument], &Rewordings),
) -> Vec<Observation> {
    let course = &records.entry.course;
    let d = &course.details;
    let seen = |on: time::Date, yes: bool| Observation {
        course: course.id,
        on,
        value: if yes { 1.0 } else { 0.0 },
    };
    let held = || records.meetings.iter().filter(|m| m.details.held);
    match measure {
        CourseMeasure::ChairedByYoungPerson => held()
            .filter(|m| {
                matches!(
                    m.details.kind,
                    MeetingKind::NetworkMeeting
                        | MeetingKind::FamilyGroupConference
                        | MeetingKind::FollowUp
                )
            })
            .filter_map(|m| {
                let chair = m.details.chair?;
                Some(seen(m.details.held_on, chair.by_young_person()))
            })
            .collect(),
        CourseMeasure::StepsOwnedByFamily => records
            .steps
            .iter()
            .map(|s| seen(s.created_at.date(), s.owner.kind() != OwnerKind::Staff))
            .collect(),
        // Each goal when written (the young person's own words or not), and each time the
        // young person put one in new words (always theirs).
        CourseMeasure::GoalsInOwnWords => records
            .goals
            .iter()
            .map(|g| {
                let own = by_young_person(g.details.author.as_str(), d.young_person_name.as_str());
                seen(g.created_at.date(), own)
            })
            .chain(
                rewordings
                    .get(&course.id)
                    .into_iter()
                    .flatten()
                    .map(|at| seen(at.date(), true)),
            )
            .collect(),
        CourseMeasure::PrivateFamilyTime => held()
            .filter(|m| {
                matches!(
                    m.details.kind,
                    MeetingKind::NetworkMeeting | MeetingKind::FamilyGroupConference
                )
            })
            .map(|m| seen(m.details.held_on, m.details.private_family_time))
            .collect(),
        CourseMeasure::DaysToFirstNetworkMeeting => held()
            .filter(|m| m.details.kind == MeetingKind::NetworkMeeting)
            .map(|m| m.details.held_on)
            .min()
            .map(|first| Observation {
                course: course.id,
                on: first,
                value: (first - d.awareness_date).whole_days() as f64,
            })
            .into_iter()
            .collect(),
        CourseMeasure::SessionFeedback => records
            .rounds
            .iter()
            .filter(|r| r.instrument_key == SESSION_FEEDBACK)
            .flat_map(|r| {
                r.raters
                    .iter()
                    .filter_map(|x| x.total)
                    .map(|tenths| Observation {
                        course: course.id,
                        on: r.opened_at.date(),
                        value: f64::from(tenths) / 10.0,
                    })
            })
            .collect(),
        CourseMeasure::ReliableImprovement => improvements(records, instruments),
    }
}

/// Each of the young person's own ratings from their second on, per instrument with norms for
/// their age and goal: whether it shows a reliable improvement since their first (the change
/// rule of the goal page and the reliable-improvement indicator).
fn improvements(records: &Records, instruments: &[Instrument]) -> Vec<Observation> {
    let course = &records.entry.course;
    let mut series: Vec<(&str, Option<Id<crate::work::Goal>>)> = Vec::new();
    for round in &records.rounds {
        let key = (round.instrument_key.as_str(), round.goal_id);
        if !series.contains(&key) {
            series.push(key);
        }
    }
    let by_key: HashMap<&str, &Instrument> =
        instruments.iter().map(|i| (i.key.as_str(), i)).collect();
    let mut out = Vec::new();
    for (key, goal) in series {
        let Some(instrument) = by_key.get(key) else {
            continue;
        };
        let totals = young_persons_totals(&records.rounds, key, goal);
        let Some((_, first)) = totals.first() else {
            continue;
        };
        for (at, total) in totals.iter().skip(1) {
            let age = age_on(course.details.birth_date, at.date());
            let Some(norm) = instrument.norm_for(age) else {
                continue;
            };
            let change = classify_change(
                f64::from(*first),
                f64::from(*total),
                f64::from(norm.reliable_change),
            );
            out.push(Observation {
                course: course.id,
                on: at.date(),
                value: if change == Change::ReliableImprovement {
                    1.0
                } else {
                    0.0
                },
            });
        }
    }
    out
}
