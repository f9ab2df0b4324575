//! Accepting an invitation: the person chooses a sign-in name and a password, and is signed in.
//! An unknown, used, expired or revoked link shows one and the same page (R8).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::invitations::{self, AcceptInvitation, Acceptance};

use crate::auth::citizen;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, new_password};
use crate::page::{Chrome, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "me/invitation.html")]
struct InvitationPage {
    chrome: Chrome,
    token: String,
    login_name: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "me/invitation_gone.html")]
struct GonePage {
    chrome: Chrome,
}

fn gone(chrome: Chrome) -> Result<Response, AppError> {
    render(StatusCode::NOT_FOUND, &GonePage { chrome })
}

pub(super) async fn show_invitation(
    State(state): State<AppState>,
    chrome: Chrome,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if invitations::open_invitation(state.app(), &token, state.now())
        .await?
        .is_none()
    {
        return gone(chrome);
    }
    render(
        StatusCode::OK,
        &InvitationPage {
            chrome,
            token,
            login_name: String::new(),
            errors: FormErrors::new(),
        },
    )
}

#[derive(Debug, Deserialize)]
pub(super) struct AcceptForm {
    #[serde(default)]
    login_name: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat: String,
}

pub(super) async fn accept_invitation(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let now = state.now();
    let Some(open) = invitations::open_invitation(state.app(), &token, now).await? else {
        return gone(chrome);
    };
    let mut errors = FormErrors::new();
    let name = super::parse_login_name(&form.login_name);
    if name.is_none() {
        errors.add("login_name", chrome.tr.t("invitation-error-name"));
    }
    let chosen = new_password(&chrome.tr, &form.new_password, &form.repeat, &mut errors);
    let (Some(name), Some(chosen), true) = (name, chosen, errors.is_empty()) else {
        let login_name = crate::forms::kept(&form.login_name);
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &InvitationPage {
                chrome,
                token,
                login_name,
                errors,
            },
        );
    };
    let hash = tandem_app::sessions::hash(chosen.expose().to_owned()).await?;
    let command = AcceptInvitation {
        login_name: name,
        password_hash: hash,
    };
    let ip = Some(ctx.ip.clone());
    match invitations::accept(state.app(), &open, &command, ip, now).await? {
        Acceptance::Accepted { session_token, .. } => Ok(citizen::redirect_with_cookie(
            &state,
            "/me",
            Some(&session_token),
        )),
        Acceptance::Gone => gone(chrome),
        Acceptance::LoginNameTaken => {
            let mut errors = FormErrors::new();
            errors.add("login_name", chrome.tr.t("invitation-error-taken"));
            let login_name = crate::forms::kept(&form.login_name);
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &InvitationPage {
                    chrome,
                    token,
                    login_name,
                    errors,
                },
            )
        }
    }
}
