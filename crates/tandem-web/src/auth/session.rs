//! Resolving the session cookie into a signed-in principal. The timeouts (R11) and the step-up
//! window (R13) are `tandem_app::sessions`' rules; this module only carries the cookie.

use axum::http::HeaderMap;
use tandem_app::sessions::{self, StaffSession};
use tandem_domain::policy::{Principal, Staff};

use crate::auth::cookies;
use crate::error::AppError;
use crate::state::AppState;

/// The live session named by the request's cookie, if any (expired sessions and sessions of
/// locked or deactivated accounts do not count).
///
/// # Errors
/// A database error.
pub async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<StaffSession>, AppError> {
    let name = cookies::session_name(state.config().secure_cookies);
    match cookies::get(headers, name) {
        Some(token) => Ok(sessions::staff(state.app(), token, state.now()).await?),
        None => Ok(None),
    }
}

/// The principal a session stands for.
#[must_use]
pub fn principal(session: Option<&StaffSession>) -> Principal {
    session.map_or(Principal::Anonymous, |s| {
        Principal::Staff(Staff {
            user_id: s.user.id,
            organization_id: s.user.organization_id,
            role: s.user.role,
            team_id: s.user.team_id,
        })
    })
}
