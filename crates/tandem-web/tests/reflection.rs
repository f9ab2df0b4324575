//! The reflective practices through the real server: the good-enough story's versions, what
//! changed between them, resonance that is summarised only from five ratings, contradicting
//! stories and triggers that make the revision due on the manager's home; vocabulary with staff
//! definitions and the uptake curve counted from the stories; cues, amplified and followed up;
//! dilemma rounds from the mixed-logic filter; retrospectives of closed courses, whose names only
//! those who may list the course see. Bad and hostile input is refused or kept inert.

mod common;

use common::{TestApp, designed, page, post_ok, seeded, spawn_app};
use reqwest::StatusCode;

/// Posts and expects the form back with an error (422); returns the page.
async fn post_refused(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> String {
    let response = app.post_form(client, path, fields).await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{path}"
    );
    response.text().await.expect("body")
}

/// The value of the hidden `version` field of the rating form.
fn current_version(html: &str) -> String {
    html.split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a version field")
        .to_owned()
}

#[tokio::test]
async fn the_good_enough_story_shows_changes_resonance_contradictions_and_triggers() {
    let (app, org, campaign) = seeded().await;
    let team = org.team_id.to_string();
    let base = format!("/teams/{team}/good-enough-story");
    let manager = app.signed_in(&org.manager).await;
    let processor = app.signed_in(&org.processor).await;

    // No story yet: the manager's home says to write the first.
    assert!(
        page(&app, &manager, "/home")
            .await
            .contains("Skriv teamets første gode nok-fortælling.")
    );
    assert!(
        page(&app, &manager, &base)
            .await
            .contains("Der er endnu ingen gode nok-fortælling.")
    );

    // Bad input loses nothing: the text typed comes back with the error.
    let refused = post_refused(
        &app,
        &manager,
        &format!("{base}/versions"),
        &[("body", "We plan with families."), ("reason", "")],
    )
    .await;
    assert!(
        refused.contains("We plan with families.") && refused.contains("aria-invalid=\"true\"")
    );

    post_ok(
        &app,
        &manager,
        &format!("{base}/versions"),
        &[
            ("body", "We plan with families when we can."),
            ("reason", "First"),
        ],
    )
    .await;
    post_ok(
        &app,
        &manager,
        &format!("{base}/versions"),
        &[
            (
                "body",
                "We plan with families, and <b>young people</b> chair the meeting.",
            ),
            ("reason", "A trigger was met"),
        ],
    )
    .await;
    let html = page(&app, &processor, &base).await;
    assert!(html.contains("Version 2"));
    assert!(html.contains("Hvad er ændret siden version 1"));
    assert!(
        html.contains("<ins><span class=\"sr-only\">tilføjet: </span>"),
        "{html}"
    );
    assert!(html.contains("<del><span class=\"sr-only\">fjernet: </span>"));
    assert!(html.contains("&#60;b&#62;young"), "markup is shown as text");
    assert!(!html.contains("<b>young"));
    // Version 1 is still there, with its own text.
    let first = page(&app, &processor, &format!("{base}?version=1")).await;
    assert!(first.contains("We plan with families when we can."));
    assert!(
        !first.contains("name=\"rating\""),
        "only the current version is rated"
    );

    // Ratings: out of range is refused; two ratings are too few to summarise.
    let version = current_version(&html);
    let bad = post_refused(
        &app,
        &processor,
        &format!("{base}/ratings"),
        &[("version", &version), ("rating", "9")],
    )
    .await;
    assert!(bad.contains("Vælg en vurdering fra 1 til 5."));
    post_ok(
        &app,
        &processor,
        &format!("{base}/ratings"),
        &[("version", &version), ("rating", "4")],
    )
    .await;
    post_ok(
        &app,
        &manager,
        &format!("{base}/ratings"),
        &[("version", &version), ("rating", "5")],
    )
    .await;
    let html = page(&app, &manager, &base).await;
    assert!(
        html.contains("2 vurderinger – for få til at vise"),
        "{html}"
    );
    assert!(!html.contains("4,5"), "no mean from two people");

    // A contradicting story: only the team's own.
    let story = campaign.story.clone();
    post_ok(
        &app,
        &processor,
        &format!("{base}/contradictions"),
        &[
            ("version", &version),
            ("story", &story),
            ("contradiction", "Here the family chaired"),
        ],
    )
    .await;
    let stranger = post_refused(
        &app,
        &processor,
        &format!("{base}/contradictions"),
        &[
            ("version", &version),
            ("story", "00000000-0000-7000-8000-000000000000"),
            ("contradiction", "x"),
        ],
    )
    .await;
    assert!(stranger.contains("Vælg en af teamets fortællinger."));
    assert!(
        page(&app, &manager, &base)
            .await
            .contains("Here the family chaired")
    );

    // A trigger met makes the revision due on the manager's home.
    post_ok(
        &app,
        &manager,
        &format!("{base}/triggers"),
        &[("trigger", "Families draft half the plans")],
    )
    .await;
    let html = page(&app, &processor, &base).await;
    let trigger = html
        .split("/good-enough-story/triggers/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("a trigger form")
        .to_owned();
    assert!(
        !page(&app, &manager, "/home")
            .await
            .contains("en udløser er indtruffet")
    );
    post_ok(
        &app,
        &processor,
        &format!("{base}/triggers/{trigger}/met"),
        &[("met_note", "Seen in three plans")],
    )
    .await;
    assert!(
        page(&app, &manager, "/home")
            .await
            .contains("En udløser er indtruffet: den gode nok-fortælling skal revideres.")
    );
    // Met once: a second sighting is not recorded.
    let again = app
        .post_form(
            &processor,
            &format!("{base}/triggers/{trigger}/met"),
            &[("met_note", "Again")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);

    // Another team's manager finds nothing; the reads are audited.
    let other = app.signed_in(&org.other_manager).await;
    let response = other.get(app.url(&base)).send().await.expect("page");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let reads = app.audit_events(&org.id.to_string(), "practice.read").await;
    assert!(reads.iter().any(|e| e.object_kind == "account"));
}

#[tokio::test]
async fn vocabulary_counts_uptake_per_month_and_keeps_definitions_without_names() {
    let (app, org, _campaign) = seeded().await;
    let team = org.team_id.to_string();
    let base = format!("/teams/{team}/vocabulary");
    let manager = app.signed_in(&org.manager).await;
    let processor = app.signed_in(&org.processor).await;

    for (term, error) in [
        (
            "<script>alert(1)</script>",
            "Et begreb er et ord eller nogle få",
        ),
        ("", "Skriv begrebet."),
    ] {
        let refused = post_refused(
            &app,
            &manager,
            &base,
            &[("term", term), ("meaning", "kept meaning")],
        )
        .await;
        assert!(refused.contains(error), "{term}: {refused}");
        assert!(refused.contains("kept meaning"));
    }
    post_ok(
        &app,
        &manager,
        &base,
        &[
            ("term", "Together"),
            ("meaning", "Working it out with the family"),
        ],
    )
    .await;
    let duplicate = post_refused(
        &app,
        &manager,
        &base,
        &[("term", "TOGETHER"), ("meaning", "x")],
    )
    .await;
    assert!(duplicate.contains("Teamet har allerede dette begreb."));

    let html = page(&app, &processor, &base).await;
    let term = html
        .split("/vocabulary/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("a definition form")
        .to_owned();
    post_ok(
        &app,
        &processor,
        &format!("{base}/{term}/definitions"),
        &[("definition", "Deciding with the family")],
    )
    .await;
    post_ok(
        &app,
        &manager,
        &format!("{base}/{term}/definitions"),
        &[("definition", "School and police around the table")],
    )
    .await;
    let mine = page(&app, &processor, &base).await;
    assert!(mine.contains(
        "<strong>Din:</strong> <span class=\"tandem-story-text\">Deciding with the family</span>"
    ));
    assert!(mine.contains("School and police around the table"));
    assert!(
        mine.contains("Definitionerne trækker i hver sin retning"),
        "no shared words"
    );
    assert!(
        !mine.contains("team_manager Aarhus"),
        "definitions carry no names"
    );

    // The uptake of a month two months back, counted by hand from the designed stories: "Rules"
    // and "Together" stories every five days, the term in the "Together" ones.
    let today = app.state.today();
    let day = today - time::Duration::days(60);
    let month = (day.year(), day.month());
    let (mut stories, mut using) = (0_u32, 0_u32);
    for d in designed(0) {
        let told = today - time::Duration::days(d.days_ago);
        if (told.year(), told.month()) == month {
            stories += 1;
            if d.body.starts_with("Together") {
                using += 1;
            }
        }
    }
    let share = f64::from(using) / f64::from(stories) * 100.0;
    let row = format!(
        "<tr><td>{:02}.{}</td><td>{stories}</td><td>{share:.0} %</td></tr>",
        u8::from(day.month()),
        day.year()
    );
    assert!(stories >= 5, "the month has enough stories to show");
    assert!(mine.contains(&row), "{row} in {mine}");
}

#[tokio::test]
async fn cues_dilemmas_and_retrospectives_work_for_the_team_and_keep_names_to_those_allowed() {
    let (app, org, campaign) = seeded().await;
    app.seed_practices(&org, &campaign).await;
    let team = org.team_id.to_string();
    let manager = app.signed_in(&org.manager).await;
    let processor = app.signed_in(&org.processor).await;
    let head = app.signed_in(&org.head).await;
    let today = app.state.today().to_string();

    // Cues: the same expected and happened is no cue; hostile text is kept inert.
    let cues = format!("/teams/{team}/cues");
    let same = post_refused(
        &app,
        &processor,
        &cues,
        &[
            ("noticed_on", &today),
            ("theme", "School"),
            ("expected", "Quiet"),
            ("happened", "quiet"),
            ("story", ""),
        ],
    )
    .await;
    assert!(same.contains("Det, der skete, skal være forskelligt fra det, du forventede."));
    post_ok(
        &app,
        &processor,
        &cues,
        &[
            ("noticed_on", &today),
            ("theme", "school "),
            ("expected", "The teacher would not come"),
            ("happened", "<img src=x onerror=alert(1)> She came early"),
            ("story", &campaign.story),
        ],
    )
    .await;
    let html = page(&app, &manager, &cues).await;
    assert!(html.contains("&#60;img src=x onerror=alert(1)&#62; She came early"));
    assert!(html.contains("Fra fortællingen"), "the cue keeps its story");
    let stranger = post_refused(
        &app,
        &processor,
        &cues,
        &[
            ("noticed_on", &today),
            ("theme", "x"),
            ("expected", "a"),
            ("happened", "b"),
            ("story", "not-an-id"),
        ],
    )
    .await;
    assert!(stranger.contains("Vælg en af teamets fortællinger."));
    let cue = html
        .split(&format!("action=\"/teams/{team}/cues/"))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a follow-up form")
        .to_owned();
    post_ok(
        &app,
        &manager,
        &format!("{cues}/{cue}"),
        &[
            ("amplified", "on"),
            ("follow_up", "The school joins every meeting now"),
            ("close", "on"),
        ],
    )
    .await;
    let html = page(&app, &processor, &cues).await;
    let followed = html
        .split("id=\"amplified\"")
        .nth(1)
        .expect("the amplified section");
    assert!(followed.contains("The school joins every meeting now"));
    // The follow-up is the manager's: a processor's is not found.
    let response = app
        .post_form(&processor, &format!("{cues}/{cue}"), &[("amplified", "on")])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Dilemma rounds: the three-logic "Follow-up" stories and the seeded two-logic story are the
    // candidates; the pure "Rules" and "Together" stories are not.
    let rounds = format!("/teams/{team}/dilemmas");
    assert!(
        page(&app, &manager, &rounds)
            .await
            .contains("4 fortællinger fra de seneste 90 dage blander to eller tre logikker.")
    );
    let round = post_ok(
        &app,
        &manager,
        &rounds,
        &[("held_on", &today), ("title", "Winter round")],
    )
    .await;
    let html = page(&app, &manager, &round).await;
    let candidate = html
        .split("name=\"story\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a candidate")
        .to_owned();
    let bad = post_refused(
        &app,
        &manager,
        &format!("{round}/handlings"),
        &[
            ("story", &candidate),
            ("handling", "ignore"),
            ("follow_up", "x"),
        ],
    )
    .await;
    assert!(bad.contains("Vælg hvordan teamet håndterede den."));
    // No story is a form error; a story that is not the team's is not found.
    let none = post_refused(
        &app,
        &manager,
        &format!("{round}/handlings"),
        &[("handling", "layer"), ("follow_up", "x")],
    )
    .await;
    assert!(none.contains("Vælg en af teamets fortællinger."));
    let stranger = app
        .post_form(
            &manager,
            &format!("{round}/handlings"),
            &[
                ("story", "00000000-0000-7000-8000-000000000000"),
                ("handling", "layer"),
                ("follow_up", "x"),
            ],
        )
        .await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    post_ok(
        &app,
        &manager,
        &format!("{round}/handlings"),
        &[
            ("story", &candidate),
            ("handling", "layer"),
            ("follow_up", "Procedure first, then the talk"),
        ],
    )
    .await;
    let html = page(&app, &processor, &round).await;
    assert!(html.contains("lagt i lag") && html.contains("Procedure first, then the talk"));
    assert!(
        !html.contains("name=\"handling\""),
        "processors read the round"
    );
    let over_time = page(&app, &head, &rounds).await;
    assert!(over_time.contains("Winter round"));

    // Retrospectives: the seeded closed course is named to its processor, not to the head.
    let retros = format!("/teams/{team}/retrospectives");
    let html = page(&app, &processor, &retros).await;
    assert!(html.contains(">Mia</a>"), "{html}");
    let review = html
        .split("id=\"review-")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a review")
        .to_owned();
    post_ok(
        &app,
        &manager,
        &format!("{retros}/{review}/episodes"),
        &[
            ("happened_on", &today),
            ("description", "The plan was drafted by us, not the family"),
            ("phase", "co_design"),
            ("planned", "with"),
            ("actual", "for"),
        ],
    )
    .await;
    let html = page(&app, &head, &retros).await;
    assert!(!html.contains("Mia"), "the head does not list the course");
    assert!(html.contains("Et afsluttet forløb"));
    assert!(html.contains("gjort for dem · under planen"));
    // Phases practised: one co-design episode, none done together, one below the plan.
    assert!(
        html.contains("at planlægge hvordan (samdesign)</th><td>1</td><td>0</td><td>1</td>"),
        "{html}"
    );
    let refused = post_refused(
        &app,
        &manager,
        &format!("{retros}/{review}/episodes"),
        &[
            ("happened_on", "31-02-2026"),
            ("description", ""),
            ("phase", "x"),
            ("planned", "with"),
            ("actual", "by"),
        ],
    )
    .await;
    assert!(refused.contains("Vælg fasen."));
    // Only a closed course of the team can be looked back on.
    let course = app.seed_course(&org).await;
    let open = post_refused(
        &app,
        &manager,
        &retros,
        &[("course", &course.id.to_string()), ("held_on", &today)],
    )
    .await;
    assert!(open.contains("Vælg et af teamets afsluttede forløb."));
}

/// `n` stories told `days_ago` with co-production weight `g`.
fn week_of(n: usize, days_ago: i64, g: f64) -> Vec<common::Designed> {
    (0..n)
        .map(|i| common::Designed {
            phase: "co_delivery",
            coherence: 50.0,
            logic: [1.0 - g, 0.0, g],
            feeling: "hopeful",
            days_ago,
            body: format!("Pulse story {days_ago}-{i}"),
        })
        .collect()
}

#[tokio::test]
async fn the_pulse_alerts_when_a_week_leaves_its_normal_range_and_identity_follows_the_role() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    // Eight quiet weeks (co-production 20–22 %), then this week: 80 %.
    let mut stories = Vec::new();
    for week in 1..=8 {
        stories.extend(week_of(
            6,
            7 * week,
            0.20 + 0.01 * f64::from(u8::try_from(week % 3).expect("small")),
        ));
    }
    stories.extend(week_of(6, 0, 0.8));
    app.add_stories(&org, &campaign, &stories).await;
    let team = org.team_id.to_string();
    let manager = app.signed_in(&org.manager).await;
    let processor = app.signed_in(&org.processor).await;

    let pulse = format!("/teams/{team}/pulse");
    // Before anyone chooses, the rule carries the pulse: the team's staff campaign with the
    // most stories, and the page says so.
    let by_rule = page(&app, &processor, &pulse).await;
    assert!(by_rule.contains("Ingen har valgt en kampagne, så siden følger reglen"));
    assert!(
        by_rule.contains("<td>6</td>"),
        "this week's six stories are counted"
    );
    // Only one of the team's campaigns can carry it.
    let refused = post_refused(
        &app,
        &manager,
        &format!("/teams/{team}/rhythms"),
        &[
            ("rhythm", "pulse"),
            ("campaign", "00000000-0000-7000-8000-000000000000"),
        ],
    )
    .await;
    assert!(refused.contains("Vælg en af teamets kampagner."));
    post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/rhythms"),
        &[("rhythm", "pulse"), ("campaign", &campaign.id)],
    )
    .await;
    let html = page(&app, &processor, &pulse).await;
    assert!(
        html.contains("Pulsen har forladt sit normalområde"),
        "{html}"
    );
    assert!(html.contains("uden for normalområdet"));
    // The current week: six stories at 80 % and the seeded story at 50 %, (6 · 0.8 + 0.5) / 7 =
    // 76 %, against the eight weeks before (20–22 %, mean ± 2 sd rounded to 19–23 %).
    assert!(html.contains("76 % (normalt 19 %–23 %)"), "{html}");
    assert!(
        page(&app, &manager, "/home")
            .await
            .contains("Pulsen har forladt sit normalområde")
    );

    // Identity: five stories this month where the social worker acted as a processor.
    let store = app.state.app().store();
    let framework = store.frameworks(org.id).await.expect("frameworks")[0].id;
    let mut tx = store.begin().await.expect("tx");
    let answers = vec![(
        "T2".to_owned(),
        tandem_domain::answer::Answer::Triad([0.1, 0.1, 0.8]),
    )];
    for _ in 0..5 {
        tx.insert_story(
            org.id,
            &tandem_store::stories::write::NewStory {
                campaign_id: tandem_domain::Id::parse(&campaign.id).expect("id"),
                framework_id: framework,
                teller: tandem_domain::story::Teller::Staff,
                author_id: Some(org.processor.id),
                citizen_account_id: None,
                teller_key: None,
                title: None,
                body: "I felt like a processor today.",
                collected_on: app.state.today(),
                consent_given: true,
                redacted: false,
                answers: &answers,
                annotations: &[],
            },
            app.state.now(),
        )
        .await
        .expect("story");
    }
    tx.commit().await.expect("commit");
    post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/rhythms"),
        &[("rhythm", "identity"), ("campaign", &campaign.id)],
    )
    .await;
    let html = page(&app, &processor, &format!("/teams/{team}/identity")).await;
    assert!(
        html.contains("<td>5</td><td>100 %</td><td>10 % / 10 % / 80 %</td>"),
        "{html}"
    );
    // The campaign's name takes each reader where they may go: the processor to its telling
    // form, the manager to the campaign's page — and every link on the page answers.
    let tell = format!("href=\"/campaigns/{}/tell\"", campaign.id);
    let run = format!("href=\"/campaigns/{}\"", campaign.id);
    assert!(html.contains(&tell) && !html.contains(&run), "{html}");
    let managers = page(&app, &manager, &format!("/teams/{team}/identity")).await;
    assert!(managers.contains(&run), "{managers}");
    for (client, html) in [(&processor, &html), (&manager, &managers)] {
        for link in html.split("href=\"/campaigns/").skip(1) {
            let path = format!("/campaigns/{}", link.split('"').next().unwrap_or_default());
            let status = client
                .get(app.url(&path))
                .send()
                .await
                .expect("link")
                .status();
            assert_eq!(status, StatusCode::OK, "{path}");
        }
    }
    // A processor cannot choose the campaigns.
    let response = app
        .post_form(
            &processor,
            &format!("/teams/{team}/rhythms"),
            &[("rhythm", "pulse"), ("campaign", &campaign.id)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// A team without a staff campaign with stories is told so on its pulse and identity pages, and
/// its manager is shown where to start one; nothing is counted.
#[tokio::test]
async fn a_team_without_staff_stories_is_told_how_to_start_its_pulse() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let team = org.team_id.to_string();
    let manager = app.signed_in(&org.manager).await;
    for rhythm in ["pulse", "identity"] {
        let html = page(&app, &manager, &format!("/teams/{team}/{rhythm}")).await;
        assert!(
            html.contains("Teamet har endnu ingen kampagne for medarbejderne med fortællinger"),
            "{rhythm}"
        );
        assert!(html.contains("href=\"/campaigns/new\">Start en kampagne</a>"));
        assert!(
            !html.contains("<tbody>"),
            "no weeks or months without stories"
        );
    }
}
