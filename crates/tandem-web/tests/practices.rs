//! The practices through the real server: a manager starts a huddle from the profile card's
//! example stories, records interpretations, a next step and a probe, decides it, and publishes
//! "you said, we did", which the team's staff then see on the campaign's form; who may do what
//! (processors contribute, heads read, other teams get 404); bad input is refused with the
//! field's translated error and nothing lost; a team of four shows no numbers; reads are audited.

mod common;

use common::{designed, page, post_ok, seeded, spawn_app};
use reqwest::StatusCode;

/// A valid probe form run by `owner`, with `changes` replacing or adding fields.
fn probe_form<'a>(owner: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("title", "Chairing"),
        ("hypothesis", "They say more"),
        ("success_signal", "Own words"),
        ("failure_signal", "Cancelled"),
        ("owner", owner),
        ("starts_on", "2026-11-10"),
        ("review_on", "2026-12-01"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

/// The story ids the card offers to discuss (its checkboxes), in page order.
fn picked(html: &str) -> Vec<String> {
    html.split("name=\"story\" value=\"")
        .skip(1)
        .filter_map(|part| part.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_manager_goes_from_the_card_to_a_huddle_a_probe_and_you_said_we_did() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let team = org.team_id.to_string();

    // The home page: the first huddle is due, and the card has examples to tick.
    let home = page(&app, &manager, "/home").await;
    assert!(home.contains("Hold teamets første fortællemøde."), "{home}");
    let card = home.split("id=\"card-heading\"").nth(1).expect("the card");
    assert!(card.contains("Logikblanding") && card.contains("Opdeling"));
    assert!(
        card.contains("Indeksene det seneste år, periode for periode"),
        "the card's trend with intervals"
    );
    assert!(
        !card.contains("I bevægelse"),
        "rules and together stories alternate all year: the mix stays put"
    );
    let stories = picked(card);
    assert!(stories.len() >= 6, "three examples per index: {stories:?}");
    // Each example opens on its story page.
    for story in &stories[..2] {
        let href = format!("/campaigns/{}/stories/{story}", campaign.id);
        assert!(card.contains(&href));
        page(&app, &manager, &href).await;
    }

    // A huddle about two of them.
    let form = page(
        &app,
        &manager,
        &format!(
            "/teams/{team}/huddles/new?story={}&story={}",
            stories[0], stories[1]
        ),
    )
    .await;
    assert_eq!(picked(&form), stories[..2], "both stories come ticked");
    let huddle = post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/huddles"),
        &[
            ("held_on", &app.state.today().to_string()),
            ("topic", "Two stories about who decides"),
            ("voice_processor", "4"),
            ("voice_manager", "1"),
            ("voice_network", "1"),
            ("story", &stories[0]),
            ("story", &stories[1]),
        ],
    )
    .await;
    assert!(huddle.starts_with(&format!("/teams/{team}/huddles/")));
    for (voice, words) in [
        ("processor", "We decided for her before the meeting"),
        ("network", "<script>alert('mum')</script> Mum felt unheard"),
    ] {
        post_ok(
            &app,
            &manager,
            &format!("{huddle}/interpretations"),
            &[("voice", voice), ("interpretation", words)],
        )
        .await;
    }
    post_ok(
        &app,
        &manager,
        &format!("{huddle}/next-steps"),
        &[
            ("step_description", "Ask Mia whether she wants to chair"),
            ("step_owner", &org.processor.id.to_string()),
            (
                "step_due",
                &(app.state.today() + time::Duration::days(7)).to_string(),
            ),
        ],
    )
    .await;
    let shown = page(&app, &manager, &huddle).await;
    assert!(shown.contains("4 rådgivere, 1 leder, 1 fra familie eller netværk"));
    assert!(shown.contains("stemme udefra"));
    assert!(
        shown.contains("&#60;script&#62;alert(&#39;mum&#39;)&#60;/script&#62; Mum felt unheard")
            && !shown.contains("<script>alert"),
        "the interpretation is shown inert"
    );
    assert!(shown.contains("Ask Mia whether she wants to chair"));
    for story in &stories[..2] {
        assert!(shown.contains(&format!("/campaigns/{}/stories/{story}", campaign.id)));
    }

    // A probe from the huddle, with its stories.
    let probe_form = page(
        &app,
        &manager,
        &format!(
            "/teams/{team}/probes/new?huddle={}&story={}",
            huddle.rsplit('/').next().expect("id"),
            stories[0]
        ),
    )
    .await;
    assert_eq!(picked(&probe_form), stories[..1]);
    let today = app.state.today();
    let probe = post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/probes"),
        &[
            ("title", "The young person chairs the network meeting"),
            ("hypothesis", "They say more when they lead"),
            ("success_signal", "Goals in their own words"),
            ("failure_signal", "Meetings cancelled"),
            ("owner", &org.processor.id.to_string()),
            ("starts_on", &today.to_string()),
            ("review_on", &today.to_string()),
            ("huddle", huddle.rsplit('/').next().expect("id")),
            ("story", &stories[0]),
        ],
    )
    .await;
    let shown = page(&app, &manager, &probe).await;
    assert!(
        shown.contains("Opfølgningsdagen er kommet"),
        "review due today"
    );
    let home = page(&app, &manager, "/home").await;
    assert!(
        home.contains("Følg op på prøvehandlingen «The young person chairs the network meeting».")
    );
    assert!(
        !home.contains("Hold teamets første fortællemøde."),
        "a huddle was held today"
    );
    post_ok(
        &app,
        &manager,
        &format!("{probe}/decisions"),
        &[
            ("decision", "amplify"),
            (
                "rationale",
                "Two young people chaired; both wrote their own goals",
            ),
            ("decided_on", &today.to_string()),
            (
                "next_review",
                &(today + time::Duration::days(30)).to_string(),
            ),
        ],
    )
    .await;
    let shown = page(&app, &manager, &probe).await;
    assert!(shown.contains("forstærk") && !shown.contains("Opfølgningsdagen er kommet"));

    // "You said, we did" back to the campaign.
    let back = post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/outcomes"),
        &[
            ("source_kind", "probe"),
            ("source_id", probe.rsplit('/').next().expect("id")),
            ("campaign", &campaign.id),
            ("said", "Meetings are about you, without you"),
            ("did", "Young people now chair their own network meetings"),
        ],
    )
    .await;
    assert!(back.ends_with("?saved=outcome"));
    let processor = app.signed_in(&org.processor).await;
    let tell = page(
        &app,
        &processor,
        &format!("/campaigns/{}/tell", campaign.id),
    )
    .await;
    assert!(tell.contains("I sagde, vi gjorde"));
    assert!(tell.contains("Young people now chair their own network meetings"));

    // The processor sees their step at home and marks it done.
    let home = page(&app, &processor, "/home").await;
    assert!(home.contains("Ask Mia whether she wants to chair"));
    let step = home
        .split("/next-steps/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("a done button")
        .to_owned();
    let to = post_ok(
        &app,
        &processor,
        &format!("/teams/{team}/next-steps/{step}/done"),
        &[("back", "/home")],
    )
    .await;
    assert_eq!(to, "/home");
    assert!(
        !page(&app, &processor, "/home")
            .await
            .contains("Ask Mia whether")
    );

    // Every read of a practice page is in the audit trail.
    let reads = app.audit_events(&org.id.to_string(), "practice.read").await;
    assert!(
        reads
            .iter()
            .any(|e| e.object_id.as_deref() == huddle.rsplit('/').next())
    );
    let writes = app
        .audit_events(&org.id.to_string(), "outcome.publish")
        .await;
    assert_eq!(writes.len(), 1);
}

#[tokio::test]
async fn processors_contribute_heads_read_and_other_teams_see_nothing() {
    let (app, org, campaign) = seeded().await;
    let team = org.team_id.to_string();
    let manager = app.signed_in(&org.manager).await;
    let huddle = post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/huddles"),
        &[
            ("held_on", &app.state.today().to_string()),
            ("topic", "Weekly"),
            ("voice_processor", "3"),
        ],
    )
    .await;
    let processor = app.signed_in(&org.processor).await;
    page(&app, &processor, &format!("/teams/{team}/practices")).await;
    post_ok(
        &app,
        &processor,
        &format!("{huddle}/interpretations"),
        &[
            ("voice", "processor"),
            ("interpretation", "I read it differently"),
        ],
    )
    .await;
    let not_found = |status: StatusCode| assert_eq!(status, StatusCode::NOT_FOUND);
    // A processor does not run the practices.
    not_found(
        app.post_form(
            &processor,
            &format!("/teams/{team}/huddles"),
            &[("topic", "x")],
        )
        .await
        .status(),
    );
    not_found(
        app.post_form(
            &processor,
            &format!("/teams/{team}/outcomes"),
            &[("source_kind", "huddle"), ("campaign", &campaign.id)],
        )
        .await
        .status(),
    );
    // The head reads every team's board, but adds nothing.
    let head = app.signed_in(&org.head).await;
    let board = page(&app, &head, &format!("/teams/{team}/practices")).await;
    assert!(board.contains("Weekly"));
    not_found(
        app.post_form(
            &head,
            &format!("{huddle}/interpretations"),
            &[("voice", "manager"), ("interpretation", "x")],
        )
        .await
        .status(),
    );
    // Another team's staff: 404, the same as a team that does not exist.
    let other = app.signed_in(&org.other_processor).await;
    for path in [
        format!("/teams/{team}/practices"),
        huddle.clone(),
        format!(
            "/teams/{}/practices",
            tandem_domain::Id::<tandem_domain::staff::Team>::new()
        ),
    ] {
        not_found(
            other
                .get(app.url(&path))
                .send()
                .await
                .expect("sent")
                .status(),
        );
    }
    // The other team's manager cannot reach this team's huddle through their own team's path.
    let other_manager = app.signed_in(&org.other_manager).await;
    let id = huddle.rsplit('/').next().expect("id");
    not_found(
        other_manager
            .get(app.url(&format!("/teams/{}/huddles/{id}", org.other_team_id)))
            .send()
            .await
            .expect("sent")
            .status(),
    );
}

#[tokio::test]
async fn bad_input_gets_the_fields_error_and_keeps_what_was_typed() {
    let (app, org, _campaign) = seeded().await;
    let team = org.team_id.to_string();
    let manager = app.signed_in(&org.manager).await;
    let response = app
        .post_form(
            &manager,
            &format!("/teams/{team}/huddles"),
            &[
                ("held_on", "2026-02-30"),
                ("topic", "Kept topic \u{7}"),
                ("voice_processor", "-2"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(html.contains("Skriv hvor mange der deltog som et helt tal fra 0 til 60."));
    assert!(html.contains("href=\"#held_on\""), "the date is named");
    assert!(
        html.contains("href=\"#topic\""),
        "a control character is refused"
    );
    assert!(html.contains("value=\"-2\""), "what was typed is kept");
    let response = app
        .post_form(
            &manager,
            &format!("/teams/{team}/huddles"),
            &[("held_on", "2026-11-02"), ("topic", "Nobody came")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Skriv hvor mange der deltog — mindst én.")
    );
    let response = app
        .post_form(
            &manager,
            &format!("/teams/{team}/probes"),
            &[
                ("title", "Chairing"),
                ("hypothesis", "They say more"),
                ("success_signal", "Own words"),
                ("failure_signal", "own WORDS"),
                ("owner", &org.processor.id.to_string()),
                ("starts_on", "2026-11-10"),
                ("review_on", "2026-11-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(html.contains("Opfølgningen kan ikke ligge før forsøget starter."));
    assert!(html.contains("Fejlsignalet skal sige noget andet end successignalet."));
    assert!(html.contains(">They say more</textarea>"));
    let owner = org.processor.id.to_string();
    // A title over its limit is told the limit and its length.
    let long_title = "Ø".repeat(250);
    let response = app
        .post_form(
            &manager,
            &format!("/teams/{team}/probes"),
            &probe_form(&owner, &[("title", long_title.as_str())]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Teksten må højst have 200 tegn. Du har skrevet 250: gør den kortere.")
    );
    // One measure for both signals, and a measure that does not exist, are refused; the
    // choice made is kept.
    for (failure_measure, error) in [
        (
            "chaired_by_young_person",
            "Fejlsignalet skal følges af et andet mål end successignalet.",
        ),
        (
            "minutes_typed'; DROP TABLE probes;--",
            "Vælg en af mulighederne under «Mål for fejlsignalet».",
        ),
    ] {
        let response = app
            .post_form(
                &manager,
                &format!("/teams/{team}/probes"),
                &probe_form(
                    &owner,
                    &[
                        ("success_measure", "chaired_by_young_person"),
                        ("failure_measure", failure_measure),
                    ],
                ),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = response.text().await.expect("body");
        assert!(html.contains(error), "{error}");
        assert!(
            html.contains("href=\"#failure_measure\""),
            "the field is named"
        );
        assert!(html.contains("<option value=\"chaired_by_young_person\" selected>"));
    }
    // An owner from another team is refused, nothing stored.
    let response = app
        .post_form(
            &manager,
            &format!("/teams/{team}/probes"),
            &[
                ("title", "Chairing"),
                ("hypothesis", "They say more"),
                ("success_signal", "Own words"),
                ("failure_signal", "Cancelled"),
                ("owner", &org.other_processor.id.to_string()),
                ("starts_on", "2026-11-10"),
                ("review_on", "2026-12-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let board = page(&app, &manager, &format!("/teams/{team}/practices")).await;
    assert!(board.contains("Ingen prøvehandlinger endnu."));
}

#[tokio::test]
async fn a_team_of_four_stories_shows_no_numbers_on_its_card() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    // The seeded story and three more: four in all.
    let few: Vec<_> = designed(0).into_iter().skip(60).collect();
    assert_eq!(few.len(), 3);
    app.add_stories(&org, &campaign, &few).await;
    let manager = app.signed_in(&org.manager).await;
    let home = page(&app, &manager, "/home").await;
    let card = home
        .split("id=\"card-heading\"")
        .nth(1)
        .and_then(|c| c.split("</section>").next())
        .expect("the card");
    assert!(!card.contains("<dl"), "no numbers: {card}");
    assert!(!card.contains("name=\"story\""), "no examples either");
    assert!(card.contains("role=\"status\""), "says why");
}

/// The card's trend starts 359 days before today, but the date filter it reads through rounds
/// `from` down to the first of the month: stories from those first days of the month must be
/// left out of the trend, not make it vanish (it did, on a year of demo stories).
#[tokio::test]
async fn the_cards_trend_shows_when_stories_go_back_past_its_first_window() {
    let (app, clock) = common::spawn_app_with_clock().await;
    let before_start = |today: time::Date| today - time::Duration::days(360);
    if before_start(app.state.today()).month()
        != (app.state.today() - time::Duration::days(359)).month()
    {
        // Put the trend's first day (today − 359) inside a month, with a day before it.
        clock.advance(time::Duration::days(3));
    }
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    let mut stories = designed(0);
    for (i, logic) in [[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]
        .into_iter()
        .cycle()
        .take(6)
        .enumerate()
    {
        stories.push(common::Designed {
            phase: "co_design",
            coherence: 50.0,
            logic,
            feeling: "proud",
            days_ago: 360,
            body: format!("A story from a year ago {i}"),
        });
    }
    app.add_stories(&org, &campaign, &stories).await;
    let start = app.state.today() - time::Duration::days(359);
    assert_eq!(
        before_start(app.state.today()).month(),
        start.month(),
        "the old stories fall in the month the filter rounds to"
    );
    let manager = app.signed_in(&org.manager).await;
    let home = page(&app, &manager, "/home").await;
    let card = home.split("id=\"card-heading\"").nth(1).expect("the card");
    assert!(
        card.contains("Indeksene det seneste år, periode for periode"),
        "the trend is shown: {card}"
    );
}

/// A team whose stories turned from rules to co-production between the last two windows: the
/// card says it is in transition and towards what, and its window names the dates it covers.
#[tokio::test]
async fn a_team_moving_towards_co_production_is_told_so_on_its_card() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    let story = |i: usize, logic: [f64; 3], days_ago: i64| common::Designed {
        phase: "co_delivery",
        coherence: 60.0,
        logic,
        feeling: "hopeful",
        days_ago,
        body: format!("Story {i}"),
    };
    let mut stories: Vec<_> = (0..12)
        .map(|i| story(i, [0.8, 0.1, 0.1], 100 + 5 * i as i64))
        .collect();
    stories.extend((0..12).map(|i| story(12 + i, [0.1, 0.1, 0.8], 5 + 5 * i as i64)));
    app.add_stories(&org, &campaign, &stories).await;
    let manager = app.signed_in(&org.manager).await;
    let home = page(&app, &manager, "/home").await;
    let card = home.split("id=\"card-heading\"").nth(1).expect("the card");
    assert!(
        card.contains("I bevægelse: blandingen har flyttet sig mere end 0,15 siden perioden før, mest mod at nå det sammen (samskabelse)."),
        "{card}"
    );
    let from =
        tandem_app::stories::ranges::first_of_month(app.state.today() - time::Duration::days(90));
    assert!(
        card.contains(&format!(
            "{} til",
            from.format(&time::macros::format_description!("[day].[month].[year]"))
                .expect("date")
        )),
        "the window starts where the month filter starts: {card}"
    );
}

#[tokio::test]
async fn the_manager_says_what_mix_they_intend_and_the_card_shows_the_gap() {
    let (app, org, _campaign) = seeded().await;
    let team = org.team_id.to_string();
    let manager = app.signed_in(&org.manager).await;
    let home = page(&app, &manager, "/home").await;
    assert!(home.contains(&format!("/teams/{team}/intended-mix")));
    assert!(
        !home.contains("Afstand mellem leder og team:"),
        "no gap before an intention"
    );
    let card = home.split("id=\"card-heading\"").nth(1).expect("the card");
    for index in [
        "Spredning",
        "Fortællingstyper",
        "Friktion",
        "Procesejer-rollen",
        "Beslutningsmagt",
    ] {
        assert!(card.contains(index), "{index} is on the card");
    }
    let path = format!("/teams/{team}/intended-mix");
    page(&app, &manager, &path).await;
    let response = app
        .post_form(
            &manager,
            &path,
            &[("rules", "11"), ("efficiency", "x"), ("together", "0")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(html.contains("Skriv et tal fra 0 til 10."));
    assert!(html.contains("value=\"11\""), "what was typed is kept");
    let response = app
        .post_form(
            &manager,
            &path,
            &[("rules", "0"), ("efficiency", "0"), ("together", "0")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // All co-production intended; the designed stories carry rules too.
    post_ok(
        &app,
        &manager,
        &path,
        &[("rules", "0"), ("efficiency", "0"), ("together", "10")],
    )
    .await;
    let home = page(&app, &manager, "/home").await;
    let gap = home
        .split("Afstand mellem leder og team:</strong>")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the gap");
    assert!(gap.contains("fortællingerne ligger 0,"), "{gap}");
    let corners = tandem_web_corner_names();
    assert!(
        gap.contains(&format!("mindre {}", corners[2])),
        "less co-production: {gap}"
    );
    // The questionnaire shows the answers given; processors cannot open it.
    assert!(page(&app, &manager, &path).await.contains("value=\"10\""));
    let processor = app.signed_in(&org.processor).await;
    let status = processor
        .get(app.url(&path))
        .send()
        .await
        .expect("sent")
        .status();
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// T1's corner names in Danish, as the default framework names them.
fn tandem_web_corner_names() -> Vec<String> {
    let framework = tandem_domain::framework::Framework::default_framework();
    let t1 = framework
        .questions()
        .iter()
        .find(|q| q.id == "T1")
        .expect("T1")
        .clone();
    t1.labels.iter().map(|l| l.da.clone()).collect()
}

#[tokio::test]
async fn bad_decisions_and_outcomes_are_refused_with_their_errors_and_nothing_is_stored() {
    let (app, org, campaign) = seeded().await;
    let practices = app.seed_practices(&org, &campaign).await;
    let team = org.team_id.to_string();
    let manager = app.signed_in(&org.manager).await;
    let probe = format!("/teams/{team}/probes/{}", practices.probe);

    // A decision that is not amplify, dampen or stop; an empty rationale; a malformed date.
    let response = app
        .post_form(
            &manager,
            &format!("{probe}/decisions"),
            &[
                ("decision", "'; DROP TABLE probes; --"),
                ("rationale", ""),
                ("decided_on", "2026-13-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    for field in ["decision", "rationale", "decided_on"] {
        assert!(
            html.contains(&format!("href=\"#{field}\"")),
            "{field} is named"
        );
    }
    // A next review before the probe started is refused and the probe stays open.
    let response = app
        .post_form(
            &manager,
            &format!("{probe}/decisions"),
            &[
                ("decision", "dampen"),
                ("rationale", "Kept rationale"),
                ("decided_on", &app.state.today().to_string()),
                ("next_review", "2000-01-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(html.contains("Kept rationale"), "what was typed is kept");
    let shown = page(&app, &manager, &probe).await;
    assert!(
        shown.contains("Ingen beslutninger endnu."),
        "nothing was recorded"
    );

    // An outcome to a campaign of another team, and one with hostile text and nothing done.
    let outcome = |campaign: String, said: &'static str, did: &'static str| {
        vec![
            ("source_kind", "probe".to_owned()),
            ("source_id", practices.probe.clone()),
            ("campaign", campaign),
            ("said", said.to_owned()),
            ("did", did.to_owned()),
        ]
    };
    let other = app.seed_org("Odense").await;
    let foreign = app.seed_campaign(&other).await;
    for fields in [
        outcome(foreign.id.clone(), "Said", "Did"),
        outcome(campaign.id.clone(), "<script>x</script>", ""),
    ] {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app
            .post_form(&manager, &format!("/teams/{team}/outcomes"), &pairs)
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let board = page(&app, &manager, &format!("/teams/{team}/practices")).await;
    let log = board.split("id=\"outcomes\"").nth(1).expect("the log");
    assert!(
        log.contains("Intet offentliggjort endnu."),
        "nothing was published"
    );
}

#[tokio::test]
async fn the_card_exports_what_it_shows_for_managers_and_heads_and_is_audited() {
    let (app, org, _campaign) = seeded().await;
    let team = org.team_id.to_string();
    let csv = format!("/teams/{team}/card/export.csv");
    let xlsx = format!("/teams/{team}/card/export.xlsx");
    let manager = app.signed_in(&org.manager).await;
    let board = page(&app, &manager, &format!("/teams/{team}/practices")).await;
    assert!(
        board.contains(&csv) && board.contains(&xlsx),
        "the card links its files"
    );
    // The blending value as the card shows it.
    let shown = board
        .split("<dt>Blanding (0–1)</dt><dd>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the card's blending")
        .to_owned();
    let response = manager.get(app.url(&csv)).send().await.expect("csv");
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.expect("body");
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].contains("Teamets hybride profil"), "{}", rows[0]);
    assert!(rows[1].ends_with("Indeks;Værdi"), "{}", rows[1]);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Blanding (0–1);") && r.contains(&shown)),
        "{shown} in {text}"
    );
    let bytes = manager
        .get(app.url(&xlsx))
        .send()
        .await
        .expect("xlsx")
        .bytes()
        .await
        .expect("body");
    assert!(bytes.starts_with(b"PK"));
    let head = app.signed_in(&org.head).await;
    assert_eq!(
        head.get(app.url(&csv)).send().await.expect("csv").status(),
        StatusCode::OK
    );
    let processor = app.signed_in(&org.processor).await;
    assert_eq!(
        processor
            .get(app.url(&csv))
            .send()
            .await
            .expect("csv")
            .status(),
        StatusCode::NOT_FOUND
    );
    let exports = app.audit_events(&org.id.to_string(), "card.export").await;
    assert_eq!(
        exports.len(),
        3,
        "two of the manager's files and the head's"
    );
}

/// A probe followed by a course measure (issue 22): with four young people's goals in the
/// month its point is withheld, never drawn; a fifth young person's goal shows it, with the
/// number of young people behind it, and the page stays within k for every period.
#[tokio::test]
async fn a_probes_run_chart_shows_no_point_for_fewer_than_five_young_people() {
    let (app, org, _campaign) = seeded().await;
    let team = org.team_id.to_string();
    let manager = app.signed_in(&org.manager).await;
    for _ in 0..4 {
        app.seed_course(&org).await;
    }
    let today = app.state.today().to_string();
    let probe = post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/probes"),
        &[
            ("title", "Goals in their words"),
            ("hypothesis", "Young people write their own goals"),
            ("success_signal", "More goals in their own words"),
            ("failure_signal", "Steps left to staff"),
            ("success_measure", "goals_in_own_words"),
            ("failure_measure", ""),
            ("owner", &org.processor.id.to_string()),
            ("starts_on", &today),
            ("review_on", &today),
        ],
    )
    .await;
    let four = page(&app, &manager, &probe).await;
    assert!(four.contains("Successignal: Mål med den unges egne ord"));
    assert!(
        !four.contains("Fejlsignal: "),
        "the failure signal is followed in words"
    );
    assert!(four.contains("skjult (færre end 5 unge)"));
    assert!(
        !four.contains("<td>100 %</td>"),
        "no share of four young people"
    );
    assert!(
        four.contains("For få tal endnu"),
        "no baseline before today"
    );
    app.seed_course(&org).await;
    let five = page(&app, &manager, &probe).await;
    assert!(!five.contains("skjult (færre end 5 unge)"));
    assert!(
        five.contains("<td>100 %</td><td>5</td>"),
        "the month's share and its five young people"
    );
}

#[tokio::test]
async fn a_probe_is_scoped_to_chosen_courses_of_the_team_only() {
    let (app, org, _) = seeded().await;
    let course = app.seed_course(&org).await;
    let manager = app.signed_in(&org.manager).await;
    let team = org.team_id;
    let form = page(&app, &manager, &format!("/teams/{team}/probes/new")).await;
    let field = format!("course_{}", course.id);
    assert!(
        form.contains(&format!("name=\"{field}\"")),
        "the team's open courses can be ticked"
    );
    assert!(form.contains("vælg mindst 5 forløb"));
    let owner = org.manager.id.to_string();
    let stranger = format!(
        "course_{}",
        tandem_domain::Id::<tandem_domain::policy::Course>::new()
    );
    let at = post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/probes"),
        &probe_form(&owner, &[(field.as_str(), "on"), (stranger.as_str(), "on")]),
    )
    .await;
    let probe = page(&app, &manager, &at).await;
    assert!(
        probe.contains("Forløb, der måles i</dt><dd class=\"tandem-story-text\">ét udvalgt forløb"),
        "the unknown course is left out: {probe}"
    );
    let whole = post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/probes"),
        &probe_form(&owner, &[]),
    )
    .await;
    assert!(
        page(&app, &manager, &whole)
            .await
            .contains("alle teamets forløb")
    );
    let reads = app.audit_events(&org.id.to_string(), "practice.read").await;
    assert!(
        reads.iter().any(|e| e.object_kind == "team_courses"),
        "the names on the form are a recorded read"
    );
}
