//! Filters that cannot single anyone out (R22 for filtered views).
//!
//! Suppressing small cells within one view is not enough when people can change the filter: if
//! "team Nord" shows 40 stories and "team Nord, role processor" shows 37, comparing the two views
//! reveals the 3 stories that are not a processor's. So a filtered view is shown only when it
//! selects at least k stories **and**, for every one of its conditions, the stories that dropping
//! that condition would add are none or at least k. Any two allowed views that differ by one
//! condition then differ by no group of 1 to k − 1 stories.

use crate::suppression::MinGroupSize;

/// Why a filtered view is not shown, or that it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The view may be shown.
    Shown,
    /// It selects fewer than k stories (but some).
    TooFew,
    /// Dropping the condition at this index would add 1 to k − 1 stories.
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

/// Applies `conditions` (each a per-row mask of length `len`; all must hold) and judges the
/// result. One pass counts, per row, which conditions it fails: rows failing none are
/// selected; rows failing only condition i are what dropping i would add.
#[must_use]
pub fn select(len: usize, conditions: &[Vec<bool>], k: MinGroupSize) -> Selection {
    let mut rows = Vec::new();
    let mut only = vec![0u64; conditions.len()];
    for row in 0..len {
        let mut failed = None;
        let mut fails = 0;
        for (i, mask) in conditions.iter().enumerate() {
            if !mask.get(row).copied().unwrap_or(false) {
                fails += 1;
                failed = Some(i);
                if fails > 1 {
                    break;
                }
            }
        }
        match (fails, failed) {
            (0, _) => rows.push(row),
            (1, Some(i)) => only[i] += 1,
            _ => {}
        }
    }
    let verdict = if !rows.is_empty() && !k.allows(rows.len() as u64) {
        Verdict::TooFew
    } else if let Some(i) = only.iter().position(|&n| n > 0 && !k.allows(n)) {
        Verdict::RevealsSmallGroup(i)
    } else {
        Verdict::Shown
    };
    Selection { rows, verdict }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A condition "attribute `a` has value `v`" over rows of three small-domain attributes.
    fn mask(rows: &[[u8; 3]], (a, v): (usize, u8)) -> Vec<bool> {
        rows.iter().map(|r| r[a] == v).collect()
    }

    fn view(rows: &[[u8; 3]], conditions: &[(usize, u8)]) -> Selection {
        let masks: Vec<Vec<bool>> = conditions.iter().map(|c| mask(rows, *c)).collect();
        select(rows.len(), &masks, MinGroupSize::default())
    }

    #[test]
    fn a_narrowing_by_three_stories_is_refused() {
        // 40 in Nord, 37 of them processors: the 3 others must not be derivable.
        let mut rows = vec![[0, 0, 0]; 37];
        rows.extend(vec![[0, 1, 0]; 3]);
        rows.extend(vec![[1, 0, 0]; 20]);
        assert_eq!(view(&rows, &[(0, 0)]).verdict, Verdict::Shown);
        assert_eq!(view(&rows, &[(0, 0)]).rows.len(), 40);
        assert_eq!(
            view(&rows, &[(0, 0), (1, 0)]).verdict,
            Verdict::RevealsSmallGroup(1),
            "dropping the role condition would add the 3"
        );
        assert_eq!(view(&rows, &[(0, 0), (1, 1)]).verdict, Verdict::TooFew);
        assert_eq!(
            view(&rows, &[(2, 0)]).verdict,
            Verdict::Shown,
            "nothing left out"
        );
    }

    fn dataset() -> impl Strategy<Value = Vec<[u8; 3]>> {
        proptest::collection::vec([0u8..3, 0u8..3, 0u8..2], 0..80)
    }

    fn conditions() -> impl Strategy<Value = Vec<(usize, u8)>> {
        proptest::collection::vec((0usize..3, 0u8..3), 0..3)
    }

    proptest! {
        #[test]
        fn no_two_allowed_filters_differing_by_one_condition_reveal_a_group_under_k(
            rows in dataset(),
            base in conditions(),
            extra in (0usize..3, 0u8..3),
        ) {
            let narrower: Vec<(usize, u8)> = base.iter().copied().chain([extra]).collect();
            let wide = view(&rows, &base);
            let narrow = view(&rows, &narrower);
            // The selection is what the conditions say (checked the slow way).
            let expected: Vec<usize> = (0..rows.len())
                .filter(|&r| narrower.iter().all(|(a, v)| rows[r][*a] == *v))
                .collect();
            prop_assert_eq!(&narrow.rows, &expected);
            for allowed in [&wide, &narrow] {
                if allowed.verdict == Verdict::Shown {
                    let n = allowed.rows.len();
                    prop_assert!(n == 0 || n >= 5, "an allowed view shows no group under k");
                }
            }
            if wide.verdict == Verdict::Shown && narrow.verdict == Verdict::Shown {
                let difference = wide.rows.len() - narrow.rows.len();
                prop_assert!(
                    difference == 0 || difference >= 5,
                    "views differing by one condition differ by {difference} stories"
                );
            }
        }
    }
}
