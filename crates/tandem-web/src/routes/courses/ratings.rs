//! Rating rounds through the instrument engine: the processor opens a round for the invited
//! raters; each rates blind — nobody sees another's values until all have rated or the
//! facilitator reveals — and then "what makes it that number?" is recorded. Session feedback
//! after a meeting is a one-rater round that raises an alert under the thresholds; a reliable
//! deterioration on the young person's own ratings raises an alert on the worklist.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::HashMap;
use tandem_app::ratings;
use tandem_domain::Id;
use tandem_domain::course::kinds::{RaterRole, RatingMode};
use tandem_domain::instrument::{Instrument, SESSION_FEEDBACK, format_tenths};
use tandem_store::ratings::{Round, RoundRecord};
use tandem_store::work::Meeting;

use super::shared::{
    CourseHeader, audit_read, instrument_name, item_label, load, path_id, show_date, word,
};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, FormErrors};
use crate::i18n::Translator;
use crate::kit::values::{VALUE_FIELDS, parse_values, values_from};
use crate::local_time::copenhagen_date;
use crate::page::{Chrome, render};
use crate::state::AppState;

// ---------------------------------------------------------------- opening a round

#[derive(Template)]
#[template(path = "courses/round_new.html")]
struct NewRoundPage {
    chrome: Chrome,
    header: CourseHeader,
    instruments: Vec<Choice>,
    goals: Vec<Choice>,
    modes: Vec<Choice>,
    raters: Vec<(String, String, bool)>,
    parent_label: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct NewRoundQuery {
    goal: Option<String>,
}

async fn new_round_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    fields: &HashMap<String, String>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(state, ctx, &tr, "")?;
    let (org, id) = (entry.organization_id, entry.id);
    let config = state.app().configuration(org).await?;
    let instruments = &config.instruments;
    let goals = state.store().goals_of(org, id).await?;
    let members = state.store().network_of(org, id).await?;
    audit_read(state, ctx, "new rating round").await?;
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let ticked = |k: &str| fields.contains_key(k);
    let fresh = fields.is_empty();
    let mut raters = vec![
        (
            "rater_young".to_owned(),
            format!(
                "{} ({})",
                entry.details.young_person_name.as_str(),
                tr.t("kw-rater-young_person")
            ),
            fresh || ticked("rater_young"),
        ),
        (
            "rater_worker".to_owned(),
            format!("{} ({})", entry.processor_name, tr.t("kw-rater-worker")),
            fresh || ticked("rater_worker"),
        ),
    ];
    for m in members.iter().filter(|m| m.active_to.is_none()) {
        let key = format!("rater_member_{}", m.id);
        let on = ticked(&key);
        raters.push((
            key,
            format!(
                "{} ({})",
                m.details.name.as_str(),
                m.details.relation.as_str()
            ),
            on,
        ));
    }
    let mut goal_options = vec![(String::new(), tr.t("rating-no-goal"))];
    goal_options.extend(goals.iter().map(|g| {
        (
            g.id.to_string(),
            g.details.own_words.as_str().chars().take(60).collect(),
        )
    }));
    let page = NewRoundPage {
        instruments: Choice::list(
            instruments
                .iter()
                .filter(|i| i.key != SESSION_FEEDBACK)
                .map(|i| (i.key.clone(), instrument_name(&tr, i))),
            &fields
                .get("instrument")
                .cloned()
                .unwrap_or_else(|| "goal_scale".into()),
        ),
        goals: Choice::list(goal_options, &get("goal")),
        modes: Choice::list(
            RatingMode::ALL
                .iter()
                .map(|m| (m.as_str().to_owned(), word(&tr, "kw-mode", m.as_str()))),
            &fields
                .get("mode")
                .cloned()
                .unwrap_or_else(|| "collaborative".into()),
        ),
        raters,
        parent_label: get("parent_label"),
        errors,
        header,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn new_round_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Query(query): Query<NewRoundQuery>,
) -> Result<Response, AppError> {
    let mut fields = HashMap::new();
    if let Some(goal) = query.goal {
        fields.insert("goal".to_owned(), goal);
        fields.insert("rater_young".to_owned(), "on".to_owned());
        fields.insert("rater_worker".to_owned(), "on".to_owned());
    }
    new_round_page(
        &state,
        chrome,
        &ctx,
        &fields,
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub(super) async fn open_round(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let course = ctx.course()?.clone();
    let (org, id) = (course.organization_id, course.id);
    let entry = ctx.course_record()?;
    let config = state.app().configuration(org).await?;
    let instruments = &config.instruments;
    let goals = state.store().goals_of(org, id).await?;
    let members = state.store().network_of(org, id).await?;
    let get = |k: &str| fields.get(k).map_or("", String::as_str);
    let mut errors = FormErrors::new();
    let instrument = instruments
        .iter()
        .find(|i| i.key == get("instrument") && i.key != SESSION_FEEDBACK);
    if instrument.is_none() {
        errors.add("instrument", tr.t("course-error-choose"));
    }
    let goal = goals.iter().find(|g| g.id.to_string() == get("goal"));
    if (!get("goal").is_empty() && goal.is_none())
        || (instrument.is_some_and(|i| i.per_goal) && goal.is_none())
    {
        errors.add("goal", tr.t("rating-error-goal"));
    }
    let mode = RatingMode::parse(get("mode")).ok();
    if mode.is_none() {
        errors.add("mode", tr.t("course-error-choose"));
    }
    let mut raters = Vec::new();
    if fields.contains_key("rater_young") {
        raters.push((
            RaterRole::YoungPerson,
            entry.details.young_person_name.as_str().to_owned(),
        ));
    }
    if fields.contains_key("rater_worker") {
        raters.push((RaterRole::Worker, entry.processor_name.clone()));
    }
    let mut linked_members = Vec::new();
    for m in members.iter().filter(|m| m.active_to.is_none()) {
        if fields.contains_key(&format!("rater_member_{}", m.id)) {
            raters.push((RaterRole::Network, m.details.name.as_str().to_owned()));
            // Linked below so the member can rate through their own login; a name shared by two
            // current members stays unlinked (the processor records those ratings).
            let unique = members
                .iter()
                .filter(|o| o.active_to.is_none() && o.details.name == m.details.name)
                .count()
                == 1;
            if unique {
                linked_members.push((m.details.name.as_str().to_owned(), m.id));
            }
        }
    }
    let parent = get("parent_label").trim();
    if !parent.is_empty() {
        match tandem_domain::PlainText::parse_single_line(parent, 120) {
            Ok(label) => raters.push((RaterRole::Parent, label.into_string())),
            Err(_) => errors.add("parent_label", tr.t("course-error-text")),
        }
    }
    if raters.is_empty() {
        errors.add("raters", tr.t("rating-error-raters"));
    }
    let (Some(instrument), Some(mode), true) = (instrument, mode, errors.is_empty()) else {
        return new_round_page(
            &state,
            chrome,
            &ctx,
            &fields,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let command = ratings::OpenRound {
        instrument_key: instrument.key.clone(),
        goal: goal.map(|g| g.id),
        mode,
        raters,
        linked_members,
    };
    let round = ratings::open(
        state.app(),
        &ctx.actor(state.now()),
        (&course).into(),
        &command,
    )
    .await?;
    Ok(Redirect::to(&format!("/courses/{id}/ratings/{round}")).into_response())
}

// ---------------------------------------------------------------- one round

struct RaterView {
    id: String,
    label: String,
    role: String,
    rated: bool,
    /// Values per item, shown only once the round is revealed.
    values: Vec<String>,
    total: String,
    comment: String,
    /// The rating form's fields (kept input and errors when this rater's submit failed).
    fields: Vec<FieldView>,
    comment_input: String,
}

struct FieldView {
    id: String,
    name: String,
    label: String,
    value: String,
    error: Option<String>,
}

struct ItemView {
    label: String,
}

#[derive(Template)]
#[template(path = "courses/round.html")]
struct RoundPage {
    chrome: Chrome,
    header: CourseHeader,
    round_id: String,
    instrument: String,
    goal: Option<(String, String, String)>,
    range: String,
    items: Vec<ItemView>,
    raters: Vec<RaterView>,
    revealed: bool,
    reflection: String,
    errors: FormErrors,
}

async fn round_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    round_id: &str,
    failed: Option<(String, Vec<String>, String, FormErrors)>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let round_id = path_id::<Round>(round_id)?;
    let (header, entry) = load(state, ctx, &tr, "")?;
    let (org, id) = (entry.organization_id, entry.id);
    let rounds = state.store().rounds_of(org, id).await?;
    let round = rounds
        .into_iter()
        .find(|r| r.id == round_id)
        .ok_or(AppError::NotFound)?;
    let config = state.app().configuration(org).await?;
    let instruments = &config.instruments;
    let instrument = instruments
        .iter()
        .find(|i| i.key == round.instrument_key)
        .ok_or(AppError::NotFound)?;
    let goals = state.store().goals_of(org, id).await?;
    audit_read(state, ctx, "rating round").await?;
    let revealed = round.revealed_at.is_some();
    let goal = round
        .goal_id
        .as_ref()
        .and_then(|g| goals.iter().find(|goal| goal.id == *g))
        .map(|g| {
            let text = |t: &Option<tandem_domain::PlainText>| {
                t.as_ref()
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_default()
            };
            (
                g.details.own_words.as_str().to_owned(),
                text(&g.details.anchor_low),
                text(&g.details.anchor_high),
            )
        });
    let (rating_for, inputs, comment, errors, status) = match failed {
        Some((rater, inputs, comment, errors)) => (
            rater,
            inputs,
            comment,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        None => (
            String::new(),
            Vec::new(),
            String::new(),
            FormErrors::new(),
            StatusCode::OK,
        ),
    };
    let page = RoundPage {
        round_id: round.id.to_string(),
        instrument: instrument_name(&tr, instrument),
        goal,
        range: tr.t_args(
            "rating-range",
            &[
                ("min", i64::from(instrument.min / 10)),
                ("max", i64::from(instrument.max / 10)),
            ],
        ),
        items: (0..instrument.items.len())
            .map(|index| ItemView {
                label: item_label(&tr, instrument, index),
            })
            .collect(),
        raters: round
            .raters
            .iter()
            .map(|r| RaterView {
                id: r.id.to_string(),
                label: r.label.clone(),
                role: word(&tr, "kw-rater", r.role.as_str()),
                rated: r.values.is_some(),
                values: if revealed {
                    r.values
                        .clone()
                        .unwrap_or_default()
                        .into_iter()
                        .map(format_tenths)
                        .collect()
                } else {
                    Vec::new()
                },
                total: if revealed {
                    r.total.map(format_tenths).unwrap_or_default()
                } else {
                    String::new()
                },
                comment: if revealed {
                    r.comment.clone().unwrap_or_default()
                } else {
                    String::new()
                },
                fields: (0..instrument.items.len())
                    .map(|i| {
                        let failed = rating_for == r.id.to_string();
                        let name = format!("value-{i}");
                        FieldView {
                            id: if failed {
                                name.clone()
                            } else {
                                format!("value-{i}-{}", r.id)
                            },
                            label: item_label(&tr, instrument, i),
                            value: if failed {
                                inputs.get(i).cloned().unwrap_or_default()
                            } else {
                                String::new()
                            },
                            error: if failed {
                                errors.get(&name).map(str::to_owned)
                            } else {
                                None
                            },
                            name,
                        }
                    })
                    .collect(),
                comment_input: if rating_for == r.id.to_string() {
                    comment.clone()
                } else {
                    String::new()
                },
            })
            .collect(),
        revealed,
        reflection: round.reflection.clone().unwrap_or_default(),
        errors,
        header,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn show_round(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, round_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    round_page(&state, chrome, &ctx, &round_id, None).await
}

pub(super) async fn submit_rating(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, round_id, rater_id)): Path<(String, String, String)>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let (org, id) = (course.organization_id, course.id);
    let round = path_id::<Round>(&round_id)?;
    let rounds = state.store().rounds_of(org, id).await?;
    let record = rounds
        .iter()
        .find(|r| r.id == round)
        .ok_or(AppError::NotFound)?;
    let config = state.app().configuration(org).await?;
    let instruments = &config.instruments;
    let instrument = instruments
        .iter()
        .find(|i| i.key == record.instrument_key)
        .ok_or(AppError::NotFound)?;
    let inputs = values_from(&fields, instrument.items.len());
    let comment = fields.get("comment").cloned().unwrap_or_default();
    let mut errors = FormErrors::new();
    let values = parse_values(&chrome.tr, instrument, &inputs, VALUE_FIELDS, &mut errors);
    let comment_text = if comment.trim().is_empty() {
        None
    } else {
        tandem_domain::PlainText::parse(&comment, 1000)
            .map_err(|_| errors.add("comment", chrome.tr.t("course-error-text")))
            .ok()
    };
    let Some(values) = values.filter(|_| errors.is_empty()) else {
        let kept = inputs.iter().map(|v| crate::forms::kept(v)).collect();
        return round_page(
            &state,
            chrome,
            &ctx,
            &round_id,
            Some((rater_id, kept, crate::forms::kept(&comment), errors)),
        )
        .await;
    };
    let command = ratings::RecordRating {
        round,
        rater: path_id(&rater_id)?,
        values,
        comment: comment_text,
    };
    let actor = ctx.actor(state.now());
    ratings::record(state.app(), &actor, (&course).into(), &command, "ratings").await?;
    Ok(Redirect::to(&format!("/courses/{id}/ratings/{round}")).into_response())
}

pub(super) async fn reveal_round(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, round_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let round = path_id::<Round>(&round_id)?;
    ratings::reveal(
        state.app(),
        &ctx.actor(state.now()),
        (&course).into(),
        round,
    )
    .await?;
    Ok(Redirect::to(&format!("/courses/{}/ratings/{round}", course.id)).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct ReflectionForm {
    #[serde(default)]
    reflection: String,
}

pub(super) async fn record_reflection(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, round_id)): Path<(String, String)>,
    Form(form): Form<ReflectionForm>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let round = path_id::<Round>(&round_id)?;
    let Ok(text) = tandem_domain::PlainText::parse(&form.reflection, 4000) else {
        let mut errors = FormErrors::new();
        errors.add("reflection", chrome.tr.t("rating-error-reflection"));
        return round_page(
            &state,
            chrome,
            &ctx,
            &round_id,
            Some((String::new(), Vec::new(), String::new(), errors)),
        )
        .await;
    };
    let actor = ctx.actor(state.now());
    ratings::reflect(state.app(), &actor, (&course).into(), round, &text).await?;
    Ok(Redirect::to(&format!("/courses/{}/ratings/{round}", course.id)).into_response())
}

// ---------------------------------------------------------------- session feedback

/// Records the session-feedback form for a meeting (a one-rater round), with an alert when the
/// total or an item is under the organization's thresholds.
pub(super) async fn record_feedback(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, meeting_id)): Path<(String, String)>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let meeting = path_id::<Meeting>(&meeting_id)?;
    let settings = state.app().course_settings(course.organization_id).await?;
    let instrument = Instrument::session_feedback(settings.feedback);
    let inputs = values_from(&fields, instrument.items.len());
    let mut errors = FormErrors::new();
    let values = parse_values(&chrome.tr, &instrument, &inputs, VALUE_FIELDS, &mut errors);
    let Some(values) = values.filter(|_| errors.is_empty()) else {
        let kept = inputs.iter().map(|v| crate::forms::kept(v)).collect();
        return super::meetings::meeting_page(&state, chrome, &ctx, meeting, Some((kept, errors)))
            .await;
    };
    let command = ratings::SessionFeedback { meeting, values };
    let actor = ctx.actor(state.now());
    ratings::record_session_feedback(state.app(), &actor, (&course).into(), &command).await?;
    Ok(Redirect::to(&format!(
        "/courses/{}/meetings/{meeting}#feedback",
        course.id
    ))
    .into_response())
}

/// The session-feedback rounds of a meeting, as (date, item values, total, alerted).
pub(super) fn feedback_of(
    tr: &Translator,
    rounds: &[RoundRecord],
    meeting: Id<Meeting>,
    instrument: &Instrument,
) -> Vec<(String, Vec<String>, String, bool)> {
    rounds
        .iter()
        .filter(|r| r.instrument_key == SESSION_FEEDBACK && r.meeting_id == Some(meeting))
        .filter_map(|r| {
            let rater = r.raters.first()?;
            let values = rater.values.clone()?;
            Some((
                show_date(tr, copenhagen_date(r.opened_at)),
                values.iter().copied().map(format_tenths).collect(),
                format_tenths(values.iter().sum()),
                instrument.alerts(&values),
            ))
        })
        .collect()
}
