//! Hostile input in every form field: script, SQL, control characters, 100 kB strings and
//! invalid UTF-8 are refused with a translated message or stored inert and shown escaped —
//! and nothing panics.

mod common;

use common::{PASSWORD, client, spawn_app};
use reqwest::StatusCode;

const SCRIPT: &str = "<script>alert('x')</script>";
const SQL: &str = "Robert'); DROP TABLE users;--";

#[tokio::test]
async fn script_and_sql_in_a_team_name_are_stored_inert_and_shown_escaped() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    for name in [SCRIPT, SQL] {
        let response = app
            .post_form(&admin, "/admin/teams", &[("name", name)])
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name}");
    }
    let page = admin
        .get(app.url("/admin/teams"))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("body");
    assert!(
        !page.contains(SCRIPT),
        "raw script must never be in the page"
    );
    assert!(
        page.contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;"),
        "{page}"
    );
    assert!(page.contains("DROP TABLE users"), "SQL is just text");
    let teams = app
        .state
        .app()
        .store()
        .teams_of(org.id)
        .await
        .expect("teams");
    assert!(
        teams.iter().any(|t| t.name.as_str() == SQL),
        "stored verbatim"
    );
}

#[tokio::test]
async fn control_characters_and_huge_values_are_refused_with_a_translated_message() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let huge = "x".repeat(100 * 1024);
    for (field_value, what) in [
        ("Team\u{0}Nul", "NUL"),
        ("Team\u{1b}[31m", "escape"),
        (huge.as_str(), "100 kB"),
    ] {
        let response = app
            .post_form(&admin, "/admin/teams", &[("name", field_value)])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{what}"
        );
        let body = response.text().await.expect("body");
        assert!(
            body.contains("Skriv et navn på højst 120 tegn"),
            "{what}: translated message"
        );
    }
    for (field, value) in [
        ("email", "a\u{7}@b.dk"),
        ("name", "Navn\u{0}"),
        ("email", huge.as_str()),
        ("name", huge.as_str()),
    ] {
        let mut fields = vec![
            ("email", "ok@aarhus.dk"),
            ("name", "Ok Navn"),
            ("role", "head_of_department"),
            ("team", ""),
        ];
        for f in &mut fields {
            if f.0 == field {
                f.1 = value;
            }
        }
        let response = app.post_form(&admin, "/admin/users", &fields).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
    }
    assert_eq!(
        app.state
            .app()
            .store()
            .teams_of(org.id)
            .await
            .expect("teams")
            .len(),
        2,
        "nothing was stored (the two seeded teams remain)"
    );
}

#[tokio::test]
async fn invalid_utf8_in_a_form_gets_a_translated_error_page() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let token = app.csrf(&admin).await;
    let body = format!("_csrf={token}&name=%FF%FE%FD");
    let response = admin
        .post(app.url("/admin/teams"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("sent");
    let status = response.status();
    assert!(
        status == StatusCode::BAD_REQUEST || status == StatusCode::UNPROCESSABLE_ENTITY,
        "{status}"
    );
    let page = response.text().await.expect("body");
    assert!(
        page.contains("<html lang=\"da\">")
            && (page.contains("kunne ikke") || page.contains("Indholdet")),
        "{page}"
    );
}

#[tokio::test]
async fn hostile_sign_in_attempts_fail_cleanly() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let huge = "p".repeat(100 * 1024);
    for (email, password) in [
        (SCRIPT, PASSWORD),
        (SQL, PASSWORD),
        ("admin@aarhus.dk' OR '1'='1", "' OR '1'='1"),
        (org.admin.email.as_str(), huge.as_str()),
        ("\u{0}@x.dk", "\u{0}"),
    ] {
        let response = app.sign_in(&client(), email, password).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{email:?}"
        );
        let body = response.text().await.expect("body");
        assert!(!body.contains("<script>alert"), "escaped");
    }
}

/// Every field name any form uses.
const FIELDS: &[&str] = &[
    "email",
    "name",
    "password",
    "current",
    "new_password",
    "repeat",
    "reason",
    "role",
    "team",
    "next",
];

#[tokio::test]
async fn every_form_route_survives_hostile_values_in_every_field() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let token = app.csrf(&admin).await;
    let huge = "\u{00e6}".repeat(50 * 1024);
    let payloads: [&str; 6] = [
        SCRIPT,
        SQL,
        "\u{0}\u{1b}[2J\u{7}",
        huge.as_str(),
        "\u{202e}txt.exe",
        "%00%FF",
    ];
    let mut failures = Vec::new();
    for route in tandem_web::routes::table()
        .iter()
        .filter(|r| r.method == reqwest::Method::POST && r.csrf)
    {
        if route.path == "/logout" {
            continue;
        }
        let path = route
            .path
            .replace("{user_id}", &org.target.id.to_string())
            .replace("{team_id}", &org.team_id.to_string())
            .replace("{token}", &"ab".repeat(32));
        for payload in payloads {
            let mut form: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
            form.extend(FIELDS.iter().map(|f| (*f, payload)));
            let response = admin
                .post(app.url(&path))
                .form(&form)
                .send()
                .await
                .expect("sent");
            let status = response.status();
            let body = response.text().await.expect("body");
            if status.is_server_error() {
                failures.push(format!(
                    "{path}: {status} for {:?}",
                    payload.chars().take(20).collect::<String>()
                ));
            }
            if body.contains("<script>alert") {
                failures.push(format!("{path}: unescaped script in the answer"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let teams = app
        .state
        .app()
        .store()
        .teams_of(org.id)
        .await
        .expect("teams");
    assert!(
        teams.iter().all(|t| !t.name.as_str().contains('\u{0}')),
        "no control character was stored"
    );
}
