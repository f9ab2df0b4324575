//! The good-enough story (practice 8): the team's current best account of where the change is
//! heading, its versions with what changed between them, how well each rings true to staff
//! (resonance 1–5, summarised from five ratings), the stories that contradict it, and the
//! triggers that call for a revision. The manager writes versions and triggers; every member of
//! staff rates, links contradicting stories and says when a trigger was met.

mod page;

use axum::extract::{Path, RawQuery};
use axum::response::Response;
use tandem_app::practices::accounts;
use tandem_app::practices::team::{self, LinkedStory};
use tandem_domain::Id;
use tandem_domain::practice::account::{AccountTrigger, MAX_ACCOUNT_CHARS, Resonance};
use tandem_domain::practice::{MAX_LINE_CHARS, MAX_TEXT_CHARS};

use super::{PageForms, story_links, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::i18n::Translator;
use crate::kit::{pairs, path_id, see_other};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// How many recent stories the contradiction form offers.
pub(super) const RECENT_STORIES: i64 = 40;

pub(crate) use page::due_key;
use page::{AccountPage, Extras, current_values};

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
    render(page.status(), &page)
}

/// The team's good-enough story (`?version=N` shows an older version and what changed in it).
pub(super) async fn show_account(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    account_page(&state, chrome, &ctx, forms, selected(query.as_deref())).await
}

/// The version number the query asks for (`?version=N`), if any.
fn selected(query: Option<&str>) -> Option<i64> {
    pairs(query)
        .iter()
        .find(|(n, _)| n == "version")
        .and_then(|(_, v)| v.parse().ok())
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
    Page { state, chrome, ctx }: Page,
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
    Page { state, chrome, ctx }: Page,
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
    Page { state, chrome, ctx }: Page,
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
    Page { state, chrome, ctx }: Page,
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
    Page { state, chrome, ctx }: Page,
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
