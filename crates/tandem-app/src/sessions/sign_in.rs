//! Signing in, with throttling and soft-lock but without account enumeration (R10).
//!
//! An unknown name, a wrong password, a locked account and an account without a password all
//! get the same answer, after the same work (a password hash is always verified). Staff and
//! citizens share the rule and the counters.

use tandem_domain::audit::Outcome;
use tandem_domain::staff::EmailAddress;
use tandem_store::audit::NewAuditEvent;
use tandem_store::sessions::SessionRecord;
use tandem_store::staff::StaffUser;
use time::{Duration, OffsetDateTime};

use super::password;
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// The window in which failed attempts count towards the 429 throttles.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// Failed attempts for one address within the window before 429.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 10;
/// Failed attempts from one client address within the window before 429.
pub const MAX_FAILURES_PER_IP: i64 = 50;
/// Failed attempts within 24 hours after which an account is locked until an administrator
/// unlocks it with a recorded reason.
pub const LOCK_AFTER_FAILURES: i64 = 5;

/// How a staff sign-in attempt ended.
#[derive(Debug)]
pub enum SignIn {
    /// Signed in: the new session's token for the cookie.
    Success {
        /// The session token (cookie value).
        token: String,
        /// Who signed in.
        user: Box<StaffUser>,
    },
    /// Wrong address, wrong password, or a locked or deactivated account — indistinguishable.
    Rejected,
    /// Too many failed attempts recently (429).
    Throttled,
}

/// The audit event of a staff sign-in step: the account is named as actor only when the
/// attempt succeeded (a failed attempt proves nothing about who made it).
fn login_event(
    action: &str,
    user: Option<&StaffUser>,
    ip: &str,
    outcome: Outcome,
    at: OffsetDateTime,
) -> NewAuditEvent {
    let succeeded = user.filter(|_| outcome == Outcome::Allowed);
    NewAuditEvent {
        at,
        organization_id: user.map(|u| u.organization_id.to_string()),
        actor_id: succeeded.map(|u| u.id.to_string()),
        actor_role: succeeded
            .map_or("anonymous", |u| u.role.as_str())
            .to_owned(),
        action: action.to_owned(),
        subject_id: user.map(|u| u.id.to_string()),
        object_kind: "user".to_owned(),
        object_id: user.map(|u| u.id.to_string()),
        purpose: "sign-in".to_owned(),
        outcome,
        ip: Some(ip.to_owned()),
    }
}

/// Whether sign-ins for `key` (an address, or a citizen's `citizen:<name>`) or from `ip` have
/// failed too often in the window before `now` (R10).
///
/// # Errors
/// A database error.
pub async fn throttled(
    app: &App,
    key: &str,
    ip: &str,
    now: OffsetDateTime,
) -> Result<bool, ActionError> {
    let since = now - THROTTLE_WINDOW;
    let store = app.store();
    Ok(
        store.failed_logins_for_account(key, since).await? >= MAX_FAILURES_PER_ACCOUNT
            || store.failed_logins_from_ip(ip, since).await? >= MAX_FAILURES_PER_IP,
    )
}

/// A member of staff signs in at `now`. `previous_session` (the caller's old session, if any)
/// is ended on success, so every sign-in gets a new session id. The fifth failure within 24
/// hours locks an active account, recorded as `user.locked`.
///
/// # Errors
/// Database errors; the attempt is then not counted and nobody is signed in.
pub async fn sign_in_staff(
    app: &App,
    email: &EmailAddress,
    password_input: String,
    ip: &str,
    previous_session: Option<&str>,
    now: OffsetDateTime,
) -> Result<SignIn, ActionError> {
    let store = app.store();
    let key = email.as_str();
    if throttled(app, key, ip, now).await? {
        let event = login_event("login.throttled", None, ip, Outcome::Denied, now);
        crate::audit::record_read(app, event).await?;
        return Ok(SignIn::Throttled);
    }
    let (user, hash) = match store.credentials_by_email(email).await? {
        Some((user, hash)) => (Some(user), hash),
        None => (None, None),
    };
    let password_ok = password::verify(password_input, hash).await;
    let active_user = user.as_ref().filter(|u| u.is_active());

    let mut tx = store.begin().await?;
    if let (true, Some(user)) = (password_ok, active_user) {
        tx.record_login_attempt(key, ip, true, now).await?;
        if let Some(old) = previous_session {
            tx.delete_session(old).await?;
        }
        let token = tx
            .insert_session(user.id, user.organization_id, now)
            .await?;
        let event = login_event("login.success", Some(user), ip, Outcome::Allowed, now);
        tx.append_audit(event).await?;
        tx.commit().await?;
        return Ok(SignIn::Success {
            token,
            user: Box::new(user.clone()),
        });
    }
    tx.record_login_attempt(key, ip, false, now).await?;
    let event = login_event("login.failure", user.as_ref(), ip, Outcome::Failed, now);
    tx.append_audit(event).await?;
    tx.commit().await?;
    if let Some(user) = active_user {
        lock_after_failures(app, user, key, ip, now).await?;
    }
    Ok(SignIn::Rejected)
}

/// Locks `user` when the failure just counted was the last one allowed in 24 hours.
async fn lock_after_failures(
    app: &App,
    user: &StaffUser,
    key: &str,
    ip: &str,
    now: OffsetDateTime,
) -> Result<(), ActionError> {
    let recent = app
        .store()
        .failed_logins_for_account(key, now - Duration::hours(24))
        .await?;
    if recent < LOCK_AFTER_FAILURES {
        return Ok(());
    }
    let mut tx = app.store().begin().await?;
    let reason = "too many failed sign-in attempts";
    if tx
        .lock_user(user.organization_id, user.id, reason, now)
        .await?
    {
        let event = login_event("user.locked", Some(user), ip, Outcome::Denied, now);
        tx.append_audit(event).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How a citizen's sign-in attempt ended.
#[derive(Debug)]
pub enum CitizenSignIn {
    /// Signed in: the new session's token for the cookie.
    Success {
        /// The session token (cookie value).
        token: String,
    },
    /// Unknown name, wrong password, or an account whose access ended — indistinguishable.
    Rejected,
    /// Too many failed attempts recently (429).
    Throttled,
}

/// A young person or network member signs in with their login name (already trimmed and
/// lower-cased) and password. `actor` is the request as it stands (usually anonymous): the
/// failure is recorded as theirs, the success as the account's.
///
/// # Errors
/// Database errors; the attempt is then not counted and nobody is signed in.
pub async fn sign_in_citizen(
    app: &App,
    actor: &Actor,
    login_name: &str,
    password_input: String,
    ip: &str,
) -> Result<CitizenSignIn, ActionError> {
    let (store, now) = (app.store(), actor.at());
    let key = format!("citizen:{login_name}");
    if throttled(app, &key, ip, now).await? {
        return Ok(CitizenSignIn::Throttled);
    }
    let (account, hash) = match store.citizen_credentials(login_name).await? {
        Some((account, hash)) => (Some(account), Some(hash)),
        None => (None, None),
    };
    let ok = password::verify(password_input, hash).await;
    let mut tx = store.begin().await?;
    let Some(account) = account.filter(|a| ok && a.active) else {
        tx.record_login_attempt(&key, ip, false, now).await?;
        let mut entry = Entry::allowed(
            "citizen.login.failure",
            "citizen_account",
            None,
            "citizen sign-in",
        );
        entry.outcome = Outcome::Failed;
        tx.append_audit(actor.event(entry)).await?;
        tx.commit().await?;
        return Ok(CitizenSignIn::Rejected);
    };
    tx.record_login_attempt(&key, ip, true, now).await?;
    let token = tx.insert_citizen_session(&account, now).await?;
    let mut entry = Entry::allowed(
        "citizen.login.success",
        "citizen_account",
        Some(account.id.to_string()),
        "citizen sign-in",
    );
    entry.subject_id = Some(account.course_id.to_string());
    let mut event = actor.event(entry);
    event.organization_id = Some(account.organization_id.to_string());
    event.actor_id = Some(account.id.to_string());
    tx.append_audit(event).await?;
    tx.commit().await?;
    Ok(CitizenSignIn::Success { token })
}

/// How confirming one's password for a sensitive action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// Right: the session counts as freshly authenticated.
    Confirmed,
    /// Wrong (counted like a failed sign-in).
    Wrong,
    /// Too many failed attempts recently (429).
    Throttled,
}

/// A signed-in member of staff confirms their password for a sensitive action (R13). The
/// attempt counts like a sign-in (R10): throttled by account and address, recorded either way,
/// and the fifth failure in 24 hours locks the account — so a taken-over session cannot be used
/// to guess the password.
///
/// # Errors
/// A database error; nothing is then changed.
pub async fn confirm(
    app: &App,
    session: &SessionRecord,
    input: String,
    ip: &str,
    now: OffsetDateTime,
) -> Result<Confirmation, ActionError> {
    let user = &session.user;
    let key = user.email.as_str();
    if throttled(app, key, ip, now).await? {
        let event = login_event(
            "login.confirm.throttled",
            Some(user),
            ip,
            Outcome::Denied,
            now,
        );
        crate::audit::record_read(app, event).await?;
        return Ok(Confirmation::Throttled);
    }
    let right = super::staff_password_matches(app, session, input).await?;
    let mut tx = app.store().begin().await?;
    tx.record_login_attempt(key, ip, right, now).await?;
    if right {
        tx.reauthenticate_session(&session.token_hash, now).await?;
        let event = login_event("login.confirm", Some(user), ip, Outcome::Allowed, now);
        tx.append_audit(event).await?;
        tx.commit().await?;
        return Ok(Confirmation::Confirmed);
    }
    let event = login_event(
        "login.confirm.failure",
        Some(user),
        ip,
        Outcome::Failed,
        now,
    );
    tx.append_audit(event).await?;
    tx.commit().await?;
    lock_after_failures(app, user, key, ip, now).await?;
    Ok(Confirmation::Wrong)
}
