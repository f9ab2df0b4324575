//! Notice the small stuff (practice 7): cues anyone in the team writes down, and the manager's
//! amplifying, following up and closing them.

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::practice::reflection::{Cue, CueDetails};
use tandem_store::stories::Story;

use super::{TeamRef, commit, read, staff_user, today};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::cues::CueRecord;

/// The team's cues, newest first, read for the cues page (audited).
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn list(app: &App, actor: &Actor, team: TeamRef) -> Result<Vec<CueRecord>, ActionError> {
    let cues = app.store().cues(team.organization_id, team.id).await?;
    read(app, actor, "cues", team.id.to_string(), "cues").await?;
    Ok(cues)
}

/// Records a cue (anyone in the team), with the team's story it came from, if any.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn create(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    (cue, story): (&CueDetails, Option<Id<Story>>),
) -> Result<Id<Cue>, ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_cue(team.organization_id, team.id, (cue, story), by, actor.at())
        .await?;
    let entry = Entry::allowed("cue.create", "cue", Some(id.to_string()), "cue");
    commit(tx, actor, entry).await?;
    Ok(id)
}

/// What the manager does with a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Whether it is amplified.
    pub amplified: bool,
    /// What followed, if anything was written.
    pub follow_up: Option<PlainText>,
    /// Whether it is closed (today).
    pub close: bool,
}

/// Amplifies, follows up or closes one of the team's open cues.
///
/// # Errors
/// [`ActionError::NotFound`] when the team has no such open cue; a database error.
pub async fn follow_up(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<Cue>,
    command: &FollowUp,
) -> Result<(), ActionError> {
    let close = command.close.then(|| today(actor));
    let what = (command.amplified, command.follow_up.as_ref(), close);
    let mut tx = app.store().begin().await?;
    if !tx
        .follow_up_cue(team.organization_id, team.id, id, what)
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let entry = Entry::allowed("cue.follow-up", "cue", Some(id.to_string()), "cue");
    commit(tx, actor, entry).await
}
