//! Accepting an invitation: the person chooses a sign-in name and a password, and is signed in.
//! An unknown, used, expired or revoked link shows one and the same page (R8).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::invitations::{self, AcceptInvitation, Acceptance};
use tandem_app::sessions;

use crate::auth::citizen;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, new_password};
use crate::i18n::Translator;
use crate::page::Page;
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

impl InvitationPage {
    /// The form for an open link, with the name as typed (and the errors, 422, if refused).
    fn show(
        chrome: Chrome,
        token: String,
        login_name: &str,
        errors: FormErrors,
    ) -> Result<Response, AppError> {
        let login_name = crate::forms::kept(login_name);
        let page = Self {
            chrome,
            token,
            login_name,
            errors,
        };
        render(page.errors.status(), &page)
    }
}

pub(super) async fn show_invitation(
    State(state): State<AppState>,
    chrome: Chrome,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match invitations::open_invitation(state.app(), &token, state.now()).await? {
        Some(_) => InvitationPage::show(chrome, token, "", FormErrors::new()),
        None => gone(chrome),
    }
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

impl AcceptForm {
    /// The chosen sign-in name and password (hashed), or the field problems.
    async fn parse(
        &self,
        tr: &Translator,
    ) -> Result<Result<AcceptInvitation, FormErrors>, AppError> {
        let mut errors = FormErrors::new();
        let name = super::parse_login_name(&self.login_name);
        if name.is_none() {
            errors.add("login_name", tr.t("invitation-error-name"));
        }
        let chosen = new_password(tr, &self.new_password, &self.repeat, &mut errors);
        let (Some(login_name), Some(chosen), true) = (name, chosen, errors.is_empty()) else {
            return Ok(Err(errors));
        };
        let password_hash = sessions::hash(chosen.expose().to_owned()).await?;
        Ok(Ok(AcceptInvitation {
            login_name,
            password_hash,
        }))
    }
}

pub(super) async fn accept_invitation(
    Page { state, chrome, ctx }: Page,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let Some(open) = invitations::open_invitation(state.app(), &token, state.now()).await? else {
        return gone(chrome);
    };
    let command = match form.parse(&chrome.tr).await? {
        Ok(command) => command,
        Err(errors) => return InvitationPage::show(chrome, token, &form.login_name, errors),
    };
    let ip = Some(ctx.ip.clone());
    match invitations::accept(state.app(), &open, &command, ip, state.now()).await? {
        Acceptance::Accepted { session_token, .. } => Ok(citizen::redirect_with_cookie(
            &state,
            "/me",
            Some(&session_token),
        )),
        Acceptance::Gone => gone(chrome),
        Acceptance::LoginNameTaken => {
            let errors = FormErrors::one("login_name", chrome.tr.t("invitation-error-taken"));
            InvitationPage::show(chrome, token, &form.login_name, errors)
        }
    }
}
