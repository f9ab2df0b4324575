//! Coarse ranges: a story filter's dates snapped to whole months and its slider bounds to
//! tenths of the scale, and where a story lies relative to such a range.
//!
//! Two filters whose ranges differ by a day or by one slider point could otherwise select
//! sets that differ by a single story, and comparing their results would show what that story
//! answered. Snapped, neighbouring ranges differ by whole buckets, and the filter guard
//! ([`tandem_analytics::filter_guard`]) refuses a range whose nearest non-empty bucket outside
//! holds fewer than k stories (ADR 0014). Both the catalog and the pattern pages use the
//! snapped filter, so they always agree on what it selects.

use tandem_analytics::filter_guard::Place;
use time::Date;

use crate::stories::catalog::{AnswerCondition, StoryFilter};

/// The width of a slider bucket, in points of the 0–100 scale.
pub const SLIDER_STEP: f64 = 10.0;

/// `filter` with `from` moved back to the first of its month, `to` forward to the last day of
/// its month, and every slider range widened to multiples of [`SLIDER_STEP`].
#[must_use]
pub fn snapped(mut filter: StoryFilter) -> StoryFilter {
    filter.from = filter.from.map(first_of_month);
    filter.to = filter.to.map(last_of_month);
    for condition in &mut filter.answers {
        if let AnswerCondition::Between { from, to, .. } = condition {
            let (low, high) = if *from <= *to {
                (*from, *to)
            } else {
                (*to, *from)
            };
            *from = ((low / SLIDER_STEP).floor() * SLIDER_STEP).clamp(0.0, 100.0);
            *to = ((high / SLIDER_STEP).ceil() * SLIDER_STEP).clamp(0.0, 100.0);
        }
    }
    filter
}

/// The first day of `date`'s month.
#[must_use]
pub fn first_of_month(date: Date) -> Date {
    date.replace_day(1).unwrap_or(date)
}

/// The last day of `date`'s month.
#[must_use]
pub fn last_of_month(date: Date) -> Date {
    date.replace_day(date.month().length(date.year()))
        .unwrap_or(date)
}

/// Months since year 0, for distances between months.
fn month_number(date: Date) -> i64 {
    i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1
}

/// Where a story collected on `date` lies relative to the snapped range `from..=to` (either
/// end open).
#[must_use]
pub fn date_place(date: Date, from: Option<Date>, to: Option<Date>) -> Place {
    let distance = |far: Date, near: Date| {
        u32::try_from(month_number(far) - month_number(near) - 1).unwrap_or(0)
    };
    match (from, to) {
        (Some(from), _) if date < from => Place::Below(distance(from, date)),
        (_, Some(to)) if date > to => Place::Above(distance(date, to)),
        _ => Place::Inside,
    }
}

/// Where a slider answer `value` lies relative to the snapped range `from..=to`.
#[must_use]
pub fn slider_place(value: Option<f64>, from: f64, to: f64) -> Place {
    // A gap of up to one step is the adjacent bucket (0); a 0–100 scale has at most 10 steps,
    // so the conversion neither truncates nor wraps.
    let buckets = |gap: f64| ((gap / SLIDER_STEP).ceil() - 1.0).clamp(0.0, 10.0) as u32;
    match value {
        None => Place::Missing,
        Some(v) if v < from => Place::Below(buckets(from - v)),
        Some(v) if v > to => Place::Above(buckets(v - to)),
        Some(_) => Place::Inside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_snap_to_whole_months_and_sliders_to_tenths() {
        let filter = snapped(StoryFilter {
            from: Some(date!(2025 - 12 - 09)),
            to: Some(date!(2024 - 02 - 03)),
            answers: vec![AnswerCondition::Between {
                question: "S1".into(),
                from: 37.5,
                to: 41.0,
            }],
            ..StoryFilter::default()
        });
        assert_eq!(filter.from, Some(date!(2025 - 12 - 01)));
        assert_eq!(filter.to, Some(date!(2024 - 02 - 29)), "a leap year");
        assert!(matches!(
            filter.answers[0],
            AnswerCondition::Between { from, to, .. } if from == 30.0 && to == 50.0
        ));
        assert_eq!(
            snapped(filter.clone()),
            filter,
            "snapping twice changes nothing"
        );
    }

    #[test]
    fn stories_outside_a_range_are_counted_in_buckets_from_its_edge() {
        let (from, to) = (Some(date!(2025 - 03 - 01)), Some(date!(2025 - 04 - 30)));
        assert_eq!(date_place(date!(2025 - 02 - 28), from, to), Place::Below(0));
        assert_eq!(date_place(date!(2025 - 01 - 01), from, to), Place::Below(1));
        assert_eq!(
            date_place(date!(2024 - 03 - 15), from, to),
            Place::Below(11)
        );
        assert_eq!(date_place(date!(2025 - 03 - 01), from, to), Place::Inside);
        assert_eq!(date_place(date!(2025 - 05 - 01), from, to), Place::Above(0));
        assert_eq!(date_place(date!(2026 - 01 - 10), None, to), Place::Above(8));
        assert_eq!(slider_place(Some(29.5), 30.0, 60.0), Place::Below(0));
        assert_eq!(slider_place(Some(20.0), 30.0, 60.0), Place::Below(0));
        assert_eq!(slider_place(Some(19.9), 30.0, 60.0), Place::Below(1));
        assert_eq!(slider_place(Some(60.0), 30.0, 60.0), Place::Inside);
        assert_eq!(slider_place(Some(70.0), 30.0, 60.0), Place::Above(0));
        assert_eq!(slider_place(Some(100.0), 30.0, 60.0), Place::Above(3));
        assert_eq!(slider_place(None, 30.0, 60.0), Place::Missing);
    }
}
