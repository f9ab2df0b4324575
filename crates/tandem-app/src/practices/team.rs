//! The team behind a practice page: the team itself, its members (owners of steps and probes),
//! its stories as the forms pick them, and its campaigns.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Campaign, CampaignAccess};

use super::TeamRef;
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::{LinkedStory, Member};
pub use tandem_store::stories::Story;
pub use tandem_store::stories::campaigns::CampaignRecord;
pub use tandem_store::teams::TeamRecord;

/// The team, while it is active.
///
/// # Errors
/// [`ActionError::NotFound`] when it is not (deactivated, or not of the organization).
pub async fn active(app: &App, team: TeamRef) -> Result<TeamRecord, ActionError> {
    app.store()
        .active_team(team.organization_id, team.id)
        .await?
        .ok_or(ActionError::NotFound)
}

/// The organization's active teams (a head of department's overview).
///
/// # Errors
/// A database error.
pub async fn active_teams(
    app: &App,
    organization_id: Id<Organization>,
) -> Result<Vec<TeamRecord>, ActionError> {
    Ok(app
        .store()
        .teams_of(organization_id)
        .await?
        .into_iter()
        .filter(|t| t.deactivated_at.is_none())
        .collect())
}

/// The team's active members, by name.
///
/// # Errors
/// A database error.
pub async fn members(app: &App, team: TeamRef) -> Result<Vec<Member>, ActionError> {
    Ok(app
        .store()
        .team_members(team.organization_id, team.id)
        .await?)
}

/// Those of `ids` that are the team's stories (others are left out).
///
/// # Errors
/// A database error.
pub async fn stories(
    app: &App,
    team: TeamRef,
    ids: &[Id<Story>],
) -> Result<Vec<LinkedStory>, ActionError> {
    Ok(app
        .store()
        .team_stories(team.organization_id, team.id, ids)
        .await?)
}

/// The one story `id` if it is the team's.
///
/// # Errors
/// A database error.
pub async fn story(
    app: &App,
    team: TeamRef,
    id: Id<Story>,
) -> Result<Option<LinkedStory>, ActionError> {
    Ok(stories(app, team, &[id]).await?.pop())
}

/// The team's newest `limit` stories (the lists a form picks one from).
///
/// # Errors
/// A database error.
pub async fn recent_stories(
    app: &App,
    team: TeamRef,
    limit: i64,
) -> Result<Vec<LinkedStory>, ActionError> {
    Ok(app
        .store()
        .recent_team_stories(team.organization_id, team.id, limit)
        .await?)
}

/// The team's campaigns.
///
/// # Errors
/// A database error.
pub async fn campaigns(app: &App, team: TeamRef) -> Result<Vec<CampaignRecord>, ActionError> {
    Ok(app
        .store()
        .campaigns(team.organization_id)
        .await?
        .into_iter()
        .filter(|c| c.team_id == Some(team.id))
        .collect())
}

/// Who a campaign belongs to, for the web layer to decide whether the caller may open its
/// stories (a linked story is a link only then).
///
/// # Errors
/// A database error.
pub async fn campaign_access(
    app: &App,
    organization_id: Id<Organization>,
    campaign: Id<Campaign>,
) -> Result<Option<CampaignAccess>, ActionError> {
    Ok(app
        .store()
        .campaign_access(organization_id, campaign)
        .await?)
}

/// The team's open courses a probe may be scoped to, by the young person's name, read for the
/// new-probe form (the read of names is in the audit trail). `None` when the organization's
/// managers do not read courses: a probe then follows every course of the team.
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn courses_to_choose(
    app: &App,
    actor: &crate::actor::Actor,
    team: TeamRef,
) -> Result<Option<Vec<(Id<tandem_domain::policy::Course>, String)>>, ActionError> {
    let store = app.store();
    if !store
        .course_settings(team.organization_id)
        .await?
        .managers_read_courses
    {
        return Ok(None);
    }
    let courses = store
        .worklist(
            team.organization_id,
            tandem_store::courses::WorkScope::Team(team.id),
        )
        .await?;
    super::read(
        app,
        actor,
        "team_courses",
        team.id.to_string(),
        "probe scope",
    )
    .await?;
    Ok(Some(
        courses
            .into_iter()
            .map(|e| {
                (
                    e.course.id,
                    e.course.details.young_person_name.as_str().to_owned(),
                )
            })
            .collect(),
    ))
}
