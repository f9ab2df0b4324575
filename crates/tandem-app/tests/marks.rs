//! "More like these, fewer like those" through the use cases: a region is marked only where the
//! framework has it, with its audit event; its share month by month and its example stories come
//! from the selection; and a probe takes only a mark of its own team's campaigns.

mod common;

use common::World;
use tandem_app::practices::TeamRef;
use tandem_app::practices::probes::{self, SanctionOutcome, SanctionProbe};
use tandem_app::stories::catalog::StoryFilter;
use tandem_app::stories::columns::ColumnCache;
use tandem_app::stories::marks::{self, MarkOutcome};
use tandem_app::stories::patterns::{Selecting, select};
use tandem_app::stories::{self, CampaignRecord};
use tandem_domain::framework::Framework;
use tandem_domain::practice::ProbeDetails;
use tandem_domain::story::mark::{Direction, MarkDetails, RegionKey};
use tandem_domain::{Id, PlainText};
use tandem_store::testing::campaign_with_stories;
use time::macros::date;

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 400).expect("valid text")
}

/// The world with a team campaign of 12 stories: six in corner a of T1, six on the a–c edge.
async fn world_with_campaign() -> (World, CampaignRecord, Framework) {
    let w = World::new().await;
    let (org, team) = (w.world.organization_id, w.world.team_id);
    let (id, _) = campaign_with_stories(w.app.store(), org, team, w.world.processor_id, 12).await;
    let record = w
        .app
        .store()
        .campaign(org, id)
        .await
        .expect("read")
        .expect("the campaign");
    let (campaign, framework) = stories::with_framework(&w.app, record)
        .await
        .expect("framework");
    (w, campaign, framework)
}

fn details(question: &str, region: RegionKey) -> MarkDetails {
    MarkDetails {
        question: question.into(),
        region,
        direction: Direction::Fewer,
        note: Some(text("Rules alone, again")),
    }
}

#[tokio::test]
async fn a_region_is_marked_with_its_audit_event_and_only_where_the_framework_has_it() {
    let (w, campaign, framework) = world_with_campaign().await;
    let actor = w.processor(0);
    let before = w.count("SELECT COUNT(*) FROM audit_events").await;
    for wrong in [
        details("M1", RegionKey::CornerA),
        details("T1", RegionKey::High),
    ] {
        let outcome = marks::mark(&w.app, &actor, (&campaign, &framework), &wrong)
            .await
            .expect("answered");
        assert!(matches!(outcome, MarkOutcome::Invalid(_)), "{outcome:?}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM landscape_marks").await, 0);
    let outcome = marks::mark(
        &w.app,
        &actor,
        (&campaign, &framework),
        &details("T1", RegionKey::CornerA),
    )
    .await
    .expect("marked");
    let MarkOutcome::Marked(id) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(
        w.count("SELECT COUNT(*) FROM audit_events").await,
        before + 1
    );
    let found = marks::find(&w.app, &campaign, id).await.expect("found");
    assert_eq!(
        found.marked_on,
        date!(2026 - 06 - 01),
        "the day in Copenhagen"
    );
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn the_share_counts_the_selection_month_by_month_and_the_examples_lie_in_the_region() {
    let (w, campaign, framework) = world_with_campaign().await;
    let actor = w.processor(0);
    let MarkOutcome::Marked(id) = marks::mark(
        &w.app,
        &actor,
        (&campaign, &framework),
        &details("T1", RegionKey::CornerA),
    )
    .await
    .expect("marked") else {
        panic!("not marked")
    };
    let mark = marks::find(&w.app, &campaign, id).await.expect("found");
    let cache = ColumnCache::default();
    let filter = StoryFilter::default();
    let what = Selecting {
        campaign: &campaign,
        framework: &framework,
        filter: &filter,
        key: "",
    };
    let (selection, _) = select(&w.app, &cache, &actor, what, "test")
        .await
        .expect("selection");
    let shares = marks::shares(&selection, &mark).expect("T1 is answered");
    assert_eq!(shares.months, [(2026, 10)]);
    let october = shares.shares[0].expect("twelve answers are shown");
    assert_eq!((october.n, october.inside), (12, 6));
    assert!((october.interval.share - 0.5).abs() < 1e-12);
    assert!(october.interval.low > 0.2 && october.interval.high < 0.8);
    assert_eq!(shares.overall, Some(october));
    assert_eq!(
        shares.marked_month, None,
        "marked in June, before October's stories"
    );
    let examples = marks::examples(&w.app, &campaign, &selection, &mark)
        .await
        .expect("examples");
    assert_eq!(examples.len(), marks::EXAMPLES);
    let pure: Vec<String> = (0..12)
        .step_by(2)
        .map(|i| format!("Story {}", i + 1))
        .collect();
    assert!(
        examples
            .iter()
            .all(|s| pure.iter().any(|p| s.body.starts_with(&format!("{p}:")))),
        "only the pure-rules stories (odd numbers) lie in corner a"
    );
}

#[tokio::test]
async fn a_probe_takes_only_a_mark_of_its_teams_campaigns() {
    let (w, campaign, framework) = world_with_campaign().await;
    let actor = w.processor(0);
    let MarkOutcome::Marked(mark) = marks::mark(
        &w.app,
        &actor,
        (&campaign, &framework),
        &details("D1", RegionKey::Middle),
    )
    .await
    .expect("marked") else {
        panic!("not marked")
    };
    let team = TeamRef {
        organization_id: w.world.organization_id,
        id: w.world.team_id,
    };
    let command = |mark| SanctionProbe {
        details: ProbeDetails {
            title: text("Fewer stories of rules alone"),
            hypothesis: text("Asking the young person first changes the meeting"),
            success_signal: text("Fewer stories in the rules corner"),
            failure_signal: text("Meetings take longer"),
            success_measure: None,
            failure_measure: None,
            starts_on: date!(2026 - 06 - 01),
            review_on: date!(2026 - 06 - 29),
        },
        owner: w.world.processor_id,
        huddle: None,
        mark: Some(mark),
        stories: Vec::new(),
        courses: Vec::new(),
    };
    let unknown = probes::sanction(&w.app, &actor, team, &command(Id::new()))
        .await
        .expect("answered");
    assert_eq!(unknown, SanctionOutcome::MarkNotTeams);
    assert_eq!(w.count("SELECT COUNT(*) FROM probes").await, 0);
    let outcome = probes::sanction(&w.app, &actor, team, &command(mark))
        .await
        .expect("sanctioned");
    let SanctionOutcome::Sanctioned(probe) = outcome else {
        panic!("{outcome:?}")
    };
    let (record, _) = probes::show(&w.app, &actor, team, probe)
        .await
        .expect("probe");
    assert_eq!(record.mark_id, Some(mark));
}
