//! Black-box tests of the walking skeleton through the real server on port 0.

mod common;

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use common::{spawn_app, spawn_app_with};
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderMap, LOCATION, SET_COOKIE};
use tandem_web::WebConfig;

/// The R19 headers, checked on every kind of response.
fn assert_security_headers(headers: &HeaderMap, what: &str) {
    let csp = headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"));
    let script_src = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap_or_else(|| panic!("{what}: no script-src"));
    assert!(
        !script_src.contains("unsafe-inline") && !script_src.contains("unsafe-eval"),
        "{what}: {csp}"
    );
    for directive in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(
            csp.contains(directive),
            "{what}: {directive} missing from {csp}"
        );
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("referrer-policy"), "no-referrer", "{what}");
    assert!(header("permissions-policy").contains("camera=()"), "{what}");
    assert!(headers.get("server").is_none(), "{what}: version banner");
    assert!(
        headers.get("x-powered-by").is_none(),
        "{what}: version banner"
    );
}

#[tokio::test]
async fn the_landing_page_explains_tandem_in_danish_by_default() {
    let app = spawn_app().await;
    let (status, headers, body) = app.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[CONTENT_TYPE], "text/html; charset=utf-8");
    assert_eq!(headers[CACHE_CONTROL], "no-store");
    assert!(body.contains(r#"<html lang="da">"#), "{body}");
    assert!(body.contains("Tæt på familien"), "{body}");
    assert!(body.contains(r##"<a class="skipnav" href="#main-content">"##));
    assert!(body.contains(r#"<main id="main-content""#));
    assert_security_headers(&headers, "landing page");
    app.stop().await;
}

#[tokio::test]
async fn the_language_switch_remembers_english_and_returns_to_the_page() {
    let app = spawn_app().await;
    let response = app.get("/language/en?next=/healthz").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/healthz");
    let cookie = response.headers()[SET_COOKIE].to_str().expect("ascii");
    assert!(
        cookie.starts_with("tandem_lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let (_, _, body) = app.get_text("/").await;
    assert!(body.contains(r#"<html lang="en">"#), "{body}");
    assert!(body.contains("Close to the family"), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn the_language_switch_never_redirects_off_site() {
    let app = spawn_app().await;
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/%5Cevil.example",
        "%2F%2Fevil.example",
    ] {
        let response = app.get(&format!("/language/da?next={next}")).await;
        let location = response.headers()[LOCATION]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(
            location.starts_with('/')
                && !location.starts_with("//")
                && !location.starts_with("/\\"),
            "{next} redirected to {location}"
        );
    }
    let (status, _, body) = app.get_text("/language/xx").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Siden findes ikke"));
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_page_is_a_translated_404_with_all_headers() {
    let app = spawn_app().await;
    let (status, headers, body) = app.get_text("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body.contains("Siden findes ikke") && body.contains(r#"<html lang="da">"#),
        "{body}"
    );
    assert_security_headers(&headers, "404");

    app.choose_language("en").await;
    let (status, _, body) = app.get_text("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn static_files_are_cached_for_a_year_only_under_the_current_version() {
    let app = spawn_app().await;
    let version = app.state.asset_version().to_owned();
    let response = app
        .get(&format!("/static/{version}/vendor/dkfds/css/dkfds.min.css"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "text/css");
    assert_eq!(
        response.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_security_headers(response.headers(), "static file");

    let stale = app.get("/static/0123456789ab/app/tandem.js").await;
    assert_eq!(stale.status(), StatusCode::OK);
    assert_eq!(stale.headers()[CACHE_CONTROL], "no-cache");

    let missing = app.get(&format!("/static/{version}/nope.js")).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let traversal = app
        .get(&format!("/static/{version}/..%2F..%2FCargo.toml"))
        .await;
    assert_eq!(traversal.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

/// Every page names its icon, and the icon is there: without it, browsers ask for
/// `/favicon.ico` on every page and get a 404.
#[tokio::test]
async fn every_page_names_an_icon_that_exists() {
    let app = spawn_app().await;
    let (status, _, body) = app.get_text("/login").await;
    assert_eq!(status, StatusCode::OK);
    let href = body
        .split("<link rel=\"icon\" type=\"image/svg+xml\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an icon link");
    let icon = app.get(href).await;
    assert_eq!(icon.status(), StatusCode::OK, "{href}");
    assert_eq!(icon.headers()[CONTENT_TYPE], "image/svg+xml");
    app.stop().await;
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_a_translated_413() {
    let config = WebConfig {
        max_body_bytes: 64 * 1024,
        ..WebConfig::default()
    };
    let app = spawn_app_with(config, Router::new()).await;
    let response = app
        .client
        .post(app.url("/csp-reports"))
        .body(vec![b'x'; 200 * 1024])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_security_headers(response.headers(), "413");
    let body = response.text().await.expect("body");
    assert!(body.contains("Indholdet er for stort"), "{body}");
    assert_eq!(
        app.state.metrics().csp_violations(),
        0,
        "the oversized report was not counted"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_panicking_handler_gives_the_500_page_without_internals() {
    let boom = Router::new().route(
        "/test/boom",
        get(|| async {
            let secret = "internal detail 7f3a";
            panic!("{secret}");
            #[allow(unreachable_code)]
            ""
        }),
    );
    let app = spawn_app_with(WebConfig::default(), boom).await;
    let (status, headers, body) = app.get_text("/test/boom").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(body.contains("Der opstod en fejl"), "{body}");
    assert!(
        !body.contains("7f3a") && !body.contains("panicked"),
        "{body}"
    );
    assert_security_headers(&headers, "500");
    app.stop().await;
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_with_408() {
    let slow = Router::new().route(
        "/test/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "late"
        }),
    );
    let config = WebConfig {
        request_timeout: Duration::from_millis(300),
        ..WebConfig::default()
    };
    let app = spawn_app_with(config, slow).await;
    let (status, headers, body) = app.get_text("/test/slow").await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert!(body.contains("Det tog for lang tid"), "{body}");
    assert_security_headers(&headers, "408");
    app.stop().await;
}

#[tokio::test]
async fn health_and_readiness_report_the_database() {
    let app = spawn_app().await;
    let (status, headers, body) = app.get_text("/healthz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    assert_security_headers(&headers, "healthz");
    let (status, _, body) = app.get_text("/readyz").await;
    assert_eq!(
        (status, body.as_str()),
        (
            StatusCode::OK,
            "ready\nnotifications: in Tandem only (no --smtp-url)\n"
        )
    );

    app.state.app().store().close().await;
    let (status, _, _) = app.get_text("/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    app.stop().await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_template_and_status() {
    let app = spawn_app().await;
    app.get("/").await;
    app.get("/").await;
    app.get("/no/such/page").await;
    let version = app.state.asset_version().to_owned();
    app.get(&format!("/static/{version}/app/tandem.css")).await;

    let (status, headers, body) = app.get_text("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("application/openmetrics-text")
    );
    assert!(
        body.contains(r#"tandem_http_requests_total{method="GET",route="/",status="200"} 2"#),
        "{body}"
    );
    assert!(
        body.contains(r#"route="unmatched",status="404"} 1"#),
        "{body}"
    );
    assert!(
        body.contains(r#"route="/static/{version}/{*path}",status="200"} 1"#),
        "{body}"
    );
    assert!(
        body.contains(
            r#"tandem_http_request_duration_seconds_bucket{le="0.001",method="GET",route="/"}"#
        ),
        "{body}"
    );
    assert!(
        !body.contains("tandem.css"),
        "concrete paths must not become labels"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_csp_report_is_counted() {
    let app = spawn_app().await;
    let report =
        r#"{"csp-report":{"violated-directive":"script-src 'self'","blocked-uri":"inline"}}"#;
    let response = app
        .client
        .post(app.url("/csp-reports"))
        .header(CONTENT_TYPE, "application/csp-report")
        .body(report)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.state.metrics().csp_violations(), 1);
    app.stop().await;
}

#[tokio::test]
async fn static_files_health_and_metrics_set_no_cookies_but_pages_issue_a_csrf_cookie() {
    let app = spawn_app().await;
    let version = app.state.asset_version().to_owned();
    for path in [
        "/healthz".to_owned(),
        "/readyz".to_owned(),
        "/metrics".to_owned(),
        format!("/static/{version}/app/tandem.css"),
    ] {
        let response = common::client()
            .get(app.url(&path))
            .send()
            .await
            .expect("sent");
        assert!(
            response.headers().get(SET_COOKIE).is_none(),
            "{path} set a cookie"
        );
    }
    let page = common::client()
        .get(app.url("/"))
        .send()
        .await
        .expect("sent");
    let cookie = page.headers()[SET_COOKIE]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        cookie.starts_with("tandem_csrf=")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    app.stop().await;
}

#[tokio::test]
async fn over_https_browsers_are_told_to_use_nothing_else_and_over_plain_http_they_are_not() {
    let secure = spawn_app_with(
        WebConfig {
            secure_cookies: true,
            ..WebConfig::default()
        },
        Router::new(),
    )
    .await;
    for path in ["/", "/login", "/no/such/page", "/healthz"] {
        let response = secure.get(path).await;
        assert_eq!(
            response.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
    let plain = spawn_app().await;
    assert!(
        plain
            .get("/")
            .await
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "a development server over plain HTTP does not pin HTTPS"
    );
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app_with(
        WebConfig {
            header_read_timeout: Duration::from_secs(1),
            ..WebConfig::default()
        },
        Router::new(),
    )
    .await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut stalled = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connect");
    stalled
        .write_all(b"GET / HTTP/1.1\r\nHost: tandem\r\nX-Slow: ")
        .await
        .expect("partial headers");
    // The server closes the connection (an answer, if any, then end of stream); the bound on the
    // wait only keeps a broken build from hanging the suite.
    let mut received = Vec::new();
    let closed =
        tokio::time::timeout(Duration::from_secs(30), stalled.read_to_end(&mut received)).await;
    assert!(
        closed.is_ok(),
        "the half-sent request still holds its connection"
    );
    // Finished requests are unaffected.
    assert_eq!(app.get("/").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn made_up_http_methods_share_one_metrics_label() {
    let app = spawn_app().await;
    for i in 0..40 {
        let method = reqwest::Method::from_bytes(format!("INVENTED{i}").as_bytes()).expect("token");
        app.client
            .request(method, app.url("/"))
            .send()
            .await
            .expect("sent");
    }
    let (_, _, body) = app.get_text("/metrics").await;
    assert!(!body.contains("INVENTED"), "{body}");
    assert!(body.contains(r#"method="other""#), "{body}");
}

#[tokio::test]
async fn with_a_token_the_metrics_answer_only_to_it() {
    let app = spawn_app_with(
        WebConfig {
            metrics_token: tandem_web::MetricsToken::new("s3cret-scraper-token"),
            ..WebConfig::default()
        },
        Router::new(),
    )
    .await;
    let bare = app.get("/metrics").await;
    assert_eq!(bare.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        bare.headers()["www-authenticate"],
        "Bearer realm=\"metrics\""
    );
    for wrong in [
        "Bearer s3cret-scraper-tokeN",
        "Bearer ",
        "s3cret-scraper-token",
    ] {
        let response = app
            .client
            .get(app.url("/metrics"))
            .header("authorization", wrong)
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{wrong}");
    }
    let scraped = app
        .client
        .get(app.url("/metrics"))
        .header("authorization", "Bearer s3cret-scraper-token")
        .send()
        .await
        .expect("sent");
    assert_eq!(scraped.status(), StatusCode::OK);
    assert!(
        scraped
            .text()
            .await
            .expect("body")
            .contains("tandem_http_requests_total")
    );
}
