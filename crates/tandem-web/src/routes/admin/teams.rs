//! Teams: list, create and deactivate.

use crate::forms::Form;
use crate::page::Page;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_app::administration::{self, TeamCreation, TeamRecord};
use tandem_domain::policy::Action;
use tandem_domain::staff::TeamName;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::kit::path_id;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};
use crate::state::AppState;

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/admin/teams", Access::Staff(Action::ViewUsers), list_teams),
        Route::post(
            "/admin/teams",
            Access::Staff(Action::ManageTeams),
            create_team,
        ),
        Route::post(
            "/admin/teams/{team_id}/deactivate",
            Access::Staff(Action::ManageTeams),
            deactivate_team,
        ),
    ]
}

struct TeamRow {
    id: String,
    name: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/teams.html")]
struct TeamsPage {
    chrome: Chrome,
    teams: Vec<TeamRow>,
    name: String,
    errors: FormErrors,
}

fn rows(teams: &[TeamRecord]) -> Vec<TeamRow> {
    teams
        .iter()
        .map(|t| TeamRow {
            id: t.id.to_string(),
            name: t.name.as_str().to_owned(),
            active: t.deactivated_at.is_none(),
        })
        .collect()
}

impl TeamsPage {
    /// The teams with the creation form as typed (and its errors, 422, if refused).
    async fn show(
        state: &AppState,
        chrome: Chrome,
        ctx: &RequestContext,
        name: &str,
        errors: FormErrors,
    ) -> Result<Response, AppError> {
        let teams = administration::teams(state.app(), ctx.staff()?.organization_id).await?;
        let status = errors.status();
        let name = name.chars().take(500).collect();
        render(
            status,
            &Self {
                chrome,
                teams: rows(&teams),
                name,
                errors,
            },
        )
    }
}

async fn list_teams(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    TeamsPage::show(&state, chrome, &ctx, "", FormErrors::new()).await
}

#[derive(Debug, Deserialize)]
struct TeamForm {
    #[serde(default)]
    name: String,
}

async fn create_team(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<TeamForm>,
) -> Result<Response, AppError> {
    let key = match TeamName::parse(&form.name) {
        Ok(name) => match create(&state, &ctx, &name).await? {
            TeamCreation::Created(_) => return Ok(Redirect::to("/admin/teams").into_response()),
            TeamCreation::NameTaken => "teams-error-taken",
        },
        Err(_) => "teams-error-name",
    };
    let errors = FormErrors::one("name", chrome.tr.t(key));
    TeamsPage::show(&state, chrome, &ctx, &form.name, errors).await
}

async fn create(
    state: &AppState,
    ctx: &RequestContext,
    name: &TeamName,
) -> Result<TeamCreation, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    Ok(administration::create_team(state.app(), &actor, org, name).await?)
}

async fn deactivate_team(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(team_id): Path<String>,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    administration::deactivate_team(state.app(), &actor, org, path_id(&team_id)?).await?;
    Ok(Redirect::to("/admin/teams").into_response())
}
