//! Pattern pages: what a campaign's stories say together, for those who may browse it.
//!
//! Every page starts from the same [`Scope`]: the campaign's answers as columns (kept between
//! requests, see [`crate::story_columns`]), narrowed by the catalog's filter. A filter that
//! selects fewer than k stories, or that differs from a one-condition-wider filter by fewer
//! than k stories, shows no numbers at all ([`tandem_analytics::filter_guard`], R22); groups
//! under k are dropped before every test and hidden in every table.
//!
//! # Layout
//! - this file: the scope, and question and option names in the reader's language.
//! - [`findings`]: the tests ranked by q, with the hybrid profile of the selection.
//! - [`finding`]: one finding's chart, data table, sentence and example stories.
//! - [`triads`]: ternary plots with density and group centroids, two groups side by side.
//! - [`trends`]: triads and sliders month by month.

pub(crate) mod finding;
pub(crate) mod findings;
pub(crate) mod trends;
pub(super) mod triads;

use std::collections::HashSet;
use std::sync::Arc;

use tandem_analytics::filter_guard::{Verdict, select};
use tandem_analytics::stories::hybrid::HybridProfile;
use tandem_analytics::stories::report::Test;
use tandem_analytics::stories::{Column, Stories};
use tandem_analytics::suppression::MinGroupSize;
use tandem_domain::framework::Framework;
use tandem_store::stories::campaigns::CampaignRecord;
use tandem_store::stories::catalog::{AnswerCondition, StoryFilter};

use super::catalog::{FilterPanel, filter_of, filter_panel, label as in_language};
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::pairs;
use crate::state::AppState;
use crate::story_columns::{CampaignColumns, TELLER, campaign_columns};

/// The smallest group any pattern page shows.
pub(super) fn min_group() -> MinGroupSize {
    MinGroupSize::default()
}

/// A campaign's stories as one pattern page (or a team's profile card) sees them.
pub(crate) struct Scope {
    pub(crate) campaign: CampaignRecord,
    pub(crate) framework: Framework,
    pub(crate) columns: Arc<CampaignColumns>,
    /// The query string's pairs.
    pub(super) pairs: Vec<(String, String)>,
    /// The rows the filter selects (into `columns`).
    pub(crate) rows: Vec<usize>,
    /// The selected stories when the filter leaves some out (None: all, read in place).
    subset: Option<Arc<Stories>>,
    /// Why nothing is shown, as a translated sentence (None: shown).
    pub(crate) hidden: Option<String>,
}

impl Scope {
    /// Loads the campaign of the route, its columns and the filter of `query`, and records the
    /// read in the audit log.
    pub(super) async fn load(
        state: &AppState,
        ctx: &RequestContext,
        tr: &Translator,
        query: Option<&str>,
        purpose: &str,
    ) -> Result<Self, AppError> {
        let (campaign, framework) = super::route_campaign(state, ctx).await?;
        Self::load_for(state, ctx, tr, (campaign, framework), query, purpose).await
    }

    /// Like [`Scope::load`] for a campaign the caller has already been allowed to read.
    pub(crate) async fn load_for(
        state: &AppState,
        ctx: &RequestContext,
        tr: &Translator,
        (campaign, framework): (CampaignRecord, Framework),
        query: Option<&str>,
        purpose: &str,
    ) -> Result<Self, AppError> {
        let pairs = pairs(query);
        let filter = filter_of(&framework, &pairs);
        let columns = campaign_columns(state, &campaign, &framework).await?;
        let mut masks = condition_masks(&columns, &filter);
        if filter.text.is_some() || filter.annotation.is_some() {
            // Words and codes live in the database: one condition each, as the catalog reads them.
            for part in [
                StoryFilter {
                    text: filter.text.clone(),
                    ..StoryFilter::default()
                },
                StoryFilter {
                    annotation: filter.annotation.clone(),
                    ..StoryFilter::default()
                },
            ] {
                if part.text.is_none() && part.annotation.is_none() {
                    continue;
                }
                let ids: HashSet<String> = state
                    .store()
                    .matching_story_ids(campaign.organization_id, campaign.id, &part)
                    .await?
                    .into_iter()
                    .collect();
                masks.push(columns.facts.iter().map(|f| ids.contains(&f.id)).collect());
            }
        }
        let selection = select(columns.stories.len, &masks, min_group());
        let hidden = match selection.verdict {
            Verdict::Shown if selection.rows.is_empty() => Some(tr.t("patterns-empty")),
            Verdict::Shown => None,
            Verdict::TooFew => Some(tr.t("patterns-too-few")),
            Verdict::RevealsSmallGroup(_) => Some(tr.t("patterns-reveals")),
        };
        let subset = if hidden.is_some() {
            Some(Arc::new(Stories::default()))
        } else if selection.rows.len() == columns.stories.len {
            None
        } else {
            Some(Arc::new(columns.stories.select(&selection.rows)))
        };
        crate::audit::record_read(
            state,
            ctx,
            Entry::allowed(
                "story.patterns",
                "campaign",
                Some(campaign.id.to_string()),
                purpose,
            ),
        )
        .await?;
        Ok(Self {
            campaign,
            framework,
            columns,
            pairs,
            rows: selection.rows,
            subset,
            hidden,
        })
    }

    /// The selected stories (none when the filter may not be shown).
    pub(crate) fn stories(&self) -> &Stories {
        self.subset.as_deref().unwrap_or(&self.columns.stories)
    }

    /// Every test on the selected stories, ranked by q (computed once per filter).
    pub(super) fn tests(&self) -> std::sync::Arc<Vec<tandem_analytics::stories::report::Test>> {
        let k = min_group().get() as usize;
        self.columns.tests(&self.selection_key(), self.stories(), k)
    }

    /// The hybrid management profile of the selected stories (computed once per filter), with
    /// bootstrap intervals up to [`findings::INTERVALS_UP_TO`] stories; a first computation runs
    /// on a blocking thread.
    pub(crate) async fn profile(&self) -> Result<Arc<HybridProfile>, AppError> {
        let (columns, subset, key) = (
            Arc::clone(&self.columns),
            self.subset.clone(),
            self.selection_key(),
        );
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
    pub(crate) async fn analysis(&self) -> Result<(Arc<Vec<Test>>, Arc<HybridProfile>), AppError> {
        let (columns, subset, key) = (
            Arc::clone(&self.columns),
            self.subset.clone(),
            self.selection_key(),
        );
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

    /// The filter's conditions alone (no page or chart parameters): what the kept tests and
    /// profiles are keyed by.
    fn selection_key(&self) -> String {
        self.filter_query(&["all", "a", "b", "question", "by", "left", "right"])
    }

    /// The filter panel posting back to `path` (under the campaign), keeping `keep` fields.
    pub(super) fn panel(&self, tr: &Translator, path: &str, keep: &[&str]) -> FilterPanel {
        let mut panel = filter_panel(
            tr,
            &self.framework,
            &self.pairs,
            None,
            format!("/campaigns/{}/{path}", self.campaign.id),
        );
        panel.hidden = self
            .pairs
            .iter()
            .filter(|(n, _)| keep.contains(&n.as_str()))
            .cloned()
            .collect();
        panel
    }

    /// The query string of the current filter (without the page's own fields), to carry into
    /// links between pattern pages.
    pub(super) fn filter_query(&self, drop: &[&str]) -> String {
        let kept: Vec<&(String, String)> = self
            .pairs
            .iter()
            .filter(|(n, v)| !v.is_empty() && !drop.contains(&n.as_str()))
            .collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }
}

/// One mask per answer, date and teller condition, evaluated on the columns.
fn condition_masks(columns: &CampaignColumns, filter: &StoryFilter) -> Vec<Vec<bool>> {
    let stories = &columns.stories;
    let mut masks = Vec::new();
    for condition in &filter.answers {
        let mask = match condition {
            AnswerCondition::Chose { question, option } => {
                match stories.field(question).map(|f| &f.column) {
                    Some(Column::Choice { labels, values }) => {
                        let want = labels.iter().position(|l| l == option).map(|i| i as u32);
                        values.iter().map(|v| v.is_some() && *v == want).collect()
                    }
                    Some(Column::Multi { labels, values }) => {
                        let want = labels.iter().position(|l| l == option).map(|i| i as u32);
                        values
                            .iter()
                            .map(|v| want.is_some_and(|w| v.contains(&w)))
                            .collect()
                    }
                    _ => vec![false; stories.len],
                }
            }
            AnswerCondition::Between { question, from, to } => {
                match stories.field(question).map(|f| &f.column) {
                    Some(Column::Slider(values)) => values
                        .iter()
                        .map(|v| v.is_some_and(|v| v >= *from && v <= *to))
                        .collect(),
                    _ => vec![false; stories.len],
                }
            }
            AnswerCondition::Leans { question, corner } => {
                match stories.field(question).map(|f| &f.column) {
                    // The same ties as the catalog's SQL: the first corner wins a tie.
                    Some(Column::Triad(values)) => values
                        .iter()
                        .map(|v| {
                            v.is_some_and(|c| {
                                let [a, b, c] = c.parts();
                                let lean = if a >= b && a >= c {
                                    0
                                } else if b >= c {
                                    1
                                } else {
                                    2
                                };
                                lean == *corner
                            })
                        })
                        .collect(),
                    _ => vec![false; stories.len],
                }
            }
        };
        masks.push(mask);
    }
    if let Some(from) = filter.from {
        masks.push(
            columns
                .facts
                .iter()
                .map(|f| f.collected_on >= from)
                .collect(),
        );
    }
    if let Some(to) = filter.to {
        masks.push(columns.facts.iter().map(|f| f.collected_on <= to).collect());
    }
    if let Some(teller) = filter.teller {
        masks.push(columns.facts.iter().map(|f| f.teller == teller).collect());
    }
    masks
}

/// A report name (`M1`, `team`, `M2=option`, `teller`) as the reader says it.
pub(super) fn question_name(tr: &Translator, framework: &Framework, name: &str) -> String {
    if name == TELLER {
        return tr.t("catalog-teller");
    }
    let (id, option) = name
        .split_once('=')
        .map_or((name, None), |(q, o)| (q, Some(o)));
    let Some(q) = framework.questions().iter().find(|q| q.id == id) else {
        return name.to_owned();
    };
    let stem = in_language(tr, &q.stem.da, &q.stem.en);
    match option.and_then(|o| q.options.iter().find(|x| x.id == o)) {
        Some(o) => format!("{stem} — {}", in_language(tr, &o.da, &o.en)),
        None => stem,
    }
}

/// A group label of a report name as the reader says it.
pub(super) fn group_name(
    tr: &Translator,
    framework: &Framework,
    name: &str,
    label: &str,
) -> String {
    if name == TELLER {
        return tr.t(&format!("teller-{label}"));
    }
    if name.contains('=') {
        return tr.t(if label == "chosen" {
            "patterns-chosen"
        } else {
            "patterns-not-chosen"
        });
    }
    framework
        .questions()
        .iter()
        .find(|q| q.id == name)
        .and_then(|q| q.options.iter().find(|o| o.id == label))
        .map_or_else(|| label.to_owned(), |o| in_language(tr, &o.da, &o.en))
}

/// A triad's or slider's two or three labels in the reader's language.
pub(crate) fn pole_names(tr: &Translator, framework: &Framework, id: &str) -> Vec<String> {
    framework
        .questions()
        .iter()
        .find(|q| q.id == id)
        .map(|q| {
            q.labels
                .iter()
                .map(|l| in_language(tr, &l.da, &l.en))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) use crate::numbers::{decimal, percent};

/// The profile kept for the filter `key`, or computed and kept.
fn kept_profile(columns: &CampaignColumns, key: &str, stories: &Stories) -> Arc<HybridProfile> {
    columns.profile(key, || {
        tandem_analytics::stories::hybrid::hybrid_profile_with(
            stories,
            stories.len <= findings::INTERVALS_UP_TO,
        )
    })
}

/// A computation that did not finish on its blocking thread: a panic is resumed here (the
/// server answers 500, as for any panic); a task cancelled while the server shuts down answers
/// 503, to be tried again.
fn computation_failed(error: tokio::task::JoinError) -> AppError {
    match error.try_into_panic() {
        Ok(panic) => std::panic::resume_unwind(panic),
        Err(_) => AppError::Store(tandem_store::StoreError::Busy),
    }
}
