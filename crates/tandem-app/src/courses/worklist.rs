//! "My courses": the processor's assigned courses (or the team's, for its manager), sorted by
//! what needs attention first — the most serious open alert, then how many, then the earliest of
//! the next deadline and the next meeting.

use std::cmp::Reverse;

use tandem_domain::course::kinds::AlertKind;
use tandem_domain::staff::StaffRole;
use time::Date;

use super::deadlines::next_deadline;
use super::{CourseSettings, WorkScope, WorklistEntry, today};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// The worklist as its page shows it.
#[derive(Debug, Clone)]
pub struct Worklist {
    /// The organization's course settings (read fresh), for the deadline lights.
    pub settings: CourseSettings,
    /// The courses, most urgent first.
    pub entries: Vec<WorklistEntry>,
    /// A team manager whose organization does not let managers read courses.
    pub manager_without_access: bool,
}

/// The sort key, most urgent first: the most serious open alert (a worry above a reliable
/// deterioration above low session feedback, [`AlertKind::severity`]), then the number of open
/// alerts, then the earliest of the next deadline and the next meeting.
fn urgency(
    entry: &WorklistEntry,
    settings: &CourseSettings,
    today: Date,
) -> (Reverse<Option<u8>>, Reverse<i64>, Date) {
    let deadline = next_deadline(entry, settings, today).map(|(due, _)| due);
    let due = [deadline, entry.dates.next_meeting(today)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(Date::MAX);
    (
        Reverse(entry.most_serious_alert.map(AlertKind::severity)),
        Reverse(entry.open_alerts),
        due,
    )
}

/// The acting member of staff's worklist, the listing audited: a processor's own courses, a team
/// manager's team's courses when the organization lets managers read courses, nobody else's.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn worklist(app: &App, actor: &Actor) -> Result<Worklist, ActionError> {
    let staff = actor.staff().copied().ok_or(ActionError::NotFound)?;
    let store = app.store();
    // Read fresh, not from the kept configuration: whether a manager may list the team's
    // courses is access, and must follow a change at once on every instance.
    let settings = store.course_settings(staff.organization_id).await?;
    let scope = match (staff.role, staff.team_id) {
        (StaffRole::TeamManager, Some(team)) if settings.managers_read_courses => {
            Some(WorkScope::Team(team))
        }
        (StaffRole::Processor, _) => Some(WorkScope::Processor(staff.user_id)),
        _ => None,
    };
    let mut entries = match scope {
        Some(scope) => store.worklist(staff.organization_id, scope).await?,
        None => Vec::new(),
    };
    let mut entry = Entry::allowed("course.list", "worklist", None, "my courses");
    entry.subject_id = None;
    crate::audit::record_read(app, actor.event(entry)).await?;
    let today = today(actor);
    entries.sort_by_key(|e| urgency(e, &settings, today));
    Ok(Worklist {
        manager_without_access: staff.role == StaffRole::TeamManager && scope.is_none(),
        settings,
        entries,
    })
}
