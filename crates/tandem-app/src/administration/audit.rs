//! The audit viewer: the organization's trail, filtered, with the staff's names beside their
//! ids so people can read it. The search itself is recorded.

use std::collections::HashMap;

use tandem_domain::Id;
use tandem_domain::audit::AuditEvent;
use tandem_domain::organization::Organization;
use tandem_store::audit::AuditFilter;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// What a search of the trail found.
#[derive(Debug, Clone)]
pub struct AuditSearch {
    /// Staff names by account id, for the ids in the events.
    pub names: HashMap<String, String>,
    /// The events, newest first (the filter's limit).
    pub events: Vec<AuditEvent>,
}

/// Searches the organization's trail with `filter`; a filter the page refused (`valid` false)
/// finds nothing, but the attempt is recorded all the same.
///
/// # Errors
/// A database error.
pub async fn search_audit(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    filter: &AuditFilter,
    valid: bool,
) -> Result<AuditSearch, ActionError> {
    let mut tx = app.store().begin_read().await?;
    let names = tx
        .staff_users_of(organization_id)
        .await?
        .into_iter()
        .map(|u| (u.id.to_string(), u.display_name.as_str().to_owned()))
        .collect();
    let events = if valid {
        tx.audit_events(&organization_id.to_string(), filter)
            .await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let mut entry = Entry::allowed("audit.search", "audit_trail", None, "audit viewer");
    entry.subject_id = filter.subject_id.clone();
    crate::audit::record_read(app, actor.event(entry)).await?;
    Ok(AuditSearch { names, events })
}
