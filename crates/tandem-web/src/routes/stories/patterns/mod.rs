//! Pattern pages: what a campaign's stories say together, for those who may browse it.
//!
//! Every page starts from the same [`Scope`]: the campaign's answers as columns (kept between
//! requests, see [`crate::story_columns`]), narrowed by the catalog's filter (the selection and
//! its statistics are computed in [`tandem_app::stories::patterns`], off the async executor). A filter that
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
//! - [`marks`]: a marked region in words, and its share of stories month by month.
//! - [`mark_pages`]: the marks of a campaign, marking a region, and a mark's own page.

pub(crate) mod finding;
pub(crate) mod findings;
pub(crate) mod mark_pages;
pub(crate) mod marks;
mod reading;
mod scatter;
pub(crate) mod trends;
pub(super) mod triads;

use std::ops::Deref;

use tandem_analytics::filter_guard::Verdict;
use tandem_app::stories::CampaignRecord;
use tandem_app::stories::patterns::{self, Selecting, Selection};
use tandem_domain::framework::Framework;

use super::catalog::{FilterPanel, filter_of, filter_panel, label as in_language};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::pairs;
use crate::state::AppState;
use crate::story_columns::TELLER;

pub(super) use tandem_app::stories::patterns::min_group;

/// A campaign's stories as one pattern page (or a team's profile card) sees them. Derefs to
/// the [`Selection`]: its columns, the selected rows and stories, and the statistics on them.
pub(crate) struct Scope {
    pub(crate) campaign: CampaignRecord,
    pub(crate) framework: Framework,
    /// The query string's pairs.
    pub(super) pairs: Vec<(String, String)>,
    /// What the filter selects.
    selection: Selection,
    /// Why nothing is shown, as a translated sentence (None: shown).
    pub(crate) hidden: Option<String>,
}

impl Deref for Scope {
    type Target = Selection;

    fn deref(&self) -> &Selection {
        &self.selection
    }
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

    /// Like [`Scope::load`] for a campaign the caller has already been allowed to read — or,
    /// for a team's profile card and a probe's intent, a campaign of a team whose practices the
    /// caller reads: those pages show the selection's aggregates (guarded by k), never its
    /// stories unless the caller may browse them.
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
        // The filter's conditions alone (no page or chart parameters): what the kept tests and
        // profiles are filed under.
        let key = query_of(
            &pairs,
            &["all", "a", "b", "question", "by", "left", "right"],
        );
        let what = Selecting {
            campaign: &campaign,
            framework: &framework,
            filter: &filter,
            key: &key,
        };
        let (app, actor) = (state.app(), ctx.actor(state.now()));
        let (selection, read) =
            patterns::select(app, state.columns(), &actor, what, purpose).await?;
        crate::story_columns::record_read(state, read);
        let hidden = match selection.verdict {
            Verdict::Shown if selection.rows.is_empty() => Some(tr.t("patterns-empty")),
            Verdict::Shown => None,
            Verdict::TooFew => Some(tr.t("patterns-too-few")),
            Verdict::RevealsSmallGroup(_) => Some(tr.t("patterns-reveals")),
        };
        Ok(Self {
            campaign,
            framework,
            pairs,
            selection,
            hidden,
        })
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
        query_of(&self.pairs, drop)
    }
}

/// The query string of `pairs` without empty values and the fields `drop`.
fn query_of(pairs: &[(String, String)], drop: &[&str]) -> String {
    let kept: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(n, v)| !v.is_empty() && !drop.contains(&n.as_str()))
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
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

/// A triad's or slider's two or three labels in the reader's language, each with its analysis
/// code where the framework has one ("… (NPG)"): the pattern pages are where codes belong.
pub(crate) fn pole_names(tr: &Translator, framework: &Framework, id: &str) -> Vec<String> {
    framework
        .questions()
        .iter()
        .find(|q| q.id == id)
        .map(|q| {
            q.labels
                .iter()
                .enumerate()
                .map(|(i, l)| q.coded_label(i, &in_language(tr, &l.da, &l.en)))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) use crate::numbers::{decimal, percent};
