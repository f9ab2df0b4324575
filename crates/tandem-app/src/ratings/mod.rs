//! Rating rounds: the processor opens a round for the invited raters; each rates blind —
//! nobody sees another's values until all have rated or the facilitator reveals — and then
//! "what makes it that number?" is recorded. Session feedback after a meeting is a one-rater
//! round ([`feedback`]). When a round becomes visible and the young person's own ratings show a
//! reliable deterioration under the norms for their age, an alert goes on the worklist
//! ([`alerts`]) — in the same transaction as the rating or reveal that made it visible.
//!
//! # Layout
//! - this file: opening a round, recording a rating, revealing, the reflection.
//! - [`feedback`]: session feedback with its low-feedback alert.
//! - [`alerts`]: the two alert rules.
//! - [`reads`]: what the rating pages read (new-round choices, one round).

pub mod alerts;
pub mod feedback;
pub mod reads;

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::{AlertKind, RaterRole, RatingMode};
use tandem_domain::local_time::copenhagen_date;
use tandem_store::network::Member;
use tandem_store::ratings::{Alert, NewRound, Rating};
use tandem_store::tx::Tx;
use tandem_store::work::Goal;

use crate::actor::Actor;
use crate::app::App;
use crate::error::ActionError;

pub use crate::courses::CourseRef;
pub use feedback::{FeedbackOutcome, SessionFeedback, record_session_feedback};
pub use reads::{RoundChoices, RoundView, round, round_and_instrument, round_choices};
pub use tandem_store::ratings::{Rater, RaterRecord, Round, RoundRecord, young_persons_totals};

/// A new round, as parsed from the processor's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRound {
    /// The instrument (never session feedback: that round opens with its meeting's feedback).
    pub instrument_key: String,
    /// The goal rated, for per-goal instruments.
    pub goal: Option<Id<Goal>>,
    /// How it is rated.
    pub mode: RatingMode,
    /// The invited raters with their labels.
    pub raters: Vec<(RaterRole, String)>,
    /// Invited network members who rate through their own login: (label, member).
    pub linked_members: Vec<(String, Id<Member>)>,
}

/// Opens a round with its raters, links the members who rate themselves, and records it.
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn open(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    command: &OpenRound,
) -> Result<Id<Round>, ActionError> {
    let round = NewRound {
        instrument_key: &command.instrument_key,
        goal_id: command.goal,
        meeting_id: None,
        mode: command.mode,
        opened_by: actor.staff_user(),
        raters: command.raters.clone(),
    };
    let mut tx = app.store().begin().await?;
    let round_id = tx
        .open_round(course.organization_id, course.id, &round, actor.at())
        .await?;
    for (label, member) in &command.linked_members {
        tx.link_rater_member(course.organization_id, round_id, label, *member)
            .await?;
    }
    tx.append_audit(actor.course_event(
        course.id,
        "rating.open",
        "rating_round",
        Some(round_id.to_string()),
        "ratings",
    ))
    .await?;
    tx.commit().await?;
    Ok(round_id)
}

/// One rater's values, parsed against the round's instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRating {
    /// The round.
    pub round: Id<Round>,
    /// The invited rater.
    pub rater: Id<Rater>,
    /// Item values in tenths, one per item of the instrument.
    pub values: Vec<i32>,
    /// "What makes it that number?" from this rater.
    pub comment: Option<PlainText>,
}

/// What a rating or a reveal led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingOutcome {
    /// A deterioration alert raised because the round became visible.
    pub alert: Option<Id<Alert>>,
}

/// Records one rater's values (once: a rater who already rated, or is not in the round, is
/// [`ActionError::NotFound`]); when it was the last rater the round is revealed, and a reliable
/// deterioration raises its alert — all in one transaction. `purpose` names the page it was
/// done from, for the audit trail.
///
/// # Errors
/// [`ActionError::NotFound`], or a database error; nothing is then stored.
pub async fn record(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    command: &RecordRating,
    purpose: &str,
) -> Result<RatingOutcome, ActionError> {
    let rule = alerts::DeteriorationCheck::load(app, course, actor).await?;
    let mut tx = app.store().begin().await?;
    let rating = Rating {
        rater_id: command.rater,
        values: &command.values,
        comment: command.comment.as_ref().map(PlainText::as_str),
    };
    if !tx
        .submit_rating(
            course.organization_id,
            course.id,
            command.round,
            &rating,
            actor.at(),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    tx.append_audit(actor.course_event(
        course.id,
        "rating.submit",
        "rating",
        Some(command.rater.to_string()),
        purpose,
    ))
    .await?;
    let alert = raise_deterioration(&mut tx, actor, course, command.round, rule).await?;
    tx.commit().await?;
    Ok(RatingOutcome { alert })
}

/// Reveals a round before everyone has rated (the facilitator's choice), with the
/// deterioration check that every revealed round gets. A round already visible (a second
/// click) changes nothing and records nothing.
///
/// # Errors
/// [`ActionError::NotFound`] when the round is not this course's; a database error; nothing is
/// then stored.
pub async fn reveal(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    round: Id<Round>,
) -> Result<RatingOutcome, ActionError> {
    let rule = alerts::DeteriorationCheck::load(app, course, actor).await?;
    let mut tx = app.store().begin().await?;
    if !tx
        .reveal_round(course.organization_id, course.id, round, actor.at())
        .await?
    {
        // Nothing changed: a second click on a round of this course, or a round that is not
        // this course's — which must look like any other page that does not exist (R2).
        let ours = tx
            .rounds_of(course.organization_id, course.id)
            .await?
            .iter()
            .any(|r| r.id == round);
        return if ours {
            Ok(RatingOutcome { alert: None })
        } else {
            Err(ActionError::NotFound)
        };
    }
    tx.append_audit(actor.course_event(
        course.id,
        "rating.reveal",
        "rating_round",
        Some(round.to_string()),
        "ratings",
    ))
    .await?;
    let alert = raise_deterioration(&mut tx, actor, course, round, rule).await?;
    tx.commit().await?;
    Ok(RatingOutcome { alert })
}

/// Records "what makes it that number?" for a revealed round.
///
/// # Errors
/// [`ActionError::NotFound`] when the round is not revealed in this course; a database error.
pub async fn reflect(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    round: Id<Round>,
    reflection: &PlainText,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .set_reflection(
            course.organization_id,
            course.id,
            round,
            reflection.as_str(),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    tx.append_audit(actor.course_event(
        course.id,
        "rating.reflection",
        "rating_round",
        Some(round.to_string()),
        "ratings",
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Inside the rating's transaction: when `round` is now visible and the young person's own
/// totals deteriorated reliably, raises the alert and records it.
async fn raise_deterioration(
    tx: &mut Tx,
    actor: &Actor,
    course: CourseRef,
    round: Id<Round>,
    rule: alerts::DeteriorationCheck,
) -> Result<Option<Id<Alert>>, ActionError> {
    let alert = deterioration_alert_in(tx, course, round, &rule, actor.at()).await?;
    if alert.is_some() {
        let event = actor.course_event(course.id, "alert.raise", "alert", None, "ratings");
        tx.append_audit(event).await?;
    }
    Ok(alert)
}

/// The deterioration rule inside a caller's transaction, without an audit event: raises the
/// alert (at `at`) when `round` is visible and the young person's own totals on its instrument
/// and goal deteriorated reliably. The demo generator applies it to the rounds it lays down.
///
/// # Errors
/// A database error.
pub async fn deterioration_alert_in(
    tx: &mut Tx,
    course: CourseRef,
    round: Id<Round>,
    rule: &alerts::DeteriorationCheck,
    at: time::OffsetDateTime,
) -> Result<Option<Id<Alert>>, ActionError> {
    let rounds = tx.rounds_of(course.organization_id, course.id).await?;
    let Some(detail) = rule.detail(&rounds, round) else {
        return Ok(None);
    };
    let (org, id) = (course.organization_id, course.id);
    let source = Some(round.to_string());
    let kind = AlertKind::Deterioration;
    // One alert per round: a late rater in a round the facilitator revealed earlier must not
    // raise it a second time.
    if tx.alert_raised(org, id, kind, &round.to_string()).await? {
        return Ok(None);
    }
    Ok(Some(
        tx.raise_alert(org, id, kind, source, &detail, at).await?,
    ))
}

/// The Copenhagen date of the actor's moment (ages and norms are about Danish days).
fn today(actor: &Actor) -> time::Date {
    copenhagen_date(actor.at())
}
