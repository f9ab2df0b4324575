//! Signing in and out, and confirming one's password for sensitive actions (step-up, R13).

use crate::forms::Form;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::staff::EmailAddress;

use crate::auth::login::{SignIn, sign_in};
use crate::auth::{cookies, password};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::{Chrome, render};
use crate::routes::{Access, Route};
use crate::state::AppState;
use tandem_domain::policy::Action;

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/login", Access::Public, show_login),
        Route::post("/login", Access::Public, submit_login),
        Route::post("/logout", Access::Public, submit_logout),
        Route::get(
            "/login/confirm",
            Access::Staff(Action::ViewOwnHome),
            show_confirm,
        ),
        Route::post(
            "/login/confirm",
            Access::Staff(Action::ViewOwnHome),
            submit_confirm,
        ),
    ]
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    next: String,
    errors: FormErrors,
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
struct LoginQuery {
    next: Option<String>,
    done: Option<String>,
}

/// Only local paths, never another site (open redirect).
fn local_next(next: Option<&str>, fallback: &str) -> String {
    next.filter(|n| crate::routes::language::is_local_path(n))
        .unwrap_or(fallback)
        .to_owned()
}

async fn show_login(chrome: Chrome, Query(query): Query<LoginQuery>) -> Result<Response, AppError> {
    let notice = match query.done.as_deref() {
        Some("password") => Some(chrome.tr.t("login-password-set")),
        Some("signed-out") => Some(chrome.tr.t("login-signed-out")),
        _ => None,
    };
    let next = local_next(query.next.as_deref(), "/home");
    render(
        StatusCode::OK,
        &LoginPage {
            chrome,
            email: String::new(),
            next,
            errors: FormErrors::new(),
            notice,
        },
    )
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn submit_login(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = local_next(form.next.as_deref(), "/home");
    let mut errors = FormErrors::new();
    let outcome = match EmailAddress::parse(&form.email) {
        Ok(email) => {
            let previous = ctx.session.as_ref().map(|s| s.token_hash.as_str());
            sign_in(&state, &email, form.password, &ctx.ip, previous).await?
        }
        Err(_) => SignIn::Rejected,
    };
    let status = match outcome {
        SignIn::Success { token, .. } => {
            let secure = state.config().secure_cookies;
            let cookie =
                cookies::set_cookie(cookies::session_name(secure), &token, secure, "Lax", None);
            let mut response = Redirect::to(&next).into_response();
            response.headers_mut().insert(
                header::SET_COOKIE,
                HeaderValue::from_str(&cookie).map_err(|_| AppError::Randomness)?,
            );
            return Ok(response);
        }
        SignIn::Rejected => {
            errors.add("email", chrome.tr.t("login-failed"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        SignIn::Throttled => {
            errors.add("email", chrome.tr.t("login-throttled"));
            StatusCode::TOO_MANY_REQUESTS
        }
    };
    let email = form.email.chars().take(254).collect();
    render(
        status,
        &LoginPage {
            chrome,
            email,
            next,
            errors,
            notice: None,
        },
    )
}

async fn submit_logout(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    if let Some(session) = &ctx.session {
        let mut tx = state.store().begin().await?;
        tx.delete_session(&session.token_hash).await?;
        tx.commit().await?;
    }
    let secure = state.config().secure_cookies;
    let cookie = cookies::set_cookie(cookies::session_name(secure), "", secure, "Lax", Some(0));
    let mut response = Redirect::to("/login?done=signed-out").into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    chrome: Chrome,
    next: String,
    errors: FormErrors,
}

async fn show_confirm(
    chrome: Chrome,
    Query(query): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let next = local_next(query.next.as_deref(), "/home");
    render(
        StatusCode::OK,
        &ConfirmPage {
            chrome,
            next,
            errors: FormErrors::new(),
        },
    )
}

#[derive(Debug, Deserialize)]
struct ConfirmForm {
    password: String,
    next: Option<String>,
}

async fn submit_confirm(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let next = local_next(form.next.as_deref(), "/home");
    let session = ctx.session()?;
    let stored = state
        .store()
        .credentials_by_email(&session.user.email)
        .await?
        .and_then(|(_, hash)| hash);
    if password::verify(form.password, stored).await {
        let mut tx = state.store().begin().await?;
        tx.reauthenticate_session(&session.token_hash, state.now())
            .await?;
        tx.commit().await?;
        return Ok(Redirect::to(&next).into_response());
    }
    let mut errors = FormErrors::new();
    errors.add("password", chrome.tr.t("confirm-wrong"));
    render(
        StatusCode::UNPROCESSABLE_ENTITY,
        &ConfirmPage {
            chrome,
            next,
            errors,
        },
    )
}
