//! One rating round: its page (values shown only once revealed), a rater's blind rating, the
//! reveal, and the reflection ("what makes it that number?").

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::ratings::{self, Rater, RaterRecord, RecordRating, Round, RoundView};
use tandem_domain::instrument::Instrument;

use crate::numbers::tenths;
use tandem_domain::{Id, PlainText};

use super::super::shared::{CourseHeader, instrument_name, item_label, load, path_id, word};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors, kept};

/// The longest comment beside a rating.
const MAX_COMMENT_CHARS: usize = 1000;
use crate::i18n::Translator;
use crate::kit::see_other;
use crate::kit::values::{VALUE_FIELDS, parse_values, values_from};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

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

/// A refused submit, shown again: the rater whose rating failed (empty for the reflection),
/// their values and comment as typed, and the errors.
#[derive(Debug, Default)]
struct Failed {
    rater: String,
    inputs: Vec<String>,
    comment: String,
    errors: FormErrors,
}

/// One rater's rating fields, with the kept input and errors when their submit failed.
fn rating_fields(
    tr: &Translator,
    instrument: &Instrument,
    rater: &RaterRecord,
    failed: &Failed,
) -> Vec<FieldView> {
    let this = failed.rater == rater.id.to_string();
    (0..instrument.items.len())
        .map(|i| {
            let name = format!("value-{i}");
            FieldView {
                id: if this {
                    name.clone()
                } else {
                    format!("value-{i}-{}", rater.id)
                },
                label: item_label(tr, instrument, i),
                value: if this {
                    failed.inputs.get(i).cloned().unwrap_or_default()
                } else {
                    String::new()
                },
                error: if this {
                    failed.errors.get(&name).map(str::to_owned)
                } else {
                    None
                },
                name,
            }
        })
        .collect()
}

/// A rater as the round page shows them: values, total and comment only once revealed.
fn rater_view(
    tr: &Translator,
    instrument: &Instrument,
    (rater, revealed): (&RaterRecord, bool),
    failed: &Failed,
) -> RaterView {
    let shown = |text: String| if revealed { text } else { String::new() };
    RaterView {
        id: rater.id.to_string(),
        label: rater.label.clone(),
        role: word(tr, "kw-rater", rater.role.as_str()),
        rated: rater.values.is_some(),
        values: if revealed {
            rater
                .values
                .clone()
                .unwrap_or_default()
                .into_iter()
                .map(|v| tenths(tr, v))
                .collect()
        } else {
            Vec::new()
        },
        total: shown(rater.total.map(|t| tenths(tr, t)).unwrap_or_default()),
        comment: shown(rater.comment.clone().unwrap_or_default()),
        fields: rating_fields(tr, instrument, rater, failed),
        comment_input: if failed.rater == rater.id.to_string() {
            failed.comment.clone()
        } else {
            String::new()
        },
    }
}

impl RoundPage {
    fn new(chrome: Chrome, header: CourseHeader, view: &RoundView, failed: Failed) -> Self {
        let tr = &chrome.tr;
        let (round, instrument) = (&view.round, &view.instrument);
        let revealed = round.revealed_at.is_some();
        let text = |t: &Option<PlainText>| {
            t.as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default()
        };
        let goal = round
            .goal_id
            .as_ref()
            .and_then(|g| view.goals.iter().find(|goal| goal.id == *g))
            .map(|g| {
                (
                    g.details.own_words.as_str().to_owned(),
                    text(&g.details.anchor_low),
                    text(&g.details.anchor_high),
                )
            });
        Self {
            round_id: round.id.to_string(),
            instrument: instrument_name(tr, instrument),
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
                    label: item_label(tr, instrument, index),
                })
                .collect(),
            raters: round
                .raters
                .iter()
                .map(|r| rater_view(tr, instrument, (r, revealed), &failed))
                .collect(),
            revealed,
            reflection: round.reflection.clone().unwrap_or_default(),
            errors: failed.errors,
            header,
            chrome,
        }
    }
}

/// The round page; after a refused submit, with what was typed and the errors (422).
async fn round_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    round_id: &str,
    failed: Option<Failed>,
) -> Result<Response, AppError> {
    let round = path_id::<Round>(round_id)?;
    let (header, _) = load(state, ctx, &chrome.tr, "")?;
    let actor = ctx.actor(state.now());
    let view = ratings::round(state.app(), &actor, ctx.course_ref()?, round).await?;
    let status = if failed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = RoundPage::new(chrome, header, &view, failed.unwrap_or_default());
    render(status, &page)
}

pub(crate) async fn show_round(
    Page { state, chrome, ctx }: Page,
    Path((_, round_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    round_page(&state, chrome, &ctx, &round_id, None).await
}

/// Parses a rater's values and comment against the round's instrument; on refusal, what to
/// show again.
fn parse_rating(
    tr: &Translator,
    instrument: &Instrument,
    fields: &HashMap<String, String>,
    rater: &str,
) -> Result<(Vec<i32>, Option<PlainText>), Failed> {
    let inputs = values_from(fields, instrument.items.len());
    let comment = fields.get("comment").cloned().unwrap_or_default();
    let mut errors = FormErrors::new();
    let values = parse_values(tr, instrument, &inputs, VALUE_FIELDS, &mut errors);
    let comment_text =
        crate::forms::optional_text(&mut errors, tr, ("comment", &comment), MAX_COMMENT_CHARS);
    match values.filter(|_| errors.is_empty()) {
        Some(values) => Ok((values, comment_text)),
        None => Err(Failed {
            rater: rater.to_owned(),
            inputs: inputs.iter().map(|v| kept(v)).collect(),
            comment: kept(&comment),
            errors,
        }),
    }
}

/// The rating command: `rater`'s parsed values and comment in `round`.
fn rating(
    round: Id<Round>,
    rater: Id<Rater>,
    (values, comment): (Vec<i32>, Option<PlainText>),
) -> RecordRating {
    RecordRating {
        round,
        rater,
        values,
        comment,
    }
}

pub(crate) async fn submit_rating(
    Page { state, chrome, ctx }: Page,
    Path((_, round_id, rater_id)): Path<(String, String, String)>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (course, round) = (ctx.course_ref()?, path_id::<Round>(&round_id)?);
    let (_, instrument) = ratings::round_and_instrument(state.app(), course, round).await?;
    let parsed = match parse_rating(&chrome.tr, &instrument, &fields, &rater_id) {
        Ok(parsed) => parsed,
        Err(failed) => return round_page(&state, chrome, &ctx, &round_id, Some(failed)).await,
    };
    let command = rating(round, path_id(&rater_id)?, parsed);
    let actor = ctx.actor(state.now());
    ratings::record(state.app(), &actor, course, &command, "ratings").await?;
    see_other(&format!("/courses/{}/ratings/{round}", course.id))
}

pub(crate) async fn reveal_round(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, round_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (course, round) = (ctx.course_ref()?, path_id::<Round>(&round_id)?);
    ratings::reveal(state.app(), &ctx.actor(state.now()), course, round).await?;
    see_other(&format!("/courses/{}/ratings/{round}", course.id))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReflectionForm {
    #[serde(default)]
    reflection: String,
}

impl ReflectionForm {
    /// The reflection, or the page's error for it.
    fn parse(&self, tr: &Translator) -> Result<PlainText, Failed> {
        PlainText::parse(&self.reflection, 4000).map_err(|_| {
            let mut errors = FormErrors::new();
            errors.add("reflection", tr.t("rating-error-reflection"));
            Failed {
                errors,
                ..Failed::default()
            }
        })
    }
}

pub(crate) async fn record_reflection(
    Page { state, chrome, ctx }: Page,
    Path((_, round_id)): Path<(String, String)>,
    Form(form): Form<ReflectionForm>,
) -> Result<Response, AppError> {
    let (course, round) = (ctx.course_ref()?, path_id::<Round>(&round_id)?);
    let text = match form.parse(&chrome.tr) {
        Ok(text) => text,
        Err(failed) => return round_page(&state, chrome, &ctx, &round_id, Some(failed)).await,
    };
    let actor = ctx.actor(state.now());
    ratings::reflect(state.app(), &actor, course, round, &text).await?;
    see_other(&format!("/courses/{}/ratings/{round}", course.id))
}
