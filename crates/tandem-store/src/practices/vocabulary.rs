//! Words that work (practice 9): the team's terms, what the manager means by each, staff
//! definitions in their own words (one per person, revisable), and the texts of the team's
//! stories the uptake curve is counted from.

use tandem_domain::organization::Organization;
use tandem_domain::practice::vocabulary::{Term, TermText};
use tandem_domain::staff::{Team, User};
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use super::huddles::text;
use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A term of the team's vocabulary with the staff's definitions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermRecord {
    /// The term.
    pub id: Id<Term>,
    /// As introduced.
    pub term: TermText,
    /// What the manager means by it.
    pub meaning: PlainText,
    /// When it was introduced.
    pub introduced_on: Date,
    /// Staff definitions, oldest first, with who wrote them (kept for "yours"; never shown).
    pub definitions: Vec<(Id<User>, PlainText, Date)>,
}

impl Store {
    /// The team's vocabulary, by the day each term was introduced.
    ///
    /// # Errors
    /// A database error.
    pub async fn vocabulary(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<TermRecord>, StoreError> {
        let (org, team) = (organization_id.to_string(), team_id.to_string());
        let terms: Vec<(String, String, String, Date)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, term, meaning, introduced_on FROM vocabulary_terms \
                 WHERE organization_id = $1 AND team_id = $2 ORDER BY introduced_on, term_key",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        let definitions: Vec<(String, String, String, Date)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT d.term_id, d.user_id, d.definition, d.written_on FROM term_definitions d \
                 JOIN vocabulary_terms t ON t.id = d.term_id \
                 WHERE t.organization_id = $1 AND t.team_id = $2 ORDER BY d.written_on, d.user_id",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        terms
            .into_iter()
            .map(|(id, term, meaning, introduced_on)| {
                Ok(TermRecord {
                    term: TermText::parse(&term).map_err(|_| StoreError::corrupt("term"))?,
                    meaning: text(&meaning, "term meaning")?,
                    introduced_on,
                    definitions: definitions
                        .iter()
                        .filter(|(t, _, _, _)| *t == id)
                        .map(|(_, user, body, on)| {
                            Ok((stored_id(user, "user id")?, text(body, "definition")?, *on))
                        })
                        .collect::<Result<_, StoreError>>()?,
                    id: stored_id(&id, "term id")?,
                })
            })
            .collect()
    }

    /// The day told and text of every story in the team's campaigns told on or after `from`
    /// (for the uptake curve; the texts never leave the server).
    ///
    /// # Errors
    /// A database error.
    pub async fn team_story_texts(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        from: Date,
    ) -> Result<Vec<(Date, String)>, StoreError> {
        Ok(with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT s.collected_on, s.body FROM stories s JOIN campaigns c ON c.id = s.campaign_id \
                 WHERE s.organization_id = $1 AND c.team_id = $2 AND s.collected_on >= $3",
            )
            .bind(organization_id.to_string()).bind(team_id.to_string()).bind(from)
            .fetch_all(pool).await?
        }))
    }
}

impl Tx {
    /// Introduces a term; `None` when the team has it already (in any spelling of case).
    ///
    /// # Errors
    /// A database error.
    pub async fn introduce_term(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        (term, meaning, introduced_on): (&TermText, &PlainText, Date),
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Option<Id<Term>>, StoreError> {
        let id = Id::<Term>::new();
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO vocabulary_terms (id, organization_id, team_id, term, term_key, meaning, \
                 introduced_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (team_id, term_key) DO NOTHING",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .bind(term.as_str()).bind(term.key()).bind(meaning.as_str()).bind(introduced_on)
            .bind(created_by.to_string()).bind(stored(now))
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok((done == 1).then_some(id))
    }

    /// Writes (or rewrites) `user`'s definition of one of the team's terms; false when the term
    /// is not the team's.
    ///
    /// # Errors
    /// A database error.
    pub async fn define_term(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        term: Id<Term>,
        (user, definition, written_on): (Id<User>, &PlainText, Date),
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO term_definitions (term_id, user_id, definition, written_on) \
                 SELECT t.id, $1, $2, $3 FROM vocabulary_terms t \
                 WHERE t.id = $4 AND t.organization_id = $5 AND t.team_id = $6 \
                 ON CONFLICT (term_id, user_id) DO UPDATE SET definition = excluded.definition, \
                 written_on = excluded.written_on",
            )
            .bind(user.to_string()).bind(definition.as_str()).bind(written_on)
            .bind(term.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
