//! What every page shares — the chrome around the content — and how pages are rendered.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::{Language, Translator};
use crate::state::AppState;

/// Marks a response whose body is a rendered page, so the error-page layer leaves it alone.
#[derive(Debug, Clone, Copy)]
pub struct RenderedPage;

/// The request-dependent parts of the layout: language, translations, asset URLs and the
/// current path (for the language switcher to return to).
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Strings in the request's language.
    pub tr: Translator,
    /// The CSRF token every form on the page sends back.
    pub csrf: String,
    /// The signed-in person, for the header.
    pub user: Option<UserBadge>,
    /// The signed-in citizen's sign-in name, for the header of the citizens' area.
    pub citizen: Option<String>,
    asset_version: String,
    path: String,
}

/// The signed-in person as the header shows them.
#[derive(Debug, Clone)]
pub struct UserBadge {
    /// Their name.
    pub name: String,
    /// Their role, translated.
    pub role: String,
    /// Whether to show the administration link.
    pub is_admin: bool,
    /// Whether to show "My courses" (processors and team managers).
    pub has_worklist: bool,
}

/// One entry of the language switcher.
#[derive(Debug)]
pub struct LanguageLink {
    /// The language's code, for the `lang` attribute.
    pub code: &'static str,
    /// Its name in itself.
    pub name: &'static str,
    /// The switch URL, returning to the current page.
    pub href: String,
    /// Whether it is the current language.
    pub current: bool,
}

impl Chrome {
    /// The chrome for a request in `language` at `path`.
    #[must_use]
    pub fn new(state: &AppState, language: Language, path: &str) -> Self {
        Self {
            tr: state.i18n().translator(language),
            csrf: String::new(),
            user: None,
            citizen: None,
            asset_version: state.asset_version().to_owned(),
            path: path.to_owned(),
        }
    }

    /// The chrome for a request the guard has seen: with the CSRF token and signed-in person.
    #[must_use]
    pub fn for_request(
        state: &AppState,
        language: Language,
        path: &str,
        context: Option<&RequestContext>,
    ) -> Self {
        let mut chrome = Self::new(state, language, path);
        if let Some(context) = context {
            chrome.csrf.clone_from(&context.csrf_token);
            chrome.citizen = context
                .citizen
                .as_ref()
                .map(|c| c.account.login_name.clone());
            chrome.user = context.session.as_ref().map(|s| UserBadge {
                name: s.user.display_name.as_str().to_owned(),
                role: chrome.tr.t(&format!("role-{}", s.user.role.as_str())),
                is_admin: s.user.role == tandem_domain::staff::StaffRole::Administrator,
                has_worklist: matches!(
                    s.user.role,
                    tandem_domain::staff::StaffRole::Processor
                        | tandem_domain::staff::StaffRole::TeamManager
                ),
            });
        }
        chrome
    }

    /// The language code for `<html lang>`.
    #[must_use]
    pub fn lang(&self) -> &'static str {
        self.tr.language().code()
    }

    /// The versioned URL of an embedded asset.
    #[must_use]
    pub fn asset(&self, path: &str) -> String {
        format!("/static/{}/{path}", self.asset_version)
    }

    /// The entries of the language switcher, current language first (as DKFDS expects).
    #[must_use]
    pub fn languages(&self) -> Vec<LanguageLink> {
        let current = self.tr.language();
        let mut links: Vec<LanguageLink> = Language::ALL
            .into_iter()
            .map(|language| LanguageLink {
                code: language.code(),
                name: language.native_name(),
                href: format!(
                    "/language/{}?next={}",
                    language.code(),
                    encode_path(&self.path)
                ),
                current: language == current,
            })
            .collect();
        links.sort_by_key(|l| !l.current);
        links
    }
}

/// Percent-encodes a local path for use as a query value.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl FromRequestParts<AppState> for Chrome {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let language = Language::from_headers(&parts.headers);
        let context = parts.extensions.get::<RequestContext>();
        Ok(Self::for_request(
            state,
            language,
            parts.uri.path(),
            context,
        ))
    }
}

/// What a page handler starts from: the application, the page's chrome (language,
/// translations, the signed-in person's badge) and what the route guard learned about the
/// request. One extractor, so a handler's signature names only what is particular to it — its
/// path, query or form.
pub struct Page {
    /// The application.
    pub state: AppState,
    /// The layout's request-dependent parts.
    pub chrome: Chrome,
    /// The guard's findings: who asks, and the course, campaign or team of the route.
    pub ctx: RequestContext,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ctx = RequestContext::from_request_parts(parts, state).await?;
        let Ok(chrome) = Chrome::from_request_parts(parts, state).await;
        Ok(Self {
            state: state.clone(),
            chrome,
            ctx,
        })
    }
}

/// Renders a page template as an HTML response with the given status.
///
/// # Errors
/// [`AppError::Template`] when rendering fails (a bug; logged, shown as the 500 page).
pub fn render(status: StatusCode, page: &impl Template) -> Result<Response, AppError> {
    let html = page.render()?;
    let mut response = (status, html).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response.extensions_mut().insert(RenderedPage);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_for_the_switcher() {
        assert_eq!(encode_path("/courses/abc-1"), "/courses/abc-1");
        assert_eq!(encode_path("/a b?c=d&e"), "/a%20b%3Fc%3Dd%26e");
        assert_eq!(encode_path("/å"), "/%C3%A5");
    }
}
