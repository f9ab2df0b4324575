//! Reading the audit chains back and verifying them (R16, ADR 0015 and 0018): the single chain
//! of before against its frozen head, then each organization's chain against its own, one chain
//! in memory at a time.

use tandem_domain::audit::{AuditEvent, ChainBreak, ChainEnds, GENESIS_HASH, verify_chain};

use crate::audit::{EVENT_COLUMNS, EventRow};
use crate::error::StoreError;
use crate::pool::Store;

/// One chain of the trail: its events in chain order and whether they verified.
#[derive(Debug)]
pub(crate) struct ChainRead {
    /// The chain (`None`: the single chain of before, ADR 0018).
    pub chain: Option<String>,
    /// Its events, by position.
    pub events: Vec<AuditEvent>,
}

impl Store {
    /// Every event of the trail, in the trail's order (every chain interleaved).
    ///
    /// # Errors
    /// A database error.
    pub async fn audit_chain(&self) -> Result<Vec<AuditEvent>, StoreError> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM audit_events ORDER BY seq");
        let rows: Vec<EventRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(AuditEvent::from).collect())
    }

    /// The events of one chain (`None`: the single chain of before), by position.
    ///
    /// # Errors
    /// A database error.
    pub async fn audit_chain_events(
        &self,
        chain: Option<&str>,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        let sql = match chain {
            Some(_) => format!(
                "SELECT {EVENT_COLUMNS} FROM audit_events WHERE chain = $1 ORDER BY chain_seq"
            ),
            None => format!(
                "SELECT {EVENT_COLUMNS} FROM audit_events WHERE chain IS NULL AND $1 IS NULL ORDER BY seq"
            ),
        };
        let rows: Vec<EventRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(chain).fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(AuditEvent::from).collect())
    }

    /// The event with sequence number `seq`, if there is one.
    ///
    /// # Errors
    /// A database error.
    pub async fn audit_event(&self, seq: i64) -> Result<Option<AuditEvent>, StoreError> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM audit_events WHERE seq = $1");
        let row: Option<EventRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(seq).fetch_optional(pool).await?
        });
        Ok(row.map(AuditEvent::from))
    }

    /// The event at `position` in `chain`, if there is one.
    ///
    /// # Errors
    /// A database error.
    pub async fn chain_event(
        &self,
        chain: &str,
        position: i64,
    ) -> Result<Option<AuditEvent>, StoreError> {
        let sql =
            format!("SELECT {EVENT_COLUMNS} FROM audit_events WHERE chain = $1 AND chain_seq = $2");
        let row: Option<EventRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(chain).bind(position).fetch_optional(pool).await?
        });
        Ok(row.map(AuditEvent::from))
    }

    /// The recorded head (position and hash) of the single chain of before, frozen since
    /// chains are per organization, if it is there.
    ///
    /// # Errors
    /// A database error.
    pub async fn audit_head(&self) -> Result<Option<(i64, String)>, StoreError> {
        Ok(with_pool!(self, pool => {
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_optional(pool).await?
        }))
    }

    /// Every per-organization chain's recorded head: chain, position and hash, by chain.
    ///
    /// # Errors
    /// A database error.
    pub async fn audit_chain_heads(&self) -> Result<Vec<(String, i64, String)>, StoreError> {
        Ok(with_pool!(self, pool => {
            sqlx::query_as("SELECT chain, seq, hash FROM audit_chains ORDER BY chain").fetch_all(pool).await?
        }))
    }

    /// The chains events name that have no recorded head (its row was removed).
    async fn chains_without_head(&self) -> Result<Vec<String>, StoreError> {
        Ok(with_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT DISTINCT chain FROM audit_events e WHERE chain IS NOT NULL \
                 AND NOT EXISTS (SELECT 1 FROM audit_chains c WHERE c.chain = e.chain) ORDER BY chain",
            )
            .fetch_all(pool).await?
        }))
    }

    /// Verifies every chain against its recorded head with the store's audit keys — the single
    /// chain of before, then each organization's — or only the chain `only`. Each verified
    /// chain is handed to `visit` (the checkpoints' check) before the next is read, so only one
    /// chain is in memory at a time. Returns how many events verified.
    ///
    /// # Errors
    /// `Ok(Err(break))` names the first bad event; `Err` is a database error.
    pub(crate) async fn verify_chains(
        &self,
        only: Option<&str>,
        mut visit: impl FnMut(&ChainRead) -> Result<(), ChainBreak>,
    ) -> Result<Result<u64, ChainBreak>, StoreError> {
        let mut chains: Vec<(Option<String>, i64, String)> = Vec::new();
        if only.is_none() {
            let Some((seq, hash)) = self.audit_head().await? else {
                return Ok(Err(ChainBreak {
                    chain: None,
                    seq: 0,
                    problem: "the chain's recorded head is missing".into(),
                }));
            };
            chains.push((None, seq, hash));
            if let Some(headless) = self.chains_without_head().await?.into_iter().next() {
                return Ok(Err(ChainBreak {
                    chain: Some(headless),
                    seq: 1,
                    problem: "the chain's recorded head is missing: it was removed".into(),
                }));
            }
        }
        for (chain, seq, hash) in self.audit_chain_heads().await? {
            if only.is_none_or(|o| o == chain) {
                chains.push((Some(chain), seq, hash));
            }
        }
        let mut total = 0;
        for (chain, head_seq, head_hash) in chains {
            let events = self.audit_chain_events(chain.as_deref()).await?;
            let ends = ChainEnds {
                chain: chain.as_deref(),
                start_hash: GENESIS_HASH,
                start_seq: 0,
                head_seq,
                head_hash: &head_hash,
            };
            match verify_chain(&events, ends, self.audit_keys()) {
                Ok(count) => total += count,
                Err(broken) => return Ok(Err(broken)),
            }
            if let Err(broken) = visit(&ChainRead { chain, events }) {
                return Ok(Err(broken));
            }
        }
        Ok(Ok(total))
    }

    /// Verifies one chain (an organization's id, or `system`) against its recorded head;
    /// returns how many events it holds. A chain that does not exist holds none.
    ///
    /// # Errors
    /// `Ok(Err(break))` names the first bad event; `Err` is a database error.
    pub async fn verify_audit_chain(
        &self,
        chain: &str,
    ) -> Result<Result<u64, ChainBreak>, StoreError> {
        self.verify_chains(Some(chain), |_| Ok(())).await
    }

    /// Verifies every chain against its recorded head; returns how many events they hold.
    ///
    /// # Errors
    /// `Ok(Err(break))` names the first bad event; `Err` is a database error.
    pub async fn verify_audit_trail(&self) -> Result<Result<u64, ChainBreak>, StoreError> {
        self.verify_chains(None, |_| Ok(())).await
    }
}
