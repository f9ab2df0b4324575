//! Two-sided statistical tests with effect sizes, matching SciPy 1.14 (the reference named in
//! the sensemaking specification) to 1e-6 relative on statistic and p.
//!
//! Degenerate input never yields NaN: it yields [`NotComputable`] with the reason, which reports
//! show in words.
//!
//! # Layout
//! - [`ranks`]: average ranks and tie groups, shared by the rank tests.
//! - [`contingency`]: Pearson chi-square (no continuity correction), Cramér's V, Fisher's exact.
//! - [`mann_whitney`]: Mann–Whitney U (exact or asymptotic, as SciPy chooses) and rank-biserial r.
//! - [`kruskal`]: Kruskal–Wallis H and ε².
//! - [`spearman`]: Spearman ρ with its t-test and Fisher-z interval.
//! - [`fdr`]: Benjamini–Hochberg q-values.
//! - [`proportion`]: a share's 95 % Wilson interval.

pub mod contingency;
pub mod fdr;
pub mod kruskal;
pub mod mann_whitney;
pub mod proportion;
pub mod ranks;
pub mod spearman;

use thiserror::Error;

/// Why a test has no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum NotComputable {
    /// Fewer observations than the test needs.
    #[error("too few observations")]
    TooFewObservations,
    /// Fewer than two groups (or table rows/columns) with data.
    #[error("fewer than two groups")]
    TooFewGroups,
    /// Every value is the same, so there is nothing to rank or correlate.
    #[error("all values are equal")]
    NoVariation,
}
