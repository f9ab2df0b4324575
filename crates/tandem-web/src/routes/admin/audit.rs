//! The audit viewer: the organization's trail, filtered by user, person, action and period,
//! newest first, paged. Looking at the trail is itself recorded in it.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::administration::{self, AuditFilter, AuditSearch};
use tandem_domain::Id;
use tandem_domain::policy::Action;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, Time};

use crate::error::AppError;
use crate::forms::FormErrors;
use crate::i18n::Translator;
use crate::kit::show_instant;
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
        let tr = &chrome.tr;
        let events = events
            .into_iter()
            .map(|e| EventRow {
                at: OffsetDateTime::parse(&e.at, &Rfc3339)
                    .map_or_else(|_| e.at.clone(), |at| show_instant(tr, at)),
                who: format!(
                    "{}: {}",
                    tr.try_t(&format!("role-{}", e.actor_role))
                        .unwrap_or_else(|| tr.t("audit-role-other")),
                    label(e.actor_id)
                ),
                action: action_words(tr, &e.action),
                object: label(e.object_id),
                outcome: tr
                    .try_t(&format!("audit-outcome-{}", e.outcome))
                    .unwrap_or_else(|| e.outcome.clone()),
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

/// What an event did, in the page's language ("Oprettede en bruger" for `user.create`): codes
/// are for the trail and its filter, never for reading. An action without words of its own is
/// "another action" (a test keeps every action the code records translated).
fn action_words(tr: &Translator, action: &str) -> String {
    let slug: String = action
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    tr.try_t(&format!("audit-action-{slug}"))
        .unwrap_or_else(|| tr.t("audit-action-other"))
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

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::i18n::{I18n, Language};

    /// Every string literal of the source that looks like an audit action (`word.word` or
    /// `word.word.word`, lower case) — file names and SQL column names aside.
    fn action_literals(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                action_literals(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source file");
                for literal in text.split('"').skip(1).step_by(2) {
                    let parts: Vec<&str> = literal.split('.').collect();
                    let word = |p: &&str| {
                        !p.is_empty()
                            && p.chars()
                                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
                    };
                    let file = [
                        "html", "db", "key", "csv", "xlsx", "json", "example", "lean", "kind",
                        "user_id",
                    ];
                    if (2..=3).contains(&parts.len())
                        && parts.iter().all(word)
                        && !file.contains(parts.last().unwrap_or(&""))
                    {
                        found.push(literal.to_owned());
                    }
                }
            }
        }
    }

    #[test]
    fn every_action_the_code_records_has_words_in_both_languages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut actions = Vec::new();
        for krate in ["tandem-app", "tandem-web", "tandem-cli", "tandem-store"] {
            action_literals(&root.join(krate).join("src"), &mut actions);
        }
        actions.sort();
        actions.dedup();
        assert!(
            actions.len() > 90,
            "the scan finds the actions: {actions:?}"
        );
        let i18n = Arc::new(I18n::load().expect("translations"));
        for language in [Language::Danish, Language::English] {
            let tr = i18n.translator(language);
            let other = tr.t("audit-action-other");
            let missing: Vec<_> = actions
                .iter()
                .filter(|a| action_words(&tr, a) == other)
                .collect();
            assert!(missing.is_empty(), "{language:?}: no words for {missing:?}");
        }
        let tr = i18n.translator(Language::Danish);
        assert_eq!(action_words(&tr, "user.create"), "Oprettede en bruger");
        assert_eq!(action_words(&tr, "no.such-action"), "Anden handling");
    }
}
