//! Look back before looking forward (practice 2): every four to six weeks the team reconstructs
//! two or three closed courses, episode by episode, labelling each with its co-production phase
//! and the level planned and reached (done *to*, *for*, *with* or *by* the young person and
//! network). The page shows each review's timeline and, over all of them, the phases actually
//! practised. A course's name is shown only to those who may list that course; everyone else
//! sees "a closed course" (a manager without course reading picks one by its closing day and
//! processor).

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_domain::Id;
use tandem_domain::policy::{Action, Course, Decision, Resource, authorize};
use tandem_domain::practice::MAX_TEXT_CHARS;
use tandem_domain::practice::reflection::{Episode, Level, Phase, Retrospective, phases_practised};

use super::{PageForms, TeamHeader, audit_read, team_header};
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{path_id, show_date};
use crate::page::{Chrome, render};
use crate::state::AppState;

/// An episode as the timeline shows it.
pub(crate) struct EpisodeRow {
    pub(crate) date: String,
    pub(crate) description: String,
    pub(crate) phase: String,
    pub(crate) planned: String,
    pub(crate) actual: String,
    pub(crate) below_plan: bool,
}

/// A review as the page shows it.
pub(crate) struct ReviewView {
    pub(crate) id: String,
    /// The young person's name with a link, or "a closed course".
    pub(crate) course: String,
    pub(crate) href: Option<String>,
    pub(crate) date: String,
    pub(crate) episodes: Vec<EpisodeRow>,
}

/// A phase's row in "phases practised".
pub(crate) struct PhaseRow {
    pub(crate) phase: String,
    pub(crate) episodes: usize,
    pub(crate) together: usize,
    pub(crate) below_plan: usize,
}

#[derive(Template)]
#[template(path = "practices/retrospectives.html")]
struct RetrospectivesPage {
    chrome: Chrome,
    team: TeamHeader,
    phases: Vec<PhaseRow>,
    reviews: Vec<ReviewView>,
    courses: Vec<Choice>,
    phase_choices: Vec<Choice>,
    level_choices: Vec<Choice>,
    forms: PageForms,
    notice: Option<String>,
}

/// Whether the caller may list `course` (and so see its name).
async fn may_list(
    state: &AppState,
    ctx: &RequestContext,
    course: Id<Course>,
) -> Result<bool, AppError> {
    let org = ctx.staff()?.organization_id;
    Ok(match state.store().course_access(org, course).await? {
        Some(access) => {
            authorize(
                &ctx.principal,
                Action::ListCourse,
                &Resource::Course(access),
            ) == Decision::Allow
        }
        None => false,
    })
}

fn level_name(tr: &Translator, level: Level) -> String {
    tr.t(&format!("level-{}", level.as_str()))
}

async fn retrospectives_page(
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
    let reviews = state.store().retrospectives(org, team_id).await?;
    let closed = state.store().closed_team_courses(org, team_id).await?;
    audit_read(
        state,
        ctx,
        "retrospectives",
        team.id.clone(),
        "retrospectives",
    )
    .await?;
    let all: Vec<Episode> = reviews
        .iter()
        .flat_map(|r| r.episodes.iter().cloned())
        .collect();
    // Whether the caller may list each closed course, asked once per course.
    let mut listable = std::collections::HashSet::new();
    for c in &closed {
        if may_list(state, ctx, c.id).await? {
            listable.insert(c.id);
        }
    }
    let mut views = Vec::with_capacity(reviews.len());
    for review in &reviews {
        let named = closed.iter().find(|c| c.id == review.course_id);
        let (course, href) = match named {
            Some(c) if listable.contains(&c.id) => (
                c.young_person_name.clone(),
                Some(format!("/courses/{}", c.id)),
            ),
            _ => (tr.t("retrospective-course-hidden"), None),
        };
        views.push(ReviewView {
            id: review.id.to_string(),
            course,
            href,
            date: show_date(&tr, review.held_on),
            episodes: review
                .episodes
                .iter()
                .map(|e| EpisodeRow {
                    date: show_date(&tr, e.happened_on),
                    description: e.description.as_str().to_owned(),
                    phase: tr.t(&format!("phase-{}", e.phase.as_str())),
                    planned: level_name(&tr, e.planned),
                    actual: level_name(&tr, e.actual),
                    below_plan: e.actual.rung() < e.planned.rung(),
                })
                .collect(),
        });
    }
    // The manager picks among the team's closed courses; the young person's name is shown only
    // where the manager may list the course, otherwise the closing day and processor say which.
    let mut courses = vec![(String::new(), tr.t("retrospective-course-choose"))];
    if team.may_run {
        for c in &closed {
            let when = c.closed_on.map(|d| show_date(&tr, d)).unwrap_or_default();
            let label = if listable.contains(&c.id) {
                format!("{} ({when})", c.young_person_name)
            } else {
                tr.t_strs(
                    "retrospective-course-unnamed",
                    &[("date", &when), ("processor", &c.processor)],
                )
            };
            courses.push((c.id.to_string(), label));
        }
    }
    for field in ["held_on", "happened_on"] {
        if !forms.values.contains_key(field) {
            forms.values.insert(field.into(), state.today().to_string());
        }
    }
    let page = RetrospectivesPage {
        phases: Phase::ALL
            .iter()
            .zip(phases_practised(&all))
            .map(|(phase, tally)| PhaseRow {
                phase: tr.t(&format!("phase-{}", phase.as_str())),
                episodes: tally.episodes,
                together: tally.together,
                below_plan: tally.below_plan,
            })
            .collect(),
        reviews: views,
        courses: Choice::list(courses, &forms.value("course")),
        phase_choices: keyword_choices(
            &tr,
            "phase",
            Phase::ALL.iter().map(|p| p.as_str()),
            &forms.value("phase"),
        ),
        level_choices: keyword_choices(&tr, "level", Level::ALL.iter().map(|l| l.as_str()), ""),
        notice: forms.values.get("notice").cloned(),
        forms,
        team,
        chrome,
    };
    render(status, &page)
}

/// The team's retrospectives.
pub(super) async fn show_retrospectives(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    retrospectives_page(&state, chrome, &ctx, forms, StatusCode::OK).await
}

/// Opens a retrospective of a closed course (the manager).
pub(super) async fn create_retrospective(
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
    // The store accepts only a closed course of the team.
    let course = Id::<Course>::parse(&forms.value("course")).ok();
    if course.is_none() {
        forms
            .errors
            .add("course", tr.t("retrospective-error-course"));
    }
    if let (Some(held_on), Some(course)) = (held_on, course) {
        let mut tx = state.store().begin().await?;
        if let Some(id) = tx
            .insert_retrospective(
                staff.organization_id,
                team,
                (course, held_on),
                staff.user_id,
                state.now(),
            )
            .await?
        {
            return super::commit_and_redirect(
                &state,
                &ctx,
                tx,
                Entry::allowed(
                    "retrospective.create",
                    "retrospective",
                    Some(id.to_string()),
                    "retrospective",
                ),
                &format!("/teams/{team}/retrospectives?saved=retrospective#review-{id}"),
            )
            .await;
        }
        drop(tx);
        forms
            .errors
            .add("course", tr.t("retrospective-error-course"));
    }
    retrospectives_page(
        &state,
        chrome,
        &ctx,
        forms,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// Adds an episode to a retrospective (the manager).
pub(super) async fn add_episode(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, review_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Retrospective> = path_id(&review_id)?;
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let happened_on = forms.date(&tr, "happened_on", true);
    let description = forms.text(&tr, "description", MAX_TEXT_CHARS, false);
    let phase = Phase::parse(&forms.value("phase"))
        .map_err(|_| forms.errors.add("phase", tr.t("retrospective-error-phase")))
        .ok();
    let planned = Level::parse(&forms.value("planned"))
        .map_err(|_| {
            forms
                .errors
                .add("planned", tr.t("retrospective-error-level"))
        })
        .ok();
    let actual = Level::parse(&forms.value("actual"))
        .map_err(|_| {
            forms
                .errors
                .add("actual", tr.t("retrospective-error-level"))
        })
        .ok();
    let (Some(happened_on), Some(description), Some(phase), Some(planned), Some(actual)) =
        (happened_on, description, phase, planned, actual)
    else {
        return retrospectives_page(
            &state,
            chrome,
            &ctx,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let episode = Episode {
        happened_on,
        description,
        phase,
        planned,
        actual,
    };
    let mut tx = state.store().begin().await?;
    if !tx
        .add_episode(staff.organization_id, team, id, &episode, state.now())
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
            "retrospective.episode",
            "retrospective",
            Some(id.to_string()),
            "retrospective",
        ),
        &format!("/teams/{team}/retrospectives?saved=episode#review-{id}"),
    )
    .await
}
