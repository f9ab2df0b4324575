//! The citizen's rights to their data: who looked at it (R17) and a copy of what the young
//! person is entitled to (R21) — without staff-internal notes, other raters' numbers or other
//! people's identifiers.

use tandem_domain::audit::AuditEvent;
use tandem_domain::course::details::CourseDetails;
use tandem_domain::course::kinds::RaterRole;
use tandem_domain::course::work::StepOwner;
use tandem_store::audit::AuditFilter;
use tandem_store::network::MemberRecord;
use tandem_store::voice::StatementRecord;
use tandem_store::work::{GoalRecord, MeetingRecord, StepRecord};
use time::OffsetDateTime;

use super::{CitizenRecord, CitizenRole, course_of};
use crate::actor::Actor;
use crate::app::App;
use crate::audit::{course_read, record_read};
use crate::error::ActionError;

/// The most events the access log shows.
const ACCESS_LOG_LIMIT: i64 = 500;

/// The allowed accesses to the citizen's records, newest first: about the course for the young
/// person, about themselves for a network member.
///
/// # Errors
/// A database error.
pub async fn access_log(
    app: &App,
    account: &CitizenRecord,
) -> Result<Vec<AuditEvent>, ActionError> {
    let subject = match account.role {
        CitizenRole::YoungPerson => account.course_id.to_string(),
        CitizenRole::NetworkMember(member) => member.to_string(),
    };
    let filter = AuditFilter {
        subject_id: Some(subject),
        limit: ACCESS_LOG_LIMIT,
        ..AuditFilter::default()
    };
    let mut tx = app.store().begin_read().await?;
    let events = tx
        .audit_events(&account.organization_id.to_string(), &filter)
        .await?;
    tx.commit().await?;
    Ok(events
        .into_iter()
        .filter(|e| e.outcome == "allowed")
        .collect())
}

/// What the young person may download about themselves.
#[derive(Debug, Clone)]
pub struct MyRecords {
    /// The course's details (the page keeps name and birth date).
    pub details: CourseDetails,
    /// The goals.
    pub goals: Vec<GoalRecord>,
    /// The young person's own steps.
    pub my_steps: Vec<StepRecord>,
    /// The young person's own revealed totals: (when the round opened, total in tenths).
    pub my_ratings: Vec<(OffsetDateTime, i32)>,
    /// The meetings.
    pub meetings: Vec<MeetingRecord>,
    /// The current network (the page keeps relations, not names).
    pub network: Vec<MemberRecord>,
    /// Their messages and the answers.
    pub messages: Vec<StatementRecord>,
}

/// The young person's records, read for the page (`export` false: recorded as a read) or for
/// the download (`export` true: recorded as `citizen.export`).
///
/// # Errors
/// [`ActionError::NotFound`] when the course is gone; [`ActionError::AuditUnavailable`]; a
/// database error.
pub async fn my_records(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    export: bool,
) -> Result<MyRecords, ActionError> {
    let (store, course) = (app.store(), course_of(account));
    let (org, id) = (course.organization_id, course.id);
    let entry = store.course(org, id).await?.ok_or(ActionError::NotFound)?;
    let steps = store.steps_of(org, id).await?;
    let rounds = store.rounds_of(org, id).await?;
    let records = MyRecords {
        details: entry.course.details,
        goals: store.goals_of(org, id).await?,
        my_steps: steps
            .into_iter()
            .filter(|s| s.owner == StepOwner::YoungPerson)
            .collect(),
        // Only the young person's own numbers: other raters' values are theirs.
        my_ratings: rounds
            .iter()
            .filter(|r| r.revealed_at.is_some())
            .flat_map(|r| {
                r.raters
                    .iter()
                    .filter(|rater| rater.role == RaterRole::YoungPerson)
                    .filter_map(move |rater| rater.total.map(|t| (r.opened_at, t)))
            })
            .collect(),
        meetings: store.meetings_of(org, id).await?,
        network: store
            .network_of(org, id)
            .await?
            .into_iter()
            .filter(|m| m.active_to.is_none())
            .collect(),
        messages: store.statements_of(org, id).await?,
    };
    if export {
        let event = actor.course_event(id, "citizen.export", "course", None, "download my data");
        record_read(app, event).await?;
    } else {
        course_read(app, actor, course, "download my data").await?;
    }
    Ok(records)
}
