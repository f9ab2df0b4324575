//! Translations: Danish (the default) and English, from Fluent files.
//!
//! Every user-visible string comes from `locales/<lang>.ftl`, compiled into the binary. Pages get
//! a [`Translator`] for the request's [`Language`] and look strings up by key; a missing key shows
//! the key itself (and logs it) rather than failing the page, and a test makes sure every key
//! exists in both languages so that never happens in practice.

mod language;

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use language::{LANGUAGE_COOKIE, Language};

/// The Fluent sources, embedded at compile time.
const SOURCES: [(Language, &str); 2] = [
    (Language::Danish, include_str!("../../locales/da.ftl")),
    (Language::English, include_str!("../../locales/en.ftl")),
];

/// Errors in the translation files; they are compiled in, so this means a broken build.
#[derive(Debug, thiserror::Error)]
#[error("translation file for {language:?} is invalid: {message}")]
pub struct I18nError {
    language: Language,
    message: String,
}

/// All loaded translations. Built once at start-up and shared.
pub struct I18n {
    bundles: Vec<(Language, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").finish_non_exhaustive()
    }
}

impl I18n {
    /// Parses the embedded Fluent files.
    ///
    /// # Errors
    /// [`I18nError`] when a file does not parse or defines a key twice.
    pub fn load() -> Result<Self, I18nError> {
        let mut bundles = Vec::new();
        for (language, source) in SOURCES {
            let resource =
                FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| I18nError {
                    language,
                    message: format!("{errors:?}"),
                })?;
            let mut bundle = FluentBundle::new_concurrent(vec![language.langid()]);
            // Unicode isolation marks would end up inside HTML attributes and test assertions;
            // our messages are not mixed-direction text, so they are not needed.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|errors| I18nError {
                language,
                message: format!("{errors:?}"),
            })?;
            bundles.push((language, bundle));
        }
        Ok(Self { bundles })
    }

    /// A translator for one language.
    #[must_use]
    pub fn translator(self: &Arc<Self>, language: Language) -> Translator {
        Translator {
            i18n: Arc::clone(self),
            language,
        }
    }

    fn bundle(&self, language: Language) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == language)
            .map(|(_, b)| b)
    }

    /// The message keys defined for a language (for the completeness test).
    #[must_use]
    pub fn keys(language: Language) -> BTreeSet<String> {
        let source = SOURCES
            .iter()
            .find(|(l, _)| *l == language)
            .map_or("", |(_, s)| *s);
        let Ok(resource) = FluentResource::try_new(source.to_owned()) else {
            return BTreeSet::new();
        };
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
                _ => None,
            })
            .collect()
    }
}

/// Looks up strings in one language; handed to every page template.
#[derive(Clone)]
pub struct Translator {
    i18n: Arc<I18n>,
    language: Language,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator")
            .field("language", &self.language)
            .finish()
    }
}

impl Translator {
    /// The language this translator speaks.
    #[must_use]
    pub fn language(&self) -> Language {
        self.language
    }

    /// The message for `key`.
    #[must_use]
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message for `key`, or `None` when no translation has it: for words that exist only
    /// for some values (a plain-language name for some audit actions, not all).
    #[must_use]
    pub fn try_t(&self, key: &str) -> Option<String> {
        let bundle = self.i18n.bundle(self.language)?;
        bundle.get_message(key).and_then(|m| m.value())?;
        Some(self.format(key, None))
    }

    /// The message for `key` with named arguments, e.g. `t_args("n-courses", &[("count", 3)])`.
    #[must_use]
    pub fn t_args(&self, key: &str, args: &[(&str, i64)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(key, Some(&fluent_args))
    }

    /// The message for `key` with one named number argument (plural rules apply).
    #[must_use]
    pub fn t_num(&self, key: &str, name: &str, value: i64) -> String {
        self.t_args(key, &[(name, value)])
    }

    /// The message for `key` with one named text argument, e.g. a person's name.
    #[must_use]
    pub fn t_str(&self, key: &str, name: &str, value: &str) -> String {
        let mut fluent_args = FluentArgs::new();
        fluent_args.set(name, FluentValue::from(value));
        self.format(key, Some(&fluent_args))
    }

    /// The message for `key` with several named text arguments.
    #[must_use]
    pub fn t_strs(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(bundle) = self.i18n.bundle(self.language) else {
            return key.to_owned();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::error!(key, language = ?self.language, "missing translation");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text: Cow<'_, str> = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::error!(key, ?errors, "translation could not be formatted");
        }
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_both_languages() {
        let danish = I18n::keys(Language::Danish);
        let english = I18n::keys(Language::English);
        assert!(danish.len() > 10, "the Danish file should not be empty");
        let only_danish: Vec<_> = danish.difference(&english).collect();
        let only_english: Vec<_> = english.difference(&danish).collect();
        assert!(
            only_danish.is_empty() && only_english.is_empty(),
            "keys only in Danish: {only_danish:?}; only in English: {only_english:?}"
        );
    }

    #[test]
    fn the_files_parse_and_give_different_text_per_language() {
        let i18n = Arc::new(I18n::load().expect("translations load"));
        let da = i18n.translator(Language::Danish).t("error-404-title");
        let en = i18n.translator(Language::English).t("error-404-title");
        assert_eq!(da, "Siden findes ikke");
        assert_eq!(en, "Page not found");
    }

    /// Barnets lov's words, not the old Serviceloven's: a child's plan is "barnets plan" (or
    /// "ungeplan"), never "handleplan".
    #[test]
    fn the_danish_texts_use_the_words_of_barnets_lov() {
        let danish = include_str!("../../locales/da.ftl").to_lowercase();
        assert!(!danish.contains("handleplan"), "'handleplan' in da.ftl");
    }

    /// The values of a Fluent file (keys, comments and blank lines left out), lower case.
    fn values(ftl: &str) -> String {
        ftl.lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .map(|line| match line.split_once(" = ") {
                Some((key, value)) if !key.starts_with(' ') => value,
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase()
    }

    #[derive(serde::Deserialize)]
    struct Glossary {
        term: Vec<Term>,
    }

    #[derive(serde::Deserialize)]
    struct Term {
        concept: String,
        da: String,
        en: String,
        avoid_da: Vec<String>,
        avoid_en: Vec<String>,
    }

    /// One Danish (and one English): every key concept has one term, used in its language's
    /// file, and none of the words the glossary says to avoid for it.
    #[test]
    fn both_languages_use_the_glossarys_terms_and_none_of_their_rivals() {
        let glossary: Glossary =
            toml::from_str(include_str!("../../locales/glossary.toml")).expect("glossary parses");
        assert!(
            glossary.term.len() >= 12,
            "the key concepts are in the glossary"
        );
        let da = values(include_str!("../../locales/da.ftl"));
        let en = values(include_str!("../../locales/en.ftl"));
        for term in &glossary.term {
            for (file, name, used, avoid) in [
                (&da, "da", &term.da, &term.avoid_da),
                (&en, "en", &term.en, &term.avoid_en),
            ] {
                assert!(
                    file.contains(&used.to_lowercase()),
                    "{name}: '{used}' ({}) is never used",
                    term.concept
                );
                for rival in avoid {
                    assert!(
                        !file.contains(&rival.to_lowercase()),
                        "{name}: '{rival}' is used where the glossary says '{used}' ({})",
                        term.concept
                    );
                }
            }
        }
    }

    #[test]
    fn a_missing_key_shows_the_key_instead_of_failing() {
        let i18n = Arc::new(I18n::load().expect("translations load"));
        assert_eq!(
            i18n.translator(Language::English).t("no-such-key"),
            "no-such-key"
        );
    }
}
