//! The citizens' sign-in: a sign-in name and password chosen when accepting an invitation.
//! Unknown names and wrong passwords answer alike (a dummy hash is verified), and attempts are
//! throttled per name and per client address like staff sign-ins (R10).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use crate::audit::{Entry, event};
use crate::auth::login::throttled;
use crate::auth::{citizen, password};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::page::{Chrome, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "me/login.html")]
struct LoginPage {
    chrome: Chrome,
    login_name: String,
    next: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct NextQuery {
    next: Option<String>,
}

/// Only local paths of the citizens' area are followed after sign-in.
fn safe_next(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with("/me") && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or("/me")
        .to_owned()
}

pub(super) async fn show_login(
    chrome: Chrome,
    Query(query): Query<NextQuery>,
) -> Result<Response, AppError> {
    let next = safe_next(query.next.as_deref());
    render(
        StatusCode::OK,
        &LoginPage {
            chrome,
            login_name: String::new(),
            next,
            errors: FormErrors::new(),
        },
    )
}

#[derive(Debug, Deserialize)]
pub(super) struct LoginForm {
    #[serde(default)]
    login_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(super) async fn sign_in(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let store = state.store();
    let now = state.now();
    let name = form.login_name.trim().to_lowercase();
    let key = format!("citizen:{name}");
    let next = safe_next(Some(&form.next));
    let refuse = |chrome: Chrome, status: StatusCode, key: &str| {
        let mut errors = FormErrors::new();
        errors.add("login_name", chrome.tr.t(key));
        let login_name = crate::forms::kept(&form.login_name);
        render(
            status,
            &LoginPage {
                chrome,
                login_name,
                next: next.clone(),
                errors,
            },
        )
    };
    if throttled(&state, &key, &ctx.ip).await? {
        return refuse(chrome, StatusCode::TOO_MANY_REQUESTS, "login-throttled");
    }
    let found = store.citizen_credentials(&name).await?;
    let (account, hash) = match found {
        Some((account, hash)) => (Some(account), Some(hash)),
        None => (None, None),
    };
    let ok = password::verify(form.password.clone(), hash).await;
    let mut tx = store.begin().await?;
    let Some(account) = account.filter(|a| ok && a.active) else {
        tx.record_login_attempt(&key, &ctx.ip, false, now).await?;
        let mut entry = Entry::allowed(
            "citizen.login.failure",
            "citizen_account",
            None,
            "citizen sign-in",
        );
        entry.outcome = tandem_domain::audit::Outcome::Failed;
        tx.append_audit(event(&state, &ctx, entry)).await?;
        tx.commit().await?;
        return refuse(chrome, StatusCode::UNPROCESSABLE_ENTITY, "me-login-failed");
    };
    tx.record_login_attempt(&key, &ctx.ip, true, now).await?;
    let token = tx.insert_citizen_session(&account, now).await?;
    let mut entry = Entry::allowed(
        "citizen.login.success",
        "citizen_account",
        Some(account.id.to_string()),
        "citizen sign-in",
    );
    entry.subject_id = Some(account.course_id.to_string());
    let mut audit = event(&state, &ctx, entry);
    audit.organization_id = Some(account.organization_id.to_string());
    audit.actor_id = Some(account.id.to_string());
    tx.append_audit(audit).await?;
    tx.commit().await?;
    Ok(citizen::redirect_with_cookie(&state, &next, Some(&token)))
}

pub(super) async fn sign_out(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    if let Some(session) = &ctx.citizen {
        state
            .store()
            .end_citizen_session(&session.token_hash)
            .await?;
    }
    Ok(citizen::redirect_with_cookie(&state, "/me/login", None))
}
