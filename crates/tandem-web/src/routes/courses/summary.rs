//! The course summary for the system of record: a printable page and the same content as JSON.
//! It is an export of personal data, so it needs a recent login (R13) and is audited as one.
//! Staff-internal notes are not part of it.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use tandem_domain::instrument::format_tenths;
use tandem_store::courses::MeetingDates;

use super::shared::{
    CourseHeader, DeadlineRow, course_event, deadline_rows, load, show_date, show_opt, word,
};
use crate::auth::session::recently_authenticated;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::local_time::copenhagen_date;
use crate::page::{Chrome, encode_path, render};
use crate::state::AppState;

/// The summary's content, in the page's language.
#[derive(Debug, Serialize)]
struct Summary {
    course_id: String,
    external_reference: Option<String>,
    young_person: String,
    birth_date: String,
    legal_basis: String,
    status: String,
    processor: String,
    dates: Vec<(String, String)>,
    deadlines: Vec<(String, String, String)>,
    goals: Vec<SummaryGoal>,
    steps: Vec<(String, String, String, String)>,
    meetings: Vec<SummaryMeeting>,
    network: Vec<(String, String, String)>,
    alerts: Vec<(String, String, String, String)>,
    generated: String,
}

#[derive(Debug, Serialize)]
struct SummaryGoal {
    own_words: String,
    author: String,
    status: String,
    ratings: Vec<(String, String, String)>,
}

#[derive(Debug, Serialize)]
struct SummaryMeeting {
    date: String,
    kind: String,
    young_person_present: bool,
    views_own_words: String,
    outcomes: String,
}

#[derive(Template)]
#[template(path = "courses/summary.html")]
struct SummaryPage {
    chrome: Chrome,
    header: CourseHeader,
    s: Summary,
    deadline_rows: Vec<DeadlineRow>,
}

async fn build(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
) -> Result<(CourseHeader, Summary, Vec<DeadlineRow>), AppError> {
    let (header, entry) = load(state, ctx, tr, "")?;
    let (org, id) = (entry.organization_id, entry.id);
    let store = state.store();
    let settings = state.app().course_settings(org).await?;
    let goals = store.goals_of(org, id).await?;
    let steps = store.steps_of(org, id).await?;
    let meetings = store.meetings_of(org, id).await?;
    let network = store.network_of(org, id).await?;
    let rounds = store.rounds_of(org, id).await?;
    let alerts = store.alerts_of(org, id).await?;
    let d = &entry.details;
    let dates = MeetingDates::of(&meetings);
    let rows = deadline_rows(tr, (&entry, &dates), &settings, state.today());
    let text = |t: &Option<tandem_domain::PlainText>| {
        t.as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default()
    };
    let young = d.young_person_name.as_str().to_owned();
    let summary = Summary {
        course_id: id.to_string(),
        external_reference: d.external_reference.as_ref().map(|t| t.as_str().to_owned()),
        young_person: young.clone(),
        birth_date: show_date(tr, d.birth_date),
        legal_basis: d.legal_basis.clone(),
        status: word(tr, "kw-status", d.status.as_str()),
        processor: entry.processor_name.clone(),
        dates: [
            ("course-awareness-date", Some(d.awareness_date)),
            ("course-assessment-completed", d.assessment_completed),
            ("course-decision-date", d.decision_date),
            ("course-plan-completed", d.plan_completed),
            ("course-intervention-start", d.intervention_start),
            ("course-closure-date", d.closure_date),
        ]
        .into_iter()
        .map(|(key, date)| (tr.t(key), show_opt(tr, date)))
        .collect(),
        deadlines: rows
            .iter()
            .map(|r| (r.label.clone(), r.due.clone(), r.light_label.clone()))
            .collect(),
        goals: goals
            .iter()
            .map(|g| SummaryGoal {
                own_words: g.details.own_words.as_str().to_owned(),
                author: g.details.author.as_str().to_owned(),
                status: word(tr, "kw-goal", g.status.as_str()),
                ratings: rounds
                    .iter()
                    .filter(|r| r.revealed_at.is_some() && r.goal_id == Some(g.id))
                    .flat_map(|r| {
                        r.raters.iter().filter_map(move |rater| {
                            rater.total.map(|t| {
                                (
                                    show_date(tr, copenhagen_date(r.opened_at)),
                                    rater.label.clone(),
                                    format_tenths(t),
                                )
                            })
                        })
                    })
                    .collect(),
            })
            .collect(),
        steps: steps
            .iter()
            .map(|s| {
                (
                    s.description.clone(),
                    s.owner_label(&young).to_owned(),
                    word(tr, "kw-step", s.status.as_str()),
                    show_opt(tr, s.due_date),
                )
            })
            .collect(),
        meetings: meetings
            .iter()
            .map(|m| SummaryMeeting {
                date: show_date(tr, m.details.held_on),
                kind: word(tr, "kw-meeting", m.details.kind.as_str()),
                young_person_present: m.details.young_person_present,
                views_own_words: text(&m.details.views_own_words),
                outcomes: text(&m.details.outcomes),
            })
            .collect(),
        network: network
            .iter()
            .filter(|m| m.active_to.is_none())
            .map(|m| {
                (
                    m.details.name.as_str().to_owned(),
                    m.details.relation.as_str().to_owned(),
                    m.details
                        .roles
                        .iter()
                        .map(|r| word(tr, "kw-role", r.as_str()))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            })
            .collect(),
        alerts: alerts
            .iter()
            .map(|a| {
                (
                    show_date(tr, copenhagen_date(a.raised_at)),
                    word(tr, "kw-alert", a.kind.as_str()),
                    a.detail.clone(),
                    a.resolution.clone().unwrap_or_default(),
                )
            })
            .collect(),
        generated: crate::local_time::show(state.now()),
    };
    Ok((header, summary, rows))
}

/// Step-up (R13), then the export is audited before anything is served.
async fn guard_export(
    state: &AppState,
    ctx: &RequestContext,
    path: &str,
    action: &str,
) -> Result<Option<Response>, AppError> {
    if !recently_authenticated(state, ctx.session()?) {
        let next = encode_path(path);
        return Ok(Some(
            Redirect::to(&format!("/login/confirm?next={next}")).into_response(),
        ));
    }
    let event = course_event(
        state,
        ctx,
        action,
        "course_summary",
        None,
        "system of record",
    )?;
    tandem_app::audit::record_read(state.app(), event).await?;
    Ok(None)
}

pub(super) async fn show_summary(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let id = ctx.course_id()?;
    if let Some(redirect) = guard_export(
        &state,
        &ctx,
        &format!("/courses/{id}/summary"),
        "course.export",
    )
    .await?
    {
        return Ok(redirect);
    }
    let tr = chrome.tr.clone();
    let (header, s, deadline_rows) = build(&state, &ctx, &tr).await?;
    render(
        StatusCode::OK,
        &SummaryPage {
            chrome,
            header,
            s,
            deadline_rows,
        },
    )
}

pub(super) async fn summary_json(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let id = ctx.course_id()?;
    if let Some(redirect) = guard_export(
        &state,
        &ctx,
        &format!("/courses/{id}/summary.json"),
        "course.export",
    )
    .await?
    {
        return Ok(redirect);
    }
    let (_, s, _) = build(&state, &ctx, &chrome.tr).await?;
    let body = serde_json::to_string_pretty(&s).map_err(|_| AppError::NotFound)?;
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"course-summary.json\""),
    );
    Ok(response)
}
