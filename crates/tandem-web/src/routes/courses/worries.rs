//! Worries waiting for a person (ADR 0016): the list at the top of the worklist and the team
//! manager's home, with each worry's age and deadline, and the page where a member of staff
//! acknowledges one ("set") with what was done and, if they like, a reply the young person
//! reads on their page.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::worries::{self, WorryItem};
use tandem_domain::PlainText;
use tandem_domain::worry::Escalation;
use time::OffsetDateTime;

use super::shared::path_id;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, redisplayed, text_error_key};
use crate::i18n::Translator;
use crate::kit::{see_other, show_age, show_moment};
use crate::page::{Chrome, Page, render};
use crate::state::AppState;

/// One waiting worry as the list shows it.
pub(crate) struct WorryRow {
    /// Where to acknowledge it.
    pub(crate) href: String,
    /// The young person's name, or "a course of <processor>" for a manager who does not read
    /// courses.
    pub(crate) course: String,
    /// The course's processor.
    pub(crate) processor: String,
    /// "sendt for 3 timer siden", "sendt lige nu".
    pub(crate) age: String,
    /// Who has it now and until when.
    pub(crate) status: String,
    /// Its deadline has passed at least once.
    pub(crate) overdue: bool,
}

/// The list's rows.
pub(crate) fn worry_rows(
    tr: &Translator,
    items: &[WorryItem],
    now: OffsetDateTime,
) -> Vec<WorryRow> {
    items
        .iter()
        .map(|item| {
            let w = &item.worry;
            let step = tr.t(&format!("worry-step-{}", w.escalation.as_str()));
            let status = match w.next_step_at {
                Some(due) if due > now => tr.t_strs(
                    "worry-status-due",
                    &[("step", &step), ("when", &show_moment(tr, due, now))],
                ),
                Some(_) => tr.t_str("worry-status-overdue", "step", &step),
                None => tr.t_str("worry-status-last", "step", &step),
            };
            let course = if item.can_open_course {
                w.young_person_name.clone()
            } else {
                tr.t_str("worry-course-of", "name", &w.processor_name)
            };
            let mut processor = w.processor_name.clone();
            if w.processor_away {
                processor = tr.t_str("worry-processor-away", "name", &processor);
            }
            WorryRow {
                href: format!("/courses/{}/worries/{}", w.course_id, w.alert_id),
                course,
                processor,
                age: if now - w.raised_at < time::Duration::minutes(1) {
                    tr.t("worry-age-now")
                } else {
                    tr.t_str("worry-age", "age", &show_age(tr, w.raised_at, now))
                },
                status,
                overdue: w.escalation > Escalation::Processor
                    || w.next_step_at.is_some_and(|due| due <= now),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "courses/worry.html")]
struct WorryPage {
    chrome: Chrome,
    course_id: String,
    alert_id: String,
    /// The young person's words, when the viewer reads the course.
    message: Option<String>,
    /// Whether the viewer reads the course (its processor, or a manager allowed to).
    can_open: bool,
    sent: String,
    status: String,
    what_was_done: String,
    reply: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AcknowledgeForm {
    what_was_done: String,
    reply: String,
}

async fn worry_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    alert_id: &str,
    form: AcknowledgeForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (course, alert) = (ctx.course_ref()?, path_id(alert_id)?);
    let actor = ctx.actor(state.now());
    let detail = worries::detail(state.app(), &actor, course, alert).await?;
    let (tr, now) = (&chrome.tr, state.now());
    let row = worry_rows(tr, std::slice::from_ref(&detail.item), now);
    let status = errors.status();
    let page = WorryPage {
        course_id: course.id.to_string(),
        alert_id: alert.to_string(),
        message: detail.message,
        can_open: detail.item.can_open_course,
        sent: show_moment(tr, detail.item.worry.raised_at, now),
        status: row.into_iter().next().map(|r| r.status).unwrap_or_default(),
        what_was_done: redisplayed(&form.what_was_done),
        reply: redisplayed(&form.reply),
        errors,
        chrome,
    };
    render(status, &page)
}

/// The worry and the acknowledgement form.
pub(super) async fn show_worry(
    Page { state, chrome, ctx }: Page,
    Path((_, alert_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    worry_page(
        &state,
        chrome,
        &ctx,
        &alert_id,
        AcknowledgeForm::default(),
        FormErrors::new(),
    )
    .await
}

/// Acknowledges the worry. What was done is required (up to 500 characters); a reply is
/// optional (up to 4,000). Either refused: the page again with the reason beside the field,
/// the words kept, nothing stored and nothing sent.
pub(super) async fn acknowledge_worry(
    Page { state, chrome, ctx }: Page,
    Path((_, alert_id)): Path<(String, String)>,
    Form(form): Form<AcknowledgeForm>,
) -> Result<Response, AppError> {
    let tr = &chrome.tr;
    let mut errors = FormErrors::new();
    let done = PlainText::parse(&form.what_was_done, 500)
        .map_err(|e| {
            errors.add(
                "what_was_done",
                tr.t(worry_text_error(&e, "worry-error-done")),
            )
        })
        .ok();
    let reply = if form.reply.trim().is_empty() {
        None
    } else {
        PlainText::parse(&form.reply, 4000)
            .map_err(|e| errors.add("reply", tr.t(text_error_key(&e))))
            .ok()
    };
    let Some(done) = done.filter(|_| errors.is_empty()) else {
        return worry_page(&state, chrome, &ctx, &alert_id, form, errors).await;
    };
    let (course, alert) = (ctx.course_ref()?, path_id(&alert_id)?);
    let actor = ctx.actor(state.now());
    worries::acknowledge(state.app(), &actor, course, alert, &done, reply.as_ref()).await?;
    see_other("/courses?acknowledged=1#worries")
}

/// An empty "what was done" gets its own words; other text errors the shared ones.
fn worry_text_error(error: &tandem_domain::TextError, empty: &'static str) -> &'static str {
    if *error == tandem_domain::TextError::Empty {
        empty
    } else {
        text_error_key(error)
    }
}
