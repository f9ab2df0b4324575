//! The administrators' work on their organization: its teams and staff accounts, its
//! frameworks, its course settings and instruments, and the audit viewer. Every change is one
//! transaction with its audit event; every read that names people is recorded.

mod audit;
mod configuration;
mod frameworks;
mod teams;
mod users;

use tandem_domain::Id;
use tandem_domain::organization::Organization;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use audit::{AuditSearch, search_audit};
pub use configuration::{InstrumentChange, save_course_settings, save_instrument};
pub use frameworks::{
    FrameworkImport, archive_framework, copy_framework, framework, frameworks, import_framework,
};
pub use tandem_store::audit::AuditFilter;
pub use tandem_store::organizations::Organization as OrganizationRecord;
pub use tandem_store::settings::{CourseSettings, RuleSetChoice};
pub use tandem_store::staff::{NewStaffUser, StaffUser, TeamRecord};
pub use tandem_store::stories::FrameworkVersion;
pub use tandem_store::stories::frameworks::FrameworkRecord;
pub use teams::{TeamCreation, create_team, deactivate_team, teams};
pub use users::{
    LockChange, PASSWORD_LINK_VALID, UserCreation, change_lock, create_user, deactivate_user,
    issue_password_link, set_role, user, users,
};

/// The administration front page's counts.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The organization.
    pub organization: OrganizationRecord,
    /// Its teams, active or not.
    pub teams: usize,
    /// Its staff accounts.
    pub users: usize,
}

/// The organization with how many teams and accounts it has (counting the accounts is recorded:
/// it reads the staff list).
///
/// # Errors
/// [`ActionError::NotFound`] when the organization does not exist; a database error.
pub async fn overview(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
) -> Result<Overview, ActionError> {
    let store = app.store();
    let organization = store
        .organization_by_id(organization_id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let teams = store.teams_of(organization_id).await?.len();
    let mut tx = store.begin_read().await?;
    let users = tx.staff_users_of(organization_id).await?.len();
    tx.commit().await?;
    let entry = Entry::allowed("user.count", "user", None, "administration");
    crate::audit::record_read(app, actor.event(entry)).await?;
    Ok(Overview {
        organization,
        teams,
        users,
    })
}
