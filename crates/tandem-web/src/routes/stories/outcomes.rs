//! "You said, we did" on a campaign's collection pages: what the team did about what was told,
//! published back to everyone the campaign asks (the staff form, the citizens' form and the
//! anonymous link's form) and to those who run it.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;

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

/// What has been published back to the campaign's audience, newest first.
pub(crate) async fn published(
    state: &AppState,
    tr: &Translator,
    organization_id: Id<Organization>,
    campaign_id: Id<Campaign>,
) -> Result<Vec<PublishedOutcome>, AppError> {
    Ok(state
        .store()
        .campaign_outcomes(organization_id, campaign_id)
        .await?
        .into_iter()
        .map(|o| PublishedOutcome {
            date: show_date(tr, o.published_on),
            said: o.said.into_string(),
            did: o.did.into_string(),
        })
        .collect())
}
