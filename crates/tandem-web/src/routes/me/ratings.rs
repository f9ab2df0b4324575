//! The young person's own ratings: their number in a blind round (nobody's values are shown
//! to them here), and feedback after a meeting — a total under the thresholds alerts the
//! processor.

use std::collections::HashMap;

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use tandem_app::citizens::{self, PURPOSE};
use tandem_app::ratings::{self, RecordRating, SessionFeedback};
use tandem_domain::instrument::Instrument;

use super::home::home_with_errors;

use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::kit::path_id;
use crate::kit::values::parse_values;
use crate::page::Chrome;
use crate::page::Page;

/// The error field of the young person's rating and feedback forms: every item's error goes
/// under the form's one name, shown above it.
const RATING_FIELD: &[&str] = &["rating"; tandem_domain::instrument::MAX_ITEMS];
const FEEDBACK_FIELD: &[&str] = &["feedback"; tandem_domain::instrument::MAX_ITEMS];

/// The submitted `value-0 …` for an instrument, parsed by the course pages' parser.
fn values(
    chrome: &Chrome,
    instrument: &Instrument,
    fields: &HashMap<String, String>,
    field: &'static [&'static str],
) -> Result<Vec<i32>, FormErrors> {
    let mut errors = FormErrors::new();
    let inputs: Vec<String> = (0..instrument.items.len())
        .map(|i| {
            fields
                .get(&format!("value-{i}"))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    parse_values(&chrome.tr, instrument, &inputs, field, &mut errors).ok_or(errors)
}

pub(super) async fn rate(
    Page { state, chrome, ctx }: Page,
    Path(round_id): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let round = path_id(&round_id)?;
    let (rater, instrument) =
        citizens::rating_form(state.app(), &ctx.citizen()?.account, round).await?;
    let values = match values(&chrome, &instrument, &fields, RATING_FIELD) {
        Ok(values) => values,
        Err(errors) => return home_with_errors(&state, chrome, &ctx, errors).await,
    };
    let command = RecordRating {
        round,
        rater,
        values,
        comment: None,
    };
    let (actor, course) = (ctx.actor(state.now()), ctx.course_ref()?);
    ratings::record(state.app(), &actor, course, &command, PURPOSE).await?;
    Ok(Redirect::to("/me?rated=1").into_response())
}

pub(super) async fn give_feedback(
    Page { state, chrome, ctx }: Page,
    Path(meeting_id): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let meeting = path_id(&meeting_id)?;
    let instrument =
        citizens::feedback_instrument(state.app(), &ctx.citizen()?.account, meeting).await?;
    let values = match values(&chrome, &instrument, &fields, FEEDBACK_FIELD) {
        Ok(values) => values,
        Err(errors) => return home_with_errors(&state, chrome, &ctx, errors).await,
    };
    let command = SessionFeedback { meeting, values };
    let (actor, course) = (ctx.actor(state.now()), ctx.course_ref()?);
    ratings::record_session_feedback(state.app(), &actor, course, &command).await?;
    Ok(Redirect::to("/me?thanks=1").into_response())
}
