//! Story frameworks (the questions a campaign asks): listed, imported from TOML, copied as the
//! next version, archived. A version once used by stories is never changed: a change is a new
//! version.

use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_domain::organization::Organization;
use tandem_store::stories::FrameworkVersion;
use tandem_store::stories::frameworks::FrameworkRecord;
use tandem_store::tx::Tx;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// The organization's framework versions; the shipped default is added first if missing.
///
/// # Errors
/// A database error.
pub async fn frameworks(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
) -> Result<Vec<FrameworkRecord>, ActionError> {
    let store = app.store();
    store
        .ensure_default_framework(organization_id, actor.at())
        .await?;
    Ok(store.frameworks(organization_id).await?)
}

/// One framework version.
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such version; a database error.
pub async fn framework(
    app: &App,
    organization_id: Id<Organization>,
    id: Id<FrameworkVersion>,
) -> Result<FrameworkRecord, ActionError> {
    app.store()
        .framework(organization_id, id)
        .await?
        .ok_or(ActionError::NotFound)
}

/// What importing a framework came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameworkImport {
    /// Stored as this version.
    Stored(Id<FrameworkVersion>),
    /// The organization has this key and version already (nothing changed).
    VersionTaken,
}

/// Stores a parsed framework as a new version.
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn import_framework(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    framework: &Framework,
) -> Result<FrameworkImport, ActionError> {
    let mut tx = app.store().begin().await?;
    if tx
        .framework_version_exists(organization_id, framework.id(), framework.version())
        .await?
    {
        return Ok(FrameworkImport::VersionTaken);
    }
    let id = insert(tx, actor, organization_id, framework, "framework.import").await?;
    Ok(FrameworkImport::Stored(id))
}

/// Copies a version as the next free version of the same framework; returns the copy.
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such version; a database error.
pub async fn copy_framework(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    id: Id<FrameworkVersion>,
) -> Result<Id<FrameworkVersion>, ActionError> {
    let record = framework(app, organization_id, id).await?;
    let latest = app
        .store()
        .latest_framework_version(organization_id, record.framework.id())
        .await?
        .unwrap_or(0);
    let mut copy = record.framework.next_version();
    while i64::from(copy.version()) <= i64::from(latest) {
        copy = copy.next_version();
    }
    let tx = app.store().begin().await?;
    insert(tx, actor, organization_id, &copy, "framework.copy").await
}

/// Inserts `framework` in `tx`, records `action` and commits.
async fn insert(
    mut tx: Tx,
    actor: &Actor,
    organization_id: Id<Organization>,
    framework: &Framework,
    action: &str,
) -> Result<Id<FrameworkVersion>, ActionError> {
    let id = tx
        .insert_framework(organization_id, framework, actor.at())
        .await?;
    let entry = Entry::allowed(action, "framework", Some(id.to_string()), "frameworks");
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Archives a version: no new campaign can use it.
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such version; a database error.
pub async fn archive_framework(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    id: Id<FrameworkVersion>,
) -> Result<(), ActionError> {
    let record = framework(app, organization_id, id).await?;
    let mut tx = app.store().begin().await?;
    tx.archive_framework(organization_id, record.id, actor.at())
        .await?;
    let entry = Entry::allowed(
        "framework.archive",
        "framework",
        Some(record.id.to_string()),
        "frameworks",
    );
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(())
}
