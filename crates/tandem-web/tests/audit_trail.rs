//! The audit trail as the application writes it (R15): reads, changes, sign-ins and searches are
//! recorded with who, what, about whom and from where; if the trail cannot be written, nothing
//! is served.

mod common;

use common::spawn_app;
use reqwest::StatusCode;
use tandem_store::{Backend, with_pool};

#[tokio::test]
async fn reading_a_staff_record_is_recorded_with_actor_subject_and_origin() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let status = admin
        .get(app.url(&format!("/admin/users/{}", org.processor.id)))
        .send()
        .await
        .expect("sent")
        .status();
    assert_eq!(status, StatusCode::OK);
    let reads = app.audit_events(&org.id.to_string(), "user.read").await;
    assert_eq!(reads.len(), 1);
    let read = &reads[0];
    assert_eq!(
        read.actor_id.as_deref(),
        Some(org.admin.id.to_string().as_str())
    );
    assert_eq!(read.actor_role, "administrator");
    assert_eq!(
        read.subject_id.as_deref(),
        Some(org.processor.id.to_string().as_str())
    );
    assert_eq!(read.ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(read.outcome, "allowed");
    let logins = app.audit_events(&org.id.to_string(), "login.success").await;
    assert_eq!(logins.len(), 1);
}

#[tokio::test]
async fn the_audit_viewer_filters_and_records_its_own_use() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    app.sign_in(
        &common::client(),
        &org.processor.email,
        "forkert kodeord her",
    )
    .await;
    let admin = app.signed_in(&org.admin).await;
    let page = admin
        .get(app.url("/admin/audit?action=login."))
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.expect("body");
    // In words, never codes: what was done, the role, the outcome, Copenhagen time.
    assert!(
        body.contains("Forsøgte at logge ind uden held") && body.contains("Loggede ind"),
        "{body}"
    );
    for code in [
        "login.failure",
        "login.success",
        "allowed",
        "failed",
        "processor:",
    ] {
        assert!(!body.contains(&format!(">{code}")), "{code} shown: {body}");
    }
    assert!(body.contains("Mislykkedes") && body.contains("Udført"));
    assert!(
        !body.contains("Så en bruger"),
        "the filter keeps logins only"
    );
    assert!(
        body.contains("Administrator: administrator Aarhus ("),
        "actors are shown by role and name"
    );
    assert!(body.contains(" kl. "), "dates and times in Danish form");
    let searches = app.audit_events(&org.id.to_string(), "audit.search").await;
    assert_eq!(
        searches.len(),
        1,
        "looking at the trail is itself in the trail"
    );

    let bad = admin
        .get(app.url("/admin/audit?from=28-11-2026&actor=%3Cscript%3E"))
        .send()
        .await
        .expect("sent");
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.text().await.expect("body");
    assert!(
        body.contains("ÅÅÅÅ-MM-DD") && body.contains("gyldigt id"),
        "translated field errors"
    );
    assert!(
        !body.contains("<script>") && body.contains("&#60;script&#62;"),
        "typed input is shown escaped"
    );
}

#[tokio::test]
async fn nothing_is_served_when_the_audit_trail_cannot_be_written() {
    let app = spawn_app().await;
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let store = app.state.app().store();
    with_pool!(store, pool => {
        sqlx::raw_sql("ALTER TABLE audit_events RENAME TO audit_events_away").execute(pool).await.expect("hide the trail");
    });
    let response = admin
        .get(app.url(&format!("/admin/users/{}", org.processor.id)))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = response.text().await.expect("body");
    assert!(
        !body.contains(&org.processor.email),
        "no personal data without its audit event"
    );
    with_pool!(store, pool => {
        sqlx::raw_sql("ALTER TABLE audit_events_away RENAME TO audit_events").execute(pool).await.expect("restore");
    });
    if store.backend() == Backend::Sqlite {
        // SQLite renames triggers along with their table; nothing more to restore.
    }
    assert_eq!(
        admin
            .get(app.url("/admin/users"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        store.verify_audit_trail().await.expect("read").map(|_| ()),
        Ok(())
    );
}

#[tokio::test]
async fn a_database_locked_by_another_writer_answers_503_with_retry_after_not_500() {
    let app = spawn_app().await;
    if app.state.app().store().backend() != Backend::Sqlite {
        return; // PostgreSQL has row locks; the whole-file write lock is SQLite's.
    }
    let org = app.seed_org("Aarhus").await;
    let admin = app.signed_in(&org.admin).await;
    let tandem_store::DatabaseTarget::Sqlite(path) = &app.db.target else {
        return;
    };
    // Another process holding the write lock for longer than the 5 s busy timeout.
    use sqlx::Connection;
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("connect");
    sqlx::raw_sql("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .expect("take the write lock");
    let response = admin
        .get(app.url("/admin/users"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "1");
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Tandem er optaget"),
        "the translated busy page"
    );
    sqlx::raw_sql("ROLLBACK")
        .execute(&mut other)
        .await
        .expect("release");
    assert_eq!(
        admin
            .get(app.url("/admin/users"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::OK
    );
}
