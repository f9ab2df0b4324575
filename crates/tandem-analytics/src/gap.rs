//! The hybrid management profile, item 10: the manager–team gap. The manager says on a short
//! questionnaire how much each logic should shape the team's work; that intended point on the
//! triangle is compared with the mix the team's stories tell.
//!
//! G = |m_manager − m| / √2, in [0, 1] (√2 is the distance between two corners), with its
//! direction: the logic the stories carry most *more* of than intended, and the one they carry
//! most *less* of.

use crate::ternary::Composition;

/// Below this gap the card says the stories are close to what the manager intends (a tenth of
/// the way between two corners).
pub const CLOSE: f64 = 0.1;

/// The gap and its direction (logic indices 0 TPA, 1 NPM, 2 NPG).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// G in [0, 1].
    pub size: f64,
    /// The logic the stories carry more of than intended (largest positive difference).
    pub more: usize,
    /// The logic the stories carry less of than intended (largest negative difference).
    pub less: usize,
}

impl Gap {
    /// Whether the stories are close to the intended mix.
    #[must_use]
    pub fn is_close(&self) -> bool {
        self.size < CLOSE
    }
}

/// The gap between the manager's intended mix and the team's told mix.
#[must_use]
pub fn manager_gap(intended: Composition, told: Composition) -> Gap {
    let (a, b) = (intended.parts(), told.parts());
    let diff = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    let size = diff.iter().map(|d| d * d).sum::<f64>().sqrt() / std::f64::consts::SQRT_2;
    let by = |better: fn(f64, f64) -> bool| {
        (0..3)
            .reduce(|best, i| if better(diff[i], diff[best]) { i } else { best })
            .unwrap_or(0)
    };
    Gap {
        size: size.clamp(0.0, 1.0),
        more: by(|x, y| x > y),
        less: by(|x, y| x < y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(w: [f64; 3]) -> Composition {
        Composition::from_weights(w).expect("valid")
    }

    #[test]
    fn corner_to_corner_is_the_whole_way_and_same_point_is_none() {
        let g = manager_gap(c([0.0, 0.0, 1.0]), c([1.0, 0.0, 0.0]));
        assert!((g.size - 1.0).abs() < 1e-12);
        assert_eq!(
            (g.more, g.less),
            (0, 2),
            "more rules than intended, less co-production"
        );
        let same = manager_gap(c([1.0, 1.0, 1.0]), c([1.0, 1.0, 1.0]));
        assert!(same.size.abs() < 1e-12 && same.is_close());
    }

    #[test]
    fn a_hand_computed_gap() {
        // Intended (0.2, 0.2, 0.6), told (0.5, 0.2, 0.3): diff (0.3, 0, −0.3),
        // |diff| = √0.18, G = √0.18 / √2 = 0.3.
        let g = manager_gap(c([0.2, 0.2, 0.6]), c([0.5, 0.2, 0.3]));
        assert!((g.size - 0.3).abs() < 1e-12, "{}", g.size);
        assert_eq!((g.more, g.less), (0, 2));
        assert!(!g.is_close());
    }
}
