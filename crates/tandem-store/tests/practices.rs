//! The practices against a real database: a huddle with the team's stories (another team's are
//! never linked), interpretations by voice, next steps owned by the team's members, the probe
//! register's decisions, and "you said, we did" published only to the team's own campaigns.

use tandem_domain::practice::{HuddleDetails, Participants, ProbeDecision, ProbeDetails, Voice};
use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, TeamName};
use tandem_domain::{Id, PlainText};
use tandem_store::Store;
use tandem_store::practices::outcomes::NewOutcome;
use tandem_store::practices::probes::NewProbe;
use tandem_store::staff::NewStaffUser;
use tandem_store::testing::{TestDatabase, campaign_with_stories, course_details, course_world};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-11-02 10:00 UTC);

fn text(s: &str) -> PlainText {
    PlainText::parse(s, 4000).expect("text")
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
    let (other_team, outsider) = other_team(&store, org).await;
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
        success_measure: None,
        failure_measure: None,
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
                mark_id: None,
                stories: &[ours[2]],
                courses: &[],
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

/// A second team of the organization with one processor; returns (team, processor).
async fn other_team(
    store: &Store,
    org: Id<tandem_domain::organization::Organization>,
) -> (
    Id<tandem_domain::staff::Team>,
    Id<tandem_domain::staff::User>,
) {
    let mut tx = store.begin().await.expect("tx");
    let team = tx
        .insert_team(org, &TeamName::parse("Nord").expect("name"), NOW)
        .await
        .expect("team")
        .id;
    let user = tx
        .insert_staff_user(
            &NewStaffUser {
                organization_id: org,
                email: EmailAddress::parse("n@example.org").expect("email"),
                display_name: DisplayName::parse("Nanna").expect("name"),
                role: StaffRole::Processor,
                team_id: Some(team),
            },
            NOW,
        )
        .await
        .expect("user");
    tx.commit().await.expect("commit");
    (team, user)
}

#[tokio::test]
async fn the_good_enough_story_and_vocabulary_keep_versions_ratings_and_definitions() {
    use tandem_domain::practice::account::Resonance;
    use tandem_domain::practice::vocabulary::TermText;
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &course_details(), NOW)
        .await
        .expect("world");
    let (org, team, pia) = (world.organization_id, world.team_id, world.processor_id);
    store
        .ensure_default_framework(org, NOW)
        .await
        .expect("framework");
    let (nord, nanna) = other_team(&store, org).await;
    let (_, ours) = campaign_with_stories(&store, org, team, pia, 2).await;
    let today = date!(2026 - 11 - 02);

    let mut tx = store.begin().await.expect("tx");
    let first = tx
        .write_account_version(
            org,
            team,
            (&text("We plan with families."), &text("First"), today),
            pia,
            NOW,
        )
        .await
        .expect("version");
    assert!(
        tx.rate_account_version(
            org,
            team,
            first,
            (pia, Resonance::parse("4").expect("r"), today)
        )
        .await
        .expect("rate")
    );
    let second = tx
        .write_account_version(
            org,
            team,
            (
                &text("We plan with families, and they chair."),
                &text("A trigger was met"),
                today,
            ),
            pia,
            NOW,
        )
        .await
        .expect("version");
    // The first version is no longer current: its ratings are kept as they were.
    assert!(
        !tx.rate_account_version(
            org,
            team,
            first,
            (pia, Resonance::parse("1").expect("r"), today)
        )
        .await
        .expect("rate")
    );
    for rating in ["2", "5"] {
        assert!(
            tx.rate_account_version(
                org,
                team,
                second,
                (pia, Resonance::parse(rating).expect("r"), today)
            )
            .await
            .expect("rate")
        );
    }
    // Another team cannot rate, contradict or trigger this team's story.
    assert!(
        !tx.rate_account_version(
            org,
            nord,
            second,
            (nanna, Resonance::parse("3").expect("r"), today)
        )
        .await
        .expect("rate")
    );
    assert!(
        tx.add_contradiction(
            org,
            team,
            second,
            (ours[0], &text("Nobody chaired")),
            pia,
            NOW
        )
        .await
        .expect("contradiction")
    );
    assert!(
        !tx.add_contradiction(org, nord, second, (ours[0], &text("x")), nanna, NOW)
            .await
            .expect("contradiction")
    );
    let trigger = tx
        .add_account_trigger(
            org,
            team,
            &text("Half of the plans are drafted by families"),
            pia,
            NOW,
        )
        .await
        .expect("trigger");
    assert!(
        tx.meet_account_trigger(org, team, trigger, (today, &text("Seen in October")))
            .await
            .expect("met")
    );
    assert!(
        !tx.meet_account_trigger(org, team, trigger, (today, &text("Again")))
            .await
            .expect("met"),
        "the first sighting stands"
    );

    // Vocabulary: one term per spelling, definitions one per person.
    let term = TermText::parse("Netværk").expect("term");
    let id = tx
        .introduce_term(
            org,
            team,
            (&term, &text("The people around the young person"), today),
            pia,
            NOW,
        )
        .await
        .expect("term")
        .expect("new");
    assert_eq!(
        tx.introduce_term(
            org,
            team,
            (&TermText::parse("NETVÆRK").expect("t"), &text("m"), today),
            pia,
            NOW
        )
        .await
        .expect("term"),
        None
    );
    for definition in ["Family", "Family and friends"] {
        assert!(
            tx.define_term(org, team, id, (pia, &text(definition), today))
                .await
                .expect("define")
        );
    }
    assert!(
        !tx.define_term(org, nord, id, (nanna, &text("x"), today))
            .await
            .expect("define")
    );
    tx.commit().await.expect("commit");

    let account = store.account(org, team).await.expect("account");
    assert_eq!(
        account
            .versions
            .iter()
            .map(|v| v.version)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(account.versions[0].ratings.len(), 1);
    assert_eq!(account.versions[0].ratings[0].1.value(), 4);
    assert_eq!(
        account.versions[1].ratings,
        [(pia, Resonance::parse("5").expect("r"))],
        "a second rating replaces the first"
    );
    assert_eq!(account.versions[1].contradictions[0].0.id, ours[0]);
    assert_eq!(account.met_days(), [today]);
    assert_eq!(
        store.account(org, nord).await.expect("account"),
        Default::default()
    );

    let vocabulary = store.vocabulary(org, team).await.expect("vocabulary");
    assert_eq!(vocabulary.len(), 1);
    assert_eq!(vocabulary[0].term.as_str(), "Netværk");
    assert_eq!(vocabulary[0].definitions.len(), 1);
    assert_eq!(
        vocabulary[0].definitions[0].1.as_str(),
        "Family and friends"
    );
    assert!(store.vocabulary(org, nord).await.expect("none").is_empty());
    let texts = store
        .team_story_texts(org, team, date!(2026 - 10 - 01))
        .await
        .expect("texts");
    assert_eq!(texts.len(), 2);
    assert!(vocabulary[0].term.used_in(&texts[0].1.to_lowercase()));
    assert!(
        store
            .team_story_texts(org, team, date!(2026 - 10 - 21))
            .await
            .expect("texts")
            .is_empty()
    );
}

#[tokio::test]
async fn cues_dilemmas_and_retrospectives_stay_within_the_team() {
    use tandem_domain::course::kinds::{ClosureReason, CourseStatus};
    use tandem_domain::practice::reflection::{CueDetails, Episode, Handling, Level, Phase};
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let mut closed = course_details();
    closed.status = CourseStatus::Closed;
    closed.closure_date = Some(date!(2026 - 09 - 30));
    closed.closure_reason = Some(ClosureReason::Mutual);
    let world = course_world(&store, &closed, NOW).await.expect("world");
    let (org, team, pia) = (world.organization_id, world.team_id, world.processor_id);
    store
        .ensure_default_framework(org, NOW)
        .await
        .expect("framework");
    let (nord, nanna) = other_team(&store, org).await;
    let (_, ours) = campaign_with_stories(&store, org, team, pia, 3).await;
    let today = date!(2026 - 11 - 02);

    let mut tx = store.begin().await.expect("tx");
    let cue = CueDetails {
        noticed_on: today,
        theme: text("Meetings"),
        expected: text("Mum would stay silent"),
        happened: text("Mum chaired"),
    };
    let cue_id = tx
        .insert_cue(org, team, (&cue, Some(ours[0])), pia, NOW)
        .await
        .expect("cue");
    assert!(
        !tx.follow_up_cue(org, nord, cue_id, (true, None, None))
            .await
            .expect("follow")
    );
    assert!(
        tx.follow_up_cue(
            org,
            team,
            cue_id,
            (
                true,
                Some(&text("She chairs the next one too")),
                Some(today)
            )
        )
        .await
        .expect("follow")
    );
    assert!(
        !tx.follow_up_cue(org, team, cue_id, (false, None, None))
            .await
            .expect("follow"),
        "a closed cue stays closed"
    );

    let round = tx
        .insert_dilemma_round(org, team, (today, &text("Autumn round")), pia, NOW)
        .await
        .expect("round");
    for handling in [Handling::Layer, Handling::Blend] {
        assert!(
            tx.handle_dilemma(
                org,
                team,
                round,
                (ours[0], handling, &text("Keep the order")),
                NOW
            )
            .await
            .expect("handle")
        );
    }
    assert!(
        !tx.handle_dilemma(org, nord, round, (ours[0], Handling::Drop, &text("x")), NOW)
            .await
            .expect("handle")
    );

    let review = tx
        .insert_retrospective(org, team, (world.course_id, today), pia, NOW)
        .await
        .expect("review")
        .expect("a closed course of the team");
    assert_eq!(
        tx.insert_retrospective(org, nord, (world.course_id, today), nanna, NOW)
            .await
            .expect("review"),
        None,
        "another team's course cannot be reviewed"
    );
    let episode = Episode {
        happened_on: date!(2026 - 03 - 01),
        description: text("The first network meeting"),
        phase: Phase::CoDesign,
        planned: Level::With,
        actual: Level::For,
    };
    assert!(
        tx.add_episode(org, team, review, &episode, NOW)
            .await
            .expect("episode")
    );
    assert!(
        !tx.add_episode(org, nord, review, &episode, NOW)
            .await
            .expect("episode")
    );
    tx.commit().await.expect("commit");

    let cues = store.cues(org, team).await.expect("cues");
    assert_eq!(cues.len(), 1);
    assert!(cues[0].amplified);
    assert_eq!(cues[0].resolved_on, Some(today));
    assert_eq!(cues[0].story.as_ref().map(|s| s.id), Some(ours[0]));
    assert_eq!(
        cues[0].follow_up.as_ref().map(PlainText::as_str),
        Some("She chairs the next one too")
    );
    assert!(store.cues(org, nord).await.expect("cues").is_empty());

    let rounds = store.dilemma_rounds(org, team).await.expect("rounds");
    assert_eq!(
        rounds[0].handlings.len(),
        1,
        "handling a story again replaces it"
    );
    assert_eq!(rounds[0].handlings[0].1, Handling::Blend);
    let weighted = store
        .team_logic_stories(org, team, date!(2026 - 10 - 01))
        .await
        .expect("weighted");
    assert_eq!(weighted.len(), 3);
    let blend = weighted
        .iter()
        .find(|(s, _)| s.id == ours[0])
        .expect("story 0");
    assert_eq!(blend.1, [0.5, 0.0, 0.5]);
    assert!(
        store
            .team_logic_stories(org, nord, date!(2026 - 10 - 01))
            .await
            .expect("none")
            .is_empty()
    );

    let reviews = store.retrospectives(org, team).await.expect("reviews");
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].course_id, world.course_id);
    assert_eq!(reviews[0].episodes, [episode]);
    let courses = store.closed_team_courses(org, team).await.expect("courses");
    assert_eq!(courses.len(), 1);
    assert_eq!(courses[0].young_person_name, "Mia");
    assert_eq!(courses[0].closed_on, Some(date!(2026 - 09 - 30)));
    assert!(
        store
            .closed_team_courses(org, nord)
            .await
            .expect("none")
            .is_empty()
    );
}

#[tokio::test]
async fn a_marked_region_is_kept_per_campaign_and_only_the_teams_probes_take_it() {
    use tandem_domain::story::mark::{Direction, MarkDetails, RegionKey};
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &course_details(), NOW)
        .await
        .expect("world");
    let (org, team, pia) = (world.organization_id, world.team_id, world.processor_id);
    store
        .ensure_default_framework(org, NOW)
        .await
        .expect("framework");
    let (nord, nanna) = other_team(&store, org).await;
    let (ours, _) = campaign_with_stories(&store, org, team, pia, 1).await;
    let (theirs, _) = campaign_with_stories(&store, org, nord, nanna, 1).await;
    let details = MarkDetails {
        question: "T1".into(),
        region: RegionKey::CornerC,
        direction: Direction::More,
        note: Some(text("<script>alert(1)</script> the young person leads")),
    };
    let marked = (date!(2026 - 11 - 02), pia);
    let mut tx = store.begin().await.expect("tx");
    let mark = tx
        .insert_mark(org, ours, &details, marked, NOW)
        .await
        .expect("mark")
        .expect("our campaign");
    let elsewhere = tx
        .insert_mark(org, theirs, &details, marked, NOW)
        .await
        .expect("mark")
        .expect("their campaign");
    assert_eq!(
        tx.insert_mark(Id::new(), ours, &details, marked, NOW)
            .await
            .expect("answered"),
        None,
        "another organization cannot mark the campaign"
    );
    let probe = |mark_id| ProbeDetails {
        title: text(if mark_id == mark { "Ours" } else { "Theirs" }),
        hypothesis: text("They say more when they lead"),
        success_signal: text("More stories in the corner"),
        failure_signal: text("Fewer stories at all"),
        success_measure: None,
        failure_measure: None,
        starts_on: date!(2026 - 11 - 03),
        review_on: date!(2026 - 12 - 01),
    };
    for (mark_id, sanctioned) in [(mark, true), (elsewhere, false)] {
        let details = probe(mark_id);
        let new = NewProbe {
            details: &details,
            owner_id: pia,
            huddle_id: None,
            mark_id: Some(mark_id),
            stories: &[],
            // The course of the team, and one that is nobody's: only the first is linked.
            courses: &[world.course_id, Id::new()],
        };
        let id = tx
            .insert_probe(org, team, &new, pia, NOW)
            .await
            .expect("probe");
        assert_eq!(id.is_some(), sanctioned, "{mark_id}");
    }
    tx.commit().await.expect("commit");

    let kept = store.marks(org, ours).await.expect("marks");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].details, details, "kept as typed, inert");
    assert_eq!(
        (kept[0].marked_on, kept[0].probes),
        (date!(2026 - 11 - 02), 1)
    );
    let team_marks = store.team_marks(org, team).await.expect("team marks");
    assert_eq!(team_marks.iter().map(|m| m.id).collect::<Vec<_>>(), [mark]);
    assert_eq!(
        store
            .mark(org, elsewhere)
            .await
            .expect("read")
            .map(|m| m.campaign_id),
        Some(theirs)
    );
    assert_eq!(store.mark(Id::new(), mark).await.expect("read"), None);
    let probes = store.probes(org, team).await.expect("probes");
    assert_eq!(probes[0].mark_id, Some(mark));
    assert_eq!(probes[0].courses, [world.course_id]);
}

#[tokio::test]
async fn the_decision_journal_keeps_the_logics_weighed_per_team() {
    use tandem_domain::practice::journal::{DecisionEntry, Logic};
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &course_details(), NOW)
        .await
        .expect("world");
    let (org, team, pia) = (world.organization_id, world.team_id, world.processor_id);
    let (nord, nanna) = other_team(&store, org).await;
    let entry = |day, weighed: &[Logic]| DecisionEntry {
        decided_on: day,
        decision: text("Netværksmøde før hver revision"),
        weighed: weighed.to_vec(),
        why: Some(text("<b>Barnets lov § 5, stk. 3</b>")),
    };
    let older = entry(date!(2026 - 09 - 20), &[Logic::Rules]);
    let newer = entry(date!(2026 - 10 - 02), &[Logic::Efficiency, Logic::Together]);
    let mut tx = store.begin().await.expect("tx");
    for e in [&older, &newer] {
        tx.insert_decision(org, team, e, pia, NOW)
            .await
            .expect("decision");
    }
    tx.insert_decision(org, nord, &older, nanna, NOW)
        .await
        .expect("theirs");
    tx.commit().await.expect("commit");
    let mut tx = store.begin().await.expect("tx");
    assert!(
        tx.insert_decision(org, team, &entry(date!(2026 - 10 - 03), &[]), pia, NOW)
            .await
            .is_err(),
        "the table refuses a decision without a logic"
    );
    drop(tx);
    let ours = store.decisions(org, team, None).await.expect("journal");
    assert_eq!(
        ours.iter().map(|d| &d.entry).collect::<Vec<_>>(),
        [&newer, &older],
        "newest first, as written"
    );
    let quarter = store
        .decisions(org, team, Some(date!(2026 - 10 - 01)))
        .await
        .expect("quarter");
    assert_eq!(quarter.len(), 1);
    assert!(
        store
            .decisions(Id::new(), team, None)
            .await
            .expect("none")
            .is_empty()
    );
}
