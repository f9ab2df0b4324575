//! Building audit events from a request (R15): the request's caller as a `tandem-app` actor.
//! Handlers that still write outside `tandem-app` append them inside the same transaction as the
//! operation they record.

use tandem_app::audit::NewAuditEvent;

pub use tandem_app::actor::{Entry, role_name};

use crate::context::RequestContext;
use crate::state::AppState;

/// An event for the request's caller.
#[must_use]
pub fn event(state: &AppState, ctx: &RequestContext, entry: Entry<'_>) -> NewAuditEvent {
    ctx.actor(state.now()).event(entry)
}

/// Records a read in its own transaction before anything is served; when the trail cannot be
/// written nothing is served (R15: fail closed).
///
/// # Errors
/// [`crate::error::AppError::AuditUnavailable`] when the event could not be stored.
pub async fn record_read(
    state: &AppState,
    ctx: &RequestContext,
    entry: Entry<'_>,
) -> Result<(), crate::error::AppError> {
    tandem_app::audit::record_read(state.app(), event(state, ctx, entry)).await?;
    Ok(())
}
