//! Hostile input in every form field: script, SQL, control characters, 100 kB strings and
//! invalid UTF-8 are refused with a translated message or stored inert and shown escaped —
//! and nothing panics.

mod common;

use common::{PASSWORD, client, concrete, spawn_app};
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

/// How a hostile form value is refused: a NUL by the input gate (400, the whole form), anything
/// else beside its field (422).
fn refused_status(value: &str) -> StatusCode {
    if value.contains('\0') {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
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
        let body_refused = field_value.contains('\0');
        assert_eq!(response.status(), refused_status(field_value), "{what}");
        let body = response.text().await.expect("body");
        // A NUL is refused by the input gate for the whole form (no keyboard types it); the
        // rest beside the field.
        let message = if body_refused {
            "Intet er gemt"
        } else {
            "Skriv et navn på højst 120 tegn"
        };
        assert!(body.contains(message), "{what}: translated message");
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
        assert_eq!(response.status(), refused_status(value), "{field}");
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
        let expected = refused_status(&format!("{email}{password}"));
        assert_eq!(response.status(), expected, "{email:?}");
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

#[tokio::test]
async fn a_control_character_in_a_query_string_is_a_translated_400_on_every_story_page() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    let head = app.signed_in(&org.head).await;
    let base = format!("/campaigns/{}", campaign.id);
    for page in [
        "/stories",
        "/patterns",
        "/patterns/triads",
        "/patterns/trends",
    ] {
        for query in [
            "text=a%00b",
            "tag=%00",
            "text=%1B%5B2J",
            "te%00xt=x",
            "tag=%E2%80%AEx",
        ] {
            let url = app.url(&format!("{base}{page}?{query}"));
            let response = head.get(&url).send().await.expect("sent");
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{page}?{query}");
            let body = response.text().await.expect("body");
            assert!(
                body.contains("Forespørgslen kunne ikke læses"),
                "{page}?{query}"
            );
        }
        // The same words without the invisible character are an ordinary search.
        let url = app.url(&format!("{base}{page}?text=ab&tag=x"));
        let status = head.get(&url).send().await.expect("sent").status();
        assert_eq!(status, StatusCode::OK, "{page}");
    }
}

#[tokio::test]
async fn a_page_number_past_any_catalog_is_a_400_not_an_overflow() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let campaign = app.seed_campaign(&org).await;
    let head = app.signed_in(&org.head).await;
    let catalog = format!("/campaigns/{}/stories", campaign.id);
    for page in [
        "461168601842738790",
        "9223372036854775807",
        "-1",
        "1e9",
        "NaN",
    ] {
        let url = app.url(&format!("{catalog}?page={page}"));
        let status = head.get(&url).send().await.expect("sent").status();
        assert_eq!(status, StatusCode::BAD_REQUEST, "page={page}");
    }
    let url = app.url(&format!("{catalog}?page=1000000"));
    let status = head.get(&url).send().await.expect("sent").status();
    assert_eq!(
        status,
        StatusCode::OK,
        "the last page number is an empty page"
    );
}

#[tokio::test]
async fn a_nul_in_a_citizen_sign_in_is_refused_not_a_500() {
    let app = spawn_app().await;
    let anonymous = client();
    for (login, password) in [("mia\u{0}", "x"), ("mia", "pass\u{0}word")] {
        let response = app
            .post_form(
                &anonymous,
                "/me/login",
                &[("login_name", login), ("password", password)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{login:?}");
        let body = response.text().await.expect("body");
        assert!(body.contains("Intet er gemt"), "translated page: {body}");
    }
}

#[tokio::test]
async fn direction_overrides_are_refused_in_names_with_a_message_beside_the_field() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    for name in ["Team \u{202e}exe.txt", "Team\u{200b}A", "\u{feff}Team"] {
        let response = app
            .post_form(&admin, "/admin/teams", &[("name", name)])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}"
        );
    }
    let teams = app
        .state
        .app()
        .store()
        .teams_of(org.id)
        .await
        .expect("teams");
    assert!(
        teams.iter().all(|t| !t
            .name
            .as_str()
            .contains(['\u{202e}', '\u{200b}', '\u{feff}'])),
        "nothing invisible was stored"
    );
}

#[tokio::test]
async fn the_instrument_form_refuses_control_characters_long_items_and_a_long_licence_holder() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let long_item = "x".repeat(100 * 1024);
    let long_holder = "L".repeat(201);
    let base = [
        ("name", "Trivsel"),
        ("min", "0"),
        ("max", "10"),
        ("step", "1"),
    ];
    let cases: [(&str, &str, &str, &str); 4] = [
        (
            "items",
            "Hvordan går det?\nBel \u{7} her",
            "Hvert spørgsmål",
            "BEL",
        ),
        ("items", "Escape \u{1b}[2J", "Hvert spørgsmål", "ESC"),
        (
            "items",
            long_item.as_str(),
            "Hvert spørgsmål",
            "100 kB line",
        ),
        (
            "licence_holder",
            long_holder.as_str(),
            "licensindehaveren",
            "long holder",
        ),
    ];
    for (field, value, message, what) in cases {
        let mut form: Vec<(&str, &str)> = base.to_vec();
        if field == "items" {
            form.push(("items", value));
        } else {
            form.extend([("items", "Hvordan går det?"), (field, value)]);
        }
        let response = app.post_form(&admin, "/admin/instruments", &form).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{what}"
        );
        let body = response.text().await.expect("body");
        assert!(
            body.contains(message),
            "{what}: translated message beside the field"
        );
        assert!(
            !body.contains('\u{1b}') && !body.contains('\u{7}'),
            "{what}: shown inert"
        );
    }
    let page = admin
        .get(app.url("/admin/instruments"))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("body");
    assert!(!page.contains("Trivsel"), "no instrument was saved");
}

#[tokio::test]
async fn dates_outside_the_years_2000_to_2099_are_refused_in_the_audit_filter() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    for date in ["1900-01-01", "9999-12-31", "1999-12-31"] {
        let url = app.url(&format!("/admin/audit?from={date}"));
        let response = admin.get(&url).send().await.expect("sent");
        let body = response.text().await.expect("body");
        assert!(body.contains("mellem år 2000 og 2099"), "{date}");
    }
}

/// A query string of known and arbitrary names with arbitrary, percent-encoded values.
fn query_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let name = prop_oneof![
        Just("text".to_owned()),
        Just("tag".to_owned()),
        Just("page".to_owned()),
        Just("from".to_owned()),
        Just("to".to_owned()),
        Just("until".to_owned()),
        Just("teller".to_owned()),
        Just("next".to_owned()),
        Just("older".to_owned()),
        Just("T1".to_owned()),
        Just("T1.lean".to_owned()),
        Just("S1.min".to_owned()),
        Just("S1.max".to_owned()),
        "[a-z_.]{1,8}",
    ];
    let value = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..24).prop_map(|bytes| {
            bytes
                .iter()
                .map(|b| format!("%{b:02X}"))
                .collect::<String>()
        }),
        "-?[0-9]{1,20}",
        "[0-9]{4,5}-[0-9]{2}-[0-9]{2}",
        Just("NaN".to_owned()),
        Just("inf".to_owned()),
        "[a-zA-Z0-9%&=+]{0,16}",
    ];
    proptest::collection::vec((name, value), 0..4).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    })
}

#[tokio::test]
async fn arbitrary_query_strings_on_every_get_route_never_reach_a_server_error() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::TestRunner;

    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let course = app.seed_course(&org).await;
    let campaign = app.seed_campaign(&org).await;
    let practices = app.seed_practices(&org, &campaign).await;
    let callers = [
        ("anonymous", client()),
        ("administrator", app.signed_in(&org.admin).await),
        ("head", app.signed_in(&org.head).await),
        ("processor", app.signed_in(&org.processor).await),
    ];
    // Deterministic: a failure names the query, and the next run finds it again.
    let mut runner = TestRunner::deterministic();
    let strategy = query_strategy();
    let mut failures = Vec::new();
    let routes = tandem_web::routes::table();
    for route in routes.iter().filter(|r| r.method == reqwest::Method::GET) {
        let path = concrete(
            &app, &org, &org.head, &course, &campaign, &practices, route.path,
        );
        for _ in 0..12 {
            let query = strategy.new_tree(&mut runner).expect("query").current();
            for (who, caller) in &callers {
                let url = app.url(&format!("{path}?{query}"));
                let status = caller.get(&url).send().await.expect("sent").status();
                if status.is_server_error() {
                    failures.push(format!("{who}: GET {path}?{query}: {status}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
