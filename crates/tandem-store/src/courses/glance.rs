//! A course at a glance: everything the course overview shows, read at once.
//!
//! Six reads make the overview. On PostgreSQL they run at the same time, each on its own pooled
//! connection. On SQLite every statement is a hand-over to the connection's worker thread and
//! back, and under load those hand-overs (thread wake-ups) cost far more than the statements:
//! profiled at 64 connections, a third of the overview's CPU went to waking threads and 4 % to
//! SQLite itself. So on SQLite the six statements go to one connection as one command and their
//! rows come back in one stream.
//!
//! That relies on sqlx-sqlite running every statement of a query string with the same bound
//! arguments (`$1`, `$2` name the same values in each), which sqlx marks deprecated
//! (launchbadge/sqlx#3108) but still ships; if it goes, this file stops compiling rather than
//! misreading, and the PostgreSQL path is the fallback to take.

use futures_util::TryStreamExt;
use sqlx::{Either, FromRow, sqlite::SqliteRow};
use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;

use super::read::{MEETING_SUMMARIES_OF, MeetingSummaryRow, meeting_summaries_from};
use super::{MeetingDates, MeetingSummary};
use crate::attention::{AttentionItem, AttentionRow, COURSE_ATTENTION, attention_from};
use crate::error::StoreError;
use crate::network::{MemberRecord, MemberRow, NETWORK_OF};
use crate::pool::{BackendPool, Store};
use crate::ratings::{RoundRaterRow, RoundRecord, assemble_rounds, latest_rounds};
use crate::work::{GOALS_OF, GoalRecord, GoalRow, STEPS_OF, StepRecord, StepRow};

/// Everything the course overview shows of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseGlance {
    /// Goals, active ones first.
    pub goals: Vec<GoalRecord>,
    /// The network, past relations included.
    pub network: Vec<MemberRecord>,
    /// Steps, by due date.
    pub steps: Vec<StepRecord>,
    /// Meetings, newest first, without minutes.
    pub meetings: Vec<MeetingSummary>,
    /// The dates of the meetings (last held, next), for the deadlines.
    pub meeting_dates: MeetingDates,
    /// The newest rating rounds with their raters, newest first.
    pub rounds: Vec<RoundRecord>,
    /// Open alerts and unread statements, newest first.
    pub attention: Vec<AttentionItem>,
}

impl Store {
    /// The course at a glance, with its `rounds` newest rating rounds: the same records as
    /// [`Store::goals_of`], [`Store::network_of`], [`Store::steps_of`],
    /// [`Store::meeting_summaries_of`], [`Store::latest_rounds_of`] and
    /// [`Store::course_attention`] give one by one.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn course_glance(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        rounds: u32,
    ) -> Result<CourseGlance, StoreError> {
        let (org, id) = (organization_id, course_id);
        let BackendPool::Sqlite(pool) = self.backend_pool() else {
            let (goals, network, steps, (meetings, meeting_dates), rounds, attention) = tokio::try_join!(
                self.goals_of(org, id),
                self.network_of(org, id),
                self.steps_of(org, id),
                self.meeting_summaries_of(org, id),
                self.latest_rounds_of(org, id, rounds),
                self.course_attention(org, id),
            )?;
            return Ok(CourseGlance {
                goals,
                network,
                steps,
                meetings,
                meeting_dates,
                rounds,
                attention,
            });
        };
        let sql = [
            GOALS_OF,
            NETWORK_OF,
            STEPS_OF,
            MEETING_SUMMARIES_OF,
            &latest_rounds(rounds),
            COURSE_ATTENTION,
        ]
        .join(";\n");
        // Each statement's rows, in the order above: a statement's end is the `Left` it yields.
        let mut parts: [Vec<SqliteRow>; 6] = Default::default();
        let mut statement = 0;
        #[allow(deprecated)] // one command for six statements: see the module's documentation
        let mut stream = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(course_id.to_string())
            .bind(organization_id.to_string())
            .fetch_many(pool);
        while let Some(step) = stream.try_next().await? {
            match step {
                Either::Left(_) => statement += 1,
                Either::Right(row) => parts
                    .get_mut(statement)
                    .ok_or_else(|| StoreError::corrupt("course glance"))?
                    .push(row),
            }
        }
        let [goals, network, steps, meetings, rounds, attention] = parts;
        let (meetings, meeting_dates) =
            meeting_summaries_from(decode::<MeetingSummaryRow>(&meetings)?)?;
        Ok(CourseGlance {
            goals: decode::<GoalRow>(&goals)?
                .into_iter()
                .map(GoalRecord::try_from)
                .collect::<Result<_, _>>()?,
            network: decode::<MemberRow>(&network)?
                .into_iter()
                .map(MemberRecord::try_from)
                .collect::<Result<_, _>>()?,
            steps: decode::<StepRow>(&steps)?
                .into_iter()
                .map(StepRecord::try_from)
                .collect::<Result<_, _>>()?,
            meetings,
            meeting_dates,
            rounds: assemble_rounds(decode::<RoundRaterRow>(&rounds)?)?,
            attention: attention_from(decode::<AttentionRow>(&attention)?)?,
        })
    }
}

/// Each row as `R`.
fn decode<R: for<'r> FromRow<'r, SqliteRow>>(rows: &[SqliteRow]) -> Result<Vec<R>, StoreError> {
    rows.iter()
        .map(|row| R::from_row(row).map_err(StoreError::from))
        .collect()
}
