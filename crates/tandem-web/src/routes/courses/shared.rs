//! What every course page shares: the header with the young person and the tabs, whether the
//! caller may change the course, and the display of dates and keywords.

pub use crate::kit::{input_date, instrument_name, item_label, path_id, show_date, show_opt, word};
use std::sync::Arc;
use tandem_app::courses::CourseRecord;
use tandem_domain::deadlines::age_on;
use tandem_domain::policy::{Action, Decision, Resource, authorize};

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::state::AppState;

/// One tab of the course navigation.
#[derive(Debug, Clone)]
pub struct Tab {
    /// Where it leads.
    pub href: String,
    /// Its label.
    pub label: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The course header: who the course is for, and the tabs.
#[derive(Debug, Clone)]
pub struct CourseHeader {
    /// The course id.
    pub id: String,
    /// The young person's name.
    pub name: String,
    /// "15 years · Active · Processor: Pia"
    pub facts: String,
    /// The tabs.
    pub tabs: Vec<Tab>,
    /// Whether the caller may change the course (the processor) or only read it (the manager).
    pub can_edit: bool,
}

/// The tabs, in order: (path suffix, translation key).
const TABS: [(&str, &str); 7] = [
    ("", "course-tab-overview"),
    ("/network", "course-tab-network"),
    ("/goals", "course-tab-goals"),
    ("/steps", "course-tab-steps"),
    ("/meetings", "course-tab-meetings"),
    ("/statements", "course-tab-statements"),
    ("/costs", "course-tab-costs"),
];

/// The course of the request with its header; `current` is the tab's path suffix. The course
/// is the one the route guard read for this request (no second read).
///
/// # Errors
/// 404 on a route without a course.
pub fn load(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    current: &str,
) -> Result<(CourseHeader, Arc<CourseRecord>), AppError> {
    let access = ctx.course()?;
    let course = ctx.course_record.clone().ok_or(AppError::NotFound)?;
    let d = &course.details;
    let age = age_on(d.birth_date, state.today());
    let facts = format!(
        "{} · {} · {}",
        tr.t_num("course-age", "age", i64::from(age)),
        word(tr, "kw-status", d.status.as_str()),
        tr.t_str("course-processor", "name", &course.processor_name),
    );
    let base = format!("/courses/{}", access.id);
    let header = CourseHeader {
        id: access.id.to_string(),
        name: d.young_person_name.as_str().to_owned(),
        facts,
        tabs: TABS
            .iter()
            .map(|(suffix, key)| Tab {
                href: format!("{base}{suffix}"),
                label: tr.t(key),
                current: *suffix == current,
            })
            .collect(),
        can_edit: may(ctx, Action::EditCourse),
    };
    Ok((header, course))
}

/// Whether the caller may perform `action` on the request's course.
#[must_use]
pub fn may(ctx: &RequestContext, action: Action) -> bool {
    ctx.course.as_ref().is_some_and(|course| {
        authorize(&ctx.principal, action, &Resource::Course(course.clone())) == Decision::Allow
    })
}
