//! R18: operational logs never contain personal data. Canary values (a name, an e-mail address,
//! passwords, a session token, a set-password token) go through sign-in, failures, account
//! creation and the admin pages while every log line at every level is captured; none of the
//! canaries may appear.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{client, spawn_app};
use reqwest::header::SET_COOKIE;

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_canary_reaches_the_log() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let canary_name = "Kanariefugl Østergård-7731";
    let canary_email = "kanarie7731@aarhus.dk";
    let canary_password = "kanarie hemmelighed 7731 sang";
    let wrong_password = "forkert kanarie 7731 kodeord";

    let created = app
        .post_form(
            &admin,
            "/admin/users",
            &[
                ("email", canary_email),
                ("name", canary_name),
                ("role", "head_of_department"),
                ("team", ""),
            ],
        )
        .await;
    let page = created.text().await.expect("body");
    let start = page.find("/set-password/").expect("link");
    let link: String = page[start..].chars().take_while(|c| *c != '<').collect();
    let link_token = link.trim_start_matches("/set-password/").to_owned();
    let newcomer = client();
    app.post_form(
        &newcomer,
        &link,
        &[
            ("new_password", canary_password),
            ("repeat", canary_password),
        ],
    )
    .await;
    app.sign_in(&client(), canary_email, wrong_password).await;
    let response = app.sign_in(&newcomer, canary_email, canary_password).await;
    let session_token = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("tandem_session="))
        .and_then(|c| c.split(';').next())
        .expect("session cookie")
        .to_owned();
    admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("sent");
    admin
        .get(app.url(&format!("/admin/audit?subject={}", org.processor.id)))
        .send()
        .await
        .expect("sent");
    app.get("/no/such/page").await;
    app.stop().await;

    let log = String::from_utf8_lossy(&capture.0.lock().expect("log buffer")).to_string();
    assert!(
        log.lines().count() > 10,
        "the capture works: {} lines",
        log.lines().count()
    );
    for canary in [
        canary_name,
        canary_email,
        canary_password,
        wrong_password,
        &link_token,
        &session_token,
        common::PASSWORD,
    ] {
        assert!(!log.contains(canary), "the log contains {canary:?}");
    }
}
