//! Charts as inline SVG, drawn on the server: stacked shares, group means with spread, a binned
//! scatter, ternary plots with density and centroid regions, and trend lines.
//!
//! Every chart is an `<svg role="img">` whose title is the one-sentence summary shown beside it;
//! the data table next to each chart carries the numbers, so nothing is only in the picture.
//! Every text that reaches the SVG passes through [`escape`]; colours are the design system's
//! and reach 3:1 against white (WCAG 1.4.11). Counts of fewer than k are drawn in one pale shade
//! and never as a number.
//!
//! # Layout
//! - this file: colours, escaping, the frame and legend every chart shares.
//! - [`bars`]: stacked shares, group means, the binned scatter.
//! - [`ternary`]: ternary plots with density and centroid regions.
//! - [`trend`]: trend lines.
//! - [`progress`]: a young person's own numbers on a goal.
//! - [`run_chart`]: a probe's course measure with its baseline median and signals.
//! - [`share`]: a marked region's share of stories per period with its interval.

mod bars;
mod progress;
mod run_chart;
mod share;
mod ternary;
mod trend;

use std::fmt::Write as _;

pub use bars::{MeanRow, ShareRow, heat_grid, means, stacked_shares};
pub use progress::{Point, progress};
pub use run_chart::{RunChart, legend_marks, run_chart};
pub use share::{ShareBar, share_chart};
pub use ternary::{Centroid, ternary};
pub use trend::{Series, trend};

/// Series colours, distinguishable and at least 3:1 against white.
pub const COLOURS: [&str; 6] = [
    "#0059b3", "#b0520c", "#00804d", "#8a1f7a", "#5c5c5c", "#a6191e",
];

/// Escapes text for SVG (the same rules as HTML text and attributes).
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

pub(super) fn open(width: u32, height: u32, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tandem-chart\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-label=\"{}\"><title>{}</title>",
        escape(title),
        escape(title)
    )
}

/// An SVG path through `values` at `x(i)`, `y(value)`, lifting the pen at each gap (a period
/// hidden or without data), so a line never bridges a missing point.
pub(super) fn broken_path(
    values: &[Option<f64>],
    x: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) -> String {
    let mut path = String::new();
    let mut pen_up = true;
    for (i, value) in values.iter().enumerate() {
        let Some(v) = value else {
            pen_up = true;
            continue;
        };
        let _ = write!(
            path,
            "{}{:.1},{:.1} ",
            if pen_up { "M" } else { "L" },
            x(i),
            y(*v)
        );
        pen_up = false;
    }
    path.trim_end().to_owned()
}

/// A 0–100 % value axis with grid lines from `left` across `width`, and up to eight period
/// labels under the plot (its bottom at `bottom`), the `i`th at `x(i)`.
pub(super) fn percent_axes(
    svg: &mut String,
    (left, width, bottom): (f64, f64, f64),
    y: &dyn Fn(f64) -> f64,
    periods: &[String],
    x: impl Fn(usize) -> f64,
) {
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let _ = write!(
            svg,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#dcdcdc\"/>\
             <text x=\"{2}\" y=\"{3:.1}\" text-anchor=\"end\" font-size=\"11\">{4:.0} %</text>",
            y(tick),
            left + width,
            left - 6.0,
            y(tick) + 4.0,
            tick * 100.0
        );
    }
    let every = periods.len().div_ceil(8).max(1);
    for (i, period) in periods.iter().enumerate().step_by(every) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            x(i),
            bottom + 16.0,
            escape(period)
        );
    }
}

pub(super) fn legend(svg: &mut String, series: &[String], top: f64) {
    for (i, name) in series.iter().enumerate() {
        let (x, y) = (10.0 + (i % 3) as f64 * 195.0, top + (i / 3) as f64 * 20.0);
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            y - 10.0,
            COLOURS[i % COLOURS.len()],
            x + 16.0,
            y,
            escape(&truncate(name, 28))
        );
    }
}

pub(super) fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(chars - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_charts_is_escaped() {
        let svg = stacked_shares(
            "<script>alert(1)</script>",
            &[ShareRow {
                label: "\"><img src=x onerror=alert(1)>".into(),
                shares: vec![0.5, 0.5],
            }],
            &["a&b".into(), "c".into()],
        );
        assert!(!svg.contains("<script>") && !svg.contains("<img"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("a&amp;b"));
    }

    #[test]
    fn hidden_periods_break_the_line() {
        let svg = trend(
            "t",
            &["1".into(), "2".into(), "3".into()],
            &[Series {
                label: "x".into(),
                values: vec![Some(0.5), None, Some(0.2)],
            }],
        );
        assert_eq!(svg.matches('M').count(), 2, "two separate pieces: {svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
    }
}
