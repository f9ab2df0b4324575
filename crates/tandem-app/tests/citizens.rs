//! The young person's own changes are one act each: a worry is stored with its alert and its
//! audit event, or — when the last step fails — none of them; only one's own steps can be ticked
//! off.

mod common;

use common::{NOW, World};
use tandem_app::Actor;
use tandem_app::citizens::{self, CitizenRecord, MessageSent};
use tandem_app::invitations::{self, AcceptInvitation, Acceptance};
use tandem_domain::PlainText;
use tandem_domain::course::kinds::StatementTopic;
use tandem_store::citizens::CitizenRole;

/// The course's young person with their own account (accepted from an invitation).
async fn young_person(w: &World) -> CitizenRecord {
    let token = w.invitation(CitizenRole::YoungPerson).await;
    let open = invitations::open_invitation(&w.app, &token, NOW)
        .await
        .expect("read")
        .expect("open");
    let command = AcceptInvitation {
        login_name: "mia2010".into(),
        password_hash: "$argon2id$not-checked-here".into(),
    };
    let Acceptance::Accepted { session_token, .. } =
        invitations::accept(&w.app, &open, &command, None, NOW)
            .await
            .expect("accepted")
    else {
        panic!("not accepted");
    };
    let session = w
        .app
        .store()
        .citizen_session(&session_token)
        .await
        .expect("read")
        .expect("a session");
    session.account
}

fn worry() -> PlainText {
    PlainText::parse("Jeg er bange for at tage hjem i weekenden", 2000).expect("text")
}

/// Messages, alerts and audit events.
async fn traces(w: &World) -> [i64; 3] {
    [
        w.count("SELECT COUNT(*) FROM statements").await,
        w.count("SELECT COUNT(*) FROM alerts").await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

#[tokio::test]
async fn a_worry_is_stored_with_its_alert_and_its_audit_event() {
    let w = World::new().await;
    let account = young_person(&w).await;
    let actor = Actor::citizen(&account, None, NOW);
    let before = traces(&w).await;
    let sent = citizens::send_message(&w.app, &actor, &account, StatementTopic::Worry, &worry())
        .await
        .expect("sent");
    assert!(matches!(sent, MessageSent { worry: true, .. }));
    assert_eq!(traces(&w).await, before.map(|n| n + 1));
    let plain = citizens::send_message(
        &w.app,
        &actor,
        &account,
        StatementTopic::PrepareMeeting,
        &worry(),
    )
    .await
    .expect("sent");
    assert!(!plain.worry, "only a worry raises an alert");
    assert_eq!(
        traces(&w).await,
        [before[0] + 2, before[1] + 1, before[2] + 2]
    );
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_worry_alert_cannot_be_stored_the_message_is_not_either() {
    let w = World::new().await;
    let account = young_person(&w).await;
    let actor = Actor::citizen(&account, None, NOW);
    w.break_inserts_into("alerts").await;
    let before = traces(&w).await;
    let result =
        citizens::send_message(&w.app, &actor, &account, StatementTopic::Worry, &worry()).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
}

#[tokio::test]
async fn when_the_messages_audit_event_fails_neither_the_message_nor_its_alert_is_kept() {
    let w = World::new().await;
    let account = young_person(&w).await;
    let actor = Actor::citizen(&account, None, NOW);
    w.break_audit_event("statement.create").await;
    let before = traces(&w).await;
    let result =
        citizens::send_message(&w.app, &actor, &account, StatementTopic::Worry, &worry()).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn a_young_person_ticks_off_their_own_step_but_not_anyone_elses() {
    let w = World::new().await;
    let account = young_person(&w).await;
    let actor = Actor::citizen(&account, None, NOW);
    let text = |s: &str| PlainText::parse(s, 500).expect("text");
    let own = citizens::add_own_step(&w.app, &actor, &account, text("Ringe til skolen"))
        .await
        .expect("added");
    let mut tx = w.app.store().begin().await.expect("tx");
    let processors = tx
        .insert_step(
            w.world.organization_id,
            w.world.course_id,
            &tandem_store::work::NewStep {
                description: text("Finde en praktikplads"),
                owner: tandem_domain::course::work::StepOwner::Staff(w.world.processor_id),
                goal_id: None,
                due_date: None,
                meeting_id: None,
            },
            NOW,
        )
        .await
        .expect("a step");
    tx.commit().await.expect("commit");
    let today = NOW.date();
    let refused = citizens::mark_own_step_done(&w.app, &actor, &account, processors, today).await;
    assert!(matches!(refused, Err(tandem_app::ActionError::NotFound)));
    citizens::mark_own_step_done(&w.app, &actor, &account, own, today)
        .await
        .expect("done");
    let done = w
        .count("SELECT COUNT(*) FROM steps WHERE status = 'done'")
        .await;
    assert_eq!(done, 1);
}

#[tokio::test]
async fn concurrent_escalation_runs_on_two_instances_move_a_worry_once_per_step() {
    use tandem_app::worries::escalation::escalate_due;
    let w = World::new().await;
    let account = young_person(&w).await;
    // Monday 1 June 2026, 12:00 in Copenhagen: office hours, due at 13:00.
    let actor = Actor::citizen(&account, None, NOW);
    citizens::send_message(&w.app, &actor, &account, StatementTopic::Worry, &worry())
        .await
        .expect("sent");
    let second = tandem_app::App::new(
        tandem_store::Store::open(&w.db.target)
            .await
            .expect("a second instance"),
    );
    let early = escalate_due(&w.app, NOW + time::Duration::minutes(59))
        .await
        .expect("ran");
    assert!(early.is_empty(), "not due before its deadline");
    let later = NOW + time::Duration::hours(2);
    let runs: Vec<_> = (0..8)
        .map(|i| {
            let app = if i % 2 == 0 {
                w.app.clone()
            } else {
                second.clone()
            };
            tokio::spawn(async move { escalate_due(&app, later).await.expect("ran").len() })
        })
        .collect();
    let mut moved = 0;
    for run in runs {
        moved += run.await.expect("joined");
    }
    assert_eq!(moved, 1, "eight runs on two instances, one move");
    assert_eq!(
        w.count("SELECT COUNT(*) FROM audit_events WHERE action = 'worry.escalate'")
            .await,
        1
    );
    assert_eq!(
        w.count("SELECT COUNT(*) FROM alerts WHERE kind = 'worry' AND escalation = 1")
            .await,
        1
    );
    // Without a duty contact the team manager is the last step: nothing moves further.
    let much_later = escalate_due(&w.app, later + time::Duration::days(3))
        .await
        .expect("ran");
    assert!(much_later.is_empty());
    w.assert_chain_intact().await;
}
