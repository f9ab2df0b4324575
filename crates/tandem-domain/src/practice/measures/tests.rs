use time::macros::date;

use super::*;

fn seen(course: &[Id<Course>], on: Date, values: &[f64]) -> Vec<Observation> {
    values
        .iter()
        .zip(course.iter().cycle())
        .map(|(value, course)| Observation {
            course: *course,
            on,
            value: *value,
        })
        .collect()
}

#[test]
fn weeks_start_on_monday_and_months_on_the_first() {
    // 2026-12-04 is a Friday.
    assert_eq!(
        Period::Week.start_of(date!(2026 - 12 - 04)),
        date!(2026 - 11 - 30)
    );
    assert_eq!(
        Period::Week.start_of(date!(2026 - 11 - 30)),
        date!(2026 - 11 - 30)
    );
    assert_eq!(
        Period::Month.start_of(date!(2026 - 12 - 04)),
        date!(2026 - 12 - 01)
    );
    assert_eq!(
        Period::Month.next(date!(2026 - 12 - 01)),
        date!(2027 - 01 - 01)
    );
    assert_eq!(
        Period::Week.next(date!(2026 - 11 - 30)),
        date!(2026 - 12 - 07)
    );
}

#[test]
fn a_months_share_counts_its_observations_and_its_young_people() {
    let five: Vec<Id<Course>> = (0..5).map(|_| Id::new()).collect();
    // December: six meetings of five young people, three chaired by them.
    let mut all = seen(
        &five,
        date!(2026 - 12 - 02),
        &[1.0, 1.0, 0.0, 0.0, 0.0, 1.0],
    );
    // November: one young person's four meetings: withheld, not shown as 100 %.
    all.extend(seen(&five[..1], date!(2026 - 11 - 10), &[1.0; 4]));
    let points = points(
        CourseMeasure::ChairedByYoungPerson,
        &all,
        Period::Month,
        date!(2026 - 12 - 01),
        date!(2026 - 12 - 20),
        5,
    );
    assert_eq!(points.len(), 13, "a year of baseline and the probe's month");
    let december = points.last().expect("December");
    assert_eq!(december.from, date!(2026 - 12 - 01));
    assert!(!december.baseline);
    assert_eq!(december.value, Some(50.0));
    assert_eq!((december.young_people, december.observations), (5, 6));
    let november = &points[11];
    assert!(november.baseline);
    assert_eq!(november.value, None);
    assert!(november.withheld);
    assert_eq!((november.young_people, november.observations), (0, 0));
    assert!(
        points[..11]
            .iter()
            .all(|p| p.value.is_none() && !p.withheld)
    );
}

#[test]
fn days_to_the_first_meeting_are_a_median_and_feedback_a_mean() {
    let five: Vec<Id<Course>> = (0..5).map(|_| Id::new()).collect();
    let days = seen(
        &five,
        date!(2026 - 12 - 03),
        &[10.0, 40.0, 20.0, 30.0, 90.0],
    );
    let median = points(
        CourseMeasure::DaysToFirstNetworkMeeting,
        &days,
        Period::Week,
        date!(2026 - 12 - 03),
        date!(2026 - 12 - 03),
        5,
    );
    assert_eq!(
        median.len(),
        17,
        "sixteen weeks of baseline and the probe's week"
    );
    assert_eq!(median.last().and_then(|p| p.value), Some(30.0));
    let feedback = seen(
        &five,
        date!(2026 - 12 - 03),
        &[30.0, 32.0, 34.0, 36.0, 38.0, 40.0],
    );
    let mean = points(
        CourseMeasure::SessionFeedback,
        &feedback,
        Period::Week,
        date!(2026 - 12 - 03),
        date!(2026 - 12 - 03),
        5,
    );
    assert_eq!(mean.last().and_then(|p| p.value), Some(35.0));
    assert_eq!(
        CourseMeasure::DaysToFirstNetworkMeeting.better(),
        Better::Lower
    );
}

#[test]
fn a_period_is_baseline_only_when_it_ends_before_the_probe_starts() {
    let points = points(
        CourseMeasure::GoalsInOwnWords,
        &[],
        Period::Month,
        date!(2026 - 12 - 15),
        date!(2027 - 02 - 01),
        5,
    );
    let december = points
        .iter()
        .find(|p| p.from == date!(2026 - 12 - 01))
        .expect("the month the probe starts in");
    assert!(!december.baseline, "it starts mid-month");
    assert_eq!(points.iter().filter(|p| p.baseline).count(), 12);
    assert_eq!(points.last().map(|p| p.from), Some(date!(2027 - 02 - 01)));
}

#[test]
fn every_measure_has_a_keyword_that_parses_back() {
    for m in CourseMeasure::ALL {
        assert_eq!(CourseMeasure::parse(m.as_str()), Ok(*m));
    }
}
