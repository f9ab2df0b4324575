//! Management measured as management through the real server: the manager writes decisions in
//! the journal with the logics weighed (refused in words without one, shown inert), the team
//! reads it, and the quarter's view sets the intended mix, the journal's mix, staff's stories
//! about management (T4) and about their own work (T1) side by side, a told mix only from five
//! answers, with the conventions behind every label.

mod common;

use common::{Told, page, post_ok, seeded};
use reqwest::StatusCode;
use tandem_domain::answer::Answer;

#[tokio::test]
async fn the_manager_writes_decisions_and_the_team_reads_the_journal() {
    let (app, org, _) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let team = org.team_id;
    let path = format!("/teams/{team}/decisions");
    let today = app.state.today().to_string();
    let tomorrow = (app.state.today() + time::Duration::days(1)).to_string();
    let at = post_ok(
        &app,
        &manager,
        &path,
        &[
            (
                "decision",
                "Netværksmøde før hver revision <script>alert(1)</script>",
            ),
            ("decided_on", &today),
            ("weighed_rules", "on"),
            ("weighed_together", "on"),
            ("why", "Barnets lov § 5, stk. 3"),
        ],
    )
    .await;
    assert_eq!(at, format!("{path}?saved=journal#journal"));
    let html = page(&app, &manager, &at).await;
    assert!(html.contains("Beslutningen er skrevet i loggen."));
    assert!(html.contains("Netværksmøde før hver revision &#60;script&#62;"));
    assert!(
        html.contains(
            "Hensyn: regelstyring (at gøre det rigtigt), samskabelse (at nå frem sammen)"
        )
    );
    for (fields, message) in [
        (
            vec![("decision", "Uden hensyn"), ("decided_on", today.as_str())],
            "Sæt kryds ved mindst ét hensyn.",
        ),
        (
            vec![
                ("decision", "Styretegn \u{7}"),
                ("decided_on", today.as_str()),
                ("weighed_rules", "on"),
            ],
            "usynligt kontroltegn",
        ),
        (
            vec![
                ("decision", "Ingen dato"),
                ("decided_on", "2026-02-30"),
                ("weighed_rules", "on"),
            ],
            "rigtig dato",
        ),
        (
            vec![
                ("decision", "Næste års plan"),
                ("decided_on", tomorrow.as_str()),
                ("weighed_rules", "on"),
            ],
            "når den er truffet",
        ),
    ] {
        let response = app.post_form(&manager, &path, &fields).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{fields:?}"
        );
        let body = response.text().await.expect("body");
        assert!(body.contains(message), "{message}: {body}");
    }
    // The team reads the journal; only the manager writes in it.
    let processor = app.signed_in(&org.processor).await;
    let theirs = page(&app, &processor, &path).await;
    assert_eq!(
        theirs.matches("<h3 class=\"h4\">").count(),
        1,
        "one decision kept"
    );
    assert!(
        !theirs.contains("name=\"decision\""),
        "no form for a processor"
    );
    let refused = app
        .post_form(
            &processor,
            &path,
            &[
                ("decision", "x"),
                ("decided_on", &today),
                ("weighed_rules", "on"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.audit_events(&org.id.to_string(), "decision.create")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn the_quarter_sets_intended_decided_and_told_side_by_side() {
    let (app, org, campaign) = seeded().await;
    let manager = app.signed_in(&org.manager).await;
    let team = org.team_id;
    let view = format!("/teams/{team}/management");
    // Nothing told about management yet: the row says why, in words.
    let empty = page(&app, &manager, &view).await;
    assert!(empty.contains("For få svar: 0 fortællinger siger, hvordan ledelsen handlede"));
    assert!(empty.contains("Lederen har ikke udfyldt den tilsigtede blanding."));
    assert!(empty.contains("mindst 60\u{a0}%") || empty.contains("mindst 60 %"));

    post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/intended-mix"),
        &[("rules", "2"), ("efficiency", "2"), ("together", "6")],
    )
    .await;
    let today = app.state.today().to_string();
    post_ok(
        &app,
        &manager,
        &format!("/teams/{team}/decisions"),
        &[
            ("decision", "Frister først"),
            ("decided_on", &today),
            ("weighed_rules", "on"),
        ],
    )
    .await;
    // Four stories say management held to the rules: under five, still nothing shown.
    let told = |n: usize| -> Vec<Told> {
        (0..n)
            .map(|i| Told {
                body: format!("Ledelsen og reglerne {i}"),
                days_ago: 0,
                answers: vec![
                    ("T1".to_owned(), Answer::Triad([0.2, 0.2, 0.6])),
                    ("T4".to_owned(), Answer::Triad([0.8, 0.1, 0.1])),
                ],
                teller: None,
            })
            .collect()
    };
    app.add_told(&org, &campaign, &told(4)).await;
    let few = page(&app, &manager, &view).await;
    assert!(few.contains("For få svar: 4 fortællinger"), "{few}");
    app.add_told(&org, &campaign, &told(2)).await;
    let html = page(&app, &manager, &view).await;
    let row = |label: &str| common::mix_row(&html, label);
    assert!(
        row("Det, lederen tilsigter").contains("<td>60 %</td>"),
        "{html}"
    );
    assert!(row("Lederens beslutninger").contains("<td>100 %</td>"));
    let management = row("Medarbejdernes fortællinger om ledelsen");
    assert!(
        management.contains("<td>80 %</td>") && management.contains("<td>6</td>"),
        "{management}"
    );
    assert!(management.contains("domineret af regelstyring"));
    let work = row("Medarbejdernes fortællinger om eget arbejde");
    assert!(
        work.contains("<td>60 %</td>") && work.contains("domineret af samskabelse"),
        "{work}"
    );
    // Intended (0.2, 0.2, 0.6), told (0.8, 0.1, 0.1): √(0.36 + 0.01 + 0.25) / √2 = 0.557.
    assert!(html.contains(
        "Medarbejdernes fortællinger om ledelsen: afstand 0,56 — mere regelstyring (at gøre det rigtigt) og mindre samskabelse (at nå frem sammen) end tilsigtet."
    ), "{html}");
    assert!(html.contains("Medarbejdernes fortællinger om eget arbejde: tæt på (afstand 0,00)."));
    // Another quarter has none of it; a quarter that is not one shows this quarter.
    let q = tandem_domain::practice::journal::Quarter::of(app.state.today());
    let before = page(&app, &manager, &format!("{view}?quarter={}", q.previous())).await;
    assert!(before.contains("Ingen beslutninger i loggen i kvartalet."));
    assert!(
        before.contains("Den tilsigtede blanding blev sat den "),
        "today's intention is not the last quarter's"
    );
    let odd = page(&app, &manager, &format!("{view}?quarter=%3Cscript%3E")).await;
    assert!(odd.contains(&format!("{}. kvartal {}", q.number, q.year)));
    assert!(!odd.contains("<script>"));
}
