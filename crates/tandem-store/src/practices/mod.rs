//! The practices a team runs (huddles, probes, next steps, "you said, we did"). Every query
//! carries the organization and the team (R5): a practice of another team is never found.
//!
//! # Layout
//! - this file: linked stories and the team's members (owners of steps and probes).
//! - [`huddles`]: huddles, the interpretations offered and the next steps agreed.
//! - [`probes`]: the probe register and its decisions.
//! - [`outcomes`]: "you said, we did", per campaign and per team.
//! - [`intentions`]: the manager's intended logic mix (the card's manager–team gap).
//! - [`journal`]: the manager's decision journal and the logics weighed.
//! - [`accounts`]: the good-enough story (versions, triggers, resonance, contradicting stories).
//! - [`vocabulary`]: the team's terms, staff definitions, and the story texts they are found in.
//! - [`cues`]: small surprises noticed, amplified and followed up.
//! - [`dilemmas`]: rounds on stories where logics collided, and how each was handled.
//! - [`retrospectives`]: closed courses looked back on, episode by episode.
//! - [`rhythms`]: the campaigns carrying the weekly pulse and the monthly identity check-in.

pub mod accounts;
pub mod cues;
pub mod dilemmas;
pub mod huddles;
pub mod intentions;
pub mod journal;
pub mod outcomes;
pub mod probes;
pub mod retrospectives;
pub mod rhythms;
pub mod vocabulary;

use crate::stories::Story;
use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::staff::{Team, User};
use time::Date;

use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;

/// How much of a linked story's text a practice page shows.
pub const EXCERPT_CHARS: usize = 280;

/// A story a huddle or probe is about: enough to recognise it, with the campaign to open it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedStory {
    /// The story.
    pub id: Id<Story>,
    /// Its campaign.
    pub campaign_id: Id<Campaign>,
    /// The teller's title, if any.
    pub title: Option<String>,
    /// The first [`EXCERPT_CHARS`] characters of the text.
    pub excerpt: String,
    /// The day it was told.
    pub collected_on: Date,
}

#[derive(sqlx::FromRow, Clone)]
struct LinkedRow {
    id: String,
    campaign_id: String,
    title: Option<String>,
    body: String,
    collected_on: Date,
}

fn excerpt(body: &str) -> String {
    let mut chars = body.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

fn decode_linked(row: LinkedRow) -> Result<LinkedStory, StoreError> {
    Ok(LinkedStory {
        id: stored_id(&row.id, "story id")?,
        campaign_id: stored_id(&row.campaign_id, "campaign id")?,
        title: row.title,
        excerpt: excerpt(&row.body),
        collected_on: row.collected_on,
    })
}

/// The columns of a linked story, from `stories s`.
const LINKED: &str = "s.id, s.campaign_id, s.title, s.body, s.collected_on";

/// A member of a team who can own a step or a probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Their account.
    pub id: Id<User>,
    /// Their name.
    pub name: String,
}

impl Store {
    /// Of `ids`, the stories told in the team's own campaigns, in the order given; others (another
    /// team's, another organization's, unknown) are left out, so a form cannot link them.
    ///
    /// # Errors
    /// A database error.
    pub async fn team_stories(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        ids: &[Id<Story>],
    ) -> Result<Vec<LinkedStory>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // One statement for the whole list (a form links a handful; a huddle up to its limit).
        let placeholders: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 3)).collect();
        let sql = format!(
            "SELECT {LINKED} FROM stories s JOIN campaigns c ON c.id = s.campaign_id \
             WHERE s.organization_id = $1 AND c.team_id = $2 AND s.id IN ({})",
            placeholders.join(", ")
        );
        let rows: Vec<LinkedRow> = with_pool!(self, pool => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(organization_id.to_string())
                .bind(team_id.to_string());
            for id in ids {
                query = query.bind(id.to_string());
            }
            query.fetch_all(pool).await?
        });
        let stories = rows
            .into_iter()
            .map(decode_linked)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids
            .iter()
            .filter_map(|id| stories.iter().find(|s| s.id == *id).cloned())
            .collect())
    }

    /// The team's most recent stories (at most `limit`), newest first: what a form offers to
    /// link as a contradicting story or a cue's source.
    ///
    /// # Errors
    /// A database error.
    pub async fn recent_team_stories(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        limit: i64,
    ) -> Result<Vec<LinkedStory>, StoreError> {
        let sql = format!(
            "SELECT {LINKED} FROM stories s JOIN campaigns c ON c.id = s.campaign_id \
             WHERE s.organization_id = $1 AND c.team_id = $2 \
             ORDER BY s.collected_on DESC, s.created_at DESC, s.id LIMIT $3"
        );
        let rows: Vec<LinkedRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).bind(limit).fetch_all(pool).await?
        });
        rows.into_iter().map(decode_linked).collect()
    }

    /// The active members of a team (processors and its manager), by name.
    ///
    /// # Errors
    /// A database error.
    pub async fn team_members(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<Member>, StoreError> {
        let rows: Vec<(String, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, display_name FROM users WHERE organization_id = $1 AND team_id = $2 \
                 AND deactivated_at IS NULL ORDER BY display_name, id",
            )
            .bind(organization_id.to_string()).bind(team_id.to_string())
            .fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(id, name)| {
                Ok(Member {
                    id: stored_id(&id, "user id")?,
                    name,
                })
            })
            .collect()
    }
}

/// The stories linked through `table` (`huddle_stories` or `probe_stories`, keyed by `key`).
async fn linked_stories(
    store: &Store,
    table: &str,
    key: &str,
    owner: &str,
) -> Result<Vec<LinkedStory>, StoreError> {
    let sql = format!(
        "SELECT {LINKED} FROM {table} l JOIN stories s ON s.id = l.story_id \
         WHERE l.{key} = $1 ORDER BY s.collected_on, s.id"
    );
    let rows: Vec<LinkedRow> = with_pool!(store, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(owner).fetch_all(pool).await?
    });
    rows.into_iter().map(decode_linked).collect()
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn an_excerpt_cuts_long_texts_on_a_character_boundary() {
        assert_eq!(excerpt("kort"), "kort");
        let long = "æ".repeat(300);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), 281);
        assert!(cut.ends_with('…'));
    }
}
