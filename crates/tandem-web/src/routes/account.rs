//! The signed-in person's own pages: home and password change (R12).

use crate::forms::Form;
use crate::page::Page;
use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_app::sessions;
use tandem_domain::policy::Action;

use crate::error::AppError;
use crate::forms::{FormErrors, PasswordChangeForm};
use crate::page::{Chrome, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/home", Access::Staff(Action::ViewOwnHome), show_home),
        Route::get(
            "/account/password",
            Access::Staff(Action::ChangeOwnPassword),
            edit_password_form,
        ),
        Route::post(
            "/account/password",
            Access::Staff(Action::ChangeOwnPassword),
            change_password,
        ),
    ]
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    name: String,
    role: String,
    team: Option<String>,
    is_admin: bool,
    practices: Option<crate::routes::practices::home::PracticeHome>,
    /// Worries waiting for a person (processors and team managers), at the top.
    worries: Vec<crate::routes::courses::worries::WorryRow>,
    worry_acknowledged: bool,
    mail_configured: bool,
    /// The department at a glance, for a head of department.
    cockpit: Option<crate::routes::department::Cockpit>,
}

async fn show_home(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let user = &ctx.session()?.user;
    let practices = crate::routes::practices::home::practice_home(&state, &ctx, &chrome.tr).await?;
    let open = tandem_app::worries::open_for(state.app(), &ctx.actor(state.now())).await?;
    let cockpit = if user.role == tandem_domain::staff::StaffRole::HeadOfDepartment {
        Some(crate::routes::department::cockpit(&state, &ctx, &chrome.tr).await?)
    } else {
        None
    };
    let page = HomePage {
        cockpit,
        worries: crate::routes::courses::worries::worry_rows(&chrome.tr, &open, state.now()),
        worry_acknowledged: false,
        mail_configured: state.mail_configured(),
        practices,
        name: user.display_name.as_str().to_owned(),
        role: chrome.tr.t(&format!("role-{}", user.role.as_str())),
        team: user.team_name.clone(),
        is_admin: user.role == tandem_domain::staff::StaffRole::Administrator,
        chrome,
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    chrome: Chrome,
    errors: FormErrors,
    changed: bool,
}

#[derive(Debug, Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn edit_password_form(
    chrome: Chrome,
    Query(query): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let changed = query.done.as_deref() == Some("1");
    render(
        StatusCode::OK,
        &PasswordPage {
            chrome,
            errors: FormErrors::new(),
            changed,
        },
    )
}

async fn change_password(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<PasswordChangeForm>,
) -> Result<Response, AppError> {
    let (app, session) = (state.app(), ctx.session()?);
    let current_ok = sessions::staff_password_matches(app, session, form.current.clone()).await?;
    let new = match form.parse(&chrome.tr, current_ok) {
        Ok(new) => new,
        Err(errors) => return PasswordPage::refused(chrome, errors),
    };
    sessions::change_staff_password(app, &ctx.actor(state.now()), session, &new).await?;
    Ok(Redirect::to("/account/password?done=1").into_response())
}

impl PasswordPage {
    /// The form again with what was wrong (422).
    fn refused(chrome: Chrome, errors: FormErrors) -> Result<Response, AppError> {
        let page = Self {
            chrome,
            errors,
            changed: false,
        };
        render(StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}
