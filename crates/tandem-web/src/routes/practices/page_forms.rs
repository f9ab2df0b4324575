//! The state of a practice page's forms — what was typed, the errors, the notice after a saved
//! change — and the story pickers the forms share.

use std::collections::HashMap;

use tandem_app::practices::team::{self, LinkedStory, Story};
use tandem_domain::Id;
use tandem_domain::practice::{MAX_LINKED_STORIES, Voice};

use super::team_ref;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, FormErrors, keyword_choices};
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::state::AppState;

/// The `story` values of a form or query: valid ids, each once, at most
/// [`MAX_LINKED_STORIES`]. Anything else is ignored (only the team's stories are linked).
pub(super) fn story_ids(pairs: &[(String, String)]) -> Vec<Id<Story>> {
    let mut ids: Vec<Id<Story>> = Vec::new();
    for (_, value) in pairs.iter().filter(|(name, _)| name == "story") {
        if let Ok(id) = Id::parse(value)
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids.truncate(MAX_LINKED_STORIES);
    ids
}

/// The one story a form picked from a list (a contradicting story, a cue's source), checked to
/// be the team's: `Ok(None)` when none was chosen, `Err(())` when the choice is not one of the
/// team's stories (malformed, another team's, unknown). What was chosen is kept in `forms` so
/// the list shows it again after an error.
pub(super) async fn chosen_story(
    state: &AppState,
    ctx: &RequestContext,
    pairs: &[(String, String)],
    forms: &mut PageForms,
) -> Result<Result<Option<LinkedStory>, ()>, AppError> {
    let raw = pairs
        .iter()
        .rev()
        .find(|(name, _)| name == "story")
        .map(|(_, value)| value.trim().to_owned())
        .unwrap_or_default();
    if raw.is_empty() {
        return Ok(Ok(None));
    }
    forms.values.insert("story".into(), raw.clone());
    let Ok(id) = Id::<Story>::parse(&raw) else {
        return Ok(Err(()));
    };
    let found = team::story(state.app(), team_ref(ctx)?, id).await?;
    Ok(found.map(Some).ok_or(()))
}

/// The team's recent stories as a list to pick one from, after a first entry (`none_key`) that
/// picks none; `current` stays selected.
pub(super) fn story_choices(
    tr: &Translator,
    recent: &[LinkedStory],
    none_key: &str,
    current: &str,
) -> Vec<Choice> {
    let options = recent.iter().map(|s| {
        let title = s
            .title
            .clone()
            .unwrap_or_else(|| s.excerpt.chars().take(60).collect());
        (
            s.id.to_string(),
            format!("{title} ({})", show_date(tr, s.collected_on)),
        )
    });
    Choice::list(
        std::iter::once((String::new(), tr.t(none_key))).chain(options),
        current,
    )
}

/// A form's single-valued fields (the last value of a repeated name wins).
fn fields(pairs: &[(String, String)]) -> HashMap<String, String> {
    pairs
        .iter()
        .filter(|(name, _)| name != "story" && name != "_csrf")
        .map(|(name, value)| (name.clone(), crate::forms::kept(value)))
        .collect()
}

/// What a page says after a change sent the browser back to it (`?saved=…`), translated; the
/// page is reloaded at its top, so the first Tab still reaches the skip link.
fn saved_notice(tr: &Translator, query: Option<&str>) -> Option<String> {
    let pairs = crate::kit::pairs(query);
    let what = pairs
        .iter()
        .find(|(n, _)| n == "saved")
        .map(|(_, v)| v.as_str())?;
    matches!(
        what,
        "interpretation"
            | "step"
            | "decision"
            | "outcome"
            | "version"
            | "rating"
            | "trigger"
            | "met"
            | "contradiction"
            | "term"
            | "definition"
            | "cue"
            | "follow-up"
            | "handling"
            | "retrospective"
            | "episode"
            | "rhythm"
            | "journal"
    )
    .then(|| tr.t(&format!("practice-saved-{what}")))
}

/// The voices as choices.
pub(super) fn voice_choices(tr: &Translator, current: &str) -> Vec<Choice> {
    keyword_choices(tr, "voice", Voice::ALL.iter().map(|v| v.as_str()), current)
}

/// The state of the forms on a page: errors and what was typed, kept after an error.
#[derive(Default)]
pub(crate) struct PageForms {
    pub(crate) errors: FormErrors,
    pub(crate) values: HashMap<String, String>,
}

impl PageForms {
    /// The state of a posted form: no errors yet, what was typed.
    pub(crate) fn from_pairs(pairs: &[(String, String)]) -> Self {
        Self {
            errors: FormErrors::new(),
            values: fields(pairs),
        }
    }

    /// A page's first view, with the notice of the change that sent the browser back to it.
    pub(crate) fn with_notice(tr: &Translator, query: Option<&str>) -> Self {
        let mut forms = Self::default();
        if let Some(notice) = saved_notice(tr, query) {
            forms.values.insert("notice".into(), notice);
        }
        forms
    }

    /// What was typed in `field` (empty when nothing was).
    pub(crate) fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    /// Keeps `value` in `field` unless something was typed there.
    pub(crate) fn default_value(&mut self, field: &str, value: String) {
        self.values.entry(field.to_owned()).or_insert(value);
    }

    /// The text typed in `field` (one line when `single`), checked; a broken rule is recorded
    /// as the field's error.
    pub(crate) fn text(
        &mut self,
        tr: &Translator,
        field: &'static str,
        max: usize,
        single: bool,
    ) -> Option<tandem_domain::PlainText> {
        let value = self.value(field);
        crate::forms::text_input(tr, &mut self.errors, field, &value, max, single)
    }

    /// The date typed in `field`; missing is an error when `required`, malformed always.
    pub(crate) fn date(
        &mut self,
        tr: &Translator,
        field: &'static str,
        required: bool,
    ) -> Option<time::Date> {
        let value = self.value(field);
        if required {
            crate::forms::required_date(tr, &mut self.errors, field, &value)
        } else {
            crate::forms::optional_date(tr, &mut self.errors, field, &value)
        }
    }

    /// The notice of the change that sent the browser back to the page, if any.
    pub(crate) fn notice(&self) -> Option<String> {
        self.values.get("notice").cloned()
    }

    /// A refused form's 422 status, or 200 when it has no errors.
    pub(crate) fn status(&self) -> axum::http::StatusCode {
        self.errors.status()
    }
}
