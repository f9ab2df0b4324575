//! Editing a course's young person and dates (the processor's work).

use axum::response::Response;
use tandem_app::audit::course_read;
use tandem_app::courses::{self, CourseSettings};

use super::form::{CourseForm, CourseFormPage};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::kit::see_other;
use crate::page::Page;
use crate::page::{Chrome, render};

pub(super) async fn edit_course_form(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    let settings = state.app().course_settings(course.organization_id).await?;
    course_read(state.app(), &ctx.actor(state.now()), course, "edit course").await?;
    let form = CourseForm::from_course(ctx.course_record()?.as_ref());
    page(chrome, &ctx, form, FormErrors::new(), &settings)
}

/// The edit form with `form` as typed (and its errors, if refused).
fn page(
    chrome: Chrome,
    ctx: &RequestContext,
    form: CourseForm,
    errors: FormErrors,
    settings: &CourseSettings,
) -> Result<Response, AppError> {
    let id = ctx.course_id()?;
    let heading = chrome.tr.t("course-edit-title");
    let status = errors.status();
    let (to, back) = (format!("/courses/{id}/edit"), format!("/courses/{id}"));
    let page = CourseFormPage::new(chrome, heading, to, back, form, errors, settings);
    render(status, &page)
}

pub(super) async fn update_course(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<CourseForm>,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    let settings = state.app().course_settings(course.organization_id).await?;
    let details = match form.parse(&chrome.tr, &settings, state.today()) {
        Ok(details) => details,
        Err(errors) => return page(chrome, &ctx, form, errors, &settings),
    };
    let actor = ctx.actor(state.now());
    courses::update(state.app(), &actor, course, &details, form.note()).await?;
    see_other(&format!("/courses/{}", course.id))
}
