//! Effect sizes and how large they are in words (sensemaking.md §6), so a manager reads "a small
//! effect" beside "V = 0,12" instead of a bare symbol.
//!
//! The conventions, stated with every word:
//! - ρ, rank-biserial r: 0.1 small, 0.3 moderate, 0.5 large (Cohen 1988, for r).
//! - Cramér's V: Cohen's w thresholds 0.1 / 0.3 / 0.5 divided by √df*, df* = min(rows,
//!   columns) − 1 (Cohen 1988, §7.2), so a V of a large table is not judged by a 2×2 table's scale.
//! - ε²: 0.01 / 0.06 / 0.14, Cohen's conventions for η² applied to ε² (Cohen 1988, §8.2;
//!   Tomczak & Tomczak 2014 use them so).

use serde::Serialize;

/// The effect size's name (the report's `effect.name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectName {
    /// Cramér's V (contingency tables).
    CramersV,
    /// Rank-biserial r (Mann–Whitney).
    RankBiserial,
    /// ε² = H / (n − 1) (Kruskal–Wallis).
    EpsilonSquared,
    /// Spearman's ρ.
    Rho,
}

/// How large an effect is, by the convention of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    /// Below the convention's "small".
    Negligible,
    /// At least small.
    Small,
    /// At least moderate.
    Moderate,
    /// At least large.
    Large,
}

/// An effect size, with its 95 % interval where one is defined, and its size in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    /// Which effect size.
    pub name: EffectName,
    /// Its value.
    pub value: f64,
    /// The 95 % interval (Spearman's Fisher-z interval).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ci: Option<[f64; 2]>,
    /// How large it is.
    pub size: Size,
    /// Where small, moderate and large begin for this effect (V's depend on the table).
    pub thresholds: [f64; 3],
    /// The convention the thresholds come from.
    pub convention: &'static str,
}

impl Effect {
    /// An effect of `value`; `smaller_side` is df* = min(rows, columns) − 1 for V (ignored
    /// otherwise).
    #[must_use]
    pub fn new(name: EffectName, value: f64, ci: Option<[f64; 2]>, smaller_side: u32) -> Self {
        let (thresholds, convention) = match name {
            EffectName::Rho | EffectName::RankBiserial => ([0.1, 0.3, 0.5], "Cohen 1988 (r)"),
            EffectName::CramersV => {
                let root = f64::from(smaller_side.max(1)).sqrt();
                (
                    [0.1 / root, 0.3 / root, 0.5 / root],
                    "Cohen 1988 (w / √df*)",
                )
            }
            EffectName::EpsilonSquared => ([0.01, 0.06, 0.14], "Cohen 1988 (η², applied to ε²)"),
        };
        Self {
            name,
            value,
            ci,
            size: size_of(value.abs(), thresholds),
            thresholds,
            convention,
        }
    }
}

fn size_of(magnitude: f64, [small, moderate, large]: [f64; 3]) -> Size {
    if magnitude >= large {
        Size::Large
    } else if magnitude >= moderate {
        Size::Moderate
    } else if magnitude >= small {
        Size::Small
    } else {
        Size::Negligible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_each_kinds_convention() {
        let rho = |v| Effect::new(EffectName::Rho, v, None, 1).size;
        assert_eq!(
            [rho(0.05), rho(-0.1), rho(0.29), rho(-0.3), rho(0.5)],
            [
                Size::Negligible,
                Size::Small,
                Size::Small,
                Size::Moderate,
                Size::Large
            ]
        );
        let eps = |v| Effect::new(EffectName::EpsilonSquared, v, None, 1).size;
        assert_eq!(
            [eps(0.009), eps(0.06), eps(0.2)],
            [Size::Negligible, Size::Moderate, Size::Large]
        );
        // A 3×4 table: df* = 2, so moderate begins at 0.3 / √2 ≈ 0.212.
        let v = Effect::new(EffectName::CramersV, 0.22, None, 2);
        assert_eq!(v.size, Size::Moderate);
        assert!((v.thresholds[1] - 0.3 / 2f64.sqrt()).abs() < 1e-12);
        assert_eq!(
            Effect::new(EffectName::CramersV, 0.22, None, 1).size,
            Size::Small
        );
    }
}
