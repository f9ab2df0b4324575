//! The language switch: remembers the chosen language in a cookie and returns to the page.
//!
//! It is a plain link (as in the design system's language switcher) so it works without
//! JavaScript. It changes only a display preference in the browser — nothing on the server —
//! so it is not a state-changing route in the sense of CSRF protection.

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::error::AppError;
use crate::i18n::{LANGUAGE_COOKIE, Language};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![Route::get(
        "/language/{code}",
        Access::Public,
        switch_language,
    )]
}

#[derive(Debug, Deserialize)]
struct SwitchQuery {
    next: Option<String>,
}

async fn switch_language(
    Path(code): Path<String>,
    Query(query): Query<SwitchQuery>,
) -> Result<Response, AppError> {
    let language = Language::from_code(&code).ok_or(AppError::NotFound)?;
    let next = query
        .next
        .as_deref()
        .filter(|n| is_local_path(n))
        .unwrap_or("/");
    let mut response = Redirect::to(next).into_response();
    let cookie = format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        language.code()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Only paths on this site: `/x`, never `//host` or `/\host` (open redirects) or a scheme.
pub(crate) fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/courses/1?tab=goals"));
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "/a\r\nSet-Cookie: x=y",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}
