//! Setting up an installation from the server's command line (`tandem org|team|user …`):
//! organizations, teams and staff accounts, each change one transaction with its audit event,
//! done by the operator (whoever runs the command on the server; [`Actor::operator`]).

use tandem_domain::Id;
use tandem_domain::audit::Outcome;
use tandem_domain::organization::OrganizationName;
use tandem_domain::staff::{DisplayName, EmailAddress, Reason, StaffRole, Team, TeamName};
use tandem_store::StoreError;
use tandem_store::audit::NewAuditEvent;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_domain::audit::ChainBreak;
pub use tandem_store::organizations::Organization;
pub use tandem_store::staff::{StaffUser, TeamRecord};

pub use crate::administration::PASSWORD_LINK_VALID;

/// Why a setup command changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The name or e-mail address is taken already.
    #[error("already exists")]
    Exists,
    /// The database refused.
    #[error(transparent)]
    Action(#[from] ActionError),
}

impl From<StoreError> for SetupError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict => Self::Exists,
            other => Self::Action(other.into()),
        }
    }
}

/// The operator's audit event (`subject` is the person it is about, when there is one).
fn event(
    actor: &Actor,
    action: &str,
    kind: &str,
    object: String,
    subject: Option<String>,
    purpose: &str,
) -> NewAuditEvent {
    actor.event(Entry {
        action,
        object_kind: kind,
        object_id: Some(object),
        subject_id: subject,
        purpose,
        outcome: Outcome::Allowed,
    })
}

/// Every organization, by name.
///
/// # Errors
/// A database error.
pub async fn organizations(app: &App) -> Result<Vec<Organization>, ActionError> {
    Ok(app.store().list_organizations().await?)
}

/// The organization with this id or exact name.
///
/// # Errors
/// A database error.
pub async fn find_organization(app: &App, key: &str) -> Result<Option<Organization>, ActionError> {
    Ok(organizations(app)
        .await?
        .into_iter()
        .find(|o| o.id.to_string() == key || o.name.as_str() == key))
}

/// Adds an organization.
///
/// # Errors
/// [`SetupError::Exists`] when the name is taken; a database error.
pub async fn add_organization(
    app: &App,
    actor: &Actor,
    name: &OrganizationName,
) -> Result<Organization, SetupError> {
    let mut tx = app.store().begin().await?;
    let org = tx.insert_organization(name).await?;
    let id = org.id.to_string();
    let actor = actor.clone().in_organization(org.id);
    tx.append_audit(event(
        &actor,
        "organization.create",
        "organization",
        id,
        None,
        "command line",
    ))
    .await?;
    tx.commit().await?;
    Ok(org)
}

/// Adds a team to `org`.
///
/// # Errors
/// [`SetupError::Exists`] when the organization has a team of that name; a database error.
pub async fn add_team(
    app: &App,
    actor: &Actor,
    org: &Organization,
    name: &TeamName,
) -> Result<TeamRecord, SetupError> {
    let mut tx = app.store().begin().await?;
    let team = tx.insert_team(org.id, name, actor.at()).await?;
    let id = team.id.to_string();
    tx.append_audit(event(
        actor,
        "team.create",
        "team",
        id,
        None,
        "command line",
    ))
    .await?;
    tx.commit().await?;
    Ok(team)
}

/// The organization's teams.
///
/// # Errors
/// A database error.
pub async fn teams(app: &App, org: &Organization) -> Result<Vec<TeamRecord>, ActionError> {
    Ok(app.store().teams_of(org.id).await?)
}

/// A new staff account, as the `tandem user add` arguments gave it.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Sign-in address.
    pub email: EmailAddress,
    /// Name shown to colleagues.
    pub display_name: DisplayName,
    /// Role.
    pub role: StaffRole,
    /// Team (managers and processors).
    pub team: Option<Id<Team>>,
    /// The password's hash when the operator set one; otherwise a set-password link is made.
    pub password_hash: Option<String>,
}

/// A staff account added: its id, and the set-password link's token when no password was set
/// (shown once, valid [`PASSWORD_LINK_VALID`]).
#[derive(Debug, Clone)]
pub struct AddedAccount {
    /// The account.
    pub id: Id<tandem_domain::staff::User>,
    /// The set-password link's token.
    pub link_token: Option<String>,
}

/// Adds a staff account to `org` with its password or a set-password link, in one transaction.
///
/// # Errors
/// [`SetupError::Exists`] when the e-mail address has an account; a database error.
pub async fn add_account(
    app: &App,
    actor: &Actor,
    org: &Organization,
    account: &NewAccount,
) -> Result<AddedAccount, SetupError> {
    let new = tandem_store::staff::NewStaffUser {
        organization_id: org.id,
        email: account.email.clone(),
        display_name: account.display_name.clone(),
        role: account.role,
        team_id: account.team,
    };
    let now = actor.at();
    let mut tx = app.store().begin().await?;
    let id = tx.insert_staff_user(&new, now).await?;
    let subject = Some(id.to_string());
    tx.append_audit(event(
        actor,
        "user.create",
        "user",
        id.to_string(),
        subject,
        "command line",
    ))
    .await?;
    let link_token = match &account.password_hash {
        Some(hash) => {
            tx.set_password_hash(org.id, id, hash, now).await?;
            None
        }
        None => Some(
            tx.insert_password_link(org.id, id, now, now + PASSWORD_LINK_VALID)
                .await?,
        ),
    };
    tx.commit().await?;
    Ok(AddedAccount { id, link_token })
}

/// The organization's staff accounts (the listing is audited: it names people).
///
/// # Errors
/// A database error.
pub async fn accounts(
    app: &App,
    actor: &Actor,
    org: &Organization,
) -> Result<Vec<StaffUser>, ActionError> {
    let mut tx = app.store().begin().await?;
    let users = tx.staff_users_of(org.id).await?;
    tx.append_audit(actor.event(Entry {
        action: "user.list",
        object_kind: "user",
        object_id: None,
        subject_id: None,
        purpose: "command line",
        outcome: Outcome::Allowed,
    }))
    .await?;
    tx.commit().await?;
    Ok(users)
}

/// What locking or unlocking found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockOutcome {
    /// The account changed.
    Changed,
    /// The account was already as asked (nothing recorded).
    Unchanged,
}

/// Locks (ending every session) or unlocks the account with `email`; `None` when there is none.
///
/// # Errors
/// A database error.
pub async fn set_lock(
    app: &App,
    actor: &Actor,
    email: &EmailAddress,
    reason: &Reason,
    lock: bool,
) -> Result<Option<LockOutcome>, ActionError> {
    let Some((user, _)) = app.store().credentials_by_email(email).await? else {
        return Ok(None);
    };
    let (org, id) = (user.organization_id, user.id);
    let mut tx = app.store().begin().await?;
    let changed = if lock {
        let done = tx.lock_user(org, id, reason.as_str(), actor.at()).await?;
        tx.delete_sessions_of_user(org, id, None).await?;
        done
    } else {
        tx.unlock_user(org, id).await?
    };
    if changed {
        let action = if lock { "user.lock" } else { "user.unlock" };
        let purpose = format!("command line: {}", reason.as_str());
        let actor = actor.clone().in_organization(org);
        let subject = Some(id.to_string());
        tx.append_audit(event(
            &actor,
            action,
            "user",
            id.to_string(),
            subject,
            &purpose,
        ))
        .await?;
    }
    tx.commit().await?;
    Ok(Some(if changed {
        LockOutcome::Changed
    } else {
        LockOutcome::Unchanged
    }))
}

/// Checks the audit trail's hash chain: the number of events verified, or where it breaks.
///
/// # Errors
/// A database error.
pub async fn verify_audit_trail(app: &App) -> Result<Result<u64, ChainBreak>, ActionError> {
    Ok(app.store().verify_audit_trail().await?)
}
