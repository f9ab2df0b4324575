//! The intended-logic questionnaire (hybrid profile item 10): three questions the team's manager
//! answers 0–10 — how much should rules, efficiency and co-production shape the team's work? —
//! closed to a point on the triangle; the profile card shows the gap to the mix the stories tell.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_store::practices::intentions::Intention;

use super::{PageForms, TeamHeader, team_header};
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::i18n::Translator;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// The three questions' fields, in the order of T1's corners.
const FIELDS: [&str; 3] = ["rules", "efficiency", "together"];

#[derive(Template)]
#[template(path = "practices/intention.html")]
struct IntentionPage {
    chrome: Chrome,
    team: TeamHeader,
    forms: PageForms,
    /// (field, question, hint)
    questions: Vec<(&'static str, String, String)>,
}

fn questions(tr: &Translator) -> Vec<(&'static str, String, String)> {
    FIELDS
        .iter()
        .map(|f| {
            (
                *f,
                tr.t(&format!("intention-{f}")),
                tr.t(&format!("intention-{f}-hint")),
            )
        })
        .collect()
}

async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    forms: PageForms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let page = IntentionPage {
        questions: questions(&chrome.tr),
        team,
        forms,
        chrome,
    };
    render(status, &page)
}

/// The questionnaire, with the current answers.
pub(super) async fn intention_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let mut forms = PageForms::default();
    if let Some(current) = state.store().intention(org, ctx.team()?).await? {
        for (field, value) in FIELDS.iter().zip(current.answers) {
            forms
                .values
                .insert((*field).to_owned(), format!("{}", value));
        }
    }
    page(&state, chrome, &ctx, forms, StatusCode::OK).await
}

/// Saves the answers and goes home, where the card shows the gap.
pub(super) async fn set_intention(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let mut answers = [0.0; 3];
    for (i, field) in FIELDS.iter().enumerate() {
        match forms.value(field).trim().replace(',', ".").parse::<f64>() {
            Ok(v) if (0.0..=10.0).contains(&v) => answers[i] = v,
            _ => forms.errors.add(field, tr.t("intention-error-range")),
        }
    }
    if forms.errors.is_empty() && answers.iter().all(|a| *a == 0.0) {
        forms.errors.add("rules", tr.t("intention-error-zero"));
    }
    if !forms.errors.is_empty() {
        return page(
            &state,
            chrome,
            &ctx,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = state.store().begin().await?;
    tx.set_intention(
        staff.organization_id,
        team,
        Intention {
            answers,
            set_on: state.today(),
        },
        staff.user_id,
    )
    .await?;
    super::commit_and_redirect(
        &state,
        &ctx,
        tx,
        Entry::allowed(
            "intention.set",
            "team",
            Some(team.to_string()),
            "profile card",
        ),
        "/home#card-heading",
    )
    .await
}
