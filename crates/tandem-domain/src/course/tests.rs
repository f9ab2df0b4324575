use time::macros::date;

use super::details::CourseDetails;
use super::kinds::*;
use super::network::{ConsentScope, MemberDetails, SnapshotEntry, diff};
use super::work::StepOwner;
use super::*;
use crate::{Id, PlainText};

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 500).expect("text")
}

fn course() -> CourseDetails {
    CourseDetails {
        young_person_name: text("Mia"),
        birth_date: date!(2010 - 05 - 01),
        preferred_language: PreferredLanguage::Danish,
        accessibility_needs: None,
        legal_basis: "§ 32".into(),
        status: CourseStatus::Active,
        awareness_date: date!(2025 - 10 - 31),
        assessment_kind: AssessmentKind::ChildAssessment,
        assessment_completed: None,
        decision_date: None,
        placement: false,
        placement_without_consent: false,
        plan_kind: PlanKind::NoPlan,
        plan_completed: None,
        intervention_start: None,
        follow_up_interval_days: None,
        follow_up_reason: None,
        closure_date: None,
        closure_reason: None,
        external_reference: None,
    }
}

const TODAY: time::Date = date!(2026 - 01 - 15);

fn keys(problems: &[Problem]) -> Vec<(&str, &str)> {
    problems.iter().map(|p| (p.field, p.key)).collect()
}

#[test]
fn a_well_ordered_course_has_no_problems_and_its_assessment_clamps_to_february() {
    let c = course();
    assert!(c.problems(TODAY).is_empty());
    let found = crate::deadlines::deadlines(
        &crate::deadlines::RuleSet::barnets_lov(),
        &c.deadline_dates(vec![]),
    );
    assert_eq!(found[0].due, date!(2026 - 02 - 28));
}

#[test]
fn dates_in_an_impossible_order_are_refused_by_field() {
    let mut c = course();
    c.decision_date = Some(date!(2025 - 10 - 30));
    c.closure_date = Some(date!(2025 - 01 - 01));
    assert_eq!(
        keys(&c.problems(TODAY)),
        vec![
            ("decision_date", "before-awareness"),
            ("closure_date", "before-awareness"),
            ("closure_date", "date-needs-closed"),
        ]
    );
    let mut future = course();
    future.birth_date = date!(2027 - 01 - 01);
    assert_eq!(
        keys(&future.problems(TODAY)),
        vec![("birth_date", "birth-future")]
    );
}

#[test]
fn young_people_are_12_to_22() {
    let mut c = course();
    c.birth_date = date!(2014 - 01 - 01); // 11 on the awareness date
    assert_eq!(keys(&c.problems(TODAY)), vec![("birth_date", "age-range")]);
    c.birth_date = date!(2002 - 10 - 31); // 23 on the awareness date
    assert_eq!(keys(&c.problems(TODAY)), vec![("birth_date", "age-range")]);
    c.birth_date = date!(2002 - 11 - 01); // 22
    assert!(c.problems(TODAY).is_empty());
}

#[test]
fn a_placement_needs_a_plan_and_a_closed_course_a_date_and_reason() {
    let mut c = course();
    c.placement_without_consent = true;
    c.status = CourseStatus::Closed;
    assert_eq!(
        keys(&c.problems(TODAY)),
        vec![
            (
                "placement_without_consent",
                "without-consent-needs-placement"
            ),
            ("closure_date", "closed-needs-date"),
            ("closure_reason", "closed-needs-reason"),
        ]
    );
}

#[test]
fn a_parallel_assessment_bounds_the_first_follow_up() {
    let mut c = course();
    c.awareness_date = date!(2025 - 02 - 01);
    c.assessment_kind = AssessmentKind::Parallel;
    c.intervention_start = Some(date!(2025 - 03 - 01));
    c.assessment_completed = Some(date!(2025 - 04 - 15));
    let found = crate::deadlines::deadlines(
        &crate::deadlines::RuleSet::barnets_lov(),
        &c.deadline_dates(vec![]),
    );
    assert_eq!(found.len(), 1, "no § 20 clock for a parallel assessment");
    assert_eq!(found[0].due, date!(2025 - 04 - 15));
}

fn member(birth: Option<time::Date>, roles: Vec<NetworkRole>) -> MemberDetails {
    MemberDetails {
        name: text("Bo"),
        sector: Sector::Family,
        relation: text("brother"),
        strength: Strength::Strong,
        stressful: false,
        direction: Direction::Mutual,
        roles,
        birth_date: birth,
        consent: ConsentScope::default(),
        consent_given_by: None,
    }
}

#[test]
fn a_support_person_must_be_at_least_15() {
    let support = vec![NetworkRole::SupportPerson];
    let fifteen_today = member(Some(date!(2011 - 01 - 15)), support.clone());
    assert!(fifteen_today.problems(TODAY).is_empty());
    let fourteen = member(Some(date!(2011 - 01 - 16)), support.clone());
    assert_eq!(
        keys(&fourteen.problems(TODAY)),
        vec![("roles", "support-under-15")]
    );
    assert_eq!(
        keys(&member(None, support).problems(TODAY)),
        vec![("birth_date", "support-needs-birth")]
    );
    assert!(
        member(Some(date!(2015 - 01 - 01)), vec![NetworkRole::SafetyPerson])
            .problems(TODAY)
            .is_empty()
    );
}

#[test]
fn consent_needs_to_say_who_gave_it() {
    let mut m = member(None, vec![]);
    m.consent.goals = true;
    assert_eq!(
        keys(&m.problems(TODAY)),
        vec![("consent_given_by", "consent-needs-giver")]
    );
}

fn entry(id: &str, strength: &str, direction: &str) -> SnapshotEntry {
    SnapshotEntry {
        member_id: id.into(),
        name: id.into(),
        sector: "family".into(),
        relation: "r".into(),
        strength: strength.into(),
        stressful: false,
        direction: direction.into(),
    }
}

#[test]
fn a_snapshot_diff_names_new_gone_and_changed_relations() {
    let before = vec![
        entry("a", "tenuous", "none"),
        entry("b", "strong", "mutual"),
    ];
    let after = vec![
        entry("a", "strong", "none"),
        entry("c", "moderate", "to_young_person"),
        entry("d", "moderate", "mutual"),
        entry("e", "moderate", "from_young_person"),
    ];
    let d = diff(&before, &after);
    assert_eq!(d.added.len(), 3);
    assert_eq!(d.new_supportive, 2);
    assert_eq!(d.removed, vec![entry("b", "strong", "mutual")]);
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].1.strength, "strong");
}

#[test]
fn a_step_needs_an_owner() {
    assert_eq!(StepOwner::parse("young_person"), Ok(StepOwner::YoungPerson));
    let id = "0192a4b0-0000-7000-8000-000000000001";
    assert_eq!(
        StepOwner::parse(&format!("network:{id}")),
        Ok(StepOwner::Network(Id::parse(id).expect("an id")))
    );
    for bad in ["", "nobody", "network:", "staff:x"] {
        assert_eq!(
            StepOwner::parse(bad),
            Err(Problem::new("owner", "owner-required"))
        );
    }
}

#[test]
fn keywords_round_trip_and_refuse_unknown_words() {
    for kind in MeetingKind::ALL {
        assert_eq!(MeetingKind::parse(kind.as_str()), Ok(*kind));
    }
    assert_eq!(PlanKind::parse("none"), Ok(PlanKind::NoPlan));
    assert!(Sector::parse("Family").is_err());
    assert_eq!(parse_optional_date(""), Ok(None));
    assert_eq!(parse_optional_date("2026-02-30"), Err(InvalidDate));
    assert_eq!(parse_optional_date("1900-01-01"), Err(InvalidDate));
    assert_eq!(parse_optional_date("9999-12-31"), Err(InvalidDate));
    assert_eq!(parse_optional_date("1999-12-31"), Err(InvalidDate));
    assert!(
        parse_optional_date("2000-01-01")
            .expect("first year")
            .is_some()
    );
    assert!(
        parse_optional_date("2099-12-31")
            .expect("last year")
            .is_some()
    );
    assert_eq!(
        parse_optional_date("2026-02-28"),
        Ok(Some(date!(2026 - 02 - 28)))
    );
}
