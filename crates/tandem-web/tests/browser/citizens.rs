//! The citizens' area in a real browser, on a phone first: every page passes axe in both
//! languages at phone and desktop width and has every control reachable by keyboard, and a young person goes from the invitation link to
//! a goal, a done step, a blind rating and meeting feedback that alerts the processor.

use tandem_web::WebConfig;

use super::{check_current, common, harness};

pub(crate) async fn sign_in_citizen(browser: &harness::Browser, app: &common::TestApp, name: &str) {
    browser.open(&app.url("/me/login")).await;
    browser.fill("#login_name", name).await;
    browser.fill("#password", common::PASSWORD).await;
    browser.submit("/me/login").await;
}

/// Signs out through the header's form (whichever copy the viewport shows).
async fn sign_out(browser: &harness::Browser) {
    browser
        .eval("document.querySelector(\"form[action='/me/logout']\").submit(); return true;")
        .await;
    for _ in 0..40 {
        if browser.eval("return location.pathname").await.as_str() == Some("/me/login") {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("signing out did not reach the sign-in page");
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn every_citizen_page_passes_axe_in_both_languages_on_phone_and_desktop() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let fresh = app.invite(&org, &course, "young_person").await;
    let mia_link = app
        .invite(&org, &course, &format!("member:{}", course.member))
        .await;
    app.accept(&mia_link, "mormor.inge").await;
    let young_link = app.invite(&org, &course, "young_person").await;
    app.accept(&young_link, "mia.2010").await;
    let unused = app.invite(&org, &course, "young_person").await;
    let _ = fresh;
    let mut failures = Vec::new();
    let mut checked = 0;
    for language in ["da", "en"] {
        browser
            .open(&app.url(&format!("/language/{language}?next=/healthz")))
            .await;
        for viewport in harness::VIEWPORTS {
            browser.set_viewport(viewport).await;
            for path in [
                unused.as_str(),
                "/invitation/abababababababababababababababababababababababababababababababab",
                "/me/login",
            ] {
                browser.open(&app.url(path)).await;
                failures.extend(
                    check_current(
                        &browser,
                        language,
                        &format!("{path} [{language}, {}]", viewport.name),
                    )
                    .await,
                );
                for gap in browser.keyboard_gaps().await {
                    failures.push(format!(
                        "{path} [{language}, {}]: not reachable by keyboard: {gap}",
                        viewport.name
                    ));
                }
                checked += 1;
            }
            sign_in_citizen(&browser, &app, "nobody.here").await;
            failures.extend(
                check_current(
                    &browser,
                    language,
                    &format!("/me/login with errors [{language}, {}]", viewport.name),
                )
                .await,
            );
            checked += 1;
            sign_in_citizen(&browser, &app, "mia.2010").await;
            for path in [
                "/me",
                "/me?sent=worry",
                "/me/access-log",
                "/me/consent",
                "/me/data",
                "/me/password",
            ] {
                browser.open(&app.url(path)).await;
                let shown = browser.eval("return location.pathname").await;
                let without_query = path.split(['?', '#']).next();
                assert_eq!(
                    shown.as_str(),
                    without_query,
                    "signed in, {path} must not redirect"
                );
                failures.extend(
                    check_current(
                        &browser,
                        language,
                        &format!("{path} young person [{language}, {}]", viewport.name),
                    )
                    .await,
                );
                for gap in browser.keyboard_gaps().await {
                    failures.push(format!(
                        "{path} [{language}, {}]: not reachable by keyboard: {gap}",
                        viewport.name
                    ));
                }
                checked += 1;
            }
            sign_out(&browser).await;
            sign_in_citizen(&browser, &app, "mormor.inge").await;
            browser.open(&app.url("/me")).await;
            failures.extend(
                check_current(
                    &browser,
                    language,
                    &format!("/me network member [{language}, {}]", viewport.name),
                )
                .await,
            );
            for gap in browser.keyboard_gaps().await {
                failures.push(format!(
                    "/me network member [{language}, {}]: not reachable by keyboard: {gap}",
                    viewport.name
                ));
            }
            checked += 1;
            sign_out(&browser).await;
        }
    }
    let csp = app.state.metrics().csp_violations();
    browser.quit().await;
    app.stop().await;
    assert_eq!(checked, 4 * 11);
    assert_eq!(csp, 0, "Content-Security-Policy violations reported");
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn a_young_person_takes_part_from_the_invitation_on_a_phone() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let mut failures = Vec::new();
    // The processor invites Mia from the course overview and shows her the link and QR code.
    browser.open(&app.url("/login")).await;
    browser.fill("#email", &org.processor.email).await;
    browser.fill("#password", common::PASSWORD).await;
    browser.submit("/login").await;
    browser
        .open(&app.url(&format!("/courses/{}", course.id)))
        .await;
    browser
        .submit(&format!("/courses/{}/invitations", course.id))
        .await;
    // The page is the answer to a POST (the token is shown once), so it is checked once, on the
    // phone the link is usually shown on.
    browser.set_viewport(harness::VIEWPORTS[0]).await;
    failures.extend(check_current(&browser, "da", "invitation shown [phone]").await);
    let qr = browser
        .eval("return document.querySelectorAll('.tandem-qr svg path').length")
        .await;
    assert_eq!(qr.as_u64(), Some(1), "the QR code is drawn");
    let absolute = browser
        .eval("return document.querySelector('#invitation-link').value")
        .await;
    let absolute = absolute.as_str().unwrap_or_default().to_owned();
    let link = absolute[absolute.find("/invitation/").expect("a link")..].to_owned();
    browser
        .eval("document.querySelector(\"form[action='/logout']\").submit(); return true;")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    browser.set_viewport(harness::VIEWPORTS[0]).await;

    browser.open(&app.url(&link)).await;
    failures.extend(check_current(&browser, "da", "invitation [phone]").await);
    browser.fill("#login_name", "mia.2010").await;
    browser.fill("#new_password", common::PASSWORD).await;
    browser.fill("#repeat", common::PASSWORD).await;
    browser.submit(&link).await;
    assert_eq!(
        browser.eval("return location.pathname").await.as_str(),
        Some("/me")
    );
    failures.extend(check_current(&browser, "da", "my course [phone]").await);

    browser
        .fill("#own_words", "Jeg vil spille guitar i et band")
        .await;
    browser.submit("/me/goals").await;
    let goals = browser
        .eval("return document.querySelector('#goals').parentElement.innerText")
        .await;
    assert!(
        goals
            .as_str()
            .unwrap_or_default()
            .contains("Jeg vil spille guitar i et band")
    );

    browser
        .submit(&format!("/me/steps/{}/done", course.step))
        .await;
    let done = browser
        .eval("return document.querySelector('#steps').parentElement.innerText")
        .await;
    assert!(
        done.as_str().unwrap_or_default().contains("Gjort"),
        "the step is done"
    );

    // The rating is eleven steps: tap the 7.
    browser
        .tick(&format!("label[for='round-{}-0-7']", course.round))
        .await;
    browser
        .submit(&format!("/me/ratings/{}", course.round))
        .await;
    for (i, value) in ["9", "9", "9", "8"].into_iter().enumerate() {
        browser.fill(&format!("#feedback-{i}"), value).await;
    }
    browser
        .submit(&format!("/me/meetings/{}/feedback", course.meeting))
        .await;
    failures.extend(check_current(&browser, "da", "after feedback [phone]").await);

    let rounds = app
        .state
        .app()
        .store()
        .rounds_of(org.id, course.id)
        .await
        .expect("rounds");
    let mia = rounds
        .iter()
        .find(|r| r.id.to_string() == course.round)
        .expect("round")
        .raters[0]
        .values
        .clone();
    assert_eq!(mia, Some(vec![70]), "rated 7");
    let alerts = app
        .state
        .app()
        .store()
        .alerts_of(org.id, course.id)
        .await
        .expect("alerts");
    assert!(
        alerts.iter().any(
            |a| a.kind == tandem_domain::course::kinds::AlertKind::SessionFeedback
                && a.detail.starts_with("35")
        ),
        "the feedback total of 35 alerts the processor"
    );

    // The processor sees the alert on the course.
    sign_out(&browser).await;
    browser.open(&app.url("/login")).await;
    browser.fill("#email", &org.processor.email).await;
    browser.fill("#password", common::PASSWORD).await;
    browser.submit("/login").await;
    browser
        .open(&app.url(&format!("/courses/{}", course.id)))
        .await;
    let alerts = browser
        .eval("return document.querySelector('#alerts-heading').parentElement.innerText")
        .await;
    assert!(
        alerts
            .as_str()
            .unwrap_or_default()
            .contains("Lav mødefeedback"),
        "the processor sees the alert"
    );

    // A network member sees only their scope, and after the relation ends the same page is 404.
    let member_link = app
        .invite(&org, &course, &format!("member:{}", course.member))
        .await;
    browser
        .eval("document.querySelector(\"form[action='/logout']\").submit(); return true;")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    browser.open(&app.url(&member_link)).await;
    browser.fill("#login_name", "mormor.inge").await;
    browser.fill("#new_password", common::PASSWORD).await;
    browser.fill("#repeat", common::PASSWORD).await;
    browser.submit(&member_link).await;
    let text = browser
        .eval("return document.querySelector('main').innerText")
        .await;
    let text = text.as_str().unwrap_or_default().to_owned();
    assert!(
        text.contains("Hej Mormor Kanariefugl"),
        "the member's own area"
    );
    assert!(
        !text.contains("Jeg vil spille guitar"),
        "goals are outside the member's consent scope"
    );
    failures.extend(check_current(&browser, "da", "network member [phone]").await);
    let processor = app.signed_in(&org.processor).await;
    let ended = app
        .post_form(
            &processor,
            &format!("/courses/{}/network/{}/end", course.id, course.member),
            &[],
        )
        .await;
    assert_eq!(ended.status().as_u16(), 303);
    browser.open(&app.url("/me")).await;
    let title = browser
        .eval("return document.querySelector('h1').innerText")
        .await;
    assert_eq!(
        title.as_str(),
        Some("Siden findes ikke"),
        "after revocation the same page is 404"
    );

    browser.quit().await;
    app.stop().await;
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
