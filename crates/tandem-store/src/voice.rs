//! The young person's statements between meetings, and the costs of a course.

use tandem_domain::Id;
use tandem_domain::course::kinds::StatementTopic;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::staff::User;
use time::{Date, OffsetDateTime};

use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// Marker type for statements' ids.
#[derive(Debug)]
pub enum Statement {}

/// A statement from the young person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRecord {
    /// The statement.
    pub id: Id<Statement>,
    /// What it is about.
    pub topic: StatementTopic,
    /// The words.
    pub body: String,
    /// Whether the young person flagged that they do not feel safe.
    pub unsafe_flag: bool,
    /// Sent.
    pub created_at: OffsetDateTime,
    /// Read by the processor.
    pub read_at: Option<OffsetDateTime>,
    /// The processor's answer.
    pub response: Option<String>,
}

/// A cost entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostRecord {
    /// Kind of measure ("contact person", "foster care").
    pub measure: String,
    /// Provider.
    pub provider: String,
    /// From.
    pub from_date: Date,
    /// To (open-ended when absent).
    pub to_date: Option<Date>,
    /// Whole kroner per month.
    pub monthly_amount: i32,
}

#[derive(sqlx::FromRow)]
struct StatementRow {
    id: String,
    topic: String,
    body: String,
    unsafe_flag: bool,
    created_at: OffsetDateTime,
    read_at: Option<OffsetDateTime>,
    response: Option<String>,
}

impl Store {
    /// The statements of a course, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn statements_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<StatementRecord>, StoreError> {
        let rows: Vec<StatementRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, topic, body, unsafe_flag, created_at, read_at, response FROM statements \
                 WHERE course_id = $1 AND organization_id = $2 ORDER BY created_at DESC, id DESC",
            )
            .bind(course_id.to_string()).bind(organization_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|r| {
                Ok(StatementRecord {
                    id: stored_id(&r.id, "statement id")?,
                    topic: stored_word(StatementTopic::parse, &r.topic, "topic")?,
                    body: r.body,
                    unsafe_flag: r.unsafe_flag,
                    created_at: r.created_at,
                    read_at: r.read_at,
                    response: r.response,
                })
            })
            .collect()
    }

    /// The cost entries of a course, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn costs_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<CostRecord>, StoreError> {
        let rows: Vec<(String, String, Date, Option<Date>, i32)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT measure, provider, from_date, to_date, monthly_amount FROM cost_entries \
                 WHERE course_id = $1 AND organization_id = $2 ORDER BY from_date, created_at",
            )
            .bind(course_id.to_string()).bind(organization_id.to_string()).fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .map(
                |(measure, provider, from_date, to_date, monthly_amount)| CostRecord {
                    measure,
                    provider,
                    from_date,
                    to_date,
                    monthly_amount,
                },
            )
            .collect())
    }
}

impl Tx {
    /// Records a statement from the young person.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_statement(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        topic: StatementTopic,
        body: &str,
        unsafe_flag: bool,
        now: OffsetDateTime,
    ) -> Result<Id<Statement>, StoreError> {
        let id = Id::<Statement>::new();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO statements (id, course_id, organization_id, topic, body, unsafe_flag, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .bind(topic.as_str()).bind(body).bind(unsafe_flag).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(id)
    }

    /// Marks a statement read (once) and records the processor's answer, if any; returns
    /// whether the statement is in the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn answer_statement(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        id: Id<Statement>,
        by: Id<User>,
        response: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let now = stored(now);
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE statements SET read_at = COALESCE(read_at, $1), read_by = COALESCE(read_by, $2), \
                 response = COALESCE($3, response), responded_at = CASE WHEN $3 IS NULL THEN responded_at ELSE $1 END \
                 WHERE id = $4 AND course_id = $5 AND organization_id = $6",
            )
            .bind(now).bind(by.to_string()).bind(response).bind(id.to_string())
            .bind(course_id.to_string()).bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Adds a cost entry.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_cost(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        cost: &CostRecord,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO cost_entries (id, course_id, organization_id, measure, provider, from_date, to_date, \
                 monthly_amount, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(uuid::Uuid::now_v7().to_string()).bind(course_id.to_string())
            .bind(organization_id.to_string()).bind(&cost.measure).bind(&cost.provider)
            .bind(cost.from_date).bind(cost.to_date).bind(cost.monthly_amount).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(())
    }
}
