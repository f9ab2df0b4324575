//! Passwords of staff and citizens: checking the current one, changing it (which ends the
//! account's other sessions, R12), confirming it for a sensitive action (R13), and setting it
//! by a one-time link.

use tandem_domain::Id;
use tandem_domain::audit::Outcome;
use tandem_domain::password::NewPassword;
use tandem_domain::policy::Course;
use tandem_store::audit::NewAuditEvent;
use tandem_store::citizens::CitizenSession;
use tandem_store::sessions::SessionRecord;
use time::OffsetDateTime;

use super::password;
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// Whether `input` is the signed-in member of staff's password.
///
/// # Errors
/// A database error.
pub async fn staff_password_matches(
    app: &App,
    session: &SessionRecord,
    input: String,
) -> Result<bool, ActionError> {
    let stored = app
        .store()
        .credentials_by_email(&session.user.email)
        .await?
        .and_then(|(_, hash)| hash);
    Ok(password::verify(input, stored).await)
}

/// Whether `input` is the signed-in citizen's password.
///
/// # Errors
/// A database error.
pub async fn citizen_password_matches(
    app: &App,
    session: &CitizenSession,
    input: String,
) -> Result<bool, ActionError> {
    let stored = app
        .store()
        .citizen_credentials(&session.account.login_name)
        .await?
        .map(|(_, hash)| hash);
    Ok(password::verify(input, stored).await)
}

/// The member of staff chooses a new password: every other session of the account ends, open
/// set-password links are revoked, and this session counts as freshly authenticated (R12).
///
/// # Errors
/// Hashing or database errors; nothing is changed.
pub async fn change_staff_password(
    app: &App,
    actor: &Actor,
    session: &SessionRecord,
    new: &NewPassword,
) -> Result<(), ActionError> {
    let (user, now) = (&session.user, actor.at());
    let hash = password::hash(new.expose().to_owned()).await?;
    let mut tx = app.store().begin().await?;
    tx.set_password_hash(user.organization_id, user.id, &hash, now)
        .await?;
    tx.delete_sessions_of_user(user.organization_id, user.id, Some(&session.token_hash))
        .await?;
    tx.revoke_password_links(user.organization_id, user.id, now)
        .await?;
    tx.reauthenticate_session(&session.token_hash, now).await?;
    let mut entry = Entry::allowed(
        "password.change",
        "user",
        Some(user.id.to_string()),
        "own account",
    );
    entry.subject_id = Some(user.id.to_string());
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(())
}

/// A young person or network member chooses a new password; their other sessions end (R12).
///
/// # Errors
/// Hashing or database errors; nothing is changed.
pub async fn change_citizen_password(
    app: &App,
    actor: &Actor,
    session: &CitizenSession,
    course: Id<Course>,
    new: &NewPassword,
) -> Result<(), ActionError> {
    let hash = password::hash(new.expose().to_owned()).await?;
    let account = session.account.id;
    let mut tx = app.store().begin().await?;
    tx.set_citizen_password(account, &hash, &session.token_hash)
        .await?;
    let event = actor.course_event(
        course,
        "citizen.password",
        "citizen_account",
        Some(account.to_string()),
        "my account",
    );
    tx.append_audit(event).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `token` could be a set-password link at all (64 hex digits): anything else is not
/// looked up.
fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the set-password link `token` can still be used at `now`.
///
/// # Errors
/// A database error.
pub async fn password_link_is_open(
    app: &App,
    token: &str,
    now: OffsetDateTime,
) -> Result<bool, ActionError> {
    if !plausible(token) {
        return Ok(false);
    }
    let mut tx = app.store().begin_read().await?;
    let open = tx.password_link_is_open(token, now).await?;
    tx.commit().await?;
    Ok(open)
}

/// Sets the password of the account a one-time link was issued for, using the link up; every
/// session of the account ends (R12). `ip` is the client's address, for the audit trail.
///
/// # Errors
/// [`ActionError::NotFound`] when the link is not (or no longer) open; hashing or database
/// errors. Nothing is changed on error.
pub async fn set_password_by_link(
    app: &App,
    token: &str,
    new: &NewPassword,
    ip: &str,
    now: OffsetDateTime,
) -> Result<(), ActionError> {
    if !plausible(token) {
        return Err(ActionError::NotFound);
    }
    let hash = password::hash(new.expose().to_owned()).await?;
    let mut tx = app.store().begin().await?;
    let Some((organization_id, user_id)) = tx.take_password_link(token, now).await? else {
        return Err(ActionError::NotFound);
    };
    tx.set_password_hash(organization_id, user_id, &hash, now)
        .await?;
    tx.delete_sessions_of_user(organization_id, user_id, None)
        .await?;
    tx.append_audit(NewAuditEvent {
        at: now,
        organization_id: Some(organization_id.to_string()),
        actor_id: Some(user_id.to_string()),
        actor_role: "anonymous".to_owned(),
        action: "password.set".to_owned(),
        subject_id: Some(user_id.to_string()),
        object_kind: "user".to_owned(),
        object_id: Some(user_id.to_string()),
        purpose: "set-password link".to_owned(),
        outcome: Outcome::Allowed,
        ip: Some(ip.to_owned()),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}
