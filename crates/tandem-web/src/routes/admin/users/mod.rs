//! Staff accounts: list, create (with a one-time set-password link), read, lock and unlock with
//! a reason, deactivate, and change role (step-up, R13).
//!
//! # Layout
//! - this module: the routes, the list page and what the forms share (choices, parsing);
//! - [`create`]: the add-user form and set-password links;
//! - [`manage`]: one account's page and the actions on it.

mod create;
mod manage;

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::administration::{self, StaffUser, TeamRecord};
use tandem_domain::Id;
use tandem_domain::policy::Action;
use tandem_domain::staff::{StaffRole, Team, User};

use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/admin/users", Access::Staff(Action::ViewUsers), list_users),
        Route::get(
            "/admin/users/new",
            Access::Staff(Action::ManageUsers),
            create::new_user_form,
        )
        .with_step_up(),
        Route::post(
            "/admin/users",
            Access::Staff(Action::ManageUsers),
            create::create_user,
        )
        .with_step_up_returning_to("/admin/users/new"),
        Route::get(
            "/admin/users/{user_id}",
            Access::Staff(Action::ViewUsers),
            manage::show_user,
        ),
        Route::post(
            "/admin/users/{user_id}/password-link",
            Access::Staff(Action::ManageUsers),
            create::create_password_link,
        )
        .with_step_up(),
        Route::post(
            "/admin/users/{user_id}/lock",
            Access::Staff(Action::ManageUsers),
            manage::lock_user,
        ),
        Route::post(
            "/admin/users/{user_id}/unlock",
            Access::Staff(Action::ManageUsers),
            manage::unlock_user,
        )
        .with_step_up(),
        Route::post(
            "/admin/users/{user_id}/deactivate",
            Access::Staff(Action::ManageUsers),
            manage::deactivate_user,
        )
        .with_step_up(),
        Route::post(
            "/admin/users/{user_id}/role",
            Access::Staff(Action::ChangeRole),
            manage::change_role,
        )
        .with_step_up(),
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

async fn list_users(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let users = administration::users(state.app(), &actor, org).await?;
    let users = users.iter().map(|u| row(&chrome, u)).collect();
    render(StatusCode::OK, &UsersPage { chrome, users })
}

/// A role or team choice in a form.
struct Choice {
    value: String,
    label: String,
    selected: bool,
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

fn parse_user_id(text: &str) -> Result<Id<User>, AppError> {
    Id::parse(text).map_err(|_| AppError::NotFound)
}
