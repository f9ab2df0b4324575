//! The young person's own ratings: their number in a blind round (nobody's values are shown
//! to them here), and feedback after a meeting — a total under the thresholds alerts the
//! processor.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tandem_domain::course::kinds::RaterRole;
use tandem_domain::instrument::Instrument;
use tandem_store::ratings::Round;
use tandem_store::work::Meeting;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::kit::path_id;
use crate::kit::values::parse_values;
use crate::page::Chrome;
use crate::state::AppState;

/// Whether an invited rating is the citizen's own: the young person's, or the one linked to
/// this network member.
pub(super) fn is_mine(
    role: tandem_store::citizens::CitizenRole,
    rater: &tandem_store::ratings::RaterRecord,
) -> bool {
    match role {
        tandem_store::citizens::CitizenRole::YoungPerson => rater.role == RaterRole::YoungPerson,
        tandem_store::citizens::CitizenRole::NetworkMember(member) => {
            rater.member_id == Some(member)
        }
    }
}

/// The error field of the young person's rating and feedback forms: every item's error goes
/// under the form's one name, shown above it.
const RATING_FIELD: &[&str] = &["rating"; tandem_domain::instrument::MAX_ITEMS];
const FEEDBACK_FIELD: &[&str] = &["feedback"; tandem_domain::instrument::MAX_ITEMS];

/// The submitted `value-0 …` for an instrument, parsed by the course pages' parser.
fn values(
    chrome: &Chrome,
    instrument: &Instrument,
    fields: &HashMap<String, String>,
    errors: &mut FormErrors,
    field: &'static [&'static str],
) -> Option<Vec<i32>> {
    let inputs: Vec<String> = (0..instrument.items.len())
        .map(|i| {
            fields
                .get(&format!("value-{i}"))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    parse_values(&chrome.tr, instrument, &inputs, field, errors)
}

pub(super) async fn rate(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(round_id): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let account = ctx.citizen()?.account.clone();
    let (org, course) = (account.organization_id, account.course_id);
    let round_id = path_id::<Round>(&round_id)?;
    let rounds = state.store().rounds_of(org, course).await?;
    let round = rounds
        .iter()
        .find(|r| r.id == round_id)
        .ok_or(AppError::NotFound)?;
    let rater = round
        .raters
        .iter()
        .find(|r| r.values.is_none() && is_mine(account.role, r))
        .ok_or(AppError::NotFound)?;
    let config = state.app().configuration(org).await?;
    let instruments = &config.instruments;
    let instrument = instruments
        .iter()
        .find(|i| i.key == round.instrument_key)
        .ok_or(AppError::NotFound)?;
    let mut errors = FormErrors::new();
    let Some(values) = values(&chrome, instrument, &fields, &mut errors, RATING_FIELD) else {
        return super::home::home_with_errors(&state, chrome, &ctx, errors).await;
    };
    let command = tandem_app::ratings::RecordRating {
        round: round_id,
        rater: rater.id,
        values,
        comment: None,
    };
    let course = ctx.course()?.into();
    tandem_app::ratings::record(
        state.app(),
        &ctx.actor(state.now()),
        course,
        &command,
        "my course",
    )
    .await?;
    Ok(Redirect::to("/me#ratings").into_response())
}

pub(super) async fn give_feedback(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(meeting_id): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let account = ctx.citizen()?.account.clone();
    let (org, course) = (account.organization_id, account.course_id);
    let meeting = path_id::<Meeting>(&meeting_id)?;
    // Session feedback is the young person's own voice on the meeting.
    if account.role != tandem_store::citizens::CitizenRole::YoungPerson {
        return Err(AppError::NotFound);
    }
    if !state
        .store()
        .meetings_of(org, course)
        .await?
        .iter()
        .any(|m| m.id == meeting && m.details.held)
    {
        return Err(AppError::NotFound);
    }
    let settings = state.app().course_settings(org).await?;
    let instrument = Instrument::session_feedback(settings.feedback);
    let mut errors = FormErrors::new();
    let Some(values) = values(&chrome, &instrument, &fields, &mut errors, FEEDBACK_FIELD) else {
        return super::home::home_with_errors(&state, chrome, &ctx, errors).await;
    };
    let command = tandem_app::ratings::SessionFeedback { meeting, values };
    let actor = ctx.actor(state.now());
    tandem_app::ratings::record_session_feedback(
        state.app(),
        &actor,
        ctx.course()?.into(),
        &command,
    )
    .await?;
    Ok(Redirect::to("/me?thanks=1").into_response())
}
