//! A story file is imported whole or not at all: a failure at its last story, or at the audit
//! event after the last step, leaves the campaign as it was.

mod common;

use common::{NOW, World};
use tandem_app::Actor;
use tandem_app::stories::{self, IMPORT_STEP, ImportTarget};
use tandem_domain::PlainText;
use tandem_domain::story::interchange::ImportedStory;
use tandem_store::testing::{campaign_with_stories, fail_inserts_into};

/// An empty team campaign, and a file of two and a half steps' worth of stories whose last one
/// reads "Den sidste historie".
async fn world_and_file() -> (World, ImportTarget, Vec<ImportedStory>) {
    let w = World::new().await;
    let org = w.world.organization_id;
    let (campaign, _) =
        campaign_with_stories(w.app.store(), org, w.world.team_id, w.world.processor_id, 0).await;
    let framework = w.app.store().frameworks(org).await.expect("frameworks")[0].id;
    let count = IMPORT_STEP * 2 + IMPORT_STEP / 2;
    let file = (0..count)
        .map(|i| ImportedStory {
            line: u64::try_from(i).expect("small") + 2,
            title: None,
            text: PlainText::parse(
                &if i + 1 == count {
                    "Den sidste historie".to_owned()
                } else {
                    format!("Historie nummer {i}")
                },
                200,
            )
            .expect("valid text"),
            collected_on: None,
            answers: Vec::new(),
            annotations: Vec::new(),
            teller_kind: None,
            teller_key: None,
        })
        .collect();
    let target = ImportTarget {
        organization_id: org,
        campaign,
        framework,
    };
    (w, target, file)
}

async fn traces(w: &World) -> [i64; 2] {
    [
        w.count("SELECT COUNT(*) FROM stories").await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

#[tokio::test]
async fn a_file_is_imported_in_steps_with_one_audit_event() {
    let (w, target, file) = world_and_file().await;
    let actor = Actor::operator(Some(target.organization_id), NOW);
    let mut steps = Vec::new();
    let imported = stories::import(&w.app, &actor, target, &file, NOW.date(), |n| {
        steps.push(n);
    })
    .await
    .expect("imported");
    assert_eq!(imported, file.len());
    assert_eq!(steps, [IMPORT_STEP, IMPORT_STEP, IMPORT_STEP / 2]);
    let [stories, events] = traces(&w).await;
    assert_eq!(usize::try_from(stories).expect("count"), file.len());
    assert_eq!(
        w.count("SELECT COUNT(*) FROM audit_events WHERE action = 'campaign.import' AND actor_role = 'operator'")
            .await,
        1
    );
    assert!(events > 0);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_files_last_story_cannot_be_stored_none_of_the_file_is() {
    let (w, target, file) = world_and_file().await;
    fail_inserts_into(
        w.app.store(),
        "fail_last_story",
        "stories",
        Some("NEW.body = 'Den sidste historie'"),
    )
    .await
    .expect("failure injected");
    let before = traces(&w).await;
    let actor = w.processor(0);
    let result = stories::import(&w.app, &actor, target, &file, NOW.date(), |_| {}).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
}

#[tokio::test]
async fn when_the_imports_audit_event_fails_none_of_the_file_is_kept() {
    let (w, target, file) = world_and_file().await;
    w.break_audit_event("campaign.import").await;
    let before = traces(&w).await;
    let actor = w.processor(0);
    let result = stories::import(&w.app, &actor, target, &file, NOW.date(), |_| {}).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    w.assert_chain_intact().await;
}
