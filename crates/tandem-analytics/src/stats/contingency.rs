//! Choice × choice: Pearson chi-square without continuity correction, Cramér's V, and Fisher's
//! exact test for 2×2 tables (`scipy.stats.chi2_contingency(t, correction=False)`,
//! `scipy.stats.contingency.association(t, method="cramer")`, `scipy.stats.fisher_exact`).

use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::factorial::ln_binomial;

use super::NotComputable;

/// A chi-square test on a contingency table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChiSquare {
    /// Σ (observed − expected)² / expected.
    pub statistic: f64,
    /// (rows − 1)(columns − 1).
    pub df: u32,
    /// Two-sided p (upper tail of χ²).
    pub p: f64,
    /// Cramér's V = √(χ² / (n (min(r, c) − 1))).
    pub cramers_v: f64,
    /// False when more than 20 % of expected counts are below 5 (and the table is not 2×2).
    pub reliable: bool,
}

/// Chi-square test of independence on `table` (rows × columns of counts).
///
/// # Errors
/// [`NotComputable`] when a row or column is empty or there are fewer than 2 rows or columns.
pub fn chi_square(table: &[Vec<u64>]) -> Result<ChiSquare, NotComputable> {
    let rows = table.len();
    let cols = table.first().map_or(0, Vec::len);
    if rows < 2 || cols < 2 || table.iter().any(|r| r.len() != cols) {
        return Err(NotComputable::TooFewGroups);
    }
    let row_sums: Vec<f64> = table.iter().map(|r| r.iter().sum::<u64>() as f64).collect();
    let col_sums: Vec<f64> = (0..cols)
        .map(|c| table.iter().map(|r| r[c]).sum::<u64>() as f64)
        .collect();
    let n: f64 = row_sums.iter().sum();
    if row_sums.contains(&0.0) || col_sums.contains(&0.0) {
        return Err(NotComputable::TooFewGroups);
    }
    let mut statistic = 0.0;
    let mut small = 0usize;
    for (r, row) in table.iter().enumerate() {
        for (c, &observed) in row.iter().enumerate() {
            let expected = row_sums[r] * col_sums[c] / n;
            if expected < 5.0 {
                small += 1;
            }
            let diff = observed as f64 - expected;
            statistic += diff * diff / expected;
        }
    }
    let df = u32::try_from((rows - 1) * (cols - 1)).unwrap_or(u32::MAX);
    let p = ChiSquared::new(f64::from(df)).map_or(f64::NAN, |d| d.sf(statistic));
    let k = rows.min(cols) as f64 - 1.0;
    let reliable = (rows == 2 && cols == 2) || (small as f64) <= 0.2 * (rows * cols) as f64;
    Ok(ChiSquare {
        statistic,
        df,
        p,
        cramers_v: (statistic / (n * k)).sqrt(),
        reliable,
    })
}

/// Fisher's exact test on a 2×2 table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fisher {
    /// The sample odds ratio a·d / (b·c); infinite when b or c is 0.
    pub odds_ratio: f64,
    /// Two-sided p: the probability of tables no more likely than the observed one.
    pub p: f64,
}

/// Fisher's exact test, two-sided, as SciPy computes it.
#[must_use]
pub fn fisher_exact(table: [[u64; 2]; 2]) -> Fisher {
    let [[a, b], [c, d]] = table;
    let odds_ratio = if c > 0 && b > 0 {
        (a * d) as f64 / (c * b) as f64
    } else {
        f64::INFINITY
    };
    let (n1, n2, n) = (a + b, c + d, a + c);
    if n1 == 0 || n2 == 0 || n == 0 || b + d == 0 {
        return Fisher {
            odds_ratio: f64::NAN,
            p: 1.0,
        };
    }
    // Hypergeometric probability of k in the top-left cell with the margins fixed.
    let pmf =
        |k: u64| (ln_binomial(n1, k) + ln_binomial(n2, n - k) - ln_binomial(n1 + n2, n)).exp();
    let low = n.saturating_sub(n2);
    let high = n.min(n1);
    let observed = pmf(a);
    // SciPy's tolerance for "as likely as the observed table".
    let limit = observed * (1.0 + 1e-14);
    let p: f64 = (low..=high).map(pmf).filter(|&q| q <= limit).sum();
    Fisher {
        odds_ratio,
        p: p.min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_column_is_not_computable() {
        assert_eq!(
            chi_square(&[vec![3, 0], vec![4, 0]]),
            Err(NotComputable::TooFewGroups)
        );
        assert_eq!(chi_square(&[vec![3, 4]]), Err(NotComputable::TooFewGroups));
    }

    #[test]
    fn a_sparse_large_table_is_flagged_unreliable() {
        let result = chi_square(&[vec![1, 2, 1], vec![2, 1, 30]]).expect("computable");
        assert!(!result.reliable);
    }
}
