//! The landing page: what Tandem is, in a few sentences.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use crate::error::AppError;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![Route::get("/", Access::Public, show_landing)]
}

#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage {
    chrome: Chrome,
}

async fn show_landing(chrome: Chrome) -> Result<Response, AppError> {
    render(StatusCode::OK, &LandingPage { chrome })
}
