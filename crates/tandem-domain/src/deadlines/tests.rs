//! Tests of the deadline rules against the dates given in the specification.
use super::*;
use time::macros::date;

#[test]
fn months_are_added_with_month_end_clamping() {
    assert_eq!(add_months(date!(2025 - 10 - 31), 4), date!(2026 - 02 - 28));
    assert_eq!(add_months(date!(2025 - 01 - 31), 4), date!(2025 - 05 - 31));
    assert_eq!(
        add_months(date!(2023 - 10 - 31), 4),
        date!(2024 - 02 - 29),
        "leap year"
    );
    assert_eq!(add_months(date!(2025 - 03 - 01), 3), date!(2025 - 06 - 01));
    assert_eq!(
        add_months(date!(2025 - 11 - 15), 3),
        date!(2026 - 02 - 15),
        "across a year"
    );
}

#[test]
fn the_assessment_is_due_four_months_after_awareness() {
    let dates = CourseDates {
        awareness: Some(date!(2025 - 10 - 31)),
        ..CourseDates::default()
    };
    let found = deadlines(&RuleSet::barnets_lov(), &dates);
    assert_eq!(
        found,
        vec![Deadline {
            kind: DeadlineKind::Assessment,
            due: date!(2026 - 02 - 28),
            met: None
        }]
    );
}

#[test]
fn the_first_follow_up_is_the_earlier_of_the_parallel_assessment_and_three_months() {
    let dates = CourseDates {
        intervention_start: Some(date!(2025 - 03 - 01)),
        parallel_assessment_completed: Some(date!(2025 - 04 - 15)),
        ..CourseDates::default()
    };
    let first = deadlines(&RuleSet::barnets_lov(), &dates)[0];
    assert_eq!(
        (first.kind, first.due),
        (DeadlineKind::FirstFollowUp, date!(2025 - 04 - 15))
    );
    let without = CourseDates {
        parallel_assessment_completed: None,
        ..dates
    };
    assert_eq!(
        deadlines(&RuleSet::barnets_lov(), &without)[0].due,
        date!(2025 - 06 - 01)
    );
}

#[test]
fn a_plan_is_due_three_months_after_the_decision_or_by_it_without_consent() {
    let base = CourseDates {
        decision: Some(date!(2025 - 02 - 10)),
        plan_required: true,
        ..CourseDates::default()
    };
    assert_eq!(
        deadlines(&RuleSet::barnets_lov(), &base)[0].due,
        date!(2025 - 05 - 10)
    );
    let forced = CourseDates {
        placement_without_consent: true,
        ..base.clone()
    };
    assert_eq!(
        deadlines(&RuleSet::barnets_lov(), &forced)[0].due,
        date!(2025 - 02 - 10)
    );
    let none = CourseDates {
        plan_required: false,
        ..base
    };
    assert!(deadlines(&RuleSet::barnets_lov(), &none).is_empty());
}

#[test]
fn later_follow_ups_follow_the_decided_interval_or_six_months_in_legacy_mode() {
    let dates = CourseDates {
        intervention_start: Some(date!(2025 - 01 - 01)),
        follow_ups: vec![date!(2025 - 07 - 10), date!(2025 - 03 - 20)],
        follow_up_interval_days: Some(90),
        ..CourseDates::default()
    };
    let found = deadlines(&RuleSet::barnets_lov(), &dates);
    assert_eq!(found[0].met, Some(date!(2025 - 03 - 20)));
    assert_eq!(
        found[1],
        Deadline {
            kind: DeadlineKind::LaterFollowUp,
            due: date!(2025 - 06 - 18),
            met: Some(date!(2025 - 07 - 10))
        }
    );
    assert_eq!(found[1].met_on_time(), Some(false));
    assert_eq!(
        found[2],
        Deadline {
            kind: DeadlineKind::LaterFollowUp,
            due: date!(2025 - 10 - 08),
            met: None
        }
    );
    let legacy = deadlines(&RuleSet::legacy_social_services_act(), &dates);
    assert_eq!(legacy[1].due, date!(2025 - 09 - 20));
    assert_eq!(legacy[2].due, date!(2026 - 01 - 10));
}

#[test]
fn traffic_lights_turn_amber_before_and_red_after_the_due_date() {
    let deadline = Deadline {
        kind: DeadlineKind::Assessment,
        due: date!(2026 - 02 - 28),
        met: None,
    };
    assert_eq!(deadline.light(date!(2026 - 02 - 01), 14), Light::Green);
    assert_eq!(deadline.light(date!(2026 - 02 - 14), 14), Light::Amber);
    assert_eq!(deadline.light(date!(2026 - 02 - 28), 14), Light::Amber);
    assert_eq!(deadline.light(date!(2026 - 03 - 01), 14), Light::Red);
    let met = Deadline {
        met: Some(date!(2026 - 01 - 05)),
        ..deadline
    };
    assert_eq!(met.light(date!(2026 - 03 - 01), 14), Light::Done);
    assert_eq!(met.met_on_time(), Some(true));
}

#[test]
fn supervision_needs_two_conversations_in_any_rolling_twelve_months() {
    let visits = [date!(2025 - 01 - 15), date!(2025 - 09 - 01)];
    assert!(supervision_ok(&visits, date!(2025 - 12 - 31)));
    assert!(
        !supervision_ok(&visits, date!(2026 - 01 - 15)),
        "the January visit has rolled out"
    );
    assert!(!supervision_ok(&visits[..1], date!(2025 - 02 - 01)));
}
