//! Look back before looking forward (practice 2): a closed course of the team reconstructed
//! episode by episode, each labelled with its co-production phase and the level planned and
//! reached. The course is linked, never copied: who may see its name is decided where it is shown.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::practice::reflection::{Episode, Level, Phase, Retrospective};
use tandem_domain::staff::{Team, User};
use time::{Date, OffsetDateTime};

use super::huddles::text;
use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A retrospective with its episodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrospectiveRecord {
    /// The review.
    pub id: Id<Retrospective>,
    /// The closed course looked back on.
    pub course_id: Id<Course>,
    /// The day the team held it.
    pub held_on: Date,
    /// The episodes, in the order they happened.
    pub episodes: Vec<Episode>,
}

/// A closed course of the team, as a retrospective picks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedCourse {
    /// The course.
    pub id: Id<Course>,
    /// The young person's name (shown only to those who may list the course).
    pub young_person_name: String,
    /// The day it closed.
    pub closed_on: Option<Date>,
    /// Its processor's name (what a manager without course reading recognises it by).
    pub processor: String,
}

#[derive(sqlx::FromRow)]
struct EpisodeRow {
    retrospective_id: String,
    happened_on: Date,
    description: String,
    phase: String,
    planned_level: String,
    actual_level: String,
}

impl Store {
    /// The team's retrospectives, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn retrospectives(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<RetrospectiveRecord>, StoreError> {
        let (org, team) = (organization_id.to_string(), team_id.to_string());
        let reviews: Vec<(String, String, Date)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, course_id, held_on FROM retrospectives WHERE organization_id = $1 \
                 AND team_id = $2 ORDER BY held_on DESC, created_at DESC",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        let episodes: Vec<EpisodeRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT e.retrospective_id, e.happened_on, e.description, e.phase, e.planned_level, \
                 e.actual_level FROM retrospective_episodes e \
                 JOIN retrospectives r ON r.id = e.retrospective_id \
                 WHERE r.organization_id = $1 AND r.team_id = $2 ORDER BY e.happened_on, e.created_at",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        reviews
            .into_iter()
            .map(|(id, course, held_on)| {
                Ok(RetrospectiveRecord {
                    episodes: episodes
                        .iter()
                        .filter(|e| e.retrospective_id == id)
                        .map(decode_episode)
                        .collect::<Result<_, StoreError>>()?,
                    id: stored_id(&id, "retrospective id")?,
                    course_id: stored_id(&course, "course id")?,
                    held_on,
                })
            })
            .collect()
    }

    /// The team's closed courses, most recently closed first. The caller decides, course by
    /// course, whether the young person's name may be shown.
    ///
    /// # Errors
    /// A database error.
    pub async fn closed_team_courses(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<ClosedCourse>, StoreError> {
        let rows: Vec<(String, String, Option<Date>, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT c.id, c.young_person_name, c.closure_date, u.display_name FROM courses c \
                 JOIN users u ON u.id = c.processor_id WHERE c.organization_id = $1 \
                 AND c.team_id = $2 AND c.status = 'closed' ORDER BY c.closure_date DESC, c.id",
            )
            .bind(organization_id.to_string()).bind(team_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(id, name, closed_on, processor)| {
                Ok(ClosedCourse {
                    id: stored_id(&id, "course id")?,
                    young_person_name: name,
                    closed_on,
                    processor,
                })
            })
            .collect()
    }
}

fn decode_episode(row: &EpisodeRow) -> Result<Episode, StoreError> {
    Ok(Episode {
        happened_on: row.happened_on,
        description: text(&row.description, "episode")?,
        phase: stored_word(Phase::parse, &row.phase, "phase")?,
        planned: stored_word(Level::parse, &row.planned_level, "level")?,
        actual: stored_word(Level::parse, &row.actual_level, "level")?,
    })
}

impl Tx {
    /// Opens a retrospective of one of the team's closed courses; `None` when the course is not
    /// the team's or not closed.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_retrospective(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        (course, held_on): (Id<Course>, Date),
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Option<Id<Retrospective>>, StoreError> {
        let id = Id::<Retrospective>::new();
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO retrospectives (id, organization_id, team_id, course_id, held_on, created_by, created_at) \
                 SELECT $1, c.organization_id, c.team_id, c.id, $2, $3, $4 FROM courses c \
                 WHERE c.id = $5 AND c.organization_id = $6 AND c.team_id = $7 AND c.status = 'closed'",
            )
            .bind(id.to_string()).bind(held_on).bind(created_by.to_string()).bind(stored(now))
            .bind(course.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok((done == 1).then_some(id))
    }

    /// Adds an episode to one of the team's retrospectives; false when it is not the team's.
    ///
    /// # Errors
    /// A database error.
    pub async fn add_episode(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        review: Id<Retrospective>,
        episode: &Episode,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO retrospective_episodes (id, retrospective_id, happened_on, description, \
                 phase, planned_level, actual_level, created_at) \
                 SELECT $1, r.id, $2, $3, $4, $5, $6, $7 FROM retrospectives r \
                 WHERE r.id = $8 AND r.organization_id = $9 AND r.team_id = $10",
            )
            .bind(Id::<Retrospective>::new().to_string()).bind(episode.happened_on)
            .bind(episode.description.as_str()).bind(episode.phase.as_str())
            .bind(episode.planned.as_str()).bind(episode.actual.as_str()).bind(stored(now))
            .bind(review.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
