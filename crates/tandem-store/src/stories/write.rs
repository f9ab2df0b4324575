//! Saving stories and annotations. Imports save many stories at once in multi-row statements
//! (a few hundred stories per statement), so a hundred thousand stories are a few hundred round
//! trips rather than a million.

use sqlx::QueryBuilder;
use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::staff::User;
use tandem_domain::story::{Answers, Teller};
use time::{Date, OffsetDateTime};

use super::{FrameworkVersion, Story, answer_parts};
use crate::citizens::CitizenAccount;
use crate::error::StoreError;
use crate::time::stored;
use crate::tx::{Tx, TxConn};

/// Stories per multi-row statement (15 values each stays far below both backends' limits).
const STORIES_PER_STATEMENT: usize = 500;
/// Answer rows per multi-row statement (7 values each).
const ANSWERS_PER_STATEMENT: usize = 2000;

/// A story to save.
#[derive(Debug, Clone)]
pub struct NewStory<'a> {
    /// The campaign it was told in.
    pub campaign_id: Id<Campaign>,
    /// The framework version it was told under.
    pub framework_id: Id<FrameworkVersion>,
    /// Who told it.
    pub teller: Teller,
    /// The staff author (kept for their own edits only).
    pub author_id: Option<Id<User>>,
    /// The citizen account (kept for their own edits only).
    pub citizen_account_id: Option<Id<CitizenAccount>>,
    /// An imported story's pseudonymous teller key, as its file named it (migration 0024).
    pub teller_key: Option<&'a str>,
    /// A title, where one was given.
    pub title: Option<&'a str>,
    /// The story.
    pub body: &'a str,
    /// When it was collected.
    pub collected_on: Date,
    /// Whether the teller agreed to the consent text (anonymous links) or it was not asked.
    pub consent_given: bool,
    /// Whether the teller confirmed a redacted version.
    pub redacted: bool,
    /// The answers.
    pub answers: &'a Answers,
    /// Annotations carried in with an import: name and value (stored as codes "name: value").
    pub annotations: &'a [(String, String)],
}

impl Tx {
    /// Saves one story with its answers.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_story(
        &mut self,
        organization_id: Id<Organization>,
        story: &NewStory<'_>,
        now: OffsetDateTime,
    ) -> Result<Id<Story>, StoreError> {
        let ids = self
            .insert_stories(organization_id, std::slice::from_ref(story), now)
            .await?;
        ids.into_iter()
            .next()
            .ok_or_else(|| StoreError::corrupt("story id"))
    }

    /// Saves many stories with their answers and annotations, in batches.
    ///
    /// # Errors
    /// A database error; the caller's transaction then keeps nothing.
    pub async fn insert_stories(
        &mut self,
        organization_id: Id<Organization>,
        stories: &[NewStory<'_>],
        now: OffsetDateTime,
    ) -> Result<Vec<Id<Story>>, StoreError> {
        let ids: Vec<Id<Story>> = stories.iter().map(|_| Id::new()).collect();
        let org = organization_id.to_string();
        let now = stored(now);
        for (chunk, chunk_ids) in stories
            .chunks(STORIES_PER_STATEMENT)
            .zip(ids.chunks(STORIES_PER_STATEMENT))
        {
            with_tx!(self, conn => {
                let mut q = QueryBuilder::new(
                    "INSERT INTO stories (id, organization_id, campaign_id, framework_id, teller, author_id, \
                     citizen_account_id, teller_key, title, body, collected_on, consent_given, redacted, \
                     created_at, answer_parts) ",
                );
                q.push_values(chunk.iter().zip(chunk_ids), |mut b, (s, id)| {
                    b.push_bind(id.to_string()).push_bind(org.clone())
                        .push_bind(s.campaign_id.to_string()).push_bind(s.framework_id.to_string())
                        .push_bind(s.teller.as_str()).push_bind(s.author_id.map(|a| a.to_string()))
                        .push_bind(s.citizen_account_id.map(|a| a.to_string()))
                        .push_bind(s.teller_key.map(str::to_owned))
                        .push_bind(s.title.map(str::to_owned)).push_bind(s.body.to_owned())
                        .push_bind(s.collected_on).push_bind(s.consent_given).push_bind(s.redacted)
                        .push_bind(now).push_bind(super::analysis::joined_parts(s.answers));
                });
                q.build().execute(&mut *conn).await?;
            });
            self.insert_search_rows(chunk, chunk_ids).await?;
        }
        let answers: Vec<(String, String, super::AnswerParts)> = stories
            .iter()
            .zip(&ids)
            .flat_map(|(s, id)| {
                s.answers.iter().flat_map(move |(question, answer)| {
                    answer_parts(answer)
                        .into_iter()
                        .map(move |parts| (id.to_string(), question.clone(), parts))
                })
            })
            .collect();
        for chunk in answers.chunks(ANSWERS_PER_STATEMENT) {
            with_tx!(self, conn => {
                let mut q = QueryBuilder::new(
                    "INSERT INTO story_answers (story_id, question, option_id, w1, w2, w3, body) ",
                );
                q.push_values(chunk, |mut b, (story, question, (option, w1, w2, w3, body))| {
                    b.push_bind(story.clone()).push_bind(question.clone()).push_bind(option.clone())
                        .push_bind(*w1).push_bind(*w2).push_bind(*w3).push_bind(body.clone());
                });
                q.build().execute(&mut *conn).await?;
            });
        }
        for (story, id) in stories.iter().zip(&ids) {
            for (name, value) in story.annotations {
                self.add_annotation(*id, "code", &format!("{name}: {value}"), None, now)
                    .await?;
            }
        }
        Ok(ids)
    }

    /// On SQLite, the full-text index is a separate FTS5 table kept beside the stories; on
    /// PostgreSQL the search column is generated and needs nothing.
    async fn insert_search_rows(
        &mut self,
        stories: &[NewStory<'_>],
        ids: &[Id<Story>],
    ) -> Result<(), StoreError> {
        if let TxConn::Sqlite(t) = &mut self.conn {
            let mut q = QueryBuilder::new("INSERT INTO story_search (story_id, body) ");
            q.push_values(stories.iter().zip(ids), |mut b, (s, id)| {
                let text = match s.title {
                    Some(title) => format!("{title}\n{}", s.body),
                    None => s.body.to_owned(),
                };
                b.push_bind(id.to_string()).push_bind(text);
            });
            q.build().execute(&mut **t).await?;
        }
        Ok(())
    }

    /// Adds a code or tag to a story (once); returns whether it was new.
    ///
    /// # Errors
    /// A database error.
    pub async fn add_annotation(
        &mut self,
        story_id: Id<Story>,
        kind: &str,
        value: &str,
        added_by: Option<Id<User>>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO story_annotations (id, story_id, kind, value, added_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (story_id, kind, value) DO NOTHING",
            )
            .bind(uuid::Uuid::now_v7().to_string()).bind(story_id.to_string()).bind(kind)
            .bind(value).bind(added_by.map(|a| a.to_string())).bind(stored(now))
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Removes a code or tag from a story of the campaign; returns whether it was there.
    ///
    /// # Errors
    /// A database error.
    pub async fn remove_annotation(
        &mut self,
        campaign_id: Id<Campaign>,
        story_id: Id<Story>,
        kind: &str,
        value: &str,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "DELETE FROM story_annotations WHERE story_id = $1 AND kind = $2 AND value = $3 \
                 AND story_id IN (SELECT id FROM stories WHERE campaign_id = $4)",
            )
            .bind(story_id.to_string()).bind(kind).bind(value).bind(campaign_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done > 0)
    }
}

impl Tx {
    /// Saves the stories read from a file into a campaign (teller "imported", annotations as
    /// codes; a story without a date gets `default_date`).
    ///
    /// # Errors
    /// A database error; the caller's transaction then keeps nothing.
    pub async fn insert_imported(
        &mut self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        framework_id: Id<FrameworkVersion>,
        stories: &[tandem_domain::story::interchange::ImportedStory],
        default_date: Date,
        now: OffsetDateTime,
    ) -> Result<usize, StoreError> {
        let rows: Vec<NewStory<'_>> = stories
            .iter()
            .map(|s| NewStory {
                campaign_id,
                framework_id,
                teller: s.teller_kind.unwrap_or(Teller::Imported),
                author_id: None,
                citizen_account_id: None,
                teller_key: s.teller_key.as_deref(),
                title: s.title.as_ref().map(tandem_domain::PlainText::as_str),
                body: s.text.as_str(),
                collected_on: s.collected_on.unwrap_or(default_date),
                consent_given: true,
                redacted: false,
                answers: &s.answers,
                annotations: &s.annotations,
            })
            .collect();
        Ok(self
            .insert_stories(organization_id, &rows, now)
            .await?
            .len())
    }
}
