//! The processor's workspace in a real browser: every course page passes axe in both languages
//! on a phone and a desktop, and a whole course is run through the forms — create, three network
//! members, a goal in own words, two steps with different owners, a network meeting with
//! attendance and a new step, a blind round with two raters — ending at the progress chart.

use tandem_web::WebConfig;

use super::{check_current, common, harness};

/// Course pages as the assigned processor sees them (ids filled in at run time).
const COURSE_PAGES: &[&str] = &[
    "/courses",
    "/courses/new",
    "/courses/{course}",
    "/courses/{course}/edit",
    "/courses/{course}/network",
    "/courses/{course}/goals",
    "/courses/{course}/goals/{goal}",
    "/courses/{course}/steps",
    "/courses/{course}/meetings",
    "/courses/{course}/meetings/new",
    "/courses/{course}/meetings/{meeting}",
    "/courses/{course}/ratings/new",
    "/courses/{course}/ratings/{round}",
    "/courses/{course}/statements",
    "/courses/{course}/worries/{alert}",
    "/account/absence",
    "/courses/{course}/costs",
    "/courses/{course}/summary",
];

pub(super) async fn sign_in(browser: &harness::Browser, app: &common::TestApp, email: &str) {
    browser.open(&app.url("/login")).await;
    browser.fill("#email", email).await;
    browser.fill("#password", common::PASSWORD).await;
    browser.submit("/login").await;
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn every_course_page_passes_axe_in_both_languages_on_phone_and_desktop() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    sign_in(&browser, &app, &org.processor.email).await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for language in ["da", "en"] {
        browser
            .open(&app.url(&format!("/language/{language}?next=/healthz")))
            .await;
        for viewport in harness::VIEWPORTS {
            browser.set_viewport(viewport).await;
            for template in COURSE_PAGES {
                let path = template
                    .replace("{course}", &course.id.to_string())
                    .replace("{goal}", &course.goal)
                    .replace("{meeting}", &course.meeting)
                    .replace("{round}", &course.round)
                    .replace("{alert}", &course.alert);
                browser.open(&app.url(&path)).await;
                let shown = browser.eval("return location.pathname").await;
                assert_eq!(
                    shown.as_str(),
                    Some(path.as_str()),
                    "{path} must not redirect"
                );
                failures.extend(
                    check_current(
                        &browser,
                        language,
                        &format!("{path} [{language}, {}]", viewport.name),
                    )
                    .await,
                );
                checked += 1;
            }
            // The course form with errors.
            browser.open(&app.url("/courses/new")).await;
            browser.submit("/courses").await;
            let invalid = browser
                .eval("return document.querySelectorAll('[aria-invalid=true]').length")
                .await;
            assert!(
                invalid.as_u64().unwrap_or(0) >= 2,
                "the empty course form shows its errors"
            );
            failures.extend(
                check_current(
                    &browser,
                    language,
                    &format!("/courses with errors [{language}, {}]", viewport.name),
                )
                .await,
            );
            checked += 1;
        }
    }
    // The administrator's instrument and settings pages.
    sign_in(&browser, &app, &org.admin.email).await;
    for language in ["da", "en"] {
        browser
            .open(&app.url(&format!("/language/{language}?next=/healthz")))
            .await;
        for viewport in harness::VIEWPORTS {
            browser.set_viewport(viewport).await;
            for path in [
                "/admin/instruments",
                "/admin/settings",
                "/admin/worries",
                "/admin/rules",
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
                checked += 1;
            }
        }
    }
    let csp = app.state.metrics().csp_violations();
    browser.quit().await;
    app.stop().await;
    assert_eq!(checked, 4 * (COURSE_PAGES.len() + 1) + 4 * 4);
    assert_eq!(csp, 0, "Content-Security-Policy violations reported");
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Checks the page at a phone's and a desktop's width, each freshly loaded (without a fragment)
/// so the keyboard check starts from the top of the page.
async fn check_both(browser: &harness::Browser, failures: &mut Vec<String>, what: &str) {
    let here = browser
        .eval("return location.origin + location.pathname + location.search")
        .await;
    let here = here.as_str().unwrap_or_default().to_owned();
    for viewport in harness::VIEWPORTS {
        browser.set_viewport(viewport).await;
        browser.open(&here).await;
        failures.extend(check_current(browser, "da", &format!("{what} [{}]", viewport.name)).await);
    }
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn a_processor_runs_a_course_in_the_browser_up_to_the_progress_chart() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let mut failures = Vec::new();
    sign_in(&browser, &app, &org.processor.email).await;
    browser.open(&app.url("/courses")).await;
    check_both(&browser, &mut failures, "worklist").await;

    // Create the course.
    browser.click_and_wait("a[href='/courses/new']").await;
    check_both(&browser, &mut failures, "new course").await;
    let today = app.state.today();
    browser.fill("#young_person_name", "Mia Browsersen").await;
    browser
        .set(
            "#birth_date",
            &today
                .replace_year(today.year() - 15)
                .expect("date")
                .to_string(),
        )
        .await;
    browser
        .set(
            "#awareness_date",
            &(today - time::Duration::days(20)).to_string(),
        )
        .await;
    browser.set("#status", "active").await;
    browser.submit("/courses").await;
    let course = browser
        .eval("return location.pathname")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        course.starts_with("/courses/") && course.len() == 45,
        "the overview after creating: {course}"
    );
    check_both(&browser, &mut failures, "overview").await;

    // Three network members.
    for (name, relation, sector) in [
        ("Mormor Else", "mormor", "family"),
        ("Jonas", "bedste ven", "friends"),
        ("Karin", "klasselærer", "school_work"),
    ] {
        browser.open(&app.url(&format!("{course}/network"))).await;
        browser.fill("#name", name).await;
        browser.fill("#relation", relation).await;
        browser.set("#sector", sector).await;
        if name == "Jonas" {
            browser.tick("#stressful").await;
        }
        browser.submit(&format!("{course}/network")).await;
    }
    let rows = browser
        .eval("return document.querySelectorAll('#members ~ div table tbody tr').length")
        .await;
    assert_eq!(rows.as_u64(), Some(3), "three members in the table");
    let circles = browser
        .eval("return document.querySelectorAll('.tandem-ecomap circle').length")
        .await;
    assert_eq!(
        circles.as_u64(),
        Some(4),
        "three relations and the young person on the eco-map"
    );
    let stress = browser
        .eval("return document.querySelectorAll('.tandem-ecomap line[stroke=\"#b51d09\"]').length")
        .await;
    assert_eq!(
        stress.as_u64(),
        Some(2),
        "two strokes mark the stressful relation"
    );
    check_both(&browser, &mut failures, "network").await;

    // A goal in own words.
    browser.open(&app.url(&format!("{course}/goals"))).await;
    browser
        .fill("#own_words", "Jeg vil gerne komme i skole hver dag")
        .await;
    browser.fill("#anchor_low", "Jeg kommer aldrig").await;
    browser.fill("#anchor_high", "Hver dag").await;
    browser.submit(&format!("{course}/goals")).await;
    let goal = browser
        .eval("return location.pathname")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(goal.contains("/goals/"), "the goal's page after adding it");

    // Two steps with different owners.
    browser.open(&app.url(&format!("{course}/steps"))).await;
    browser.fill("#description", "Stå op kl. 7").await;
    browser.set("#owner", "young_person").await;
    browser.submit(&format!("{course}/steps")).await;
    let mormor = browser
        .eval("return [...document.querySelectorAll('#owner option')].find(o => o.text.startsWith('Mormor')).value")
        .await;
    browser.fill("#description", "Følge Mia til bussen").await;
    browser
        .set("#owner", mormor.as_str().unwrap_or_default())
        .await;
    browser.submit(&format!("{course}/steps")).await;
    let columns = browser
        .eval("return document.querySelectorAll('.tandem-column').length")
        .await;
    assert_eq!(
        columns.as_u64(),
        Some(2),
        "the board groups the steps by owner"
    );
    check_both(&browser, &mut failures, "steps").await;

    // A network meeting with attendance and a new step.
    browser
        .open(&app.url(&format!("{course}/meetings/new")))
        .await;
    check_both(&browser, &mut failures, "new meeting").await;
    browser
        .fill("#views_own_words", "Jeg vil selv bestemme, hvem der kommer")
        .await;
    browser.eval("document.querySelectorAll('select[id^=attend_]').forEach((s, i) => { s.value = i === 2 ? 'absent' : 'in_person'; }); return true;").await;
    browser
        .fill("#new_step_description", "Jonas ringer om morgenen")
        .await;
    let jonas = browser
        .eval("return [...document.querySelectorAll('#new_step_owner option')].find(o => o.text.startsWith('Jonas')).value")
        .await;
    browser
        .set("#new_step_owner", jonas.as_str().unwrap_or_default())
        .await;
    browser.submit(&format!("{course}/meetings")).await;
    let text = browser
        .eval("return document.querySelector('main').innerText")
        .await;
    let text = text.as_str().unwrap_or_default();
    assert!(
        text.contains("Jonas ringer om morgenen")
            && text.contains("Mormor Else: Kom ikke")
            && text.contains("Karin: Fremmøde"),
        "meeting recorded: {text}"
    );
    check_both(&browser, &mut failures, "meeting").await;

    // A blind rating round with two raters.
    browser.open(&app.url(&goal)).await;
    browser.click_and_wait("a[href*='/ratings/new']").await;
    check_both(&browser, &mut failures, "new rating round").await;
    browser.submit(&format!("{course}/ratings")).await;
    let round = browser
        .eval("return location.pathname")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let first_form = browser
        .eval("return document.querySelector('form[action*=\"/raters/\"]').getAttribute('action')")
        .await;
    let first_form = first_form.as_str().unwrap_or_default().to_owned();
    browser
        .fill(
            &format!("form[action='{first_form}'] input[name='value-0']"),
            "4",
        )
        .await;
    browser.submit(&first_form).await;
    let hidden = browser
        .eval("return document.querySelector('main table').innerText")
        .await;
    assert!(
        !hidden.as_str().unwrap_or_default().contains('4'),
        "blind: the first value is hidden"
    );
    check_both(&browser, &mut failures, "blind round").await;
    let second_form = browser
        .eval("return document.querySelector('form[action*=\"/raters/\"]').getAttribute('action')")
        .await;
    let second_form = second_form.as_str().unwrap_or_default().to_owned();
    browser
        .fill(
            &format!("form[action='{second_form}'] input[name='value-0']"),
            "6",
        )
        .await;
    browser.submit(&second_form).await;
    assert_eq!(
        browser.eval("return location.pathname").await.as_str(),
        Some(round.as_str())
    );
    let shown = browser
        .eval("return document.querySelector('main table').innerText")
        .await;
    assert!(
        shown.as_str().unwrap_or_default().contains('4'),
        "revealed once both have rated"
    );
    browser
        .fill("#reflection", "Mia: jeg kom tre dage i sidste uge")
        .await;
    browser.submit(&format!("{round}/reflection")).await;
    check_both(&browser, &mut failures, "revealed round").await;

    // The progress chart.
    browser.open(&app.url(&goal)).await;
    let lines = browser
        .eval("return document.querySelectorAll('.tandem-chart polyline').length")
        .await;
    assert_eq!(lines.as_u64(), Some(2), "a line per rater role");
    check_both(&browser, &mut failures, "progress chart").await;

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
