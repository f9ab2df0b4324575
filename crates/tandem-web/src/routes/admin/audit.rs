//! The audit viewer: the organization's trail, filtered by user, person, action and period,
//! newest first, paged. Looking at the trail is itself recorded in it.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_domain::Id;
use tandem_domain::policy::Action;
use tandem_store::audit::AuditFilter;
use time::{Date, Duration, OffsetDateTime, Time};

use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::page::{Chrome, render};
use crate::routes::{Access, Route};
use crate::state::AppState;

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
    if text.trim().is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), &format)
        .map(|d| Some(d.with_time(Time::MIDNIGHT).assume_utc()))
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
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id.to_string();
    let mut errors = FormErrors::new();
    let filter = filter_from(&chrome, &query, &mut errors);
    let mut tx = state.store().begin().await?;
    // Names for the ids in the trail, so people can read it; the ids stay visible for filtering.
    let names: std::collections::HashMap<String, String> = tx
        .staff_users_of(ctx.staff()?.organization_id)
        .await?
        .into_iter()
        .map(|u| (u.id.to_string(), u.display_name.as_str().to_owned()))
        .collect();
    let label = |id: Option<String>| -> String {
        match id {
            Some(id) => match names.get(&id) {
                Some(name) => format!("{name} ({id})"),
                None => id,
            },
            None => String::new(),
        }
    };
    let mut events = if errors.is_empty() {
        tx.audit_events(&org, &filter).await?
    } else {
        Vec::new()
    };
    let mut entry = Entry::allowed("audit.search", "audit_trail", None, "audit viewer");
    entry.subject_id = filter.subject_id.clone();
    tx.append_audit(event(&state, &ctx, entry)).await?;
    tx.commit().await?;

    let more = i64::try_from(events.len()).unwrap_or(i64::MAX) > PAGE_SIZE;
    events.truncate(usize::try_from(PAGE_SIZE).unwrap_or(50));
    let older = more.then(|| {
        let last = events.last().map_or(0, |e| e.seq);
        format!(
            "/admin/audit?actor={}&subject={}&action={}&from={}&until={}&before={last}",
            filter.actor_id.clone().unwrap_or_default(),
            filter.subject_id.clone().unwrap_or_default(),
            filter.action_prefix.clone().unwrap_or_default(),
            if errors.is_empty() {
                query.from.trim()
            } else {
                ""
            },
            if errors.is_empty() {
                query.until.trim()
            } else {
                ""
            },
        )
    });
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
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &AuditPage {
            chrome,
            query,
            events,
            older,
            errors,
        },
    )
}
