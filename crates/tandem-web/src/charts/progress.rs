//! A young person's own numbers on one goal over time: points on a 0–10 axis joined by a line,
//! each labelled with its number, dates below. Small enough for a phone; the list beside it
//! carries the same numbers in words.

use std::fmt::Write as _;

use super::{COLOURS, FONT, escape, gridline, open};

/// One number: its date label, the value (0–10) and how it is written ("7,5").
pub struct Point {
    /// The date, as the page writes it.
    pub date: String,
    /// The value, 0–10.
    pub value: f64,
    /// The value as the page writes it.
    pub shown: String,
}

/// The chart, titled with its one-sentence summary.
#[must_use]
pub fn progress(title: &str, points: &[Point]) -> String {
    let (left, width, top, height) = (30.0, 255.0, 20.0, 120.0);
    let mut svg = open(300.0, 174.0, title);
    let y = |v: f64| top + (1.0 - v.clamp(0.0, 10.0) / 10.0) * height;
    for tick in [0.0, 5.0, 10.0] {
        gridline(
            &mut svg,
            (left, left + width),
            y(tick),
            &format!("{tick:.0}"),
            FONT,
        );
    }
    let step = width / (points.len().max(2) - 1) as f64;
    let x = |i: usize| {
        if points.len() == 1 {
            left + width / 2.0
        } else {
            left + i as f64 * step
        }
    };
    let colour = COLOURS[0];
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.value)))
        .collect();
    if points.len() > 1 {
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>",
            path.join(" ")
        );
    }
    let every = points.len().div_ceil(4).max(1);
    let last = points.len().saturating_sub(1);
    // A date is labelled every `every` points and at the last; one too close to the last is
    // left out, so two dates never overlap. The ends are anchored inside the drawing.
    let room = points
        .iter()
        .map(|p| p.date.chars().count())
        .max()
        .unwrap_or(0) as f64
        * FONT
        * 0.6;
    let labelled = |i: usize| {
        i == last || (i.is_multiple_of(every) && (i == 0 || x(last) - x(i) >= room + 8.0))
    };
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"{colour}\"/>\
             <text x=\"{0:.1}\" y=\"{2:.1}\" text-anchor=\"middle\" font-size=\"{FONT}\" font-weight=\"bold\">{3}</text>",
            x(i),
            y(p.value),
            y(p.value) - 9.0,
            escape(&p.shown)
        );
        if labelled(i) {
            let (at, anchor) = match (points.len(), i) {
                (1, _) => (x(i), "middle"),
                (_, 0) => (left - 4.0, "start"),
                (_, i) if i == last => (left + width + 4.0, "end"),
                _ => (x(i), "middle"),
            };
            let _ = write!(
                svg,
                "<text x=\"{at:.1}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"{FONT}\">{}</text>",
                top + height + 22.0,
                escape(&p.date)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}
