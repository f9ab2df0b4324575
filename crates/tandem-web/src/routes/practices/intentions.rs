//! The intended-logic questionnaire (hybrid profile item 10): three questions the team's manager
//! answers 0–10 — how much should rules, efficiency and co-production shape the team's work? —
//! closed to a point on the triangle; the profile card shows the gap to the mix the stories tell.

use askama::Template;
use axum::response::Response;
use tandem_app::practices::intentions;

use super::{PageForms, TeamHeader, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::i18n::Translator;
use crate::kit::see_other;
use crate::page::Page;
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

/// The questionnaire with `forms` (422 after errors).
async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    forms: PageForms,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let page = IntentionPage {
        questions: questions(&chrome.tr),
        team,
        forms,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The questionnaire, with the current answers.
pub(super) async fn intention_form(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let current = intentions::current(state.app(), team_ref(&ctx)?).await?;
    page(&state, chrome, &ctx, answered(current.map(|c| c.answers))).await
}

/// The questionnaire's fields filled with the current answers, if there are any.
fn answered(answers: Option<[f64; 3]>) -> PageForms {
    let mut forms = PageForms::default();
    if let Some(answers) = answers {
        for (field, value) in FIELDS.iter().zip(answers) {
            forms.default_value(field, format!("{value}"));
        }
    }
    forms
}

/// The answers as typed (each 0–10, not all 0), or `None` with the problems in `forms`.
fn parse_answers(tr: &Translator, forms: &mut PageForms) -> Option<[f64; 3]> {
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
    forms.errors.is_empty().then_some(answers)
}

/// Saves the answers and goes home, where the card shows the gap.
pub(super) async fn set_intention(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(answers) = parse_answers(&chrome.tr, &mut forms) else {
        return page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    intentions::set(state.app(), &actor, team, answers).await?;
    see_other("/home#card-heading")
}
