//! A team's three columns, with the drill-down from one shown indicator to the courses behind
//! it — each course only when the caller may list it.

use tandem_domain::Id;
use tandem_domain::policy::{Course, CourseAccess};
use tandem_store::courses::WorkScope;

use super::{Computed, compute};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::audit::record_read;
use crate::error::ActionError;
use crate::practices::TeamRef;
use crate::practices::team::TeamRecord;

/// A course behind an indicator, as the drill-down lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseBehind {
    /// The course.
    pub id: Id<Course>,
    /// The young person's name.
    pub name: String,
}

/// A team's view.
#[derive(Debug, Clone)]
pub struct TeamView {
    /// The team.
    pub team: TeamRecord,
    /// The view.
    pub computed: Computed,
    /// The indicator drilled into (its key) and the courses behind it the caller may list.
    pub drill: Option<(&'static str, Vec<CourseBehind>)>,
    /// Who the first course covered belongs to: the web layer links the indicators to their
    /// courses when the caller may list it.
    pub first_course: Option<CourseAccess>,
}

/// The team's view; with `show` (an indicator's key), the courses behind that indicator that
/// `may_list` allows. The read is recorded before anything is shown, its purpose naming the
/// drill-down when there was one.
///
/// # Errors
/// [`ActionError::NotFound`] when the team is not active; the read cannot be recorded; a
/// database error.
pub async fn show(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    show: Option<&str>,
    may_list: impl Fn(&CourseAccess) -> bool,
) -> Result<TeamView, ActionError> {
    let record = crate::practices::team::active(app, team).await?;
    let org = team.organization_id;
    let (facts, computed) = compute(app, org, WorkScope::TeamAll(team.id), actor).await?;
    let mut drill = None;
    if let Some(indicator) = computed
        .indicators
        .iter()
        .find(|i| Some(i.key) == show && !i.suppressed)
    {
        // One read for the courses behind it, kept in the indicator's order.
        let found = app.store().guarded_courses(org, &indicator.courses).await?;
        let behind: Vec<CourseBehind> = indicator
            .courses
            .iter()
            .filter_map(|id| found.iter().find(|g| g.access.id == *id))
            .filter(|g| may_list(&g.access))
            .map(|g| CourseBehind {
                id: g.access.id,
                name: g.course.details.young_person_name.as_str().to_owned(),
            })
            .collect();
        if !behind.is_empty() {
            drill = Some((indicator.key, behind));
        }
    }
    let purpose = if drill.is_some() {
        "team indicators, courses behind one"
    } else {
        "team indicators"
    };
    let entry = Entry::allowed(
        "indicators.read",
        "team",
        Some(team.id.to_string()),
        purpose,
    );
    record_read(app, actor.event(entry)).await?;
    let first_course = match facts.first() {
        Some(first) => app.store().course_access(org, first.id).await?,
        None => None,
    };
    Ok(TeamView {
        team: record,
        computed,
        drill,
        first_course,
    })
}
