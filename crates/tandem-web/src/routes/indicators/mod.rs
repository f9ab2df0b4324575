//! The three-column management view (co-production specification, "Indicators"): getting it
//! right (TPA), getting it done (NPM) and getting there together (NPG) side by side, for a team
//! and for the department, from the courses' own data.
//!
//! Every indicator shows its definition and formula and the national reference where there is
//! one; an indicator covering fewer than five young people shows no number (R22); tensions
//! between the columns are flagged; no worker is ever ranked. Those who may read the team's
//! courses drill down from an indicator to the courses behind it. Reading the view is written to
//! the audit trail (it is computed from personal data).
//!
//! # Layout
//! - this file: the routes and the page.
//! - [`view`]: indicators as the page shows them (values, references, definitions).
//! - [`export`]: the same as XLSX or CSV, behind step-up.

pub(crate) mod export;
mod view;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_analytics::suppression::MinGroupSize;
use tandem_domain::indicators::{InvestmentShift, Tension, indicators, investment_shift, tensions};

use crate::numbers::kroner;
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use tandem_store::courses::WorkScope;

use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::kit::pairs;
use crate::page::{Chrome, render};
use crate::routes::{Access, Route};
use crate::state::AppState;
use view::{ColumnView, CourseLink, columns};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get(
            "/teams/{team_id}/indicators",
            Access::Team(Action::ViewTeamIndicators),
            show_team,
        ),
        Route::get(
            "/indicators",
            Access::Staff(Action::ViewDepartmentIndicators),
            show_department,
        ),
        Route::get(
            "/teams/{team_id}/indicators/export.xlsx",
            Access::Team(Action::ExportViews),
            export_team_xlsx,
        ),
        Route::get(
            "/teams/{team_id}/indicators/export.csv",
            Access::Team(Action::ExportViews),
            export_team_csv,
        ),
        Route::get(
            "/indicators/export.xlsx",
            Access::Staff(Action::ExportViews),
            export_department_xlsx,
        ),
        Route::get(
            "/indicators/export.csv",
            Access::Staff(Action::ExportViews),
            export_department_csv,
        ),
    ]
}

#[derive(Template)]
#[template(path = "indicators/view.html")]
struct IndicatorsPage {
    chrome: Chrome,
    /// The team's name, or none for the department.
    team: Option<String>,
    /// "/teams/…/indicators" or "/indicators".
    base: String,
    columns: Vec<ColumnView>,
    tensions: Vec<(String, String)>,
    /// The indicator drilled into and its courses.
    drill: Option<(String, Vec<CourseLink>)>,
    /// For the department: (team name, its view).
    teams: Vec<(String, String)>,
    young_people: i64,
    /// The export links, for those who may export.
    exports: Option<(String, String)>,
}

/// Records the read before anything is served; fails closed.
async fn audit_read(
    state: &AppState,
    ctx: &RequestContext,
    kind: &str,
    id: String,
    purpose: &str,
) -> Result<(), AppError> {
    crate::audit::record_read(
        state,
        ctx,
        Entry::allowed("indicators.read", kind, Some(id), purpose),
    )
    .await
}

/// A team's three columns, with drill-down for those who may read its courses.
async fn show_team(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let org = ctx.staff()?.organization_id;
    let team_id = ctx.team()?;
    let team = state
        .store()
        .active_team(org, team_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = state.today();
    let facts = state
        .store()
        .course_facts(org, WorkScope::TeamAll(team_id), today)
        .await?;
    let k = MinGroupSize::default().get() as usize;
    let all = indicators(&facts, today, k);
    let base = format!("/teams/{team_id}/indicators");
    let pairs = pairs(query.as_deref());
    let show = pairs
        .iter()
        .find(|(n, _)| n == "show")
        .map(|(_, v)| v.as_str());
    // Drill-down: the courses behind one shown indicator, each only if the caller may list it.
    let mut drill = None;
    if let Some(indicator) = all.iter().find(|i| Some(i.key) == show && !i.suppressed) {
        let mut links = Vec::new();
        for id in &indicator.courses {
            let Some(access) = state.store().course_access(org, *id).await? else {
                continue;
            };
            if authorize(
                &ctx.principal,
                Action::ListCourse,
                &Resource::Course(access),
            ) == Decision::Allow
                && let Some(entry) = state.store().course(org, *id).await?
            {
                links.push(CourseLink {
                    name: entry.course.details.young_person_name.as_str().to_owned(),
                    href: format!("/courses/{id}"),
                });
            }
        }
        if !links.is_empty() {
            drill = Some((tr.t(&format!("indicator-{}", indicator.key)), links));
        }
    }
    let purpose = if drill.is_some() {
        "team indicators, courses behind one"
    } else {
        "team indicators"
    };
    audit_read(&state, &ctx, "team", team_id.to_string(), purpose).await?;
    let may_drill = may_drill(&state, &ctx, &facts).await?;
    let page = IndicatorsPage {
        team: Some(team.name.as_str().to_owned()),
        columns: columns(
            &tr,
            &all,
            may_drill.then_some(base.as_str()),
            state.app().course_settings(org).await?.caseload,
        ),
        tensions: tension_texts(&tr, &all, &facts, today),
        drill,
        teams: Vec::new(),
        young_people: i64::try_from(facts.len()).unwrap_or(i64::MAX),
        exports: crate::routes::practices::may(&ctx, team_id, Action::ExportViews)
            .then(|| (format!("{base}/export.xlsx"), format!("{base}/export.csv"))),
        base,
        chrome,
    };
    render(StatusCode::OK, &page)
}

/// Whether the caller may read at least one of the courses (then indicators link to theirs).
async fn may_drill(
    state: &AppState,
    ctx: &RequestContext,
    facts: &[tandem_domain::indicators::CourseFacts],
) -> Result<bool, AppError> {
    let org = ctx.staff()?.organization_id;
    let Some(first) = facts.first() else {
        return Ok(false);
    };
    let Some(access) = state.store().course_access(org, first.id).await? else {
        return Ok(false);
    };
    Ok(authorize(
        &ctx.principal,
        Action::ListCourse,
        &Resource::Course(access),
    ) == Decision::Allow)
}

/// The tensions between the columns, with the investment tension when the courses show it.
fn all_tensions(
    all: &[tandem_domain::indicators::Indicator],
    facts: &[tandem_domain::indicators::CourseFacts],
    today: time::Date,
) -> (Vec<Tension>, Option<InvestmentShift>) {
    let mut found = tensions(all);
    let k = MinGroupSize::default().get() as usize;
    let shift = investment_shift(facts, today, k);
    if shift.is_some() {
        found.push(Tension::InvestmentWhilePlacementsFall);
    }
    (found, shift)
}

/// Each tension's name and why, the investment tension with its kroner and placements.
fn tension_texts(
    tr: &crate::i18n::Translator,
    all: &[tandem_domain::indicators::Indicator],
    facts: &[tandem_domain::indicators::CourseFacts],
    today: time::Date,
) -> Vec<(String, String)> {
    let (found, shift) = all_tensions(all, facts, today);
    found
        .into_iter()
        .map(|t| {
            let why = match (t, shift) {
                (Tension::InvestmentWhilePlacementsFall, Some(s)) => tr.t_strs(
                    "tension-investment_while_placements_fall-why",
                    &[
                        ("before", &kroner(tr, s.investment[0] as f64)),
                        ("after", &kroner(tr, s.investment[1] as f64)),
                        ("placed_before", &s.placements[0].to_string()),
                        ("placed_after", &s.placements[1].to_string()),
                    ],
                ),
                _ => tr.t(&format!("tension-{}-why", t.as_str())),
            };
            (tr.t(&format!("tension-{}", t.as_str())), why)
        })
        .collect()
}

/// The department's three columns, with each team's view linked (aggregates only).
async fn show_department(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let org = ctx.staff()?.organization_id;
    let today = state.today();
    let facts = state
        .store()
        .course_facts(org, WorkScope::Organization, today)
        .await?;
    let k = MinGroupSize::default().get() as usize;
    let all = indicators(&facts, today, k);
    audit_read(
        &state,
        &ctx,
        "organization",
        org.to_string(),
        "department indicators",
    )
    .await?;
    let teams = state
        .store()
        .teams_of(org)
        .await?
        .into_iter()
        .filter(|t| t.deactivated_at.is_none())
        .map(|t| {
            (
                t.name.as_str().to_owned(),
                format!("/teams/{}/indicators", t.id),
            )
        })
        .collect();
    let page = IndicatorsPage {
        team: None,
        base: "/indicators".to_owned(),
        columns: columns(
            &tr,
            &all,
            None,
            state.app().course_settings(org).await?.caseload,
        ),
        tensions: tension_texts(&tr, &all, &facts, today),
        drill: None,
        teams,
        young_people: i64::try_from(facts.len()).unwrap_or(i64::MAX),
        exports: (authorize(
            &ctx.principal,
            Action::ExportViews,
            &Resource::Organization(org),
        ) == Decision::Allow)
            .then(|| {
                (
                    "/indicators/export.xlsx".to_owned(),
                    "/indicators/export.csv".to_owned(),
                )
            }),
        chrome,
    };
    render(StatusCode::OK, &page)
}

/// Exports the team's or (without a team) the department's view, after step-up, audited.
async fn export(
    state: &AppState,
    ctx: &RequestContext,
    tr: &crate::i18n::Translator,
    team: bool,
    kind: export::Kind,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let today = state.today();
    let extension = if kind == export::Kind::Xlsx {
        "xlsx"
    } else {
        "csv"
    };
    let (scope, title, path, object) = if team {
        let team_id = ctx.team()?;
        let team = state
            .store()
            .active_team(org, team_id)
            .await?
            .ok_or(AppError::NotFound)?;
        (
            WorkScope::TeamAll(team_id),
            tr.t_str("indicators-title-team", "team", team.name.as_str()),
            format!("/teams/{team_id}/indicators/export.{extension}"),
            ("team", team_id.to_string()),
        )
    } else {
        (
            WorkScope::Organization,
            tr.t("indicators-title-department"),
            format!("/indicators/export.{extension}"),
            ("organization", org.to_string()),
        )
    };
    if let Some(confirm) = export::step_up(state, ctx, &path)? {
        return Ok(confirm);
    }
    let facts = state.store().course_facts(org, scope, today).await?;
    let k = MinGroupSize::default().get() as usize;
    let all = indicators(&facts, today, k);
    crate::audit::record_read(
        state,
        ctx,
        Entry::allowed(
            "indicators.export",
            object.0,
            Some(object.1.clone()),
            extension,
        ),
    )
    .await?;
    let title = format!("{title} · {}", crate::kit::show_date(tr, today));
    let caseload = state.app().course_settings(org).await?.caseload;
    export::file(
        tr,
        kind,
        (&title, caseload),
        &all,
        &all_tensions(&all, &facts, today).0,
    )
}

async fn export_team_xlsx(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    export(&state, &ctx, &chrome.tr, true, export::Kind::Xlsx).await
}

async fn export_team_csv(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    export(&state, &ctx, &chrome.tr, true, export::Kind::Csv).await
}

async fn export_department_xlsx(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    export(&state, &ctx, &chrome.tr, false, export::Kind::Xlsx).await
}

async fn export_department_csv(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    export(&state, &ctx, &chrome.tr, false, export::Kind::Csv).await
}
