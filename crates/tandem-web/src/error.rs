//! The web layer's one error type, and the layer that turns bare error statuses into translated
//! pages.
//!
//! Handlers return `Result<_, AppError>`. An error is logged with its full chain and answered
//! with a status only; the [`error_pages`] layer then renders the translated page for that
//! status in the design system. Users never see internal error text.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tandem_app::error::StoreError;

use crate::i18n::Language;
use crate::page::{Chrome, RenderedPage, render};
use crate::state::AppState;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The resource does not exist — or the caller may not know it exists (R2).
    #[error("not found")]
    NotFound,
    /// A database failure.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A page template failed to render.
    #[error("template rendering failed: {0}")]
    Template(#[from] askama::Error),
    /// The audit trail could not be written, so nothing may be served (R15: fail closed).
    #[error("audit trail unavailable: {0}")]
    AuditUnavailable(Box<AppError>),
    /// The operating system's random source failed.
    #[error("no randomness available")]
    Randomness,
    /// The caller sent too many requests of a throttled kind (anonymous story links).
    #[error("too many requests")]
    TooManyRequests,
    /// Password hashing failed.
    #[error(transparent)]
    Hash(#[from] tandem_app::sessions::HashError),
    /// A spreadsheet or CSV file could not be written.
    #[error("export failed: {0}")]
    Export(String),
}

impl From<tandem_app::ActionError> for AppError {
    fn from(error: tandem_app::ActionError) -> Self {
        match error {
            tandem_app::ActionError::NotFound => Self::NotFound,
            // A locked database or a full audit queue is temporary: the busy page, with
            // Retry-After, as for any write that met a lock.
            tandem_app::ActionError::AuditUnavailable(
                StoreError::Busy | StoreError::AuditOverloaded,
            ) => Self::Store(StoreError::Busy),
            tandem_app::ActionError::AuditUnavailable(cause) => {
                Self::AuditUnavailable(Box::new(Self::Store(cause)))
            }
            tandem_app::ActionError::Store(cause) => Self::Store(cause),
            tandem_app::ActionError::Hashing(cause) => Self::Hash(cause),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND.into_response(),
            Self::TooManyRequests => StatusCode::TOO_MANY_REQUESTS.into_response(),
            // Lock contention is temporary: ask the client to retry rather than report a fault.
            Self::Store(StoreError::Busy) => {
                tracing::warn!("database busy");
                let mut response = StatusCode::SERVICE_UNAVAILABLE.into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                response
            }
            Self::Store(StoreError::AuditWrite(cause)) => {
                tracing::error!(error = ?cause, "audit trail unavailable; refusing to serve");
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
            Self::AuditUnavailable(cause) => {
                tracing::error!(error = ?cause, "audit trail unavailable; refusing to serve");
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
            other => {
                tracing::error!(error = ?other, "request failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    status: u16,
    title: String,
    text: String,
}

/// Replaces the body of any error response that is not already a page with the translated
/// error page for its status — 404s from unknown routes, 405, 408 timeouts, 413 oversized
/// bodies, 500s from panics — keeping the status and headers (e.g. `Retry-After`).
pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let language = Language::from_headers(request.headers());
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    if !is_error || response.extensions().get::<RenderedPage>().is_some() {
        return response;
    }
    // The language switch returns to the front page: an error page for one path must look the
    // same as for any other (a hidden course and a missing one answer identically, R2).
    let _ = path;
    let chrome = Chrome::new(&state, language, "/");
    let key = match status.as_u16() {
        code @ (400 | 403 | 404 | 405 | 408 | 413 | 422 | 429 | 500 | 503) => code.to_string(),
        _ => "generic".to_owned(),
    };
    let page = ErrorPage {
        title: chrome.tr.t(&format!("error-{key}-title")),
        text: chrome.tr.t(&format!("error-{key}-text")),
        status: status.as_u16(),
        chrome,
    };
    let (parts, _) = response.into_parts();
    match render(status, &page) {
        Ok(mut rendered) => {
            for (name, value) in &parts.headers {
                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                    rendered.headers_mut().insert(name.clone(), value.clone());
                }
            }
            rendered
        }
        Err(error) => {
            tracing::error!(?error, "error page failed to render");
            (status, status.canonical_reason().unwrap_or("Error")).into_response()
        }
    }
}
