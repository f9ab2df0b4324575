//! The `tandem analyze` report: every pair of questions (and question × metadata) tested once
//! with the test the specification names for its types, Benjamini–Hochberg q-values over the whole
//! report, and triad summaries. Groups under `min_group` stories are dropped before a test, and,
//! when the stories name their tellers, groups under `min_group` people too (one person's five
//! stories are not five people); every test says how many people (`n_tellers`) its stories come
//! from. Results that cannot be computed are left out rather than reported as NaN. A finding
//! labelled "evidence" or stronger whose stories come from fewer tellers than stories gets a
//! teller-aware result, and is labelled at most "weak evidence" when that does not hold.
//!
//! # Layout
//! - this file: the report's types, the tests it forms, q-values, labels and triads.
//! - [`contingency`], [`groups`], [`correlation`]: the tests of two choices, a slider in
//!   groups, two sliders.
//! - [`clustered`]: a finding's stories grouped by teller, for its teller-aware result.
//! - [`effect`]: effect sizes and their size in words.

use serde::Serialize;
use serde_json::{Value, json};

pub use effect::{Effect, EffectName, Size};

use super::teller_aware::{TellerAware, teller_aware};
use super::{Column, Field, Stories, in_parallel};
use crate::stats::fdr::benjamini_hochberg;
use crate::ternary::{Composition, geometric_mean, mean};
use crate::zones::zone_shares;
use clustered::clustered;
use contingency::contingency;
use correlation::correlation;
use groups::{Slider, by_group};

/// A categorical variable: a choice, a metadata field, or one option of a multiple choice.
pub(crate) struct Categorical<'a> {
    pub(crate) name: String,
    field: &'a str,
    metadata: bool,
    pub(crate) labels: Vec<String>,
    pub(crate) values: Vec<Option<u32>>,
    /// The same values a byte each ([`NO_CODE`] for N/A) when there are fewer than 255 labels,
    /// as answers from forms have: the passes over a million stories that every contingency
    /// table and group test makes then read an eighth of the memory.
    codes: Option<Vec<u8>>,
}

impl Categorical<'_> {
    /// The story's label index, if it answered.
    fn code(&self, row: usize) -> Option<usize> {
        match &self.codes {
            Some(codes) => (codes[row] != NO_CODE).then(|| usize::from(codes[row])),
            None => self.values[row].map(|v| v as usize),
        }
    }
}

/// A missing value in [`Categorical::codes`].
const NO_CODE: u8 = u8::MAX;

/// The byte codes of `values`, when every label fits in one.
fn codes(labels: usize, values: &[Option<u32>]) -> Option<Vec<u8>> {
    (labels < usize::from(NO_CODE)).then(|| {
        values
            .iter()
            .map(|v| v.map_or(NO_CODE, |v| u8::try_from(v).unwrap_or(NO_CODE)))
            .collect()
    })
}

/// The categorical variable of a report name (`M1`, `team`, `M2=option`).
pub(crate) fn categorical<'a>(stories: &'a Stories, name: &str) -> Option<Categorical<'a>> {
    let field = name.split_once('=').map_or(name, |(f, _)| f);
    let field = stories.fields.iter().find(|f| f.name == field)?;
    let mut found = Vec::new();
    push_categoricals(field, &mut found);
    found.into_iter().find(|c| c.name == name)
}

/// Every categorical variable of the stories, built a field per core (a multiple choice of a
/// million stories makes one column per option).
fn categoricals(stories: &Stories) -> Vec<Categorical<'_>> {
    fn of_field(field: &Field) -> Vec<Categorical<'_>> {
        let mut out = Vec::new();
        push_categoricals(field, &mut out);
        out
    }
    in_parallel(&stories.fields, of_field)
        .into_iter()
        .flatten()
        .collect()
}

/// The categorical variables of one field: itself for a choice, one per option of a multiple
/// choice, none for triads and sliders.
fn push_categoricals<'a>(field: &'a Field, out: &mut Vec<Categorical<'a>>) {
    let Field {
        name,
        metadata,
        column,
    } = field;
    match column {
        Column::Choice { labels, values } => out.push(Categorical {
            name: name.clone(),
            field: name,
            metadata: *metadata,
            labels: labels.clone(),
            values: values.clone(),
            codes: codes(labels.len(), values),
        }),
        // One option at a time: chosen / not chosen, among those who answered.
        Column::Multi { labels, values } => {
            for (i, label) in labels.iter().enumerate() {
                let values: Vec<Option<u32>> = values
                    .iter()
                    .map(|set| (!set.is_empty()).then(|| u32::from(set.contains(&(i as u32)))))
                    .collect();
                out.push(Categorical {
                    name: format!("{name}={label}"),
                    field: name,
                    metadata: *metadata,
                    labels: vec!["not chosen".into(), "chosen".into()],
                    codes: codes(2, &values),
                    values,
                });
            }
        }
        Column::Triad(_) | Column::Slider(_) => {}
    }
}

/// Which test a result comes from (the report's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    /// Pearson chi-square on a contingency table.
    ChiSquare,
    /// Fisher's exact test on a 2×2 table with a small expected count.
    FisherExact,
    /// Mann–Whitney U: a slider in two groups.
    MannWhitney,
    /// Kruskal–Wallis H: a slider in three or more groups.
    KruskalWallis,
    /// Spearman's ρ: two sliders.
    Spearman,
}

/// The plain-language certainty of a q-value (sensemaking §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Certainty {
    /// q < 0.01.
    #[serde(rename = "strong evidence")]
    Strong,
    /// q < 0.05.
    #[serde(rename = "evidence")]
    Evidence,
    /// q < 0.1.
    #[serde(rename = "weak evidence")]
    Weak,
    /// Otherwise.
    #[serde(rename = "no evidence")]
    None,
}

impl Certainty {
    /// The label of a q-value.
    #[must_use]
    pub fn of(q: f64) -> Self {
        if q < 0.01 {
            Self::Strong
        } else if q < 0.05 {
            Self::Evidence
        } else if q < 0.1 {
            Self::Weak
        } else {
            Self::None
        }
    }
}

/// One test of a report: a pair of questions (or a question and a metadata field).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Test {
    /// The test.
    pub kind: TestKind,
    /// The first question (a slider for the group tests; `M2=option` for one option of a
    /// multiple choice).
    pub a: String,
    /// The second question or metadata field.
    pub b: String,
    /// Stories in the test.
    pub n: usize,
    /// The people who told them: distinct tellers, each story without a known teller counted
    /// as one (equal to `n` when the stories name no tellers).
    pub n_tellers: usize,
    /// χ², the odds ratio (Fisher), U of the first group, H, or ρ.
    pub statistic: f64,
    /// Degrees of freedom, where they apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub df: Option<u32>,
    /// Two-sided p-value.
    pub p: f64,
    /// Benjamini–Hochberg q-value over the whole report.
    pub q: f64,
    /// The effect size.
    pub effect: Effect,
    /// The groups kept (rows of a table, groups of a slider), in label order.
    pub groups: Vec<String>,
    /// False for a chi-square table with too many small expected counts.
    pub reliable: bool,
    /// The plain-language certainty of `q`, at most "weak evidence" when the teller-aware
    /// result does not hold.
    pub label: Certainty,
    /// Whether the effect holds when whole tellers are resampled (sensemaking.md §6): computed
    /// where it can change the label — a finding labelled "evidence" or stronger whose stories
    /// come from fewer tellers than stories.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teller_aware: Option<TellerAware>,
}

/// A test result before q-values, with what its teller-aware result needs to draw its stories
/// again: the job and the groups (table rows and columns) it kept.
struct Finding {
    test: Test,
    kept: Kept,
}

/// The groups a test kept, by label index.
#[derive(Default)]
enum Kept {
    /// Two sliders: nothing is dropped.
    #[default]
    Nothing,
    /// A slider's groups.
    Groups(Vec<usize>),
    /// A table's rows and columns.
    Table(Vec<usize>, Vec<usize>),
}

impl Finding {
    #[allow(clippy::too_many_arguments)]
    fn new(
        kind: TestKind,
        a: &str,
        b: &str,
        n: usize,
        statistic: f64,
        df: Option<u32>,
        p: f64,
        effect: Effect,
        groups: Vec<String>,
        reliable: bool,
    ) -> Option<Self> {
        p.is_finite().then(|| Self {
            test: Test {
                kind,
                a: a.to_owned(),
                b: b.to_owned(),
                n,
                n_tellers: n,
                statistic,
                df,
                p,
                q: p,
                effect,
                groups,
                reliable,
                label: Certainty::None,
                teller_aware: None,
            },
            kept: Kept::Nothing,
        })
    }

    /// The finding with the groups its test kept.
    fn kept(mut self, kept: Kept) -> Self {
        self.kept = kept;
        self
    }

    /// The finding with the people its stories come from, when the tellers are known.
    fn told_by(mut self, n_tellers: Option<usize>) -> Self {
        if let Some(n_tellers) = n_tellers {
            self.test.n_tellers = n_tellers;
        }
        self
    }
}

/// One test of the report.
enum Job {
    Contingency(usize, usize),
    ByGroup(usize, usize),
    Correlation(usize, usize),
}

/// Every test of a report, ranked by q (ties keep the order in which pairs are formed).
#[must_use]
pub fn tests(stories: &Stories, min_group: usize) -> Vec<Test> {
    let min_group = min_group.max(1);
    let cats = categoricals(stories);
    let columns: Vec<(&str, &[Option<f64>])> = stories
        .fields
        .iter()
        .filter_map(|f| match &f.column {
            Column::Slider(v) => Some((f.name.as_str(), v.as_slice())),
            _ => None,
        })
        .collect();
    let sliders: Vec<Slider<'_>> =
        in_parallel(&columns, |&(name, values)| Slider::new(name, values));
    let mut jobs = Vec::new();
    for (i, a) in cats.iter().enumerate() {
        for (j, b) in cats.iter().enumerate().skip(i + 1) {
            if !((a.metadata && b.metadata) || a.field == b.field) {
                jobs.push(Job::Contingency(i, j));
            }
        }
    }
    for s in 0..sliders.len() {
        for g in 0..cats.len() {
            jobs.push(Job::ByGroup(s, g));
        }
    }
    for i in 0..sliders.len() {
        for j in i + 1..sliders.len() {
            jobs.push(Job::Correlation(i, j));
        }
    }
    let tellers = stories.tellers.as_ref();
    let run = |job: &Job| match *job {
        Job::Contingency(i, j) => contingency(&cats[i], &cats[j], min_group, tellers),
        Job::ByGroup(s, g) => by_group(&sliders[s], &cats[g], min_group, tellers),
        Job::Correlation(i, j) => correlation(&sliders[i], &sliders[j], tellers),
    };
    let mut findings: Vec<(&Job, Finding)> = (jobs.iter().zip(in_parallel(&jobs, run)))
        .filter_map(|(job, f)| f.map(|f| (job, f)))
        .collect();
    let q = benjamini_hochberg(&findings.iter().map(|(_, f)| f.test.p).collect::<Vec<_>>());
    for ((_, f), q) in findings.iter_mut().zip(q) {
        (f.test.q, f.test.label) = (q, Certainty::of(q));
    }
    if let Some(tellers) = tellers {
        let held: Vec<usize> = (0..findings.len())
            .filter(|i| {
                let t = &findings[*i].1.test;
                t.label <= Certainty::Evidence && t.n_tellers < t.n
            })
            .collect();
        if !held.is_empty() {
            let clusters = tellers.clusters();
            let check = |i: &usize| {
                let (job, f) = &findings[*i];
                let data = clustered(job, &f.kept, &cats, &sliders, &clusters);
                teller_aware(&data, f.test.effect.name)
            };
            let results = in_parallel(&held, check);
            for (i, result) in held.into_iter().zip(results) {
                let test = &mut findings[i].1.test;
                if result.as_ref().is_some_and(|r| !r.holds) {
                    test.label = Certainty::Weak;
                }
                test.teller_aware = result;
            }
        }
    }
    let mut tests: Vec<Test> = findings.into_iter().map(|(_, f)| f.test).collect();
    tests.sort_by(|x, y| x.q.total_cmp(&y.q));
    tests
}

/// The whole report as JSON (the shape of sensemaking.md §3).
#[must_use]
pub fn analyze(stories: &Stories, min_group: usize) -> Value {
    // The triads' summaries and the hybrid profile run beside the tests: the tests share the
    // cores among themselves, but not all the time (the categoricals and sliders are prepared
    // first), and the profile is one long sequential pass.
    let ((triads, profile), tests) = super::beside(
        || {
            (
                triad_summaries(stories),
                super::hybrid::hybrid_profile(stories),
            )
        },
        || tests(stories, min_group),
    );
    let n_tellers = (stories.tellers.as_ref()).map_or(stories.len, |t| t.distinct(0..stories.len));
    json!({ "n_stories": stories.len, "n_tellers": n_tellers, "tests": tests, "triads": triads,
            "hybrid_profile": profile })
}

/// Each triad's mean, geometric mean and zone shares (the report's `triads`).
fn triad_summaries(stories: &Stories) -> Vec<Value> {
    stories
        .fields
        .iter()
        .filter_map(|f| match &f.column {
            Column::Triad(v) => {
                let points: Vec<Composition> = v.iter().flatten().copied().collect();
                let m = mean(&points)?;
                let g = geometric_mean(&points, 0.01)?;
                let z = zone_shares(&points);
                Some(json!({ "id": f.name, "n": points.len(), "mean": m.parts(), "geometric_mean": g.parts(),
                             "zones": { "a": z.a, "b": z.b, "c": z.c, "ab": z.ab, "bc": z.bc, "ac": z.ac, "centre": z.centre } }))
            }
            _ => None,
        })
        .collect()
}

mod clustered;
mod contingency;
mod correlation;
mod effect;
mod groups;
#[cfg(test)]
mod tests;
