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
//!
//! **People, not stories** (sensemaking.md §6): when the stories name their tellers, every
//! count above is of distinct tellers ([`select_told`]). One person's ten stories left out by a
//! condition are one person singled out, not ten stories.

use crate::stories::tellers::{GroupTellers, Tellers};
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

/// Applies `conditions` (all must hold) to `len` stories and judges the result by stories.
#[must_use]
pub fn select(len: usize, conditions: &[Condition], k: MinGroupSize) -> Selection {
    select_told(len, conditions, k, None)
}

/// The condition a story fails, when it fails exactly one (`Some(None)`: it fails none).
fn only_failed(conditions: &[Condition], row: usize) -> Option<Option<usize>> {
    let mut failed = None;
    for (i, condition) in conditions.iter().enumerate() {
        if !condition.holds(row) {
            if failed.is_some() {
                return None;
            }
            failed = Some(i);
        }
    }
    Some(failed)
}

/// Applies `conditions` (all must hold) to `len` stories and judges the result, counting
/// people when `tellers` says who told each story. One pass counts, per story, which
/// conditions it fails: stories failing none are selected; stories failing only condition i
/// are what dropping (or moving) i would add. With tellers, a second pass counts the people in
/// the selection and in each group a condition keeps out.
#[must_use]
pub fn select_told(
    len: usize,
    conditions: &[Condition],
    k: MinGroupSize,
    tellers: Option<&Tellers>,
) -> Selection {
    let mut rows = Vec::new();
    let mut left_out = vec![LeftOut::default(); conditions.len()];
    for row in 0..len {
        match only_failed(conditions, row) {
            Some(None) => rows.push(row),
            Some(Some(i)) => {
                let place = match &conditions[i] {
                    Condition::Range(places) => places.get(row).copied(),
                    Condition::Plain(_) => None,
                };
                left_out[i].add(place);
            }
            None => {}
        }
    }
    let selected = match tellers {
        Some(tellers) => {
            people_instead(len, conditions, tellers, &mut left_out);
            tellers.distinct(rows.iter().copied())
        }
        None => rows.len(),
    };
    let verdict = if !rows.is_empty() && !k.allows(selected as u64) {
        Verdict::TooFew
    } else if let Some(i) = left_out.iter().position(|out| out.reveals(k)) {
        Verdict::RevealsSmallGroup(i)
    } else {
        Verdict::Shown
    };
    Selection { rows, verdict }
}

/// Replaces the story counts of each condition's left-out groups (all of them, and the
/// nearest bucket on each side) by the number of people who told them.
fn people_instead(
    len: usize,
    conditions: &[Condition],
    tellers: &Tellers,
    left_out: &mut [LeftOut],
) {
    // Per condition three groups: everything it keeps out, its nearest bucket below, above.
    let mut groups: Vec<GroupTellers<'_>> =
        conditions.iter().map(|_| tellers.by_group(3)).collect();
    for row in 0..len {
        let Some(Some(i)) = only_failed(conditions, row) else {
            continue;
        };
        groups[i].add(0, row);
        if let Condition::Range(places) = &conditions[i] {
            match places.get(row) {
                Some(Place::Below(d)) if left_out[i].below.is_some_and(|(n, _)| n == *d) => {
                    groups[i].add(1, row);
                }
                Some(Place::Above(d)) if left_out[i].above.is_some_and(|(n, _)| n == *d) => {
                    groups[i].add(2, row);
                }
                _ => {}
            }
        }
    }
    for (out, people) in left_out.iter_mut().zip(&groups) {
        out.total = people.count(0) as u64;
        if let Some((_, n)) = &mut out.below {
            *n = people.count(1) as u64;
        }
        if let Some((_, n)) = &mut out.above {
            *n = people.count(2) as u64;
        }
    }
}

#[cfg(test)]
mod tests;
