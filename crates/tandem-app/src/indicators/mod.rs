//! The three-column management view (co-production specification, "Indicators"): getting it
//! right (TPA), getting it done (NPM) and getting there together (NPG), computed from the
//! courses' own data for a team or the whole department. Reading or exporting the view is
//! recorded in the audit trail (it is computed from personal data); the computation runs off
//! the async executor.
//!
//! # Layout
//! - this file: the computed view ([`Computed`]) and the department's view and export.
//! - [`team`]: a team's view with the drill-down to the courses behind one indicator.

pub mod team;

use tandem_analytics::suppression::MinGroupSize;
use tandem_domain::Id;
use tandem_domain::indicators::{CourseFacts, indicators, investment_shift, tensions};
use tandem_domain::local_time::copenhagen_date;
use tandem_domain::organization::Organization;
use tandem_domain::practice::measures::{CourseMeasure, Observation};
use tandem_store::courses::WorkScope;
use time::Date;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::audit::record_read;
use crate::compute::off_executor;
use crate::error::ActionError;
use crate::practices::TeamRef;
use crate::practices::team::TeamRecord;

pub use tandem_domain::indicators::{
    CaseloadThresholds, Indicator, InvestmentShift, Logic, Tension, Unit,
};

/// The view as computed: the indicators (suppressed ones carry no value), the tensions between
/// the columns, and the organization's caseload thresholds the caseload's formula names.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// How many young people (courses) the view covers.
    pub young_people: usize,
    /// The indicators, column by column.
    pub indicators: Vec<Indicator>,
    /// The tensions found, the investment tension last when the courses show it.
    pub tensions: Vec<Tension>,
    /// The investment tension's numbers, when it is found.
    pub shift: Option<InvestmentShift>,
    /// The organization's caseload ranges.
    pub caseload: CaseloadThresholds,
}

/// The courses' facts of `scope` and the view computed from them (on a blocking thread).
async fn compute(
    app: &App,
    organization_id: Id<Organization>,
    scope: WorkScope,
    actor: &Actor,
) -> Result<(Vec<CourseFacts>, Computed), ActionError> {
    let today = copenhagen_date(actor.at());
    let facts = app
        .store()
        .course_facts(organization_id, scope, today)
        .await?;
    let caseload = app.course_settings(organization_id).await?.caseload;
    let k = MinGroupSize::default().get() as usize;
    let (facts, computed) = off_executor(move || {
        let all = indicators(&facts, today, k);
        let mut found = tensions(&all);
        let shift = investment_shift(&facts, today, k);
        if shift.is_some() {
            found.push(Tension::InvestmentWhilePlacementsFall);
        }
        let computed = Computed {
            young_people: facts.len(),
            indicators: all,
            tensions: found,
            shift,
            caseload,
        };
        (facts, computed)
    })
    .await?;
    Ok((facts, computed))
}

/// The days a trend reads the columns on, oldest first: the last day of each of the three
/// quarters before the current one, and `today` (the current quarter so far).
#[must_use]
pub fn trend_days(today: Date) -> [Date; 4] {
    let quarter_start = |day: Date| {
        let month = (u8::from(day.month()) - 1) / 3 * 3 + 1;
        Date::from_calendar_date(
            day.year(),
            time::Month::try_from(month).unwrap_or(time::Month::January),
            1,
        )
        .unwrap_or(day)
    };
    let end_before = |day: Date| quarter_start(day).previous_day().unwrap_or(day);
    let third = end_before(today);
    let second = end_before(third);
    let first = end_before(second);
    [first, second, third, today]
}

/// The view of `scope` as it stood on each of `days` (see
/// [`tandem_store::Store::course_facts_on`]), one per day in order; computed off the executor.
pub(crate) async fn compute_on(
    app: &App,
    organization_id: Id<Organization>,
    scope: WorkScope,
    days: Vec<Date>,
) -> Result<Vec<Computed>, ActionError> {
    Ok(compute_with(app, organization_id, scope, days, &[])
        .await?
        .0)
}

/// [`compute_on`] and the observations of `measures` in the same courses, from one read of
/// their records (the head's cockpit: a team's columns and its probes' run charts).
pub(crate) async fn compute_with(
    app: &App,
    organization_id: Id<Organization>,
    scope: WorkScope,
    days: Vec<Date>,
    measures: &[CourseMeasure],
) -> Result<(Vec<Computed>, Vec<Vec<Observation>>), ActionError> {
    let (on_days, observed) = app
        .store()
        .course_facts_and_observations(organization_id, scope, &days, measures)
        .await?;
    let caseload = app.course_settings(organization_id).await?.caseload;
    let k = MinGroupSize::default().get() as usize;
    let computed = off_executor(move || {
        days.iter()
            .zip(on_days)
            .map(|(day, facts)| {
                let all = indicators(&facts, *day, k);
                let mut found = tensions(&all);
                let shift = investment_shift(&facts, *day, k);
                if shift.is_some() {
                    found.push(Tension::InvestmentWhilePlacementsFall);
                }
                Computed {
                    young_people: facts.len(),
                    indicators: all,
                    tensions: found,
                    shift,
                    caseload,
                }
            })
            .collect()
    })
    .await?;
    Ok((computed, observed))
}

/// The department's view with its active teams (each team's view linked; aggregates only),
/// its read recorded before anything is shown.
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn department(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
) -> Result<(Computed, Vec<TeamRecord>), ActionError> {
    let (_, computed) = compute(app, organization_id, WorkScope::Organization, actor).await?;
    let object = Some(organization_id.to_string());
    let entry = Entry::allowed(
        "indicators.read",
        "organization",
        object,
        "department indicators",
    );
    record_read(app, actor.event(entry)).await?;
    let teams = crate::practices::team::active_teams(app, organization_id).await?;
    Ok((computed, teams))
}

/// The department and each of its active teams on each of [`trend_days`], so a head can show
/// where the department moved quarter by quarter.
#[derive(Debug, Clone)]
pub struct OverTime {
    /// The days, oldest first (the last is today).
    pub days: [Date; 4],
    /// The department's view on each day.
    pub department: Vec<Computed>,
    /// Each active team (in name order) with its view on each day.
    pub teams: Vec<(TeamRecord, Vec<Computed>)>,
}

/// The department over time for the acting head; the read — or, with `export` (the file's
/// kind, `xlsx` or `csv`), the export — is recorded before anything is computed.
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn over_time(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    export: Option<&str>,
) -> Result<OverTime, ActionError> {
    let object = Some(organization_id.to_string());
    let purpose = export.map(|kind| format!("department over time {kind}"));
    let entry = match &purpose {
        Some(purpose) => Entry::allowed("indicators.export", "organization", object, purpose),
        None => Entry::allowed(
            "indicators.read",
            "organization",
            object,
            "department over time",
        ),
    };
    record_read(app, actor.event(entry)).await?;
    let days = trend_days(copenhagen_date(actor.at()));
    let department =
        compute_on(app, organization_id, WorkScope::Organization, days.to_vec()).await?;
    let mut teams = crate::practices::team::active_teams(app, organization_id).await?;
    teams.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
    let mut by_team = Vec::with_capacity(teams.len());
    for team in teams {
        let views = compute_on(
            app,
            organization_id,
            WorkScope::TeamAll(team.id),
            days.to_vec(),
        )
        .await?;
        by_team.push((team, views));
    }
    Ok(OverTime {
        days,
        department,
        teams: by_team,
    })
}

/// Whose view a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// A team's (the guard allowed it; the caller has read its name already).
    Team(TeamRef),
    /// The department's.
    Department(Id<Organization>),
}

/// The view for a file of kind `extension` (`xlsx`, `csv`), the export recorded before it is
/// written.
///
/// # Errors
/// The export cannot be recorded; a database error.
pub async fn export(
    app: &App,
    actor: &Actor,
    whose: Whose,
    extension: &str,
) -> Result<Computed, ActionError> {
    let (org, scope, kind, object) = match whose {
        Whose::Team(team) => (
            team.organization_id,
            WorkScope::TeamAll(team.id),
            "team",
            team.id.to_string(),
        ),
        Whose::Department(org) => (
            org,
            WorkScope::Organization,
            "organization",
            org.to_string(),
        ),
    };
    let (_, computed) = compute(app, org, scope, actor).await?;
    let entry = Entry::allowed("indicators.export", kind, Some(object), extension);
    record_read(app, actor.event(entry)).await?;
    Ok(computed)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::trend_days;

    #[test]
    fn the_trend_reads_the_last_three_quarter_ends_and_today() {
        assert_eq!(
            trend_days(date!(2026 - 12 - 07)),
            [
                date!(2026 - 03 - 31),
                date!(2026 - 06 - 30),
                date!(2026 - 09 - 30),
                date!(2026 - 12 - 07)
            ]
        );
        assert_eq!(
            trend_days(date!(2026 - 01 - 01)),
            [
                date!(2025 - 06 - 30),
                date!(2025 - 09 - 30),
                date!(2025 - 12 - 31),
                date!(2026 - 01 - 01)
            ]
        );
    }
}
