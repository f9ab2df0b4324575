//! The hybrid management profile of a story file, for the `tandem analyze` report (sensemaking
//! §5): items 1–6 (mix, blending, spread, segmentation, classes, pattern), 7 (friction), 8
//! (processor uptake), 9 (sensegiving, with the fixed split: a file holds no team baseline),
//! 11 (co-production footprint: phases and decision power) and 12 (bootstrap intervals). Item 10
//! needs the manager's own intended logic, which a file does not hold. Fewer than 5 stories with a T1 answer: nothing is shown; fewer than 10: marked.

use serde::Serialize;

use super::{Column, Stories};
use crate::profile::{Pattern, StoryClass, logic_profile};
use crate::profile_extras::{
    Friction, ProfileStory, bootstrap_friction, bootstrap_logic, friction, uptake,
};
use crate::sensegiving::sensegiving;
use crate::ternary::Composition;

/// Resamples for the intervals, and their seed (the same file always gives the same intervals).
const RESAMPLES: usize = 1000;
const SEED: u64 = 2026;
/// Above this many stories the intervals are left out: they are narrower than any chart shows,
/// and 1,000 resamples of a million stories would take longer than the rest of the report.
const MAX_BOOTSTRAP: usize = 50_000;

/// Feelings that count as strain (item 7), by option id or label in either language.
const STRAINED: [&str; 6] = [
    "frustrated",
    "worried",
    "powerless",
    "frustreret",
    "bekymret",
    "magtesløs",
];

pub(crate) fn triad<'a>(stories: &'a Stories, id: &str) -> Option<&'a [Option<Composition>]> {
    stories
        .fields
        .iter()
        .find(|f| f.name == id)
        .and_then(|f| match &f.column {
            Column::Triad(v) => Some(v.as_slice()),
            _ => None,
        })
}

pub(crate) fn slider<'a>(stories: &'a Stories, id: &str) -> Option<&'a [Option<f64>]> {
    stories
        .fields
        .iter()
        .find(|f| f.name == id)
        .and_then(|f| match &f.column {
            Column::Slider(v) => Some(v.as_slice()),
            _ => None,
        })
}

/// Per story: whether the feelings question (M3) names a strained feeling.
pub(crate) fn strained_feelings(stories: &Stories) -> Vec<bool> {
    let column = stories
        .fields
        .iter()
        .find(|f| f.name == "M3")
        .map(|f| &f.column);
    let strained = |label: &str| STRAINED.contains(&label.trim().to_lowercase().as_str());
    match column {
        Some(Column::Multi { labels, values }) => values
            .iter()
            .map(|set| set.iter().any(|i| strained(&labels[*i as usize])))
            .collect(),
        Some(Column::Choice { labels, values }) => values
            .iter()
            .map(|v| v.is_some_and(|i| strained(&labels[i as usize])))
            .collect(),
        _ => vec![false; stories.len],
    }
}

/// Per row, what the profile needs of the story (`None` where T1 is not answered): its logic,
/// role, coherence (D3 / 100) and whether M3 names a strained feeling. The pages group these
/// per window; the report takes them all.
#[must_use]
pub fn profile_stories(stories: &Stories) -> Vec<Option<ProfileStory>> {
    let Some(t1) = triad(stories, "T1") else {
        return vec![None; stories.len];
    };
    let t2 = triad(stories, "T2");
    let d3 = slider(stories, "D3");
    let feelings = strained_feelings(stories);
    t1.iter()
        .enumerate()
        .map(|(i, logic)| {
            Some(ProfileStory {
                logic: (*logic)?,
                role: t2.and_then(|t| t[i]),
                coherence: d3.and_then(|d| d[i]).map(|v| v / 100.0),
                strained_feeling: feelings.get(i).copied().unwrap_or(false),
            })
        })
        .collect()
}

/// The hybrid management profile of a set of stories. Serialized for the JSON report as
/// `{"n": …, "shown": false}` below the minimum, and with every item when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum HybridProfile {
    /// Fewer than five stories answered T1: nothing about the group may be shown.
    Hidden {
        /// Stories with T1 answered.
        n: usize,
    },
    /// The profile.
    Shown(Box<ShownProfile>),
}

impl HybridProfile {
    /// The profile when it may be shown.
    #[must_use]
    pub fn shown(&self) -> Option<&ShownProfile> {
        match self {
            Self::Hidden { .. } => None,
            Self::Shown(profile) => Some(profile),
        }
    }
}

impl Serialize for HybridProfile {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The shown profile with its `"shown": true`.
        #[derive(Serialize)]
        struct Shown<'a> {
            shown: bool,
            #[serde(flatten)]
            profile: &'a ShownProfile,
        }
        match self {
            Self::Hidden { n } => {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("n", n)?;
                map.serialize_entry("shown", &false)?;
                map.end()
            }
            Self::Shown(profile) => Shown {
                shown: true,
                profile,
            }
            .serialize(serializer),
        }
    }
}

/// Items 1–9, 11 and 12 of the profile (sensemaking §5), as shares and indices in 0–1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShownProfile {
    /// Stories with T1 answered.
    pub n: usize,
    /// Fewer than ten: shown, but marked as resting on few stories.
    pub too_few: bool,
    /// Item 1: the mean logic mix (TPA, NPM, NPG).
    pub mix: [f64; 3],
    /// Item 1: the geometric (compositional) mean mix.
    pub geometric_mix: [f64; 3],
    /// Item 2: blending within stories.
    pub blending: f64,
    /// Item 3: spread between stories.
    pub spread: f64,
    /// Item 4: segmentation.
    pub segmentation: f64,
    /// Item 5: the share of each story class.
    pub classes: Classes,
    /// Item 6: the overall pattern.
    #[serde(serialize_with = "pattern_name")]
    pub pattern: Pattern,
    /// Item 7: strain in blends and in pure stories.
    pub friction: Friction,
    /// Item 8: processor uptake.
    pub processor_uptake: ProcessorUptake,
    /// Item 9: sensegiving, where T3 was asked.
    pub sensegiving: Option<SensegivingShares>,
    /// Item 11: the co-production footprint.
    pub footprint: Footprint,
    /// Item 12: bootstrap intervals, up to 50,000 stories when asked for.
    pub intervals: Option<Intervals>,
}

impl ShownProfile {
    /// The pattern's key for translations and files: `blended`, `segmented`, `unsettled` or
    /// `single_logic_dominant_tpa` (`_npm`, `_npg`).
    #[must_use]
    pub fn pattern_key(&self) -> String {
        pattern(self.pattern)
    }
}

/// Item 5: shares of the story classes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Classes {
    /// Pure rules (TPA).
    pub pure_tpa: f64,
    /// Pure efficiency (NPM).
    pub pure_npm: f64,
    /// Pure co-production (NPG).
    pub pure_npg: f64,
    /// Two logics blended.
    pub two_logic_blend: f64,
    /// All three blended.
    pub three_logic_blend: f64,
    /// Leaning towards one logic.
    pub leaning: f64,
}

/// Item 8: how often the processor carries the story, and how often that leans to NPG.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProcessorUptake {
    /// Share of stories where the processor weight is at least 0.5.
    pub share: Option<f64>,
    /// Of those, the share leaning most towards co-production.
    pub aligned_with_npg: Option<f64>,
}

/// Item 9 as the report writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensegivingShares {
    /// The leader's share.
    pub leader: f64,
    /// The stakeholders' share (colleagues and the young person/network together).
    pub stakeholders: f64,
    /// The colleagues' part of it.
    pub colleagues: f64,
    /// The young person's and network's part of it.
    pub network: f64,
    /// The form (`guided`, `restricted`, …).
    pub form: &'static str,
    /// The fixed split used.
    pub thresholds: SensegivingThresholds,
}

/// The thresholds of item 9.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SensegivingThresholds {
    /// Leader.
    pub leader: f64,
    /// Stakeholders.
    pub stakeholders: f64,
}

/// Item 11: the co-production footprint.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Footprint {
    /// The mean decision power (D2 / 100), where D2 was answered.
    pub mean_decision_power: Option<f64>,
}

/// Item 12: 95 % percentile intervals as `[low, high]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intervals {
    /// Each logic's share.
    pub mix: [[f64; 2]; 3],
    /// Blending.
    pub blending: [f64; 2],
    /// Segmentation.
    pub segmentation: [f64; 2],
    /// Friction in blends (none without five blends).
    pub friction: Option<[f64; 2]>,
    /// How many resamples.
    pub resamples: usize,
    /// Their seed.
    pub seed: u64,
}

fn pattern(p: Pattern) -> String {
    const LOGIC: [&str; 3] = ["tpa", "npm", "npg"];
    match p {
        Pattern::SingleLogicDominant(i) => format!("single_logic_dominant_{}", LOGIC[i]),
        Pattern::Blended => "blended".into(),
        Pattern::Segmented => "segmented".into(),
        Pattern::Unsettled => "unsettled".into(),
    }
}

fn pattern_name<S: serde::Serializer>(p: &Pattern, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&pattern(*p))
}

/// The profile with bootstrap intervals up to 50,000 stories.
#[must_use]
pub fn hybrid_profile(stories: &Stories) -> HybridProfile {
    hybrid_profile_with(stories, true)
}

/// The profile, with or without the bootstrap intervals (1,000 resamples cost more than the
/// rest of the profile; a page that does not draw them leaves them out).
#[must_use]
pub fn hybrid_profile_with(stories: &Stories, with_intervals: bool) -> HybridProfile {
    let Some(t1) = triad(stories, "T1") else {
        return HybridProfile::Hidden { n: 0 };
    };
    let d2 = slider(stories, "D2");
    let rows: Vec<usize> = (0..t1.len()).filter(|&i| t1[i].is_some()).collect();
    let logic: Vec<Composition> = rows.iter().filter_map(|&i| t1[i]).collect();
    let Some(profile) = logic_profile(&logic, None) else {
        return HybridProfile::Hidden { n: logic.len() };
    };
    let profile_stories: Vec<ProfileStory> =
        profile_stories(stories).into_iter().flatten().collect();
    let share = |pick: &dyn Fn(&StoryClass) -> bool| {
        profile.classes.iter().filter(|c| pick(c)).count() as f64 / profile.n as f64
    };
    let u = uptake(&profile_stories);
    let pair = |i: crate::profile_extras::Interval| [i.low, i.high];
    let intervals = (with_intervals && logic.len() <= MAX_BOOTSTRAP)
        .then(|| bootstrap_logic(&logic, RESAMPLES, SEED))
        .flatten()
        .map(|b| Intervals {
            mix: b.mix.map(pair),
            blending: pair(b.blending),
            segmentation: pair(b.segmentation),
            friction: bootstrap_friction(&profile_stories, RESAMPLES, SEED).map(pair),
            resamples: RESAMPLES,
            seed: SEED,
        });
    let sources: Vec<Option<Composition>> = match triad(stories, "T3") {
        Some(t3) => rows.iter().map(|&i| t3[i]).collect(),
        None => Vec::new(),
    };
    let sensegiving = sensegiving(&sources, None).map(|s| SensegivingShares {
        leader: s.leader,
        stakeholders: s.stakeholders,
        colleagues: s.colleagues,
        network: s.network,
        form: s.form.as_str(),
        thresholds: SensegivingThresholds {
            leader: s.thresholds.leader,
            stakeholders: s.thresholds.stakeholders,
        },
    });
    let decision_power: Vec<f64> = rows.iter().filter_map(|&i| d2.and_then(|d| d[i])).collect();
    HybridProfile::Shown(Box::new(ShownProfile {
        n: profile.n,
        too_few: !profile.reliable,
        mix: profile.mix.parts(),
        geometric_mix: profile.geometric_mix.parts(),
        blending: profile.blending,
        spread: profile.spread,
        segmentation: profile.segmentation,
        classes: Classes {
            pure_tpa: share(&|c| *c == StoryClass::Pure(0)),
            pure_npm: share(&|c| *c == StoryClass::Pure(1)),
            pure_npg: share(&|c| *c == StoryClass::Pure(2)),
            two_logic_blend: share(&|c| *c == StoryClass::TwoLogicBlend),
            three_logic_blend: share(&|c| *c == StoryClass::ThreeLogicBlend),
            leaning: share(&|c| matches!(c, StoryClass::Leaning(_))),
        },
        pattern: profile.pattern,
        friction: friction(&profile_stories),
        processor_uptake: ProcessorUptake {
            share: u.processor_share,
            aligned_with_npg: u.aligned_share,
        },
        sensegiving,
        footprint: Footprint {
            mean_decision_power: (!decision_power.is_empty())
                .then(|| decision_power.iter().sum::<f64>() / decision_power.len() as f64 / 100.0),
        },
        intervals,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::csv::read;
    use serde_json::{Value, json};

    /// The profile as the report writes it.
    fn hybrid_profile(stories: &Stories) -> Value {
        serde_json::to_value(super::hybrid_profile(stories)).expect("serializable")
    }

    fn file(rows: &[(&str, &str)]) -> Stories {
        let mut csv = String::from("id,text,collected_on,T1.a,T1.b,T1.c,M3\n");
        for (i, (t1, m3)) in rows.iter().enumerate() {
            csv.push_str(&format!("s{i},t,2026-01-01,{t1},{m3}\n"));
        }
        read(csv.as_bytes()).expect("valid")
    }

    #[test]
    fn the_specs_reference_cases_give_their_patterns() {
        // Half pure TPA, half pure NPG: B = 0, E = L ≈ 0.63, segmented.
        let mut rows = vec![("1,0,0", "proud"); 10];
        rows.extend(vec![("0,0,1", "proud"); 10]);
        let segmented = hybrid_profile(&file(&rows));
        assert_eq!(segmented["pattern"], "segmented");
        assert!(segmented["blending"].as_f64().expect("B").abs() < 1e-12);
        assert!((segmented["segmentation"].as_f64().expect("L") - 0.6309).abs() < 1e-3);
        // All (⅓, ⅓, ⅓): B = E = 1, L = 0, blended; every story a three-logic blend.
        let blended = hybrid_profile(&file(&[("1,1,1", "frustrated"); 12]));
        assert_eq!(blended["pattern"], "blended");
        assert!((blended["blending"].as_f64().expect("B") - 1.0).abs() < 1e-12);
        assert_eq!(blended["classes"]["three_logic_blend"], 1.0);
        assert_eq!(
            blended["friction"]["blends"], 1.0,
            "every blend is strained (frustrated)"
        );
        assert_eq!(
            blended["intervals"]["friction"],
            json!([1.0, 1.0]),
            "every resample's blends are all strained"
        );
        assert!(
            segmented["intervals"]["friction"].is_null(),
            "no blends, no friction interval"
        );
        // Dominant: mostly TPA.
        let dominant = hybrid_profile(&file(&[("8,1,1", "proud"); 12]));
        assert_eq!(dominant["pattern"], "single_logic_dominant_tpa");
    }

    #[test]
    fn sensegiving_comes_from_t3_with_the_fixed_split() {
        let mut csv = String::from("id,text,collected_on,T1.a,T1.b,T1.c,T3.a,T3.b,T3.c\n");
        for i in 0..10 {
            csv.push_str(&format!("s{i},t,2026-01-01,1,1,1,80,10,10\n"));
        }
        let profile = hybrid_profile(&read(csv.as_bytes()).expect("valid"));
        assert_eq!(profile["sensegiving"]["form"], "restricted");
        assert!((profile["sensegiving"]["leader"].as_f64().expect("l") - 0.8).abs() < 1e-12);
        let without = hybrid_profile(&file(&[("1,0,0", "proud"); 6]));
        assert!(without["sensegiving"].is_null(), "no T3, no sensegiving");
    }

    #[test]
    fn small_files_show_nothing_or_are_marked() {
        let four = hybrid_profile(&file(&[("1,0,0", "proud"); 4]));
        assert_eq!(four["shown"], false);
        assert!(four.get("mix").is_none(), "nothing of a group under 5");
        let seven = hybrid_profile(&file(&[("1,0,0", "proud"); 7]));
        assert_eq!(
            (seven["shown"].clone(), seven["too_few"].clone()),
            (json!(true), json!(true))
        );
    }
}
