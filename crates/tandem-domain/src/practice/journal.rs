//! The manager's decision journal (issue 22, "management measured as management"): what the
//! manager decided, when, and which logics they weighed — rules, efficiency, getting there
//! together, the corners of T1. The journal's mix sets what management did beside what it
//! intended and how staff narrate it.

use time::Date;

use crate::course::Problem;
use crate::text::PlainText;

/// Marker type for [`crate::Id`]s of journal entries.
#[derive(Debug)]
pub enum Decision {}

keyword_enum! {
    /// A logic weighed in a decision, in T1's corner order.
    Logic {
        /// Getting it right: rules, rights, correct procedure (TPA).
        Rules = "rules",
        /// Getting it done: goals, efficiency, documented results (NPM).
        Efficiency = "efficiency",
        /// Getting there together: relationships, dialogue, shared solutions (NPG).
        Together = "together",
    }
}

impl Logic {
    /// The logic's corner of T1 (0 rules, 1 efficiency, 2 together).
    #[must_use]
    pub fn corner(self) -> usize {
        Self::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }
}

/// A decision as the manager records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionEntry {
    /// The day it was decided.
    pub decided_on: Date,
    /// What was decided, in a line.
    pub decision: PlainText,
    /// The logics weighed, each once, in T1's order.
    pub weighed: Vec<Logic>,
    /// Why, if the manager wrote it.
    pub why: Option<PlainText>,
}

impl DecisionEntry {
    /// The rules broken: no logic weighed.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        if self.weighed.is_empty() {
            vec![Problem::new("weighed", "decision-logic-required")]
        } else {
            Vec::new()
        }
    }

    /// The decision's point on T1's triangle: the logics weighed share it equally (one logic
    /// weighed is its corner, two the middle of their edge, three the centre) — the journal
    /// records which logics counted, not by how much.
    #[must_use]
    pub fn weights(&self) -> [f64; 3] {
        let mut weights = [0.0; 3];
        for logic in &self.weighed {
            weights[logic.corner()] = 1.0;
        }
        let total: f64 = weights.iter().sum();
        if total > 0.0 {
            weights.map(|w| w / total)
        } else {
            weights
        }
    }
}

/// A calendar quarter, the quarterly view's period ("2026-Q4").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    /// The year.
    pub year: i32,
    /// 1–4.
    pub number: u8,
}

impl Quarter {
    /// The quarter holding `day`.
    #[must_use]
    pub fn of(day: Date) -> Self {
        Self {
            year: day.year(),
            number: (u8::from(day.month()) - 1) / 3 + 1,
        }
    }

    /// Parses "2026-Q4" (what the page's links carry); `None` for anything else.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let (year, number) = text.split_once("-Q")?;
        let year: i32 = year.parse().ok().filter(|y| (2000..=2099).contains(y))?;
        let number: u8 = number.parse().ok().filter(|n| (1..=4).contains(n))?;
        Some(Self { year, number })
    }

    /// Its first day.
    #[must_use]
    pub fn first_day(self) -> Date {
        let month =
            time::Month::try_from(3 * (self.number - 1) + 1).unwrap_or(time::Month::January);
        Date::from_calendar_date(self.year, month, 1).unwrap_or(Date::MIN)
    }

    /// Its last day.
    #[must_use]
    pub fn last_day(self) -> Date {
        self.next().first_day().previous_day().unwrap_or(Date::MAX)
    }

    /// The quarter after.
    #[must_use]
    pub fn next(self) -> Self {
        if self.number == 4 {
            Self {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Self {
                year: self.year,
                number: self.number + 1,
            }
        }
    }

    /// The quarter before.
    #[must_use]
    pub fn previous(self) -> Self {
        if self.number == 1 {
            Self {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Self {
                year: self.year,
                number: self.number - 1,
            }
        }
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

/// The journal's mix over `entries`: the mean of their points (`None` without entries).
#[must_use]
pub fn journal_mix<'a>(entries: impl IntoIterator<Item = &'a DecisionEntry>) -> Option<[f64; 3]> {
    let (mut sum, mut n) = ([0.0; 3], 0usize);
    for entry in entries {
        let w = entry.weights();
        for i in 0..3 {
            sum[i] += w[i];
        }
        n += 1;
    }
    (n > 0).then(|| sum.map(|s| s / n as f64))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn entry(weighed: &[Logic]) -> DecisionEntry {
        DecisionEntry {
            decided_on: date!(2026 - 10 - 05),
            decision: PlainText::parse("Netværksmøder før hver revision", 200).expect("text"),
            weighed: weighed.to_vec(),
            why: None,
        }
    }

    #[test]
    fn the_logics_weighed_share_a_decision_equally() {
        assert_eq!(entry(&[Logic::Together]).weights(), [0.0, 0.0, 1.0]);
        assert_eq!(
            entry(&[Logic::Rules, Logic::Together]).weights(),
            [0.5, 0.0, 0.5]
        );
        let all = entry(&[Logic::Rules, Logic::Efficiency, Logic::Together]).weights();
        assert!(all.iter().all(|w| (w - 1.0 / 3.0).abs() < 1e-12));
        assert_eq!(entry(&[]).problems()[0].key, "decision-logic-required");
        assert!(entry(&[Logic::Rules]).problems().is_empty());
    }

    #[test]
    fn quarters_run_from_their_first_to_their_last_day() {
        let q4 = Quarter::of(date!(2026 - 12 - 07));
        assert_eq!(q4.to_string(), "2026-Q4");
        assert_eq!(Quarter::parse("2026-Q4"), Some(q4));
        assert_eq!(
            (q4.first_day(), q4.last_day()),
            (date!(2026 - 10 - 01), date!(2026 - 12 - 31))
        );
        assert_eq!(q4.next().to_string(), "2027-Q1");
        assert_eq!(q4.next().previous(), q4);
        assert_eq!(
            Quarter::of(date!(2026 - 03 - 31)).last_day(),
            date!(2026 - 03 - 31)
        );
        for wrong in ["2026-Q5", "2026-Q0", "26-Q1", "2026Q1", "<script>", ""] {
            assert_eq!(Quarter::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn the_journal_mix_is_the_mean_of_the_decisions() {
        let entries = [
            entry(&[Logic::Together]),
            entry(&[Logic::Rules, Logic::Together]),
        ];
        assert_eq!(journal_mix(&entries), Some([0.25, 0.0, 0.75]));
        assert_eq!(journal_mix(&[]), None);
    }
}
