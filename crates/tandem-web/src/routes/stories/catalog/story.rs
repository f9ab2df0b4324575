//! A story's page: its text, its answers in the reader's language, and its codes and tags. Who
//! told it is never shown — only what kind of teller.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::stories::catalog::{self, StoryRecord};
use tandem_domain::answer::Answer;
use tandem_domain::framework::Framework;

use super::label;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::{path_id, show_date};
use crate::page::Page;
use crate::page::{Chrome, render};

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
            .map(|(l, v)| {
                format!(
                    "{}: {}",
                    label(tr, &l.da, &l.en),
                    crate::numbers::percent(tr, *v)
                )
            })
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

impl StoryPage {
    /// The page of `story`, its answers in the order of the framework's questions.
    fn new(chrome: Chrome, campaign_id: String, framework: &Framework, story: StoryRecord) -> Self {
        let tr = &chrome.tr;
        let answers = framework
            .questions()
            .iter()
            .map(|q| AnswerView {
                question: label(tr, &q.stem.da, &q.stem.en),
                answer: story
                    .answers
                    .iter()
                    .find(|(qid, _)| *qid == q.id)
                    .map_or_else(
                        || tr.t("story-not-applicable"),
                        |(_, a)| shown_answer(tr, q, a),
                    ),
            })
            .collect();
        Self {
            campaign_id,
            story_id: story.summary.id.to_string(),
            title: story
                .summary
                .title
                .clone()
                .unwrap_or_else(|| tr.t("story-untitled")),
            body: story.summary.body.clone(),
            date: show_date(tr, story.summary.collected_on),
            teller: tr.t(&format!("teller-{}", story.summary.teller.as_str())),
            redacted: story.redacted,
            answers,
            annotations: story
                .annotations
                .iter()
                .map(|(k, v)| (k.clone(), tr.t(&format!("annotation-{k}")), v.clone()))
                .collect(),
            chrome,
        }
    }
}

/// A story's page.
pub(crate) async fn show_story(
    Page { state, chrome, ctx }: Page,
    Path((_, story_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (campaign, framework) = crate::routes::stories::route_campaign(&state, &ctx).await?;
    let (actor, id) = (ctx.actor(state.now()), path_id(&story_id)?);
    let story = catalog::story(state.app(), &actor, &campaign, &framework, id).await?;
    let page = StoryPage::new(chrome, campaign.id.to_string(), &framework, story);
    render(StatusCode::OK, &page)
}
