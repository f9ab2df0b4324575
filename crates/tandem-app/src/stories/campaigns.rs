//! Campaigns: the list, what a new one can be made of, a new campaign, a campaign's page and its
//! anonymous link (its hash stored, the link itself shown once; a new one replaces it).

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Course, Staff};
use tandem_domain::staff::StaffRole;
use tandem_domain::staff::Team;
use tandem_domain::story::campaign::{Audience, CampaignDetails};
use tandem_store::courses::WorkScope;
use tandem_store::stories::campaigns::NewCampaign;

use super::{CampaignAccess, CampaignRecord, FrameworkVersion, StoryError};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;
use crate::stories::outcomes::{self, OutcomeRecord};

pub use tandem_store::stories::frameworks::FrameworkRecord;
pub use tandem_store::teams::TeamRecord;

/// The organization's campaigns, each with what the policy needs to decide who may tell in,
/// browse or run it.
///
/// # Errors
/// A database error.
pub async fn list(
    app: &App,
    organization_id: Id<Organization>,
) -> Result<Vec<(CampaignRecord, CampaignAccess)>, ActionError> {
    let store = app.store();
    let mut listed = Vec::new();
    for campaign in store.campaigns(organization_id).await? {
        let access = store.access_of(&campaign).await?;
        listed.push((campaign, access));
    }
    Ok(listed)
}

/// A course a team manager can ask in a courses campaign.
#[derive(Debug, Clone)]
pub struct CourseChoice {
    /// The course.
    pub id: Id<Course>,
    /// Its young person's name.
    pub young_person: String,
}

/// What a new campaign can be made of, for the member of staff making it.
#[derive(Debug, Clone)]
pub struct CampaignChoices {
    /// The organization's framework versions (the default one made if there was none),
    /// archived ones included (the page lists the others and takes its prompts from the first).
    pub frameworks: Vec<FrameworkRecord>,
    /// The active teams the campaign can belong to (a team manager's own only).
    pub teams: Vec<TeamRecord>,
    /// The open courses of a team manager's team (nobody else makes courses campaigns).
    pub courses: Vec<CourseChoice>,
}

/// What the new-campaign form offers `staff`; the organization's default framework is made
/// first when it has none.
///
/// # Errors
/// A database error.
pub async fn choices(
    app: &App,
    actor: &Actor,
    staff: &Staff,
) -> Result<CampaignChoices, ActionError> {
    let org = staff.organization_id;
    let store = app.store();
    store.ensure_default_framework(org, actor.at()).await?;
    let frameworks = store.frameworks(org).await?;
    let teams = store
        .teams_of(org)
        .await?
        .into_iter()
        .filter(|t| {
            t.deactivated_at.is_none()
                && (staff.role != StaffRole::TeamManager || staff.team_id == Some(t.id))
        })
        .collect();
    let courses = match staff.team_id {
        Some(team) if staff.role == StaffRole::TeamManager => store
            .worklist(org, WorkScope::Team(team))
            .await?
            .into_iter()
            .map(|e| CourseChoice {
                id: e.course.id,
                young_person: e.course.details.young_person_name.as_str().to_owned(),
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(CampaignChoices {
        frameworks,
        teams,
        courses,
    })
}

/// What a campaign form's choices are checked against: the chosen framework version if it
/// exists and is not archived, and the courses of the maker's team.
#[derive(Debug, Clone, Default)]
pub struct Eligible {
    /// The chosen framework version, when it may be asked.
    pub framework: Option<Id<FrameworkVersion>>,
    /// The open courses of the maker's team (read only when the form asks courses).
    pub team_courses: Vec<Id<Course>>,
}

/// Checks the framework `framework` and, when `courses` is asked for, reads the courses of
/// `staff`'s team.
///
/// # Errors
/// A database error.
pub async fn eligible(
    app: &App,
    staff: &Staff,
    framework: Option<Id<FrameworkVersion>>,
    courses: bool,
) -> Result<Eligible, ActionError> {
    let org = staff.organization_id;
    let framework = match framework {
        Some(id) => app
            .store()
            .framework(org, id)
            .await?
            .filter(|f| !f.archived)
            .map(|f| f.id),
        None => None,
    };
    let team_courses = match staff.team_id {
        Some(team) if courses => app
            .store()
            .worklist(org, WorkScope::Team(team))
            .await?
            .into_iter()
            .map(|e| e.course.id)
            .collect(),
        _ => Vec::new(),
    };
    Ok(Eligible {
        framework,
        team_courses,
    })
}

/// A new campaign, checked.
#[derive(Debug, Clone)]
pub struct NewCampaignCommand {
    /// What the organizer set.
    pub details: CampaignDetails,
    /// The framework version asked (checked by [`eligible`]).
    pub framework: Id<FrameworkVersion>,
    /// The team it belongs to.
    pub team_id: Option<Id<Team>>,
    /// The courses asked (courses campaigns only; checked by [`eligible`]).
    pub courses: Vec<Id<Course>>,
}

/// A campaign just made or whose link was just replaced: the link is shown this once.
#[derive(Debug, Clone)]
pub struct WithLink {
    /// The campaign.
    pub campaign: CampaignRecord,
    /// The anonymous link's token (link campaigns only).
    pub token: Option<String>,
}

/// Creates a campaign with its audit event in one transaction; a link campaign gets its link.
///
/// # Errors
/// [`StoryError::Randomness`] when no link could be made; a database error. Nothing is kept.
pub async fn create(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    command: &NewCampaignCommand,
) -> Result<WithLink, StoryError> {
    let created_by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let link = if command.details.audience == Audience::Link {
        Some(tandem_store::tokens::new_token().map_err(|_| StoryError::Randomness)?)
    } else {
        None
    };
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_campaign(
            organization_id,
            &NewCampaign {
                details: &command.details,
                framework_id: command.framework,
                team_id: command.team_id,
                link: link.clone(),
                course_ids: &command.courses,
                created_by,
            },
            actor.at(),
        )
        .await?;
    let entry = Entry::allowed(
        "campaign.create",
        "campaign",
        Some(id.to_string()),
        "new campaign",
    );
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    let campaign = app
        .store()
        .campaign(organization_id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    Ok(WithLink {
        campaign,
        token: link.map(|(token, _)| token),
    })
}

/// Replaces a link campaign's link (the old one stops working), with its audit event. `None`
/// for a campaign without a link: there is nothing to replace, and nothing changes.
///
/// # Errors
/// [`StoryError::Randomness`] when no link could be made; a database error. Nothing is kept.
pub async fn renew_link(
    app: &App,
    actor: &Actor,
    access: &CampaignAccess,
) -> Result<Option<WithLink>, StoryError> {
    let (token, hash) = tandem_store::tokens::new_token().map_err(|_| StoryError::Randomness)?;
    let mut tx = app.store().begin().await?;
    if !tx
        .replace_campaign_link(access.organization_id, access.id, (&token, &hash))
        .await?
    {
        return Ok(None);
    }
    let entry = Entry::allowed(
        "campaign.link",
        "campaign",
        Some(access.id.to_string()),
        "campaign",
    );
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    let campaign = super::campaign(app, access).await?;
    Ok(Some(WithLink {
        campaign,
        token: Some(token),
    }))
}

/// What a campaign's page shows besides the campaign.
#[derive(Debug, Clone)]
pub struct CampaignOverview {
    /// For the policy: may the reader browse its stories.
    pub access: CampaignAccess,
    /// How many stories were told (the page hides small numbers).
    pub told: i64,
    /// "You said, we did", newest first.
    pub outcomes: Vec<OutcomeRecord>,
}

/// A campaign's page for those who run it (counts only: nothing about a person is read).
///
/// # Errors
/// A database error.
pub async fn overview(
    app: &App,
    campaign: &CampaignRecord,
) -> Result<CampaignOverview, ActionError> {
    let store = app.store();
    let access = store.access_of(campaign).await?;
    let told = store
        .campaign_revision(campaign.organization_id, campaign.id)
        .await?
        .stories;
    let outcomes = outcomes::published(app, campaign.organization_id, campaign.id).await?;
    Ok(CampaignOverview {
        access,
        told,
        outcomes,
    })
}
