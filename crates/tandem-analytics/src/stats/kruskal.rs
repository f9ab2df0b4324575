//! Slider × choice with three or more groups: Kruskal–Wallis H with tie correction
//! (`scipy.stats.kruskal`) and ε² = H / (n − 1).

use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::NotComputable;
use super::ranks::{average_ranks, tie_term};

/// The result of a Kruskal–Wallis test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KruskalWallis {
    /// H, corrected for ties.
    pub h: f64,
    /// Groups − 1.
    pub df: u32,
    /// p from χ² with `df` degrees of freedom.
    pub p: f64,
    /// ε² = H / (n − 1).
    pub epsilon_squared: f64,
}

/// Compares several groups of slider values.
///
/// # Errors
/// [`NotComputable`] for fewer than two non-empty groups or when all values are equal.
pub fn kruskal_wallis(groups: &[&[f64]]) -> Result<KruskalWallis, NotComputable> {
    let groups: Vec<&[f64]> = groups.iter().copied().filter(|g| !g.is_empty()).collect();
    if groups.len() < 2 {
        return Err(NotComputable::TooFewGroups);
    }
    let all: Vec<f64> = groups.iter().flat_map(|g| g.iter().copied()).collect();
    let (ranks, ties) = average_ranks(&all);
    let mut offset = 0;
    let mut sums = Vec::with_capacity(groups.len());
    for group in &groups {
        sums.push((
            group.len(),
            ranks[offset..offset + group.len()].iter().sum(),
        ));
        offset += group.len();
    }
    kruskal_from_rank_sums(&sums, &ties)
}

/// Kruskal–Wallis from each group's size and rank sum (ranks over all groups together) and the
/// tie-group sizes — what a report computes from one sort of the column.
///
/// # Errors
/// [`NotComputable`] for fewer than two non-empty groups or when all values are equal.
pub fn kruskal_from_rank_sums(
    groups: &[(usize, f64)],
    ties: &[usize],
) -> Result<KruskalWallis, NotComputable> {
    let groups: Vec<(usize, f64)> = groups.iter().copied().filter(|g| g.0 > 0).collect();
    if groups.len() < 2 {
        return Err(NotComputable::TooFewGroups);
    }
    let n = groups.iter().map(|g| g.0).sum::<usize>() as f64;
    let correction = 1.0 - tie_term(ties) / (n * n * n - n);
    if correction <= 0.0 {
        return Err(NotComputable::NoVariation);
    }
    let between: f64 = groups
        .iter()
        .map(|(size, sum)| sum * sum / *size as f64)
        .sum();
    let h = (12.0 / (n * (n + 1.0)) * between - 3.0 * (n + 1.0)) / correction;
    let df = u32::try_from(groups.len() - 1).unwrap_or(u32::MAX);
    let p = ChiSquared::new(f64::from(df)).map_or(f64::NAN, |d| d.sf(h));
    Ok(KruskalWallis {
        h,
        df,
        p,
        epsilon_squared: h / (n - 1.0),
    })
}
