//! The languages Tandem speaks and how a request picks one.

use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
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

    /// The language chosen with the switcher (the cookie); on a first visit, before any
    /// choice, the browser's preferred language among Danish and English (`Accept-Language`);
    /// else Danish.
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
            .or_else(|| {
                headers
                    .get(ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Self::preferred)
            })
            .unwrap_or_default()
    }

    /// The supported language the browser prefers most (`da-DK,en;q=0.8` → Danish), by quality
    /// value, earlier first on a tie; `None` when it names neither.
    fn preferred(accept_language: &str) -> Option<Self> {
        let mut best: Option<(Self, f32)> = None;
        for item in accept_language.split(',').take(20) {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let Some(language) = Self::from_code(&primary) else {
                continue;
            };
            if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((language, quality));
            }
        }
        best.map(|(language, _)| language)
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

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT_LANGUAGE,
            HeaderValue::from_str(value).expect("header"),
        );
        headers
    }

    #[test]
    fn a_first_visit_follows_the_browsers_language_and_a_choice_overrides_it() {
        assert_eq!(
            Language::from_headers(&accepting("en-GB,en;q=0.9")),
            Language::English
        );
        assert_eq!(
            Language::from_headers(&accepting("da-DK,da;q=0.9,en;q=0.8")),
            Language::Danish
        );
        assert_eq!(
            Language::from_headers(&accepting("de-DE,en;q=0.5,da;q=0.7")),
            Language::Danish
        );
        assert_eq!(
            Language::from_headers(&accepting("fr,de;q=0.5")),
            Language::Danish,
            "neither"
        );
        assert_eq!(
            Language::from_headers(&accepting("en;q=0")),
            Language::Danish,
            "q=0 refuses"
        );
        assert_eq!(
            Language::from_headers(&accepting("<script>;q=x")),
            Language::Danish
        );
        let mut both = accepting("en");
        both.insert(COOKIE, HeaderValue::from_static("tandem_lang=da"));
        assert_eq!(
            Language::from_headers(&both),
            Language::Danish,
            "the switcher wins"
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
