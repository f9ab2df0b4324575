//! What the team's hybrid profile card reads besides the pattern scope (which the stories'
//! pages share): the campaign it is drawn from, and the example stories beside each index.

use tandem_domain::Id;
use tandem_domain::policy::CampaignAccess;

use super::TeamRef;
use super::team::{CampaignRecord, Story};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::stories::catalog::StorySummary;

/// The team's campaign the card is drawn from — its first with stories — with who it belongs
/// to (the web layer decides whether the caller may open its stories). `None`: no campaign of
/// the team has stories yet.
///
/// # Errors
/// A database error.
pub async fn campaign(
    app: &App,
    team: TeamRef,
) -> Result<Option<(CampaignRecord, CampaignAccess)>, ActionError> {
    let Some(campaign) = super::team::campaigns(app, team)
        .await?
        .into_iter()
        .find(|c| c.stories.unwrap_or_default() > 0)
    else {
        return Ok(None);
    };
    let access = app.store().access_of(&campaign).await?;
    Ok(Some((campaign, access)))
}

/// The example stories `ids` of `campaign` (the card's scope has recorded the read).
///
/// # Errors
/// A database error.
pub async fn examples(
    app: &App,
    campaign: &CampaignRecord,
    ids: &[Id<Story>],
) -> Result<Vec<StorySummary>, ActionError> {
    Ok(app
        .store()
        .story_summaries(campaign.organization_id, campaign.id, ids)
        .await?)
}
