//! The good-enough story (practice 8): the team's current best account of where the change is
//! heading, its versions with what changed between them, how well each rings true to staff
//! (resonance 1–5, summarised from five ratings), the stories that contradict it, and the
//! triggers that call for a revision. The manager writes versions and triggers; every member of
//! staff rates, links contradicting stories and says when a trigger was met.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_domain::Id;
use tandem_domain::practice::account::{
    AccountTrigger, Edit, MAX_ACCOUNT_CHARS, Resonance, ResonanceSummary, RevisionDue, diff,
    revision_due,
};
use tandem_domain::practice::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use tandem_store::practices::accounts::{Account, VersionRecord};

use super::{PageForms, StoryLink, TeamHeader, audit_read, story_links, team_header};
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form};
use crate::i18n::Translator;
use crate::kit::pairs;
use crate::kit::{path_id, show_date};
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

async fn account_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
    selected: Option<i64>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let staff = *ctx.staff()?;
    let team_id = ctx.team()?;
    let account: Account = state
        .store()
        .account(staff.organization_id, team_id)
        .await?;
    audit_read(state, ctx, "account", team.id.clone(), "good-enough story").await?;
    let today = state.today();
    let current = account.current();
    let shown = selected
        .and_then(|n| account.versions.iter().find(|v| v.version == n))
        .or(current);
    let older = shown.and_then(|s| account.versions.iter().find(|v| v.version == s.version - 1));
    let changes = match (older, shown) {
        (Some(old), Some(new)) => Some((
            old.version,
            diff(old.body.as_str(), new.body.as_str())
                .into_iter()
                .map(|span| DiffSpan {
                    edit: match span.edit {
                        Edit::Kept => "kept",
                        Edit::Added => "added",
                        Edit::Removed => "removed",
                    },
                    text: span.text,
                })
                .collect(),
        )),
        _ => None,
    };
    let due = revision_due(current.map(|v| v.written_on), &account.met_days(), today)
        .map(|why| tr.t(due_key(why)));
    let base = format!("/teams/{}/good-enough-story", team.id);
    let mut contradictions = Vec::new();
    if let Some(version) = shown {
        let stories: Vec<_> = version
            .contradictions
            .iter()
            .map(|(s, _)| s.clone())
            .collect();
        let links = story_links(state, ctx, &tr, &stories).await?;
        for (link, (_, note)) in links.into_iter().zip(&version.contradictions) {
            contradictions.push((link, note.as_str().to_owned()));
        }
    }
    if let Some(version) = current {
        forms
            .values
            .insert("version_id".into(), version.id.to_string());
        if !forms.values.contains_key("body") {
            forms
                .values
                .insert("body".into(), version.body.as_str().to_owned());
        }
        if !forms.values.contains_key("rating")
            && let Some((_, mine)) = version.ratings.iter().find(|(u, _)| *u == staff.user_id)
        {
            forms
                .values
                .insert("rating".into(), mine.value().to_string());
        }
    }
    let recent = if team.may_contribute && current.is_some() {
        state
            .store()
            .recent_team_stories(staff.organization_id, team_id, RECENT_STORIES)
            .await?
    } else {
        Vec::new()
    };
    let page = AccountPage {
        shown: shown.map(|v| {
            (
                v.version,
                v.body.as_str().to_owned(),
                v.reason.as_str().to_owned(),
                show_date(&tr, v.written_on),
            )
        }),
        current: shown.is_some() && shown.map(|v| v.id) == current.map(|v| v.id),
        changes,
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
            &recent,
            "account-story-choose",
            &forms.value("story"),
        ),
        notice: forms.values.get("notice").cloned(),
        forms,
        team,
        chrome,
    };
    render(status, &page)
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
    account_page(&state, chrome, &ctx, forms, selected, StatusCode::OK).await
}

/// Re-renders the page after a refused form (422).
async fn refused(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    forms: PageForms,
) -> Result<Response, AppError> {
    account_page(
        state,
        chrome,
        ctx,
        forms,
        None,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// Ends a successful change: audit, commit, back to the page with what was saved.
async fn saved(
    state: &AppState,
    ctx: &RequestContext,
    tx: tandem_store::tx::Tx,
    (action, what): (&'static str, &str),
) -> Result<Response, AppError> {
    let team = ctx.team()?;
    super::commit_and_redirect(
        state,
        ctx,
        tx,
        Entry::allowed(
            action,
            "account",
            Some(team.to_string()),
            "good-enough story",
        ),
        &format!("/teams/{team}/good-enough-story?saved={what}"),
    )
    .await
}

/// Writes the next version (the manager).
pub(super) async fn write_version(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let body = forms.text(&tr, "body", MAX_ACCOUNT_CHARS, false);
    let reason = forms.text(&tr, "reason", MAX_LINE_CHARS, true);
    let (Some(body), Some(reason)) = (body, reason) else {
        return refused(&state, chrome, &ctx, forms).await;
    };
    let mut tx = state.store().begin().await?;
    tx.write_account_version(
        staff.organization_id,
        ctx.team()?,
        (&body, &reason, state.today()),
        staff.user_id,
        state.now(),
    )
    .await?;
    saved(&state, &ctx, tx, ("account.version", "version")).await
}

/// Rates the current version (every member of staff, once each, changeable).
pub(super) async fn rate_version(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(rating) = Resonance::parse(&forms.value("rating")) else {
        forms.errors.add("rating", tr.t("account-error-rating"));
        return refused(&state, chrome, &ctx, forms).await;
    };
    let version = Id::parse(&forms.value("version")).ok();
    let mut tx = state.store().begin().await?;
    let rated = match version {
        Some(version) => {
            tx.rate_account_version(
                staff.organization_id,
                team,
                version,
                (staff.user_id, rating, state.today()),
            )
            .await?
        }
        None => false,
    };
    if !rated {
        drop(tx);
        forms
            .errors
            .add("rating", tr.t("account-error-not-current"));
        return refused(&state, chrome, &ctx, forms).await;
    }
    saved(&state, &ctx, tx, ("account.rate", "rating")).await
}

/// Adds a revision trigger (the manager).
pub(super) async fn add_trigger(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(description) = forms.text(&tr, "trigger", MAX_LINE_CHARS, true) else {
        return refused(&state, chrome, &ctx, forms).await;
    };
    let mut tx = state.store().begin().await?;
    tx.add_account_trigger(
        staff.organization_id,
        ctx.team()?,
        &description,
        staff.user_id,
        state.now(),
    )
    .await?;
    saved(&state, &ctx, tx, ("account.trigger", "trigger")).await
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
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(note) = forms.text(&tr, "met_note", MAX_TEXT_CHARS, false) else {
        return refused(&state, chrome, &ctx, forms).await;
    };
    let mut tx = state.store().begin().await?;
    if !tx
        .meet_account_trigger(
            staff.organization_id,
            ctx.team()?,
            id,
            (state.today(), &note),
        )
        .await?
    {
        // Met already, or not the team's: nothing to do, and nothing to tell apart.
        drop(tx);
        return Err(AppError::NotFound);
    }
    saved(&state, &ctx, tx, ("account.trigger-met", "met")).await
}

/// Links a story that contradicts the current version.
pub(super) async fn add_contradiction(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let linked = super::chosen_story(&state, &ctx, &pairs, &mut forms)
        .await?
        .ok()
        .flatten();
    if linked.is_none() {
        forms.errors.add("story", tr.t("account-error-story"));
    }
    let note = forms.text(&tr, "contradiction", MAX_TEXT_CHARS, false);
    let version = Id::parse(&forms.value("version")).ok();
    let (Some(story), Some(note), Some(version)) = (linked, note, version) else {
        return refused(&state, chrome, &ctx, forms).await;
    };
    let mut tx = state.store().begin().await?;
    if !tx
        .add_contradiction(
            staff.organization_id,
            team,
            version,
            (story.id, &note),
            staff.user_id,
            state.now(),
        )
        .await?
    {
        drop(tx);
        return Err(AppError::NotFound);
    }
    saved(&state, &ctx, tx, ("account.contradiction", "contradiction")).await
}
