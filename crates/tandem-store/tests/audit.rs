//! The audit trail on a real database: append-only, hash-chained, and verification names the
//! first tampered event (R15, R16). Runs on SQLite, and on PostgreSQL when configured.

use std::sync::Arc;

use tandem_domain::audit::{AuditEvent, AuditKeyring, ChainKey, Outcome};
use tandem_store::audit::{AuditFilter, NewAuditEvent};
use tandem_store::testing::{TestDatabase, tamper_with_audit_trail};
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

/// Runs statements as an attacker who switched the triggers off: as the owner on SQLite (drops
/// them), with `session_replication_role` as a superuser on PostgreSQL.
async fn as_attacker(store: &Store, statements: &[String]) {
    tamper_with_audit_trail(store, &statements.join(";\n"))
        .await
        .expect("tamper");
}

fn literal(value: Option<&str>) -> String {
    value.map_or_else(
        || "NULL".to_owned(),
        |v| format!("'{}'", v.replace('\'', "''")),
    )
}

/// The statements that store `events` as they now are, and move the head to the last one.
fn rewritten(events: &[AuditEvent]) -> Vec<String> {
    let mut statements: Vec<String> = events
        .iter()
        .map(|e| {
            format!(
                "UPDATE audit_events SET purpose = {}, prev_hash = {}, hash = {}, key_id = {} WHERE seq = {}",
                literal(Some(&e.purpose)),
                literal(Some(&e.prev_hash)),
                literal(Some(&e.hash)),
                literal(e.key_id.as_deref()),
                e.seq
            )
        })
        .collect();
    if let Some(last) = events.last() {
        statements.push(format!(
            "UPDATE audit_chains SET seq = {}, hash = {} WHERE chain = {}",
            last.position(),
            literal(Some(&last.hash)),
            literal(last.chain.as_deref())
        ));
    }
    statements
}

/// Changes event `from`'s purpose and recomputes it and every later event with `sign`.
fn rewrite_from(events: &mut [AuditEvent], from: usize, sign: impl Fn(&mut AuditEvent)) {
    events[from - 1].purpose = "nothing to see".into();
    for i in from - 1..events.len() {
        if i > 0 {
            events[i].prev_hash = events[i - 1].hash.clone();
        }
        sign(&mut events[i]);
    }
}

fn legacy(event: &mut AuditEvent) {
    event.key_id = None;
    event.hash = event.expected_hash();
}

async fn verify_with_checkpoints(store: &Store, file: &std::path::Path) -> Result<usize, i64> {
    store
        .verify_audit_trail_against(Some(file))
        .await
        .expect("read")
        .map(|v| v.checkpoints)
        .map_err(|b| b.seq)
}

#[tokio::test]
async fn a_rewrite_with_recomputed_plain_hashes_is_found_at_the_rewritten_event() {
    let (_db, store) = trail_of(5).await;
    let mut events = store.audit_chain().await.expect("read");
    rewrite_from(&mut events, 3, legacy);
    as_attacker(&store, &rewritten(&events[2..])).await;
    let result = store.verify_audit_trail().await.expect("read");
    assert_eq!(result.map_err(|b| b.seq), Err(3));
}

#[tokio::test]
async fn a_rewrite_signed_with_a_key_from_outside_the_key_file_is_found() {
    let (_db, store) = trail_of(5).await;
    let mut events = store.audit_chain().await.expect("read");
    let current = store.audit_keys().current().id().to_owned();
    let wrong = ChainKey::new(&current, [9; 32]).expect("key");
    rewrite_from(&mut events, 2, |e| e.sign(&wrong));
    as_attacker(&store, &rewritten(&events[1..])).await;
    let result = store.verify_audit_trail().await.expect("read");
    assert_eq!(result.map_err(|b| b.seq), Err(2));
}

#[tokio::test]
async fn a_cut_tail_with_the_head_moved_back_is_found_by_a_checkpoint() {
    let (_db, store) = trail_of(5).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("checkpoints");
    let now = OffsetDateTime::now_utc();
    store
        .write_audit_checkpoint(&file, now, true)
        .await
        .expect("checkpoint");
    assert_eq!(verify_with_checkpoints(&store, &file).await, Ok(1));
    let events = store.audit_chain().await.expect("read");
    let mut cut = vec!["DELETE FROM audit_events WHERE seq > 3".to_owned()];
    cut.extend(rewritten(&events[2..3]));
    as_attacker(&store, &cut).await;
    assert_eq!(
        store.verify_audit_trail().await.expect("read"),
        Ok(3),
        "inside the database the shortened chain is consistent"
    );
    assert_eq!(verify_with_checkpoints(&store, &file).await, Err(5));
}

#[tokio::test]
async fn a_whole_chain_rewritten_as_unkeyed_events_is_found_by_a_checkpoint() {
    let (_db, store) = trail_of(4).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("checkpoints");
    let now = OffsetDateTime::now_utc();
    store
        .write_audit_checkpoint(&file, now, true)
        .await
        .expect("checkpoint");
    let mut events = store.audit_chain().await.expect("read");
    rewrite_from(&mut events, 1, legacy);
    as_attacker(&store, &rewritten(&events)).await;
    assert_eq!(verify_with_checkpoints(&store, &file).await, Err(4));
}

#[tokio::test]
async fn a_checkpoint_edited_without_the_key_is_found_and_an_unmoved_head_is_not_written_twice() {
    let (_db, store) = trail_of(3).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("checkpoints");
    let now = OffsetDateTime::now_utc();
    let first = store
        .write_audit_checkpoint(&file, now, true)
        .await
        .expect("checkpoint");
    assert_eq!(first.len(), 1, "one line: the one chain's head");
    let again = store
        .write_audit_checkpoint(&file, now, true)
        .await
        .expect("checkpoint");
    assert!(again.is_empty(), "the head did not move");
    let text = std::fs::read_to_string(&file).expect("read");
    let words: Vec<&str> = text.split_whitespace().collect();
    std::fs::write(&file, format!("{} 2 {} {}\n", words[0], words[2], words[3])).expect("edit");
    assert_eq!(verify_with_checkpoints(&store, &file).await, Err(2));
}

#[tokio::test]
async fn the_head_only_moves_forward_to_the_newest_event() {
    let (_db, store) = trail_of(3).await;
    let events = store.audit_chain().await.expect("read");
    let back = format!(
        "UPDATE audit_chains SET seq = 2, hash = {} WHERE chain = 'org-1'",
        literal(Some(&events[1].hash))
    );
    with_pool!(store, pool => {
        for refused in [back.as_str(), "UPDATE audit_chains SET hash = 'x' WHERE chain = 'org-1'",
                        "UPDATE audit_chains SET seq = 4 WHERE chain = 'org-1'", "DELETE FROM audit_chains",
                        "INSERT INTO audit_chains (chain, seq, hash) VALUES ('org-9', 5, 'x')",
                        "UPDATE audit_head SET seq = 1 WHERE id = 1", "DELETE FROM audit_head"] {
            let result = sqlx::raw_sql(sqlx::AssertSqlSafe(refused.to_owned())).execute(pool).await;
            assert!(result.is_err(), "refused: {refused}");
        }
        sqlx::query("UPDATE audit_chains SET seq = seq WHERE chain = 'org-1'").execute(pool).await
            .expect("an update that changes nothing is how an append locks the head");
    });
    assert_eq!(store.verify_audit_trail().await.expect("read"), Ok(3));
}

#[tokio::test]
async fn events_from_before_the_key_still_verify_and_the_first_keyed_event_follows_them() {
    let (_db, store) = trail_of(3).await;
    let mut events = store.audit_chain().await.expect("read");
    for i in 0..events.len() {
        if i > 0 {
            events[i].prev_hash = events[i - 1].hash.clone();
        }
        legacy(&mut events[i]);
    }
    as_attacker(&store, &rewritten(&events)).await;
    for i in 0..2 {
        let mut tx = store.begin().await.expect("tx");
        tx.append_audit(event("user.read", &format!("keyed-{i}")))
            .await
            .expect("append");
        tx.commit().await.expect("commit");
    }
    let all = store.audit_chain().await.expect("read");
    assert_eq!(all[3].prev_hash, all[2].hash);
    assert!(all[2].key_id.is_none() && all[3].key_id.is_some());
    assert_eq!(store.verify_audit_trail().await.expect("read"), Ok(5));
}

#[tokio::test]
async fn after_a_rotation_older_keys_verify_older_events() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let old = ChainKey::new("old", [1; 32]).expect("key");
    let new = ChainKey::new("new", [2; 32]).expect("key");
    let both =
        AuditKeyring::parse(&format!("{}\n{}\n", old.to_line(), new.to_line())).expect("ring");
    for (keys, actor) in [
        (AuditKeyring::single(old), "before"),
        (both.clone(), "after"),
    ] {
        let store = store.clone().with_audit_keys(Arc::new(keys));
        let mut tx = store.begin().await.expect("tx");
        tx.append_audit(event("user.read", actor))
            .await
            .expect("append");
        tx.commit().await.expect("commit");
    }
    let rotated = store.clone().with_audit_keys(Arc::new(both));
    assert_eq!(rotated.verify_audit_trail().await.expect("read"), Ok(2));
    let events = rotated.audit_chain().await.expect("read");
    assert_eq!(events[0].key_id.as_deref(), Some("old"));
    assert_eq!(events[1].key_id.as_deref(), Some("new"));
    let without_old = store.with_audit_keys(Arc::new(AuditKeyring::single(new_only())));
    assert_eq!(
        without_old
            .verify_audit_trail()
            .await
            .expect("read")
            .map_err(|b| b.seq),
        Err(1)
    );
}

fn new_only() -> ChainKey {
    ChainKey::new("new", [2; 32]).expect("key")
}
