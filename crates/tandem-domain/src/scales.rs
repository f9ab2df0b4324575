//! Scaled judgements: 0–10 scores, the session-feedback form and reliable change.
//!
//! Scores are kept in tenths as integers (0–100), so 35.9 and 36.0 compare exactly and no
//! floating-point rounding can move a value across an alert threshold.

use std::fmt;

use thiserror::Error;

/// A value on a 0–10 scale with one decimal, e.g. 7.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score0To10(u8);

/// Why a score was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScoreError {
    /// Not a number (or more than one decimal).
    #[error("write a number from 0 to 10, with at most one decimal")]
    NotANumber,
    /// Below 0 or above 10.
    #[error("the number must be from 0 to 10")]
    OutOfRange,
}

impl Score0To10 {
    /// Parses "7", "7.5" or the Danish "7,5".
    ///
    /// # Errors
    /// [`ScoreError`] for text that is not such a number, or outside 0–10.
    pub fn parse(input: &str) -> Result<Self, ScoreError> {
        let text = input.trim().replace(',', ".");
        let negative = text.starts_with('-');
        let digits = text.trim_start_matches(['-', '+']);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        let fraction = if fraction.is_empty() { "0" } else { fraction };
        if whole.is_empty()
            || fraction.len() > 1
            || !whole
                .bytes()
                .chain(fraction.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return Err(ScoreError::NotANumber);
        }
        let whole: u32 = whole.parse().map_err(|_| ScoreError::OutOfRange)?;
        let tenths = whole
            .saturating_mul(10)
            .saturating_add(fraction.parse::<u32>().unwrap_or(0));
        if negative && tenths > 0 {
            return Err(ScoreError::OutOfRange);
        }
        Self::from_tenths(tenths)
    }

    /// A score from tenths (0–100).
    ///
    /// # Errors
    /// [`ScoreError::OutOfRange`] above 100.
    pub fn from_tenths(tenths: u32) -> Result<Self, ScoreError> {
        u8::try_from(tenths)
            .ok()
            .filter(|t| *t <= 100)
            .map(Self)
            .ok_or(ScoreError::OutOfRange)
    }

    /// The score in tenths.
    #[must_use]
    pub fn tenths(self) -> u32 {
        u32::from(self.0)
    }

    /// The score as a number.
    #[must_use]
    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl fmt::Display for Score0To10 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// When session feedback calls for attention; configurable per organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackThresholds {
    /// Alert when the total (0–40, in tenths) is below this.
    pub total_below_tenths: u32,
    /// Alert when any item (in tenths) is below this.
    pub item_below_tenths: u32,
}

impl Default for FeedbackThresholds {
    /// Total below 36, any item below 9.
    fn default() -> Self {
        Self {
            total_below_tenths: 360,
            item_below_tenths: 90,
        }
    }
}

/// The generic session-feedback form: heard and respected; what we talked about; the way we
/// worked; overall — each 0–10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionFeedback {
    /// The four items, in the order above.
    pub items: [Score0To10; 4],
}

impl SessionFeedback {
    /// The total, 0–40, in tenths.
    #[must_use]
    pub fn total_tenths(&self) -> u32 {
        self.items.iter().map(|s| s.tenths()).sum()
    }

    /// Whether this feedback should alert the processor.
    #[must_use]
    pub fn alerts(&self, thresholds: FeedbackThresholds) -> bool {
        self.total_tenths() < thresholds.total_below_tenths
            || self
                .items
                .iter()
                .any(|s| s.tenths() < thresholds.item_below_tenths)
    }
}

/// The Jacobson–Truax reliable change threshold: 1.96 × √2 × SD × √(1 − r).
#[must_use]
pub fn reliable_change_threshold(sd: f64, reliability: f64) -> f64 {
    1.96 * std::f64::consts::SQRT_2 * sd * (1.0 - reliability).sqrt()
}

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

/// Reliably recovered: a reliable improvement ending above the clinical cut-off.
#[must_use]
pub fn reliably_recovered(first: f64, last: f64, threshold: f64, cut_off: f64) -> bool {
    classify_change(first, last, threshold) == Change::ReliableImprovement && last > cut_off
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Score0To10 {
        Score0To10::parse(text).expect("valid score")
    }

    #[test]
    fn scores_run_from_zero_to_ten_inclusive() {
        assert_eq!(s("0").tenths(), 0);
        assert_eq!(s("10").tenths(), 100);
        assert_eq!(s("10.0").tenths(), 100);
        assert_eq!(s("7,5").tenths(), 75);
        assert_eq!(s(" 3.2 ").to_string(), "3.2");
        assert_eq!(
            s("7.").tenths(),
            70,
            "a trailing separator (phone typing) is read as .0"
        );
        assert_eq!(Score0To10::parse("10.1"), Err(ScoreError::OutOfRange));
        assert_eq!(Score0To10::parse("-0.1"), Err(ScoreError::OutOfRange));
        assert_eq!(Score0To10::parse("11"), Err(ScoreError::OutOfRange));
    }

    #[test]
    fn anything_else_is_not_a_score() {
        for bad in [
            "", "abc", "7.55", "1e1", "NaN", "inf", ".5", "5 5", "<script>",
        ] {
            assert!(Score0To10::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn session_feedback_alerts_below_36_in_total_or_below_9_on_any_item() {
        let t = FeedbackThresholds::default();
        let high = SessionFeedback {
            items: [s("9"), s("9"), s("9"), s("9")],
        };
        assert_eq!(high.total_tenths(), 360);
        assert!(!high.alerts(t), "36.0 does not alert");
        let just_below = SessionFeedback {
            items: [s("9"), s("9"), s("9"), s("8.9")],
        };
        assert_eq!(just_below.total_tenths(), 359);
        assert!(just_below.alerts(t), "35.9 alerts");
        let one_low = SessionFeedback {
            items: [s("10"), s("10"), s("10"), s("8.9")],
        };
        assert!(
            one_low.alerts(t),
            "an item below 9 alerts even with a high total"
        );
        let full = SessionFeedback {
            items: [s("10"); 4],
        };
        assert_eq!(full.total_tenths(), 400);
    }

    #[test]
    fn the_reliable_change_threshold_matches_the_specification() {
        let threshold = reliable_change_threshold(7.0, 0.87);
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

    #[test]
    fn recovery_needs_reliable_improvement_and_ending_above_the_cut_off() {
        // Adult norms example: cut-off 25 (25 or below is clinical), reliable change 5.
        assert!(reliably_recovered(18.0, 26.0, 5.0, 25.0));
        assert!(
            !reliably_recovered(18.0, 25.0, 5.0, 25.0),
            "ending at the cut-off is still clinical"
        );
        assert!(
            !reliably_recovered(22.0, 26.0, 5.0, 25.0),
            "not a reliable change"
        );
    }
}
