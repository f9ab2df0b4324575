//! A slider in groups: Mann–Whitney U for two, Kruskal–Wallis H for more, from rank sums that
//! sliders with few distinct values (as forms give) count by level in one pass.

use super::{Categorical, Effect, EffectName, Finding, Kept, NO_CODE, TestKind};
use crate::stats::kruskal::kruskal_from_rank_sums;
use crate::stats::mann_whitney::mann_whitney_from_ranks;
use crate::stats::ranks::{sorted_order, subset_ranks};
use crate::stories::tellers::Tellers;

/// A slider column with its rows sorted once, shared by every test the slider enters.
pub(super) struct Slider<'a> {
    pub(super) name: &'a str,
    pub(super) values: &'a [Option<f64>],
    order: Vec<u32>,
    /// For a slider with few distinct values (as answers from forms have): each row's level
    /// (the index of its value among the distinct values, ascending; `u32::MAX` when missing)
    /// and the number of levels. Group tests then count rows per level in one sequential pass
    /// instead of walking the sorted order, which jumps around memory.
    pub(super) levels: Option<(Vec<u32>, usize)>,
}

/// The most distinct values for which group tests count by level.
const MAX_LEVELS: usize = 4096;

impl<'a> Slider<'a> {
    pub(super) fn new(name: &'a str, values: &'a [Option<f64>]) -> Self {
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
    pub(super) fn order(&self) -> std::borrow::Cow<'_, [u32]> {
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
pub(super) fn levels_up_to(values: &[Option<f64>], cap: usize) -> Option<(Vec<u32>, usize)> {
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

pub(super) fn by_group(
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
