//! A fresh, migrated database for each test, on either backend.
//!
//! With `TANDEM_TEST_POSTGRES_URL` set, each test gets its own PostgreSQL schema on that server
//! (cheap to create, invisible to other tests); otherwise each test gets its own SQLite file in a
//! temporary directory. The same test body therefore runs on both backends: CI runs the suite
//! once without and once with the variable.

use std::path::PathBuf;

use crate::error::StoreError;
use crate::pool::Store;
use crate::target::DatabaseTarget;

/// The environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_URL_VAR: &str = "TANDEM_TEST_POSTGRES_URL";

/// A fresh database that lives as long as this value.
#[derive(Debug)]
pub struct TestDatabase {
    /// Where it is: open it again with [`Store::open`] to simulate another instance.
    pub target: DatabaseTarget,
    /// The SQLite file's directory, removed on drop.
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// Creates an empty database (not migrated) on the backend chosen by the environment.
    ///
    /// # Errors
    /// When PostgreSQL is configured but cannot be reached.
    pub async fn empty() -> Result<Self, StoreError> {
        match std::env::var(POSTGRES_URL_VAR)
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(url) => Self::empty_postgres(&url).await,
            None => Ok(Self::empty_sqlite()),
        }
    }

    /// Creates an empty SQLite database, whatever the environment says (for SQLite-only tests).
    ///
    /// # Panics
    /// When no temporary directory can be created — a broken test machine.
    #[must_use]
    pub fn empty_sqlite() -> Self {
        #[expect(
            clippy::expect_used,
            reason = "a test machine without /tmp is unusable"
        )]
        let dir = tempfile::tempdir().expect("temporary directory for a test database");
        let path: PathBuf = dir.path().join("tandem.db");
        Self {
            target: DatabaseTarget::Sqlite(path),
            _dir: Some(dir),
        }
    }

    async fn empty_postgres(url: &str) -> Result<Self, StoreError> {
        use sqlx::Connection;
        let admin_target = DatabaseTarget::Postgres(url.to_owned());
        let schema = format!("test_{}", uuid::Uuid::now_v7().simple());
        let mut admin = sqlx::PgConnection::connect(url)
            .await
            .map_err(|e| crate::pool::connect_error(&admin_target, &e))?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&mut admin)
            .await?;
        admin.close().await?;
        // libpq-style `options` set the search path for every connection of the pool, so the
        // unqualified table names of the real queries resolve inside the test's schema.
        let separator = if url.contains('?') { '&' } else { '?' };
        let scoped = format!("{url}{separator}options=-c%20search_path%3D{schema}");
        Ok(Self {
            target: DatabaseTarget::Postgres(scoped),
            _dir: None,
        })
    }

    /// Creates a fresh database with every migration applied, and opens it.
    ///
    /// # Errors
    /// As [`TestDatabase::empty`], or a migration failure.
    pub async fn migrated() -> Result<(Self, Store), StoreError> {
        let db = Self::empty().await?;
        let store = Store::open_and_migrate(&db.target).await?;
        Ok((db, store))
    }
}
