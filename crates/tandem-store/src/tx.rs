//! Write transactions on either backend.
//!
//! Audited operations run in one transaction with their audit event (R15). On SQLite a write
//! transaction begins with `BEGIN IMMEDIATE`: taking the write lock up front avoids "database is
//! locked" failures when two read-then-write transactions race (see the field notes).

use sqlx::{Postgres, Sqlite, Transaction};

use crate::error::StoreError;
use crate::pool::{BackendPool, Store};

/// An open write transaction; commit it or it rolls back when dropped.
#[derive(Debug)]
pub enum Tx {
    /// SQLite, begun with `BEGIN IMMEDIATE`.
    Sqlite(Transaction<'static, Sqlite>),
    /// PostgreSQL.
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$conn` bound to the transaction's typed connection (see `with_pool!`).
#[macro_export]
macro_rules! with_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::tx::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::tx::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

impl Store {
    /// Begins a write transaction.
    ///
    /// # Errors
    /// A database error, or [`StoreError::Busy`] when SQLite stays locked past its timeout.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self.backend_pool() {
            BackendPool::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            BackendPool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

impl Store {
    /// Begins a transaction that only reads (a deferred transaction on SQLite, so it does not
    /// take the write lock).
    ///
    /// # Errors
    /// A database error.
    pub async fn begin_read(&self) -> Result<Tx, StoreError> {
        Ok(match self.backend_pool() {
            BackendPool::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            BackendPool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

impl Tx {
    /// Commits the transaction.
    ///
    /// # Errors
    /// A database error; nothing of the transaction is then kept.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Self::Sqlite(tx) => tx.commit().await?,
            Self::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}
