//! Staff accounts as administrators manage them: listed and read (recorded, they name people),
//! created with a one-time set-password link, locked and unlocked with a reason, deactivated,
//! and given another role (R12, R13: locking and deactivating end every session).

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::{Reason, StaffRole, Team, User};
use tandem_store::StoreError;
use tandem_store::staff::{NewStaffUser, StaffUser};
use tandem_store::tx::Tx;
use time::Duration;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// How long a set-password link stays usable (the same on the pages and the command line).
pub const PASSWORD_LINK_VALID: Duration = Duration::hours(72);

/// The purpose the administration pages record.
const PURPOSE: &str = "users and teams";

/// The organization's staff accounts (the listing is recorded).
///
/// # Errors
/// A database error.
pub async fn users(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
) -> Result<Vec<StaffUser>, ActionError> {
    let mut tx = app.store().begin_read().await?;
    let users = tx.staff_users_of(organization_id).await?;
    tx.commit().await?;
    let entry = Entry::allowed("user.list", "user", None, PURPOSE);
    crate::audit::record_read(app, actor.event(entry)).await?;
    Ok(users)
}

/// One staff account, read for its page (recorded).
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such account; a database error.
pub async fn user(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    id: Id<User>,
) -> Result<StaffUser, ActionError> {
    let mut tx = app.store().begin_read().await?;
    let user = tx
        .staff_user(organization_id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    tx.commit().await?;
    let entry = Entry::allowed("user.read", "user", Some(id.to_string()), PURPOSE);
    crate::audit::record_read(app, actor.event(entry)).await?;
    Ok(user)
}

/// What creating an account came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserCreation {
    /// The account exists, with a set-password link (its token, shown once).
    Created {
        /// The account.
        id: Id<User>,
        /// The link's token (stored only as a hash).
        link_token: String,
    },
    /// An account has that e-mail address already (nothing changed).
    EmailTaken,
}

/// Creates a staff account with a set-password link valid [`PASSWORD_LINK_VALID`].
///
/// # Errors
/// A database error; nothing is then created.
pub async fn create_user(
    app: &App,
    actor: &Actor,
    new: &NewStaffUser,
) -> Result<UserCreation, ActionError> {
    let mut tx = app.store().begin().await?;
    let id = match tx.insert_staff_user(new, actor.at()).await {
        Ok(id) => id,
        Err(StoreError::Conflict) => return Ok(UserCreation::EmailTaken),
        Err(other) => return Err(other.into()),
    };
    let link_token = link_in(tx, actor, (new.organization_id, id), "user.create").await?;
    Ok(UserCreation::Created { id, link_token })
}

/// A new set-password link for an existing account (a reset): the account and the link's token.
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such account; a database error.
pub async fn issue_password_link(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    id: Id<User>,
) -> Result<(StaffUser, String), ActionError> {
    let mut tx = app.store().begin().await?;
    let user = tx
        .staff_user(organization_id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let token = link_in(tx, actor, (organization_id, id), "user.password_link").await?;
    Ok((user, token))
}

/// Adds a set-password link in `tx`, records `action` with it and commits.
async fn link_in(
    mut tx: Tx,
    actor: &Actor,
    (organization_id, id): (Id<Organization>, Id<User>),
    action: &str,
) -> Result<String, ActionError> {
    let now = actor.at();
    let token = tx
        .insert_password_link(organization_id, id, now, now + PASSWORD_LINK_VALID)
        .await?;
    let entry = Entry::allowed(action, "user", Some(id.to_string()), PURPOSE);
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(token)
}

/// Locking or unlocking, and why.
#[derive(Debug, Clone)]
pub struct LockChange {
    /// Lock (true) or unlock.
    pub lock: bool,
    /// The reason, kept in the trail's purpose: it explains the change to later readers.
    pub reason: Reason,
}

/// Locks an account (ending its sessions and open set-password links) or unlocks it. Nothing is
/// recorded when the account already was as asked.
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such account; a database error.
pub async fn change_lock(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    id: Id<User>,
    change: &LockChange,
) -> Result<(), ActionError> {
    let (org, now) = (organization_id, actor.at());
    let mut tx = app.store().begin().await?;
    tx.staff_user(org, id).await?.ok_or(ActionError::NotFound)?;
    let changed = if change.lock {
        tx.lock_user(org, id, change.reason.as_str(), now).await?
    } else {
        tx.unlock_user(org, id).await?
    };
    if changed {
        if change.lock {
            end_access(&mut tx, org, id, now).await?;
        }
        let (action, word) = if change.lock {
            ("user.lock", "locked")
        } else {
            ("user.unlock", "unlocked")
        };
        let purpose = format!("{word}: {}", change.reason.as_str());
        let entry = Entry::allowed(action, "user", Some(id.to_string()), &purpose);
        tx.append_audit(actor.event(entry)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Ends every session and open set-password link of an account.
async fn end_access(
    tx: &mut Tx,
    org: Id<Organization>,
    id: Id<User>,
    now: time::OffsetDateTime,
) -> Result<(), ActionError> {
    tx.delete_sessions_of_user(org, id, None).await?;
    tx.revoke_password_links(org, id, now).await?;
    Ok(())
}

/// Deactivates an account, ending its sessions and links (recorded only when it was active).
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such account; a database error.
pub async fn deactivate_user(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    id: Id<User>,
) -> Result<(), ActionError> {
    let (org, now) = (organization_id, actor.at());
    let mut tx = app.store().begin().await?;
    tx.staff_user(org, id).await?.ok_or(ActionError::NotFound)?;
    if tx.deactivate_user(org, id, now).await? {
        end_access(&mut tx, org, id, now).await?;
        let entry = Entry::allowed("user.deactivate", "user", Some(id.to_string()), PURPOSE);
        tx.append_audit(actor.event(entry)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Gives an account another role (and team, for roles that have one). The caller has checked
/// the recent password entry this needs (R13).
///
/// # Errors
/// [`ActionError::NotFound`] when the organization has no such account; a database error.
pub async fn set_role(
    app: &App,
    actor: &Actor,
    organization_id: Id<Organization>,
    id: Id<User>,
    (role, team): (StaffRole, Option<Id<Team>>),
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    tx.staff_user(organization_id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    tx.set_role(organization_id, id, role, team).await?;
    let purpose = format!("role set to {}", role.as_str());
    let entry = Entry::allowed("user.role", "user", Some(id.to_string()), &purpose);
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(())
}
