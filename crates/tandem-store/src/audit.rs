//! The audit trail in the database: appending within the caller's transaction, reading with
//! filters, and verifying the hash chain (R15, R16). Every appended event is signed with the
//! current key of the store's audit keys (ADR 0015); checkpoints outside the database are
//! [`crate::audit_checkpoints`].

use tandem_domain::audit::{
    AuditEvent, ChainBreak, ChainEnds, GENESIS_HASH, Outcome, verify_chain,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::StoreError;
use crate::pool::Store;
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
struct EventRow {
    seq: i64,
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

const EVENT_COLUMNS: &str = "seq, at, organization_id, actor_id, actor_role, action, subject_id, \
     object_kind, object_id, purpose, outcome, ip, prev_hash, hash, key_id";

impl Tx {
    /// Appends an event to the chain, in this transaction: if the transaction rolls back, so
    /// does the event, and if the event cannot be written, the caller must not serve (R15).
    ///
    /// # Errors
    /// A database error.
    pub async fn append_audit(&mut self, new: NewAuditEvent) -> Result<i64, StoreError> {
        self.append_audit_inner(new)
            .await
            .map_err(|e| StoreError::AuditWrite(Box::new(e)))
    }

    async fn append_audit_inner(&mut self, new: NewAuditEvent) -> Result<i64, StoreError> {
        // Touching the head first takes the write lock on it (a row lock on PostgreSQL), so
        // concurrent appends queue here instead of forking the chain. The update changes
        // nothing: the head moves to the new event in the insert's trigger, and the trigger of
        // migration 0012 refuses any other move.
        let (head_seq, prev_hash): (i64, String) = with_tx!(self, conn => {
            sqlx::query_as("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash")
                .fetch_one(&mut *conn).await?
        });
        let seq = head_seq + 1;
        let mut event = AuditEvent {
            seq,
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
            prev_hash,
            hash: String::new(),
            key_id: None,
        };
        event.sign(self.audit_keys.current());
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO audit_events (seq, at, organization_id, actor_id, actor_role, action, subject_id, \
                 object_kind, object_id, purpose, outcome, ip, prev_hash, hash, key_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            )
            .bind(event.seq).bind(&event.at).bind(&event.organization_id).bind(&event.actor_id)
            .bind(&event.actor_role).bind(&event.action).bind(&event.subject_id).bind(&event.object_kind)
            .bind(&event.object_id).bind(&event.purpose).bind(&event.outcome).bind(&event.ip)
            .bind(&event.prev_hash).bind(&event.hash).bind(&event.key_id)
            .execute(conn).await?;
        });
        // The head follows the insert (trigger of migrations 0010 and 0012).
        Ok(seq)
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

impl Store {
    /// Every event of the trail, in chain order.
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

    /// The chain's recorded head (sequence number and hash), if it is there.
    ///
    /// # Errors
    /// A database error.
    pub async fn audit_head(&self) -> Result<Option<(i64, String)>, StoreError> {
        Ok(with_pool!(self, pool => {
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_optional(pool).await?
        }))
    }

    /// Verifies the whole chain against its recorded head with the store's audit keys; returns
    /// the events read (for the checkpoints) and how many verified.
    ///
    /// # Errors
    /// `Ok(Err(break))` names the first bad event; `Err` is a database error.
    pub(crate) async fn verify_chain_in_database(
        &self,
    ) -> Result<(Vec<AuditEvent>, Result<u64, ChainBreak>), StoreError> {
        let events = self.audit_chain().await?;
        let Some((head_seq, head_hash)) = self.audit_head().await? else {
            let missing = ChainBreak {
                seq: 0,
                problem: "the chain's recorded head is missing".into(),
            };
            return Ok((events, Err(missing)));
        };
        let ends = ChainEnds {
            start_hash: GENESIS_HASH,
            start_seq: 0,
            head_seq,
            head_hash: &head_hash,
        };
        let result = verify_chain(&events, ends, self.audit_keys());
        Ok((events, result))
    }

    /// Verifies the whole chain against its recorded head; returns how many events it holds.
    ///
    /// # Errors
    /// `Ok(Err(break))` names the first bad event; `Err` is a database error.
    pub async fn verify_audit_trail(&self) -> Result<Result<u64, ChainBreak>, StoreError> {
        Ok(self.verify_chain_in_database().await?.1)
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
