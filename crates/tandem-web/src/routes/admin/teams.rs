//! Teams: list, create and deactivate.

use crate::forms::Form;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::Id;
use tandem_domain::policy::Action;
use tandem_domain::staff::TeamName;
use tandem_store::StoreError;
use tandem_store::staff::TeamRecord;

use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::{Chrome, render};
use crate::routes::{Access, Route};
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

async fn list_teams(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let teams = state.store().teams_of(ctx.staff()?.organization_id).await?;
    render(
        StatusCode::OK,
        &TeamsPage {
            chrome,
            teams: rows(&teams),
            name: String::new(),
            errors: FormErrors::new(),
        },
    )
}

#[derive(Debug, Deserialize)]
struct TeamForm {
    #[serde(default)]
    name: String,
}

async fn create_team(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<TeamForm>,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let mut errors = FormErrors::new();
    match TeamName::parse(&form.name) {
        Ok(name) => {
            let mut tx = state.store().begin().await?;
            match tx.insert_team(org, &name, state.now()).await {
                Ok(team) => {
                    tx.append_audit(event(
                        &state,
                        &ctx,
                        Entry::allowed(
                            "team.create",
                            "team",
                            Some(team.id.to_string()),
                            "users and teams",
                        ),
                    ))
                    .await?;
                    tx.commit().await?;
                    return Ok(Redirect::to("/admin/teams").into_response());
                }
                Err(StoreError::Conflict) => errors.add("name", chrome.tr.t("teams-error-taken")),
                Err(other) => return Err(other.into()),
            }
        }
        Err(_) => errors.add("name", chrome.tr.t("teams-error-name")),
    }
    let teams = state.store().teams_of(org).await?;
    let name = form.name.chars().take(500).collect();
    render(
        StatusCode::UNPROCESSABLE_ENTITY,
        &TeamsPage {
            chrome,
            teams: rows(&teams),
            name,
            errors,
        },
    )
}

async fn deactivate_team(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(team_id): Path<String>,
) -> Result<Response, AppError> {
    let id = Id::parse(&team_id).map_err(|_| AppError::NotFound)?;
    let org = ctx.staff()?.organization_id;
    let mut tx = state.store().begin().await?;
    tx.team_by_id(org, id).await?.ok_or(AppError::NotFound)?;
    if tx.deactivate_team(org, id, state.now()).await? {
        let mut entry = Entry::allowed(
            "team.deactivate",
            "team",
            Some(id.to_string()),
            "users and teams",
        );
        entry.subject_id = None;
        tx.append_audit(event(&state, &ctx, entry)).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/admin/teams").into_response())
}
