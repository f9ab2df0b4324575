//! Slider × choice with two groups: Mann–Whitney U, two-sided, as
//! `scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="auto")` computes it: the exact
//! distribution when a group has at most 8 values and there are no ties, otherwise the normal
//! approximation with tie and continuity corrections.

use statrs::distribution::{ContinuousCDF, Normal};

use super::NotComputable;
use super::ranks::{average_ranks, tie_term};

/// The result of a Mann–Whitney U test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U of the first group (SciPy's convention).
    pub u: f64,
    /// Two-sided p.
    pub p: f64,
    /// Rank-biserial correlation 2U / (n₁n₂) − 1: positive when the first group ranks higher.
    pub rank_biserial: f64,
    /// Whether the exact distribution was used.
    pub exact: bool,
}

/// Compares two groups of slider values.
///
/// # Errors
/// [`NotComputable`] when a group is empty or every value is equal.
pub fn mann_whitney(x: &[f64], y: &[f64]) -> Result<MannWhitney, NotComputable> {
    if x.is_empty() || y.is_empty() {
        return Err(NotComputable::TooFewObservations);
    }
    let all: Vec<f64> = x.iter().chain(y).copied().collect();
    let (ranks, ties) = average_ranks(&all);
    mann_whitney_from_ranks(x.len(), y.len(), ranks[..x.len()].iter().sum(), &ties)
}

/// Mann–Whitney from the group sizes, the first group's rank sum (ranks over both groups
/// together) and the tie-group sizes — what a report computes from one sort of the column.
///
/// # Errors
/// [`NotComputable`] when a group is empty or every value is equal.
pub fn mann_whitney_from_ranks(
    n1: usize,
    n2: usize,
    r1: f64,
    ties: &[usize],
) -> Result<MannWhitney, NotComputable> {
    if n1 == 0 || n2 == 0 {
        return Err(NotComputable::TooFewObservations);
    }
    if ties.first() == Some(&(n1 + n2)) {
        return Err(NotComputable::NoVariation);
    }
    let (f1, f2) = (n1 as f64, n2 as f64);
    let u1 = r1 - f1 * (f1 + 1.0) / 2.0;
    let u = u1.max(f1 * f2 - u1);
    let exact = (n1 <= 8 || n2 <= 8) && ties.is_empty();
    let p = if exact {
        2.0 * exact_upper_tail(n1, n2, u.round() as usize)
    } else {
        let n = f1 + f2;
        let s = (f1 * f2 / 12.0 * ((n + 1.0) - tie_term(ties) / (n * (n - 1.0)))).sqrt();
        let z = (u - f1 * f2 / 2.0 - 0.5) / s;
        2.0 * Normal::standard().sf(z)
    };
    Ok(MannWhitney {
        u: u1,
        p: p.clamp(0.0, 1.0),
        rank_biserial: 2.0 * u1 / (f1 * f2) - 1.0,
        exact,
    })
}

/// P(U ≥ k) under the null hypothesis, from the exact distribution of U for group sizes n1, n2:
/// the number of ways to place the first group's values among all n1 + n2 ranks so that they
/// beat exactly u of the second group's values.
fn exact_upper_tail(n1: usize, n2: usize, k: usize) -> f64 {
    let (m, n) = if n1 <= n2 { (n1, n2) } else { (n2, n1) };
    let max_u = m * n;
    // ways[j][u]: ways to choose j of the ranks seen so far with U = u (counts fit f64 exactly
    // for the sizes where the exact method is used).
    let mut ways = vec![vec![0.0f64; max_u + 1]; m + 1];
    ways[0][0] = 1.0;
    for position in 0..(m + n) {
        // Choosing the value at `position` for the small group, when j are already chosen,
        // beats (position − j) values of the other group.
        for j in (1..=m.min(position + 1)).rev() {
            let beaten = position + 1 - j;
            if beaten > n {
                continue;
            }
            for u in (beaten..=max_u).rev() {
                let add = ways[j - 1][u - beaten];
                if add != 0.0 {
                    ways[j][u] += add;
                }
            }
        }
    }
    let total: f64 = ways[m].iter().sum();
    let tail: f64 = ways[m].iter().skip(k).sum();
    tail / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_distribution_of_u_is_a_distribution() {
        assert!((exact_upper_tail(3, 4, 0) - 1.0).abs() < 1e-12);
        // U for sizes 2 and 2 takes 0..=4 with counts 1,1,2,1,1 out of 6.
        assert!((exact_upper_tail(2, 2, 4) - 1.0 / 6.0).abs() < 1e-12);
        assert!((exact_upper_tail(2, 2, 2) - 4.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn identical_values_are_not_computable() {
        assert_eq!(
            mann_whitney(&[5.0, 5.0], &[5.0, 5.0, 5.0]),
            Err(NotComputable::NoVariation)
        );
        assert_eq!(
            mann_whitney(&[], &[1.0]),
            Err(NotComputable::TooFewObservations)
        );
    }
}
