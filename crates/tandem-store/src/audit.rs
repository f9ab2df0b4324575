//! The audit trail in the database: appending within the caller's transaction, reading with
//! filters, and verifying the hash chains (R15, R16). Every appended event is signed with the
//! current key of the store's audit keys (ADR 0015) and goes to its organization's chain (ADR
//! 0018); reading the chains back and verifying them is [`crate::audit_verify`], checkpoints
//! outside the database are [`crate::audit_checkpoints`], and the appender that writes many
//! requests' events in one transaction is [`crate::audit_appender`].

use std::collections::BTreeMap;

use tandem_domain::audit::{AuditEvent, GENESIS_HASH, Outcome, chain_of};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::StoreError;
use crate::tx::Tx;

/// What to record; the chain fields are filled in on append.
#[derive(Debug, Clone)]
pub struct NewAuditEvent {
    /// When.
    pub at: OffsetDateTime,
    /// The organization, when known.
    pub organization_id: Option<String>,
    /// Who acted, when known.
    pub actor_id: Option<String>,
    /// The actor's role.
    pub actor_role: String,
    /// What was done (`user.read`, `login.failure`, …).
    pub action: String,
    /// Whom the data is about.
    pub subject_id: Option<String>,
    /// The kind of record.
    pub object_kind: String,
    /// The record.
    pub object_id: Option<String>,
    /// Why.
    pub purpose: String,
    /// The outcome.
    pub outcome: Outcome,
    /// From where.
    pub ip: Option<String>,
}

/// Filters for reading the trail; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this actor.
    pub actor_id: Option<String>,
    /// Only about this person.
    pub subject_id: Option<String>,
    /// Only actions starting with this (e.g. `login.`).
    pub action_prefix: Option<String>,
    /// From this moment (inclusive).
    pub from: Option<OffsetDateTime>,
    /// Before this moment.
    pub until: Option<OffsetDateTime>,
    /// Only events older than this sequence number (paging backwards).
    pub before_seq: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// Formats a moment as the trail stores it: UTC, microseconds, `Z`.
fn audit_time(at: OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    let micros = utc
        .replace_nanosecond(utc.microsecond() * 1000)
        .unwrap_or(utc);
    let text = micros.format(&Rfc3339).unwrap_or_default();
    // Rfc3339 drops trailing zero digits; pad to exactly six for a fixed-width, sortable text.
    match text.split_once('.') {
        Some((seconds, fraction)) => {
            let digits: String = fraction
                .trim_end_matches('Z')
                .chars()
                .chain(std::iter::repeat('0'))
                .take(6)
                .collect();
            format!("{seconds}.{digits}Z")
        }
        None => format!("{}.000000Z", text.trim_end_matches('Z')),
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    seq: i64,
    chain: Option<String>,
    chain_seq: Option<i64>,
    at: String,
    organization_id: Option<String>,
    actor_id: Option<String>,
    actor_role: String,
    action: String,
    subject_id: Option<String>,
    object_kind: String,
    object_id: Option<String>,
    purpose: String,
    outcome: String,
    ip: Option<String>,
    prev_hash: String,
    hash: String,
    key_id: Option<String>,
}

impl From<EventRow> for AuditEvent {
    fn from(r: EventRow) -> Self {
        Self {
            seq: r.seq,
            chain: r.chain,
            chain_seq: r.chain_seq,
            at: r.at,
            organization_id: r.organization_id,
            actor_id: r.actor_id,
            actor_role: r.actor_role,
            action: r.action,
            subject_id: r.subject_id,
            object_kind: r.object_kind,
            object_id: r.object_id,
            purpose: r.purpose,
            outcome: r.outcome,
            ip: r.ip,
            prev_hash: r.prev_hash,
            hash: r.hash,
            key_id: r.key_id,
        }
    }
}

pub(crate) const EVENT_COLUMNS: &str = "seq, chain, chain_seq, at, organization_id, actor_id, actor_role, action, subject_id, \
     object_kind, object_id, purpose, outcome, ip, prev_hash, hash, key_id";

impl Tx {
    /// Appends an event to its organization's chain, in this transaction: if the transaction
    /// rolls back, so does the event, and if the event cannot be written, the caller must not
    /// serve (R15). Returns the event's number in the trail.
    ///
    /// # Errors
    /// [`StoreError::AuditWrite`] with the database's error.
    pub async fn append_audit(&mut self, new: NewAuditEvent) -> Result<i64, StoreError> {
        let numbers = self.append_audit_batch(vec![new]).await?;
        numbers.first().copied().ok_or_else(|| {
            StoreError::AuditWrite(Box::new(StoreError::corrupt("no event was appended")))
        })
    }

    /// Appends `events`, in their order, each to its organization's chain, in this
    /// transaction; returns their numbers in the trail in the same order. What the appender
    /// writes for many requests at once (ADR 0018): one head lock per chain, one numbering
    /// call, one insert per event.
    ///
    /// # Errors
    /// [`StoreError::AuditWrite`] with the database's error; nothing of the batch is kept
    /// once the transaction rolls back.
    pub async fn append_audit_batch(
        &mut self,
        events: Vec<NewAuditEvent>,
    ) -> Result<Vec<i64>, StoreError> {
        self.append_batch_inner(events)
            .await
            .map_err(|e| StoreError::AuditWrite(Box::new(e)))
    }

    async fn append_batch_inner(
        &mut self,
        events: Vec<NewAuditEvent>,
    ) -> Result<Vec<i64>, StoreError> {
        // Lock every chain's head, in the chains' order (two batches on two instances never
        // wait for each other in a circle), and number the events with the last lock, once
        // every head is held: within a chain the lock orders numbering, so a chain's positions
        // and trail numbers rise together.
        let mut heads: BTreeMap<String, (i64, String)> = BTreeMap::new();
        for event in &events {
            heads.insert(
                chain_of(event.organization_id.as_deref()).to_owned(),
                (0, String::new()),
            );
        }
        let last = heads.keys().next_back().cloned();
        let mut numbers = Vec::new();
        for (chain, head) in &mut heads {
            let wanted = if last.as_ref() == Some(chain) {
                events.len()
            } else {
                0
            };
            let (locked, taken) = self.lock_chain_head(chain, wanted).await?;
            *head = locked;
            if wanted > 0 {
                numbers = taken;
            }
        }
        if numbers.len() != events.len() {
            return Err(StoreError::corrupt("the trail did not number every event"));
        }
        let keys = std::sync::Arc::clone(&self.audit_keys);
        for (new, &seq) in events.into_iter().zip(&numbers) {
            let chain = chain_of(new.organization_id.as_deref()).to_owned();
            let head = heads
                .get_mut(&chain)
                .ok_or_else(|| StoreError::corrupt("a chain without its head"))?;
            let mut event = AuditEvent {
                seq,
                chain: Some(chain),
                chain_seq: Some(head.0 + 1),
                at: audit_time(new.at),
                organization_id: new.organization_id,
                actor_id: new.actor_id,
                actor_role: new.actor_role,
                action: new.action,
                subject_id: new.subject_id,
                object_kind: new.object_kind,
                object_id: new.object_id,
                purpose: new.purpose,
                outcome: new.outcome.as_str().to_owned(),
                ip: new.ip,
                prev_hash: std::mem::take(&mut head.1),
                hash: String::new(),
                key_id: None,
            };
            event.sign(keys.current());
            self.insert_event(&event).await?;
            // The chain's head row follows the insert (trigger of migration 0023).
            *head = (event.position(), event.hash);
        }
        Ok(numbers)
    }

    /// Takes the lock on `chain`'s head and reads it, with `count` fresh numbers in the trail,
    /// rising — one statement, so a request's event costs two with its insert. The numbers
    /// come from PostgreSQL's sequence (appends to other chains take theirs without waiting),
    /// or after the largest on SQLite (which holds the write lock anyway). The chain is
    /// created (empty, at the genesis hash) on its first event. The update changes nothing:
    /// the head moves to the new event in the insert's trigger, which refuses any other move.
    async fn lock_chain_head(
        &mut self,
        chain: &str,
        count: usize,
    ) -> Result<((i64, String), Vec<i64>), StoreError> {
        let count = i64::try_from(count).map_err(|_| StoreError::corrupt("batch too large"))?;
        for _ in 0..2 {
            let locked = match &mut self.conn {
                crate::tx::TxConn::Sqlite(conn) => {
                    let row: Option<(i64, String, i64)> = sqlx::query_as(
                        "UPDATE audit_chains SET seq = seq WHERE chain = $1 \
                         RETURNING seq, hash, (SELECT COALESCE(MAX(seq), 0) FROM audit_events)",
                    )
                    .bind(chain)
                    .fetch_optional(&mut **conn)
                    .await?;
                    row.map(|(seq, hash, last)| ((seq, hash), (last + 1..=last + count).collect()))
                }
                crate::tx::TxConn::Postgres(conn) => {
                    let row: Option<(i64, String, Vec<i64>)> = sqlx::query_as(
                        "UPDATE audit_chains SET seq = seq WHERE chain = $1 RETURNING seq, hash, \
                         ARRAY(SELECT nextval('audit_events_seq') FROM generate_series(1, $2::bigint))",
                    )
                    .bind(chain)
                    .bind(count)
                    .fetch_optional(&mut **conn)
                    .await?;
                    row.map(|(seq, hash, mut numbers)| {
                        numbers.sort_unstable();
                        ((seq, hash), numbers)
                    })
                }
            };
            if let Some(locked) = locked {
                return Ok(locked);
            }
            with_tx!(self, conn => {
                sqlx::query("INSERT INTO audit_chains (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING")
                    .bind(chain).bind(GENESIS_HASH).execute(&mut *conn).await?;
            });
        }
        Err(StoreError::corrupt(
            "an audit chain's head could not be created",
        ))
    }

    async fn insert_event(&mut self, event: &AuditEvent) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO audit_events (seq, chain, chain_seq, at, organization_id, actor_id, actor_role, action, \
                 subject_id, object_kind, object_id, purpose, outcome, ip, prev_hash, hash, key_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
            )
            .bind(event.seq).bind(&event.chain).bind(event.chain_seq).bind(&event.at)
            .bind(&event.organization_id).bind(&event.actor_id).bind(&event.actor_role)
            .bind(&event.action).bind(&event.subject_id).bind(&event.object_kind)
            .bind(&event.object_id).bind(&event.purpose).bind(&event.outcome).bind(&event.ip)
            .bind(&event.prev_hash).bind(&event.hash).bind(&event.key_id)
            .execute(conn).await?;
        });
        Ok(())
    }

    /// The organization's events matching a filter, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn audit_events(
        &mut self,
        organization_id: &str,
        filter: &AuditFilter,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM audit_events WHERE organization_id = $1 \
             AND ($2 IS NULL OR actor_id = $2) AND ($3 IS NULL OR subject_id = $3) \
             AND ($4 IS NULL OR substr(action, 1, length($4)) = $4) \
             AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6) AND ($7 IS NULL OR seq < $7) \
             ORDER BY seq DESC LIMIT $8"
        );
        let rows: Vec<EventRow> = with_tx!(self, conn => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(organization_id)
                .bind(filter.actor_id.as_deref())
                .bind(filter.subject_id.as_deref())
                .bind(filter.action_prefix.as_deref())
                .bind(filter.from.map(audit_time))
                .bind(filter.until.map(audit_time))
                .bind(filter.before_seq)
                .bind(filter.limit)
                .fetch_all(conn).await?
        });
        Ok(rows.into_iter().map(AuditEvent::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_times_are_fixed_width_utc_microseconds() {
        let at = time::macros::datetime!(2026-11-28 10:00:00.5 +01:00);
        assert_eq!(audit_time(at), "2026-11-28T09:00:00.500000Z");
        let whole = time::macros::datetime!(2026-11-28 10:00:00 UTC);
        assert_eq!(audit_time(whole), "2026-11-28T10:00:00.000000Z");
    }
}
