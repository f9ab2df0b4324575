//! The job that moves a worry nobody acknowledged in time one step up: from the processor to
//! the team manager, then to the duty contact. `tandem serve` runs it every few seconds on
//! every instance; each move is an update that names the step it read, so with several
//! instances on one PostgreSQL a worry still moves exactly once per step (ADR 0016).

use tandem_domain::worry::Escalation;
use tandem_store::notifications::NotificationKind;
use time::OffsetDateTime;

use super::Alert;
use crate::actor::Actor;
use crate::app::App;
use crate::courses::commit_with;
use crate::error::ActionError;
use tandem_domain::Id;

/// How many due worries one run looks at; the rest wait for the next run.
const BATCH: i64 = 100;

/// A worry this run moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    /// The worry.
    pub alert: Id<Alert>,
    /// Where it went.
    pub to: Escalation,
}

/// Moves every worry whose next step is due at `now` one step up, queues the e-mail to whoever
/// takes it now, and records the step in the audit trail — in one transaction per worry.
/// Returns the worries this call moved (none that another instance moved first).
///
/// # Errors
/// A database error; worries moved before it stay moved.
pub async fn escalate_due(app: &App, now: OffsetDateTime) -> Result<Vec<Moved>, ActionError> {
    let store = app.store();
    let mut moved = Vec::new();
    for worry in store.due_worries(now, BATCH).await? {
        let Some(to) = worry.escalation.next() else {
            continue;
        };
        let org = worry.organization_id;
        let rules = store.worry_rules(org).await?;
        let (recipients, kind) = match to {
            Escalation::TeamManager => (
                store.team_manager_addresses(org, worry.team_id).await?,
                NotificationKind::WorryTeamManager,
            ),
            Escalation::DutyContact => (
                rules
                    .duty
                    .iter()
                    .map(|d| d.email.as_str().to_owned())
                    .collect(),
                NotificationKind::WorryDutyContact,
            ),
            Escalation::Processor => continue,
        };
        let mut tx = store.begin().await?;
        let next = rules.next_step_at(to, now);
        if !tx
            .move_worry(worry.alert_id, worry.escalation, to, next)
            .await?
        {
            // Acknowledged meanwhile, or another instance moved it: dropping the transaction
            // rolls it back.
            continue;
        }
        for recipient in &recipients {
            tx.queue_notification(org, worry.alert_id, kind, recipient, now)
                .await?;
        }
        let event = Actor::system(org, now).course_event(
            worry.course_id,
            "worry.escalate",
            "alert",
            Some(worry.alert_id.to_string()),
            &format!("not acknowledged in time: to {}", to.as_str()),
        );
        commit_with(tx, event).await?;
        moved.push(Moved {
            alert: worry.alert_id,
            to,
        });
    }
    Ok(moved)
}
