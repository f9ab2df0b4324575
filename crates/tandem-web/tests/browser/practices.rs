//! The practices and the three-column view in a real browser: every page passes axe in both languages at phone
//! and desktop width with every control reachable by keyboard (as the team's manager, a
//! processor and the head); and a manager's journey — read the card, open two example stories,
//! start a huddle from them, record two interpretations and a probe, publish "you said, we did"
//! — after which a processor of the team sees it on the campaign's form. axe runs on every page
//! the journey visits.

use tandem_web::WebConfig;

use super::courses::sign_in;
use super::{check_current, common, harness};

/// Opens `path` and checks it, adding what fails to `failures`.
async fn visit(
    browser: &harness::Browser,
    app: &common::TestApp,
    path: &str,
    failures: &mut Vec<String>,
) {
    browser.open(&app.url(path)).await;
    failures.extend(check_current(browser, "da", path).await);
}

/// Checks the page the browser is on (after a click or a form).
async fn check_here(browser: &harness::Browser, what: &str, failures: &mut Vec<String>) {
    failures.extend(check_current(browser, "da", what).await);
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn every_practice_page_passes_axe_in_both_languages_on_phone_and_desktop() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    app.add_stories(&org, &campaign, &common::designed(0)).await;
    let practices = app.seed_practices(&org, &campaign).await;
    for _ in 0..5 {
        app.seed_course(&org).await;
    }
    let team = org.team_id;
    let huddle = format!("/teams/{team}/huddles/{}", practices.huddle);
    let probe = format!("/teams/{team}/probes/{}", practices.probe);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (who, email, pages) in [
        (
            "team manager",
            &org.manager.email,
            vec![
                "/home".to_owned(),
                format!("/teams/{team}/practices"),
                format!("/teams/{team}/huddles/new?story={}", campaign.story),
                huddle.clone(),
                format!("/teams/{team}/probes/new?huddle={}", practices.huddle),
                format!("/teams/{team}/probes/new?mark={}", campaign.mark),
                probe.clone(),
                format!("{probe}?period=week"),
                format!("/teams/{team}/indicators"),
                format!("/teams/{team}/indicators?show=caseload"),
                format!("/teams/{team}/intended-mix"),
                format!("/teams/{team}/decisions"),
                format!("/teams/{team}/management"),
            ],
        ),
        (
            "processor",
            &org.processor.email,
            vec![
                "/home".to_owned(),
                format!("/teams/{team}/practices"),
                huddle.clone(),
                format!("/teams/{team}/indicators"),
                format!("/teams/{team}/decisions"),
            ],
        ),
        (
            "head of department",
            &org.head.email,
            vec![
                "/home".to_owned(),
                format!("/teams/{team}/practices"),
                probe.clone(),
                "/indicators".to_owned(),
                "/indicators/over-time".to_owned(),
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
    assert_eq!(checked, 4 * 23);
    super::finish(browser, app, &failures).await;
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn a_manager_leads_from_the_card_to_you_said_we_did_and_staff_see_it() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    app.add_stories(&org, &campaign, &common::designed(0)).await;
    let mut failures = Vec::new();
    sign_in(&browser, &app, &org.manager.email).await;

    // The card on the manager's home, and two of its example stories.
    visit(&browser, &app, "/home", &mut failures).await;
    let examples = browser
        .eval(
            "return [...document.querySelectorAll('#card-heading ~ form input[name=story]')]\
             .map(e => e.value)",
        )
        .await;
    let examples: Vec<String> = examples
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    assert!(examples.len() >= 2, "the card offers example stories");
    for story in &examples[..2] {
        browser
            .click_and_wait(&format!("a[href$='/stories/{story}']"))
            .await;
        check_here(&browser, "an example story", &mut failures).await;
        let text = browser
            .eval("return document.querySelector('h1').textContent")
            .await;
        assert!(
            text.as_str().is_some_and(|t| !t.is_empty()),
            "the story's page"
        );
        browser.client.back().await.expect("back");
    }
    browser.open(&app.url("/home")).await;
    for story in &examples[..2] {
        browser.tick(&format!("#pick-{story}")).await;
    }
    browser
        .click_and_wait(&format!(
            "form[action='/teams/{}/huddles/new'] button[type='submit']",
            org.team_id
        ))
        .await;
    check_here(&browser, "the new huddle's form", &mut failures).await;
    let ticked = browser
        .eval("return document.querySelectorAll('input[name=story]:checked').length")
        .await;
    assert_eq!(ticked.as_u64(), Some(2), "both stories come along");
    browser.fill("#topic", "Hvem bestemmer på mødet?").await;
    browser.set("#voice_processor", "4").await;
    browser.set("#voice_network", "1").await;
    browser
        .submit(&format!("/teams/{}/huddles", org.team_id))
        .await;
    check_here(&browser, "the huddle", &mut failures).await;
    let huddle = browser.eval("return location.pathname").await;
    let huddle = huddle.as_str().expect("a path").to_owned();
    assert!(huddle.contains("/huddles/"), "{huddle}");

    for (voice, words) in [
        ("processor", "Vi besluttede for hende før mødet."),
        ("network", "Mor følte sig ikke hørt."),
    ] {
        browser.set("#voice", voice).await;
        browser.fill("#interpretation", words).await;
        browser.submit(&format!("{huddle}/interpretations")).await;
        check_here(&browser, "the huddle with an interpretation", &mut failures).await;
    }
    let interpretations = browser
        .eval("return document.getElementById('interpretations').nextElementSibling.querySelectorAll('li').length")
        .await;
    assert_eq!(interpretations.as_u64(), Some(2));

    // A probe from the huddle.
    browser
        .click_and_wait(&format!(
            "a[href^='/teams/{}/probes/new?huddle=']",
            org.team_id
        ))
        .await;
    check_here(&browser, "the new probe's form", &mut failures).await;
    browser.fill("#title", "Den unge leder netværksmødet").await;
    browser
        .fill(
            "#hypothesis",
            "De unge siger mere, når de selv leder mødet.",
        )
        .await;
    browser
        .fill("#success_signal", "Flere mål med egne ord")
        .await;
    browser.fill("#failure_signal", "Aflyste møder").await;
    browser
        .submit(&format!("/teams/{}/probes", org.team_id))
        .await;
    check_here(&browser, "the probe", &mut failures).await;
    let probe = browser.eval("return location.pathname").await;
    assert!(
        probe.as_str().is_some_and(|p| p.contains("/probes/")),
        "{probe}"
    );

    // "You said, we did" to the campaign.
    browser.set("#campaign", &campaign.id).await;
    browser
        .fill("#said", "Møderne handler om jer, uden jer.")
        .await;
    browser
        .fill("#did", "Nu leder de unge selv deres netværksmøder.")
        .await;
    browser
        .submit(&format!("/teams/{}/outcomes", org.team_id))
        .await;
    check_here(&browser, "the probe after publishing", &mut failures).await;
    let status = browser
        .eval("return document.querySelector('[role=status]').textContent")
        .await;
    assert!(
        status
            .as_str()
            .is_some_and(|s| s.contains("Offentliggjort")),
        "{status}"
    );

    // A processor of the team sees it on the campaign's form.
    browser
        .client
        .delete_all_cookies()
        .await
        .expect("signed out");
    sign_in(&browser, &app, &org.processor.email).await;
    visit(
        &browser,
        &app,
        &format!("/campaigns/{}/tell", campaign.id),
        &mut failures,
    )
    .await;
    let said = browser
        .eval("return document.getElementById('you-said-heading').parentElement.textContent")
        .await;
    assert!(
        said.as_str()
            .is_some_and(|s| s.contains("Nu leder de unge selv deres netværksmøder.")),
        "{said}"
    );
    super::finish(browser, app, &failures).await;
}
