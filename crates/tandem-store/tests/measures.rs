//! The observations behind probes' course measures, read from a hand-built course (SQLite, and
//! PostgreSQL when `TANDEM_TEST_POSTGRES_URL` is set).

use tandem_domain::PlainText;
use tandem_domain::course::kinds::{Chair, Channel, LifeArea, MeetingKind};
use tandem_domain::course::work::{GoalDetails, StepOwner};
use tandem_domain::practice::measures::{CourseMeasure, Observation};
use tandem_store::courses::WorkScope;
use tandem_store::testing::{TestDatabase, course_details, course_world, held_meeting};
use tandem_store::work::NewStep;
use time::macros::{date, datetime};

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 1000).expect("text")
}

fn values(observations: &[Observation]) -> Vec<(time::Date, f64)> {
    let mut v: Vec<_> = observations.iter().map(|o| (o.on, o.value)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    v
}

/// Mia's course (aware 10 January 2026): three meetings — a network meeting she co-chaired
/// with private family time, a follow-up the processor chaired, a conversation (not a meeting
/// a young person leads) — a planned meeting, one recorded before the chair was asked, two
/// goals (one in her words), two steps (one hers).
#[tokio::test]
async fn each_measure_counts_what_the_course_pages_show() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let now = datetime!(2026-03-01 10:00 UTC);
    let world = course_world(&store, &course_details(), now)
        .await
        .expect("world");
    let (org, team, processor, course) = (
        world.organization_id,
        world.team_id,
        world.processor_id,
        world.course_id,
    );
    let mut tx = store.begin().await.expect("tx");
    let meetings = [
        (
            MeetingKind::NetworkMeeting,
            date!(2026 - 02 - 03),
            Some(Chair::Together),
            true,
            true,
        ),
        (
            MeetingKind::FollowUp,
            date!(2026 - 02 - 17),
            Some(Chair::Processor),
            false,
            true,
        ),
        (
            MeetingKind::ChildConversation,
            date!(2026 - 02 - 20),
            Some(Chair::YoungPerson),
            false,
            true,
        ),
        (
            MeetingKind::NetworkMeeting,
            date!(2026 - 03 - 20),
            Some(Chair::YoungPerson),
            false,
            false,
        ),
        (
            MeetingKind::NetworkMeeting,
            date!(2026 - 01 - 20),
            None,
            false,
            true,
        ),
    ];
    for (kind, held_on, chair, private, held) in meetings {
        let details = tandem_domain::course::work::MeetingDetails {
            kind,
            chair,
            private_family_time: private,
            held,
            ..held_meeting(held_on)
        };
        tx.insert_meeting(
            org,
            course,
            &details,
            Some(Channel::InPerson),
            processor,
            now,
        )
        .await
        .expect("meeting");
    }
    tx.commit().await.expect("commit");
    // The overview's light read of the meetings agrees with the full records.
    let full = store.meetings_of(org, course).await.expect("meetings");
    let (summaries, dates) = store
        .meeting_summaries_of(org, course)
        .await
        .expect("summaries");
    assert_eq!(dates, tandem_store::courses::MeetingDates::of(&full));
    assert_eq!(
        summaries
            .iter()
            .map(|m| (m.id, m.kind, m.held_on, m.young_person_present))
            .collect::<Vec<_>>(),
        full.iter()
            .map(|m| (
                m.id,
                m.details.kind,
                m.details.held_on,
                m.details.young_person_present
            ))
            .collect::<Vec<_>>()
    );
    let mut tx = store.begin().await.expect("tx");
    let mut goals = Vec::new();
    for (author, at) in [
        ("Mia", datetime!(2026-02-03 12:00 UTC)),
        ("Mor", datetime!(2026-02-04 12:00 UTC)),
    ] {
        let goal = GoalDetails {
            own_words: text("At komme i skole"),
            author: text(author),
            restatement: None,
            life_area: LifeArea::School,
            anchor_low: None,
            anchor_high: None,
            target_date: None,
        };
        goals.push(tx.insert_goal(org, course, &goal, at).await.expect("goal"));
    }
    // Mia rewrites her mother's goal in her own words: a revision, counted as hers.
    assert!(
        tx.reword_goal(
            org,
            course,
            goals[1],
            (
                &text("At gå i skole hver dag"),
                datetime!(2026-02-10 09:00 UTC)
            )
        )
        .await
        .expect("reworded")
    );
    // Mia saves her own goal's words again unchanged: no revision.
    assert!(
        tx.reword_goal(
            org,
            course,
            goals[0],
            (&text("At komme i skole"), datetime!(2026-02-11 09:00 UTC))
        )
        .await
        .expect("saved")
    );
    for (owner, at) in [
        (StepOwner::YoungPerson, datetime!(2026-02-05 12:00 UTC)),
        (StepOwner::Staff(processor), datetime!(2026-02-06 12:00 UTC)),
    ] {
        let step = NewStep {
            description: text("Ring til skolen"),
            owner,
            goal_id: None,
            due_date: None,
            meeting_id: None,
        };
        tx.insert_step(org, course, &step, at).await.expect("step");
    }
    tx.commit().await.expect("commit");

    let measures = [
        CourseMeasure::ChairedByYoungPerson,
        CourseMeasure::PrivateFamilyTime,
        CourseMeasure::DaysToFirstNetworkMeeting,
        CourseMeasure::GoalsInOwnWords,
        CourseMeasure::StepsOwnedByFamily,
        CourseMeasure::SessionFeedback,
        CourseMeasure::ReliableImprovement,
    ];
    let seen = store
        .course_observations(org, WorkScope::TeamAll(team), &measures)
        .await
        .expect("observations");
    assert_eq!(seen.len(), measures.len());
    assert!(seen.iter().flatten().all(|o| o.course == course));
    assert_eq!(
        values(&seen[0]),
        [(date!(2026 - 02 - 03), 1.0), (date!(2026 - 02 - 17), 0.0)],
        "held meetings a young person leads, with a chair recorded"
    );
    assert_eq!(
        values(&seen[1]),
        [(date!(2026 - 01 - 20), 0.0), (date!(2026 - 02 - 03), 1.0)],
        "held network meetings"
    );
    assert_eq!(
        values(&seen[2]),
        [(date!(2026 - 01 - 20), 10.0)],
        "the first held network meeting, ten days after awareness"
    );
    assert_eq!(
        values(&seen[3]),
        [
            (date!(2026 - 02 - 03), 1.0),
            (date!(2026 - 02 - 04), 0.0),
            (date!(2026 - 02 - 10), 1.0)
        ],
        "goals written, and the young person's rewording"
    );
    assert_eq!(
        values(&seen[4]),
        [(date!(2026 - 02 - 05), 1.0), (date!(2026 - 02 - 06), 0.0)]
    );
    assert!(seen[5].is_empty() && seen[6].is_empty(), "no ratings given");
}
