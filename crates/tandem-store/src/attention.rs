//! What needs attention on a course: its open alerts and the young person's unread statements,
//! read together in one statement for the course overview.

use tandem_domain::Id;
use tandem_domain::course::kinds::{AlertKind, StatementTopic};
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use time::OffsetDateTime;

use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::ratings::Alert;
use crate::voice::Statement;

/// One thing that needs the processor's attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttentionItem {
    /// An alert not yet resolved.
    Alert {
        /// The alert.
        id: Id<Alert>,
        /// Why it was raised.
        kind: AlertKind,
        /// Its machine-made detail.
        detail: String,
        /// When.
        raised_at: OffsetDateTime,
    },
    /// A statement from the young person not yet read.
    Statement {
        /// The statement.
        id: Id<Statement>,
        /// Its topic.
        topic: StatementTopic,
        /// Whether the young person marked it as not feeling safe.
        unsafe_flag: bool,
        /// When.
        created_at: OffsetDateTime,
    },
}

/// A course's open alerts and unread statements, newest first ($1 course, $2 organization).
pub(crate) const COURSE_ATTENTION: &str = "SELECT 'alert' AS source, id, kind AS word, detail, raised_at AS at, \
     false AS flag FROM alerts WHERE course_id = $1 AND organization_id = $2 AND resolved_at IS NULL \
     UNION ALL \
     SELECT 'statement' AS source, id, topic AS word, '' AS detail, created_at AS at, unsafe_flag AS flag \
     FROM statements WHERE course_id = $1 AND organization_id = $2 AND read_at IS NULL \
     ORDER BY at DESC, id DESC";

#[derive(sqlx::FromRow)]
pub(crate) struct AttentionRow {
    source: String,
    id: String,
    word: String,
    detail: String,
    at: OffsetDateTime,
    flag: bool,
}

impl Store {
    /// The course's open alerts and unread statements, newest first.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn course_attention(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<AttentionItem>, StoreError> {
        let rows: Vec<AttentionRow> = with_pool!(self, pool => {
            sqlx::query_as(COURSE_ATTENTION)
            .bind(course_id.to_string()).bind(organization_id.to_string()).fetch_all(pool).await?
        });
        attention_from(rows)
    }
}

/// The attention items of [`COURSE_ATTENTION`]'s rows.
pub(crate) fn attention_from(rows: Vec<AttentionRow>) -> Result<Vec<AttentionItem>, StoreError> {
    rows.into_iter()
        .map(|r| {
            Ok(if r.source == "alert" {
                AttentionItem::Alert {
                    id: stored_id(&r.id, "alert id")?,
                    kind: stored_word(AlertKind::parse, &r.word, "alert kind")?,
                    detail: r.detail,
                    raised_at: r.at,
                }
            } else {
                AttentionItem::Statement {
                    id: stored_id(&r.id, "statement id")?,
                    topic: stored_word(StatementTopic::parse, &r.word, "topic")?,
                    unsafe_flag: r.flag,
                    created_at: r.at,
                }
            })
        })
        .collect()
}
