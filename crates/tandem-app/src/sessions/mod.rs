//! Sessions: staff and citizens signing in and out, the idle and absolute timeouts (R11), the
//! recent password entry sensitive actions need (R13), and passwords themselves (R9, R12).
//!
//! The web layer only carries the cookie: which session a token names, whether it still
//! counts, and what signing in does are decided here, so staff and citizens follow one rule.

mod password;
mod passwords;
mod sign_in;

use tandem_store::sessions::SessionRecord;
use time::{Duration, OffsetDateTime};

use crate::app::App;
use crate::error::ActionError;

pub use password::{HashError, hash, verify};
pub use passwords::{
    change_citizen_password, change_staff_password, citizen_password_matches,
    password_link_is_open, set_password_by_link, staff_password_matches,
};
pub use sign_in::{
    CitizenSignIn, Confirmation, LOCK_AFTER_FAILURES, MAX_FAILURES_PER_ACCOUNT,
    MAX_FAILURES_PER_IP, SignIn, THROTTLE_WINDOW, confirm, sign_in_citizen, sign_in_staff,
    throttled,
};
pub use tandem_store::citizens::{CitizenRecord, CitizenRole, CitizenSession};
pub use tandem_store::sessions::SessionRecord as StaffSession;

/// How long a session may be idle.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// How long a session may last at all.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// How recent a password entry must be for sensitive actions (R13).
pub const STEP_UP_WINDOW: Duration = Duration::minutes(5);
/// Activity is recorded at most this often, to spare the database a write per request.
const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// Whether a session that began at `created_at` and was last used at `last_seen_at` has run
/// out at `now` (idle or absolute timeout).
fn expired(created_at: OffsetDateTime, last_seen_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now - last_seen_at > IDLE_TIMEOUT || now - created_at > ABSOLUTE_TIMEOUT
}

/// The live staff session a cookie `token` names at `now`, if any. Expired sessions are deleted;
/// sessions of locked or deactivated accounts do not count.
///
/// # Errors
/// A database error.
pub async fn staff(
    app: &App,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<SessionRecord>, ActionError> {
    let store = app.store();
    let Some(session) = store.session_by_token(token).await? else {
        return Ok(None);
    };
    if expired(session.created_at, session.last_seen_at, now) || !session.user.is_active() {
        store.expire_session(&session.token_hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_INTERVAL {
        store.touch_session(&session.token_hash, now).await?;
    }
    Ok(Some(session))
}

/// Whether the password was entered recently enough at `now` for a sensitive action (R13).
#[must_use]
pub fn recently_authenticated(session: &SessionRecord, now: OffsetDateTime) -> bool {
    now - session.authenticated_at <= STEP_UP_WINDOW
}

/// Ends a staff session (signing out).
///
/// # Errors
/// A database error.
pub async fn sign_out_staff(app: &App, token_hash: &str) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    tx.delete_session(token_hash).await?;
    tx.commit().await?;
    Ok(())
}

/// What a citizen's session cookie stands for.
#[derive(Debug, Clone)]
pub enum CitizenCookie {
    /// No citizen cookie, or one naming no session (signed out, expired earlier).
    Absent,
    /// A live session.
    Live(Box<CitizenSession>),
    /// A session whose access has just ended (relation or consent revoked, R7): this request
    /// answers as for any page out of scope, and the session is gone for the next.
    Revoked,
}

/// The citizen session a cookie `token` names at `now`. Expired sessions and sessions of
/// accounts without access are deleted.
///
/// # Errors
/// A database error.
pub async fn citizen(
    app: &App,
    token: &str,
    now: OffsetDateTime,
) -> Result<CitizenCookie, ActionError> {
    let store = app.store();
    let Some(session) = store.citizen_session(token).await? else {
        return Ok(CitizenCookie::Absent);
    };
    if expired(session.created_at, session.last_seen_at, now) || !session.account.active {
        store.end_citizen_session(&session.token_hash).await?;
        return Ok(if session.account.active {
            CitizenCookie::Absent
        } else {
            CitizenCookie::Revoked
        });
    }
    if now - session.last_seen_at > TOUCH_INTERVAL {
        store
            .touch_citizen_session(&session.token_hash, now)
            .await?;
    }
    Ok(CitizenCookie::Live(Box::new(session)))
}

/// Ends a citizen's session (signing out).
///
/// # Errors
/// A database error.
pub async fn sign_out_citizen(app: &App, token_hash: &str) -> Result<(), ActionError> {
    app.store().end_citizen_session(token_hash).await?;
    Ok(())
}
