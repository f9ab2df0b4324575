//! Filters that cannot single anyone out (R22 for filtered views).
//!
//! Suppressing small cells within one view is not enough when people can change the filter: if
//! "team Nord" shows 40 stories and "team Nord, role processor" shows 37, comparing the two views
//! reveals the 3 stories that are not a processor's. So a filtered view is shown only when it
//! selects at least k stories **and**, for every one of its conditions, the stories that dropping
//! that condition would add are none or at least k. Any two allowed views that differ by one
//! condition then differ by no group of 1 to k − 1 stories.
//!
//! Ranges (dates, sliders) can also be *moved*: `from=2025-12-08` and `from=2025-12-09` are both
//! one condition, and their difference is the one story told on the 8th. So a range is snapped
//! to coarse buckets (whole months, tenths of a slider) by whoever builds the filter, and the
//! guard knows, for each story outside the range, on which side it lies and how many buckets
//! from the edge ([`Place`]). It refuses a range whose *nearest non-empty bucket* on either side
//! holds 1 to k − 1 stories. Two allowed ranges that differ only in that condition then differ
//! by 0 or at least k stories on each side: the buckets between their edges lie outside the
//! narrower one, next to its edge, so either they are all empty or the first non-empty one
//! among them already holds k (ADR 0014 has the proof).

use crate::suppression::MinGroupSize;

/// Where a story lies relative to a range condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Within the range: the condition holds.
    Inside,
    /// Below the range, this many buckets from its lower edge (0: the adjacent bucket).
    Below(u32),
    /// Above the range, this many buckets from its upper edge (0: the adjacent bucket).
    Above(u32),
    /// No value (an unanswered slider): outside every range, next to none.
    Missing,
}

/// One condition of a filter as the guard sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// A yes/no test per story (a choice, a triad's lean, a teller, a word, a code).
    Plain(Vec<bool>),
    /// A range over ordered, bucketed values (dates by month, sliders by tenth), per story.
    Range(Vec<Place>),
}

impl Condition {
    fn holds(&self, row: usize) -> bool {
        match self {
            Self::Plain(mask) => mask.get(row).copied().unwrap_or(false),
            Self::Range(places) => places.get(row) == Some(&Place::Inside),
        }
    }
}

/// Why a filtered view is not shown, or that it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The view may be shown.
    Shown,
    /// It selects fewer than k stories (but some).
    TooFew,
    /// Dropping the condition at this index would add 1 to k − 1 stories, or moving its range
    /// edge by one bucket would.
    RevealsSmallGroup(usize),
}

/// The stories a filter selects and whether they may be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The selected rows, ascending.
    pub rows: Vec<usize>,
    /// Whether the view may be shown.
    pub verdict: Verdict,
}

/// The stories one condition alone keeps out: how many, and for a range the nearest non-empty
/// bucket on each side with its count.
#[derive(Debug, Clone, Copy, Default)]
struct LeftOut {
    total: u64,
    below: Option<(u32, u64)>,
    above: Option<(u32, u64)>,
}

impl LeftOut {
    fn add(&mut self, place: Option<Place>) {
        self.total += 1;
        let (slot, distance) = match place {
            Some(Place::Below(distance)) => (&mut self.below, distance),
            Some(Place::Above(distance)) => (&mut self.above, distance),
            _ => return,
        };
        match slot {
            Some((nearest, n)) if *nearest == distance => *n += 1,
            Some((nearest, _)) if *nearest < distance => {}
            _ => *slot = Some((distance, 1)),
        }
    }

    fn reveals(&self, k: MinGroupSize) -> bool {
        let small = |n: u64| n > 0 && !k.allows(n);
        small(self.total)
            || self.below.is_some_and(|(_, n)| small(n))
            || self.above.is_some_and(|(_, n)| small(n))
    }
}

/// Applies `conditions` (all must hold) to `len` stories and judges the result. One pass
/// counts, per story, which conditions it fails: stories failing none are selected; stories
/// failing only condition i are what dropping (or moving) i would add.
#[must_use]
pub fn select(len: usize, conditions: &[Condition], k: MinGroupSize) -> Selection {
    let mut rows = Vec::new();
    let mut left_out = vec![LeftOut::default(); conditions.len()];
    for row in 0..len {
        let mut failed = None;
        let mut fails = 0;
        for (i, condition) in conditions.iter().enumerate() {
            if !condition.holds(row) {
                fails += 1;
                failed = Some(i);
                if fails > 1 {
                    break;
                }
            }
        }
        match (fails, failed) {
            (0, _) => rows.push(row),
            (1, Some(i)) => {
                let place = match &conditions[i] {
                    Condition::Range(places) => places.get(row).copied(),
                    Condition::Plain(_) => None,
                };
                left_out[i].add(place);
            }
            _ => {}
        }
    }
    let verdict = if !rows.is_empty() && !k.allows(rows.len() as u64) {
        Verdict::TooFew
    } else if let Some(i) = left_out.iter().position(|out| out.reveals(k)) {
        Verdict::RevealsSmallGroup(i)
    } else {
        Verdict::Shown
    };
    Selection { rows, verdict }
}

#[cfg(test)]
mod tests;
