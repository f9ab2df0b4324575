//! One-time set-password links (new accounts and resets): single use, expiring, and an unknown,
//! used or expired link looks exactly like a page that does not exist (R8).

use crate::forms::Form;
use crate::page::Page;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_app::sessions;

use crate::error::AppError;
use crate::forms::{FormErrors, new_password};
use crate::page::{Chrome, render};
use crate::route::{Access, Route};
use crate::state::AppState;

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/set-password/{token}", Access::Public, set_password_form),
        Route::post("/set-password/{token}", Access::Public, set_password),
    ]
}

#[derive(Template)]
#[template(path = "set_password.html")]
struct SetPasswordPage {
    chrome: Chrome,
    token: String,
    errors: FormErrors,
}

impl SetPasswordPage {
    /// The form for an open link (with what was wrong, 422), or 404 when the link is not open.
    async fn show(
        state: &AppState,
        chrome: Chrome,
        token: String,
        errors: FormErrors,
    ) -> Result<Response, AppError> {
        if !sessions::password_link_is_open(state.app(), &token, state.now()).await? {
            return Err(AppError::NotFound);
        }
        let status = errors.status();
        render(
            status,
            &Self {
                chrome,
                token,
                errors,
            },
        )
    }
}

async fn set_password_form(
    State(state): State<AppState>,
    chrome: Chrome,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    SetPasswordPage::show(&state, chrome, token, FormErrors::new()).await
}

#[derive(Debug, Deserialize)]
struct SetPasswordForm {
    new_password: String,
    repeat: String,
}

async fn set_password(
    Page { state, chrome, ctx }: Page,
    Path(token): Path<String>,
    Form(form): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    let mut errors = FormErrors::new();
    let Some(new) = new_password(&chrome.tr, &form.new_password, &form.repeat, &mut errors) else {
        return SetPasswordPage::show(&state, chrome, token, errors).await;
    };
    sessions::set_password_by_link(state.app(), &token, &new, &ctx.ip, state.now()).await?;
    Ok(Redirect::to("/login?done=password").into_response())
}
