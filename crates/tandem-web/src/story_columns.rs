//! A campaign's answers as columns, kept in this server's memory between requests for its
//! pattern pages (see [`tandem_app::stories::columns`] for how they are read and extended). This
//! module holds the web side: the metrics of each read, and the reads ahead of the pages — on
//! start for the largest campaigns, and after a large import.

use std::sync::Arc;

use tandem_app::stories::columns::{self, ColumnRead as Read};
use tandem_app::stories::{CampaignAccess, CampaignRecord};
use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;

use crate::error::AppError;
use crate::metrics::ColumnRead;
use crate::state::AppState;

pub use tandem_app::stories::columns::{
    CampaignColumns, ColumnCache, READ_AHEAD_AFTER_IMPORT, TELLER,
};

/// Counts a read of columns that were not kept as they are.
pub(crate) fn record_read(state: &AppState, read: Option<Read>) {
    match read {
        Some(Read::Whole) => state.metrics().record_column_read(ColumnRead::Whole),
        Some(Read::NewStories) => state.metrics().record_column_read(ColumnRead::NewStories),
        None => {}
    }
}

/// The campaign's columns: kept ones if still current, extended with the stories saved since,
/// or read now.
///
/// # Errors
/// A database error.
pub async fn campaign_columns(
    state: &AppState,
    campaign: &CampaignRecord,
    framework: &Framework,
) -> Result<Arc<CampaignColumns>, AppError> {
    let (kept, read) =
        columns::campaign_columns(state.app(), state.columns(), campaign, framework).await?;
    record_read(state, read);
    Ok(kept)
}

/// Reads the columns of the largest recently used campaigns, so the first pattern page after a
/// start does not wait for 100,000 stories to be read. Run in the background when the server
/// starts; a failure is logged and changes nothing: the page then reads the columns itself.
pub async fn warm(state: AppState) {
    let campaigns = match columns::large_campaigns(state.app()).await {
        Ok(found) => found,
        Err(error) => {
            tracing::warn!(%error, "could not list campaigns to read ahead");
            return;
        }
    };
    for (org, id) in campaigns {
        read_ahead(&state, org, id).await;
    }
}

/// After an import of at least [`READ_AHEAD_AFTER_IMPORT`] stories, reads the campaign's
/// columns in the background: the pattern pages would otherwise read the whole campaign on
/// their next request.
pub(crate) fn after_import(state: &AppState, campaign: &CampaignAccess, imported: usize) {
    if imported >= READ_AHEAD_AFTER_IMPORT {
        let state = state.clone();
        let (org, id) = (campaign.organization_id, campaign.id);
        tokio::spawn(async move { read_ahead(&state, org, id).await });
    }
}

/// Reads (or extends) one campaign's columns now, so the next pattern page finds them kept:
/// on start, and after a large import. Logged; a failure changes nothing.
pub async fn read_ahead(state: &AppState, org: Id<Organization>, id: Id<Campaign>) {
    let started = std::time::Instant::now();
    match columns::read_ahead(state.app(), state.columns(), org, id).await {
        Ok((columns, read)) => {
            record_read(state, read);
            tracing::info!(
                campaign = %id,
                stories = columns.facts.len(),
                millis = started.elapsed().as_millis(),
                "read a campaign's answers ahead of its pattern pages"
            );
        }
        Err(error) => tracing::warn!(campaign = %id, ?error, "could not read ahead"),
    }
}
