//! The `tandem analyze` report: every pair of questions (and question × metadata) tested once
//! with the test the specification names for its types, Benjamini–Hochberg q-values over the whole
//! report, and triad summaries. Groups under `min_group` stories are dropped before a test, and,
//! when the stories name their tellers, groups under `min_group` people too (one person's five
//! stories are not five people); every test says how many people (`n_tellers`) its stories come
//! from. Results that cannot be computed are left out rather than reported as NaN.

use serde::Serialize;
use serde_json::{Value, json};

pub use effect::{Effect, EffectName, Size};

use super::teller_aware::{Clustered, TellerAware, teller_aware};
use super::tellers::{Clusters, Tellers};
use super::{Column, Field, Stories, in_parallel};
use crate::stats::contingency::{chi_square, fisher_exact};
use crate::stats::fdr::benjamini_hochberg;
use crate::stats::kruskal::kruskal_from_rank_sums;
use crate::stats::mann_whitney::mann_whitney_from_ranks;
use crate::stats::ranks::{sorted_order, subset_ranks};
use crate::stats::spearman::{Spearman, spearman_from_ranks, spearman_from_sums};
use crate::ternary::{Composition, geometric_mean, mean};
use crate::zones::zone_shares;

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

/// Calls `each(row, x, y)` for every story that answered both `a` and `b`.
fn answered_both(
    a: &Categorical<'_>,
    b: &Categorical<'_>,
    mut each: impl FnMut(usize, usize, usize),
) {
    match (&a.codes, &b.codes) {
        (Some(xs), Some(ys)) => {
            for (row, (x, y)) in xs.iter().zip(ys).enumerate() {
                if *x != NO_CODE && *y != NO_CODE {
                    each(row, usize::from(*x), usize::from(*y));
                }
            }
        }
        _ => {
            for (row, (x, y)) in a.values.iter().zip(&b.values).enumerate() {
                if let (Some(x), Some(y)) = (x, y) {
                    each(row, *x as usize, *y as usize);
                }
            }
        }
    }
}

fn contingency(
    a: &Categorical<'_>,
    b: &Categorical<'_>,
    min_group: usize,
    tellers: Option<&Tellers>,
) -> Option<Finding> {
    // One pass over the stories fills the whole table; rows and columns with fewer than
    // `min_group` stories (among those answering both) are then dropped.
    let (width, height) = (b.labels.len(), a.labels.len());
    let mut full = vec![0u64; width * height];
    match (&a.codes, &b.codes) {
        (Some(xs), Some(ys)) => {
            for (x, y) in xs.iter().zip(ys) {
                if *x != NO_CODE && *y != NO_CODE {
                    full[usize::from(*x) * width + usize::from(*y)] += 1;
                }
            }
        }
        _ => {
            for (x, y) in a.values.iter().zip(&b.values) {
                if let (Some(x), Some(y)) = (x, y) {
                    full[*x as usize * width + *y as usize] += 1;
                }
            }
        }
    }
    let enough = |n: u64| usize::try_from(n).is_ok_and(|n| n >= min_group);
    // People, not stories: with tellers known, a row or column also needs `min_group` of them.
    // One pass collects the tellers of each row and each column.
    let people = tellers.map(|t| {
        let (mut by_row, mut by_col) = (t.by_group(height), t.by_group(width));
        answered_both(a, b, |row, x, y| {
            by_row.add(x, row);
            by_col.add(y, row);
        });
        (by_row, by_col)
    });
    let rows: Vec<u32> = (0..height as u32)
        .filter(|r| enough((0..width).map(|c| full[*r as usize * width + c]).sum()))
        .filter(|r| (people.as_ref()).is_none_or(|(p, _)| p.count(*r as usize) >= min_group))
        .collect();
    let cols: Vec<u32> = (0..width as u32)
        .filter(|c| enough((0..height).map(|r| full[r * width + *c as usize]).sum()))
        .filter(|c| (people.as_ref()).is_none_or(|(_, p)| p.count(*c as usize) >= min_group))
        .collect();
    if rows.len() < 2 || cols.len() < 2 {
        return None;
    }
    let table: Vec<Vec<u64>> = rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| full[*r as usize * width + *c as usize])
                .collect()
        })
        .collect();
    let n: u64 = table.iter().flatten().sum();
    let chi = chi_square(&table).ok()?;
    let groups: Vec<String> = rows.iter().map(|r| a.labels[*r as usize].clone()).collect();
    let small_2x2 = table.len() == 2 && table[0].len() == 2 && {
        let total = n as f64;
        let row = |i: usize| table[i].iter().sum::<u64>() as f64;
        let col = |j: usize| (table[0][j] + table[1][j]) as f64;
        (0..2).any(|i| (0..2).any(|j| row(i) * col(j) / total < 5.0))
    };
    let smaller_side = (rows.len().min(cols.len()) - 1) as u32;
    let effect = Effect::new(EffectName::CramersV, chi.cramers_v, None, smaller_side);
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    // The people in the kept cells: the kept rows' tellers when every column is kept (or the
    // kept columns' when every row is), else one more pass.
    let n_tellers = people.as_ref().map(|(by_row, by_col)| {
        if cols.len() == width {
            by_row.union(rows.iter().map(|r| *r as usize))
        } else if rows.len() == height {
            by_col.union(cols.iter().map(|c| *c as usize))
        } else {
            let (mut in_row, mut in_col) = (vec![false; height], vec![false; width]);
            rows.iter().for_each(|r| in_row[*r as usize] = true);
            cols.iter().for_each(|c| in_col[*c as usize] = true);
            let mut kept = by_row.tellers().by_group(1);
            answered_both(a, b, |row, x, y| {
                if in_row[x] && in_col[y] {
                    kept.add(0, row);
                }
            });
            kept.count(0)
        }
    });
    let kept = Kept::Table(
        rows.iter().map(|r| *r as usize).collect(),
        cols.iter().map(|c| *c as usize).collect(),
    );
    if small_2x2 {
        let f = fisher_exact([[table[0][0], table[0][1]], [table[1][0], table[1][1]]]);
        let kind = TestKind::FisherExact;
        Finding::new(
            kind,
            &a.name,
            &b.name,
            n,
            f.odds_ratio,
            None,
            f.p,
            effect,
            groups,
            true,
        )
        .map(|f| f.told_by(n_tellers).kept(kept))
    } else {
        let kind = TestKind::ChiSquare;
        let df = Some(chi.df);
        Finding::new(
            kind,
            &a.name,
            &b.name,
            n,
            chi.statistic,
            df,
            chi.p,
            effect,
            groups,
            chi.reliable,
        )
        .map(|f| f.told_by(n_tellers).kept(kept))
    }
}

/// A slider column with its rows sorted once, shared by every test the slider enters.
struct Slider<'a> {
    name: &'a str,
    values: &'a [Option<f64>],
    order: Vec<u32>,
    /// For a slider with few distinct values (as answers from forms have): each row's level
    /// (the index of its value among the distinct values, ascending; `u32::MAX` when missing)
    /// and the number of levels. Group tests then count rows per level in one sequential pass
    /// instead of walking the sorted order, which jumps around memory.
    levels: Option<(Vec<u32>, usize)>,
}

/// The most distinct values for which group tests count by level.
const MAX_LEVELS: usize = 4096;

impl<'a> Slider<'a> {
    fn new(name: &'a str, values: &'a [Option<f64>]) -> Self {
        let levels = levels(values);
        // Only sliders with many distinct values walk a sorted order; the others are ranked by
        // level, and sorting a million rows would cost more than every test that uses them.
        let order = if levels.is_none() {
            sorted_order(values)
        } else {
            Vec::new()
        };
        Self {
            name,
            values,
            order,
            levels,
        }
    }

    /// The rows in ascending order of value (answered rows only), sorted on first use by the
    /// tests that walk it.
    fn order(&self) -> std::borrow::Cow<'_, [u32]> {
        if self.levels.is_none() {
            std::borrow::Cow::Borrowed(&self.order)
        } else {
            std::borrow::Cow::Owned(sorted_order(self.values))
        }
    }
}

/// Each row's level — the index of its value among the column's distinct values, ascending;
/// `u32::MAX` when missing — and the number of levels; `None` above [`MAX_LEVELS`] distinct
/// values. One pass collects the distinct values (−0 and 0 are one value), only they are sorted.
fn levels(values: &[Option<f64>]) -> Option<(Vec<u32>, usize)> {
    levels_up_to(values, MAX_LEVELS)
}

/// [`levels`] with another cap on the distinct values.
fn levels_up_to(values: &[Option<f64>], cap: usize) -> Option<(Vec<u32>, usize)> {
    let mut distinct: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for value in values.iter().flatten() {
        let key = (value + 0.0).to_bits();
        if !distinct.contains_key(&key) {
            if distinct.len() == cap {
                return None;
            }
            distinct.insert(key, 0);
        }
    }
    if distinct.is_empty() {
        return None;
    }
    let mut sorted: Vec<u64> = distinct.keys().copied().collect();
    sorted.sort_by(|a, b| f64::from_bits(*a).total_cmp(&f64::from_bits(*b)));
    for (level, key) in sorted.iter().enumerate() {
        distinct.insert(*key, level as u32);
    }
    let level_of = values
        .iter()
        .map(|v| v.map_or(u32::MAX, |v| distinct[&(v + 0.0).to_bits()]))
        .collect();
    Some((level_of, sorted.len()))
}

/// Rows per (label, level) in one sequential pass: `counts[label * levels + level]`.
fn counts_by_level(
    level_of: &[u32],
    levels: usize,
    group: &Categorical<'_>,
    labels: usize,
) -> Vec<u32> {
    let mut counts = vec![0u32; labels * levels];
    match &group.codes {
        Some(codes) => {
            for (level, label) in level_of.iter().zip(codes) {
                if *level != u32::MAX && *label != NO_CODE {
                    counts[usize::from(*label) * levels + *level as usize] += 1;
                }
            }
        }
        None => {
            for (level, label) in level_of.iter().zip(&group.values) {
                if *level != u32::MAX
                    && let Some(label) = label
                {
                    counts[*label as usize * levels + *level as usize] += 1;
                }
            }
        }
    }
    counts
}

/// Rank sums per kept group and tie-group sizes from per-level counts: each level is a tie
/// block whose rows (of the kept groups) share the mean of the ranks the block covers.
fn rank_sums_by_level(
    counts: &[u32],
    levels: usize,
    kept: &[usize],
) -> (usize, Vec<f64>, Vec<usize>) {
    let mut sums = vec![0.0f64; kept.len()];
    let mut ties = Vec::new();
    let mut before = 0usize;
    for level in 0..levels {
        let in_block: usize = kept
            .iter()
            .map(|label| counts[label * levels + level] as usize)
            .sum();
        if in_block == 0 {
            continue;
        }
        let rank = before as f64 + (in_block as f64 + 1.0) / 2.0;
        for (sum, label) in sums.iter_mut().zip(kept) {
            *sum += f64::from(counts[label * levels + level]) * rank;
        }
        if in_block > 1 {
            ties.push(in_block);
        }
        before += in_block;
    }
    (before, sums, ties)
}

fn by_group(
    slider: &Slider<'_>,
    group: &Categorical<'_>,
    min_group: usize,
    tellers: Option<&Tellers>,
) -> Option<Finding> {
    let labels = group.labels.len();
    // With levels, one pass counts rows per label and level, and the group sizes are the
    // table's row sums; otherwise one pass counts the groups.
    let counts = slider
        .levels
        .as_ref()
        .map(|(level_of, levels)| (counts_by_level(level_of, *levels, group, labels), *levels));
    let sizes: Vec<usize> = match &counts {
        Some((counts, levels)) => counts
            .chunks(*levels)
            .map(|row| row.iter().map(|c| *c as usize).sum())
            .collect(),
        None => {
            let mut sizes = vec![0usize; labels];
            for (v, g) in slider.values.iter().zip(&group.values) {
                if let (Some(_), Some(g)) = (v, g) {
                    sizes[*g as usize] += 1;
                }
            }
            sizes
        }
    };
    // People, not stories: with tellers known, a group also needs `min_group` of them.
    let people = tellers.map(|t| {
        let mut by_group = t.by_group(labels);
        for (row, (v, g)) in slider.values.iter().zip(&group.values).enumerate() {
            if let (Some(_), Some(g)) = (v, g) {
                by_group.add(*g as usize, row);
            }
        }
        by_group
    });
    // Kept groups in label order; `slot[label]` is the group's position among them.
    let mut slot = vec![usize::MAX; labels];
    let mut kept: Vec<usize> = Vec::new();
    for (label, size) in sizes.iter().enumerate() {
        if *size >= min_group && people.as_ref().is_none_or(|p| p.count(label) >= min_group) {
            slot[label] = kept.len();
            kept.push(label);
        }
    }
    if kept.len() < 2 {
        return None;
    }
    let group_of = |row: usize| {
        group.values[row]
            .map(|g| slot[g as usize])
            .filter(|s| *s != usize::MAX)
    };
    let (n, sums, ties) = match &counts {
        Some((counts, levels)) => rank_sums_by_level(counts, *levels, &kept),
        None => {
            let mut sums = vec![0.0f64; kept.len()];
            let (n, ties) = subset_ranks(
                &slider.order(),
                slider.values,
                |row| group_of(row).is_some(),
                |row, rank| {
                    if let Some(s) = group_of(row) {
                        sums[s] += rank;
                    }
                },
            );
            (n, sums, ties)
        }
    };
    let n_tellers = people.as_ref().map(|p| p.union(kept.iter().copied()));
    let names: Vec<String> = kept.iter().map(|l| group.labels[*l].clone()).collect();
    let name = slider.name;
    if kept.len() == 2 {
        let t = mann_whitney_from_ranks(sizes[kept[0]], sizes[kept[1]], sums[0], &ties).ok()?;
        let effect = Effect::new(EffectName::RankBiserial, t.rank_biserial, None, 1);
        let kind = TestKind::MannWhitney;
        return Finding::new(
            kind,
            name,
            &group.name,
            n,
            t.u,
            None,
            t.p,
            effect,
            names,
            true,
        )
        .map(|f| f.told_by(n_tellers).kept(Kept::Groups(kept)));
    }
    let groups: Vec<(usize, f64)> = kept
        .iter()
        .zip(&sums)
        .map(|(l, s)| (sizes[*l], *s))
        .collect();
    let t = kruskal_from_rank_sums(&groups, &ties).ok()?;
    let effect = Effect::new(EffectName::EpsilonSquared, t.epsilon_squared, None, 1);
    let (kind, df) = (TestKind::KruskalWallis, Some(t.df));
    Finding::new(
        kind,
        name,
        &group.name,
        n,
        t.h,
        df,
        t.p,
        effect,
        names,
        true,
    )
    .map(|f| f.told_by(n_tellers).kept(Kept::Groups(kept)))
}

/// The most cells of a joint level table for [`correlation_by_level`] (two sliders of 101
/// positions need 10,201).
const MAX_JOINT_CELLS: usize = 1 << 20;

/// Spearman's centred rank sums from a table of level pairs: one sequential pass counts the
/// pairs, each level's average rank comes from the marginal counts, and the sums run over the
/// table's cells instead of the stories.
fn correlation_by_level(
    (lx, nx): (&[u32], usize),
    (ly, ny): (&[u32], usize),
) -> (usize, f64, f64, f64) {
    let mut joint = vec![0u32; nx * ny];
    for (a, b) in lx.iter().zip(ly) {
        if *a != u32::MAX && *b != u32::MAX {
            joint[*a as usize * ny + *b as usize] += 1;
        }
    }
    let mut cx = vec![0u64; nx];
    let mut cy = vec![0u64; ny];
    for a in 0..nx {
        for b in 0..ny {
            let c = u64::from(joint[a * ny + b]);
            cx[a] += c;
            cy[b] += c;
        }
    }
    let average_ranks = |counts: &[u64]| {
        let mut before = 0u64;
        counts
            .iter()
            .map(|c| {
                let rank = before as f64 + (*c as f64 + 1.0) / 2.0;
                before += c;
                rank
            })
            .collect::<Vec<f64>>()
    };
    let (rx, ry) = (average_ranks(&cx), average_ranks(&cy));
    let n: u64 = cx.iter().sum();
    let mean = (n as f64 + 1.0) / 2.0;
    let sxx = cx
        .iter()
        .zip(&rx)
        .map(|(c, r)| *c as f64 * (r - mean) * (r - mean))
        .sum();
    let syy = cy
        .iter()
        .zip(&ry)
        .map(|(c, r)| *c as f64 * (r - mean) * (r - mean))
        .sum();
    let mut sxy = 0.0;
    for a in 0..nx {
        for b in 0..ny {
            let c = joint[a * ny + b];
            if c > 0 {
                sxy += f64::from(c) * (rx[a] - mean) * (ry[b] - mean);
            }
        }
    }
    (usize::try_from(n).unwrap_or(usize::MAX), sxx, syy, sxy)
}

fn correlation(x: &Slider<'_>, y: &Slider<'_>, tellers: Option<&Tellers>) -> Option<Finding> {
    let n_tellers = tellers.map(|t| {
        t.distinct((0..x.values.len()).filter(|r| x.values[*r].is_some() && y.values[*r].is_some()))
    });
    correlation_of(x, y).map(|f| f.told_by(n_tellers))
}

fn correlation_of(x: &Slider<'_>, y: &Slider<'_>) -> Option<Finding> {
    if let (Some((lx, nx)), Some((ly, ny))) = (&x.levels, &y.levels)
        && nx * ny <= MAX_JOINT_CELLS
    {
        let (n, sxx, syy, sxy) = correlation_by_level((lx, *nx), (ly, *ny));
        let t = spearman_from_sums(n, sxx, syy, sxy).ok()?;
        return spearman_finding(x.name, y.name, n, &t);
    }
    // Ranks of each column among the stories that answered both, from each column's one sort.
    let both = |row: usize| x.values[row].is_some() && y.values[row].is_some();
    let mut rx = vec![0.0f64; x.values.len()];
    let mut ry = vec![0.0f64; y.values.len()];
    subset_ranks(&x.order(), x.values, both, |row, rank| rx[row] = rank);
    subset_ranks(&y.order(), y.values, both, |row, rank| ry[row] = rank);
    let (xs, ys): (Vec<f64>, Vec<f64>) = (0..rx.len())
        .filter(|&r| both(r))
        .map(|r| (rx[r], ry[r]))
        .unzip();
    let t = spearman_from_ranks(&xs, &ys).ok()?;
    spearman_finding(x.name, y.name, xs.len(), &t)
}

fn spearman_finding(a: &str, b: &str, n: usize, t: &Spearman) -> Option<Finding> {
    let effect = Effect::new(EffectName::Rho, t.rho, t.ci.map(|(lo, hi)| [lo, hi]), 1);
    Finding::new(
        TestKind::Spearman,
        a,
        b,
        n,
        t.rho,
        None,
        t.p,
        effect,
        Vec::new(),
        true,
    )
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

/// A finding's stories grouped by teller, each as its pair of codes: a table's kept row and
/// column, a slider's kept group and level, or two sliders' levels.
fn clustered(
    job: &Job,
    kept: &Kept,
    cats: &[Categorical<'_>],
    sliders: &[Slider<'_>],
    clusters: &Clusters,
) -> Clustered {
    /// Each label's position among the kept labels (`u32::MAX` if dropped).
    fn slots(labels: usize, kept: &[usize]) -> Vec<u32> {
        let mut slot = vec![u32::MAX; labels];
        kept.iter()
            .enumerate()
            .for_each(|(i, l)| slot[*l] = i as u32);
        slot
    }
    let of_slot =
        |slot: &[u32], label: Option<usize>| label.map(|l| slot[l]).filter(|s| *s != u32::MAX);
    // A slider with too many distinct values for the tests' levels is levelled here.
    fn levels_of<'s>(slider: &'s Slider<'_>) -> (std::borrow::Cow<'s, [u32]>, usize) {
        match &slider.levels {
            Some((levels, count)) => (levels.as_slice().into(), *count),
            None => levels_up_to(slider.values, usize::MAX)
                .map_or((Vec::new().into(), 0), |(l, c)| (l.into(), c)),
        }
    }
    let level = |levels: &[u32], row: usize| levels.get(row).copied().filter(|l| *l != u32::MAX);
    match (job, kept) {
        (Job::Contingency(i, j), Kept::Table(rows, cols)) => {
            let (a, b) = (&cats[*i], &cats[*j]);
            let (row_slot, col_slot) = (slots(a.labels.len(), rows), slots(b.labels.len(), cols));
            Clustered::of(clusters, rows.len(), cols.len(), |row| {
                Some((
                    of_slot(&row_slot, a.code(row))?,
                    of_slot(&col_slot, b.code(row))?,
                ))
            })
        }
        (Job::ByGroup(s, g), Kept::Groups(groups)) => {
            let (slider, group) = (&sliders[*s], &cats[*g]);
            let slot = slots(group.labels.len(), groups);
            let (levels, count) = levels_of(slider);
            Clustered::of(clusters, groups.len(), count, |row| {
                Some((of_slot(&slot, group.code(row))?, level(&levels, row)?))
            })
        }
        (Job::Correlation(i, j), _) => {
            let ((x, nx), (y, ny)) = (levels_of(&sliders[*i]), levels_of(&sliders[*j]));
            Clustered::of(clusters, nx, ny, |row| {
                Some((level(&x, row)?, level(&y, row)?))
            })
        }
        _ => Clustered::default(),
    }
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

mod effect;
#[cfg(test)]
mod tests;
