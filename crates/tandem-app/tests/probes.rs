//! A probe is one act with the stories that prompted it: the probe, its story links and its
//! audit event are stored together, or — when the last step fails — none of them.

mod common;

use common::World;
use tandem_app::practices::TeamRef;
use tandem_app::practices::probes::{self, SanctionOutcome, SanctionProbe};
use tandem_domain::practice::ProbeDetails;
use tandem_domain::{Id, PlainText};
use tandem_store::testing::campaign_with_stories;
use time::macros::date;

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 400).expect("valid text")
}

/// A course world whose team has three stories, and a probe prompted by two of them (plus a
/// story id that is not the team's), run by the course's processor.
async fn world_and_probe() -> (World, TeamRef, SanctionProbe) {
    let w = World::new().await;
    let (org, team) = (w.world.organization_id, w.world.team_id);
    let (_, stories) =
        campaign_with_stories(w.app.store(), org, team, w.world.processor_id, 3).await;
    let command = SanctionProbe {
        details: ProbeDetails {
            title: text("De unge leder selv næste netværksmøde"),
            hypothesis: text("Når den unge leder mødet, taler netværket mere med den unge."),
            success_signal: text("Den unge taler mest"),
            failure_signal: text("Mødet bliver kortere end 20 minutter"),
            success_measure: None,
            failure_measure: None,
            starts_on: date!(2026 - 06 - 01),
            review_on: date!(2026 - 06 - 29),
        },
        owner: w.world.processor_id,
        huddle: None,
        mark: None,
        stories: vec![stories[0], stories[1], Id::new()],
        courses: Vec::new(),
    };
    let team = TeamRef {
        organization_id: org,
        id: team,
    };
    (w, team, command)
}

/// Probes, linked stories and audit events.
async fn traces(w: &World) -> [i64; 3] {
    [
        w.count("SELECT COUNT(*) FROM probes").await,
        w.count("SELECT COUNT(*) FROM probe_stories").await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

#[tokio::test]
async fn a_probe_links_only_the_teams_stories_and_is_recorded() {
    let (w, team, command) = world_and_probe().await;
    let before = traces(&w).await;
    let outcome = probes::sanction(&w.app, &w.processor(0), team, &command)
        .await
        .expect("the probe is sanctioned");
    assert!(
        matches!(outcome, SanctionOutcome::Sanctioned(_)),
        "{outcome:?}"
    );
    assert_eq!(
        traces(&w).await,
        [before[0] + 1, before[1] + 2, before[2] + 1],
        "two of the three stories are the team's"
    );
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn a_probe_run_by_someone_outside_the_team_is_not_stored() {
    let (w, team, command) = world_and_probe().await;
    let before = traces(&w).await;
    let stranger = SanctionProbe {
        owner: Id::new(),
        ..command
    };
    let outcome = probes::sanction(&w.app, &w.processor(0), team, &stranger)
        .await
        .expect("answered");
    assert_eq!(outcome, SanctionOutcome::OwnerNotInTeam);
    assert_eq!(traces(&w).await, before);
}

#[tokio::test]
async fn when_a_story_link_cannot_be_stored_the_probe_is_not_either() {
    let (w, team, command) = world_and_probe().await;
    w.break_inserts_into("probe_stories").await;
    let before = traces(&w).await;
    let result = probes::sanction(&w.app, &w.processor(0), team, &command).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
}

#[tokio::test]
async fn when_the_probes_audit_event_fails_neither_the_probe_nor_its_stories_are_kept() {
    let (w, team, command) = world_and_probe().await;
    w.break_audit_event("probe.create").await;
    let before = traces(&w).await;
    let result = probes::sanction(&w.app, &w.processor(0), team, &command).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    w.assert_chain_intact().await;
}
