//! Benjamini–Hochberg q-values over every test in a report
//! (`scipy.stats.false_discovery_control(p, method="bh")`).

/// The q-value of each p-value, in the same order.
#[must_use]
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len() as f64;
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut q = vec![0.0; p.len()];
    let mut running = 1.0f64;
    // From the largest p down: q = min over ranks ≥ i of p·m/rank.
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(p[i] * m / (rank + 1) as f64);
        q[i] = running;
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_values_are_monotone_in_p_and_at_least_p() {
        let p = [0.01, 0.04, 0.03, 0.2];
        let q = benjamini_hochberg(&p);
        for (a, b) in p.iter().zip(&q) {
            assert!(b >= a);
        }
        assert!((q[0] - 0.04).abs() < 1e-12);
        assert!((q[1] - 0.053_333_333_333_333_33).abs() < 1e-12);
        assert!(benjamini_hochberg(&[]).is_empty());
    }
}
