//! A chain per organization and group commit (ADR 0018), on a real database: organizations
//! never share a chain, a batch answers each of its requests only for what committed, the
//! single chain of before still verifies, and checkpoints cover every chain. Runs on SQLite,
//! and on PostgreSQL when configured.

use std::collections::HashMap;

use tandem_domain::audit::{AuditEvent, GENESIS_HASH, Outcome, SYSTEM_CHAIN};
use tandem_store::audit::NewAuditEvent;
use tandem_store::audit_appender::AuditAppender;
use tandem_store::testing::{TestDatabase, count, fail_inserts_into, tamper_with_audit_trail};
use tandem_store::{Backend, Store, with_pool};
use time::OffsetDateTime;

fn event(org: Option<&str>, actor: &str) -> NewAuditEvent {
    NewAuditEvent {
        at: OffsetDateTime::now_utc(),
        organization_id: org.map(str::to_owned),
        actor_id: Some(actor.into()),
        actor_role: "processor".into(),
        action: "course.read".into(),
        subject_id: Some("young-1".into()),
        object_kind: "course".into(),
        object_id: Some("course-1".into()),
        purpose: "test".into(),
        outcome: Outcome::Allowed,
        ip: None,
    }
}

/// Checks that every chain holds only its organization's events, at positions 1, 2, … each
/// following the one before, with trail numbers rising along it.
fn assert_separate_chains(events: &[AuditEvent]) -> HashMap<String, usize> {
    let mut chains: HashMap<String, Vec<&AuditEvent>> = HashMap::new();
    for e in events {
        let chain = e.chain.clone().expect("every new event names its chain");
        assert_eq!(
            chain,
            e.organization_id.as_deref().unwrap_or(SYSTEM_CHAIN),
            "an event sits in its own organization's chain"
        );
        chains.entry(chain).or_default().push(e);
    }
    chains
        .into_iter()
        .map(|(chain, mut list)| {
            list.sort_by_key(|e| e.position());
            let mut previous = GENESIS_HASH.to_owned();
            for (i, e) in list.iter().enumerate() {
                assert_eq!(e.position(), i as i64 + 1, "chain {chain} has no gaps");
                assert_eq!(
                    e.prev_hash, previous,
                    "chain {chain} links only its own events"
                );
                previous.clone_from(&e.hash);
            }
            assert!(list.windows(2).all(|w| w[0].seq < w[1].seq));
            (chain, list.len())
        })
        .collect()
}

#[tokio::test]
async fn concurrent_requests_of_two_organizations_never_share_a_chain() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let appender = AuditAppender::start(store.clone());
    let mut tasks = Vec::new();
    for i in 0..24 {
        let (store, appender) = (store.clone(), appender.clone());
        let org = if i % 2 == 0 { "org-a" } else { "org-b" };
        tasks.push(tokio::spawn(async move {
            for j in 0..10 {
                if j % 3 == 0 {
                    // A write: its event in its own transaction, beside the appender's batches.
                    let mut tx = store.begin().await.expect("tx");
                    tx.append_audit(event(Some(org), &format!("w{i}-{j}")))
                        .await
                        .expect("append");
                    tx.commit().await.expect("commit");
                } else {
                    appender
                        .append(event(Some(org), &format!("r{i}-{j}")))
                        .await
                        .expect("appended");
                }
            }
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
    appender
        .append(event(None, "anonymous"))
        .await
        .expect("appended");
    assert_eq!(store.verify_audit_trail().await.expect("read"), Ok(241));
    let sizes = assert_separate_chains(&store.audit_chain().await.expect("read"));
    assert_eq!(sizes.get("org-a"), Some(&120));
    assert_eq!(sizes.get("org-b"), Some(&120));
    assert_eq!(sizes.get(SYSTEM_CHAIN), Some(&1));
    let heads = store.audit_chain_heads().await.expect("heads");
    let names: Vec<&str> = heads.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(names, ["org-a", "org-b", SYSTEM_CHAIN]);
    assert!(
        heads
            .iter()
            .all(|(c, seq, _)| *seq == *sizes.get(c).expect("size") as i64)
    );
    assert_eq!(
        store.verify_audit_chain("org-b").await.expect("read"),
        Ok(120)
    );
}

#[tokio::test]
async fn a_request_hears_ok_only_when_its_event_committed() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    fail_inserts_into(
        &store,
        "refuse_boom",
        "audit_events",
        Some("NEW.actor_id = 'boom'"),
    )
    .await
    .expect("trigger");
    let appender = AuditAppender::start(store.clone());
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let appender = appender.clone();
            let actor = if i % 10 == 7 {
                "boom".to_owned()
            } else {
                format!("actor-{i}")
            };
            tokio::spawn(async move {
                let outcome = appender.append(event(Some("org-a"), &actor)).await;
                (actor, outcome.is_ok())
            })
        })
        .collect();
    let mut answered_ok = Vec::new();
    for task in tasks {
        let (actor, ok) = task.await.expect("task");
        assert!(
            !(actor == "boom" && ok),
            "a failed event is never acknowledged"
        );
        if ok {
            answered_ok.push(actor);
        }
    }
    let kept: Vec<String> = store
        .audit_chain()
        .await
        .expect("read")
        .into_iter()
        .filter_map(|e| e.actor_id)
        .collect();
    let mut expected = answered_ok.clone();
    expected.sort();
    let mut kept_sorted = kept.clone();
    kept_sorted.sort();
    assert_eq!(
        kept_sorted, expected,
        "exactly the acknowledged events are kept: a failed batch fails each of its requests"
    );
    assert_eq!(
        store.verify_audit_trail().await.expect("read"),
        Ok(kept.len() as u64)
    );
    let alone = appender.append(event(Some("org-a"), "after")).await;
    assert!(alone.is_ok(), "the appender goes on after a failed batch");
}

/// Runs statements with the triggers off, as an owner (SQLite) or superuser (PostgreSQL) could.
async fn as_attacker(store: &Store, sql: &str) {
    tamper_with_audit_trail(store, sql).await.expect("tamper");
}

/// Writes `n` events of the single chain of before (as the code before per-organization
/// chains did: no chain, `seq` the position) and moves its head to the last.
async fn legacy_chain(store: &Store, n: i64) -> Vec<AuditEvent> {
    let mut previous = GENESIS_HASH.to_owned();
    let mut events = Vec::new();
    let mut sql = String::new();
    for seq in 1..=n {
        let mut e = AuditEvent {
            seq,
            chain: None,
            chain_seq: None,
            at: format!("2026-11-01T10:00:{seq:02}.000000Z"),
            organization_id: Some("org-a".into()),
            actor_id: Some(format!("old-{seq}")),
            actor_role: "processor".into(),
            action: "course.read".into(),
            subject_id: None,
            object_kind: "course".into(),
            object_id: None,
            purpose: "before".into(),
            outcome: "allowed".into(),
            ip: None,
            prev_hash: previous.clone(),
            hash: String::new(),
            key_id: None,
        };
        e.sign(store.audit_keys().current());
        previous.clone_from(&e.hash);
        sql.push_str(&format!(
            "INSERT INTO audit_events (seq, at, organization_id, actor_id, actor_role, action, object_kind, \
             purpose, outcome, prev_hash, hash, key_id) VALUES ({seq}, '{}', 'org-a', '{}', 'processor', \
             'course.read', 'course', 'before', 'allowed', '{}', '{}', '{}');\n",
            e.at,
            e.actor_id.as_deref().unwrap_or_default(),
            e.prev_hash,
            e.hash,
            e.key_id.as_deref().unwrap_or_default()
        ));
        events.push(e);
    }
    sql.push_str(&format!(
        "UPDATE audit_head SET seq = {n}, hash = '{previous}' WHERE id = 1;"
    ));
    if store.backend() == Backend::Postgres {
        sql.push_str(&format!("SELECT setval('audit_events_seq', {n});"));
    }
    as_attacker(store, &sql).await;
    events
}

#[tokio::test]
async fn the_single_chain_of_before_still_verifies_and_is_closed() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    with_pool!(store, pool => {
        let appended_old_style = sqlx::raw_sql(
            "INSERT INTO audit_events (seq, at, actor_role, action, object_kind, purpose, outcome, prev_hash, hash) \
             VALUES (99, 'x', 'r', 'a', 'k', 'p', 'allowed', 'x', 'y')",
        )
        .execute(pool).await;
        assert!(appended_old_style.is_err(), "the single chain takes no more events");
    });
    legacy_chain(&store, 4).await;
    for i in 0..3 {
        let mut tx = store.begin().await.expect("tx");
        tx.append_audit(event(Some("org-a"), &format!("new-{i}")))
            .await
            .expect("append");
        tx.commit().await.expect("commit");
    }
    assert_eq!(store.verify_audit_trail().await.expect("read"), Ok(7));
    let all = store.audit_chain().await.expect("read");
    assert_eq!(
        all[4].seq, 5,
        "the trail's numbering goes on after the old chain"
    );
    assert_eq!(all[4].chain.as_deref(), Some("org-a"));
    assert_eq!(
        all[4].chain_seq,
        Some(1),
        "the organization's chain starts afresh"
    );
    as_attacker(&store, "DELETE FROM audit_events WHERE seq = 2").await;
    let broken = store
        .verify_audit_trail()
        .await
        .expect("read")
        .expect_err("broken");
    assert_eq!((broken.chain, broken.seq), (None, 3));
}

#[tokio::test]
async fn an_event_moved_to_another_chain_or_a_chains_cut_tail_is_found_there() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let appender = AuditAppender::start(store.clone());
    for i in 0..4 {
        for org in ["org-a", "org-b"] {
            appender
                .append(event(Some(org), &format!("{org}-{i}")))
                .await
                .expect("appended");
        }
    }
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("checkpoints");
    let now = OffsetDateTime::now_utc();
    let written = store
        .write_audit_checkpoint(&file, now, true)
        .await
        .expect("checkpoint");
    assert_eq!(written.len(), 2, "a line per chain");
    appender
        .append(event(Some("org-a"), "later"))
        .await
        .expect("appended");
    let again = store
        .write_audit_checkpoint(&file, now, true)
        .await
        .expect("checkpoint");
    assert_eq!(
        again.iter().map(|c| c.chain.as_deref()).collect::<Vec<_>>(),
        [Some("org-a")],
        "only the chain that moved"
    );
    let verified = store
        .verify_audit_trail_against(Some(&file))
        .await
        .expect("read")
        .expect("intact");
    assert_eq!((verified.events, verified.checkpoints), (9, 3));

    // org-b's last two events cut off and its head moved back: consistent inside the
    // database, found by org-b's checkpoint.
    let b: Vec<AuditEvent> = store.audit_chain_events(Some("org-b")).await.expect("read");
    as_attacker(
        &store,
        &format!(
            "DELETE FROM audit_events WHERE chain = 'org-b' AND chain_seq > 2; \
             UPDATE audit_chains SET seq = 2, hash = '{}' WHERE chain = 'org-b'",
            b[1].hash
        ),
    )
    .await;
    assert_eq!(store.verify_audit_trail().await.expect("read"), Ok(7));
    let broken = store
        .verify_audit_trail_against(Some(&file))
        .await
        .expect("read")
        .expect_err("found");
    assert_eq!((broken.chain.as_deref(), broken.seq), (Some("org-b"), 4));
    assert!(
        broken.problem.contains("which is gone"),
        "{}",
        broken.problem
    );

    // An event of org-a relabelled as org-b's: its hash covers its chain.
    as_attacker(
        &store,
        "UPDATE audit_events SET chain = 'org-b', chain_seq = 3 WHERE chain = 'org-a' AND chain_seq = 5",
    )
    .await;
    let broken = store
        .verify_audit_trail()
        .await
        .expect("read")
        .expect_err("found");
    assert!(broken.chain.is_some(), "{broken:?}");
}

#[tokio::test]
async fn a_whole_chain_removed_with_its_head_is_found() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let appender = AuditAppender::start(store.clone());
    for org in ["org-a", "org-b", "org-b"] {
        appender
            .append(event(Some(org), "x"))
            .await
            .expect("appended");
    }
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("checkpoints");
    store
        .write_audit_checkpoint(&file, OffsetDateTime::now_utc(), false)
        .await
        .expect("checkpoint");
    as_attacker(&store, "DELETE FROM audit_chains WHERE chain = 'org-b'").await;
    let broken = store
        .verify_audit_trail()
        .await
        .expect("read")
        .expect_err("a chain without its head");
    assert_eq!(broken.chain.as_deref(), Some("org-b"));
    as_attacker(&store, "DELETE FROM audit_events WHERE chain = 'org-b'").await;
    assert_eq!(
        store.verify_audit_trail().await.expect("read"),
        Ok(1),
        "inside the database nothing shows"
    );
    let broken = store
        .verify_audit_trail_against(Some(&file))
        .await
        .expect("read")
        .expect_err("the checkpoint names the chain");
    assert_eq!((broken.chain.as_deref(), broken.seq), (Some("org-b"), 2));
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM audit_events")
            .await
            .expect("count"),
        1
    );
}
