//! Example stories beside each index of the hybrid profile card (sensegiving specification §5:
//! "always show 3–5 example stories beside each index"). Numbers alone invite the wrong
//! conversation; a few stories chosen for what the index measures let a team check the number
//! against what was told.
//!
//! Each index has its own rule, deterministic (ties go to the earlier story):
//! - **mix**: the stories nearest the mean composition m — they sound like the team as a whole;
//! - **blending**: the stories with the highest normalised entropy hₙ — the most blended;
//! - **segmentation**: the purest story of each logic, purest logic first — the poles a
//!   segmented team divides into;
//! - **friction**: blended stories (two or three logics) showing strain — a strained feeling
//!   (M3) or a confusing situation (D3 below 0.35) — most blended first;
//! - **uptake**: the stories where the social worker acted most as a processor (T2 ≥ 0.5);
//! - **sensegiving**: the story most shaped by management (T3), then the one most shaped by the
//!   young person and network, alternating;
//! - **footprint**: the stories where decisions were left furthest to the young person and
//!   network (D2).

use super::Stories;
use super::hybrid::{slider, strained_feelings, triad};
use crate::profile::{StoryClass, classify};
use crate::ternary::{Composition, mean};

/// D3 below this (on 0–1) counts as strain, as in the friction index (item 7).
const CONFUSED_BELOW: f64 = 0.35;

/// Row numbers (into the stories) of the examples for each index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileExamples {
    /// Nearest the mean mix.
    pub mix: Vec<usize>,
    /// Most blended.
    pub blending: Vec<usize>,
    /// The purest story of each logic.
    pub segmentation: Vec<usize>,
    /// Strained blends.
    pub friction: Vec<usize>,
    /// Most processor-like.
    pub uptake: Vec<usize>,
    /// Most leader-shaped and most stakeholder-shaped, alternating.
    pub sensegiving: Vec<usize>,
    /// Decisions furthest left to the young person and network.
    pub footprint: Vec<usize>,
}

/// The rows of `scored`, highest score first (ties to the earlier row), at most `count`.
fn highest(mut scored: Vec<(f64, usize)>, count: usize) -> Vec<usize> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(count).map(|(_, r)| r).collect()
}

/// The examples of the indices beyond the logic triad (items 7, 8, 9, 11).
fn other_examples(stories: &Stories, count: usize, examples: &mut ProfileExamples) {
    let strained = strained_feelings(stories);
    let d3 = slider(stories, "D3");
    if let Some(t1) = triad(stories, "T1") {
        let friction = t1
            .iter()
            .enumerate()
            .filter_map(|(row, c)| {
                let c = (*c)?;
                let blend = matches!(
                    classify(&c),
                    StoryClass::TwoLogicBlend | StoryClass::ThreeLogicBlend
                );
                let confused = d3
                    .and_then(|d| d[row])
                    .is_some_and(|v| v / 100.0 < CONFUSED_BELOW);
                (blend && (strained[row] || confused)).then(|| (c.entropy(), row))
            })
            .collect();
        examples.friction = highest(friction, count);
    }
    if let Some(t2) = triad(stories, "T2") {
        let uptake = t2
            .iter()
            .enumerate()
            .filter_map(|(row, c)| {
                let p = (*c)?.parts()[2];
                (p >= 0.5).then_some((p, row))
            })
            .collect();
        examples.uptake = highest(uptake, count);
    }
    if let Some(t3) = triad(stories, "T3") {
        let answered: Vec<(usize, [f64; 3])> = t3
            .iter()
            .enumerate()
            .filter_map(|(row, c)| c.map(|c| (row, c.parts())))
            .collect();
        let leaders = highest(answered.iter().map(|(r, p)| (p[0], *r)).collect(), count);
        let others = highest(
            answered.iter().map(|(r, p)| (p[1] + p[2], *r)).collect(),
            count,
        );
        let mut both = Vec::new();
        for (a, b) in leaders.into_iter().zip(others) {
            for row in [a, b] {
                if !both.contains(&row) && both.len() < count {
                    both.push(row);
                }
            }
        }
        examples.sensegiving = both;
    }
    if let Some(d2) = slider(stories, "D2") {
        let footprint = d2
            .iter()
            .enumerate()
            .filter_map(|(row, v)| v.map(|v| (v, row)))
            .collect();
        examples.footprint = highest(footprint, count);
    }
}

/// Up to `count` examples per index (an index whose questions were not answered has none).
#[must_use]
pub fn profile_examples(stories: &Stories, count: usize) -> ProfileExamples {
    let mut examples = logic_examples(stories, count);
    other_examples(stories, count, &mut examples);
    examples
}

/// The examples of the logic indices (mix, blending, segmentation) from T1.
fn logic_examples(stories: &Stories, count: usize) -> ProfileExamples {
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
        ..ProfileExamples::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::{Column, Field};

    fn stories(points: &[Option<[f64; 3]>]) -> Stories {
        Stories {
            tellers: None,
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
    fn the_other_indices_pick_strained_blends_processors_voices_and_decision_power() {
        let triad = |name: &str, points: &[[f64; 3]]| Field {
            name: name.into(),
            metadata: false,
            column: Column::Triad(
                points
                    .iter()
                    .map(|w| Some(Composition::from_weights(*w).expect("valid")))
                    .collect(),
            ),
        };
        let slider = |name: &str, values: &[f64]| Field {
            name: name.into(),
            metadata: false,
            column: Column::Slider(values.iter().map(|v| Some(*v)).collect()),
        };
        let s = Stories {
            tellers: None,
            len: 4,
            fields: vec![
                // Rows 0 and 1 blend two logics, row 2 three, row 3 is pure.
                triad(
                    "T1",
                    &[
                        [0.5, 0.0, 0.5],
                        [0.4, 0.6, 0.0],
                        [0.3, 0.3, 0.4],
                        [1.0, 0.0, 0.0],
                    ],
                ),
                triad(
                    "T2",
                    &[
                        [0.1, 0.1, 0.8],
                        [0.5, 0.0, 0.5],
                        [0.6, 0.2, 0.2],
                        [0.0, 0.0, 1.0],
                    ],
                ),
                triad(
                    "T3",
                    &[
                        [0.9, 0.1, 0.0],
                        [0.2, 0.4, 0.4],
                        [0.0, 0.0, 1.0],
                        [0.5, 0.5, 0.0],
                    ],
                ),
                // D3: row 0 confusing (20), row 2 clear (90), row 3 confusing but pure.
                slider("D3", &[20.0, 60.0, 90.0, 10.0]),
                slider("D2", &[10.0, 70.0, 70.0, 40.0]),
            ],
        };
        let got = profile_examples(&s, 3);
        // Row 1 (0.4/0.6) is pure NPM (0.6 ≥ 0.6), row 2 is clear: only row 0 is a strained blend.
        assert_eq!(got.friction, [0], "strained blends only");
        assert_eq!(
            got.uptake,
            [3, 0, 1],
            "processor weight 1.0, 0.8, 0.5; row 2 is 0.2"
        );
        // Alternating: most management row 0 (0.9), most stakeholders row 2 (1.0), next
        // management row 3 (0.5).
        assert_eq!(got.sensegiving, [0, 2, 3]);
        assert_eq!(got.footprint, [1, 2, 3], "70, 70 (earlier first), 40");
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
