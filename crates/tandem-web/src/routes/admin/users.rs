//! Staff accounts: list, create (with a one-time set-password link), read, lock and unlock with
//! a reason, deactivate, and change role (step-up, R13).

use crate::forms::Form;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::Id;
use tandem_domain::policy::Action;
use tandem_domain::staff::{DisplayName, EmailAddress, Reason, StaffRole, Team, User};
use tandem_store::StoreError;
use tandem_store::staff::{NewStaffUser, StaffUser, TeamRecord};
use time::Duration;

use crate::audit::{Entry, event};
use crate::auth::session::recently_authenticated;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::{Chrome, encode_path, render};
use crate::routes::{Access, Route};
use crate::state::AppState;

/// How long a set-password link stays valid (R8 default).
pub const LINK_VALIDITY: Duration = Duration::hours(72);

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/admin/users", Access::Staff(Action::ViewUsers), list_users),
        Route::get(
            "/admin/users/new",
            Access::Staff(Action::ManageUsers),
            new_user_form,
        ),
        Route::post(
            "/admin/users",
            Access::Staff(Action::ManageUsers),
            create_user,
        ),
        Route::get(
            "/admin/users/{user_id}",
            Access::Staff(Action::ViewUsers),
            show_user,
        ),
        Route::post(
            "/admin/users/{user_id}/password-link",
            Access::Staff(Action::ManageUsers),
            create_password_link,
        ),
        Route::post(
            "/admin/users/{user_id}/lock",
            Access::Staff(Action::ManageUsers),
            lock_user,
        ),
        Route::post(
            "/admin/users/{user_id}/unlock",
            Access::Staff(Action::ManageUsers),
            unlock_user,
        ),
        Route::post(
            "/admin/users/{user_id}/deactivate",
            Access::Staff(Action::ManageUsers),
            deactivate_user,
        ),
        Route::post(
            "/admin/users/{user_id}/role",
            Access::Staff(Action::ChangeRole),
            change_role,
        ),
    ]
}

/// A user as a row of the list.
struct UserRow {
    id: String,
    name: String,
    email: String,
    role: String,
    team: String,
    status: String,
}

fn status_key(user: &StaffUser) -> &'static str {
    if user.deactivated_at.is_some() {
        "status-deactivated"
    } else if user.locked.is_some() {
        "status-locked"
    } else if !user.has_password {
        "status-no-password"
    } else {
        "status-active"
    }
}

fn row(chrome: &Chrome, user: &StaffUser) -> UserRow {
    UserRow {
        id: user.id.to_string(),
        name: user.display_name.as_str().to_owned(),
        email: user.email.as_str().to_owned(),
        role: chrome.tr.t(&format!("role-{}", user.role.as_str())),
        team: user
            .team_name
            .clone()
            .unwrap_or_else(|| chrome.tr.t("users-team-none")),
        status: chrome.tr.t(status_key(user)),
    }
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    chrome: Chrome,
    users: Vec<UserRow>,
}

async fn list_users(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let mut tx = state.store().begin().await?;
    let users = tx.staff_users_of(org).await?;
    tx.append_audit(event(
        &state,
        &ctx,
        Entry::allowed("user.list", "user", None, "users and teams"),
    ))
    .await?;
    tx.commit().await?;
    let users = users.iter().map(|u| row(&chrome, u)).collect();
    render(StatusCode::OK, &UsersPage { chrome, users })
}

/// A role or team choice in a form.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewUserPage {
    chrome: Chrome,
    form: NewUserForm,
    roles: Vec<Choice>,
    teams: Vec<Choice>,
    errors: FormErrors,
}

/// The add-user form as submitted (raw, re-shown on errors).
#[derive(Debug, Default, Deserialize)]
struct NewUserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    team: String,
}

fn role_choices(chrome: &Chrome, selected: &str) -> Vec<Choice> {
    StaffRole::ALL
        .into_iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: chrome.tr.t(&format!("role-{}", r.as_str())),
            selected: r.as_str() == selected,
        })
        .collect()
}

fn team_choices(chrome: &Chrome, teams: &[TeamRecord], selected: &str) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: chrome.tr.t("users-team-none"),
        selected: selected.is_empty(),
    })
    .chain(
        teams
            .iter()
            .filter(|t| t.deactivated_at.is_none())
            .map(|t| Choice {
                value: t.id.to_string(),
                label: t.name.as_str().to_owned(),
                selected: t.id.to_string() == selected,
            }),
    )
    .collect()
}

async fn new_user_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let teams = state.store().teams_of(ctx.staff()?.organization_id).await?;
    let page = NewUserPage {
        roles: role_choices(&chrome, StaffRole::Processor.as_str()),
        teams: team_choices(&chrome, &teams, ""),
        form: NewUserForm::default(),
        errors: FormErrors::new(),
        chrome,
    };
    render(StatusCode::OK, &page)
}

/// Parses the role and team fields against the organization's active teams.
fn parse_role_and_team(
    chrome: &Chrome,
    teams: &[TeamRecord],
    role: &str,
    team: &str,
    errors: &mut FormErrors,
) -> Option<(StaffRole, Option<Id<Team>>)> {
    let Ok(role) = StaffRole::parse(role) else {
        errors.add("role", chrome.tr.t("user-error-role"));
        return None;
    };
    let team_id = if team.is_empty() {
        None
    } else {
        teams
            .iter()
            .find(|t| t.deactivated_at.is_none() && t.id.to_string() == team)
            .map(|t| t.id)
    };
    if role.needs_team() && team_id.is_none() {
        errors.add("team", chrome.tr.t("user-error-team"));
        return None;
    }
    Some((role, if role.needs_team() { team_id } else { None }))
}

#[derive(Template)]
#[template(path = "admin/link.html")]
struct LinkPage {
    chrome: Chrome,
    name: String,
    link: String,
    user_id: String,
    created: bool,
}

async fn create_user(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<NewUserForm>,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let teams = state.store().teams_of(org).await?;
    let mut errors = FormErrors::new();
    let email = EmailAddress::parse(&form.email)
        .map_err(|_| errors.add("email", chrome.tr.t("user-error-email")))
        .ok();
    let name = DisplayName::parse(&form.name)
        .map_err(|_| errors.add("name", chrome.tr.t("user-error-name")))
        .ok();
    let role_team = parse_role_and_team(&chrome, &teams, &form.role, &form.team, &mut errors);
    let (Some(email), Some(name), Some((role, team_id))) = (email, name, role_team) else {
        return new_user_error(chrome, form, &teams, errors);
    };
    let new = NewStaffUser {
        organization_id: org,
        email,
        display_name: name.clone(),
        role,
        team_id,
    };
    let now = state.now();
    let mut tx = state.store().begin().await?;
    let id = match tx.insert_staff_user(&new, now).await {
        Ok(id) => id,
        Err(StoreError::Conflict) => {
            errors.add("email", chrome.tr.t("user-error-email-taken"));
            return new_user_error(chrome, form, &teams, errors);
        }
        Err(other) => return Err(other.into()),
    };
    let name = name.as_str().to_owned();
    issue_link(&state, &ctx, chrome, tx, (org, id), name, "user.create").await
}

/// Creates a set-password link in `tx`, records `action` with it, commits, and shows the link —
/// this once only: it is stored as a hash.
async fn issue_link(
    state: &AppState,
    ctx: &RequestContext,
    chrome: Chrome,
    mut tx: tandem_store::tx::Tx,
    (org, id): (Id<tandem_domain::organization::Organization>, Id<User>),
    name: String,
    action: &str,
) -> Result<Response, AppError> {
    let now = state.now();
    let token = tx
        .insert_password_link(org, id, now, now + LINK_VALIDITY)
        .await?;
    let entry = Entry::allowed(action, "user", Some(id.to_string()), "users and teams");
    tx.append_audit(event(state, ctx, entry)).await?;
    tx.commit().await?;
    let created = action == "user.create";
    let page = LinkPage {
        chrome,
        name,
        link: state.link(&format!("/set-password/{token}")),
        user_id: id.to_string(),
        created,
    };
    render(
        if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        &page,
    )
}

fn new_user_error(
    chrome: Chrome,
    form: NewUserForm,
    teams: &[TeamRecord],
    errors: FormErrors,
) -> Result<Response, AppError> {
    let page = NewUserPage {
        roles: role_choices(&chrome, &form.role),
        teams: team_choices(&chrome, teams, &form.team),
        form,
        errors,
        chrome,
    };
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

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
struct UpdatedQuery {
    done: Option<String>,
}

fn parse_user_id(text: &str) -> Result<Id<User>, AppError> {
    Id::parse(text).map_err(|_| AppError::NotFound)
}

async fn show_user(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
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
        StatusCode::OK,
    )
    .await
}

async fn user_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    id: Id<User>,
    errors: FormErrors,
    updated: bool,
    status: StatusCode,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let teams = state.store().teams_of(org).await?;
    let mut tx = state.store().begin().await?;
    let user = tx.staff_user(org, id).await?.ok_or(AppError::NotFound)?;
    tx.append_audit(event(
        state,
        ctx,
        Entry::allowed("user.read", "user", Some(id.to_string()), "users and teams"),
    ))
    .await?;
    tx.commit().await?;
    let page = UserPage {
        locked: user
            .locked
            .as_ref()
            .map(|(at, reason)| (at.date().to_string(), reason.clone())),
        active: user.deactivated_at.is_none(),
        roles: role_choices(&chrome, user.role.as_str()),
        teams: team_choices(
            &chrome,
            &teams,
            &user.team_id.map(|t| t.to_string()).unwrap_or_default(),
        ),
        user: row(&chrome, &user),
        errors,
        updated,
        chrome,
    };
    render(status, &page)
}

fn back_to(id: Id<User>) -> Response {
    Redirect::to(&format!("/admin/users/{id}?done=1")).into_response()
}

async fn create_password_link(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(user_id): Path<String>,
) -> Result<Response, AppError> {
    let id = parse_user_id(&user_id)?;
    let org = ctx.staff()?.organization_id;
    let mut tx = state.store().begin().await?;
    let user = tx.staff_user(org, id).await?.ok_or(AppError::NotFound)?;
    let name = user.display_name.as_str().to_owned();
    issue_link(
        &state,
        &ctx,
        chrome,
        tx,
        (org, id),
        name,
        "user.password_link",
    )
    .await
}

#[derive(Debug, Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn lock_user(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(user_id): Path<String>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, AppError> {
    change_lock(&state, chrome, &ctx, &user_id, &form.reason, true).await
}

async fn unlock_user(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
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
    let org = ctx.staff()?.organization_id;
    let Ok(reason) = Reason::parse(reason) else {
        let mut errors = FormErrors::new();
        errors.add(
            if lock { "lock_reason" } else { "unlock_reason" },
            chrome.tr.t("user-error-reason"),
        );
        return user_page(
            state,
            chrome,
            ctx,
            id,
            errors,
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let mut tx = state.store().begin().await?;
    tx.staff_user(org, id).await?.ok_or(AppError::NotFound)?;
    let changed = if lock {
        tx.lock_user(org, id, reason.as_str(), state.now()).await?
    } else {
        tx.unlock_user(org, id).await?
    };
    if changed {
        if lock {
            tx.delete_sessions_of_user(org, id, None).await?;
            tx.revoke_password_links(org, id, state.now()).await?;
        }
        // The reason is kept in the trail's purpose: it explains the change to later readers.
        let purpose = format!(
            "{}: {}",
            if lock { "locked" } else { "unlocked" },
            reason.as_str()
        );
        let mut entry = Entry::allowed(
            if lock { "user.lock" } else { "user.unlock" },
            "user",
            Some(id.to_string()),
            "",
        );
        entry.purpose = &purpose;
        tx.append_audit(event(state, ctx, entry)).await?;
    }
    tx.commit().await?;
    Ok(back_to(id))
}

async fn deactivate_user(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(user_id): Path<String>,
) -> Result<Response, AppError> {
    let id = parse_user_id(&user_id)?;
    let org = ctx.staff()?.organization_id;
    let mut tx = state.store().begin().await?;
    tx.staff_user(org, id).await?.ok_or(AppError::NotFound)?;
    if tx.deactivate_user(org, id, state.now()).await? {
        tx.delete_sessions_of_user(org, id, None).await?;
        tx.revoke_password_links(org, id, state.now()).await?;
        tx.append_audit(event(
            &state,
            &ctx,
            Entry::allowed(
                "user.deactivate",
                "user",
                Some(id.to_string()),
                "users and teams",
            ),
        ))
        .await?;
    }
    tx.commit().await?;
    Ok(back_to(id))
}

#[derive(Debug, Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    team: String,
}

async fn change_role(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(user_id): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    let id = parse_user_id(&user_id)?;
    let org = ctx.staff()?.organization_id;
    // R13: a role change needs a password entered within the last five minutes.
    if !recently_authenticated(&state, ctx.session()?) {
        let next = encode_path(&format!("/admin/users/{id}"));
        return Ok(Redirect::to(&format!("/login/confirm?next={next}")).into_response());
    }
    let teams = state.store().teams_of(org).await?;
    let mut errors = FormErrors::new();
    let Some((role, team_id)) =
        parse_role_and_team(&chrome, &teams, &form.role, &form.team, &mut errors)
    else {
        return user_page(
            &state,
            chrome,
            &ctx,
            id,
            errors,
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let mut tx = state.store().begin().await?;
    tx.staff_user(org, id).await?.ok_or(AppError::NotFound)?;
    tx.set_role(org, id, role, team_id).await?;
    let purpose = format!("role set to {}", role.as_str());
    let mut entry = Entry::allowed("user.role", "user", Some(id.to_string()), "");
    entry.purpose = &purpose;
    tx.append_audit(event(&state, &ctx, entry)).await?;
    tx.commit().await?;
    Ok(back_to(id))
}
