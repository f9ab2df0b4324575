//! Reading courses: one course, its access facts for the policy, and worklists with what the
//! processor must act on (deadlines are computed by the caller from the dates returned here).

use std::collections::HashMap;

use tandem_domain::Id;
use tandem_domain::course::kinds::MeetingKind;
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Course, CourseAccess};
use tandem_domain::staff::{Team, User};
use time::Date;

use super::{COURSE_COLUMNS, CourseRecord, CourseRow, stored_id};
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
    /// Statements from the young person not yet read.
    pub unread_statements: i64,
    /// Follow-ups held.
    pub follow_ups: Vec<Date>,
    /// Supervision visits held with a conversation with the young person.
    pub supervision_visits: Vec<Date>,
    /// The next meeting planned, if any.
    pub next_meeting: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    #[sqlx(flatten)]
    course: CourseRow,
    open_alerts: i64,
    unread_statements: i64,
}

/// Team, processor and the organization's manager-reading setting.
type AccessRow = (String, String, bool);

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
        let courses_sql = format!(
            "SELECT {COURSE_COLUMNS}, \
             (SELECT COUNT(*) FROM alerts a WHERE a.course_id = c.id AND a.resolved_at IS NULL) AS open_alerts, \
             (SELECT COUNT(*) FROM statements s WHERE s.course_id = c.id AND s.read_at IS NULL) AS unread_statements \
             FROM courses c JOIN users u ON u.id = c.processor_id \
             WHERE c.organization_id = $1 AND {clause} ORDER BY c.young_person_name, c.id"
        );
        let meetings_sql = format!(
            "SELECT m.course_id, m.kind, m.held_on, m.held, m.young_person_present, m.next_meeting \
             FROM meetings m JOIN courses c ON c.id = m.course_id \
             WHERE c.organization_id = $1 AND {clause} ORDER BY m.held_on"
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
                Ok(entry(
                    course,
                    row.open_alerts,
                    row.unread_statements,
                    &dates,
                ))
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

    /// What the policy needs to know about a course; `None` when the organization has no such
    /// course (callers answer both cases with the same 404, R2).
    ///
    /// # Errors
    /// A database error.
    pub async fn course_access(
        &self,
        organization_id: Id<Organization>,
        id: Id<Course>,
    ) -> Result<Option<CourseAccess>, StoreError> {
        let org = organization_id.to_string();
        let (row, deputies): (Option<AccessRow>, Vec<(String,)>) = with_pool!(self, pool => {
            let row = sqlx::query_as(
                "SELECT c.team_id, c.processor_id, o.managers_read_courses FROM courses c \
                 JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1 AND c.organization_id = $2",
            )
            .bind(id.to_string()).bind(&org).fetch_optional(pool).await?;
            let deputies = if row.is_some() {
                sqlx::query_as("SELECT user_id FROM course_deputies WHERE course_id = $1 AND organization_id = $2")
                    .bind(id.to_string()).bind(&org).fetch_all(pool).await?
            } else {
                Vec::new()
            };
            (row, deputies)
        });
        let Some((team_id, processor_id, managers_read_courses)) = row else {
            return Ok(None);
        };
        Ok(Some(CourseAccess {
            id,
            organization_id,
            team_id: stored_id(&team_id, "team id")?,
            processor_id: stored_id(&processor_id, "processor id")?,
            deputy_ids: deputies
                .iter()
                .map(|(d,)| stored_id(d, "deputy id"))
                .collect::<Result<_, _>>()?,
            managers_read_courses,
        }))
    }
}

fn entry(
    course: CourseRecord,
    open_alerts: i64,
    unread_statements: i64,
    meetings: &[MeetingDateRow],
) -> WorklistEntry {
    let held_of = |kind: MeetingKind| -> Vec<Date> {
        meetings
            .iter()
            .filter(|m| m.held && m.kind == kind.as_str())
            .filter(|m| kind != MeetingKind::SupervisionVisit || m.young_person_present)
            .map(|m| m.held_on)
            .collect()
    };
    let planned = meetings.iter().filter(|m| !m.held).map(|m| m.held_on).min();
    let announced = meetings
        .iter()
        .filter(|m| m.held)
        .max_by_key(|m| m.held_on)
        .and_then(|m| m.next_meeting);
    WorklistEntry {
        follow_ups: held_of(MeetingKind::FollowUp),
        supervision_visits: held_of(MeetingKind::SupervisionVisit),
        next_meeting: match (planned, announced) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
        course,
        open_alerts,
        unread_statements,
    }
}
