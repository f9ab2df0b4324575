//! Trends: each triad's mean and each slider's mean month by month, and the hybrid profile's
//! logic mix, blending, segmentation and friction per 90-day window with 95 % bootstrap
//! intervals and the
//! "in transition" flag (the mix moved more than 0.15
//! since the window before). Months and windows with fewer than k stories, or told by fewer
//! than k people, are gaps.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_analytics::profile_extras::Interval;
use tandem_analytics::stories::Column;
use tandem_analytics::ternary::{Composition, mean};
use tandem_app::stories::patterns::months;
use tandem_app::stories::patterns::windows::{self, LogicWindow};
use time::Date;

use super::finding::DataTable;
use super::{Scope, min_group, percent, pole_names, question_name};
use crate::charts::{self, Series, ValueAxis};
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::{show_date, show_year_month};
use crate::numbers::decimal;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::routes::stories::catalog::FilterPanel;

struct TrendView {
    heading: String,
    chart: String,
    table: DataTable,
}

#[derive(Template)]
#[template(path = "stories/trends.html")]
struct TrendsPage {
    chrome: Chrome,
    id: String,
    title: String,
    query: String,
    panel: FilterPanel,
    hidden: Option<String>,
    trends: Vec<TrendView>,
    windows: Option<DataTable>,
}

impl TrendsPage {
    fn new(
        chrome: Chrome,
        scope: &Scope,
        trends: Vec<TrendView>,
        windows: Option<DataTable>,
    ) -> Self {
        Self {
            id: scope.campaign.id.to_string(),
            title: scope.campaign.details.title.as_str().to_owned(),
            query: scope.filter_query(&[]),
            panel: scope.panel(&chrome.tr, "patterns/trends", &[]),
            hidden: scope.hidden.clone(),
            trends,
            windows,
            chrome,
        }
    }
}

/// The selected stories' trends month by month, and the dates of the selected rows.
fn trend_views(tr: &Translator, scope: &Scope) -> (Vec<TrendView>, Vec<Date>) {
    let dates: Vec<Date> = scope
        .rows
        .iter()
        .map(|r| scope.columns.facts[*r].collected_on)
        .collect();
    let (periods, month_of) = months(&dates);
    let labels: Vec<String> = periods.iter().map(|p| show_year_month(tr, *p)).collect();
    let trends = scope
        .stories()
        .fields
        .iter()
        .filter_map(|field| trend(tr, scope, &field.name, &field.column, &labels, &month_of))
        .collect();
    (trends, dates)
}

/// The trends page.
pub(crate) async fn show_trends(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let scope = Scope::load(&state, &ctx, &tr, query.as_deref(), "patterns trends").await?;
    let (mut trends, mut windows) = (Vec::new(), None);
    if scope.hidden.is_none() {
        let dates;
        (trends, dates) = trend_views(&tr, &scope);
        windows = logic_windows(&tr, &scope, &dates, None).await?;
    }
    let page = TrendsPage::new(chrome, &scope, trends, windows);
    render(StatusCode::OK, &page)
}

/// One question's monthly means (triads: each corner's share; sliders: position / 100).
fn trend(
    tr: &Translator,
    scope: &Scope,
    name: &str,
    column: &Column,
    labels: &[String],
    month_of: &[usize],
) -> Option<TrendView> {
    let k = min_group().get() as usize;
    let periods = labels.len();
    // Which stories answered, month by month: a month told by fewer than k people is a gap.
    let mut answered: Vec<Vec<usize>> = vec![Vec::new(); periods];
    let told = |m: usize, answered: &[Vec<usize>]| {
        scope.stories().people(answered[m].iter().copied()) >= k
    };
    let poles = pole_names(tr, &scope.framework, name);
    let poles_of_slider = poles.clone();
    let (series_names, per_month): (Vec<String>, Vec<Option<Vec<f64>>>) = match column {
        Column::Triad(values) => {
            let mut points: Vec<Vec<Composition>> = vec![Vec::new(); periods];
            for (row, (v, m)) in values.iter().zip(month_of).enumerate() {
                if let Some(v) = v {
                    points[*m].push(*v);
                    answered[*m].push(row);
                }
            }
            let means = points
                .iter()
                .enumerate()
                .map(|(m, p)| {
                    (p.len() >= k && told(m, &answered))
                        .then(|| mean(p).map(|m| m.parts().to_vec()))
                        .flatten()
                })
                .collect();
            (poles, means)
        }
        Column::Slider(values) => {
            let mut sums = vec![(0usize, 0.0f64); periods];
            for (row, (v, m)) in values.iter().zip(month_of).enumerate() {
                if let Some(v) = v {
                    sums[*m].0 += 1;
                    sums[*m].1 += v / 100.0;
                    answered[*m].push(row);
                }
            }
            let means = sums
                .iter()
                .enumerate()
                .map(|(m, (n, s))| (*n >= k && told(m, &answered)).then(|| vec![s / *n as f64]))
                .collect();
            (vec![tr.t("patterns-mean")], means)
        }
        _ => return None,
    };
    if per_month.iter().all(Option::is_none) {
        return None;
    }
    let heading = question_name(tr, &scope.framework, name);
    let series: Vec<Series> = series_names
        .iter()
        .enumerate()
        .map(|(i, label)| Series {
            label: label.clone(),
            values: per_month.iter().map(|m| m.as_ref().map(|v| v[i])).collect(),
        })
        .collect();
    let title = tr.t_str("patterns-trend-chart", "question", &heading);
    let axis = match (column, poles_of_slider.as_slice()) {
        (Column::Slider(_), [low, high]) => ValueAxis::Poles(low, high),
        _ => ValueAxis::Percent,
    };
    let chart = charts::responsive(false, |layout| {
        charts::trend(layout, &title, axis, labels, &series)
    });
    let mut head = vec![tr.t("patterns-month")];
    head.extend(series_names.iter().cloned());
    let rows = labels
        .iter()
        .zip(&per_month)
        .map(|(label, values)| {
            let mut row = vec![label.clone()];
            match values {
                // A slider's mean is a position 0–100, as its chart's axis reads; a triad's a share.
                Some(v) => row.extend(v.iter().map(|x| match axis {
                    ValueAxis::Poles(..) => decimal(tr, x * 100.0, 0),
                    ValueAxis::Percent => percent(tr, *x),
                })),
                None => row.extend(series_names.iter().map(|_| tr.t("patterns-hidden-month"))),
            }
            row
        })
        .collect();
    Some(TrendView {
        heading,
        chart,
        table: DataTable {
            caption: tr.t_str(
                "patterns-table-trend",
                "question",
                &question_name(tr, &scope.framework, name),
            ),
            head,
            rows,
        },
    })
}

/// `value` as shown, with its 95 % interval when one was computed ("40 % (30 %–49 %)").
fn with_interval(show: &dyn Fn(f64) -> String, value: f64, interval: Option<Interval>) -> String {
    match interval {
        Some(i) => format!("{} ({}–{})", show(value), show(i.low), show(i.high)),
        None => show(value),
    }
}

/// T1's logic mix, blending, segmentation and friction among blends (strained share, from five
/// blends) per 90-day window, oldest first, each with its 95 % bootstrap interval (computed in
/// [`tandem_app::stories::patterns::windows`], off the async executor), and the "in transition"
/// flag (profile item 12). The team's card shows the same table for its last windows.
///
/// Windows start at the first story, or at `start` when given (the card's windows end today).
pub(crate) async fn logic_windows(
    tr: &Translator,
    scope: &Scope,
    dates: &[Date],
    start: Option<Date>,
) -> Result<Option<DataTable>, AppError> {
    Ok(windows::logic_windows(scope, dates.to_vec(), start)
        .await?
        .map(|windows| windows_table(tr, scope, &windows)))
}

/// The table of [`logic_windows`], from windows already computed.
pub(crate) fn windows_table(tr: &Translator, scope: &Scope, windows: &[LogicWindow]) -> DataTable {
    let rows = windows.iter().map(|w| window_row(tr, w)).collect();
    let mut head = vec![tr.t("patterns-window"), "n".to_owned()];
    head.extend(pole_names(tr, &scope.framework, "T1"));
    head.push(tr.t("patterns-blending"));
    head.push(tr.t("patterns-segmentation"));
    head.push(tr.t("patterns-friction"));
    head.push(tr.t("patterns-transition"));
    DataTable {
        caption: tr.t("patterns-table-windows"),
        head,
        rows,
    }
}

/// One window's row: its start, n, mix, blending, segmentation, friction and transition.
fn window_row(tr: &Translator, window: &LogicWindow) -> Vec<String> {
    let mut row = vec![show_date(tr, window.start)];
    let Some(shown) = &window.shown else {
        // Too few to show.
        row.push(tr.t("count-suppressed"));
        row.extend(std::iter::repeat_n(String::new(), 7));
        return row;
    };
    let (profile, intervals) = (&shown.profile, shown.intervals.as_ref());
    let share = |v: f64| percent(tr, v);
    let plain = |v: f64| decimal(tr, v, 2);
    row.push(shown.n.to_string());
    for (i, p) in profile.mix.parts().iter().enumerate() {
        row.push(with_interval(&share, *p, intervals.map(|x| x.mix[i])));
    }
    row.push(with_interval(
        &plain,
        profile.blending,
        intervals.map(|x| x.blending),
    ));
    row.push(with_interval(
        &plain,
        profile.segmentation,
        intervals.map(|x| x.segmentation),
    ));
    row.push(shown.friction.map_or_else(
        || tr.t("patterns-too-few-blends"),
        |(rate, interval)| with_interval(&share, rate, interval),
    ));
    row.push(if profile.in_transition {
        tr.t("patterns-in-transition")
    } else {
        String::new()
    });
    row
}
