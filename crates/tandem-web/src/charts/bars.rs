//! Bar-like charts: 100 % stacked shares per row, each group's mean with its spread, and a
//! 10 × 10 grid of counts for two sliders.

use std::fmt::Write as _;

use super::{COLOURS, escape, legend, open, truncate};

/// One row of a stacked share chart: a label and the shares of its parts (summing to 1).
pub struct ShareRow {
    /// The row's label.
    pub label: String,
    /// Each part's share.
    pub shares: Vec<f64>,
}

/// Horizontal 100 % bars, one per row, parts coloured by series (legend below).
#[must_use]
pub fn stacked_shares(title: &str, rows: &[ShareRow], series: &[String]) -> String {
    let (left, width, bar) = (170.0, 420.0, 22.0);
    let legend_rows = series.len().div_ceil(3);
    let height = rows.len() as f64 * (bar + 10.0) + 20.0 + legend_rows as f64 * 20.0;
    let mut svg = open(600, height.ceil() as u32, title);
    for (r, row) in rows.iter().enumerate() {
        let y = 10.0 + r as f64 * (bar + 10.0);
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>",
            left - 6.0,
            y + bar * 0.7,
            escape(&truncate(&row.label, 26))
        );
        let mut x = left;
        for (i, share) in row.shares.iter().enumerate() {
            let w = share.max(0.0) * width;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar}\" fill=\"{}\"/>",
                COLOURS[i % COLOURS.len()]
            );
            x += w;
        }
    }
    legend(&mut svg, series, rows.len() as f64 * (bar + 10.0) + 24.0);
    svg.push_str("</svg>");
    svg
}

/// A group's mean and spread on a 0–100 scale.
pub struct MeanRow {
    /// The group's label.
    pub label: String,
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub sd: f64,
}

/// Each group's mean as a dot with a ±1 SD line on a 0–100 axis with the poles as end labels.
#[must_use]
pub fn means(title: &str, rows: &[MeanRow], poles: (&str, &str)) -> String {
    let (left, width, step) = (170.0, 400.0, 28.0);
    let height = rows.len() as f64 * step + 50.0;
    let mut svg = open(600, height.ceil() as u32, title);
    let x = |v: f64| left + v.clamp(0.0, 100.0) / 100.0 * width;
    let axis = rows.len() as f64 * step + 12.0;
    let _ = write!(
        svg,
        "<line x1=\"{left}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\" stroke=\"#5c5c5c\"/>",
        left + width
    );
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{tick}</text>",
            x(tick),
            axis + 14.0
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{left}\" y=\"{}\" font-size=\"11\">{}</text>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{}</text>",
        axis + 30.0,
        escape(&truncate(poles.0, 40)),
        left + width,
        axis + 30.0,
        escape(&truncate(poles.1, 40))
    );
    for (r, row) in rows.iter().enumerate() {
        let y = 12.0 + r as f64 * step;
        let colour = COLOURS[r % COLOURS.len()];
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>\
             <line x1=\"{:.1}\" y1=\"{y}\" x2=\"{:.1}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"3\"/>\
             <circle cx=\"{:.1}\" cy=\"{y}\" r=\"6\" fill=\"{colour}\"/>",
            left - 8.0,
            y + 4.0,
            escape(&truncate(&row.label, 26)),
            x(row.mean - row.sd),
            x(row.mean + row.sd),
            x(row.mean)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A 10 × 10 grid of counts (`cells[row][column]`, row 0 at the bottom), shaded by count; cells
/// under `k` (but not empty) in one pale shade.
#[must_use]
pub fn heat_grid(title: &str, cells: &[[u64; 10]; 10], k: u64, axes: (&str, &str)) -> String {
    let (left, size) = (60.0, 30.0);
    let mut svg = open(420, 380, title);
    let max = cells.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    for (r, row) in cells.iter().enumerate() {
        for (c, count) in row.iter().enumerate() {
            let opacity = match *count {
                0 => 0.0,
                n if n < k => 0.12,
                n => 0.2 + 0.8 * n as f64 / max,
            };
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{size}\" height=\"{size}\" fill=\"#0059b3\" \
                 fill-opacity=\"{opacity:.2}\" stroke=\"#dcdcdc\"/>",
                left + c as f64 * size,
                10.0 + (9 - r) as f64 * size
            );
        }
    }
    let _ = write!(
        svg,
        "<text x=\"{}\" y=\"335\" text-anchor=\"middle\" font-size=\"12\">{} →</text>\
         <text x=\"20\" y=\"160\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 20 160)\">{} →</text>",
        left + 5.0 * size,
        escape(&truncate(axes.0, 50)),
        escape(&truncate(axes.1, 40))
    );
    svg.push_str("</svg>");
    svg
}
