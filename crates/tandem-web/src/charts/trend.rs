//! Trend lines: a value per period on a 0–100 axis (shares, or a slider's position between its
//! named poles), broken where a period is hidden.

use std::fmt::Write as _;

use super::{
    COLOURS, Layout, ValueAxis, axis_margins, broken_path, legend, legend_height, open, value_axes,
};

/// One line of a trend chart: its label and a value (0–1) per period, `None` where hidden.
pub struct Series {
    /// The line's label.
    pub label: String,
    /// Values per period.
    pub values: Vec<Option<f64>>,
}

/// Lines over periods on a 0–100 axis, labelled below by period; gaps where a period is
/// hidden (fewer than k people).
#[must_use]
pub fn trend(
    layout: Layout,
    title: &str,
    axis: ValueAxis<'_>,
    periods: &[String],
    series: &[Series],
) -> String {
    let (above, below) = axis_margins(axis);
    let (left, top, height) = (52.0, above, 200.0);
    let width = layout.width() - left - 36.0;
    let legend_top = top + height + 34.0 + below;
    let mut svg = open(
        layout.width(),
        legend_top + legend_height(layout, series.len()) + 8.0,
        title,
    );
    let step = width / (periods.len().max(2) - 1) as f64;
    let y = |v: f64| top + (1.0 - v.clamp(0.0, 1.0)) * height;
    value_axes(
        &mut svg,
        axis,
        (left, width, top + height),
        &y,
        periods,
        |i| left + i as f64 * step,
    );
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
    legend(&mut svg, layout, &names, legend_top);
    svg.push_str("</svg>");
    svg
}
