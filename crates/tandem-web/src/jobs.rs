//! Work `tandem serve` does on a schedule, beside the requests: the worry job moves worries
//! nobody acknowledged in time one step up, then sends the e-mail waiting in the outbox (ADR
//! 0016). Every instance runs it; the database decides which instance does each step, so
//! several instances on one PostgreSQL move a worry once and send a message once.

use std::time::Duration;

use tokio::task::JoinHandle;

use crate::state::AppState;

/// Starts the worry job, running every `every` with the state's clock, until aborted.
#[must_use]
pub fn spawn_worry_job(state: AppState, every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            run_worry_job_once(&state).await;
            tokio::time::sleep(every).await;
        }
    })
}

/// One run: escalate what is due, then deliver. A failure is logged and the next run tries
/// again; the job never stops the server.
pub async fn run_worry_job_once(state: &AppState) {
    let now = state.now();
    match tandem_app::worries::escalation::escalate_due(state.app(), now).await {
        Ok(moved) => {
            for m in moved {
                tracing::warn!(alert = %m.alert, to = m.to.as_str(), "worry not acknowledged in time: moved up");
            }
        }
        Err(error) => tracing::error!(%error, "worry escalation failed"),
    }
    if let Some(mailer) = &state.config().mailer {
        match tandem_app::mail::deliver(state.app(), mailer, now).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "worry e-mail sent"),
            Err(error) => tracing::error!(%error, "worry e-mail not delivered"),
        }
    }
}
