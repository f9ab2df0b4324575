//! The answers a handler ends with.

use axum::response::{IntoResponse, Redirect, Response};

use crate::error::AppError;

/// "See other" (303) to `to`: the end of every successful form submission, so a reload does not
/// send the form again.
///
/// # Errors
/// Never; the `Result` lets a handler end with it.
pub fn see_other(to: &str) -> Result<Response, AppError> {
    Ok(Redirect::to(to).into_response())
}
