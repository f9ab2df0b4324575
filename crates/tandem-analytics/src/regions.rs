//! A marked region of a landscape — a triad's zone or a third of a slider — and the share of
//! stories falling in it period by period, with its 95 % Wilson interval (SenseMaker's "more
//! like these, fewer like those", sensemaking.md §4). Periods with fewer than k answers are
//! gaps: a share of three stories says nothing and could point at a teller.

use crate::stats::proportion::{ShareInterval, wilson};
use crate::ternary::Composition;
use crate::zones::{Zone, zone};

/// A slider's position splits into thirds of its 0–100 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Third {
    /// Below 33⅓: near the left pole.
    Low,
    /// From 33⅓ to 66⅔ inclusive: between the poles.
    Middle,
    /// Above 66⅔: near the right pole.
    High,
}

/// The third of a slider position on 0–100.
#[must_use]
pub fn third(position: f64) -> Third {
    if position * 3.0 < 100.0 {
        Third::Low
    } else if position * 3.0 > 200.0 {
        Third::High
    } else {
        Third::Middle
    }
}

/// A region a reader can mark on a landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    /// A zone of a triad (corner, edge or centre, as the zone shares count them).
    Triad(Zone),
    /// A third of a slider.
    Slider(Third),
}

impl Region {
    /// Whether a triad answer falls in the region (never for a slider's region).
    #[must_use]
    pub fn holds_point(self, point: &Composition) -> bool {
        self == Self::Triad(zone(point))
    }

    /// Whether a slider position falls in the region (never for a triad's region).
    #[must_use]
    pub fn holds_position(self, position: f64) -> bool {
        self == Self::Slider(third(position))
    }
}

/// The share of one period's answers inside the region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeriodShare {
    /// Answers in the period.
    pub n: usize,
    /// Of which inside the region.
    pub inside: usize,
    /// The share with its interval.
    pub interval: ShareInterval,
}

/// The share inside the region per period. `inside[i]` says whether row `i`'s answer is in the
/// region (`None`: the row did not answer), `period_of[i]` the row's period (below `periods`).
/// A period with fewer than `k` answers is `None`.
#[must_use]
pub fn shares_by_period(
    inside: &[Option<bool>],
    period_of: &[usize],
    periods: usize,
    k: usize,
) -> Vec<Option<PeriodShare>> {
    let mut counts = vec![(0usize, 0usize); periods];
    for (answer, period) in inside.iter().zip(period_of) {
        if let (Some(is_inside), Some(count)) = (answer, counts.get_mut(*period)) {
            count.0 += 1;
            count.1 += usize::from(*is_inside);
        }
    }
    counts
        .into_iter()
        .map(|(n, inside)| {
            if n < k.max(1) {
                return None;
            }
            let interval = wilson(inside as u64, n as u64)?;
            Some(PeriodShare {
                n,
                inside,
                interval,
            })
        })
        .collect()
}

/// The share inside the region over all periods, `None` under `k` answers — and `None` when
/// any period holds answers but fewer than `k`: with the shown periods' counts beside it, the
/// total would give away the hidden period's count by subtraction.
#[must_use]
pub fn overall_share(
    inside: &[Option<bool>],
    period_of: &[usize],
    periods: usize,
    k: usize,
) -> Option<PeriodShare> {
    let mut per_period = vec![0usize; periods];
    for (answer, period) in inside.iter().zip(period_of) {
        if let (Some(_), Some(n)) = (answer, per_period.get_mut(*period)) {
            *n += 1;
        }
    }
    if per_period.iter().any(|n| *n > 0 && *n < k.max(1)) {
        return None;
    }
    shares_by_period(inside, &vec![0; inside.len()], 1, k)
        .pop()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirds_split_the_slider_at_a_third_and_two_thirds() {
        assert_eq!(third(0.0), Third::Low);
        assert_eq!(third(33.3), Third::Low);
        assert_eq!(third(100.0 / 3.0), Third::Middle);
        assert_eq!(third(50.0), Third::Middle);
        assert_eq!(third(200.0 / 3.0), Third::Middle);
        assert_eq!(third(66.7), Third::High);
        assert_eq!(third(100.0), Third::High);
    }

    #[test]
    fn a_region_holds_only_answers_of_its_kind() {
        let corner = Composition::from_weights([0.8, 0.1, 0.1]).expect("a point");
        assert!(Region::Triad(Zone::A).holds_point(&corner));
        assert!(!Region::Triad(Zone::Centre).holds_point(&corner));
        assert!(!Region::Slider(Third::Low).holds_point(&corner));
        assert!(Region::Slider(Third::High).holds_position(90.0));
        assert!(!Region::Triad(Zone::A).holds_position(90.0));
    }

    #[test]
    fn periods_under_k_are_gaps_and_the_rest_count_answers_only() {
        // Period 0: 4 answers (a gap at k = 5); period 1: 6 answers, 3 inside, and one row that
        // did not answer; period 2: nothing.
        let inside = [
            Some(true),
            Some(false),
            Some(true),
            Some(true),
            Some(true),
            Some(true),
            Some(false),
            Some(false),
            Some(true),
            Some(false),
            None,
        ];
        let period_of = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
        let shares = shares_by_period(&inside, &period_of, 3, 5);
        assert_eq!(shares.len(), 3);
        assert!(shares[0].is_none() && shares[2].is_none());
        assert_eq!(
            overall_share(&inside, &period_of, 3, 5),
            None,
            "period 0's four answers would follow from the total"
        );
        let later: Vec<usize> = period_of.iter().map(|p| (*p).max(1)).collect();
        let all = overall_share(&inside, &later, 3, 5).expect("no small period");
        assert_eq!((all.n, all.inside), (10, 6));
        let shown = shares[1].expect("six answers are shown");
        assert_eq!((shown.n, shown.inside), (6, 3));
        assert!((shown.interval.share - 0.5).abs() < 1e-12);
        assert!(shown.interval.low < 0.5 && shown.interval.high > 0.5);
    }
}
