//! The hybrid management profile, items 7, 8 and 12: friction among blended stories, processor
//! uptake and its alignment with co-production, and seeded bootstrap intervals for the logic
//! indices and friction.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::profile::{MIN_SHOWN, StoryClass, classify};
use crate::ternary::Composition;

/// Index of the co-production (NPG) corner in T1.
const NPG: usize = 2;
/// Index of the "process facilitator (processor)" corner in T2.
const PROCESSOR: usize = 2;

/// What the profile needs from one story beyond its T1 logic weights.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileStory {
    /// T1: what guided what people did (TPA, NPM, NPG).
    pub logic: Composition,
    /// T2: the social worker's role (administrator, provider, processor), if answered.
    pub role: Option<Composition>,
    /// D3 coherence slider scaled to [0, 1] (confusing → clear), if answered.
    pub coherence: Option<f64>,
    /// M3 contains frustrated, worried or powerless.
    pub strained_feeling: bool,
}

impl ProfileStory {
    /// Strain (item 7): a strained feeling, or coherence below 0.35.
    #[must_use]
    pub fn strained(&self) -> bool {
        self.strained_feeling || self.coherence.is_some_and(|c| c < 0.35)
    }
}

/// Item 7: friction among blends, beside the same rate among pure stories. Each rate is a
/// sub-slice and, like every slice of the profile, needs [`MIN_SHOWN`] stories.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Friction {
    /// Share of two- or three-logic blends showing strain (None under five blends).
    pub blends: Option<f64>,
    /// Share of pure stories showing strain (None under five pure stories).
    pub pure: Option<f64>,
}

/// Computes friction.
#[must_use]
pub fn friction(stories: &[ProfileStory]) -> Friction {
    let rate = |pick: &dyn Fn(StoryClass) -> bool| {
        let chosen: Vec<&ProfileStory> = stories
            .iter()
            .filter(|s| pick(classify(&s.logic)))
            .collect();
        (chosen.len() >= MIN_SHOWN)
            .then(|| chosen.iter().filter(|s| s.strained()).count() as f64 / chosen.len() as f64)
    };
    Friction {
        blends: rate(&|k| matches!(k, StoryClass::TwoLogicBlend | StoryClass::ThreeLogicBlend)),
        pure: rate(&|k| matches!(k, StoryClass::Pure(_))),
    }
}

/// Item 8: processor uptake and alignment, each from at least [`MIN_SHOWN`] stories.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uptake {
    /// Share of stories (with T2 answered) where the processor weight is at least 0.5.
    pub processor_share: Option<f64>,
    /// Of those, the share whose T1 leans most towards co-production (NPG).
    pub aligned_share: Option<f64>,
}

/// Computes processor uptake.
#[must_use]
pub fn uptake(stories: &[ProfileStory]) -> Uptake {
    let answered: Vec<&ProfileStory> = stories.iter().filter(|s| s.role.is_some()).collect();
    let processor: Vec<&&ProfileStory> = answered
        .iter()
        .filter(|s| s.role.is_some_and(|r| r.parts()[PROCESSOR] >= 0.5))
        .collect();
    let leaning_npg = |s: &ProfileStory| {
        let a = s.logic.parts();
        a[NPG] > a[0] && a[NPG] > a[1]
    };
    Uptake {
        processor_share: (answered.len() >= MIN_SHOWN)
            .then(|| processor.len() as f64 / answered.len() as f64),
        aligned_share: (processor.len() >= MIN_SHOWN).then(|| {
            processor.iter().filter(|s| leaning_npg(s)).count() as f64 / processor.len() as f64
        }),
    }
}

/// A 95 % percentile interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// 2.5th percentile.
    pub low: f64,
    /// 97.5th percentile.
    pub high: f64,
}

/// Bootstrap intervals for the logic mix (per part), blending and segmentation (item 12).
#[derive(Debug, Clone, PartialEq)]
pub struct LogicIntervals {
    /// Per part of m.
    pub mix: [Interval; 3],
    /// For B.
    pub blending: Interval,
    /// For L.
    pub segmentation: Interval,
}

/// 1,000 resamples with replacement from a fixed seed, so the same stories always give the same
/// intervals. `None` for fewer than two stories.
#[must_use]
pub fn bootstrap_logic(
    stories: &[Composition],
    resamples: usize,
    seed: u64,
) -> Option<LogicIntervals> {
    if stories.len() < 2 || resamples == 0 {
        return None;
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let n = stories.len();
    let mut parts: [Vec<f64>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut blending = Vec::with_capacity(resamples);
    let mut segmentation = Vec::with_capacity(resamples);
    // Each story's entropy once; a resample then only sums parts and entropies of the drawn
    // stories (the same draws, in the same order, as collecting the sample first would make).
    let entropies: Vec<f64> = stories.iter().map(Composition::entropy).collect();
    for _ in 0..resamples {
        let mut sum = [0.0f64; 3];
        let mut entropy = 0.0;
        for _ in 0..n {
            let drawn = rng.random_range(0..n);
            for (s, part) in sum.iter_mut().zip(stories[drawn].parts()) {
                *s += part;
            }
            entropy += entropies[drawn];
        }
        let m = Composition::from_weights(sum.map(|s| s / n as f64)).ok()?;
        let b = entropy / n as f64;
        for (list, value) in parts.iter_mut().zip(m.parts()) {
            list.push(value);
        }
        blending.push(b);
        segmentation.push((m.entropy() - b).max(0.0));
    }
    let [mut a, mut b, mut c] = parts;
    Some(LogicIntervals {
        mix: [
            percentile_interval(&mut a)?,
            percentile_interval(&mut b)?,
            percentile_interval(&mut c)?,
        ],
        blending: percentile_interval(&mut blending)?,
        segmentation: percentile_interval(&mut segmentation)?,
    })
}

/// A seeded bootstrap interval for friction among blends (item 12: F, like m, B and L): each
/// resample draws as many stories as there are, with replacement, and takes the share of strained
/// stories among the blends drawn. `None` under five blends (no rate is shown then either); a
/// resample that happens to draw no blend has no rate and is left out of the percentiles.
#[must_use]
pub fn bootstrap_friction(
    stories: &[ProfileStory],
    resamples: usize,
    seed: u64,
) -> Option<Interval> {
    if stories.len() < 2 || resamples == 0 {
        return None;
    }
    // Per story: (is a blend, is strained), worked out once.
    let kinds: Vec<(bool, bool)> = stories
        .iter()
        .map(|s| {
            let blend = matches!(
                classify(&s.logic),
                StoryClass::TwoLogicBlend | StoryClass::ThreeLogicBlend
            );
            (blend, s.strained())
        })
        .collect();
    if kinds.iter().filter(|(blend, _)| *blend).count() < MIN_SHOWN {
        return None;
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let n = stories.len();
    let mut rates = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let (mut blends, mut strained) = (0usize, 0usize);
        for _ in 0..n {
            let (blend, strain) = kinds[rng.random_range(0..n)];
            if blend {
                blends += 1;
                strained += usize::from(strain);
            }
        }
        if blends > 0 {
            rates.push(strained as f64 / blends as f64);
        }
    }
    percentile_interval(&mut rates)
}

/// The 2.5th and 97.5th percentiles (nearest rank), `None` for no values.
fn percentile_interval(values: &mut [f64]) -> Option<Interval> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    Some(Interval {
        low: at(0.025),
        high: at(0.975),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(a: f64, b: f64, c: f64) -> Composition {
        Composition::from_weights([a, b, c]).expect("composition")
    }

    fn story(logic: Composition, strained: bool) -> ProfileStory {
        ProfileStory {
            logic,
            role: None,
            coherence: None,
            strained_feeling: strained,
        }
    }

    #[test]
    fn friction_compares_strain_among_blends_with_strain_among_pure_stories() {
        let once = vec![
            story(c(0.45, 0.45, 0.1), true),
            story(c(0.4, 0.3, 0.3), false),
            ProfileStory {
                coherence: Some(0.2),
                ..story(c(0.3, 0.3, 0.4), false)
            },
            story(c(0.9, 0.05, 0.05), false),
            story(c(0.05, 0.05, 0.9), true),
            story(c(0.55, 0.29, 0.16), true), // leaning: in neither rate
        ];
        let stories: Vec<ProfileStory> = once.iter().cycle().take(30).cloned().collect();
        let f = friction(&stories);
        assert!((f.blends.expect("blends") - 2.0 / 3.0).abs() < 1e-12);
        assert!((f.pure.expect("pure") - 0.5).abs() < 1e-12);
        // Three blends and two pure stories: both slices under five, neither rate shown.
        assert_eq!(
            friction(&once),
            Friction {
                blends: None,
                pure: None
            }
        );
        assert_eq!(
            friction(&[]),
            Friction {
                blends: None,
                pure: None
            }
        );
    }

    #[test]
    fn uptake_counts_processor_stories_and_their_co_production_lean() {
        let with_role = |logic, role| ProfileStory {
            role: Some(role),
            ..story(logic, false)
        };
        let once = vec![
            with_role(c(0.1, 0.1, 0.8), c(0.1, 0.2, 0.7)),
            with_role(c(0.6, 0.3, 0.1), c(0.2, 0.3, 0.5)),
            with_role(c(0.3, 0.3, 0.4), c(0.6, 0.2, 0.2)),
            story(c(0.1, 0.1, 0.8), false), // T2 not answered
        ];
        let few = uptake(&once);
        assert_eq!(
            (few.processor_share, few.aligned_share),
            (None, None),
            "3 answered"
        );
        let u = uptake(&once.iter().cycle().take(20).cloned().collect::<Vec<_>>());
        assert!((u.processor_share.expect("share") - 2.0 / 3.0).abs() < 1e-12);
        assert!((u.aligned_share.expect("aligned") - 0.5).abs() < 1e-12);
    }

    #[test]
    fn bootstrap_intervals_are_reproducible_and_contain_the_estimate() {
        let stories: Vec<Composition> = (0..40)
            .map(|i| {
                let x = f64::from(i % 7) / 10.0;
                c(0.2 + x, 0.3, 0.5 - x / 2.0)
            })
            .collect();
        let a = bootstrap_logic(&stories, 1000, 42).expect("intervals");
        let b = bootstrap_logic(&stories, 1000, 42).expect("intervals");
        assert_eq!(a, b, "same seed, same intervals");
        let m = crate::ternary::mean(&stories).expect("mean").parts();
        for (interval, value) in a.mix.iter().zip(m) {
            assert!(
                interval.low <= value && value <= interval.high,
                "{interval:?} {value}"
            );
            assert!(interval.high - interval.low < 0.2);
        }
        assert!(bootstrap_logic(&stories[..1], 1000, 42).is_none());
    }

    #[test]
    fn the_friction_interval_is_reproducible_surrounds_the_rate_and_needs_blends() {
        // 30 blends of which 12 strained, 20 pure stories (their strain does not count).
        let mut stories: Vec<ProfileStory> = (0..30)
            .map(|i| story(c(0.45, 0.45, 0.1), i % 5 < 2))
            .collect();
        stories.extend((0..20).map(|i| story(c(0.9, 0.05, 0.05), i % 2 == 0)));
        let rate = friction(&stories).blends.expect("blends");
        assert!((rate - 0.4).abs() < 1e-12);
        let a = bootstrap_friction(&stories, 1000, 7).expect("interval");
        assert_eq!(Some(a), bootstrap_friction(&stories, 1000, 7), "same seed");
        assert!(a.low < rate && rate < a.high, "{a:?}");
        // The binomial standard error is about 0.09: the interval is near ±0.18 wide, not more.
        assert!(a.high - a.low > 0.2 && a.high - a.low < 0.5, "{a:?}");
        let pure: Vec<ProfileStory> = (0..10).map(|_| story(c(1.0, 0.0, 0.0), true)).collect();
        assert!(bootstrap_friction(&pure, 1000, 7).is_none(), "no blends");
        assert!(bootstrap_friction(&stories[..1], 1000, 7).is_none());
    }
}
