//! Session feedback: the young person's four ratings of a meeting (a one-rater round), with an
//! alert for the processor when the total or an item falls under the organization's thresholds.
//! Opening the round, the rating and the alert are one act: all of it is stored, or none.

use tandem_domain::Id;
use tandem_domain::course::kinds::{AlertKind, RaterRole, RatingMode};
use tandem_domain::instrument::{Instrument, SESSION_FEEDBACK};
use tandem_domain::staff::User;
use tandem_store::ratings::{Alert, NewRound, Rater, Rating, Round};
use tandem_store::tx::Tx;
use tandem_store::work::Meeting;
use time::OffsetDateTime;

use super::CourseRef;
use super::alerts::low_feedback;
use crate::actor::Actor;
use crate::app::App;
use crate::error::ActionError;

/// The feedback form, parsed against the session-feedback instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFeedback {
    /// The meeting it is about.
    pub meeting: Id<Meeting>,
    /// The four item values in tenths.
    pub values: Vec<i32>,
}

/// What the feedback led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackOutcome {
    /// The round holding the feedback.
    pub round: Id<Round>,
    /// The low-feedback alert, when the values fell under the thresholds.
    pub alert: Option<Id<Alert>>,
}

/// Records session feedback on one of the course's meetings: the round, the young person's
/// rating, the alert when it is low, and their audit events, in one transaction.
///
/// # Errors
/// [`ActionError::NotFound`] when the meeting is not the course's; a database error. Nothing is
/// stored on any error.
pub async fn record_session_feedback(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    command: &SessionFeedback,
) -> Result<FeedbackOutcome, ActionError> {
    let store = app.store();
    let (org, id) = (course.organization_id, course.id);
    if !store
        .meetings_of(org, id)
        .await?
        .iter()
        .any(|m| m.id == command.meeting)
    {
        return Err(ActionError::NotFound);
    }
    // One statement for the name; the worklist read (`course`) also counts and dates.
    let found = store
        .guarded_course(org, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let instrument = Instrument::session_feedback(app.course_settings(org).await?.feedback);
    let young_person = found.course.details.young_person_name.as_str();
    let mut tx = store.begin().await?;
    let outcome = session_feedback_in(
        &mut tx,
        course,
        young_person,
        &instrument,
        command,
        (actor.staff_user(), actor.at()),
    )
    .await?;
    let purpose = "session feedback";
    let round = Some(outcome.round.to_string());
    for event in [
        actor.course_event(id, "rating.open", "rating_round", round, purpose),
        actor.course_event(
            id,
            "rating.submit",
            "rating",
            Some(outcome.rater.to_string()),
            purpose,
        ),
    ] {
        tx.append_audit(event).await?;
    }
    if outcome.alert.is_some() {
        tx.append_audit(actor.course_event(id, "alert.raise", "alert", None, purpose))
            .await?;
    }
    tx.commit().await?;
    Ok(FeedbackOutcome {
        round: outcome.round,
        alert: outcome.alert,
    })
}

/// The writes of session feedback inside a caller's transaction, without audit events: the
/// demo generator lays down a year of history with it (history made up, not acts of people).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackWrites {
    /// The round.
    pub round: Id<Round>,
    /// The young person's rating in it.
    pub rater: Id<Rater>,
    /// The alert, when raised.
    pub alert: Option<Id<Alert>>,
}

/// Opens the one-rater round, records the values and raises the alert when they are low, in
/// `tx`. `by` is who opened it (staff, or nobody for the young person's own login) and when.
///
/// # Errors
/// A database error.
pub async fn session_feedback_in(
    tx: &mut Tx,
    course: CourseRef,
    young_person: &str,
    instrument: &Instrument,
    command: &SessionFeedback,
    by: (Option<Id<User>>, OffsetDateTime),
) -> Result<FeedbackWrites, ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let (opened_by, at) = by;
    let round = NewRound {
        instrument_key: SESSION_FEEDBACK,
        goal_id: None,
        meeting_id: Some(command.meeting),
        mode: RatingMode::SelfRated,
        opened_by,
        raters: vec![(RaterRole::YoungPerson, young_person.to_owned())],
    };
    let round_id = tx.open_round(org, id, &round, at).await?;
    let rater = tx
        .rater_ids(org, round_id)
        .await?
        .into_iter()
        .next()
        .map(|(rater, _)| rater)
        .ok_or(ActionError::NotFound)?;
    let rating = Rating {
        rater_id: rater,
        values: &command.values,
        comment: None,
    };
    if !tx.submit_rating(org, id, round_id, &rating, at).await? {
        return Err(ActionError::NotFound);
    }
    let alert = match low_feedback(instrument, &command.values) {
        Some(detail) => Some(
            tx.raise_alert(
                org,
                id,
                AlertKind::SessionFeedback,
                Some(round_id.to_string()),
                &detail,
                at,
            )
            .await?,
        ),
        None => None,
    };
    Ok(FeedbackWrites {
        round: round_id,
        rater,
        alert,
    })
}
