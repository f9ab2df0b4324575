//! Adding a staff account, and the one-time set-password links handed to account holders.

use crate::forms::Form;
use crate::page::Page;
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::administration::{self, NewStaffUser, TeamRecord, UserCreation};
use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, User};

use super::{Choice, parse_role_and_team, parse_user_id, role_choices, team_choices};
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

impl NewUserPage {
    /// The form as typed, with the organization's active teams to choose from (and the errors,
    /// 422, if refused).
    fn show(
        chrome: Chrome,
        form: NewUserForm,
        teams: &[TeamRecord],
        errors: FormErrors,
    ) -> Result<Response, AppError> {
        let page = Self {
            roles: role_choices(&chrome, &form.role),
            teams: team_choices(&chrome, teams, &form.team),
            form,
            errors,
            chrome,
        };
        render(page.errors.status(), &page)
    }
}

pub(super) async fn new_user_form(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let teams = administration::teams(state.app(), ctx.staff()?.organization_id).await?;
    let form = NewUserForm {
        role: StaffRole::Processor.as_str().to_owned(),
        ..NewUserForm::default()
    };
    NewUserPage::show(chrome, form, &teams, FormErrors::new())
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

impl NewUserForm {
    /// The account to create, or the field problems.
    fn parse(
        &self,
        chrome: &Chrome,
        org: Id<Organization>,
        teams: &[TeamRecord],
    ) -> Result<NewStaffUser, FormErrors> {
        let tr = &chrome.tr;
        let mut errors = FormErrors::new();
        let email = EmailAddress::parse(&self.email)
            .map_err(|_| errors.add("email", tr.t("user-error-email")))
            .ok();
        let name = DisplayName::parse(&self.name)
            .map_err(|_| errors.add("name", tr.t("user-error-name")))
            .ok();
        let role_team = parse_role_and_team(chrome, teams, &self.role, &self.team, &mut errors);
        let (Some(email), Some(display_name), Some((role, team_id))) = (email, name, role_team)
        else {
            return Err(errors);
        };
        Ok(NewStaffUser {
            organization_id: org,
            email,
            display_name,
            role,
            team_id,
        })
    }
}

pub(super) async fn create_user(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<NewUserForm>,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let teams = administration::teams(state.app(), org).await?;
    let new = match form.parse(&chrome, org, &teams) {
        Ok(new) => new,
        Err(errors) => return NewUserPage::show(chrome, form, &teams, errors),
    };
    match administration::create_user(state.app(), &actor, &new).await? {
        UserCreation::Created { id, link_token } => {
            let name = new.display_name.as_str().to_owned();
            LinkPage::show(&state, chrome, (id, name), &link_token, true)
        }
        UserCreation::EmailTaken => {
            let errors = FormErrors::one("email", chrome.tr.t("user-error-email-taken"));
            NewUserPage::show(chrome, form, &teams, errors)
        }
    }
}

impl LinkPage {
    /// The set-password link for the account — shown this once only: it is stored as a hash.
    fn show(
        state: &AppState,
        chrome: Chrome,
        (id, name): (Id<User>, String),
        token: &str,
        created: bool,
    ) -> Result<Response, AppError> {
        let page = Self {
            chrome,
            name,
            link: state.link(&format!("/set-password/{token}")),
            user_id: id.to_string(),
            created,
        };
        let status = if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        render(status, &page)
    }
}

pub(super) async fn create_password_link(
    Page { state, chrome, ctx }: Page,
    Path(user_id): Path<String>,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let id = parse_user_id(&user_id)?;
    let (user, token) = administration::issue_password_link(state.app(), &actor, org, id).await?;
    let name = user.display_name.as_str().to_owned();
    LinkPage::show(&state, chrome, (id, name), &token, false)
}
