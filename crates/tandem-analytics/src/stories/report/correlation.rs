//! Two sliders: Spearman's ρ, from a table of level pairs when both have few distinct values,
//! else from each column's one sort.

use super::groups::Slider;
use super::{Effect, EffectName, Finding, TestKind};
use crate::stats::ranks::subset_ranks;
use crate::stats::spearman::{Spearman, spearman_from_ranks, spearman_from_sums};
use crate::stories::tellers::Tellers;

/// The most cells of a joint level table for [`correlation_by_level`] (two sliders of 101
/// positions need 10,201).
const MAX_JOINT_CELLS: usize = 1 << 20;

/// Spearman's centred rank sums from a table of level pairs: one sequential pass counts the
/// pairs, each level's average rank comes from the marginal counts, and the sums run over the
/// table's cells instead of the stories.
fn correlation_by_level(
    (lx, nx): (&[u32], usize),
    (ly, ny): (&[u32], usize),
) -> (usize, f64, f64, f64) {
    let mut joint = vec![0u32; nx * ny];
    for (a, b) in lx.iter().zip(ly) {
        if *a != u32::MAX && *b != u32::MAX {
            joint[*a as usize * ny + *b as usize] += 1;
        }
    }
    let mut cx = vec![0u64; nx];
    let mut cy = vec![0u64; ny];
    for a in 0..nx {
        for b in 0..ny {
            let c = u64::from(joint[a * ny + b]);
            cx[a] += c;
            cy[b] += c;
        }
    }
    let average_ranks = |counts: &[u64]| {
        let mut before = 0u64;
        counts
            .iter()
            .map(|c| {
                let rank = before as f64 + (*c as f64 + 1.0) / 2.0;
                before += c;
                rank
            })
            .collect::<Vec<f64>>()
    };
    let (rx, ry) = (average_ranks(&cx), average_ranks(&cy));
    let n: u64 = cx.iter().sum();
    let mean = (n as f64 + 1.0) / 2.0;
    let sxx = cx
        .iter()
        .zip(&rx)
        .map(|(c, r)| *c as f64 * (r - mean) * (r - mean))
        .sum();
    let syy = cy
        .iter()
        .zip(&ry)
        .map(|(c, r)| *c as f64 * (r - mean) * (r - mean))
        .sum();
    let mut sxy = 0.0;
    for a in 0..nx {
        for b in 0..ny {
            let c = joint[a * ny + b];
            if c > 0 {
                sxy += f64::from(c) * (rx[a] - mean) * (ry[b] - mean);
            }
        }
    }
    (usize::try_from(n).unwrap_or(usize::MAX), sxx, syy, sxy)
}

pub(super) fn correlation(
    x: &Slider<'_>,
    y: &Slider<'_>,
    tellers: Option<&Tellers>,
) -> Option<Finding> {
    let n_tellers = tellers.map(|t| {
        t.distinct((0..x.values.len()).filter(|r| x.values[*r].is_some() && y.values[*r].is_some()))
    });
    correlation_of(x, y).map(|f| f.told_by(n_tellers))
}

fn correlation_of(x: &Slider<'_>, y: &Slider<'_>) -> Option<Finding> {
    if let (Some((lx, nx)), Some((ly, ny))) = (&x.levels, &y.levels)
        && nx * ny <= MAX_JOINT_CELLS
    {
        let (n, sxx, syy, sxy) = correlation_by_level((lx, *nx), (ly, *ny));
        let t = spearman_from_sums(n, sxx, syy, sxy).ok()?;
        return spearman_finding(x.name, y.name, n, &t);
    }
    // Ranks of each column among the stories that answered both, from each column's one sort.
    let both = |row: usize| x.values[row].is_some() && y.values[row].is_some();
    let mut rx = vec![0.0f64; x.values.len()];
    let mut ry = vec![0.0f64; y.values.len()];
    subset_ranks(&x.order(), x.values, both, |row, rank| rx[row] = rank);
    subset_ranks(&y.order(), y.values, both, |row, rank| ry[row] = rank);
    let (xs, ys): (Vec<f64>, Vec<f64>) = (0..rx.len())
        .filter(|&r| both(r))
        .map(|r| (rx[r], ry[r]))
        .unzip();
    let t = spearman_from_ranks(&xs, &ys).ok()?;
    spearman_finding(x.name, y.name, xs.len(), &t)
}

fn spearman_finding(a: &str, b: &str, n: usize, t: &Spearman) -> Option<Finding> {
    let effect = Effect::new(EffectName::Rho, t.rho, t.ci.map(|(lo, hi)| [lo, hi]), 1);
    Finding::new(
        TestKind::Spearman,
        a,
        b,
        n,
        t.rho,
        None,
        t.p,
        effect,
        Vec::new(),
        true,
    )
}
