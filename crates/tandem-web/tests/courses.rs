//! The processor's course workspace through the real server: a whole course from creation to a
//! progress chart, refused input that keeps what was typed and saves nothing, hidden existence,
//! alerts from session feedback and from reliable deterioration, and the audited summary export.

mod common;

use common::{Org, TestApp, spawn_app, spawn_app_with_clock};
use reqwest::StatusCode;
use reqwest::header::LOCATION;

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("sent");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Creates a course through the form and returns its path.
async fn create_course(app: &TestApp, client: &reqwest::Client, name: &str) -> String {
    let today = app.state.today();
    let birth = today
        .replace_year(today.year() - 15)
        .expect("date")
        .to_string();
    let awareness = (today - time::Duration::days(30)).to_string();
    let response = app
        .post_form(
            client,
            "/courses",
            &[
                ("young_person_name", name),
                ("birth_date", &birth),
                ("preferred_language", "da"),
                ("legal_basis", "§ 32 Støtte til barn og familie"),
                ("status", "active"),
                ("awareness_date", &awareness),
                ("assessment_kind", "child_assessment"),
                ("plan_kind", "none"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "course created");
    location(&response)
}

async fn member_ids(app: &TestApp, org: &Org, course: &str) -> Vec<String> {
    let id = tandem_domain::Id::parse(course.trim_start_matches("/courses/")).expect("id");
    app.state
        .app()
        .store()
        .network_of(org.id, id)
        .await
        .expect("network")
        .iter()
        .map(|m| m.id.to_string())
        .collect()
}

#[tokio::test]
async fn a_processor_runs_a_course_from_creation_to_the_progress_chart() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let processor = app.signed_in(&org.processor).await;
    let course = create_course(&app, &processor, "Mia Testesen").await;

    for (name, relation, sector) in [
        ("Mormor Else", "mormor", "family"),
        ("Jonas", "bedste ven", "friends"),
        ("Karin Lærer", "klasselærer", "school_work"),
    ] {
        let response = app
            .post_form(
                &processor,
                &format!("{course}/network"),
                &[
                    ("name", name),
                    ("relation", relation),
                    ("sector", sector),
                    ("strength", "strong"),
                    ("direction", "to_young_person"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name} added");
    }
    let (status, network) = page(&app, &processor, &format!("{course}/network")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(network.contains("<svg"), "the eco-map is drawn");
    assert_eq!(
        network.matches("marker-start=\"url(#arrow)\"").count(),
        3,
        "support towards the young person"
    );
    assert!(
        network.contains("Karin Lærer"),
        "and listed in the equivalent table"
    );

    let response = app
        .post_form(
            &processor,
            &format!("{course}/goals"),
            &[
                ("own_words", "Jeg vil gerne komme i skole hver dag"),
                ("author", "Mia"),
                ("life_area", "school"),
                ("anchor_low", "Jeg kommer aldrig"),
                ("anchor_high", "Hver eneste dag"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let goal_path = location(&response);
    let goal_id = goal_path.rsplit('/').next().expect("goal id").to_owned();

    let members = member_ids(&app, &org, &course).await;
    for (description, owner) in [
        ("Stå op kl. 7", "young_person".to_owned()),
        (
            "Følge Mia i skole mandag",
            format!("network:{}", members[0]),
        ),
    ] {
        let response = app
            .post_form(
                &processor,
                &format!("{course}/steps"),
                &[
                    ("description", description),
                    ("owner", &owner),
                    ("goal", &goal_id),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{description}");
    }

    let today = app.state.today().to_string();
    let attend_in_person = format!("attend_{}", members[0]);
    let attend_online = format!("attend_{}", members[1]);
    let attend_absent = format!("attend_{}", members[2]);
    let response = app
        .post_form(
            &processor,
            &format!("{course}/meetings"),
            &[
                ("kind", "network_meeting"),
                ("held_on", &today),
                ("held", "on"),
                ("young_person_present", "on"),
                ("young_person_channel", "in_person"),
                ("views_own_words", "Jeg vil selv bestemme, hvem der kommer"),
                ("chair", "young_person"),
                (&attend_in_person, "in_person"),
                (&attend_online, "online"),
                (&attend_absent, "absent"),
                ("new_step_description", "Jonas ringer om morgenen"),
                ("new_step_owner", &format!("network:{}", members[1])),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "meeting recorded");
    let (_, meeting) = page(&app, &processor, &location(&response)).await;
    assert!(
        meeting.contains("Jonas ringer om morgenen"),
        "the step created at the meeting"
    );
    assert!(
        meeting.contains("Jeg vil selv bestemme"),
        "the young person's own words"
    );
    assert!(
        meeting.contains("<dt>Hvem ledte mødet?</dt><dd>Den unge selv</dd>"),
        "who chaired, as recorded"
    );
    let response = app
        .post_form(
            &processor,
            &format!("{course}/meetings"),
            &[
                ("kind", "network_meeting"),
                ("held_on", &today),
                ("held", "on"),
                ("chair", "<script>boss</script>"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = response.text().await.expect("body");
    assert!(
        refused.contains("href=\"#chair\"")
            && refused.contains("Vælg en af mulighederne under «Hvem ledte mødet?».")
    );
    assert!(
        !refused.contains("<script>boss"),
        "the value is not echoed raw"
    );
    let (_, steps) = page(&app, &processor, &format!("{course}/steps")).await;
    assert!(steps.contains("Jonas ringer om morgenen") && steps.contains("Stå op kl. 7"));

    // A blind round with two raters.
    let response = app
        .post_form(
            &processor,
            &format!("{course}/ratings"),
            &[
                ("instrument", "goal_scale"),
                ("goal", &goal_id),
                ("mode", "collaborative"),
                ("rater_young", "on"),
                ("rater_worker", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let round = location(&response);
    let round_id =
        tandem_domain::Id::<()>::parse(round.rsplit('/').next().expect("id")).expect("id");
    let course_id = tandem_domain::Id::parse(course.trim_start_matches("/courses/")).expect("id");
    let raters = app
        .state
        .app()
        .store()
        .rounds_of(org.id, course_id)
        .await
        .expect("rounds")[0]
        .raters
        .clone();
    assert_eq!(
        round_id.to_string(),
        app.state
            .app()
            .store()
            .rounds_of(org.id, course_id)
            .await
            .expect("rounds")[0]
            .id
            .to_string()
    );
    let first = app
        .post_form(
            &processor,
            &format!("{round}/raters/{}", raters[0].id),
            &[("value-0", "3,5")],
        )
        .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let (_, hidden) = page(&app, &processor, &round).await;
    assert!(
        !hidden.contains("3,5"),
        "blind: the first value is hidden until everyone has rated"
    );
    assert!(hidden.contains("Runden er blind"));
    let second = app
        .post_form(
            &processor,
            &format!("{round}/raters/{}", raters[1].id),
            &[("value-0", "5")],
        )
        .await;
    assert_eq!(second.status(), StatusCode::SEE_OTHER);
    let (_, revealed) = page(&app, &processor, &round).await;
    assert!(revealed.contains("3,5") && revealed.contains("Hvad gør, at det er det tal?"));
    let reflection = app
        .post_form(
            &processor,
            &format!("{round}/reflection"),
            &[("reflection", "Mia: jeg kom tre dage i sidste uge")],
        )
        .await;
    assert_eq!(reflection.status(), StatusCode::SEE_OTHER);

    let (status, goal) = page(&app, &processor, &goal_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(goal.contains("<polyline"), "the progress chart");
    assert!(goal.contains("tandem-series--young_person") && goal.contains("tandem-series--worker"));
    assert!(
        goal.contains("Ingen normer"),
        "no norms configured: change is not classified"
    );

    let (_, overview) = page(&app, &processor, &course).await;
    for expected in [
        "Jeg vil gerne komme i skole hver dag",
        "Mormor Else",
        "Børnefaglig undersøgelse <span class=\"tandem-citation\">(barnets lov § 20, stk. 3)</span>",
        "Mia Testesen 3,5",
        "Barnet eller den unge har altid ret til en bisidder",
        "(barnets lov § 6, stk. 1 og 4)",
    ] {
        assert!(overview.contains(expected), "overview shows {expected}");
    }
    let (_, worklist) = page(&app, &processor, "/courses").await;
    assert!(worklist.contains("Mia Testesen"));

    let reads = app.audit_events(&org.id.to_string(), "course.read").await;
    assert!(reads.len() >= 5, "every course page read is audited");
    assert!(
        reads
            .iter()
            .all(|e| e.subject_id.as_deref() == Some(course_id.to_string().as_str()))
    );
    for action in [
        "course.create",
        "network.add",
        "goal.create",
        "step.create",
        "meeting.create",
        "rating.open",
        "rating.submit",
        "rating.reflection",
    ] {
        assert!(
            !app.audit_events(&org.id.to_string(), action)
                .await
                .is_empty(),
            "{action} audited"
        );
    }
}

#[tokio::test]
async fn bad_input_is_refused_on_the_same_form_with_the_input_kept_and_nothing_saved() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let course = format!("/courses/{}", seeded.id);

    // A rating of 10.1.
    let rating = app
        .post_form(
            &processor,
            &format!("{course}/ratings/{}/raters/{}", seeded.round, seeded.rater),
            &[("value-0", "10.1")],
        )
        .await;
    assert_eq!(rating.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = rating.text().await.expect("body");
    assert!(
        body.contains("Værdien skal være fra 0 til 10"),
        "translated message"
    );
    assert!(body.contains(r#"value="10.1""#), "input kept");

    // A step without owner.
    let step = app
        .post_form(
            &processor,
            &format!("{course}/steps"),
            &[("description", "Et skridt uden ejer"), ("owner", "")],
        )
        .await;
    assert_eq!(step.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = step.text().await.expect("body");
    assert!(body.contains("Vælg, hvem der ejer skridtet") && body.contains("Et skridt uden ejer"));

    // A goal without own words.
    let goal = app
        .post_form(
            &processor,
            &format!("{course}/goals"),
            &[
                ("own_words", "   "),
                ("author", "Mia"),
                ("life_area", "school"),
                ("restatement", "Fagligt mål"),
            ],
        )
        .await;
    assert_eq!(goal.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = goal.text().await.expect("body");
    assert!(body.contains("Skriv målet med den unges egne ord") && body.contains("Fagligt mål"));

    // A goal far over its limit is told so, with the limit — not asked to be written — and
    // keeps every character typed; the field says its limit too.
    let long = "Jeg vil i skole hver dag. ".repeat(208);
    let goal = app
        .post_form(
            &processor,
            &format!("{course}/goals"),
            &[
                ("own_words", long.as_str()),
                ("author", "Mia"),
                ("life_area", "school"),
            ],
        )
        .await;
    assert_eq!(goal.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = goal.text().await.expect("body");
    assert!(
        body.contains("Teksten må højst have 1.000 tegn. Du har skrevet 5.408: gør den kortere."),
        "the limit and the length"
    );
    assert!(!body.contains("Skriv målet med den unges egne ord."));
    assert!(body.contains(long.trim_end()), "nothing typed is lost");
    assert!(body.contains("maxlength=\"1000\""));

    // Dates in an impossible order.
    let today = app.state.today();
    let birth = today
        .replace_year(today.year() - 15)
        .expect("date")
        .to_string();
    let awareness = (today - time::Duration::days(10)).to_string();
    let decision = (today - time::Duration::days(20)).to_string();
    let dates = app
        .post_form(
            &processor,
            "/courses",
            &[
                ("young_person_name", "Omvendt Ordensen"),
                ("birth_date", &birth),
                ("preferred_language", "da"),
                ("legal_basis", "§ 32 Støtte til barn og familie"),
                ("status", "active"),
                ("awareness_date", &awareness),
                ("decision_date", &decision),
                ("assessment_kind", "child_assessment"),
                ("plan_kind", "none"),
            ],
        )
        .await;
    assert_eq!(dates.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = dates.text().await.expect("body");
    assert!(
        body.contains("Datoen kan ikke ligge før myndigheden blev opmærksom")
            && body.contains("Omvendt Ordensen")
    );

    // Two required dates left out: each message names its field, and the new-course page
    // leads back to the worklist (there is no course yet).
    let missing = app
        .post_form(
            &processor,
            "/courses",
            &[
                ("young_person_name", "Uden Datoer"),
                ("preferred_language", "da"),
                ("legal_basis", "§ 32 Støtte til barn og familie"),
                ("status", "active"),
                ("assessment_kind", "child_assessment"),
                ("plan_kind", "none"),
            ],
        )
        .await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = missing.text().await.expect("body");
    assert!(body.contains("Skriv datoen for «Fødselsdato»."), "{body}");
    assert!(body.contains("Skriv datoen for «Myndigheden blev opmærksom»."));
    assert!(
        !body.contains(">Skriv en dato.<"),
        "no unnamed date message"
    );
    assert!(body.contains("Tilbage til mine forløb") && !body.contains("Tilbage til forløbet"));

    // A 14-year-old support person.
    let fourteen = today
        .replace_year(today.year() - 14)
        .expect("date")
        .to_string();
    let support = app
        .post_form(
            &processor,
            &format!("{course}/network"),
            &[
                ("name", "Lillebror"),
                ("relation", "bror"),
                ("sector", "family"),
                ("strength", "strong"),
                ("direction", "mutual"),
                ("role_support", "on"),
                ("birth_date", &fourteen),
            ],
        )
        .await;
    assert_eq!(support.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = support.text().await.expect("body");
    assert!(body.contains("En bisidder skal være mindst 15 år") && body.contains("Lillebror"));

    let store = app.state.app().store();
    assert_eq!(
        store
            .steps_of(org.id, seeded.id)
            .await
            .expect("steps")
            .len(),
        1,
        "no step saved"
    );
    assert_eq!(
        store
            .goals_of(org.id, seeded.id)
            .await
            .expect("goals")
            .len(),
        1,
        "no goal saved"
    );
    assert_eq!(
        store
            .network_of(org.id, seeded.id)
            .await
            .expect("network")
            .len(),
        1,
        "no member saved"
    );
    assert!(
        store.rounds_of(org.id, seeded.id).await.expect("rounds")[0]
            .raters
            .iter()
            .all(|r| r.values.is_none()),
        "no rating saved"
    );
    let processor_id = org.processor.id;
    assert_eq!(
        store
            .worklist(
                org.id,
                tandem_store::courses::WorkScope::Processor(processor_id)
            )
            .await
            .expect("worklist")
            .len(),
        1,
        "no course saved"
    );
}

#[tokio::test]
async fn a_course_outside_your_scope_looks_exactly_like_one_that_does_not_exist() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let missing = format!("/courses/{}", tandem_domain::Id::<()>::new());
    let real = format!("/courses/{}", seeded.id);
    for person in [
        &org.colleague,
        &org.other_processor,
        &org.other_manager,
        &org.admin,
        &org.head,
    ] {
        let client = app.signed_in(person).await;
        for suffix in ["", "/goals", "/network", &format!("/goals/{}", seeded.goal)] {
            let (hidden_status, hidden) = page(&app, &client, &format!("{real}{suffix}")).await;
            let (missing_status, absent) = page(&app, &client, &format!("{missing}{suffix}")).await;
            assert_eq!(
                hidden_status,
                StatusCode::NOT_FOUND,
                "{}{suffix}",
                person.email
            );
            assert_eq!(missing_status, StatusCode::NOT_FOUND);
            assert_eq!(hidden, absent, "R2: identical bodies");
        }
    }
    let (_, worklist) = page(&app, &app.signed_in(&org.colleague).await, "/courses").await;
    assert!(
        !worklist.contains("Kanariefugl"),
        "R3: the list agrees with the object check"
    );
    let manager = app.signed_in(&org.manager).await;
    let (status, overview) = page(&app, &manager, &real).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the team manager reads the team's courses"
    );
    assert!(
        !overview.contains("Markér som håndteret"),
        "read-only for the manager"
    );
    let (_, list) = page(&app, &manager, "/courses").await;
    assert!(list.contains("Kanariefugl"));

    // Switched off by the organization: the manager's reading and listing stop together.
    let admin = app.signed_in(&org.admin).await;
    let off = app
        .post_form(
            &admin,
            "/admin/settings",
            &[
                ("amber_days", "14"),
                ("rules", "barnets_lov"),
                ("feedback_total_below", "36"),
                ("feedback_item_below", "9"),
                ("legal_bases", "§ 32 Støtte til barn og familie"),
            ],
        )
        .await;
    assert_eq!(off.status(), StatusCode::SEE_OTHER);
    assert_eq!(page(&app, &manager, &real).await.0, StatusCode::NOT_FOUND);
    assert!(
        !page(&app, &manager, "/courses")
            .await
            .1
            .contains("Kanariefugl")
    );
}

#[tokio::test]
async fn session_feedback_below_36_alerts_the_processor_and_36_does_not() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let store = app.state.app().store();
    let open = |alerts: Vec<tandem_store::ratings::AlertRecord>| {
        alerts
            .into_iter()
            .filter(|a| {
                a.resolved_at.is_none()
                    && a.kind == tandem_domain::course::kinds::AlertKind::SessionFeedback
            })
            .count()
    };
    let feedback = format!(
        "/courses/{}/meetings/{}/feedback",
        seeded.id, seeded.meeting
    );
    let ok = app
        .post_form(
            &processor,
            &feedback,
            &[
                ("value-0", "9"),
                ("value-1", "9"),
                ("value-2", "9"),
                ("value-3", "9"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        open(store.alerts_of(org.id, seeded.id).await.expect("alerts")),
        0,
        "36.0 does not alert"
    );
    let low = app
        .post_form(
            &processor,
            &feedback,
            &[
                ("value-0", "9"),
                ("value-1", "9"),
                ("value-2", "9"),
                ("value-3", "8,9"),
            ],
        )
        .await;
    assert_eq!(low.status(), StatusCode::SEE_OTHER);
    let alerts = store.alerts_of(org.id, seeded.id).await.expect("alerts");
    assert_eq!(open(alerts.clone()), 1, "35.9 alerts");
    let (_, worklist) = page(&app, &processor, "/courses").await;
    assert!(
        worklist.contains("2 advarsler"),
        "the worklist shows the open alerts (the seeded worry and this)"
    );
    let alert = alerts
        .iter()
        .find(|a| a.kind == tandem_domain::course::kinds::AlertKind::SessionFeedback)
        .expect("alert");
    assert!(alert.detail.starts_with("35.9"));
    let resolved = app
        .post_form(
            &processor,
            &format!("/courses/{}/alerts/{}/resolve", seeded.id, alert.id),
            &[("resolution", "Talt med Mia om mødet")],
        )
        .await;
    assert_eq!(resolved.status(), StatusCode::SEE_OTHER);
    let after = store.alerts_of(org.id, seeded.id).await.expect("alerts");
    assert_eq!(open(after.clone()), 0);
    assert!(
        after
            .iter()
            .any(|a| a.resolution.as_deref() == Some("Talt med Mia om mødet")),
        "the resolution is recorded"
    );
}

#[tokio::test]
async fn a_reliable_deterioration_on_the_young_persons_ratings_puts_an_alert_on_the_worklist() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let admin = app.signed_in(&org.admin).await;
    let norms = app
        .post_form(
            &admin,
            "/admin/instruments/goal_scale/norms",
            &[
                ("age_from", "12"),
                ("age_to", "22"),
                ("cut_off", "5"),
                ("reliable_change", "2"),
            ],
        )
        .await;
    assert_eq!(
        norms.status(),
        StatusCode::SEE_OTHER,
        "norms are data the administrator keeps"
    );
    let processor = app.signed_in(&org.processor).await;
    let course = format!("/courses/{}", seeded.id);
    for value in ["8", "5.9"] {
        let response = app
            .post_form(
                &processor,
                &format!("{course}/ratings"),
                &[
                    ("instrument", "goal_scale"),
                    ("goal", &seeded.goal),
                    ("mode", "self"),
                    ("rater_young", "on"),
                ],
            )
            .await;
        let round = location(&response);
        let rounds = app
            .state
            .app()
            .store()
            .rounds_of(org.id, seeded.id)
            .await
            .expect("rounds");
        let rater = rounds
            .iter()
            .find(|r| round.ends_with(&r.id.to_string()))
            .expect("round")
            .raters[0]
            .id;
        let rated = app
            .post_form(
                &processor,
                &format!("{round}/raters/{rater}"),
                &[("value-0", value)],
            )
            .await;
        assert_eq!(rated.status(), StatusCode::SEE_OTHER);
    }
    let alerts = app
        .state
        .app()
        .store()
        .alerts_of(org.id, seeded.id)
        .await
        .expect("alerts");
    let deterioration: Vec<_> = alerts
        .iter()
        .filter(|a| a.kind == tandem_domain::course::kinds::AlertKind::Deterioration)
        .collect();
    assert_eq!(
        deterioration.len(),
        1,
        "8 → 5.9 is a reliable deterioration (threshold 2)"
    );
    assert_eq!(deterioration[0].detail, "8 → 5.9");
    let (_, goal) = page(&app, &processor, &format!("{course}/goals/{}", seeded.goal)).await;
    assert!(
        goal.contains("Pålidelig forværring"),
        "classified on the progress page"
    );
    assert!(
        goal.contains("Den unges egen vurdering gik fra 8 til 5,9 over 2 vurderinger."),
        "the summary reads the alert's series, in tenths, never truncated to whole numbers"
    );
    assert!(goal.contains("<rect"), "the reliable-change band is drawn");
}

#[tokio::test]
async fn the_summary_for_the_system_of_record_needs_a_recent_login_and_is_audited() {
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let mut tx = app.state.app().store().begin().await.expect("tx");
    tx.set_internal_note(org.id, seeded.id, Some("INTERN-KANARIE-4711"))
        .await
        .expect("note");
    tx.commit().await.expect("commit");
    let processor = app.signed_in(&org.processor).await;
    let (_, overview) = page(&app, &processor, &format!("/courses/{}", seeded.id)).await;
    assert!(
        overview.contains("INTERN-KANARIE-4711"),
        "the processor reads the internal note"
    );
    let path = format!("/courses/{}/summary.json", seeded.id);
    let response = processor.get(app.url(&path)).send().await.expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.expect("body");
    assert!(
        !body.contains("INTERN-KANARIE-4711"),
        "staff-internal notes are not exported"
    );
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["young_person"], "Mia Kanariefugl");
    assert_eq!(
        json["goals"][0]["own_words"],
        "Jeg vil have en ven i klassen"
    );
    assert!(
        !app.audit_events(&org.id.to_string(), "course.export")
            .await
            .is_empty()
    );

    clock.advance(time::Duration::minutes(6));
    let later = processor.get(app.url(&path)).send().await.expect("sent");
    assert_eq!(
        later.status(),
        StatusCode::SEE_OTHER,
        "step-up after five minutes (R13)"
    );
    assert!(location(&later).starts_with("/login/confirm"));
    let manager = app.signed_in(&org.manager).await;
    assert_eq!(
        page(&app, &manager, &path).await.0,
        StatusCode::NOT_FOUND,
        "the manager reads, but does not export"
    );
}

#[tokio::test]
async fn the_team_manager_reassigns_a_course_and_access_follows() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let course = format!("/courses/{}", seeded.id);
    let manager = app.signed_in(&org.manager).await;
    let (_, overview) = page(&app, &manager, &course).await;
    assert!(
        overview.contains("Tilføj en stedfortræder"),
        "the manager sees the assignment form"
    );
    let outsider = org.other_processor.id.to_string();
    let forged = app
        .post_form(
            &manager,
            &format!("{course}/assignment"),
            &[("processor", &outsider), ("deputy", "")],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::SEE_OTHER);
    let processor = app.signed_in(&org.processor).await;
    assert_eq!(
        page(&app, &processor, &course).await.0,
        StatusCode::OK,
        "a processor from another team is not accepted"
    );
    let colleague = org.colleague.id.to_string();
    let target = org.target.id.to_string();
    let moved = app
        .post_form(
            &manager,
            &format!("{course}/assignment"),
            &[("processor", &colleague), ("deputy", &target)],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        page(&app, &processor, &course).await.0,
        StatusCode::NOT_FOUND,
        "the former processor no longer sees it"
    );
    let new_processor = app.signed_in(&org.colleague).await;
    assert_eq!(page(&app, &new_processor, &course).await.0, StatusCode::OK);
    let deputy = app.signed_in(&org.target).await;
    assert_eq!(
        page(&app, &deputy, &course).await.0,
        StatusCode::OK,
        "the deputy has the processor's access"
    );
    assert!(
        page(&app, &deputy, "/courses")
            .await
            .1
            .contains("Kanariefugl"),
        "and sees it in the worklist"
    );
    assert!(
        !app.audit_events(&org.id.to_string(), "course.reassign")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn administrators_define_instruments_whose_rules_every_rating_obeys() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let admin = app.signed_in(&org.admin).await;
    let areas4 = "Skole\nVenner\nFamilie\nHelbred";
    let refused = app
        .post_form(
            &admin,
            "/admin/instruments",
            &[
                ("name", "Stjernen"),
                ("items", areas4),
                ("areas", "on"),
                ("min", "1"),
                ("max", "10"),
                ("step", "1"),
            ],
        )
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "4 areas is refused"
    );
    let body = refused.text().await.expect("body");
    assert!(
        body.contains("Et stjerneformet redskab har 5 til 10 områder") && body.contains("Stjernen")
    );
    let created = app
        .post_form(
            &admin,
            "/admin/instruments",
            &[
                ("name", "Stjernen"),
                ("items", &format!("{areas4}\nFritid")),
                ("areas", "on"),
                ("min", "1"),
                ("max", "10"),
                ("step", "1"),
                ("licence_holder", "Eksempel ApS"),
            ],
        )
        .await;
    assert_eq!(
        created.status(),
        StatusCode::SEE_OTHER,
        "5 areas is a valid star"
    );
    let settings = app
        .state
        .app()
        .store()
        .course_settings(org.id)
        .await
        .expect("settings");
    let star = app
        .state
        .app()
        .store()
        .instruments(org.id, settings.feedback)
        .await
        .expect("instruments")
        .into_iter()
        .find(|i| i.name == "Stjernen")
        .expect("stored");
    assert_eq!(star.items.len(), 5);

    let processor = app.signed_in(&org.processor).await;
    let course = format!("/courses/{}", seeded.id);
    let opened = app
        .post_form(
            &processor,
            &format!("{course}/ratings"),
            &[
                ("instrument", &star.key),
                ("mode", "collaborative"),
                ("rater_young", "on"),
            ],
        )
        .await;
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    let round = location(&opened);
    let rounds = app
        .state
        .app()
        .store()
        .rounds_of(org.id, seeded.id)
        .await
        .expect("rounds");
    let rater = rounds
        .iter()
        .find(|r| round.ends_with(&r.id.to_string()))
        .expect("round")
        .raters[0]
        .id;
    let values = |last: &'static str| -> Vec<(&'static str, &'static str)> {
        vec![
            ("value-0", "5"),
            ("value-1", "6"),
            ("value-2", "7"),
            ("value-3", "8"),
            ("value-4", last),
        ]
    };
    for bad in ["0", "11", "7.5"] {
        let response = app
            .post_form(&processor, &format!("{round}/raters/{rater}"), &values(bad))
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad} is outside the star's range or steps"
        );
    }
    let good = app
        .post_form(&processor, &format!("{round}/raters/{rater}"), &values("9"))
        .await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER);
    let rounds = app
        .state
        .app()
        .store()
        .rounds_of(org.id, seeded.id)
        .await
        .expect("rounds");
    let rated = rounds
        .iter()
        .find(|r| round.ends_with(&r.id.to_string()))
        .expect("round");
    assert_eq!(
        rated.raters[0].total,
        Some(350),
        "5 + 6 + 7 + 8 + 9, in tenths"
    );
}

#[tokio::test]
async fn statements_are_read_and_answered_and_a_worry_reaches_the_team_manager() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let manager = app.signed_in(&org.manager).await;
    let (_, worklist) = page(&app, &manager, "/courses").await;
    assert!(
        worklist.contains("1 advarsel") && worklist.contains("1 ulæst besked"),
        "the worry is on the manager's worklist"
    );
    let processor = app.signed_in(&org.processor).await;
    let answered = app
        .post_form(
            &processor,
            &format!("/courses/{}/statements/{}", seeded.id, seeded.statement),
            &[("response", "Tak fordi du skrev. Jeg ringer i eftermiddag.")],
        )
        .await;
    assert_eq!(answered.status(), StatusCode::SEE_OTHER);
    let statements = app
        .state
        .app()
        .store()
        .statements_of(org.id, seeded.id)
        .await
        .expect("statements");
    assert!(statements[0].read_at.is_some());
    assert_eq!(
        statements[0]
            .replies
            .iter()
            .map(|r| r.body.as_str())
            .collect::<Vec<_>>(),
        ["Tak fordi du skrev. Jeg ringer i eftermiddag."]
    );
    assert!(
        statements[0].read_by.is_some(),
        "the receipt names who read it"
    );
    let (_, after) = page(&app, &manager, "/courses").await;
    assert!(!after.contains("ulæst besked"), "read now");
    assert!(
        !app.audit_events(&org.id.to_string(), "statement.answer")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn costs_are_recorded_per_month_and_a_bad_amount_keeps_the_form() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let path = format!("/courses/{}/costs", seeded.id);
    let today = app.state.today().to_string();
    let bad = app
        .post_form(
            &processor,
            &path,
            &[
                ("measure", "Kontaktperson"),
                ("provider", "Kommunen"),
                ("from_date", &today),
                ("monthly_amount", "mange penge"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.text().await.expect("body");
    assert!(body.contains("Skriv hele kroner") && body.contains("Kontaktperson"));
    let good = app
        .post_form(
            &processor,
            &path,
            &[
                ("measure", "Kontaktperson"),
                ("provider", "Kommunen"),
                ("from_date", &today),
                ("monthly_amount", "7.500"),
            ],
        )
        .await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER);
    let costs = app
        .state
        .app()
        .store()
        .costs_of(org.id, seeded.id)
        .await
        .expect("costs");
    assert_eq!(costs.len(), 1);
    assert_eq!(costs[0].monthly_amount, 7500);
    let (_, page_body) = page(&app, &processor, &path).await;
    assert!(page_body.contains("7.500 kr."), "the current monthly cost");
}

#[tokio::test]
async fn the_organizations_rule_set_and_amber_threshold_drive_the_traffic_lights() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let seeded = app.seed_course(&org).await; // aware 60 days ago: the assessment is due in ~2 months
    let processor = app.signed_in(&org.processor).await;
    let course = format!("/courses/{}", seeded.id);
    let (_, before) = page(&app, &processor, &course).await;
    assert!(
        before.contains("tandem-light--green"),
        "not due within 14 days"
    );
    let admin = app.signed_in(&org.admin).await;
    let saved = app
        .post_form(
            &admin,
            "/admin/settings",
            &[
                ("managers_read_courses", "on"),
                ("amber_days", "90"),
                ("rules", "legacy"),
                ("feedback_total_below", "36"),
                ("feedback_item_below", "9"),
                ("legal_bases", "§ 32 Støtte til barn og familie"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, after) = page(&app, &processor, &course).await;
    assert!(
        after.contains("tandem-light--amber") && after.contains("Frist snart"),
        "amber from 90 days before"
    );
    let refused = app
        .post_form(
            &admin,
            "/admin/settings",
            &[
                ("amber_days", "91"),
                ("rules", "legacy"),
                ("feedback_total_below", "36"),
                ("feedback_item_below", "9"),
                ("legal_bases", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.state
            .app()
            .store()
            .course_settings(org.id)
            .await
            .expect("settings")
            .amber_days,
        90,
        "nothing saved"
    );
}

#[tokio::test]
async fn another_courses_rating_round_cannot_be_revealed_through_ones_own_course() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let mine = app.seed_course(&org).await;
    let other = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let crossed = app
        .post_form(
            &processor,
            &format!("/courses/{}/ratings/{}/reveal", mine.id, other.round),
            &[],
        )
        .await;
    assert_eq!(crossed.status(), StatusCode::NOT_FOUND);
    let missing = app
        .post_form(
            &processor,
            &format!(
                "/courses/{}/ratings/{}/reveal",
                mine.id,
                tandem_domain::Id::<tandem_domain::policy::Course>::new()
            ),
            &[],
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let rounds = app
        .state
        .app()
        .store()
        .rounds_of(org.id, other.id)
        .await
        .expect("rounds");
    assert!(
        rounds.iter().all(|r| r.revealed_at.is_none()),
        "the other course's round is still blind"
    );
    // Revealing one's own round works, and a second click changes nothing and is not an error.
    let path = format!("/courses/{}/ratings/{}/reveal", mine.id, mine.round);
    for _ in 0..2 {
        let own = app.post_form(&processor, &path, &[]).await;
        assert_eq!(own.status(), StatusCode::SEE_OTHER);
    }
}

/// A course for a young person born `years` years and `days` days before today.
async fn course_aged(app: &TestApp, client: &reqwest::Client, years: i32, days: i64) -> String {
    let today = app.state.today();
    let birth =
        today.replace_year(today.year() - years).expect("date") - time::Duration::days(days);
    let response = app
        .post_form(
            client,
            "/courses",
            &[
                ("young_person_name", "Sami Aldersen"),
                ("birth_date", &birth.to_string()),
                ("preferred_language", "da"),
                ("legal_basis", "§ 32 Støtte til barn og familie"),
                ("status", "active"),
                (
                    "awareness_date",
                    &(today - time::Duration::days(30)).to_string(),
                ),
                ("assessment_kind", "child_assessment"),
                ("plan_kind", "none"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "course created");
    location(&response)
}

/// The prompts at 16 and 17 name their dates and paragraphs, and the administrators' page lists
/// every rule with its paragraph, linked to the law.
#[tokio::test]
async fn the_youth_plan_and_the_move_to_adulthood_are_prompted_with_their_paragraphs() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let processor = app.signed_in(&org.processor).await;
    let today = app.state.today();
    let show = |d: time::Date| format!("{:02}.{:02}.{}", d.day(), u8::from(d.month()), d.year());

    let sixteen = course_aged(&app, &processor, 16, 10).await;
    let (_, html) = page(&app, &processor, &sixteen).await;
    let birthday = today.replace_year(today.year() - 16).expect("date") - time::Duration::days(10);
    let due = tandem_domain::deadlines::add_months(
        birthday.replace_year(birthday.year() + 16).expect("date"),
        3,
    );
    assert!(
        html.contains(&format!(
            "tag stilling til en ungeplan. Den skal foreligge senest {}.",
            show(due)
        )),
        "{html}"
    );
    assert!(html.contains("(barnets lov § 108, stk. 1 og 3)"));
    assert!(!html.contains("§ 111"), "not yet 17");
    let late = course_aged(&app, &processor, 16, 200).await;
    let (_, html) = page(&app, &processor, &late).await;
    assert!(
        html.contains("er der en ungeplan? Den skulle foreligge senest"),
        "past its date, the prompt asks whether it is there"
    );

    let seventeen = course_aged(&app, &processor, 17, 30).await;
    let (_, html) = page(&app, &processor, &seventeen).await;
    assert!(
        html.contains("Den unge fylder 18 den") && html.contains("(barnets lov § 111, stk. 1)")
    );

    let nineteen = course_aged(&app, &processor, 19, 0).await;
    let (_, html) = page(&app, &processor, &nineteen).await;
    assert!(
        html.contains("Ungestøtte kan gives, til den unge fylder 23")
            && html.contains("(barnets lov §§ 113-116)")
    );
    assert!(
        !html.contains("ungeplan"),
        "past 18: youth support, not the youth plan"
    );

    let admin = app.signed_in(&org.admin).await;
    let (status, rules) = page(&app, &admin, "/admin/rules").await;
    assert_eq!(status, StatusCode::OK);
    for rule in tandem_domain::law::RULES {
        assert!(
            rules.contains(&rule.citation()),
            "{} listed",
            rule.citation()
        );
    }
    assert!(rules.contains("href=\"https://www.retsinformation.dk/eli/lta/2025/282\""));
    assert!(rules.contains("Bisidderen skal være fyldt 15 år"));
    let (status, _) = page(&app, &processor, "/admin/rules").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "for administrators");
}

/// A manager's list holds the team's courses: each row names its processor, and what needs
/// attention comes right after the young person (on a phone, the first column in view). A
/// processor's own list has no processor column.
#[tokio::test]
async fn a_managers_list_names_each_courses_processor_and_puts_attention_first() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    app.seed_course(&org).await;
    let manager = app.signed_in(&org.manager).await;
    let list = manager.get(app.url("/courses")).send().await.expect("list");
    assert_eq!(list.status(), StatusCode::OK);
    let body = list.text().await.expect("body");
    let head = body
        .split("<thead>")
        .nth(1)
        .and_then(|rest| rest.split("</thead>").next())
        .expect("the table's head");
    let at = |word: &str| {
        head.find(word)
            .unwrap_or_else(|| panic!("{word} in {head}"))
    };
    assert!(at("Ung") < at("Kræver opmærksomhed") && at("Kræver opmærksomhed") < at("Næste frist"));
    assert!(head.contains("Procesansvarlig"));
    let processor = app.signed_in(&org.processor).await;
    let own = processor
        .get(app.url("/courses"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("body");
    assert!(
        !own.contains(">Procesansvarlig</th>"),
        "a processor's own list"
    );
}
