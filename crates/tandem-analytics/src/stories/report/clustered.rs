//! A finding's stories as its teller-aware result draws them (`super::super::teller_aware`):
//! each story's pair of codes, grouped by teller.

use super::groups::{Slider, levels_up_to};
use super::{Categorical, Job, Kept};
use crate::stories::teller_aware::Clustered;
use crate::stories::tellers::Clusters;

/// A finding's stories grouped by teller, each as its pair of codes: a table's kept row and
/// column, a slider's kept group and level, or two sliders' levels.
pub(super) fn clustered(
    job: &Job,
    kept: &Kept,
    cats: &[Categorical<'_>],
    sliders: &[Slider<'_>],
    clusters: &Clusters,
) -> Clustered {
    /// Each label's position among the kept labels (`u32::MAX` if dropped).
    fn slots(labels: usize, kept: &[usize]) -> Vec<u32> {
        let mut slot = vec![u32::MAX; labels];
        kept.iter()
            .enumerate()
            .for_each(|(i, l)| slot[*l] = i as u32);
        slot
    }
    let of_slot =
        |slot: &[u32], label: Option<usize>| label.map(|l| slot[l]).filter(|s| *s != u32::MAX);
    // A slider with too many distinct values for the tests' levels is levelled here.
    fn levels_of<'s>(slider: &'s Slider<'_>) -> (std::borrow::Cow<'s, [u32]>, usize) {
        match &slider.levels {
            Some((levels, count)) => (levels.as_slice().into(), *count),
            None => levels_up_to(slider.values, usize::MAX)
                .map_or((Vec::new().into(), 0), |(l, c)| (l.into(), c)),
        }
    }
    let level = |levels: &[u32], row: usize| levels.get(row).copied().filter(|l| *l != u32::MAX);
    match (job, kept) {
        (Job::Contingency(i, j), Kept::Table(rows, cols)) => {
            let (a, b) = (&cats[*i], &cats[*j]);
            let (row_slot, col_slot) = (slots(a.labels.len(), rows), slots(b.labels.len(), cols));
            Clustered::of(clusters, rows.len(), cols.len(), |row| {
                Some((
                    of_slot(&row_slot, a.code(row))?,
                    of_slot(&col_slot, b.code(row))?,
                ))
            })
        }
        (Job::ByGroup(s, g), Kept::Groups(groups)) => {
            let (slider, group) = (&sliders[*s], &cats[*g]);
            let slot = slots(group.labels.len(), groups);
            let (levels, count) = levels_of(slider);
            Clustered::of(clusters, groups.len(), count, |row| {
                Some((of_slot(&slot, group.code(row))?, level(&levels, row)?))
            })
        }
        (Job::Correlation(i, j), _) => {
            let ((x, nx), (y, ny)) = (levels_of(&sliders[*i]), levels_of(&sliders[*j]));
            Clustered::of(clusters, nx, ny, |row| {
                Some((level(&x, row)?, level(&y, row)?))
            })
        }
        _ => Clustered::default(),
    }
}
