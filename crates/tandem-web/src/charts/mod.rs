//! Charts as inline SVG, drawn on the server: stacked shares, group means with spread, a binned
//! scatter, ternary plots with density and centroid regions, and trend lines.
//!
//! Every chart is an `<svg role="img">` whose title is the one-sentence summary shown beside it;
//! the data table next to each chart carries the numbers, so nothing is only in the picture.
//!
//! An SVG's text scales with the picture, so one drawing cannot be both full width on a desktop
//! and readable on a phone. The pattern charts are therefore drawn for each [`Layout`], and the
//! page's CSS shows the one that fits the figure it sits in (a container query): every label is
//! [`FONT`] units and lands at 12 px or more at any width (up to about 24 px just below a
//! breakpoint; 14–15 px on a 390 px phone and a desktop's column; ADR 0020).
//! Every text that reaches the SVG passes through [`escape`]; colours are the design system's
//! and reach 3:1 against white (WCAG 1.4.11). Counts of fewer than k are drawn in one pale shade
//! and never as a number.
//!
//! # Layout
//! - this file: colours, text size, the layouts, escaping and the frame every chart shares.
//! - [`axes`]: value axes with period labels and poles, broken lines, legends.
//! - [`bars`]: stacked shares, group means, the binned scatter.
//! - [`ternary`]: ternary plots with density and centroid regions.
//! - [`trend`]: trend lines.
//! - [`progress`]: a young person's own numbers on a goal.
//! - [`run_chart`]: a probe's course measure with its baseline median and signals.
//! - [`share`]: a marked region's share of stories per period with its interval.

mod axes;
mod bars;
mod progress;
mod run_chart;
mod share;
mod ternary;
mod trend;

use askama::Template;
pub use axes::{GridAxis, ValueAxis};
use axes::{axis_margins, broken_path, gridline, legend, legend_height, value_axes};
pub use bars::{MeanRow, ShareRow, heat_grid, means, stacked_shares};
pub use progress::{Point, progress};
pub use run_chart::{RunChart, legend_marks, run_chart};
pub use share::{ShareBar, share_chart};
pub use ternary::{Centroid, ternary};
pub use trend::{Series, trend};

/// Series colours, distinguishable and at least 3:1 against white.
pub const COLOURS: [&str; 6] = [
    "#0059b3", "#b0520c", "#00804d", "#8a1f7a", "#5c5c5c", "#a6191e",
];

/// Text size of every label, in SVG units. A drawing is shown at no less than 0.87 of its
/// width (see [`Layout`]), so a label is never under 12 px.
pub const FONT: f64 = 14.0;

/// Which of a chart's drawings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// For a figure narrower than 576 px (a phone, a column): labels above their bars, poles on
    /// lines of their own. 330 units wide, shown at 288–576 px.
    Narrow,
    /// For a figure of 576–879 px: labels beside their bars. 660 units wide (square charts
    /// 520), shown at the figure's full width (square ones up to 640 px).
    Wide,
    /// For a figure of 880 px or more (a desktop's column): as [`Layout::Wide`], 1,000 units
    /// wide, so its labels stay near the page's own text size. Square charts do not have one.
    Full,
}

impl Layout {
    /// The drawing's width in SVG units for a chart as wide as the page.
    #[must_use]
    pub const fn width(self) -> f64 {
        match self {
            Self::Narrow => 330.0,
            Self::Wide => 660.0,
            Self::Full => 1000.0,
        }
    }

    /// The drawing's width for a square chart (ternary plot, grid), which on a desktop is
    /// capped at 640 px rather than as wide as the page.
    #[must_use]
    pub const fn square(self) -> f64 {
        match self {
            Self::Narrow => 330.0,
            Self::Wide | Self::Full => 520.0,
        }
    }
}

/// How many characters of a [`FONT`] label fit in `units` (an average letter is about 0.55 em).
#[must_use]
pub(super) fn fits(units: f64) -> usize {
    ((units / (FONT * 0.55)).floor() as usize).max(4)
}

/// Every drawing of a chart, for the page's CSS to show the one that fits
/// (`.tandem-chart-narrow`, `-wide`, `-full`; the hidden ones are `display: none`, so assistive
/// technology meets one chart). A `square` chart has no full drawing: its wide one stops at
/// 640 px.
#[must_use]
pub fn responsive(square: bool, draw: impl Fn(Layout) -> String) -> String {
    let drawings = Drawings {
        square,
        narrow: draw(Layout::Narrow),
        wide: draw(Layout::Wide),
        full: (!square).then(|| draw(Layout::Full)),
    };
    // Rendering strings into a fixed frame cannot fail; were it to, the page shows no chart
    // and keeps its data table.
    drawings.render().unwrap_or_default()
}

/// The frame of a chart's drawings (`templates/charts/drawings.html`).
#[derive(Template)]
#[template(path = "charts/drawings.html")]
struct Drawings {
    square: bool,
    narrow: String,
    wide: String,
    full: Option<String>,
}

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

pub(super) fn open(width: f64, height: f64, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tandem-chart\" viewBox=\"0 0 {:.0} {:.0}\" \
         role=\"img\" aria-label=\"{}\"><title>{}</title>",
        width,
        height.ceil(),
        escape(title),
        escape(title)
    )
}

pub(super) fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(chars - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_charts_is_escaped() {
        let svg = stacked_shares(
            Layout::Narrow,
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
    fn a_chart_is_drawn_for_each_width_and_a_square_one_for_two() {
        let draw = |layout: Layout| format!("<svg>{}</svg>", layout.width());
        let page = responsive(false, draw);
        for (class, width) in [("narrow", 330), ("wide", 660), ("full", 1000)] {
            assert!(
                page.contains(&format!("tandem-chart-{class}\"><svg>{width}</svg>")),
                "{page}"
            );
        }
        let square = responsive(true, draw);
        assert!(square.contains("tandem-charts tandem-charts--square"));
        assert!(!square.contains("tandem-chart-full"), "{square}");
    }

    #[test]
    fn labels_get_the_room_they_need_in_one_text_size() {
        let label = "at planlægge hvordan (samskabt design)";
        let rows = [ShareRow {
            label: label.into(),
            shares: vec![1.0],
        }];
        for layout in [Layout::Narrow, Layout::Wide, Layout::Full] {
            let svg = stacked_shares(layout, "t", &rows, &["valgt".into()]);
            assert!(
                svg.contains(&format!(">{label}</text>")),
                "{layout:?}: {svg}"
            );
            assert_eq!(
                svg.matches("font-size=").count(),
                svg.matches(&format!("font-size=\"{FONT}\"")).count(),
                "{layout:?}: every label {FONT} units"
            );
        }
    }

    #[test]
    fn hidden_periods_break_the_line() {
        let svg = trend(
            Layout::Wide,
            "t",
            ValueAxis::Percent,
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
