//! A huddle is one act with the stories it links: both stored with the audit event, or — when
//! the last step fails — neither. Next steps are owned inside the team.

mod common;

use common::World;
use tandem_app::practices::TeamRef;
use tandem_app::practices::huddles::{self, AgreedNextStep, NewHuddle, NextStepOutcome};
use tandem_domain::practice::{HuddleDetails, Participants, Voice};
use tandem_domain::{Id, PlainText};
use tandem_store::testing::campaign_with_stories;

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 400).expect("valid text")
}

/// A course world whose team has a campaign with three stories, and a huddle about two of them
/// (plus a story id that is not the team's).
async fn world_and_huddle() -> (World, TeamRef, NewHuddle) {
    let w = World::new().await;
    let (org, team) = (w.world.organization_id, w.world.team_id);
    let (_, stories) =
        campaign_with_stories(w.app.store(), org, team, w.world.processor_id, 3).await;
    let command = NewHuddle {
        details: HuddleDetails {
            held_on: time::macros::date!(2026 - 05 - 29),
            topic: text("Hvem bestemmer på netværksmøderne?"),
            participants: Participants::from_counts(&[(Voice::Processor, 4), (Voice::Manager, 1)]),
        },
        stories: vec![stories[0], stories[1], Id::new()],
    };
    let team = TeamRef {
        organization_id: org,
        id: team,
    };
    (w, team, command)
}

/// Huddles, linked stories and audit events.
async fn traces(w: &World) -> [i64; 3] {
    [
        w.count("SELECT COUNT(*) FROM huddles").await,
        w.count("SELECT COUNT(*) FROM huddle_stories").await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

#[tokio::test]
async fn a_huddle_links_only_the_teams_stories_and_is_recorded() {
    let (w, team, command) = world_and_huddle().await;
    let before = traces(&w).await;
    let huddle = huddles::create(&w.app, &w.processor(0), team, &command)
        .await
        .expect("the huddle is recorded");
    assert_eq!(
        traces(&w).await,
        [before[0] + 1, before[1] + 2, before[2] + 1],
        "two of the three stories are the team's"
    );
    let step = AgreedNextStep {
        description: text("Spørg de unge, hvem der skal lede næste møde"),
        owner: w.world.processor_id,
        due_on: time::macros::date!(2026 - 06 - 12),
    };
    let added = huddles::add_next_step(&w.app, &w.processor(1), team, huddle, &step)
        .await
        .expect("answered");
    assert!(matches!(added, NextStepOutcome::Added(_)), "{added:?}");
    let stranger = AgreedNextStep {
        owner: Id::new(),
        ..step
    };
    let refused = huddles::add_next_step(&w.app, &w.processor(2), team, huddle, &stranger)
        .await
        .expect("answered");
    assert_eq!(refused, NextStepOutcome::OwnerNotInTeam);
    assert_eq!(w.count("SELECT COUNT(*) FROM next_steps").await, 1);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_huddles_audit_event_fails_neither_the_huddle_nor_its_stories_are_kept() {
    let (w, team, command) = world_and_huddle().await;
    w.break_audit_event("huddle.create").await;
    let before = traces(&w).await;
    let result = huddles::create(&w.app, &w.processor(0), team, &command).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_a_story_link_cannot_be_stored_the_huddle_is_not_either() {
    let (w, team, command) = world_and_huddle().await;
    w.break_inserts_into("huddle_stories").await;
    let before = traces(&w).await;
    assert!(
        huddles::create(&w.app, &w.processor(0), team, &command)
            .await
            .is_err()
    );
    assert_eq!(traces(&w).await, before);
}
