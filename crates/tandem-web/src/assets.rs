//! Static assets — the vendored design system and Tandem's own CSS/JS — embedded in the binary.
//!
//! URLs carry a content version (`/static/<version>/…`) computed from the files' hashes, so
//! browsers may cache them for a year: a new build with changed assets gets new URLs.

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

use crate::state::AppState;

/// The files under `static/`.
#[derive(Embed)]
#[folder = "static/"]
#[exclude = "*.map"]
struct Assets;

/// A short hash over every embedded file's content.
#[must_use]
pub fn version() -> String {
    // DefaultHasher::new() uses fixed keys, so every instance of one build agrees on the version
    // (they may run behind one load balancer).
    let mut hasher = DefaultHasher::new();
    for path in Assets::iter() {
        if let Some(file) = Assets::get(&path) {
            path.hash(&mut hasher);
            file.metadata.sha256_hash().hash(&mut hasher);
        }
    }
    format!("{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

/// `GET /static/{version}/{*path}`: one embedded file.
pub async fn get_asset(
    State(state): State<AppState>,
    Path((version, path)): Path<(String, String)>,
) -> Response {
    let Some(file) = Assets::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // An old version in the URL (a page rendered by an older instance during a rolling
    // upgrade) still gets the file, but must not be cached as if it were that version.
    let cache = if version == state.asset_version() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mime = file.metadata.mimetype();
    let mut response = file.data.into_owned().into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(mime) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_system_and_our_own_assets_are_embedded() {
        for path in [
            "vendor/dkfds/css/dkfds.min.css",
            "vendor/dkfds/js/dkfds.min.js",
            "vendor/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2",
            "vendor/dkfds/img/all-svg-icons.svg",
            "vendor/dkfds/LICENSE.md",
            "app/tandem.css",
            "app/tandem.js",
            "app/favicon.svg",
        ] {
            assert!(Assets::get(path).is_some(), "{path} is not embedded");
        }
    }

    /// Every `url(…)` in our own stylesheet names an embedded file (a missing one would be a
    /// 404 on every page).
    #[test]
    fn every_file_our_stylesheet_references_is_embedded() {
        let css = Assets::get("app/tandem.css").expect("our stylesheet");
        let css = std::str::from_utf8(&css.data).expect("UTF-8");
        let urls: Vec<&str> = css
            .split("url(")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
            .map(|url| url.trim_matches(|c| c == '"' || c == '\''))
            .collect();
        assert!(!urls.is_empty(), "the regular face's woff2");
        for url in urls {
            let path = url
                .strip_prefix("../")
                .map_or_else(|| format!("app/{url}"), str::to_owned);
            assert!(
                Assets::get(&path).is_some(),
                "{url} ({path}) is not embedded"
            );
        }
    }

    #[test]
    fn the_version_is_stable_within_a_build() {
        assert_eq!(version(), version());
        assert_eq!(version().len(), 12);
    }
}
