//! Signing in and out, and confirming one's password for sensitive actions (step-up, R13).

use crate::forms::Form;
use crate::page::Page;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::staff::EmailAddress;

use tandem_app::sessions::{self, Confirmation, SignIn};

use crate::auth::cookies;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};
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

/// Why a sign-in form is shown again, and with which status.
fn refusal(outcome: &SignIn) -> (&'static str, StatusCode) {
    match outcome {
        SignIn::Throttled => ("login-throttled", StatusCode::TOO_MANY_REQUESTS),
        _ => ("login-failed", StatusCode::UNPROCESSABLE_ENTITY),
    }
}

/// A redirect to `to` that sets the staff session cookie to `token`, or clears it for `None`.
fn redirect_with_cookie(state: &AppState, to: &str, token: Option<&str>) -> Response {
    let secure = state.config().secure_cookies;
    cookies::redirect_with_session(to, cookies::session_name(secure), token, secure)
}

async fn submit_login(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = local_next(form.next.as_deref(), "/home");
    let outcome = sign_in(&state, &ctx, &form).await?;
    if let SignIn::Success { token, .. } = &outcome {
        return Ok(redirect_with_cookie(&state, &next, Some(token)));
    }
    let (key, status) = refusal(&outcome);
    let page = LoginPage::refused(chrome, &form.email, next, key);
    render(status, &page)
}

/// Signs in with the form's address and password (an address that does not parse is a
/// rejection like any other).
async fn sign_in(
    state: &AppState,
    ctx: &RequestContext,
    form: &LoginForm,
) -> Result<SignIn, AppError> {
    let Ok(email) = EmailAddress::parse(&form.email) else {
        return Ok(SignIn::Rejected);
    };
    let previous = ctx.session.as_ref().map(|s| s.token_hash.as_str());
    let password = form.password.clone();
    let now = state.now();
    Ok(sessions::sign_in_staff(state.app(), &email, password, &ctx.ip, previous, now).await?)
}

impl LoginPage {
    /// The sign-in form again with the address as typed and the refusal's message.
    fn refused(chrome: Chrome, email: &str, next: String, key: &str) -> Self {
        let mut errors = FormErrors::new();
        errors.add("email", chrome.tr.t(key));
        Self {
            chrome,
            email: email.chars().take(254).collect(),
            next,
            errors,
            notice: None,
        }
    }
}

async fn submit_logout(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    if let Some(session) = &ctx.session {
        sessions::sign_out_staff(state.app(), &session.token_hash).await?;
    }
    Ok(redirect_with_cookie(&state, "/login?done=signed-out", None))
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
    Page { state, chrome, ctx }: Page,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let next = local_next(form.next.as_deref(), "/home");
    let (session, now) = (ctx.session()?, state.now());
    let (key, status) =
        match sessions::confirm(state.app(), session, form.password, &ctx.ip, now).await? {
            Confirmation::Confirmed => return Ok(Redirect::to(&next).into_response()),
            Confirmation::Wrong => ("confirm-wrong", StatusCode::UNPROCESSABLE_ENTITY),
            Confirmation::Throttled => ("login-throttled", StatusCode::TOO_MANY_REQUESTS),
        };
    let errors = FormErrors::one("password", chrome.tr.t(key));
    render(
        status,
        &ConfirmPage {
            chrome,
            next,
            errors,
        },
    )
}
