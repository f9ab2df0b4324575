//! Triad answers: points on a triangle, stored as three non-negative weights that sum to 1.

use thiserror::Error;

/// A triad answer (or any three-part composition), closed to sum 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Composition([f64; 3]);

/// Why weights are not a composition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CompositionError {
    /// A weight is negative, infinite or not a number.
    #[error("triad weights must be non-negative numbers")]
    InvalidWeight,
    /// All weights are zero (that is N/A, not an answer).
    #[error("triad weights are all zero")]
    AllZero,
}

impl Composition {
    /// Closes weights on any positive scale (percentages, counts) to sum 1.
    ///
    /// # Errors
    /// [`CompositionError`] for negative or non-finite weights, or all zeros.
    pub fn from_weights(weights: [f64; 3]) -> Result<Self, CompositionError> {
        if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
            return Err(CompositionError::InvalidWeight);
        }
        let sum: f64 = weights.iter().sum();
        if sum <= 0.0 {
            return Err(CompositionError::AllZero);
        }
        Ok(Self(weights.map(|w| w / sum)))
    }

    /// The three parts, summing to 1.
    #[must_use]
    pub fn parts(&self) -> [f64; 3] {
        self.0
    }

    /// Normalized Shannon entropy −Σ aᵢ ln aᵢ / ln 3, in [0, 1] (0 ln 0 = 0): 0 at a corner,
    /// 1 at the centre.
    #[must_use]
    pub fn entropy(&self) -> f64 {
        -self
            .0
            .iter()
            .filter(|&&a| a > 0.0)
            .map(|&a| a * a.ln())
            .sum::<f64>()
            / 3f64.ln()
    }
}

/// The arithmetic mean of compositions (None for none).
#[must_use]
pub fn mean(points: &[Composition]) -> Option<Composition> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    let mut sum = [0.0; 3];
    for p in points {
        for (s, a) in sum.iter_mut().zip(p.0) {
            *s += a;
        }
    }
    Composition::from_weights(sum.map(|s| s / n)).ok()
}

/// The Aitchison (geometric) mean: zeros replaced by `epsilon` (the profile uses 0.01), the
/// geometric mean of each part, re-closed.
#[must_use]
pub fn geometric_mean(points: &[Composition], epsilon: f64) -> Option<Composition> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    let mut log_sum = [0.0; 3];
    for p in points {
        for (s, a) in log_sum.iter_mut().zip(p.0) {
            *s += a.max(epsilon).ln();
        }
    }
    Composition::from_weights(log_sum.map(|s| (s / n).exp())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_on_any_scale_are_closed_and_bad_weights_refused() {
        let c = Composition::from_weights([20.0, 30.0, 50.0]).expect("valid");
        assert_eq!(c.parts(), [0.2, 0.3, 0.5]);
        assert_eq!(
            Composition::from_weights([0.0; 3]),
            Err(CompositionError::AllZero)
        );
        assert_eq!(
            Composition::from_weights([-1.0, 1.0, 1.0]),
            Err(CompositionError::InvalidWeight)
        );
        assert_eq!(
            Composition::from_weights([f64::NAN, 1.0, 1.0]),
            Err(CompositionError::InvalidWeight)
        );
    }

    #[test]
    fn entropy_is_zero_at_a_corner_and_one_at_the_centre() {
        assert_eq!(
            Composition::from_weights([1.0, 0.0, 0.0])
                .expect("corner")
                .entropy(),
            0.0
        );
        let centre = Composition::from_weights([1.0, 1.0, 1.0])
            .expect("centre")
            .entropy();
        assert!((centre - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_geometric_mean_replaces_zeros_and_recloses() {
        let points = [
            Composition::from_weights([1.0, 0.0, 0.0]).expect("p"),
            Composition::from_weights([0.0, 0.0, 1.0]).expect("p"),
        ];
        let g = geometric_mean(&points, 0.01).expect("mean").parts();
        // Parts a and c: sqrt(1 × 0.01) = 0.1 each, b: 0.01; closed by their sum 0.21.
        assert!((g[0] - 0.1 / 0.21).abs() < 1e-12 && (g[1] - 0.01 / 0.21).abs() < 1e-12);
        assert!((g.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
