//! Bar-like charts: 100 % stacked shares per row, each group's mean with its spread, and a
//! 10 × 10 grid of counts for two sliders. Each is drawn for a [`Layout`]: on a narrow one a
//! row's label stands above its bar, on a wide one beside it.

use std::fmt::Write as _;

use super::{COLOURS, FONT, GridAxis, Layout, escape, fits, legend, legend_height, open, truncate};

/// One row of a stacked share chart: a label and the shares of its parts (summing to 1).
pub struct ShareRow {
    /// The row's label.
    pub label: String,
    /// Each part's share.
    pub shares: Vec<f64>,
}

/// Where a row's label goes and where its bar starts: `(label x, label anchor, bar left, the
/// label's line above the bar)`. Beside the bars, the labels get the room their longest needs,
/// up to half the drawing.
fn row_frame<'a>(
    layout: Layout,
    labels: impl Iterator<Item = &'a str>,
) -> (f64, &'static str, f64, f64) {
    match layout {
        Layout::Narrow => (4.0, "start", 4.0, 20.0),
        Layout::Wide | Layout::Full => {
            let longest = labels.map(|l| l.chars().count()).max().unwrap_or(0) as f64;
            let room = (longest * FONT * 0.55 + 8.0).clamp(80.0, layout.width() * 0.5);
            (room, "end", room + 8.0, 0.0)
        }
    }
}

/// Horizontal 100 % bars, one per row, parts coloured by series (legend below).
#[must_use]
pub fn stacked_shares(layout: Layout, title: &str, rows: &[ShareRow], series: &[String]) -> String {
    let (label_x, anchor, left, above) = row_frame(layout, rows.iter().map(|r| r.label.as_str()));
    let width = layout.width() - left - 4.0;
    let bar = 24.0;
    let step = above + bar + 12.0;
    let chars = fits(if above > 0.0 { width } else { label_x - 4.0 });
    let bottom = 8.0 + rows.len() as f64 * step;
    let height = bottom + legend_height(layout, series.len()) + 8.0;
    let mut svg = open(layout.width(), height, title);
    for (r, row) in rows.iter().enumerate() {
        let top = 8.0 + r as f64 * step;
        let y = top + above;
        let _ = write!(
            svg,
            "<text x=\"{label_x}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"{FONT}\">{}</text>",
            if above > 0.0 { top + 14.0 } else { y + 17.0 },
            escape(&truncate(&row.label, chars))
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
    legend(&mut svg, layout, series, bottom);
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

/// Each group's mean as a dot with a ±1 SD line on a 0–100 axis with the poles as end labels
/// (on a narrow drawing each pole on a line of its own, so neither is cut short).
#[must_use]
pub fn means(layout: Layout, title: &str, rows: &[MeanRow], poles: (&str, &str)) -> String {
    let (label_x, anchor, left, above) = row_frame(layout, rows.iter().map(|r| r.label.as_str()));
    let (left, width) = (left + 8.0, layout.width() - left - 36.0);
    let step = above + 28.0;
    let chars = fits(if above > 0.0 { width } else { label_x - 4.0 });
    let x = |v: f64| left + v.clamp(0.0, 100.0) / 100.0 * width;
    let axis = 8.0 + rows.len() as f64 * step;
    let pole_lines = if above > 0.0 { 2.0 } else { 1.0 };
    let mut svg = open(layout.width(), axis + 28.0 + pole_lines * 20.0, title);
    let _ = write!(
        svg,
        "<line x1=\"{left}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\" stroke=\"#5c5c5c\"/>",
        left + width
    );
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{FONT}\">{tick}</text>",
            x(tick),
            axis + 18.0
        );
    }
    let (pole_chars, second) = if above > 0.0 {
        (fits(width + 8.0), axis + 58.0)
    } else {
        (fits(width / 2.0), axis + 38.0)
    };
    let _ = write!(
        svg,
        "<text x=\"{}\" y=\"{}\" font-size=\"{FONT}\">← {}</text>\
         <text x=\"{}\" y=\"{second}\" text-anchor=\"end\" font-size=\"{FONT}\">{} →</text>",
        left - 4.0,
        axis + 38.0,
        escape(&truncate(poles.0, pole_chars - 2)),
        left + width + 4.0,
        escape(&truncate(poles.1, pole_chars - 2))
    );
    for (r, row) in rows.iter().enumerate() {
        let top = 8.0 + r as f64 * step;
        let y = top + above + 12.0;
        let colour = COLOURS[r % COLOURS.len()];
        let _ = write!(
            svg,
            "<text x=\"{label_x}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"{FONT}\">{}</text>\
             <line x1=\"{:.1}\" y1=\"{y}\" x2=\"{:.1}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"3\"/>\
             <circle cx=\"{:.1}\" cy=\"{y}\" r=\"6\" fill=\"{colour}\"/>",
            if above > 0.0 { top + 14.0 } else { y + 5.0 },
            escape(&truncate(&row.label, chars)),
            x(row.mean - row.sd),
            x(row.mean + row.sd),
            x(row.mean)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A 10 × 10 grid of counts (`cells[row][column]`, row 0 at the bottom), shaded by count; cells
/// under `k` (but not empty) in one pale shade. Each axis carries its question and its poles.
#[must_use]
pub fn heat_grid(
    layout: Layout,
    title: &str,
    cells: &[[u64; 10]; 10],
    k: u64,
    (x_axis, y_axis): (&GridAxis<'_>, &GridAxis<'_>),
) -> String {
    let (left, top) = (48.0, 8.0);
    let grid = layout.square() - left - 8.0;
    let size = grid / 10.0;
    let bottom = top + grid;
    let mut svg = open(layout.square(), bottom + 72.0, title);
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
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{size:.1}\" height=\"{size:.1}\" fill=\"#0059b3\" \
                 fill-opacity=\"{opacity:.2}\" stroke=\"#dcdcdc\"/>",
                left + c as f64 * size,
                top + (9 - r) as f64 * size
            );
        }
    }
    let half = fits(grid / 2.0 - 8.0);
    // The x axis: its poles under the grid's ends, its name under them.
    if let Some((low, high)) = x_axis.poles {
        let _ = write!(
            svg,
            "<text x=\"{left}\" y=\"{:.1}\" font-size=\"{FONT}\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"{FONT}\">{}</text>",
            bottom + 20.0,
            escape(&truncate(low, half)),
            left + grid,
            bottom + 20.0,
            escape(&truncate(high, half))
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{FONT}\" font-weight=\"bold\">{} →</text>",
        left + grid / 2.0,
        bottom + 44.0,
        escape(&truncate(x_axis.name, fits(grid) - 2))
    );
    // The y axis, turned: its name outermost, its poles along the grid's ends.
    let middle = top + grid / 2.0;
    let _ = write!(
        svg,
        "<text x=\"16\" y=\"{middle:.1}\" text-anchor=\"middle\" font-size=\"{FONT}\" font-weight=\"bold\" \
         transform=\"rotate(-90 16 {middle:.1})\">{} →</text>",
        escape(&truncate(y_axis.name, fits(grid) - 2))
    );
    if let Some((low, high)) = y_axis.poles {
        let x = left - 8.0;
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{bottom:.1}\" font-size=\"{FONT}\" transform=\"rotate(-90 {x} {bottom:.1})\">{}</text>\
             <text x=\"{x}\" y=\"{top:.1}\" text-anchor=\"end\" font-size=\"{FONT}\" transform=\"rotate(-90 {x} {top:.1})\">{}</text>",
            escape(&truncate(low, half)),
            escape(&truncate(high, half))
        );
    }
    svg.push_str("</svg>");
    svg
}
