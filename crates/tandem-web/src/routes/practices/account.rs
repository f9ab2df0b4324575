//! The good-enough story (practice 8): the team's current best account of where the change is
//! heading, its versions with what changed between them, how well each rings true to staff
//! (resonance 1–5, summarised from five ratings), the stories that contradict it, and the
//! triggers that call for a revision. The manager writes versions and triggers; every member of
//! staff rates, links contradicting stories and says when a trigger was met.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use tandem_app::practices::accounts::{self, Account, VersionRecord};
use tandem_app::practices::team::{self, LinkedStory};
use tandem_domain::Id;
use tandem_domain::practice::account::{
    AccountTrigger, Edit, MAX_ACCOUNT_CHARS, Resonance, ResonanceSummary, RevisionDue, diff,
    revision_due,
};
use tandem_domain::practice::{MAX_LINE_CHARS, MAX_TEXT_CHARS};

use super::{PageForms, StoryLink, TeamHeader, story_links, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form};
use crate::i18n::Translator;
use crate::kit::{pairs, path_id, see_other, show_date};
use crate::numbers::decimal;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// How many recent stories the contradiction form offers.
pub(super) const RECENT_STORIES: i64 = 40;

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
struct AccountPage {
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
fn current_values(
    forms: &mut PageForms,
    current: &VersionRecord,
    me: tandem_domain::Id<tandem_domain::staff::User>,
) {
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
struct Extras {
    contradictions: Vec<StoryLink>,
    recent: Vec<LinkedStory>,
    today: time::Date,
}

impl AccountPage {
    fn new(
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
            story_choices: super::story_choices(
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

/// The page with `forms` (422 after errors) and version `selected` shown (else the current).
async fn account_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
    selected: Option<i64>,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let (actor, team_ref) = (ctx.actor(state.now()), team_ref(ctx)?);
    let account = accounts::show(state.app(), &actor, team_ref).await?;
    let current = account.current();
    let shown = selected
        .and_then(|n| account.versions.iter().find(|v| v.version == n))
        .or(current);
    let stories: Vec<_> = shown
        .map(|v| v.contradictions.iter().map(|(s, _)| s.clone()).collect())
        .unwrap_or_default();
    let contradictions = story_links(state, ctx, &chrome.tr, &stories).await?;
    if let Some(version) = current {
        current_values(&mut forms, version, ctx.staff()?.user_id);
    }
    let recent = if team.may_contribute && current.is_some() {
        team::recent_stories(state.app(), team_ref, RECENT_STORIES).await?
    } else {
        Vec::new()
    };
    let extras = Extras {
        contradictions,
        recent,
        today: state.today(),
    };
    let page = AccountPage::new(chrome, team, (&account, selected), forms, extras);
    render(page.forms.status(), &page)
}

/// The team's good-enough story (`?version=N` shows an older version and what changed in it).
pub(super) async fn show_account(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let selected = pairs(query.as_deref())
        .iter()
        .find(|(n, _)| n == "version")
        .and_then(|(_, v)| v.parse().ok());
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    account_page(&state, chrome, &ctx, forms, selected).await
}

/// Back to the page with what was saved.
fn saved(ctx: &RequestContext, what: &str) -> Result<Response, AppError> {
    see_other(&format!(
        "/teams/{}/good-enough-story?saved={what}",
        ctx.team()?
    ))
}

/// Writes the next version (the manager).
pub(super) async fn write_version(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let body = forms.text(&chrome.tr, "body", MAX_ACCOUNT_CHARS, false);
    let reason = forms.text(&chrome.tr, "reason", MAX_LINE_CHARS, true);
    let (Some(body), Some(reason)) = (body, reason) else {
        return account_page(&state, chrome, &ctx, forms, None).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    accounts::write_version(state.app(), &actor, team, (&body, &reason)).await?;
    saved(&ctx, "version")
}

/// Rates the current version (every member of staff, once each, changeable).
pub(super) async fn rate_version(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(rating) = Resonance::parse(&forms.value("rating")) else {
        forms
            .errors
            .add("rating", chrome.tr.t("account-error-rating"));
        return account_page(&state, chrome, &ctx, forms, None).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let rated = match Id::parse(&forms.value("version")) {
        Ok(version) => accounts::rate(state.app(), &actor, team, version, rating).await?,
        Err(_) => false,
    };
    if !rated {
        let error = chrome.tr.t("account-error-not-current");
        forms.errors.add("rating", error);
        return account_page(&state, chrome, &ctx, forms, None).await;
    }
    saved(&ctx, "rating")
}

/// Adds a revision trigger (the manager).
pub(super) async fn add_trigger(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(description) = forms.text(&chrome.tr, "trigger", MAX_LINE_CHARS, true) else {
        return account_page(&state, chrome, &ctx, forms, None).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    accounts::add_trigger(state.app(), &actor, team, &description).await?;
    saved(&ctx, "trigger")
}

/// Says a trigger was met, and what was seen.
pub(super) async fn meet_trigger(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, trigger_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<AccountTrigger> = path_id(&trigger_id)?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(note) = forms.text(&chrome.tr, "met_note", MAX_TEXT_CHARS, false) else {
        return account_page(&state, chrome, &ctx, forms, None).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    accounts::meet_trigger(state.app(), &actor, team, id, &note).await?;
    saved(&ctx, "met")
}

/// Links a story that contradicts the current version.
pub(super) async fn add_contradiction(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let story = super::chosen_story(&state, &ctx, &pairs, &mut forms).await?;
    let Some((version, story, note)) = parse_contradiction(&chrome.tr, &mut forms, story) else {
        return account_page(&state, chrome, &ctx, forms, None).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let what = (story.id, &note);
    accounts::add_contradiction(state.app(), &actor, team, version, what).await?;
    saved(&ctx, "contradiction")
}

/// The contradiction as typed: the version, the team's story, the note.
fn parse_contradiction(
    tr: &Translator,
    forms: &mut PageForms,
    story: Result<Option<LinkedStory>, ()>,
) -> Option<(
    Id<tandem_domain::practice::account::AccountVersion>,
    LinkedStory,
    tandem_domain::PlainText,
)> {
    let linked = story.ok().flatten();
    if linked.is_none() {
        forms.errors.add("story", tr.t("account-error-story"));
    }
    let note = forms.text(tr, "contradiction", MAX_TEXT_CHARS, false);
    let version = Id::parse(&forms.value("version")).ok();
    Some((version?, linked?, note?))
}
