//! A run chart (sensemaking.md §6): a probe's course measure per period, the baseline before
//! the probe shaded, the baseline median as a dashed centre line, and the points of a shift or
//! trend drawn as larger diamonds (a shape, not only a colour). A withheld period is a gap. The
//! legend is written by the page, in its own text size, beside [`legend_marks`].

use std::fmt::Write as _;

use super::{COLOURS, broken_path, escape, gridline, open};

/// What the chart draws, with every text already in the page's language.
pub struct RunChart<'a> {
    /// The one-sentence summary (the SVG's title).
    pub title: &'a str,
    /// Each period's label, as the page writes it.
    pub periods: &'a [String],
    /// Each period's value, `None` for a gap.
    pub values: &'a [Option<f64>],
    /// How many periods are baseline.
    pub baseline: usize,
    /// The baseline median.
    pub median: Option<f64>,
    /// The periods in a shift or a trend.
    pub marked: &'a [bool],
    /// The value axis, bottom to top (0–100 for shares; around the data for means, so that a
    /// run chart's variation can be seen).
    pub range: (f64, f64),
    /// How a value is written on the axis ("40 %", "12").
    pub show: &'a dyn Fn(f64) -> String,
}

/// The chart's width in SVG units: drawn at this size on a desktop (`.tandem-figure--run` stops
/// at 440 px), its 16-unit labels are 16 px; scaled to a 390 px phone's column, about 13 px.
const WIDTH: f64 = 440.0;

/// The chart as SVG (the legend is the page's: [`legend_marks`] beside translated words).
#[must_use]
pub fn run_chart(c: &RunChart<'_>) -> String {
    let (left, top, height) = (64.0, 12.0, 180.0);
    let width = WIDTH - left - 12.0;
    let mut svg = open(WIDTH, 230.0, c.title);
    let n = c.periods.len().max(1);
    let step = width / n as f64;
    let x = |i: usize| left + (i as f64 + 0.5) * step;
    let (low, high) = c.range;
    let span = (high - low).max(1e-9);
    let y = |v: f64| top + (1.0 - ((v - low) / span).clamp(0.0, 1.0)) * height;
    if c.baseline > 0 {
        let edge = left + c.baseline as f64 * step;
        let _ = write!(
            svg,
            "<rect x=\"{left}\" y=\"{top}\" width=\"{:.1}\" height=\"{height}\" fill=\"#f0f0f0\"/>\
             <line x1=\"{edge:.1}\" y1=\"{top}\" x2=\"{edge:.1}\" y2=\"{}\" stroke=\"#5c5c5c\" stroke-width=\"1.5\"/>",
            c.baseline as f64 * step,
            top + height
        );
    }
    for tick in [0.0, 0.5, 1.0] {
        let v = low + tick * span;
        gridline(&mut svg, (left, left + width), y(v), &(c.show)(v), 16.0);
    }
    // About four labels, counted back from the newest period so that it is always named.
    let every = n.div_ceil(4).max(1);
    for (i, period) in c.periods.iter().enumerate() {
        if (n - 1 - i).is_multiple_of(every) {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"16\">{}</text>",
                x(i).clamp(left + 30.0, left + width - 30.0),
                top + height + 24.0,
                escape(period)
            );
        }
    }
    if let Some(m) = c.median {
        let _ = write!(
            svg,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"{2}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
            y(m),
            left + width,
            COLOURS[4]
        );
    }
    let colour = COLOURS[0];
    let _ = write!(
        svg,
        "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
        broken_path(c.values, x, y)
    );
    for (i, value) in c.values.iter().enumerate() {
        let Some(v) = value else { continue };
        let (cx, cy) = (x(i), y(*v));
        if c.marked.get(i).copied().unwrap_or(false) {
            svg.push_str(&diamond(cx, cy, 7.0));
        } else {
            let _ = write!(
                svg,
                "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"4.5\" fill=\"{colour}\"/>"
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn diamond(cx: f64, cy: f64, r: f64) -> String {
    format!(
        "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{}\"/>",
        cx,
        cy - r,
        cx + r,
        cy,
        cx,
        cy + r,
        cx - r,
        cy,
        COLOURS[1]
    )
}

/// The legend's four shapes as small SVGs, in the order point, point of a signal, median,
/// baseline; the page writes the words beside them.
#[must_use]
pub fn legend_marks() -> [String; 4] {
    let frame = |inner: String| {
        format!(
            "<svg class=\"tandem-legend-mark\" viewBox=\"0 0 24 16\" width=\"24\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">{inner}</svg>"
        )
    };
    [
        frame(format!(
            "<circle cx=\"12\" cy=\"8\" r=\"4.5\" fill=\"{}\"/>",
            COLOURS[0]
        )),
        frame(diamond(12.0, 8.0, 7.0)),
        frame(format!(
            "<line x1=\"0\" y1=\"8\" x2=\"24\" y2=\"8\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
            COLOURS[4]
        )),
        frame(
            "<rect x=\"1\" y=\"2\" width=\"22\" height=\"12\" fill=\"#f0f0f0\" stroke=\"#5c5c5c\"/>"
                .to_owned(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_chart_marks_its_signal_leaves_gaps_and_escapes_its_texts() {
        let periods: Vec<String> = (1..=4).map(|m| format!("m{m}")).collect();
        let show = |v: f64| format!("{v:.0} %");
        let svg = run_chart(&RunChart {
            title: "<b>Chaired</b>",
            periods: &periods,
            values: &[Some(10.0), None, Some(60.0), Some(70.0)],
            baseline: 2,
            median: Some(10.0),
            marked: &[false, false, true, true],
            range: (0.0, 100.0),
            show: &show,
        });
        assert!(svg.contains("&lt;b&gt;Chaired"), "the title is escaped");
        assert!(!svg.contains("<b>"));
        assert_eq!(svg.matches("<polygon").count(), 2, "two marked points");
        assert_eq!(svg.matches("<circle").count(), 1, "one plain point");
        assert_eq!(
            svg.matches(" M").count() + usize::from(svg.contains("d=\"M")),
            2,
            "the line breaks at the gap"
        );
        assert!(svg.contains("stroke-dasharray"), "the median is drawn");
        assert!(
            legend_marks()
                .iter()
                .all(|m| m.contains("aria-hidden=\"true\"")),
            "the legend's shapes are decoration beside their words"
        );
    }
}
