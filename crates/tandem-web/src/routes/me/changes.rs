//! What citizens change on their own page: a goal in their own words (and rewording it), a step
//! of their own, ticking off their steps, and a message to the processor. A refused form shows
//! the page again with what was typed.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_app::citizens::{self, PURPOSE};
use tandem_app::goals;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::StatementTopic;
use tandem_domain::course::work::{MAX_GOAL_CHARS, MAX_STEP_CHARS};

use super::home::{MessageSent, Typed, home};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, kept};
use crate::kit::path_id;
use crate::page::Chrome;
use crate::page::Page;
use crate::state::AppState;

/// The longest message to the processor.
const MAX_MESSAGE_CHARS: usize = 2000;

/// The home page again with one field's problem and what was typed.
async fn refused(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    (field, key): (&'static str, &str),
    typed: Typed,
) -> Result<Response, AppError> {
    let errors = FormErrors::one(field, chrome.tr.t(key));
    home(state, chrome, ctx, typed, errors).await
}

#[derive(Debug, Deserialize)]
pub(super) struct GoalForm {
    #[serde(default)]
    own_words: String,
}

pub(super) async fn add_goal(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<GoalForm>,
) -> Result<Response, AppError> {
    let Ok(words) = PlainText::parse(&form.own_words, MAX_GOAL_CHARS) else {
        let typed = Typed {
            goal_words: kept(&form.own_words),
            ..Typed::default()
        };
        return refused(&state, chrome, &ctx, ("own_words", "me-goal-error"), typed).await;
    };
    let (actor, account) = (ctx.actor(state.now()), &ctx.citizen()?.account);
    citizens::propose_goal(state.app(), &actor, account, words).await?;
    Ok(Redirect::to("/me#goals").into_response())
}

/// The young person rewords one of their goals (the goals of their course are theirs).
pub(super) async fn reword_goal(
    Page { state, chrome, ctx }: Page,
    Path(goal_id): Path<String>,
    Form(form): Form<GoalForm>,
) -> Result<Response, AppError> {
    let goal = path_id(&goal_id)?;
    let Ok(words) = PlainText::parse(&form.own_words, MAX_GOAL_CHARS) else {
        return refused(
            &state,
            chrome,
            &ctx,
            ("own_words", "me-goal-error"),
            Typed::default(),
        )
        .await;
    };
    let (actor, course) = (ctx.actor(state.now()), ctx.course_ref()?);
    goals::reword(state.app(), &actor, course, goal, &words, PURPOSE).await?;
    Ok(Redirect::to("/me#goals").into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct OwnStepForm {
    #[serde(default)]
    description: String,
}

/// The young person adds a step of their own.
pub(super) async fn add_step(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<OwnStepForm>,
) -> Result<Response, AppError> {
    let Ok(description) = PlainText::parse(&form.description, MAX_STEP_CHARS) else {
        let problem = ("description", "step-error-description");
        return refused(&state, chrome, &ctx, problem, Typed::default()).await;
    };
    let (actor, account) = (ctx.actor(state.now()), &ctx.citizen()?.account);
    citizens::add_own_step(state.app(), &actor, account, description).await?;
    Ok(Redirect::to("/me#steps").into_response())
}

pub(super) async fn mark_step_done(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(step_id): Path<String>,
) -> Result<Response, AppError> {
    let (actor, account) = (ctx.actor(state.now()), &ctx.citizen()?.account);
    let (step, today) = (path_id(&step_id)?, state.today());
    citizens::mark_own_step_done(state.app(), &actor, account, step, today).await?;
    Ok(Redirect::to("/me#steps").into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct MessageForm {
    #[serde(default)]
    topic: String,
    #[serde(default)]
    text: String,
}

/// A message to the processor; a worry raises an alert for the processor and the team manager.
pub(super) async fn send_message(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<MessageForm>,
) -> Result<Response, AppError> {
    let topic = StatementTopic::parse(&form.topic).unwrap_or(StatementTopic::PrepareMeeting);
    let Ok(text) = PlainText::parse(&form.text, MAX_MESSAGE_CHARS) else {
        let typed = Typed {
            message: kept(&form.text),
            ..Typed::default()
        };
        return refused(&state, chrome, &ctx, ("text", "me-message-error"), typed).await;
    };
    let (actor, account) = (ctx.actor(state.now()), &ctx.citizen()?.account);
    citizens::send_message(state.app(), &actor, account, topic, &text).await?;
    let sent = if topic == StatementTopic::Worry {
        MessageSent::Worry
    } else {
        MessageSent::Message
    };
    let back = format!("/me?sent={}#message", sent.as_query());
    Ok(Redirect::to(&back).into_response())
}
