//! Indicators as the page shows them: the value in the reader's notation, the national
//! reference, what it covers, its definition and formula, and a bar that draws the value beside
//! the reference (the numbers are always written out; the bar only repeats them).

use tandem_domain::indicators::{CaseloadThresholds, Indicator, Logic, Unit};

use crate::i18n::Translator;
use crate::numbers::{decimal, kroner, percent};

/// One indicator on the page.
pub(crate) struct IndicatorView {
    pub(crate) key: &'static str,
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) shown: bool,
    pub(crate) reference: Option<String>,
    pub(crate) covers: String,
    pub(crate) definition: String,
    pub(crate) formula: String,
    /// For shares: the value and the reference as whole percentages (for the bar).
    pub(crate) bar: Option<(u32, Option<u32>)>,
    /// The drill-down link, for those who may read the courses.
    pub(crate) drill: Option<String>,
}

/// One of the three columns.
pub(crate) struct ColumnView {
    pub(crate) id: &'static str,
    pub(crate) title: String,
    pub(crate) lead: String,
    pub(crate) indicators: Vec<IndicatorView>,
}

/// A course behind an indicator.
pub(crate) struct CourseLink {
    pub(crate) name: String,
    pub(crate) href: String,
}

fn value_text(tr: &Translator, unit: Unit, value: f64) -> String {
    match unit {
        Unit::Share => percent(tr, value),
        Unit::Days => tr.t_num("indicator-days", "count", value.round() as i64),
        Unit::Ratio => decimal(tr, value, 1),
        Unit::Kroner => kroner(tr, value),
        Unit::Feedback => tr.t_str("indicator-of-40", "value", &decimal(tr, value, 1)),
    }
}

fn whole_percent(share: f64) -> u32 {
    (share.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// An indicator's formula in words (the caseload's names the organization's thresholds); the page
/// and the exported file show the same text.
pub(crate) fn formula(tr: &Translator, key: &str, caseload: CaseloadThresholds) -> String {
    if key == "caseload" {
        let (union, intensive) = (caseload.union, caseload.intensive);
        tr.t_strs(
            "indicator-caseload-formula",
            &[
                ("union", &format!("{}–{}", union.0, union.1)),
                ("intensive", &format!("{}–{}", intensive.0, intensive.1)),
            ],
        )
    } else {
        tr.t(&format!("indicator-{key}-formula"))
    }
}

/// The three columns of `all`; indicators link to `drill_base?show=key` when given.
pub(crate) fn columns(
    tr: &Translator,
    all: &[Indicator],
    drill_base: Option<&str>,
    caseload: CaseloadThresholds,
) -> Vec<ColumnView> {
    [Logic::Right, Logic::Done, Logic::Together]
        .into_iter()
        .map(|logic| ColumnView {
            id: logic.as_str(),
            title: tr.t(&format!("indicators-{}", logic.as_str())),
            lead: tr.t(&format!("indicators-{}-lead", logic.as_str())),
            indicators: all
                .iter()
                .filter(|i| i.logic == logic)
                .map(|i| IndicatorView {
                    key: i.key,
                    name: tr.t(&format!("indicator-{}", i.key)),
                    value: match i.value {
                        Some(v) => value_text(tr, i.unit, v),
                        None if i.suppressed => tr.t("indicator-suppressed"),
                        None => tr.t("indicator-no-data"),
                    },
                    shown: i.value.is_some(),
                    reference: i
                        .reference
                        .map(|r| tr.t_str("indicator-reference", "value", &percent(tr, r))),
                    covers: tr.t_num(
                        "indicator-covers",
                        "count",
                        i64::try_from(i.young_people).unwrap_or(i64::MAX),
                    ),
                    definition: tr.t(&format!("indicator-{}-definition", i.key)),
                    formula: formula(tr, i.key, caseload),
                    bar: match (i.unit, i.value) {
                        (Unit::Share, Some(v)) => {
                            Some((whole_percent(v), i.reference.map(whole_percent)))
                        }
                        _ => None,
                    },
                    drill: drill_base
                        .filter(|_| i.value.is_some())
                        .map(|base| format!("{base}?show={}#drill", i.key)),
                })
                .collect(),
        })
        .collect()
}
