//! One-time set-password links (new accounts and resets): single use, expiring, and an unknown,
//! used or expired link looks exactly like a page that does not exist (R8).

use crate::forms::Form;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::audit::Outcome;
use tandem_store::audit::NewAuditEvent;

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

fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn set_password_form(
    State(state): State<AppState>,
    chrome: Chrome,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let mut tx = state.store().begin_read().await?;
    let open = plausible(&token) && tx.password_link_is_open(&token, state.now()).await?;
    tx.commit().await?;
    if !open {
        return Err(AppError::NotFound);
    }
    render(
        StatusCode::OK,
        &SetPasswordPage {
            chrome,
            token,
            errors: FormErrors::new(),
        },
    )
}

#[derive(Debug, Deserialize)]
struct SetPasswordForm {
    new_password: String,
    repeat: String,
}

async fn set_password(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(token): Path<String>,
    Form(form): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    if !plausible(&token) {
        return Err(AppError::NotFound);
    }
    let mut errors = FormErrors::new();
    let new = new_password(&chrome.tr, &form.new_password, &form.repeat, &mut errors);
    let (Some(new), true) = (new, errors.is_empty()) else {
        let mut tx = state.store().begin_read().await?;
        let open = tx.password_link_is_open(&token, state.now()).await?;
        tx.commit().await?;
        if !open {
            return Err(AppError::NotFound);
        }
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetPasswordPage {
                chrome,
                token,
                errors,
            },
        );
    };
    let hash = password::hash(new.expose().to_owned()).await?;
    let now = state.now();
    let mut tx = state.store().begin().await?;
    let Some((organization_id, user_id)) = tx.take_password_link(&token, now).await? else {
        return Err(AppError::NotFound);
    };
    tx.set_password_hash(organization_id, user_id, &hash, now)
        .await?;
    // R12: a reset ends every session of the account.
    tx.delete_sessions_of_user(organization_id, user_id, None)
        .await?;
    tx.append_audit(NewAuditEvent {
        at: now,
        organization_id: Some(organization_id.to_string()),
        actor_id: Some(user_id.to_string()),
        actor_role: "anonymous".to_owned(),
        action: "password.set".to_owned(),
        subject_id: Some(user_id.to_string()),
        object_kind: "user".to_owned(),
        object_id: Some(user_id.to_string()),
        purpose: "set-password link".to_owned(),
        outcome: Outcome::Allowed,
        ip: Some(ctx.ip.clone()),
    })
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/login?done=password").into_response())
}
