//! The catalog: a campaign's stories narrowed by any answer, date, teller kind, code or tag and
//! by words in the text; a story's page with its answers; codes and tags added by staff. Who told
//! a story is never shown — only what kind of teller. Option counts in the filters follow the
//! small-group rule (R22): 1–4 shows as "fewer than 5".
//!
//! # Layout
//! - this file: the catalog's page, codes and tags.
//! - [`filter`]: the filter from the query string, and the filter panel.
//! - [`story`]: a story's page.

mod filter;
mod story;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tandem_app::stories::CampaignRecord;
use tandem_app::stories::catalog::{
    self, Annotation, AnnotationKind, CatalogPage as Found, PAGE_SIZE, PageNumber,
};
use tandem_domain::PlainText;
use tandem_domain::framework::Framework;

use super::campaigns::shown_count;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::kit::{pairs, path_id, see_other, show_date, story_listing};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

pub(super) use filter::{FilterPanel, filter_of, filter_panel, get, label};
pub(super) use story::show_story;

struct StoryRow {
    href: String,
    title: String,
    excerpt: Option<String>,
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

impl CatalogPage {
    /// Page `page` of what the filter in `pairs` found, with links to the pages beside it.
    fn new(
        chrome: Chrome,
        (campaign, framework): (&CampaignRecord, &Framework),
        pairs: &[(String, String)],
        page: i64,
        found: Found,
    ) -> Self {
        let tr = &chrome.tr;
        let panel = filter_panel(
            tr,
            framework,
            pairs,
            Some(&found.counts),
            format!("/campaigns/{}/stories", campaign.id),
        );
        let base: Vec<(String, String)> =
            pairs.iter().filter(|(n, _)| n != "page").cloned().collect();
        let at = |p: i64| {
            let mut q = base.clone();
            q.push(("page".to_owned(), p.to_string()));
            format!(
                "/campaigns/{}/stories?{}",
                campaign.id,
                serde_urlencoded::to_string(q).unwrap_or_default()
            )
        };
        let total = found.total;
        Self {
            title: campaign.details.title.as_str().to_owned(),
            panel,
            stories: found
                .stories
                .into_iter()
                .map(|s| {
                    let (title, excerpt) = story_listing(s.title.as_deref(), &s.body);
                    StoryRow {
                        href: format!("/campaigns/{}/stories/{}", campaign.id, s.id),
                        title,
                        excerpt,
                        date: show_date(tr, s.collected_on),
                        teller: tr.t(&format!("teller-{}", s.teller.as_str())),
                    }
                })
                .collect(),
            total: shown_count(tr, total),
            previous: (page > 0).then(|| at(page - 1)),
            next: ((page + 1) * PAGE_SIZE < total).then(|| at(page + 1)),
            chrome,
        }
    }
}

/// The catalog of a campaign.
pub(super) async fn show_catalog(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let (campaign, framework) = super::route_campaign(&state, &ctx).await?;
    let pairs = pairs(query.as_deref());
    let filter = filter_of(&framework, &pairs);
    let Ok(page) = PageNumber::parse(get(&pairs, "page")) else {
        return Ok(StatusCode::BAD_REQUEST.into_response());
    };
    let actor = ctx.actor(state.now());
    let found = catalog::page(state.app(), &actor, &campaign, &filter, page).await?;
    let shown = CatalogPage::new(chrome, (&campaign, &framework), &pairs, page.get(), found);
    render(StatusCode::OK, &shown)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct AnnotationForm {
    kind: String,
    value: String,
}

impl AnnotationForm {
    /// The code or tag, if the form holds one (an empty or over-long value holds none).
    fn annotation(&self) -> Option<Annotation> {
        let kind = match self.kind.as_str() {
            "code" => AnnotationKind::Code,
            "tag" => AnnotationKind::Tag,
            _ => return None,
        };
        PlainText::parse_single_line(&self.value, 80)
            .ok()
            .map(|value| Annotation { kind, value })
    }
}

/// Adds a code or tag (an empty or over-long value changes nothing).
pub(super) async fn add_annotation(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, story_id)): Path<(String, String)>,
    Form(form): Form<AnnotationForm>,
) -> Result<Response, AppError> {
    let (access, id) = (ctx.campaign()?, path_id(&story_id)?);
    if let Some(annotation) = form.annotation() {
        let actor = ctx.actor(state.now());
        catalog::annotate(state.app(), &actor, access, id, &annotation).await?;
    }
    see_other(&format!("/campaigns/{}/stories/{}", access.id, id))
}

/// Removes a code or tag.
pub(super) async fn remove_annotation(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((_, story_id)): Path<(String, String)>,
    Form(form): Form<AnnotationForm>,
) -> Result<Response, AppError> {
    let (access, id) = (ctx.campaign()?, path_id(&story_id)?);
    if let Some(annotation) = form.annotation() {
        let actor = ctx.actor(state.now());
        catalog::unannotate(state.app(), &actor, access, id, &annotation).await?;
    }
    see_other(&format!("/campaigns/{}/stories/{}", access.id, id))
}
