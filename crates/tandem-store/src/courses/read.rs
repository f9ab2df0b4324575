//! Reading courses: one course, its access facts for the policy, and worklists with what the
//! processor must act on (deadlines are computed by the caller from the dates returned here).

use std::collections::HashMap;

use tandem_domain::Id;
use tandem_domain::course::kinds::{AlertKind, MeetingKind};
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Course, CourseAccess};
use tandem_domain::staff::{Team, User};
use time::Date;

use super::{COURSE_COLUMNS, CourseRecord, CourseRow, stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;

/// Whose courses a worklist shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkScope {
    /// The open courses a processor is assigned to (as processor or deputy).
    Processor(Id<User>),
    /// The open courses of a team (for its manager).
    Team(Id<Team>),
    /// One course, open or closed.
    Course(Id<Course>),
    /// Every course of a team, open or closed (the management view).
    TeamAll(Id<Team>),
    /// Every course of the organization, open or closed (the department's view).
    Organization,
}

impl WorkScope {
    fn clause(self) -> &'static str {
        match self {
            Self::Processor(_) => {
                "c.status <> 'closed' AND (c.processor_id = $2 OR EXISTS \
                 (SELECT 1 FROM course_deputies d WHERE d.course_id = c.id AND d.user_id = $2))"
            }
            Self::Team(_) => "c.status <> 'closed' AND c.team_id = $2",
            Self::Course(_) => "c.id = $2",
            Self::TeamAll(_) => "c.team_id = $2",
            // $2 is bound to the empty string: every course of the organization.
            Self::Organization => "$2 = ''",
        }
    }

    fn key(self) -> String {
        match self {
            Self::Processor(id) => id.to_string(),
            Self::Team(id) => id.to_string(),
            Self::Course(id) => id.to_string(),
            Self::TeamAll(id) => id.to_string(),
            Self::Organization => String::new(),
        }
    }
}

/// A course with what needs attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorklistEntry {
    /// The course.
    pub course: CourseRecord,
    /// Alerts not yet resolved.
    pub open_alerts: i64,
    /// The most serious kind among them (by [`AlertKind::severity`]).
    pub most_serious_alert: Option<AlertKind>,
    /// Statements from the young person not yet read.
    pub unread_statements: i64,
    /// What its meetings say about its deadlines.
    pub dates: MeetingDates,
}

/// What a course's meetings say about its deadlines and what comes next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingDates {
    /// Follow-ups held.
    pub follow_ups: Vec<Date>,
    /// Supervision visits held with a conversation with the young person.
    pub supervision_visits: Vec<Date>,
    /// Meetings recorded but not yet held, by date.
    pub planned: Vec<Date>,
    /// The next date announced in the minutes of the latest meeting held.
    pub announced: Option<Date>,
}

impl MeetingDates {
    /// The next meeting on `today`: the earliest meeting planned for today or later; when none
    /// is planned, the date announced at the latest meeting held, if it has not passed. A date
    /// in old minutes never stands in for a meeting that is planned, and a past date is never
    /// "next" — every page showing the next meeting reads it here.
    #[must_use]
    pub fn next_meeting(&self, today: Date) -> Option<Date> {
        let planned = self.planned.iter().copied().filter(|d| *d >= today).min();
        planned.or(self.announced.filter(|d| *d >= today))
    }

    /// The dates of a course's meetings as [`Store::meetings_of`] returns them (newest first),
    /// read oldest first like the worklist's: of two meetings held the same day, the one saved
    /// last says what comes next, on every page.
    #[must_use]
    pub fn of(meetings: &[crate::work::MeetingRecord]) -> Self {
        let rows: Vec<MeetingDateRow> = meetings
            .iter()
            .rev()
            .map(|m| MeetingDateRow {
                course_id: String::new(),
                kind: m.details.kind.as_str().to_owned(),
                held_on: m.details.held_on,
                held: m.details.held,
                young_person_present: m.details.young_person_present,
                next_meeting: m.details.next_meeting,
            })
            .collect();
        meeting_dates(&rows)
    }
}

/// A course as the route guard reads it, in one statement: who may reach it, and the course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardedCourse {
    /// The facts the policy decides on.
    pub access: CourseAccess,
    /// The course.
    pub course: CourseRecord,
}

#[derive(sqlx::FromRow)]
struct GuardedRow {
    #[sqlx(flatten)]
    course: CourseRow,
    managers_read_courses: bool,
    deputies: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    #[sqlx(flatten)]
    course: CourseRow,
    open_alerts: i64,
    open_alert_kinds: Option<String>,
    unread_statements: i64,
}

/// A meeting as the course overview lists it: what and when, without its minutes and
/// participants (which the overview does not show, and which made its read five times larger).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    /// The meeting.
    pub id: Id<crate::work::Meeting>,
    /// Its kind.
    pub kind: MeetingKind,
    /// The day it is or was held.
    pub held_on: Date,
    /// Whether the young person took part.
    pub young_person_present: bool,
}

/// A course's meetings, newest first, as much as the overview shows ($1 course, $2 organization).
pub(crate) const MEETING_SUMMARIES_OF: &str = "SELECT id, course_id, kind, held_on, held, young_person_present, \
     next_meeting FROM meetings WHERE course_id = $1 AND organization_id = $2 \
     ORDER BY held_on DESC, created_at DESC, id";

#[derive(sqlx::FromRow)]
pub(crate) struct MeetingSummaryRow {
    id: String,
    #[sqlx(flatten)]
    dates: MeetingDateRow,
}

impl Store {
    /// A course's meetings, newest first, as [`MeetingSummary`]s, with their
    /// [`MeetingDates`] — the same dates [`MeetingDates::of`] finds in the full records.
    ///
    /// # Errors
    /// A database error.
    pub async fn meeting_summaries_of(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<(Vec<MeetingSummary>, MeetingDates), StoreError> {
        let rows: Vec<MeetingSummaryRow> = with_pool!(self, pool => {
            sqlx::query_as(MEETING_SUMMARIES_OF)
            .bind(course_id.to_string())
            .bind(organization_id.to_string())
            .fetch_all(pool)
            .await?
        });
        meeting_summaries_from(rows)
    }
}

/// The summaries and dates of [`MEETING_SUMMARIES_OF`]'s rows.
pub(crate) fn meeting_summaries_from(
    rows: Vec<MeetingSummaryRow>,
) -> Result<(Vec<MeetingSummary>, MeetingDates), StoreError> {
    let summaries = rows
        .iter()
        .map(|r| {
            Ok(MeetingSummary {
                id: stored_id(&r.id, "meeting id")?,
                kind: stored_word(MeetingKind::parse, &r.dates.kind, "meeting kind")?,
                held_on: r.dates.held_on,
                young_person_present: r.dates.young_person_present,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let oldest_first: Vec<MeetingDateRow> = rows.into_iter().rev().map(|r| r.dates).collect();
    Ok((summaries, meeting_dates(&oldest_first)))
}

#[derive(sqlx::FromRow)]
struct MeetingDateRow {
    course_id: String,
    kind: String,
    held_on: Date,
    held: bool,
    young_person_present: bool,
    next_meeting: Option<Date>,
}

impl Store {
    /// The courses in `scope` with their open alerts, unread statements and meeting dates.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn worklist(
        &self,
        organization_id: Id<Organization>,
        scope: WorkScope,
    ) -> Result<Vec<WorklistEntry>, StoreError> {
        let clause = scope.clause();
        let open_kinds = crate::dialect::joined_texts(self.backend(), "a.kind");
        let courses_sql = format!(
            "SELECT {COURSE_COLUMNS}, \
             (SELECT COUNT(*) FROM alerts a WHERE a.course_id = c.id AND a.resolved_at IS NULL) AS open_alerts, \
             (SELECT {open_kinds} FROM alerts a WHERE a.course_id = c.id AND a.resolved_at IS NULL) AS open_alert_kinds, \
             (SELECT COUNT(*) FROM statements s WHERE s.course_id = c.id AND s.read_at IS NULL) AS unread_statements \
             FROM courses c JOIN users u ON u.id = c.processor_id \
             WHERE c.organization_id = $1 AND {clause} ORDER BY c.young_person_name, c.id"
        );
        let meetings_sql = format!(
            "SELECT m.course_id, m.kind, m.held_on, m.held, m.young_person_present, m.next_meeting \
             FROM meetings m JOIN courses c ON c.id = m.course_id \
             WHERE c.organization_id = $1 AND {clause} ORDER BY m.held_on, m.created_at"
        );
        let key = scope.key();
        let org = organization_id.to_string();
        let (rows, meetings): (Vec<EntryRow>, Vec<MeetingDateRow>) = with_pool!(self, pool => {
            let rows = sqlx::query_as(sqlx::AssertSqlSafe(courses_sql))
                .bind(&org).bind(&key).fetch_all(pool).await?;
            let meetings = sqlx::query_as(sqlx::AssertSqlSafe(meetings_sql))
                .bind(&org).bind(&key).fetch_all(pool).await?;
            (rows, meetings)
        });
        let mut by_course: HashMap<String, Vec<MeetingDateRow>> = HashMap::new();
        for meeting in meetings {
            by_course
                .entry(meeting.course_id.clone())
                .or_default()
                .push(meeting);
        }
        rows.into_iter()
            .map(|row| {
                let course = CourseRecord::try_from(row.course)?;
                let dates = by_course.remove(&course.id.to_string()).unwrap_or_default();
                let most_serious_alert = row
                    .open_alert_kinds
                    .as_deref()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|kind| AlertKind::parse(kind).ok())
                    .max_by_key(|kind| kind.severity());
                Ok(WorklistEntry {
                    dates: meeting_dates(&dates),
                    course,
                    open_alerts: row.open_alerts,
                    most_serious_alert,
                    unread_statements: row.unread_statements,
                })
            })
            .collect()
    }

    /// One course of the organization, with its attention facts.
    ///
    /// # Errors
    /// A database error.
    pub async fn course(
        &self,
        organization_id: Id<Organization>,
        id: Id<Course>,
    ) -> Result<Option<WorklistEntry>, StoreError> {
        Ok(self
            .worklist(organization_id, WorkScope::Course(id))
            .await?
            .pop())
    }

    /// The policy's facts about one course of the organization, or `None` when it has no such
    /// course.
    ///
    /// # Errors
    /// A database error.
    pub async fn course_access(
        &self,
        organization_id: Id<Organization>,
        id: Id<Course>,
    ) -> Result<Option<CourseAccess>, StoreError> {
        Ok(self
            .guarded_course(organization_id, id)
            .await?
            .map(|g| g.access))
    }

    /// One course with the facts the policy decides on (team, processor, deputies, whether
    /// managers read courses), in one statement: what the route guard reads once per request
    /// and hands on to the page.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn guarded_course(
        &self,
        organization_id: Id<Organization>,
        id: Id<Course>,
    ) -> Result<Option<GuardedCourse>, StoreError> {
        Ok(self.guarded_courses(organization_id, &[id]).await?.pop())
    }

    /// [`Store::guarded_course`] for several courses in one statement (a drill-down's list);
    /// courses of another organization or unknown ones are left out. In no particular order.
    ///
    /// # Errors
    /// A database error, or stored data that no longer parses.
    pub async fn guarded_courses(
        &self,
        organization_id: Id<Organization>,
        ids: &[Id<Course>],
    ) -> Result<Vec<GuardedCourse>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let deputies = crate::dialect::joined_texts(self.backend(), "d.user_id");
        let placeholders: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT {COURSE_COLUMNS}, o.managers_read_courses, \
             (SELECT {deputies} FROM course_deputies d WHERE d.course_id = c.id \
              AND d.organization_id = c.organization_id) AS deputies \
             FROM courses c JOIN users u ON u.id = c.processor_id \
             JOIN organizations o ON o.id = c.organization_id \
             WHERE c.organization_id = $1 AND c.id IN ({})",
            placeholders.join(", ")
        );
        let rows: Vec<GuardedRow> = with_pool!(self, pool => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(organization_id.to_string());
            for id in ids {
                query = query.bind(id.to_string());
            }
            query.fetch_all(pool).await?
        });
        rows.into_iter().map(guarded).collect()
    }
}

/// A course as the guard reads it, from its row.
fn guarded(row: GuardedRow) -> Result<GuardedCourse, StoreError> {
    let course = CourseRecord::try_from(row.course)?;
    let deputy_ids = row
        .deputies
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|d| !d.is_empty())
        .map(|d| stored_id(d, "deputy id"))
        .collect::<Result<_, _>>()?;
    Ok(GuardedCourse {
        access: CourseAccess {
            id: course.id,
            organization_id: course.organization_id,
            team_id: course.team_id,
            processor_id: course.processor_id,
            deputy_ids,
            managers_read_courses: row.managers_read_courses,
        },
        course,
    })
}

fn meeting_dates(meetings: &[MeetingDateRow]) -> MeetingDates {
    let held_of = |kind: MeetingKind| -> Vec<Date> {
        meetings
            .iter()
            .filter(|m| m.held && m.kind == kind.as_str())
            .filter(|m| kind != MeetingKind::SupervisionVisit || m.young_person_present)
            .map(|m| m.held_on)
            .collect()
    };
    let mut planned: Vec<Date> = meetings
        .iter()
        .filter(|m| !m.held)
        .map(|m| m.held_on)
        .collect();
    planned.sort_unstable();
    let announced = meetings
        .iter()
        .filter(|m| m.held)
        .max_by_key(|m| m.held_on)
        .and_then(|m| m.next_meeting);
    MeetingDates {
        follow_ups: held_of(MeetingKind::FollowUp),
        supervision_visits: held_of(MeetingKind::SupervisionVisit),
        planned,
        announced,
    }
}
