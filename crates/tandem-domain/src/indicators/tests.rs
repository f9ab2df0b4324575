//! Every indicator on a hand-built world of five courses, each expected value worked out by
//! hand in the comments; suppression under the smallest group; the tension flags.

use time::macros::date;

use super::*;

const TODAY: Date = date!(2026 - 11 - 28);

fn base(processor: Id<User>, awareness: Date) -> CourseFacts {
    CourseFacts {
        id: Id::new(),
        processor_id: processor,
        awareness_date: awareness,
        assessment_completed: None,
        decision_date: None,
        plan_required: false,
        plan_completed: None,
        intervention_start: None,
        first_follow_up: None,
        views_before_decision: false,
        placement: false,
        supervision_visits_last_year: 0,
        closed: None,
        first_network_meeting: None,
        cost_total: 0,
        cost_halves: [0, 0],
        active_goals: (0, 0),
        meetings: (0, 0),
        private_network: 0,
        steps: (0, 0),
        reliable_improvement: None,
        feedback: Vec::new(),
        alerts: (0, 0),
    }
}

/// A: everything on time. B: everything late, placed. C: new (nothing due yet). D: closed
/// mutually after 273 days, placed. E: closed unilaterally after 184 days.
fn world() -> Vec<CourseFacts> {
    let (p1, p2, p3) = (Id::new(), Id::new(), Id::new());
    let a = CourseFacts {
        assessment_completed: Some(date!(2026 - 04 - 01)), // due 10.05: met
        decision_date: Some(date!(2026 - 04 - 15)),
        plan_required: true,
        plan_completed: Some(date!(2026 - 06 - 01)), // due 15.07: met
        intervention_start: Some(date!(2026 - 05 - 01)),
        first_follow_up: Some(date!(2026 - 07 - 20)), // due 01.08: met
        views_before_decision: true,
        first_network_meeting: Some(date!(2026 - 02 - 09)), // 30 days
        cost_total: 60_000,
        active_goals: (2, 2),
        meetings: (4, 3),
        private_network: 3,
        steps: (5, 2),
        reliable_improvement: Some(true),
        feedback: vec![36.0, 38.0],
        alerts: (1, 1),
        ..base(p1, date!(2026 - 01 - 10))
    };
    let b = CourseFacts {
        assessment_completed: Some(date!(2026 - 07 - 01)), // due 01.06: late
        decision_date: Some(date!(2026 - 07 - 10)),
        plan_required: true,                             // due 10.10, none: late
        intervention_start: Some(date!(2026 - 08 - 01)), // due 01.11, none: late
        placement: true,
        supervision_visits_last_year: 1,
        first_network_meeting: Some(date!(2026 - 03 - 03)), // 30 days
        cost_total: 120_000,
        active_goals: (3, 1),
        meetings: (2, 0),
        private_network: 1,
        steps: (4, 0),
        reliable_improvement: Some(false),
        feedback: vec![20.0],
        alerts: (2, 0),
        ..base(p1, date!(2026 - 02 - 01))
    };
    let c = CourseFacts {
        active_goals: (1, 1),
        meetings: (1, 1),
        private_network: 2,
        steps: (2, 2),
        ..base(p2, date!(2026 - 10 - 01)) // assessment due 01.02.2027: not counted yet
    };
    let d = CourseFacts {
        assessment_completed: Some(date!(2025 - 09 - 01)),
        decision_date: Some(date!(2025 - 09 - 15)),
        intervention_start: Some(date!(2025 - 10 - 01)),
        first_follow_up: Some(date!(2025 - 12 - 15)),
        views_before_decision: true,
        placement: true,
        supervision_visits_last_year: 2,
        closed: Some((date!(2026 - 03 - 01), true)),
        first_network_meeting: Some(date!(2025 - 06 - 21)), // 20 days
        cost_total: 90_000,
        meetings: (3, 3),
        steps: (3, 3),
        reliable_improvement: Some(true),
        feedback: vec![40.0],
        ..base(p2, date!(2025 - 06 - 01))
    };
    let e = CourseFacts {
        assessment_completed: Some(date!(2026 - 06 - 30)), // due 01.07: met
        decision_date: Some(date!(2026 - 07 - 05)),
        plan_required: true,
        plan_completed: Some(date!(2026 - 07 - 20)),
        intervention_start: Some(date!(2026 - 07 - 10)),
        first_follow_up: Some(date!(2026 - 09 - 01)),
        views_before_decision: true,
        closed: Some((date!(2026 - 09 - 01), false)),
        cost_total: 30_000,
        active_goals: (1, 0),
        meetings: (2, 1),
        private_network: 4,
        steps: (1, 1),
        reliable_improvement: Some(true),
        feedback: vec![30.0],
        alerts: (1, 1),
        ..base(p3, date!(2026 - 03 - 01))
    };
    vec![a, b, c, d, e]
}

fn value(all: &[Indicator], key: &str) -> f64 {
    let found = all.iter().find(|i| i.key == key).expect(key);
    found.value.unwrap_or_else(|| panic!("{key} has a value"))
}

fn covers(all: &[Indicator], key: &str) -> usize {
    all.iter().find(|i| i.key == key).expect(key).young_people
}

#[test]
fn every_indicator_matches_the_hand_computed_value() {
    let all = indicators(&world(), TODAY, 1);
    let close = |key: &str, expected: f64| {
        let got = value(&all, key);
        assert!((got - expected).abs() < 1e-9, "{key}: {got} ≠ {expected}");
    };
    // Getting it right. C's assessment is not due yet, so four courses count; B is late.
    close("assessment_on_time", 3.0 / 4.0);
    assert_eq!(covers(&all, "assessment_on_time"), 4);
    // A and E on time, B late; D needs no plan.
    close("plan_on_time", 2.0 / 3.0);
    // A, D, E followed up in time; B not followed up and overdue.
    close("follow_up_on_time", 3.0 / 4.0);
    // Decided: A, B, D, E; heard before: A, D, E.
    close("views_before_decision", 3.0 / 4.0);
    // Open and placed: B only, placed four months ago: no visit is due yet, so none counts.
    assert_eq!(covers(&all, "supervision_visits"), 0);
    // Getting it done. Open A, B, C (D and E are closed) with processors p1 (A, B), p2 (C).
    close("caseload", 3.0 / 2.0);
    // Closed D (273 days) and E (184 days).
    close("duration", (273.0 + 184.0) / 2.0);
    // A 30, B 30, D 20 days.
    close("first_network_meeting", 30.0);
    // Kroner per month of course: A 322 days, B 300, C 58, D 273, E 184 (months of 30.4375 days).
    let per_month = |cost: f64, days: f64| cost / (days / 30.4375);
    close(
        "cost_per_month",
        (per_month(60_000.0, 322.0)
            + per_month(120_000.0, 300.0)
            + 0.0
            + per_month(90_000.0, 273.0)
            + per_month(30_000.0, 184.0))
            / 5.0,
    );
    close("cost_total", 300_000.0);
    close("placements", 1.0 / 3.0);
    close("closed_mutually", 1.0 / 2.0);
    // Getting there together. Open with goals: A 2/2, B 1/3, C 1/1 (E is closed).
    close("goals_own_words", 4.0 / 6.0);
    close("young_person_present", 8.0 / 12.0);
    close("private_network", (3.0 + 1.0 + 2.0) / 3.0);
    close("steps_owned_by_family", 8.0 / 15.0);
    close("reliable_improvement", 3.0 / 4.0);
    close("session_feedback", (36.0 + 38.0 + 20.0 + 40.0 + 30.0) / 5.0);
    close("alerts_discussed", 2.0 / 4.0);
    assert_eq!(all.iter().filter(|i| i.logic == Logic::Right).count(), 5);
    assert_eq!(all.iter().filter(|i| i.logic == Logic::Done).count(), 7);
    assert_eq!(all.iter().filter(|i| i.logic == Logic::Together).count(), 7);
    let assessment = all
        .iter()
        .find(|i| i.key == "assessment_on_time")
        .expect("there");
    assert_eq!(assessment.reference, Some(0.5));
    assert_eq!(
        assessment.courses.len(),
        4,
        "the drill-down lists the courses counted"
    );
}

#[test]
fn an_indicator_covering_fewer_than_the_smallest_group_shows_nothing() {
    let all = indicators(&world(), TODAY, 5);
    let assessment = all
        .iter()
        .find(|i| i.key == "assessment_on_time")
        .expect("there");
    assert!(assessment.suppressed && assessment.value.is_none());
    let cost = all.iter().find(|i| i.key == "cost_total").expect("there");
    assert!(
        !cost.suppressed && cost.value == Some(300_000.0),
        "five young people: shown"
    );
    let four: Vec<CourseFacts> = world().into_iter().take(4).collect();
    assert!(
        indicators(&four, TODAY, 5)
            .iter()
            .all(|i| i.value.is_none()),
        "a team of four shows no numbers at all"
    );
    let none = indicators(&[], TODAY, 5);
    assert!(
        none.iter()
            .all(|i| !i.suppressed && i.value.is_none() && i.young_people == 0),
        "no course is nothing to count yet, not a small group"
    );
}

#[test]
fn months_are_added_on_the_calendar() {
    assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
    assert_eq!(add_months(date!(2026 - 11 - 15), 3), date!(2027 - 02 - 15));
    assert_eq!(add_months(date!(2024 - 10 - 31), 4), date!(2025 - 02 - 28));
}

fn shown(key: &'static str, logic: Logic, value: f64, reference: Option<f64>) -> Indicator {
    Indicator {
        key,
        logic,
        unit: Unit::Share,
        value: Some(value),
        young_people: 10,
        courses: Vec::new(),
        reference,
        suppressed: false,
    }
}

#[test]
fn tensions_flag_where_the_columns_disagree() {
    let right = vec![
        shown("assessment_on_time", Logic::Right, 0.9, Some(0.5)),
        shown("plan_on_time", Logic::Right, 0.8, None),
    ];
    let mut all = right.clone();
    all.push(shown("goals_own_words", Logic::Together, 0.3, None));
    assert_eq!(tensions(&all), [Tension::ProcedureWithoutParticipation]);
    all.last_mut().expect("goals").value = Some(0.6);
    assert!(tensions(&all).is_empty(), "participation is there");
    let mut late = right;
    late[1].value = Some(0.7);
    late.push(shown("goals_own_words", Logic::Together, 0.3, None));
    assert!(
        tensions(&late).is_empty(),
        "a plan deadline under 75 % is not 'every deadline met'"
    );
    let quick = vec![
        shown("duration", Logic::Done, 120.0, None),
        shown("session_feedback", Logic::Together, 28.0, None),
    ];
    assert_eq!(tensions(&quick), [Tension::PrematureClosureRisk]);
    let slow = vec![
        shown("duration", Logic::Done, 200.0, None),
        shown("session_feedback", Logic::Together, 28.0, None),
    ];
    assert!(tensions(&slow).is_empty());
}

#[test]
fn caseload_thresholds_are_ranges_from_one_to_two_hundred() {
    let default = CaseloadThresholds::default();
    assert_eq!((default.union, default.intensive), ((20, 30), (15, 20)));
    assert!(CaseloadThresholds::valid((15, 20)));
    assert!(CaseloadThresholds::valid((12, 12)));
    for bad in [(0, 10), (21, 20), (10, 201)] {
        assert!(!CaseloadThresholds::valid(bad), "{bad:?}");
    }
}

#[test]
fn investment_rising_while_placements_fall_is_a_tension() {
    let p = Id::new();
    let start = date!(2025 - 01 - 01);
    // The two half-years: 2025-11-29 to 2026-05-29 (earlier), 2026-05-30 to today (recent).
    let preventive = |earlier, recent| CourseFacts {
        cost_halves: [earlier, recent],
        ..base(p, start)
    };
    let placed = |decided| CourseFacts {
        placement: true,
        decision_date: Some(decided),
        cost_halves: [1_000_000, 1_000_000],
        ..base(p, start)
    };
    let mut facts = vec![
        preventive(10_000, 30_000),
        preventive(20_000, 25_000),
        placed(date!(2026 - 01 - 15)),
        placed(date!(2026 - 03 - 01)),
        placed(date!(2026 - 09 - 01)),
    ];
    // Investment 30,000 → 55,000 (placement costs are not investment); placements 2 → 1.
    assert_eq!(
        investment_shift(&facts, TODAY, 5),
        Some(InvestmentShift {
            investment: [30_000, 55_000],
            placements: [2, 1],
        })
    );
    assert_eq!(
        investment_shift(&facts, TODAY, 6),
        None,
        "under the smallest group"
    );
    // A placement decided before the two half-years does not count.
    facts[2].decision_date = Some(date!(2025 - 06 - 01));
    facts[3].decision_date = Some(date!(2025 - 06 - 01));
    assert_eq!(
        investment_shift(&facts, TODAY, 5),
        None,
        "placements rose 0 → 1"
    );
}

/// Two supervision visits a year (barnets lov § 156, stk. 5) is one per half-year: a placement
/// counts once half a year has passed and needs one visit then, two after a year.
#[test]
fn supervision_visits_are_due_one_per_half_year_of_placement() {
    let placed = |days_ago: i64, visits: u32| CourseFacts {
        intervention_start: Some(TODAY - time::Duration::days(days_ago)),
        placement: true,
        supervision_visits_last_year: visits,
        ..base(Id::new(), TODAY - time::Duration::days(days_ago + 60))
    };
    let world = [
        placed(100, 0), // not due yet: left out
        placed(200, 1), // one due, one held
        placed(250, 0), // one due, none held
        placed(400, 1), // two due, one held
        placed(500, 2), // two due, two held
    ];
    let all = indicators(&world, TODAY, 1);
    assert_eq!(covers(&all, "supervision_visits"), 4);
    assert!((value(&all, "supervision_visits") - 0.5).abs() < 1e-9);
}
