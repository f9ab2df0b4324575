//! The least-privilege PostgreSQL runtime role (ADR 0015): after `grant_runtime_role`, a role
//! that owns nothing serves (appends audit events, reads the trail) but cannot change or remove
//! events, move the chain's head back, or switch the triggers off. PostgreSQL only: without
//! TANDEM_TEST_POSTGRES_URL the PostgreSQL test passes without doing anything, and on SQLite the
//! command is refused.

use tandem_domain::audit::Outcome;
use tandem_store::audit::NewAuditEvent;
use tandem_store::roles::RoleError;
use tandem_store::testing::TestDatabase;
use tandem_store::{Backend, DatabaseTarget, Store, with_pool};

fn event(actor: &str) -> NewAuditEvent {
    NewAuditEvent {
        at: time::OffsetDateTime::now_utc(),
        organization_id: Some("org-1".into()),
        actor_id: Some(actor.into()),
        actor_role: "administrator".into(),
        action: "user.read".into(),
        subject_id: None,
        object_kind: "user".into(),
        object_id: None,
        purpose: "test".into(),
        outcome: Outcome::Allowed,
        ip: None,
    }
}

async fn append(store: &Store, actor: &str) {
    let mut tx = store.begin().await.expect("tx");
    tx.append_audit(event(actor)).await.expect("append");
    tx.commit().await.expect("commit");
}

/// The test database's URL with another user (the server trusts local connections).
fn as_user(target: &DatabaseTarget, user: &str) -> DatabaseTarget {
    let DatabaseTarget::Postgres(url) = target else {
        panic!("PostgreSQL expected");
    };
    let mut url = url::Url::parse(url).expect("URL");
    url.set_username(user).expect("user");
    url.set_password(None).expect("password");
    DatabaseTarget::Postgres(url.to_string())
}

async fn admin(store: &Store, sql: &str) {
    with_pool!(store, pool => {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(pool).await.expect(sql);
    });
}

#[tokio::test]
async fn the_runtime_role_serves_but_cannot_tamper_with_the_audit_trail() {
    let (db, owner) = TestDatabase::migrated().await.expect("database");
    if owner.backend() != Backend::Postgres {
        return;
    }
    let role = format!("tandem_rt_{}", uuid::Uuid::now_v7().simple());
    admin(&owner, &format!("CREATE ROLE {role} LOGIN")).await;
    owner.grant_runtime_role(&role).await.expect("granted");
    append(&owner, "owner").await;

    let target = as_user(&db.target, &role);
    let runtime = Store::open_and_migrate(&target)
        .await
        .expect("the runtime role starts up: nothing to migrate, nothing created");
    append(&runtime, "runtime-1").await;
    append(&runtime, "runtime-2").await;
    assert_eq!(runtime.verify_audit_trail().await.expect("read"), Ok(3));

    let refused = [
        "UPDATE audit_events SET purpose = 'x' WHERE seq = 1",
        "DELETE FROM audit_events WHERE seq = 3",
        "TRUNCATE audit_events",
        "UPDATE audit_head SET seq = 1, hash = (SELECT hash FROM audit_events WHERE seq = 1)",
        "DELETE FROM audit_head",
        "DELETE FROM audit_chains",
        "UPDATE audit_chains SET seq = 0",
        "ALTER TABLE audit_events DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_events_no_update_delete ON audit_events",
        "SET session_replication_role = replica",
        "CREATE TABLE sneaky (id INTEGER)",
    ];
    with_pool!(runtime, pool => {
        for sql in refused {
            let result = sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(pool).await;
            assert!(result.is_err(), "the runtime role must not be able to: {sql}");
        }
    });
    assert_eq!(runtime.verify_audit_trail().await.expect("read"), Ok(3));
    runtime.close().await;
    admin(&owner, &format!("DROP OWNED BY {role}; DROP ROLE {role}")).await;
}

#[tokio::test]
async fn superusers_owners_and_unknown_roles_are_refused() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    if store.backend() != Backend::Postgres {
        assert!(matches!(
            store.grant_runtime_role("tandem_runtime").await,
            Err(RoleError::NotPostgres)
        ));
        return;
    }
    let current: String = with_pool!(store, pool => {
        sqlx::query_scalar("SELECT current_user::text").fetch_one(pool).await.expect("user")
    });
    assert!(matches!(
        store.grant_runtime_role(&current).await,
        Err(RoleError::Superuser(_) | RoleError::Owner(_))
    ));
    assert!(matches!(
        store.grant_runtime_role("no_such_role_here").await,
        Err(RoleError::Missing(_))
    ));
    assert!(matches!(
        store
            .grant_runtime_role("Robert'); DROP TABLE users; --")
            .await,
        Err(RoleError::BadName)
    ));
}
