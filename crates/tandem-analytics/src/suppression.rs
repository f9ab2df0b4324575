//! Small-group suppression (security requirement R22).
//!
//! No aggregate may reveal a group of fewer than k people (default 5, configurable, never below
//! 3). Hiding the small cells alone is not enough when the total is shown: a single hidden cell
//! could be recovered as `total − shown cells`. So when exactly one cell of a distribution is
//! hidden, the next smallest cell is hidden too (complementary suppression).

use thiserror::Error;

/// The smallest group size that may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinGroupSize(u32);

/// A threshold below the legal floor was configured.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the minimum group size must be at least {floor}, not {given}")]
pub struct MinGroupSizeTooSmall {
    /// The value that was configured.
    pub given: u32,
    /// The lowest value allowed.
    pub floor: u32,
}

impl MinGroupSize {
    /// The lowest threshold an organization may configure.
    pub const FLOOR: u32 = 3;

    /// Parses a configured threshold.
    ///
    /// # Errors
    /// [`MinGroupSizeTooSmall`] for values under [`Self::FLOOR`].
    pub fn new(k: u32) -> Result<Self, MinGroupSizeTooSmall> {
        if k < Self::FLOOR {
            return Err(MinGroupSizeTooSmall {
                given: k,
                floor: Self::FLOOR,
            });
        }
        Ok(Self(k))
    }

    /// The threshold as a number.
    #[must_use]
    pub fn get(self) -> u32 {
        self.0
    }

    /// Whether a group of `count` people is large enough to show on its own.
    #[must_use]
    pub fn allows(self, count: u64) -> bool {
        count >= u64::from(self.0)
    }
}

impl Default for MinGroupSize {
    fn default() -> Self {
        Self(5)
    }
}

/// One cell of a distribution after suppression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The count may be shown.
    Count(u64),
    /// The count is hidden (too small, or hidden so a small one cannot be recovered).
    Suppressed,
}

/// A distribution after suppression: its cells and its total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressedDistribution {
    /// The cells, in the order given.
    pub cells: Vec<Shown>,
    /// The total over all cells; hidden when it would reveal a hidden cell or a small group.
    pub total: Shown,
}

/// Suppresses the cells of one distribution whose total is shown alongside them.
///
/// Empty cells (0) are shown: an empty group reveals nobody. Cells in `1..k` are hidden; when
/// that hides exactly one cell, the smallest remaining non-zero cell is hidden as well, so the
/// hidden one cannot be derived from the total. If no partner exists, the total is hidden
/// instead; a total below k is always hidden.
#[must_use]
pub fn suppress_distribution(counts: &[u64], k: MinGroupSize) -> SuppressedDistribution {
    suppress_people(counts, counts, k)
}

/// [`suppress_distribution`] counting people too: a cell is also hidden when its stories come
/// from fewer than k people (`people[i]`, distinct tellers; equal to `counts` when nobody is
/// known), so one person's many stories are never a cell of their own.
#[must_use]
pub fn suppress_people(counts: &[u64], people: &[u64], k: MinGroupSize) -> SuppressedDistribution {
    let mut shown: Vec<Shown> = counts
        .iter()
        .zip(people)
        .map(|(&c, &p)| {
            if c == 0 || (k.allows(c) && k.allows(p)) {
                Shown::Count(c)
            } else {
                Shown::Suppressed
            }
        })
        .collect();
    let hidden = shown.iter().filter(|s| **s == Shown::Suppressed).count();
    if hidden == 1 {
        let partner = shown
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match s {
                Shown::Count(c) if *c > 0 => Some((*c, i)),
                _ => None,
            })
            .min();
        if let Some((_, i)) = partner {
            shown[i] = Shown::Suppressed;
        }
    }
    let total: u64 = counts.iter().sum();
    let still_lone = shown.iter().filter(|s| **s == Shown::Suppressed).count() == 1;
    let total = if still_lone || (total > 0 && !k.allows(total)) {
        Shown::Suppressed
    } else {
        Shown::Count(total)
    };
    SuppressedDistribution {
        cells: shown,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_cell_of_many_stories_from_few_people_is_hidden_with_a_partner() {
        let k = MinGroupSize::default();
        // 12 stories from 2 people, 9 from 6, 7 from 7.
        let shown = suppress_people(&[12, 9, 7], &[2, 6, 7], k);
        assert_eq!(
            shown.cells,
            vec![Shown::Suppressed, Shown::Count(9), Shown::Suppressed],
            "the two people's cell, and the smallest other so it cannot be subtracted"
        );
        assert_eq!(shown.total, Shown::Count(28));
        assert_eq!(
            suppress_people(&[12, 9, 7], &[12, 9, 7], k),
            suppress_distribution(&[12, 9, 7], k)
        );
    }

    #[test]
    fn the_threshold_cannot_go_below_three() {
        assert!(MinGroupSize::new(2).is_err());
        assert_eq!(MinGroupSize::new(3).map(MinGroupSize::get), Ok(3));
        assert_eq!(MinGroupSize::default().get(), 5);
    }

    #[test]
    fn four_people_are_hidden_and_five_are_shown() {
        let k = MinGroupSize::default();
        assert!(!k.allows(4));
        assert!(k.allows(5));
    }

    #[test]
    fn a_single_small_cell_takes_the_next_smallest_with_it() {
        let shown = suppress_distribution(&[12, 3, 7, 20], MinGroupSize::default());
        assert_eq!(shown.total, Shown::Count(42));
        assert_eq!(
            shown.cells,
            vec![
                Shown::Count(12),
                Shown::Suppressed,
                Shown::Suppressed,
                Shown::Count(20)
            ]
        );
    }

    #[test]
    fn two_small_cells_need_no_partner_and_zeros_stay_visible() {
        let shown = suppress_distribution(&[0, 2, 1, 9], MinGroupSize::default());
        assert_eq!(
            shown.cells,
            vec![
                Shown::Count(0),
                Shown::Suppressed,
                Shown::Suppressed,
                Shown::Count(9)
            ]
        );
    }

    #[test]
    fn a_lone_small_cell_without_partner_hides_the_total() {
        let shown = suppress_distribution(&[3, 0], MinGroupSize::default());
        assert_eq!(shown.cells, vec![Shown::Suppressed, Shown::Count(0)]);
        assert_eq!(shown.total, Shown::Suppressed);
    }

    proptest! {
        #[test]
        fn no_small_cell_is_visible_or_recoverable_from_the_total(
            counts in proptest::collection::vec(0u64..20, 1..8)
        ) {
            let k = MinGroupSize::default();
            let result = suppress_distribution(&counts, k);
            let shown = &result.cells;
            for (c, s) in counts.iter().zip(shown) {
                if *c > 0 && *c < 5 {
                    prop_assert_eq!(*s, Shown::Suppressed);
                }
            }
            let hidden = shown.iter().filter(|s| **s == Shown::Suppressed).count();
            // A lone hidden cell would equal total − visible cells.
            prop_assert!(hidden != 1 || result.total == Shown::Suppressed);
            if let Shown::Count(total) = result.total {
                prop_assert!(total == 0 || total >= 5);
            }
        }
    }
}
