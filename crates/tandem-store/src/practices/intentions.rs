//! The manager's intended logic mix for the team (hybrid profile item 10): three answers 0–10
//! on how much rules, efficiency and co-production should shape the team's work.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::{Team, User};
use time::Date;

use crate::error::StoreError;
use crate::pool::Store;
use crate::tx::Tx;

/// The answers (rules, efficiency, together), each 0–10, and when they were given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intention {
    /// How much each logic should shape the work: rules, efficiency, together.
    pub answers: [f64; 3],
    /// The day they were set.
    pub set_on: Date,
}

impl Store {
    /// The team's intended mix, if its manager has given one.
    ///
    /// # Errors
    /// A database error.
    pub async fn intention(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Option<Intention>, StoreError> {
        let row: Option<(f64, f64, f64, Date)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT rules, efficiency, together, set_on FROM intended_logics \
                 WHERE organization_id = $1 AND team_id = $2",
            )
            .bind(organization_id.to_string()).bind(team_id.to_string())
            .fetch_optional(pool).await?
        });
        Ok(row.map(|(r, e, t, set_on)| Intention {
            answers: [r, e, t],
            set_on,
        }))
    }
}

impl Tx {
    /// Sets (or replaces) the team's intended mix; the answers are checked by the caller
    /// (0–10, not all zero) and again by the table.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_intention(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        intention: Intention,
        set_by: Id<User>,
    ) -> Result<(), StoreError> {
        let [r, e, t] = intention.answers;
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO intended_logics (team_id, organization_id, rules, efficiency, together, set_by, set_on) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (team_id) DO UPDATE SET rules = excluded.rules, efficiency = excluded.efficiency, \
                 together = excluded.together, set_by = excluded.set_by, set_on = excluded.set_on",
            )
            .bind(team_id.to_string()).bind(organization_id.to_string()).bind(r).bind(e).bind(t)
            .bind(set_by.to_string()).bind(intention.set_on)
            .execute(conn).await?;
        });
        Ok(())
    }
}
