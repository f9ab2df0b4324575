//! Reads of personal data, recorded before anything is shown.

pub use tandem_store::audit::NewAuditEvent;

use crate::actor::Actor;
use crate::app::App;
use crate::courses::CourseRef;
use crate::error::ActionError;

/// Records a read: hands the event to the audit appender, which writes it with the events of
/// other requests in one transaction (group commit, ADR 0018), and returns once that
/// transaction committed. The caller serves the data only after this returned `Ok`: when the
/// trail cannot be written, or the appender's queue stays full, nothing is served (R15: fail
/// closed).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the event could not be stored.
pub async fn record_read(app: &App, event: NewAuditEvent) -> Result<(), ActionError> {
    app.audit_appender()
        .append(event)
        .await
        .map_err(ActionError::AuditUnavailable)
}

/// Records that `actor` read `course` for `purpose` (the page) before anything is shown.
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the event could not be stored.
pub async fn course_read(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    purpose: &str,
) -> Result<(), ActionError> {
    record_read(
        app,
        actor.course_event(course.id, "course.read", "course", None, purpose),
    )
    .await
}
