//! The practices against a real database: a huddle with the team's stories (another team's are
//! never linked), interpretations by voice, next steps owned by the team's members, the probe
//! register's decisions, and "you said, we did" published only to the team's own campaigns.

use tandem_domain::practice::{HuddleDetails, Participants, ProbeDecision, ProbeDetails, Voice};
use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, TeamName};
use tandem_domain::story::campaign::{Audience, CampaignDetails};
use tandem_domain::story::{Answers, Teller};
use tandem_domain::{Id, PlainText};
use tandem_store::Store;
use tandem_store::practices::outcomes::NewOutcome;
use tandem_store::practices::probes::NewProbe;
use tandem_store::staff::NewStaffUser;
use tandem_store::stories::Story;
use tandem_store::stories::campaigns::NewCampaign;
use tandem_store::stories::write::NewStory;
use tandem_store::testing::{TestDatabase, course_details, course_world};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-11-02 10:00 UTC);

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 4000).expect("text")
}

/// A team campaign with `n` stories; returns the campaign and the story ids.
async fn campaign_with_stories(
    store: &Store,
    org: Id<tandem_domain::organization::Organization>,
    team: Id<tandem_domain::staff::Team>,
    by: Id<tandem_domain::staff::User>,
    n: usize,
) -> (Id<tandem_domain::policy::Campaign>, Vec<Id<Story>>) {
    let framework = store.frameworks(org).await.expect("frameworks")[0].id;
    let details = CampaignDetails {
        title: text("Pulse"),
        prompt: text("What happened?"),
        audience: Audience::Team,
        consent_text: None,
        opens_on: date!(2026 - 01 - 01),
        closes_on: date!(2026 - 12 - 31),
        returns_stories: false,
    };
    let mut tx = store.begin().await.expect("tx");
    let campaign = tx
        .insert_campaign(
            org,
            &NewCampaign {
                details: &details,
                framework_id: framework,
                team_id: Some(team),
                link_token_hash: None,
                course_ids: &[],
                created_by: by,
            },
            NOW,
        )
        .await
        .expect("campaign");
    let answers = Answers::default();
    let bodies: Vec<String> = (0..n)
        .map(|i| format!("Story {i}: {}", "ord ".repeat(100)))
        .collect();
    let stories: Vec<NewStory<'_>> = bodies
        .iter()
        .map(|body| NewStory {
            campaign_id: campaign,
            framework_id: framework,
            teller: Teller::Staff,
            author_id: None,
            citizen_account_id: None,
            title: None,
            body,
            collected_on: date!(2026 - 10 - 20),
            consent_given: true,
            redacted: false,
            answers: &answers,
            annotations: &[],
        })
        .collect();
    let ids = tx
        .insert_stories(org, &stories, NOW)
        .await
        .expect("stories");
    tx.commit().await.expect("commit");
    (campaign, ids)
}

#[tokio::test]
async fn a_team_records_huddles_probes_steps_and_outcomes_within_its_own_reach() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &course_details(), NOW)
        .await
        .expect("world");
    let (org, team, pia) = (world.organization_id, world.team_id, world.processor_id);
    store
        .ensure_default_framework(org, NOW)
        .await
        .expect("framework");
    let mut tx = store.begin().await.expect("tx");
    let other_team = tx
        .insert_team(org, &TeamName::parse("Vest").expect("name"), NOW)
        .await
        .expect("team")
        .id;
    let outsider = tx
        .insert_staff_user(
            &NewStaffUser {
                organization_id: org,
                email: EmailAddress::parse("o@example.org").expect("email"),
                display_name: DisplayName::parse("Ole").expect("name"),
                role: StaffRole::Processor,
                team_id: Some(other_team),
            },
            NOW,
        )
        .await
        .expect("user");
    tx.commit().await.expect("commit");
    let (campaign, ours) = campaign_with_stories(&store, org, team, pia, 3).await;
    let (theirs_campaign, theirs) =
        campaign_with_stories(&store, org, other_team, outsider, 1).await;

    // Only the team's own stories can be linked.
    let linked = store
        .team_stories(org, team, &[ours[1], theirs[0], ours[0]])
        .await
        .expect("stories");
    assert_eq!(
        linked.iter().map(|s| s.id).collect::<Vec<_>>(),
        [ours[1], ours[0]]
    );
    assert!(linked[0].excerpt.ends_with('…'), "long texts are cut");
    assert_eq!(
        store.team_members(org, team).await.expect("members").len(),
        1
    );

    let details = HuddleDetails {
        held_on: date!(2026 - 11 - 02),
        topic: text("Two stories about moving out"),
        participants: Participants::from_counts(&[(Voice::Processor, 4), (Voice::Network, 1)]),
    };
    let mut tx = store.begin().await.expect("tx");
    let huddle = tx
        .insert_huddle(org, team, &details, &[ours[0], ours[1]], pia, NOW)
        .await
        .expect("huddle");
    for (voice, words) in [
        (Voice::Processor, "We decided for her"),
        (Voice::Network, "<script>alert(1)</script> Mum felt unheard"),
    ] {
        assert!(
            tx.add_interpretation(org, team, huddle, (voice, &text(words)), pia, NOW)
                .await
                .expect("interpretation")
        );
    }
    assert!(
        !tx.add_interpretation(
            org,
            other_team,
            huddle,
            (Voice::Manager, &text("x")),
            pia,
            NOW
        )
        .await
        .expect("other team"),
        "another team's huddle is not found"
    );
    let step = tx
        .add_next_step(
            org,
            team,
            Some(huddle),
            (&text("Ask her to chair"), pia, date!(2026 - 11 - 16)),
            pia,
            NOW,
        )
        .await
        .expect("step")
        .expect("owner in team");
    assert!(
        tx.add_next_step(
            org,
            team,
            Some(huddle),
            (&text("x"), outsider, date!(2026 - 11 - 16)),
            pia,
            NOW
        )
        .await
        .expect("step")
        .is_none(),
        "an owner from another team is refused"
    );
    tx.commit().await.expect("commit");

    let record = store
        .huddle(org, team, huddle)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(record.summary.details, details);
    assert_eq!(
        (record.summary.stories, record.summary.interpretations),
        (2, 2)
    );
    assert_eq!(record.interpretations[1].voice, Voice::Network);
    assert_eq!(
        record.interpretations[1].body.as_str(),
        "<script>alert(1)</script> Mum felt unheard",
        "stored as typed (inert), escaped when shown"
    );
    assert_eq!(record.steps[0].owner_name, "Pia");
    assert!(
        store
            .huddle(org, other_team, huddle)
            .await
            .expect("read")
            .is_none()
    );
    assert_eq!(store.huddles(org, team).await.expect("list").len(), 1);
    assert_eq!(store.open_steps(org, team).await.expect("open").len(), 1);

    let probe_details = ProbeDetails {
        title: text("The young person chairs"),
        hypothesis: text("They say more when they lead"),
        success_signal: text("Goals in own words"),
        failure_signal: text("Meetings cancelled"),
        starts_on: date!(2026 - 11 - 03),
        review_on: date!(2026 - 12 - 01),
    };
    let mut tx = store.begin().await.expect("tx");
    assert!(tx.mark_step_done(org, team, step, NOW).await.expect("done"));
    assert!(
        !tx.mark_step_done(org, team, step, NOW)
            .await
            .expect("twice"),
        "done once"
    );
    let probe = tx
        .insert_probe(
            org,
            team,
            &NewProbe {
                details: &probe_details,
                owner_id: pia,
                huddle_id: Some(huddle),
                stories: &[ours[2]],
            },
            pia,
            NOW,
        )
        .await
        .expect("probe")
        .expect("sanctioned");
    assert!(
        tx.decide_probe(
            org,
            team,
            probe,
            (
                ProbeDecision::Amplify,
                &text("Works"),
                date!(2026 - 12 - 01),
                Some(date!(2027 - 01 - 15))
            ),
            pia,
            NOW
        )
        .await
        .expect("amplify")
    );
    assert!(
        !tx.decide_probe(
            org,
            team,
            probe,
            (
                ProbeDecision::Dampen,
                &text("x"),
                date!(2026 - 12 - 02),
                Some(date!(2026 - 01 - 01))
            ),
            pia,
            NOW
        )
        .await
        .expect("early review"),
        "a next review before the start is refused"
    );
    assert!(
        tx.decide_probe(
            org,
            team,
            probe,
            (
                ProbeDecision::Stop,
                &text("Harm seen"),
                date!(2027 - 01 - 15),
                None
            ),
            pia,
            NOW
        )
        .await
        .expect("stop")
    );
    assert!(
        !tx.decide_probe(
            org,
            team,
            probe,
            (
                ProbeDecision::Amplify,
                &text("x"),
                date!(2027 - 01 - 16),
                None
            ),
            pia,
            NOW
        )
        .await
        .expect("after stop"),
        "a stopped probe takes no more decisions"
    );
    let said = text("You said meetings are about you, without you");
    let did = text("Young people now chair their own network meetings");
    let outcome = |campaign_id| NewOutcome {
        campaign_id,
        huddle_id: Some(huddle),
        probe_id: Some(probe),
        said: &said,
        did: &did,
        published_on: date!(2026 - 12 - 02),
    };
    assert!(
        tx.publish_outcome(org, team, &outcome(campaign), pia, NOW)
            .await
            .expect("publish")
            .is_some()
    );
    assert!(
        tx.publish_outcome(org, team, &outcome(theirs_campaign), pia, NOW)
            .await
            .expect("publish")
            .is_none(),
        "not to another team's campaign"
    );
    tx.commit().await.expect("commit");

    assert!(store.open_steps(org, team).await.expect("open").is_empty());
    let (record, stories) = store
        .probe(org, team, probe)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(stories.len(), 1);
    assert!(record.stopped);
    assert_eq!(
        record.details.review_on,
        date!(2027 - 01 - 15),
        "amplify moved the review"
    );
    assert_eq!(
        record
            .decisions
            .iter()
            .map(|d| d.decision)
            .collect::<Vec<_>>(),
        [ProbeDecision::Amplify, ProbeDecision::Stop]
    );
    assert!(!record.review_due(date!(2027 - 02 - 01)));
    assert_eq!(store.probes(org, team).await.expect("list").len(), 1);
    assert!(
        store
            .probes(org, other_team)
            .await
            .expect("list")
            .is_empty()
    );
    let published = store
        .campaign_outcomes(org, campaign)
        .await
        .expect("outcomes");
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].did, did);
    assert!(
        store
            .campaign_outcomes(org, theirs_campaign)
            .await
            .expect("outcomes")
            .is_empty()
    );
    assert_eq!(store.team_outcomes(org, team).await.expect("log").len(), 1);

    // The manager's intended mix: set, then replaced; another team has none.
    use tandem_store::practices::intentions::Intention;
    assert!(store.intention(org, team).await.expect("read").is_none());
    for answers in [[2.0, 3.0, 9.0], [1.0, 2.5, 10.0]] {
        let mut tx = store.begin().await.expect("tx");
        tx.set_intention(
            org,
            team,
            Intention {
                answers,
                set_on: date!(2026 - 11 - 20),
            },
            pia,
        )
        .await
        .expect("set");
        tx.commit().await.expect("commit");
    }
    let intention = store
        .intention(org, team)
        .await
        .expect("read")
        .expect("set");
    assert_eq!(intention.answers, [1.0, 2.5, 10.0], "replaced, bit for bit");
    assert!(
        store
            .intention(org, other_team)
            .await
            .expect("read")
            .is_none()
    );
}
