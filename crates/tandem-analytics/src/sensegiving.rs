//! The hybrid management profile, item 9: sensegiving balance (after Maitlis, 2005).
//!
//! T3 asks what most shaped how a situation was understood: management, colleagues, or the
//! young person and network. Leader sensegiving ℓ is the mean management weight; stakeholder
//! sensegiving s is the mean of the colleagues' and the young person's/network's weights taken
//! together (their joint share). Both are averaged over every story of the window, a story
//! without a T3 answer counting 0 for both: nobody was named as shaping the sense, which is what
//! Maitlis calls *minimal* sensemaking. Until the team has a baseline, ℓ is high from 0.33 (at
//! least management's equal third) and s from 0.5 (the stakeholders at least half); with a
//! baseline, each is high from the team's own median. ADR 0010 records this reading of the spec.

use crate::ternary::Composition;

/// Maitlis's four forms of organizational sensemaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SensegivingForm {
    /// Leaders and stakeholders both give sense.
    Guided,
    /// Leaders give sense; stakeholders little.
    Restricted,
    /// Stakeholders give sense; leaders little.
    Fragmented,
    /// Neither.
    Minimal,
}

impl SensegivingForm {
    /// The form's keyword in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Guided => "guided",
            Self::Restricted => "restricted",
            Self::Fragmented => "fragmented",
            Self::Minimal => "minimal",
        }
    }
}

/// Where ℓ and s count as high.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Leader sensegiving is high from here.
    pub leader: f64,
    /// Stakeholder sensegiving is high from here.
    pub stakeholders: f64,
}

impl Thresholds {
    /// The fixed split used until a team has a baseline.
    pub const FIXED: Self = Self {
        leader: 0.33,
        stakeholders: 0.5,
    };
}

/// Item 9 for one window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sensegiving {
    /// ℓ: mean management weight.
    pub leader: f64,
    /// s: mean joint weight of colleagues and the young person/network (`colleagues` +
    /// `network`), which sets the form.
    pub stakeholders: f64,
    /// The colleagues' part of s: mean colleague weight. Shown apart from the young person's and
    /// network's part, because a team that makes sense among colleagues only and a team that
    /// makes it with families are not the same team (issue 22).
    pub colleagues: f64,
    /// The young person's and network's part of s: mean weight of that corner.
    pub network: f64,
    /// The form.
    pub form: SensegivingForm,
    /// The split used.
    pub thresholds: Thresholds,
}

/// Sensegiving of the stories (each story's T3, if answered); `None` without stories. The
/// caller applies the profile's minimum group sizes.
#[must_use]
pub fn sensegiving(
    sources: &[Option<Composition>],
    baseline: Option<Thresholds>,
) -> Option<Sensegiving> {
    if sources.is_empty() {
        return None;
    }
    let n = sources.len() as f64;
    let (mut leader, mut colleagues, mut network) = (0.0, 0.0, 0.0);
    for source in sources.iter().flatten() {
        let [by_management, by_colleagues, by_network] = source.parts();
        leader += by_management;
        colleagues += by_colleagues;
        network += by_network;
    }
    let (leader, colleagues, network) = (leader / n, colleagues / n, network / n);
    let stakeholders = colleagues + network;
    let thresholds = baseline.unwrap_or(Thresholds::FIXED);
    let form = match (
        leader >= thresholds.leader,
        stakeholders >= thresholds.stakeholders,
    ) {
        (true, true) => SensegivingForm::Guided,
        (true, false) => SensegivingForm::Restricted,
        (false, true) => SensegivingForm::Fragmented,
        (false, false) => SensegivingForm::Minimal,
    };
    Some(Sensegiving {
        leader,
        stakeholders,
        colleagues,
        network,
        form,
        thresholds,
    })
}

/// A team's baseline: the medians of ℓ and s over its earlier windows (`None` without any).
#[must_use]
pub fn baseline(earlier: &[Sensegiving]) -> Option<Thresholds> {
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        let mid = values.len() / 2;
        if values.len().is_multiple_of(2) {
            (values[mid - 1] + values[mid]) / 2.0
        } else {
            values[mid]
        }
    };
    (!earlier.is_empty()).then(|| Thresholds {
        leader: median(earlier.iter().map(|s| s.leader).collect()),
        stakeholders: median(earlier.iter().map(|s| s.stakeholders).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t3(a: f64, b: f64, c: f64, n: usize) -> Vec<Option<Composition>> {
        vec![Some(Composition::from_weights([a, b, c]).expect("weights")); n]
    }

    #[test]
    fn the_four_forms_from_the_fixed_split() {
        let form = |s: &[Option<Composition>]| sensegiving(s, None).expect("stories").form;
        assert_eq!(form(&t3(0.4, 0.3, 0.3, 10)), SensegivingForm::Guided);
        assert_eq!(form(&t3(0.8, 0.1, 0.1, 10)), SensegivingForm::Restricted);
        assert_eq!(form(&t3(0.1, 0.45, 0.45, 10)), SensegivingForm::Fragmented);
        let mut unanswered = t3(0.2, 0.4, 0.4, 3);
        unanswered.extend(vec![None; 7]);
        let minimal = sensegiving(&unanswered, None).expect("stories");
        assert_eq!(
            minimal.form,
            SensegivingForm::Minimal,
            "nobody named in most stories"
        );
        assert!((minimal.leader - 0.06).abs() < 1e-12);
        assert!((minimal.stakeholders - 0.24).abs() < 1e-12);
    }

    #[test]
    fn colleagues_and_the_young_person_and_network_are_shown_apart() {
        // Half the stories shaped by colleagues, half by the family: s is the same, its parts
        // tell who gave the sense.
        let mut sources = t3(0.2, 0.7, 0.1, 4);
        sources.extend(t3(0.2, 0.1, 0.7, 4));
        sources.push(None);
        let s = sensegiving(&sources, None).expect("stories");
        // Nine stories, one without T3 counting 0: colleagues (4·0.7 + 4·0.1) / 9.
        assert!((s.colleagues - 3.2 / 9.0).abs() < 1e-12, "{s:?}");
        assert!((s.network - 3.2 / 9.0).abs() < 1e-12);
        assert!((s.stakeholders - (s.colleagues + s.network)).abs() < 1e-12);
        let only_colleagues = sensegiving(&t3(0.2, 0.7, 0.1, 5), None).expect("stories");
        assert!(only_colleagues.colleagues > 6.0 * only_colleagues.network);
    }

    #[test]
    fn the_split_is_exactly_at_the_thresholds() {
        // ℓ = 0.33 and s = 0.67: both high.
        let s = sensegiving(&t3(0.33, 0.335, 0.335, 5), None).expect("stories");
        assert_eq!(s.form, SensegivingForm::Guided);
        // ℓ = 0.5, s = 0.5: still guided; above 0.5 the stakeholders fall below half.
        let s = sensegiving(&t3(0.5, 0.25, 0.25, 5), None).expect("stories");
        assert_eq!(s.form, SensegivingForm::Guided);
        let s = sensegiving(&t3(0.51, 0.245, 0.245, 5), None).expect("stories");
        assert_eq!(s.form, SensegivingForm::Restricted);
    }

    #[test]
    fn a_baseline_splits_at_the_teams_own_medians() {
        let earlier: Vec<Sensegiving> = [0.1, 0.2, 0.3]
            .iter()
            .map(|l| sensegiving(&t3(*l, (1.0 - l) / 2.0, (1.0 - l) / 2.0, 5), None).expect("s"))
            .collect();
        let base = baseline(&earlier).expect("baseline");
        assert!((base.leader - 0.2).abs() < 1e-12 && (base.stakeholders - 0.8).abs() < 1e-12);
        // ℓ = 0.25 is low against the fixed 0.33 but high against this team's median 0.2.
        let now = t3(0.25, 0.375, 0.375, 5);
        assert_eq!(
            sensegiving(&now, None).expect("s").form,
            SensegivingForm::Fragmented
        );
        assert_eq!(
            sensegiving(&now, Some(base)).expect("s").form,
            SensegivingForm::Restricted,
            "s = 0.75 is below the team's median 0.8"
        );
        assert!(sensegiving(&[], None).is_none());
    }
}
