//! Look back before looking forward (practice 2): every four to six weeks the team reconstructs
//! two or three closed courses, episode by episode, labelling each with its co-production phase
//! and the level planned and reached (done *to*, *for*, *with* or *by* the young person and
//! network). The page shows each review's timeline and, over all of them, the phases actually
//! practised. A course's name is shown only to those who may list that course; everyone else
//! sees "a closed course" (a manager without course reading picks one by its closing day and
//! processor).

use askama::Template;
use axum::extract::{Path, RawQuery};
use std::collections::HashSet;

use axum::response::Response;
use tandem_app::practices::retrospectives::{self, ClosedCourse, RetrospectiveRecord};
use tandem_domain::Id;
use tandem_domain::policy::{Action, Course, Decision, Resource, authorize};
use tandem_domain::practice::MAX_TEXT_CHARS;
use tandem_domain::practice::reflection::{Episode, Level, Phase, Retrospective, phases_practised};
use time::Date;

use super::{PageForms, TeamHeader, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{path_id, see_other, show_date};
use crate::page::Page;
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

fn level_name(tr: &Translator, level: Level) -> String {
    tr.t(&format!("level-{}", level.as_str()))
}

/// A review as the page shows it: the course named only when the caller may list it.
fn review_view(
    tr: &Translator,
    review: &RetrospectiveRecord,
    closed: &[ClosedCourse],
    listable: &HashSet<Id<Course>>,
) -> ReviewView {
    let named = closed.iter().find(|c| c.id == review.course_id);
    let (course, href) = match named {
        Some(c) if listable.contains(&c.id) => (
            c.young_person_name.clone(),
            Some(format!("/courses/{}", c.id)),
        ),
        _ => (tr.t("retrospective-course-hidden"), None),
    };
    ReviewView {
        id: review.id.to_string(),
        course,
        href,
        date: show_date(tr, review.held_on),
        episodes: review
            .episodes
            .iter()
            .map(|e| EpisodeRow {
                date: show_date(tr, e.happened_on),
                description: e.description.as_str().to_owned(),
                phase: tr.t(&format!("phase-{}", e.phase.as_str())),
                planned: level_name(tr, e.planned),
                actual: level_name(tr, e.actual),
                below_plan: e.actual.rung() < e.planned.rung(),
            })
            .collect(),
    }
}

/// The closed courses the manager picks among: the young person's name only where the caller
/// may list the course, otherwise the closing day and processor say which.
fn course_choices(
    tr: &Translator,
    closed: &[ClosedCourse],
    listable: &HashSet<Id<Course>>,
) -> Vec<(String, String)> {
    let mut courses = vec![(String::new(), tr.t("retrospective-course-choose"))];
    for c in closed {
        let when = c.closed_on.map(|d| show_date(tr, d)).unwrap_or_default();
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
    courses
}

/// The retrospectives page with `forms` (422 after errors).
async fn retrospectives_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let actor = ctx.actor(state.now());
    let found = retrospectives::show(state.app(), &actor, team_ref(ctx)?).await?;
    let may_list = |access| {
        authorize(
            &ctx.principal,
            Action::ListCourse,
            &Resource::Course(access),
        ) == Decision::Allow
    };
    let listable: HashSet<Id<Course>> = found
        .closed
        .iter()
        .filter(|(_, access)| access.clone().is_some_and(may_list))
        .map(|(c, _)| c.id)
        .collect();
    let closed: Vec<ClosedCourse> = found.closed.into_iter().map(|(c, _)| c).collect();
    let all: Vec<Episode> = found
        .reviews
        .iter()
        .flat_map(|r| r.episodes.iter().cloned())
        .collect();
    let courses = if team.may_run {
        course_choices(&tr, &closed, &listable)
    } else {
        vec![(String::new(), tr.t("retrospective-course-choose"))]
    };
    for field in ["held_on", "happened_on"] {
        forms.default_value(field, state.today().to_string());
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
        reviews: found
            .reviews
            .iter()
            .map(|r| review_view(&tr, r, &closed, &listable))
            .collect(),
        courses: Choice::list(courses, &forms.value("course")),
        phase_choices: keyword_choices(
            &tr,
            "phase",
            Phase::ALL.iter().map(|p| p.as_str()),
            &forms.value("phase"),
        ),
        level_choices: keyword_choices(&tr, "level", Level::ALL.iter().map(|l| l.as_str()), ""),
        notice: forms.notice(),
        forms,
        team,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The team's retrospectives.
pub(super) async fn show_retrospectives(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    retrospectives_page(&state, chrome, &ctx, forms).await
}

/// The retrospective as typed: the closed course and the day, or `None` with the problems.
fn parse_retrospective(tr: &Translator, forms: &mut PageForms) -> Option<(Id<Course>, Date)> {
    let held_on = forms.date(tr, "held_on", true);
    // Only a closed course of the team is accepted (the action says when it is not one).
    let course = Id::<Course>::parse(&forms.value("course")).ok();
    if course.is_none() {
        forms
            .errors
            .add("course", tr.t("retrospective-error-course"));
    }
    Some((course?, held_on?))
}

/// Opens a retrospective of a closed course (the manager).
pub(super) async fn create_retrospective(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(what) = parse_retrospective(&chrome.tr, &mut forms) else {
        return retrospectives_page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let Some(id) = retrospectives::open(state.app(), &actor, team, what).await? else {
        forms
            .errors
            .add("course", chrome.tr.t("retrospective-error-course"));
        return retrospectives_page(&state, chrome, &ctx, forms).await;
    };
    let to = format!(
        "/teams/{}/retrospectives?saved=retrospective#review-{id}",
        team.id
    );
    see_other(&to)
}

/// The episode as typed, or `None` with the field problems recorded in `forms`.
fn parse_episode(tr: &Translator, forms: &mut PageForms) -> Option<Episode> {
    let happened_on = forms.date(tr, "happened_on", true);
    let description = forms.text(tr, "description", MAX_TEXT_CHARS, false);
    let phase = Phase::parse(&forms.value("phase"))
        .map_err(|_| forms.errors.add("phase", tr.t("retrospective-error-phase")))
        .ok();
    let mut level = |field: &'static str| {
        Level::parse(&forms.value(field))
            .map_err(|_| forms.errors.add(field, tr.t("retrospective-error-level")))
            .ok()
    };
    let (planned, actual) = (level("planned"), level("actual"));
    Some(Episode {
        happened_on: happened_on?,
        description: description?,
        phase: phase?,
        planned: planned?,
        actual: actual?,
    })
}

/// Adds an episode to a retrospective (the manager).
pub(super) async fn add_episode(
    Page { state, chrome, ctx }: Page,
    Path((_, review_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Retrospective> = path_id(&review_id)?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(episode) = parse_episode(&chrome.tr, &mut forms) else {
        return retrospectives_page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    retrospectives::add_episode(state.app(), &actor, team, id, &episode).await?;
    let to = format!(
        "/teams/{}/retrospectives?saved=episode#review-{id}",
        team.id
    );
    see_other(&to)
}
