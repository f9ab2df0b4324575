//! Instruments as configured by the organization, rating rounds with their raters (blind until
//! all have rated or the facilitator reveals), and alerts.

use tandem_domain::Id;
use tandem_domain::course::kinds::{AlertKind, RaterRole, RatingMode};
use tandem_domain::instrument::{AlertRule, Instrument, SESSION_FEEDBACK};
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::staff::User;

use time::OffsetDateTime;

use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::network::Member;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;
use crate::work::{Goal, Meeting};

/// Marker type for rating rounds' ids.
#[derive(Debug)]
pub enum Round {}
/// Marker type for alerts' ids.
#[derive(Debug)]
pub enum Alert {}
/// Marker type for the ids of invited raters (one rating each).
#[derive(Debug)]
pub enum Rater {}

/// One invited rater of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterRecord {
    /// The rating's id.
    pub id: Id<Rater>,
    /// Role.
    pub role: RaterRole,
    /// Who ("Mia", "Mother").
    pub label: String,
    /// Item values (tenths) once rated.
    pub values: Option<Vec<i32>>,
    /// Total (tenths) once rated.
    pub total: Option<i32>,
    /// Comment.
    pub comment: Option<String>,
    /// When they rated.
    pub rated_at: Option<OffsetDateTime>,
    /// The network member this rating belongs to, when a member was invited to rate.
    pub member_id: Option<Id<Member>>,
}

/// A rating round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundRecord {
    /// The round.
    pub id: Id<Round>,
    /// The instrument's key.
    pub instrument_key: String,
    /// The goal rated, for per-goal instruments.
    pub goal_id: Option<Id<Goal>>,
    /// The meeting it belongs to.
    pub meeting_id: Option<Id<Meeting>>,
    /// How it is rated.
    pub mode: RatingMode,
    /// Opened.
    pub opened_at: OffsetDateTime,
    /// When values became visible (all rated, or revealed by the facilitator).
    pub revealed_at: Option<OffsetDateTime>,
    /// "What makes it that number?"
    pub reflection: Option<String>,
    /// The raters.
    pub raters: Vec<RaterRecord>,
}

/// The young person's own revealed totals on one instrument and goal, oldest first (rounds are
/// ordered by when they opened, ties broken by their time-ordered ids).
///
/// The one series behind every "reliable change" Tandem states about a young person — the
/// deterioration alert, the goal page's change and summary, and the reliable-improvement
/// indicator — so that no two pages can disagree about the same ratings.
#[must_use]
pub fn young_persons_totals(
    rounds: &[RoundRecord],
    instrument_key: &str,
    goal: Option<Id<Goal>>,
) -> Vec<(OffsetDateTime, i32)> {
    let mut totals: Vec<((OffsetDateTime, String), i32)> = rounds
        .iter()
        .filter(|r| {
            r.revealed_at.is_some() && r.instrument_key == instrument_key && r.goal_id == goal
        })
        .flat_map(|r| {
            r.raters
                .iter()
                .filter(|rater| rater.role == RaterRole::YoungPerson)
                .filter_map(move |rater| rater.total.map(|t| ((r.opened_at, r.id.to_string()), t)))
        })
        .collect();
    totals.sort_by(|a, b| a.0.cmp(&b.0));
    totals
        .into_iter()
        .map(|((at, _), total)| (at, total))
        .collect()
}

/// An alert on a course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRecord {
    /// The alert.
    pub id: Id<Alert>,
    /// Why.
    pub kind: AlertKind,
    /// A short machine-made detail (e.g. the total), never free text from citizens.
    pub detail: String,
    /// Raised.
    pub raised_at: OffsetDateTime,
    /// Resolved.
    pub resolved_at: Option<OffsetDateTime>,
    /// What was done.
    pub resolution: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: String,
    instrument_key: String,
    goal_id: Option<String>,
    meeting_id: Option<String>,
    mode: String,
    opened_at: OffsetDateTime,
    revealed_at: Option<OffsetDateTime>,
    reflection: Option<String>,
}

/// A round with one of its raters (every round has at least one; the join keeps it anyway).
#[derive(sqlx::FromRow)]
pub(crate) struct RoundRaterRow {
    #[sqlx(flatten)]
    round: RoundRow,
    rater_id: Option<String>,
    rater_role: Option<String>,
    rater_label: Option<String>,
    item_values: Option<String>,
    total: Option<i32>,
    comment: Option<String>,
    rated_at: Option<OffsetDateTime>,
    member_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AlertRow {
    id: String,
    kind: String,
    detail: String,
    raised_at: OffsetDateTime,
    resolved_at: Option<OffsetDateTime>,
    resolution: Option<String>,
}

/// The columns and join behind a course's rounds: each round once per invited rater.
const ROUND_ROWS: &str = "SELECT r.id, r.instrument_key, r.goal_id, r.meeting_id, r.mode, r.opened_at, \
     r.revealed_at, r.reflection, g.id AS rater_id, g.rater_role, g.rater_label, g.item_values, \
     g.total, g.comment, g.rated_at, g.member_id \
     FROM rating_rounds r LEFT JOIN ratings g ON g.round_id = r.id AND g.organization_id = r.organization_id \
     WHERE r.course_id = $1 AND r.organization_id = $2";

/// The one query behind a course's rounds, on a pool or inside a transaction: newest round
/// first, its raters in the order they were invited; with a limit, only the newest rounds.
/// The limit is written into the statement, not bound: SQLite plans a bound LIMIT by its value
/// and so prepares the statement afresh whenever it is bound again (measured: a tenth of the
/// course overview's database time).
macro_rules! fetch_rounds {
    ($exec:expr, $course:expr, $org:expr) => {{
        let sql = format!("{ROUND_ROWS} ORDER BY r.opened_at DESC, r.id DESC, g.id");
        let rows: Vec<RoundRaterRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind($course)
            .bind($org)
            .fetch_all($exec)
            .await?;
        rows
    }};
    ($exec:expr, $course:expr, $org:expr, $limit:expr) => {{
        let sql = latest_rounds($limit);
        let rows: Vec<RoundRaterRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind($course)
            .bind($org)
            .fetch_all($exec)
            .await?;
        rows
    }};
}

/// The statement behind the `limit` newest rounds of a course with their raters ($1 course,
/// $2 organization), the limit written into it (see [`fetch_rounds!`]).
pub(crate) fn latest_rounds(limit: u32) -> String {
    format!(
        "{ROUND_ROWS} AND r.id IN (SELECT id FROM rating_rounds WHERE course_id = $1 \
         AND organization_id = $2 ORDER BY opened_at DESC, id DESC LIMIT {limit}) \
         ORDER BY r.opened_at DESC, r.id DESC, g.id"
    )
}

/// Rounds with their raters, from the rows of [`fetch_rounds!`].
pub(crate) fn assemble_rounds(rows: Vec<RoundRaterRow>) -> Result<Vec<RoundRecord>, StoreError> {
    let mut result: Vec<RoundRecord> = Vec::new();
    for row in rows {
        let r = row.round;
        if result.last().is_none_or(|last| last.id.to_string() != r.id) {
            result.push(RoundRecord {
                id: stored_id(&r.id, "round id")?,
                instrument_key: r.instrument_key,
                goal_id: r
                    .goal_id
                    .as_deref()
                    .map(|g| stored_id(g, "goal id"))
                    .transpose()?,
                meeting_id: (r.meeting_id.as_deref())
                    .map(|m| stored_id(m, "meeting id"))
                    .transpose()?,
                mode: stored_word(RatingMode::parse, &r.mode, "rating mode")?,
                opened_at: r.opened_at,
                revealed_at: r.revealed_at,
                reflection: r.reflection,
                raters: Vec::new(),
            });
        }
        let (Some(id), Some(role), Some(label), Some(round)) = (
            row.rater_id,
            row.rater_role,
            row.rater_label,
            result.last_mut(),
        ) else {
            continue;
        };
        round.raters.push(RaterRecord {
            id: stored_id(&id, "rater id")?,
            role: stored_word(RaterRole::parse, &role, "rater role")?,
            label,
            values: row
                .item_values
                .map(|v| serde_json::from_str(&v).map_err(|_| StoreError::corrupt("values")))
                .transpose()?,
            total: row.total,
            comment: row.comment,
            rated_at: row.rated_at,
            member_id: (row.member_id.as_deref())
                .map(|m| stored_id(m, "member id"))
                .transpose()?,
        });
    }
    Ok(result)
}

impl Store {
    /// The organization's instruments: the shipped three (with the organization's norms and
    /// feedback thresholds), then those its administrators defined.
    ///
    /// # Errors
    /// A database error, or a stored definition that no longer validates.
    pub async fn instruments(
        &self,
        organization_id: Id<Organization>,
        feedback: AlertRule,
    ) -> Result<Vec<Instrument>, StoreError> {
        let rows: Vec<(String, String)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT key, definition FROM instruments WHERE organization_id = $1 ORDER BY created_at, key")
                .bind(organization_id.to_string()).fetch_all(pool).await?
        });
        let mut all = vec![
            Instrument::goal_scale(),
            Instrument::safety_scale(),
            Instrument::session_feedback(feedback),
        ];
        for (key, json) in rows {
            let mut stored: Instrument =
                serde_json::from_str(&json).map_err(|_| StoreError::corrupt("instrument"))?;
            if key == SESSION_FEEDBACK {
                stored.alert = Some(feedback);
            }
            match all.iter_mut().find(|i| i.key == key) {
                Some(shipped) => *shipped = stored,
                None => all.push(stored),
            }
        }
        Ok(all)
    }

    /// The rating rounds of a course, newest first, with their raters.
    ///
    /// # Errors
    /// A database error.
    pub async fn rounds_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<RoundRecord>, StoreError> {
        let (org, course) = (organization_id.to_string(), course_id.to_string());
        let rows = with_pool!(self, pool => fetch_rounds!(pool, &course, &org));
        assemble_rounds(rows)
    }

    /// The `limit` newest rating rounds of a course with their raters, newest first (the
    /// overview shows five).
    ///
    /// # Errors
    /// A database error.
    pub async fn latest_rounds_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        limit: u32,
    ) -> Result<Vec<RoundRecord>, StoreError> {
        let (org, course) = (organization_id.to_string(), course_id.to_string());
        let rows = with_pool!(self, pool => fetch_rounds!(pool, &course, &org, limit));
        assemble_rounds(rows)
    }

    /// The alerts of a course, open ones first, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn alerts_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<AlertRecord>, StoreError> {
        let rows: Vec<AlertRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, kind, detail, raised_at, resolved_at, resolution FROM alerts \
                 WHERE course_id = $1 AND organization_id = $2 \
                 ORDER BY CASE WHEN resolved_at IS NULL THEN 0 ELSE 1 END, raised_at DESC, id DESC",
            )
            .bind(course_id.to_string()).bind(organization_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|r| {
                Ok(AlertRecord {
                    id: stored_id(&r.id, "alert id")?,
                    kind: stored_word(AlertKind::parse, &r.kind, "alert kind")?,
                    detail: r.detail,
                    raised_at: r.raised_at,
                    resolved_at: r.resolved_at,
                    resolution: r.resolution,
                })
            })
            .collect()
    }
}

/// Who opens a round, on what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRound<'a> {
    /// Instrument key.
    pub instrument_key: &'a str,
    /// Goal rated.
    pub goal_id: Option<Id<Goal>>,
    /// Meeting.
    pub meeting_id: Option<Id<Meeting>>,
    /// Mode.
    pub mode: RatingMode,
    /// Who opened it (staff), if staff did.
    pub opened_by: Option<Id<User>>,
    /// The invited raters.
    pub raters: Vec<(RaterRole, String)>,
}

/// One rater's submitted values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating<'a> {
    /// The invited rater.
    pub rater_id: Id<Rater>,
    /// Item values in tenths.
    pub values: &'a [i32],
    /// Comment.
    pub comment: Option<&'a str>,
}

impl Tx {
    /// The rating rounds of a course as this transaction sees them (its own writes included):
    /// the rules that follow a rating read the round just rated before committing.
    ///
    /// # Errors
    /// A database error.
    pub async fn rounds_of(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<RoundRecord>, StoreError> {
        let (org, course) = (organization_id.to_string(), course_id.to_string());
        let rows = with_tx!(self, conn => fetch_rounds!(&mut *conn, &course, &org));
        assemble_rounds(rows)
    }

    /// Saves an instrument definition (new, or the organization's edit of an existing one).
    ///
    /// # Errors
    /// A database error.
    pub async fn save_instrument(
        &mut self,
        organization_id: Id<Organization>,
        instrument: &Instrument,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(instrument).map_err(|_| StoreError::corrupt("instrument"))?;
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO instruments (organization_id, key, definition, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (organization_id, key) DO UPDATE SET definition = excluded.definition",
            )
            .bind(organization_id.to_string()).bind(&instrument.key).bind(json).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(())
    }

    /// Opens a rating round with its invited raters.
    ///
    /// # Errors
    /// A database error.
    pub async fn open_round(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        round: &NewRound<'_>,
        now: OffsetDateTime,
    ) -> Result<Id<Round>, StoreError> {
        let id = Id::<Round>::new();
        let org = organization_id.to_string();
        let course = course_id.to_string();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO rating_rounds (id, course_id, organization_id, instrument_key, goal_id, meeting_id, \
                 mode, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(id.to_string()).bind(&course).bind(&org).bind(round.instrument_key)
            .bind(round.goal_id.map(|g| g.to_string())).bind(round.meeting_id.map(|m| m.to_string())).bind(round.mode.as_str())
            .bind(round.opened_by.map(|u| u.to_string())).bind(stored(now))
            .execute(&mut *conn).await?;
            for (role, label) in &round.raters {
                sqlx::query(
                    "INSERT INTO ratings (id, round_id, course_id, organization_id, rater_role, rater_label) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(uuid::Uuid::now_v7().to_string()).bind(id.to_string()).bind(&course).bind(&org)
                .bind(role.as_str()).bind(label)
                .execute(&mut *conn).await?;
            }
        });
        Ok(id)
    }

    /// Records one rater's values, once; when it was the last, the round is revealed. Returns
    /// whether the rater was waiting in that round of the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn submit_rating(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        round_id: Id<Round>,
        rating: &Rating<'_>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let Rating {
            rater_id,
            values,
            comment,
        } = *rating;
        let json = serde_json::to_string(values).map_err(|_| StoreError::corrupt("values"))?;
        let total: i32 = values.iter().sum();
        let org = organization_id.to_string();
        let round = round_id.to_string();
        let now = stored(now);
        let done = with_tx!(self, conn => {
            let done = sqlx::query(
                "UPDATE ratings SET item_values = $1, total = $2, comment = $3, rated_at = $4 \
                 WHERE id = $5 AND round_id = $6 AND course_id = $7 AND organization_id = $8 AND item_values IS NULL",
            )
            .bind(json).bind(total).bind(comment).bind(now).bind(rater_id.to_string()).bind(&round)
            .bind(course_id.to_string()).bind(&org)
            .execute(&mut *conn).await?.rows_affected();
            sqlx::query(
                "UPDATE rating_rounds SET revealed_at = $1 WHERE id = $2 AND organization_id = $3 \
                 AND revealed_at IS NULL AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.round_id = $2 AND r.item_values IS NULL)",
            )
            .bind(now).bind(&round).bind(&org)
            .execute(&mut *conn).await?;
            done
        });
        Ok(done == 1)
    }

    /// Links a network member's invited rating in a round to the member (the rating with their
    /// name as label), so they can give it through their own login.
    ///
    /// # Errors
    /// A database error.
    pub async fn link_rater_member(
        &mut self,
        organization_id: Id<Organization>,
        round_id: Id<Round>,
        label: &str,
        member_id: Id<Member>,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query(
                "UPDATE ratings SET member_id = $1 WHERE round_id = $2 AND organization_id = $3 \
                 AND rater_role = 'network' AND rater_label = $4 AND member_id IS NULL",
            )
            .bind(member_id.to_string()).bind(round_id.to_string()).bind(organization_id.to_string()).bind(label)
            .execute(conn).await?;
        });
        Ok(())
    }

    /// The invited raters of a round with their roles, in the order they were invited.
    ///
    /// # Errors
    /// A database error, or a stored role that no longer parses.
    pub async fn rater_ids(
        &mut self,
        organization_id: Id<Organization>,
        round_id: Id<Round>,
    ) -> Result<Vec<(Id<Rater>, RaterRole)>, StoreError> {
        let rows: Vec<(String, String)> = with_tx!(self, conn => {
            sqlx::query_as("SELECT id, rater_role FROM ratings WHERE round_id = $1 AND organization_id = $2 ORDER BY id")
                .bind(round_id.to_string()).bind(organization_id.to_string())
                .fetch_all(conn).await?
        });
        rows.into_iter()
            .map(|(id, role)| {
                let role = stored_word(RaterRole::parse, &role, "rater role")?;
                Ok((stored_id(&id, "rater id")?, role))
            })
            .collect()
    }

    /// Reveals a round before everyone has rated; returns whether it was hidden.
    ///
    /// # Errors
    /// A database error.
    pub async fn reveal_round(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        round_id: Id<Round>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE rating_rounds SET revealed_at = $1 WHERE id = $2 AND course_id = $3 AND organization_id = $4 \
                 AND revealed_at IS NULL",
            )
            .bind(stored(now)).bind(round_id.to_string()).bind(course_id.to_string())
            .bind(organization_id.to_string()).execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Records "what makes it that number?" for a revealed round; returns whether it was revealed.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_reflection(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        round_id: Id<Round>,
        reflection: &str,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE rating_rounds SET reflection = $1 WHERE id = $2 AND course_id = $3 AND organization_id = $4 \
                 AND revealed_at IS NOT NULL",
            )
            .bind(reflection).bind(round_id.to_string()).bind(course_id.to_string())
            .bind(organization_id.to_string()).execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Raises an alert on a course.
    ///
    /// # Errors
    /// A database error.
    pub async fn raise_alert(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        kind: AlertKind,
        source_id: Option<String>,
        detail: &str,
        now: OffsetDateTime,
    ) -> Result<Id<Alert>, StoreError> {
        let id = Id::<Alert>::new();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO alerts (id, course_id, organization_id, kind, source_id, detail, raised_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .bind(kind.as_str()).bind(source_id).bind(detail).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(id)
    }

    /// Whether an alert of `kind` was ever raised on the course for `source_id` (a round, a
    /// statement), resolved or not.
    ///
    /// # Errors
    /// A database error.
    pub async fn alert_raised(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        kind: AlertKind,
        source_id: &str,
    ) -> Result<bool, StoreError> {
        let found: Option<(String,)> = with_tx!(self, conn => {
            sqlx::query_as(
                "SELECT id FROM alerts WHERE course_id = $1 AND organization_id = $2 AND kind = $3 \
                 AND source_id = $4",
            )
            .bind(course_id.to_string()).bind(organization_id.to_string()).bind(kind.as_str())
            .bind(source_id).fetch_optional(conn).await?
        });
        Ok(found.is_some())
    }

    /// Resolves an open alert with what was done; returns whether it was open in the course.
    ///
    /// # Errors
    /// A database error.
    pub async fn resolve_alert(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        id: Id<Alert>,
        by: Id<User>,
        resolution: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE alerts SET resolved_at = $1, resolved_by = $2, resolution = $3 \
                 WHERE id = $4 AND course_id = $5 AND organization_id = $6 AND resolved_at IS NULL",
            )
            .bind(stored(now)).bind(by.to_string()).bind(resolution).bind(id.to_string())
            .bind(course_id.to_string()).bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
