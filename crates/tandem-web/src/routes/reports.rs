//! Content-Security-Policy violation reports sent by browsers.
//!
//! Counted in the metrics and logged by directive only: a report can contain URLs, which are not
//! logged, so no personal data reaches the operational log (R18).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;

use crate::route::{Access, Route};
use crate::state::AppState;

/// The routes of this module. Browsers send these reports without cookies or tokens, so the
/// route is public and only ever counts.
pub fn routes() -> Vec<Route> {
    vec![
        Route::post("/csp-reports", Access::Public, record_csp_report)
            .without_csrf()
            .stateless(),
    ]
}

/// The largest report read; browsers send a few hundred bytes.
const MAX_REPORT_BYTES: usize = 16 * 1024;

async fn record_csp_report(State(state): State<AppState>, body: Bytes) -> StatusCode {
    if body.len() > MAX_REPORT_BYTES {
        return StatusCode::PAYLOAD_TOO_LARGE;
    }
    state.metrics().record_csp_violation();
    let text = String::from_utf8_lossy(&body);
    let directive = text
        .split("\"violated-directive\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("unknown")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ' ' | '\''))
        .take(80)
        .collect::<String>();
    tracing::warn!(
        directive,
        "browser reported a Content-Security-Policy violation"
    );
    StatusCode::NO_CONTENT
}
