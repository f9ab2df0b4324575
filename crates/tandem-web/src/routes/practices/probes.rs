//! The probe register (practice 3, "Small bets"): the manager sanctions a bounded, safe-to-fail
//! probe with its success and failure signals written down *before* it starts, links the
//! stories that prompted it, and at review records amplify, dampen or stop with the rationale.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::response::Response;
use tandem_app::practices::probe_charts;
use tandem_app::practices::probes::{self, Decide, ProbeRecord, SanctionOutcome, SanctionProbe};
use tandem_app::practices::team::{self, Story};
use tandem_domain::Id;
use tandem_domain::policy::Course;
use tandem_domain::practice::measures::{CourseMeasure, Period};
use tandem_domain::practice::{
    Huddle, MAX_LINE_CHARS, MAX_TEXT_CHARS, Probe, ProbeDecision, ProbeDetails,
};
use tandem_domain::story::mark::Mark;

use super::outcomes::{OutcomeForm, outcome_form};
use super::probe_charts::{ChartView, chart_view, definitions, measure_choices, period_of};
use super::probe_marks::{intent_view, mark_choices};
use super::{PageForms, StoryLink, TeamHeader, story_ids, story_links, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, add_problem, choose_message, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{pairs, path_id, see_other, show_date};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::routes::stories::patterns::marks::ShareView;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "practices/probe_new.html")]
struct NewProbePage {
    chrome: Chrome,
    team: TeamHeader,
    forms: PageForms,
    owners: Vec<Choice>,
    success_measures: Vec<Choice>,
    failure_measures: Vec<Choice>,
    /// Every course measure with its definition.
    definitions: Vec<(String, String)>,
    stories: Vec<StoryLink>,
    /// The team's marked regions, one of which may be the probe's intent.
    marks: Vec<Choice>,
    /// The team's open courses to scope the measures to, as (field, young person, ticked);
    /// `None` where managers do not read courses.
    courses: Option<Vec<(String, String, bool)>>,
}

/// The new-probe page with `forms` and the team's stories among `stories` (422 after errors).
async fn new_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    mut forms: PageForms,
    stories: &[Id<Story>],
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let team_ref = team_ref(ctx)?;
    let linked = team::stories(state.app(), team_ref, stories).await?;
    let members = team::members(state.app(), team_ref).await?;
    let tr = chrome.tr.clone();
    let marks = mark_choices(state, &tr, team_ref, &forms.value("mark")).await?;
    // A probe started from a mark is named after it until the manager names it.
    if let Some(chosen) = marks.iter().find(|c| c.selected && !c.value.is_empty()) {
        let title: String = chosen.label.chars().take(MAX_LINE_CHARS).collect();
        forms.default_value("title", title);
    }
    let actor = ctx.actor(state.now());
    let courses = team::courses_to_choose(state.app(), &actor, team_ref)
        .await?
        .map(|courses| {
            courses
                .into_iter()
                .map(|(id, name)| {
                    let field = format!("course_{id}");
                    let ticked = forms.value(&field) == "on";
                    (field, name, ticked)
                })
                .collect()
        });
    let page = NewProbePage {
        marks,
        courses,
        owners: Choice::list(
            members.iter().map(|m| (m.id.to_string(), m.name.clone())),
            &forms.value("owner"),
        ),
        success_measures: measure_choices(&tr, &forms.value("success_measure")),
        failure_measures: measure_choices(&tr, &forms.value("failure_measure")),
        definitions: definitions(&tr),
        stories: story_links(state, ctx, &tr, &linked).await?,
        team,
        forms,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The form for a new probe (from a huddle and its stories when the query names them).
pub(super) async fn new_probe_form(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let pairs = pairs(query.as_deref());
    let forms = new_probe_values(&pairs, state.today(), &ctx)?;
    new_page(&state, chrome, &ctx, forms, &story_ids(&pairs)).await
}

/// A new probe's first values: it starts today, is reviewed in four weeks, is run by the
/// caller, and comes from the huddle the query names.
fn new_probe_values(
    pairs: &[(String, String)],
    today: time::Date,
    ctx: &RequestContext,
) -> Result<PageForms, AppError> {
    let mut forms = PageForms::default();
    forms.default_value("starts_on", today.to_string());
    let review = today + time::Duration::days(28);
    forms.default_value("review_on", review.to_string());
    if let Some((_, huddle)) = pairs.iter().find(|(n, _)| n == "huddle")
        && Id::<Huddle>::parse(huddle).is_ok()
    {
        forms.default_value("huddle", huddle.clone());
    }
    if let Some((_, mark)) = pairs.iter().find(|(n, _)| n == "mark")
        && Id::<Mark>::parse(mark).is_ok()
    {
        forms.default_value("mark", mark.clone());
    }
    forms.default_value("owner", ctx.staff()?.user_id.to_string());
    Ok(forms)
}

/// The probe as typed, or `None` with the field problems recorded in `forms`.
fn parse_probe(
    tr: &Translator,
    forms: &mut PageForms,
    stories: Vec<Id<Story>>,
) -> Option<SanctionProbe> {
    let title = forms.text(tr, "title", MAX_LINE_CHARS, true);
    let hypothesis = forms.text(tr, "hypothesis", MAX_TEXT_CHARS, false);
    let success = forms.text(tr, "success_signal", MAX_LINE_CHARS, true);
    let failure = forms.text(tr, "failure_signal", MAX_LINE_CHARS, true);
    let starts_on = forms.date(tr, "starts_on", true);
    let review_on = forms.date(tr, "review_on", true);
    let mut measure = |field: &'static str, label: &str| match forms.value(field).as_str() {
        "" => Some(None),
        word => CourseMeasure::parse(word)
            .map_err(|_| forms.errors.add(field, choose_message(tr, label)))
            .ok()
            .map(Some),
    };
    let success_measure = measure("success_measure", "probe-success-measure");
    let failure_measure = measure("failure_measure", "probe-failure-measure");
    let owner = Id::parse(&forms.value("owner")).ok();
    if owner.is_none() {
        forms.errors.add("owner", tr.t("huddle-error-owner"));
    }
    let details = ProbeDetails {
        title: title?,
        hypothesis: hypothesis?,
        success_signal: success?,
        failure_signal: failure?,
        success_measure: success_measure?,
        failure_measure: failure_measure?,
        starts_on: starts_on?,
        review_on: review_on?,
    };
    let owner = owner?;
    for problem in details.problems() {
        add_problem(tr, &mut forms.errors, problem);
    }
    let huddle = Id::<Huddle>::parse(&forms.value("huddle")).ok();
    // The courses ticked (`course_<id>` = on); the store keeps only the team's.
    let mut courses: Vec<Id<Course>> = forms
        .values
        .iter()
        .filter(|(_, v)| v.as_str() == "on")
        .filter_map(|(k, _)| Id::parse(k.strip_prefix("course_")?).ok())
        .collect();
    courses.sort_by_key(ToString::to_string);
    let mark = match forms.value("mark").as_str() {
        "" => None,
        typed => {
            let mark = Id::<Mark>::parse(typed).ok();
            if mark.is_none() {
                forms.errors.add("mark", tr.t("probe-error-mark"));
            }
            mark
        }
    };
    forms.errors.is_empty().then_some(SanctionProbe {
        details,
        owner,
        huddle,
        mark,
        stories,
        courses,
    })
}

/// Sanctions a probe and opens its page.
pub(super) async fn create_probe(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (stories, mut forms) = (story_ids(&pairs), PageForms::from_pairs(&pairs));
    let Some(command) = parse_probe(&chrome.tr, &mut forms, stories.clone()) else {
        return new_page(&state, chrome, &ctx, forms, &stories).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let id = match probes::sanction(state.app(), &actor, team, &command).await? {
        SanctionOutcome::Sanctioned(id) => id,
        SanctionOutcome::OwnerNotInTeam => {
            forms.errors.add("owner", chrome.tr.t("huddle-error-owner"));
            return new_page(&state, chrome, &ctx, forms, &stories).await;
        }
        SanctionOutcome::MarkNotTeams => {
            forms.errors.add("mark", chrome.tr.t("probe-error-mark"));
            return new_page(&state, chrome, &ctx, forms, &stories).await;
        }
    };
    see_other(&format!("/teams/{}/probes/{id}", team.id))
}

#[derive(Template)]
#[template(path = "practices/probe.html")]
struct ProbePage {
    chrome: Chrome,
    team: TeamHeader,
    probe_id: String,
    title: String,
    /// (label, value) pairs: hypothesis, signals, owner, dates, status.
    facts: Vec<(String, String)>,
    due: bool,
    stopped: bool,
    /// (date, decision, rationale)
    decisions: Vec<(String, String, String)>,
    stories: Vec<StoryLink>,
    huddle: Option<String>,
    forms: PageForms,
    decision_choices: Vec<Choice>,
    outcome: Option<OutcomeForm>,
    /// What the last change did, when the browser was sent back here.
    notice: Option<String>,
    /// The run charts of the probe's course measures.
    charts: Vec<ChartView>,
    /// Whether the charts are by week (else by month).
    weekly: bool,
    /// The charts' legend: (shape as SVG, words).
    legend: Vec<(String, String)>,
    /// The marked region the probe means to move, with its share month by month, and whether
    /// its heading links to the mark's page (for those who may browse the campaign).
    intent: Option<(ShareView, bool)>,
}

impl ProbePage {
    fn new(
        chrome: Chrome,
        team: TeamHeader,
        (probe, today): (&ProbeRecord, time::Date),
        forms: PageForms,
        (stories, outcome): (Vec<StoryLink>, Option<OutcomeForm>),
        (charts, weekly): (Vec<ChartView>, bool),
    ) -> Self {
        let tr = chrome.tr.clone();
        let d = &probe.details;
        let row = super::board::probe_row(&tr, &team.id, probe, today);
        Self {
            probe_id: probe.id.to_string(),
            title: d.title.as_str().to_owned(),
            facts: vec![
                (tr.t("probe-hypothesis"), d.hypothesis.as_str().to_owned()),
                (tr.t("probe-success"), d.success_signal.as_str().to_owned()),
                (tr.t("probe-failure"), d.failure_signal.as_str().to_owned()),
                (tr.t("probe-owner"), probe.owner_name.clone()),
                (
                    tr.t("probe-scope"),
                    if probe.courses.is_empty() {
                        tr.t("probe-scope-team")
                    } else {
                        tr.t_num("probe-scope-chosen", "count", probe.courses.len() as i64)
                    },
                ),
                (tr.t("probe-starts"), show_date(&tr, d.starts_on)),
                (tr.t("probe-review"), show_date(&tr, d.review_on)),
                (tr.t("probe-status"), row.status),
            ],
            due: probe.review_due(today),
            stopped: probe.stopped,
            decisions: probe
                .decisions
                .iter()
                .map(|x| {
                    (
                        show_date(&tr, x.decided_on),
                        tr.t(&format!("probe-decision-{}", x.decision.as_str())),
                        x.rationale.as_str().to_owned(),
                    )
                })
                .collect(),
            stories,
            huddle: probe
                .huddle_id
                .map(|h| format!("/teams/{}/huddles/{h}", team.id)),
            decision_choices: keyword_choices(
                &tr,
                "probe-decision",
                ProbeDecision::ALL.iter().map(|x| x.as_str()),
                &forms.value("decision"),
            ),
            outcome,
            notice: forms.notice(),
            charts,
            weekly,
            legend: super::probe_charts::legend(
                &tr,
                if weekly { Period::Week } else { Period::Month },
            ),
            intent: None,
            forms,
            team,
            chrome,
        }
    }
}

/// Renders a probe's page with the forms' state (422 after errors).
pub(super) async fn probe_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    (id, period): (Id<Probe>, Period),
    mut forms: PageForms,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let actor = ctx.actor(state.now());
    let (probe, linked) = probes::show(state.app(), &actor, team_ref(ctx)?, id).await?;
    let today = state.today();
    let charts = probe_charts::charts(state.app(), team_ref(ctx)?, &probe, period, today)
        .await?
        .iter()
        .map(|c| chart_view(&chrome.tr, c, period))
        .collect();
    forms.default_value("decided_on", today.to_string());
    let outcome = if team.may_run {
        let source = ("probe", id.to_string());
        Some(outcome_form(state, ctx, &linked, &forms, source).await?)
    } else {
        None
    };
    let stories = story_links(state, ctx, &chrome.tr, &linked).await?;
    let intent = match probe.mark_id {
        Some(mark) => intent_view(state, ctx, &chrome.tr, team_ref(ctx)?, mark).await?,
        None => None,
    };
    let mut page = ProbePage::new(
        chrome,
        team,
        (&probe, today),
        forms,
        (stories, outcome),
        (charts, period == Period::Week),
    );
    page.intent = intent;
    render(page.forms.status(), &page)
}

/// A probe's page.
pub(super) async fn show_probe(
    Page { state, chrome, ctx }: Page,
    Path((_, probe_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let id = path_id(&probe_id)?;
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    let period = period_of(&pairs(query.as_deref()));
    probe_page(&state, chrome, &ctx, (id, period), forms).await
}

/// The decision as typed, or `None` with the field problems recorded in `forms`.
fn parse_decision(tr: &Translator, forms: &mut PageForms) -> Option<Decide> {
    let decision = ProbeDecision::parse(&forms.value("decision"))
        .map_err(|_| forms.errors.add("decision", tr.t("probe-error-decision")))
        .ok();
    let rationale = forms.text(tr, "rationale", MAX_TEXT_CHARS, false);
    let decided_on = forms.date(tr, "decided_on", true);
    let next_review = forms.date(tr, "next_review", false);
    Some(Decide {
        decision: decision?,
        rationale: rationale?,
        decided_on: decided_on?,
        next_review,
    })
}

/// Records a decision at review.
pub(super) async fn decide_probe(
    Page { state, chrome, ctx }: Page,
    Path((_, probe_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Probe> = path_id(&probe_id)?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(command) = parse_decision(&chrome.tr, &mut forms) else {
        return probe_page(&state, chrome, &ctx, (id, Period::Month), forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    if !probes::decide(state.app(), &actor, team, id, &command).await? {
        forms
            .errors
            .add("next_review", chrome.tr.t("probe-error-closed"));
        return probe_page(&state, chrome, &ctx, (id, Period::Month), forms).await;
    }
    see_other(&format!("/teams/{}/probes/{id}?saved=decision", team.id))
}
