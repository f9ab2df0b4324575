//! The probe register (practice 3, "Small bets"): bounded safe-to-fail probes with success and
//! failure signals set before they start, the stories that prompted or followed them, and the
//! decisions taken at review (amplify, dampen, stop) with their rationale.

use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::practice::measures::CourseMeasure;
use tandem_domain::practice::{Huddle, Probe, ProbeDecision, ProbeDetails};
use tandem_domain::staff::{Team, User};
use tandem_domain::story::mark::Mark;
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use super::huddles::text;
use super::{LinkedStory, linked_stories};
use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::stories::Story;
use crate::time::stored;
use crate::tx::Tx;

/// A decision taken at a probe's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    /// Amplify, dampen or stop.
    pub decision: ProbeDecision,
    /// Why.
    pub rationale: PlainText,
    /// The day it was taken.
    pub decided_on: Date,
}

/// A probe with its decisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeRecord {
    /// The probe.
    pub id: Id<Probe>,
    /// The huddle it came from, if any.
    pub huddle_id: Option<Id<Huddle>>,
    /// The marked region whose share it means to move, if any.
    pub mark_id: Option<Id<Mark>>,
    /// What was sanctioned.
    pub details: ProbeDetails,
    /// Who runs it.
    pub owner_id: Id<User>,
    /// Their name.
    pub owner_name: String,
    /// Whether a decision stopped it.
    pub stopped: bool,
    /// The decisions, oldest first.
    pub decisions: Vec<DecisionRecord>,
    /// How many stories are linked.
    pub stories: i64,
    /// The courses its measures are computed from; empty: every course of the team.
    pub courses: Vec<Id<Course>>,
}

impl ProbeRecord {
    /// Whether the team owes it a decision on `today`.
    #[must_use]
    pub fn review_due(&self, today: Date) -> bool {
        self.details.review_due(
            today,
            self.stopped,
            self.decisions.last().map(|d| d.decided_on),
        )
    }
}

/// A probe to sanction.
#[derive(Debug, Clone)]
pub struct NewProbe<'a> {
    /// What is sanctioned.
    pub details: &'a ProbeDetails,
    /// Who runs it (an active member of the team).
    pub owner_id: Id<User>,
    /// The huddle it came from, if any (one of the team's).
    pub huddle_id: Option<Id<Huddle>>,
    /// The marked region it means to move, if any (one on a campaign of the team's).
    pub mark_id: Option<Id<Mark>>,
    /// The stories that prompted it (already checked to be the team's).
    pub stories: &'a [Id<Story>],
    /// The courses its measures follow (those not the team's are left out); empty: the team's.
    pub courses: &'a [Id<Course>],
}

#[derive(sqlx::FromRow)]
struct ProbeRow {
    id: String,
    huddle_id: Option<String>,
    mark_id: Option<String>,
    title: String,
    hypothesis: String,
    success_signal: String,
    failure_signal: String,
    success_measure: Option<String>,
    failure_measure: Option<String>,
    owner_id: String,
    owner_name: String,
    starts_on: Date,
    review_on: Date,
    stopped: bool,
    stories: i64,
}

const SELECT: &str = "SELECT p.id, p.huddle_id, p.mark_id, p.title, p.hypothesis, p.success_signal, \
    p.failure_signal, p.success_measure, p.failure_measure, p.owner_id, \
    u.display_name AS owner_name, p.starts_on, p.review_on, p.stopped, \
    (SELECT COUNT(*) FROM probe_stories ps WHERE ps.probe_id = p.id) AS stories \
    FROM probes p JOIN users u ON u.id = p.owner_id WHERE p.organization_id = $1 AND p.team_id = $2";

impl Store {
    /// The team's probes with their decisions: open ones by review day, then stopped ones.
    ///
    /// # Errors
    /// A database error.
    pub async fn probes(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<ProbeRecord>, StoreError> {
        let sql = format!("{SELECT} ORDER BY p.stopped, p.review_on, p.created_at");
        let rows: Vec<ProbeRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).fetch_all(pool).await?
        });
        let mut probes = Vec::with_capacity(rows.len());
        for row in rows {
            probes.push(self.decode_probe(row).await?);
        }
        Ok(probes)
    }

    /// One probe of the team, with its decisions and linked stories.
    ///
    /// # Errors
    /// A database error.
    pub async fn probe(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        id: Id<Probe>,
    ) -> Result<Option<(ProbeRecord, Vec<LinkedStory>)>, StoreError> {
        let sql = format!("{SELECT} AND p.id = $3");
        let row: Option<ProbeRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).bind(id.to_string()).fetch_optional(pool).await?
        });
        let Some(row) = row else {
            return Ok(None);
        };
        let probe = self.decode_probe(row).await?;
        let stories = linked_stories(self, "probe_stories", "probe_id", &id.to_string()).await?;
        Ok(Some((probe, stories)))
    }

    async fn decode_probe(&self, row: ProbeRow) -> Result<ProbeRecord, StoreError> {
        let decisions: Vec<(String, String, Date)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT decision, rationale, decided_on FROM probe_decisions WHERE probe_id = $1 \
                 ORDER BY decided_on, created_at, id",
            )
            .bind(&row.id).fetch_all(pool).await?
        });
        let courses: Vec<(String,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT course_id FROM probe_courses WHERE probe_id = $1 ORDER BY course_id")
                .bind(&row.id).fetch_all(pool).await?
        });
        Ok(ProbeRecord {
            id: stored_id(&row.id, "probe id")?,
            huddle_id: row
                .huddle_id
                .as_deref()
                .map(|h| stored_id(h, "huddle id"))
                .transpose()?,
            mark_id: row
                .mark_id
                .as_deref()
                .map(|m| stored_id(m, "mark id"))
                .transpose()?,
            details: ProbeDetails {
                title: text(&row.title, "probe title")?,
                hypothesis: text(&row.hypothesis, "hypothesis")?,
                success_signal: text(&row.success_signal, "success signal")?,
                failure_signal: text(&row.failure_signal, "failure signal")?,
                success_measure: measure(row.success_measure)?,
                failure_measure: measure(row.failure_measure)?,
                starts_on: row.starts_on,
                review_on: row.review_on,
            },
            owner_id: stored_id(&row.owner_id, "user id")?,
            owner_name: row.owner_name,
            stopped: row.stopped,
            decisions: decisions
                .into_iter()
                .map(|(decision, rationale, decided_on)| {
                    Ok(DecisionRecord {
                        decision: stored_word(ProbeDecision::parse, &decision, "decision")?,
                        rationale: text(&rationale, "rationale")?,
                        decided_on,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            stories: row.stories,
            courses: courses
                .iter()
                .map(|(c,)| stored_id(c, "probe course"))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// A stored measure keyword.
fn measure(stored: Option<String>) -> Result<Option<CourseMeasure>, StoreError> {
    stored
        .map(|m| stored_word(CourseMeasure::parse, &m, "course measure"))
        .transpose()
}

impl Tx {
    /// Sanctions a probe; `None` when the owner is not an active member of the team, or the
    /// huddle or the mark is not the team's (nothing is stored then).
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_probe(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        probe: &NewProbe<'_>,
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Option<Id<Probe>>, StoreError> {
        let id = Id::<Probe>::new();
        let d = probe.details;
        let done = with_tx!(self, conn => {
            let done = sqlx::query(
                "INSERT INTO probes (id, organization_id, team_id, huddle_id, title, hypothesis, \
                 success_signal, failure_signal, owner_id, starts_on, review_on, stopped, created_by, created_at, \
                 success_measure, failure_measure, mark_id) \
                 SELECT $1, u.organization_id, u.team_id, $2, $3, $4, $5, $6, u.id, $7, $8, $9, $10, $11, $15, $16, $17 \
                 FROM users u WHERE u.id = $12 AND u.organization_id = $13 AND u.team_id = $14 \
                 AND u.deactivated_at IS NULL \
                 AND ($2 IS NULL OR EXISTS (SELECT 1 FROM huddles h WHERE h.id = $2 AND h.team_id = u.team_id)) \
                 AND ($17 IS NULL OR EXISTS (SELECT 1 FROM landscape_marks m JOIN campaigns c ON c.id = m.campaign_id \
                      WHERE m.id = $17 AND m.organization_id = u.organization_id AND c.team_id = u.team_id))",
            )
            .bind(id.to_string()).bind(probe.huddle_id.map(|h| h.to_string())).bind(d.title.as_str())
            .bind(d.hypothesis.as_str()).bind(d.success_signal.as_str()).bind(d.failure_signal.as_str())
            .bind(d.starts_on).bind(d.review_on).bind(false).bind(created_by.to_string()).bind(stored(now))
            .bind(probe.owner_id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .bind(d.success_measure.map(CourseMeasure::as_str))
            .bind(d.failure_measure.map(CourseMeasure::as_str))
            .bind(probe.mark_id.map(|m| m.to_string()))
            .execute(&mut *conn).await?.rows_affected();
            if done == 1 {
                for story in probe.stories {
                    sqlx::query("INSERT INTO probe_stories (probe_id, story_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(id.to_string()).bind(story.to_string()).execute(&mut *conn).await?;
                }
                for course in probe.courses {
                    sqlx::query(
                        "INSERT INTO probe_courses (probe_id, course_id) SELECT $1, c.id FROM courses c \
                         WHERE c.id = $2 AND c.team_id = $3 AND c.organization_id = $4 ON CONFLICT DO NOTHING",
                    )
                    .bind(id.to_string()).bind(course.to_string()).bind(team_id.to_string())
                    .bind(organization_id.to_string()).execute(&mut *conn).await?;
                }
            }
            done
        });
        Ok((done == 1).then_some(id))
    }

    /// Records a decision on one of the team's open probes: stop closes it; amplify and dampen
    /// may set the next review day. False when there is no such open probe, or the next review
    /// day is before the probe started.
    ///
    /// # Errors
    /// A database error.
    pub async fn decide_probe(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        id: Id<Probe>,
        decision: (ProbeDecision, &PlainText, Date, Option<Date>),
        decided_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let (decision, rationale, decided_on, next_review) = decision;
        let stop = decision == ProbeDecision::Stop;
        let done = with_tx!(self, conn => {
            let open = sqlx::query(
                "UPDATE probes SET stopped = $1, review_on = COALESCE($2, review_on) \
                 WHERE id = $3 AND organization_id = $4 AND team_id = $5 AND NOT stopped \
                 AND ($2 IS NULL OR $2 >= starts_on)",
            )
            .bind(stop).bind(next_review.filter(|_| !stop)).bind(id.to_string())
            .bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected();
            if open == 1 {
                sqlx::query(
                    "INSERT INTO probe_decisions (id, probe_id, decision, rationale, decided_on, decided_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(Id::<Probe>::new().to_string()).bind(id.to_string()).bind(decision.as_str())
                .bind(rationale.as_str()).bind(decided_on).bind(decided_by.to_string()).bind(stored(now))
                .execute(&mut *conn).await?;
            }
            open
        });
        Ok(done == 1)
    }
}
