//! The store against a real database: SQLite always, PostgreSQL when `TANDEM_TEST_POSTGRES_URL`
//! is set (see `tandem_store::testing`).

use tandem_domain::{Id, OrganizationName};
use tandem_store::testing::TestDatabase;
use tandem_store::{Backend, DatabaseTarget, Store, StoreError, migrate, with_pool};

#[tokio::test]
async fn migrations_apply_once_and_again_is_a_no_op() {
    let db = TestDatabase::empty().await.expect("test database");
    let store = Store::open_and_migrate(&db.target)
        .await
        .expect("first run");
    let version = migrate::applied_version(&store).await.expect("version");
    assert_eq!(version, migrate::known_version(store.backend()));
    store.close().await;

    let again = Store::open_and_migrate(&db.target)
        .await
        .expect("second run");
    assert_eq!(
        migrate::applied_version(&again).await.expect("version"),
        version
    );
}

#[tokio::test]
async fn an_organization_round_trips_with_its_danish_name() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let name = OrganizationName::parse("Ærø Kommune – Børn & Unge").expect("valid");
    let added = store.insert_organization(&name).await.expect("insert");

    let found = store.organization_by_id(added.id).await.expect("read");
    assert_eq!(found, Some(added.clone()));
    assert_eq!(store.list_organizations().await.expect("list"), vec![added]);
    assert_eq!(
        store.organization_by_id(Id::new()).await.expect("read"),
        None
    );
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_tandem_is_refused() {
    let (db, store) = TestDatabase::migrated().await.expect("database");
    let future = migrate::known_version(store.backend()) + 1;
    with_pool!(store, pool => {
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ($1, 'from the future', TRUE, $2, 0)",
        )
        .bind(future)
        .bind(vec![0u8; 48])
        .execute(pool)
        .await
        .expect("pretend a newer version migrated");
    });
    store.close().await;

    let error = Store::open_and_migrate(&db.target)
        .await
        .expect_err("must refuse");
    assert!(
        matches!(error, StoreError::SchemaTooNew { found, .. } if found == future),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("newer than this version of Tandem")
    );
}

#[tokio::test]
async fn every_pooled_sqlite_connection_has_the_required_settings() {
    let db = TestDatabase::empty_sqlite();
    let store = Store::open_and_migrate(&db.target).await.expect("database");
    // Hold several connections at once so the check covers more than the first one.
    let tandem_store::pool::BackendPool::Sqlite(pool) = store.backend_pool() else {
        panic!("SQLite expected");
    };
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut conn = pool.acquire().await.expect("connection");
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let busy_timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let secure_delete: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        assert_eq!(journal, "wal");
        assert_eq!(synchronous, 2, "FULL");
        assert_eq!(foreign_keys, 1);
        assert!(busy_timeout >= 5000, "{busy_timeout}");
        assert_eq!(secure_delete, 1);
        held.push(conn);
    }
}

#[tokio::test]
async fn a_file_that_is_not_a_database_gives_a_clear_error() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("tandem.db");
    std::fs::write(&path, vec![0x5a_u8; 8192]).expect("write garbage");
    let error = Store::open_and_migrate(&DatabaseTarget::Sqlite(path))
        .await
        .expect_err("garbage is not a database");
    let text = error.to_string();
    assert!(matches!(error, StoreError::Connect { .. }), "{text}");
    assert!(text.contains("not a database"), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[tokio::test]
async fn an_unreachable_postgres_server_gives_a_clear_error() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    let target =
        DatabaseTarget::from_url("postgres://tandem:secret@127.0.0.1:1/tandem").expect("url");
    let error = Store::open_and_migrate(&target)
        .await
        .expect_err("unreachable");
    let text = error.to_string();
    assert!(matches!(error, StoreError::Connect { .. }), "{text}");
    assert!(!text.contains("secret"), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[tokio::test]
async fn the_backend_follows_the_test_environment() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let expected = if std::env::var("TANDEM_TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    assert_eq!(store.backend(), expected);
}

#[tokio::test]
async fn instances_starting_at_the_same_time_migrate_once_without_errors() {
    let db = TestDatabase::empty().await.expect("test database");
    let t = &db.target;
    // Four starts interleaved on one runtime: each opens its own connections, so they race in
    // the database exactly as separate processes would.
    let (a, b, c, d) = tokio::join!(
        Store::open_and_migrate(t),
        Store::open_and_migrate(t),
        Store::open_and_migrate(t),
        Store::open_and_migrate(t)
    );
    for start in [a, b, c, d] {
        start.expect("every instance starts");
    }
    let store = Store::open(&db.target).await.expect("open");
    assert_eq!(
        migrate::applied_version(&store).await.expect("version"),
        migrate::known_version(store.backend())
    );
}
