//! Reliable change between two ratings (Jacobson–Truax): the rule behind the goal pages'
//! "reliable improvement / deterioration" and the deterioration alert. Values are compared in
//! whatever unit the instrument keeps them (tenths of its scale, see [`crate::instrument`]); the
//! threshold comes from the instrument's norms for the young person's age.

/// How a change between two ratings is classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Δ ≥ +threshold.
    ReliableImprovement,
    /// Δ ≤ −threshold.
    ReliableDeterioration,
    /// Within the threshold.
    NoReliableChange,
}

/// Classifies the change from `first` to `last` against a threshold (higher is better).
#[must_use]
pub fn classify_change(first: f64, last: f64, threshold: f64) -> Change {
    let delta = last - first;
    if delta >= threshold {
        Change::ReliableImprovement
    } else if delta <= -threshold {
        Change::ReliableDeterioration
    } else {
        Change::NoReliableChange
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_reliable_from_the_threshold_on_in_either_direction() {
        // The specification's example: SD 7, reliability 0.87 give a threshold of 7.0
        // (1.96 × √2 × SD × √(1 − r)).
        let threshold = 1.96 * std::f64::consts::SQRT_2 * 7.0 * (1.0_f64 - 0.87).sqrt();
        assert!((threshold - 7.0).abs() < 0.01, "{threshold}");
        assert_eq!(
            classify_change(20.0, 27.0, threshold),
            Change::ReliableImprovement
        );
        assert_eq!(
            classify_change(20.0, 26.9, threshold),
            Change::NoReliableChange
        );
        assert_eq!(
            classify_change(27.0, 20.0, threshold),
            Change::ReliableDeterioration
        );
    }
}
