//! A contingency table of two categorical variables: Pearson's chi-square, or Fisher's exact
//! test for a 2×2 table with a small expected count, with Cramér's V; rows and columns under
//! `min_group` stories (or people) dropped first.

use super::{Categorical, Effect, EffectName, Finding, Kept, NO_CODE, TestKind};
use crate::stats::contingency::{chi_square, fisher_exact};
use crate::stories::tellers::Tellers;

/// Calls `each(row, x, y)` for every story that answered both `a` and `b`.
fn answered_both(
    a: &Categorical<'_>,
    b: &Categorical<'_>,
    mut each: impl FnMut(usize, usize, usize),
) {
    match (&a.codes, &b.codes) {
        (Some(xs), Some(ys)) => {
            for (row, (x, y)) in xs.iter().zip(ys).enumerate() {
                if *x != NO_CODE && *y != NO_CODE {
                    each(row, usize::from(*x), usize::from(*y));
                }
            }
        }
        _ => {
            for (row, (x, y)) in a.values.iter().zip(&b.values).enumerate() {
                if let (Some(x), Some(y)) = (x, y) {
                    each(row, *x as usize, *y as usize);
                }
            }
        }
    }
}

pub(super) fn contingency(
    a: &Categorical<'_>,
    b: &Categorical<'_>,
    min_group: usize,
    tellers: Option<&Tellers>,
) -> Option<Finding> {
    // One pass over the stories fills the whole table; rows and columns with fewer than
    // `min_group` stories (among those answering both) are then dropped.
    let (width, height) = (b.labels.len(), a.labels.len());
    let mut full = vec![0u64; width * height];
    match (&a.codes, &b.codes) {
        (Some(xs), Some(ys)) => {
            for (x, y) in xs.iter().zip(ys) {
                if *x != NO_CODE && *y != NO_CODE {
                    full[usize::from(*x) * width + usize::from(*y)] += 1;
                }
            }
        }
        _ => {
            for (x, y) in a.values.iter().zip(&b.values) {
                if let (Some(x), Some(y)) = (x, y) {
                    full[*x as usize * width + *y as usize] += 1;
                }
            }
        }
    }
    let enough = |n: u64| usize::try_from(n).is_ok_and(|n| n >= min_group);
    // People, not stories: with tellers known, a row or column also needs `min_group` of them.
    // One pass collects the tellers of each row and each column.
    let people = tellers.map(|t| {
        let (mut by_row, mut by_col) = (t.by_group(height), t.by_group(width));
        answered_both(a, b, |row, x, y| {
            by_row.add(x, row);
            by_col.add(y, row);
        });
        (by_row, by_col)
    });
    let rows: Vec<u32> = (0..height as u32)
        .filter(|r| enough((0..width).map(|c| full[*r as usize * width + c]).sum()))
        .filter(|r| (people.as_ref()).is_none_or(|(p, _)| p.count(*r as usize) >= min_group))
        .collect();
    let cols: Vec<u32> = (0..width as u32)
        .filter(|c| enough((0..height).map(|r| full[r * width + *c as usize]).sum()))
        .filter(|c| (people.as_ref()).is_none_or(|(_, p)| p.count(*c as usize) >= min_group))
        .collect();
    if rows.len() < 2 || cols.len() < 2 {
        return None;
    }
    let table: Vec<Vec<u64>> = rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| full[*r as usize * width + *c as usize])
                .collect()
        })
        .collect();
    let n: u64 = table.iter().flatten().sum();
    let chi = chi_square(&table).ok()?;
    let groups: Vec<String> = rows.iter().map(|r| a.labels[*r as usize].clone()).collect();
    let small_2x2 = table.len() == 2 && table[0].len() == 2 && {
        let total = n as f64;
        let row = |i: usize| table[i].iter().sum::<u64>() as f64;
        let col = |j: usize| (table[0][j] + table[1][j]) as f64;
        (0..2).any(|i| (0..2).any(|j| row(i) * col(j) / total < 5.0))
    };
    let smaller_side = (rows.len().min(cols.len()) - 1) as u32;
    let effect = Effect::new(EffectName::CramersV, chi.cramers_v, None, smaller_side);
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    // The people in the kept cells: the kept rows' tellers when every column is kept (or the
    // kept columns' when every row is), else one more pass.
    let n_tellers = people.as_ref().map(|(by_row, by_col)| {
        if cols.len() == width {
            by_row.union(rows.iter().map(|r| *r as usize))
        } else if rows.len() == height {
            by_col.union(cols.iter().map(|c| *c as usize))
        } else {
            let (mut in_row, mut in_col) = (vec![false; height], vec![false; width]);
            rows.iter().for_each(|r| in_row[*r as usize] = true);
            cols.iter().for_each(|c| in_col[*c as usize] = true);
            let mut kept = by_row.tellers().by_group(1);
            answered_both(a, b, |row, x, y| {
                if in_row[x] && in_col[y] {
                    kept.add(0, row);
                }
            });
            kept.count(0)
        }
    });
    let kept = Kept::Table(
        rows.iter().map(|r| *r as usize).collect(),
        cols.iter().map(|c| *c as usize).collect(),
    );
    if small_2x2 {
        let f = fisher_exact([[table[0][0], table[0][1]], [table[1][0], table[1][1]]]);
        let kind = TestKind::FisherExact;
        Finding::new(
            kind,
            &a.name,
            &b.name,
            n,
            f.odds_ratio,
            None,
            f.p,
            effect,
            groups,
            true,
        )
        .map(|f| f.told_by(n_tellers).kept(kept))
    } else {
        let kind = TestKind::ChiSquare;
        let df = Some(chi.df);
        Finding::new(
            kind,
            &a.name,
            &b.name,
            n,
            chi.statistic,
            df,
            chi.p,
            effect,
            groups,
            chi.reliable,
        )
        .map(|f| f.told_by(n_tellers).kept(kept))
    }
}
