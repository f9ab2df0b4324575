//! The input gate: every query string and every URL-encoded form body passes here before a
//! route sees it, so characters no person types never reach a handler, a log or a database.
//!
//! Refused with the translated 400 page ("nothing was saved"):
//! - **Query strings** holding, in any decoded name or value, a control character (C0, DEL,
//!   C1 — NUL included) or a direction override (U+202A–U+202E, U+2066–U+2069). Query values
//!   are filters, page numbers and search words typed on one line; none of them has a use for
//!   these, and PostgreSQL cannot even compare text holding a NUL.
//! - **Form bodies** holding a NUL in any field. Other control and formatting characters are
//!   refused by each form's own fields ([`tandem_domain::PlainText`]), beside the field with a
//!   message that keeps what was typed; NUL is refused here because no keyboard types it and a
//!   field that forgot the check would turn it into a database error.
//!
//! Numbers and dates are range-checked where they are parsed ([`tandem_app::stories::catalog::PageNumber`],
//! [`tandem_domain::course::PLAUSIBLE_YEARS`]), since only the field knows its range.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses a request whose query string or form body carries characters no person types.
pub async fn refuse_unreadable_input(
    State(max_body_bytes): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().query().is_some_and(|q| !query_is_readable(q)) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    if !is_url_encoded_form(&request) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, max_body_bytes).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if !form_is_readable(&bytes) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn is_url_encoded_form(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
}

/// Whether no decoded name or value of `query` holds a control character or a direction
/// override. Malformed UTF-8 decodes to U+FFFD and passes: it is visible and harmless.
#[must_use]
pub fn query_is_readable(query: &str) -> bool {
    decoded_pairs(query.as_bytes()).iter().all(|(name, value)| {
        !name
            .chars()
            .chain(value.chars())
            .any(|c| c.is_control() || tandem_domain::is_direction_override(c))
    })
}

/// Whether no decoded field of a URL-encoded form body holds a NUL.
#[must_use]
pub fn form_is_readable(body: &[u8]) -> bool {
    decoded_pairs(body)
        .iter()
        .all(|(name, value)| !name.contains('\0') && !value.contains('\0'))
}

fn decoded_pairs(encoded: &[u8]) -> Vec<(String, String)> {
    // Decoding into strings never fails: form_urlencoded replaces malformed UTF-8.
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(encoded).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_filters_and_searches_pass() {
        for query in [
            "text=skole+%C3%A6%C3%B8%C3%A5&from=2026-01-01&page=2",
            "q=%3Cscript%3E&tag=%27%3B+DROP+TABLE",
            "family=%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9",
            "",
        ] {
            assert!(query_is_readable(query), "{query}");
        }
    }

    #[test]
    fn control_characters_and_direction_overrides_are_refused_in_names_and_values() {
        for query in [
            "text=a%00b",
            "tag=%00",
            "te%00xt=a",
            "text=%1B%5B2J",
            "text=%07",
            "text=line%0Abreak",
            "text=%7F",
            "text=%C2%85",
            "name=%E2%80%AEtxt.exe",
            "name=%E2%81%A6x",
        ] {
            assert!(!query_is_readable(query), "{query}");
        }
    }

    #[test]
    fn a_nul_in_any_form_field_is_refused_but_other_characters_are_left_to_the_field() {
        assert!(!form_is_readable(b"login=a%00b&password=x"));
        assert!(!form_is_readable(b"na%00me=x"));
        assert!(form_is_readable(b"name=Team%1B%5B31m&text=line%0D%0Abreak"));
    }

    proptest! {
        #[test]
        fn a_query_that_passes_decodes_to_nothing_invisible(query in "[a-z=&%0-9A-F+]{0,40}") {
            if query_is_readable(&query) {
                for (name, value) in decoded_pairs(query.as_bytes()) {
                    prop_assert!(!name.chars().chain(value.chars()).any(char::is_control));
                }
            }
        }
    }
}
