//! A campaign's answers as columns, kept in memory between requests for its pattern pages.
//!
//! Reading 100,000 stories' answers (about 1.2 million parts) takes a few hundred milliseconds;
//! computing every test on columns already in memory takes tens of milliseconds. So the columns
//! are read once per campaign and reused while the campaign's revision (story count and newest
//! save) is unchanged; when stories arrive, the next page reads only those and adds them to the
//! kept columns. A few campaigns are kept, the least recently
//! used dropped first. Nothing here holds story text or authors: only answers, dates and teller
//! kinds, as the pattern pages need.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tandem_analytics::stories::hybrid::HybridProfile;

use tandem_analytics::stories::Stories;
use tandem_analytics::stories::report::{Test, tests};
use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_store::stories::analysis::{CampaignRevision, StoryFacts};
use tandem_store::stories::campaigns::CampaignRecord;

use crate::error::AppError;
use crate::metrics::ColumnRead;
use crate::state::AppState;
use build::{Builder, in_date_order};

mod build;

/// The metadata column holding each story's teller kind.
pub const TELLER: &str = "teller";

/// How many campaigns' columns are kept.
const KEPT: usize = 8;

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

/// The most filters whose tests are kept per campaign.
const KEPT_REPORTS: usize = 32;

impl CampaignColumns {
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

/// Kept columns by campaign id, each with the tick of its last use.
type Entries = HashMap<String, (u64, Arc<CampaignColumns>)>;

/// The kept columns, with a use counter (a tick per access) for eviction, and one lock per
/// campaign held while its columns are read or extended: requests arriving meanwhile wait for
/// that one read instead of each starting their own.
#[derive(Debug, Default)]
pub struct ColumnCache {
    entries: Mutex<(u64, Entries)>,
    reading: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl ColumnCache {
    /// The kept columns of a campaign, whatever their revision (the caller compares).
    fn get(&self, campaign: &str) -> Option<Arc<CampaignColumns>> {
        let mut guard = self.entries.lock().ok()?;
        let (clock, entries) = &mut *guard;
        *clock += 1;
        let entry = entries.get_mut(campaign)?;
        entry.0 = *clock;
        Some(Arc::clone(&entry.1))
    }

    /// Drops every kept campaign: the next page of each reads its stories afresh (tests compare
    /// columns extended with new stories against a fresh read this way).
    pub fn forget(&self) {
        if let Ok(mut guard) = self.entries.lock() {
            guard.1.clear();
        }
    }

    /// The lock for reading one campaign's columns.
    fn reading(&self, campaign: &str) -> Arc<tokio::sync::Mutex<()>> {
        let Ok(mut locks) = self.reading.lock() else {
            return Arc::default();
        };
        // Forget the locks nobody holds or waits for, so the map stays as small as the cache.
        locks.retain(|_, lock| Arc::strong_count(lock) > 1);
        Arc::clone(locks.entry(campaign.to_owned()).or_default())
    }

    fn put(&self, campaign: String, columns: Arc<CampaignColumns>) {
        let Ok(mut guard) = self.entries.lock() else {
            return;
        };
        let (clock, entries) = &mut *guard;
        *clock += 1;
        entries.insert(campaign, (*clock, columns));
        while entries.len() > KEPT {
            let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            entries.remove(&oldest);
        }
    }
}

/// The campaign's columns: kept ones if still current; kept ones with the stories saved since
/// added when stories arrived (stories are never changed or removed once saved, so the kept rows
/// stay right); else read now.
///
/// # Errors
/// A database error.
pub async fn campaign_columns(
    state: &AppState,
    campaign: &CampaignRecord,
    framework: &Framework,
) -> Result<Arc<CampaignColumns>, AppError> {
    let (org, id) = (campaign.organization_id, campaign.id);
    let store = state.store();
    let revision = store.campaign_revision(org, id).await?;
    let kept = state.columns().get(&id.to_string());
    if let Some(kept) = kept.as_ref().filter(|k| k.revision == revision) {
        return Ok(Arc::clone(kept));
    }
    let lock = state.columns().reading(&id.to_string());
    let (_reading, revision, kept) = match lock.try_lock() {
        Ok(reading) => (reading, revision, kept),
        Err(_) => {
            let reading = lock.lock().await;
            // Another request was reading them while this one waited.
            let revision = store.campaign_revision(org, id).await?;
            let kept = state.columns().get(&id.to_string());
            if let Some(kept) = kept.as_ref().filter(|k| k.revision == revision) {
                return Ok(Arc::clone(kept));
            }
            (reading, revision, kept)
        }
    };
    let extended = match kept {
        Some(kept) => extend(state, campaign, framework, &kept, revision).await?,
        None => None,
    };
    let (facts, stories) = match extended {
        Some(columns) => {
            state.metrics().record_column_read(ColumnRead::NewStories);
            columns
        }
        None => {
            let blocks = store.campaign_story_blocks(org, id, None).await?;
            // Parsing 100,000 stories is CPU work: off the async executor, on every core.
            let framework = framework.clone();
            let built =
                tokio::task::spawn_blocking(move || build::in_parallel(&framework, &blocks))
                    .await
                    .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
            state.metrics().record_column_read(ColumnRead::Whole);
            built
        }
    };
    let columns = Arc::new(CampaignColumns {
        revision,
        facts,
        stories,
        tests: Mutex::new(HashMap::new()),
        profiles: Mutex::new(HashMap::new()),
    });
    state.columns().put(id.to_string(), Arc::clone(&columns));
    Ok(columns)
}

/// Campaigns of at least this many stories are read into columns when the server starts (a
/// smaller one reads in well under the pages' budget on its first request).
const WARM_FROM_STORIES: i64 = 10_000;

/// Reads the columns of the largest recently used campaigns (at most as many as are kept), so
/// the first pattern page after a start does not wait for 100,000 stories to be read. Run in
/// the background when the server starts; a failure is logged and changes nothing: the page
/// then reads the columns itself. Nothing is audited here: no one reads anything, and the
/// columns hold no text and no authors.
pub async fn warm(state: AppState) {
    let campaigns = match state
        .store()
        .large_campaigns(WARM_FROM_STORIES, KEPT as i64)
        .await
    {
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

/// Imports of at least this many stories have the campaign's columns read right after, in the
/// background (see [`read_ahead`]).
pub const READ_AHEAD_AFTER_IMPORT: usize = 1_000;

/// Reads (or extends) one campaign's columns now, so the next pattern page finds them kept:
/// on start, and after a large import. Logged; a failure changes nothing.
pub async fn read_ahead(state: &AppState, org: Id<Organization>, id: Id<Campaign>) {
    let started = std::time::Instant::now();
    let read = async {
        let campaign = state
            .store()
            .campaign(org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (campaign, framework) = crate::routes::stories::with_framework(state, campaign).await?;
        campaign_columns(state, &campaign, &framework).await
    };
    match read.await {
        Ok(columns) => tracing::info!(
            campaign = %id,
            stories = columns.facts.len(),
            millis = started.elapsed().as_millis(),
            "read a campaign's answers ahead of its pattern pages"
        ),
        Err(error) => tracing::warn!(campaign = %id, ?error, "could not read ahead"),
    }
}

/// Kept columns with the stories saved since they were read, in row order (oldest first, as a
/// fresh read gives them). `None` when that cannot be trusted to equal a fresh read: the kept
/// columns have no save time, or the kept and new stories do not add up to the count now (a
/// story saved in the second of the newest kept one, or committed late) — the caller then
/// reads afresh.
async fn extend(
    state: &AppState,
    campaign: &CampaignRecord,
    framework: &Framework,
    kept: &CampaignColumns,
    revision: CampaignRevision,
) -> Result<Option<(Vec<StoryFacts>, Stories)>, AppError> {
    let Some(latest) = kept.revision.latest else {
        return Ok(None);
    };
    if revision.stories <= kept.revision.stories {
        return Ok(None);
    }
    let mut arrived = Builder::new(framework);
    state
        .store()
        .for_each_campaign_story(
            campaign.organization_id,
            campaign.id,
            Some(latest),
            |facts, parts| arrived.add(facts, parts),
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
