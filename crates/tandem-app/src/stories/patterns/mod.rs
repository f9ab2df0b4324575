//! What the pattern pages (and a team's profile card) compute on a campaign's stories: the
//! filter's selection of the kept columns, guarded so that no page shows a group under k
//! ([`tandem_analytics::filter_guard`], R22), and the statistics on it — the report's tests and
//! the hybrid profile with its bootstrap intervals. The statistics are CPU work: each runs on a
//! blocking thread, off the async executor, and is kept per filter with the columns.
//!
//! # Layout
//! - this file: the selection, its tests and profile, and a finding's example stories.
//! - `masks`: the filter's conditions evaluated on the columns.
//! - [`triads`]: ternary plots' density, zones and centroid regions.
//! - [`windows`]: the hybrid profile per 90-day window with bootstrap intervals.

use std::collections::HashSet;
use std::sync::Arc;

use tandem_analytics::filter_guard::{Condition, Verdict, select_told as guard};
use tandem_analytics::stories::Stories;
use tandem_analytics::stories::hybrid::HybridProfile;
use tandem_analytics::stories::report::Test;
use tandem_analytics::suppression::MinGroupSize;
use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_store::StoreError;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::audit::record_read;
use crate::error::ActionError;
use crate::stories::CampaignRecord;
use crate::stories::catalog::{StoryFilter, StorySummary};
use crate::stories::columns::{CampaignColumns, ColumnCache, ColumnRead, campaign_columns};

mod masks;
pub mod triads;
pub mod windows;

/// Up to this many stories the profile shows its 95 % bootstrap intervals (1,000 resamples cost
/// about 20 ms at this size; larger selections have intervals narrower than the card's
/// rounding).
pub const INTERVALS_UP_TO: usize = 5000;

/// The most words of a text filter the pattern pages look for (the catalog's text filter is
/// cut to 200 characters; more words narrow nothing a person would look for).
pub const MAX_WORDS: usize = 8;

/// The smallest group any pattern page shows.
#[must_use]
pub fn min_group() -> MinGroupSize {
    MinGroupSize::default()
}

/// Months as `(year, month)` from the first of `dates` to the last, and each date's month
/// index (the trends and a marked region's share go month by month).
#[must_use]
pub fn months(dates: &[time::Date]) -> (Vec<(i32, u8)>, Vec<usize>) {
    let key = |d: &time::Date| d.year() * 12 + i32::from(u8::from(d.month())) - 1;
    let (Some(first), Some(last)) = (dates.iter().map(key).min(), dates.iter().map(key).max())
    else {
        return (Vec::new(), Vec::new());
    };
    let periods = (first..=last)
        .map(|m| (m.div_euclid(12), (m.rem_euclid(12) + 1) as u8))
        .collect();
    let index = dates.iter().map(|d| (key(d) - first) as usize).collect();
    (periods, index)
}

/// The stories a filter selects from a campaign's columns.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The campaign's columns.
    pub columns: Arc<CampaignColumns>,
    /// The rows the filter selects (into `columns`).
    pub rows: Vec<usize>,
    /// Whether the selection may be shown.
    pub verdict: Verdict,
    /// The selected stories when the filter leaves some out (None: all, read in place).
    subset: Option<Arc<Stories>>,
    /// What the kept tests and profiles of this selection are filed under.
    key: String,
}

/// What is being selected: the campaign, its framework, the filter, and the key its kept
/// statistics are filed under (the filter's conditions alone, as a query string).
#[derive(Debug, Clone, Copy)]
pub struct Selecting<'a> {
    /// The campaign.
    pub campaign: &'a CampaignRecord,
    /// The framework its stories answer.
    pub framework: &'a Framework,
    /// The filter.
    pub filter: &'a StoryFilter,
    /// The filter's key.
    pub key: &'a str,
}

/// The stories `what.filter` selects, read for `purpose` (the page; the read is audited). Also
/// says how the columns were read when they were not kept as they are (for metrics).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn select(
    app: &App,
    cache: &ColumnCache,
    actor: &Actor,
    what: Selecting<'_>,
    purpose: &str,
) -> Result<(Selection, Option<ColumnRead>), ActionError> {
    let Selecting {
        campaign,
        framework,
        filter,
        key,
    } = what;
    let (columns, read) = campaign_columns(app, cache, campaign, framework).await?;
    let mut conditions = masks::conditions(&columns, filter);
    // Words and codes live in the database: one condition per word and one for the code, as
    // the catalog reads them. Each word its own condition, so "school" and "school mother"
    // are two filters one condition apart, and the guard's drop-one rule covers them.
    let words = filter
        .text
        .as_deref()
        .map(|text| text.split_whitespace().take(MAX_WORDS).map(str::to_owned));
    let parts = words
        .into_iter()
        .flatten()
        .map(|word| StoryFilter {
            text: Some(word),
            ..StoryFilter::default()
        })
        .chain(filter.annotation.clone().map(|annotation| StoryFilter {
            annotation: Some(annotation),
            ..StoryFilter::default()
        }));
    for part in parts {
        let ids: HashSet<String> = app
            .store()
            .matching_story_ids(campaign.organization_id, campaign.id, &part)
            .await?
            .into_iter()
            .collect();
        conditions.push(Condition::Plain(
            columns.facts.iter().map(|f| ids.contains(&f.id)).collect(),
        ));
    }
    // People, not stories: the columns know who told each story.
    let tellers = columns.stories.tellers.as_ref();
    let selection = guard(columns.stories.len, &conditions, min_group(), tellers);
    let shown = selection.verdict == Verdict::Shown && !selection.rows.is_empty();
    let subset = if !shown {
        Some(Arc::new(Stories::default()))
    } else if selection.rows.len() == columns.stories.len {
        None
    } else {
        Some(Arc::new(columns.stories.select(&selection.rows)))
    };
    let entry = Entry::allowed(
        "story.patterns",
        "campaign",
        Some(campaign.id.to_string()),
        purpose,
    );
    record_read(app, actor.event(entry)).await?;
    let selection = Selection {
        columns,
        rows: selection.rows,
        verdict: selection.verdict,
        subset,
        key: key.to_owned(),
    };
    Ok((selection, read))
}

impl Selection {
    /// The selected stories (none when the filter may not be shown).
    #[must_use]
    pub fn stories(&self) -> &Stories {
        self.subset.as_deref().unwrap_or(&self.columns.stories)
    }

    /// Every test on the selected stories, ranked by q (computed once per filter, on a blocking
    /// thread).
    ///
    /// # Errors
    /// As [`Selection::analysis`].
    pub async fn tests(&self) -> Result<Arc<Vec<Test>>, ActionError> {
        let (columns, subset, key) = self.parts();
        let k = min_group().get() as usize;
        tokio::task::spawn_blocking(move || {
            columns.tests(&key, subset.as_deref().unwrap_or(&columns.stories), k)
        })
        .await
        .map_err(computation_failed)
    }

    /// The hybrid management profile of the selected stories (computed once per filter), with
    /// bootstrap intervals up to [`INTERVALS_UP_TO`] stories; a first computation runs on a
    /// blocking thread.
    ///
    /// # Errors
    /// As [`Selection::analysis`].
    pub async fn profile(&self) -> Result<Arc<HybridProfile>, ActionError> {
        let (columns, subset, key) = self.parts();
        tokio::task::spawn_blocking(move || {
            kept_profile(
                &columns,
                &key,
                subset.as_deref().unwrap_or(&columns.stories),
            )
        })
        .await
        .map_err(computation_failed)
    }

    /// The tests and the profile of the selected stories, each computed once per filter: a
    /// filter's first request computes them side by side on a blocking thread, off the async
    /// executor (about 45 ms at 100,000 stories).
    ///
    /// # Errors
    /// A computation cancelled while the server shuts down answers as a busy database (to be
    /// tried again); a panic in it is resumed.
    pub async fn analysis(&self) -> Result<(Arc<Vec<Test>>, Arc<HybridProfile>), ActionError> {
        let (columns, subset, key) = self.parts();
        let k = min_group().get() as usize;
        tokio::task::spawn_blocking(move || {
            let stories = subset.as_deref().unwrap_or(&columns.stories);
            let (profile, tests) = tandem_analytics::stories::beside(
                || kept_profile(&columns, &key, stories),
                || columns.tests(&key, stories, k),
            );
            (tests, profile)
        })
        .await
        .map_err(computation_failed)
    }

    fn parts(&self) -> (Arc<CampaignColumns>, Option<Arc<Stories>>, String) {
        (
            Arc::clone(&self.columns),
            self.subset.clone(),
            self.key.clone(),
        )
    }
}

/// Up to `count` stories of the selection that illustrate `test` best, as the finding's page
/// lists them (no further audit: the selection's read was recorded).
///
/// # Errors
/// A database error.
pub async fn examples(
    app: &App,
    campaign: &CampaignRecord,
    selection: &Selection,
    test: &Test,
    count: usize,
) -> Result<Vec<StorySummary>, ActionError> {
    let ids: Vec<Id<crate::stories::Story>> =
        tandem_analytics::stories::views::examples(selection.stories(), test, count)
            .into_iter()
            .filter_map(|row| selection.columns.facts.get(*selection.rows.get(row)?))
            .filter_map(|facts| facts.id.parse().ok())
            .collect();
    Ok(app
        .store()
        .story_summaries(campaign.organization_id, campaign.id, &ids)
        .await?)
}

/// The profile kept for the filter `key`, or computed and kept.
fn kept_profile(columns: &CampaignColumns, key: &str, stories: &Stories) -> Arc<HybridProfile> {
    columns.profile(key, || {
        tandem_analytics::stories::hybrid::hybrid_profile_with(
            stories,
            stories.len <= INTERVALS_UP_TO,
        )
    })
}

/// A computation that did not finish on its blocking thread: a panic is resumed here (the
/// server answers 500, as for any panic); a task cancelled while the server shuts down answers
/// as a busy database, to be tried again.
pub(crate) fn computation_failed(error: tokio::task::JoinError) -> ActionError {
    match error.try_into_panic() {
        Ok(panic) => std::panic::resume_unwind(panic),
        Err(_) => ActionError::Store(StoreError::Busy),
    }
}
