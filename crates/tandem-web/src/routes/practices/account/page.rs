//! The good-enough story's page as built from what was read: the version shown and what
//! changed in it, the versions with their resonance, the triggers, the contradicting stories,
//! and what is due.

use askama::Template;
use tandem_app::practices::accounts::{Account, VersionRecord};
use tandem_app::practices::team::LinkedStory;
use tandem_domain::Id;
use tandem_domain::practice::account::{
    Edit, Resonance, ResonanceSummary, RevisionDue, diff, revision_due,
};
use tandem_domain::staff::User;

use super::super::{PageForms, StoryLink, TeamHeader};
use crate::forms::Choice;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::numbers::decimal;
use crate::page::Chrome;

/// A version in the list, with its resonance.
pub(crate) struct VersionRow {
    pub(crate) number: i64,
    pub(crate) href: String,
    pub(crate) date: String,
    pub(crate) reason: String,
    /// "3.8 from 6 ratings" or "2 ratings — too few to show".
    pub(crate) resonance: String,
    pub(crate) contradictions: usize,
    pub(crate) shown: bool,
}

/// A run of the diff: its class ("kept", "added", "removed") and text.
pub(crate) struct DiffSpan {
    pub(crate) edit: &'static str,
    pub(crate) text: String,
}

/// A trigger as the page shows it.
pub(crate) struct TriggerRow {
    pub(crate) id: String,
    pub(crate) description: String,
    /// "Met on 2 November: what was seen".
    pub(crate) met: Option<String>,
}

#[derive(Template)]
#[template(path = "practices/account.html")]
pub(super) struct AccountPage {
    chrome: Chrome,
    team: TeamHeader,
    /// The version shown: (number, body, reason, date).
    shown: Option<(i64, String, String, String)>,
    /// Whether the shown version is the current one (only it can be rated).
    current: bool,
    /// The shown version compared with the one before it: (older number, runs).
    changes: Option<(i64, Vec<DiffSpan>)>,
    versions: Vec<VersionRow>,
    triggers: Vec<TriggerRow>,
    contradictions: Vec<(StoryLink, String)>,
    /// Why the story is due for revision, if it is.
    due: Option<String>,
    forms: PageForms,
    ratings: Vec<Choice>,
    story_choices: Vec<Choice>,
    notice: Option<String>,
}

/// The translation key saying why the story is due for revision.
pub(crate) fn due_key(why: RevisionDue) -> &'static str {
    match why {
        RevisionDue::FirstVersion => "account-due-first",
        RevisionDue::TriggerMet => "account-due-trigger",
        RevisionDue::Quarterly => "account-due-quarterly",
    }
}

/// "3.8 from 6 ratings", or how many rated it when too few did to show more.
fn resonance_text(tr: &Translator, version: &VersionRecord) -> String {
    let ratings: Vec<Resonance> = version.ratings.iter().map(|(_, r)| *r).collect();
    let summary = ResonanceSummary::of(&ratings);
    let n = i64::try_from(summary.n).unwrap_or(i64::MAX);
    match summary.mean {
        Some(mean) => tr.t_strs(
            "account-resonance-mean",
            &[("mean", &decimal(tr, mean, 1)), ("count", &n.to_string())],
        ),
        None => tr.t_num("account-resonance-few", "count", n),
    }
}

/// The shown version compared with the one before it.
fn changes(account: &Account, shown: Option<&VersionRecord>) -> Option<(i64, Vec<DiffSpan>)> {
    let new = shown?;
    let old = account
        .versions
        .iter()
        .find(|v| v.version == new.version - 1)?;
    let spans = diff(old.body.as_str(), new.body.as_str())
        .into_iter()
        .map(|span| DiffSpan {
            edit: match span.edit {
                Edit::Kept => "kept",
                Edit::Added => "added",
                Edit::Removed => "removed",
            },
            text: span.text,
        })
        .collect();
    Some((old.version, spans))
}

/// Fills the forms with the current version: its id, its text to revise, the caller's rating.
pub(super) fn current_values(forms: &mut PageForms, current: &VersionRecord, me: Id<User>) {
    forms
        .values
        .insert("version_id".into(), current.id.to_string());
    forms.default_value("body", current.body.as_str().to_owned());
    if let Some((_, mine)) = current.ratings.iter().find(|(u, _)| *u == me) {
        forms.default_value("rating", mine.value().to_string());
    }
}

/// What the page shows besides the story: the contradicting stories as links, the stories to
/// pick from, and today.
pub(super) struct Extras {
    pub(super) contradictions: Vec<StoryLink>,
    pub(super) recent: Vec<LinkedStory>,
    pub(super) today: time::Date,
}

impl AccountPage {
    /// 422 when the page shows a refused form.
    pub(super) fn status(&self) -> axum::http::StatusCode {
        self.forms.status()
    }

    pub(super) fn new(
        chrome: Chrome,
        team: TeamHeader,
        (account, selected): (&Account, Option<i64>),
        forms: PageForms,
        extras: Extras,
    ) -> Self {
        let tr = chrome.tr.clone();
        let current = account.current();
        let shown = selected
            .and_then(|n| account.versions.iter().find(|v| v.version == n))
            .or(current);
        let due = revision_due(
            current.map(|v| v.written_on),
            &account.met_days(),
            extras.today,
        )
        .map(|why| tr.t(due_key(why)));
        let base = format!("/teams/{}/good-enough-story", team.id);
        let notes = shown
            .map(|v| v.contradictions.as_slice())
            .unwrap_or_default();
        let contradictions = extras
            .contradictions
            .into_iter()
            .zip(notes)
            .map(|(link, (_, note))| (link, note.as_str().to_owned()))
            .collect();
        Self {
            shown: shown.map(|v| {
                (
                    v.version,
                    v.body.as_str().to_owned(),
                    v.reason.as_str().to_owned(),
                    show_date(&tr, v.written_on),
                )
            }),
            current: shown.is_some() && shown.map(|v| v.id) == current.map(|v| v.id),
            changes: changes(account, shown),
            versions: account
                .versions
                .iter()
                .rev()
                .map(|v| VersionRow {
                    number: v.version,
                    href: format!("{base}?version={}", v.version),
                    date: show_date(&tr, v.written_on),
                    reason: v.reason.as_str().to_owned(),
                    resonance: resonance_text(&tr, v),
                    contradictions: v.contradictions.len(),
                    shown: shown.map(|s| s.id) == Some(v.id),
                })
                .collect(),
            triggers: account
                .triggers
                .iter()
                .map(|t| TriggerRow {
                    id: t.id.to_string(),
                    description: t.description.as_str().to_owned(),
                    met: t.met.as_ref().map(|(day, note)| {
                        tr.t_strs(
                            "account-trigger-met-on",
                            &[("date", &show_date(&tr, *day)), ("note", note.as_str())],
                        )
                    }),
                })
                .collect(),
            contradictions,
            due,
            ratings: Choice::list(
                std::iter::once((String::new(), tr.t("account-rating-choose")))
                    .chain((1..=5).map(|n| (n.to_string(), tr.t(&format!("account-rating-{n}"))))),
                &forms.value("rating"),
            ),
            story_choices: super::super::story_choices(
                &tr,
                &extras.recent,
                "account-story-choose",
                &forms.value("story"),
            ),
            notice: forms.notice(),
            forms,
            team,
            chrome,
        }
    }
}
