//! Course settings and instruments, changed by administrators. Each change is recorded, and
//! the configuration this instance keeps is forgotten so the next page reads the new one.

use tandem_domain::Id;
use tandem_domain::instrument::Instrument;
use tandem_domain::organization::Organization;
use tandem_store::settings::CourseSettings;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// Replaces the organization's course settings.
///
/// # Errors
/// A database error; nothing is then changed.
pub async fn save_course_settings(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    settings: &CourseSettings,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    tx.update_course_settings(organization_id, settings).await?;
    let mut entry = Entry::allowed(
        "settings.update",
        "organization",
        Some(organization_id.to_string()),
        "course settings",
    );
    entry.subject_id = None;
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    app.forget_configuration(organization_id);
    Ok(())
}

/// Why an instrument was saved, as the audit trail records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstrumentChange {
    /// A new instrument.
    Created,
    /// Norms added to an instrument.
    Norms,
}

/// Saves an instrument definition (a new one, or the organization's edit of one).
///
/// # Errors
/// A database error; nothing is then changed.
pub async fn save_instrument(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    instrument: &Instrument,
    change: InstrumentChange,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    tx.save_instrument(organization_id, instrument, actor.at())
        .await?;
    let action = match change {
        InstrumentChange::Created => "instrument.create",
        InstrumentChange::Norms => "instrument.norms",
    };
    let key = Some(instrument.key.clone());
    let mut entry = Entry::allowed(action, "instrument", key, "instruments");
    entry.subject_id = None;
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    app.forget_configuration(organization_id);
    Ok(())
}
