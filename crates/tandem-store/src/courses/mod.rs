//! Courses: the course row with its young person and dates, who may see it (for the policy), and
//! the worklists of processors and team managers. Deadlines are computed, never stored.
//!
//! # Layout
//! - this file: the course record and its decoding.
//! - [`write`]: creating and editing courses.
//! - [`read`]: one course, its access facts, and worklists.
//! - [`glance`]: everything the course overview shows, read at once.

mod glance;
mod read;
mod write;

pub use glance::CourseGlance;
pub use read::{GuardedCourse, MeetingDates, MeetingSummary, WorkScope, WorklistEntry};

use tandem_domain::course::details::CourseDetails;
use tandem_domain::course::kinds::{
    AssessmentKind, ClosureReason, CourseStatus, PlanKind, PreferredLanguage,
};
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::staff::{Team, User};
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use crate::error::StoreError;

/// A course as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseRecord {
    /// The course.
    pub id: Id<Course>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// The responsible team.
    pub team_id: Id<Team>,
    /// The assigned processor.
    pub processor_id: Id<User>,
    /// The processor's name.
    pub processor_name: String,
    /// The young person and the dates.
    pub details: CourseDetails,
    /// Staff-internal note (never shown to citizens, R4).
    pub internal_note: Option<String>,
    /// Created.
    pub created_at: OffsetDateTime,
}

/// The columns every course query selects, in [`CourseRow`] order (`c` is `courses`, `u` the
/// processor).
pub(crate) const COURSE_COLUMNS: &str = "c.id, c.organization_id, c.team_id, c.processor_id, \
    u.display_name AS processor_name, c.status, c.young_person_name, c.birth_date, c.preferred_language, \
    c.accessibility_needs, c.legal_basis, c.awareness_date, c.assessment_kind, c.assessment_completed, \
    c.decision_date, c.placement, c.placement_without_consent, c.plan_kind, c.plan_completed, \
    c.intervention_start, c.follow_up_interval_days, c.follow_up_reason, c.closure_date, \
    c.closure_reason, c.external_reference, c.internal_note, c.created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct CourseRow {
    id: String,
    organization_id: String,
    team_id: String,
    processor_id: String,
    processor_name: String,
    status: String,
    young_person_name: String,
    birth_date: Date,
    preferred_language: String,
    accessibility_needs: Option<String>,
    legal_basis: String,
    awareness_date: Date,
    assessment_kind: String,
    assessment_completed: Option<Date>,
    decision_date: Option<Date>,
    placement: bool,
    placement_without_consent: bool,
    plan_kind: String,
    plan_completed: Option<Date>,
    intervention_start: Option<Date>,
    follow_up_interval_days: Option<i32>,
    follow_up_reason: Option<String>,
    closure_date: Option<Date>,
    closure_reason: Option<String>,
    external_reference: Option<String>,
    internal_note: Option<String>,
    created_at: OffsetDateTime,
}

/// Parses a stored id.
pub(crate) fn stored_id<T>(text: &str, what: &str) -> Result<Id<T>, StoreError> {
    Id::parse(text).map_err(|_| StoreError::corrupt(what))
}

/// Parses a stored keyword.
pub(crate) fn stored_word<T, E>(
    parse: impl Fn(&str) -> Result<T, E>,
    text: &str,
    what: &str,
) -> Result<T, StoreError> {
    parse(text).map_err(|_| StoreError::corrupt(what))
}

/// Parses stored optional text (it was validated on the way in; empty stays absent).
pub(crate) fn stored_text(
    text: Option<String>,
    what: &str,
) -> Result<Option<PlainText>, StoreError> {
    text.filter(|t| !t.trim().is_empty())
        .map(|t| PlainText::parse(&t, 100_000).map_err(|_| StoreError::corrupt(what)))
        .transpose()
}

impl TryFrom<CourseRow> for CourseRecord {
    type Error = StoreError;
    fn try_from(row: CourseRow) -> Result<Self, StoreError> {
        let details = CourseDetails {
            young_person_name: PlainText::parse(&row.young_person_name, 1000)
                .map_err(|_| StoreError::corrupt("young person name"))?,
            birth_date: row.birth_date,
            preferred_language: stored_word(
                PreferredLanguage::parse,
                &row.preferred_language,
                "language",
            )?,
            accessibility_needs: stored_text(row.accessibility_needs, "accessibility needs")?,
            legal_basis: row.legal_basis,
            status: stored_word(CourseStatus::parse, &row.status, "course status")?,
            awareness_date: row.awareness_date,
            assessment_kind: stored_word(
                AssessmentKind::parse,
                &row.assessment_kind,
                "assessment kind",
            )?,
            assessment_completed: row.assessment_completed,
            decision_date: row.decision_date,
            placement: row.placement,
            placement_without_consent: row.placement_without_consent,
            plan_kind: stored_word(PlanKind::parse, &row.plan_kind, "plan kind")?,
            plan_completed: row.plan_completed,
            intervention_start: row.intervention_start,
            follow_up_interval_days: row
                .follow_up_interval_days
                .map(|d| u32::try_from(d).map_err(|_| StoreError::corrupt("interval")))
                .transpose()?,
            follow_up_reason: stored_text(row.follow_up_reason, "follow-up reason")?,
            closure_date: row.closure_date,
            closure_reason: row
                .closure_reason
                .map(|r| stored_word(ClosureReason::parse, &r, "closure reason"))
                .transpose()?,
            external_reference: stored_text(row.external_reference, "external reference")?,
        };
        Ok(Self {
            id: stored_id(&row.id, "course id")?,
            organization_id: stored_id(&row.organization_id, "organization id")?,
            team_id: stored_id(&row.team_id, "team id")?,
            processor_id: stored_id(&row.processor_id, "processor id")?,
            processor_name: row.processor_name,
            details,
            internal_note: row.internal_note,
            created_at: row.created_at,
        })
    }
}
