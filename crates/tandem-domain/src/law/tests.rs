//! One test per rule: the paragraph it cites, and the behaviour that paragraph asks for. The
//! paragraphs were read in barnets lov as consolidated (LBK nr. 282 of 17 March 2025).
use time::macros::date;

use super::*;
use crate::course::consent::{CONSENT_AGE, ConsentDecider, MAJORITY, ParentalAuthority};
use crate::deadlines::{
    CourseDates, DeadlineKind, RuleSet, deadlines, supervision_ok, supervision_visits_in_year,
};

fn due(kind: DeadlineKind, dates: &CourseDates) -> Option<Date> {
    deadlines(&RuleSet::barnets_lov(), dates)
        .into_iter()
        .find(|d| d.kind == kind)
        .map(|d| d.due)
}

/// The prompt for `rule` at the age of a person born on `birth`, on `today`.
fn prompt(birth: Date, today: Date, rule: RuleId) -> Option<AgePrompt> {
    age_prompts(birth, today)
        .into_iter()
        .find(|p| p.rule() == rule)
}

#[test]
fn every_rule_is_listed_once_with_a_paragraph_and_a_source() {
    for id in RuleId::ALL {
        assert_eq!(RULES.iter().filter(|r| r.id == *id).count(), 1, "{id:?}");
        let rule = id.rule();
        assert!(rule.paragraph.starts_with('§'), "{id:?}");
        assert!(rule.source.starts_with("https://"), "{id:?}");
    }
    assert_eq!(RULES.len(), RuleId::ALL.len());
}

#[test]
fn the_child_assessment_is_completed_within_four_months_barnets_lov_20_3() {
    assert_eq!(
        DeadlineKind::Assessment.rule().citation(),
        "barnets lov § 20, stk. 3"
    );
    let dates = CourseDates {
        awareness: Some(date!(2026 - 01 - 10)),
        ..CourseDates::default()
    };
    assert_eq!(
        due(DeadlineKind::Assessment, &dates),
        Some(date!(2026 - 05 - 10))
    );
}

#[test]
fn the_childs_plan_follows_the_decision_by_three_months_or_precedes_a_placement_without_consent_91()
{
    assert_eq!(
        DeadlineKind::Plan.rule().citation(),
        "barnets lov § 91, stk. 1 og 2"
    );
    let mut dates = CourseDates {
        decision: Some(date!(2026 - 02 - 01)),
        plan_required: true,
        ..CourseDates::default()
    };
    assert_eq!(due(DeadlineKind::Plan, &dates), Some(date!(2026 - 05 - 01)));
    dates.placement_without_consent = true;
    assert_eq!(
        due(DeadlineKind::Plan, &dates),
        Some(date!(2026 - 02 - 01)),
        "§ 91, stk. 2: before the decision under § 47"
    );
}

#[test]
fn the_first_follow_up_comes_within_three_months_of_the_start_barnets_lov_95() {
    assert_eq!(
        DeadlineKind::FirstFollowUp.rule().citation(),
        "barnets lov § 95, stk. 2 og 3"
    );
    assert_eq!(
        DeadlineKind::LaterFollowUp.rule(),
        RuleId::FollowUp,
        "later follow-ups as decided at the first (§ 95, stk. 3)"
    );
    let dates = CourseDates {
        intervention_start: Some(date!(2026 - 03 - 15)),
        ..CourseDates::default()
    };
    assert_eq!(
        due(DeadlineKind::FirstFollowUp, &dates),
        Some(date!(2026 - 06 - 15))
    );
}

#[test]
fn a_placed_child_has_two_supervision_visits_a_year_barnets_lov_156_5() {
    assert_eq!(RuleId::Supervision.citation(), "barnets lov § 156, stk. 5");
    let visits = [date!(2026 - 02 - 01), date!(2026 - 08 - 01)];
    assert_eq!(
        supervision_visits_in_year(&visits, date!(2026 - 12 - 01)),
        2
    );
    assert!(supervision_ok(&visits, date!(2026 - 12 - 01)));
    assert!(!supervision_ok(&visits[..1], date!(2026 - 12 - 01)));
}

#[test]
fn from_ten_the_child_is_a_party_barnets_lov_3() {
    assert_eq!(RuleId::PartyRights.citation(), "barnets lov § 3");
    let birth = date!(2016 - 05 - 01);
    assert!(!age_prompts(birth, date!(2026 - 04 - 30)).contains(&AgePrompt::PartyRights));
    assert!(age_prompts(birth, date!(2026 - 05 - 01)).contains(&AgePrompt::PartyRights));
    assert!(
        !age_prompts(birth, date!(2034 - 05 - 01)).contains(&AgePrompt::PartyRights),
        "an adult is a party as any adult, not by § 3"
    );
}

#[test]
fn any_child_may_bring_a_support_person_who_is_fifteen_barnets_lov_6() {
    assert_eq!(
        RuleId::SupportPerson.citation(),
        "barnets lov § 6, stk. 1 og 4"
    );
    for birth in [
        date!(2020 - 01 - 01),
        date!(2012 - 01 - 01),
        date!(2005 - 01 - 01),
    ] {
        assert!(
            age_prompts(birth, date!(2026 - 12 - 06)).contains(&AgePrompt::SupportPerson),
            "at every age, not from 15"
        );
    }
}

#[test]
fn at_sixteen_a_youth_plan_is_considered_and_in_place_within_three_months_barnets_lov_108() {
    assert_eq!(
        RuleId::YouthPlan.citation(),
        "barnets lov § 108, stk. 1 og 3"
    );
    let birth = date!(2010 - 06 - 15);
    let youth_plan = |today| prompt(birth, today, RuleId::YouthPlan);
    assert_eq!(youth_plan(date!(2026 - 06 - 14)), None, "15");
    assert_eq!(
        youth_plan(date!(2026 - 06 - 15)),
        Some(AgePrompt::YouthPlan {
            due: date!(2026 - 09 - 15)
        })
    );
    assert_eq!(
        youth_plan(date!(2028 - 06 - 15)),
        None,
        "18: youth support instead"
    );
}

#[test]
fn support_after_eighteen_is_decided_six_months_before_the_birthday_barnets_lov_111() {
    assert_eq!(
        RuleId::TransitionToAdulthood.citation(),
        "barnets lov § 111, stk. 1"
    );
    let birth = date!(2009 - 03 - 31);
    let transition = |today| prompt(birth, today, RuleId::TransitionToAdulthood);
    assert_eq!(transition(date!(2026 - 03 - 30)), None, "16");
    assert_eq!(
        transition(date!(2026 - 03 - 31)),
        Some(AgePrompt::TransitionToAdulthood {
            decide_by: date!(2026 - 09 - 30),
            turns_adult: date!(2027 - 03 - 31)
        }),
        "from 17, with the date six months before 18"
    );
    assert_eq!(transition(date!(2027 - 03 - 31)), None, "18");
}

#[test]
fn youth_support_runs_until_the_23rd_birthday_barnets_lov_113_116() {
    assert_eq!(RuleId::YouthSupport.citation(), "barnets lov §§ 113-116");
    let birth = date!(2004 - 02 - 29);
    let support = |today| prompt(birth, today, RuleId::YouthSupport);
    assert_eq!(support(date!(2022 - 02 - 27)), None, "17");
    assert_eq!(
        support(date!(2026 - 12 - 06)),
        Some(AgePrompt::YouthSupport {
            until: date!(2027 - 02 - 28)
        }),
        "a leap-day birthday falls on 28 February"
    );
    assert_eq!(support(date!(2027 - 03 - 01)), None, "23");
}

#[test]
fn parental_authority_decides_under_fifteen_and_ends_at_eighteen() {
    assert_eq!(
        RuleId::ParentalAuthority.citation(),
        "forældreansvarsloven § 1 og § 3, stk. 1"
    );
    assert_eq!(
        RuleId::Consent.citation(),
        "forvaltningsloven § 28, stk. 2, nr. 1"
    );
    assert_eq!((CONSENT_AGE, MAJORITY), (15, ADULT_AGE));
    let today = date!(2026 - 12 - 06);
    assert_eq!(
        ConsentDecider::on(date!(2012 - 12 - 07), today, ParentalAuthority::Joint),
        ConsentDecider::ParentalAuthority(ParentalAuthority::Joint)
    );
    assert_eq!(
        ConsentDecider::on(date!(2008 - 12 - 06), today, ParentalAuthority::Joint),
        ConsentDecider::YoungPerson { of_age: true }
    );
}
