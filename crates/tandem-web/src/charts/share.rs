//! A marked region's share of stories per period: a point per period with its 95 % interval as
//! a whisker, a line broken where a period is hidden, and a dashed vertical line at the period
//! the region was marked, so one sees whether the mass moved after it. The legend is the page's.

use std::fmt::Write as _;

use super::{COLOURS, Layout, ValueAxis, broken_path, open, value_axes};

/// One period's share and its interval, all in 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShareBar {
    /// The share.
    pub share: f64,
    /// The interval's lower end.
    pub low: f64,
    /// The interval's upper end.
    pub high: f64,
}

/// The chart: `shares` per period (labelled by `periods`), `None` for a hidden period, and the
/// period marked, if among them.
#[must_use]
pub fn share_chart(
    layout: Layout,
    title: &str,
    periods: &[String],
    shares: &[Option<ShareBar>],
    marked: Option<usize>,
) -> String {
    let (left, top, height) = (52.0, 10.0, 200.0);
    let width = layout.width() - left - 12.0;
    let mut svg = open(layout.width(), height + 44.0, title);
    let step = width / periods.len().max(1) as f64;
    let x = |i: usize| left + (i as f64 + 0.5) * step;
    let y = |v: f64| top + (1.0 - v.clamp(0.0, 1.0)) * height;
    value_axes(
        &mut svg,
        ValueAxis::Percent,
        (left, width, top + height),
        &y,
        periods,
        x,
    );
    if let Some(m) = marked.filter(|m| *m < periods.len()) {
        let edge = x(m) - step / 2.0;
        let _ = write!(
            svg,
            "<line class=\"tandem-marked\" x1=\"{edge:.1}\" y1=\"{top}\" x2=\"{edge:.1}\" y2=\"{}\" \
             stroke=\"#5c5c5c\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
            top + height
        );
    }
    let colour = COLOURS[0];
    for (i, bar) in shares.iter().enumerate() {
        let Some(bar) = bar else { continue };
        let _ = write!(
            svg,
            "<line x1=\"{0:.1}\" y1=\"{1:.1}\" x2=\"{0:.1}\" y2=\"{2:.1}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>\
             <circle cx=\"{0:.1}\" cy=\"{3:.1}\" r=\"3.5\" fill=\"{colour}\"/>",
            x(i),
            y(bar.low),
            y(bar.high),
            y(bar.share)
        );
    }
    let values: Vec<Option<f64>> = shares.iter().map(|s| s.map(|b| b.share)).collect();
    let _ = write!(
        svg,
        "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
        broken_path(&values, x, y)
    );
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_periods_have_no_point_and_the_mark_is_drawn() {
        let bar = |share| {
            Some(ShareBar {
                share,
                low: share - 0.1,
                high: share + 0.1,
            })
        };
        let periods: Vec<String> = ["2026-01", "2026-02", "2026-03", "2026-04"]
            .map(String::from)
            .to_vec();
        let svg = share_chart(
            Layout::Wide,
            "<b>share</b>",
            &periods,
            &[bar(0.2), None, bar(0.3), bar(0.4)],
            Some(2),
        );
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.matches('M').count(), 2, "the line breaks at the gap");
        assert!(svg.contains("tandem-marked"));
        assert!(svg.contains("&lt;b&gt;share") && !svg.contains("<b>"));
        let unmarked = share_chart(
            Layout::Narrow,
            "t",
            &periods,
            &[bar(0.2), None, None, None],
            None,
        );
        assert!(!unmarked.contains("tandem-marked"));
    }
}
