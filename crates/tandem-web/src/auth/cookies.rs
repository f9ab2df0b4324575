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
