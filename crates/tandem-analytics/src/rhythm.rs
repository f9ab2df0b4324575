//! The team's rhythms (sensemaking practices 1 and 6): the weekly pulse — how many of the team
//! told a story each week, and whether the week's co-production share and blending stay within
//! their normal range — and the monthly identity check-in — how the team's role centroid (T2)
//! drifts and how many stories show the social worker as a processor.
//!
//! A period with fewer than [`MIN_SHOWN`] stories shows no index (it says little and points at
//! its tellers). The normal range is the mean ± 2 standard deviations of the previous
//! [`BASELINE_PERIODS`] shown periods, once at least [`MIN_BASELINE`] of them exist.

use std::collections::BTreeSet;

use crate::profile::{MIN_SHOWN, distance};
use crate::ternary::{Composition, mean};

/// How many earlier shown periods the normal range is drawn from.
pub const BASELINE_PERIODS: usize = 8;
/// The fewest earlier shown periods a normal range needs.
pub const MIN_BASELINE: usize = 4;
/// A story's processor weight from which it shows the social worker as a processor (item 8).
pub const PROCESSOR_WEIGHT: f64 = 0.5;

/// One story as the rhythms read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RhythmStory {
    /// The period it falls in (0 = the oldest shown).
    pub period: usize,
    /// Its teller, when a member of staff (an index into the team's members, or any stable
    /// number per person), for the submission rate.
    pub teller: Option<u64>,
    /// Its logic weights (T1).
    pub logic: Option<Composition>,
    /// Its role weights (T2: administrator, provider, processor).
    pub role: Option<Composition>,
}

/// A value with whether it lies outside the normal range of the periods before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Watched {
    /// The value.
    pub value: f64,
    /// The normal range (low, high), when there were enough earlier periods.
    pub range: Option<(f64, f64)>,
}

impl Watched {
    /// Whether the value left its normal range.
    #[must_use]
    pub fn outside(&self) -> bool {
        self.range
            .is_some_and(|(low, high)| self.value < low || self.value > high)
    }
}

/// One week of the pulse.
#[derive(Debug, Clone, PartialEq)]
pub struct PulseWeek {
    /// Stories told.
    pub stories: usize,
    /// Different members of staff who told one.
    pub tellers: usize,
    /// Tellers over the team's members (none when the team has no members).
    pub submission_rate: Option<f64>,
    /// The mean co-production (NPG) weight, with its normal range; none under [`MIN_SHOWN`].
    pub together: Option<Watched>,
    /// Blending B (profile item 2), with its normal range; none under [`MIN_SHOWN`].
    pub blending: Option<Watched>,
}

/// One month of the identity check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityMonth {
    /// Stories with a T2 answer.
    pub stories: usize,
    /// The role centroid; none under [`MIN_SHOWN`].
    pub centroid: Option<Composition>,
    /// The share of stories showing a processor; none under [`MIN_SHOWN`].
    pub processor_share: Option<f64>,
    /// How far the centroid moved since the previous shown month (Euclidean).
    pub drift: Option<f64>,
}

/// The mean ± 2 sample standard deviations of the last [`BASELINE_PERIODS`] of `earlier`, when
/// there are at least [`MIN_BASELINE`].
#[must_use]
pub fn normal_range(earlier: &[f64]) -> Option<(f64, f64)> {
    let recent = &earlier[earlier.len().saturating_sub(BASELINE_PERIODS)..];
    if recent.len() < MIN_BASELINE {
        return None;
    }
    #[allow(clippy::cast_precision_loss)] // at most eight periods
    let n = recent.len() as f64;
    let m = recent.iter().sum::<f64>() / n;
    let var = recent.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    let spread = 2.0 * var.sqrt();
    Some((m - spread, m + spread))
}

/// Watches a series: each shown value with the normal range of the shown values before it.
fn watch(values: &[Option<f64>]) -> Vec<Option<Watched>> {
    let mut earlier = Vec::new();
    values
        .iter()
        .map(|v| {
            v.map(|value| {
                let watched = Watched {
                    value,
                    range: normal_range(&earlier),
                };
                earlier.push(value);
                watched
            })
        })
        .collect()
}

/// The stories of `period` with a logic answer.
fn logic_of(stories: &[RhythmStory], period: usize) -> Vec<Composition> {
    stories
        .iter()
        .filter(|s| s.period == period)
        .filter_map(|s| s.logic)
        .collect()
}

/// The weekly pulse over `periods` weeks for a team of `members`.
#[must_use]
pub fn pulse(stories: &[RhythmStory], periods: usize, members: usize) -> Vec<PulseWeek> {
    let mut together = Vec::with_capacity(periods);
    let mut blending = Vec::with_capacity(periods);
    for period in 0..periods {
        let logic = logic_of(stories, period);
        let shown = logic.len() >= MIN_SHOWN;
        together.push(shown.then(|| mean(&logic).map(|m| m.parts()[2])).flatten());
        #[allow(clippy::cast_precision_loss)] // a week's stories
        blending.push(
            shown.then(|| logic.iter().map(Composition::entropy).sum::<f64>() / logic.len() as f64),
        );
    }
    let together = watch(&together);
    let blending = watch(&blending);
    (0..periods)
        .map(|period| {
            let week: Vec<&RhythmStory> = stories.iter().filter(|s| s.period == period).collect();
            let tellers: BTreeSet<u64> = week.iter().filter_map(|s| s.teller).collect();
            #[allow(clippy::cast_precision_loss)] // a team's members
            PulseWeek {
                stories: week.len(),
                tellers: tellers.len(),
                submission_rate: (members > 0)
                    .then(|| tellers.len().min(members) as f64 / members as f64),
                together: together[period],
                blending: blending[period],
            }
        })
        .collect()
}

/// The monthly identity check-in over `periods` months.
#[must_use]
pub fn identity(stories: &[RhythmStory], periods: usize) -> Vec<IdentityMonth> {
    let mut previous: Option<Composition> = None;
    (0..periods)
        .map(|period| {
            let roles: Vec<Composition> = stories
                .iter()
                .filter(|s| s.period == period)
                .filter_map(|s| s.role)
                .collect();
            let shown = roles.len() >= MIN_SHOWN;
            let centroid = shown.then(|| mean(&roles)).flatten();
            #[allow(clippy::cast_precision_loss)] // a month's stories
            let processor_share = shown.then(|| {
                roles
                    .iter()
                    .filter(|r| r.parts()[2] >= PROCESSOR_WEIGHT)
                    .count() as f64
                    / roles.len() as f64
            });
            let drift = match (previous, centroid) {
                (Some(before), Some(now)) => Some(distance(&before, &now)),
                _ => None,
            };
            if centroid.is_some() {
                previous = centroid;
            }
            IdentityMonth {
                stories: roles.len(),
                centroid,
                processor_share,
                drift,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(w: [f64; 3]) -> Composition {
        Composition::from_weights(w).expect("weights")
    }

    #[test]
    fn the_normal_range_is_two_deviations_around_the_recent_mean() {
        assert_eq!(
            normal_range(&[0.5, 0.5, 0.5]),
            None,
            "three periods are too few"
        );
        // 0.4, 0.5, 0.6, 0.5: mean 0.5, sample variance 0.02 / 3, sd 0.08165.
        let (low, high) = normal_range(&[0.4, 0.5, 0.6, 0.5]).expect("four");
        let sd = (0.02_f64 / 3.0).sqrt();
        assert!((low - (0.5 - 2.0 * sd)).abs() < 1e-12);
        assert!((high - (0.5 + 2.0 * sd)).abs() < 1e-12);
        // Only the last eight count: a wild first value is forgotten.
        let mut values = vec![100.0];
        values.extend([0.5; 8]);
        assert_eq!(normal_range(&values), Some((0.5, 0.5)));
    }

    #[test]
    fn the_pulse_counts_tellers_and_flags_a_week_outside_its_range() {
        let story = |period, teller, g: f64| RhythmStory {
            period,
            teller: Some(teller),
            logic: Some(c([1.0 - g, 0.0, g])),
            role: None,
        };
        let mut stories = Vec::new();
        // Weeks 0–4: five stories each from tellers 0–4, co-production 0.40, 0.42, 0.38, 0.40,
        // 0.40; week 5: 0.9 — far outside; week 6: three stories (not shown).
        for (week, g) in [0.40, 0.42, 0.38, 0.40, 0.40, 0.9].iter().enumerate() {
            for teller in 0..5 {
                stories.push(story(week, teller, *g));
            }
        }
        for teller in 0..3 {
            stories.push(story(6, teller, 0.5));
        }
        let weeks = pulse(&stories, 7, 10);
        assert_eq!(weeks[0].tellers, 5);
        assert_eq!(weeks[0].submission_rate, Some(0.5));
        assert!(
            weeks[3].together.expect("shown").range.is_none(),
            "three earlier weeks"
        );
        let fourth = weeks[4].together.expect("shown");
        assert!(!fourth.outside());
        let fifth = weeks[5].together.expect("shown");
        assert!((fifth.value - 0.9).abs() < 1e-12);
        assert!(fifth.outside(), "{fifth:?}");
        assert_eq!(weeks[6].stories, 3);
        assert_eq!(weeks[6].together, None, "under five stories");
        // Each story mixes two logics, so the weeks blend.
        assert!(weeks[0].blending.expect("shown").value > 0.0);
        assert_eq!(pulse(&stories, 7, 0)[0].submission_rate, None);
    }

    #[test]
    fn identity_tracks_the_role_centroid_and_processor_share() {
        let story = |period, role| RhythmStory {
            period,
            teller: None,
            logic: None,
            role: Some(c(role)),
        };
        let mut stories = Vec::new();
        for _ in 0..5 {
            stories.push(story(0, [0.8, 0.1, 0.1]));
        }
        for i in 0..5 {
            let processor = if i < 3 {
                [0.1, 0.1, 0.8]
            } else {
                [0.5, 0.3, 0.2]
            };
            stories.push(story(2, processor));
        }
        stories.push(story(1, [0.0, 0.0, 1.0]));
        let months = identity(&stories, 3);
        assert_eq!(months[0].processor_share, Some(0.0));
        assert_eq!(months[1].centroid, None, "one story");
        assert_eq!(months[1].drift, None);
        assert_eq!(months[2].processor_share, Some(0.6));
        // Month 2's centroid: (3·0.1 + 2·0.5, 3·0.1 + 2·0.3, 3·0.8 + 2·0.2) / 5 = (0.26, 0.18, 0.56);
        // the drift is measured from month 0's (0.8, 0.1, 0.1), the last shown month.
        let centroid = months[2].centroid.expect("shown").parts();
        for (got, want) in centroid.iter().zip([0.26, 0.18, 0.56]) {
            assert!((got - want).abs() < 1e-12, "{centroid:?}");
        }
        let want =
            ((0.26_f64 - 0.8).powi(2) + (0.18_f64 - 0.1).powi(2) + (0.56_f64 - 0.1).powi(2)).sqrt();
        assert!((months[2].drift.expect("a drift") - want).abs() < 1e-12);
    }
}
