//! Starting a course: the processor's own team, with them as processor.

use axum::response::Response;
use tandem_app::courses::{self, CourseSettings};

use super::form::{CourseForm, CourseFormPage};
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::kit::see_other;
use crate::page::Page;
use crate::page::{Chrome, render};

/// The new-course form with `form` as typed (and its errors, if refused).
fn page(
    chrome: Chrome,
    form: CourseForm,
    errors: FormErrors,
    settings: &CourseSettings,
) -> Result<Response, AppError> {
    let heading = chrome.tr.t("course-new-title");
    let status = errors.status();
    let (to, back) = ("/courses".into(), "/courses".into());
    let page = CourseFormPage::new(chrome, heading, to, back, form, errors, settings);
    render(status, &page)
}

pub(super) async fn new_course_form(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let settings = state.app().course_settings(org).await?;
    page(chrome, CourseForm::blank(), FormErrors::new(), &settings)
}

pub(super) async fn create_course(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<CourseForm>,
) -> Result<Response, AppError> {
    let staff = *ctx.staff()?;
    staff.team_id.ok_or(AppError::NotFound)?;
    let settings = state.app().course_settings(staff.organization_id).await?;
    let details = match form.parse(&chrome.tr, &settings, state.today()) {
        Ok(details) => details,
        Err(errors) => return page(chrome, form, errors, &settings),
    };
    let actor = ctx.actor(state.now());
    let id = courses::create(state.app(), &actor, &details, form.note()).await?;
    see_other(&format!("/courses/{id}"))
}
