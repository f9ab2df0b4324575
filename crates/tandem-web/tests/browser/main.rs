//! The accessibility sweep: every page, in both languages, on a phone and a desktop, through
//! real headless Chromium with axe-core. Fails on any WCAG 2.1 A/AA violation, on any
//! Content-Security-Policy violation, and when a page is not usable by keyboard or overflows a
//! phone screen.
//!
//! Run by the test script as its browser stage (`cargo test -p tandem-web --test browser --
//! --ignored`). Later features add their pages to [`PAGES`].

mod citizens;
#[path = "../common/mod.rs"]
mod common;
mod courses;
mod harness;
mod practices;
mod reflection;
mod stories;
mod worries;
mod young_voice;

use std::time::Duration;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tandem_web::WebConfig;

/// Pages anyone can open, with the status each must answer.
const PUBLIC_PAGES: &[(&str, u16)] = &[
    ("/", 200),
    ("/login", 200),
    ("/tour", 200),
    ("/no/such/page", 404),
    // The 500 page, from a test-only route that panics.
    ("/test/boom", 500),
];

/// Pages of a signed-in administrator (ids filled in at run time).
const ADMIN_PAGES: &[&str] = &[
    "/home",
    "/account/password",
    "/login/confirm",
    "/admin",
    "/admin/users",
    "/admin/users/new",
    "/admin/users/{user_id}",
    "/admin/teams",
    "/admin/audit",
];

async fn boom() -> &'static str {
    panic!("deliberate failure for the 500 page")
}

fn test_routes() -> Router<tandem_web::AppState> {
    Router::new()
        .route("/test/boom", get(boom))
        // Inline script: the CSP must block it and the browser must report it.
        .route(
            "/test/inline-script",
            get(|| async {
                (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><main><h1>x</h1><script>document.title='ran'</script></main></body></html>",
                )
                    .into_response()
            }),
        )
}

/// Ends a browser test: closes the browser and the app, then fails on any Content-Security-Policy
/// violation the app was told of and on any problem collected along the way.
pub(crate) async fn finish(browser: harness::Browser, app: common::TestApp, failures: &[String]) {
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

/// Checks the page the browser shows; returns its problems.
pub(crate) async fn check_current(
    browser: &harness::Browser,
    language: &str,
    context: &str,
) -> Vec<String> {
    let mut failures = Vec::new();
    let lang = browser.eval("return document.documentElement.lang").await;
    if lang.as_str() != Some(language) {
        failures.push(format!("{context}: <html lang> is {lang}"));
    }
    for violation in browser.axe().await {
        failures.push(format!("{context}: {violation:?}"));
    }
    let overflow = browser
        .eval("return document.documentElement.scrollWidth > window.innerWidth")
        .await;
    if overflow.as_bool() == Some(true) {
        failures.push(format!(
            "{context}: wider than the screen (horizontal scrolling)"
        ));
    }
    // Every file the page loaded answered (Chrome reports each resource's status); a font's
    // fallback or an icon answering 404 on every page was once missed.
    let failed = browser
        .eval(
            "return performance.getEntriesByType('resource')\
             .filter(e => e.responseStatus >= 400).map(e => e.name)",
        )
        .await;
    if failed.as_array().is_some_and(|a| !a.is_empty()) {
        failures.push(format!(
            "{context}: resources that failed to load: {failed}"
        ));
    }
    // The language switcher is drawn inside the page (it was pulled above its top on desktops;
    // measured from the top of the document, as a check may find the page scrolled),
    // and no alert keeps an empty gutter for an icon it does not have.
    let clipped = browser
        .eval(
            "const a = document.querySelector('.language-switcher a');\
             return a !== null && a.getBoundingClientRect().top + window.scrollY < 0",
        )
        .await;
    if clipped.as_bool() == Some(true) {
        failures.push(format!(
            "{context}: the language switcher is drawn above the window"
        ));
    }
    let gutters = browser
        .eval(
            "return [...document.querySelectorAll('.alert')]\
             .filter(a => !a.querySelector('.alert-icon'))\
             .filter(a => parseFloat(getComputedStyle(a).paddingLeft) > 40).length",
        )
        .await;
    if gutters.as_u64().is_some_and(|n| n > 0) {
        failures.push(format!(
            "{context}: {gutters} alert(s) with an empty icon gutter"
        ));
    }
    for problem in browser.chart_problems().await {
        failures.push(format!("{context}: chart: {problem}"));
    }
    let first_tab = browser.first_tab_stop().await;
    if !first_tab.contains("skipnav") {
        failures.push(format!(
            "{context}: first Tab focuses {first_tab:?}, not the skip link"
        ));
    }
    let dkfds = browser.eval("return typeof window.DKFDS").await;
    if dkfds.as_str() != Some("object") {
        failures.push(format!(
            "{context}: the design system's script did not load ({dkfds})"
        ));
    }
    // For people reviewing the pages: TANDEM_SCREENSHOTS=DIR saves each whole page checked.
    let name: String = context
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    browser.shot(&name).await;
    failures
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn every_page_passes_axe_in_both_languages_on_phone_and_desktop() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), test_routes()).await;
    let org = app.seed_org("Aarhus").await;
    let now = app.state.now();
    let mut tx = app.state.app().store().begin().await.expect("tx");
    let token = tx
        .insert_password_link(org.id, org.target.id, now, now + time::Duration::hours(72))
        .await
        .expect("link");
    tx.commit().await.expect("commit");
    let set_password = format!("/set-password/{token}");
    let mut failures = Vec::new();
    let mut checked = 0;

    for language in ["da", "en"] {
        browser
            .open(&app.url(&format!("/language/{language}?next=/healthz")))
            .await;
        for viewport in harness::VIEWPORTS {
            browser.set_viewport(viewport).await;
            let mut pages: Vec<(String, u16)> = PUBLIC_PAGES
                .iter()
                .map(|(p, s)| ((*p).to_owned(), *s))
                .collect();
            pages.push((set_password.clone(), 200));
            for (path, expected) in &pages {
                let status = app.get(path).await.status().as_u16();
                assert_eq!(status, *expected, "{path} answered {status}");
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
            // The sign-in form after a failed attempt (error summary, invalid field).
            browser.open(&app.url("/login")).await;
            browser.fill("#email", &org.admin.email).await;
            browser.fill("#password", "not the password").await;
            browser.submit("/login").await;
            let invalid = browser
                .eval("return document.querySelectorAll('[aria-invalid=true]').length")
                .await;
            assert_eq!(
                invalid.as_u64(),
                Some(1),
                "the failed sign-in shows the form with its error"
            );
            failures.extend(
                check_current(
                    &browser,
                    language,
                    &format!("/login with errors [{language}, {}]", viewport.name),
                )
                .await,
            );
            checked += 1;
        }
    }

    // Signed in as the administrator.
    browser.open(&app.url("/login")).await;
    browser.fill("#email", &org.admin.email).await;
    browser.fill("#password", common::PASSWORD).await;
    browser.submit("/login").await;
    let after = browser.eval("return location.pathname").await;
    assert_eq!(
        after.as_str(),
        Some("/home"),
        "the browser signed in through the form"
    );
    for language in ["da", "en"] {
        browser
            .open(&app.url(&format!("/language/{language}?next=/healthz")))
            .await;
        for viewport in harness::VIEWPORTS {
            browser.set_viewport(viewport).await;
            for path in ADMIN_PAGES {
                let path = path.replace("{user_id}", &org.processor.id.to_string());
                browser.open(&app.url(&path)).await;
                let shown = browser.eval("return location.pathname").await;
                assert_eq!(
                    shown.as_str(),
                    Some(path.as_str()),
                    "signed in, {path} must not redirect"
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
            // The add-user form after an empty submission.
            browser.open(&app.url("/admin/users/new")).await;
            browser.submit("/admin/users").await;
            let invalid = browser
                .eval("return document.querySelectorAll('[aria-invalid=true]').length")
                .await;
            assert!(
                invalid.as_u64().unwrap_or(0) >= 2,
                "the empty form shows its errors"
            );
            failures.extend(
                check_current(
                    &browser,
                    language,
                    &format!("/admin/users with errors [{language}, {}]", viewport.name),
                )
                .await,
            );
            checked += 1;
        }
    }

    // On a phone, the signed-in person can sign out from the navigation.
    browser.set_viewport(harness::VIEWPORTS[0]).await;
    browser.open(&app.url("/home")).await;
    let visible = browser
        .eval("const b = document.querySelector('nav .d-lg-none button'); return !!b && b.offsetParent !== null;")
        .await;
    assert_eq!(
        visible.as_bool(),
        Some(true),
        "the sign-out button is visible on a phone"
    );
    browser.click_and_wait("nav .d-lg-none button").await;
    let after = browser.eval("return location.pathname").await;
    assert_eq!(
        after.as_str(),
        Some("/login"),
        "signed out from the phone navigation"
    );

    // Reports are posted asynchronously; give the last ones a moment to arrive.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let csp = app.state.metrics().csp_violations();
    if csp > 0 {
        failures.push(format!(
            "{csp} Content-Security-Policy violation(s) reported"
        ));
    }
    browser.quit().await;
    app.stop().await;
    assert_eq!(
        checked,
        4 * (PUBLIC_PAGES.len() + 2) + 4 * (ADMIN_PAGES.len() + 1)
    );
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn the_harness_catches_a_deliberately_broken_page() {
    let Some(browser) = harness::start().await else {
        return;
    };
    // No lang, an image without alt, an unlabelled field, an empty link, low contrast.
    let broken = "data:text/html;charset=utf-8,<html><head><title>broken</title></head><body>\
        <img src='x.png'><a href='/x'></a><input type='text'>\
        <p style='color:%23ccc;background:%23fff'>faint text</p></body></html>";
    browser.open(broken).await;
    let rules: Vec<String> = browser.axe().await.into_iter().map(|v| v.rule).collect();
    browser.quit().await;
    for expected in [
        "html-has-lang",
        "image-alt",
        "label",
        "link-name",
        "color-contrast",
    ] {
        assert!(
            rules.iter().any(|r| r == expected),
            "{expected} not reported; got {rules:?}"
        );
    }
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn the_harness_catches_a_csp_violation() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), test_routes()).await;
    browser.open(&app.url("/test/inline-script")).await;
    let title = browser.eval("return document.title").await;
    let mut reported = 0;
    for _ in 0..40 {
        reported = app.state.metrics().csp_violations();
        if reported > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    browser.quit().await;
    app.stop().await;
    assert_eq!(
        title.as_str(),
        Some("x"),
        "the inline script must not have run"
    );
    assert!(reported > 0, "the browser's CSP report did not arrive");
}
