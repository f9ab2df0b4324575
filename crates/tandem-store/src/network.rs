//! A course's network (the eco-map's relations) and dated snapshots of it.

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::{Direction, NetworkRole, Sector, Strength};
use tandem_domain::course::network::{ConsentScope, MemberDetails, SnapshotEntry};
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use time::{Date, OffsetDateTime};

use crate::courses::{stored_id, stored_text, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

pub use tandem_domain::course::network::Member;

/// A network member as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRecord {
    /// The member.
    pub id: Id<Member>,
    /// The relation.
    pub details: MemberDetails,
    /// When consent was given.
    pub consent_given_at: Option<OffsetDateTime>,
    /// When consent was revoked.
    pub consent_revoked_at: Option<OffsetDateTime>,
    /// Active from.
    pub active_from: Date,
    /// Active until (ended relations stay for the history).
    pub active_to: Option<Date>,
}

impl MemberRecord {
    /// The relation as frozen in a snapshot.
    #[must_use]
    pub fn snapshot_entry(&self) -> SnapshotEntry {
        let d = &self.details;
        SnapshotEntry {
            member_id: self.id.to_string(),
            name: d.name.as_str().to_owned(),
            sector: d.sector.as_str().to_owned(),
            relation: d.relation.as_str().to_owned(),
            strength: d.strength.as_str().to_owned(),
            stressful: d.stressful,
            direction: d.direction.as_str().to_owned(),
        }
    }
}

/// A snapshot of the eco-map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The day it shows.
    pub taken_on: Date,
    /// The relations then.
    pub entries: Vec<SnapshotEntry>,
}

/// A course's network, current relations first, then by name ($1 course, $2 organization).
pub(crate) const NETWORK_OF: &str = "SELECT id, name, sector, relation, strength, stressful, direction, roles, \
     birth_date, consent_goals, consent_steps, consent_meetings, consent_given_by, consent_given_at, \
     consent_revoked_at, active_from, active_to FROM network_members \
     WHERE course_id = $1 AND organization_id = $2 \
     ORDER BY CASE WHEN active_to IS NULL THEN 0 ELSE 1 END, name, id";

#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    id: String,
    name: String,
    sector: String,
    relation: String,
    strength: String,
    stressful: bool,
    direction: String,
    roles: String,
    birth_date: Option<Date>,
    consent_goals: bool,
    consent_steps: bool,
    consent_meetings: bool,
    consent_given_by: Option<String>,
    consent_given_at: Option<OffsetDateTime>,
    consent_revoked_at: Option<OffsetDateTime>,
    active_from: Date,
    active_to: Option<Date>,
}

impl TryFrom<MemberRow> for MemberRecord {
    type Error = StoreError;
    fn try_from(row: MemberRow) -> Result<Self, StoreError> {
        let text = |t: &str, what| PlainText::parse(t, 1000).map_err(|_| StoreError::corrupt(what));
        Ok(Self {
            id: stored_id(&row.id, "member id")?,
            details: MemberDetails {
                name: text(&row.name, "member name")?,
                sector: stored_word(Sector::parse, &row.sector, "sector")?,
                relation: text(&row.relation, "relation")?,
                strength: stored_word(Strength::parse, &row.strength, "strength")?,
                stressful: row.stressful,
                direction: stored_word(Direction::parse, &row.direction, "direction")?,
                roles: row
                    .roles
                    .split_whitespace()
                    .map(|r| stored_word(NetworkRole::parse, r, "network role"))
                    .collect::<Result<_, _>>()?,
                birth_date: row.birth_date,
                consent: ConsentScope {
                    goals: row.consent_goals,
                    steps: row.consent_steps,
                    meetings: row.consent_meetings,
                },
                consent_given_by: stored_text(row.consent_given_by, "consent giver")?,
            },
            consent_given_at: row.consent_given_at,
            consent_revoked_at: row.consent_revoked_at,
            active_from: row.active_from,
            active_to: row.active_to,
        })
    }
}

impl Store {
    /// The network of a course, current relations first, then by name.
    ///
    /// # Errors
    /// A database error.
    pub async fn network_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<MemberRecord>, StoreError> {
        let rows: Vec<MemberRow> = with_pool!(self, pool => {
            sqlx::query_as(NETWORK_OF)
            .bind(course_id.to_string()).bind(organization_id.to_string())
            .fetch_all(pool).await?
        });
        rows.into_iter().map(MemberRecord::try_from).collect()
    }

    /// The eco-map snapshots of a course, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn snapshots_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<Snapshot>, StoreError> {
        let rows: Vec<(Date, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT taken_on, entries FROM ecomap_snapshots WHERE course_id = $1 AND organization_id = $2 \
                 ORDER BY taken_on, created_at, id",
            )
            .bind(course_id.to_string()).bind(organization_id.to_string())
            .fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(taken_on, json)| {
                Ok(Snapshot {
                    taken_on,
                    entries: serde_json::from_str(&json)
                        .map_err(|_| StoreError::corrupt("snapshot"))?,
                })
            })
            .collect()
    }
}

impl Tx {
    /// Adds a relation to a course's network.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_member(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        details: &MemberDetails,
        today: Date,
        now: OffsetDateTime,
    ) -> Result<Id<Member>, StoreError> {
        let id = Id::<Member>::new();
        let roles: Vec<&str> = details.roles.iter().map(|r| r.as_str()).collect();
        let consented = details.consent.goals || details.consent.steps || details.consent.meetings;
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO network_members (id, course_id, organization_id, name, sector, relation, strength, \
                 stressful, direction, roles, birth_date, consent_goals, consent_steps, consent_meetings, \
                 consent_given_by, consent_given_at, active_from, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
            )
            .bind(id.to_string())
            .bind(course_id.to_string())
            .bind(organization_id.to_string())
            .bind(details.name.as_str())
            .bind(details.sector.as_str())
            .bind(details.relation.as_str())
            .bind(details.strength.as_str())
            .bind(details.stressful)
            .bind(details.direction.as_str())
            .bind(roles.join(" "))
            .bind(details.birth_date)
            .bind(details.consent.goals)
            .bind(details.consent.steps)
            .bind(details.consent.meetings)
            .bind(details.consent_given_by.as_ref().map(PlainText::as_str))
            .bind(consented.then(|| stored(now)))
            .bind(today)
            .bind(stored(now))
            .execute(conn)
            .await?;
        });
        Ok(id)
    }

    /// Ends a relation (it stays in the history); returns whether it was current in the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn end_member(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        id: Id<Member>,
        today: Date,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE network_members SET active_to = $1, consent_revoked_at = COALESCE(consent_revoked_at, $2) \
                 WHERE id = $3 AND course_id = $4 AND organization_id = $5 AND active_to IS NULL",
            )
            .bind(today).bind(stored(now)).bind(id.to_string()).bind(course_id.to_string())
            .bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Freezes the current relations as a snapshot dated `taken_on`.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_snapshot(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        taken_on: Date,
        meeting_id: Option<String>,
        entries: &[SnapshotEntry],
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(entries).map_err(|_| StoreError::corrupt("snapshot"))?;
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO ecomap_snapshots (id, course_id, organization_id, taken_on, meeting_id, entries, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(uuid::Uuid::now_v7().to_string()).bind(course_id.to_string())
            .bind(organization_id.to_string()).bind(taken_on).bind(meeting_id).bind(json)
            .bind(stored(now))
            .execute(conn).await?;
        });
        Ok(())
    }
}
