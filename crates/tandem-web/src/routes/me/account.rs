//! The citizen's own account and approvals: approving minutes shared with them, and changing
//! their password (which ends their other sessions, R12).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_store::work::Meeting;

use crate::auth::password;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, new_password};
use crate::page::{Chrome, render};
use crate::routes::courses::shared::{Change, commit_and_redirect, path_id};
use crate::state::AppState;

pub(super) async fn approve_minutes(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(meeting_id): Path<String>,
) -> Result<Response, AppError> {
    let account = ctx.citizen()?.account.clone();
    let meeting = path_id::<Meeting>(&meeting_id)?;
    let mut tx = state.store().begin().await?;
    if !tx
        .approve_minutes(
            account.organization_id,
            account.course_id,
            meeting,
            state.now(),
        )
        .await?
    {
        return Err(AppError::NotFound);
    }
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "minutes.approve",
            kind: "meeting",
            object_id: Some(meeting.to_string()),
            purpose: "my course",
        },
        "/me?thanks=1#minutes",
    )
    .await
}

#[derive(Template)]
#[template(path = "me/password.html")]
struct PasswordPage {
    chrome: Chrome,
    errors: FormErrors,
    changed: bool,
}

pub(super) async fn password_form(chrome: Chrome) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &PasswordPage {
            chrome,
            errors: FormErrors::new(),
            changed: false,
        },
    )
}

#[derive(Debug, Deserialize)]
pub(super) struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat: String,
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let session = ctx.citizen()?.clone();
    let mut errors = FormErrors::new();
    let stored = state
        .store()
        .citizen_credentials(&session.account.login_name)
        .await?
        .map(|(_, hash)| hash);
    if !password::verify(form.current.clone(), stored).await {
        errors.add("current", chrome.tr.t("password-error-current"));
    }
    let chosen = new_password(&chrome.tr, &form.new_password, &form.repeat, &mut errors);
    let (Some(chosen), true) = (chosen, errors.is_empty()) else {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &PasswordPage {
                chrome,
                errors,
                changed: false,
            },
        );
    };
    let hash = password::hash(chosen.expose().to_owned()).await?;
    let mut tx = state.store().begin().await?;
    tx.set_citizen_password(session.account.id, &hash, &session.token_hash)
        .await?;
    tx.append_audit(crate::routes::courses::shared::course_event(
        &state,
        &ctx,
        "citizen.password",
        "citizen_account",
        Some(session.account.id.to_string()),
        "my account",
    )?)
    .await?;
    tx.commit().await?;
    render(
        StatusCode::OK,
        &PasswordPage {
            chrome,
            errors: FormErrors::new(),
            changed: true,
        },
    )
}
