//! The signed-in person's own pages: home and password change (R12).

use crate::forms::Form;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::audit::Outcome;
use tandem_domain::policy::Action;

use crate::audit::{Entry, event};
use crate::auth::password;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{FormErrors, new_password};
use crate::page::{Chrome, render};
use crate::routes::{Access, Route};
use crate::state::AppState;

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
}

async fn show_home(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let user = &ctx.session()?.user;
    let practices = crate::routes::practices::home::practice_home(&state, &ctx, &chrome.tr).await?;
    let page = HomePage {
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

#[derive(Debug, Deserialize)]
struct PasswordForm {
    current: String,
    new_password: String,
    repeat: String,
}

async fn change_password(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let session = ctx.session()?;
    let user = &session.user;
    let mut errors = FormErrors::new();
    let stored = state
        .store()
        .credentials_by_email(&user.email)
        .await?
        .and_then(|(_, hash)| hash);
    if !password::verify(form.current, stored).await {
        errors.add("current", chrome.tr.t("password-error-current"));
    }
    let new = new_password(&chrome.tr, &form.new_password, &form.repeat, &mut errors);
    let (Some(new), true) = (new, errors.is_empty()) else {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &PasswordPage {
                chrome,
                errors,
                changed: false,
            },
        );
    };
    let hash = password::hash(new.expose().to_owned()).await?;
    let mut tx = state.store().begin().await?;
    tx.set_password_hash(user.organization_id, user.id, &hash, state.now())
        .await?;
    // R12: every other session of the account ends; the current one stays.
    tx.delete_sessions_of_user(user.organization_id, user.id, Some(&session.token_hash))
        .await?;
    tx.revoke_password_links(user.organization_id, user.id, state.now())
        .await?;
    tx.reauthenticate_session(&session.token_hash, state.now())
        .await?;
    let entry = Entry {
        action: "password.change",
        object_kind: "user",
        object_id: Some(user.id.to_string()),
        subject_id: Some(user.id.to_string()),
        purpose: "own account",
        outcome: Outcome::Allowed,
    };
    tx.append_audit(event(&state, &ctx, entry)).await?;
    tx.commit().await?;
    Ok(Redirect::to("/account/password?done=1").into_response())
}
