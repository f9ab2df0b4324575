//! The audit viewer: the organization's trail, filtered by user, person, action and period,
//! newest first, paged. Looking at the trail is itself recorded in it.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::administration::{self, AuditFilter, AuditSearch};
use tandem_domain::Id;
use tandem_domain::policy::Action;
use time::{Duration, OffsetDateTime, Time};

use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};

/// Events per page.
const PAGE_SIZE: i64 = 50;

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![Route::get(
        "/admin/audit",
        Access::Staff(Action::ViewAudit),
        show_audit,
    )]
}

/// The filter form as typed (re-shown as typed).
#[derive(Debug, Default, Deserialize)]
struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    before: Option<i64>,
}

struct EventRow {
    at: String,
    who: String,
    action: String,
    object: String,
    outcome: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    chrome: Chrome,
    query: AuditQuery,
    events: Vec<EventRow>,
    older: Option<String>,
    errors: FormErrors,
}

fn parse_date(text: &str) -> Result<Option<OffsetDateTime>, ()> {
    tandem_domain::course::parse_optional_date(text)
        .map(|date| date.map(|d| d.with_time(Time::MIDNIGHT).assume_utc()))
        .map_err(|_| ())
}

fn parse_id(text: &str) -> Result<Option<String>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Id::<()>::parse(text)
        .map(|id| Some(id.to_string()))
        .map_err(|_| ())
}

/// The filter from the query, with an error per field that does not parse.
fn filter_from(chrome: &Chrome, query: &AuditQuery, errors: &mut FormErrors) -> AuditFilter {
    let mut filter = AuditFilter {
        limit: PAGE_SIZE + 1,
        before_seq: query.before,
        ..AuditFilter::default()
    };
    match parse_id(&query.actor) {
        Ok(actor) => filter.actor_id = actor,
        Err(()) => errors.add("actor", chrome.tr.t("audit-error-id")),
    }
    match parse_id(&query.subject) {
        Ok(subject) => filter.subject_id = subject,
        Err(()) => errors.add("subject", chrome.tr.t("audit-error-id")),
    }
    let action: String = query
        .action
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'))
        .take(64)
        .collect();
    filter.action_prefix = (!action.is_empty()).then_some(action);
    match parse_date(&query.from) {
        Ok(from) => filter.from = from,
        Err(()) => errors.add("from", chrome.tr.t("audit-error-date")),
    }
    match parse_date(&query.until) {
        // "Up to and including" the date: before the next midnight.
        Ok(until) => filter.until = until.map(|d| d + Duration::days(1)),
        Err(()) => errors.add("until", chrome.tr.t("audit-error-date")),
    }
    filter
}

async fn show_audit(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let mut errors = FormErrors::new();
    let filter = filter_from(&chrome, &query, &mut errors);
    let valid = errors.is_empty();
    let found = administration::search_audit(state.app(), &actor, org, &filter, valid).await?;
    let page = AuditPage::new(chrome, query, &filter, found, errors);
    render(page.errors.status(), &page)
}

impl AuditPage {
    /// One page of events (the filter asks for one more, to know whether there are older ones).
    fn new(
        chrome: Chrome,
        query: AuditQuery,
        filter: &AuditFilter,
        found: AuditSearch,
        errors: FormErrors,
    ) -> Self {
        let AuditSearch { names, mut events } = found;
        let label = |id: Option<String>| -> String {
            match id {
                Some(id) => match names.get(&id) {
                    Some(name) => format!("{name} ({id})"),
                    None => id,
                },
                None => String::new(),
            }
        };
        let more = i64::try_from(events.len()).unwrap_or(i64::MAX) > PAGE_SIZE;
        events.truncate(usize::try_from(PAGE_SIZE).unwrap_or(50));
        let older =
            more.then(|| older_link(&query, filter, &errors, events.last().map_or(0, |e| e.seq)));
        let events = events
            .into_iter()
            .map(|e| EventRow {
                at: e
                    .at
                    .replace('T', " ")
                    .trim_end_matches('Z')
                    .chars()
                    .take(19)
                    .collect(),
                who: format!("{}: {}", e.actor_role, label(e.actor_id)),
                action: e.action,
                object: format!("{} {}", e.object_kind, label(e.object_id)),
                outcome: e.outcome,
            })
            .collect();
        Self {
            chrome,
            query,
            events,
            older,
            errors,
        }
    }
}

/// The link to the events before `last` with the same filter.
fn older_link(query: &AuditQuery, filter: &AuditFilter, errors: &FormErrors, last: i64) -> String {
    let dates = |text: &str| {
        if errors.is_empty() {
            text.trim().to_owned()
        } else {
            String::new()
        }
    };
    format!(
        "/admin/audit?actor={}&subject={}&action={}&from={}&until={}&before={last}",
        filter.actor_id.clone().unwrap_or_default(),
        filter.subject_id.clone().unwrap_or_default(),
        filter.action_prefix.clone().unwrap_or_default(),
        dates(&query.from),
        dates(&query.until),
    )
}
