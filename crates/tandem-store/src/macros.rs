//! The dispatch helper behind the "one code path" rule.

/// Runs `$body` with `$pool` bound to the typed pool of the store's backend.
///
/// The body is written once and compiled twice — once against `SqlitePool`, once against
/// `PgPool` — so both backends get sqlx's full type support (booleans, timestamps, aggregates)
/// without the limitations of sqlx's `Any` driver.
#[macro_export]
macro_rules! with_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store.backend_pool() {
            $crate::pool::BackendPool::Sqlite($pool) => $body,
            $crate::pool::BackendPool::Postgres($pool) => $body,
        }
    };
}
