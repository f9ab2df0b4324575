//! What the charts share about axes and series: a 0–100 value axis with its period labels (and a
//! slider's poles), a grid's slider axes, the pen that lifts at a gap, and the legend.

use std::fmt::Write as _;

use super::{COLOURS, FONT, Layout, escape, fits, truncate};

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

/// One axis of a [`super::heat_grid`]: the slider's name and its two poles (left or bottom
/// first).
pub struct GridAxis<'a> {
    /// The question's name.
    pub name: &'a str,
    /// The poles, where the slider has them.
    pub poles: Option<(&'a str, &'a str)>,
}

/// What a value axis measures: shares (0–100 %), or a slider's position between its two poles
/// (0 at the first, 100 at the second), which the axis names.
#[derive(Debug, Clone, Copy)]
pub enum ValueAxis<'a> {
    /// Shares, ticked 0 %, 25 % … 100 %.
    Percent,
    /// A slider's position, ticked 0, 25 … 100, with the pole at each end named.
    Poles(&'a str, &'a str),
}

/// Room a [`ValueAxis`] takes above and below its plot (a pole's line each).
pub(super) fn axis_margins(axis: ValueAxis<'_>) -> (f64, f64) {
    match axis {
        ValueAxis::Percent => (10.0, 0.0),
        ValueAxis::Poles(..) => (30.0, 22.0),
    }
}

/// A 0–100 value axis with grid lines from `left` across `width` (its poles, if any, named above
/// and below the plot), and period labels under the plot (its bottom at `bottom`), the `i`th at
/// `x(i)`, as many as fit without touching.
pub(super) fn value_axes(
    svg: &mut String,
    axis: ValueAxis<'_>,
    (left, width, bottom): (f64, f64, f64),
    y: &dyn Fn(f64) -> f64,
    periods: &[String],
    x: impl Fn(usize) -> f64,
) {
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let label = match axis {
            ValueAxis::Percent => format!("{:.0} %", tick * 100.0),
            ValueAxis::Poles(..) => format!("{:.0}", tick * 100.0),
        };
        gridline(svg, (left, left + width), y(tick), &label, FONT);
    }
    let widest = periods.iter().map(|p| p.chars().count()).max().unwrap_or(1);
    let room = (widest as f64 * FONT * 0.6 + 12.0).max(1.0);
    let fit = ((width / room).floor() as usize).max(2);
    let every = periods.len().div_ceil(fit).max(1);
    for (i, period) in periods.iter().enumerate().step_by(every) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{FONT}\">{}</text>",
            x(i),
            bottom + 20.0,
            escape(period)
        );
    }
    if let ValueAxis::Poles(low, high) = axis {
        let chars = fits(width + left - 4.0);
        let _ = write!(
            svg,
            "<text x=\"4\" y=\"{:.1}\" font-size=\"{FONT}\">↑ 100 = {}</text>\
             <text x=\"4\" y=\"{:.1}\" font-size=\"{FONT}\">↓ 0 = {}</text>",
            y(1.0) - 16.0,
            escape(&truncate(high, chars.saturating_sub(8))),
            bottom + 40.0,
            escape(&truncate(low, chars.saturating_sub(8)))
        );
    }
}

/// A pale horizontal grid line from `left` to `right` at `y`, with its value `label` (escaped)
/// to the left of it, in `font` units: every value axis draws its ticks so.
pub(super) fn gridline(
    svg: &mut String,
    (left, right): (f64, f64),
    y: f64,
    label: &str,
    font: f64,
) {
    let _ = write!(
        svg,
        "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{right}\" y2=\"{y:.1}\" stroke=\"#dcdcdc\"/>\
         <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"{font}\">{}</text>",
        left - 6.0,
        y + 5.0,
        escape(label)
    );
}

/// Height a [`legend`] of `series` takes in `layout`.
pub(super) fn legend_height(layout: Layout, series: usize) -> f64 {
    series.div_ceil(legend_columns(layout)) as f64 * 22.0
}

fn legend_columns(layout: Layout) -> usize {
    match layout {
        Layout::Narrow => 1,
        Layout::Wide => 2,
        Layout::Full => 3,
    }
}

/// A swatch and name per series, starting at `top`: in one column on a narrow drawing, two on
/// a wide one and three on a full one.
pub(super) fn legend(svg: &mut String, layout: Layout, series: &[String], top: f64) {
    let columns = legend_columns(layout);
    let column = layout.width() / columns as f64;
    for (i, name) in series.iter().enumerate() {
        let (x, y) = (
            4.0 + (i % columns) as f64 * column,
            top + 14.0 + (i / columns) as f64 * 22.0,
        );
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{FONT}\">{}</text>",
            y - 12.0,
            COLOURS[i % COLOURS.len()],
            x + 20.0,
            y,
            escape(&truncate(name, fits(column - 28.0)))
        );
    }
}
