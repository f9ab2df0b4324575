//! The young person's statements as the processor sees them (read, answer), resolving alerts,
//! and the course's costs (for the efficiency view).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::PlainText;
use tandem_store::ratings::Alert;
use tandem_store::voice::{CostRecord, Statement};

use super::shared::{
    Change, CourseHeader, audit_read, commit_and_redirect, load, path_id, show_date, show_opt, word,
};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, optional_date, required_date};
use crate::local_time::copenhagen_date;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct StatementView {
    id: String,
    topic: String,
    body: String,
    date: String,
    worry: bool,
    read: bool,
    response: String,
}

#[derive(Template)]
#[template(path = "courses/statements.html")]
struct StatementsPage {
    chrome: Chrome,
    header: CourseHeader,
    statements: Vec<StatementView>,
}

pub(super) async fn show_statements(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(&state, &ctx, &tr, "/statements")?;
    let statements = state
        .store()
        .statements_of(entry.organization_id, entry.id)
        .await?;
    audit_read(&state, &ctx, "statements").await?;
    let page = StatementsPage {
        statements: statements
            .into_iter()
            .map(|s| StatementView {
                id: s.id.to_string(),
                topic: word(&tr, "kw-topic", s.topic.as_str()),
                worry: s.unsafe_flag
                    || s.topic == tandem_domain::course::kinds::StatementTopic::Worry,
                date: show_date(&tr, copenhagen_date(s.created_at)),
                read: s.read_at.is_some(),
                response: s.response.unwrap_or_default(),
                body: s.body,
            })
            .collect(),
        header,
        chrome,
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub(super) struct AnswerForm {
    #[serde(default)]
    response: String,
}

/// Marks a statement read and, when written, records the answer.
pub(super) async fn answer_statement(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, statement_id)): Path<(String, String)>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let statement = path_id::<Statement>(&statement_id)?;
    // An answer that breaks the text rules (control characters, over 4,000 characters) is not
    // stored; the statement is still marked read, and the form keeps nothing hidden from view.
    let response = PlainText::parse(&form.response, 4000).ok();
    let mut tx = state.store().begin().await?;
    if !tx
        .answer_statement(
            course.organization_id,
            course.id,
            statement,
            ctx.staff()?.user_id,
            response.as_ref().map(PlainText::as_str),
            state.now(),
        )
        .await?
    {
        return Err(AppError::NotFound);
    }
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "statement.answer",
            kind: "statement",
            object_id: Some(statement.to_string()),
            purpose: "statements",
        },
        &format!("/courses/{}/statements", course.id),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(super) struct ResolveForm {
    #[serde(default)]
    resolution: String,
}

/// Resolves an alert with what was done about it (required: the record says how it was handled).
pub(super) async fn resolve_alert(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, alert_id)): Path<(String, String)>,
    Form(form): Form<ResolveForm>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let alert = path_id::<Alert>(&alert_id)?;
    let Ok(resolution) = PlainText::parse(&form.resolution, 500) else {
        return Ok(Redirect::to(&format!(
            "/courses/{}?resolution=missing#alerts-heading",
            course.id
        ))
        .into_response());
    };
    let mut tx = state.store().begin().await?;
    if !tx
        .resolve_alert(
            course.organization_id,
            course.id,
            alert,
            ctx.staff()?.user_id,
            resolution.as_str(),
            state.now(),
        )
        .await?
    {
        return Err(AppError::NotFound);
    }
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "alert.resolve",
            kind: "alert",
            object_id: Some(alert.to_string()),
            purpose: "alerts",
        },
        &format!("/courses/{}", course.id),
    )
    .await
}

struct CostView {
    measure: String,
    provider: String,
    period: String,
    monthly: String,
}

#[derive(Template)]
#[template(path = "courses/costs.html")]
struct CostsPage {
    chrome: Chrome,
    header: CourseHeader,
    costs: Vec<CostView>,
    total_monthly: String,
    form: CostForm,
    errors: FormErrors,
}

/// The cost form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct CostForm {
    measure: String,
    provider: String,
    from_date: String,
    to_date: String,
    monthly_amount: String,
}

fn kroner(amount: i64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{out} kr.")
}

async fn costs_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: CostForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(state, ctx, &tr, "/costs")?;
    let costs = state
        .store()
        .costs_of(entry.organization_id, entry.id)
        .await?;
    audit_read(state, ctx, "costs").await?;
    let today = state.today();
    let current: i64 = costs
        .iter()
        .filter(|c| c.from_date <= today && c.to_date.is_none_or(|to| to >= today))
        .map(|c| i64::from(c.monthly_amount))
        .sum();
    let page = CostsPage {
        costs: costs
            .iter()
            .map(|c| CostView {
                measure: c.measure.clone(),
                provider: c.provider.clone(),
                period: format!(
                    "{} – {}",
                    show_date(&tr, c.from_date),
                    show_opt(&tr, c.to_date)
                ),
                monthly: kroner(i64::from(c.monthly_amount)),
            })
            .collect(),
        total_monthly: kroner(current),
        form,
        errors,
        header,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn show_costs(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    costs_page(
        &state,
        chrome,
        &ctx,
        CostForm::default(),
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub(super) async fn add_cost(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<CostForm>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let course = ctx.course()?.clone();
    let mut errors = FormErrors::new();
    let measure = PlainText::parse_single_line(&form.measure, 200)
        .map_err(|_| errors.add("measure", tr.t("cost-error-measure")))
        .ok();
    let provider = PlainText::parse_single_line(&form.provider, 200)
        .map_err(|_| errors.add("provider", tr.t("cost-error-provider")))
        .ok();
    let from = required_date(&tr, &mut errors, "from_date", &form.from_date);
    let to = optional_date(&tr, &mut errors, "to_date", &form.to_date);
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        errors.add("to_date", tr.t("cost-error-order"));
    }
    let amount = form
        .monthly_amount
        .trim()
        .replace('.', "")
        .parse::<i32>()
        .ok()
        .filter(|a| (0..=10_000_000).contains(a));
    if amount.is_none() {
        errors.add("monthly_amount", tr.t("cost-error-amount"));
    }
    let (Some(measure), Some(provider), Some(from_date), Some(monthly_amount), true) =
        (measure, provider, from, amount, errors.is_empty())
    else {
        return costs_page(
            &state,
            chrome,
            &ctx,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let cost = CostRecord {
        measure: measure.into_string(),
        provider: provider.into_string(),
        from_date,
        to_date: to,
        monthly_amount,
    };
    let mut tx = state.store().begin().await?;
    tx.insert_cost(course.organization_id, course.id, &cost, state.now())
        .await?;
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "cost.create",
            kind: "cost_entry",
            object_id: None,
            purpose: "costs",
        },
        &format!("/courses/{}/costs", course.id),
    )
    .await
}
