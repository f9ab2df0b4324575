//! The young person's own Tandem (issue 20): a rating is eleven tappable steps with the goal's
//! own anchor words, a thank-you at the top, everyone's numbers once all have rated and their
//! own progress per goal; minutes can be disagreed with in their own words, which the processor
//! sees on the meeting and the course summary carries.

mod common;

use common::{Org, SeededCourse, TestApp, spawn_app};
use reqwest::StatusCode;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::{LifeArea, RaterRole, RatingMode};
use tandem_domain::course::work::GoalDetails;

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("sent");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// A goal with the young person's own anchors and a blind round on it for Mia and Pia.
async fn anchored_round(app: &TestApp, org: &Org, course: &SeededCourse) -> (String, String) {
    let text = |s: &str| PlainText::parse(s, 1000).expect("text");
    let (store, now) = (app.state.app().store(), app.state.now());
    let mut tx = store.begin().await.expect("tx");
    let goal = tx
        .insert_goal(
            org.id,
            course.id,
            &GoalDetails {
                own_words: text("Jeg vil sove bedre"),
                author: text("Mia"),
                restatement: None,
                life_area: LifeArea::Health,
                anchor_low: Some(text("jeg sover slet ikke")),
                anchor_high: Some(text("jeg sover hele natten")),
                target_date: None,
            },
            now,
        )
        .await
        .expect("goal");
    let round = tx
        .open_round(
            org.id,
            course.id,
            &tandem_store::ratings::NewRound {
                instrument_key: "goal_scale",
                goal_id: Some(goal),
                meeting_id: None,
                mode: RatingMode::Collaborative,
                opened_by: Some(org.processor.id),
                raters: vec![
                    (RaterRole::YoungPerson, "Mia".into()),
                    (RaterRole::Worker, "Pia".into()),
                ],
            },
            now,
        )
        .await
        .expect("round");
    tx.commit().await.expect("commit");
    let rounds = store.rounds_of(org.id, course.id).await.expect("rounds");
    let worker = rounds
        .iter()
        .find(|r| r.id == round)
        .and_then(|r| r.raters.iter().find(|x| x.role == RaterRole::Worker))
        .expect("worker rater");
    (round.to_string(), worker.id.to_string())
}

#[tokio::test]
async fn the_young_person_taps_a_number_is_thanked_and_sees_everyones_once_all_have_rated() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let (round, worker) = anchored_round(&app, &org, &course).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;

    let (_, home) = page(&app, &mia, "/me").await;
    let form = home
        .split(&format!("action=\"/me/ratings/{round}\""))
        .nth(1)
        .and_then(|rest| rest.split("</form>").next())
        .expect("the round's form");
    assert_eq!(
        form.matches("type=\"radio\"").count(),
        11,
        "eleven tappable steps 0–10: {form}"
    );
    assert!(form.contains("name=\"value-0\" value=\"10\""));
    assert!(
        form.contains("0 = jeg sover slet ikke") && form.contains("10 = jeg sover hele natten"),
        "the goal's own anchor words at both ends"
    );
    assert!(
        home.contains("href=\"#ratings\""),
        "waiting for you: a round to rate"
    );
    assert!(!form.contains("tandem-scale__face"), "numbers only at 15");
    app.set_age(&org, &course, 12).await;
    let (_, youngest) = page(&app, &mia, "/me").await;
    assert_eq!(
        youngest.matches("class=\"tandem-scale__face\"").count(),
        22,
        "a face above each of the eleven steps of both rounds for a 12-year-old"
    );

    let rated = app
        .post_form(&mia, &format!("/me/ratings/{round}"), &[("value-0", "3")])
        .await;
    assert_eq!(rated.status(), StatusCode::SEE_OTHER);
    let back = rated.headers()["location"].to_str().expect("location");
    let (_, thanked) = page(&app, &mia, back).await;
    let top = thanked.split("id=\"waiting\"").next().expect("top");
    assert!(
        top.contains("Tak! Dit tal er gemt.") && top.contains("data-focus"),
        "the thanks is at the top and takes focus"
    );
    assert!(
        !thanked.contains("Pia (medarbejder)"),
        "blind: nobody else's number before everyone has rated"
    );
    assert!(
        thanked.contains("Dine tal for »Jeg vil sove bedre«"),
        "their own number is theirs to see at once"
    );

    let processor = app.signed_in(&org.processor).await;
    let worker_rated = app
        .post_form(
            &processor,
            &format!("/courses/{}/ratings/{round}/raters/{worker}", course.id),
            &[("value-0", "5,5")],
        )
        .await;
    assert_eq!(worker_rated.status(), StatusCode::SEE_OTHER);
    let (_, revealed) = page(&app, &mia, "/me").await;
    let numbers = revealed
        .split("id=\"numbers\"")
        .nth(1)
        .expect("the numbers section");
    assert!(
        numbers.contains("<span>Dig</span> <strong>3</strong>"),
        "{numbers}"
    );
    assert!(
        numbers.contains("Pia (medarbejder)</span> <strong>5,5</strong>"),
        "everyone's numbers in Danish form: {numbers}"
    );
    assert!(
        revealed.contains("href=\"#numbers\""),
        "waiting for you: the revealed round"
    );
    assert!(
        numbers.contains("role=\"img\"") && numbers.contains("først 3, sidst 3"),
        "their progress chart, summarised for screen readers"
    );
}

#[tokio::test]
async fn the_young_person_disagrees_with_minutes_in_their_own_words() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let meeting = app
        .record_shared_minutes(&org, &course, "Mia vil gerne flytte til sin far.")
        .await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let (_, home) = page(&app, &mia, "/me").await;
    assert!(home.contains("Jeg er uenig"));

    let empty = app
        .post_form(
            &mia,
            &format!("/me/meetings/{meeting}/disagree"),
            &[("words", "   ")],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = empty.text().await.expect("body");
    assert!(
        body.contains("Skriv, hvad du er uenig i") && body.contains("data-focus"),
        "the error is summarised at the top and takes focus"
    );

    let words = "Det passer ikke. Jeg sagde, at jeg vil bo hos min mor <script>alert(1)</script>";
    let sent = app
        .post_form(
            &mia,
            &format!("/me/meetings/{meeting}/disagree"),
            &[("words", words)],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let (_, thanked) = page(
        &app,
        &mia,
        sent.headers()["location"].to_str().expect("location"),
    )
    .await;
    assert!(thanked.contains("Din rådgiver kan nu se, at du er uenig"));
    assert!(
        thanked.contains("Du var uenig") && !thanked.contains("<script>alert(1)"),
        "their words shown back, escaped"
    );

    let (_, staff) = page(
        &app,
        &processor,
        &format!("/courses/{}/meetings/{meeting}", course.id),
    )
    .await;
    assert!(staff.contains("Den unge er uenig i referatet"));
    assert!(
        staff.contains("Jeg sagde, at jeg vil bo hos min mor &#60;script&#62;")
            && !staff.contains("<script>alert(1)"),
        "the processor sees the words, inert"
    );
    let (_, summary) = page(&app, &processor, &format!("/courses/{}/summary", course.id)).await;
    assert!(
        summary.contains("Den unge er uenig i referatet")
            && summary.contains("Jeg sagde, at jeg vil bo hos min mor"),
        "the course summary carries the disagreement"
    );
    let (_, log) = page(&app, &mia, "/me/access-log").await;
    assert!(log.contains("var uenig i et referat"), "in plain words");
    let events = app
        .audit_events(&org.id.to_string(), "minutes.disagree")
        .await;
    assert_eq!(events.len(), 1);

    let approved = app
        .post_form(&mia, &format!("/me/meetings/{meeting}/approve"), &[])
        .await;
    assert_eq!(approved.status(), StatusCode::SEE_OTHER);
    let late = app
        .post_form(
            &mia,
            &format!("/me/meetings/{meeting}/disagree"),
            &[("words", "Nu er jeg alligevel uenig")],
        )
        .await;
    assert_eq!(
        late.status(),
        StatusCode::NOT_FOUND,
        "approved minutes are settled"
    );
}

#[tokio::test]
async fn from_fifteen_the_young_person_decides_who_sees_what_and_under_fifteen_is_told_who_does() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let mia = app
        .accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let mormor = app
        .accept(
            &app.invite(&org, &course, &format!("member:{}", course.member))
                .await,
            "mormor.inge",
        )
        .await;

    // Mia is 15: the page has a form per member, and her change is what the member sees.
    let (status, page_15) = page(&app, &mia, "/me/consent").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page_15.contains("Du er fyldt 15 år. Du bestemmer selv"));
    assert!(page_15.contains(&format!("action=\"/me/consent/{}\"", course.member)));
    assert!(
        page_15.contains("Forvaltningsloven § 28"),
        "the rule is cited"
    );
    let saved = app
        .post_form(
            &mia,
            &format!("/me/consent/{}", course.member),
            &[("goals", "on")],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, thanked) = page(
        &app,
        &mia,
        saved.headers()["location"].to_str().expect("location"),
    )
    .await;
    assert!(thanked.contains("Det er gemt") && thanked.contains("data-focus"));
    let members = app
        .state
        .app()
        .store()
        .network_of(org.id, course.id)
        .await
        .expect("network");
    let member = members
        .iter()
        .find(|m| m.id.to_string() == course.member)
        .expect("member");
    assert_eq!(
        (
            member.details.consent.goals,
            member.details.consent.steps,
            member.details.consent.meetings
        ),
        (true, false, false)
    );
    assert_eq!(
        member.details.consent_given_by.as_ref().map(|g| g.as_str()),
        Some("Mia Kanariefugl"),
        "who gave it is recorded"
    );
    let (_, seen_by_member) = page(&app, &mormor, "/me").await;
    assert!(
        seen_by_member.contains("Jeg vil have en ven i klassen"),
        "goals are now in the member's scope"
    );
    assert_eq!(
        app.audit_events(&org.id.to_string(), "network.consent")
            .await
            .len(),
        1
    );
    let (_, log) = page(&app, &mia, "/me/access-log").await;
    assert!(log.contains("ændrede, hvem der må se hvad"));

    // Withdrawing everything ends the member's access.
    let withdrawn = app
        .post_form(&mia, &format!("/me/consent/{}", course.member), &[])
        .await;
    assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER);
    assert_eq!(page(&app, &mormor, "/me").await.0, StatusCode::NOT_FOUND);

    // At 14 the holder of parental authority decides: no form, who decides, and a refusal.
    let processor = app.signed_in(&org.processor).await;
    let recorded = app
        .post_form(
            &processor,
            &format!("/courses/{}/network/parental-authority", course.id),
            &[("authority", "joint")],
        )
        .await;
    assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
    let crafted = app
        .post_form(
            &processor,
            &format!("/courses/{}/network/parental-authority", course.id),
            &[("authority", "the neighbour")],
        )
        .await;
    assert_eq!(crafted.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.set_age(&org, &course, 14).await;
    let (_, page_14) = page(&app, &mia, "/me/consent").await;
    assert!(
        page_14.contains("Du er under 15 år") && page_14.contains("Det er dine forældre sammen.")
    );
    assert!(
        !page_14.contains("action=\"/me/consent/"),
        "no form under 15"
    );
    let refused = app
        .post_form(
            &mia,
            &format!("/me/consent/{}", course.member),
            &[("goals", "on")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let (_, network) = page(&app, &processor, &format!("/courses/{}/network", course.id)).await;
    assert!(network.contains("forældreansvarsloven §§ 1-3"));
}
