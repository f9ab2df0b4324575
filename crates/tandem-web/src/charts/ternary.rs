//! Ternary plots: a triad's answers as density in a triangle, with zone guide lines and each
//! group's centroid with its 95 % region.

use std::fmt::Write as _;

use tandem_analytics::zones::{Bin, CentroidRegion, to_plane};

use super::{COLOURS, escape, open, truncate};

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
