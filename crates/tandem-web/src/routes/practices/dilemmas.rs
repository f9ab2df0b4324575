//! Hold the tension (practice 10): a quarterly round on stories where logics collided. The
//! mixed-logic filter offers the team's stories of the last 90 days that blend two or three
//! logics (the profile's story classes); the manager records how the team handled each —
//! separate, layer, blend or drop — and what follows. The rounds page shows handling over time.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::response::Response;
use tandem_app::practices::dilemmas::{self, LinkedStory, RoundRecord};
use tandem_app::practices::team;
use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::practice::reflection::{DilemmaRound, Handling, MAX_DILEMMAS};
use tandem_domain::practice::{MAX_LINE_CHARS, MAX_TEXT_CHARS};

use super::{PageForms, StoryLink, TeamHeader, story_links, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{path_id, see_other, show_date};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

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

fn handling_names(tr: &Translator) -> Vec<String> {
    Handling::ALL
        .iter()
        .map(|h| tr.t(&format!("handling-{}", h.as_str())))
        .collect()
}

fn round_row(tr: &Translator, team: &str, r: &RoundRecord) -> RoundRow {
    RoundRow {
        href: format!("/teams/{team}/dilemmas/{}", r.id),
        date: show_date(tr, r.held_on),
        title: r.title.as_str().to_owned(),
        counts: Handling::ALL
            .iter()
            .map(|h| r.handlings.iter().filter(|(_, x, _)| x == h).count())
            .collect(),
    }
}

/// The rounds page with `forms` (422 after errors).
async fn rounds_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let actor = ctx.actor(state.now());
    let found = dilemmas::rounds(state.app(), &actor, team_ref(ctx)?).await?;
    forms.default_value("held_on", state.today().to_string());
    let tr = &chrome.tr;
    let page = RoundsPage {
        rounds: found
            .rounds
            .iter()
            .rev()
            .map(|r| round_row(tr, &team.id, r))
            .collect(),
        handlings: handling_names(tr),
        candidates: i64::try_from(found.candidates).unwrap_or(i64::MAX),
        forms,
        team,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The team's dilemma rounds and handling over time.
pub(super) async fn show_rounds(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    rounds_page(&state, chrome, &ctx, forms).await
}

/// Opens a round (the manager) and goes to it.
pub(super) async fn create_round(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let held_on = forms.date(&chrome.tr, "held_on", true);
    let title = forms.text(&chrome.tr, "title", MAX_LINE_CHARS, true);
    let (Some(held_on), Some(title)) = (held_on, title) else {
        return rounds_page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let id = dilemmas::open(state.app(), &actor, team, (held_on, &title)).await?;
    see_other(&format!("/teams/{}/dilemmas/{id}", team.id))
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

/// One round's page with `forms` (422 after errors).
async fn round_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    id: Id<DilemmaRound>,
    forms: PageForms,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let (actor, team_ref) = (ctx.actor(state.now()), team_ref(ctx)?);
    let limit = team.may_run.then_some(MAX_DILEMMAS);
    let (round, open) = dilemmas::round(state.app(), &actor, team_ref, id, limit).await?;
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
                let handling = tr.t(&format!("handling-{}", handling.as_str()));
                (link, handling, follow_up.as_str().to_owned())
            })
            .collect(),
        candidates: story_links(state, ctx, &tr, &open).await?,
        handling_choices: keyword_choices(
            &tr,
            "handling",
            Handling::ALL.iter().map(|h| h.as_str()),
            &forms.value("handling"),
        ),
        notice: forms.notice(),
        forms,
        team,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// One round: the stories handled and, for the manager, the candidates still open.
pub(super) async fn show_round(
    Page { state, chrome, ctx }: Page,
    Path((_, round_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let id = path_id(&round_id)?;
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    round_page(&state, chrome, &ctx, id, forms).await
}

/// The handling as typed: the story (from the page's own list: none is a form error, one that
/// is not the team's is not found), how it was handled and what follows.
async fn parse_handling(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    (pairs, forms): (&[(String, String)], &mut PageForms),
) -> Result<Option<(LinkedStory, Handling, PlainText)>, AppError> {
    let linked = match super::story_ids(pairs).into_iter().next() {
        Some(story) => Some(
            team::story(state.app(), team_ref(ctx)?, story)
                .await?
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
    let follow_up = forms.text(tr, "follow_up", MAX_TEXT_CHARS, false);
    Ok(linked
        .zip(handling)
        .zip(follow_up)
        .map(|((s, h), f)| (s, h, f)))
}

/// Records how the team handled one story (the manager).
pub(super) async fn handle_story(
    Page { state, chrome, ctx }: Page,
    Path((_, round_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<DilemmaRound> = path_id(&round_id)?;
    let mut forms = PageForms::from_pairs(&pairs);
    let parsed = parse_handling(&state, &ctx, &chrome.tr, (&pairs, &mut forms)).await?;
    let Some((story, handling, follow_up)) = parsed else {
        return round_page(&state, chrome, &ctx, id, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let what = (story.id, handling, &follow_up);
    dilemmas::handle(state.app(), &actor, team, id, what).await?;
    see_other(&format!("/teams/{}/dilemmas/{id}?saved=handling", team.id))
}
