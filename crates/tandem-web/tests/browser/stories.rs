//! Stories in a real browser: the collection forms (staff, citizen, anonymous link), the
//! campaign pages, the catalog, a story's page, the framework pages and the pattern pages
//! (findings, a finding's chart, ternary plots, trends) pass axe in both
//! languages at phone and desktop width with every control reachable by keyboard; and a story
//! with a triad answer is told by keyboard alone.

use tandem_domain::PlainText;
use tandem_domain::answer::Answer;
use tandem_domain::story::campaign::{Audience, CampaignDetails};
use tandem_store::stories::campaigns::NewCampaign;
use tandem_web::WebConfig;

use super::courses::sign_in;
use super::{check_current, common, harness};

/// A link campaign of `org`, open now; returns the link token.
async fn link_campaign(app: &common::TestApp, org: &common::Org) -> String {
    let store = app.state.app().store();
    let today = app.state.today();
    store
        .ensure_default_framework(org.id, app.state.now())
        .await
        .expect("framework");
    let framework = store.frameworks(org.id).await.expect("frameworks")[0].id;
    let (token, hash) = tandem_store::tokens::new_token().expect("token");
    let details = CampaignDetails {
        title: PlainText::parse("Fortæl os", 50).expect("title"),
        prompt: PlainText::parse("Hvordan var mødet for dig?", 100).expect("prompt"),
        audience: Audience::Link,
        consent_text: Some(
            PlainText::parse("Din fortælling bruges til læring.", 100).expect("consent"),
        ),
        opens_on: today,
        closes_on: today,
        returns_stories: false,
    };
    let mut tx = store.begin().await.expect("tx");
    tx.insert_campaign(
        org.id,
        &NewCampaign {
            details: &details,
            framework_id: framework,
            team_id: None,
            link: Some((token.clone(), hash)),
            course_ids: &[],
            created_by: org.manager.id,
        },
        app.state.now(),
    )
    .await
    .expect("campaign");
    tx.commit().await.expect("commit");
    token
}

pub(super) async fn sweep(
    browser: &harness::Browser,
    app: &common::TestApp,
    paths: &[String],
    who: &str,
    failures: &mut Vec<String>,
) -> usize {
    let mut checked = 0;
    for language in ["da", "en"] {
        browser
            .open(&app.url(&format!("/language/{language}?next=/healthz")))
            .await;
        for viewport in harness::VIEWPORTS {
            browser.set_viewport(viewport).await;
            for path in paths {
                browser.open(&app.url(path)).await;
                let context = format!("{path} {who} [{language}, {}]", viewport.name);
                let shown = browser.eval("return location.pathname").await;
                assert_eq!(
                    shown.as_str(),
                    path.split('?').next(),
                    "{context} must not redirect"
                );
                failures.extend(check_current(browser, language, &context).await);
                for gap in browser.keyboard_gaps().await {
                    failures.push(format!("{context}: not reachable by keyboard: {gap}"));
                }
                checked += 1;
            }
        }
    }
    checked
}

#[tokio::test]
#[ignore = "browser stage: run by scripts/test with --ignored"]
async fn every_story_page_passes_axe_in_both_languages_on_phone_and_desktop() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let campaign = app.seed_campaign(&org).await;
    let citizens = app.seed_campaign_for(&org, Some(course.id)).await;
    let token = link_campaign(&app, &org).await;
    let young = app.invite(&org, &course, "young_person").await;
    app.accept(&young, "mia.stories").await;
    let mut failures = Vec::new();
    let mut checked = 0;

    sign_in(&browser, &app, &org.processor.email).await;
    let staff = [
        format!("/campaigns/{}/tell", campaign.id),
        "/campaigns".to_owned(),
    ];
    checked += sweep(&browser, &app, &staff, "processor", &mut failures).await;

    sign_in(&browser, &app, &org.manager.email).await;
    let manager = [
        format!("/campaigns/{}", campaign.id),
        format!("/campaigns/{}/stories", campaign.id),
        format!("/campaigns/{}/stories?text=family&T1.lean=2", campaign.id),
        format!("/campaigns/{}/stories/{}", campaign.id, campaign.story),
        format!("/campaigns/{}/import", campaign.id),
        "/campaigns/new".to_owned(),
    ];
    checked += sweep(&browser, &app, &manager, "team manager", &mut failures).await;

    sign_in(&browser, &app, &org.admin.email).await;
    let admin = [
        "/admin/frameworks".to_owned(),
        format!("/admin/frameworks/{}", campaign.framework),
    ];
    checked += sweep(&browser, &app, &admin, "administrator", &mut failures).await;
    browser
        .eval("document.querySelector(\"form[action='/logout']\").submit(); return true;")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    checked += sweep(
        &browser,
        &app,
        &[format!("/s/{token}")],
        "anonymous",
        &mut failures,
    )
    .await;

    browser.open(&app.url("/me/login")).await;
    browser.fill("#login_name", "mia.stories").await;
    browser.fill("#password", common::PASSWORD).await;
    browser.submit("/me/login").await;
    let citizen = [
        "/me/stories".to_owned(),
        format!("/me/stories/{}", citizens.id),
    ];
    checked += sweep(&browser, &app, &citizen, "young person", &mut failures).await;

    // The form with errors, as the young person sees it.
    browser
        .open(&app.url(&format!("/me/stories/{}", citizens.id)))
        .await;
    browser.fill("#T1\\.a", "5").await;
    browser
        .submit(&format!("/me/stories/{}", citizens.id))
        .await;
    let invalid = browser
        .eval("return document.querySelectorAll('[aria-invalid=true]').length")
        .await;
    assert!(
        invalid.as_u64().unwrap_or(0) >= 2,
        "the refused form marks its fields"
    );
    failures.extend(check_current(&browser, "en", "story form with errors [young person]").await);

    let csp = app.state.metrics().csp_violations();
    browser.quit().await;
    app.stop().await;
    assert_eq!(checked, 4 * 13);
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
async fn every_pattern_page_passes_axe_in_both_languages_on_phone_and_desktop() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    app.add_stories(&org, &campaign, &common::designed(0)).await;
    let habits = app.seed_campaign(&org).await;
    app.add_told(&org, &habits, &common::habits()).await;
    let mut failures = Vec::new();
    sign_in(&browser, &app, &org.manager.email).await;
    let base = format!("/campaigns/{}/patterns", campaign.id);
    let pages = [
        base.clone(),
        format!("{base}?all=1"),
        format!("{base}/finding?a=D3&b=M1"),
        format!("{base}/finding?a=M1&b=M3%3Dproud"),
        format!("{base}/triads?question=T1&by=M1&left=co_design&right=co_delivery"),
        format!("{base}/trends"),
        format!("{base}/marks"),
        format!("{base}/marks/new?question=D3"),
        format!("{base}/marks/{}", campaign.mark),
        format!("{base}?M1=co_design&M3=proud"),
        // The filter panel open, with the applied (whole-month) dates and why.
        format!("{base}?from=2026-09-15&to=2026-11-03"),
        // A finding that does not hold across people, and says so.
        format!("/campaigns/{}/patterns/finding?a=D3&b=M1", habits.id),
        // Two sliders: the grid with each slider's poles on its axes.
        format!("/campaigns/{}/patterns/finding?a=D3&b=D4", habits.id),
    ];
    let checked = sweep(&browser, &app, &pages, "team manager", &mut failures).await;
    let charts = {
        browser.open(&app.url(&pages[2])).await;
        browser
            .eval(
                "return [...document.querySelectorAll('svg.tandem-chart[role=img]')]\
                 .filter(s => s.getClientRects().length > 0 && s.querySelector('title')).length",
            )
            .await
    };
    let csp = app.state.metrics().csp_violations();
    browser.quit().await;
    app.stop().await;
    assert_eq!(checked, 4 * pages.len());
    assert_eq!(
        charts.as_u64(),
        Some(1),
        "the finding's chart is shown once (the drawing that fits), with its title"
    );
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
async fn a_story_with_a_triad_answer_is_told_by_keyboard_alone() {
    let Some(browser) = harness::start().await else {
        return;
    };
    let app = common::spawn_app_with(WebConfig::default(), axum::Router::new()).await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    sign_in(&browser, &app, &org.processor.email).await;
    let path = format!("/campaigns/{}/tell", campaign.id);
    browser.open(&app.url(&path)).await;
    let mut failures = check_current(&browser, "da", "story form [keyboard]").await;
    // Tab from the top of the page to the story field, type, then Tab on to the triangle.
    browser
        .eval("document.activeElement && document.activeElement.blur(); return true;")
        .await;
    browser.tab_until("e.id === 'text'").await;
    browser
        .press("Familien stod for mødet, og vi lyttede.")
        .await;
    browser
        .tab_until("e.classList.contains('tandem-triad-svg')")
        .await;
    let corners = browser
        .eval("return [...document.activeElement.querySelectorAll('text.tandem-triad-corner')].map(t => t.textContent)")
        .await;
    assert_eq!(
        corners.as_array().map(Vec::len),
        Some(3),
        "the triangle names its three corners inside it: {corners}"
    );
    // Home puts the point in the centre; arrow keys move it towards the bottom-right corner.
    let triangle = browser.client.active_element().await.expect("triangle");
    triangle.send_keys("\u{E011}").await.expect("Home");
    for _ in 0..8 {
        triangle
            .send_keys("\u{E014}\u{E015}")
            .await
            .expect("arrows");
    }
    browser.shot("story_triangle_chosen").await;
    let weights = browser
        .eval("return ['a','b','c'].map(p => document.getElementById('T1.' + p).value)")
        .await;
    let weights: Vec<f64> = weights
        .as_array()
        .expect("three fields")
        .iter()
        .map(|v| v.as_str().and_then(|s| s.parse().ok()).expect("a number"))
        .collect();
    assert_eq!(
        weights.iter().sum::<f64>(),
        100.0,
        "the fields hold percentages: {weights:?}"
    );
    assert!(
        weights[2] > weights[0] && weights[2] > weights[1],
        "moved towards corner c: {weights:?}"
    );
    // Tab to the send button and press Enter.
    browser
        .tab_until("e.tagName === 'BUTTON' && e.type === 'submit'")
        .await;
    browser.press_and_wait("\u{E007}").await;
    let search = browser.eval("return location.search").await;
    assert_eq!(search.as_str(), Some("?told=1"), "the story was saved");
    failures.extend(check_current(&browser, "da", "story told [keyboard]").await);
    let (_, framework) = {
        let store = app.state.app().store();
        let record = store
            .frameworks(org.id)
            .await
            .expect("frameworks")
            .remove(0);
        (record.id, record.framework)
    };
    let stories = app
        .state
        .app()
        .store()
        .export_stories(
            org.id,
            tandem_domain::Id::parse(&campaign.id).expect("id"),
            &framework,
        )
        .await
        .expect("stories");
    let told = stories
        .iter()
        .find(|e| e.summary.body.starts_with("Familien stod"))
        .expect("saved");
    let Some((_, Answer::Triad(w))) = told.answers.iter().find(|(q, _)| q == "T1") else {
        panic!("the triad answer was saved: {:?}", told.answers);
    };
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9 && w[2] > w[0]);
    browser.quit().await;
    app.stop().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
