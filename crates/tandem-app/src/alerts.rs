//! Resolving an alert on a course (a deterioration, low session feedback …) with what was done
//! about it. The rules that raise alerts live with the ratings ([`crate::ratings::alerts`]).

use tandem_domain::Id;
use tandem_domain::PlainText;

use crate::actor::Actor;
use crate::app::App;
use crate::courses::{CourseRef, commit_with};
use crate::error::ActionError;

pub use tandem_store::ratings::{Alert, AlertRecord};

/// Resolves an open alert, recording what the acting member of staff did about it.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff or the course has no such open alert; a
/// database error.
pub async fn resolve(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    alert: Id<Alert>,
    resolution: &PlainText,
) -> Result<(), ActionError> {
    let by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let mut tx = app.store().begin().await?;
    if !tx
        .resolve_alert(
            course.organization_id,
            course.id,
            alert,
            by,
            resolution.as_str(),
            actor.at(),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "alert.resolve",
        "alert",
        Some(alert.to_string()),
        "alerts",
    );
    commit_with(tx, event).await
}
