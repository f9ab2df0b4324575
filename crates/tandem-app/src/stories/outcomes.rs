//! "You said, we did": what a team did about what was told, published back to everyone a
//! campaign asks and to those who run it. (Publishing one is a practice, see
//! [`crate::practices`]; this is the reading side the collection pages show.)

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;

use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::outcomes::OutcomeRecord;

/// What has been published back to the campaign's audience, newest first. Not audited: the
/// outcomes are written for the audience and hold nothing about a person.
///
/// # Errors
/// A database error.
pub async fn published(
    app: &App,
    organization_id: Id<Organization>,
    campaign: Id<Campaign>,
) -> Result<Vec<OutcomeRecord>, ActionError> {
    Ok(app
        .store()
        .campaign_outcomes(organization_id, campaign)
        .await?)
}
