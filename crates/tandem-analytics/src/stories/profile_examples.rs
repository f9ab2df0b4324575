//! Example stories beside each index of the hybrid profile card (sensegiving specification §5:
//! "always show 3–5 example stories beside each index"). Numbers alone invite the wrong
//! conversation; a few stories chosen for what the index measures let a team check the number
//! against what was told.
//!
//! Each index has its own rule, deterministic (ties go to the earlier story):
//! - **mix**: the stories nearest the mean composition m — they sound like the team as a whole;
//! - **blending**: the stories with the highest normalised entropy hₙ — the most blended;
//! - **segmentation**: the purest story of each logic, purest logic first — the poles a
//!   segmented team divides into.

use super::Stories;
use super::hybrid::triad;
use crate::ternary::{Composition, mean};

/// Row numbers (into the stories) of the examples for each index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileExamples {
    /// Nearest the mean mix.
    pub mix: Vec<usize>,
    /// Most blended.
    pub blending: Vec<usize>,
    /// The purest story of each logic.
    pub segmentation: Vec<usize>,
}

/// Up to `count` examples per index from the stories' T1 answers (none without T1).
#[must_use]
pub fn profile_examples(stories: &Stories, count: usize) -> ProfileExamples {
    let Some(t1) = triad(stories, "T1") else {
        return ProfileExamples::default();
    };
    let answered: Vec<(usize, Composition)> = t1
        .iter()
        .enumerate()
        .filter_map(|(row, c)| c.map(|c| (row, c)))
        .collect();
    let points: Vec<Composition> = answered.iter().map(|(_, c)| *c).collect();
    let Some(m) = mean(&points) else {
        return ProfileExamples::default();
    };
    let m = m.parts();
    let distance = |c: &Composition| {
        c.parts()
            .iter()
            .zip(m)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
    };
    let mut near: Vec<(f64, usize)> = answered.iter().map(|(r, c)| (distance(c), *r)).collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut blended: Vec<(f64, usize)> = answered.iter().map(|(r, c)| (-c.entropy(), *r)).collect();
    blended.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // The purest story of each logic, by its weight on that logic.
    let mut poles: Vec<(f64, usize)> = (0..3)
        .filter_map(|logic| {
            answered
                .iter()
                .map(|(r, c)| (-c.parts()[logic], *r))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        })
        .collect();
    poles.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    poles.dedup_by_key(|p| p.1);
    let rows = |list: Vec<(f64, usize)>| list.into_iter().take(count).map(|(_, r)| r).collect();
    ProfileExamples {
        mix: rows(near),
        blending: rows(blended),
        segmentation: rows(poles),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::{Column, Field};

    fn stories(points: &[Option<[f64; 3]>]) -> Stories {
        Stories {
            len: points.len(),
            fields: vec![Field {
                name: "T1".into(),
                metadata: false,
                column: Column::Triad(
                    points
                        .iter()
                        .map(|p| p.map(|w| Composition::from_weights(w).expect("valid")))
                        .collect(),
                ),
            }],
        }
    }

    #[test]
    fn each_index_gets_the_stories_its_rule_picks() {
        // Mean of the answered five: (0.4, 0.3, 0.3) → story 4 sits on it.
        let s = stories(&[
            Some([1.0, 0.0, 0.0]),
            Some([0.0, 0.0, 1.0]),
            None,
            Some([0.2, 0.5, 0.3]),
            Some([0.4, 0.3, 0.3]),
            Some([0.4, 0.7, 0.0]),
        ]);
        let got = profile_examples(&s, 3);
        assert_eq!(got.mix[0], 4, "nearest the mean first");
        assert_eq!(got.blending[0], 4, "(0.4, 0.3, 0.3) is the most even");
        assert!(
            !got.mix.contains(&2) && !got.blending.contains(&2),
            "N/A is never an example"
        );
        // Purest TPA (row 0, weight 1), purest NPG (row 1, weight 1), purest NPM (row 5, 0.7/1.1).
        assert_eq!(got.segmentation, [0, 1, 5]);
        assert_eq!(profile_examples(&s, 1).mix.len(), 1);
    }

    #[test]
    fn no_triad_answers_give_no_examples() {
        assert_eq!(
            profile_examples(&stories(&[None, None]), 3),
            ProfileExamples::default()
        );
        assert_eq!(
            profile_examples(&Stories::default(), 3),
            ProfileExamples::default()
        );
    }
}
