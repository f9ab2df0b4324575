//! The instrument engine: any scaled judgement (a goal scale, a safety scale, a feedback form, a
//! licensed outcome measure) is configuration — items, range, step, norms by age band, alert
//! rules — not code. Values are held in tenths so that 35.9 and 36.0 compare exactly.
//!
//! Three instruments ship with Tandem (free to use): the goal scale, the safety scale and the
//! session-feedback form. Administrators define more; [`Instrument::validate`] holds their rules
//! (e.g. a star-like instrument has 5–10 areas).

use serde::{Deserialize, Serialize};

use crate::scales::{Change, classify_change};

/// Key of the shipped goal scale.
pub const GOAL_SCALE: &str = "goal_scale";
/// Key of the shipped safety scale.
pub const SAFETY_SCALE: &str = "safety_scale";
/// Key of the shipped session-feedback form.
pub const SESSION_FEEDBACK: &str = "session_feedback";

/// When a submitted form raises an alert: a total or any item below a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertRule {
    /// Alert when the total is below this (tenths).
    pub total_below: i32,
    /// Alert when any item is below this (tenths).
    pub item_below: i32,
}

/// One age band's norms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Norm {
    /// From this age (inclusive).
    pub age_from: i32,
    /// To this age (inclusive).
    pub age_to: i32,
    /// Clinical cut-off on the total (tenths): at or below is the clinical range.
    pub cut_off: i32,
    /// Reliable-change threshold on the total (tenths).
    pub reliable_change: i32,
}

/// An instrument's definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    /// Stable key (`goal_scale`, or an id for administrator-defined instruments).
    pub key: String,
    /// Name (administrator-defined instruments; shipped ones are translated by key).
    pub name: String,
    /// Item labels, in order.
    pub items: Vec<String>,
    /// Lowest value of an item (tenths).
    pub min: i32,
    /// Highest value of an item (tenths).
    pub max: i32,
    /// Step between values (tenths): 1 allows 7.3, 10 allows whole numbers only.
    pub step: i32,
    /// Whether the items are areas of a star-like instrument (5–10 of them).
    pub areas: bool,
    /// Who holds the licence, when one is required.
    pub licence_holder: Option<String>,
    /// Alert rule, if the instrument raises alerts.
    pub alert: Option<AlertRule>,
    /// Whether it is rated per goal (the goal scale).
    pub per_goal: bool,
    /// Norms by age band.
    pub norms: Vec<Norm>,
}

/// Why an instrument definition was refused; the web layer translates the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionError {
    /// No items, or an empty label.
    #[error("items")]
    Items,
    /// A star-like instrument needs 5–10 areas.
    #[error("areas")]
    AreaCount,
    /// The range or step does not fit.
    #[error("range")]
    Range,
    /// A norm's age band or values do not fit.
    #[error("norms")]
    Norms,
}

impl DefinitionError {
    /// The translation key suffix.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Items => "items",
            Self::AreaCount => "areas",
            Self::Range => "range",
            Self::Norms => "norms",
        }
    }
}

/// Why a value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not a number with at most one decimal.
    #[error("not a number")]
    NotANumber,
    /// Outside the instrument's range.
    #[error("out of range")]
    OutOfRange,
    /// Between the instrument's steps.
    #[error("off step")]
    OffStep,
}

/// Most items an instrument may have.
pub const MAX_ITEMS: usize = 40;

impl Instrument {
    /// The shipped goal scale: one item, 0–10 in steps of 0.1, anchors taken from the goal.
    #[must_use]
    pub fn goal_scale() -> Self {
        Self::shipped(GOAL_SCALE, 1, None, true)
    }

    /// The shipped safety scale: 0 = cannot stay as it is, 10 = safe enough to close.
    #[must_use]
    pub fn safety_scale() -> Self {
        Self::shipped(SAFETY_SCALE, 1, None, false)
    }

    /// The shipped session-feedback form: four items 0–10, alert when the total is below 36 or
    /// any item below 9 (the organization may change the thresholds).
    #[must_use]
    pub fn session_feedback(alert: AlertRule) -> Self {
        Self::shipped(SESSION_FEEDBACK, 4, Some(alert), false)
    }

    fn shipped(key: &str, items: usize, alert: Option<AlertRule>, per_goal: bool) -> Self {
        Self {
            key: key.to_owned(),
            name: String::new(),
            items: (1..=items).map(|i| format!("{key}-{i}")).collect(),
            min: 0,
            max: 100,
            step: 1,
            areas: false,
            licence_holder: None,
            alert,
            per_goal,
            norms: Vec::new(),
        }
    }

    /// Whether Tandem ships it.
    #[must_use]
    pub fn is_shipped(&self) -> bool {
        [GOAL_SCALE, SAFETY_SCALE, SESSION_FEEDBACK].contains(&self.key.as_str())
    }

    /// Checks the definition.
    ///
    /// # Errors
    /// The first rule broken.
    pub fn validate(&self) -> Result<(), DefinitionError> {
        if self.items.is_empty()
            || self.items.len() > MAX_ITEMS
            || self.items.iter().any(|i| i.trim().is_empty())
        {
            return Err(DefinitionError::Items);
        }
        if self.areas && !(5..=10).contains(&self.items.len()) {
            return Err(DefinitionError::AreaCount);
        }
        if self.min < 0
            || self.max > 10_000
            || self.min >= self.max
            || self.step <= 0
            || (self.max - self.min) % self.step != 0
        {
            return Err(DefinitionError::Range);
        }
        let (low, high) = self.total_range();
        for (i, norm) in self.norms.iter().enumerate() {
            let overlaps = self.norms[..i]
                .iter()
                .any(|o| norm.age_from <= o.age_to && o.age_from <= norm.age_to);
            if norm.age_from > norm.age_to
                || norm.age_from < 0
                || norm.age_to > 120
                || !(low..=high).contains(&norm.cut_off)
                || norm.reliable_change <= 0
                || norm.reliable_change > high - low
                || overlaps
            {
                return Err(DefinitionError::Norms);
            }
        }
        Ok(())
    }

    /// The lowest and highest possible totals (tenths).
    #[must_use]
    pub fn total_range(&self) -> (i32, i32) {
        let n = i32::try_from(self.items.len()).unwrap_or(i32::MAX);
        (self.min.saturating_mul(n), self.max.saturating_mul(n))
    }

    /// Parses one item value as typed ("7", "7.5", "7,5").
    ///
    /// # Errors
    /// [`ValueError`] when it is not a number with at most one decimal, is outside the range, or
    /// falls between steps.
    pub fn parse_value(&self, input: &str) -> Result<i32, ValueError> {
        let tenths = parse_tenths(input)?;
        if tenths < self.min || tenths > self.max {
            return Err(ValueError::OutOfRange);
        }
        if (tenths - self.min) % self.step != 0 {
            return Err(ValueError::OffStep);
        }
        Ok(tenths)
    }

    /// Whether a set of item values raises the instrument's alert.
    #[must_use]
    pub fn alerts(&self, values: &[i32]) -> bool {
        self.alert.is_some_and(|rule| {
            values.iter().sum::<i32>() < rule.total_below
                || values.iter().any(|v| *v < rule.item_below)
        })
    }

    /// The norms for a young person of `age`, if the table has them.
    #[must_use]
    pub fn norm_for(&self, age: i32) -> Option<Norm> {
        self.norms
            .iter()
            .find(|n| (n.age_from..=n.age_to).contains(&age))
            .copied()
    }
}

/// A change between a first and a last total, classified against a norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Reliable improvement that ends above the clinical cut-off.
    Recovered,
    /// Reliable improvement.
    Improved,
    /// Reliable deterioration.
    Deteriorated,
    /// Within the reliable-change threshold.
    NoReliableChange,
}

impl Classification {
    /// The stored and translated word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recovered => "recovered",
            Self::Improved => "improved",
            Self::Deteriorated => "deteriorated",
            Self::NoReliableChange => "no_reliable_change",
        }
    }
}

/// Classifies the change from `first` to `last` (tenths) under `norm` (Jacobson–Truax).
#[must_use]
pub fn classify(first: i32, last: i32, norm: Norm) -> Classification {
    let threshold = f64::from(norm.reliable_change);
    match classify_change(f64::from(first), f64::from(last), threshold) {
        Change::ReliableImprovement if last > norm.cut_off => Classification::Recovered,
        Change::ReliableImprovement => Classification::Improved,
        Change::ReliableDeterioration => Classification::Deteriorated,
        Change::NoReliableChange => Classification::NoReliableChange,
    }
}

/// Parses a non-negative number with at most one decimal (point or comma) into tenths.
///
/// # Errors
/// [`ValueError::NotANumber`] for anything else.
pub fn parse_tenths(input: &str) -> Result<i32, ValueError> {
    let text = input.trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.len() > 1 || !(fraction.is_empty() || digits(fraction)) {
        return Err(ValueError::NotANumber);
    }
    let whole: i32 = whole.parse().map_err(|_| ValueError::NotANumber)?;
    let tenth: i32 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().map_err(|_| ValueError::NotANumber)?
    };
    Ok(whole * 10 + tenth)
}

/// Formats tenths as a number with one decimal ("35.9"), or none when whole ("36").
#[must_use]
pub fn format_tenths(tenths: i32) -> String {
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, (tenths % 10).abs())
    }
}

#[cfg(test)]
mod tests;
