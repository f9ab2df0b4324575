//! Building audit events from a request (R15). Handlers append them inside the same transaction
//! as the operation they record.

use tandem_domain::audit::Outcome;
use tandem_domain::policy::Principal;
use tandem_store::audit::NewAuditEvent;

use crate::context::RequestContext;
use crate::state::AppState;

/// The role name recorded for a principal.
#[must_use]
pub fn role_name(principal: &Principal) -> &'static str {
    match principal {
        Principal::Anonymous => "anonymous",
        Principal::Staff(staff) => staff.role.as_str(),
        Principal::YoungPerson { .. } => "young_person",
        Principal::NetworkMember { .. } => "network_member",
    }
}

/// What happened, to whom and to what; the rest comes from the request.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Dotted action, e.g. `user.read`.
    pub action: &'a str,
    /// Kind of record.
    pub object_kind: &'a str,
    /// The record.
    pub object_id: Option<String>,
    /// The person the data is about.
    pub subject_id: Option<String>,
    /// Why — usually the page.
    pub purpose: &'a str,
    /// Outcome.
    pub outcome: Outcome,
}

/// An event for the request's caller.
#[must_use]
pub fn event(state: &AppState, ctx: &RequestContext, entry: Entry<'_>) -> NewAuditEvent {
    NewAuditEvent {
        at: state.now(),
        organization_id: ctx.principal.organization_id().map(|id| id.to_string()),
        actor_id: ctx
            .principal
            .staff()
            .map(|s| s.user_id.to_string())
            .or_else(|| ctx.citizen.as_ref().map(|c| c.account.id.to_string())),
        actor_role: role_name(&ctx.principal).to_owned(),
        action: entry.action.to_owned(),
        subject_id: entry.subject_id,
        object_kind: entry.object_kind.to_owned(),
        object_id: entry.object_id,
        purpose: entry.purpose.to_owned(),
        outcome: entry.outcome,
        ip: Some(ctx.ip.clone()),
    }
}

impl<'a> Entry<'a> {
    /// An allowed action on one record about one person (the record's own id as subject).
    #[must_use]
    pub fn allowed(
        action: &'a str,
        object_kind: &'a str,
        object_id: Option<String>,
        purpose: &'a str,
    ) -> Self {
        Self {
            action,
            object_kind,
            subject_id: object_id.clone(),
            object_id,
            purpose,
            outcome: Outcome::Allowed,
        }
    }
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
    let event = event(state, ctx, entry);
    let result: Result<(), crate::error::AppError> = async {
        let mut tx = state.store().begin().await?;
        tx.append_audit(event).await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    result.map_err(|e| crate::error::AppError::AuditUnavailable(Box::new(e)))
}
