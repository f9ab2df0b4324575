//! A run chart (sensemaking.md §6): a probe's course measure per period, the baseline before
//! the probe shaded, the baseline median as a dashed centre line, and the points of a shift or
//! trend drawn as larger diamonds (a shape, not only a colour). A withheld period is a gap.

use std::fmt::Write as _;

use super::{COLOURS, escape, open};

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
    /// The top of the value axis (100 for shares).
    pub top: f64,
    /// How a value is written on the axis ("40 %", "12").
    pub show: &'a dyn Fn(f64) -> String,
    /// The legend: point, marked point, median, baseline.
    pub legend: [&'a str; 4],
}

/// The chart as SVG.
#[must_use]
pub fn run_chart(c: &RunChart<'_>) -> String {
    let (left, width, top, height) = (64.0, 560.0, 14.0, 200.0);
    let mut svg = open(640, 300, c.title);
    let n = c.periods.len().max(1);
    let step = width / n as f64;
    let x = |i: usize| left + (i as f64 + 0.5) * step;
    let y = |v: f64| top + (1.0 - (v / c.top.max(1e-9)).clamp(0.0, 1.0)) * height;
    if c.baseline > 0 {
        let _ = write!(
            svg,
            "<rect x=\"{left}\" y=\"{top}\" width=\"{:.1}\" height=\"{height}\" fill=\"#f0f0f0\"/>\
             <line x1=\"{0:.1}\" y1=\"{top}\" x2=\"{0:.1}\" y2=\"{1}\" stroke=\"#5c5c5c\" stroke-width=\"1.5\"/>",
            left + c.baseline as f64 * step,
            top + height
        );
    }
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let v = tick * c.top;
        let _ = write!(
            svg,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#dcdcdc\"/>\
             <text x=\"{2}\" y=\"{3:.1}\" text-anchor=\"end\" font-size=\"12\">{4}</text>",
            y(v),
            left + width,
            left - 6.0,
            y(v) + 4.0,
            escape(&(c.show)(v))
        );
    }
    let every = n.div_ceil(7).max(1);
    for (i, period) in c.periods.iter().enumerate() {
        if i % every == 0 || i + 1 == n {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">{}</text>",
                x(i),
                top + height + 18.0,
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
    let mut path = String::new();
    let mut pen_up = true;
    for (i, value) in c.values.iter().enumerate() {
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
    let _ = write!(
        svg,
        "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
        path.trim_end()
    );
    for (i, value) in c.values.iter().enumerate() {
        let Some(v) = value else { continue };
        let (cx, cy) = (x(i), y(*v));
        if c.marked.get(i).copied().unwrap_or(false) {
            let _ = write!(svg, "{}", diamond(cx, cy, 7.0, COLOURS[1]));
        } else {
            let _ = write!(
                svg,
                "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"4\" fill=\"{colour}\"/>"
            );
        }
    }
    legend(&mut svg, c, top + height + 44.0);
    svg.push_str("</svg>");
    svg
}

fn diamond(cx: f64, cy: f64, r: f64, colour: &str) -> String {
    format!(
        "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{colour}\"/>",
        cx,
        cy - r,
        cx + r,
        cy,
        cx,
        cy + r,
        cx - r,
        cy
    )
}

/// The four keys in two rows of two.
fn legend(svg: &mut String, c: &RunChart<'_>, y: f64) {
    for (k, label) in c.legend.iter().enumerate() {
        let (kx, ky) = (20.0 + (k % 2) as f64 * 310.0, y + (k / 2) as f64 * 22.0);
        let mark = match k {
            0 => format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{}\"/>",
                kx + 8.0,
                ky - 4.0,
                COLOURS[0]
            ),
            1 => diamond(kx + 8.0, ky - 4.0, 7.0, COLOURS[1]),
            2 => format!(
                "<line x1=\"{kx}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"{2}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                ky - 4.0,
                kx + 18.0,
                COLOURS[4]
            ),
            _ => format!(
                "<rect x=\"{kx}\" y=\"{:.1}\" width=\"18\" height=\"12\" fill=\"#f0f0f0\" stroke=\"#5c5c5c\"/>",
                ky - 10.0
            ),
        };
        let _ = write!(
            svg,
            "{mark}<text x=\"{}\" y=\"{ky}\" font-size=\"12\">{}</text>",
            kx + 26.0,
            escape(label)
        );
    }
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
            top: 100.0,
            show: &show,
            legend: ["point", "signal", "median", "before"],
        });
        assert!(svg.contains("&lt;b&gt;Chaired"), "the title is escaped");
        assert!(!svg.contains("<b>"));
        assert_eq!(
            svg.matches("<polygon").count(),
            3,
            "two marked points and the key"
        );
        assert_eq!(
            svg.matches("<circle").count(),
            2,
            "one plain point and the key"
        );
        assert_eq!(
            svg.matches(" M").count() + usize::from(svg.contains("d=\"M")),
            2,
            "the line breaks at the gap"
        );
        assert!(svg.contains("stroke-dasharray"), "the median is drawn");
    }
}
