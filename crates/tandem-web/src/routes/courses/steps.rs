//! Steps, each owned by whoever does it — the young person, someone in the network, or staff —
//! shown as a board grouped by owner.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use tandem_app::courses::CourseRecord;
use tandem_app::network::MemberRecord;
use tandem_app::steps::{self, Board, GoalRecord, NewStep, StepRecord};
use tandem_domain::course::kinds::StepStatus;
use tandem_domain::course::work::{MAX_STEP_CHARS, StepOwner};
use time::Date;

use super::shared::{CourseHeader, load, path_id, show_opt, word};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, FormErrors, keyword_choices, optional_date};
use crate::i18n::Translator;
use crate::kit::see_other;
use crate::page::Page;
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
    steps::owner_in_course(&owner, course, members).then_some(owner)
}

fn goal_choices(tr: &Translator, goals: &[GoalRecord], current: &str) -> Vec<Choice> {
    let mut options = vec![(String::new(), tr.t("step-goal-none"))];
    options.extend(goals.iter().map(|g| {
        let words: String = g.details.own_words.as_str().chars().take(60).collect();
        (g.id.to_string(), words)
    }));
    Choice::list(options, current)
}

impl StepForm {
    /// The new step, checked against the course's network and goals.
    fn parse(
        &self,
        tr: &Translator,
        course: &CourseRecord,
        (members, goals): (&[MemberRecord], &[GoalRecord]),
    ) -> Result<NewStep, FormErrors> {
        let mut errors = FormErrors::new();
        let description = crate::forms::required_text(
            &mut errors,
            tr,
            ("description", &self.description),
            MAX_STEP_CHARS,
            "step-error-description",
        );
        let owner = parse_owner(&self.owner, course, members);
        if owner.is_none() {
            errors.add("owner", tr.t("course-error-owner-required"));
        }
        let goal = if self.goal.is_empty() {
            None
        } else {
            let found = goals
                .iter()
                .find(|g| g.id.to_string() == self.goal)
                .map(|g| g.id);
            if found.is_none() {
                errors.add("goal", tr.t("course-error-choose"));
            }
            found
        };
        let due_date = optional_date(tr, &mut errors, "due_date", &self.due_date);
        match (description, owner, errors.is_empty()) {
            (Some(description), Some(owner), true) => Ok(NewStep {
                description,
                owner,
                goal_id: goal,
                due_date,
                meeting_id: None,
            }),
            _ => Err(errors),
        }
    }
}

fn card(tr: &Translator, step: &StepRecord, today: Date) -> StepCard {
    StepCard {
        id: step.id.to_string(),
        description: step.description.clone(),
        due: show_opt(tr, step.due_date),
        status: word(tr, "kw-step", step.status.as_str()),
        statuses: keyword_choices(
            tr,
            "kw-step",
            StepStatus::ALL.iter().map(|s| s.as_str()),
            step.status.as_str(),
        ),
        overdue: step.is_overdue(today),
    }
}

impl StepsPage {
    fn new(
        chrome: Chrome,
        (header, course): (CourseHeader, &CourseRecord),
        board: &Board,
        form: StepForm,
        errors: FormErrors,
        today: Date,
    ) -> Self {
        let tr = &chrome.tr;
        let young = course.details.young_person_name.as_str();
        let columns = steps::by_owner(&board.steps, young)
            .into_iter()
            .map(|(owner, steps)| Column {
                owner: owner.to_owned(),
                steps: steps.into_iter().map(|s| card(tr, s, today)).collect(),
            })
            .collect();
        Self {
            columns,
            owners: owner_choices(tr, course, &board.members, &form.owner),
            goals: goal_choices(tr, &board.goals, &form.goal),
            form,
            errors,
            header,
            chrome,
        }
    }
}

/// The step board with `form` as typed (and its errors, if refused).
async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: StepForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (header, course) = load(state, ctx, &chrome.tr, "/steps")?;
    let actor = ctx.actor(state.now());
    let board = steps::board(state.app(), &actor, ctx.course_ref()?).await?;
    let status = errors.status();
    let page = StepsPage::new(
        chrome,
        (header, &course),
        &board,
        form,
        errors,
        state.today(),
    );
    render(status, &page)
}

pub(super) async fn show_steps(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    page(&state, chrome, &ctx, StepForm::default(), FormErrors::new()).await
}

pub(super) async fn create_step(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    let course = ctx.course_ref()?;
    let (members, goals) = steps::choices(state.app(), course).await?;
    let entry = ctx.course_record()?;
    let step = match form.parse(&chrome.tr, &entry, (&members, &goals)) {
        Ok(step) => step,
        Err(errors) => return page(&state, chrome, &ctx, form, errors).await,
    };
    let actor = ctx.actor(state.now());
    steps::create(state.app(), &actor, course, &step, "steps").await?;
    see_other(&format!("/courses/{}/steps", course.id))
}

#[derive(Debug, Deserialize)]
pub(super) struct StatusForm {
    #[serde(default)]
    status: String,
}

/// Changes a step's status; only a forged form sends another word, and nothing changes.
pub(super) async fn set_step_status(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, step_id)): Path<(String, String)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let (course, step) = (ctx.course_ref()?, path_id(&step_id)?);
    if let Ok(status) = StepStatus::parse(&form.status) {
        steps::set_status(state.app(), &ctx.actor(state.now()), course, step, status).await?;
    }
    see_other(&format!("/courses/{}/steps", course.id))
}
