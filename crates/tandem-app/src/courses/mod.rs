//! Courses: which course an action is about, how a change to one ends, and the course itself —
//! started, edited, reassigned, listed on the worklist, shown at a glance and exported.
//!
//! # Layout
//! - this file: [`CourseRef`] and the end of every change ([`commit_with`]).
//! - [`record`]: starting, editing and reassigning a course.
//! - [`deadlines`]: a course's deadlines and the supervision rule for a placed child.
//! - [`worklist`]: "my courses", sorted by what needs attention first.
//! - [`overview`]: what the overview and the summary for the system of record read.

pub mod deadlines;
pub mod overview;
pub mod record;
pub mod worklist;

use tandem_domain::Id;
use tandem_domain::local_time::copenhagen_date;
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Course, CourseAccess};
use tandem_store::audit::NewAuditEvent;
use tandem_store::tx::Tx;
use time::Date;

use crate::actor::Actor;
use crate::error::ActionError;

pub use deadlines::{Supervision, deadlines_of, next_deadline, supervision};
pub use overview::{Overview, Summary, overview, summary};
pub use record::{Assignment, create, reassign, team_processors, update};
pub use tandem_store::courses::{CourseRecord, MeetingDates, WorkScope, WorklistEntry};
pub use tandem_store::settings::CourseSettings;
pub use worklist::{Worklist, worklist};

/// The course an action is about: the guard (or the caller) has already decided the actor may
/// act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourseRef {
    /// Its organization (every query is scoped by it).
    pub organization_id: Id<Organization>,
    /// The course.
    pub id: Id<Course>,
}

impl From<&CourseAccess> for CourseRef {
    fn from(access: &CourseAccess) -> Self {
        Self {
            organization_id: access.organization_id,
            id: access.id,
        }
    }
}

/// Ends a change to a course: appends `event` (the change's audit event) in the same
/// transaction and commits, so the change and its record are kept together or not at all.
///
/// # Errors
/// A database error; nothing of the change is kept.
pub(crate) async fn commit_with(mut tx: Tx, event: NewAuditEvent) -> Result<(), ActionError> {
    tx.append_audit(event).await?;
    tx.commit().await?;
    Ok(())
}

/// The actor's day in Copenhagen: deadlines, ages, "overdue" and relation periods are about
/// Danish days.
pub(crate) fn today(actor: &Actor) -> Date {
    copenhagen_date(actor.at())
}
