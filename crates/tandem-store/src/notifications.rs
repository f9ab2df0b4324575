//! E-mail waiting to be sent (an outbox): written in the transaction that raises or moves a
//! worry, claimed by whichever instance asks first, marked sent or failed. A claim older than
//! [`CLAIM_EXPIRES`] is taken again, so a message whose instance stopped mid-send is retried.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use time::{Duration, OffsetDateTime};

use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::ratings::Alert;
use crate::time::stored;
use crate::tx::Tx;

/// How long a claimed message is left to its instance before another may take it.
pub const CLAIM_EXPIRES: Duration = Duration::minutes(2);

/// How many times a message is tried before it is left with its last error.
pub const MAX_ATTEMPTS: i32 = 10;

/// Marker type for notifications' ids.
#[derive(Debug)]
pub enum Notification {}

/// Why a message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    /// A new worry, to the processor (or deputy, or team manager when they are away).
    WorryNew,
    /// A worry moved to the team manager.
    WorryTeamManager,
    /// A worry moved to the duty contact.
    WorryDutyContact,
}

impl NotificationKind {
    /// The stored word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WorryNew => "worry_new",
            Self::WorryTeamManager => "worry_team_manager",
            Self::WorryDutyContact => "worry_duty_contact",
        }
    }

    fn parse(word: &str) -> Option<Self> {
        [
            Self::WorryNew,
            Self::WorryTeamManager,
            Self::WorryDutyContact,
        ]
        .into_iter()
        .find(|k| k.as_str() == word)
    }
}

/// A message claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The message.
    pub id: Id<Notification>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// The worry it is about.
    pub alert_id: Id<Alert>,
    /// Why it is sent.
    pub kind: NotificationKind,
    /// To whom.
    pub recipient: String,
}

#[derive(sqlx::FromRow)]
struct OutgoingRow {
    id: String,
    organization_id: String,
    alert_id: String,
    kind: String,
    recipient: String,
}

impl Store {
    /// Claims up to `limit` messages created after `since` to send at `now`: each row is taken
    /// with an update that names the claim it read, so two instances never send the same
    /// message at once.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn claim_notifications(
        &self,
        now: OffsetDateTime,
        since: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<Outgoing>, StoreError> {
        let stale = stored(now - CLAIM_EXPIRES);
        let candidates: Vec<OutgoingRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, organization_id, alert_id, kind, recipient FROM notifications \
                 WHERE sent_at IS NULL AND attempts < $1 AND (claimed_at IS NULL OR claimed_at < $2) \
                 AND created_at > $4 ORDER BY created_at, id LIMIT $3",
            )
            .bind(MAX_ATTEMPTS).bind(stale).bind(limit).bind(stored(since)).fetch_all(pool).await?
        });
        let mut claimed = Vec::with_capacity(candidates.len());
        for row in candidates {
            let taken = with_pool!(self, pool => {
                sqlx::query(
                    "UPDATE notifications SET claimed_at = $1, attempts = attempts + 1 \
                     WHERE id = $2 AND sent_at IS NULL AND (claimed_at IS NULL OR claimed_at < $3)",
                )
                .bind(stored(now)).bind(&row.id).bind(stale).execute(pool).await?.rows_affected()
            });
            if taken == 1 {
                claimed.push(Outgoing {
                    id: stored_id(&row.id, "notification id")?,
                    organization_id: stored_id(&row.organization_id, "organization id")?,
                    alert_id: stored_id(&row.alert_id, "alert id")?,
                    kind: NotificationKind::parse(&row.kind)
                        .ok_or_else(|| StoreError::corrupt("notification kind"))?,
                    recipient: row.recipient,
                });
            }
        }
        Ok(claimed)
    }

    /// Records that a claimed message was sent.
    ///
    /// # Errors
    /// A database error.
    pub async fn notification_sent(
        &self,
        id: Id<Notification>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("UPDATE notifications SET sent_at = $1, last_error = NULL WHERE id = $2")
                .bind(stored(now)).bind(id.to_string()).execute(pool).await?;
        });
        Ok(())
    }

    /// Records why a claimed message was not sent; it is tried again once its claim expires.
    ///
    /// # Errors
    /// A database error.
    pub async fn notification_failed(
        &self,
        id: Id<Notification>,
        error: &str,
    ) -> Result<(), StoreError> {
        let error: String = error.chars().take(500).collect();
        with_pool!(self, pool => {
            sqlx::query("UPDATE notifications SET last_error = $1 WHERE id = $2")
                .bind(error).bind(id.to_string()).execute(pool).await?;
        });
        Ok(())
    }
}

impl Tx {
    /// Queues a message about a worry to `recipient`.
    ///
    /// # Errors
    /// A database error.
    pub async fn queue_notification(
        &mut self,
        organization_id: Id<Organization>,
        alert: Id<Alert>,
        kind: NotificationKind,
        recipient: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO notifications (id, organization_id, alert_id, kind, recipient, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(Id::<Notification>::new().to_string()).bind(organization_id.to_string())
            .bind(alert.to_string()).bind(kind.as_str()).bind(recipient).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(())
    }
}
