//! The few statements whose SQL differs between SQLite and PostgreSQL, side by side.
//!
//! Everything else is portable and lives in the query modules.

use crate::pool::Backend;

/// Whether sqlx's migration bookkeeping table exists yet (it does not on a fresh database).
#[must_use]
pub fn migrations_table_exists(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) > 0 FROM sqlite_master \
             WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        // to_regclass follows search_path, so a per-test schema is found too.
        Backend::Postgres => "SELECT to_regclass('_sqlx_migrations') IS NOT NULL",
    }
}
