//! The hybrid management profile (sensemaking specification §5, items 1–6 and 10): how the
//! three logics — rules (TPA), efficiency (NPM), co-production (NPG) — mix, blend and segment in
//! a team's stories. It describes narrated experience; it is never a score for individuals.

use crate::ternary::{Composition, geometric_mean, mean};

/// Below this many stories nothing is shown.
pub const MIN_SHOWN: usize = 5;
/// Below this many stories the card is shown greyed as "too few stories".
pub const MIN_RELIABLE: usize = 10;

/// How a single story mixes the logics (item 5; the first rule that matches).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryClass {
    /// One logic ≥ 0.6 (index 0 = TPA, 1 = NPM, 2 = NPG).
    Pure(usize),
    /// Exactly two logics ≥ 0.3.
    TwoLogicBlend,
    /// All three ≥ 0.2.
    ThreeLogicBlend,
    /// None of the above: leaning towards the largest.
    Leaning(usize),
}

/// A logic dominates a story or a mix from this share on (sensemaking.md §5, items 5 and 6:
/// "pure-X if max ≥ 0.6", "single-logic dominant if max(m) ≥ 0.6").
pub const DOMINANT: f64 = 0.6;

/// Classifies one story's logic weights.
#[must_use]
pub fn classify(story: &Composition) -> StoryClass {
    let a = story.parts();
    let top = argmax(a);
    if a[top] >= DOMINANT {
        StoryClass::Pure(top)
    } else if a.iter().filter(|&&x| x >= 0.3).count() == 2 {
        StoryClass::TwoLogicBlend
    } else if a.iter().all(|&x| x >= 0.2) {
        StoryClass::ThreeLogicBlend
    } else {
        StoryClass::Leaning(top)
    }
}

fn argmax(a: [f64; 3]) -> usize {
    let mut best = 0;
    for i in 1..3 {
        if a[i] > a[best] {
            best = i;
        }
    }
    best
}

/// The team's overall pattern (item 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// One logic dominates the mix (max(m) ≥ 0.6).
    SingleLogicDominant(usize),
    /// Stories each blend the logics (B ≥ 0.6 and L < 0.15).
    Blended,
    /// Different stories follow different logics (L ≥ 0.15).
    Segmented,
    /// None of the above.
    Unsettled,
}

/// The profile's indices for one window of stories.
#[derive(Debug, Clone, PartialEq)]
pub struct LogicProfile {
    /// Number of stories.
    pub n: usize,
    /// Whether there are enough stories to read the card without a warning.
    pub reliable: bool,
    /// Logic mix m, the mean composition (item 1).
    pub mix: Composition,
    /// The Aitchison mean variant, zeros replaced by 0.01 (item 1).
    pub geometric_mix: Composition,
    /// Blending B: mean normalized entropy of the stories (item 2).
    pub blending: f64,
    /// Spread E: normalized entropy of m (item 3).
    pub spread: f64,
    /// Segmentation L = E − B (item 4).
    pub segmentation: f64,
    /// Stories per class (item 5): pure TPA/NPM/NPG, two-logic, three-logic, leaning.
    pub classes: Vec<StoryClass>,
    /// The pattern (item 6).
    pub pattern: Pattern,
    /// Whether m moved more than 0.15 (Euclidean) since the previous window (item 6).
    pub in_transition: bool,
}

/// Computes the profile of a window; `None` below [`MIN_SHOWN`] stories (nothing may be shown).
/// `previous_mix` is the previous window's m, for the "in transition" flag.
#[must_use]
pub fn logic_profile(
    stories: &[Composition],
    previous_mix: Option<&Composition>,
) -> Option<LogicProfile> {
    if stories.len() < MIN_SHOWN {
        return None;
    }
    let mix = mean(stories)?;
    let geometric_mix = geometric_mean(stories, 0.01)?;
    let blending = stories.iter().map(Composition::entropy).sum::<f64>() / stories.len() as f64;
    let spread = mix.entropy();
    let segmentation = (spread - blending).max(0.0);
    let top = argmax(mix.parts());
    let pattern = if mix.parts()[top] >= DOMINANT {
        Pattern::SingleLogicDominant(top)
    } else if blending >= 0.6 && segmentation < 0.15 {
        Pattern::Blended
    } else if segmentation >= 0.15 {
        Pattern::Segmented
    } else {
        Pattern::Unsettled
    };
    let in_transition = previous_mix.is_some_and(|p| distance(p, &mix) > 0.15);
    Some(LogicProfile {
        n: stories.len(),
        reliable: stories.len() >= MIN_RELIABLE,
        mix,
        geometric_mix,
        blending,
        spread,
        segmentation,
        classes: stories.iter().map(classify).collect(),
        pattern,
        in_transition,
    })
}

/// Euclidean distance between two compositions.
#[must_use]
pub fn distance(a: &Composition, b: &Composition) -> f64 {
    a.parts()
        .iter()
        .zip(b.parts())
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}

/// The manager–team gap G = |m_manager − m| / √2, in [0, 1] (item 10).
#[must_use]
pub fn manager_gap(manager: &Composition, team: &Composition) -> f64 {
    distance(manager, team) / std::f64::consts::SQRT_2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(a: f64, b: f64, c: f64) -> Composition {
        Composition::from_weights([a, b, c]).expect("composition")
    }

    #[test]
    fn half_pure_rules_and_half_pure_co_production_is_segmented() {
        let stories: Vec<Composition> = (0..10)
            .map(|i| {
                if i % 2 == 0 {
                    c(1.0, 0.0, 0.0)
                } else {
                    c(0.0, 0.0, 1.0)
                }
            })
            .collect();
        let p = logic_profile(&stories, None).expect("shown");
        assert!(p.blending.abs() < 1e-12, "B ≈ 0");
        assert!((p.spread - 0.63).abs() < 0.005, "E ≈ 0.63: {}", p.spread);
        assert!((p.segmentation - 0.63).abs() < 0.005, "L ≈ 0.63");
        assert_eq!(p.pattern, Pattern::Segmented);
        assert!(
            p.classes
                .iter()
                .all(|k| matches!(k, StoryClass::Pure(0 | 2)))
        );
    }

    #[test]
    fn every_story_at_the_centre_is_blended() {
        let stories = vec![c(1.0, 1.0, 1.0); 12];
        let p = logic_profile(&stories, None).expect("shown");
        assert!((p.blending - 1.0).abs() < 1e-12 && (p.spread - 1.0).abs() < 1e-12);
        assert!(p.segmentation.abs() < 1e-12);
        assert_eq!(p.pattern, Pattern::Blended);
        assert!(p.classes.iter().all(|k| *k == StoryClass::ThreeLogicBlend));
    }

    #[test]
    fn a_mix_with_one_logic_at_sixty_percent_or_more_is_dominant() {
        let stories = vec![
            c(0.1, 0.8, 0.1),
            c(0.2, 0.6, 0.2),
            c(0.0, 0.7, 0.3),
            c(0.3, 0.6, 0.1),
            c(0.1, 0.5, 0.4),
        ];
        let p = logic_profile(&stories, None).expect("shown");
        assert_eq!(p.pattern, Pattern::SingleLogicDominant(1));
        assert!(!p.reliable, "5 to 9 stories: shown greyed");
    }

    #[test]
    fn a_mix_that_moved_more_than_015_is_in_transition() {
        let before = c(0.6, 0.3, 0.1);
        let now: Vec<Composition> = vec![c(0.3, 0.3, 0.4); 10];
        let p = logic_profile(&now, Some(&before)).expect("shown");
        assert!(p.in_transition);
        let same = logic_profile(&now, Some(&c(0.32, 0.3, 0.38))).expect("shown");
        assert!(!same.in_transition);
    }

    #[test]
    fn fewer_than_five_stories_show_nothing() {
        assert!(logic_profile(&[c(1.0, 0.0, 0.0); 4], None).is_none());
    }

    #[test]
    fn story_classes_take_the_first_rule_that_matches() {
        assert_eq!(classify(&c(0.6, 0.2, 0.2)), StoryClass::Pure(0));
        assert_eq!(classify(&c(0.45, 0.45, 0.1)), StoryClass::TwoLogicBlend);
        assert_eq!(
            classify(&c(0.35, 0.35, 0.3)),
            StoryClass::ThreeLogicBlend,
            "three ≥ 0.3 is not 'exactly two'"
        );
        assert_eq!(classify(&c(0.5, 0.25, 0.25)), StoryClass::ThreeLogicBlend);
        assert_eq!(classify(&c(0.55, 0.3, 0.15)), StoryClass::TwoLogicBlend);
        assert_eq!(classify(&c(0.55, 0.29, 0.16)), StoryClass::Leaning(0));
    }

    #[test]
    fn the_manager_gap_is_zero_for_the_same_point_and_one_between_corners() {
        let corner = c(1.0, 0.0, 0.0);
        assert!(manager_gap(&corner, &corner).abs() < 1e-12);
        assert!((manager_gap(&corner, &c(0.0, 1.0, 0.0)) - 1.0).abs() < 1e-12);
    }
}
