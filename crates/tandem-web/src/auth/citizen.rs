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

/// What the citizen cookie of a request stands for.
#[derive(Debug, Clone)]
pub enum CitizenCookie {
    /// No citizen cookie, or one naming no session (signed out, expired earlier).
    Absent,
    /// A live session.
    Live(Box<CitizenSession>),
    /// A session whose access has just ended (relation or consent revoked, R7): this request
    /// answers 404 like any out-of-scope page, and the session is gone for the next.
    Revoked,
}

/// The citizen session named by the request's cookie. Expired sessions and sessions of
/// accounts without access are deleted.
///
/// # Errors
/// A database error.
pub async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<CitizenCookie, AppError> {
    let Some(token) = cookies::get(headers, cookie_name(state.config().secure_cookies)) else {
        return Ok(CitizenCookie::Absent);
    };
    let Some(session) = state.store().citizen_session(token).await? else {
        return Ok(CitizenCookie::Absent);
    };
    let now = state.now();
    let expired =
        now - session.last_seen_at > IDLE_TIMEOUT || now - session.created_at > ABSOLUTE_TIMEOUT;
    if expired || !session.account.active {
        state
            .store()
            .end_citizen_session(&session.token_hash)
            .await?;
        return Ok(if session.account.active {
            CitizenCookie::Absent
        } else {
            CitizenCookie::Revoked
        });
    }
    if now - session.last_seen_at > time::Duration::minutes(1) {
        state
            .store()
            .touch_citizen_session(&session.token_hash, now)
            .await?;
    }
    Ok(CitizenCookie::Live(Box::new(session)))
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
    use axum::response::IntoResponse;
    let secure = state.config().secure_cookies;
    let mut response = axum::response::Redirect::to(to).into_response();
    let cookie = cookies::set_cookie(
        cookie_name(secure),
        token.unwrap_or(""),
        secure,
        "Lax",
        token.is_none().then_some(0),
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&cookie) {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, value);
    }
    response
}
