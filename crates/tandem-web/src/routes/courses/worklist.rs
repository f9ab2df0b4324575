//! "My courses": the processor's assigned courses (or the team's, for its manager), sorted by
//! what needs attention first — open alerts, then the earliest of the next deadline and the next
//! meeting.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_domain::deadlines::{Light, age_on};
use tandem_domain::policy::Action;
use tandem_domain::staff::StaffRole;
use tandem_store::courses::{WorkScope, WorklistEntry};
use tandem_store::settings::CourseSettings;
use time::Date;

use super::shared::{light_name, next_deadline, show_date, show_opt, word};
use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct Row {
    id: String,
    name: String,
    age: i64,
    status: String,
    due: String,
    light: &'static str,
    light_label: String,
    next_meeting: String,
    alerts: i64,
    unread: i64,
}

#[derive(Template)]
#[template(path = "courses/worklist.html")]
struct WorklistPage {
    chrome: Chrome,
    rows: Vec<Row>,
    can_create: bool,
    manager_without_access: bool,
}

/// The sort key: courses with alerts or unread worries first, then by the earliest date due.
fn urgency(entry: &WorklistEntry, settings: &CourseSettings, today: Date) -> (bool, Date) {
    let deadline = next_deadline(entry, settings, today).map(|(due, _)| due);
    let due = [deadline, entry.dates.next_meeting]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(Date::MAX);
    (entry.open_alerts == 0, due)
}

fn row(tr: &Translator, entry: &WorklistEntry, settings: &CourseSettings, today: Date) -> Row {
    let d = &entry.course.details;
    let next = next_deadline(entry, settings, today);
    let light = next.map_or(Light::Done, |(_, light)| light);
    Row {
        id: entry.course.id.to_string(),
        name: d.young_person_name.as_str().to_owned(),
        age: i64::from(age_on(d.birth_date, today)),
        status: word(tr, "kw-status", d.status.as_str()),
        due: next.map_or_else(|| "–".to_owned(), |(due, _)| show_date(tr, due)),
        light: light_name(light),
        light_label: if next.is_some() {
            tr.t(&format!("light-{}", light_name(light)))
        } else {
            tr.t("light-none")
        },
        next_meeting: show_opt(tr, entry.dates.next_meeting),
        alerts: entry.open_alerts,
        unread: entry.unread_statements,
    }
}

pub(super) async fn show_worklist(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let staff = *ctx.staff()?;
    // Read fresh, not from the kept configuration: whether a manager may list the team's
    // courses is access, and must follow a change at once on every instance.
    let settings = state.store().course_settings(staff.organization_id).await?;
    let manager = staff.role == StaffRole::TeamManager;
    let scope = match (staff.role, staff.team_id) {
        (StaffRole::TeamManager, Some(team)) if settings.managers_read_courses => {
            Some(WorkScope::Team(team))
        }
        (StaffRole::Processor, _) => Some(WorkScope::Processor(staff.user_id)),
        _ => None,
    };
    let entries = match scope {
        Some(scope) => state.store().worklist(staff.organization_id, scope).await?,
        None => Vec::new(),
    };
    let mut tx = state.store().begin().await?;
    let mut entry = Entry::allowed("course.list", "worklist", None, "my courses");
    entry.subject_id = None;
    tx.append_audit(event(&state, &ctx, entry)).await?;
    tx.commit().await?;
    let today = state.today();
    let mut sorted: Vec<&WorklistEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| urgency(e, &settings, today));
    let rows = sorted
        .into_iter()
        .map(|e| row(&chrome.tr, e, &settings, today))
        .collect();
    let can_create = tandem_domain::policy::authorize(
        &ctx.principal,
        Action::CreateCourse,
        &staff.team_id.map_or(
            tandem_domain::policy::Resource::Organization(staff.organization_id),
            |id| tandem_domain::policy::Resource::Team {
                id,
                organization_id: staff.organization_id,
            },
        ),
    ) == tandem_domain::policy::Decision::Allow;
    render(
        StatusCode::OK,
        &WorklistPage {
            chrome,
            rows,
            can_create,
            manager_without_access: manager && scope.is_none(),
        },
    )
}
