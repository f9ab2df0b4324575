//! Steps, each owned by whoever does it — the young person, someone in the network, or staff —
//! shown as a board grouped by owner.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::StepStatus;
use tandem_domain::course::work::{MAX_STEP_CHARS, StepOwner};
use tandem_store::courses::CourseRecord;
use tandem_store::network::MemberRecord;
use tandem_store::work::{GoalRecord, NewStep, Step, StepRecord, steps_by_owner};

use super::shared::{
    Change, CourseHeader, audit_read, commit_and_redirect, load, path_id, show_opt, word,
};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, FormErrors, keyword_choices, optional_date};
use crate::i18n::Translator;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct StepCard {
    id: String,
    description: String,
    due: String,
    status: String,
    statuses: Vec<Choice>,
    overdue: bool,
}

struct Column {
    owner: String,
    steps: Vec<StepCard>,
}

#[derive(Template)]
#[template(path = "courses/steps.html")]
struct StepsPage {
    chrome: Chrome,
    header: CourseHeader,
    columns: Vec<Column>,
    form: StepForm,
    errors: FormErrors,
    owners: Vec<Choice>,
    goals: Vec<Choice>,
}

/// The step form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct StepForm {
    description: String,
    owner: String,
    goal: String,
    due_date: String,
}

/// The owners a step can have in this course: the young person, current network members and
/// the processor.
pub(super) fn owner_choices(
    tr: &Translator,
    course: &CourseRecord,
    members: &[MemberRecord],
    current: &str,
) -> Vec<Choice> {
    let mut options = vec![
        (String::new(), tr.t("step-owner-choose")),
        (
            "young_person".to_owned(),
            course.details.young_person_name.as_str().to_owned(),
        ),
    ];
    options.extend(members.iter().filter(|m| m.active_to.is_none()).map(|m| {
        (
            format!("network:{}", m.id),
            format!(
                "{} ({})",
                m.details.name.as_str(),
                m.details.relation.as_str()
            ),
        )
    }));
    options.push((
        format!("staff:{}", course.processor_id),
        format!(
            "{} ({})",
            course.processor_name,
            tr.t("step-owner-processor")
        ),
    ));
    Choice::list(options, current)
}

/// Parses an owner choice and checks it belongs to the course.
pub(super) fn parse_owner(
    choice: &str,
    course: &CourseRecord,
    members: &[MemberRecord],
) -> Option<StepOwner> {
    let owner = StepOwner::parse(choice).ok()?;
    let known = match &owner {
        StepOwner::YoungPerson => true,
        StepOwner::Network(id) => members
            .iter()
            .any(|m| m.id.to_string() == *id && m.active_to.is_none()),
        StepOwner::Staff(id) => course.processor_id.to_string() == *id,
    };
    known.then_some(owner)
}

fn goal_choices(tr: &Translator, goals: &[GoalRecord], current: &str) -> Vec<Choice> {
    let mut options = vec![(String::new(), tr.t("step-goal-none"))];
    options.extend(goals.iter().map(|g| {
        let words: String = g.details.own_words.as_str().chars().take(60).collect();
        (g.id.to_string(), words)
    }));
    Choice::list(options, current)
}

async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: StepForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let (header, entry) = load(state, ctx, &tr, "/steps")?;
    let (org, id) = (entry.organization_id, entry.id);
    let steps = state.store().steps_of(org, id).await?;
    let members = state.store().network_of(org, id).await?;
    let goals = state.store().goals_of(org, id).await?;
    audit_read(state, ctx, "steps").await?;
    let today = state.today();
    let young = entry.details.young_person_name.as_str();
    let card = |step: &StepRecord| StepCard {
        id: step.id.to_string(),
        description: step.description.clone(),
        due: show_opt(&tr, step.due_date),
        status: word(&tr, "kw-step", step.status.as_str()),
        statuses: keyword_choices(
            &tr,
            "kw-step",
            StepStatus::ALL.iter().map(|s| s.as_str()),
            step.status.as_str(),
        ),
        overdue: step.is_overdue(today),
    };
    let columns = steps_by_owner(&steps, young)
        .into_iter()
        .map(|(owner, steps)| Column {
            owner: owner.to_owned(),
            steps: steps.into_iter().map(card).collect(),
        })
        .collect();
    let page = StepsPage {
        columns,
        owners: owner_choices(&tr, &entry, &members, &form.owner),
        goals: goal_choices(&tr, &goals, &form.goal),
        form,
        errors,
        header,
        chrome,
    };
    render(status, &page)
}

pub(super) async fn show_steps(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    page(
        &state,
        chrome,
        &ctx,
        StepForm::default(),
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub(super) async fn create_step(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let course = ctx.course()?.clone();
    let (org, id) = (course.organization_id, course.id);
    let entry = ctx.course_record()?;
    let members = state.store().network_of(org, id).await?;
    let goals = state.store().goals_of(org, id).await?;
    let mut errors = FormErrors::new();
    let description = PlainText::parse(&form.description, MAX_STEP_CHARS)
        .map_err(|_| errors.add("description", tr.t("step-error-description")))
        .ok();
    let owner = parse_owner(&form.owner, &entry, &members);
    if owner.is_none() {
        errors.add("owner", tr.t("course-error-owner-required"));
    }
    let goal = if form.goal.is_empty() {
        None
    } else {
        let found = goals
            .iter()
            .find(|g| g.id.to_string() == form.goal)
            .map(|g| g.id);
        if found.is_none() {
            errors.add("goal", tr.t("course-error-choose"));
        }
        found
    };
    let due_date = optional_date(&tr, &mut errors, "due_date", &form.due_date);
    let (Some(description), Some(owner), true) = (description, owner, errors.is_empty()) else {
        return page(
            &state,
            chrome,
            &ctx,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let step = NewStep {
        description,
        owner,
        goal_id: goal,
        due_date,
        meeting_id: None,
    };
    let mut tx = state.store().begin().await?;
    let step_id = tx.insert_step(org, id, &step, state.now()).await?;
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "step.create",
            kind: "step",
            object_id: Some(step_id.to_string()),
            purpose: "steps",
        },
        &format!("/courses/{id}/steps"),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(super) struct StatusForm {
    #[serde(default)]
    status: String,
}

pub(super) async fn set_step_status(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, step_id)): Path<(String, String)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let course = ctx.course()?.clone();
    let step = path_id::<Step>(&step_id)?;
    let Ok(status) = StepStatus::parse(&form.status) else {
        // Only a forged form sends another word: nothing changes.
        return Ok(Redirect::to(&format!("/courses/{}/steps", course.id)).into_response());
    };
    let mut tx = state.store().begin().await?;
    if !tx
        .set_step_status(
            course.organization_id,
            course.id,
            step,
            status,
            state.today(),
        )
        .await?
    {
        return Err(AppError::NotFound);
    }
    commit_and_redirect(
        &state,
        &ctx,
        tx,
        Change {
            action: "step.update",
            kind: "step",
            object_id: Some(step.to_string()),
            purpose: "steps",
        },
        &format!("/courses/{}/steps", course.id),
    )
    .await
}
