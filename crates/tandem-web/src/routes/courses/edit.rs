//! Editing a course's young person and dates (the processor's work).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::form::{CourseForm, CourseFormPage};
use super::shared::{Change, audit_read, commit_and_redirect};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::page::{Chrome, render};
use crate::state::AppState;

pub(super) async fn edit_course_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let course = ctx.course()?;
    let settings = state.app().course_settings(course.organization_id).await?;
    let entry = ctx.course_record()?;
    audit_read(&state, &ctx, "edit course").await?;
    page(
        chrome,
        &ctx,
        CourseForm {
            internal_note: entry.internal_note.clone().unwrap_or_default(),
            ..CourseForm::from_details(&entry.details)
        },
        FormErrors::new(),
        &settings,
        StatusCode::OK,
    )
}

fn page(
    chrome: Chrome,
    ctx: &RequestContext,
    form: CourseForm,
    errors: FormErrors,
    settings: &tandem_store::settings::CourseSettings,
    status: StatusCode,
) -> Result<Response, AppError> {
    let id = ctx.course_id()?;
    let heading = chrome.tr.t("course-edit-title");
    let page = CourseFormPage::new(
        chrome,
        heading,
        format!("/courses/{id}/edit"),
        format!("/courses/{id}"),
        form,
        errors,
        settings,
    );
    render(status, &page)
}

pub(super) async fn update_course(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<CourseForm>,
) -> Result<Response, AppError> {
    let course = ctx.course()?;
    let settings = state.app().course_settings(course.organization_id).await?;
    match form.parse(&chrome.tr, &settings, state.today()) {
        Ok(details) => {
            let mut tx = state.store().begin().await?;
            tx.update_course(course.organization_id, course.id, &details, state.now())
                .await?;
            tx.set_internal_note(course.organization_id, course.id, form.note())
                .await?;
            commit_and_redirect(
                &state,
                &ctx,
                tx,
                Change {
                    action: "course.update",
                    kind: "course",
                    object_id: None,
                    purpose: "edit course",
                },
                &format!("/courses/{}", course.id),
            )
            .await
        }
        Err(errors) => page(
            chrome,
            &ctx,
            form,
            errors,
            &settings,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    }
}
