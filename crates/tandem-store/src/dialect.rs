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

/// Test support: a trigger that makes inserts into `table` fail (those matching `when`, a
/// condition on `NEW`, or all), so atomicity tests can break the last step of an action and
/// check that nothing of it was kept. `name` tells the triggers of one test apart.
#[cfg(feature = "test-support")]
#[must_use]
pub fn failing_insert_trigger(
    backend: Backend,
    name: &str,
    table: &str,
    when: Option<&str>,
) -> String {
    match backend {
        Backend::Sqlite => {
            let when = when.map(|w| format!("WHEN {w} ")).unwrap_or_default();
            format!(
                "CREATE TRIGGER {name} BEFORE INSERT ON {table} {when}\
                 BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
            )
        }
        Backend::Postgres => {
            let when = when.map(|w| format!("WHEN ({w}) ")).unwrap_or_default();
            format!(
                "CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; \
                 CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW {when}\
                 EXECUTE FUNCTION {name}();"
            )
        }
    }
}
