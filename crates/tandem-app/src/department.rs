//! The head of department's overview: the department's teams side by side — each team's three
//! columns with their tensions, its practice rhythm and its worries that went past their
//! deadline — and, above them, what needs the head's attention first and why.
//!
//! Only aggregates: an indicator covering fewer than five young people carries no value (the
//! columns' own rule), worries are counted, never named, and no worker is ranked. The read is
//! recorded once, before anything is shown. The teams' hybrid profiles come from the stories'
//! pattern scope, which the web layer reads through its own filter guard.

use std::cmp::Reverse;

use tandem_domain::Id;
use tandem_domain::local_time::copenhagen_date;
use tandem_domain::practice::Probe;
use tandem_domain::practice::measures::{CourseMeasure, Period};
use tandem_domain::worry::Escalation;
use tandem_store::courses::WorkScope;
use tandem_store::worries::WorryScope;
use time::Date;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::audit::record_read;
use crate::error::ActionError;
use crate::indicators::{Computed, Tension};
use crate::practices::TeamRef;
use crate::practices::home::{HuddleDue, ManagerDue, manager_due};
use crate::practices::probe_charts::{Signal, Status, charts_from, measures_of};
use crate::practices::probes::ProbeRecord;
use crate::practices::team::TeamRecord;

/// One team at a glance.
#[derive(Debug, Clone)]
pub struct TeamGlance {
    /// The team.
    pub team: TeamRecord,
    /// Its three columns and their tensions, today.
    pub columns: Computed,
    /// The columns on each of [`crate::indicators::trend_days`], oldest first (the last is
    /// today's, the same as `columns`).
    pub trend: Vec<(Date, Computed)>,
    /// What is due in its practices, its last huddle and running probes (the manager's home
    /// reads the same).
    pub due: ManagerDue,
    /// Its young people's worries nobody acknowledged in time (moved on to the manager or
    /// the duty contact).
    pub overdue_worries: usize,
    /// Its running probes followed by course measures, with where each measure stands on its
    /// monthly run chart.
    pub measured_probes: Vec<MeasuredProbe>,
}

/// A running probe's course measures at a glance.
#[derive(Debug, Clone)]
pub struct MeasuredProbe {
    /// The probe.
    pub id: Id<Probe>,
    /// Its title.
    pub title: String,
    /// Each measure, the signal it follows and its run chart's status.
    pub measures: Vec<(Signal, CourseMeasure, Status)>,
}

/// Why a team needs the head's attention, most urgent kind first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attention {
    /// Young people's worries went past their deadline unacknowledged.
    OverdueWorries(usize),
    /// Two columns disagree.
    Tension(Tension),
    /// No huddle for [`crate::practices::home::HUDDLE_DUE_AFTER_DAYS`] days or more, or none
    /// ever.
    NoRecentHuddle(Option<Date>),
    /// A running probe's measure moved the wrong way on its run chart (its title).
    ProbeMovedWrongWay(String),
    /// Probes wait for the team's decision.
    ProbesAwaitDecision(usize),
}

impl Attention {
    /// Its order on the list: people waiting first, then the columns, then the practices.
    fn rank(&self) -> u8 {
        match self {
            Self::OverdueWorries(_) => 0,
            Self::Tension(_) => 1,
            Self::NoRecentHuddle(_) => 2,
            Self::ProbeMovedWrongWay(_) => 3,
            Self::ProbesAwaitDecision(_) => 4,
        }
    }
}

/// The department at a glance: its active teams in name order, and what needs attention.
#[derive(Debug, Clone)]
pub struct Glance {
    /// The teams.
    pub teams: Vec<TeamGlance>,
    /// (index into `teams`, why), most urgent first.
    pub attention: Vec<(usize, Attention)>,
}

/// The department of the acting head at a glance, its read recorded first.
///
/// # Errors
/// [`ActionError::NotFound`] for an actor who is not staff; the read cannot be recorded; a
/// database error.
pub async fn glance(app: &App, actor: &Actor) -> Result<Glance, ActionError> {
    let org = actor.staff().ok_or(ActionError::NotFound)?.organization_id;
    let entry = Entry::allowed(
        "indicators.read",
        "organization",
        Some(org.to_string()),
        "department overview",
    );
    record_read(app, actor.event(entry)).await?;
    let today = copenhagen_date(actor.at());
    let mut teams = crate::practices::team::active_teams(app, org).await?;
    teams.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
    let mut glances = Vec::with_capacity(teams.len());
    for team in teams {
        let team_ref = TeamRef {
            organization_id: org,
            id: team.id,
        };
        let due = manager_due(app, team_ref, today).await?;
        // The running probes followed by course measures: their observations come from the
        // same read of the team's courses as its columns.
        let followed: Vec<ProbeRecord> = due
            .running
            .iter()
            .filter(|p| p.details.success_measure.is_some() || p.details.failure_measure.is_some())
            .cloned()
            .collect();
        let kinds = measures_of(&followed);
        let days = crate::indicators::trend_days(today);
        let scope = WorkScope::TeamAll(team.id);
        let (computed, observed) =
            crate::indicators::compute_with(app, org, scope, days.to_vec(), &kinds).await?;
        let trend: Vec<(Date, Computed)> = days.into_iter().zip(computed).collect();
        let Some((_, columns)) = trend.last().cloned() else {
            continue;
        };
        let charts = charts_from(&followed, (&kinds, &observed), Period::Month, today);
        let measured_probes = followed
            .iter()
            .zip(charts)
            .map(|(probe, charts)| MeasuredProbe {
                id: probe.id,
                title: probe.details.title.as_str().to_owned(),
                measures: charts
                    .iter()
                    .map(|c| (c.signal, c.measure, c.status()))
                    .collect(),
            })
            .collect();
        let overdue_worries = app
            .store()
            .open_worries(org, WorryScope::Team(team.id), today)
            .await?
            .iter()
            .filter(|w| w.escalation != Escalation::Processor)
            .count();
        glances.push(TeamGlance {
            team,
            columns,
            trend,
            due,
            overdue_worries,
            measured_probes,
        });
    }
    let attention = attention(&glances);
    Ok(Glance {
        teams: glances,
        attention,
    })
}

/// What needs attention, most urgent kind first, then by team.
fn attention(teams: &[TeamGlance]) -> Vec<(usize, Attention)> {
    let mut found = Vec::new();
    for (i, team) in teams.iter().enumerate() {
        if team.overdue_worries > 0 {
            found.push((i, Attention::OverdueWorries(team.overdue_worries)));
        }
        for tension in &team.columns.tensions {
            found.push((i, Attention::Tension(*tension)));
        }
        match team.due.huddle {
            Some(HuddleDue::First) => found.push((i, Attention::NoRecentHuddle(None))),
            Some(HuddleDue::Since(day)) => found.push((i, Attention::NoRecentHuddle(Some(day)))),
            None => {}
        }
        for probe in &team.measured_probes {
            if probe.measures.iter().any(|(_, _, s)| *s == Status::Warning) {
                found.push((i, Attention::ProbeMovedWrongWay(probe.title.clone())));
            }
        }
        if !team.due.probes.is_empty() {
            found.push((i, Attention::ProbesAwaitDecision(team.due.probes.len())));
        }
    }
    found.sort_by_key(|(i, why)| (why.rank(), Reverse(weight(why)), *i));
    found
}

/// Within a kind, the larger count first.
fn weight(why: &Attention) -> usize {
    match why {
        Attention::OverdueWorries(n) | Attention::ProbesAwaitDecision(n) => *n,
        Attention::Tension(_) | Attention::NoRecentHuddle(_) | Attention::ProbeMovedWrongWay(_) => {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_domain::indicators::CaseloadThresholds;
    use tandem_domain::staff::TeamName;

    fn team(
        name: &str,
        tensions: Vec<Tension>,
        worries: usize,
        huddle: Option<HuddleDue>,
    ) -> TeamGlance {
        TeamGlance {
            team: TeamRecord {
                id: Id::new(),
                organization_id: Id::new(),
                name: TeamName::parse(name).expect("name"),
                deactivated_at: None,
            },
            columns: Computed {
                young_people: 20,
                indicators: Vec::new(),
                tensions,
                shift: None,
                caseload: CaseloadThresholds::default(),
            },
            trend: Vec::new(),
            due: ManagerDue {
                huddle,
                last_huddle: None,
                running: Vec::new(),
                probes: Vec::new(),
                revision: None,
                pulse_alert: false,
                open_steps: Vec::new(),
                overdue: 0,
            },
            overdue_worries: worries,
            measured_probes: Vec::new(),
        }
    }

    #[test]
    fn worries_come_first_then_tensions_then_practices_and_a_quiet_team_is_not_listed() {
        let teams = [
            team("Nord", Vec::new(), 0, Some(HuddleDue::First)),
            team("Syd", vec![Tension::PrematureClosureRisk], 0, None),
            team("Vest", Vec::new(), 2, None),
            team("Øst", Vec::new(), 0, None),
        ];
        assert_eq!(
            attention(&teams),
            [
                (2, Attention::OverdueWorries(2)),
                (1, Attention::Tension(Tension::PrematureClosureRisk)),
                (0, Attention::NoRecentHuddle(None)),
            ]
        );
    }

    #[test]
    fn more_overdue_worries_come_before_fewer() {
        let teams = [
            team("Nord", Vec::new(), 1, None),
            team("Syd", Vec::new(), 3, None),
        ];
        assert_eq!(
            attention(&teams),
            [
                (1, Attention::OverdueWorries(3)),
                (0, Attention::OverdueWorries(1)),
            ]
        );
    }

    #[test]
    fn a_probe_going_the_wrong_way_comes_after_the_huddles_and_one_improving_is_not_listed() {
        let measured = |title: &str, status: Status| MeasuredProbe {
            id: Id::new(),
            title: title.to_owned(),
            measures: vec![
                (
                    Signal::Success,
                    CourseMeasure::ChairedByYoungPerson,
                    Status::Improving,
                ),
                (Signal::Failure, CourseMeasure::SessionFeedback, status),
            ],
        };
        let mut nord = team("Nord", Vec::new(), 0, Some(HuddleDue::First));
        nord.measured_probes = vec![measured("Den unge leder mødet", Status::NoSignal)];
        let mut syd = team("Syd", Vec::new(), 0, None);
        syd.measured_probes = vec![measured("Familien skriver planen", Status::Warning)];
        assert_eq!(
            attention(&[nord, syd]),
            [
                (0, Attention::NoRecentHuddle(None)),
                (
                    1,
                    Attention::ProbeMovedWrongWay("Familien skriver planen".into())
                ),
            ]
        );
    }
}
