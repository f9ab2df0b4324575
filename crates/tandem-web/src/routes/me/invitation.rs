//! Accepting an invitation: the person chooses a sign-in name and a password, and is signed in.
//! An unknown, used, expired or revoked link shows one and the same page (R8).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_store::StoreError;
use tandem_store::citizens::CitizenRecord;

use crate::audit::{Entry, event};
use crate::auth::{citizen, password};
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
    let mut tx = state.store().begin_read().await?;
    let open = tx.open_invitation(&token, state.now()).await?;
    tx.commit().await?;
    if open.is_none() {
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
    let mut tx = state.store().begin_read().await?;
    let open = tx.open_invitation(&token, now).await?;
    tx.commit().await?;
    let Some(open) = open else {
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
    let hash = password::hash(chosen.expose().to_owned()).await?;
    let mut tx = state.store().begin().await?;
    if !tx.use_invitation(open.id, now).await? {
        return gone(chrome);
    }
    let id = match tx.insert_citizen_account(&open, &name, &hash, now).await {
        Ok(id) => id,
        Err(StoreError::Conflict) => {
            let mut errors = FormErrors::new();
            errors.add("login_name", chrome.tr.t("invitation-error-taken"));
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
        }
        Err(other) => return Err(other.into()),
    };
    // The account is what the invitation said: no need to read it back.
    let account = CitizenRecord {
        id,
        organization_id: open.organization_id,
        course_id: open.course_id,
        role: open.role,
        login_name: name,
        active: true,
    };
    let session = tx.insert_citizen_session(&account, now).await?;
    let mut entry = Entry::allowed(
        "citizen.accept",
        "citizen_account",
        Some(account.id.to_string()),
        "invitation",
    );
    entry.subject_id = Some(account.course_id.to_string());
    let mut audit = event(&state, &ctx, entry);
    audit.organization_id = Some(account.organization_id.to_string());
    audit.actor_id = Some(account.id.to_string());
    audit.actor_role = account.role.word().to_owned();
    tx.append_audit(audit).await?;
    tx.commit().await?;
    Ok(citizen::redirect_with_cookie(&state, "/me", Some(&session)))
}
