//! Cross-site request forgery protection (R14).
//!
//! Two independent checks on every state-changing request: the browser's own provenance headers
//! (`Sec-Fetch-Site`, `Origin`) must not say cross-site, and the form must carry the expected
//! token. Signed in, that token is derived from the session cookie ([`session_token`]): it is
//! bound to the one session, and a new session at sign-in brings a new token, so a token seen
//! before signing in (or in another session) is worth nothing. Signed out (the sign-in forms,
//! anonymous story links) it is the visitor's CSRF cookie (double submit); that cookie is
//! `SameSite=Strict` and `HttpOnly`, and deleted at every sign-in and sign-out.

use axum::http::{HeaderMap, header};

/// The hidden form field carrying the token.
pub const FIELD: &str = "_csrf";

/// Whether the provenance headers allow a state change.
///
/// `Sec-Fetch-Site` (sent by every current browser) decides when present. Otherwise `Origin`
/// must name this host. Note that with `Referrer-Policy: no-referrer` (R19) browsers send
/// `Origin: null` even for same-origin form posts, so `null` is only acceptable alongside a
/// same-origin `Sec-Fetch-Site`. Requests with neither header (old browsers, scripts) still
/// need the token.
#[must_use]
pub fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let origin_host = origin.split_once("://").map_or("", |(_, rest)| rest);
        return origin != "null" && origin_host == host;
    }
    true
}

/// The form token of a signed-in session: a hash of the session cookie's secret, so it names the
/// session without revealing the secret (a page's token cannot be turned back into the cookie).
/// `kind` separates staff and citizen sessions.
#[must_use]
pub fn session_token(kind: &str, session_secret: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(b"tandem csrf\0");
    hasher.update(kind.as_bytes());
    hasher.update(b"\0");
    hasher.update(session_secret.as_bytes());
    hex::encode(&hasher.finalize()[..16])
}

/// Whether the token in a urlencoded form body matches the expected one.
#[must_use]
pub fn form_token_matches(body: &[u8], expected: &str) -> bool {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body) else {
        return false;
    };
    let mut tokens = pairs.iter().filter(|(name, _)| name == FIELD);
    let first = tokens.next();
    // Exactly one token, equal in constant time (the comparison must not leak a prefix).
    tokens.next().is_none()
        && first.is_some_and(|(_, given)| {
            given.len() == expected.len()
                && given
                    .bytes()
                    .zip(expected.bytes())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn cross_site_provenance_is_refused() {
        assert!(same_origin(&headers(&[("host", "tandem.example")])));
        assert!(same_origin(&headers(&[
            ("host", "tandem.example"),
            ("sec-fetch-site", "same-origin"),
            ("origin", "https://tandem.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "tandem.example"),
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "tandem.example"),
            ("sec-fetch-site", "same-site")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "tandem.example"),
            ("origin", "https://evil.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "tandem.example"),
            ("origin", "null")
        ])));
    }

    #[test]
    fn a_sessions_token_is_its_own_and_does_not_reveal_the_session() {
        let a = session_token("staff", "aaaa");
        assert_eq!(a, session_token("staff", "aaaa"));
        assert_ne!(a, session_token("staff", "aaab"));
        assert_ne!(a, session_token("citizen", "aaaa"));
        assert!(!a.contains("aaaa") && a.len() == 32);
    }

    #[test]
    fn the_form_token_must_match_exactly_once() {
        assert!(form_token_matches(b"a=1&_csrf=abc123", "abc123"));
        assert!(!form_token_matches(b"a=1", "abc123"));
        assert!(!form_token_matches(b"_csrf=abc124", "abc123"));
        assert!(!form_token_matches(b"_csrf=abc123&_csrf=abc123", "abc123"));
        assert!(!form_token_matches(b"_csrf=abc12", "abc123"));
    }
}
