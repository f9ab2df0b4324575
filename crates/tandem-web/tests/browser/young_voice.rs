//! The young person's own Tandem on a 390 px phone, by keyboard alone (issue 20): they Tab to
//! the rating scale, choose with the arrow keys and send; the thanks is at the top with focus;
//! once the processor has rated too, everyone's numbers are shown; they disagree with shared
//! minutes in their own words; at 15 they change who in their network may see what. Every page on the way passes axe in Danish, and in English once
//! the numbers and the disagreement are there.

use tandem_web::WebConfig;

use super::citizens::sign_in_citizen;
use super::{check_current, common, harness};

/// The focused element's id, before anything else moves focus.
async fn focused(browser: &harness::Browser) -> String {
    browser
        .eval("return document.activeElement ? document.activeElement.id : ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn a_young_person_rates_sees_the_numbers_and_disagrees_by_keyboard_on_a_phone() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let processor = app.signed_in(&org.processor).await;
    let meeting = app
        .record_shared_minutes(&org, &course, "Mia vil gerne skifte skole efter jul.")
        .await;
    app.accept(&app.invite(&org, &course, "young_person").await, "mia.2010")
        .await;
    let mut failures = Vec::new();
    browser.set_viewport(harness::VIEWPORTS[0]).await;
    sign_in_citizen(&browser, &app, "mia.2010").await;
    browser.open(&app.url("/me")).await;
    browser.shot("young_1_waiting_phone").await;
    // At 12 the scale has a face above each number; checked, then back to 15.
    app.set_age(&org, &course, 12).await;
    browser.open(&app.url("/me?age=12#ratings")).await;
    browser.shot("young_1b_faces_at_12_phone").await;
    failures.extend(check_current(&browser, "da", "/me with faces at 12 [phone]").await);
    app.set_age(&org, &course, 15).await;
    browser.open(&app.url("/me")).await;
    failures.extend(check_current(&browser, "da", "/me with a round to rate [phone]").await);

    // Keyboard only: Tab to the scale, the right arrow three times from 0 is 3, Tab to send.
    let scale = format!("round-{}-0", course.round);
    browser
        .eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return true;")
        .await;
    browser
        .tab_until(&format!(
            "e.name === 'value-0' && e.id.startsWith('{scale}-')"
        ))
        .await;
    browser.press("\u{E014}\u{E014}\u{E014}").await;
    let chosen = browser
        .eval(&format!(
            "return document.querySelector(\"input[id^='{scale}-']:checked\").value"
        ))
        .await;
    assert_eq!(
        chosen.as_str(),
        Some("3"),
        "the arrow keys choose on the scale"
    );
    browser.shot("young_2_scale_chosen_phone").await;
    browser
        .tab_until(&format!(
            "e.type === 'submit' && e.form && e.form.action.endsWith('/me/ratings/{}')",
            course.round
        ))
        .await;
    browser.press_and_wait("\u{E007}").await;
    assert_eq!(focused(&browser).await, "thanks", "focus is on the thanks");
    assert!(
        browser.in_view("#thanks").await,
        "the thanks is where the eye is"
    );
    browser.shot("young_3_thanked_phone").await;
    failures.extend(check_current(&browser, "da", "/me thanked for rating [phone]").await);

    // The processor rates too; the numbers are shown to Mia.
    let rounds = app
        .state
        .app()
        .store()
        .rounds_of(org.id, course.id)
        .await
        .expect("rounds");
    let worker = rounds
        .iter()
        .find(|r| r.id.to_string() == course.round)
        .and_then(|r| r.raters.get(1))
        .expect("the worker's rating")
        .id;
    let rated = app
        .post_form(
            &processor,
            &format!(
                "/courses/{}/ratings/{}/raters/{worker}",
                course.id, course.round
            ),
            &[("value-0", "6,5")],
        )
        .await;
    assert_eq!(rated.status().as_u16(), 303);
    browser.open(&app.url("/me#numbers")).await;
    let numbers = browser
        .eval("return document.querySelector('#numbers').parentElement.innerText")
        .await;
    let numbers = numbers.as_str().unwrap_or_default().to_owned();
    assert!(
        numbers.contains("Dig") && numbers.contains('3') && numbers.contains("6,5"),
        "everyone's numbers: {numbers}"
    );
    browser.shot("young_4_numbers_phone").await;
    failures.extend(check_current(&browser, "da", "/me with the numbers [phone]").await);

    // "Jeg er uenig": open it, write, send — by keyboard.
    browser
        .eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return true;")
        .await;
    browser
        .tab_until("e.tagName === 'SUMMARY' && e.innerText.startsWith('Jeg er uenig')")
        .await;
    browser.press("\u{E007}").await;
    browser
        .tab_until(&format!("e.id === 'disagree-{meeting}'"))
        .await;
    browser
        .press("Jeg sagde, at jeg vil skifte efter sommerferien.")
        .await;
    browser
        .tab_until(&format!(
            "e.type === 'submit' && e.form && e.form.action.endsWith('/me/meetings/{meeting}/disagree')"
        ))
        .await;
    browser.press_and_wait("\u{E007}").await;
    assert_eq!(focused(&browser).await, "thanks");
    let minutes = browser
        .eval("return document.querySelector('#minutes').parentElement.innerText")
        .await;
    assert!(
        minutes
            .as_str()
            .unwrap_or_default()
            .contains("skifte efter sommerferien"),
        "their words are shown with the minutes"
    );
    browser.shot("young_5_disagreed_phone").await;
    failures.extend(check_current(&browser, "da", "/me after disagreeing [phone]").await);

    // Who may see what: Mia is 15, so she changes it herself — let her grandmother see her
    // goals: Space ticks the box, Enter on the button saves.
    browser.open(&app.url("/me/consent")).await;
    failures.extend(check_current(&browser, "da", "/me/consent [phone]").await);
    browser
        .eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return true;")
        .await;
    let goals = format!("goals-{}", course.member);
    browser.tab_until(&format!("e.id === '{goals}'")).await;
    browser.press("\u{E00D}").await;
    browser
        .tab_until(&format!(
            "e.type === 'submit' && e.form && e.form.action.endsWith('/me/consent/{}')",
            course.member
        ))
        .await;
    browser.press_and_wait("\u{E007}").await;
    assert_eq!(focused(&browser).await, "thanks");
    browser.shot("young_6_consent_saved_phone").await;
    failures.extend(check_current(&browser, "da", "/me/consent saved [phone]").await);
    let members = app
        .state
        .app()
        .store()
        .network_of(org.id, course.id)
        .await
        .expect("network");
    assert!(
        members
            .iter()
            .any(|m| m.id.to_string() == course.member && m.details.consent.goals),
        "the member may now see the goals"
    );

    for viewport in harness::VIEWPORTS {
        browser.open(&app.url("/language/en?next=/me")).await;
        browser.set_viewport(viewport).await;
        browser.open(&app.url("/me")).await;
        failures.extend(
            check_current(
                &browser,
                "en",
                &format!("/me in English [{}]", viewport.name),
            )
            .await,
        );
        for gap in browser.keyboard_gaps().await {
            failures.push(format!(
                "/me [en, {}]: not reachable by keyboard: {gap}",
                viewport.name
            ));
        }
        browser.open(&app.url("/me/consent")).await;
        failures.extend(
            check_current(
                &browser,
                "en",
                &format!("/me/consent in English [{}]", viewport.name),
            )
            .await,
        );
        for gap in browser.keyboard_gaps().await {
            failures.push(format!(
                "/me [en, {}]: not reachable by keyboard: {gap}",
                viewport.name
            ));
        }
    }
    browser.shot("young_7_english_desktop").await;

    let (_, summary) = {
        let response = processor
            .get(app.url(&format!("/courses/{}/meetings/{meeting}", course.id)))
            .send()
            .await
            .expect("meeting page");
        (response.status(), response.text().await.expect("body"))
    };
    assert!(
        summary.contains("skifte efter sommerferien"),
        "the processor sees it"
    );
    let csp = app.state.metrics().csp_violations();
    browser.quit().await;
    app.stop().await;
    assert_eq!(csp, 0, "Content-Security-Policy violations reported");
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
