//! Adding a staff account, and the one-time set-password links handed to account holders.

use crate::forms::Form;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_domain::Id;
use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, User};
use tandem_store::StoreError;
use tandem_store::staff::{NewStaffUser, TeamRecord};

use super::{
    Choice, LINK_VALIDITY, parse_role_and_team, parse_user_id, role_choices, team_choices,
};
use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::{Chrome, render};
use crate::state::AppState;

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
pub(super) struct NewUserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    team: String,
}

pub(super) async fn new_user_form(
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

#[derive(Template)]
#[template(path = "admin/link.html")]
struct LinkPage {
    chrome: Chrome,
    name: String,
    link: String,
    user_id: String,
    created: bool,
}

pub(super) async fn create_user(
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

pub(super) async fn create_password_link(
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
