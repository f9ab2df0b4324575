//! The probe register (practice 3, "Small bets"): the manager sanctions a bounded, safe-to-fail
//! probe with its success and failure signals written down *before* it starts, links the
//! stories that prompted it, and at review records amplify, dampen or stop with the rationale.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_domain::Id;
use tandem_domain::practice::{
    Huddle, MAX_LINE_CHARS, MAX_TEXT_CHARS, Probe, ProbeDecision, ProbeDetails,
};
use tandem_store::practices::probes::NewProbe;
use tandem_store::stories::Story;

use super::outcomes::{OutcomeForm, outcome_form};
use super::{PageForms, StoryLink, TeamHeader, audit_read, story_ids, story_links, team_header};
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, add_problem, keyword_choices};
use crate::kit::pairs;
use crate::kit::{path_id, show_date};
use crate::page::{Chrome, render};
use crate::state::AppState;

/// The text fields of a probe: (field, one line?).
const TEXT_FIELDS: [(&str, bool); 4] = [
    ("title", true),
    ("hypothesis", false),
    ("success_signal", true),
    ("failure_signal", true),
];

#[derive(Template)]
#[template(path = "practices/probe_new.html")]
struct NewProbePage {
    chrome: Chrome,
    team: TeamHeader,
    forms: PageForms,
    owners: Vec<Choice>,
    stories: Vec<StoryLink>,
}

async fn new_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    forms: PageForms,
    stories: &[Id<Story>],
    status: StatusCode,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let org = ctx.staff()?.organization_id;
    let team_id = ctx.team()?;
    let linked = state.store().team_stories(org, team_id, stories).await?;
    let members = state.store().team_members(org, team_id).await?;
    let tr = chrome.tr.clone();
    let page = NewProbePage {
        owners: Choice::list(
            members.iter().map(|m| (m.id.to_string(), m.name.clone())),
            &forms.value("owner"),
        ),
        stories: story_links(state, ctx, &tr, &linked).await?,
        team,
        forms,
        chrome,
    };
    render(status, &page)
}

/// The form for a new probe (from a huddle and its stories when the query names them).
pub(super) async fn new_probe_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let pairs = pairs(query.as_deref());
    let today = state.today();
    let mut forms = PageForms::default();
    forms.values.insert("starts_on".into(), today.to_string());
    forms.values.insert(
        "review_on".into(),
        (today + time::Duration::days(28)).to_string(),
    );
    if let Some((_, huddle)) = pairs.iter().find(|(n, _)| n == "huddle")
        && Id::<Huddle>::parse(huddle).is_ok()
    {
        forms.values.insert("huddle".into(), huddle.to_string());
    }
    forms
        .values
        .insert("owner".into(), ctx.staff()?.user_id.to_string());
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

/// Sanctions a probe and opens its page.
pub(super) async fn create_probe(
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
    let mut texts = Vec::new();
    for (field, single) in TEXT_FIELDS {
        let max = if single {
            MAX_LINE_CHARS
        } else {
            MAX_TEXT_CHARS
        };
        texts.push(forms.text(&tr, field, max, single));
    }
    let starts_on = forms.date(&tr, "starts_on", true);
    let review_on = forms.date(&tr, "review_on", true);
    let owner = Id::parse(&forms.value("owner")).ok();
    if owner.is_none() {
        forms.errors.add("owner", tr.t("huddle-error-owner"));
    }
    let huddle = Id::<Huddle>::parse(&forms.value("huddle")).ok();
    let [title, hypothesis, success, failure]: [Option<_>; 4] =
        texts.try_into().map_err(|_| AppError::NotFound)?;
    if let (
        Some(title),
        Some(hypothesis),
        Some(success_signal),
        Some(failure_signal),
        Some(starts_on),
        Some(review_on),
        Some(owner),
    ) = (
        title, hypothesis, success, failure, starts_on, review_on, owner,
    ) {
        let details = ProbeDetails {
            title,
            hypothesis,
            success_signal,
            failure_signal,
            starts_on,
            review_on,
        };
        for problem in details.problems() {
            add_problem(&tr, &mut forms.errors, problem);
        }
        if forms.errors.is_empty() {
            let linked: Vec<_> = state
                .store()
                .team_stories(staff.organization_id, team, &stories)
                .await?
                .into_iter()
                .map(|s| s.id)
                .collect();
            let mut tx = state.store().begin().await?;
            let id = tx
                .insert_probe(
                    staff.organization_id,
                    team,
                    &NewProbe {
                        details: &details,
                        owner_id: owner,
                        huddle_id: huddle,
                        stories: &linked,
                    },
                    staff.user_id,
                    state.now(),
                )
                .await?;
            if let Some(id) = id {
                return super::commit_and_redirect(
                    &state,
                    &ctx,
                    tx,
                    Entry::allowed("probe.create", "probe", Some(id.to_string()), "new probe"),
                    &format!("/teams/{team}/probes/{id}"),
                )
                .await;
            }
            forms.errors.add("owner", tr.t("huddle-error-owner"));
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
}

/// Renders a probe's page with the forms' state.
pub(super) async fn probe_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    id: Id<Probe>,
    mut forms: PageForms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let team = team_header(state, ctx).await?;
    let org = ctx.staff()?.organization_id;
    let (probe, linked) = state
        .store()
        .probe(org, ctx.team()?, id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit_read(state, ctx, "probe", id.to_string(), "probe").await?;
    let today = state.today();
    let due = probe.review_due(today);
    let d = &probe.details;
    let row = super::board::probe_row(&tr, &team.id, &probe, today);
    if !forms.values.contains_key("decided_on") {
        forms.values.insert("decided_on".into(), today.to_string());
    }
    let outcome = if team.may_run {
        Some(outcome_form(state, ctx, &linked, &forms, ("probe", id.to_string())).await?)
    } else {
        None
    };
    let page = ProbePage {
        probe_id: id.to_string(),
        title: d.title.as_str().to_owned(),
        facts: vec![
            (tr.t("probe-hypothesis"), d.hypothesis.as_str().to_owned()),
            (tr.t("probe-success"), d.success_signal.as_str().to_owned()),
            (tr.t("probe-failure"), d.failure_signal.as_str().to_owned()),
            (tr.t("probe-owner"), probe.owner_name.clone()),
            (tr.t("probe-starts"), show_date(&tr, d.starts_on)),
            (tr.t("probe-review"), show_date(&tr, d.review_on)),
            (tr.t("probe-status"), row.status),
        ],
        due,
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
        stories: story_links(state, ctx, &tr, &linked).await?,
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
        notice: forms.values.get("notice").cloned(),
        forms,
        team,
        chrome,
    };
    render(status, &page)
}

/// A probe's page.
pub(super) async fn show_probe(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, probe_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let id = path_id(&probe_id)?;
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    probe_page(&state, chrome, &ctx, id, forms, StatusCode::OK).await
}

/// Records a decision at review.
pub(super) async fn decide_probe(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, probe_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Probe> = path_id(&probe_id)?;
    let tr = chrome.tr.clone();
    let staff = *ctx.staff()?;
    let team = ctx.team()?;
    let mut forms = PageForms::from_pairs(&pairs);
    let decision = ProbeDecision::parse(&forms.value("decision"))
        .map_err(|_| forms.errors.add("decision", tr.t("probe-error-decision")))
        .ok();
    let rationale = forms.text(&tr, "rationale", MAX_TEXT_CHARS, false);
    let decided_on = forms.date(&tr, "decided_on", true);
    let next_review = forms.date(&tr, "next_review", false);
    let (Some(decision), Some(rationale), Some(decided_on)) = (decision, rationale, decided_on)
    else {
        return probe_page(
            &state,
            chrome,
            &ctx,
            id,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let mut tx = state.store().begin().await?;
    if !tx
        .decide_probe(
            staff.organization_id,
            team,
            id,
            (decision, &rationale, decided_on, next_review),
            staff.user_id,
            state.now(),
        )
        .await?
    {
        drop(tx);
        forms.errors.add("next_review", tr.t("probe-error-closed"));
        return probe_page(
            &state,
            chrome,
            &ctx,
            id,
            forms,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    super::commit_and_redirect(
        &state,
        &ctx,
        tx,
        Entry::allowed(
            "probe.decide",
            "probe",
            Some(id.to_string()),
            "probe review",
        ),
        &format!("/teams/{team}/probes/{id}?saved=decision"),
    )
    .await
}
