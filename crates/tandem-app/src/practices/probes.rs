//! The probe register (practice 3, "Small bets"): a bounded, safe-to-fail probe sanctioned with
//! its signals written down before it starts and the stories that prompted it, and the decisions
//! at review (amplify, dampen, stop).

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::policy::Course;
use tandem_domain::practice::{Huddle, Probe, ProbeDecision, ProbeDetails};
use tandem_domain::staff::User;
use tandem_domain::story::mark::Mark;
use tandem_store::practices::probes::NewProbe;
use tandem_store::stories::Story;
use time::Date;

use super::{TeamRef, commit, read, staff_user};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::LinkedStory;
pub use tandem_store::practices::probes::ProbeRecord;

/// A probe as parsed from the manager's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanctionProbe {
    /// What is tried, the signals, and when it starts and is reviewed.
    pub details: ProbeDetails,
    /// Who runs it: a member of the team.
    pub owner: Id<User>,
    /// The huddle it came from, if any.
    pub huddle: Option<Id<Huddle>>,
    /// The marked region whose share it means to move, if any (one on the team's campaigns).
    pub mark: Option<Id<Mark>>,
    /// The stories that prompted it; those that are not the team's are left out.
    pub stories: Vec<Id<Story>>,
    /// The courses its measures follow; those that are not the team's are left out; none:
    /// every course of the team.
    pub courses: Vec<Id<Course>>,
}

/// What came of sanctioning a probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SanctionOutcome {
    /// The probe is on the register.
    Sanctioned(Id<Probe>),
    /// The owner is not an active member of the team (or the huddle not the team's): nothing
    /// stored.
    OwnerNotInTeam,
    /// The marked region is not on one of the team's campaigns: nothing stored.
    MarkNotTeams,
}

/// Sanctions the probe with the team's stories among those named: the probe, its story links
/// and its audit event in one transaction.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error (nothing is kept).
pub async fn sanction(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    command: &SanctionProbe,
) -> Result<SanctionOutcome, ActionError> {
    let by = staff_user(actor)?;
    if let Some(mark) = command.mark {
        match crate::stories::marks::team_mark(app, team, mark).await {
            Ok(_) => {}
            Err(ActionError::NotFound) => return Ok(SanctionOutcome::MarkNotTeams),
            Err(other) => return Err(other),
        }
    }
    let linked: Vec<_> = super::team::stories(app, team, &command.stories)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut tx = app.store().begin().await?;
    let probe = NewProbe {
        details: &command.details,
        owner_id: command.owner,
        huddle_id: command.huddle,
        mark_id: command.mark,
        stories: &linked,
        courses: &command.courses,
    };
    let Some(id) = tx
        .insert_probe(team.organization_id, team.id, &probe, by, actor.at())
        .await?
    else {
        return Ok(SanctionOutcome::OwnerNotInTeam);
    };
    let entry = Entry::allowed("probe.create", "probe", Some(id.to_string()), "new probe");
    commit(tx, actor, entry).await?;
    Ok(SanctionOutcome::Sanctioned(id))
}

/// A probe with the stories that prompted it, read for its page (audited).
///
/// # Errors
/// [`ActionError::NotFound`] when the team has no such probe; the read cannot be recorded; a
/// database error.
pub async fn show(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<Probe>,
) -> Result<(ProbeRecord, Vec<LinkedStory>), ActionError> {
    let found = app
        .store()
        .probe(team.organization_id, team.id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    read(app, actor, "probe", id.to_string(), "probe").await?;
    Ok(found)
}

/// The team's probes (the register).
///
/// # Errors
/// A database error.
pub async fn list(app: &App, team: TeamRef) -> Result<Vec<ProbeRecord>, ActionError> {
    Ok(app.store().probes(team.organization_id, team.id).await?)
}

/// A decision at review, as parsed from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decide {
    /// Amplify, dampen or stop.
    pub decision: ProbeDecision,
    /// Why.
    pub rationale: PlainText,
    /// The day it was decided.
    pub decided_on: Date,
    /// The next review, when the probe goes on.
    pub next_review: Option<Date>,
}

/// Records a decision on one of the team's open probes. `Ok(false)`: the probe is closed (or
/// not the team's), or the next review is before it started; nothing stored.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn decide(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<Probe>,
    command: &Decide,
) -> Result<bool, ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let what = (
        command.decision,
        &command.rationale,
        command.decided_on,
        command.next_review,
    );
    if !tx
        .decide_probe(team.organization_id, team.id, id, what, by, actor.at())
        .await?
    {
        return Ok(false);
    }
    let entry = Entry::allowed(
        "probe.decide",
        "probe",
        Some(id.to_string()),
        "probe review",
    );
    commit(tx, actor, entry).await?;
    Ok(true)
}
