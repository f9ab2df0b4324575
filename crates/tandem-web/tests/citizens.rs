//! The young person and network members taking part through their own login: invitations (R8),
//! the citizen's own area, staff-internal notes never reaching them (R4), consent scope and
//! revocation (R7), who looked at my data (R17) and download my data (R21).

mod common;

use common::{PASSWORD, TestApp, client, spawn_app};
use reqwest::StatusCode;

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("sent");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

const CANARY: &str = "INTERN-KANARIE-9917";

#[tokio::test]
async fn an_invitation_works_once_and_unknown_used_and_expired_links_look_the_same() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let shown = app
        .post_form(
            &processor,
            &format!("/courses/{}/invitations", course.id),
            &[("who", "young_person")],
        )
        .await
        .text()
        .await
        .expect("body");
    assert!(
        shown.contains("<path d=\"M") && shown.contains("QR-kode"),
        "the link as a QR code"
    );
    let link = app.invite(&org, &course, "young_person").await;
    let (status, form) = page(&app, &client(), &link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Opret mit login"));
    let mia = app.accept(&link, "mia.2010").await;
    let (status, home) = page(&app, &mia, "/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Hej Mia") && home.contains("Jeg vil have en ven i klassen"));

    let (used_status, used) = page(&app, &client(), &link).await;
    let (unknown_status, unknown) =
        page(&app, &client(), &format!("/invitation/{}", "ab".repeat(32))).await;
    assert_eq!(used_status, StatusCode::NOT_FOUND);
    assert_eq!(unknown_status, StatusCode::NOT_FOUND);
    let token = link.trim_start_matches("/invitation/");
    assert_eq!(
        used.replace(token, "TOKEN"),
        unknown.replace(&"ab".repeat(32), "TOKEN"),
        "a used link looks exactly like an unknown one (but for the page's own address)"
    );
    let again = app
        .post_form(
            &client(),
            &link,
            &[
                ("login_name", "someone.else"),
                ("new_password", PASSWORD),
                ("repeat", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "single use");

    // Signing in again later with the chosen name.
    let later = client();
    let signed = app
        .post_form(
            &later,
            "/me/login",
            &[
                ("login_name", "mia.2010"),
                ("password", PASSWORD),
                ("next", "/me"),
            ],
        )
        .await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    assert_eq!(page(&app, &later, "/me").await.0, StatusCode::OK);
    let probe = client();
    let wrong = app
        .post_form(
            &probe,
            "/me/login",
            &[
                ("login_name", "mia.2010"),
                ("password", "forkert kodeord her"),
            ],
        )
        .await;
    let unknown = app
        .post_form(
            &probe,
            "/me/login",
            &[
                ("login_name", "ingen.her"),
                ("password", "forkert kodeord her"),
            ],
        )
        .await;
    assert_eq!(
        wrong.status(),
        unknown.status(),
        "no enumeration of sign-in names"
    );
    assert_eq!(
        wrong
            .text()
            .await
            .expect("body")
            .replace("mia.2010", "NAME"),
        unknown
            .text()
            .await
            .expect("body")
            .replace("ingen.her", "NAME")
    );
}

#[tokio::test]
async fn an_expired_invitation_looks_like_an_unknown_one() {
    let (app, clock) = common::spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let link = app.invite(&org, &course, "young_person").await;
    clock.advance(time::Duration::hours(72));
    let (status, expired) = page(&app, &client(), &link).await;
    let (_, unknown) = page(&app, &client(), &format!("/invitation/{}", "cd".repeat(32))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let token = link.trim_start_matches("/invitation/");
    assert_eq!(
        expired.replace(token, "TOKEN"),
        unknown.replace(&"cd".repeat(32), "TOKEN")
    );
}

#[tokio::test]
async fn the_young_person_adds_a_goal_marks_a_step_done_and_a_worry_alerts_the_processor() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let goal = app
        .post_form(&mia, "/me/goals", &[("own_words", "Jeg vil spille guitar")])
        .await;
    assert_eq!(goal.status(), StatusCode::SEE_OTHER);
    let empty = app
        .post_form(&mia, "/me/goals", &[("own_words", "  ")])
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let done = app
        .post_form(&mia, &format!("/me/steps/{}/done", course.step), &[])
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let worry = app
        .post_form(
            &mia,
            "/me/messages",
            &[("topic", "worry"), ("text", "Jeg tør ikke gå hjem")],
        )
        .await;
    assert_eq!(worry.status(), StatusCode::SEE_OTHER);

    let store = app.state.app().store();
    let goals = store.goals_of(org.id, course.id).await.expect("goals");
    assert!(
        goals
            .iter()
            .any(|g| g.details.own_words.as_str() == "Jeg vil spille guitar"),
        "the goal in own words"
    );
    let steps = store.steps_of(org.id, course.id).await.expect("steps");
    assert_eq!(
        steps[0].status,
        tandem_domain::course::kinds::StepStatus::Done
    );
    let alerts = store.alerts_of(org.id, course.id).await.expect("alerts");
    assert_eq!(
        alerts.iter().filter(|a| a.resolved_at.is_none()).count(),
        2,
        "the seeded worry and the new one"
    );
    let processor = app.signed_in(&org.processor).await;
    let (_, statements) = page(
        &app,
        &processor,
        &format!("/courses/{}/statements", course.id),
    )
    .await;
    assert!(statements.contains("Jeg tør ikke gå hjem"));
    let manager = app.signed_in(&org.manager).await;
    assert!(
        page(&app, &manager, "/courses")
            .await
            .1
            .contains("2 advarsler"),
        "the team manager sees it too"
    );
}

#[tokio::test]
async fn staff_internal_notes_and_other_courses_never_reach_citizens() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let other = app.seed_course(&org).await;
    let mut tx = app.state.app().store().begin().await.expect("tx");
    tx.set_internal_note(org.id, course.id, Some(CANARY))
        .await
        .expect("note");
    tx.commit().await.expect("commit");
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    for path in ["/me", "/me/access-log", "/me/data", "/me/data.json"] {
        let (status, body) = page(&app, &mia, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            !body.contains(CANARY),
            "{path}: no staff-internal note (R4)"
        );
        if path.starts_with("/me/data") {
            assert!(
                !body.contains("Mormor Kanariefugl"),
                "{path}: no third party's name in the download (R21)"
            );
        }
    }
    // Staff pages and another course's records are out of reach: the same 404 as nothing.
    for path in [
        format!("/courses/{}", course.id),
        "/courses".to_owned(),
        "/admin".to_owned(),
    ] {
        assert_eq!(
            page(&app, &mia, &path).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let foreign_step = app
        .post_form(&mia, &format!("/me/steps/{}/done", other.step), &[])
        .await;
    assert_eq!(foreign_step.status(), StatusCode::NOT_FOUND);
    let steps = app
        .state
        .app()
        .store()
        .steps_of(org.id, other.id)
        .await
        .expect("steps");
    assert_ne!(
        steps[0].status,
        tandem_domain::course::kinds::StepStatus::Done,
        "nothing changed"
    );
}

#[tokio::test]
async fn who_looked_at_my_data_equals_the_audit_rows_about_me_without_staff_names() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    page(&app, &processor, &format!("/courses/{}", course.id)).await;
    page(&app, &processor, &format!("/courses/{}/goals", course.id)).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let (_, log) = page(&app, &mia, "/me/access-log").await;
    let rows = app
        .audit_events(&org.id.to_string(), "")
        .await
        .into_iter()
        .filter(|e| {
            e.subject_id.as_deref() == Some(course.id.to_string().as_str())
                && e.outcome == "allowed"
        })
        .count();
    assert_eq!(
        log.matches("<tr><td>").count(),
        rows,
        "one line per audit row about the course"
    );
    assert!(
        log.contains("så dit forløb (forsiden)") && log.contains("så dit forløb (mål)"),
        "what was done, in plain Danish: {log}"
    );
    assert!(
        !log.contains("course overview") && !log.contains("course.read"),
        "no English codes"
    );
    assert!(log.contains("i dag kl. "), "the time as read in Copenhagen");
    assert!(
        !log.contains("processor Aarhus"),
        "staff names are not shown"
    );
}

#[tokio::test]
async fn my_data_download_holds_my_goals_steps_ratings_and_messages() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let response = mia
        .get(app.url("/me/data.json"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    let json: serde_json::Value =
        serde_json::from_str(&response.text().await.expect("body")).expect("json");
    assert_eq!(json["name"], "Mia Kanariefugl");
    assert_eq!(json["goals"][0][0], "Jeg vil have en ven i klassen");
    assert_eq!(json["my_steps"][0][0], "Ring til klubben");
    assert_eq!(json["network"][0], "mormor");
    assert_eq!(json["my_messages"][0][1], "Jeg er bange");
    assert!(
        !app.audit_events(&org.id.to_string(), "citizen.export")
            .await
            .is_empty(),
        "the export is audited"
    );
}

#[tokio::test]
async fn a_network_member_sees_only_their_scope_and_loses_access_when_the_relation_ends() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    // The seeded member has no consent scope: no goals or meetings, only their own steps.
    let mormor = app
        .accept(
            &app.invite(&org, &course, &format!("member:{}", course.member))
                .await,
            "mormor.inge",
        )
        .await;
    let (status, home) = page(&app, &mormor, "/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Hej Mormor Kanariefugl"));
    assert!(
        !home.contains("Jeg vil have en ven i klassen"),
        "goals are outside the scope (R7)"
    );
    assert!(
        !home.contains("/me/goals") && !home.contains("/me/messages"),
        "no young person's forms"
    );
    for path in ["/me/data", "/me/data.json"] {
        assert_eq!(
            page(&app, &mormor, path).await.0,
            StatusCode::NOT_FOUND,
            "{path}: the young person's only"
        );
    }
    let processor = app.signed_in(&org.processor).await;
    let ended = app
        .post_form(
            &processor,
            &format!("/courses/{}/network/{}/end", course.id, course.member),
            &[],
        )
        .await;
    assert_eq!(ended.status(), StatusCode::SEE_OTHER);
    let (status, _) = page(&app, &mormor, "/me").await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "after revocation the same page is 404 (R7)"
    );
    let (status, _) = page(&app, &mormor, "/me").await;
    assert_ne!(status, StatusCode::OK, "and the session is gone");
    let again = app
        .post_form(
            &client(),
            "/me/login",
            &[("login_name", "mormor.inge"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "and the login no longer works"
    );
}

#[tokio::test]
async fn the_young_person_rates_blind_and_low_meeting_feedback_alerts_the_processor() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let (_, home) = page(&app, &mia, "/me").await;
    assert!(
        home.contains(&format!("/me/ratings/{}", course.round)),
        "the pending blind round"
    );
    assert!(
        home.contains(&format!("/me/meetings/{}/feedback", course.meeting)),
        "feedback on today's meeting"
    );
    let refused = app
        .post_form(
            &mia,
            &format!("/me/ratings/{}", course.round),
            &[("value-0", "10.1")],
        )
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "10.1 is refused"
    );
    let rated = app
        .post_form(
            &mia,
            &format!("/me/ratings/{}", course.round),
            &[("value-0", "7")],
        )
        .await;
    assert_eq!(rated.status(), StatusCode::SEE_OTHER);
    let again = app
        .post_form(
            &mia,
            &format!("/me/ratings/{}", course.round),
            &[("value-0", "2")],
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::NOT_FOUND,
        "one number per rater"
    );
    let rounds = app
        .state
        .app()
        .store()
        .rounds_of(org.id, course.id)
        .await
        .expect("rounds");
    let round = rounds
        .iter()
        .find(|r| r.id.to_string() == course.round)
        .expect("round");
    assert_eq!(round.raters[0].values, Some(vec![70]));
    assert!(
        round.revealed_at.is_none(),
        "still blind: the worker has not rated"
    );
    let processor = app.signed_in(&org.processor).await;
    let (_, blind) = page(
        &app,
        &processor,
        &format!("/courses/{}/ratings/{}", course.id, course.round),
    )
    .await;
    assert!(
        !blind.contains("<td>7</td>"),
        "the processor does not see Mia's number yet"
    );

    let feedback = app
        .post_form(
            &mia,
            &format!("/me/meetings/{}/feedback", course.meeting),
            &[
                ("value-0", "9"),
                ("value-1", "9"),
                ("value-2", "9"),
                ("value-3", "8"),
            ],
        )
        .await;
    assert_eq!(feedback.status(), StatusCode::SEE_OTHER);
    let alerts = app
        .state
        .app()
        .store()
        .alerts_of(org.id, course.id)
        .await
        .expect("alerts");
    let low = alerts
        .iter()
        .find(|a| a.kind == tandem_domain::course::kinds::AlertKind::SessionFeedback)
        .expect("a total of 35 alerts the processor");
    assert!(low.detail.starts_with("35 / 40"));
    let (_, overview) = page(&app, &processor, &format!("/courses/{}", course.id)).await;
    assert!(
        overview.contains("Lav mødefeedback"),
        "the processor sees the alert"
    );
}

#[tokio::test]
async fn the_young_person_approves_shared_minutes_and_changes_their_password() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let meeting = app
        .record_shared_minutes(&org, &course, "Vi aftalte, at Mia selv ringer til klubben.")
        .await;
    let link = app.invite(&org, &course, "young_person").await;
    let mia = app.accept(&link, "mia.2010").await;
    let other_device = client();
    let signed = app
        .post_form(
            &other_device,
            "/me/login",
            &[("login_name", "mia.2010"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let (_, home) = page(&app, &mia, "/me").await;
    assert!(
        home.contains("Vi aftalte, at Mia selv ringer til klubben."),
        "the shared minutes"
    );
    assert!(
        home.contains("Mormor Kanariefugl") && home.contains("mormor"),
        "my network"
    );
    let approved = app
        .post_form(&mia, &format!("/me/meetings/{meeting}/approve"), &[])
        .await;
    assert_eq!(approved.status(), StatusCode::SEE_OTHER);
    let twice = app
        .post_form(&mia, &format!("/me/meetings/{meeting}/approve"), &[])
        .await;
    assert_eq!(twice.status(), StatusCode::NOT_FOUND, "approved once");
    let (_, minutes) = page(
        &app,
        &processor,
        &format!("/courses/{}/meetings/{meeting}", course.id),
    )
    .await;
    assert!(
        minutes.contains("Godkendt af den unge"),
        "the processor sees the approval"
    );

    let wrong = app
        .post_form(
            &mia,
            "/me/password",
            &[
                ("current", "ikke min kode her"),
                ("new_password", "et helt nyt langt kodeord"),
                ("repeat", "et helt nyt langt kodeord"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let changed = app
        .post_form(
            &mia,
            "/me/password",
            &[
                ("current", PASSWORD),
                ("new_password", "et helt nyt langt kodeord"),
                ("repeat", "et helt nyt langt kodeord"),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(
        page(&app, &mia, "/me").await.0,
        StatusCode::OK,
        "this session continues"
    );
    assert_ne!(
        page(&app, &other_device, "/me").await.0,
        StatusCode::OK,
        "the other session ended (R12)"
    );
}

#[tokio::test]
async fn a_network_member_invited_to_a_round_rates_through_their_own_login() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let opened = app
        .post_form(
            &processor,
            &format!("/courses/{}/ratings", course.id),
            &[
                ("instrument", "safety_scale"),
                ("mode", "self"),
                (&format!("rater_member_{}", course.member), "on"),
                ("rater_worker", "on"),
            ],
        )
        .await;
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    let round = opened.headers()["location"]
        .to_str()
        .expect("location")
        .rsplit('/')
        .next()
        .expect("id")
        .to_owned();
    let mormor = app
        .accept(
            &app.invite(&org, &course, &format!("member:{}", course.member))
                .await,
            "mormor.inge",
        )
        .await;
    let (_, home) = page(&app, &mormor, "/me").await;
    assert!(
        home.contains(&format!("/me/ratings/{round}")),
        "the member's pending rating"
    );
    assert!(
        !home.contains(&format!("/me/ratings/{}", course.round)),
        "not the young person's round"
    );
    let rated = app
        .post_form(
            &mormor,
            &format!("/me/ratings/{round}"),
            &[("value-0", "6")],
        )
        .await;
    assert_eq!(rated.status(), StatusCode::SEE_OTHER);
    let rounds = app
        .state
        .app()
        .store()
        .rounds_of(org.id, course.id)
        .await
        .expect("rounds");
    let mine = rounds
        .iter()
        .find(|r| r.id.to_string() == round)
        .expect("round");
    assert_eq!(
        mine.raters
            .iter()
            .find(|r| r.member_id.is_some())
            .and_then(|r| r.values.clone()),
        Some(vec![60])
    );
    let feedback = app
        .post_form(
            &mormor,
            &format!("/me/meetings/{}/feedback", course.meeting),
            &[
                ("value-0", "9"),
                ("value-1", "9"),
                ("value-2", "9"),
                ("value-3", "9"),
            ],
        )
        .await;
    assert_eq!(
        feedback.status(),
        StatusCode::NOT_FOUND,
        "meeting feedback is the young person's"
    );
}

#[tokio::test]
async fn the_young_person_rewords_a_goal_and_adds_a_step_of_their_own() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let reworded = app
        .post_form(
            &mia,
            &format!("/me/goals/{}", course.goal),
            &[("own_words", "Jeg vil have to venner i klassen")],
        )
        .await;
    assert_eq!(reworded.status(), StatusCode::SEE_OTHER);
    let step = app
        .post_form(
            &mia,
            "/me/steps",
            &[("description", "Spørge Ali om han vil spille")],
        )
        .await;
    assert_eq!(step.status(), StatusCode::SEE_OTHER);
    let empty = app
        .post_form(&mia, "/me/steps", &[("description", "")])
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let store = app.state.app().store();
    let goals = store.goals_of(org.id, course.id).await.expect("goals");
    assert_eq!(
        goals[0].details.own_words.as_str(),
        "Jeg vil have to venner i klassen"
    );
    let steps = store.steps_of(org.id, course.id).await.expect("steps");
    assert!(
        steps
            .iter()
            .any(|s| s.description == "Spørge Ali om han vil spille"
                && s.owner == tandem_domain::course::work::StepOwner::YoungPerson)
    );
    let other = app.seed_course(&org).await;
    let foreign = app
        .post_form(
            &mia,
            &format!("/me/goals/{}", other.goal),
            &[("own_words", "Ikke mit mål")],
        )
        .await;
    assert_eq!(
        foreign.status(),
        StatusCode::NOT_FOUND,
        "another course's goal is not found"
    );
    let mormor = app
        .accept(
            &app.invite(&org, &course, &format!("member:{}", course.member))
                .await,
            "mormor.inge",
        )
        .await;
    let not_hers = app
        .post_form(&mormor, "/me/steps", &[("description", "x")])
        .await;
    assert_eq!(
        not_hers.status(),
        StatusCode::NOT_FOUND,
        "a network member does not add the young person's steps"
    );
}

#[tokio::test]
async fn a_worry_is_confirmed_beside_the_form_with_what_happens_next_and_where_to_turn_now() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let home = mia.get(app.url("/me")).send().await.expect("sent");
    let html = home.text().await.expect("body");
    // The promise Tandem keeps (issue 21): by when a person has seen it, in office hours or
    // outside them.
    assert!(html.contains("det senest"), "says by when it is seen");
    assert!(
        html.contains("ring 112") && html.contains("BørneTelefonen på 116 111"),
        "where to turn at once, always shown"
    );
    for (topic, expected) in [
        ("worry", "Din bekymring er sendt"),
        ("good_news", "Din besked er sendt til din rådgiver"),
    ] {
        let sent = app
            .post_form(&mia, "/me/messages", &[("topic", topic), ("text", "Hej")])
            .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        let back = sent
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .expect("back to /me")
            .to_owned();
        assert!(back.ends_with("#message"), "back where the eye was: {back}");
        let html = mia
            .get(app.url(&back))
            .send()
            .await
            .expect("sent")
            .text()
            .await
            .expect("body");
        let confirmation = html.find(expected).expect(expected);
        let form = html.find("action=\"/me/messages\"").expect("form");
        let heading = html.find("id=\"message\"").expect("heading");
        assert!(
            heading < confirmation && confirmation < form,
            "{topic}: the confirmation is in the message section, above its form"
        );
    }
}
