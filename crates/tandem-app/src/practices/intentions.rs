//! The intended-logic questionnaire (hybrid profile item 10): the team's manager says how much
//! rules, efficiency and co-production should shape the team's work; the profile card shows the
//! gap to the mix the stories tell.

use super::{TeamRef, commit, staff_user, today};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::intentions::Intention;

/// The manager's current answers, if given (no personal data: no read is recorded).
///
/// # Errors
/// A database error.
pub async fn current(app: &App, team: TeamRef) -> Result<Option<Intention>, ActionError> {
    Ok(app.store().intention(team.organization_id, team.id).await?)
}

/// Saves the manager's answers (each 0–10, in the order of T1's corners), dated today.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn set(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    answers: [f64; 3],
) -> Result<(), ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let intention = Intention {
        answers,
        set_on: today(actor),
    };
    tx.set_intention(team.organization_id, team.id, intention, by)
        .await?;
    let object = Some(team.id.to_string());
    commit(
        tx,
        actor,
        Entry::allowed("intention.set", "team", object, "profile card"),
    )
    .await
}
