//! Average ranks (ties share the mean of their positions) and tie-group sizes, as
//! `scipy.stats.rankdata(method="average")` gives them.

/// Ranks 1..=n of `values` (ties averaged), and the sizes of the tie groups (size > 1 only).
#[must_use]
pub fn average_ranks(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut ties = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end (0-based) share the mean rank of start+1..=end.
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        if end - start > 1 {
            ties.push(end - start);
        }
        start = end;
    }
    (ranks, ties)
}

/// The rows of `values` that have a value, sorted by it (stable: equal values keep row order).
/// A report sorts each column once and ranks every subset a test needs from this order.
#[must_use]
pub fn sorted_order(values: &[Option<f64>]) -> Vec<u32> {
    let mut order: Vec<u32> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_some())
        .filter_map(|(i, _)| u32::try_from(i).ok())
        .collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (values[a as usize], values[b as usize]);
        x.unwrap_or(0.0).total_cmp(&y.unwrap_or(0.0))
    });
    order
}

/// Average ranks within the subset of rows that `include` accepts, from a column's
/// [`sorted_order`]: calls `visit(row, rank)` for every included row and returns the subset's
/// size and its tie-group sizes — the same ranks [`average_ranks`] gives the subset, in O(n).
pub fn subset_ranks(
    order: &[u32],
    values: &[Option<f64>],
    include: impl Fn(usize) -> bool,
    mut visit: impl FnMut(usize, f64),
) -> (usize, Vec<usize>) {
    let rows: Vec<usize> = order
        .iter()
        .map(|&r| r as usize)
        .filter(|&r| include(r))
        .collect();
    let value = |r: usize| values[r].unwrap_or(0.0);
    let mut ties = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && value(rows[end]) == value(rows[start]) {
            end += 1;
        }
        let rank = (start + 1 + end) as f64 / 2.0;
        for &row in &rows[start..end] {
            visit(row, rank);
        }
        if end - start > 1 {
            ties.push(end - start);
        }
        start = end;
    }
    (rows.len(), ties)
}

/// Σ (t³ − t) over tie groups, the term every tie correction uses.
#[must_use]
pub fn tie_term(ties: &[usize]) -> f64 {
    ties.iter()
        .map(|&t| {
            let t = t as f64;
            t * t * t - t
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_ranks_from_one_sort_equal_ranking_the_subset() {
        let values = [
            Some(3.0),
            None,
            Some(1.0),
            Some(3.0),
            Some(2.0),
            Some(1.0),
            Some(5.0),
        ];
        let order = sorted_order(&values);
        let keep = |r: usize| r != 4;
        let mut ranks = vec![0.0; values.len()];
        let (n, ties) = subset_ranks(&order, &values, keep, |r, rank| ranks[r] = rank);
        let subset: Vec<f64> = (0..values.len())
            .filter(|&r| keep(r))
            .filter_map(|r| values[r])
            .collect();
        let (expected, expected_ties) = average_ranks(&subset);
        let got: Vec<f64> = (0..values.len())
            .filter(|&r| keep(r) && values[r].is_some())
            .map(|r| ranks[r])
            .collect();
        assert_eq!((n, got, ties), (subset.len(), expected, expected_ties));
    }

    #[test]
    fn ties_share_their_mean_rank() {
        let (ranks, ties) = average_ranks(&[10.0, 20.0, 10.0, 30.0, 20.0, 20.0]);
        assert_eq!(ranks, vec![1.5, 4.0, 1.5, 6.0, 4.0, 4.0]);
        assert_eq!(ties, vec![2, 3]);
        assert_eq!(tie_term(&ties), 6.0 + 24.0);
    }
}
