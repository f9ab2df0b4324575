//! What the web layer's route guard reads before it decides: the course, campaign or team a
//! request names, scoped to the actor's organization. A thing of another organization is read
//! exactly like one that does not exist (R2).
//!
//! The decision itself is `tandem_domain::policy::authorize`; these reads only give it facts.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Campaign, CampaignAccess, Course};
use tandem_domain::staff::Team;

use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::courses::GuardedCourse;
pub use tandem_store::teams::TeamRecord;

/// The course with the facts the policy decides on, read in one statement (the request's
/// handler reuses the record: a course page reads its course once).
///
/// # Errors
/// A database error.
pub async fn course(
    app: &App,
    organization_id: Id<Organization>,
    id: Id<Course>,
) -> Result<Option<GuardedCourse>, ActionError> {
    Ok(app.store().guarded_course(organization_id, id).await?)
}

/// The campaign's access facts (its teams, who created it).
///
/// # Errors
/// A database error.
pub async fn campaign(
    app: &App,
    organization_id: Id<Organization>,
    id: Id<Campaign>,
) -> Result<Option<CampaignAccess>, ActionError> {
    Ok(app.store().campaign_access(organization_id, id).await?)
}

/// The team, when it exists and is active.
///
/// # Errors
/// A database error.
pub async fn team(
    app: &App,
    organization_id: Id<Organization>,
    id: Id<Team>,
) -> Result<Option<TeamRecord>, ActionError> {
    Ok(app.store().active_team(organization_id, id).await?)
}
