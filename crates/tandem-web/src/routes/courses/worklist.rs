//! "My courses": the processor's assigned courses (or the team's, for its manager), sorted by
//! what needs attention first (the order is `tandem_app::courses::worklist`'s).

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::courses::{self, CourseSettings, Worklist, WorklistEntry, next_deadline};
use tandem_app::worries;
use tandem_domain::deadlines::{Light, age_on};
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use time::Date;

use super::deadlines::light_name;
use super::shared::{show_date, show_opt, word};
use super::worries::{WorryRow, worry_rows};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::page::Page;
use crate::page::{Chrome, render};

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
    /// The course's processor (shown when the list holds others' courses).
    processor: String,
}

#[derive(Template)]
#[template(path = "courses/worklist.html")]
struct WorklistPage {
    chrome: Chrome,
    rows: Vec<Row>,
    /// Worries waiting for a person, at the top.
    worries: Vec<WorryRow>,
    /// Just acknowledged one.
    worry_acknowledged: bool,
    /// Whether staff are told of worries by e-mail too.
    mail_configured: bool,
    can_create: bool,
    manager_without_access: bool,
    /// Whether the list holds courses of other processors (a manager's, a deputy's): then each
    /// row names its processor.
    show_processor: bool,
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
        next_meeting: show_opt(tr, entry.dates.next_meeting(today)),
        alerts: entry.open_alerts,
        unread: entry.unread_statements,
        processor: entry.course.processor_name.clone(),
    }
}

impl WorklistPage {
    fn new(chrome: Chrome, ctx: &RequestContext, list: &Worklist, today: Date) -> Self {
        let rows = list
            .entries
            .iter()
            .map(|e| row(&chrome.tr, e, &list.settings, today))
            .collect();
        let can_create = ctx.principal.staff().is_some_and(|staff| {
            let place = staff
                .team_id
                .map_or(Resource::Organization(staff.organization_id), |id| {
                    Resource::Team {
                        id,
                        organization_id: staff.organization_id,
                    }
                });
            authorize(&ctx.principal, Action::CreateCourse, &place) == Decision::Allow
        });
        let viewer = ctx.principal.staff().map(|staff| staff.user_id);
        let show_processor = list
            .entries
            .iter()
            .any(|e| Some(e.course.processor_id) != viewer);
        Self {
            show_processor,
            chrome,
            rows,
            worries: Vec::new(),
            worry_acknowledged: false,
            mail_configured: false,
            can_create,
            manager_without_access: list.manager_without_access,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct WorklistQuery {
    acknowledged: Option<String>,
}

pub(super) async fn show_worklist(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<WorklistQuery>,
) -> Result<Response, AppError> {
    let actor = ctx.actor(state.now());
    let list = courses::worklist(state.app(), &actor).await?;
    let open = worries::open_for(state.app(), &actor).await?;
    let rows = worry_rows(&chrome.tr, &open, state.now());
    let mut page = WorklistPage::new(chrome, &ctx, &list, state.today());
    page.worries = rows;
    page.worry_acknowledged = query.acknowledged.is_some();
    page.mail_configured = state.mail_configured();
    render(StatusCode::OK, &page)
}
