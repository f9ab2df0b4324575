//! Resolving the session cookie into a signed-in principal, with the idle and absolute
//! timeouts of R11.

use axum::http::HeaderMap;
use tandem_domain::policy::{Principal, Staff};
use tandem_store::sessions::SessionRecord;
use time::Duration;

use crate::auth::cookies;
use crate::error::AppError;
use crate::state::AppState;

/// How long a session may be idle.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// How long a session may last at all.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// How recent a password entry must be for sensitive actions (R13).
pub const STEP_UP_WINDOW: Duration = Duration::minutes(5);
/// Activity is recorded at most this often, to spare the database a write per request.
const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// The live session named by the request's cookie, if any. Expired sessions are deleted;
/// sessions of locked or deactivated accounts do not count.
///
/// # Errors
/// A database error.
pub async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SessionRecord>, AppError> {
    let Some(token) = cookies::get(
        headers,
        cookies::session_name(state.config().secure_cookies),
    ) else {
        return Ok(None);
    };
    let Some(session) = state.store().session_by_token(token).await? else {
        return Ok(None);
    };
    let now = state.now();
    let expired =
        now - session.last_seen_at > IDLE_TIMEOUT || now - session.created_at > ABSOLUTE_TIMEOUT;
    if expired || !session.user.is_active() {
        state.store().expire_session(&session.token_hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_INTERVAL {
        state
            .store()
            .touch_session(&session.token_hash, now)
            .await?;
    }
    Ok(Some(session))
}

/// The principal a session stands for.
#[must_use]
pub fn principal(session: Option<&SessionRecord>) -> Principal {
    session.map_or(Principal::Anonymous, |s| {
        Principal::Staff(Staff {
            user_id: s.user.id,
            organization_id: s.user.organization_id,
            role: s.user.role,
            team_id: s.user.team_id,
        })
    })
}

/// Whether the password was entered recently enough for a sensitive action (R13).
#[must_use]
pub fn recently_authenticated(state: &AppState, session: &SessionRecord) -> bool {
    state.now() - session.authenticated_at <= STEP_UP_WINDOW
}
