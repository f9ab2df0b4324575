//! Goals in the young person's own words, and each goal's progress over time.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::goals::{self, GoalProgress, GoalRecord};
use tandem_app::ratings::young_persons_totals;
use tandem_domain::course::kinds::{GoalStatus, LifeArea};
use tandem_domain::course::work::{GoalDetails, MAX_GOAL_CHARS};
use tandem_domain::deadlines::age_on;
use tandem_domain::instrument::classify;

use super::chart::{Chart, Line, build};
use super::shared::{CourseHeader, load};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{
    Choice, Form, FormErrors, keyword_choices, optional_date, optional_text, required_line,
    required_text,
};

/// The longest name of whoever worded a goal.
const MAX_AUTHOR_CHARS: usize = 120;
/// The longest description of a scale's end ("what 0 looks like").
const MAX_ANCHOR_CHARS: usize = 300;
use crate::i18n::Translator;
use crate::kit::{path_id, see_other, show_date, show_opt, word};
use crate::local_time::copenhagen_date;
use crate::numbers::tenths;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct GoalRow {
    id: String,
    own_words: String,
    author: String,
    restatement: Option<String>,
    area: String,
    status: String,
    statuses: Vec<Choice>,
    target: String,
}

#[derive(Template)]
#[template(path = "courses/goals.html")]
struct GoalsPage {
    chrome: Chrome,
    header: CourseHeader,
    goals: Vec<GoalRow>,
    form: GoalForm,
    errors: FormErrors,
    areas: Vec<Choice>,
}

/// The goal form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct GoalForm {
    own_words: String,
    author: String,
    restatement: String,
    life_area: String,
    anchor_low: String,
    anchor_high: String,
    target_date: String,
}

impl GoalForm {
    /// An empty form for a new goal (school is the most common life area).
    fn new_goal() -> Self {
        Self {
            life_area: "school".into(),
            ..Self::default()
        }
    }

    fn parse(&self, tr: &Translator) -> Result<GoalDetails, FormErrors> {
        let mut errors = FormErrors::new();
        let own_words = required_text(
            &mut errors,
            tr,
            ("own_words", &self.own_words),
            MAX_GOAL_CHARS,
            "goal-error-own-words",
        );
        let author = required_line(
            &mut errors,
            tr,
            ("author", &self.author),
            MAX_AUTHOR_CHARS,
            "goal-error-author",
        );
        let restatement = optional_text(
            &mut errors,
            tr,
            ("restatement", &self.restatement),
            MAX_GOAL_CHARS,
        );
        let anchor_low = optional_text(
            &mut errors,
            tr,
            ("anchor_low", &self.anchor_low),
            MAX_ANCHOR_CHARS,
        );
        let anchor_high = optional_text(
            &mut errors,
            tr,
            ("anchor_high", &self.anchor_high),
            MAX_ANCHOR_CHARS,
        );
        let life_area = LifeArea::parse(&self.life_area)
            .map_err(|_| errors.add("life_area", tr.t("course-error-choose")))
            .ok();
        let target_date = optional_date(tr, &mut errors, "target_date", &self.target_date);
        match (own_words, author, life_area, errors.is_empty()) {
            (Some(own_words), Some(author), Some(life_area), true) => Ok(GoalDetails {
                own_words,
                author,
                restatement,
                life_area,
                anchor_low,
                anchor_high,
                target_date,
            }),
            _ => Err(errors),
        }
    }
}

fn goal_row(tr: &Translator, g: &GoalRecord) -> GoalRow {
    GoalRow {
        id: g.id.to_string(),
        own_words: g.details.own_words.as_str().to_owned(),
        author: g.details.author.as_str().to_owned(),
        restatement: g
            .details
            .restatement
            .as_ref()
            .map(|t| t.as_str().to_owned()),
        area: word(tr, "kw-area", g.details.life_area.as_str()),
        status: word(tr, "kw-goal", g.status.as_str()),
        statuses: keyword_choices(
            tr,
            "kw-goal",
            GoalStatus::ALL.iter().map(|s| s.as_str()),
            g.status.as_str(),
        ),
        target: show_opt(tr, g.details.target_date),
    }
}

impl GoalsPage {
    fn new(
        chrome: Chrome,
        header: CourseHeader,
        young_person: &str,
        goals: &[GoalRecord],
        form: GoalForm,
        errors: FormErrors,
    ) -> Self {
        let tr = &chrome.tr;
        Self {
            goals: goals.iter().map(|g| goal_row(tr, g)).collect(),
            areas: keyword_choices(
                tr,
                "kw-area",
                LifeArea::ALL.iter().map(|a| a.as_str()),
                &form.life_area,
            ),
            form: GoalForm {
                // The young person is the author unless the form says otherwise.
                author: if form.author.is_empty() && errors.is_empty() {
                    young_person.to_owned()
                } else {
                    form.author.clone()
                },
                ..form
            },
            errors,
            header,
            chrome,
        }
    }
}

/// The goals page with `form` as typed (and its errors, if refused).
async fn goals_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: GoalForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (header, course) = load(state, ctx, &chrome.tr, "/goals")?;
    let actor = ctx.actor(state.now());
    let goals = goals::list(state.app(), &actor, ctx.course_ref()?, "goals").await?;
    let name = course.details.young_person_name.as_str();
    let status = errors.status();
    render(
        status,
        &GoalsPage::new(chrome, header, name, &goals, form, errors),
    )
}

pub(super) async fn show_goals(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let form = GoalForm::new_goal();
    goals_page(&state, chrome, &ctx, form, FormErrors::new()).await
}

pub(super) async fn create_goal(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<GoalForm>,
) -> Result<Response, AppError> {
    let goal = match form.parse(&chrome.tr) {
        Ok(goal) => goal,
        Err(errors) => return goals_page(&state, chrome, &ctx, form, errors).await,
    };
    let (actor, course) = (ctx.actor(state.now()), ctx.course_ref()?);
    let id = goals::create(state.app(), &actor, course, &goal, "goals").await?;
    see_other(&format!("/courses/{}/goals/{id}", course.id))
}

#[derive(Debug, Deserialize)]
pub(super) struct StatusForm {
    #[serde(default)]
    status: String,
}

/// Changes a goal's status; only a forged form sends another word, and nothing changes.
pub(super) async fn set_goal_status(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, goal_id)): Path<(String, String)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let (actor, course) = (ctx.actor(state.now()), ctx.course_ref()?);
    if let Ok(status) = GoalStatus::parse(&form.status) {
        goals::set_status(state.app(), &actor, course, path_id(&goal_id)?, status).await?;
    }
    see_other(&format!("/courses/{}/goals", course.id))
}

struct RatingRow {
    date: String,
    rater: String,
    value: String,
    comment: String,
}

struct ChangeRow {
    rater: String,
    first: String,
    last: String,
    classification: String,
}

#[derive(Template)]
#[template(path = "courses/goal.html")]
struct GoalPage {
    chrome: Chrome,
    header: CourseHeader,
    goal: GoalRow,
    anchor_low: String,
    anchor_high: String,
    chart: Option<Chart>,
    ratings: Vec<RatingRow>,
    changes: Vec<ChangeRow>,
    summary: String,
    norm_note: String,
}

pub(super) async fn show_goal(
    Page { state, chrome, ctx }: Page,
    Path((_, goal_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (header, course) = load(&state, &ctx, &chrome.tr, "/goals")?;
    let actor = ctx.actor(state.now());
    let progress =
        goals::progress(state.app(), &actor, ctx.course_ref()?, path_id(&goal_id)?).await?;
    let age = age_on(course.details.birth_date, state.today());
    render(
        StatusCode::OK,
        &GoalPage::new(chrome, header, &progress, age),
    )
}

impl GoalPage {
    /// The goal's page: its revealed ratings by rater, each rater's change judged against the
    /// goal scale's norms for the young person's `age`.
    fn new(chrome: Chrome, header: CourseHeader, progress: &GoalProgress, age: i32) -> Self {
        let tr = chrome.tr.clone();
        let (goal, goal_id) = (&progress.goal, progress.goal.id);
        let norm = progress.scale.as_ref().and_then(|i| i.norm_for(age));
        let rounds = &progress.rounds;
        let mut revealed: Vec<_> = rounds
            .iter()
            .filter(|r| r.goal_id == Some(goal_id) && r.revealed_at.is_some())
            .filter(|r| {
                progress
                    .scale
                    .as_ref()
                    .is_none_or(|s| s.key == r.instrument_key)
            })
            .collect();
        revealed.sort_by_key(|r| (r.opened_at, r.id.to_string()));
        let mut ratings = Vec::new();
        let mut lines: Vec<Line> = Vec::new();
        for round in &revealed {
            let date = copenhagen_date(round.opened_at);
            for rater in &round.raters {
                let Some(total) = rater.total else { continue };
                ratings.push(RatingRow {
                    date: show_date(&tr, date),
                    rater: format!(
                        "{} ({})",
                        rater.label,
                        word(&tr, "kw-rater", rater.role.as_str())
                    ),
                    value: tenths(&tr, total),
                    comment: rater.comment.clone().unwrap_or_default(),
                });
                match lines.iter_mut().find(|(role, _, _)| *role == rater.role) {
                    Some((_, _, points)) => points.push((date, total)),
                    None => lines.push((
                        rater.role,
                        word(&tr, "kw-rater", rater.role.as_str()),
                        vec![(date, total)],
                    )),
                }
            }
        }
        let changes = lines
            .iter()
            .filter_map(|(_, label, points)| {
                let (first, last) = (points.first()?.1, points.last()?.1);
                Some(ChangeRow {
                    rater: label.clone(),
                    first: tenths(&tr, first),
                    last: tenths(&tr, last),
                    classification: match norm {
                        Some(n) if points.len() > 1 => {
                            word(&tr, "change", classify(first, last, n).as_str())
                        }
                        Some(_) => tr.t("change-one-rating"),
                        None => tr.t("change-no-norms"),
                    },
                })
            })
            .collect::<Vec<_>>();
        // The young person's own change is read from the series the deterioration alert reads.
        let own = progress
            .scale
            .as_ref()
            .map(|s| young_persons_totals(rounds, &s.key, Some(goal_id)))
            .unwrap_or_default();
        let summary = match (own.first(), own.last()) {
            (Some(first), Some(last)) if own.len() > 1 => tr.t_strs(
                "goal-summary",
                &[
                    ("first", &tenths(&tr, first.1)),
                    ("last", &tenths(&tr, last.1)),
                    ("count", &own.len().to_string()),
                ],
            ),
            _ => tr.t("goal-summary-none"),
        };
        let chart = build(&lines, norm, |d| show_date(&tr, d));
        GoalPage {
            anchor_low: goal
                .details
                .anchor_low
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            anchor_high: goal
                .details
                .anchor_high
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            goal: goal_row(&tr, goal),
            chart,
            ratings,
            changes,
            summary,
            norm_note: match norm {
                Some(n) => format!(
                    "{}: {} · {}: {}",
                    tr.t("norm-cut-off"),
                    tenths(&tr, n.cut_off),
                    tr.t("norm-reliable-change"),
                    tenths(&tr, n.reliable_change)
                ),
                None => tr.t("change-no-norms"),
            },
            header,
            chrome,
        }
    }
}
