//! A probe's course measures on its page: a run chart per measure with its definition, what the
//! rules read in words, and a data table with every period's value and young people (a
//! withheld period says so instead of a number).

use tandem_analytics::run_chart::{
    BASELINE_FROM, Direction, RUNS_FROM, Reading, SHIFT, Signal as Rule, TREND,
};
use tandem_app::practices::probe_charts::{MeasureChart, Signal, Status};
use tandem_domain::practice::measures::{Aggregate, CourseMeasure, Period};

use crate::charts::{self, RunChart};
use crate::forms::Choice;
use crate::i18n::Translator;
use crate::kit::show_month;
use crate::numbers::{decimal, whole};

/// One period's row of the data table.
pub(super) struct ChartRow {
    /// The period ("03.2026", "uge 12").
    pub period: String,
    /// Before or during the probe.
    pub phase: String,
    /// The value, or why there is none.
    pub value: String,
    /// The young people behind it, or a dash.
    pub young_people: String,
}

/// One measure's chart as the page shows it.
pub(super) struct ChartView {
    /// "Succesmål: …" / "Faresignal: …".
    pub heading: String,
    /// What the measure counts.
    pub definition: String,
    /// Where it stands, in one sentence.
    pub status: String,
    /// Whether the status is a warning (drawn as one).
    pub warning: bool,
    /// The rules that fired, and the median, in words.
    pub reading: Vec<String>,
    /// The chart.
    pub svg: String,
    /// The data table.
    pub rows: Vec<ChartRow>,
}

/// The measures a probe form offers: "followed in words only", then every measure.
pub(super) fn measure_choices(tr: &Translator, current: &str) -> Vec<Choice> {
    let mut choices = vec![Choice {
        value: String::new(),
        label: tr.t("probe-measure-none"),
        selected: current.is_empty(),
    }];
    choices.extend(CourseMeasure::ALL.iter().map(|m| Choice {
        value: m.as_str().to_owned(),
        label: tr.t(&format!("measure-{}", m.as_str())),
        selected: current == m.as_str(),
    }));
    choices
}

/// Every measure with its definition, for the form's explanation.
pub(super) fn definitions(tr: &Translator) -> Vec<(String, String)> {
    CourseMeasure::ALL
        .iter()
        .map(|m| {
            (
                tr.t(&format!("measure-{}", m.as_str())),
                tr.t(&format!("measure-{}-definition", m.as_str())),
            )
        })
        .collect()
}

/// The period a query asks for (months unless it says weeks).
pub(super) fn period_of(pairs: &[(String, String)]) -> Period {
    pairs
        .iter()
        .find(|(k, _)| k == "period")
        .and_then(|(_, v)| Period::parse(v).ok())
        .unwrap_or(Period::Month)
}

/// A value as the table and axis write it.
fn show_value(tr: &Translator, measure: CourseMeasure, value: f64) -> String {
    match measure.aggregate() {
        Aggregate::Share => format!("{} %", decimal(tr, value, 0)),
        Aggregate::Median => decimal(tr, value, 0),
        Aggregate::Mean => decimal(tr, value, 1),
    }
}

/// A period's label.
fn show_period(tr: &Translator, period: Period, from: time::Date) -> String {
    match period {
        Period::Month => show_month(tr, from),
        Period::Week => format!("{} {}", tr.t("run-week"), from.iso_week()),
    }
}

/// The view of one chart.
pub(super) fn chart_view(tr: &Translator, chart: &MeasureChart, period: Period) -> ChartView {
    let measure = chart.measure;
    let name = tr.t(&format!("measure-{}", measure.as_str()));
    let heading = match chart.signal {
        Signal::Success => tr.t_str("probe-chart-success", "measure", &name),
        Signal::Failure => tr.t_str("probe-chart-failure", "measure", &name),
    };
    let periods: Vec<String> = chart
        .points
        .iter()
        .map(|p| show_period(tr, period, p.from))
        .collect();
    let values: Vec<Option<f64>> = chart.points.iter().map(|p| p.value).collect();
    let marked = marked(&chart.reading, values.len());
    let range = match measure.aggregate() {
        Aggregate::Share => (0.0, 100.0),
        _ => around(values.iter().flatten().chain(chart.reading.median.iter())),
    };
    let status = status_sentence(tr, chart);
    let show = |v: f64| show_value(tr, measure, v);
    let svg = charts::run_chart(&RunChart {
        title: &format!("{heading}. {status}"),
        periods: &periods,
        values: &values,
        baseline: chart.baseline,
        median: chart.reading.median,
        marked: &marked,
        range,
        show: &show,
    });
    let rows = chart
        .points
        .iter()
        .zip(&periods)
        .map(|(p, label)| ChartRow {
            period: label.clone(),
            phase: tr.t(if p.baseline {
                "run-phase-before"
            } else {
                "run-phase-during"
            }),
            value: match p.value {
                Some(v) => show_value(tr, measure, v),
                None if p.withheld => tr.t("run-withheld"),
                None => tr.t("run-nothing"),
            },
            young_people: if p.value.is_some() {
                whole(tr, p.young_people)
            } else {
                "–".to_owned()
            },
        })
        .collect();
    ChartView {
        heading,
        definition: tr.t(&format!("measure-{}-definition", measure.as_str())),
        warning: chart.status() == Status::Warning,
        status,
        reading: reading_sentences(tr, chart, &periods),
        svg,
        rows,
    }
}

/// A value axis around the values: from the lowest to the highest whole number (a step
/// apart at least), so that a mean moving between 36 and 38 can be seen.
fn around<'a>(values: impl Iterator<Item = &'a f64>) -> (f64, f64) {
    let (low, high) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    if low > high {
        return (0.0, 10.0);
    }
    let (low, high) = ((low - 0.5).floor().max(0.0), (high + 0.5).ceil());
    (low, high.max(low + 2.0))
}

/// The legend: each shape of the chart with its words.
pub(super) fn legend(tr: &Translator, period: Period) -> Vec<(String, String)> {
    let words = [
        match period {
            Period::Month => "run-legend-month",
            Period::Week => "run-legend-week",
        },
        "run-legend-signal",
        "run-legend-median",
        "run-legend-baseline",
    ];
    charts::legend_marks()
        .into_iter()
        .zip(words)
        .map(|(mark, key)| (mark, tr.t(key)))
        .collect()
}

/// The periods in the shift or trend.
fn marked(reading: &Reading, len: usize) -> Vec<bool> {
    let mut out = vec![false; len];
    for signal in [reading.shift, reading.trend].into_iter().flatten() {
        for slot in out.iter_mut().take(signal.last + 1).skip(signal.first) {
            *slot = true;
        }
    }
    out
}

/// The chart's status in one sentence.
fn status_sentence(tr: &Translator, chart: &MeasureChart) -> String {
    tr.t(match chart.status() {
        Status::Improving => "run-status-improving",
        Status::Warning => "run-status-warning",
        Status::NoSignal => "run-status-none",
        Status::TooFew => "run-status-too-few",
    })
}

/// The median and each rule that fired, in words, with the periods it covers.
fn reading_sentences(tr: &Translator, chart: &MeasureChart, periods: &[String]) -> Vec<String> {
    let r = &chart.reading;
    let mut out = Vec::new();
    match r.median {
        Some(m) => out.push(tr.t_str("run-median", "value", &show_value(tr, chart.measure, m))),
        None => out.push(tr.t_strs(
            "run-no-baseline",
            &[
                ("count", &r.baseline_points.to_string()),
                ("needed", &BASELINE_FROM.to_string()),
            ],
        )),
    }
    let span = |s: &Rule| {
        (
            periods.get(s.first).cloned().unwrap_or_default(),
            periods.get(s.last).cloned().unwrap_or_default(),
        )
    };
    if let Some(s) = &r.shift {
        let (from, to) = span(s);
        let key = match s.direction {
            Direction::Up => "run-shift-up",
            Direction::Down => "run-shift-down",
        };
        let count = (s.first..=s.last)
            .filter(|i| chart.points[*i].value.is_some_and(|v| Some(v) != r.median))
            .count();
        out.push(tr.t_strs(
            key,
            &[
                ("count", &count.to_string()),
                ("from", &from),
                ("to", &to),
                ("rule", &SHIFT.to_string()),
            ],
        ));
    }
    if let Some(s) = &r.trend {
        let (from, to) = span(s);
        let key = match s.direction {
            Direction::Up => "run-trend-up",
            Direction::Down => "run-trend-down",
        };
        out.push(tr.t_strs(
            key,
            &[("from", &from), ("to", &to), ("rule", &TREND.to_string())],
        ));
    }
    match &r.runs {
        Some(runs) if runs.signals() => out.push(tr.t_strs(
            "run-runs-signal",
            &[
                ("runs", &runs.runs.to_string()),
                ("lower", &runs.lower.to_string()),
                ("upper", &runs.upper.to_string()),
            ],
        )),
        Some(runs) => out.push(tr.t_strs(
            "run-runs-fine",
            &[
                ("runs", &runs.runs.to_string()),
                ("lower", &runs.lower.to_string()),
                ("upper", &runs.upper.to_string()),
            ],
        )),
        None if r.median.is_some() => {
            out.push(tr.t_str("run-runs-too-few", "needed", &RUNS_FROM.to_string()));
        }
        None => {}
    }
    out
}
