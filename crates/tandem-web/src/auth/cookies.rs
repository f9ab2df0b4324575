//! Cookie names and attributes (R11).
//!
//! Over HTTPS (`secure_cookies`), the session cookie uses the `__Host-` prefix, which browsers
//! accept only with `Secure`, `Path=/` and no `Domain` — so no subdomain can plant or read it.
//! In development over plain HTTP the same attributes apply without `Secure` and the prefix.

use axum::http::{HeaderMap, header};

/// The session cookie's name.
#[must_use]
pub fn session_name(secure: bool) -> &'static str {
    if secure {
        "__Host-tandem_session"
    } else {
        "tandem_session"
    }
}

/// The CSRF cookie's name (double-submit token, R14).
#[must_use]
pub fn csrf_name(secure: bool) -> &'static str {
    if secure {
        "__Host-tandem_csrf"
    } else {
        "tandem_csrf"
    }
}

/// A `Set-Cookie` value; `max_age` of `None` makes a browser-session cookie, `Some(0)` deletes.
#[must_use]
pub fn set_cookie(
    name: &str,
    value: &str,
    secure: bool,
    same_site: &str,
    max_age: Option<i64>,
) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if secure {
        cookie.push_str("; Secure");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    cookie
}

/// The value of a request cookie.
#[must_use]
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A redirect to `to` that sets the session cookie `name` to `token` (a browser-session
/// cookie), or deletes it for `None`: signing in and out, for staff and citizens alike. The
/// signed-out CSRF cookie is deleted too, so the next page starts a fresh one (R14).
#[must_use]
pub fn redirect_with_session(
    to: &str,
    name: &str,
    token: Option<&str>,
    secure: bool,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response = axum::response::Redirect::to(to).into_response();
    let cookie = set_cookie(
        name,
        token.unwrap_or(""),
        secure,
        "Lax",
        token.is_none().then_some(0),
    );
    let csrf = set_cookie(csrf_name(secure), "", secure, "Strict", Some(0));
    for cookie in [cookie, csrf] {
        if let Ok(value) = axum::http::HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_https_the_session_cookie_is_host_prefixed_and_secure() {
        assert_eq!(session_name(true), "__Host-tandem_session");
        let cookie = set_cookie(session_name(true), "abc", true, "Lax", None);
        assert_eq!(
            cookie,
            "__Host-tandem_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure"
        );
        assert!(!cookie.contains("Domain"));
    }

    #[test]
    fn over_plain_http_in_development_the_cookie_has_no_prefix_and_no_secure_flag() {
        assert_eq!(session_name(false), "tandem_session");
        assert_eq!(
            set_cookie("tandem_session", "", false, "Lax", Some(0)),
            "tandem_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        );
    }

    #[test]
    fn only_plausible_token_values_are_read() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "tandem_session=<script>; tandem_csrf=00ff"
                .parse()
                .expect("header"),
        );
        assert_eq!(get(&headers, "tandem_session"), None);
        assert_eq!(get(&headers, "tandem_csrf"), Some("00ff"));
    }
}
