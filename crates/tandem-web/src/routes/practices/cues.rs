//! Notice the small stuff (practice 7): anyone in the team writes down a cue — what they
//! expected and what happened instead, under a theme — and the manager openly picks cues to
//! amplify, writes what followed and closes them. The page groups cues by theme (the clusters),
//! lists the unresolved ones first and shows what followed the amplified ones.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_domain::Id;
use tandem_domain::practice::reflection::{Cue, CueDetails, theme_key};
use tandem_domain::practice::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use tandem_store::practices::cues::CueRecord;

use super::account::RECENT_STORIES;
use super::{PageForms, StoryLink, TeamHeader, audit_read, story_links, team_header};
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, add_problem};
use crate::kit::{path_id, show_date};
use crate::page::{Chrome, render};
use crate::state::AppState;

/// A cue as the page shows it.
pub(crate) struct CueView {
    pub(crate) id: String,
    pub(crate) date: String,
    pub(crate) theme: String,
    pub(crate) expected: String,
    pub(crate) happened: String,
    pub(crate) story: Option<StoryLink>,
    pub(crate) amplified: bool,
    pub(crate) follow_up: Option<String>,
    pub(crate) resolved: Option<String>,
}

#[derive(Template)]
#[template(path = "practices/cues.html")]
struct CuesPage {
    chrome: Chrome,
    team: TeamHeader,
    /// (theme, cues, of them unresolved), largest first.
    clusters: Vec<(String, usize, usize)>,
    open: Vec<CueView>,
    amplified: Vec<CueView>,
    closed: Vec<CueView>,
    closed_count: i64,
    forms: PageForms,
    story_choices: Vec<Choice>,
    notice: Option<String>,
}

/// Groups cues by [`theme_key`]: (the theme as first written, cues, unresolved), largest first.
fn clusters(cues: &[CueRecord]) -> Vec<(String, usize, usize)> {
    let mut by_key: BTreeMap<String, (String, usize, usize)> = BTreeMap::new();
    for cue in cues {
        let entry = by_key
            .entry(theme_key(cue.details.theme.as_str()))
            .or_insert_with(|| (cue.details.theme.as_str().to_owned(), 0, 0));
        entry.1 += 1;
        if cue.resolved_on.is_none() {
            entry.2 += 1;
        }
    }
    let mut list: Vec<_> = by_key.into_values().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

async fn cues_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let org = ctx.staff()?.organization_id;
    let team_id = ctx.team()?;
    let cues = state.store().cues(org, team_id).await?;
    audit_read(state, ctx, "cues", team.id.clone(), "cues").await?;
    // Every cue's story as a link, in one pass (it asks about each campaign once).
    let linked: Vec<_> = cues.iter().filter_map(|c| c.story.clone()).collect();
    let mut links = story_links(state, ctx, &tr, &linked).await?.into_iter();
    let mut views = Vec::with_capacity(cues.len());
    for cue in &cues {
        let story = cue.story.as_ref().and_then(|_| links.next());
        views.push(CueView {
            id: cue.id.to_string(),
            date: show_date(&tr, cue.details.noticed_on),
            theme: cue.details.theme.as_str().to_owned(),
            expected: cue.details.expected.as_str().to_owned(),
            happened: cue.details.happened.as_str().to_owned(),
            story,
            amplified: cue.amplified,
            follow_up: cue.follow_up.as_ref().map(|f| f.as_str().to_owned()),
            resolved: cue.resolved_on.map(|d| show_date(&tr, d)),
        });
    }
    let (open, done): (Vec<_>, Vec<_>) = views.into_iter().partition(|c| c.resolved.is_none());
    let (amplified, closed): (Vec<_>, Vec<_>) = done.into_iter().partition(|c| c.amplified);
    let recent = if team.may_contribute {
        state
            .store()
            .recent_team_stories(org, team_id, RECENT_STORIES)
            .await?
    } else {
        Vec::new()
    };
    if !forms.values.contains_key("noticed_on") {
        forms
            .values
            .insert("noticed_on".into(), state.today().to_string());
    }
    let page = CuesPage {
        clusters: clusters(&cues),
        open,
        amplified,
        closed_count: i64::try_from(closed.len()).unwrap_or(i64::MAX),
        closed,
        story_choices: super::story_choices(&tr, &recent, "cue-story-none", &forms.value("story")),
        notice: forms.values.get("notice").cloned(),
        forms,
        team,
        chrome,
    };
    render(status, &page)
}

/// The team's cues.
pub(super) async fn show_cues(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    cues_page(&state, chrome, &ctx, forms, StatusCode::OK).await
}

/// Records a cue (anyone in the team).
pub(super) async fn add_cue(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let noticed_on = forms.date(&tr, "noticed_on", true);
    let theme = forms.text(&tr, "theme", MAX_LINE_CHARS, true);
    let expected = forms.text(&tr, "expected", MAX_TEXT_CHARS, false);
    let happened = forms.text(&tr, "happened", MAX_TEXT_CHARS, false);
    // A story is optional; one that is not the team's is refused, not silently dropped.
    let story = match super::chosen_story(&state, &ctx, &pairs, &mut forms).await? {
        Ok(story) => story,
        Err(()) => {
            forms.errors.add("story", tr.t("account-error-story"));
            None
        }
    };
    if let (Some(noticed_on), Some(theme), Some(expected), Some(happened)) =
        (noticed_on, theme, expected, happened)
    {
        let cue = CueDetails {
            noticed_on,
            theme,
            expected,
            happened,
        };
        for problem in cue.problems() {
            add_problem(&tr, &mut forms.errors, problem);
        }
        if forms.errors.is_empty() {
            let mut tx = state.store().begin().await?;
            let id = tx
                .insert_cue(
                    staff.organization_id,
                    team,
                    (&cue, story.map(|s| s.id)),
                    staff.user_id,
                    state.now(),
                )
                .await?;
            return super::commit_and_redirect(
                &state,
                &ctx,
                tx,
                Entry::allowed("cue.create", "cue", Some(id.to_string()), "cue"),
                &format!("/teams/{team}/cues?saved=cue"),
            )
            .await;
        }
    }
    cues_page(
        &state,
        chrome,
        &ctx,
        forms,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// Amplifies, follows up or closes a cue (the manager).
pub(super) async fn follow_up_cue(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, cue_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Cue> = path_id(&cue_id)?;
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let follow_up = if forms.value("follow_up").trim().is_empty() {
        None
    } else {
        match forms.text(&tr, "follow_up", MAX_TEXT_CHARS, false) {
            Some(text) => Some(text),
            None => {
                return cues_page(
                    &state,
                    chrome,
                    &ctx,
                    forms,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
    };
    let amplified = forms.value("amplified") == "on";
    let close = (forms.value("close") == "on").then(|| state.today());
    let mut tx = state.store().begin().await?;
    if !tx
        .follow_up_cue(
            staff.organization_id,
            team,
            id,
            (amplified, follow_up.as_ref(), close),
        )
        .await?
    {
        drop(tx);
        return Err(AppError::NotFound);
    }
    super::commit_and_redirect(
        &state,
        &ctx,
        tx,
        Entry::allowed("cue.follow-up", "cue", Some(id.to_string()), "cue"),
        &format!("/teams/{team}/cues?saved=follow-up"),
    )
    .await
}
