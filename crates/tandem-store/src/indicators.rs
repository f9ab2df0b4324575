//! The facts the three-column view computes from (`tandem_domain::indicators`), read from each
//! course's records. One course at a time through the same reads the course pages use, so the
//! view counts exactly what the processor sees; a department of a few hundred courses takes a
//! few thousand small queries (measured in docs/PERFORMANCE.md).

use std::collections::HashMap;

use futures_util::{StreamExt, TryStreamExt};

use tandem_domain::Id;
use tandem_domain::course::kinds::{CourseStatus, GoalStatus, MeetingKind, OwnerKind, Sector};
use tandem_domain::deadlines::age_on;
use tandem_domain::indicators::CourseFacts;
use tandem_domain::instrument::SESSION_FEEDBACK;
use tandem_domain::organization::Organization;
use tandem_domain::practice::measures::{CourseMeasure, Observation};
use tandem_domain::scales::{Change, classify_change};
use time::Date;

use crate::courses::WorkScope;
use crate::error::StoreError;
use crate::pool::Store;
use crate::ratings::{RoundRecord, young_persons_totals};

/// Whether a goal's author names the young person: the goal is then in their own words (a
/// goal written down from a parent's or a professional's words is not).
pub(crate) fn by_young_person(author: &str, young_person: &str) -> bool {
    let first = young_person
        .split_whitespace()
        .next()
        .unwrap_or(young_person);
    !first.is_empty() && author.to_lowercase().contains(&first.to_lowercase())
}

/// Whether the young person's own ratings, on an instrument with norms for their age, show a
/// reliable improvement from their first to their latest revealed rating (per instrument and
/// goal); `None` when no such series has two ratings.
fn reliable_improvement(rounds: &[RoundRecord], thresholds: &HashMap<String, i32>) -> Option<bool> {
    let mut series: Vec<(&str, Option<Id<crate::work::Goal>>)> = Vec::new();
    for round in rounds
        .iter()
        .filter(|r| thresholds.contains_key(&r.instrument_key))
    {
        let key = (round.instrument_key.as_str(), round.goal_id);
        if !series.contains(&key) {
            series.push(key);
        }
    }
    let mut seen = None;
    for (instrument, goal) in series {
        let totals = young_persons_totals(rounds, instrument, goal);
        let (Some(first), Some(last)) = (totals.first(), totals.last()) else {
            continue;
        };
        if totals.len() < 2 {
            continue;
        }
        let change = classify_change(
            f64::from(first.1),
            f64::from(last.1),
            f64::from(thresholds[instrument]),
        );
        seen = Some(seen.unwrap_or(false) || change == Change::ReliableImprovement);
    }
    seen
}

/// One course's records, read once for every day its facts are wanted on (and for the course
/// measures of probes, `crate::measures`).
pub(crate) struct Records {
    pub(crate) entry: crate::courses::WorklistEntry,
    pub(crate) goals: Vec<crate::work::GoalRecord>,
    pub(crate) steps: Vec<crate::work::StepRecord>,
    pub(crate) meetings: Vec<crate::work::MeetingRecord>,
    pub(crate) rounds: Vec<RoundRecord>,
    alerts: Vec<crate::ratings::AlertRecord>,
    network: Vec<crate::network::MemberRecord>,
    costs: Vec<crate::voice::CostRecord>,
    statements: Vec<crate::voice::StatementRecord>,
}

impl Store {
    /// The facts of every course in `scope` (a team's, open and closed, or the organization's)
    /// on `today`.
    ///
    /// # Errors
    /// A database error.
    pub async fn course_facts(
        &self,
        organization_id: Id<Organization>,
        scope: WorkScope,
        today: Date,
    ) -> Result<Vec<CourseFacts>, StoreError> {
        Ok(self
            .course_facts_on(organization_id, scope, &[today])
            .await?
            .into_iter()
            .next()
            .unwrap_or_default())
    }

    /// The facts of every course in `scope` as they stood at the end of each of `days`, one
    /// list per day in the order given: a course the municipality was not yet aware of is left
    /// out, and nothing dated after the day counts on it (meetings, goals, steps, ratings,
    /// alerts, costs, statements, dates of the course's steps, its closure). What is not kept
    /// with its date — a goal's status, whether the young person is placed — is read as it is
    /// now. Each course's records are read once for all the days.
    ///
    /// # Errors
    /// A database error.
    pub async fn course_facts_on(
        &self,
        organization_id: Id<Organization>,
        scope: WorkScope,
        days: &[Date],
    ) -> Result<Vec<Vec<CourseFacts>>, StoreError> {
        Ok(self
            .course_facts_and_observations(organization_id, scope, days, &[])
            .await?
            .0)
    }

    /// [`Store::course_facts_on`] and [`Store::course_observations`] from one read of each
    /// course's records: the head's cockpit wants a team's columns and its probes' measures.
    ///
    /// # Errors
    /// A database error.
    pub async fn course_facts_and_observations(
        &self,
        organization_id: Id<Organization>,
        scope: WorkScope,
        days: &[Date],
        measures: &[CourseMeasure],
    ) -> Result<(Vec<Vec<CourseFacts>>, Vec<Vec<Observation>>), StoreError> {
        let settings = self.course_settings(organization_id).await?;
        let instruments = self.instruments(organization_id, settings.feedback).await?;
        let records = self.records_in(organization_id, scope).await?;
        let facts = days
            .iter()
            .map(|day| {
                records
                    .iter()
                    .filter(|r| r.entry.course.details.awareness_date <= *day)
                    .map(|r| facts_on(r, &instruments, *day))
                    .collect()
            })
            .collect();
        let rewordings = if measures.contains(&CourseMeasure::GoalsInOwnWords) {
            self.goal_rewordings(organization_id).await?
        } else {
            HashMap::new()
        };
        let observed = crate::measures::observed(&records, measures, (&instruments, &rewordings));
        Ok((facts, observed))
    }

    /// The records of every course in `scope`.
    pub(crate) async fn records_in(
        &self,
        organization_id: Id<Organization>,
        scope: WorkScope,
    ) -> Result<Vec<Records>, StoreError> {
        let entries = self.worklist(organization_id, scope).await?;
        // Two courses at a time, each course's eight reads at once: the round trips overlap
        // (16 queries in flight, the PostgreSQL pool's size) instead of queuing one by one.
        futures_util::stream::iter(entries)
            .map(|entry| self.records_of(organization_id, entry))
            .buffered(2)
            .try_collect()
            .await
    }

    /// One course's records (see [`Store::course_facts_on`]).
    async fn records_of(
        &self,
        organization_id: Id<Organization>,
        entry: crate::courses::WorklistEntry,
    ) -> Result<Records, StoreError> {
        let id = entry.course.id;
        let (goals, steps, meetings, rounds, alerts, network, costs, statements) = tokio::try_join!(
            self.goals_of(organization_id, id),
            self.steps_of(organization_id, id),
            self.meetings_of(organization_id, id),
            self.rounds_of(organization_id, id),
            self.alerts_of(organization_id, id),
            self.network_of(organization_id, id),
            self.costs_of(organization_id, id),
            self.statements_of(organization_id, id),
        )?;
        Ok(Records {
            entry,
            goals,
            steps,
            meetings,
            rounds,
            alerts,
            network,
            costs,
            statements,
        })
    }
}

/// One course's facts at the end of `today` (see [`Store::course_facts_on`]).
fn facts_on(
    records: &Records,
    instruments: &[tandem_domain::instrument::Instrument],
    today: Date,
) -> CourseFacts {
    let entry = &records.entry;
    let course = &entry.course;
    let d = &course.details;
    let id = course.id;
    let by = |day: Option<Date>| day.filter(|day| *day <= today);
    let age = age_on(d.birth_date, today);
    let thresholds: HashMap<String, i32> = instruments
        .iter()
        .filter_map(|i| i.norm_for(age).map(|n| (i.key.clone(), n.reliable_change)))
        .collect();
    let goals: Vec<_> = records
        .goals
        .iter()
        .filter(|g| g.created_at.date() <= today)
        .collect();
    let steps: Vec<_> = records
        .steps
        .iter()
        .filter(|s| s.created_at.date() <= today)
        .collect();
    let meetings: Vec<_> = records
        .meetings
        .iter()
        .filter(|m| m.details.held_on <= today)
        .collect();
    let rounds: Vec<RoundRecord> = records
        .rounds
        .iter()
        .filter(|r| r.opened_at.date() <= today)
        .cloned()
        .collect();
    let alerts: Vec<_> = records
        .alerts
        .iter()
        .filter(|a| a.raised_at.date() <= today)
        .collect();
    let network = &records.network;
    let costs = &records.costs;
    let statements: Vec<_> = records
        .statements
        .iter()
        .filter(|s| s.created_at.date() <= today)
        .collect();
    let closure_date = by(d.closure_date);
    let closed_by_then =
        d.status == CourseStatus::Closed && d.closure_date.is_none_or(|c| c <= today);
    let held: Vec<_> = meetings.iter().filter(|m| m.details.held).collect();
    let views_before_decision = by(d.decision_date).is_some_and(|decision| {
        held.iter().any(|m| {
            m.details.held_on <= decision
                && (m.details.young_person_present || m.details.views_own_words.is_some())
        }) || statements.iter().any(|s| s.created_at.date() <= decision)
    });
    let active: Vec<_> = goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .collect();
    let own = active
        .iter()
        .filter(|g| by_young_person(g.details.author.as_str(), d.young_person_name.as_str()))
        .count();
    let end = closure_date.unwrap_or(today);
    // Monthly amounts over the days they ran within [from, to) (30.4375 days a month).
    let cost_between = |from: time::Date, to: time::Date| -> i64 {
        costs
            .iter()
            .map(|c| {
                let stop = c.to_date.unwrap_or(end).min(end).min(to);
                let days = (stop - c.from_date.max(from)).whole_days().max(0);
                (f64::from(c.monthly_amount) * days as f64 / 30.4375).round() as i64
            })
            .sum()
    };
    let cost_total = cost_between(time::Date::MIN, end);
    let half = time::Duration::days(tandem_domain::indicators::HALF_YEAR_DAYS);
    let recent_from = today - half;
    let cost_halves = [
        cost_between(recent_from - half, recent_from),
        cost_between(recent_from, today),
    ];
    CourseFacts {
        id,
        processor_id: course.processor_id,
        awareness_date: d.awareness_date,
        assessment_completed: by(d.assessment_completed),
        decision_date: by(d.decision_date),
        plan_required: d.plan_kind != tandem_domain::course::kinds::PlanKind::NoPlan,
        plan_completed: by(d.plan_completed),
        intervention_start: by(d.intervention_start),
        first_follow_up: by(entry.dates.follow_ups.iter().min().copied()),
        views_before_decision,
        placement: d.placement,
        supervision_visits_last_year: u32::try_from(
            tandem_domain::deadlines::supervision_visits_in_year(
                &entry.dates.supervision_visits,
                today,
            ),
        )
        .unwrap_or(u32::MAX),
        closed: closed_by_then.then(|| {
            (
                closure_date.unwrap_or(today),
                d.closure_reason == Some(tandem_domain::course::kinds::ClosureReason::Mutual),
            )
        }),
        first_network_meeting: held
            .iter()
            .filter(|m| m.details.kind == MeetingKind::NetworkMeeting)
            .map(|m| m.details.held_on)
            .min(),
        cost_total,
        cost_halves,
        active_goals: (count(active.len()), count(own)),
        meetings: (
            count(held.len()),
            count(
                held.iter()
                    .filter(|m| m.young_person_channel.is_some() || m.details.young_person_present)
                    .count(),
            ),
        ),
        private_network: count(
            network
                .iter()
                .filter(|m| m.details.sector != Sector::Professional)
                .filter(|m| m.active_from <= today && m.active_to.is_none_or(|t| t >= today))
                .count(),
        ),
        steps: (
            count(steps.len()),
            count(
                steps
                    .iter()
                    .filter(|s| s.owner.kind() != OwnerKind::Staff)
                    .count(),
            ),
        ),
        reliable_improvement: reliable_improvement(&rounds, &thresholds),
        feedback: rounds
            .iter()
            .filter(|r| r.instrument_key == SESSION_FEEDBACK)
            .flat_map(|r| r.raters.iter().filter_map(|x| x.total))
            .map(|tenths| f64::from(tenths) / 10.0)
            .collect(),
        alerts: (
            count(alerts.len()),
            count(
                alerts
                    .iter()
                    .filter(|a| a.resolved_at.is_some_and(|r| r.date() <= today))
                    .count(),
            ),
        ),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::by_young_person;

    #[test]
    fn a_goal_is_in_own_words_when_its_author_names_the_young_person() {
        assert!(by_young_person("Mia", "Mia Jensen"));
        assert!(by_young_person("mia og hendes mor", "Mia Jensen"));
        assert!(!by_young_person("Mor", "Mia Jensen"));
        assert!(!by_young_person("Mia", ""));
    }
}
