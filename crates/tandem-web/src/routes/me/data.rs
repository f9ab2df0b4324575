//! "Who looked at my data" (R17) — the audit events about the citizen's course, with the time
//! in Copenhagen, the role and what was done in plain words, but not staff names — and "download my data" (R21): what the young person is
//! entitled to, as a page and as JSON, without staff-internal notes or other people's identifiers.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tandem_app::citizens::{self, MyRecords};
use tandem_domain::instrument::format_tenths;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::{show_date, show_moment, show_opt, word};
use crate::local_time::copenhagen_date;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct AccessRow {
    date: String,
    role: String,
    purpose: String,
}

#[derive(Template)]
#[template(path = "me/access_log.html")]
struct AccessLogPage {
    chrome: Chrome,
    rows: Vec<AccessRow>,
}

pub(super) async fn show_access_log(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let events = citizens::access_log(state.app(), &ctx.citizen()?.account).await?;
    let (tr, now) = (&chrome.tr, state.now());
    let rows = events
        .iter()
        .map(|e| AccessRow {
            date: OffsetDateTime::parse(&e.at, &Rfc3339)
                .map_or_else(|_| e.at.clone(), |at| show_moment(tr, at, now)),
            role: if e.action.starts_with("citizen.login") {
                tr.t("access-who-login")
            } else {
                tr.t(&format!("role-{}", e.actor_role))
            },
            purpose: what_was_done(tr, &e.action, &e.purpose),
        })
        .collect();
    render(StatusCode::OK, &AccessLogPage { chrome, rows })
}

/// What an audit event did, in plain words for the young person: "så dit forløb (mål)",
/// "sendte din bekymring videre til lederen". An action without plain words of its own is
/// "arbejdede med dit forløb"; the page a read was for is named when it has words too.
fn what_was_done(tr: &Translator, action: &str, purpose: &str) -> String {
    let slug = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect()
    };
    let did = tr
        .try_t(&format!("access-did-{}", slug(action)))
        .unwrap_or_else(|| tr.t("access-did-other"));
    match tr.try_t(&format!("access-page-{}", slug(purpose))) {
        Some(page) if action.ends_with(".read") => format!("{did} ({page})"),
        _ => did,
    }
}

/// Everything the young person is entitled to download.
#[derive(Debug, Serialize)]
struct MyData {
    name: String,
    birth_date: String,
    goals: Vec<(String, String)>,
    my_steps: Vec<(String, String, String)>,
    my_ratings: Vec<(String, String)>,
    meetings: Vec<(String, String, String)>,
    network: Vec<String>,
    my_messages: Vec<(String, String, String)>,
}

impl MyData {
    fn new(tr: &Translator, records: &MyRecords) -> Self {
        let d = &records.details;
        Self {
            name: d.young_person_name.as_str().to_owned(),
            birth_date: show_date(tr, d.birth_date),
            goals: records
                .goals
                .iter()
                .map(|g| {
                    let status = word(tr, "kw-goal", g.status.as_str());
                    (g.details.own_words.as_str().to_owned(), status)
                })
                .collect(),
            my_steps: records
                .my_steps
                .iter()
                .map(|s| {
                    let status = word(tr, "kw-step", s.status.as_str());
                    (s.description.clone(), status, show_opt(tr, s.due_date))
                })
                .collect(),
            my_ratings: records
                .my_ratings
                .iter()
                .map(|(at, total)| (show_date(tr, copenhagen_date(*at)), format_tenths(*total)))
                .collect(),
            meetings: records
                .meetings
                .iter()
                .map(|m| {
                    let own_words = m.details.views_own_words.as_ref();
                    (
                        show_date(tr, m.details.held_on),
                        word(tr, "kw-meeting", m.details.kind.as_str()),
                        own_words.map(|v| v.as_str().to_owned()).unwrap_or_default(),
                    )
                })
                .collect(),
            // Relations by what they are to the young person, not by other people's names.
            network: records
                .network
                .iter()
                .map(|m| m.details.relation.as_str().to_owned())
                .collect(),
            my_messages: records
                .messages
                .iter()
                .map(|s| {
                    let answer = s
                        .replies
                        .iter()
                        .map(|r| r.body.as_str())
                        .collect::<Vec<_>>()
                        .join("\n\n");
                    (
                        show_date(tr, copenhagen_date(s.created_at)),
                        s.body.clone(),
                        answer,
                    )
                })
                .collect(),
        }
    }
}

/// The young person's data, read for the page or for the download.
async fn my_data(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    export: bool,
) -> Result<MyData, AppError> {
    let (actor, account) = (ctx.actor(state.now()), &ctx.citizen()?.account);
    let records = citizens::my_records(state.app(), &actor, account, export).await?;
    Ok(MyData::new(tr, &records))
}

#[derive(Template)]
#[template(path = "me/data.html")]
struct DataPage {
    chrome: Chrome,
    data: MyData,
}

pub(super) async fn show_data(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let data = my_data(&state, &ctx, &chrome.tr, false).await?;
    render(StatusCode::OK, &DataPage { chrome, data })
}

pub(super) async fn data_json(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let data = my_data(&state, &ctx, &chrome.tr, true).await?;
    let body = serde_json::to_string_pretty(&data).map_err(|_| AppError::NotFound)?;
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"my-data.json\""),
    );
    Ok(response)
}
