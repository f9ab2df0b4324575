//! Tandem's web server.
//!
//! Server-rendered HTML in Det Fælles Designsystem (the Danish public sector's design system),
//! compiled askama templates, Danish and English through Fluent, and the cross-cutting layers
//! every response passes through: security headers, translated error pages, metrics, tracing,
//! panic recovery, request timeouts and body limits.
//!
//! Every rule and every read of data is in `tandem-app` (one function per action, one
//! transaction each): a handler extracts the request, parses its form into the action's
//! command, calls the action and renders or redirects. This crate never names the store
//! (`tests/layering.rs` checks it).
//!
//! # Layout
//! - [`serve`] / [`app`]: the entry points; the caller passes a bound listener and a shutdown
//!   signal, so tests bind port 0 and stop the server when they like. [`server`]: the accept
//!   loop (a deadline for request headers, graceful stop).
//! - [`state`]: [`AppState`] (with the `tandem-app` handle) and [`WebConfig`]; [`clock`]: the
//!   injectable "now".
//! - [`auth`]: session cookies, CSRF and the route guard (which reads a course route's course
//!   once and hands it on in the [`context`]); sign-in itself is `tandem_app::sessions`.
//! - [`context`]: what the guard learned about a request, and the caller as a `tandem-app` actor;
//!   [`audit`]: audit events for the request's caller.
//! - [`route`]: a route as declared (method, path, access rule, handler); [`routes`]: one
//!   module per resource, and the route table built from their lists.
//! - [`page`]: the layout shared by every page and the `render` helper; [`forms`]: form fields,
//!   kept input and errors; [`kit`]: dates, words, path ids, QR codes and rating values as the
//!   pages show and read them; `numbers`: numbers as shown in each language.
//! - [`error`]: [`error::AppError`] and the translated error pages.
//! - [`i18n`]: languages and translations; [`local_time`]: UTC stored, Copenhagen shown.
//! - [`assets`], [`security_headers`], [`metrics`]: static files, R19 headers, Prometheus.
//! - [`jobs`]: the worry job `serve` runs beside requests (escalation, then e-mail).
//! - [`story_columns`]: campaigns' answers kept as columns for the pattern pages;
//!   [`charts`]: the SVG charts those pages draw.

pub mod assets;
pub mod audit;
pub mod auth;
pub mod charts;
pub mod clock;
pub mod context;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod input_gate;
pub mod jobs;
pub mod kit;
pub use tandem_domain::local_time;
pub mod metrics;
pub(crate) mod numbers;
pub mod page;
pub mod route;
pub mod routes;
pub mod security_headers;
pub mod server;
pub mod state;
pub mod story_columns;

use std::future::Future;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use state::{AppState, MetricsToken, WebConfig};

/// The complete application: routes plus every cross-cutting layer.
pub fn app(state: AppState) -> Router {
    with_layers(routes::router(&state), state)
}

/// Applies every cross-cutting layer to a router. Public so the test suite can check the layers
/// against deliberately failing routes (panics, slow handlers) that the application never has.
pub fn with_layers(router: Router<AppState>, state: AppState) -> Router {
    let config = state.config().clone();
    router
        .route_layer(from_fn(metrics::tag_route))
        // Layers run outside-in in the reverse order of these calls: the last one added sees the
        // request first. Error pages and headers are outermost so that responses produced by
        // the inner layers (413, 408, panics) are translated and carry the headers too.
        // Uploads (story files) may be larger; every other body is still held to
        // `max_body_bytes` by the guard, which reads form bodies for the CSRF check.
        // The input gate reads form bodies, so it sits inside the body limit.
        .layer(from_fn_with_state(
            config.max_body_bytes,
            input_gate::refuse_unreadable_input,
        ))
        .layer(RequestBodyLimitLayer::new(
            config.max_body_bytes.max(routes::stories::MAX_UPLOAD_BYTES),
        ))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(CatchPanicLayer::new())
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                // The method only: paths carry tokens (set-password links) and queries carry
                // search text, so neither may reach the log (R18). The route *template* is
                // logged when the response is known (see `metrics::track_requests`).
                tracing::info_span!("request", method = %request.method())
            }),
        )
        .layer(from_fn_with_state(state.clone(), metrics::track_requests))
        .layer(from_fn_with_state(state.clone(), error::error_pages))
        .layer(from_fn_with_state(
            config.secure_cookies,
            security_headers::add_security_headers,
        ))
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` completes, then lets in-flight
/// requests finish.
///
/// # Errors
/// An I/O error from the listener.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app_handle = state.app().clone();
    tokio::spawn(story_columns::warm(state.clone()));
    let job = state
        .config()
        .worry_job_every
        .map(|every| jobs::spawn_worry_job(state.clone(), every));
    let header_read_timeout = state.config().header_read_timeout;
    server::run(listener, app(state), header_read_timeout, shutdown).await;
    if let Some(job) = job {
        job.abort();
    }
    app_handle.close().await;
    Ok(())
}
