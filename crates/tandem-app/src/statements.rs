//! The young person's statements as staff handle them: read on the statements page, marked read
//! and answered.

use tandem_domain::Id;
use tandem_domain::PlainText;

use crate::actor::Actor;
use crate::app::App;
use crate::audit::course_read;
use crate::courses::{CourseRef, commit_with};
use crate::error::ActionError;

pub use tandem_store::ratings::Alert;
pub use tandem_store::voice::{Statement, StatementRecord};

/// The course's statements, read for the statements page (audited), each with the open worry
/// it raised, if any: the page sends a worry to be acknowledged, not only answered.
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn list(
    app: &App,
    actor: &Actor,
    course: CourseRef,
) -> Result<Vec<(StatementRecord, Option<Id<Alert>>)>, ActionError> {
    let store = app.store();
    let statements = store
        .statements_of(course.organization_id, course.id)
        .await?;
    let open = store
        .open_worries_by_message(course.organization_id, course.id)
        .await?;
    course_read(app, actor, course, "statements").await?;
    Ok(statements
        .into_iter()
        .map(|s| {
            let id = s.id.to_string();
            let alert = open.iter().find(|(m, _)| *m == id).map(|(_, a)| *a);
            (s, alert)
        })
        .collect())
}

/// Marks a statement read by the acting member of staff and, when given, records their answer.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff or the course has no such statement; a
/// database error.
pub async fn answer(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    statement: Id<Statement>,
    response: Option<&PlainText>,
) -> Result<(), ActionError> {
    let by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let mut tx = app.store().begin().await?;
    if !tx
        .answer_statement(
            course.organization_id,
            course.id,
            statement,
            by,
            response.map(PlainText::as_str),
            actor.at(),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "statement.answer",
        "statement",
        Some(statement.to_string()),
        "statements",
    );
    commit_with(tx, event).await
}
