//! The landing page: what Tandem is, in a few sentences.

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use crate::error::AppError;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show_landing))
}

#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage {
    chrome: Chrome,
}

async fn show_landing(chrome: Chrome) -> Result<Response, AppError> {
    render(StatusCode::OK, &LandingPage { chrome })
}
