//! Opening the database and the [`Store`] handle the rest of Tandem holds.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use tandem_domain::audit::AuditKeyring;

use crate::error::{StoreError, is_sqlite_busy, one_line};
use crate::migrate;
use crate::target::DatabaseTarget;

/// How long start-up waits for a database before giving up with a clear message.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Which backend a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The typed pool behind a store; matched by [`crate::with_pool!`].
#[derive(Debug, Clone)]
pub enum BackendPool {
    /// SQLite through sqlx's typed SQLite driver.
    Sqlite(SqlitePool),
    /// PostgreSQL through sqlx's typed PostgreSQL driver.
    Postgres(PgPool),
}

/// A handle to Tandem's database. Cheap to clone; all clones share one connection pool.
///
/// It also holds the audit key file's keys, which sign every appended event and verify the
/// chain (ADR 0015). Until [`Store::with_audit_keys`] gives it the real ones, a random key made
/// once per process stands in ([`crate::audit_keys::ephemeral`]): tests and embedders need no
/// key file, and an event signed with it fails verification against any real key file. The
/// `tandem` binary always sets the key file's keys.
#[derive(Debug, Clone)]
pub struct Store {
    pool: BackendPool,
    audit_keys: Arc<AuditKeyring>,
}

impl Store {
    /// Opens the database, applies pending migrations and returns the store.
    ///
    /// Refuses a database whose schema is newer than this build knows.
    ///
    /// # Errors
    /// [`StoreError::Connect`] when the database cannot be opened or reached,
    /// [`StoreError::SchemaTooNew`], or a migration failure.
    pub async fn open_and_migrate(target: &DatabaseTarget) -> Result<Self, StoreError> {
        migrate::run(target).await?;
        Self::open(target).await
    }

    /// Opens the database without migrating; checks that its schema is not newer than known.
    ///
    /// # Errors
    /// As [`Store::open_and_migrate`], except for migrations.
    pub async fn open(target: &DatabaseTarget) -> Result<Self, StoreError> {
        probe(target).await?;
        let pool = match target {
            DatabaseTarget::Sqlite(_) => BackendPool::Sqlite(
                // No ping before handing out a pooled connection: an embedded file cannot go
                // away underneath, and the ping is a round trip to the connection's worker
                // thread on every query (measured: a fifth of an audited page's work).
                SqlitePoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .acquire_timeout(CONNECT_TIMEOUT)
                    .connect_with(sqlite_options(target)?)
                    .await
                    .map_err(|e| connect_error(target, &e))?,
            ),
            DatabaseTarget::Postgres(_) => BackendPool::Postgres(
                PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(CONNECT_TIMEOUT)
                    .connect_with(postgres_options(target)?)
                    .await
                    .map_err(|e| connect_error(target, &e))?,
            ),
        };
        let store = Self {
            pool,
            audit_keys: crate::audit_keys::ephemeral()?,
        };
        migrate::refuse_newer_schema(&store)
            .await
            .map_err(|e| match e {
                StoreError::Query(q) => connect_error(target, &q),
                other => other,
            })?;
        Ok(store)
    }

    /// The same store, signing and verifying the audit chain with `keys` (the key file's).
    #[must_use]
    pub fn with_audit_keys(mut self, keys: Arc<AuditKeyring>) -> Self {
        self.audit_keys = keys;
        self
    }

    /// The keys that sign and verify the audit chain.
    #[must_use]
    pub fn audit_keys(&self) -> &Arc<AuditKeyring> {
        &self.audit_keys
    }

    /// The backend this store runs on.
    #[must_use]
    pub fn backend(&self) -> Backend {
        match self.pool {
            BackendPool::Sqlite(_) => Backend::Sqlite,
            BackendPool::Postgres(_) => Backend::Postgres,
        }
    }

    /// The typed pool, for [`crate::with_pool!`].
    #[must_use]
    pub fn backend_pool(&self) -> &BackendPool {
        &self.pool
    }

    /// Checks that the database answers a trivial query (used by `/readyz`).
    ///
    /// # Errors
    /// Whatever the database answers instead.
    pub async fn ping(&self) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    /// Closes every pooled connection, waiting for checked-out ones to come back.
    pub async fn close(&self) {
        with_pool!(self, pool => pool.close().await);
    }
}

/// Opens and closes one connection. A pool retries refused connections until its acquire
/// timeout; a single connection fails at once, so a wrong URL is reported without delay.
async fn probe(target: &DatabaseTarget) -> Result<(), StoreError> {
    use sqlx::{ConnectOptions, Connection};
    let result = match target {
        DatabaseTarget::Sqlite(_) => {
            // While another process converts a fresh file to WAL, SQLite answers "database is
            // locked" at once instead of waiting; retry for up to the busy timeout.
            let options = sqlite_options(target)?;
            let mut attempt = 0;
            loop {
                match options.connect().await {
                    Ok(conn) => break conn.close().await,
                    Err(e) if is_sqlite_busy(&e) && attempt < 50 => {
                        attempt += 1;
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    Err(e) => break Err(e),
                }
            }
        }
        DatabaseTarget::Postgres(_) => {
            let options = postgres_options(target)?;
            match tokio::time::timeout(CONNECT_TIMEOUT, options.connect()).await {
                Ok(Ok(conn)) => conn.close().await,
                Ok(Err(e)) => Err(e),
                Err(_) => Err(sqlx::Error::PoolTimedOut),
            }
        }
    };
    result.map_err(|e| connect_error(target, &e))
}

/// The settings every SQLite connection gets (architecture spec, requirement R27): WAL for
/// concurrent readers, `synchronous=FULL` so an acknowledged write survives power loss,
/// enforced foreign keys, a 5 s busy timeout, and `secure_delete` so erased personal data
/// does not linger in free pages (R20). Reads go through a memory map of up to 256 MB (address
/// space, not memory: the pages are the operating system's file cache): reading a campaign of
/// 100,000 stories for its pattern pages spent a fifth of its time copying pages out of that
/// cache one `pread` at a time.
pub(crate) fn sqlite_options(target: &DatabaseTarget) -> Result<SqliteConnectOptions, StoreError> {
    let DatabaseTarget::Sqlite(path) = target else {
        return Err(StoreError::UnsupportedUrl);
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Connect {
            target: target.to_string(),
            message: e.to_string(),
        })?;
    }
    Ok(SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_millis(5000))
        .pragma("secure_delete", "ON")
        .pragma("mmap_size", "268435456"))
}

/// Connection options for PostgreSQL, parsed from the URL.
pub(crate) fn postgres_options(target: &DatabaseTarget) -> Result<PgConnectOptions, StoreError> {
    let DatabaseTarget::Postgres(url) = target else {
        return Err(StoreError::UnsupportedUrl);
    };
    PgConnectOptions::from_str(url).map_err(|e| connect_error(target, &e))
}

pub(crate) fn connect_error(target: &DatabaseTarget, error: &sqlx::Error) -> StoreError {
    StoreError::Connect {
        target: target.to_string(),
        message: one_line(error),
    }
}
