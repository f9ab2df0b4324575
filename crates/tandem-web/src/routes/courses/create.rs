//! Starting a course: the processor's own team, with them as processor.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{CourseForm, CourseFormPage};
use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::page::{Chrome, render};
use crate::state::AppState;

pub(super) async fn new_course_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let settings = state
        .app()
        .course_settings(ctx.staff()?.organization_id)
        .await?;
    let heading = chrome.tr.t("course-new-title");
    let page = CourseFormPage::new(
        chrome,
        heading,
        "/courses".into(),
        "/courses".into(),
        CourseForm::blank(),
        FormErrors::new(),
        &settings,
    );
    render(StatusCode::OK, &page)
}

pub(super) async fn create_course(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<CourseForm>,
) -> Result<Response, AppError> {
    let staff = *ctx.staff()?;
    let team = staff.team_id.ok_or(AppError::NotFound)?;
    let settings = state.app().course_settings(staff.organization_id).await?;
    match form.parse(&chrome.tr, &settings, state.today()) {
        Ok(details) => {
            let mut tx = state.store().begin().await?;
            let id = tx
                .insert_course(
                    staff.organization_id,
                    team,
                    staff.user_id,
                    &details,
                    state.now(),
                )
                .await?;
            tx.set_internal_note(staff.organization_id, id, form.note())
                .await?;
            let mut entry = Entry::allowed(
                "course.create",
                "course",
                Some(id.to_string()),
                "new course",
            );
            entry.subject_id = Some(id.to_string());
            tx.append_audit(event(&state, &ctx, entry)).await?;
            tx.commit().await?;
            Ok(Redirect::to(&format!("/courses/{id}")).into_response())
        }
        Err(errors) => {
            let heading = chrome.tr.t("course-new-title");
            let page = CourseFormPage::new(
                chrome,
                heading,
                "/courses".into(),
                "/courses".into(),
                form,
                errors,
                &settings,
            );
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
