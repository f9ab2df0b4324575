//! Reassigning a course and adding a deputy: the team manager's call (access-policy.md), among
//! the team's active processors only.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::Id;
use tandem_domain::staff::{StaffRole, User};
use tandem_store::staff::StaffUser;

use super::shared::course_event;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form};
use crate::state::AppState;

/// The team's active processors as choices, `current` selected.
pub(super) async fn team_processors(
    state: &AppState,
    ctx: &RequestContext,
    current: &str,
) -> Result<Vec<Choice>, AppError> {
    let course = ctx.course()?;
    let users = state
        .store()
        .active_processors_of_team(course.organization_id, course.team_id)
        .await?;
    Ok(Choice::list(
        users
            .iter()
            .map(|u| (u.id.to_string(), u.display_name.as_str().to_owned())),
        current,
    ))
}

fn processors(
    users: &[StaffUser],
    team: Id<tandem_domain::staff::Team>,
) -> impl Iterator<Item = &StaffUser> {
    users.iter().filter(move |u| {
        u.role == StaffRole::Processor && u.team_id == Some(team) && u.deactivated_at.is_none()
    })
}

#[derive(Debug, Deserialize)]
pub(super) struct AssignmentForm {
    #[serde(default)]
    processor: String,
    #[serde(default)]
    deputy: String,
}

/// Sets the processor and, when one is chosen, adds a deputy. A choice outside the team's active
/// processors can only come from a forged form and changes nothing.
pub(super) async fn change_assignment(
    State(state): State<AppState>,
    ctx: RequestContext,
    Form(form): Form<AssignmentForm>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let mut tx = state.store().begin().await?;
    let users = tx.staff_users_of(course.organization_id).await?;
    let pick = |text: &str| -> Option<Id<User>> {
        processors(&users, course.team_id)
            .find(|u| u.id.to_string() == text)
            .map(|u| u.id)
    };
    let back = Redirect::to(&format!("/courses/{}", course.id)).into_response();
    let Some(processor) = pick(&form.processor) else {
        return Ok(back);
    };
    if processor != course.processor_id {
        tx.reassign_course(course.organization_id, course.id, processor, state.now())
            .await?;
        tx.append_audit(course_event(
            &state,
            &ctx,
            "course.reassign",
            "course",
            None,
            "assignment",
        )?)
        .await?;
    }
    if let Some(deputy) = pick(&form.deputy).filter(|d| *d != processor) {
        tx.add_deputy(course.organization_id, course.id, deputy)
            .await?;
        tx.append_audit(course_event(
            &state,
            &ctx,
            "course.deputy",
            "course",
            None,
            "assignment",
        )?)
        .await?;
    }
    tx.commit().await?;
    Ok(back)
}
