//! Huddles (practice 4, "What's the story? Now what?"): a short, regular conversation around
//! one or two fresh stories. The manager records who took part (by voice), the stories, the
//! interpretations offered and by which voice, and the next steps agreed with owner and date.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use tandem_app::practices::huddles::{self, AgreedNextStep, HuddleRecord, NewHuddle};
use tandem_app::practices::team::{self, Member, Story};
use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::practice::{
    Huddle, HuddleDetails, MAX_LINE_CHARS, MAX_PER_VOICE, MAX_TEXT_CHARS, NextStep, Participants,
    Voice,
};
use tandem_domain::staff::StaffRole;

use super::board::{StepRow, step_rows, voices_text};
use super::outcomes::{OutcomeForm, outcome_form};
use super::{
    PageForms, StoryLink, TeamHeader, story_ids, story_links, team_header, team_ref, voice_choices,
};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, add_problem};
use crate::i18n::Translator;
use crate::kit::{pairs, path_id, see_other, show_date};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

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

/// The new-huddle page with `forms` and the team's stories among `stories` (422 after errors).
async fn new_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    forms: PageForms,
    stories: &[Id<Story>],
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let linked = team::stories(state.app(), team_ref(ctx)?, stories).await?;
    let tr = chrome.tr.clone();
    let page = NewHuddlePage {
        counts: count_fields(&tr, &forms),
        stories: story_links(state, ctx, &tr, &linked).await?,
        team,
        forms,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The form for a new huddle, with the stories of the query (`?story=…&story=…`) to discuss
/// and its topic (`?topic=…`, from a marked region's page).
pub(super) async fn new_huddle_form(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let pairs = pairs(query.as_deref());
    let mut forms = new_huddle_values(state.today(), ctx.staff()?.role);
    // A huddle on a marked region comes with its name as the topic (a line, cut to fit).
    if let Some((_, topic)) = pairs.iter().find(|(n, _)| n == "topic") {
        let line: String = topic
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_LINE_CHARS)
            .collect();
        forms.default_value("topic", line);
    }
    let stories = story_ids(&pairs);
    new_page(&state, chrome, &ctx, forms, &stories).await
}

/// A new huddle's first values: held today, with the manager counted when it is the manager
/// who records it.
fn new_huddle_values(today: time::Date, role: StaffRole) -> PageForms {
    let mut forms = PageForms::default();
    forms.default_value("held_on", today.to_string());
    let managers = if role == StaffRole::TeamManager {
        "1"
    } else {
        "0"
    };
    forms.default_value("voice_manager", managers.into());
    forms
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

/// The huddle's details as typed, or `None` with the field problems recorded in `forms`.
fn parse_huddle(tr: &Translator, forms: &mut PageForms) -> Option<HuddleDetails> {
    let held_on = forms.date(tr, "held_on", true);
    let topic = forms.text(tr, "topic", MAX_LINE_CHARS, true);
    let participants = participants(tr, forms);
    let details = HuddleDetails {
        held_on: held_on?,
        topic: topic?,
        participants: participants?,
    };
    for problem in details.problems() {
        add_problem(tr, &mut forms.errors, problem);
    }
    forms.errors.is_empty().then_some(details)
}

/// Records a huddle and opens its page.
pub(super) async fn create_huddle(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (stories, mut forms) = (story_ids(&pairs), PageForms::from_pairs(&pairs));
    let Some(details) = parse_huddle(&chrome.tr, &mut forms) else {
        return new_page(&state, chrome, &ctx, forms, &stories).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let command = NewHuddle { details, stories };
    let id = huddles::create(state.app(), &actor, team, &command).await?;
    see_other(&format!("/teams/{}/huddles/{id}", team.id))
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

/// What a huddle's page shows besides the huddle: the links and forms built from other reads.
struct HuddleExtras {
    stories: Vec<StoryLink>,
    members: Vec<Member>,
    outcome: Option<OutcomeForm>,
    steps: Vec<StepRow>,
}

impl HuddlePage {
    fn new(
        chrome: Chrome,
        team: TeamHeader,
        record: &HuddleRecord,
        forms: PageForms,
        extras: HuddleExtras,
    ) -> Self {
        let tr = chrome.tr.clone();
        let (id, details) = (record.summary.id, &record.summary.details);
        let story_query: String = record
            .stories
            .iter()
            .map(|s| format!("&story={}", s.id))
            .collect();
        Self {
            huddle_id: id.to_string(),
            date: show_date(&tr, details.held_on),
            topic: details.topic.as_str().to_owned(),
            voices: voices_text(&tr, &details.participants),
            outside_voice: details.participants.has_outside_voice(),
            stories: extras.stories,
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
            steps: extras.steps,
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
            owners: Choice::list(
                extras
                    .members
                    .iter()
                    .map(|m| (m.id.to_string(), m.name.clone())),
                &forms.value("step_owner"),
            ),
            outcome: extras.outcome,
            probe_href: format!("/teams/{}/probes/new?huddle={id}{story_query}", team.id),
            notice: forms.notice(),
            back: format!("/teams/{}/huddles/{id}#steps", team.id),
            forms,
            team,
            chrome,
        }
    }
}

/// Renders a huddle's page with the forms' state (errors and kept values after a failed post:
/// then 422).
pub(super) async fn huddle_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    id: Id<Huddle>,
    forms: PageForms,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let (actor, team_ref) = (ctx.actor(state.now()), team_ref(ctx)?);
    let record = huddles::show(state.app(), &actor, team_ref, id).await?;
    let members = team::members(state.app(), team_ref).await?;
    let outcome = if team.may_run {
        let source = ("huddle", id.to_string());
        Some(outcome_form(state, ctx, &record.stories, &forms, source).await?)
    } else {
        None
    };
    let tr = &chrome.tr;
    let extras = HuddleExtras {
        stories: story_links(state, ctx, tr, &record.stories).await?,
        members,
        outcome,
        steps: step_rows(tr, ctx, &team.id, &record.steps, state.today()),
    };
    let page = HuddlePage::new(chrome, team, &record, forms, extras);
    render(page.forms.status(), &page)
}

/// A huddle's page.
pub(super) async fn show_huddle(
    Page { state, chrome, ctx }: Page,
    Path((_, huddle_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let id = path_id(&huddle_id)?;
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    huddle_page(&state, chrome, &ctx, id, forms).await
}

/// The interpretation as typed: the voice that offered it and its text.
fn parse_interpretation(tr: &Translator, forms: &mut PageForms) -> Option<(Voice, PlainText)> {
    let voice = Voice::parse(&forms.value("voice"))
        .map_err(|_| forms.errors.add("voice", tr.t("huddle-error-voice")))
        .ok();
    let body = forms.text(tr, "interpretation", MAX_TEXT_CHARS, false);
    Some((voice?, body?))
}

/// Adds an interpretation, attributed to the voice that offered it.
pub(super) async fn add_interpretation(
    Page { state, chrome, ctx }: Page,
    Path((_, huddle_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Huddle> = path_id(&huddle_id)?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some((voice, body)) = parse_interpretation(&chrome.tr, &mut forms) else {
        return huddle_page(&state, chrome, &ctx, id, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    huddles::interpret(state.app(), &actor, team, id, (voice, &body)).await?;
    see_other(&format!(
        "/teams/{}/huddles/{id}?saved=interpretation",
        team.id
    ))
}

/// The next step as typed: what, who and by when.
fn parse_next_step(tr: &Translator, forms: &mut PageForms) -> Option<AgreedNextStep> {
    let description = forms.text(tr, "step_description", MAX_LINE_CHARS, true);
    let owner = Id::parse(&forms.value("step_owner"))
        .map_err(|_| forms.errors.add("step_owner", tr.t("huddle-error-owner")))
        .ok();
    let due_on = forms.date(tr, "step_due", true);
    Some(AgreedNextStep {
        description: description?,
        owner: owner?,
        due_on: due_on?,
    })
}

/// Adds a next step agreed in the huddle.
pub(super) async fn add_next_step(
    Page { state, chrome, ctx }: Page,
    Path((_, huddle_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Huddle> = path_id(&huddle_id)?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(step) = parse_next_step(&chrome.tr, &mut forms) else {
        return huddle_page(&state, chrome, &ctx, id, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let outcome = huddles::add_next_step(state.app(), &actor, team, id, &step).await?;
    if outcome == huddles::NextStepOutcome::OwnerNotInTeam {
        forms
            .errors
            .add("step_owner", chrome.tr.t("huddle-error-owner"));
        return huddle_page(&state, chrome, &ctx, id, forms).await;
    }
    see_other(&format!("/teams/{}/huddles/{id}?saved=step", team.id))
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
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    huddles::mark_done(state.app(), &actor, team, id).await?;
    see_other(back_to(&pairs))
}

/// Where a "done" button returns to: its `back` field when that is a local path, else home.
fn back_to(pairs: &[(String, String)]) -> &str {
    pairs
        .iter()
        .find(|(n, _)| n == "back")
        .map(|(_, v)| v.as_str())
        .filter(|v| crate::routes::language::is_local_path(v))
        .unwrap_or("/home")
}
