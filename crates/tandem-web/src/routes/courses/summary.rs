//! The course summary for the system of record: a printable page and the same content as JSON.
//! It is an export of personal data, so it needs a recent login (R13) and is audited as one.
//! Staff-internal notes are not part of it.

use crate::numbers::tenths;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tandem_app::courses::{self, CourseRecord, MeetingDates};

use super::deadlines::{DeadlineRow, deadline_rows};
use super::shared::{CourseHeader, load, show_date, show_opt, word};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::local_time::copenhagen_date;
use crate::page::Page;
use crate::page::{Chrome, render};
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
    /// Whether the young person took part; `None` for a meeting not yet held.
    young_person_present: Option<bool>,
    views_own_words: String,
    outcomes: String,
    /// The young person's disagreement with the minutes: the heading with its date, and their
    /// words.
    minutes_disagreement: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "courses/summary.html")]
struct SummaryPage {
    chrome: Chrome,
    header: CourseHeader,
    s: Summary,
    deadline_rows: Vec<DeadlineRow>,
}

/// The summary's content from what was read, with the deadline rows it includes.
fn build(
    state: &AppState,
    tr: &Translator,
    entry: &CourseRecord,
    data: &courses::Summary,
) -> (Summary, Vec<DeadlineRow>) {
    let id = entry.id;
    let courses::Summary {
        settings,
        goals,
        steps,
        meetings,
        network,
        rounds,
        alerts,
    } = data;
    let d = &entry.details;
    let dates = MeetingDates::of(meetings);
    let rows = deadline_rows(tr, (entry, &dates), settings, state.today());
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
            .map(|r| {
                (
                    format!("{} ({})", r.label, r.citation),
                    r.due.clone(),
                    r.light_label.clone(),
                )
            })
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
                                    tenths(tr, t),
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
                young_person_present: m.details.held.then_some(m.details.young_person_present),
                views_own_words: text(&m.details.views_own_words),
                outcomes: text(&m.details.outcomes),
                minutes_disagreement: m.minutes_disagreement.as_ref().map(|(words, at)| {
                    let day = show_date(tr, copenhagen_date(*at));
                    (
                        tr.t_str("minutes-disagreement", "when", &day),
                        words.as_str().to_owned(),
                    )
                }),
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
                    super::overview::alert_detail(tr, a.kind, &a.detail),
                    a.resolution.clone().unwrap_or_default(),
                )
            })
            .collect(),
        generated: crate::kit::show_minute(tr, state.now()),
    };
    (summary, rows)
}

impl SummaryPage {
    fn new(
        chrome: Chrome,
        header: CourseHeader,
        s: Summary,
        deadline_rows: Vec<DeadlineRow>,
    ) -> Self {
        Self {
            chrome,
            header,
            s,
            deadline_rows,
        }
    }
}

/// The summary, the export audited before anything is read: with its header and deadline rows.
async fn read(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
) -> Result<(CourseHeader, Summary, Vec<DeadlineRow>), AppError> {
    let (header, entry) = load(state, ctx, tr, "")?;
    let actor = ctx.actor(state.now());
    let data = courses::summary(state.app(), &actor, ctx.course_ref()?, "course.export").await?;
    let (summary, rows) = build(state, tr, &entry, &data);
    Ok((header, summary, rows))
}

pub(super) async fn show_summary(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let (header, s, deadline_rows) = read(&state, &ctx, &chrome.tr).await?;
    let page = SummaryPage::new(chrome, header, s, deadline_rows);
    render(StatusCode::OK, &page)
}

pub(super) async fn summary_json(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let (_, s, _) = read(&state, &ctx, &chrome.tr).await?;
    json_attachment(&s)
}

/// The summary as a JSON download.
fn json_attachment(s: &Summary) -> Result<Response, AppError> {
    let body = serde_json::to_string_pretty(s).map_err(|_| AppError::NotFound)?;
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
