//! Reassigning a course and adding a deputy: the team manager's call (access-policy.md), among
//! the team's active processors only (`tandem_app::courses::reassign` holds the rule).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::courses::{self, Assignment};
use tandem_domain::Id;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::kit::see_other;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub(super) struct AssignmentForm {
    #[serde(default)]
    processor: String,
    #[serde(default)]
    deputy: String,
}

impl AssignmentForm {
    /// The choice as ids; `None` when no processor is named (only a forged form does that).
    fn parse(&self) -> Option<Assignment> {
        Some(Assignment {
            processor: Id::parse(&self.processor).ok()?,
            deputy: Id::parse(&self.deputy).ok(),
        })
    }
}

/// Sets the processor and, when one is chosen, adds a deputy. A choice outside the team's active
/// processors can only come from a forged form and changes nothing.
pub(super) async fn change_assignment(
    State(state): State<AppState>,
    ctx: RequestContext,
    Form(form): Form<AssignmentForm>,
) -> Result<Response, AppError> {
    let course = ctx.course()?;
    if let Some(command) = form.parse() {
        courses::reassign(state.app(), &ctx.actor(state.now()), course, command).await?;
    }
    see_other(&format!("/courses/{}", course.id))
}
