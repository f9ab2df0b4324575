//! Forward-only migrations and the schema-version guard.
//!
//! Each migration is written once, in `migrations/source/NNNN_name.sql`, in portable SQL with a
//! small notation for what differs between the backends (see [`dialect::migration`]). It is
//! rendered into one file per backend (`migrations/sqlite`, `migrations/postgres`), and those
//! rendered files are committed and embedded here, one migrator per database, which keeps
//! sqlx's bookkeeping simple. sqlx stores a checksum of each applied migration, so a released
//! file must never change by a byte: `tests/migrations_render.rs` fails, naming the file and its
//! first differing line, when a committed file is not its source rendered or a file is missing.
//!
//! To add a migration, write `migrations/source/0011_name.sql`, run
//! `TANDEM_RENDER_MIGRATIONS=write cargo test -p tandem-store --test migrations_render` once to
//! write its SQLite and PostgreSQL files, and commit all three.
//!
//! Migrations run on a dedicated connection: on PostgreSQL sqlx holds an advisory lock for the
//! duration, so several instances starting at once apply each migration exactly once, and a
//! failed run cannot leave the lock held by a pooled connection.

use sqlx::Connection;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqliteConnection;

use crate::dialect;
use crate::error::StoreError;
use crate::pool::{Backend, Store, connect_error, postgres_options, sqlite_options};
use crate::target::DatabaseTarget;

/// The SQLite migrations, embedded at compile time (`build.rs` rebuilds when one is added).
pub static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
/// The PostgreSQL migrations, embedded at compile time.
pub static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// The newest schema version this build knows for a backend.
#[must_use]
pub fn known_version(backend: Backend) -> i64 {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Applies every pending migration to the target database.
///
/// # Errors
/// [`StoreError::Connect`], [`StoreError::SchemaTooNew`] or [`StoreError::Migrate`].
pub async fn run(target: &DatabaseTarget) -> Result<(), StoreError> {
    // sqlx takes no lock on SQLite (it does on PostgreSQL), so two processes starting at once
    // would both apply the same migration — or collide while the first converts a fresh file to
    // WAL. An OS file lock beside the database serializes the whole open-check-migrate sequence;
    // the second process then finds nothing left to do.
    let _lock = match target {
        DatabaseTarget::Sqlite(path) => {
            Some(lock_file(path).await.map_err(|e| StoreError::Connect {
                target: target.to_string(),
                message: format!("cannot lock for migration: {e}"),
            })?)
        }
        DatabaseTarget::Postgres(_) => None,
    };
    // Check the version with a short-lived store first so a newer schema is reported in plain
    // words rather than as sqlx's "migration N was previously applied but is missing".
    let store = Store::open(target).await?;
    let applied = applied_version(&store).await;
    store.close().await;
    // Nothing to apply: leave the migrator alone. On PostgreSQL it starts with `CREATE TABLE
    // IF NOT EXISTS _sqlx_migrations`, which needs CREATE on the schema even when the table
    // exists — a right the least-privilege runtime role (`tandem db grant-runtime-role`) must
    // not have, and it is the role `tandem serve` runs as.
    if applied? == known_version(store.backend()) {
        return Ok(());
    }
    match target {
        DatabaseTarget::Sqlite(_) => {
            let mut conn = SqliteConnection::connect_with(&sqlite_options(target)?)
                .await
                .map_err(|e| connect_error(target, &e))?;
            SQLITE.run(&mut conn).await?;
            conn.close().await.map_err(StoreError::from)?;
        }
        DatabaseTarget::Postgres(_) => {
            let mut conn = PgConnection::connect_with(&postgres_options(target)?)
                .await
                .map_err(|e| connect_error(target, &e))?;
            POSTGRES.run(&mut conn).await?;
            conn.close().await.map_err(StoreError::from)?;
        }
    }
    Ok(())
}

/// Takes an exclusive lock on `<database>.migrate-lock`, waiting for another holder; released
/// when the returned file is dropped (or the process ends).
async fn lock_file(database: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut name = database.as_os_str().to_owned();
    name.push(".migrate-lock");
    let path = std::path::PathBuf::from(name);
    tokio::task::spawn_blocking(move || {
        // The first run creates the data directory (`./tandem-data`) here.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        Ok(file)
    })
    .await
    .map_err(std::io::Error::other)?
}

/// The newest migration applied to the store's database (0 for a fresh database).
///
/// # Errors
/// A database error.
pub async fn applied_version(store: &Store) -> Result<i64, StoreError> {
    let exists_sql = dialect::migrations_table_exists(store.backend());
    let version = with_pool!(store, pool => {
        let exists: bool = sqlx::query_scalar(exists_sql).fetch_one(pool).await?;
        if exists {
            sqlx::query_scalar::<_, Option<i64>>(
                "SELECT MAX(version) FROM _sqlx_migrations WHERE success",
            )
            .fetch_one(pool)
            .await?
            .unwrap_or(0)
        } else {
            0
        }
    });
    Ok(version)
}

/// Fails when the database was migrated by a newer Tandem.
pub(crate) async fn refuse_newer_schema(store: &Store) -> Result<(), StoreError> {
    let found = applied_version(store).await?;
    let known = known_version(store.backend());
    if found > known {
        return Err(StoreError::SchemaTooNew { found, known });
    }
    Ok(())
}
