//! Courses: which course an action is about, and how a change to one ends.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::{Course, CourseAccess};
use tandem_store::audit::NewAuditEvent;
use tandem_store::tx::Tx;

use crate::error::ActionError;

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
