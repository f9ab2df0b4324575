//! Hold the tension (practice 10): a quarterly round on stories where logics collided. The
//! mixed-logic filter offers the team's stories of the last 90 days that blend two or three
//! logics (the profile's story classes); the manager records how the team handled each —
//! separate, layer, blend or drop — and what follows. The rounds page shows handling over time.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_analytics::profile::{StoryClass, classify};
use tandem_analytics::ternary::Composition;
use tandem_domain::Id;
use tandem_domain::practice::reflection::{DilemmaRound, Handling, MAX_DILEMMAS};
use tandem_domain::practice::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use tandem_store::practices::LinkedStory;

use super::{PageForms, StoryLink, TeamHeader, audit_read, story_links, team_header};
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{path_id, show_date};
use crate::page::{Chrome, render};
use crate::state::AppState;

/// How far back the mixed-logic filter looks (the profile's window).
const WINDOW_DAYS: i64 = 90;

/// A round in the list, with how its stories were handled.
pub(crate) struct RoundRow {
    pub(crate) href: String,
    pub(crate) date: String,
    pub(crate) title: String,
    /// Counts per handling, in [`Handling::ALL`] order.
    pub(crate) counts: Vec<usize>,
}

#[derive(Template)]
#[template(path = "practices/dilemmas.html")]
struct RoundsPage {
    chrome: Chrome,
    team: TeamHeader,
    rounds: Vec<RoundRow>,
    handlings: Vec<String>,
    candidates: i64,
    forms: PageForms,
}

/// The team's stories of the window that blend two or three logics, newest first.
async fn candidates(state: &AppState, ctx: &RequestContext) -> Result<Vec<LinkedStory>, AppError> {
    let from = state.today() - time::Duration::days(WINDOW_DAYS);
    let weighted = state
        .store()
        .team_logic_stories(ctx.staff()?.organization_id, ctx.team()?, from)
        .await?;
    Ok(weighted
        .into_iter()
        .filter(|(_, w)| {
            Composition::from_weights(*w).is_ok_and(|c| {
                matches!(
                    classify(&c),
                    StoryClass::TwoLogicBlend | StoryClass::ThreeLogicBlend
                )
            })
        })
        .map(|(s, _)| s)
        .collect())
}

fn handling_names(tr: &Translator) -> Vec<String> {
    Handling::ALL
        .iter()
        .map(|h| tr.t(&format!("handling-{}", h.as_str())))
        .collect()
}

async fn rounds_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let rounds = state
        .store()
        .dilemma_rounds(ctx.staff()?.organization_id, ctx.team()?)
        .await?;
    let candidates = i64::try_from(candidates(state, ctx).await?.len()).unwrap_or(i64::MAX);
    audit_read(state, ctx, "dilemmas", team.id.clone(), "dilemma rounds").await?;
    if !forms.values.contains_key("held_on") {
        forms
            .values
            .insert("held_on".into(), state.today().to_string());
    }
    let page = RoundsPage {
        rounds: rounds
            .iter()
            .rev()
            .map(|r| RoundRow {
                href: format!("/teams/{}/dilemmas/{}", team.id, r.id),
                date: show_date(&tr, r.held_on),
                title: r.title.as_str().to_owned(),
                counts: Handling::ALL
                    .iter()
                    .map(|h| r.handlings.iter().filter(|(_, x, _)| x == h).count())
                    .collect(),
            })
            .collect(),
        handlings: handling_names(&tr),
        candidates,
        forms,
        team,
        chrome,
    };
    render(status, &page)
}

/// The team's dilemma rounds and handling over time.
pub(super) async fn show_rounds(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    rounds_page(&state, chrome, &ctx, forms, StatusCode::OK).await
}

/// Opens a round (the manager) and goes to it.
pub(super) async fn create_round(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let held_on = forms.date(&tr, "held_on", true);
    let title = forms.text(&tr, "title", MAX_LINE_CHARS, true);
    let (Some(held_on), Some(title)) = (held_on, title) else {
        return rounds_page(
            &state,
            chrome,
            &ctx,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let mut tx = state.store().begin().await?;
    let id = tx
        .insert_dilemma_round(
            staff.organization_id,
            team,
            (held_on, &title),
            staff.user_id,
            state.now(),
        )
        .await?;
    super::commit_and_redirect(
        &state,
        &ctx,
        tx,
        Entry::allowed(
            "dilemma.round",
            "dilemma round",
            Some(id.to_string()),
            "dilemma round",
        ),
        &format!("/teams/{team}/dilemmas/{id}"),
    )
    .await
}

#[derive(Template)]
#[template(path = "practices/dilemma.html")]
struct RoundPage {
    chrome: Chrome,
    team: TeamHeader,
    round_id: String,
    title: String,
    date: String,
    /// (story, handling, follow-up)
    handled: Vec<(StoryLink, String, String)>,
    candidates: Vec<StoryLink>,
    handling_choices: Vec<Choice>,
    forms: PageForms,
    notice: Option<String>,
}

async fn round_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    id: Id<DilemmaRound>,
    forms: PageForms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let round = state
        .store()
        .dilemma_rounds(ctx.staff()?.organization_id, ctx.team()?)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::NotFound)?;
    let open: Vec<LinkedStory> = if team.may_run {
        candidates(state, ctx)
            .await?
            .into_iter()
            .filter(|s| !round.handlings.iter().any(|(h, _, _)| h.id == s.id))
            .take(MAX_DILEMMAS)
            .collect()
    } else {
        Vec::new()
    };
    audit_read(state, ctx, "dilemma round", id.to_string(), "dilemma round").await?;
    let stories: Vec<LinkedStory> = round.handlings.iter().map(|(s, _, _)| s.clone()).collect();
    let links = story_links(state, ctx, &tr, &stories).await?;
    let page = RoundPage {
        round_id: id.to_string(),
        title: round.title.as_str().to_owned(),
        date: show_date(&tr, round.held_on),
        handled: links
            .into_iter()
            .zip(&round.handlings)
            .map(|(link, (_, handling, follow_up))| {
                (
                    link,
                    tr.t(&format!("handling-{}", handling.as_str())),
                    follow_up.as_str().to_owned(),
                )
            })
            .collect(),
        candidates: story_links(state, ctx, &tr, &open).await?,
        handling_choices: keyword_choices(
            &tr,
            "handling",
            Handling::ALL.iter().map(|h| h.as_str()),
            &forms.value("handling"),
        ),
        notice: forms.values.get("notice").cloned(),
        forms,
        team,
        chrome,
    };
    render(status, &page)
}

/// One round: the stories handled and, for the manager, the candidates still open.
pub(super) async fn show_round(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, round_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let id = path_id(&round_id)?;
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    round_page(&state, chrome, &ctx, id, forms, StatusCode::OK).await
}

/// Records how the team handled one story (the manager).
pub(super) async fn handle_story(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, round_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<DilemmaRound> = path_id(&round_id)?;
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    // The story comes from the page's own list: none is a form error, one that is not the
    // team's is not found.
    let story = super::story_ids(&pairs).into_iter().next();
    let linked = match story {
        Some(story) => Some(
            state
                .store()
                .team_stories(staff.organization_id, team, &[story])
                .await?
                .pop()
                .ok_or(AppError::NotFound)?,
        ),
        None => {
            forms.errors.add("handling", tr.t("account-error-story"));
            None
        }
    };
    let handling = Handling::parse(&forms.value("handling"))
        .map_err(|_| forms.errors.add("handling", tr.t("handling-error")))
        .ok();
    let follow_up = forms.text(&tr, "follow_up", MAX_TEXT_CHARS, false);
    let (Some(story), Some(handling), Some(follow_up)) = (linked, handling, follow_up) else {
        return round_page(
            &state,
            chrome,
            &ctx,
            id,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let mut tx = state.store().begin().await?;
    if !tx
        .handle_dilemma(
            staff.organization_id,
            team,
            id,
            (story.id, handling, &follow_up),
            state.now(),
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
        Entry::allowed(
            "dilemma.handle",
            "dilemma round",
            Some(id.to_string()),
            "dilemma round",
        ),
        &format!("/teams/{team}/dilemmas/{id}?saved=handling"),
    )
    .await
}
