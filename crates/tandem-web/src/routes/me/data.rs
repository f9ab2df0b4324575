//! "Who looked at my data" (R17) — the audit events about the citizen's course, with date, role
//! and purpose but not staff names — and "download my data" (R21): what the young person is
//! entitled to, as a page and as JSON, without staff-internal notes or other people's identifiers.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tandem_domain::course::kinds::RaterRole;
use tandem_domain::instrument::format_tenths;
use tandem_store::audit::AuditFilter;
use tandem_store::citizens::CitizenRole;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::local_time::copenhagen_date;
use crate::page::{Chrome, render};
use crate::routes::courses::shared::{audit_read, course_event, show_date, show_opt, word};
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

/// The subject the citizen's records are filed under: the course for the young person, the
/// member for a network member.
fn subject(ctx: &RequestContext) -> Result<String, AppError> {
    let account = &ctx.citizen()?.account;
    Ok(match account.role {
        CitizenRole::YoungPerson => account.course_id.to_string(),
        CitizenRole::NetworkMember(member) => member.to_string(),
    })
}

pub(super) async fn show_access_log(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let account = ctx.citizen()?.account.clone();
    let filter = AuditFilter {
        subject_id: Some(subject(&ctx)?),
        limit: 500,
        ..AuditFilter::default()
    };
    let mut tx = state.store().begin_read().await?;
    let events = tx
        .audit_events(&account.organization_id.to_string(), &filter)
        .await?;
    tx.commit().await?;
    let tr = &chrome.tr;
    let rows = events
        .iter()
        .filter(|e| e.outcome == "allowed")
        .map(|e| AccessRow {
            date: e.at.get(..16).unwrap_or(&e.at).replace('T', " "),
            role: tr.t(&format!("role-{}", e.actor_role)),
            purpose: e.purpose.clone(),
        })
        .collect();
    render(StatusCode::OK, &AccessLogPage { chrome, rows })
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

async fn my_data(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
) -> Result<MyData, AppError> {
    let account = ctx.citizen()?.account.clone();
    let (org, course) = (account.organization_id, account.course_id);
    let store = state.store();
    let entry = store.course(org, course).await?.ok_or(AppError::NotFound)?;
    let goals = store.goals_of(org, course).await?;
    let steps = store.steps_of(org, course).await?;
    let rounds = store.rounds_of(org, course).await?;
    let meetings = store.meetings_of(org, course).await?;
    let network = store.network_of(org, course).await?;
    let statements = store.statements_of(org, course).await?;
    let d = &entry.course.details;
    Ok(MyData {
        name: d.young_person_name.as_str().to_owned(),
        birth_date: show_date(tr, d.birth_date),
        goals: goals
            .iter()
            .map(|g| {
                (
                    g.details.own_words.as_str().to_owned(),
                    word(tr, "kw-goal", g.status.as_str()),
                )
            })
            .collect(),
        my_steps: steps
            .iter()
            .filter(|s| s.owner == tandem_domain::course::work::StepOwner::YoungPerson)
            .map(|s| {
                (
                    s.description.clone(),
                    word(tr, "kw-step", s.status.as_str()),
                    show_opt(tr, s.due_date),
                )
            })
            .collect(),
        // Only the young person's own numbers: other raters' values are theirs.
        my_ratings: rounds
            .iter()
            .filter(|r| r.revealed_at.is_some())
            .flat_map(|r| {
                r.raters
                    .iter()
                    .filter(|rater| rater.role == RaterRole::YoungPerson)
                    .filter_map(move |rater| {
                        rater.total.map(|t| {
                            (
                                show_date(tr, copenhagen_date(r.opened_at)),
                                format_tenths(t),
                            )
                        })
                    })
            })
            .collect(),
        meetings: meetings
            .iter()
            .map(|m| {
                (
                    show_date(tr, m.details.held_on),
                    word(tr, "kw-meeting", m.details.kind.as_str()),
                    m.details
                        .views_own_words
                        .as_ref()
                        .map(|v| v.as_str().to_owned())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        // Relations by what they are to the young person, not by other people's names.
        network: network
            .iter()
            .filter(|m| m.active_to.is_none())
            .map(|m| m.details.relation.as_str().to_owned())
            .collect(),
        my_messages: statements
            .iter()
            .map(|s| {
                (
                    show_date(tr, copenhagen_date(s.created_at)),
                    s.body.clone(),
                    s.response.clone().unwrap_or_default(),
                )
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "me/data.html")]
struct DataPage {
    chrome: Chrome,
    data: MyData,
}

async fn audit_export(state: &AppState, ctx: &RequestContext) -> Result<(), AppError> {
    let mut tx = state.store().begin().await?;
    tx.append_audit(course_event(
        state,
        ctx,
        "citizen.export",
        "course",
        None,
        "download my data",
    )?)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn show_data(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let data = my_data(&state, &ctx, &chrome.tr).await?;
    audit_read(&state, &ctx, "download my data").await?;
    render(StatusCode::OK, &DataPage { chrome, data })
}

pub(super) async fn data_json(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let data = my_data(&state, &ctx, &chrome.tr).await?;
    audit_export(&state, &ctx).await?;
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
