//! The young person's statements as the processor sees them (read, answer), resolving alerts,
//! and the course's costs (for the efficiency view).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::alerts;
use tandem_app::costs::{self, CostRecord};
use tandem_app::statements::{self, StatementRecord};
use tandem_domain::PlainText;
use tandem_domain::course::kinds::StatementTopic;
use time::{Date, OffsetDateTime};

use super::shared::{CourseHeader, load, path_id, show_date, show_opt, word};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, optional_date, redisplayed, required_date, text_error_key};
use crate::i18n::Translator;
use crate::kit::{see_other, show_moment};
use crate::local_time::copenhagen_date;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct StatementView {
    id: String,
    topic: String,
    body: String,
    date: String,
    worry: bool,
    read: bool,
    /// "Set af Rasmus i dag kl. 16.04": the receipt the young person sees too.
    receipt: String,
    /// (who, when, words), oldest first.
    replies: Vec<(String, String, String)>,
    /// What was typed into this message's reply field when it was refused, and why.
    refused: Option<(String, String)>,
    /// The open worry this message raised: acknowledged on its own page.
    worry_alert: Option<String>,
}

#[derive(Template)]
#[template(path = "courses/statements.html")]
struct StatementsPage {
    chrome: Chrome,
    header: CourseHeader,
    statements: Vec<StatementView>,
}

fn statement_view(
    tr: &Translator,
    (s, alert): (
        StatementRecord,
        Option<tandem_domain::Id<statements::Alert>>,
    ),
    now: OffsetDateTime,
) -> StatementView {
    let receipt = match (s.read_at, &s.read_by) {
        (Some(at), Some(who)) => tr.t_strs(
            "me-thread-seen-by",
            &[("name", who), ("when", &show_moment(tr, at, now))],
        ),
        (Some(at), None) => tr.t_str("me-thread-seen", "when", &show_moment(tr, at, now)),
        (None, _) => String::new(),
    };
    StatementView {
        id: s.id.to_string(),
        topic: word(tr, "kw-topic", s.topic.as_str()),
        worry: s.unsafe_flag || s.topic == StatementTopic::Worry,
        date: show_date(tr, copenhagen_date(s.created_at)),
        read: s.read_at.is_some(),
        receipt,
        replies: s
            .replies
            .iter()
            .map(|r| {
                let who = r.author.clone().unwrap_or_else(|| tr.t("me-thread-staff"));
                (who, show_moment(tr, r.at, now), r.body.clone())
            })
            .collect(),
        refused: None,
        worry_alert: alert.map(|a| a.to_string()),
        body: s.body,
    }
}

/// The statements page; `refused` keeps a refused reply (statement id, typed text, message).
async fn statements_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    refused: Option<(String, String, String)>,
) -> Result<Response, AppError> {
    let (header, _) = load(state, ctx, &chrome.tr, "/statements")?;
    let actor = ctx.actor(state.now());
    let list = statements::list(state.app(), &actor, ctx.course_ref()?).await?;
    let tr = &chrome.tr;
    let mut views: Vec<StatementView> = list
        .into_iter()
        .map(|s| statement_view(tr, s, state.now()))
        .collect();
    let status = if let Some((id, typed, message)) = refused {
        if let Some(view) = views.iter_mut().find(|v| v.id == id) {
            view.refused = Some((typed, message));
        }
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = StatementsPage {
        statements: views,
        header,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn show_statements(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    statements_page(&state, chrome, &ctx, None).await
}

#[derive(Debug, Deserialize)]
pub(super) struct AnswerForm {
    #[serde(default)]
    response: String,
    /// `reply` (send the words) or `read` (only mark the message read).
    #[serde(default)]
    action: String,
}

/// Marks a statement read and, when the reply button was used, adds the reply to its thread.
/// A reply that is empty or breaks the text rules (control characters, over 4,000 characters)
/// is refused with its reason beside the field, the typed words kept, and nothing stored: not
/// even the mark as read.
pub(super) async fn answer_statement(
    Page { state, chrome, ctx }: Page,
    Path((_, statement_id)): Path<(String, String)>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let (course, statement) = (ctx.course_ref()?, path_id(&statement_id)?);
    let actor = ctx.actor(state.now());
    let reply = if form.action == "read" {
        None
    } else {
        match PlainText::parse(&form.response, 4000) {
            Ok(text) => Some(text),
            Err(error) => {
                let message = chrome.tr.t(text_error_key(&error));
                let typed = redisplayed(&form.response);
                let refused = Some((statement_id, typed, message));
                return statements_page(&state, chrome, &ctx, refused).await;
            }
        }
    };
    statements::answer(state.app(), &actor, course, statement, reply.as_ref()).await?;
    see_other(&format!(
        "/courses/{}/statements#statement-{statement_id}",
        course.id
    ))
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
    let (course, alert) = (ctx.course_ref()?, path_id(&alert_id)?);
    let to = format!("/courses/{}", course.id);
    let Ok(resolution) = PlainText::parse(&form.resolution, 500) else {
        return see_other(&format!("{to}?resolution=missing#alerts-heading"));
    };
    let actor = ctx.actor(state.now());
    alerts::resolve(state.app(), &actor, course, alert, &resolution).await?;
    see_other(&to)
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

impl CostForm {
    /// The cost, or the form's errors.
    fn parse(&self, tr: &Translator) -> Result<CostRecord, FormErrors> {
        let mut errors = FormErrors::new();
        let measure = PlainText::parse_single_line(&self.measure, 200)
            .map_err(|_| errors.add("measure", tr.t("cost-error-measure")))
            .ok();
        let provider = PlainText::parse_single_line(&self.provider, 200)
            .map_err(|_| errors.add("provider", tr.t("cost-error-provider")))
            .ok();
        let from = required_date(tr, &mut errors, "from_date", &self.from_date);
        let to = optional_date(tr, &mut errors, "to_date", &self.to_date);
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            errors.add("to_date", tr.t("cost-error-order"));
        }
        let amount = self
            .monthly_amount
            .trim()
            .replace('.', "")
            .parse::<i32>()
            .ok()
            .filter(|a| (0..=10_000_000).contains(a));
        if amount.is_none() {
            errors.add("monthly_amount", tr.t("cost-error-amount"));
        }
        match (measure, provider, from, amount, errors.is_empty()) {
            (Some(measure), Some(provider), Some(from_date), Some(monthly_amount), true) => {
                Ok(CostRecord {
                    measure: measure.into_string(),
                    provider: provider.into_string(),
                    from_date,
                    to_date: to,
                    monthly_amount,
                })
            }
            _ => Err(errors),
        }
    }
}

impl CostsPage {
    fn new(
        chrome: Chrome,
        header: CourseHeader,
        costs: &[CostRecord],
        (form, errors): (CostForm, FormErrors),
        today: Date,
    ) -> Self {
        let tr = &chrome.tr;
        Self {
            costs: costs
                .iter()
                .map(|c| CostView {
                    measure: c.measure.clone(),
                    provider: c.provider.clone(),
                    period: format!(
                        "{} – {}",
                        show_date(tr, c.from_date),
                        show_opt(tr, c.to_date)
                    ),
                    monthly: kroner(i64::from(c.monthly_amount)),
                })
                .collect(),
            total_monthly: kroner(costs::monthly_on(costs, today)),
            form,
            errors,
            header,
            chrome,
        }
    }
}

/// The costs page with `form` as typed (and its errors, if refused).
async fn costs_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: CostForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (header, _) = load(state, ctx, &chrome.tr, "/costs")?;
    let actor = ctx.actor(state.now());
    let costs = costs::list(state.app(), &actor, ctx.course_ref()?).await?;
    let status = errors.status();
    let page = CostsPage::new(chrome, header, &costs, (form, errors), state.today());
    render(status, &page)
}

pub(super) async fn show_costs(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    costs_page(&state, chrome, &ctx, CostForm::default(), FormErrors::new()).await
}

pub(super) async fn add_cost(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<CostForm>,
) -> Result<Response, AppError> {
    let cost = match form.parse(&chrome.tr) {
        Ok(cost) => cost,
        Err(errors) => return costs_page(&state, chrome, &ctx, form, errors).await,
    };
    let course = ctx.course_ref()?;
    costs::add(state.app(), &ctx.actor(state.now()), course, &cost).await?;
    see_other(&format!("/courses/{}/costs", course.id))
}
