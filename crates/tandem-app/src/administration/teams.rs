//! Teams: listed, created, deactivated by administrators.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::{Team, TeamName};
use tandem_store::StoreError;
use tandem_store::staff::TeamRecord;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// What creating a team came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamCreation {
    /// The team exists now.
    Created(Id<Team>),
    /// The organization has a team with that name (nothing changed).
    NameTaken,
}

/// The organization's teams, active and deactivated.
///
/// # Errors
/// A database error.
pub async fn teams(
    app: &App,
    organization_id: Id<Organization>,
) -> Result<Vec<TeamRecord>, ActionError> {
    Ok(app.store().teams_of(organization_id).await?)
}

/// Creates a team named `name`.
///
/// # Errors
/// A database error; nothing is then created.
pub async fn create_team(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    name: &TeamName,
) -> Result<TeamCreation, ActionError> {
    let mut tx = app.store().begin().await?;
    let team = match tx.insert_team(organization_id, name, actor.at()).await {
        Ok(team) => team,
        Err(StoreError::Conflict) => return Ok(TeamCreation::NameTaken),
        Err(other) => return Err(other.into()),
    };
    let id = Some(team.id.to_string());
    let entry = Entry::allowed("team.create", "team", id, "users and teams");
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(TeamCreation::Created(team.id))
}

/// Deactivates a team (recorded only when it was active).
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such team; a database error.
pub async fn deactivate_team(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    id: Id<Team>,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    tx.team_by_id(organization_id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    if tx.deactivate_team(organization_id, id, actor.at()).await? {
        let mut entry = Entry::allowed(
            "team.deactivate",
            "team",
            Some(id.to_string()),
            "users and teams",
        );
        entry.subject_id = None;
        tx.append_audit(actor.event(entry)).await?;
    }
    tx.commit().await?;
    Ok(())
}
