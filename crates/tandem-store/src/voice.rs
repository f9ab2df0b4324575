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
    /// Who read it first (their display name): the receipt the young person sees.
    pub read_by: Option<String>,
    /// Staff's replies, oldest first.
    pub replies: Vec<ReplyRecord>,
}

/// A reply from staff to one of the young person's messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyRecord {
    /// The words.
    pub body: String,
    /// Who wrote it (display name); none when the account is gone.
    pub author: Option<String>,
    /// When.
    pub at: OffsetDateTime,
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
    read_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ReplyRow {
    statement_id: String,
    body: String,
    author: Option<String>,
    created_at: OffsetDateTime,
}

impl Store {
    /// The statements of a course, newest first, each with who read it and its replies.
    ///
    /// # Errors
    /// A database error.
    pub async fn statements_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<StatementRecord>, StoreError> {
        let (org, course) = (organization_id.to_string(), course_id.to_string());
        let (rows, replies): (Vec<StatementRow>, Vec<ReplyRow>) = with_pool!(self, pool => {
            let rows = sqlx::query_as(
                "SELECT s.id, s.topic, s.body, s.unsafe_flag, s.created_at, s.read_at, \
                 u.display_name AS read_by FROM statements s LEFT JOIN users u ON u.id = s.read_by \
                 WHERE s.course_id = $1 AND s.organization_id = $2 \
                 ORDER BY s.created_at DESC, s.id DESC",
            )
            .bind(&course).bind(&org).fetch_all(pool).await?;
            let replies = sqlx::query_as(
                "SELECT r.statement_id, r.body, u.display_name AS author, r.created_at \
                 FROM statement_replies r LEFT JOIN users u ON u.id = r.author_id \
                 WHERE r.course_id = $1 AND r.organization_id = $2 ORDER BY r.created_at, r.id",
            )
            .bind(&course).bind(&org).fetch_all(pool).await?;
            (rows, replies)
        });
        rows.into_iter()
            .map(|r| {
                let replies = replies
                    .iter()
                    .filter(|reply| reply.statement_id == r.id)
                    .map(|reply| ReplyRecord {
                        body: reply.body.clone(),
                        author: reply.author.clone(),
                        at: reply.created_at,
                    })
                    .collect();
                Ok(StatementRecord {
                    id: stored_id(&r.id, "statement id")?,
                    topic: stored_word(StatementTopic::parse, &r.topic, "topic")?,
                    body: r.body,
                    unsafe_flag: r.unsafe_flag,
                    created_at: r.created_at,
                    read_at: r.read_at,
                    read_by: r.read_by,
                    replies,
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

    /// Marks a statement read (once, by whoever reads it first: the young person's receipt) and
    /// adds `reply` to its thread, if given; returns whether the statement is in the course.
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
        let at = stored(now);
        let (org, course) = (organization_id.to_string(), course_id.to_string());
        let done = with_tx!(self, conn => {
            let done = sqlx::query(
                "UPDATE statements SET read_at = COALESCE(read_at, $1), read_by = COALESCE(read_by, $2) \
                 WHERE id = $3 AND course_id = $4 AND organization_id = $5",
            )
            .bind(at).bind(by.to_string()).bind(id.to_string()).bind(&course).bind(&org)
            .execute(&mut *conn).await?.rows_affected() == 1;
            if let (true, Some(reply)) = (done, response) {
                sqlx::query(
                    "INSERT INTO statement_replies (id, statement_id, course_id, organization_id, body, \
                     author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(uuid::Uuid::now_v7().to_string()).bind(id.to_string()).bind(&course).bind(&org)
                .bind(reply).bind(by.to_string()).bind(at)
                .execute(&mut *conn).await?;
            }
            done
        });
        Ok(done)
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
