//! The reflective practices in a real browser: the good-enough story (with two versions, so the
//! changes are drawn), vocabulary with its uptake chart, cues, dilemma rounds, retrospectives,
//! the weekly pulse and the monthly identity check-in
//! pass axe in both languages at phone and desktop width, with every control reachable by
//! keyboard, for the team's manager, a processor and the head of department.

use tandem_domain::practice::reflection::Rhythm;
use tandem_web::WebConfig;

use super::courses::sign_in;
use super::{common, harness};

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn every_reflective_practice_page_passes_axe_in_both_languages_on_phone_and_desktop() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    app.add_stories(&org, &campaign, &common::designed(0)).await;
    let practices = app.seed_practices(&org, &campaign).await;
    // A second version, so the page shows what changed.
    let mut tx = app.state.app().store().begin().await.expect("tx");
    let text = |s: &str| tandem_domain::PlainText::parse(s, 200).expect("text");
    tx.write_account_version(
        org.id,
        org.team_id,
        (
            &text("We plan with families, and young people chair."),
            &text("A trigger was met"),
            app.state.today(),
        ),
        org.manager.id,
        app.state.now(),
    )
    .await
    .expect("version");
    // The seeded campaign carries the pulse and the identity check-in.
    for rhythm in [Rhythm::Pulse, Rhythm::Identity] {
        let campaign = tandem_domain::Id::parse(&campaign.id).expect("id");
        tx.set_rhythm_campaign(
            org.id,
            org.team_id,
            (rhythm, campaign, app.state.today()),
            org.manager.id,
        )
        .await
        .expect("rhythm");
    }
    tx.commit().await.expect("commit");
    let team = org.team_id;
    let round = format!("/teams/{team}/dilemmas/{}", practices.dilemma);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (who, email, pages) in [
        (
            "team manager",
            &org.manager.email,
            vec![
                format!("/teams/{team}/good-enough-story"),
                format!("/teams/{team}/good-enough-story?version=1"),
                format!("/teams/{team}/vocabulary"),
                format!("/teams/{team}/cues"),
                format!("/teams/{team}/dilemmas"),
                round.clone(),
                format!("/teams/{team}/retrospectives"),
                format!("/teams/{team}/pulse"),
                format!("/teams/{team}/identity"),
            ],
        ),
        (
            "processor",
            &org.processor.email,
            vec![
                format!("/teams/{team}/good-enough-story"),
                format!("/teams/{team}/vocabulary"),
                format!("/teams/{team}/cues"),
                format!("/teams/{team}/retrospectives"),
                format!("/teams/{team}/pulse"),
            ],
        ),
        (
            "head of department",
            &org.head.email,
            vec![
                format!("/teams/{team}/good-enough-story"),
                round.clone(),
                format!("/teams/{team}/retrospectives"),
            ],
        ),
    ] {
        browser
            .client
            .delete_all_cookies()
            .await
            .expect("signed out");
        sign_in(&browser, &app, email).await;
        checked += super::stories::sweep(&browser, &app, &pages, who, &mut failures).await;
    }
    assert_eq!(checked, 4 * 17);
    super::finish(browser, app, &failures).await;
}
