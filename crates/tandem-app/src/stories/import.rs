//! Stories in bulk: importing a story file into a campaign, from the browser or the command line.
//! The whole file is one transaction with its audit event: all of it is stored, or none.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::story::interchange::ImportedStory;
use tandem_store::stories::FrameworkVersion;
use time::Date;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// Stories written per step (the command line's progress bar moves once per step).
pub const IMPORT_STEP: usize = 1000;

/// The campaign a file goes into, with the framework its stories answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportTarget {
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// The campaign.
    pub campaign: Id<Campaign>,
    /// The campaign's framework version.
    pub framework: Id<FrameworkVersion>,
}

/// Saves the stories read from a file (already checked row by row) into the campaign; a story
/// without a date gets `default_date`. `progress` is told how many stories each step wrote.
/// Returns how many were imported.
///
/// # Errors
/// A database error; nothing of the file is then stored.
pub async fn import(
    app: &App,
    actor: &Actor,
    target: ImportTarget,
    stories: &[ImportedStory],
    default_date: Date,
    mut progress: impl FnMut(usize),
) -> Result<usize, ActionError> {
    let ImportTarget {
        organization_id: org,
        campaign,
        framework,
    } = target;
    let mut tx = app.store().begin().await?;
    let mut imported = 0;
    for chunk in stories.chunks(IMPORT_STEP) {
        imported += tx
            .insert_imported(org, campaign, framework, chunk, default_date, actor.at())
            .await?;
        progress(chunk.len());
    }
    let entry = Entry::allowed(
        "campaign.import",
        "campaign",
        Some(campaign.to_string()),
        "import",
    );
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(imported)
}

/// A campaign a file can go into: its title (for the report) and the framework its stories
/// must answer.
#[derive(Debug, Clone)]
pub struct ImportCampaign {
    /// Where the stories go.
    pub target: ImportTarget,
    /// The campaign's title.
    pub title: String,
    /// The framework the file is read against.
    pub framework: tandem_domain::framework::Framework,
}

/// The campaign `campaign` of the organization with the framework its stories answer; `None`
/// when the organization has no such campaign.
///
/// # Errors
/// A database error, or a campaign whose framework is missing.
pub async fn import_campaign(
    app: &App,
    organization_id: Id<Organization>,
    campaign: Id<Campaign>,
) -> Result<Option<ImportCampaign>, ActionError> {
    let store = app.store();
    let Some(campaign) = store.campaign(organization_id, campaign).await? else {
        return Ok(None);
    };
    let framework = store
        .framework(organization_id, campaign.framework_id)
        .await?
        .ok_or(ActionError::NotFound)?
        .framework;
    Ok(Some(ImportCampaign {
        target: ImportTarget {
            organization_id,
            campaign: campaign.id,
            framework: campaign.framework_id,
        },
        title: campaign.details.title.as_str().to_owned(),
        framework,
    }))
}
