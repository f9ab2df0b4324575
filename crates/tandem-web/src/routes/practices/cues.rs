//! Notice the small stuff (practice 7): anyone in the team writes down a cue — what they
//! expected and what happened instead, under a theme — and the manager openly picks cues to
//! amplify, writes what followed and closes them. The page groups cues by theme (the clusters),
//! lists the unresolved ones first and shows what followed the amplified ones.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::response::Response;
use tandem_app::practices::cues::{self, CueRecord, FollowUp};
use tandem_app::practices::team;
use tandem_domain::Id;
use tandem_domain::practice::reflection::{Cue, CueDetails, theme_key};
use tandem_domain::practice::{MAX_LINE_CHARS, MAX_TEXT_CHARS};

use super::account::RECENT_STORIES;
use super::{PageForms, StoryLink, TeamHeader, story_links, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, add_problem};
use crate::i18n::Translator;
use crate::kit::{path_id, see_other, show_date};
use crate::page::Page;
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

fn cue_view(tr: &Translator, cue: &CueRecord, story: Option<StoryLink>) -> CueView {
    CueView {
        id: cue.id.to_string(),
        date: show_date(tr, cue.details.noticed_on),
        theme: cue.details.theme.as_str().to_owned(),
        expected: cue.details.expected.as_str().to_owned(),
        happened: cue.details.happened.as_str().to_owned(),
        story,
        amplified: cue.amplified,
        follow_up: cue.follow_up.as_ref().map(|f| f.as_str().to_owned()),
        resolved: cue.resolved_on.map(|d| show_date(tr, d)),
    }
}

/// The cues page with `forms` (422 after errors).
async fn cues_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let (actor, team_ref) = (ctx.actor(state.now()), team_ref(ctx)?);
    let cues = cues::list(state.app(), &actor, team_ref).await?;
    // Every cue's story as a link, in one pass (it asks about each campaign once).
    let linked: Vec<_> = cues.iter().filter_map(|c| c.story.clone()).collect();
    let mut links = story_links(state, ctx, &tr, &linked).await?.into_iter();
    let views = cues
        .iter()
        .map(|cue| cue_view(&tr, cue, cue.story.as_ref().and_then(|_| links.next())));
    let (open, done): (Vec<_>, Vec<_>) = views.partition(|c| c.resolved.is_none());
    let (amplified, closed): (Vec<_>, Vec<_>) = done.into_iter().partition(|c| c.amplified);
    let recent = if team.may_contribute {
        team::recent_stories(state.app(), team_ref, RECENT_STORIES).await?
    } else {
        Vec::new()
    };
    forms.default_value("noticed_on", state.today().to_string());
    let page = CuesPage {
        clusters: clusters(&cues),
        open,
        amplified,
        closed_count: i64::try_from(closed.len()).unwrap_or(i64::MAX),
        closed,
        story_choices: super::story_choices(&tr, &recent, "cue-story-none", &forms.value("story")),
        notice: forms.notice(),
        forms,
        team,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The team's cues.
pub(super) async fn show_cues(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    cues_page(&state, chrome, &ctx, forms).await
}

/// The cue as typed, or `None` with the field problems recorded in `forms`.
fn parse_cue(tr: &Translator, forms: &mut PageForms) -> Option<CueDetails> {
    let noticed_on = forms.date(tr, "noticed_on", true);
    let theme = forms.text(tr, "theme", MAX_LINE_CHARS, true);
    let expected = forms.text(tr, "expected", MAX_TEXT_CHARS, false);
    let happened = forms.text(tr, "happened", MAX_TEXT_CHARS, false);
    Some(CueDetails {
        noticed_on: noticed_on?,
        theme: theme?,
        expected: expected?,
        happened: happened?,
    })
}

/// Records a cue (anyone in the team).
pub(super) async fn add_cue(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (tr, mut forms) = (chrome.tr.clone(), PageForms::from_pairs(&pairs));
    let cue = parse_cue(&tr, &mut forms);
    // A story is optional; one that is not the team's is refused, not silently dropped.
    let story = super::chosen_story(&state, &ctx, &pairs, &mut forms).await?;
    let story = story.unwrap_or_else(|()| {
        forms.errors.add("story", tr.t("account-error-story"));
        None
    });
    let Some(cue) = cue.filter(|c| problems_recorded(&tr, &mut forms, c)) else {
        return cues_page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    cues::create(state.app(), &actor, team, (&cue, story.map(|s| s.id))).await?;
    see_other(&format!("/teams/{}/cues?saved=cue", team.id))
}

/// Records the cue's problems in `forms`; whether the form has no errors at all.
fn problems_recorded(tr: &Translator, forms: &mut PageForms, cue: &CueDetails) -> bool {
    for problem in cue.problems() {
        add_problem(tr, &mut forms.errors, problem);
    }
    forms.errors.is_empty()
}

/// The follow-up as typed, or `None` when the text breaks a rule (recorded in `forms`).
fn parse_follow_up(tr: &Translator, forms: &mut PageForms) -> Option<FollowUp> {
    let follow_up = if forms.value("follow_up").trim().is_empty() {
        None
    } else {
        Some(forms.text(tr, "follow_up", MAX_TEXT_CHARS, false)?)
    };
    Some(FollowUp {
        amplified: forms.value("amplified") == "on",
        follow_up,
        close: forms.value("close") == "on",
    })
}

/// Amplifies, follows up or closes a cue (the manager).
pub(super) async fn follow_up_cue(
    Page { state, chrome, ctx }: Page,
    Path((_, cue_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Cue> = path_id(&cue_id)?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(command) = parse_follow_up(&chrome.tr, &mut forms) else {
        return cues_page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    cues::follow_up(state.app(), &actor, team, id, &command).await?;
    see_other(&format!("/teams/{}/cues?saved=follow-up", team.id))
}
