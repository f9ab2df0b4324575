//! The citizens' sign-in: a sign-in name and password chosen when accepting an invitation.
//! Unknown names and wrong passwords answer alike (a dummy hash is verified), and attempts are
//! throttled per name and per client address like staff sign-ins (R10).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use tandem_app::sessions::{self, CitizenSignIn};

use crate::auth::citizen;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::page::Page;
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
    Page { state, chrome, ctx }: Page,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let name = form.login_name.trim().to_lowercase();
    let actor = ctx.actor(state.now());
    let password = form.password.clone();
    let outcome = sessions::sign_in_citizen(state.app(), &actor, &name, password, &ctx.ip).await?;
    let next = safe_next(Some(&form.next));
    let (status, key) = match outcome {
        CitizenSignIn::Success { token } => {
            return Ok(citizen::redirect_with_cookie(&state, &next, Some(&token)));
        }
        CitizenSignIn::Throttled => (StatusCode::TOO_MANY_REQUESTS, "login-throttled"),
        CitizenSignIn::Rejected => (StatusCode::UNPROCESSABLE_ENTITY, "me-login-failed"),
    };
    render(
        status,
        &LoginPage::refused(chrome, &form.login_name, next, key),
    )
}

impl LoginPage {
    /// The sign-in form again with the name as typed and the refusal's message.
    fn refused(chrome: Chrome, login_name: &str, next: String, key: &str) -> Self {
        let mut errors = FormErrors::new();
        errors.add("login_name", chrome.tr.t(key));
        Self {
            chrome,
            login_name: crate::forms::kept(login_name),
            next,
            errors,
        }
    }
}

pub(super) async fn sign_out(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    if let Some(session) = &ctx.citizen {
        sessions::sign_out_citizen(state.app(), &session.token_hash).await?;
    }
    Ok(citizen::redirect_with_cookie(&state, "/me/login", None))
}
