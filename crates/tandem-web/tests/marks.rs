//! "More like these, fewer like those" through the real server: a manager marks a region of a
//! triad by radio buttons, its page shows the share month by month with intervals and example
//! stories from the region, the landscape lists it, bad input is refused in words and keeps
//! nothing, a note is shown inert, and the mark becomes a probe's intent or a huddle's topic.

mod common;

use common::{page, post_ok, seeded};
use reqwest::StatusCode;

#[tokio::test]
async fn a_manager_marks_a_region_and_everyone_sees_its_share_move() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns/marks", campaign.id);
    let form = page(&app, &manager, &format!("{base}/new?question=T1")).await;
    for region in ["a", "b", "c", "ab", "bc", "ac", "centre"] {
        assert!(
            form.contains(&format!("type=\"radio\" id=\"region-{region}\"")),
            "{region}"
        );
    }
    assert!(form.contains("Mest «") && form.contains("Midten – lidt af alle tre"));
    let dyad = page(&app, &manager, &format!("{base}/new?question=D3")).await;
    assert!(dyad.contains("id=\"region-low\"") && !dyad.contains("id=\"region-a\""));

    let at = post_ok(
        &app,
        &manager,
        &base,
        &[
            ("question", "T1"),
            ("region", "a"),
            ("direction", "fewer"),
            ("note", "<script>alert(1)</script> Kun regler"),
        ],
    )
    .await;
    assert!(
        at.starts_with(&format!("{base}/")) && at.ends_with("?saved=mark"),
        "{at}"
    );
    let html = page(&app, &manager, &at).await;
    assert!(html.contains("Området er markeret"));
    assert!(
        html.contains("<h1>Færre fortællinger som dem: Mest «"),
        "{html}"
    );
    assert!(html.contains("&#60;script&#62;") && !html.contains("<script>alert"));
    assert!(html.contains("af fortællingerne lå i området (95\u{a0}%-interval"));
    assert!(html.contains("class=\"tandem-chart\"") && html.contains("95\u{a0}%-interval</th>"));
    let examples: Vec<&str> = html
        .split("<h3 class=\"h4\"><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('>').nth(1))
        .filter_map(|s| s.split('<').next())
        .collect();
    assert_eq!(examples.len(), 5);
    assert!(
        examples.iter().all(|e| e.starts_with("Rules story")),
        "the rules corner holds only the rules stories: {examples:?}"
    );
    assert!(html.contains("Gør det til formålet med en prøvehandling"));

    // The landscape and the list show both marks (the seeded one and the new one).
    let triads = page(
        &app,
        &manager,
        &format!("/campaigns/{}/patterns/triads?question=T1", campaign.id),
    )
    .await;
    let section = triads
        .split("id=\"marks\"")
        .nth(1)
        .expect("the marks section");
    assert!(section.contains("Flere fortællinger som disse: Mest «"));
    assert!(section.contains("Færre fortællinger som dem: Mest «"));
    assert!(section.contains("Markér et område i denne trekant"));
    let list = page(&app, &manager, &base).await;
    assert_eq!(list.matches("class=\"tandem-mark\"").count(), 2);
    assert_eq!(
        app.audit_events(&org.id.to_string(), "mark.create")
            .await
            .len(),
        1
    );
    // The head reads it too, in English.
    let head = app.signed_in(&org.head).await;
    head.get(app.url("/language/en?next=/"))
        .send()
        .await
        .expect("language");
    let english = page(&app, &head, &at).await;
    assert!(
        english.contains("<h1>Fewer stories like those: Mostly “"),
        "{english}"
    );
    assert!(english.contains("of the stories lay in the region (95\u{a0}% interval"));
}

#[tokio::test]
async fn a_mark_that_does_not_fit_is_refused_in_words_and_keeps_nothing() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let base = format!("/campaigns/{}/patterns/marks", campaign.id);
    let before = page(&app, &manager, &base)
        .await
        .matches("class=\"tandem-mark\"")
        .count();
    for (fields, message) in [
        (
            vec![("question", "T1"), ("direction", "more")],
            "Vælg et område.",
        ),
        (
            vec![("question", "T1"), ("region", "low"), ("direction", "more")],
            "Vælg et af dette spørgsmåls områder.",
        ),
        (
            vec![("question", "M1"), ("region", "a"), ("direction", "more")],
            "Vælg et spørgsmål med en trekant eller en skala.",
        ),
        (
            vec![
                ("question", "T1"),
                ("region", "a"),
                ("direction", "sideways"),
            ],
            "Vælg flere eller færre.",
        ),
        (
            vec![
                ("question", "T1"),
                ("region", "a"),
                ("direction", "more"),
                ("note", "a\u{7}b"),
            ],
            "usynligt kontroltegn",
        ),
    ] {
        let response = app.post_form(&manager, &base, &fields).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{fields:?}"
        );
        let body = response.text().await.expect("body");
        assert!(body.contains(message), "{message}: {body}");
    }
    let after = page(&app, &manager, &base)
        .await
        .matches("class=\"tandem-mark\"")
        .count();
    assert_eq!(after, before, "nothing kept");
}

#[tokio::test]
async fn a_mark_becomes_a_probes_intent_and_a_huddles_topic() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let mark_page = page(
        &app,
        &manager,
        &format!(
            "/campaigns/{}/patterns/marks/{}",
            campaign.id, campaign.mark
        ),
    )
    .await;
    let huddle_link = mark_page
        .split("href=\"")
        .find(|part| part.contains("/huddles/new?"))
        .and_then(|part| part.split('"').next())
        .expect("a link to a huddle")
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let huddle = page(&app, &manager, &huddle_link).await;
    assert!(
        huddle.contains("value=\"Flere fortællinger som disse: Mest «"),
        "the topic: {huddle}"
    );
    let team = org.team_id.to_string();
    let form = page(
        &app,
        &manager,
        &format!("/teams/{team}/probes/new?mark={}", campaign.mark),
    )
    .await;
    assert!(form.contains(&format!("<option value=\"{}\" selected", campaign.mark)));
    let owner = org.manager.id.to_string();
    let at = post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/probes"),
        &[
            ("title", "Unge leder selv"),
            ("hypothesis", "Flere fortællinger om samarbejde"),
            ("success_signal", "Flere i hjørnet"),
            ("failure_signal", "Færre fortællinger"),
            ("owner", &owner),
            ("starts_on", "2026-11-10"),
            ("review_on", "2026-12-01"),
            ("mark", &campaign.mark),
        ],
    )
    .await;
    let probe = page(&app, &manager, &at).await;
    let intent = probe
        .split("id=\"intent\"")
        .nth(1)
        .expect("the intent section");
    assert!(intent.contains("Flere fortællinger som disse: Mest «"));
    assert!(intent.contains("af fortællingerne lå i området"));
    assert!(intent.contains(&format!(
        "href=\"/campaigns/{}/patterns/marks/",
        campaign.id
    )));
    // A processor reads the team's probes but not this campaign's stories: the share, without
    // a link to the mark's page (which would answer 404).
    let processor = app.signed_in(&org.processor).await;
    let theirs = page(&app, &processor, &at).await;
    let intent = theirs
        .split("id=\"intent\"")
        .nth(1)
        .expect("the intent section");
    assert!(intent.contains("Flere fortællinger som disse: Mest «"));
    assert!(!intent.contains("/patterns/marks/"), "{intent}");
    let refused = app
        .post_form(
            &manager,
            &format!("/teams/{team}/probes"),
            &[
                ("title", "Ukendt formål"),
                ("hypothesis", "x"),
                ("success_signal", "a"),
                ("failure_signal", "b"),
                ("owner", &owner),
                ("starts_on", "2026-11-10"),
                ("review_on", "2026-12-01"),
                ("mark", "00000000-0000-4000-8000-000000000000"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("Vælg et af teamets markerede områder.")
    );
}
