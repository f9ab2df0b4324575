//! The audit trail on a real database: append-only, hash-chained, and verification names the
//! first tampered event (R15, R16). Runs on SQLite, and on PostgreSQL when configured.

use tandem_domain::audit::Outcome;
use tandem_store::audit::{AuditFilter, NewAuditEvent};
use tandem_store::testing::TestDatabase;
use tandem_store::{Backend, Store, with_pool};
use time::OffsetDateTime;

fn event(action: &str, actor: &str) -> NewAuditEvent {
    NewAuditEvent {
        at: OffsetDateTime::now_utc(),
        organization_id: Some("org-1".into()),
        actor_id: Some(actor.into()),
        actor_role: "administrator".into(),
        action: action.into(),
        subject_id: Some("person-1".into()),
        object_kind: "user".into(),
        object_id: Some("person-1".into()),
        purpose: "test".into(),
        outcome: Outcome::Allowed,
        ip: Some("127.0.0.1".into()),
    }
}

async fn trail_of(n: usize) -> (TestDatabase, Store) {
    let (db, store) = TestDatabase::migrated().await.expect("database");
    for i in 0..n {
        let mut tx = store.begin().await.expect("tx");
        tx.append_audit(event(
            if i % 2 == 0 {
                "user.read"
            } else {
                "login.success"
            },
            &format!("actor-{i}"),
        ))
        .await
        .expect("append");
        tx.commit().await.expect("commit");
    }
    (db, store)
}

/// Runs raw SQL as an attacker with direct database access would: triggers disabled first.
async fn tamper(store: &Store, sql: &str) {
    match store.backend() {
        Backend::Sqlite => with_pool!(store, pool => {
            sqlx::raw_sql("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;")
                .execute(pool).await.expect("drop triggers");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(pool).await.expect("tamper");
        }),
        Backend::Postgres => with_pool!(store, pool => {
            let mut tx = pool.begin().await.expect("tx");
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("SET LOCAL session_replication_role = replica; {sql}")))
                .execute(&mut *tx).await.expect("tamper");
            tx.commit().await.expect("commit");
        }),
    }
}

#[tokio::test]
async fn an_intact_trail_verifies() {
    let (_db, store) = trail_of(6).await;
    assert_eq!(store.verify_audit_trail().await.expect("read"), Ok(6));
}

#[tokio::test]
async fn updates_and_deletes_of_audit_events_are_refused_by_the_database() {
    let (_db, store) = trail_of(2).await;
    with_pool!(store, pool => {
        let update = sqlx::query("UPDATE audit_events SET purpose = 'x' WHERE seq = 1").execute(pool).await;
        assert!(update.is_err(), "UPDATE must be refused");
        let delete = sqlx::query("DELETE FROM audit_events WHERE seq = 2").execute(pool).await;
        assert!(delete.is_err(), "DELETE must be refused");
    });
    if store.backend() == Backend::Postgres {
        with_pool!(store, pool => {
            let truncate = sqlx::query("TRUNCATE audit_events").execute(pool).await;
            assert!(truncate.is_err(), "TRUNCATE must be refused");
        });
    }
    assert_eq!(store.verify_audit_trail().await.expect("read"), Ok(2));
}

#[tokio::test]
async fn one_changed_byte_is_found_at_its_event() {
    let (_db, store) = trail_of(5).await;
    tamper(
        &store,
        "UPDATE audit_events SET action = 'user.reaD' WHERE seq = 3",
    )
    .await;
    let result = store.verify_audit_trail().await.expect("read");
    assert_eq!(result.map_err(|b| b.seq), Err(3));
}

#[tokio::test]
async fn a_deleted_event_is_found() {
    let (_db, store) = trail_of(5).await;
    tamper(&store, "DELETE FROM audit_events WHERE seq = 2").await;
    assert_eq!(
        store
            .verify_audit_trail()
            .await
            .expect("read")
            .map_err(|b| b.seq),
        Err(3)
    );
}

#[tokio::test]
async fn a_cut_off_tail_is_found() {
    let (_db, store) = trail_of(5).await;
    tamper(&store, "DELETE FROM audit_events WHERE seq >= 4").await;
    assert_eq!(
        store
            .verify_audit_trail()
            .await
            .expect("read")
            .map_err(|b| b.seq),
        Err(4)
    );
}

#[tokio::test]
async fn swapped_events_are_found() {
    let (_db, store) = trail_of(5).await;
    tamper(
        &store,
        "UPDATE audit_events SET seq = 100 WHERE seq = 2; UPDATE audit_events SET seq = 2 WHERE seq = 3; \
         UPDATE audit_events SET seq = 3 WHERE seq = 100;",
    )
    .await;
    assert_eq!(
        store
            .verify_audit_trail()
            .await
            .expect("read")
            .map_err(|b| b.seq),
        Err(2)
    );
}

#[tokio::test]
async fn the_trail_filters_by_actor_action_and_period() {
    let (_db, store) = trail_of(6).await;
    let mut tx = store.begin_read().await.expect("tx");
    let all = tx
        .audit_events(
            "org-1",
            &AuditFilter {
                limit: 100,
                ..AuditFilter::default()
            },
        )
        .await
        .expect("read");
    assert_eq!(all.len(), 6);
    assert!(all.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");
    let logins = tx
        .audit_events(
            "org-1",
            &AuditFilter {
                action_prefix: Some("login.".into()),
                limit: 100,
                ..AuditFilter::default()
            },
        )
        .await
        .expect("read");
    assert_eq!(logins.len(), 3);
    let one = tx
        .audit_events(
            "org-1",
            &AuditFilter {
                actor_id: Some("actor-4".into()),
                limit: 100,
                ..AuditFilter::default()
            },
        )
        .await
        .expect("read");
    assert_eq!(one.len(), 1);
    let future = tx
        .audit_events(
            "org-1",
            &AuditFilter {
                from: Some(OffsetDateTime::now_utc() + time::Duration::hours(1)),
                limit: 100,
                ..AuditFilter::default()
            },
        )
        .await
        .expect("read");
    assert!(future.is_empty());
    let other_org = tx
        .audit_events(
            "org-2",
            &AuditFilter {
                limit: 100,
                ..AuditFilter::default()
            },
        )
        .await
        .expect("read");
    assert!(
        other_org.is_empty(),
        "another organization's events never show"
    );
}

#[tokio::test]
async fn concurrent_appends_keep_one_unbroken_chain() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let writers = (0..16).map(|i| {
        let store = store.clone();
        tokio::spawn(async move {
            for j in 0..5 {
                let mut tx = store.begin().await.expect("tx");
                tx.append_audit(event("user.read", &format!("writer-{i}-{j}")))
                    .await
                    .expect("append");
                tx.commit().await.expect("commit");
            }
        })
    });
    for writer in writers {
        writer.await.expect("writer");
    }
    assert_eq!(store.verify_audit_trail().await.expect("read"), Ok(80));
}
