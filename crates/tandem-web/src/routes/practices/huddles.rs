//! Huddles (practice 4, "What's the story? Now what?"): a short, regular conversation around
//! one or two fresh stories. The manager records who took part (by voice), the stories, the
//! interpretations offered and by which voice, and the next steps agreed with owner and date.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tandem_domain::Id;
use tandem_domain::practice::{
    Huddle, HuddleDetails, MAX_LINE_CHARS, MAX_PER_VOICE, MAX_TEXT_CHARS, NextStep, Participants,
    Voice,
};

use super::board::{StepRow, step_rows, voices_text};
use super::outcomes::{OutcomeForm, outcome_form};
use super::{
    PageForms, StoryLink, TeamHeader, audit_read, story_ids, story_links, team_header,
    voice_choices,
};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, add_problem};
use crate::i18n::Translator;
use crate::kit::pairs;
use crate::kit::{path_id, show_date};
use crate::page::{Chrome, render};
use crate::state::AppState;
use tandem_app::practices::{TeamRef, huddles};

/// A voice's participant count field.
struct CountField {
    id: String,
    label: String,
    value: String,
}

#[derive(Template)]
#[template(path = "practices/huddle_new.html")]
struct NewHuddlePage {
    chrome: Chrome,
    team: TeamHeader,
    forms: PageForms,
    counts: Vec<CountField>,
    stories: Vec<StoryLink>,
}

fn count_fields(tr: &Translator, forms: &PageForms) -> Vec<CountField> {
    Voice::ALL
        .iter()
        .map(|v| CountField {
            id: format!("voice_{}", v.as_str()),
            label: tr.t(&format!("voice-{}-plural", v.as_str())),
            value: forms.value(&format!("voice_{}", v.as_str())),
        })
        .collect()
}

async fn new_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    forms: PageForms,
    stories: &[Id<tandem_store::stories::Story>],
    status: StatusCode,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let org = ctx.staff()?.organization_id;
    let linked = state
        .store()
        .team_stories(org, ctx.team()?, stories)
        .await?;
    let tr = chrome.tr.clone();
    let page = NewHuddlePage {
        counts: count_fields(&tr, &forms),
        stories: story_links(state, ctx, &tr, &linked).await?,
        team,
        forms,
        chrome,
    };
    render(status, &page)
}

/// The form for a new huddle, with the stories of the query (`?story=…&story=…`) to discuss.
pub(super) async fn new_huddle_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let pairs = pairs(query.as_deref());
    let mut forms = PageForms::default();
    forms
        .values
        .insert("held_on".into(), state.today().to_string());
    let is_manager = ctx
        .principal
        .staff()
        .is_some_and(|s| s.role == tandem_domain::staff::StaffRole::TeamManager);
    forms.values.insert(
        "voice_manager".into(),
        if is_manager { "1" } else { "0" }.into(),
    );
    new_page(
        &state,
        chrome,
        &ctx,
        forms,
        &story_ids(&pairs),
        StatusCode::OK,
    )
    .await
}

/// Reads the participant counts; a missing count is 0, anything but a whole number 0–60 an error.
fn participants(tr: &Translator, forms: &mut PageForms) -> Option<Participants> {
    let mut counts = Vec::new();
    let mut broken = false;
    for voice in Voice::ALL {
        let text = forms.value(&format!("voice_{}", voice.as_str()));
        let text = text.trim();
        match (text.is_empty(), text.parse::<u32>()) {
            (true, _) => counts.push((*voice, 0)),
            (false, Ok(n)) if n <= MAX_PER_VOICE => counts.push((*voice, n)),
            _ => broken = true,
        }
    }
    if broken {
        forms.errors.add("participants", tr.t("huddle-error-count"));
        return None;
    }
    Some(Participants::from_counts(&counts))
}

/// Records a huddle and opens its page.
pub(super) async fn create_huddle(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let stories = story_ids(&pairs);
    let mut forms = PageForms::from_pairs(&pairs);
    let held_on = forms.date(&tr, "held_on", true);
    let topic = forms.text(&tr, "topic", MAX_LINE_CHARS, true);
    let participants = participants(&tr, &mut forms);
    if let (Some(held_on), Some(topic), Some(participants)) = (held_on, topic, participants) {
        let details = HuddleDetails {
            held_on,
            topic,
            participants,
        };
        for problem in details.problems() {
            add_problem(&tr, &mut forms.errors, problem);
        }
        if forms.errors.is_empty() {
            let command = huddles::NewHuddle { details, stories };
            let actor = ctx.actor(state.now());
            let id = huddles::create(state.app(), &actor, team_ref(&staff, team), &command).await?;
            return Ok(Redirect::to(&format!("/teams/{team}/huddles/{id}")).into_response());
        }
    }
    new_page(
        &state,
        chrome,
        &ctx,
        forms,
        &stories,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[derive(Template)]
#[template(path = "practices/huddle.html")]
struct HuddlePage {
    chrome: Chrome,
    team: TeamHeader,
    huddle_id: String,
    date: String,
    topic: String,
    voices: String,
    outside_voice: bool,
    stories: Vec<StoryLink>,
    /// (voice, text, when)
    interpretations: Vec<(String, String, String)>,
    steps: Vec<StepRow>,
    done_steps: Vec<(String, String, String)>,
    forms: PageForms,
    voices_choice: Vec<Choice>,
    owners: Vec<Choice>,
    outcome: Option<OutcomeForm>,
    probe_href: String,
    /// What the last change did, when the browser was sent back here.
    notice: Option<String>,
    /// Where a "done" button returns to.
    back: String,
}

/// Renders a huddle's page with the forms' state (errors and kept values after a failed post).
pub(super) async fn huddle_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    id: Id<Huddle>,
    forms: PageForms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let team_id = ctx.team()?;
    let org = ctx.staff()?.organization_id;
    let record = state
        .store()
        .huddle(org, team_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit_read(state, ctx, "huddle", id.to_string(), "huddle").await?;
    let today = state.today();
    let summary = &record.summary;
    let members = state.store().team_members(org, team_id).await?;
    let owners = Choice::list(
        members.iter().map(|m| (m.id.to_string(), m.name.clone())),
        &forms.value("step_owner"),
    );
    let story_query: String = record
        .stories
        .iter()
        .map(|s| format!("&story={}", s.id))
        .collect();
    let outcome = if team.may_run {
        Some(
            outcome_form(
                state,
                ctx,
                &record.stories,
                &forms,
                ("huddle", id.to_string()),
            )
            .await?,
        )
    } else {
        None
    };
    let page = HuddlePage {
        huddle_id: id.to_string(),
        date: show_date(&tr, summary.details.held_on),
        topic: summary.details.topic.as_str().to_owned(),
        voices: voices_text(&tr, &summary.details.participants),
        outside_voice: summary.details.participants.has_outside_voice(),
        stories: story_links(state, ctx, &tr, &record.stories).await?,
        interpretations: record
            .interpretations
            .iter()
            .map(|i| {
                (
                    tr.t(&format!("voice-{}", i.voice.as_str())),
                    i.body.as_str().to_owned(),
                    show_date(&tr, i.created_at.date()),
                )
            })
            .collect(),
        steps: step_rows(&tr, ctx, &team.id, &record.steps, today),
        done_steps: record
            .steps
            .iter()
            .filter(|s| s.done_at.is_some())
            .map(|s| {
                (
                    s.description.as_str().to_owned(),
                    s.owner_name.clone(),
                    show_date(&tr, s.due_on),
                )
            })
            .collect(),
        voices_choice: voice_choices(&tr, &forms.value("voice")),
        owners,
        outcome,
        probe_href: format!("/teams/{}/probes/new?huddle={id}{story_query}", team.id),
        notice: forms.values.get("notice").cloned(),
        back: format!("/teams/{}/huddles/{id}#steps", team.id),
        forms,
        team,
        chrome,
    };
    render(status, &page)
}

/// A huddle's page.
pub(super) async fn show_huddle(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, huddle_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let id = path_id(&huddle_id)?;
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    huddle_page(&state, chrome, &ctx, id, forms, StatusCode::OK).await
}

/// Adds an interpretation, attributed to the voice that offered it.
pub(super) async fn add_interpretation(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, huddle_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Huddle> = path_id(&huddle_id)?;
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let voice = Voice::parse(&forms.value("voice"))
        .map_err(|_| forms.errors.add("voice", tr.t("huddle-error-voice")))
        .ok();
    let body = forms.text(&tr, "interpretation", MAX_TEXT_CHARS, false);
    let (Some(voice), Some(body)) = (voice, body) else {
        return huddle_page(
            &state,
            chrome,
            &ctx,
            id,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let actor = ctx.actor(state.now());
    huddles::interpret(
        state.app(),
        &actor,
        team_ref(&staff, team),
        id,
        (voice, &body),
    )
    .await?;
    Ok(Redirect::to(&format!("/teams/{team}/huddles/{id}?saved=interpretation")).into_response())
}

/// Adds a next step agreed in the huddle.
pub(super) async fn add_next_step(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, huddle_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Huddle> = path_id(&huddle_id)?;
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let description = forms.text(&tr, "step_description", MAX_LINE_CHARS, true);
    let owner = Id::parse(&forms.value("step_owner"))
        .map_err(|_| forms.errors.add("step_owner", tr.t("huddle-error-owner")))
        .ok();
    let due = forms.date(&tr, "step_due", true);
    let (Some(description), Some(owner), Some(due)) = (description, owner, due) else {
        return huddle_page(
            &state,
            chrome,
            &ctx,
            id,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let step = huddles::AgreedNextStep {
        description,
        owner,
        due_on: due,
    };
    let actor = ctx.actor(state.now());
    let outcome =
        huddles::add_next_step(state.app(), &actor, team_ref(&staff, team), id, &step).await?;
    if outcome == huddles::NextStepOutcome::OwnerNotInTeam {
        forms.errors.add("step_owner", tr.t("huddle-error-owner"));
        return huddle_page(
            &state,
            chrome,
            &ctx,
            id,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    Ok(Redirect::to(&format!("/teams/{team}/huddles/{id}?saved=step")).into_response())
}

/// Marks a next step done: its owner, or the team's manager; anyone else gets 404. A step
/// already done stays as it was (a second click changes nothing).
pub(super) async fn mark_step_done(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, step_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<NextStep> = path_id(&step_id)?;
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let actor = ctx.actor(state.now());
    huddles::mark_done(state.app(), &actor, team_ref(&staff, team), id).await?;
    // Back where the button was: a local path only.
    let back = pairs
        .iter()
        .find(|(n, _)| n == "back")
        .map(|(_, v)| v.as_str())
        .filter(|v| crate::routes::language::is_local_path(v))
        .unwrap_or("/home");
    Ok(Redirect::to(back).into_response())
}

/// The request's team as `tandem-app` takes it.
fn team_ref(staff: &tandem_domain::policy::Staff, team: Id<tandem_domain::staff::Team>) -> TeamRef {
    TeamRef {
        organization_id: staff.organization_id,
        id: team,
    }
}
