//! Tandem's analytics: pure computation on columnar data, with no I/O.
//!
//! The numbers Tandem shows managers must be honest: correct tests, effect sizes with intervals,
//! false-discovery-rate control and small-group suppression. Keeping them here, free of the web
//! and the database, lets every function be checked against its reference implementation and
//! benchmarked at a million stories.
//!
//! # Layout
//! - [`suppression`]: small-group suppression (k-anonymity threshold with complementary
//!   suppression), applied to every aggregate anyone sees.
//! - [`filter_guard`]: filtered views that cannot single anyone out by comparing two filters.
//! - [`stats`]: the two-sided tests and effect sizes of catalysis, matched to SciPy.
//! - [`ternary`]: triad answers as compositions; arithmetic and Aitchison means; entropy.
//! - [`stories`]: stories as columns, the story CSV reader and the `tandem analyze` report.
//! - [`zones`]: zone shares, triangular density bins and bootstrap centroid regions.
//! - [`regions`]: a marked region of a landscape and its share per period with intervals.
//! - [`profile`]: the hybrid management profile's logic indices (mix, blending, segmentation,
//!   story classes, pattern, transition, manager–team gap).
//! - [`profile_extras`]: friction, processor uptake and bootstrap intervals of the profile.
//! - [`sensegiving`]: the profile's sensegiving balance (leaders and stakeholders).
//! - [`run_chart`]: the run-chart rules (shift, trend, runs) for probes' course measures.
//! - [`rhythm`]: the weekly pulse (submission rate, indices against their normal range) and the
//!   monthly identity check-in (role centroid drift, processor share).

pub mod filter_guard;
pub mod gap;
pub mod profile;
pub mod profile_extras;
pub mod regions;
pub mod rhythm;
pub mod run_chart;
pub mod sensegiving;
pub mod stats;
pub mod stories;
pub mod suppression;
pub mod ternary;
pub mod zones;

pub use suppression::{MinGroupSize, Shown, SuppressedDistribution, suppress_distribution};
