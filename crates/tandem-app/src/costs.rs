//! The course's costs: measures, providers and monthly amounts, for the efficiency view.

use time::Date;

use crate::actor::Actor;
use crate::app::App;
use crate::audit::course_read;
use crate::courses::{CourseRef, commit_with};
use crate::error::ActionError;

pub use tandem_store::voice::CostRecord;

/// The course's costs, read for the costs page (audited).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn list(
    app: &App,
    actor: &Actor,
    course: CourseRef,
) -> Result<Vec<CostRecord>, ActionError> {
    let costs = app
        .store()
        .costs_of(course.organization_id, course.id)
        .await?;
    course_read(app, actor, course, "costs").await?;
    Ok(costs)
}

/// What the costs running on `today` add up to per month.
#[must_use]
pub fn monthly_on(costs: &[CostRecord], today: Date) -> i64 {
    costs
        .iter()
        .filter(|c| c.from_date <= today && c.to_date.is_none_or(|to| to >= today))
        .map(|c| i64::from(c.monthly_amount))
        .sum()
}

/// Adds a cost to the course.
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn add(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    cost: &CostRecord,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    tx.insert_cost(course.organization_id, course.id, cost, actor.at())
        .await?;
    let event = actor.course_event(course.id, "cost.create", "cost_entry", None, "costs");
    commit_with(tx, event).await
}
