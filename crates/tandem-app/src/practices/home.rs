//! What is due in a team's practices, for the manager's home page: the next huddle, probe
//! reviews, the good-enough story's revision, the pulse leaving its normal range, overdue steps.

use tandem_domain::practice::account::{RevisionDue, revision_due};
use time::Date;

use super::TeamRef;
use super::board::{NextStepRecord, ProbeRecord};
use crate::app::App;
use crate::error::ActionError;

/// Without a huddle for this many days, the next one is due (the practice is "short and
/// regular"; two weeks is the longest gap the manager's home lets pass quietly).
pub const HUDDLE_DUE_AFTER_DAYS: i64 = 14;

/// Why a huddle is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HuddleDue {
    /// The team never held one.
    First,
    /// The last one (held that day) is [`HUDDLE_DUE_AFTER_DAYS`] or more ago.
    Since(Date),
}

/// What is due for the team's manager, in the order the home page lists it.
#[derive(Debug, Clone)]
pub struct ManagerDue {
    /// The next huddle, when due.
    pub huddle: Option<HuddleDue>,
    /// The day of the last huddle held, if any (the head's cockpit shows it).
    pub last_huddle: Option<Date>,
    /// The probes still running (not stopped).
    pub running: Vec<ProbeRecord>,
    /// Probes whose review is due.
    pub probes: Vec<ProbeRecord>,
    /// Why the good-enough story is due for revision, if it is.
    pub revision: Option<RevisionDue>,
    /// Whether the pulse's latest week left its normal range.
    pub pulse_alert: bool,
    /// The team's open next steps.
    pub open_steps: Vec<NextStepRecord>,
    /// Of them, those overdue.
    pub overdue: usize,
}

/// What is due for the manager of `team` on `today`.
///
/// # Errors
/// A database error.
pub async fn manager_due(app: &App, team: TeamRef, today: Date) -> Result<ManagerDue, ActionError> {
    let (org, store) = (team.organization_id, app.store());
    let open_steps = store.open_steps(org, team.id).await?;
    let last = store
        .huddles(org, team.id)
        .await?
        .into_iter()
        .map(|h| h.details.held_on)
        .filter(|d| *d <= today)
        .max();
    let huddle = match last {
        None => Some(HuddleDue::First),
        Some(day) if (today - day).whole_days() >= HUDDLE_DUE_AFTER_DAYS => {
            Some(HuddleDue::Since(day))
        }
        Some(_) => None,
    };
    let all_probes = store.probes(org, team.id).await?;
    let running: Vec<ProbeRecord> = all_probes.iter().filter(|p| !p.stopped).cloned().collect();
    let probes = all_probes
        .into_iter()
        .filter(|p| p.review_due(today))
        .collect();
    let account = store.account(org, team.id).await?;
    let revision = revision_due(
        account.current().map(|v| v.written_on),
        &account.met_days(),
        today,
    );
    let pulse_alert = super::rhythms::pulse_of(app, team, today)
        .await?
        .is_some_and(|p| p.alert());
    let overdue = open_steps.iter().filter(|s| s.is_overdue(today)).count();
    Ok(ManagerDue {
        huddle,
        last_huddle: last,
        running,
        probes,
        revision,
        pulse_alert,
        open_steps,
        overdue,
    })
}
