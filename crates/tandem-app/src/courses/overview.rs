//! What the course overview and the course summary read: everything about a course at a glance,
//! each read audited before anything is shown.

use std::sync::Arc;

use tandem_domain::policy::CourseAccess;
use tandem_store::courses::CourseGlance;
use tandem_store::network::MemberRecord;
use tandem_store::ratings::{AlertRecord, RoundRecord};
use tandem_store::work::{GoalRecord, MeetingRecord, StepRecord};

use super::CourseSettings;
use crate::actor::Actor;
use crate::app::{App, Configuration};
use crate::audit::{course_read, record_read};
use crate::error::ActionError;

pub use tandem_store::attention::AttentionItem;
pub use tandem_store::staff::StaffUser;

/// How many rating rounds the overview shows, newest first.
pub const OVERVIEW_ROUNDS: u32 = 5;

/// The course overview's content.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The organization's settings and instruments.
    pub configuration: Arc<Configuration>,
    /// The course at a glance: goals, network, steps, meeting summaries and dates, the
    /// [`OVERVIEW_ROUNDS`] newest rating rounds, open alerts and unread statements.
    pub glance: CourseGlance,
    /// The team's active processors, when asked for (the manager reassigns from the overview).
    pub processors: Option<Vec<StaffUser>>,
}

/// The overview of `course`, its read audited; with the team's processors when
/// `with_processors` (the caller may reassign the course).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn overview(
    app: &App,
    actor: &Actor,
    course: &CourseAccess,
    with_processors: bool,
) -> Result<Overview, ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let store = app.store();
    let configuration = app.configuration(org).await?;
    let glance = store.course_glance(org, id, OVERVIEW_ROUNDS).await?;
    course_read(app, actor, course.into(), "course overview").await?;
    let processors = if with_processors {
        Some(super::team_processors(app, course).await?)
    } else {
        None
    };
    Ok(Overview {
        configuration,
        glance,
        processors,
    })
}

/// What the course summary for the system of record is made of.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The organization's course settings (the deadline rules).
    pub settings: CourseSettings,
    /// Goals.
    pub goals: Vec<GoalRecord>,
    /// Steps.
    pub steps: Vec<StepRecord>,
    /// Meetings, newest first.
    pub meetings: Vec<MeetingRecord>,
    /// The network.
    pub network: Vec<MemberRecord>,
    /// Rating rounds.
    pub rounds: Vec<RoundRecord>,
    /// Alerts, resolved ones included.
    pub alerts: Vec<AlertRecord>,
}

/// The course summary: an export of personal data, recorded as `action` before anything is
/// read (the caller has checked the recent login it needs).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the export cannot be recorded; a database error.
pub async fn summary(
    app: &App,
    actor: &Actor,
    course: super::CourseRef,
    action: &str,
) -> Result<Summary, ActionError> {
    let event = actor.course_event(
        course.id,
        action,
        "course_summary",
        None,
        "system of record",
    );
    record_read(app, event).await?;
    let (org, id) = (course.organization_id, course.id);
    let store = app.store();
    Ok(Summary {
        settings: app.course_settings(org).await?,
        goals: store.goals_of(org, id).await?,
        steps: store.steps_of(org, id).await?,
        meetings: store.meetings_of(org, id).await?,
        network: store.network_of(org, id).await?,
        rounds: store.rounds_of(org, id).await?,
        alerts: store.alerts_of(org, id).await?,
    })
}
