//! The head of department's home as a cockpit (issue 26): on the demo, every team side by
//! side with its key indicators and their trend over four quarters, hybrid profile and practice
//! rhythm, and what needs attention
//! first with its reason; a team of few young people shows no numbers; only heads get it; the
//! read is in the audit trail.

mod common;

use common::seeded_demo_of;
use tandem_app::demo;

/// The part of the home page inside the cockpit.
fn cockpit(home: &str) -> Option<&str> {
    home.split("id=\"cockpit-heading\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
}

#[tokio::test]
async fn the_heads_home_shows_every_team_side_by_side_and_what_needs_attention_first() {
    let app = common::spawn_app().await;
    seeded_demo_of(&app, 150).await;
    let head = app.signed_in_demo("leder@demo.tandem.test").await;
    app.choose_language_for(&head, "da").await;
    let home = app.page_text(&head, "/home").await;
    let cockpit = cockpit(&home).expect("the cockpit");
    assert!(!home.contains("Du er ikke tilknyttet et team"));

    // What needs attention first: a list of items, each with its reason and a link.
    let attention = cockpit
        .split("<ol class=\"tandem-attention\">")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .expect("something needs attention on the demo");
    assert!(
        attention.contains("Ungeteam Syd: Risiko for for tidlig afslutning"),
        "{attention}"
    );
    assert!(
        attention.contains("Forløbene lukker inden for seks måneder"),
        "with its reason"
    );
    assert!(attention.contains("/indicators\""), "linked to the columns");

    // The teams side by side, each with its columns, profile, rhythm and worries.
    let cells: Vec<&str> = cockpit
        .split("<article class=\"tandem-team-cell\"")
        .skip(1)
        .collect();
    assert_eq!(cells.len(), 3);
    for (cell, name) in cells
        .iter()
        .zip(["Ungeteam Nord", "Ungeteam Syd", "Ungeteam Vest"])
    {
        assert!(cell.contains(name), "teams in name order: {name}");
        for expected in [
            "Undersøgelser inden for 4 måneder",
            "Åbne forløb pr. rådgiver",
            "Mål med den unges egne ord",
            "Hybrid profil (seneste 90 dage)",
            "blanding 0,",
            "Seneste fortællemøde: ",
            "bekymring",
            "/practices\"",
            "/pulse\"",
            "/indicators#indicator-assessment_on_time\"",
            "/practices#card-heading\"",
        ] {
            assert!(cell.contains(expected), "{name}: {expected}");
        }
        assert!(cell.contains(" %"), "{name}: shares are shown");
        assert!(
            cell.contains("udviklingen ved kvartalernes slut: ") && cell.contains(" → i dag."),
            "{name}: the quarters the trends read"
        );
        let trends: Vec<&str> = cell
            .split("<span class=\"form-hint\">")
            .skip(1)
            .filter_map(|rest| rest.split('<').next())
            .filter(|t| t.contains(" → "))
            .collect();
        assert!(trends.len() >= 9, "{name}: a trend for each key indicator");
        assert!(
            trends.iter().all(|t| t.matches(" → ").count() == 3),
            "{name}: four quarters each: {trends:?}"
        );
    }
    assert!(cells[1].contains("mest mod at få det gjort (effektivitet)"));
    assert!(cells[2].contains("mest mod at nå det sammen (samskabelse)"));

    // The read is recorded.
    let org = app
        .state
        .app()
        .store()
        .list_organizations()
        .await
        .expect("orgs")
        .into_iter()
        .find(|o| o.name.as_str() == demo::ORGANIZATION)
        .expect("the demo");
    let reads = app
        .audit_events(&org.id.to_string(), "indicators.read")
        .await;
    assert!(
        reads.iter().any(|e| e.purpose == "department overview"),
        "the overview is in the audit trail"
    );
}

#[tokio::test]
async fn a_team_of_few_young_people_shows_no_numbers_and_only_heads_see_the_cockpit() {
    let app = common::spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    for _ in 0..3 {
        app.seed_course(&org).await;
    }
    let head = app.signed_in(&org.head).await;
    let home = app.page_text(&head, "/home").await;
    let cockpit = cockpit(&home).expect("the cockpit");
    assert!(cockpit.contains("Dækker 3 unge."), "{cockpit}");
    assert!(
        cockpit.contains("Vises ikke: færre end 5 unge."),
        "{cockpit}"
    );
    assert!(
        !cockpit.contains(" %</dd>"),
        "no share for a handful of young people"
    );
    assert!(cockpit.contains("Ingen fortællinger fra teamet endnu."));
    for person in [&org.manager, &org.processor, &org.admin] {
        let client = app.signed_in(person).await;
        let home = app.page_text(&client, "/home").await;
        assert!(cockpit_absent(&home), "{}: no cockpit", person.email);
    }
}

fn cockpit_absent(home: &str) -> bool {
    cockpit(home).is_none()
}
