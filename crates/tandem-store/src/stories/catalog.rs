//! Reading stories: the catalog's filtered, paged list (any answer, date, tag, full text), the
//! counts per option that the filter panel shows, a story's page, and the rows of an export.
//! The author is never read here: no function of this module returns who told a story.

use std::collections::HashMap;

use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::story::{Answers, Teller};
use time::{Date, OffsetDateTime};

use super::{AnswerRow, Story, answers_from_rows};
use crate::courses::{stored_id, stored_word};
use crate::dialect;
use crate::error::StoreError;
use crate::pool::{Backend, Store};

/// One condition on a story's answers.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerCondition {
    /// The option was chosen (single, multiple or metadata question).
    Chose {
        /// The question.
        question: String,
        /// The option.
        option: String,
    },
    /// A dyad or slider position within `from..=to`.
    Between {
        /// The question.
        question: String,
        /// Lowest position.
        from: f64,
        /// Highest position.
        to: f64,
    },
    /// The triad's largest weight is the corner (0, 1 or 2).
    Leans {
        /// The question.
        question: String,
        /// The corner.
        corner: usize,
    },
}

/// What the catalog shows: one campaign, narrowed by any of the conditions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryFilter {
    /// Answer conditions (all must hold).
    pub answers: Vec<AnswerCondition>,
    /// Collected on or after.
    pub from: Option<Date>,
    /// Collected on or before.
    pub to: Option<Date>,
    /// Words that must all occur in the text.
    pub text: Option<String>,
    /// A code or tag the story carries.
    pub annotation: Option<String>,
    /// Who told it.
    pub teller: Option<Teller>,
}

/// A story in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySummary {
    /// The story.
    pub id: Id<Story>,
    /// Its title, if any.
    pub title: Option<String>,
    /// The text.
    pub body: String,
    /// When it was collected.
    pub collected_on: Date,
    /// Who told it (the kind, never the person).
    pub teller: Teller,
}

/// One story with everything shown on its page.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRecord {
    /// The story.
    pub summary: StorySummary,
    /// Its answers, in framework order.
    pub answers: Answers,
    /// Codes and tags: `(kind, value)`.
    pub annotations: Vec<(String, String)>,
    /// Whether the teller confirmed a redacted version.
    pub redacted: bool,
    /// Saved.
    pub created_at: OffsetDateTime,
}

/// A story row as read for its page.
type StoryRow = (
    String,
    Option<String>,
    String,
    Date,
    String,
    bool,
    OffsetDateTime,
);

/// Values bound to a filter query, in placeholder order.
#[derive(Clone)]
pub(crate) enum Bind {
    Text(String),
    Real(f64),
    Date(Date),
    Int(i64),
}

/// The WHERE clause (after `s.organization_id = $1 AND s.campaign_id = $2`) and its values.
pub(crate) fn conditions(backend: Backend, filter: &StoryFilter) -> (String, Vec<Bind>) {
    let mut sql = String::new();
    let mut binds = Vec::new();
    let next = |bind: Bind, binds: &mut Vec<Bind>| {
        binds.push(bind);
        format!("${}", binds.len() + 2)
    };
    for condition in &filter.answers {
        match condition {
            AnswerCondition::Chose { question, option } => {
                let q = next(Bind::Text(question.clone()), &mut binds);
                let o = next(Bind::Text(option.clone()), &mut binds);
                sql.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM story_answers a WHERE a.story_id = s.id \
                     AND a.question = {q} AND a.option_id = {o})"
                ));
            }
            AnswerCondition::Between { question, from, to } => {
                let q = next(Bind::Text(question.clone()), &mut binds);
                let lo = next(Bind::Real(*from), &mut binds);
                let hi = next(Bind::Real(*to), &mut binds);
                sql.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM story_answers a WHERE a.story_id = s.id \
                     AND a.question = {q} AND a.w2 IS NULL AND a.w1 >= {lo} AND a.w1 <= {hi})"
                ));
            }
            AnswerCondition::Leans { question, corner } => {
                let q = next(Bind::Text(question.clone()), &mut binds);
                let lean = match corner {
                    0 => "a.w1 >= a.w2 AND a.w1 >= a.w3",
                    1 => "a.w2 > a.w1 AND a.w2 >= a.w3",
                    _ => "a.w3 > a.w1 AND a.w3 > a.w2",
                };
                sql.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM story_answers a WHERE a.story_id = s.id \
                     AND a.question = {q} AND a.w3 IS NOT NULL AND {lean})"
                ));
            }
        }
    }
    if let Some(from) = filter.from {
        let p = next(Bind::Date(from), &mut binds);
        sql.push_str(&format!(" AND s.collected_on >= {p}"));
    }
    if let Some(to) = filter.to {
        let p = next(Bind::Date(to), &mut binds);
        sql.push_str(&format!(" AND s.collected_on <= {p}"));
    }
    if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
        let p = next(Bind::Text(dialect::words_query(backend, text)), &mut binds);
        sql.push_str(&dialect::words_condition(backend, &p));
    }
    if let Some(annotation) = &filter.annotation {
        let p = next(Bind::Text(annotation.clone()), &mut binds);
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM story_annotations n WHERE n.story_id = s.id AND n.value = {p})"
        ));
    }
    if let Some(teller) = filter.teller {
        let p = next(Bind::Text(teller.as_str().to_owned()), &mut binds);
        sql.push_str(&format!(" AND s.teller = {p}"));
    }
    (sql, binds)
}

/// A story as an export reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedStory {
    /// The story.
    pub summary: StorySummary,
    /// Its answers.
    pub answers: Answers,
    /// Who told it, as a key one person's stories share (see
    /// [`super::analysis::StoredStory::told_by`]); never to be written as is.
    pub told_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ExportedRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    told_by: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    id: String,
    title: Option<String>,
    body: String,
    collected_on: Date,
    teller: String,
}

pub(crate) fn summary(row: SummaryRow) -> Result<StorySummary, StoreError> {
    Ok(StorySummary {
        id: stored_id(&row.id, "story id")?,
        title: row.title,
        body: row.body,
        collected_on: row.collected_on,
        teller: stored_word(Teller::parse, &row.teller, "teller")?,
    })
}

impl Store {
    /// One page of a campaign's stories matching the filter, newest first, and how many match.
    ///
    /// # Errors
    /// A database error.
    pub async fn stories(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        filter: &StoryFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<StorySummary>, i64), StoreError> {
        let (clause, binds) = conditions(self.backend(), filter);
        let n = binds.len();
        let sql = format!(
            "SELECT s.id, s.title, s.body, s.collected_on, s.teller FROM stories s \
             WHERE s.organization_id = $1 AND s.campaign_id = $2{clause} \
             ORDER BY s.collected_on DESC, s.id DESC LIMIT ${} OFFSET ${}",
            n + 3,
            n + 4
        );
        let mut paged = binds.clone();
        paged.extend([Bind::Int(limit), Bind::Int(offset)]);
        let rows: Vec<SummaryRow> = filtered!(
            self,
            sqlx::query_as,
            sql,
            organization_id,
            campaign_id,
            paged,
            fetch_all
        );
        let count_sql = format!(
            "SELECT COUNT(*) FROM stories s WHERE s.organization_id = $1 AND s.campaign_id = $2{clause}"
        );
        let total: i64 = filtered!(
            self,
            sqlx::query_scalar,
            count_sql,
            organization_id,
            campaign_id,
            binds,
            fetch_one
        );
        Ok((
            rows.into_iter().map(summary).collect::<Result<_, _>>()?,
            total,
        ))
    }

    /// For every option of the framework's choice questions, how many matching stories chose
    /// it: `(question, option) → count`. Options nobody chose are absent.
    ///
    /// # Errors
    /// A database error.
    pub async fn option_counts(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        filter: &StoryFilter,
    ) -> Result<HashMap<(String, String), i64>, StoreError> {
        let (clause, binds) = conditions(self.backend(), filter);
        let sql = format!(
            "SELECT x.question, x.option_id, COUNT(*) FROM story_answers x JOIN stories s ON s.id = x.story_id \
             WHERE s.organization_id = $1 AND s.campaign_id = $2{clause} AND x.option_id IS NOT NULL \
             GROUP BY x.question, x.option_id"
        );
        let rows: Vec<(String, String, i64)> = filtered!(
            self,
            sqlx::query_as,
            sql,
            organization_id,
            campaign_id,
            binds,
            fetch_all
        );
        Ok(rows.into_iter().map(|(q, o, n)| ((q, o), n)).collect())
    }

    /// One story of a campaign, with its answers (read against `framework`) and annotations.
    ///
    /// # Errors
    /// A database error.
    pub async fn story(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        story_id: Id<Story>,
        framework: &Framework,
    ) -> Result<Option<StoryRecord>, StoreError> {
        let row: Option<StoryRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, title, body, collected_on, teller, redacted, created_at FROM stories \
                 WHERE id = $1 AND campaign_id = $2 AND organization_id = $3",
            )
            .bind(story_id.to_string()).bind(campaign_id.to_string()).bind(organization_id.to_string())
            .fetch_optional(pool).await?
        });
        let Some((id, title, body, collected_on, teller, redacted, created_at)) = row else {
            return Ok(None);
        };
        let rows: Vec<AnswerRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT story_id, question, option_id, w1, w2, w3, body FROM story_answers WHERE story_id = $1",
            )
            .bind(story_id.to_string()).fetch_all(pool).await?
        });
        let annotations: Vec<(String, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT kind, value FROM story_annotations WHERE story_id = $1 ORDER BY kind, value",
            )
            .bind(story_id.to_string()).fetch_all(pool).await?
        });
        Ok(Some(StoryRecord {
            summary: summary(SummaryRow {
                id,
                title,
                body,
                collected_on,
                teller,
            })?,
            answers: answers_from_rows(framework, &rows),
            annotations,
            redacted,
            created_at,
        }))
    }

    /// Whether a story belongs to a campaign of the organization (without reading it).
    ///
    /// # Errors
    /// A database error.
    pub async fn story_in_campaign(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        story_id: Id<Story>,
    ) -> Result<bool, StoreError> {
        let found: Option<String> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT id FROM stories WHERE id = $1 AND campaign_id = $2 AND organization_id = $3",
            )
            .bind(story_id.to_string()).bind(campaign_id.to_string()).bind(organization_id.to_string())
            .fetch_optional(pool).await?
        });
        Ok(found.is_some())
    }

    /// Every story of a campaign with its answers, oldest first, for an export: no authors,
    /// only a key per teller that the export turns into pseudonyms of its own.
    ///
    /// # Errors
    /// A database error.
    pub async fn export_stories(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        framework: &Framework,
    ) -> Result<Vec<ExportedStory>, StoreError> {
        let rows: Vec<ExportedRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, title, body, collected_on, teller, \
                 COALESCE('u' || author_id, 'c' || citizen_account_id, 'k' || teller_key) AS told_by \
                 FROM stories WHERE organization_id = $1 AND campaign_id = $2 ORDER BY collected_on, id",
            )
            .bind(organization_id.to_string()).bind(campaign_id.to_string()).fetch_all(pool).await?
        });
        let answers: Vec<AnswerRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT a.story_id, a.question, a.option_id, a.w1, a.w2, a.w3, a.body FROM story_answers a \
                 JOIN stories s ON s.id = a.story_id WHERE s.organization_id = $1 AND s.campaign_id = $2",
            )
            .bind(organization_id.to_string()).bind(campaign_id.to_string()).fetch_all(pool).await?
        });
        let mut by_story: HashMap<&str, Vec<&AnswerRow>> = HashMap::new();
        for row in &answers {
            by_story.entry(row.story_id.as_str()).or_default().push(row);
        }
        rows.into_iter()
            .map(|row| {
                let mine = (by_story.get(row.summary.id.as_str()))
                    .cloned()
                    .unwrap_or_default();
                let answers = answers_from_rows(framework, mine);
                Ok(ExportedStory {
                    summary: summary(row.summary)?,
                    answers,
                    told_by: row.told_by,
                })
            })
            .collect()
    }
}
