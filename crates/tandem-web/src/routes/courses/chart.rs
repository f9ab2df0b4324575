//! The progress chart of a goal: ratings over time per rater role, with the clinical cut-off and
//! the reliable-change band where the instrument has norms for the young person's age. Only
//! coordinates are computed here; the SVG is in the template, beside a data table with the same
//! numbers and a one-sentence summary.

use tandem_domain::course::kinds::RaterRole;
use tandem_domain::instrument::Norm;
use time::Date;

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// One rater role's line.
#[derive(Debug, Clone)]
pub struct Series {
    /// Role word (for the CSS class and the legend).
    pub role: &'static str,
    /// The legend's label.
    pub label: String,
    /// `x,y x,y …` for the polyline.
    pub points: String,
    /// Each point, for the dots.
    pub dots: Vec<(String, String)>,
    /// Dash pattern, so lines differ by more than colour.
    pub dash: &'static str,
}

/// A horizontal rule (gridline or cut-off).
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its y.
    pub y: String,
    /// Its label.
    pub label: String,
}

/// The chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Width of the viewBox.
    pub width: f64,
    /// Height of the viewBox.
    pub height: f64,
    /// Left edge of the plot.
    pub left: f64,
    /// Right edge of the plot.
    pub right: f64,
    /// Gridlines at 0, 2, … 10.
    pub grid: Vec<Rule>,
    /// The lines.
    pub series: Vec<Series>,
    /// The cut-off line, where norms exist.
    pub cut_off: Option<Rule>,
    /// The reliable-change band around the first rating: (y of top, height).
    pub band: Option<(String, String)>,
    /// First and last dates under the axis.
    pub first_date: String,
    /// Last date.
    pub last_date: String,
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

fn dash(role: RaterRole) -> &'static str {
    match role {
        RaterRole::YoungPerson => "",
        RaterRole::Worker => "8 5",
        RaterRole::Parent => "3 4",
        RaterRole::Network => "12 4 3 4",
    }
}

/// One rater role's ratings: (role, legend label, (date, tenths) in time order).
pub type Line = (RaterRole, String, Vec<(Date, i32)>);

/// Builds the chart from `(role, label, points)` with points as (date, tenths 0–100).
#[must_use]
pub fn build(lines: &[Line], norm: Option<Norm>, show: impl Fn(Date) -> String) -> Option<Chart> {
    let dates: Vec<Date> = lines
        .iter()
        .flat_map(|(_, _, p)| p.iter().map(|(d, _)| *d))
        .collect();
    let first = *dates.iter().min()?;
    let last = *dates.iter().max()?;
    let span = (last - first).whole_days().max(1) as f64;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |d: Date| {
        if first == last {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * ((d - first).whole_days() as f64) / span
        }
    };
    let y = |tenths: i32| TOP + plot_h * (1.0 - f64::from(tenths.clamp(0, 100)) / 100.0);
    let series = lines
        .iter()
        .filter(|(_, _, points)| !points.is_empty())
        .map(|(role, label, points)| {
            let dots: Vec<(String, String)> =
                points.iter().map(|(d, v)| (f(x(*d)), f(y(*v)))).collect();
            Series {
                role: role.as_str(),
                label: label.clone(),
                points: dots
                    .iter()
                    .map(|(a, b)| format!("{a},{b}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                dots,
                dash: dash(*role),
            }
        })
        .collect();
    let baseline = lines
        .iter()
        .find(|(role, _, _)| *role == RaterRole::YoungPerson)
        .or_else(|| lines.first())
        .and_then(|(_, _, points)| points.first())
        .map(|(_, v)| *v);
    Some(Chart {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: WIDTH - RIGHT,
        grid: (0..=5)
            .map(|i| Rule {
                y: f(y(i * 20)),
                label: (i * 2).to_string(),
            })
            .collect(),
        series,
        cut_off: norm.map(|n| Rule {
            y: f(y(n.cut_off)),
            label: tandem_domain::instrument::format_tenths(n.cut_off),
        }),
        band: norm.zip(baseline).map(|(n, base)| {
            let top = y(base + n.reliable_change);
            let bottom = y(base - n.reliable_change);
            (f(top), f(bottom - top))
        }),
        first_date: show(first),
        last_date: show(last),
    })
}
