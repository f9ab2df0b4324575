//! A practice page is read only when its read is on the audit trail: the board and the team's
//! indicators record who read them and why, and serve nothing when the record cannot be written.

mod common;

use common::World;
use tandem_app::ActionError;
use tandem_app::indicators::team;
use tandem_app::practices::{TeamRef, board};

fn team_of(w: &World) -> TeamRef {
    TeamRef {
        organization_id: w.world.organization_id,
        id: w.world.team_id,
    }
}

async fn reads(w: &World, action: &str, purpose: &str) -> i64 {
    w.count(&format!(
        "SELECT COUNT(*) FROM audit_events WHERE action = '{action}' AND purpose = '{purpose}'"
    ))
    .await
}

#[tokio::test]
async fn reading_the_board_is_recorded_first() {
    let w = World::new().await;
    board::show(&w.app, &w.processor(0), team_of(&w))
        .await
        .expect("the board");
    assert_eq!(reads(&w, "practice.read", "practice board").await, 1);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn the_board_is_not_served_when_its_read_cannot_be_recorded() {
    let w = World::new().await;
    w.break_audit_event("practice.read").await;
    let result = board::show(&w.app, &w.processor(0), team_of(&w)).await;
    assert!(
        matches!(result, Err(ActionError::AuditUnavailable(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn the_teams_indicators_are_read_with_their_audit_and_computed_for_its_courses() {
    let w = World::new().await;
    let view = team::show(&w.app, &w.processor(0), team_of(&w), None, |_| true)
        .await
        .expect("the view");
    assert_eq!(view.computed.young_people, 1, "the world's one course");
    assert!(view.drill.is_none());
    assert!(view.first_course.is_some());
    assert_eq!(reads(&w, "indicators.read", "team indicators").await, 1);
}
