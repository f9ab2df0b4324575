//! Signing in and sessions through the real server: passwords (R9), throttling without
//! enumeration (R10), session cookies and timeouts (R11), credential change (R12), step-up (R13).

mod common;

use common::{PASSWORD, client, spawn_app, spawn_app_with_clock};
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};
use time::Duration;

fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tandem_session="))
        .expect("a session cookie")
        .to_owned()
}

#[tokio::test]
async fn signing_in_sets_a_fresh_hardened_session_cookie_and_signing_out_ends_it_server_side() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let browser = client();
    let first = app.sign_in(&browser, &org.admin.email, PASSWORD).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(first.headers()[LOCATION], "/home");
    let cookie = session_cookie(&first);
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let token = cookie.split(';').next().expect("pair").to_owned();

    // Signing in again gives a new session id and ends the old one.
    let second = app.sign_in(&browser, &org.admin.email, PASSWORD).await;
    let token2 = session_cookie(&second)
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    assert_ne!(token, token2);
    let replay = client()
        .get(app.url("/home"))
        .header("cookie", &token)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        replay.status(),
        StatusCode::SEE_OTHER,
        "the old session no longer works"
    );

    let home = browser.get(app.url("/home")).send().await.expect("sent");
    assert_eq!(home.status(), StatusCode::OK);
    assert!(
        home.text()
            .await
            .expect("body")
            .contains("administrator Aarhus")
    );

    let out = app.post_form(&browser, "/logout", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let replay = client()
        .get(app.url("/home"))
        .header("cookie", &token2)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        replay.status(),
        StatusCode::SEE_OTHER,
        "logout killed the session on the server"
    );
    assert!(
        replay.headers()[LOCATION]
            .to_str()
            .expect("ascii")
            .starts_with("/login?next=")
    );
}

#[tokio::test]
async fn an_unknown_address_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let wrong = app
        .sign_in(&client(), &org.admin.email, "ikke det rigtige kodeord")
        .await;
    let wrong_status = wrong.status();
    let wrong_body = wrong
        .text()
        .await
        .expect("body")
        .replace(&org.admin.email, "EMAIL");
    let unknown = app
        .sign_in(&client(), "nobody@aarhus.dk", "ikke det rigtige kodeord")
        .await;
    let unknown_status = unknown.status();
    let unknown_body = unknown
        .text()
        .await
        .expect("body")
        .replace("nobody@aarhus.dk", "EMAIL");
    assert_eq!(wrong_status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_status, unknown_status);
    let strip = |body: &str| {
        body.lines()
            .filter(|l| !l.contains("_csrf"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&wrong_body), strip(&unknown_body));
    assert!(wrong_body.contains("E-mail eller adgangskode er forkert"));
}

#[tokio::test]
async fn five_failures_lock_the_account_until_an_administrator_unlocks_it_with_a_reason() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    for _ in 0..5 {
        let response = app
            .sign_in(&client(), &org.processor.email, "forkert kodeord igen")
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let locked = app.sign_in(&client(), &org.processor.email, PASSWORD).await;
    assert_eq!(
        locked.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "locked: even the right password fails"
    );

    let admin = app.signed_in(&org.admin).await;
    let page = admin
        .get(app.url(&format!("/admin/users/{}", org.processor.id)))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("body");
    assert!(page.contains("Låst"), "the administrator sees the lock");
    let no_reason = app
        .post_form(
            &admin,
            &format!("/admin/users/{}/unlock", org.processor.id),
            &[("reason", "  ")],
        )
        .await;
    assert_eq!(
        no_reason.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required"
    );
    let unlocked = app
        .post_form(
            &admin,
            &format!("/admin/users/{}/unlock", org.processor.id),
            &[("reason", "Ringede selv og bekræftede")],
        )
        .await;
    assert_eq!(unlocked.status(), StatusCode::SEE_OTHER);
    app.signed_in(&org.processor).await;

    let events = app.audit_events(&org.id.to_string(), "user.").await;
    assert!(events.iter().any(|e| e.action == "user.locked"));
    assert!(
        events
            .iter()
            .any(|e| e.action == "user.unlock" && e.purpose.contains("Ringede selv"))
    );
}

#[tokio::test]
async fn confirming_the_password_is_counted_like_a_sign_in_so_it_cannot_be_used_to_guess() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let processor = app.signed_in(&org.processor).await;
    for _ in 0..5 {
        let wrong = app
            .post_form(
                &processor,
                "/login/confirm",
                &[("password", "gæt nummer et"), ("next", "/home")],
            )
            .await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let confirmations = app.audit_events(&org.id.to_string(), "login.confirm").await;
    let failures = confirmations
        .iter()
        .filter(|e| e.action == "login.confirm.failure")
        .count();
    assert_eq!(failures, 5, "every wrong confirmation is recorded");
    let locks = app.audit_events(&org.id.to_string(), "user.locked").await;
    assert!(
        !locks.is_empty(),
        "the fifth wrong confirmation locks the account"
    );
    let home = processor.get(app.url("/home")).send().await.expect("sent");
    assert_eq!(
        home.status(),
        StatusCode::SEE_OTHER,
        "the session ended with the lock"
    );
    let locked = app.sign_in(&client(), &org.processor.email, PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn too_many_attempts_for_one_address_are_throttled_whether_or_not_it_exists() {
    let app = spawn_app().await;
    for email in ["ghost@aarhus.dk"] {
        for _ in 0..10 {
            app.sign_in(&client(), email, "forkert kodeord igen").await;
        }
        let response = app.sign_in(&client(), email, "forkert kodeord igen").await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("for mange forsøg")
        );
    }
}

#[tokio::test]
async fn sessions_end_after_30_idle_minutes_and_after_12_hours_regardless() {
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    let idle = app.signed_in(&org.admin).await;
    clock.advance(Duration::minutes(29));
    assert_eq!(
        idle.get(app.url("/home"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::OK
    );
    clock.advance(Duration::minutes(31));
    assert_eq!(
        idle.get(app.url("/home"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::SEE_OTHER,
        "idle timeout"
    );

    let busy = app.signed_in(&org.head).await;
    for _ in 0..35 {
        clock.advance(Duration::minutes(20));
        assert_eq!(
            busy.get(app.url("/home"))
                .send()
                .await
                .expect("sent")
                .status(),
            StatusCode::OK
        );
    }
    clock.advance(Duration::minutes(20));
    assert_eq!(
        busy.get(app.url("/home"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::SEE_OTHER,
        "absolute timeout after 12 h"
    );
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let now = app.state.now();
    let mut tx = app.state.app().store().begin().await.expect("tx");
    let link = tx
        .insert_password_link(org.id, org.manager.id, now, now + Duration::hours(72))
        .await
        .expect("link");
    tx.commit().await.expect("commit");
    let laptop = app.signed_in(&org.manager).await;
    let phone = app.signed_in(&org.manager).await;
    let new_password = "et helt nyt og langt kodeord";
    let response = app
        .post_form(
            &laptop,
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new_password", new_password),
                ("repeat", new_password),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        laptop
            .get(app.url("/home"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        phone
            .get(app.url("/home"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::SEE_OTHER,
        "the other session ended"
    );
    let (status, _, _) = app.get_text(&format!("/set-password/{link}")).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "an outstanding set-password link ended too"
    );
    assert_eq!(
        app.sign_in(&client(), &org.manager.email, PASSWORD)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.sign_in(&client(), &org.manager.email, new_password)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_password_rules_apply_with_translated_messages() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let user = app.signed_in(&org.processor).await;
    app.choose_language_for(&user, "en").await;
    let sixty_four = "a sentence of exactly sixty-four characters is fine to use here!";
    assert_eq!(sixty_four.chars().count(), 64);
    let too_long = "x".repeat(129);
    for (new, expected) in [
        ("short", "at least 12 characters"),
        (too_long.as_str(), "at most 128 characters"),
        ("123456789012", "too common"),
        ("tab\tinside password", "invisible character"),
    ] {
        let response = app
            .post_form(
                &user,
                "/account/password",
                &[
                    ("current", PASSWORD),
                    ("new_password", new),
                    ("repeat", new),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{new:?}"
        );
        let body = response.text().await.expect("body");
        assert!(body.contains(expected), "{new:?}: {expected} not in page");
        assert!(body.contains("aria-invalid=\"true\""));
    }
    let ok = app
        .post_form(
            &user,
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new_password", sixty_four),
                ("repeat", sixty_four),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_role_change_needs_a_recent_password() {
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    clock.advance(Duration::minutes(6));
    let path = format!("/admin/users/{}/role", org.target.id);
    let team = org.team_id.to_string();
    let stale = app
        .post_form(&admin, &path, &[("role", "team_manager"), ("team", &team)])
        .await;
    assert_eq!(stale.status(), StatusCode::SEE_OTHER);
    assert!(
        stale.headers()[LOCATION]
            .to_str()
            .expect("ascii")
            .starts_with("/login/confirm?next=")
    );

    let wrong = app
        .post_form(
            &admin,
            "/login/confirm",
            &[("password", "ikke mit kodeord"), ("next", "/home")],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let confirmed = app
        .post_form(
            &admin,
            "/login/confirm",
            &[("password", PASSWORD), ("next", "/home")],
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let done = app
        .post_form(&admin, &path, &[("role", "team_manager"), ("team", &team)])
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert!(
        done.headers()[LOCATION]
            .to_str()
            .expect("ascii")
            .ends_with("?done=1")
    );
    let mut tx = app.state.app().store().begin_read().await.expect("tx");
    let user = tx
        .staff_user(org.id, org.target.id)
        .await
        .expect("read")
        .expect("exists");
    tx.commit().await.expect("commit");
    assert_eq!(user.role, tandem_domain::staff::StaffRole::TeamManager);
}

#[tokio::test]
async fn a_set_password_link_works_once_and_expires_like_an_unknown_link() {
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let created = app
        .post_form(
            &admin,
            "/admin/users",
            &[
                ("email", "ny@aarhus.dk"),
                ("name", "Ny Medarbejder"),
                ("role", "head_of_department"),
                ("team", ""),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let page = created.text().await.expect("body");
    let start = page.find("/set-password/").expect("link shown");
    let path: String = page[start..].chars().take_while(|c| *c != '<').collect();
    let unknown = format!("/set-password/{}", "ab".repeat(32));
    let (status, _, unknown_body) = app.get_text(&unknown).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let newcomer = client();
    assert_eq!(
        newcomer
            .get(app.url(&path))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::OK
    );
    let password = "mit første rigtige kodeord";
    let set = app
        .post_form(
            &newcomer,
            &path,
            &[("new_password", password), ("repeat", password)],
        )
        .await;
    assert_eq!(set.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.sign_in(&client(), "ny@aarhus.dk", password)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    let (status, _, used_body) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a used link is gone");
    assert_eq!(
        used_body, unknown_body,
        "and looks exactly like an unknown one"
    );

    let again = app
        .post_form(
            &admin,
            &format!("/admin/users/{}/password-link", org.target.id),
            &[],
        )
        .await;
    let page = again.text().await.expect("body");
    let start = page.find("/set-password/").expect("link shown");
    let path: String = page[start..].chars().take_while(|c| *c != '<').collect();
    clock.advance(Duration::hours(73));
    let (status, _, expired_body) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an expired link is gone");
    assert_eq!(expired_body, unknown_body);
}

#[tokio::test]
async fn too_many_failures_from_one_client_are_throttled_across_addresses() {
    let app = spawn_app().await;
    for i in 0..50 {
        let response = app
            .sign_in(
                &client(),
                &format!("guess{i}@aarhus.dk"),
                "forkert kodeord igen",
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {i}"
        );
    }
    let response = app
        .sign_in(&client(), "one-more@aarhus.dk", "forkert kodeord igen")
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn after_sign_in_only_local_pages_are_followed() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
    ] {
        let browser = client();
        let token = app.csrf(&browser).await;
        let response = browser
            .post(app.url("/login"))
            .form(&[
                ("_csrf", token.as_str()),
                ("email", org.admin.email.as_str()),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[LOCATION], "/home", "{next}");
    }
    let browser = client();
    let token = app.csrf(&browser).await;
    let response = browser
        .post(app.url("/login"))
        .form(&[
            ("_csrf", token.as_str()),
            ("email", org.admin.email.as_str()),
            ("password", PASSWORD),
            ("next", "/admin/audit?action=login."),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.headers()[LOCATION], "/admin/audit?action=login.");
}

#[test]
fn exports_and_changes_to_other_peoples_access_declare_step_up() {
    use tandem_web::route::StepUp;
    let declared: std::collections::BTreeSet<(String, &str)> = tandem_web::routes::table()
        .iter()
        .filter(|route| route.step_up != StepUp::No)
        .map(|route| (route.method.to_string(), route.path))
        .collect();
    let expected: std::collections::BTreeSet<(String, &str)> = [
        ("GET", "/courses/{course_id}/summary"),
        ("GET", "/courses/{course_id}/summary.json"),
        ("GET", "/campaigns/{campaign_id}/export.csv"),
        ("GET", "/teams/{team_id}/indicators/export.xlsx"),
        ("GET", "/teams/{team_id}/indicators/export.csv"),
        ("GET", "/indicators/export.xlsx"),
        ("GET", "/indicators/export.csv"),
        ("GET", "/indicators/over-time.xlsx"),
        ("GET", "/indicators/over-time.csv"),
        ("GET", "/teams/{team_id}/card/export.xlsx"),
        ("GET", "/teams/{team_id}/card/export.csv"),
        ("GET", "/admin/users/new"),
        ("POST", "/admin/users"),
        ("POST", "/admin/users/{user_id}/password-link"),
        ("POST", "/admin/users/{user_id}/unlock"),
        ("POST", "/admin/users/{user_id}/deactivate"),
        ("POST", "/admin/users/{user_id}/role"),
    ]
    .into_iter()
    .map(|(method, path)| (method.to_owned(), path))
    .collect();
    assert_eq!(declared, expected);
}

#[tokio::test]
async fn changing_another_persons_access_needs_a_recent_password_and_changes_nothing_without() {
    let (app, clock) = spawn_app_with_clock().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    clock.advance(Duration::minutes(6));
    let user = org.target.id;
    let back = format!("/login/confirm?next=/admin/users/{user}");
    for (path, form, expected) in [
        (
            format!("/admin/users/{user}/password-link"),
            vec![],
            back.clone(),
        ),
        (
            format!("/admin/users/{user}/deactivate"),
            vec![("reason", "left the team")],
            back.clone(),
        ),
        (format!("/admin/users/{user}/unlock"), vec![], back.clone()),
        (
            "/admin/users".to_owned(),
            vec![
                ("email", "ny@aarhus.example"),
                ("name", "Ny Kollega"),
                ("role", "administrator"),
            ],
            "/login/confirm?next=/admin/users/new".to_owned(),
        ),
    ] {
        let response = app.post_form(&admin, &path, &form).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(response.headers()[LOCATION], expected.as_str(), "{path}");
    }
    let stale = admin
        .get(app.url("/admin/users/new"))
        .send()
        .await
        .expect("form");
    assert_eq!(stale.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        stale.headers()[LOCATION],
        "/login/confirm?next=/admin/users/new"
    );
    let mut tx = app.state.app().store().begin_read().await.expect("tx");
    let target = tx
        .staff_user(org.id, user)
        .await
        .expect("read")
        .expect("exists");
    let users = tx.staff_users_of(org.id).await.expect("list");
    let filter = tandem_store::audit::AuditFilter {
        action_prefix: Some("user.".to_owned()),
        limit: 1000,
        ..Default::default()
    };
    let changes: Vec<String> = tx
        .audit_events(&org.id.to_string(), &filter)
        .await
        .expect("trail")
        .into_iter()
        .map(|e| e.action)
        .filter(|a| !matches!(a.as_str(), "user.read" | "user.list" | "user.count"))
        .collect();
    tx.commit().await.expect("commit");
    assert!(target.deactivated_at.is_none(), "not deactivated");
    assert!(
        !users
            .iter()
            .any(|u| u.email.as_str() == "ny@aarhus.example"),
        "no account was created"
    );
    assert_eq!(
        changes,
        Vec::<String>::new(),
        "nothing was changed or issued"
    );

    // With the password confirmed, the same request goes through.
    let confirmed = app
        .post_form(
            &admin,
            "/login/confirm",
            &[("password", PASSWORD), ("next", "/admin")],
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let done = app
        .post_form(
            &admin,
            &format!("/admin/users/{user}/deactivate"),
            &[("reason", "left the team")],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert!(
        done.headers()[LOCATION]
            .to_str()
            .expect("ascii")
            .ends_with("?done=1")
    );
}

#[tokio::test]
async fn the_form_token_belongs_to_one_session_and_changes_at_sign_in() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let browser = client();
    let before = app.csrf(&browser).await;
    let signed_in = app
        .sign_in(&browser, &org.processor.email, &org.processor.password)
        .await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let cookies: Vec<String> = signed_in
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("tandem_csrf=;") && c.contains("Max-Age=0")),
        "signing in ends the signed-out token: {cookies:?}"
    );
    let after = app.csrf(&browser).await;
    assert_ne!(before, after, "a new session brings a new token");
    let other = app.signed_in(&org.colleague).await;
    let others = app.csrf(&other).await;
    assert_ne!(after, others, "each session has its own token");
    let logout = |token: String| {
        let browser = browser.clone();
        let url = app.url("/logout");
        async move {
            browser
                .post(url)
                .form(&[("_csrf", token.as_str())])
                .send()
                .await
                .expect("sent")
                .status()
        }
    };
    assert_eq!(
        logout(before).await,
        StatusCode::FORBIDDEN,
        "the token from before signing in"
    );
    assert_eq!(
        logout(others).await,
        StatusCode::FORBIDDEN,
        "another session's token"
    );
    assert_eq!(
        logout(after).await,
        StatusCode::SEE_OTHER,
        "this session's token"
    );
}
