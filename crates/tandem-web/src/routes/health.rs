//! Liveness, readiness and metrics endpoints for operators and load balancers.

use axum::extract::State;
use axum::http::StatusCode;

use crate::metrics::get_metrics;
use crate::route::{Access, Route};
use crate::state::AppState;

/// The routes of this module. Metrics carry route names and counts, no personal data; deploy
/// behind a reverse proxy that keeps `/metrics` internal if even that should stay private.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/healthz", Access::Public, show_health).stateless(),
        Route::get("/readyz", Access::Public, show_readiness).stateless(),
        Route::get("/metrics", Access::Public, get_metrics).stateless(),
    ]
}

/// The process is up.
async fn show_health() -> &'static str {
    "ok"
}

/// The process can serve: the database answers. The second line says how staff are told of
/// worries, so an operator sees at once when e-mail is not set up.
async fn show_readiness(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.app().ping().await {
        Ok(()) if state.mail_configured() => (
            StatusCode::OK,
            "ready\nnotifications: e-mail and in Tandem\n",
        ),
        Ok(()) => (
            StatusCode::OK,
            "ready\nnotifications: in Tandem only (no --smtp-url)\n",
        ),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
