//! The manager's decision journal (issue 22): decisions with the logics weighed, recorded by the
//! team's manager and read by the team, each read in the audit trail.

use tandem_domain::Id;
use tandem_domain::course::Problem;
use tandem_domain::practice::journal::{Decision, DecisionEntry};
use time::Date;

use super::{TeamRef, commit, read, staff_user};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::journal::DecisionRecord;

/// What came of recording a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordOutcome {
    /// The decision is in the journal.
    Recorded(Id<Decision>),
    /// It breaks a rule (no logic weighed): nothing kept.
    Invalid(Vec<Problem>),
}

/// Records a decision with its audit event, in one transaction.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error (nothing kept).
pub async fn record(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    entry: &DecisionEntry,
) -> Result<RecordOutcome, ActionError> {
    let problems = entry.problems();
    if !problems.is_empty() {
        return Ok(RecordOutcome::Invalid(problems));
    }
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_decision(team.organization_id, team.id, entry, by, actor.at())
        .await?;
    let entry = Entry::allowed(
        "decision.create",
        "decision",
        Some(id.to_string()),
        "decision journal",
    );
    commit(tx, actor, entry).await?;
    Ok(RecordOutcome::Recorded(id))
}

/// The team's journal from `from` on (all of it without), newest first, read for `purpose`
/// (audited before it is returned).
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn entries(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    from: Option<Date>,
    purpose: &str,
) -> Result<Vec<DecisionRecord>, ActionError> {
    let found = app
        .store()
        .decisions(team.organization_id, team.id, from)
        .await?;
    read(app, actor, "decision_journal", team.id.to_string(), purpose).await?;
    Ok(found)
}
