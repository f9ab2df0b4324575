//! Citizens' sessions: the young person and network members sign in with their own login (from
//! an invitation). Their sessions are a separate cookie and table from staff sessions, with the
//! same idle and absolute timeouts (R11); an account whose access ended (revoked relation or
//! consent, R7) has no live session.

use axum::http::HeaderMap;
pub use tandem_app::sessions::CitizenCookie;
use tandem_app::sessions::{self, CitizenRole, CitizenSession};
use tandem_domain::policy::Principal;

use crate::auth::cookies;
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

/// The citizen session named by the request's cookie (expired sessions and sessions of
/// accounts without access are deleted).
///
/// # Errors
/// A database error.
pub async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<CitizenCookie, AppError> {
    match cookies::get(headers, cookie_name(state.config().secure_cookies)) {
        Some(token) => Ok(sessions::citizen(state.app(), token, state.now()).await?),
        None => Ok(CitizenCookie::Absent),
    }
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

/// A redirect to `to` that sets the citizen session cookie to `token`, or clears it for `None`.
#[must_use]
pub fn redirect_with_cookie(
    state: &AppState,
    to: &str,
    token: Option<&str>,
) -> axum::response::Response {
    let secure = state.config().secure_cookies;
    cookies::redirect_with_session(to, cookie_name(secure), token, secure)
}
