//! "My course" for the young person and network members: goals in their own words, their own
//! steps (mark them done), meetings in scope, and — for the young person — adding a goal and
//! writing to their processor. Staff-internal notes are never read here (R4); a network member
//! sees only what their consent scope allows (R7).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::{AlertKind, LifeArea, StatementTopic, StepStatus};
use tandem_domain::course::network::ConsentScope;
use tandem_domain::course::work::{GoalDetails, MAX_GOAL_CHARS, StepOwner};
use tandem_store::citizens::CitizenRole;
use tandem_store::work::Step;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, FormErrors, keyword_choices};
use crate::page::{Chrome, render};
use crate::routes::courses::shared::{
    Change, audit_read, commit_and_redirect, path_id, show_date, show_opt, word,
};
use crate::state::AppState;

/// A form field: (name, element id, label).
type Field = (String, String, String);

/// The feedback form for one meeting.
struct FeedbackView {
    meeting_id: String,
    what: String,
    items: Vec<Field>,
}

struct PendingRound {
    id: String,
    what: String,
    items: Vec<Field>,
}

struct StepView {
    id: String,
    description: String,
    due: String,
    done: bool,
}

#[derive(Template)]
#[template(path = "me/home.html")]
struct HomePage {
    chrome: Chrome,
    first_name: String,
    young: bool,
    goals: Vec<(String, String, String)>,
    show_goals: bool,
    steps: Vec<StepView>,
    meetings: Vec<(String, String)>,
    show_meetings: bool,
    /// Minutes shared with the young person and not yet approved: (meeting id, date, minutes).
    minutes: Vec<(String, String, String)>,
    /// The young person's network: (name, relation, what they may see).
    network: Vec<(String, String, String)>,
    topics: Vec<Choice>,
    goal_words: String,
    message: String,
    errors: FormErrors,
    sent: bool,
    pending: Vec<PendingRound>,
    feedback: Option<FeedbackView>,
}

/// The pending blind rounds of the young person, and the latest meeting they attended in the
/// last 30 days without feedback yet.
async fn rating_views(
    state: &AppState,
    tr: &crate::i18n::Translator,
    ctx: &RequestContext,
) -> Result<(Vec<PendingRound>, Option<FeedbackView>), AppError> {
    use crate::kit::{instrument_name, item_label};
    use tandem_domain::instrument::{Instrument, SESSION_FEEDBACK};
    let account = &ctx.citizen()?.account;
    let (org, course) = (account.organization_id, account.course_id);
    let store = state.store();
    let config = state.app().configuration(org).await?;
    let (settings, instruments) = (&config.settings, &config.instruments);
    let rounds = store.rounds_of(org, course).await?;
    let goals = store.goals_of(org, course).await?;
    let pending = rounds
        .iter()
        .filter(|r| {
            r.revealed_at.is_none()
                && r.raters
                    .iter()
                    .any(|x| x.values.is_none() && super::ratings::is_mine(account.role, x))
        })
        .filter_map(|r| {
            let instrument = instruments.iter().find(|i| i.key == r.instrument_key)?;
            let goal = r
                .goal_id
                .as_ref()
                .and_then(|g| goals.iter().find(|goal| goal.id == *g))
                .map(|g| format!(": “{}”", g.details.own_words.as_str()))
                .unwrap_or_default();
            Some(PendingRound {
                id: r.id.to_string(),
                what: format!("{}{goal}", instrument_name(tr, instrument)),
                items: (0..instrument.items.len())
                    .map(|i| {
                        (
                            format!("value-{i}"),
                            format!("round-{}-{i}", r.id),
                            item_label(tr, instrument, i),
                        )
                    })
                    .collect(),
            })
        })
        .collect();
    if account.role != CitizenRole::YoungPerson {
        return Ok((pending, None));
    }
    let today = state.today();
    let meetings = store.meetings_of(org, course).await?;
    let feedback_instrument = Instrument::session_feedback(settings.feedback);
    let feedback = meetings
        .iter()
        .filter(|m| {
            m.details.held
                && m.details.young_person_present
                && (today - m.details.held_on).whole_days() <= 30
        })
        .find(|m| {
            !rounds
                .iter()
                .any(|r| r.instrument_key == SESSION_FEEDBACK && r.meeting_id == Some(m.id))
        })
        .map(|m| FeedbackView {
            meeting_id: m.id.to_string(),
            what: format!(
                "{} – {}",
                show_date(tr, m.details.held_on),
                word(tr, "kw-meeting", m.details.kind.as_str())
            ),
            items: (0..4)
                .map(|i| {
                    (
                        format!("value-{i}"),
                        format!("feedback-{i}"),
                        item_label(tr, &feedback_instrument, i),
                    )
                })
                .collect(),
        });
    Ok((pending, feedback))
}

/// The home page again, with errors from a rating or feedback form.
pub(super) async fn home_with_errors(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    errors: FormErrors,
) -> Result<Response, AppError> {
    home(
        state,
        chrome,
        ctx,
        String::new(),
        String::new(),
        errors,
        false,
    )
    .await
}

/// What the citizen may see: the young person everything of their own course (but internal
/// notes), a network member their consent scope.
async fn scope(state: &AppState, ctx: &RequestContext) -> Result<ConsentScope, AppError> {
    let citizen = ctx.citizen()?;
    match citizen.account.role {
        CitizenRole::YoungPerson => Ok(ConsentScope {
            goals: true,
            steps: true,
            meetings: true,
        }),
        CitizenRole::NetworkMember(member) => {
            let network = state
                .store()
                .network_of(citizen.account.organization_id, citizen.account.course_id)
                .await?;
            Ok(network
                .iter()
                .find(|m| m.id == member && m.active_to.is_none())
                .map(|m| m.details.consent)
                .unwrap_or_default())
        }
    }
}

fn own(role: CitizenRole, owner: &StepOwner) -> bool {
    match (role, owner) {
        (CitizenRole::YoungPerson, StepOwner::YoungPerson) => true,
        (CitizenRole::NetworkMember(member), StepOwner::Network(id)) => member.to_string() == *id,
        _ => false,
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct SentQuery {
    sent: Option<String>,
    thanks: Option<String>,
}

async fn home(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    goal_words: String,
    message: String,
    errors: FormErrors,
    sent: bool,
) -> Result<Response, AppError> {
    let citizen = ctx.citizen()?.clone();
    let (org, course) = (citizen.account.organization_id, citizen.account.course_id);
    let store = state.store();
    let entry = store.course(org, course).await?.ok_or(AppError::NotFound)?;
    let scope = scope(state, ctx).await?;
    let goals = if scope.goals {
        store.goals_of(org, course).await?
    } else {
        Vec::new()
    };
    let steps = store.steps_of(org, course).await?;
    let meetings = if scope.meetings {
        store.meetings_of(org, course).await?
    } else {
        Vec::new()
    };
    audit_read(state, ctx, "my course").await?;
    let (pending, feedback) = rating_views(state, &chrome.tr, ctx).await?;
    let tr = &chrome.tr;
    let young = citizen.account.role == CitizenRole::YoungPerson;
    let first_name = match citizen.account.role {
        CitizenRole::YoungPerson => entry
            .course
            .details
            .young_person_name
            .as_str()
            .split(' ')
            .next()
            .unwrap_or("")
            .to_owned(),
        CitizenRole::NetworkMember(member) => store
            .network_of(org, course)
            .await?
            .into_iter()
            .find(|m| m.id == member)
            .map(|m| m.details.name.as_str().to_owned())
            .unwrap_or_default(),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = HomePage {
        first_name,
        young,
        show_goals: scope.goals,
        goals: goals
            .iter()
            .filter(|g| g.status == tandem_domain::course::kinds::GoalStatus::Active)
            .map(|g| {
                (
                    g.id.to_string(),
                    g.details.own_words.as_str().to_owned(),
                    g.details.author.as_str().to_owned(),
                )
            })
            .collect(),
        steps: steps
            .iter()
            .filter(|s| own(citizen.account.role, &s.owner))
            .map(|s| StepView {
                id: s.id.to_string(),
                description: s.description.clone(),
                due: show_opt(tr, s.due_date),
                done: s.status == StepStatus::Done,
            })
            .collect(),
        show_meetings: scope.meetings,
        minutes: if young {
            meetings
                .iter()
                .filter(|m| m.details.minutes_shared && m.minutes_approved_at.is_none())
                .filter_map(|m| {
                    m.details.minutes.as_ref().map(|text| {
                        (
                            m.id.to_string(),
                            show_date(tr, m.details.held_on),
                            text.as_str().to_owned(),
                        )
                    })
                })
                .collect()
        } else {
            Vec::new()
        },
        network: if young {
            store
                .network_of(org, course)
                .await?
                .iter()
                .filter(|m| m.active_to.is_none())
                .map(|m| {
                    let c = m.details.consent;
                    let scope: Vec<String> = [
                        (c.goals, "network-consent-goals"),
                        (c.steps, "network-consent-steps"),
                        (c.meetings, "network-consent-meetings"),
                    ]
                    .into_iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, key)| tr.t(key))
                    .collect();
                    (
                        m.details.name.as_str().to_owned(),
                        m.details.relation.as_str().to_owned(),
                        if scope.is_empty() {
                            tr.t("network-consent-none")
                        } else {
                            scope.join(", ")
                        },
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        meetings: meetings
            .iter()
            .map(|m| {
                (
                    show_date(tr, m.details.held_on),
                    word(tr, "kw-meeting", m.details.kind.as_str()),
                )
            })
            .collect(),
        topics: keyword_choices(
            tr,
            "me-topic",
            StatementTopic::ALL.iter().map(|t| t.as_str()),
            "prepare_meeting",
        ),
        goal_words,
        message,
        errors,
        sent,
        pending,
        feedback,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn show_home(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Query(query): Query<SentQuery>,
) -> Result<Response, AppError> {
    home(
        &state,
        chrome,
        &ctx,
        String::new(),
        String::new(),
        FormErrors::new(),
        query.sent.is_some() || query.thanks.is_some(),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(super) struct GoalForm {
    #[serde(default)]
    own_words: String,
}

pub(super) async fn add_goal(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<GoalForm>,
) -> Result<Response, AppError> {
    let citizen = ctx.citizen()?.clone();
    let (org, course) = (citizen.account.organization_id, citizen.account.course_id);
    let Ok(own_words) = PlainText::parse(&form.own_words, MAX_GOAL_CHARS) else {
        let mut errors = FormErrors::new();
        errors.add("own_words", chrome.tr.t("me-goal-error"));
        let kept = crate::forms::kept(&form.own_words);
        return home(&state, chrome, &ctx, kept, String::new(), errors, false).await;
    };
    let entry = state
        .store()
        .course(org, course)
        .await?
        .ok_or(AppError::NotFound)?;
    let goal = GoalDetails {
        own_words,
        author: entry.course.details.young_person_name.clone(),
        restatement: None,
        life_area: LifeArea::Other,
        anchor_low: None,
        anchor_high: None,
        target_date: None,
    };
    let mut tx = state.store().begin().await?;
    let id = tx.insert_goal(org, course, &goal, state.now()).await?;
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "goal.create",
            kind: "goal",
            object_id: Some(id.to_string()),
            purpose: "my course",
        },
        "/me#goals",
    )
    .await
}

pub(super) async fn mark_step_done(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(step_id): Path<String>,
) -> Result<Response, AppError> {
    let citizen = ctx.citizen()?.clone();
    let (org, course) = (citizen.account.organization_id, citizen.account.course_id);
    let step = path_id::<Step>(&step_id)?;
    let steps = state.store().steps_of(org, course).await?;
    // Only one's own steps: anyone else's is the same 404 as a step that does not exist.
    if !steps
        .iter()
        .any(|s| s.id == step && own(citizen.account.role, &s.owner))
    {
        return Err(AppError::NotFound);
    }
    let mut tx = state.store().begin().await?;
    tx.set_step_status(org, course, step, StepStatus::Done, state.today())
        .await?;
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "step.done",
            kind: "step",
            object_id: Some(step.to_string()),
            purpose: "my course",
        },
        "/me#steps",
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(super) struct MessageForm {
    #[serde(default)]
    topic: String,
    #[serde(default)]
    text: String,
}

/// A message to the processor; a worry raises an alert for the processor and the team manager.
pub(super) async fn send_message(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<MessageForm>,
) -> Result<Response, AppError> {
    let citizen = ctx.citizen()?.clone();
    let (org, course) = (citizen.account.organization_id, citizen.account.course_id);
    let topic = StatementTopic::parse(&form.topic).unwrap_or(StatementTopic::PrepareMeeting);
    let Ok(text) = PlainText::parse(&form.text, 2000) else {
        let mut errors = FormErrors::new();
        errors.add("text", chrome.tr.t("me-message-error"));
        let kept = crate::forms::kept(&form.text);
        return home(&state, chrome, &ctx, String::new(), kept, errors, false).await;
    };
    let worry = topic == StatementTopic::Worry;
    let now = state.now();
    let mut tx = state.store().begin().await?;
    let id = tx
        .insert_statement(org, course, topic, text.as_str(), worry, now)
        .await?;
    if worry {
        tx.raise_alert(
            org,
            course,
            AlertKind::Worry,
            Some(id.to_string()),
            "statement",
            now,
        )
        .await?;
    }
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "statement.create",
            kind: "statement",
            object_id: Some(id.to_string()),
            purpose: "my course",
        },
        "/me?sent=1#message",
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(super) struct RewordForm {
    #[serde(default)]
    own_words: String,
}

/// The young person rewords one of their goals (the goals of their course are theirs).
pub(super) async fn reword_goal(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(goal_id): Path<String>,
    Form(form): Form<RewordForm>,
) -> Result<Response, AppError> {
    let citizen = ctx.citizen()?.clone();
    let (org, course) = (citizen.account.organization_id, citizen.account.course_id);
    let goal = path_id::<tandem_store::work::Goal>(&goal_id)?;
    let Ok(words) = PlainText::parse(&form.own_words, MAX_GOAL_CHARS) else {
        let mut errors = FormErrors::new();
        errors.add("own_words", chrome.tr.t("me-goal-error"));
        return home(
            &state,
            chrome,
            &ctx,
            String::new(),
            String::new(),
            errors,
            false,
        )
        .await;
    };
    let mut tx = state.store().begin().await?;
    if !tx.reword_goal(org, course, goal, &words).await? {
        return Err(AppError::NotFound);
    }
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "goal.update",
            kind: "goal",
            object_id: Some(goal.to_string()),
            purpose: "my course",
        },
        "/me#goals",
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(super) struct OwnStepForm {
    #[serde(default)]
    description: String,
}

/// The young person adds a step of their own.
pub(super) async fn add_step(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<OwnStepForm>,
) -> Result<Response, AppError> {
    let citizen = ctx.citizen()?.clone();
    let (org, course) = (citizen.account.organization_id, citizen.account.course_id);
    let Ok(description) = PlainText::parse(
        &form.description,
        tandem_domain::course::work::MAX_STEP_CHARS,
    ) else {
        let mut errors = FormErrors::new();
        errors.add("description", chrome.tr.t("step-error-description"));
        return home(
            &state,
            chrome,
            &ctx,
            String::new(),
            String::new(),
            errors,
            false,
        )
        .await;
    };
    let step = tandem_store::work::NewStep {
        description,
        owner: StepOwner::YoungPerson,
        goal_id: None,
        due_date: None,
        meeting_id: None,
    };
    let mut tx = state.store().begin().await?;
    let id = tx.insert_step(org, course, &step, state.now()).await?;
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "step.create",
            kind: "step",
            object_id: Some(id.to_string()),
            purpose: "my course",
        },
        "/me#steps",
    )
    .await
}
