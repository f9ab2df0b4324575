//! The good-enough story (practice 8): the team's versions (never rewritten), its revision
//! triggers, staff resonance ratings per version and the stories that contradict a version.

use tandem_domain::organization::Organization;
use tandem_domain::practice::account::{AccountTrigger, AccountVersion, Resonance};
use tandem_domain::staff::{Team, User};
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use super::huddles::text;
use super::{LINKED, LinkedRow, LinkedStory, decode_linked};
use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::stories::Story;
use crate::time::stored;
use crate::tx::Tx;

/// One version of the good-enough story.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRecord {
    /// The version.
    pub id: Id<AccountVersion>,
    /// 1, 2, 3…
    pub version: i64,
    /// The account.
    pub body: PlainText,
    /// Why it was written.
    pub reason: PlainText,
    /// The day it was written.
    pub written_on: Date,
    /// The ratings given to it, with who gave them (kept for "your rating"; never shown).
    pub ratings: Vec<(Id<User>, Resonance)>,
    /// The stories that contradict it, with how.
    pub contradictions: Vec<(LinkedStory, PlainText)>,
}

/// A revision trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerRecord {
    /// The trigger.
    pub id: Id<AccountTrigger>,
    /// What would make the team revise the story.
    pub description: PlainText,
    /// When it was met, and what was seen.
    pub met: Option<(Date, PlainText)>,
}

/// The team's good-enough story.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Account {
    /// The versions, oldest first.
    pub versions: Vec<VersionRecord>,
    /// The triggers, oldest first.
    pub triggers: Vec<TriggerRecord>,
}

impl Account {
    /// The current version.
    #[must_use]
    pub fn current(&self) -> Option<&VersionRecord> {
        self.versions.last()
    }

    /// The days triggers were met.
    #[must_use]
    pub fn met_days(&self) -> Vec<Date> {
        self.triggers
            .iter()
            .filter_map(|t| t.met.as_ref().map(|(d, _)| *d))
            .collect()
    }
}

impl Store {
    /// The team's good-enough story: versions with ratings and contradicting stories, triggers.
    ///
    /// # Errors
    /// A database error.
    pub async fn account(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Account, StoreError> {
        let (org, team) = (organization_id.to_string(), team_id.to_string());
        let versions: Vec<(String, i64, String, String, Date)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, CAST(version AS BIGINT), body, reason, written_on FROM account_versions \
                 WHERE organization_id = $1 AND team_id = $2 ORDER BY version",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        let ratings: Vec<(String, String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT r.version_id, r.user_id, CAST(r.rating AS BIGINT) FROM account_resonance r \
                 JOIN account_versions v ON v.id = r.version_id \
                 WHERE v.organization_id = $1 AND v.team_id = $2",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        let sql = format!(
            "SELECT x.version_id, x.note, {LINKED} FROM account_contradictions x \
             JOIN account_versions v ON v.id = x.version_id JOIN stories s ON s.id = x.story_id \
             WHERE v.organization_id = $1 AND v.team_id = $2 ORDER BY s.collected_on, s.id"
        );
        let contradictions: Vec<ContradictionRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(&org).bind(&team).fetch_all(pool).await?
        });
        let mut account = Account::default();
        for (id, version, body, reason, written_on) in versions {
            let mut record = VersionRecord {
                id: stored_id(&id, "account version id")?,
                version,
                body: text(&body, "account")?,
                reason: text(&reason, "account reason")?,
                written_on,
                ratings: Vec::new(),
                contradictions: Vec::new(),
            };
            for (_, user, rating) in ratings.iter().filter(|(v, _, _)| *v == id) {
                record.ratings.push((
                    stored_id(user, "user id")?,
                    Resonance::from_stored(*rating).ok_or_else(|| StoreError::corrupt("rating"))?,
                ));
            }
            for row in contradictions.iter().filter(|r| r.version_id == id) {
                record.contradictions.push((
                    decode_linked(row.story.clone())?,
                    text(&row.note, "contradiction")?,
                ));
            }
            account.versions.push(record);
        }
        let triggers: Vec<(String, String, Option<Date>, Option<String>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, description, met_on, met_note FROM account_triggers \
                 WHERE organization_id = $1 AND team_id = $2 ORDER BY created_at, id",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        for (id, description, met_on, note) in triggers {
            account.triggers.push(TriggerRecord {
                id: stored_id(&id, "trigger id")?,
                description: text(&description, "trigger")?,
                met: match (met_on, note) {
                    (Some(day), Some(note)) => Some((day, text(&note, "trigger note")?)),
                    _ => None,
                },
            });
        }
        Ok(account)
    }
}

#[derive(sqlx::FromRow)]
struct ContradictionRow {
    version_id: String,
    note: String,
    #[sqlx(flatten)]
    story: LinkedRow,
}

impl Tx {
    /// Writes the next version of the team's good-enough story and returns its id.
    ///
    /// # Errors
    /// A database error (also when two managers save a version at the same moment: the second
    /// finds its number taken).
    pub async fn write_account_version(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        (body, reason, written_on): (&PlainText, &PlainText, Date),
        written_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Id<AccountVersion>, StoreError> {
        let id = Id::<AccountVersion>::new();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO account_versions (id, organization_id, team_id, version, body, reason, \
                 written_on, written_by, created_at) \
                 SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5, $6, $7, $8 \
                 FROM account_versions WHERE team_id = $3",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .bind(body.as_str()).bind(reason.as_str()).bind(written_on)
            .bind(written_by.to_string()).bind(stored(now))
            .execute(&mut *conn).await?;
        });
        Ok(id)
    }

    /// Adds a revision trigger.
    ///
    /// # Errors
    /// A database error.
    pub async fn add_account_trigger(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        description: &PlainText,
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Id<AccountTrigger>, StoreError> {
        let id = Id::<AccountTrigger>::new();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO account_triggers (id, organization_id, team_id, description, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .bind(description.as_str()).bind(created_by.to_string()).bind(stored(now))
            .execute(&mut *conn).await?;
        });
        Ok(id)
    }

    /// Marks one of the team's triggers met; false when there is no such trigger or it was met
    /// already (the first sighting stands).
    ///
    /// # Errors
    /// A database error.
    pub async fn meet_account_trigger(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        id: Id<AccountTrigger>,
        (met_on, note): (Date, &PlainText),
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE account_triggers SET met_on = $1, met_note = $2 \
                 WHERE id = $3 AND organization_id = $4 AND team_id = $5 AND met_on IS NULL",
            )
            .bind(met_on).bind(note.as_str()).bind(id.to_string())
            .bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Records (or changes) how well the team's *current* version rings true to `user`; false
    /// when `version` is not the team's current one (older versions keep the ratings they had).
    ///
    /// # Errors
    /// A database error.
    pub async fn rate_account_version(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        version: Id<AccountVersion>,
        (user, rating, rated_on): (Id<User>, Resonance, Date),
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO account_resonance (version_id, user_id, rating, rated_on) \
                 SELECT v.id, $1, $2, $3 FROM account_versions v \
                 WHERE v.id = $4 AND v.organization_id = $5 AND v.team_id = $6 \
                 AND v.version = (SELECT MAX(version) FROM account_versions WHERE team_id = v.team_id) \
                 ON CONFLICT (version_id, user_id) DO UPDATE SET rating = excluded.rating, rated_on = excluded.rated_on",
            )
            .bind(user.to_string()).bind(i32::from(rating.value())).bind(rated_on)
            .bind(version.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Links a story (already checked to be the team's) that contradicts one of the team's
    /// versions; false when the version is not the team's. Linking it again changes the note.
    ///
    /// # Errors
    /// A database error.
    pub async fn add_contradiction(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        version: Id<AccountVersion>,
        (story, note): (Id<Story>, &PlainText),
        added_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO account_contradictions (version_id, story_id, note, added_by, created_at) \
                 SELECT v.id, $1, $2, $3, $4 FROM account_versions v \
                 WHERE v.id = $5 AND v.organization_id = $6 AND v.team_id = $7 \
                 ON CONFLICT (version_id, story_id) DO UPDATE SET note = excluded.note",
            )
            .bind(story.to_string()).bind(note.as_str()).bind(added_by.to_string()).bind(stored(now))
            .bind(version.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
