//! Ternary plots: a triad's answers as density in a triangle, with zone guide lines and each
//! group's centroid with its 95 % region.

use std::fmt::Write as _;

use tandem_analytics::zones::{Bin, CentroidRegion, to_plane};

use super::{COLOURS, FONT, Layout, escape, fits, open, truncate};

/// A centroid to draw on a ternary plot, with its label.
pub struct Centroid<'a> {
    /// The group's label.
    pub label: &'a str,
    /// The centroid and its confidence region.
    pub region: &'a CentroidRegion,
}

/// A triangle with corner `a` at the top, `b` bottom left, `c` bottom right: density bins of a
/// `k`-row subdivision shaded by count (bins under `min` pale), zone guide lines, and each
/// group's centroid with its 95 % region. On a narrow drawing the two bottom corners' names
/// stand on lines of their own, so neither is cut short.
#[must_use]
pub fn ternary(
    layout: Layout,
    title: &str,
    corners: [&str; 3],
    bins: &[Bin],
    rows: usize,
    min: u64,
    centroids: &[Centroid<'_>],
) -> String {
    let width = layout.square();
    let (left, top) = (24.0, 30.0);
    let scale = width - 2.0 * left;
    let base = top + 3f64.sqrt() / 2.0 * scale;
    let stacked = layout == Layout::Narrow;
    let plane = |x: f64, y: f64| (left + x * scale, top + (3f64.sqrt() / 2.0 - y) * scale);
    let mut svg = open(width, base + if stacked { 50.0 } else { 30.0 }, title);
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
    let corner_chars = fits(if stacked {
        width - 8.0
    } else {
        width / 2.0 - 12.0
    });
    let (ax, ay) = plane(0.5, 3f64.sqrt() / 2.0);
    let (bx, by) = plane(0.0, 0.0);
    let (cx, cy) = plane(1.0, 0.0);
    let _ = write!(
        svg,
        "<polygon points=\"{ax:.1},{ay:.1} {bx:.1},{by:.1} {cx:.1},{cy:.1}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"/>\
         <text x=\"{ax:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{FONT}\">{}</text>\
         <text x=\"4\" y=\"{:.1}\" text-anchor=\"start\" font-size=\"{FONT}\">{}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"{FONT}\">{}</text>",
        ay - 12.0,
        escape(&truncate(corners[0], fits(width - 8.0))),
        by + 22.0,
        escape(&truncate(corners[1], corner_chars)),
        width - 4.0,
        cy + if stacked { 42.0 } else { 22.0 },
        escape(&truncate(corners[2], corner_chars))
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
        // The label reads to the dot's right unless that would run off the drawing.
        let label = truncate(centroid.label, 20);
        let (tx, anchor) = if px + 8.0 + label.chars().count() as f64 * FONT * 0.55 > width {
            (px - 8.0, "end")
        } else {
            (px + 8.0, "start")
        };
        let _ = write!(
            svg,
            "<polygon points=\"{}\" fill=\"{colour}\" fill-opacity=\"0.25\" stroke=\"{colour}\"/>\
             <circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"5\" fill=\"{colour}\" stroke=\"#ffffff\"/>\
             <text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"{FONT}\" fill=\"#1a1a1a\">{}</text>",
            path.trim_end(),
            py - 6.0,
            escape(&label)
        );
    }
    svg.push_str("</svg>");
    svg
}
