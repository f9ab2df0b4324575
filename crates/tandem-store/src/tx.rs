//! Write transactions on either backend.
//!
//! Audited operations run in one transaction with their audit event (R15). On SQLite a write
//! transaction begins with `BEGIN IMMEDIATE`: taking the write lock up front avoids "database is
//! locked" failures when two read-then-write transactions race (see the field notes).

use std::sync::Arc;

use sqlx::{Postgres, Sqlite, Transaction};
use tandem_domain::audit::AuditKeyring;

use crate::error::StoreError;
use crate::pool::{BackendPool, Store};

/// An open write transaction; commit it or it rolls back when dropped. It carries the store's
/// audit keys so that every event appended in it is signed (ADR 0015).
#[derive(Debug)]
pub struct Tx {
    /// The typed transaction, matched by [`crate::with_tx!`].
    pub conn: TxConn,
    pub(crate) audit_keys: Arc<AuditKeyring>,
}

/// The typed transaction behind a [`Tx`].
#[derive(Debug)]
pub enum TxConn {
    /// SQLite, begun with `BEGIN IMMEDIATE`.
    Sqlite(Transaction<'static, Sqlite>),
    /// PostgreSQL.
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$conn` bound to the transaction's typed connection (see `with_pool!`).
#[macro_export]
macro_rules! with_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match &mut ($tx).conn {
            $crate::tx::TxConn::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::tx::TxConn::Postgres(t) => {
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
        let conn = match self.backend_pool() {
            BackendPool::Sqlite(pool) => TxConn::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            BackendPool::Postgres(pool) => TxConn::Postgres(pool.begin().await?),
        };
        Ok(self.tx(conn))
    }
}

impl Store {
    /// Begins a transaction that only reads (a deferred transaction on SQLite, so it does not
    /// take the write lock).
    ///
    /// # Errors
    /// A database error.
    pub async fn begin_read(&self) -> Result<Tx, StoreError> {
        let conn = match self.backend_pool() {
            BackendPool::Sqlite(pool) => TxConn::Sqlite(pool.begin().await?),
            BackendPool::Postgres(pool) => TxConn::Postgres(pool.begin().await?),
        };
        Ok(self.tx(conn))
    }

    fn tx(&self, conn: TxConn) -> Tx {
        Tx {
            conn,
            audit_keys: Arc::clone(self.audit_keys()),
        }
    }
}

impl Tx {
    /// Commits the transaction.
    ///
    /// # Errors
    /// A database error; nothing of the transaction is then kept.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self.conn {
            TxConn::Sqlite(tx) => tx.commit().await?,
            TxConn::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}
