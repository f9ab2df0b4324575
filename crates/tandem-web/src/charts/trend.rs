//! Trend lines: a value per period on a 0–100 % axis, broken where a period is hidden.

use std::fmt::Write as _;

use super::{COLOURS, broken_path, legend, open, percent_axes};

/// One line of a trend chart: its label and a value (0–1) per period, `None` where hidden.
pub struct Series {
    /// The line's label.
    pub label: String,
    /// Values per period.
    pub values: Vec<Option<f64>>,
}

/// Lines over periods on a 0–100 % axis, labelled below by period; gaps where a period is
/// hidden (fewer than k stories).
#[must_use]
pub fn trend(title: &str, periods: &[String], series: &[Series]) -> String {
    let (left, width, top, height) = (50.0, 520.0, 10.0, 200.0);
    let legend_rows = series.len().div_ceil(3);
    let mut svg = open(
        600,
        (height + 60.0 + legend_rows as f64 * 20.0) as u32,
        title,
    );
    let step = width / (periods.len().max(2) - 1) as f64;
    let y = |v: f64| top + (1.0 - v.clamp(0.0, 1.0)) * height;
    percent_axes(&mut svg, (left, width, top + height), &y, periods, |i| {
        left + i as f64 * step
    });
    for (s, line) in series.iter().enumerate() {
        let colour = COLOURS[s % COLOURS.len()];
        for (i, value) in line.values.iter().enumerate() {
            let Some(v) = value else { continue };
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"/>",
                left + i as f64 * step,
                y(*v)
            );
        }
        let _ = write!(
            svg,
            "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            broken_path(&line.values, |i| left + i as f64 * step, y)
        );
    }
    let names: Vec<String> = series.iter().map(|s| s.label.clone()).collect();
    legend(&mut svg, &names, top + height + 40.0);
    svg.push_str("</svg>");
    svg
}
