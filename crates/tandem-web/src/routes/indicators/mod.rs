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
//! - [`downloads`]: the export routes — step-up, the audited read, the file.
//! - [`export`]: the view written as XLSX or CSV.

mod downloads;
pub(crate) mod export;
mod over_time;
pub(crate) mod view;

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::indicators::team::{self, TeamView};
use tandem_app::indicators::{self, Computed, Tension};
use tandem_app::practices::team::TeamRecord;
use tandem_domain::policy::{Action, CourseAccess, Decision, Resource, authorize};

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::pairs;
use crate::numbers::kroner;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};
use crate::routes::practices::team_ref;
use downloads::{export_department_csv, export_department_xlsx, export_team_csv, export_team_xlsx};
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
            "/indicators/over-time",
            Access::Staff(Action::ViewDepartmentIndicators),
            over_time::show_over_time,
        ),
        Route::get(
            "/indicators/over-time.xlsx",
            Access::Staff(Action::ExportViews),
            over_time::export_over_time_xlsx,
        )
        .with_step_up(),
        Route::get(
            "/indicators/over-time.csv",
            Access::Staff(Action::ExportViews),
            over_time::export_over_time_csv,
        )
        .with_step_up(),
        Route::get(
            "/teams/{team_id}/indicators/export.xlsx",
            Access::Team(Action::ExportViews),
            export_team_xlsx,
        )
        .with_step_up(),
        Route::get(
            "/teams/{team_id}/indicators/export.csv",
            Access::Team(Action::ExportViews),
            export_team_csv,
        )
        .with_step_up(),
        Route::get(
            "/indicators/export.xlsx",
            Access::Staff(Action::ExportViews),
            export_department_xlsx,
        )
        .with_step_up(),
        Route::get(
            "/indicators/export.csv",
            Access::Staff(Action::ExportViews),
            export_department_csv,
        )
        .with_step_up(),
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

/// Whether the caller may list the course (see its name, open it).
fn may_list(ctx: &RequestContext, access: &CourseAccess) -> bool {
    let resource = Resource::Course(access.clone());
    authorize(&ctx.principal, Action::ListCourse, &resource) == Decision::Allow
}

impl IndicatorsPage {
    /// A team's page: indicators link to their courses when the caller may list the first
    /// course covered.
    fn team(chrome: Chrome, ctx: &RequestContext, view: &TeamView) -> Self {
        let tr = chrome.tr.clone();
        let team_id = view.team.id;
        let base = format!("/teams/{team_id}/indicators");
        let may_drill = view.first_course.as_ref().is_some_and(|a| may_list(ctx, a));
        let drill = view.drill.as_ref().map(|(key, courses)| {
            let links = courses
                .iter()
                .map(|c| CourseLink {
                    name: c.name.clone(),
                    href: format!("/courses/{}", c.id),
                })
                .collect();
            (tr.t(&format!("indicator-{key}")), links)
        });
        let c = &view.computed;
        Self {
            team: Some(view.team.name.as_str().to_owned()),
            columns: columns(
                &tr,
                &c.indicators,
                may_drill.then_some(base.as_str()),
                c.caseload,
            ),
            tensions: tension_texts(&tr, c),
            drill,
            teams: Vec::new(),
            young_people: i64::try_from(c.young_people).unwrap_or(i64::MAX),
            exports: crate::routes::practices::may(ctx, team_id, Action::ExportViews)
                .then(|| (format!("{base}/export.xlsx"), format!("{base}/export.csv"))),
            base,
            chrome,
        }
    }

    /// The department's page, each team's view linked.
    fn department(
        chrome: Chrome,
        ctx: &RequestContext,
        computed: &Computed,
        teams: &[TeamRecord],
    ) -> Result<Self, AppError> {
        let tr = chrome.tr.clone();
        let may_export = may_export(ctx);
        Ok(Self {
            team: None,
            base: "/indicators".to_owned(),
            columns: columns(&tr, &computed.indicators, None, computed.caseload),
            tensions: tension_texts(&tr, computed),
            drill: None,
            teams: teams
                .iter()
                .map(|t| {
                    let href = format!("/teams/{}/indicators", t.id);
                    (t.name.as_str().to_owned(), href)
                })
                .collect(),
            young_people: i64::try_from(computed.young_people).unwrap_or(i64::MAX),
            exports: may_export.then(|| {
                (
                    "/indicators/export.xlsx".to_owned(),
                    "/indicators/export.csv".to_owned(),
                )
            }),
            chrome,
        })
    }
}

/// Whether the caller may export the department's views.
pub(crate) fn may_export(ctx: &RequestContext) -> bool {
    ctx.staff().is_ok_and(|staff| {
        authorize(
            &ctx.principal,
            Action::ExportViews,
            &Resource::Organization(staff.organization_id),
        ) == Decision::Allow
    })
}

/// A team's three columns, with drill-down for those who may read its courses.
async fn show_team(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let show = drilled(query.as_deref());
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let may = |a: &CourseAccess| may_list(&ctx, a);
    let view = team::show(state.app(), &actor, team, show.as_deref(), may).await?;
    render(StatusCode::OK, &IndicatorsPage::team(chrome, &ctx, &view))
}

/// The indicator the query drills into (`?show=key`), if any.
fn drilled(query: Option<&str>) -> Option<String> {
    pairs(query)
        .into_iter()
        .find(|(n, _)| n == "show")
        .map(|(_, v)| v)
}

/// Each tension's name and why, the investment tension with its kroner and placements.
pub(crate) fn tension_texts(tr: &Translator, computed: &Computed) -> Vec<(String, String)> {
    computed
        .tensions
        .iter()
        .map(|t| {
            let why = match (t, computed.shift) {
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
async fn show_department(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let (computed, teams) = indicators::department(state.app(), &actor, org).await?;
    let page = IndicatorsPage::department(chrome, &ctx, &computed, &teams)?;
    render(StatusCode::OK, &page)
}
