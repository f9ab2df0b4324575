//! The pages of "more like these, fewer like those": a campaign's marked regions with their
//! shares, the form that marks a region (a question, one of its regions, a direction, a note —
//! radio buttons, so a keyboard or a screen reader marks as easily as a mouse), and a mark's own
//! page with its share over all the campaign's stories, example stories from the region, and the
//! way on to a probe or a huddle.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::response::Response;
use tandem_app::stories::marks::{self, MarkOutcome, MarkRecord};
use tandem_domain::framework::{Framework, QuestionKind};
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use tandem_domain::story::mark::{Direction, MAX_NOTE_CHARS, MarkDetails, RegionKey};

use super::Scope;
use super::finding::Example;
use super::marks::{ShareView, region_name, share_view};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form, add_problem, keyword_choices};
use crate::i18n::Translator;
use crate::kit::{pairs, path_id, see_other, show_date};
use crate::page::{Chrome, Page, render};
use crate::routes::practices::{PageForms, may};
use crate::routes::stories::catalog::label as in_language;
use crate::state::AppState;

/// A mark as listed: its share view, when it was set and why.
struct Listed {
    view: ShareView,
    marked_on: String,
    note: Option<String>,
}

#[derive(Template)]
#[template(path = "stories/marks.html")]
struct MarksPage {
    chrome: Chrome,
    id: String,
    title: String,
    query: String,
    hidden: Option<String>,
    marks: Vec<Listed>,
    may_mark: bool,
}

/// Whether the caller may mark regions of the route's campaign (as they may code its stories).
pub(crate) fn may_mark(ctx: &RequestContext) -> Result<bool, AppError> {
    let campaign = Resource::Campaign(ctx.campaign()?.clone());
    Ok(authorize(&ctx.principal, Action::AnnotateStories, &campaign) == Decision::Allow)
}

fn listed(tr: &Translator, scope: &Scope, mark: &MarkRecord) -> Listed {
    let shares = scope
        .hidden
        .is_none()
        .then(|| marks::shares(scope, mark))
        .flatten();
    Listed {
        view: share_view(tr, &scope.framework, mark, shares.as_ref()),
        marked_on: show_date(tr, mark.marked_on),
        note: mark.details.note.as_ref().map(|n| n.as_str().to_owned()),
    }
}

/// The campaign's marked regions, each with its share in the filter's selection.
pub(crate) async fn show_marks(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let scope = Scope::load(&state, &ctx, &tr, query.as_deref(), "patterns marks").await?;
    let found = marks::marks(state.app(), &scope.campaign).await?;
    let page = MarksPage {
        id: scope.campaign.id.to_string(),
        title: scope.campaign.details.title.as_str().to_owned(),
        query: scope.filter_query(&[]),
        hidden: scope.hidden.clone(),
        marks: found.iter().map(|m| listed(&tr, &scope, m)).collect(),
        may_mark: may_mark(&ctx)?,
        chrome,
    };
    render(axum::http::StatusCode::OK, &page)
}

/// The marks of one landscape, for the landscape's own page.
pub(crate) async fn landscape_marks(
    state: &AppState,
    tr: &Translator,
    scope: &Scope,
    question: &str,
) -> Result<Vec<ShareView>, AppError> {
    Ok(marks::marks(state.app(), &scope.campaign)
        .await?
        .iter()
        .filter(|m| m.details.question == question)
        .map(|m| listed(tr, scope, m).view)
        .collect())
}

#[derive(Template)]
#[template(path = "stories/mark_new.html")]
struct NewMarkPage {
    chrome: Chrome,
    id: String,
    title: String,
    forms: PageForms,
    questions: Vec<Choice>,
    /// The chosen question's regions.
    regions: Vec<Choice>,
    directions: Vec<Choice>,
}

/// The framework's landscapes (triads, dyads, sliders) as `(id, kind, name)`.
fn landscapes<'a>(
    tr: &Translator,
    framework: &'a Framework,
) -> Vec<(&'a str, QuestionKind, String)> {
    framework
        .questions()
        .iter()
        .filter(|q| !RegionKey::of_kind(q.kind).is_empty())
        .map(|q| {
            (
                q.id.as_str(),
                q.kind,
                in_language(tr, &q.stem.da, &q.stem.en),
            )
        })
        .collect()
}

/// The form page with `forms` (422 after errors).
fn new_page(
    chrome: Chrome,
    (campaign_id, title): (String, String),
    framework: &Framework,
    mut forms: PageForms,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let found = landscapes(&tr, framework);
    let chosen = forms.value("question");
    let (question, kind) = found
        .iter()
        .find(|(id, _, _)| *id == chosen)
        .or(found.first())
        .map(|(id, kind, _)| ((*id).to_owned(), *kind))
        .ok_or(AppError::NotFound)?;
    forms.values.insert("question".into(), question.clone());
    forms.default_value("direction", Direction::More.as_str().into());
    let page = NewMarkPage {
        questions: Choice::list(
            found
                .iter()
                .map(|(id, _, name)| ((*id).to_owned(), name.clone())),
            &question,
        ),
        regions: Choice::list(
            RegionKey::of_kind(kind).iter().map(|key| {
                (
                    key.as_str().to_owned(),
                    region_name(&tr, framework, &question, *key),
                )
            }),
            &forms.value("region"),
        ),
        directions: keyword_choices(
            &tr,
            "mark-direction",
            Direction::ALL.iter().map(|d| d.as_str()),
            &forms.value("direction"),
        ),
        id: campaign_id,
        title,
        forms,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The form that marks a region (`?question=` picks the landscape, `?region=` a region).
pub(crate) async fn new_mark_form(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::super::route_campaign(&state, &ctx).await?;
    let forms = PageForms::from_pairs(&pairs(query.as_deref()));
    let names = (
        campaign.id.to_string(),
        campaign.details.title.as_str().to_owned(),
    );
    new_page(chrome, names, &framework, forms)
}

/// The mark as typed, or `None` with the problems recorded in `forms`.
fn parse_mark(tr: &Translator, forms: &mut PageForms) -> Option<MarkDetails> {
    let region = RegionKey::parse(&forms.value("region"))
        .map_err(|_| forms.errors.add("region", tr.t("mark-error-region")))
        .ok();
    let direction = Direction::parse(&forms.value("direction"))
        .map_err(|_| forms.errors.add("direction", tr.t("mark-error-direction")))
        .ok();
    let note = if forms.value("note").trim().is_empty() {
        Some(None)
    } else {
        forms.text(tr, "note", MAX_NOTE_CHARS, false).map(Some)
    };
    Some(MarkDetails {
        question: forms.value("question"),
        region: region?,
        direction: direction?,
        note: note?,
    })
}

/// Marks a region and opens its page.
pub(crate) async fn create_mark(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::super::route_campaign(&state, &ctx).await?;
    let names = (
        campaign.id.to_string(),
        campaign.details.title.as_str().to_owned(),
    );
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(details) = parse_mark(&chrome.tr, &mut forms) else {
        return new_page(chrome, names, &framework, forms);
    };
    let actor = ctx.actor(state.now());
    match marks::mark(state.app(), &actor, (&campaign, &framework), &details).await? {
        MarkOutcome::Marked(id) => see_other(&format!(
            "/campaigns/{}/patterns/marks/{id}?saved=mark",
            campaign.id
        )),
        MarkOutcome::Invalid(problems) => {
            for problem in problems {
                add_problem(&chrome.tr, &mut forms.errors, problem);
            }
            new_page(chrome, names, &framework, forms)
        }
    }
}

#[derive(Template)]
#[template(path = "stories/mark.html")]
struct MarkPage {
    chrome: Chrome,
    id: String,
    title: String,
    query: String,
    view: ShareView,
    facts: Vec<(String, String)>,
    hidden: Option<String>,
    examples: Vec<Example>,
    /// Where the region becomes a probe's intent, for those who run the team's practices.
    probe_link: Option<String>,
    /// Where its stories go to a huddle, likewise.
    huddle_link: Option<String>,
    /// Why neither is offered, when the campaign is no team's.
    no_team: bool,
    notice: Option<String>,
}

/// A mark's page: its share over all the campaign's stories, example stories from the region,
/// and the way on to a probe or a huddle.
pub(crate) async fn show_mark(
    Page { state, chrome, ctx }: Page,
    Path((_, mark_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let scope = Scope::load(&state, &ctx, &tr, None, "landscape mark").await?;
    let mark = marks::find(state.app(), &scope.campaign, path_id(&mark_id)?).await?;
    let shares = scope
        .hidden
        .is_none()
        .then(|| marks::shares(&scope, &mark))
        .flatten();
    let examples = if scope.hidden.is_none() {
        marks::examples(state.app(), &scope.campaign, &scope, &mark).await?
    } else {
        Vec::new()
    };
    let view = share_view(&tr, &scope.framework, &mark, shares.as_ref());
    let team = scope
        .campaign
        .team_id
        .filter(|team| may(&ctx, *team, Action::RunPractices));
    let probe_link = team.map(|t| format!("/teams/{t}/probes/new?mark={}", mark.id));
    let huddle_link = team.map(|t| {
        let mut fields = vec![("topic".to_owned(), view.heading.clone())];
        fields.extend(
            examples
                .iter()
                .map(|s| ("story".to_owned(), s.id.to_string())),
        );
        let query = serde_urlencoded::to_string(&fields).unwrap_or_default();
        format!("/teams/{t}/huddles/new?{query}")
    });
    let notice = pairs(query.as_deref())
        .iter()
        .any(|(n, v)| n == "saved" && v == "mark")
        .then(|| tr.t("mark-saved"));
    let page = MarkPage {
        id: scope.campaign.id.to_string(),
        title: scope.campaign.details.title.as_str().to_owned(),
        query: String::new(),
        facts: vec![
            (tr.t("mark-question"), view.question.clone()),
            (tr.t("mark-marked-on"), show_date(&tr, mark.marked_on)),
            (
                tr.t("mark-why"),
                mark.details
                    .note
                    .as_ref()
                    .map_or_else(|| tr.t("mark-no-note"), |n| n.as_str().to_owned()),
            ),
            (tr.t("mark-probes"), mark.probes.to_string()),
        ],
        hidden: scope.hidden.clone(),
        examples: examples
            .into_iter()
            .map(|s| Example::of(&tr, &scope.campaign, s))
            .collect(),
        no_team: scope.campaign.team_id.is_none(),
        probe_link,
        huddle_link,
        notice,
        view,
        chrome,
    };
    render(axum::http::StatusCode::OK, &page)
}
