//! A share's 95 % interval: the Wilson score interval, which stays inside [0, 1] and keeps a
//! sensible width for small counts and shares near 0 or 1, where the normal ("Wald") interval
//! collapses. Matches `scipy.stats.binomtest(k, n).proportion_ci(method="wilson")`.

use statrs::distribution::{ContinuousCDF, Normal};

/// A share with its 95 % Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShareInterval {
    /// The observed share, `successes / n`.
    pub share: f64,
    /// The interval's lower end.
    pub low: f64,
    /// The interval's upper end.
    pub high: f64,
}

/// The share of `successes` among `n` with its 95 % Wilson score interval; `None` for `n = 0`
/// or more successes than trials.
#[must_use]
pub fn wilson(successes: u64, n: u64) -> Option<ShareInterval> {
    if n == 0 || successes > n {
        return None;
    }
    // The 97.5th percentile of the standard normal: two-sided 95 %.
    let z = Normal::standard().inverse_cdf(0.975);
    let (k, n) = (successes as f64, n as f64);
    let p = k / n;
    let q = 1.0 - p;
    let z2 = z * z;
    let denominator = 2.0 * (n + z2);
    let centre = (2.0 * n * p + z2) / denominator;
    let half = z * (4.0 * n * p * q + z2).sqrt() / denominator;
    // At the edges the interval touches 0 or 1 exactly, as SciPy reports it.
    let low = if successes == 0 { 0.0 } else { centre - half };
    let high = if k == n { 1.0 } else { centre + half };
    Some(ShareInterval {
        share: p,
        low: low.max(0.0),
        high: high.min(1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_holds_the_share_and_stays_in_the_unit_range() {
        let s = wilson(12, 40).expect("a share");
        assert!((s.share - 0.3).abs() < 1e-12);
        assert!(s.low < 0.3 && 0.3 < s.high, "{s:?}");
        let none = wilson(0, 7).expect("a share");
        assert!(none.low == 0.0 && none.high > 0.0 && none.high < 0.5);
        let all = wilson(7, 7).expect("a share");
        assert!(all.high == 1.0 && all.low > 0.5);
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson(3, 2), None);
    }

    #[test]
    fn more_stories_narrow_the_interval() {
        let few = wilson(5, 10).expect("a share");
        let many = wilson(500, 1000).expect("a share");
        assert!(many.high - many.low < few.high - few.low);
    }
}
