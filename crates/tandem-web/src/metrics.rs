//! Request metrics in the Prometheus text format, served at `/metrics`.
//!
//! One registry per application (not a process-wide global), so tests can run several servers
//! in one process. Requests are labelled by route *template* (`/static/{version}/{*path}`), never
//! by concrete path, so ids never become labels.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::state::AppState;

/// The route label for requests that matched no route.
const UNMATCHED: &str = "unmatched";

/// The method label: the standard methods by name, anything else as `other`. A client may send
/// any token as a method; as a label each would be a new series kept for the life of the
/// process, so a few thousand made-up methods could grow the metrics without bound.
fn method_label(method: &axum::http::Method) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE",
    ];
    KNOWN
        .into_iter()
        .find(|known| *known == method.as_str())
        .unwrap_or("other")
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ColumnReadLabels {
    kind: &'static str,
}

/// How a campaign's answers were read into columns for its pattern pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRead {
    /// Every story of the campaign (none kept, or the kept ones could not be extended).
    Whole,
    /// Only the stories saved since the kept columns were read.
    NewStories,
}

impl ColumnRead {
    const fn label(self) -> &'static str {
        match self {
            Self::Whole => "whole",
            Self::NewStories => "new_stories",
        }
    }
}

fn latency_histogram() -> Histogram {
    // 1 ms … ~16 s in doubling steps.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// The application's metric registry.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    csp_violations: Counter,
    column_reads: Family<ColumnReadLabels, Counter>,
}

impl Metrics {
    /// A registry with Tandem's metrics registered.
    #[must_use]
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("tandem");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        let csp_violations = Counter::default();
        let column_reads = Family::<ColumnReadLabels, Counter>::default();
        registry.register(
            "pattern_column_reads",
            "Campaign answers read into columns for the pattern pages: whole campaigns, or only new stories",
            column_reads.clone(),
        );
        registry.register(
            "http_requests",
            "HTTP requests by method, route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by method and route",
            latency.clone(),
        );
        registry.register(
            "csp_violations",
            "Content-Security-Policy violations reported by browsers",
            csp_violations.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            csp_violations,
            column_reads,
        }
    }

    /// Counts one read of a campaign's answers into columns.
    pub fn record_column_read(&self, read: ColumnRead) {
        self.column_reads
            .get_or_create(&ColumnReadLabels { kind: read.label() })
            .inc();
    }

    /// How many reads of that kind there have been (tests check which path a page took).
    #[must_use]
    pub fn column_reads(&self, read: ColumnRead) -> u64 {
        self.column_reads
            .get_or_create(&ColumnReadLabels { kind: read.label() })
            .get()
    }

    /// Counts one Content-Security-Policy violation report.
    pub fn record_csp_violation(&self) {
        self.csp_violations.inc();
    }

    /// How many CSP violations browsers have reported (the browser tests assert it stays 0).
    #[must_use]
    pub fn csp_violations(&self) -> u64 {
        self.csp_violations.get()
    }

    fn record(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                method,
                route: route.to_owned(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                method,
                route: route.to_owned(),
            })
            .observe(seconds);
    }

    fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// Route layer: copies the matched route template onto the response, where the outer
/// [`track_requests`] layer can read it (routing happens inside that layer).
pub async fn tag_route(request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(matched);
    }
    response
}

/// Outer layer: counts every request and observes its latency, including 404s, 413s and timeouts.
pub async fn track_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_owned();
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    state.metrics().record(method, &route, status, seconds);
    tracing::debug!(%route, status, ms = seconds * 1000.0, "request finished");
    response
}

/// `GET /metrics`; with a configured token only for `Authorization: Bearer <token>` (401
/// otherwise, so a scraper misconfiguration is visible as such).
pub async fn get_metrics(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Response {
    if let Some(token) = &state.config().metrics_token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        if !token.admits(given) {
            let mut response = axum::http::StatusCode::UNAUTHORIZED.into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"metrics\""),
            );
            return response;
        }
    }
    match state.metrics().encode() {
        Ok(text) => {
            let mut response = text.into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                ),
            );
            response
        }
        Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
