//! The teller-aware result of a finding (sensemaking.md §6): does the effect still hold when
//! whole tellers, not single stories, are what varies?
//!
//! The SciPy test treats every story as independent. Forty people telling 25 stories each, with
//! strong personal habits and no association in the population, then give "evidence" for most
//! pairs of questions, since one person's habits in two questions look like an association. The
//! teller-aware result is a **cluster bootstrap** (Davison & Hinkley 1997, §3.8; Field & Welsh
//! 2007): each of [`RESAMPLES`] resamples draws tellers with replacement, all of a drawn teller's
//! stories come along, the effect size is computed again, and the 2.5th and 97.5th percentiles
//! (NumPy's linear interpolation) are the 95 % interval.
//!
//! The interval must clear the null value for the finding to hold:
//! - ρ and rank-biserial r: 0, so the interval must not contain 0.
//! - Cramér's V and ε², which are never below 0 and grow with every person's habits: what they
//!   are on average under [`RESAMPLES`] **permutations of whole tellers** — each teller keeps
//!   the answers to the first question and takes another teller's answers to the second: each
//!   of its stories the answer of one of the other's stories, drawn at random. That keeps every
//!   person's habits and breaks any association between the two questions, within and
//!   between people. (A simulation of 40 tellers with strong habits: 4 % of pairs without an
//!   association hold, 100 % of pairs with one.)
//!
//! A resample in which the effect cannot be computed (a group not drawn at all, every value
//! equal) counts as no effect (0): the doubt goes against the finding.
//!
//! **Cap.** A resample draws at most [`MAX_DRAWN`] tellers (an m-out-of-n bootstrap, Bickel,
//! Götze & van Zwet 1997, without rescaling), and the permutations run among [`MAX_DRAWN`]
//! tellers chosen at random once: with more tellers than that, the result is that of a sample
//! of [`MAX_DRAWN`] people, whose interval is wider than the whole set's. It bounds the work
//! on a million stories from 40,000 tellers (1.9–2.3 s in all on this machine kind, against
//! 2.4–2.5 s at 500 tellers: `docs/PERFORMANCE.md`).
//!
//! **Reproducible.** The draws come from SplitMix64 (Steele, Lea & Flood 2014) seeded with
//! [`SEED`], a generator short enough that the reference script (`tools/fixtures/
//! generate_teller_fixtures.py`) draws the same tellers and recomputes every resample with SciPy.

use serde::Serialize;

use super::report::EffectName;
use super::tellers::Clusters;

/// Resamples per finding (the specification asks for at least 1,000).
pub const RESAMPLES: usize = 1_000;

/// The seed of every finding's draws.
pub const SEED: u64 = 20_261_207;

/// The most tellers one resample draws.
pub const MAX_DRAWN: usize = 200;

/// Above this many levels, a resample ranks only the levels it drew (sorted), instead of
/// walking every level.
const SPARSE_ABOVE: usize = 4096;

/// Up to this many cells (groups × levels, or levels × levels), a resample counts its stories
/// into a table in one pass and ranks from the table; beyond, it ranks the stories in two.
const TABLE_CELLS: usize = 1 << 16;

/// The teller-aware result of one finding (the report's `teller_aware`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TellerAware {
    /// The 95 % percentile interval of the effect size over the resamples.
    pub interval: [f64; 2],
    /// The value the interval must clear: 0 for ρ and r; for V and ε², their mean under
    /// permutations of whole tellers.
    pub null: f64,
    /// Whether the interval clears it.
    pub holds: bool,
    /// The resamples drawn.
    pub resamples: usize,
    /// The tellers of the test's stories.
    pub tellers: usize,
    /// The tellers one resample draws (all of them, up to [`MAX_DRAWN`]).
    pub drawn: usize,
}

/// SplitMix64: the generator of the draws, written out so the reference script can repeat it.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (the high half of a 128-bit product, as the script computes it).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// A test's stories grouped by teller: each story as a pair of codes (row and column of a
/// table; group and level of a slider; the levels of two sliders), one teller's stories
/// together, tellers in the order of [`super::tellers::Tellers::clusters`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Clustered {
    starts: Vec<u32>,
    pairs: Vec<(u32, u32)>,
    /// Each pair as its cell of the table (`a · b_len + b`), when the table has at most
    /// [`TABLE_CELLS`] cells: the resamples' hot loop reads two bytes a story, not eight, and
    /// a million stories' cells stay in the processor's cache.
    cells: Vec<u16>,
    /// How many values the first and the second code take.
    a_len: usize,
    b_len: usize,
}

impl Clustered {
    pub(crate) fn new(a_len: usize, b_len: usize) -> Self {
        Self {
            starts: vec![0],
            pairs: Vec::new(),
            cells: Vec::new(),
            a_len,
            b_len,
        }
    }

    /// The stories of `clusters`, teller by teller, as `pair(row)` gives them (`None`: the story
    /// is not in the test).
    pub(crate) fn of(
        clusters: &Clusters,
        a_len: usize,
        b_len: usize,
        pair: impl Fn(usize) -> Option<(u32, u32)>,
    ) -> Self {
        let mut out = Self::new(a_len, b_len);
        for teller in clusters.starts.windows(2) {
            for row in &clusters.rows[teller[0] as usize..teller[1] as usize] {
                if let Some((a, b)) = pair(*row as usize) {
                    out.push(a, b);
                }
            }
            out.end_teller();
        }
        out
    }

    /// Adds a story of the current teller.
    pub(crate) fn push(&mut self, a: u32, b: u32) {
        self.pairs.push((a, b));
        if self.a_len * self.b_len <= TABLE_CELLS {
            // Below 2¹⁶ cells, every cell's index fits in 16 bits.
            self.cells
                .push((a as usize * self.b_len + b as usize) as u16);
        }
    }

    /// Ends the current teller (a teller without stories in the test is not one of its tellers).
    pub(crate) fn end_teller(&mut self) {
        let end = self.pairs.len() as u32;
        if self.starts.last() != Some(&end) {
            self.starts.push(end);
        }
    }

    fn tellers(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn stories_of(&self, teller: usize) -> &[(u32, u32)] {
        &self.pairs[self.starts[teller] as usize..self.starts[teller + 1] as usize]
    }

    /// The teller's stories as cells, when the table is small enough to have them.
    fn cells_of(&self, teller: usize) -> Option<&[u16]> {
        (self.cells.len() == self.pairs.len())
            .then(|| &self.cells[self.starts[teller] as usize..self.starts[teller + 1] as usize])
    }
}

/// The teller-aware result of a finding with effect `effect` on `data`. `None` for fewer than
/// two tellers.
pub(crate) fn teller_aware(data: &Clustered, effect: EffectName) -> Option<TellerAware> {
    let tellers = data.tellers();
    if tellers < 2 {
        return None;
    }
    let drawn = tellers.min(MAX_DRAWN);
    let mut rng = SplitMix64(SEED);
    let mut work = Work::new(data.a_len, data.b_len);
    let mut draws = Vec::with_capacity(drawn);
    let mut values: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            draws.clear();
            draws.extend((0..drawn).map(|_| rng.below(tellers)));
            if work.tabled(effect) {
                work.count_tellers(data, &draws);
                finite(work.table_effect(effect))
            } else {
                let stories = || draws.iter().flat_map(|t| data.stories_of(*t)).copied();
                finite(work.effect(effect, stories))
            }
        })
        .collect();
    values.sort_by(f64::total_cmp);
    let interval = [percentile(&values, 0.025), percentile(&values, 0.975)];
    let null = match effect {
        EffectName::Rho | EffectName::RankBiserial => 0.0,
        EffectName::CramersV | EffectName::EpsilonSquared => {
            permuted_mean(data, effect, drawn, &mut rng, &mut work)
        }
    };
    let holds = match effect {
        EffectName::Rho | EffectName::RankBiserial => interval[0] > 0.0 || interval[1] < 0.0,
        EffectName::CramersV | EffectName::EpsilonSquared => interval[0] > null,
    };
    Some(TellerAware {
        interval,
        null,
        holds,
        resamples: RESAMPLES,
        tellers,
        drawn,
    })
}

/// A resample whose effect cannot be computed counts as no effect.
fn finite(value: f64) -> f64 {
    if value.is_finite() { value } else { 0.0 }
}

/// The mean effect over [`RESAMPLES`] permutations of whole tellers among `drawn` tellers
/// chosen at random (all of them, within the cap): each keeps its first answers, and each of
/// its stories takes the second answer of a story drawn at random from the teller the
/// permutation gives it.
fn permuted_mean(
    data: &Clustered,
    effect: EffectName,
    drawn: usize,
    rng: &mut SplitMix64,
    work: &mut Work,
) -> f64 {
    let mut chosen: Vec<usize> = (0..data.tellers()).collect();
    shuffle(&mut chosen, rng);
    chosen.truncate(drawn);
    let mut donors = chosen.clone();
    let mut pairs = Vec::new();
    let total: f64 = (0..RESAMPLES)
        .map(|_| {
            shuffle(&mut donors, rng);
            pairs.clear();
            for (teller, donor) in chosen.iter().zip(&donors) {
                let theirs = data.stories_of(*donor);
                for (a, _) in data.stories_of(*teller) {
                    pairs.push((*a, theirs[rng.below(theirs.len())].1));
                }
            }
            finite(work.effect(effect, || pairs.iter().copied()))
        })
        .sum();
    total / RESAMPLES as f64
}

/// Fisher–Yates, from the last position down, as the reference script shuffles.
fn shuffle(items: &mut [usize], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// The `q`-quantile of sorted values with linear interpolation (NumPy's default).
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let low = h.floor() as usize;
    let high = (low + 1).min(sorted.len() - 1);
    let t = h - low as f64;
    let (a, b) = (sorted[low], sorted[high]);
    // NumPy's `_lerp`, which counts from the nearer end.
    if t >= 0.5 {
        b - (b - a) * (1.0 - t)
    } else {
        a + (b - a) * t
    }
}

/// The counts one resample fills, kept between resamples so nothing is allocated per resample.
struct Work {
    table: Vec<u64>,
    a: Levels,
    b: Levels,
    a_len: usize,
    b_len: usize,
}

impl Work {
    fn new(a_len: usize, b_len: usize) -> Self {
        Self {
            table: Vec::new(),
            a: Levels::new(a_len),
            b: Levels::new(b_len),
            a_len,
            b_len,
        }
    }

    /// The effect size of the stories `stories()` yields (called twice for the rank effects).
    fn effect<I>(&mut self, effect: EffectName, stories: impl Fn() -> I) -> f64
    where
        I: Iterator<Item = (u32, u32)>,
    {
        if self.tabled(effect) {
            self.count(stories());
            return self.table_effect(effect);
        }
        self.effect_by_levels(effect, stories)
    }

    /// Whether the effect is computed from a table of counts (always for V).
    fn tabled(&self, effect: EffectName) -> bool {
        effect == EffectName::CramersV || self.a_len * self.b_len <= TABLE_CELLS
    }

    /// Counts the stories of `tellers` into `table`: the resamples' hot loop, written out.
    fn count_tellers(&mut self, data: &Clustered, tellers: &[usize]) {
        let width = self.b_len;
        self.table.clear();
        self.table.resize(self.a_len * width, 0);
        for teller in tellers {
            if let Some(cells) = data.cells_of(*teller) {
                for cell in cells {
                    self.table[usize::from(*cell)] += 1;
                }
            } else {
                for (a, b) in data.stories_of(*teller) {
                    self.table[*a as usize * width + *b as usize] += 1;
                }
            }
        }
    }

    /// The effect of the counted table.
    fn table_effect(&self, effect: EffectName) -> f64 {
        if effect == EffectName::CramersV {
            self.cramers_v()
        } else {
            self.rank_effect(effect)
        }
    }

    /// A rank effect from two passes over the stories: the first ranks the levels drawn, the
    /// second sums the ranks (for tables too large to count into).
    fn effect_by_levels<I>(&mut self, effect: EffectName, stories: impl Fn() -> I) -> f64
    where
        I: Iterator<Item = (u32, u32)>,
    {
        match effect {
            EffectName::RankBiserial | EffectName::EpsilonSquared => {
                self.b.clear();
                stories().for_each(|(_, level)| self.b.add(level));
                self.b.rank();
                let mut sizes = vec![0u64; self.a_len];
                let mut sums = vec![0.0f64; self.a_len];
                for (group, level) in stories() {
                    sizes[group as usize] += 1;
                    sums[group as usize] += self.b.rank_of[level as usize];
                }
                if effect == EffectName::RankBiserial {
                    rank_biserial(&sizes, &sums)
                } else {
                    epsilon_squared(&sizes, &sums, self.b.n, self.b.ties)
                }
            }
            EffectName::Rho | EffectName::CramersV => {
                self.a.clear();
                self.b.clear();
                for (x, y) in stories() {
                    self.a.add(x);
                    self.b.add(y);
                }
                self.a.rank();
                self.b.rank();
                let mean = (self.a.n as f64 + 1.0) / 2.0;
                let sxy: f64 = stories()
                    .map(|(x, y)| {
                        (self.a.rank_of[x as usize] - mean) * (self.b.rank_of[y as usize] - mean)
                    })
                    .sum();
                let (sxx, syy) = (self.a.spread(mean), self.b.spread(mean));
                if sxx > 0.0 && syy > 0.0 {
                    sxy / (sxx * syy).sqrt()
                } else {
                    0.0
                }
            }
        }
    }

    /// Counts the drawn stories into `table` (`a` rows, `b` columns).
    fn count(&mut self, stories: impl Iterator<Item = (u32, u32)>) {
        let width = self.b_len;
        self.table.clear();
        self.table.resize(self.a_len * width, 0);
        for (a, b) in stories {
            self.table[a as usize * width + b as usize] += 1;
        }
    }

    /// A rank effect from the counted table: each column (or row) a level whose stories share
    /// the average rank of the block they fill.
    fn rank_effect(&self, effect: EffectName) -> f64 {
        let (height, width) = (self.a_len, self.b_len);
        let cell = |r: usize, c: usize| self.table[r * width + c];
        let cols: Vec<u64> = (0..width)
            .map(|c| (0..height).map(|r| cell(r, c)).sum())
            .collect();
        let rows: Vec<u64> = (0..height)
            .map(|r| (0..width).map(|c| cell(r, c)).sum())
            .collect();
        let (col_rank, n, ties) = block_ranks(&cols);
        if effect == EffectName::Rho {
            let (row_rank, _, _) = block_ranks(&rows);
            let mean = (n as f64 + 1.0) / 2.0;
            let spread = |counts: &[u64], ranks: &[f64]| -> f64 {
                (counts.iter().zip(ranks))
                    .map(|(c, r)| *c as f64 * (r - mean) * (r - mean))
                    .sum()
            };
            let (sxx, syy) = (spread(&rows, &row_rank), spread(&cols, &col_rank));
            let mut sxy = 0.0;
            for (r, rank) in row_rank.iter().enumerate().filter(|(r, _)| rows[*r] > 0) {
                for (c, other) in col_rank.iter().enumerate() {
                    let count = cell(r, c);
                    if count > 0 {
                        sxy += count as f64 * (rank - mean) * (other - mean);
                    }
                }
            }
            return if sxx > 0.0 && syy > 0.0 {
                sxy / (sxx * syy).sqrt()
            } else {
                0.0
            };
        }
        let sums: Vec<f64> = (0..height)
            .map(|r| (0..width).map(|c| cell(r, c) as f64 * col_rank[c]).sum())
            .collect();
        if effect == EffectName::RankBiserial {
            rank_biserial(&rows, &sums)
        } else {
            epsilon_squared(&rows, &sums, n, ties)
        }
    }

    /// Cramér's V of the counted table, its empty rows and columns left out.
    fn cramers_v(&self) -> f64 {
        let (height, width) = (self.a_len, self.b_len);
        let rows: Vec<f64> = (self.table.chunks(width))
            .map(|r| r.iter().sum::<u64>() as f64)
            .collect();
        let cols: Vec<f64> = (0..width)
            .map(|c| (0..height).map(|r| self.table[r * width + c]).sum::<u64>() as f64)
            .collect();
        let n: f64 = rows.iter().sum();
        let (kept_rows, kept_cols) = (
            rows.iter().filter(|r| **r > 0.0).count(),
            cols.iter().filter(|c| **c > 0.0).count(),
        );
        if kept_rows < 2 || kept_cols < 2 {
            return 0.0;
        }
        let mut chi = 0.0;
        for (r, row) in rows.iter().enumerate().filter(|(_, s)| **s > 0.0) {
            for (c, col) in cols.iter().enumerate().filter(|(_, s)| **s > 0.0) {
                let expected = row * col / n;
                let observed = self.table[r * width + c] as f64;
                chi += (observed - expected) * (observed - expected) / expected;
            }
        }
        (chi / (n * (kept_rows.min(kept_cols) - 1) as f64)).sqrt()
    }
}

/// Each level's average rank from the stories per level (levels in ascending order), the
/// stories in all, and Σ (t³ − t) over the tie blocks.
fn block_ranks(counts: &[u64]) -> (Vec<f64>, u64, f64) {
    let (mut before, mut ties) = (0u64, 0.0);
    let ranks = counts
        .iter()
        .map(|c| {
            let rank = before as f64 + (*c as f64 + 1.0) / 2.0;
            before += c;
            let c = *c as f64;
            ties += c * c * c - c;
            rank
        })
        .collect();
    (ranks, before, ties)
}

/// Rank-biserial r = 2·U₁ / (n₁·n₂) − 1 from the first two groups' sizes and rank sums.
fn rank_biserial(sizes: &[u64], sums: &[f64]) -> f64 {
    let (n1, n2) = (sizes[0] as f64, sizes[1] as f64);
    if n1 == 0.0 || n2 == 0.0 {
        return 0.0;
    }
    let u1 = sums[0] - n1 * (n1 + 1.0) / 2.0;
    2.0 * u1 / (n1 * n2) - 1.0
}

/// ε² = H / (n − 1), H tie-corrected, over the groups drawn at all.
fn epsilon_squared(sizes: &[u64], sums: &[f64], n: u64, ties: f64) -> f64 {
    let groups = sizes.iter().filter(|s| **s > 0).count();
    let n = n as f64;
    let correction = 1.0 - ties / (n * n * n - n);
    if groups < 2 || correction <= 0.0 {
        return 0.0;
    }
    let between: f64 = (sizes.iter().zip(sums))
        .filter(|(s, _)| **s > 0)
        .map(|(s, r)| r * r / *s as f64)
        .sum();
    let h = (12.0 / (n * (n + 1.0)) * between - 3.0 * (n + 1.0)) / correction;
    h / (n - 1.0)
}

/// The stories per level of one code in a resample, and each level's average rank.
struct Levels {
    counts: Vec<u64>,
    rank_of: Vec<f64>,
    /// The levels drawn, when there are too many levels to walk them all.
    touched: Option<Vec<u32>>,
    n: u64,
    /// Σ (t³ − t) over the tie blocks.
    ties: f64,
}

impl Levels {
    fn new(len: usize) -> Self {
        Self {
            counts: vec![0; len],
            rank_of: vec![0.0; len],
            touched: (len > SPARSE_ABOVE).then(Vec::new),
            n: 0,
            ties: 0.0,
        }
    }

    fn clear(&mut self) {
        match &mut self.touched {
            Some(touched) => {
                touched.iter().for_each(|l| self.counts[*l as usize] = 0);
                touched.clear();
            }
            None => self.counts.fill(0),
        }
    }

    fn add(&mut self, level: u32) {
        let count = &mut self.counts[level as usize];
        if *count == 0
            && let Some(touched) = &mut self.touched
        {
            touched.push(level);
        }
        *count += 1;
    }

    /// Each drawn level's average rank, the stories drawn and the tie term.
    fn rank(&mut self) {
        let (mut before, mut ties) = (0u64, 0.0);
        let mut visit = |level: usize, counts: &[u64], rank_of: &mut [f64]| {
            let c = counts[level];
            if c > 0 {
                rank_of[level] = before as f64 + (c as f64 + 1.0) / 2.0;
                before += c;
                let c = c as f64;
                ties += c * c * c - c;
            }
        };
        match &mut self.touched {
            Some(touched) => {
                touched.sort_unstable();
                for level in touched.iter() {
                    visit(*level as usize, &self.counts, &mut self.rank_of);
                }
            }
            None => (0..self.counts.len()).for_each(|l| visit(l, &self.counts, &mut self.rank_of)),
        }
        (self.n, self.ties) = (before, ties);
    }

    /// Σ count · (rank − mean)² over the drawn levels.
    fn spread(&self, mean: f64) -> f64 {
        let term = |l: usize| {
            let d = self.rank_of[l] - mean;
            self.counts[l] as f64 * d * d
        };
        match &self.touched {
            Some(touched) => touched.iter().map(|l| term(*l as usize)).sum(),
            None => (0..self.counts.len())
                .filter(|l| self.counts[*l] > 0)
                .map(term)
                .sum(),
        }
    }
}

#[cfg(test)]
mod tests;
