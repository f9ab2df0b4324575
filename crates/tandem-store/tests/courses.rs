//! Courses and everything inside them against a real database (SQLite, and PostgreSQL when
//! `TANDEM_TEST_POSTGRES_URL` is set).

use tandem_domain::course::details::CourseDetails;
use tandem_domain::course::kinds::*;
use tandem_domain::course::network::{ConsentScope, MemberDetails};
use tandem_domain::course::work::{GoalDetails, MeetingDetails, StepOwner};
use tandem_domain::{OrganizationName, PlainText};
use tandem_store::courses::{CourseGlance, WorkScope};
use tandem_store::ratings::{NewRound, Rating};
use tandem_store::testing::{TestDatabase, course_world};
use tandem_store::work::NewStep;
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-03-01 10:00 UTC);

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 1000).expect("text")
}

fn details() -> CourseDetails {
    CourseDetails {
        young_person_name: text("Mia Ærø"),
        birth_date: date!(2010 - 05 - 01),
        preferred_language: PreferredLanguage::Danish,
        accessibility_needs: None,
        legal_basis: "§ 32".into(),
        status: CourseStatus::Active,
        awareness_date: date!(2025 - 10 - 31),
        assessment_kind: AssessmentKind::ChildAssessment,
        assessment_completed: None,
        decision_date: Some(date!(2025 - 12 - 01)),
        placement: false,
        placement_without_consent: false,
        plan_kind: PlanKind::ChildPlan,
        plan_completed: None,
        intervention_start: Some(date!(2026 - 01 - 05)),
        follow_up_interval_days: Some(90),
        follow_up_reason: Some(text("stable")),
        closure_date: None,
        closure_reason: None,
        external_reference: Some(text("SAG-1")),
    }
}

/// The overview's one read of a course ([`Store::course_glance`]) gives what the reads one by one
/// give — on SQLite one command of six statements, so a statement's rows must not spill into the
/// next one's, empty ones included.
async fn assert_glance_agrees(
    store: &tandem_store::pool::Store,
    org: tandem_domain::Id<tandem_domain::organization::Organization>,
    course: tandem_domain::Id<tandem_domain::policy::Course>,
    what: &str,
) {
    let glance = store.course_glance(org, course, 5).await.expect("glance");
    let (meetings, meeting_dates) = store
        .meeting_summaries_of(org, course)
        .await
        .expect("meetings");
    let one_by_one = CourseGlance {
        goals: store.goals_of(org, course).await.expect("goals"),
        network: store.network_of(org, course).await.expect("network"),
        steps: store.steps_of(org, course).await.expect("steps"),
        meetings,
        meeting_dates,
        rounds: store
            .latest_rounds_of(org, course, 5)
            .await
            .expect("rounds"),
        attention: store
            .course_attention(org, course)
            .await
            .expect("attention"),
    };
    assert_eq!(glance, one_by_one, "{what}");
}

#[tokio::test]
async fn a_course_with_network_goals_steps_meetings_and_a_blind_round_round_trips() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &details(), NOW).await.expect("world");
    let (org, team, processor, course) = (
        world.organization_id,
        world.team_id,
        world.processor_id,
        world.course_id,
    );
    assert_glance_agrees(&store, org, course, "an empty course").await;
    let mut tx = store.begin().await.expect("tx");
    let member = MemberDetails {
        name: text("Mormor"),
        sector: Sector::Family,
        relation: text("grandmother"),
        strength: Strength::Strong,
        stressful: false,
        direction: Direction::ToYoungPerson,
        roles: vec![NetworkRole::SafetyPerson, NetworkRole::PlanParticipant],
        birth_date: None,
        consent: ConsentScope {
            goals: true,
            steps: true,
            meetings: false,
        },
        consent_given_by: Some(text("Mia")),
    };
    let member_id = tx
        .insert_member(org, course, &member, date!(2026 - 03 - 01), NOW)
        .await
        .expect("member");
    let goal = tx
        .insert_goal(
            org,
            course,
            &GoalDetails {
                own_words: text("Jeg vil i skole hver dag"),
                author: text("Mia"),
                restatement: None,
                life_area: LifeArea::School,
                anchor_low: Some(text("I never go")),
                anchor_high: Some(text("Every day")),
                target_date: None,
            },
            NOW,
        )
        .await
        .expect("goal");
    let meeting = tx
        .insert_meeting(
            org,
            course,
            &MeetingDetails {
                kind: MeetingKind::FollowUp,
                held_on: date!(2026 - 02 - 20),
                held: true,
                young_person_present: true,
                views_own_words: Some(text("It is better")),
                chair: None,
                private_family_time: true,
                support_person_present: false,
                outcomes: None,
                minutes: None,
                minutes_shared: false,
                next_meeting: Some(date!(2026 - 04 - 01)),
            },
            Some(Channel::InPerson),
            processor,
            NOW,
        )
        .await
        .expect("meeting");
    tx.insert_participant(
        org,
        meeting,
        &member_id.to_string(),
        true,
        Some(Channel::Online),
    )
    .await
    .expect("participant");
    tx.insert_step(
        org,
        course,
        &NewStep {
            description: text("Ring til skolen"),
            owner: StepOwner::Network(member_id),
            goal_id: Some(goal),
            due_date: Some(date!(2026 - 03 - 10)),
            meeting_id: Some(meeting),
        },
        NOW,
    )
    .await
    .expect("step");
    let round = tx
        .open_round(
            org,
            course,
            &NewRound {
                instrument_key: "goal_scale",
                goal_id: Some(goal),
                meeting_id: None,
                mode: RatingMode::Collaborative,
                opened_by: Some(processor),
                raters: vec![
                    (RaterRole::YoungPerson, "Mia".into()),
                    (RaterRole::Worker, "Pia".into()),
                ],
            },
            NOW,
        )
        .await
        .expect("round");
    tx.commit().await.expect("commit");
    assert_glance_agrees(&store, org, course, "a course with everything").await;

    let rounds = store.rounds_of(org, course).await.expect("rounds");
    assert_eq!(
        store
            .latest_rounds_of(org, course, 5)
            .await
            .expect("rounds"),
        rounds,
        "the overview's newest rounds are the course's rounds"
    );
    assert!(
        store
            .latest_rounds_of(org, course, 0)
            .await
            .expect("rounds")
            .is_empty()
    );
    let raters = rounds[0].raters.clone();
    assert_eq!(raters.len(), 2);
    let mut tx = store.begin().await.expect("tx");
    assert!(
        tx.submit_rating(
            org,
            course,
            round,
            &Rating {
                rater_id: raters[0].id,
                values: &[70],
                comment: None
            },
            NOW
        )
        .await
        .expect("rate")
    );
    assert!(
        !tx.submit_rating(
            org,
            course,
            round,
            &Rating {
                rater_id: raters[0].id,
                values: &[10],
                comment: None
            },
            NOW
        )
        .await
        .expect("rate"),
        "a rater rates once"
    );
    tx.commit().await.expect("commit");
    assert_eq!(
        store.rounds_of(org, course).await.expect("rounds")[0].revealed_at,
        None,
        "blind until everyone has rated"
    );
    let mut tx = store.begin().await.expect("tx");
    tx.submit_rating(
        org,
        course,
        round,
        &Rating {
            rater_id: raters[1].id,
            values: &[55],
            comment: Some("ok"),
        },
        NOW,
    )
    .await
    .expect("rate");
    tx.raise_alert(org, course, AlertKind::Deterioration, None, "-1.5", NOW)
        .await
        .expect("alert");
    tx.insert_statement(org, course, StatementTopic::Worry, "I am scared", true, NOW)
        .await
        .expect("statement");
    tx.commit().await.expect("commit");
    assert_glance_agrees(&store, org, course, "with an alert and a statement").await;
    let glance = store.course_glance(org, course, 5).await.expect("glance");
    assert_eq!(glance.attention.len(), 2, "the alert and the statement");
    assert!(!glance.goals.is_empty() && !glance.steps.is_empty() && !glance.network.is_empty());
    assert!(!glance.meetings.is_empty() && !glance.rounds.is_empty());
    let rounds = store.rounds_of(org, course).await.expect("rounds");
    assert!(rounds[0].revealed_at.is_some(), "revealed when all rated");
    assert_eq!(rounds[0].raters[0].values, Some(vec![70]));

    let mine = store
        .worklist(org, WorkScope::Processor(processor))
        .await
        .expect("worklist");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].course.details, details());
    assert_eq!(mine[0].open_alerts, 1);
    assert_eq!(mine[0].unread_statements, 1);
    assert_eq!(mine[0].dates.follow_ups, vec![date!(2026 - 02 - 20)]);
    assert_eq!(
        mine[0].dates.next_meeting(date!(2026 - 03 - 01)),
        Some(date!(2026 - 04 - 01))
    );
    assert_eq!(
        store
            .worklist(org, WorkScope::Team(team))
            .await
            .expect("team")
            .len(),
        1
    );
    let network = store.network_of(org, course).await.expect("network");
    assert_eq!(network[0].details, member);
    let steps = store.steps_of(org, course).await.expect("steps");
    assert_eq!(steps[0].owner_name, "Mormor");
    let meetings = store.meetings_of(org, course).await.expect("meetings");
    assert_eq!(meetings[0].participants[0].channel, Some(Channel::Online));
    let access = store
        .course_access(org, course)
        .await
        .expect("access")
        .expect("exists");
    assert_eq!(access.processor_id, processor);
    assert!(access.managers_read_courses);

    let other = store
        .insert_organization(&OrganizationName::parse("Odense").expect("name"))
        .await
        .expect("org")
        .id;
    assert!(
        store
            .course_access(other, course)
            .await
            .expect("access")
            .is_none(),
        "another organization does not see the course"
    );
    assert!(store.course(other, course).await.expect("course").is_none());
}

/// The facts of a course as they stood on a day: before the municipality knew of it, nothing;
/// at the end of January its decision but not its later meeting, step or closure; by the
/// beginning of March all of them.
#[tokio::test]
async fn a_courses_facts_on_a_past_day_hold_only_what_had_happened_by_then() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let closed = CourseDetails {
        status: CourseStatus::Closed,
        closure_date: Some(date!(2026 - 02 - 15)),
        closure_reason: Some(ClosureReason::Mutual),
        ..details()
    };
    let world = course_world(&store, &closed, NOW).await.expect("world");
    let (org, team, processor, course) = (
        world.organization_id,
        world.team_id,
        world.processor_id,
        world.course_id,
    );
    let mut tx = store.begin().await.expect("tx");
    let goal = GoalDetails {
        own_words: text("Jeg vil i skole hver dag"),
        author: text("Mia"),
        restatement: None,
        life_area: LifeArea::School,
        anchor_low: None,
        anchor_high: None,
        target_date: None,
    };
    tx.insert_goal(org, course, &goal, datetime!(2026-01-10 09:00 UTC))
        .await
        .expect("goal");
    let meeting = MeetingDetails {
        kind: MeetingKind::NetworkMeeting,
        held_on: date!(2026 - 02 - 10),
        held: true,
        young_person_present: true,
        views_own_words: None,
        chair: None,
        private_family_time: false,
        support_person_present: false,
        outcomes: None,
        minutes: None,
        minutes_shared: false,
        next_meeting: None,
    };
    tx.insert_meeting(
        org,
        course,
        &meeting,
        Some(Channel::InPerson),
        processor,
        NOW,
    )
    .await
    .expect("meeting");
    let step = NewStep {
        description: text("Ring til skolen"),
        owner: StepOwner::YoungPerson,
        goal_id: None,
        due_date: None,
        meeting_id: None,
    };
    tx.insert_step(org, course, &step, datetime!(2026-02-01 09:00 UTC))
        .await
        .expect("step");
    tx.commit().await.expect("commit");

    let days = [
        date!(2025 - 09 - 30),
        date!(2026 - 01 - 31),
        date!(2026 - 03 - 01),
    ];
    let on = store
        .course_facts_on(org, WorkScope::TeamAll(team), &days)
        .await
        .expect("facts");
    assert!(on[0].is_empty(), "not yet known on 30 September");
    let january = &on[1][0];
    assert_eq!(january.decision_date, Some(date!(2025 - 12 - 01)));
    assert_eq!(january.closed, None, "closed only in February");
    assert_eq!(january.meetings, (0, 0));
    assert_eq!(january.first_network_meeting, None);
    assert_eq!(january.steps, (0, 0));
    assert_eq!(january.active_goals, (1, 1));
    let march = &on[2][0];
    assert_eq!(march.closed, Some((date!(2026 - 02 - 15), true)));
    assert_eq!(march.meetings, (1, 1));
    assert_eq!(march.first_network_meeting, Some(date!(2026 - 02 - 10)));
    assert_eq!(march.steps, (1, 1));
    assert_eq!(
        store
            .course_facts(org, WorkScope::TeamAll(team), date!(2026 - 03 - 01))
            .await
            .expect("facts"),
        on[2],
        "one day's facts are the same through either door"
    );
}
