//! The catalog: a campaign's stories narrowed by any answer, date, teller kind, code or tag and
//! by words in the text; a story's page with its answers; codes and tags added by staff. Who told
//! a story is never shown — only what kind of teller. Option counts in the filters follow the
//! small-group rule (R22): 1–4 shows as "fewer than 5".

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tandem_domain::PlainText;
use tandem_domain::answer::Answer;
use tandem_domain::framework::{Framework, QuestionKind};
use tandem_domain::story::Teller;
use tandem_store::stories::catalog::{AnswerCondition, StoryFilter};

use tandem_analytics::suppression::{MinGroupSize, Shown, suppress_distribution};

use super::campaigns::shown_count;
use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form};
use crate::i18n::Translator;
use crate::kit::{pairs, path_id, show_date};
use crate::page::{Chrome, render};
use crate::state::AppState;

/// Stories per catalog page.
const PAGE_SIZE: i64 = 25;

/// The Danish or English text, in the reader's language.
pub(super) fn label(tr: &Translator, da: &str, en: &str) -> String {
    if tr.language().code() == "da" {
        da.to_owned()
    } else {
        en.to_owned()
    }
}

async fn audit(
    state: &AppState,
    ctx: &RequestContext,
    action: &str,
    id: String,
    purpose: &str,
) -> Result<(), AppError> {
    crate::audit::record_read(
        state,
        ctx,
        Entry::allowed(action, "story", Some(id), purpose),
    )
    .await
}

/// A filter of the panel: field name, label and choices (with counts where they are counts).
pub(super) struct FilterView {
    pub(super) name: String,
    pub(super) label: String,
    pub(super) choices: Vec<Choice>,
}

/// The filter form shared by the catalog and the pattern pages
/// (`templates/stories/filter_panel.html`).
pub(super) struct FilterPanel {
    /// Where the form goes (and "clear" links to).
    pub(super) action: String,
    /// Fields the page keeps when the filter changes (e.g. the chosen triad).
    pub(super) hidden: Vec<(String, String)>,
    pub(super) text: String,
    pub(super) from: String,
    pub(super) to: String,
    pub(super) tag: String,
    pub(super) tellers: Vec<Choice>,
    pub(super) filters: Vec<FilterView>,
}

struct StoryRow {
    href: String,
    title: String,
    excerpt: String,
    date: String,
    teller: String,
}

#[derive(Template)]
#[template(path = "stories/catalog.html")]
struct CatalogPage {
    chrome: Chrome,
    title: String,
    panel: FilterPanel,
    stories: Vec<StoryRow>,
    total: String,
    previous: Option<String>,
    next: Option<String>,
}

pub(super) fn get<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The filter from the query string; values that do not fit the framework are ignored.
pub(super) fn filter_of(framework: &Framework, pairs: &[(String, String)]) -> StoryFilter {
    let mut filter = StoryFilter::default();
    for q in framework.questions() {
        match q.kind {
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Metadata => {
                let value = get(pairs, &q.id);
                if q.options.iter().any(|o| o.id == value) {
                    filter.answers.push(AnswerCondition::Chose {
                        question: q.id.clone(),
                        option: value.to_owned(),
                    });
                }
            }
            QuestionKind::Triad => {
                if let Ok(corner) = get(pairs, &format!("{}.lean", q.id)).parse::<usize>()
                    && corner < 3
                {
                    filter.answers.push(AnswerCondition::Leans {
                        question: q.id.clone(),
                        corner,
                    });
                }
            }
            QuestionKind::Dyad | QuestionKind::Slider => {
                let bound = |suffix: &str| {
                    get(pairs, &format!("{}.{suffix}", q.id))
                        .parse::<f64>()
                        .ok()
                };
                if let Some((from, to)) = match (bound("min"), bound("max")) {
                    (None, None) => None,
                    (from, to) => Some((from.unwrap_or(0.0), to.unwrap_or(100.0))),
                } {
                    filter.answers.push(AnswerCondition::Between {
                        question: q.id.clone(),
                        from,
                        to,
                    });
                }
            }
            QuestionKind::FreeText => {}
        }
    }
    let date = |name: &str| {
        tandem_domain::course::parse_optional_date(get(pairs, name))
            .ok()
            .flatten()
    };
    filter.from = date("from");
    filter.to = date("to");
    let text = get(pairs, "text").trim();
    filter.text = (!text.is_empty()).then(|| text.chars().take(200).collect());
    let tag = get(pairs, "tag").trim();
    filter.annotation = (!tag.is_empty()).then(|| tag.to_owned());
    filter.teller = Teller::parse(get(pairs, "teller")).ok();
    filter
}

/// The filter panel for `framework`, filled from the query, with counts per option when given
/// (hidden under k, R22).
pub(super) fn filter_panel(
    tr: &Translator,
    framework: &Framework,
    pairs: &[(String, String)],
    counts: Option<&std::collections::HashMap<(String, String), i64>>,
    action: String,
) -> FilterPanel {
    let mut filters = Vec::new();
    for q in framework.questions() {
        let stem = label(tr, &q.stem.da, &q.stem.en);
        let any = (String::new(), tr.t("catalog-any"));
        let (name, options): (String, Vec<(String, String)>) = match q.kind {
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Metadata => {
                // Small groups are hidden, and a lone hidden one takes its smallest neighbour
                // with it, so it cannot be worked out from the total (R22).
                let raw: Vec<u64> = q
                    .options
                    .iter()
                    .map(|o| {
                        let n = counts
                            .and_then(|c| c.get(&(q.id.clone(), o.id.clone())))
                            .copied()
                            .unwrap_or(0);
                        u64::try_from(n).unwrap_or(0)
                    })
                    .collect();
                let shown = suppress_distribution(&raw, MinGroupSize::default());
                (
                    q.id.clone(),
                    std::iter::once(any)
                        .chain(q.options.iter().zip(&shown.cells).map(|(o, cell)| {
                            let name = label(tr, &o.da, &o.en);
                            let shown = match (counts, cell) {
                                (None, _) => name,
                                (Some(_), Shown::Count(n)) => format!("{name} ({n})"),
                                (Some(_), Shown::Suppressed) => {
                                    format!("{name} ({})", tr.t("count-suppressed"))
                                }
                            };
                            (o.id.clone(), shown)
                        }))
                        .collect(),
                )
            }
            QuestionKind::Triad => (
                format!("{}.lean", q.id),
                std::iter::once(any)
                    .chain(q.labels.iter().enumerate().map(|(i, l)| {
                        (
                            i.to_string(),
                            tr.t_str("catalog-leans", "corner", &label(tr, &l.da, &l.en)),
                        )
                    }))
                    .collect(),
            ),
            _ => continue,
        };
        let current = get(pairs, &name).to_owned();
        filters.push(FilterView {
            label: stem,
            choices: Choice::list(options, &current),
            name,
        });
    }
    let tellers = Choice::list(
        std::iter::once((String::new(), tr.t("catalog-any"))).chain(Teller::ALL.iter().map(|t| {
            (
                t.as_str().to_owned(),
                tr.t(&format!("teller-{}", t.as_str())),
            )
        })),
        get(pairs, "teller"),
    );
    FilterPanel {
        action,
        hidden: Vec::new(),
        text: get(pairs, "text").to_owned(),
        from: get(pairs, "from").to_owned(),
        to: get(pairs, "to").to_owned(),
        tag: get(pairs, "tag").to_owned(),
        tellers,
        filters,
    }
}

/// The catalog of a campaign.
pub(super) async fn show_catalog(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::route_campaign(&state, &ctx).await?;
    let tr = chrome.tr.clone();
    let pairs = pairs(query.as_deref());
    let filter = filter_of(&framework, &pairs);
    let page: i64 = get(&pairs, "page").parse().unwrap_or(0).max(0);
    let org = campaign.organization_id;
    let (stories, total) = state
        .store()
        .stories(org, campaign.id, &filter, PAGE_SIZE, page * PAGE_SIZE)
        .await?;
    let counts = state
        .store()
        .option_counts(org, campaign.id, &filter)
        .await?;
    audit(
        &state,
        &ctx,
        "story.list",
        campaign.id.to_string(),
        "catalog",
    )
    .await?;
    let panel = filter_panel(
        &tr,
        &framework,
        &pairs,
        Some(&counts),
        format!("/campaigns/{}/stories", campaign.id),
    );
    let base: Vec<(String, String)> = pairs.iter().filter(|(n, _)| n != "page").cloned().collect();
    let at = |p: i64| {
        let mut q = base.clone();
        q.push(("page".to_owned(), p.to_string()));
        format!(
            "/campaigns/{}/stories?{}",
            campaign.id,
            serde_urlencoded::to_string(q).unwrap_or_default()
        )
    };
    let shown = CatalogPage {
        title: campaign.details.title.as_str().to_owned(),
        panel,
        stories: stories
            .into_iter()
            .map(|s| StoryRow {
                href: format!("/campaigns/{}/stories/{}", campaign.id, s.id),
                title: s
                    .title
                    .clone()
                    .unwrap_or_else(|| s.body.chars().take(60).collect::<String>()),
                excerpt: s.body.chars().take(300).collect(),
                date: show_date(&tr, s.collected_on),
                teller: tr.t(&format!("teller-{}", s.teller.as_str())),
            })
            .collect(),
        total: shown_count(&tr, total),
        previous: (page > 0).then(|| at(page - 1)),
        next: ((page + 1) * PAGE_SIZE < total).then(|| at(page + 1)),
        chrome,
    };
    render(StatusCode::OK, &shown)
}

struct AnswerView {
    question: String,
    answer: String,
}

#[derive(Template)]
#[template(path = "stories/story.html")]
struct StoryPage {
    chrome: Chrome,
    campaign_id: String,
    story_id: String,
    title: String,
    body: String,
    date: String,
    teller: String,
    redacted: bool,
    answers: Vec<AnswerView>,
    annotations: Vec<(String, String, String)>,
}

fn shown_answer(
    tr: &Translator,
    q: &tandem_domain::framework::Question,
    answer: &Answer,
) -> String {
    match answer {
        Answer::Triad(w) => q
            .labels
            .iter()
            .zip(w)
            .map(|(l, v)| format!("{}: {:.0} %", label(tr, &l.da, &l.en), v * 100.0))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Position(p) => match (q.labels.first(), q.labels.get(1)) {
            (Some(lo), Some(hi)) => format!(
                "{p:.0} ({} 0 – 100 {})",
                label(tr, &lo.da, &lo.en),
                label(tr, &hi.da, &hi.en)
            ),
            _ => format!("{p:.0}"),
        },
        Answer::Choices(ids) => ids
            .iter()
            .filter_map(|id| q.options.iter().find(|o| &o.id == id))
            .map(|o| label(tr, &o.da, &o.en))
            .collect::<Vec<_>>()
            .join(", "),
        Answer::Text(t) => t.as_str().to_owned(),
        Answer::NotApplicable => tr.t("story-not-applicable"),
    }
}

/// A story's page.
pub(super) async fn show_story(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path((_, story_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::route_campaign(&state, &ctx).await?;
    let tr = chrome.tr.clone();
    let id = path_id(&story_id)?;
    let story = state
        .store()
        .story(campaign.organization_id, campaign.id, id, &framework)
        .await?
        .ok_or(AppError::NotFound)?;
    audit(&state, &ctx, "story.read", id.to_string(), "story").await?;
    let answers = framework
        .questions()
        .iter()
        .map(|q| AnswerView {
            question: label(&tr, &q.stem.da, &q.stem.en),
            answer: story
                .answers
                .iter()
                .find(|(qid, _)| *qid == q.id)
                .map_or_else(
                    || tr.t("story-not-applicable"),
                    |(_, a)| shown_answer(&tr, q, a),
                ),
        })
        .collect();
    let page = StoryPage {
        campaign_id: campaign.id.to_string(),
        story_id: id.to_string(),
        title: story
            .summary
            .title
            .clone()
            .unwrap_or_else(|| tr.t("story-untitled")),
        body: story.summary.body.clone(),
        date: show_date(&tr, story.summary.collected_on),
        teller: tr.t(&format!("teller-{}", story.summary.teller.as_str())),
        redacted: story.redacted,
        answers,
        annotations: story
            .annotations
            .iter()
            .map(|(k, v)| (k.clone(), tr.t(&format!("annotation-{k}")), v.clone()))
            .collect(),
        chrome,
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct AnnotationForm {
    kind: String,
    value: String,
}

fn annotation(form: &AnnotationForm) -> Option<(&'static str, PlainText)> {
    let kind = match form.kind.as_str() {
        "code" => "code",
        "tag" => "tag",
        _ => return None,
    };
    PlainText::parse_single_line(&form.value, 80)
        .ok()
        .map(|v| (kind, v))
}

/// Adds a code or tag (an empty or over-long value changes nothing).
pub(super) async fn add_annotation(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, story_id)): Path<(String, String)>,
    Form(form): Form<AnnotationForm>,
) -> Result<Response, AppError> {
    let access = ctx.campaign()?.clone();
    let id = path_id(&story_id)?;
    let to = format!("/campaigns/{}/stories/{}", access.id, id);
    let Some((kind, value)) = annotation(&form) else {
        return Ok(Redirect::to(&to).into_response());
    };
    if !state
        .store()
        .story_in_campaign(access.organization_id, access.id, id)
        .await?
    {
        return Err(AppError::NotFound);
    }
    let mut tx = state.store().begin().await?;
    tx.add_annotation(
        id,
        kind,
        value.as_str(),
        Some(ctx.staff()?.user_id),
        state.now(),
    )
    .await?;
    tx.append_audit(event(
        &state,
        &ctx,
        Entry::allowed("story.annotate", "story", Some(id.to_string()), "story"),
    ))
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&to).into_response())
}

/// Removes a code or tag.
pub(super) async fn remove_annotation(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, story_id)): Path<(String, String)>,
    Form(form): Form<AnnotationForm>,
) -> Result<Response, AppError> {
    let access = ctx.campaign()?.clone();
    let id = path_id(&story_id)?;
    let to = format!("/campaigns/{}/stories/{}", access.id, id);
    if let Some((kind, value)) = annotation(&form) {
        let mut tx = state.store().begin().await?;
        if tx
            .remove_annotation(access.id, id, kind, value.as_str())
            .await?
        {
            tx.append_audit(event(
                &state,
                &ctx,
                Entry::allowed("story.unannotate", "story", Some(id.to_string()), "story"),
            ))
            .await?;
        }
        tx.commit().await?;
    }
    Ok(Redirect::to(&to).into_response())
}
