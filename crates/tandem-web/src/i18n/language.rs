//! The languages Tandem speaks and how a request picks one.

use axum::extract::FromRequestParts;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use unic_langid::{LanguageIdentifier, langid};

/// The cookie that remembers the chosen language.
pub const LANGUAGE_COOKIE: &str = "tandem_lang";

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// Danish, the default: Tandem's first users are Danish municipalities.
    #[default]
    Danish,
    /// English.
    English,
}

impl Language {
    /// Every supported language, in the order the switcher lists them.
    pub const ALL: [Self; 2] = [Self::Danish, Self::English];

    /// The BCP 47 code, used in `lang` attributes, URLs and the cookie.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Danish => "da",
            Self::English => "en",
        }
    }

    /// The language's name in itself, as shown in the switcher.
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            Self::Danish => "Dansk",
            Self::English => "English",
        }
    }

    /// Parses a code from a URL or cookie; anything else is `None`.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    pub(crate) fn langid(self) -> LanguageIdentifier {
        match self {
            Self::Danish => langid!("da"),
            Self::English => langid!("en"),
        }
    }

    /// The language chosen with the switcher (the cookie), or Danish.
    #[must_use]
    pub fn from_headers(headers: &axum::http::HeaderMap) -> Self {
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANGUAGE_COOKIE)
            .and_then(|(_, value)| Self::from_code(value))
            .unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Language {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::from_headers(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(value).expect("header"));
        headers
    }

    #[test]
    fn danish_is_the_default_and_the_cookie_chooses_english() {
        assert_eq!(Language::from_headers(&HeaderMap::new()), Language::Danish);
        assert_eq!(
            Language::from_headers(&with_cookie("a=b; tandem_lang=en")),
            Language::English
        );
    }

    #[test]
    fn an_unknown_or_hostile_cookie_falls_back_to_danish() {
        for value in ["tandem_lang=xx", "tandem_lang=<script>", "tandem_lang="] {
            assert_eq!(
                Language::from_headers(&with_cookie(value)),
                Language::Danish
            );
        }
    }
}
