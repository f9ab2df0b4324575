//! Meetings: the course's meetings as their pages show them, and recording one — the meeting
//! itself, who of the network took part and how, the step agreed at it, and (when asked) a
//! snapshot of the network as it stood that day. One act, one transaction: a meeting is never
//! stored without its attendance or its step.

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::Channel;
use tandem_domain::course::work::MeetingDetails;
use tandem_domain::course::work::StepOwner;
use tandem_domain::instrument::Instrument;
use tandem_store::network::Member;
use tandem_store::ratings::RoundRecord;
use tandem_store::work::{NewStep, StepRecord};
use time::Date;

use crate::actor::Actor;
use crate::app::App;
use crate::audit::course_read;
use crate::error::ActionError;
use crate::ratings::CourseRef;

pub use tandem_store::work::{Meeting, MeetingRecord, Participant};

/// A step agreed at the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreedStep {
    /// What is to be done.
    pub description: PlainText,
    /// Who does it.
    pub owner: StepOwner,
    /// When it is due.
    pub due_date: Option<Date>,
}

/// One network member's attendance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendance {
    /// The member.
    pub member: Id<Member>,
    /// Whether they took part; `channel` says how.
    pub attended: bool,
    /// In person, online, by phone or by statement.
    pub channel: Option<Channel>,
}

/// A meeting as parsed from the processor's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordMeeting {
    /// What, when, and what was said.
    pub details: MeetingDetails,
    /// How the young person took part, when they did.
    pub young_person_channel: Option<Channel>,
    /// The network's attendance.
    pub attendance: Vec<Attendance>,
    /// The step agreed, if any.
    pub step: Option<AgreedStep>,
    /// Whether to freeze the network as it stands, linked to the meeting.
    pub snapshot: bool,
}

/// Records the meeting with its attendance, step and snapshot, facilitated by the acting
/// member of staff.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error. Nothing is stored on
/// any error.
pub async fn record(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    command: &RecordMeeting,
) -> Result<Id<Meeting>, ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let facilitator = actor.staff_user().ok_or(ActionError::NotFound)?;
    let snapshot = if command.snapshot {
        let members = app.store().network_of(org, id).await?;
        Some(
            members
                .iter()
                .filter(|m| m.active_to.is_none())
                .map(tandem_store::network::MemberRecord::snapshot_entry)
                .collect::<Vec<_>>(),
        )
    } else {
        None
    };
    let mut tx = app.store().begin().await?;
    let meeting = tx
        .insert_meeting(
            org,
            id,
            &command.details,
            command.young_person_channel,
            facilitator,
            actor.at(),
        )
        .await?;
    for a in &command.attendance {
        tx.insert_participant(org, meeting, &a.member.to_string(), a.attended, a.channel)
            .await?;
    }
    if let Some(step) = &command.step {
        let step = NewStep {
            description: step.description.clone(),
            owner: step.owner.clone(),
            goal_id: None,
            due_date: step.due_date,
            meeting_id: Some(meeting),
        };
        tx.insert_step(org, id, &step, actor.at()).await?;
    }
    if let Some(entries) = snapshot {
        let (on, link) = (command.details.held_on, Some(meeting.to_string()));
        tx.insert_snapshot(org, id, on, link, &entries, actor.at())
            .await?;
    }
    tx.append_audit(actor.course_event(
        id,
        "meeting.create",
        "meeting",
        Some(meeting.to_string()),
        "meetings",
    ))
    .await?;
    tx.commit().await?;
    Ok(meeting)
}

/// The course's meetings, newest first, read for the meetings page (audited).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn list(
    app: &App,
    actor: &Actor,
    course: CourseRef,
) -> Result<Vec<MeetingRecord>, ActionError> {
    let meetings = app
        .store()
        .meetings_of(course.organization_id, course.id)
        .await?;
    course_read(app, actor, course, "meetings").await?;
    Ok(meetings)
}

/// One meeting as its page shows it.
#[derive(Debug, Clone)]
pub struct MeetingView {
    /// The meeting with its participants.
    pub meeting: MeetingRecord,
    /// The course's steps (the page keeps those agreed at this meeting).
    pub steps: Vec<StepRecord>,
    /// The course's rating rounds (the page keeps this meeting's session feedback).
    pub rounds: Vec<RoundRecord>,
    /// The organization's session-feedback instrument, with its alert thresholds.
    pub feedback: Instrument,
}

/// The meeting `meeting` of the course, the read audited.
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such meeting;
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn show(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    meeting: Id<Meeting>,
) -> Result<MeetingView, ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let store = app.store();
    let meeting = store
        .meetings_of(org, id)
        .await?
        .into_iter()
        .find(|m| m.id == meeting)
        .ok_or(ActionError::NotFound)?;
    let steps = store.steps_of(org, id).await?;
    let rounds = store.rounds_of(org, id).await?;
    let settings = app.course_settings(org).await?;
    course_read(app, actor, course, "meeting").await?;
    Ok(MeetingView {
        meeting,
        steps,
        rounds,
        feedback: Instrument::session_feedback(settings.feedback),
    })
}
