//! Security headers on every response (requirement R19): pages, errors, redirects and static
//! files alike. Applied as the outermost layer so nothing can bypass it.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The Content-Security-Policy: only our own scripts, styles, fonts and images; no inline code
/// (DKFDS works without it), no plugins, no framing, no `<base>` tricks. Violations are reported
/// to `/csp-reports` and counted in the metrics.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
     report-uri /csp-reports";

/// Browser features Tandem never uses, switched off.
const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), display-capture=(), \
     geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), \
     interest-cohort=()";

const FIXED: [(HeaderName, &str); 6] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

/// Served over HTTPS, browsers are told to use nothing else for a year, subdomains included, so
/// a network attacker cannot strip the connection down to plain HTTP on a later visit.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// Adds the headers. `Cache-Control: no-store` is the default for everything that did not set
/// its own caching (only versioned static files do), so no page with personal data is cached.
/// `Strict-Transport-Security` is sent when Tandem is served over HTTPS (`--secure-cookies`).
pub async fn add_security_headers(
    State(https): State<bool>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in FIXED {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    headers.remove(header::SERVER);
    response
}
