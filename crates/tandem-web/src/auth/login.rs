//! Signing in, with throttling and soft-lock but without account enumeration (R10).
//!
//! An unknown address, a wrong password, a locked account and an account without a password all
//! get the same answer, after the same work (a password hash is always verified).

use tandem_domain::audit::Outcome;
use tandem_domain::staff::EmailAddress;
use tandem_store::audit::NewAuditEvent;
use tandem_store::staff::StaffUser;
use time::Duration;

use crate::auth::password;
use crate::error::AppError;
use crate::state::AppState;

/// The window in which failed attempts count towards the 429 throttles.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// Failed attempts for one address within the window before 429.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 10;
/// Failed attempts from one client address within the window before 429.
pub const MAX_FAILURES_PER_IP: i64 = 50;
/// Failed attempts within 24 hours after which an account is locked until an administrator
/// unlocks it with a recorded reason.
pub const LOCK_AFTER_FAILURES: i64 = 5;

/// How a sign-in attempt ended.
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

fn login_event(
    state: &AppState,
    action: &str,
    user: Option<&StaffUser>,
    ip: &str,
    outcome: Outcome,
) -> NewAuditEvent {
    NewAuditEvent {
        at: state.now(),
        organization_id: user.map(|u| u.organization_id.to_string()),
        actor_id: user
            .filter(|_| outcome == Outcome::Allowed)
            .map(|u| u.id.to_string()),
        actor_role: user
            .filter(|_| outcome == Outcome::Allowed)
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
/// failed too often in the window (R10). Staff and citizens share the rule and the counters.
///
/// # Errors
/// A database error.
pub async fn throttled(state: &AppState, key: &str, ip: &str) -> Result<bool, AppError> {
    let since = state.now() - THROTTLE_WINDOW;
    let store = state.store();
    Ok(
        store.failed_logins_for_account(key, since).await? >= MAX_FAILURES_PER_ACCOUNT
            || store.failed_logins_from_ip(ip, since).await? >= MAX_FAILURES_PER_IP,
    )
}

/// Attempts to sign in. `previous_session` (the caller's old session, if any) is ended on
/// success, so every sign-in gets a new session id.
///
/// # Errors
/// Database errors; the attempt is then not counted and nobody is signed in.
pub async fn sign_in(
    state: &AppState,
    email: &EmailAddress,
    password_input: String,
    ip: &str,
    previous_session: Option<&str>,
) -> Result<SignIn, AppError> {
    let store = state.store();
    let now = state.now();
    let key = email.as_str();
    if throttled(state, key, ip).await? {
        let mut tx = store.begin().await?;
        tx.append_audit(login_event(
            state,
            "login.throttled",
            None,
            ip,
            Outcome::Denied,
        ))
        .await?;
        tx.commit().await?;
        return Ok(SignIn::Throttled);
    }

    let found = store.credentials_by_email(email).await?;
    let (user, hash) = match found {
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
        tx.append_audit(login_event(
            state,
            "login.success",
            Some(user),
            ip,
            Outcome::Allowed,
        ))
        .await?;
        tx.commit().await?;
        return Ok(SignIn::Success {
            token,
            user: Box::new(user.clone()),
        });
    }

    tx.record_login_attempt(key, ip, false, now).await?;
    tx.append_audit(login_event(
        state,
        "login.failure",
        user.as_ref(),
        ip,
        Outcome::Failed,
    ))
    .await?;
    if let Some(user) = active_user {
        tx.commit().await?;
        // Counted after the commit so this attempt is included.
        let recent = store
            .failed_logins_for_account(key, now - Duration::hours(24))
            .await?;
        if recent >= LOCK_AFTER_FAILURES {
            let mut tx = store.begin().await?;
            if tx
                .lock_user(
                    user.organization_id,
                    user.id,
                    "too many failed sign-in attempts",
                    now,
                )
                .await?
            {
                tx.append_audit(login_event(
                    state,
                    "user.locked",
                    Some(user),
                    ip,
                    Outcome::Denied,
                ))
                .await?;
            }
            tx.commit().await?;
        }
    } else {
        tx.commit().await?;
    }
    Ok(SignIn::Rejected)
}
