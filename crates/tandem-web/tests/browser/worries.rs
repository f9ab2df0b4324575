//! A worry from a phone to a person and back, in a real browser (issue 21): a young person on a
//! 390 px phone sends a worry and sees, where their eye is, by when an adult will have seen it;
//! the processor finds it at the top of the worklist, acknowledges it with what they did and a
//! reply; the young person sees the receipt and the reply. The clock is a Tuesday morning, so
//! the promise is the same on every run.

use tandem_web::WebConfig;
use tandem_web::clock::Clock;
use time::macros::datetime;

use super::{check_current, common, harness};

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn a_worry_goes_from_a_phone_to_a_person_and_the_answer_comes_back() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let config = WebConfig {
        clock: Clock::manual(datetime!(2026-12-01 09:00 UTC)),
        ..WebConfig::default()
    };
    let app = common::spawn_app_with(config, axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    app.accept(&app.invite(&org, &course, "young_person").await, "mia.2014")
        .await;
    let mut failures = Vec::new();
    let phone = harness::VIEWPORTS[0];

    browser.set_viewport(phone).await;
    browser.open(&app.url("/me/login")).await;
    browser.fill("#login_name", "mia.2014").await;
    browser.fill("#password", common::PASSWORD).await;
    browser.submit("/me/login").await;
    browser.set("#topic", "worry").await;
    browser.fill("#text", "Jeg tør ikke gå hjem i dag").await;
    browser.submit("/me/messages").await;
    browser.shot("worry_1_sent_phone").await;
    assert!(
        browser
            .in_view("section[aria-labelledby=message] .alert-success")
            .await,
        "the confirmation is where the eye is"
    );
    let said = browser
        .eval("return document.querySelector('section[aria-labelledby=message] .alert-success').innerText")
        .await;
    assert!(
        said.as_str()
            .unwrap_or_default()
            .contains("senest i dag kl. 11.00"),
        "says by when: {said}"
    );
    browser.open(&app.url("/me?sent=worry")).await;
    failures.extend(check_current(&browser, "da", "worry sent [phone]").await);
    browser
        .eval("document.querySelector(\"form[action='/me/logout']\").submit(); return true;")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    browser.set_viewport(harness::VIEWPORTS[1]).await;
    super::courses::sign_in(&browser, &app, &org.processor.email).await;
    browser.open(&app.url("/courses")).await;
    failures.extend(check_current(&browser, "da", "worklist with a worry [desktop]").await);
    // The newest worry is Mia's (the list is oldest first).
    let newest = browser
        .eval("return [...document.querySelectorAll('.tandem-worries a')].map(a => a.getAttribute('href')).pop()")
        .await;
    let href = newest.as_str().expect("a worry in the list").to_owned();
    browser.open(&app.url(&href)).await;
    failures.extend(check_current(&browser, "da", "worry page [desktop]").await);
    browser.submit(&format!("{href}/acknowledge")).await;
    failures.extend(check_current(&browser, "da", "worry page with errors [desktop]").await);
    browser
        .fill(
            "#what_was_done",
            "Ringede til Mia, hun sover hos sin moster",
        )
        .await;
    browser
        .fill("#reply", "Tak fordi du skrev. Jeg ringer til dig kl. 15.")
        .await;
    browser.submit(&format!("{href}/acknowledge")).await;
    browser.shot("worry_2_acknowledged_desktop").await;
    // Checked again without the fragment, so the keyboard check starts at the top.
    browser.open(&app.url("/courses?acknowledged=1")).await;
    failures.extend(check_current(&browser, "da", "worklist after acknowledging [desktop]").await);
    browser
        .eval("document.querySelector(\"form[action='/logout']\").submit(); return true;")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    browser.set_viewport(phone).await;
    browser.open(&app.url("/me/login")).await;
    browser.fill("#login_name", "mia.2014").await;
    browser.fill("#password", common::PASSWORD).await;
    browser.submit("/me/login").await;
    let thread = browser
        .eval("return document.querySelector('#thread').parentElement.innerText")
        .await;
    let thread = thread.as_str().unwrap_or_default().to_owned();
    assert!(thread.contains("Set af processor Aarhus"), "{thread}");
    assert!(thread.contains("Jeg ringer til dig kl. 15."), "{thread}");
    browser
        .eval("document.querySelector('#thread').scrollIntoView(); return true;")
        .await;
    browser.shot("worry_3_answer_phone").await;
    failures.extend(check_current(&browser, "da", "my messages with an answer [phone]").await);

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
