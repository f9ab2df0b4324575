//! Citizens' sessions: the young person and network members sign in with their own login (from
//! an invitation). Their sessions are a separate cookie and table from staff sessions, with the
//! same idle and absolute timeouts (R11); an account whose access ended (revoked relation or
//! consent, R7) has no live session.

use axum::http::HeaderMap;
use tandem_domain::policy::Principal;
use tandem_store::citizens::{CitizenRole, CitizenSession};

use crate::auth::cookies;
use crate::auth::session::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use crate::error::AppError;
use crate::state::AppState;

/// The citizen session cookie's name.
#[must_use]
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-tandem_citizen"
    } else {
        "tandem_citizen"
    }
}

/// The live citizen session named by the request's cookie, if any; expired sessions and
/// sessions of accounts without access are deleted.
///
/// # Errors
/// A database error.
pub async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<CitizenSession>, AppError> {
    let Some(token) = cookies::get(headers, cookie_name(state.config().secure_cookies)) else {
        return Ok(None);
    };
    let Some(session) = state.store().citizen_session(token).await? else {
        return Ok(None);
    };
    let now = state.now();
    let expired =
        now - session.last_seen_at > IDLE_TIMEOUT || now - session.created_at > ABSOLUTE_TIMEOUT;
    if expired || !session.account.active {
        state
            .store()
            .end_citizen_session(&session.token_hash)
            .await?;
        return Ok(None);
    }
    if now - session.last_seen_at > time::Duration::minutes(1) {
        state
            .store()
            .touch_citizen_session(&session.token_hash, now)
            .await?;
    }
    Ok(Some(session))
}

/// The principal a citizen session stands for.
#[must_use]
pub fn principal(session: &CitizenSession) -> Principal {
    let account = &session.account;
    match account.role {
        CitizenRole::YoungPerson => Principal::YoungPerson {
            organization_id: account.organization_id,
            course_id: account.course_id,
        },
        CitizenRole::NetworkMember(_) => Principal::NetworkMember {
            organization_id: account.organization_id,
            course_id: account.course_id,
            consent_active: account.active,
        },
    }
}
