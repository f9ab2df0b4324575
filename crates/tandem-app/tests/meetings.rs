//! A meeting is one act: the meeting, the network's attendance, the step agreed and the network
//! snapshot are stored together with their audit event, or — when the last step fails — none.

mod common;

use common::{NOW, World};
use tandem_app::meetings::{self, AgreedStep, Attendance, RecordMeeting};
use tandem_domain::PlainText;
use tandem_domain::course::kinds::Channel;
use tandem_domain::course::work::{MeetingDetails, StepOwner};
use tandem_store::testing::{held_meeting, member_details};

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 200).expect("valid text")
}

/// A course whose network has the grandmother, and a meeting she attended with a step for her.
async fn world_and_meeting() -> (World, RecordMeeting) {
    let w = World::new().await;
    let member = member_details("Mormor");
    let mut tx = w.app.store().begin().await.expect("tx");
    let member = tx
        .insert_member(
            w.world.organization_id,
            w.world.course_id,
            &member,
            time::macros::date!(2026 - 03 - 01),
            NOW,
        )
        .await
        .expect("member");
    tx.commit().await.expect("commit");
    let command = RecordMeeting {
        details: MeetingDetails {
            views_own_words: Some(text("Jeg vil gerne bo hos mormor i weekenden")),
            chair: None,
            private_family_time: true,
            ..held_meeting(time::macros::date!(2026 - 05 - 30))
        },
        young_person_channel: Some(Channel::InPerson),
        attendance: vec![Attendance {
            member,
            attended: true,
            channel: Some(Channel::InPerson),
        }],
        step: Some(AgreedStep {
            description: text("Mormor henter Mia fredag"),
            owner: StepOwner::Network(member),
            due_date: None,
        }),
        snapshot: true,
    };
    (w, command)
}

/// Meetings, attendance rows, steps, snapshots and audit events.
async fn traces(w: &World) -> [i64; 5] {
    [
        w.count("SELECT COUNT(*) FROM meetings").await,
        w.count("SELECT COUNT(*) FROM meeting_participants").await,
        w.count("SELECT COUNT(*) FROM steps").await,
        w.count("SELECT COUNT(*) FROM ecomap_snapshots").await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

#[tokio::test]
async fn a_meeting_is_stored_with_its_attendance_step_snapshot_and_audit_event() {
    let (w, command) = world_and_meeting().await;
    let before = traces(&w).await;
    meetings::record(&w.app, &w.processor(0), w.course(), &command)
        .await
        .expect("the meeting is recorded");
    let after = traces(&w).await;
    assert_eq!(after, before.map(|n| n + 1));
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_meetings_audit_event_fails_nothing_of_the_meeting_is_kept() {
    let (w, command) = world_and_meeting().await;
    w.break_audit_event("meeting.create").await;
    let before = traces(&w).await;
    let result = meetings::record(&w.app, &w.processor(0), w.course(), &command).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_snapshot_cannot_be_stored_the_meeting_attendance_and_step_are_not_either() {
    let (w, command) = world_and_meeting().await;
    w.break_inserts_into("ecomap_snapshots").await;
    let before = traces(&w).await;
    assert!(
        meetings::record(&w.app, &w.processor(0), w.course(), &command)
            .await
            .is_err()
    );
    assert_eq!(traces(&w).await, before);
}
