//! Session feedback after a meeting: the young person's four ratings, recorded as a one-rater
//! round (with an alert under the organization's thresholds), and shown on the meeting page.

use std::collections::HashMap;

use axum::extract::Path;
use axum::response::Response;
use tandem_app::meetings::Meeting;
use tandem_app::ratings::{self, RoundRecord};
use tandem_domain::Id;
use tandem_domain::instrument::{Instrument, SESSION_FEEDBACK};

use crate::numbers::tenths;

use super::super::meetings::meeting_page;
use super::super::shared::{path_id, show_date};
use crate::error::AppError;
use crate::forms::{Form, FormErrors, kept};
use crate::i18n::Translator;
use crate::kit::see_other;
use crate::kit::values::{VALUE_FIELDS, parse_values, values_from};
use crate::local_time::copenhagen_date;
use crate::page::Page;

/// The feedback's values; on refusal, what was typed (kept) and the errors.
fn parse_feedback(
    tr: &Translator,
    instrument: &Instrument,
    fields: &HashMap<String, String>,
) -> Result<Vec<i32>, (Vec<String>, FormErrors)> {
    let inputs = values_from(fields, instrument.items.len());
    let mut errors = FormErrors::new();
    let values = parse_values(tr, instrument, &inputs, VALUE_FIELDS, &mut errors);
    match values.filter(|_| errors.is_empty()) {
        Some(values) => Ok(values),
        None => Err((inputs.iter().map(|v| kept(v)).collect(), errors)),
    }
}

/// Records the session-feedback form for a meeting (a one-rater round), with an alert when the
/// total or an item is under the organization's thresholds.
pub(crate) async fn record_feedback(
    Page { state, chrome, ctx }: Page,
    Path((_, meeting_id)): Path<(String, String)>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (course, meeting) = (ctx.course_ref()?, path_id::<Meeting>(&meeting_id)?);
    let settings = state.app().course_settings(course.organization_id).await?;
    let instrument = Instrument::session_feedback(settings.feedback);
    let values = match parse_feedback(&chrome.tr, &instrument, &fields) {
        Ok(values) => values,
        Err(failed) => return meeting_page(&state, chrome, &ctx, meeting, Some(failed)).await,
    };
    let command = ratings::SessionFeedback { meeting, values };
    let actor = ctx.actor(state.now());
    ratings::record_session_feedback(state.app(), &actor, course, &command).await?;
    let id = course.id;
    see_other(&format!("/courses/{id}/meetings/{meeting}#feedback"))
}

/// The session-feedback rounds of a meeting, as (date, item values, total, alerted).
pub(crate) fn feedback_of(
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
                values.iter().map(|v| tenths(tr, *v)).collect(),
                tenths(tr, values.iter().sum()),
                instrument.alerts(&values),
            ))
        })
        .collect()
}
