//! One staff account: its page, and locking, unlocking (with a reason), deactivating and
//! changing its role (step-up, R13).

use crate::forms::Form;
use crate::page::Page;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::Id;
use tandem_domain::staff::{Reason, User};

use tandem_app::administration::{self, LockChange};

use super::{Choice, UserRow, parse_role_and_team, parse_user_id, role_choices, row, team_choices};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::{Chrome, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    chrome: Chrome,
    user: UserRow,
    locked: Option<(String, String)>,
    active: bool,
    roles: Vec<Choice>,
    teams: Vec<Choice>,
    errors: FormErrors,
    updated: bool,
}

#[derive(Debug, Deserialize)]
pub(super) struct UpdatedQuery {
    done: Option<String>,
}

pub(super) async fn show_user(
    Page { state, chrome, ctx }: Page,
    Path(user_id): Path<String>,
    Query(query): Query<UpdatedQuery>,
) -> Result<Response, AppError> {
    let id = parse_user_id(&user_id)?;
    user_page(
        &state,
        chrome,
        &ctx,
        id,
        FormErrors::new(),
        query.done.is_some(),
    )
    .await
}

/// The account's page; with `errors` it answers 422.
async fn user_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    id: Id<User>,
    errors: FormErrors,
    updated: bool,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let teams = administration::teams(state.app(), org).await?;
    let user = administration::user(state.app(), &actor, org, id).await?;
    let team = user.team_id.map(|t| t.to_string()).unwrap_or_default();
    let page = UserPage {
        locked: user
            .locked
            .as_ref()
            .map(|(at, reason)| (at.date().to_string(), reason.clone())),
        active: user.deactivated_at.is_none(),
        roles: role_choices(&chrome, user.role.as_str()),
        teams: team_choices(&chrome, &teams, &team),
        user: row(&chrome, &user),
        errors,
        updated,
        chrome,
    };
    render(page.errors.status(), &page)
}

fn back_to(id: Id<User>) -> Response {
    Redirect::to(&format!("/admin/users/{id}?done=1")).into_response()
}

#[derive(Debug, Deserialize)]
pub(super) struct ReasonForm {
    #[serde(default)]
    reason: String,
}

pub(super) async fn lock_user(
    Page { state, chrome, ctx }: Page,
    Path(user_id): Path<String>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, AppError> {
    change_lock(&state, chrome, &ctx, &user_id, &form.reason, true).await
}

pub(super) async fn unlock_user(
    Page { state, chrome, ctx }: Page,
    Path(user_id): Path<String>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, AppError> {
    change_lock(&state, chrome, &ctx, &user_id, &form.reason, false).await
}

async fn change_lock(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    user_id: &str,
    reason: &str,
    lock: bool,
) -> Result<Response, AppError> {
    let id = parse_user_id(user_id)?;
    let Ok(reason) = Reason::parse(reason) else {
        let field = if lock { "lock_reason" } else { "unlock_reason" };
        let errors = FormErrors::one(field, chrome.tr.t("user-error-reason"));
        return user_page(state, chrome, ctx, id, errors, false).await;
    };
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let change = LockChange { lock, reason };
    administration::change_lock(state.app(), &actor, org, id, &change).await?;
    Ok(back_to(id))
}

pub(super) async fn deactivate_user(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(user_id): Path<String>,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let id = parse_user_id(&user_id)?;
    administration::deactivate_user(state.app(), &actor, org, id).await?;
    Ok(back_to(id))
}

#[derive(Debug, Deserialize)]
pub(super) struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    team: String,
}

pub(super) async fn change_role(
    Page { state, chrome, ctx }: Page,
    Path(user_id): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    let id = parse_user_id(&user_id)?;
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let teams = administration::teams(state.app(), org).await?;
    let mut errors = FormErrors::new();
    let Some(role) = parse_role_and_team(&chrome, &teams, &form.role, &form.team, &mut errors)
    else {
        return user_page(&state, chrome, &ctx, id, errors, false).await;
    };
    administration::set_role(state.app(), &actor, org, id, role).await?;
    Ok(back_to(id))
}
