//! Huddles: a short meeting of the team around a handful of stories, the interpretations each
//! voice offered, and the next steps agreed — each with its owner and due date, to be marked done
//! by the owner or the team's manager.

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::policy::Staff;
use tandem_domain::practice::{Huddle, HuddleDetails, NextStep, Voice};
use tandem_domain::staff::{StaffRole, User};
use tandem_store::stories::Story;
use time::Date;

use super::{TeamRef, read};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::huddles::{HuddleRecord, HuddleSummary, NextStepRecord};

/// A huddle with its stories, interpretations and next steps, read for its page (audited).
///
/// # Errors
/// [`ActionError::NotFound`] when the team has no such huddle; the read cannot be recorded; a
/// database error.
pub async fn show(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<Huddle>,
) -> Result<HuddleRecord, ActionError> {
    let record = app
        .store()
        .huddle(team.organization_id, team.id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    read(app, actor, "huddle", id.to_string(), "huddle").await?;
    Ok(record)
}

/// A huddle as parsed from its form, with the stories it was opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHuddle {
    /// When, about what, and who took part.
    pub details: HuddleDetails,
    /// The stories discussed; those that are not the team's are left out.
    pub stories: Vec<Id<Story>>,
}

/// Records the huddle and links those of its stories that are the team's, as the acting member
/// of staff.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn create(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    command: &NewHuddle,
) -> Result<Id<Huddle>, ActionError> {
    let by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let linked: Vec<_> = app
        .store()
        .team_stories(team.organization_id, team.id, &command.stories)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut tx = app.store().begin().await?;
    let (org, at) = (team.organization_id, actor.at());
    let id = tx
        .insert_huddle(org, team.id, &command.details, &linked, by, at)
        .await?;
    let entry = Entry::allowed(
        "huddle.create",
        "huddle",
        Some(id.to_string()),
        "new huddle",
    );
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds an interpretation, attributed to the voice that offered it.
///
/// # Errors
/// [`ActionError::NotFound`] when the huddle is not the team's or the actor not staff; a
/// database error.
pub async fn interpret(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    huddle: Id<Huddle>,
    interpretation: (Voice, &PlainText),
) -> Result<(), ActionError> {
    let by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let mut tx = app.store().begin().await?;
    let (org, at) = (team.organization_id, actor.at());
    if !tx
        .add_interpretation(org, team.id, huddle, interpretation, by, at)
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let object = Some(huddle.to_string());
    let entry = Entry::allowed("huddle.interpretation", "huddle", object, "huddle");
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(())
}

/// A next step agreed in a huddle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreedNextStep {
    /// What is to be done.
    pub description: PlainText,
    /// Who does it: a member of the team.
    pub owner: Id<User>,
    /// By when.
    pub due_on: Date,
}

/// What came of adding a next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStepOutcome {
    /// The step is on the board.
    Added(Id<NextStep>),
    /// The owner is not a member of the team (or the huddle not the team's); nothing stored.
    OwnerNotInTeam,
}

/// Adds a next step to the team's huddle.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn add_next_step(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    huddle: Id<Huddle>,
    step: &AgreedNextStep,
) -> Result<NextStepOutcome, ActionError> {
    let by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let mut tx = app.store().begin().await?;
    let (org, at) = (team.organization_id, actor.at());
    let what = (&step.description, step.owner, step.due_on);
    let Some(id) = tx
        .add_next_step(org, team.id, Some(huddle), what, by, at)
        .await?
    else {
        return Ok(NextStepOutcome::OwnerNotInTeam);
    };
    let entry = Entry::allowed(
        "next_step.create",
        "next_step",
        Some(id.to_string()),
        "huddle",
    );
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(NextStepOutcome::Added(id))
}

/// Whether a member of the step's team may mark it done: its owner or the team's manager.
#[must_use]
pub fn may_mark_done(staff: &Staff, step: &NextStepRecord) -> bool {
    staff.role == StaffRole::TeamManager || step.owner_id == staff.user_id
}

/// Marks a next step done: by its owner or the team's manager (anyone else: not found). A step
/// already done stays as it was and nothing is recorded.
///
/// # Errors
/// [`ActionError::NotFound`]; a database error.
pub async fn mark_done(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<NextStep>,
) -> Result<(), ActionError> {
    let staff = actor.staff().ok_or(ActionError::NotFound)?;
    let step = app
        .store()
        .next_step(team.organization_id, team.id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    if !may_mark_done(staff, &step) {
        return Err(ActionError::NotFound);
    }
    let mut tx = app.store().begin().await?;
    if tx
        .mark_step_done(team.organization_id, team.id, id, actor.at())
        .await?
    {
        let object = Some(id.to_string());
        let entry = Entry::allowed("next_step.done", "next_step", object, "practice board");
        tx.append_audit(actor.event(entry)).await?;
        tx.commit().await?;
    }
    Ok(())
}
