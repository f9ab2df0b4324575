//! The practice board of a team: its huddles, the probe register, the open next steps and the
//! "you said, we did" log, read together for the board page.

use super::{TeamRef, read};
use crate::actor::Actor;
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::huddles::{HuddleSummary, NextStepRecord};
pub use tandem_store::practices::outcomes::OutcomeRecord;
pub use tandem_store::practices::probes::ProbeRecord;

/// What the board shows of the team's practices.
#[derive(Debug, Clone)]
pub struct Board {
    /// Its huddles, newest first.
    pub huddles: Vec<HuddleSummary>,
    /// Its probes.
    pub probes: Vec<ProbeRecord>,
    /// Its open next steps, soonest due first.
    pub open_steps: Vec<NextStepRecord>,
    /// What it published back to campaigns' audiences.
    pub outcomes: Vec<OutcomeRecord>,
}

/// The team's board, its read recorded first (`practice board`).
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn show(app: &App, actor: &Actor, team: TeamRef) -> Result<Board, ActionError> {
    read(app, actor, "team", team.id.to_string(), "practice board").await?;
    let (org, id) = (team.organization_id, team.id);
    let store = app.store();
    Ok(Board {
        huddles: store.huddles(org, id).await?,
        probes: store.probes(org, id).await?,
        open_steps: store.open_steps(org, id).await?,
        outcomes: store.team_outcomes(org, id).await?,
    })
}

/// The team's open next steps (a processor's own are among them).
///
/// # Errors
/// A database error.
pub async fn open_steps(app: &App, team: TeamRef) -> Result<Vec<NextStepRecord>, ActionError> {
    Ok(app
        .store()
        .open_steps(team.organization_id, team.id)
        .await?)
}
