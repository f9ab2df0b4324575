//! The store's typed errors.
//!
//! Callers decide what a user sees from the variant; the underlying driver error is kept as the
//! source for the log but its text is never shown to users.

use thiserror::Error;

/// What can go wrong talking to the database.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database URL names a backend Tandem does not support.
    #[error("unsupported database URL: use postgres://… or sqlite://PATH")]
    UnsupportedUrl,
    /// The database could not be opened or reached.
    #[error("cannot open the database ({target}): {message}")]
    Connect {
        /// Which database, without secrets.
        target: String,
        /// The driver's own explanation, in one line.
        message: String,
    },
    /// The database holds migrations that this build of Tandem does not know: it was upgraded by
    /// a newer version. Running against it could corrupt data, so Tandem refuses.
    #[error(
        "the database schema (version {found}) is newer than this version of Tandem knows \
         (version {known}); upgrade Tandem before running it against this database"
    )]
    SchemaTooNew {
        /// The newest migration applied to the database.
        found: i64,
        /// The newest migration this build knows.
        known: i64,
    },
    /// Applying migrations failed.
    #[error("applying database migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// SQLite stayed locked by another writer past the busy timeout. Retryable: the web layer
    /// answers 503 with `Retry-After` rather than 500 (requirement R27).
    #[error("the database is busy; try again")]
    Busy,
    /// A stored value could not be turned into a domain value (a broken invariant).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The audit event could not be written; the operation must not be served (R15).
    #[error("the audit trail could not be written: {0}")]
    AuditWrite(Box<StoreError>),
    /// The audit appender's queue stayed full past its wait: the request is refused rather
    /// than served without its event (R15). Retryable, like [`StoreError::Busy`].
    #[error("the audit trail is overloaded; try again")]
    AuditOverloaded,
    /// The batch holding this request's event did not commit, or the appender stopped; the
    /// appender logs the database's error once for the whole batch.
    #[error("the audit batch was not written: {0}")]
    AuditBatch(String),
    /// A unique value (e-mail address, team name) is already taken.
    #[error("that value is already in use")]
    Conflict,
    /// The operating system's random source failed (no tokens can be made).
    #[error("no randomness available: {0}")]
    Random(#[from] getrandom::Error),
    /// Any other database error.
    #[error("database error: {0}")]
    Query(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        if is_sqlite_busy(&error) {
            return Self::Busy;
        }
        Self::Query(error)
    }
}

/// SQLITE_BUSY (5) or one of its extended codes (e.g. 517, BUSY_SNAPSHOT): lock contention.
pub(crate) fn is_sqlite_busy(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db)
        if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some()
            && db.code().and_then(|c| c.parse::<i32>().ok()).is_some_and(|n| n & 0xff == 5))
}

impl StoreError {
    /// A stored value that no longer parses into its domain type.
    pub(crate) fn corrupt(what: &str) -> Self {
        Self::Corrupt(what.to_owned())
    }

    /// Like `From<sqlx::Error>`, but a unique-constraint violation becomes [`StoreError::Conflict`].
    pub(crate) fn from_unique(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error
            && db.is_unique_violation()
        {
            return Self::Conflict;
        }
        Self::from(error)
    }
}

/// Condenses a driver error into one line for a start-up message, without PostgreSQL's trailing
/// source-location noise.
pub(crate) fn one_line(error: &sqlx::Error) -> String {
    let text = match error {
        sqlx::Error::Database(db) => db.message().to_owned(),
        other => other.to_string(),
    };
    text.lines().next().unwrap_or_default().to_owned()
}
