//! The landing page: what Tandem is, in a few sentences (and the way to the demo's tour where
//! the demo is installed).

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use crate::error::AppError;
use crate::page::{Chrome, Page, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![Route::get("/", Access::Public, show_landing)]
}

#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage {
    chrome: Chrome,
    /// The demo organization exists: the page points to its tour.
    tour: bool,
}

async fn show_landing(Page { state, chrome, .. }: Page) -> Result<Response, AppError> {
    let tour = tandem_app::demo::is_present(state.app()).await?;
    render(StatusCode::OK, &LandingPage { chrome, tour })
}
