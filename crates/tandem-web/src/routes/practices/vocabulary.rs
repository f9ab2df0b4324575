//! Words that work (practice 9): the terms the manager introduces, each with what the manager
//! means by it, the definitions staff write in their own words (shown without names, with a flag
//! when they pull apart), and the uptake curve — the share of the team's stories that use the
//! term, month by month, counted on the server from the stories' text (which is not shown here).

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::response::Response;
use tandem_app::practices::vocabulary::{self, TermRecord};
use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::practice::vocabulary::{
    DIVERGENT_ABOVE, MAX_DEFINITION_CHARS, MonthUse, Term, TermError, TermText, divergence,
};
use tandem_domain::staff::User;

use super::{PageForms, TeamHeader, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::i18n::Translator;
use crate::kit::{path_id, see_other, show_date, show_month};
use crate::numbers::percent;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// The uptake chart's height in SVG units for a share of 100 %.
const BAR_HEIGHT: f64 = 60.0;

/// One month of a term's curve as drawn and tabled.
pub(crate) struct MonthBar {
    pub(crate) label: String,
    pub(crate) x: usize,
    /// The bar's height and top (0 when the month shows no share).
    pub(crate) height: String,
    pub(crate) top: String,
    pub(crate) stories: u32,
    /// "40 %", or "too few stories".
    pub(crate) share: String,
}

/// A term as the page shows it.
pub(crate) struct TermView {
    pub(crate) id: String,
    pub(crate) term: String,
    pub(crate) meaning: String,
    pub(crate) introduced: String,
    /// The definitions of others (no names).
    pub(crate) definitions: Vec<String>,
    /// The caller's own definition.
    pub(crate) mine: Option<String>,
    /// Whether the definitions pull apart.
    pub(crate) divergent: bool,
    pub(crate) months: Vec<MonthBar>,
    /// "Used in 40 % of this month's stories", or that the month has too few.
    pub(crate) latest: String,
}

#[derive(Template)]
#[template(path = "practices/vocabulary.html")]
struct VocabularyPage {
    chrome: Chrome,
    team: TeamHeader,
    terms: Vec<TermView>,
    forms: PageForms,
    notice: Option<String>,
}

fn month_bars(tr: &Translator, curve: &[MonthUse]) -> Vec<MonthBar> {
    curve
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let height = m.share().map_or(0.0, |s| s * BAR_HEIGHT);
            MonthBar {
                label: show_month(tr, m.month),
                x: 4 + i * 22,
                height: format!("{height:.1}"),
                top: format!("{:.1}", 4.0 + BAR_HEIGHT - height),
                stories: m.stories,
                share: m
                    .share()
                    .map_or_else(|| tr.t("vocabulary-too-few"), |s| percent(tr, s)),
            }
        })
        .collect()
}

/// A term as the page shows it to `me`: others' definitions without names, mine apart.
fn term_view(tr: &Translator, record: &TermRecord, curve: &[MonthUse], me: Id<User>) -> TermView {
    let all: Vec<&str> = record
        .definitions
        .iter()
        .map(|(_, d, _)| d.as_str())
        .collect();
    let latest = curve.last().and_then(MonthUse::share).map_or_else(
        || tr.t("vocabulary-latest-few"),
        |s| tr.t_str("vocabulary-latest", "share", &percent(tr, s)),
    );
    TermView {
        id: record.id.to_string(),
        term: record.term.as_str().to_owned(),
        meaning: record.meaning.as_str().to_owned(),
        introduced: show_date(tr, record.introduced_on),
        definitions: record
            .definitions
            .iter()
            .filter(|(user, _, _)| *user != me)
            .map(|(_, d, _)| d.as_str().to_owned())
            .collect(),
        mine: record
            .definitions
            .iter()
            .find(|(user, _, _)| *user == me)
            .map(|(_, d, _)| d.as_str().to_owned()),
        divergent: divergence(&all).is_some_and(|d| d > DIVERGENT_ABOVE),
        months: month_bars(tr, curve),
        latest,
    }
}

/// The vocabulary page with `forms` (422 after errors).
async fn vocabulary_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    forms: PageForms,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let actor = ctx.actor(state.now());
    let found = vocabulary::show(state.app(), &actor, team_ref(ctx)?).await?;
    let me = ctx.staff()?.user_id;
    let terms = found
        .terms
        .iter()
        .zip(&found.curves)
        .map(|(record, curve)| term_view(&chrome.tr, record, curve, me))
        .collect();
    let page = VocabularyPage {
        terms,
        notice: forms.notice(),
        forms,
        team,
        chrome,
    };
    render(page.forms.status(), &page)
}

/// The team's vocabulary.
pub(super) async fn show_vocabulary(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    vocabulary_page(&state, chrome, &ctx, forms).await
}

/// The term as typed with what the manager means by it, or `None` with the problems in `forms`.
fn parse_term(tr: &Translator, forms: &mut PageForms) -> Option<(TermText, PlainText)> {
    let term = TermText::parse(&forms.value("term"))
        .map_err(|e| {
            let key = match e {
                TermError::Empty => "vocabulary-error-empty",
                TermError::TooLong => "vocabulary-error-long",
                TermError::NotAWord => "vocabulary-error-word",
            };
            forms.errors.add("term", tr.t(key));
        })
        .ok();
    let meaning = forms.text(tr, "meaning", MAX_DEFINITION_CHARS, false);
    Some((term?, meaning?))
}

/// Introduces a term (the manager).
pub(super) async fn introduce_term(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let Some((term, meaning)) = parse_term(&chrome.tr, &mut forms) else {
        return vocabulary_page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    if !vocabulary::introduce(state.app(), &actor, team, (&term, &meaning)).await? {
        forms
            .errors
            .add("term", chrome.tr.t("vocabulary-error-exists"));
        return vocabulary_page(&state, chrome, &ctx, forms).await;
    }
    see_other(&format!("/teams/{}/vocabulary?saved=term", team.id))
}

/// Writes (or rewrites) the caller's definition of a term.
pub(super) async fn define_term(
    Page { state, chrome, ctx }: Page,
    Path((_, term_id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id: Id<Term> = path_id(&term_id)?;
    let mut forms = PageForms::from_pairs(&pairs);
    let Some(definition) = forms.text(&chrome.tr, "definition", MAX_DEFINITION_CHARS, false) else {
        return vocabulary_page(&state, chrome, &ctx, forms).await;
    };
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    vocabulary::define(state.app(), &actor, team, id, &definition).await?;
    let to = format!("/teams/{}/vocabulary?saved=definition#term-{id}", team.id);
    see_other(&to)
}
