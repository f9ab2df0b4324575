//! Charts as inline SVG, drawn on the server: stacked shares, group means with spread, a binned
//! scatter, ternary plots with density and centroid regions, and trend lines.
//!
//! Every chart is an `<svg role="img">` whose title is the one-sentence summary shown beside it;
//! the data table next to each chart carries the numbers, so nothing is only in the picture.
//! Every text that reaches the SVG passes through [`escape`]; colours are the design system's
//! and reach 3:1 against white (WCAG 1.4.11). Counts of fewer than k are drawn in one pale shade
//! and never as a number.

use std::fmt::Write as _;

use tandem_analytics::zones::{Bin, CentroidRegion, to_plane};

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

fn open(width: u32, height: u32, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tandem-chart\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-label=\"{}\"><title>{}</title>",
        escape(title),
        escape(title)
    )
}

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

fn legend(svg: &mut String, series: &[String], top: f64) {
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

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(chars - 1).collect();
        format!("{cut}…")
    }
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

/// A centroid to draw on a ternary plot, with its label.
pub struct Centroid<'a> {
    /// The group's label.
    pub label: &'a str,
    /// The centroid and its confidence region.
    pub region: &'a CentroidRegion,
}

/// A triangle with corner `a` at the top, `b` bottom left, `c` bottom right: density bins of a
/// `k`-row subdivision shaded by count (bins under `min` pale), zone guide lines, and each
/// group's centroid with its 95 % region.
#[must_use]
pub fn ternary(
    title: &str,
    corners: [&str; 3],
    bins: &[Bin],
    rows: usize,
    min: u64,
    centroids: &[Centroid<'_>],
) -> String {
    let (scale, left, top) = (340.0, 60.0, 30.0);
    let plane = |x: f64, y: f64| (left + x * scale, top + (3f64.sqrt() / 2.0 - y) * scale);
    let mut svg = open(460, 380, title);
    let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let k = rows.max(1) as f64;
    for bin in bins {
        // The small triangle's corners in barycentric (a, b) steps of 1/k.
        let (i, j) = (bin.i as f64, bin.j as f64);
        let points: [(f64, f64); 3] = if bin.upward {
            [(i, j), (i + 1.0, j), (i, j + 1.0)]
        } else {
            [(i + 1.0, j), (i, j + 1.0), (i + 1.0, j + 1.0)]
        };
        let mut path = String::new();
        for (a, b) in points {
            let (a, b) = (a / k, b / k);
            let c = (1.0 - a - b).max(0.0);
            let (x, y) = (c + a / 2.0, a * 3f64.sqrt() / 2.0);
            let (px, py) = plane(x, y);
            let _ = write!(path, "{px:.1},{py:.1} ");
        }
        let opacity = if (bin.count as u64) < min {
            0.1
        } else {
            0.2 + 0.75 * bin.count as f64 / max
        };
        let _ = write!(
            svg,
            "<polygon points=\"{}\" fill=\"#0059b3\" fill-opacity=\"{opacity:.2}\"/>",
            path.trim_end()
        );
    }
    let (ax, ay) = plane(0.5, 3f64.sqrt() / 2.0);
    let (bx, by) = plane(0.0, 0.0);
    let (cx, cy) = plane(1.0, 0.0);
    let _ = write!(
        svg,
        "<polygon points=\"{ax:.1},{ay:.1} {bx:.1},{by:.1} {cx:.1},{cy:.1}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"/>\
         <text x=\"{ax:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\">{}</text>\
         <text x=\"{bx:.1}\" y=\"{:.1}\" text-anchor=\"start\" font-size=\"12\">{}</text>\
         <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\">{}</text>",
        ay - 10.0,
        escape(&truncate(corners[0], 40)),
        by + 20.0,
        escape(&truncate(corners[1], 30)),
        cy + 34.0,
        escape(&truncate(corners[2], 30))
    );
    for (n, centroid) in centroids.iter().enumerate() {
        let colour = COLOURS[n % COLOURS.len()];
        let mut path = String::new();
        for (x, y) in &centroid.region.polygon {
            let (px, py) = plane(*x, *y);
            let _ = write!(path, "{px:.1},{py:.1} ");
        }
        let (x, y) = to_plane(&centroid.region.centroid);
        let (px, py) = plane(x, y);
        let _ = write!(
            svg,
            "<polygon points=\"{}\" fill=\"{colour}\" fill-opacity=\"0.25\" stroke=\"{colour}\"/>\
             <circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"5\" fill=\"{colour}\" stroke=\"#ffffff\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1a1a1a\">{}</text>",
            path.trim_end(),
            px + 8.0,
            py - 6.0,
            escape(&truncate(centroid.label, 20))
        );
    }
    svg.push_str("</svg>");
    svg
}

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
            left + i as f64 * step,
            top + height + 16.0,
            escape(period)
        );
    }
    for (s, line) in series.iter().enumerate() {
        let colour = COLOURS[s % COLOURS.len()];
        let mut path = String::new();
        let mut pen_up = true;
        for (i, value) in line.values.iter().enumerate() {
            let Some(v) = value else {
                pen_up = true;
                continue;
            };
            let _ = write!(
                path,
                "{}{:.1},{:.1} ",
                if pen_up { "M" } else { "L" },
                left + i as f64 * step,
                y(*v)
            );
            pen_up = false;
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
            path.trim_end()
        );
    }
    let names: Vec<String> = series.iter().map(|s| s.label.clone()).collect();
    legend(&mut svg, &names, top + height + 40.0);
    svg.push_str("</svg>");
    svg
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
