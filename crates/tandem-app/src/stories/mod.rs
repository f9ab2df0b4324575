//! Stories: campaigns that ask for them, telling one (staff, citizens, anonymous link), the
//! catalog with its codes and tags, the pattern pages' columns and statistics, "you said, we
//! did", and story files in and out.
//!
//! Authorization stays in front: the web layer's guard (or the policy asked with the
//! [`CampaignAccess`] these functions return) decides whether the actor may touch a campaign;
//! the functions here trust the campaign they are given.
//!
//! # Layout
//! - this file: a campaign with the framework version it asks.
//! - [`campaigns`]: the list, a new campaign, a campaign's page and its anonymous link.
//! - [`telling`]: a story told by staff, by a young person or network member, or by link.
//! - [`catalog`]: the catalog's page of stories, a story, codes and tags.
//! - [`columns`]: a campaign's answers as columns, kept between requests.
//! - [`patterns`]: the filter's selection of those columns, and the statistics on it (off the
//!   async executor).
//! - [`marks`]: a marked region of a landscape, "more like these, fewer like those", and its
//!   share of stories month by month.
//! - [`outcomes`]: "you said, we did" published back to a campaign's audience.
//! - [`transfer`]: a campaign exported as Tandem CSV; a story file read before its import.
//! - `import`: a story file imported into a campaign, from the browser or the command line.

pub mod campaigns;
pub mod catalog;
pub mod columns;
mod import;
pub mod marks;
pub mod outcomes;
pub mod patterns;
pub mod ranges;
pub mod telling;
pub mod transfer;

use tandem_domain::framework::Framework;

use crate::app::App;
use crate::error::ActionError;

pub use import::{IMPORT_STEP, ImportCampaign, ImportTarget, import, import_campaign};
pub use tandem_domain::policy::CampaignAccess;
pub use tandem_store::stories::campaigns::CampaignRecord;
pub use tandem_store::stories::{FrameworkVersion, Story};

/// Why a story action that needs fresh random bytes (a campaign's link, an export's keys) or
/// writes a file did not happen; nothing of it was stored.
#[derive(Debug, thiserror::Error)]
pub enum StoryError {
    /// As any action.
    #[error(transparent)]
    Action(#[from] ActionError),
    /// The operating system's random source failed.
    #[error("no randomness available")]
    Randomness,
    /// The file could not be written.
    #[error("the file could not be written")]
    Write,
}

impl From<tandem_store::StoreError> for StoryError {
    fn from(error: tandem_store::StoreError) -> Self {
        Self::Action(error.into())
    }
}

/// A loaded campaign with the framework version it asks.
///
/// # Errors
/// [`ActionError::NotFound`] when the version is missing; a database error.
pub async fn with_framework(
    app: &App,
    campaign: CampaignRecord,
) -> Result<(CampaignRecord, Framework), ActionError> {
    let framework = app
        .store()
        .framework(campaign.organization_id, campaign.framework_id)
        .await?
        .ok_or(ActionError::NotFound)?
        .framework;
    Ok((campaign, framework))
}

/// The campaign the guard allowed (`access`).
///
/// # Errors
/// [`ActionError::NotFound`] when it is gone; a database error.
pub async fn campaign(app: &App, access: &CampaignAccess) -> Result<CampaignRecord, ActionError> {
    app.store()
        .campaign(access.organization_id, access.id)
        .await?
        .ok_or(ActionError::NotFound)
}

/// The campaign the guard allowed with the framework version it asks.
///
/// # Errors
/// As [`campaign`] and [`with_framework`].
pub async fn campaign_with_framework(
    app: &App,
    access: &CampaignAccess,
) -> Result<(CampaignRecord, Framework), ActionError> {
    with_framework(app, campaign(app, access).await?).await
}
