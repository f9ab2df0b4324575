//! Each story action is one act: a campaign with its courses, a story with its answers, a code
//! on a story and a campaign's new link are stored together with their audit event, or — when
//! the audit event (the last step) fails — not at all.

mod common;

use common::{NOW, World};
use tandem_app::stories::campaigns::{self, NewCampaignCommand};
use tandem_app::stories::catalog::{self, Annotation, AnnotationKind};
use tandem_app::stories::telling::{self, TellStory};
use tandem_app::stories::{self, CampaignAccess};
use tandem_domain::PlainText;
use tandem_domain::answer::Answer;
use tandem_domain::story::campaign::{Audience, CampaignDetails};
use tandem_domain::story::{Answers, Teller};
use tandem_store::testing::campaign_with_stories;
use time::macros::date;

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 200).expect("valid text")
}

/// A courses campaign asking the world's course, on the organization's first framework.
async fn new_campaign(w: &World, audience: Audience) -> NewCampaignCommand {
    let store = w.app.store();
    store
        .ensure_default_framework(w.world.organization_id, NOW)
        .await
        .expect("the default framework");
    let framework = store
        .frameworks(w.world.organization_id)
        .await
        .expect("frameworks")[0]
        .id;
    NewCampaignCommand {
        details: CampaignDetails {
            title: text("Hverdagen"),
            prompt: text("Hvad skete der?"),
            audience,
            consent_text: None,
            opens_on: date!(2026 - 05 - 01),
            closes_on: date!(2026 - 07 - 01),
            returns_stories: false,
        },
        framework,
        team_id: Some(w.world.team_id),
        courses: if audience == Audience::Courses {
            vec![w.world.course_id]
        } else {
            Vec::new()
        },
    }
}

/// A team campaign with one story, as the guard hands it over.
async fn campaign_with_a_story(w: &World) -> (CampaignAccess, tandem_domain::Id<stories::Story>) {
    let (campaign, ids) = campaign_with_stories(
        w.app.store(),
        w.world.organization_id,
        w.world.team_id,
        w.world.processor_id,
        1,
    )
    .await;
    let record = w
        .app
        .store()
        .campaign(w.world.organization_id, campaign)
        .await
        .expect("read")
        .expect("the campaign");
    let access = w.app.store().access_of(&record).await.expect("access");
    (access, ids[0])
}

async fn campaign_traces(w: &World) -> [i64; 3] {
    [
        w.count("SELECT COUNT(*) FROM campaigns").await,
        w.count("SELECT COUNT(*) FROM campaign_courses").await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

#[tokio::test]
async fn a_campaign_is_stored_with_its_courses_and_audit_event() {
    let w = World::new().await;
    let command = new_campaign(&w, Audience::Courses).await;
    let before = campaign_traces(&w).await;
    let created = campaigns::create(&w.app, &w.processor(0), w.world.organization_id, &command)
        .await
        .expect("the campaign is created");
    assert_eq!(created.token, None, "only link campaigns have a link");
    assert_eq!(campaign_traces(&w).await, before.map(|n| n + 1));
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_campaigns_audit_event_fails_nothing_of_the_campaign_is_kept() {
    let w = World::new().await;
    let command = new_campaign(&w, Audience::Courses).await;
    let before = campaign_traces(&w).await;
    w.break_audit_event("campaign.create").await;
    let result =
        campaigns::create(&w.app, &w.processor(0), w.world.organization_id, &command).await;
    assert!(result.is_err(), "the campaign must fail");
    assert_eq!(campaign_traces(&w).await, before);
}

#[tokio::test]
async fn when_a_new_links_audit_event_fails_the_old_link_keeps_working() {
    let w = World::new().await;
    let command = new_campaign(&w, Audience::Link).await;
    let created = campaigns::create(&w.app, &w.processor(0), w.world.organization_id, &command)
        .await
        .expect("the campaign is created");
    let token = created.token.expect("a link campaign has a link");
    let access = w
        .app
        .store()
        .access_of(&created.campaign)
        .await
        .expect("access");
    w.break_audit_event("campaign.link").await;
    let result = campaigns::renew_link(&w.app, &w.processor(1), &access).await;
    assert!(result.is_err(), "the new link must fail");
    let (still, _) = telling::by_link(&w.app, &token)
        .await
        .expect("the old link still leads to the campaign");
    assert_eq!(still.id, created.campaign.id);
}

async fn story_traces(w: &World) -> [i64; 3] {
    [
        w.count("SELECT COUNT(*) FROM stories").await,
        w.count("SELECT COUNT(*) FROM story_answers").await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

async fn tell_one(w: &World) -> Result<(), tandem_app::ActionError> {
    let (access, _) = campaign_with_a_story(w).await;
    let campaign = stories::campaign(&w.app, &access).await.expect("campaign");
    let body = text("Mødet gik godt, alle kom");
    let answers: Answers = vec![("T1".to_owned(), Answer::Triad([0.2, 0.3, 0.5]))];
    let story = TellStory {
        teller: Teller::Staff,
        citizen_account: None,
        body: &body,
        collected_on: NOW.date(),
        consent_given: true,
        redacted: false,
        answers: &answers,
    };
    telling::tell(&w.app, &w.processor(0), &campaign, &story)
        .await
        .map(|_| ())
}

#[tokio::test]
async fn a_story_is_stored_with_its_answers_and_audit_event() {
    let w = World::new().await;
    let before = story_traces(&w).await;
    tell_one(&w).await.expect("the story is saved");
    // The campaign's own story (without an event) and the one told.
    assert_eq!(
        story_traces(&w).await,
        [before[0] + 2, before[1] + 2, before[2] + 1]
    );
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_a_storys_audit_event_fails_nothing_of_the_story_is_kept() {
    let w = World::new().await;
    let before = story_traces(&w).await;
    w.break_audit_event("story.create").await;
    assert!(tell_one(&w).await.is_err(), "the story must fail");
    // Only the campaign's own story is there.
    assert_eq!(
        story_traces(&w).await,
        [before[0] + 1, before[1] + 1, before[2]]
    );
}

#[tokio::test]
async fn when_a_codes_audit_event_fails_the_story_keeps_no_code() {
    let w = World::new().await;
    let (access, story) = campaign_with_a_story(&w).await;
    let events = w.count("SELECT COUNT(*) FROM audit_events").await;
    let code = Annotation {
        kind: AnnotationKind::Code,
        value: text("Tillid"),
    };
    w.break_audit_event("story.annotate").await;
    let result = catalog::annotate(&w.app, &w.processor(0), &access, story, &code).await;
    assert!(result.is_err(), "the code must fail");
    assert_eq!(
        w.count("SELECT COUNT(*) FROM story_annotations").await,
        0,
        "no code without its audit event"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM audit_events").await, events);
}

#[tokio::test]
async fn when_a_removed_codes_audit_event_fails_the_code_stays() {
    let w = World::new().await;
    let (access, story) = campaign_with_a_story(&w).await;
    let code = Annotation {
        kind: AnnotationKind::Code,
        value: text("Tillid"),
    };
    catalog::annotate(&w.app, &w.processor(0), &access, story, &code)
        .await
        .expect("the code is added");
    let events = w.count("SELECT COUNT(*) FROM audit_events").await;
    w.break_audit_event("story.unannotate").await;
    let result = catalog::unannotate(&w.app, &w.processor(1), &access, story, &code).await;
    assert!(result.is_err(), "the removal must fail");
    assert_eq!(
        w.count("SELECT COUNT(*) FROM story_annotations").await,
        1,
        "the code is still there"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM audit_events").await, events);
}
