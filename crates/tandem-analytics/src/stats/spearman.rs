//! Slider × slider: Spearman ρ with the t-test SciPy uses (`scipy.stats.spearmanr`, n − 2 degrees
//! of freedom) and a 95 % confidence interval by Fisher's z.

use statrs::distribution::{ContinuousCDF, StudentsT};

use super::NotComputable;
use super::ranks::average_ranks;

/// z for a two-sided 95 % interval.
const Z_975: f64 = 1.959_963_984_540_054;

/// The result of a Spearman correlation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spearman {
    /// ρ, the Pearson correlation of the ranks.
    pub rho: f64,
    /// Two-sided p.
    pub p: f64,
    /// 95 % interval for ρ (none for |ρ| = 1 or n ≤ 3).
    pub ci: Option<(f64, f64)>,
}

/// Correlates two sliders answered together (pairs with both answers only).
///
/// # Errors
/// [`NotComputable`] for fewer than 3 pairs, unequal lengths, or a constant column.
pub fn spearman(x: &[f64], y: &[f64]) -> Result<Spearman, NotComputable> {
    if x.len() != y.len() || x.len() < 3 {
        return Err(NotComputable::TooFewObservations);
    }
    let (rx, _) = average_ranks(x);
    let (ry, _) = average_ranks(y);
    spearman_from_ranks(&rx, &ry)
}

/// Spearman from the two columns' average ranks (over the pairs with both answers) — what a
/// report computes from one sort of each column.
///
/// # Errors
/// [`NotComputable`] for fewer than 3 pairs, unequal lengths, or a constant column.
pub fn spearman_from_ranks(rx: &[f64], ry: &[f64]) -> Result<Spearman, NotComputable> {
    if rx.len() != ry.len() || rx.len() < 3 {
        return Err(NotComputable::TooFewObservations);
    }
    let n = rx.len() as f64;
    let mean = (n + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(ry) {
        sxy += (a - mean) * (b - mean);
        sxx += (a - mean) * (a - mean);
        syy += (b - mean) * (b - mean);
    }
    spearman_from_sums(rx.len(), sxx, syy, sxy)
}

/// Spearman from the centred sums of the ranks over `n` pairs: Σ(rx − r̄)², Σ(ry − r̄)² and
/// Σ(rx − r̄)(ry − r̄), with r̄ = (n + 1) / 2 — what a report accumulates from per-value counts
/// when both sliders take few distinct values.
///
/// # Errors
/// [`NotComputable`] for fewer than 3 pairs or a constant column.
pub fn spearman_from_sums(
    pairs: usize,
    sxx: f64,
    syy: f64,
    sxy: f64,
) -> Result<Spearman, NotComputable> {
    if pairs < 3 {
        return Err(NotComputable::TooFewObservations);
    }
    let n = pairs as f64;
    if sxx == 0.0 || syy == 0.0 {
        return Err(NotComputable::NoVariation);
    }
    let rho = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let df = n - 2.0;
    let p = if rho.abs() >= 1.0 {
        0.0
    } else {
        let t = rho * (df / ((rho + 1.0) * (1.0 - rho))).max(0.0).sqrt();
        StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |d| 2.0 * d.sf(t.abs()))
    };
    let ci = (rho.abs() < 1.0 && n > 3.0).then(|| {
        let z = rho.atanh();
        let se = 1.0 / (n - 3.0).sqrt();
        ((z - Z_975 * se).tanh(), (z + Z_975 * se).tanh())
    });
    Ok(Spearman {
        rho,
        p: p.min(1.0),
        ci,
    })
}
