//! A campaign's answers as columns, kept in memory between requests for its pattern pages.
//!
//! Reading 100,000 stories' answers (about 1.2 million parts) takes a few hundred milliseconds;
//! computing every test on columns already in memory takes tens of milliseconds. So the columns
//! are read once per campaign and reused while the campaign's revision (story count and newest
//! save) is unchanged; when stories arrive, the next page reads only those and adds them to the
//! kept columns. Nothing here holds story text or authors: only answers, dates and teller
//! kinds, as the pattern pages need.
//!
//! # Layout
//! - this file: the columns of one campaign, read, extended or taken from the cache.
//! - [`cache`]: the few campaigns kept, least recently used dropped first.
//! - `build`: columns built from stored stories, a share per core.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tandem_analytics::stories::Stories;
use tandem_analytics::stories::hybrid::HybridProfile;
use tandem_analytics::stories::report::{Test, tests};
use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_store::stories::analysis::{CampaignRevision, StoryFacts};

use super::CampaignRecord;
use crate::app::App;
use crate::error::ActionError;
use build::{Builder, in_date_order};

mod build;
pub mod cache;

pub use cache::{ColumnCache, KEPT};

/// The metadata column holding each story's teller kind.
pub const TELLER: &str = "teller";

/// Campaigns of at least this many stories are read into columns when the server starts (a
/// smaller one reads in well under the pages' budget on its first request).
pub const WARM_FROM_STORIES: i64 = 10_000;

/// Imports of at least this many stories have the campaign's columns read right after, in the
/// background.
pub const READ_AHEAD_AFTER_IMPORT: usize = 1_000;

/// The most filters whose tests are kept per campaign.
const KEPT_REPORTS: usize = 32;

/// How a campaign's columns were come by when they were not kept as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRead {
    /// Every story was read.
    Whole,
    /// Only the stories saved since the kept columns were read.
    NewStories,
}

/// One campaign's stories as columns.
#[derive(Debug)]
pub struct CampaignColumns {
    /// What the columns were read at.
    pub revision: CampaignRevision,
    /// Each row's story (id, date, teller), in row order (oldest first).
    pub facts: Vec<StoryFacts>,
    /// The answers: one field per question of the framework except free text (labels are
    /// option ids), then [`TELLER`].
    pub stories: Stories,
    /// Every test of the report per filter already asked for, so a finding's page does not
    /// recompute the whole report its q-value depends on. Dropped with the columns.
    tests: Mutex<HashMap<String, Arc<Vec<Test>>>>,
    /// The hybrid management profile per filter already asked for (at 100,000 stories it took
    /// as long as the rest of the findings page).
    profiles: Mutex<HashMap<String, Arc<HybridProfile>>>,
}

impl CampaignColumns {
    fn new(revision: CampaignRevision, facts: Vec<StoryFacts>, stories: Stories) -> Self {
        Self {
            revision,
            facts,
            stories,
            tests: Mutex::new(HashMap::new()),
            profiles: Mutex::new(HashMap::new()),
        }
    }

    /// The tests for the filter `key` selecting `stories`, computed once per filter.
    pub fn tests(&self, key: &str, stories: &Stories, min_group: usize) -> Arc<Vec<Test>> {
        kept_or(&self.tests, key, || tests(stories, min_group))
    }

    /// The hybrid management profile for the filter `key`, computed by `compute` once per
    /// filter.
    pub fn profile(
        &self,
        key: &str,
        compute: impl FnOnce() -> HybridProfile,
    ) -> Arc<HybridProfile> {
        kept_or(&self.profiles, key, compute)
    }
}

/// The value kept under `key`, or `compute`d and kept (the map emptied when it holds
/// [`KEPT_REPORTS`]).
fn kept_or<T>(
    kept: &Mutex<HashMap<String, Arc<T>>>,
    key: &str,
    compute: impl FnOnce() -> T,
) -> Arc<T> {
    if let Some(found) = kept.lock().ok().and_then(|k| k.get(key).cloned()) {
        return found;
    }
    let computed = Arc::new(compute());
    if let Ok(mut kept) = kept.lock() {
        if kept.len() >= KEPT_REPORTS {
            kept.clear();
        }
        kept.insert(key.to_owned(), Arc::clone(&computed));
    }
    computed
}

/// The campaign's columns: kept ones if still current; kept ones with the stories saved since
/// added when stories arrived (stories are never changed or removed once saved, so the kept rows
/// stay right); else read now. Also says how they were read when they were not kept as they are
/// (for the front end's metrics).
///
/// # Errors
/// A database error.
pub async fn campaign_columns(
    app: &App,
    cache: &ColumnCache,
    campaign: &CampaignRecord,
    framework: &Framework,
) -> Result<(Arc<CampaignColumns>, Option<ColumnRead>), ActionError> {
    let (org, id) = (campaign.organization_id, campaign.id);
    let store = app.store();
    let revision = store.campaign_revision(org, id).await?;
    let kept = cache.get(&id.to_string());
    if let Some(kept) = kept.as_ref().filter(|k| k.revision == revision) {
        return Ok((Arc::clone(kept), None));
    }
    let lock = cache.reading(&id.to_string());
    let (_reading, revision, kept) = match lock.try_lock() {
        Ok(reading) => (reading, revision, kept),
        Err(_) => {
            let reading = lock.lock().await;
            // Another request was reading them while this one waited.
            let revision = store.campaign_revision(org, id).await?;
            let kept = cache.get(&id.to_string());
            if let Some(kept) = kept.as_ref().filter(|k| k.revision == revision) {
                return Ok((Arc::clone(kept), None));
            }
            (reading, revision, kept)
        }
    };
    let extended = match kept {
        Some(kept) => extend(app, campaign, framework, &kept, revision).await?,
        None => None,
    };
    let ((facts, stories), read) = match extended {
        Some(columns) => (columns, ColumnRead::NewStories),
        None => {
            let blocks = store.campaign_story_blocks(org, id, None).await?;
            // Parsing 100,000 stories is CPU work: off the async executor, on every core.
            let framework = framework.clone();
            let built =
                tokio::task::spawn_blocking(move || build::in_parallel(&framework, &blocks))
                    .await
                    .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
            (built, ColumnRead::Whole)
        }
    };
    let columns = Arc::new(CampaignColumns::new(revision, facts, stories));
    cache.put(id.to_string(), Arc::clone(&columns));
    Ok((columns, Some(read)))
}

/// The largest recently used campaigns (at most as many as are kept), to read ahead when the
/// server starts so the first pattern page after a start does not wait for 100,000 stories.
///
/// # Errors
/// A database error.
pub async fn large_campaigns(
    app: &App,
) -> Result<Vec<(Id<Organization>, Id<Campaign>)>, ActionError> {
    Ok(app
        .store()
        .large_campaigns(WARM_FROM_STORIES, KEPT as i64)
        .await?)
}

/// Reads (or extends) one campaign's columns now, so the next pattern page finds them kept: on
/// start, and after a large import. Nothing is audited here: no one reads anything, and the
/// columns hold no text and no authors.
///
/// # Errors
/// [`ActionError::NotFound`] for a campaign or framework that is gone; a database error.
pub async fn read_ahead(
    app: &App,
    cache: &ColumnCache,
    org: Id<Organization>,
    id: Id<Campaign>,
) -> Result<(Arc<CampaignColumns>, Option<ColumnRead>), ActionError> {
    let campaign = app
        .store()
        .campaign(org, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let (campaign, framework) = super::with_framework(app, campaign).await?;
    campaign_columns(app, cache, &campaign, &framework).await
}

/// Kept columns with the stories saved since they were read, in row order (oldest first, as a
/// fresh read gives them). `None` when that cannot be trusted to equal a fresh read: the kept
/// columns have no save time, or the kept and new stories do not add up to the count now (a
/// story saved in the second of the newest kept one, or committed late) — the caller then
/// reads afresh.
async fn extend(
    app: &App,
    campaign: &CampaignRecord,
    framework: &Framework,
    kept: &CampaignColumns,
    revision: CampaignRevision,
) -> Result<Option<(Vec<StoryFacts>, Stories)>, ActionError> {
    let Some(latest) = kept.revision.latest else {
        return Ok(None);
    };
    if revision.stories <= kept.revision.stories {
        return Ok(None);
    }
    let mut arrived = Builder::new(framework);
    app.store()
        .for_each_campaign_story(
            campaign.organization_id,
            campaign.id,
            Some(latest),
            |facts, told_by, parts| arrived.add(facts, told_by, parts),
        )
        .await?;
    let (facts, added) = arrived.finish();
    // Saves are kept to whole seconds: a story saved in the second of the newest kept one but
    // after the columns were read is not among those just read, and the count tells.
    if i64::try_from(kept.facts.len() + facts.len()).ok() != Some(revision.stories) {
        return Ok(None);
    }
    let Some(all) = kept.stories.append(&added) else {
        return Ok(None);
    };
    let mut all_facts: Vec<StoryFacts> = kept.facts.clone();
    all_facts.extend(facts);
    // A story told earlier than the newest kept one (a paper story typed in late) belongs
    // further up.
    let (all_facts, all) = in_date_order(all_facts, all);
    Ok(Some((all_facts, all)))
}
