//! "You said, we did" on a campaign's collection pages: what the team did about what was told,
//! published back to everyone the campaign asks (the staff form, the citizens' form and the
//! anonymous link's form) and to those who run it.

use tandem_app::stories::CampaignRecord;
use tandem_app::stories::outcomes::{self, OutcomeRecord};

use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::state::AppState;

/// A published outcome as a collection page shows it.
pub(crate) struct PublishedOutcome {
    pub(crate) date: String,
    pub(crate) said: String,
    pub(crate) did: String,
}

impl PublishedOutcome {
    /// The outcomes as shown, in the order given (newest first).
    pub(crate) fn list(tr: &Translator, outcomes: Vec<OutcomeRecord>) -> Vec<Self> {
        outcomes
            .into_iter()
            .map(|o| Self {
                date: show_date(tr, o.published_on),
                said: o.said.into_string(),
                did: o.did.into_string(),
            })
            .collect()
    }
}

/// What has been published back to the campaign's audience, newest first.
pub(crate) async fn published(
    state: &AppState,
    tr: &Translator,
    campaign: &CampaignRecord,
) -> Result<Vec<PublishedOutcome>, AppError> {
    let found = outcomes::published(state.app(), campaign.organization_id, campaign.id).await?;
    Ok(PublishedOutcome::list(tr, found))
}
