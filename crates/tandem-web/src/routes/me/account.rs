//! The citizen's own account and approvals: approving minutes shared with them or disagreeing
//! with them in their own words, and changing their password (which ends their other sessions,
//! R12).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_app::{citizens, sessions};
use tandem_domain::PlainText;

use super::home::{Typed, home};

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, PasswordChangeForm};
use crate::kit::path_id;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

pub(super) async fn approve_minutes(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(meeting_id): Path<String>,
) -> Result<Response, AppError> {
    let (actor, account) = (ctx.actor(state.now()), &ctx.citizen()?.account);
    let meeting = path_id(&meeting_id)?;
    citizens::approve_minutes(state.app(), &actor, account, meeting).await?;
    Ok(Redirect::to("/me?thanks=1#minutes").into_response())
}

/// The most a disagreement with minutes may say.
const MAX_DISAGREEMENT_CHARS: usize = 2000;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DisagreeForm {
    words: String,
}

/// "Jeg er uenig": the young person's own words about what the minutes got wrong. Empty or too
/// long comes back to the page with the words kept and the error at the top.
pub(super) async fn disagree_with_minutes(
    Page { state, chrome, ctx }: Page,
    Path(meeting_id): Path<String>,
    Form(form): Form<DisagreeForm>,
) -> Result<Response, AppError> {
    let meeting = path_id(&meeting_id)?;
    let Ok(words) = PlainText::parse(&form.words, MAX_DISAGREEMENT_CHARS) else {
        let mut errors = FormErrors::new();
        errors.add("minutes", chrome.tr.t("me-minutes-disagree-error"));
        let typed = Typed {
            disagreement: Some((meeting_id, form.words)),
            ..Typed::default()
        };
        return home(&state, chrome, &ctx, typed, errors).await;
    };
    let (actor, account) = (ctx.actor(state.now()), &ctx.citizen()?.account);
    citizens::disagree_with_minutes(state.app(), &actor, account, meeting, &words).await?;
    Ok(Redirect::to("/me?disagreed=1").into_response())
}

#[derive(Template)]
#[template(path = "me/password.html")]
struct PasswordPage {
    chrome: Chrome,
    errors: FormErrors,
    changed: bool,
}

pub(super) async fn password_form(chrome: Chrome) -> Result<Response, AppError> {
    PasswordPage::show(chrome, FormErrors::new(), false)
}

pub(super) async fn change_password(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<PasswordChangeForm>,
) -> Result<Response, AppError> {
    let (app, session) = (state.app(), ctx.citizen()?);
    let current_ok = sessions::citizen_password_matches(app, session, form.current.clone()).await?;
    let changed = match form.parse(&chrome.tr, current_ok) {
        Ok(new) => new,
        Err(errors) => return PasswordPage::show(chrome, errors, false),
    };
    let (actor, course) = (ctx.actor(state.now()), ctx.course_id()?);
    sessions::change_citizen_password(app, &actor, session, course, &changed).await?;
    PasswordPage::show(chrome, FormErrors::new(), true)
}

impl PasswordPage {
    /// The password page: the form, with what was wrong (422), or the confirmation.
    fn show(chrome: Chrome, errors: FormErrors, changed: bool) -> Result<Response, AppError> {
        let status = errors.status();
        render(
            status,
            &Self {
                chrome,
                errors,
                changed,
            },
        )
    }
}
