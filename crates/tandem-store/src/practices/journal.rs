//! The manager's decision journal: what was decided, when, and which logics were weighed.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::practice::journal::{Decision, DecisionEntry, Logic};
use tandem_domain::staff::{Team, User};
use time::{Date, OffsetDateTime};

use super::huddles::text;
use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A journal entry as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    /// The entry.
    pub id: Id<Decision>,
    /// What was decided, when, and the logics weighed.
    pub entry: DecisionEntry,
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    id: String,
    decided_on: Date,
    decision: String,
    why: Option<String>,
    rules: bool,
    efficiency: bool,
    together: bool,
}

fn decode(row: DecisionRow) -> Result<DecisionRecord, StoreError> {
    let weighed = [
        (row.rules, Logic::Rules),
        (row.efficiency, Logic::Efficiency),
        (row.together, Logic::Together),
    ]
    .into_iter()
    .filter_map(|(on, logic)| on.then_some(logic))
    .collect();
    Ok(DecisionRecord {
        id: stored_id(&row.id, "decision id")?,
        entry: DecisionEntry {
            decided_on: row.decided_on,
            decision: text(&row.decision, "decision")?,
            weighed,
            why: row
                .why
                .as_deref()
                .map(|w| text(w, "decision why"))
                .transpose()?,
        },
    })
}

impl Store {
    /// The team's journal from `from` on (every entry without it), newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn decisions(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        from: Option<Date>,
    ) -> Result<Vec<DecisionRecord>, StoreError> {
        let rows: Vec<DecisionRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, decided_on, decision, why, rules, efficiency, together \
                 FROM decision_journal WHERE organization_id = $1 AND team_id = $2 \
                 AND ($3 IS NULL OR decided_on >= $3) \
                 ORDER BY decided_on DESC, created_at DESC, id",
            )
            .bind(organization_id.to_string()).bind(team_id.to_string()).bind(from)
            .fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }
}

impl Tx {
    /// Records a decision in the team's journal (the entry already checked).
    ///
    /// # Errors
    /// A database error (a decision without a logic is refused by the table too).
    pub async fn insert_decision(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        entry: &DecisionEntry,
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Id<Decision>, StoreError> {
        let id = Id::<Decision>::new();
        let weighed = |logic| entry.weighed.contains(&logic);
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO decision_journal (id, organization_id, team_id, decided_on, decision, \
                 why, rules, efficiency, together, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .bind(entry.decided_on).bind(entry.decision.as_str())
            .bind(entry.why.as_ref().map(|w| w.as_str()))
            .bind(weighed(Logic::Rules)).bind(weighed(Logic::Efficiency)).bind(weighed(Logic::Together))
            .bind(created_by.to_string()).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(id)
    }
}
