//! Ternary plots: where the selected stories put a triad's point — binned density (triangular
//! bins, not smoothed near the corners), zone shares, and the centroid of every group of a
//! chosen question with its 95 % region; and two groups side by side, each with its own
//! density. Groups told by fewer than k people are left out; zone counts under k are hidden.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_analytics::suppression::{Shown, suppress_distribution};
use tandem_analytics::zones::ZoneShares;
use tandem_app::stories::patterns::triads::{
    DENSITY_ROWS, MAX_GROUPS, TriadAsk, TriadPlot, TriadView, triad_view,
};
use tandem_domain::framework::{Question, QuestionKind};

use super::finding::DataTable;
use super::mark_pages::{landscape_marks, may_mark};
use super::marks::ShareView;
use super::{Scope, group_name, min_group, percent, pole_names, question_name};
use crate::charts::{self, Centroid};
use crate::error::AppError;
use crate::forms::Choice;
use crate::i18n::Translator;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::routes::stories::catalog::{FilterPanel, get};
use crate::story_columns::TELLER;

/// One drawn plot with its table.
struct Plot {
    heading: String,
    chart: String,
    table: DataTable,
}

#[derive(Template)]
#[template(path = "stories/triads.html")]
struct TriadsPage {
    chrome: Chrome,
    id: String,
    title: String,
    query: String,
    panel: FilterPanel,
    hidden: Option<String>,
    /// The current filter, carried by the plot options' form.
    filter_fields: Vec<(String, String)>,
    /// The plot options: name, label, choices.
    selects: Vec<(String, String, Vec<Choice>)>,
    plots: Vec<Plot>,
    zones: Option<DataTable>,
    note: Option<String>,
    /// The triad shown.
    question: String,
    /// The regions marked on it, with their shares in the selection.
    marks: Vec<ShareView>,
    /// Whether the reader may mark a region.
    may_mark: bool,
}

/// The page's own fields (the rest of the query is the filter).
const OWN: [&str; 4] = ["question", "by", "left", "right"];

/// What the reader chose: the triad (the first one unless another is named), the grouping
/// (one of `by_fields`) and the two sides.
fn ask_of(scope: &Scope, triads: &[&Question], by_fields: &[(String, String)]) -> TriadAsk {
    let chosen = get(&scope.pairs, "question");
    let question = triads
        .iter()
        .find(|q| q.id == chosen)
        .or(triads.first())
        .map(|q| q.id.clone())
        .unwrap_or_default();
    let by = get(&scope.pairs, "by");
    let by = by_fields
        .iter()
        .find(|(id, _)| id == by)
        .map(|(id, _)| id.clone());
    let sides = ["left", "right"].map(|side| get(&scope.pairs, side).to_owned());
    TriadAsk {
        question,
        by,
        sides,
    }
}

/// A group's name as the reader says it (the empty label is all the stories).
fn group_label(tr: &Translator, scope: &Scope, by: Option<&str>, label: &str) -> String {
    match by {
        Some(by) if !label.is_empty() => group_name(tr, &scope.framework, by, label),
        _ => tr.t("patterns-all-stories"),
    }
}

/// One plot drawn with its table of centroids.
fn plot(tr: &Translator, scope: &Scope, ask: &TriadAsk, shown: &TriadPlot) -> Plot {
    let k = u64::from(min_group().get());
    let by = ask.by.as_deref();
    let corners = pole_names(tr, &scope.framework, &ask.question);
    let heading = match &shown.group {
        Some(group) => group_label(tr, scope, by, group),
        None => question_name(tr, &scope.framework, &ask.question),
    };
    let names: Vec<String> = shown
        .regions
        .iter()
        .map(|(label, _, _)| group_label(tr, scope, by, label))
        .collect();
    let centroids: Vec<Centroid<'_>> = shown
        .regions
        .iter()
        .zip(&names)
        .map(|((_, region, _), label)| Centroid { label, region })
        .collect();
    let corner = |i: usize| corners.get(i).map_or("", String::as_str);
    let title = tr.t_strs(
        "patterns-triad-chart",
        &[("question", &heading), ("n", &shown.n.to_string())],
    );
    let chart = charts::responsive(true, |layout| {
        charts::ternary(
            layout,
            &title,
            [corner(0), corner(1), corner(2)],
            &shown.bins,
            DENSITY_ROWS,
            k,
            &centroids,
        )
    });
    let mut head = vec![tr.t("patterns-group"), "n".to_owned()];
    head.extend(corners.iter().cloned());
    let rows = shown
        .regions
        .iter()
        .zip(&names)
        .map(|((_, region, n), label)| {
            let mut row = vec![label.clone(), n.to_string()];
            row.extend(region.centroid.parts().iter().map(|p| percent(tr, *p)));
            row
        })
        .collect();
    Plot {
        heading,
        chart,
        table: DataTable {
            caption: tr.t("patterns-table-centroids"),
            head,
            rows,
        },
    }
}

impl TriadsPage {
    /// The page for what the reader asked, with what was computed (`None`: nothing shown).
    fn new(
        chrome: Chrome,
        scope: &Scope,
        (ask, triads, by_fields): (&TriadAsk, &[&Question], Vec<(String, String)>),
        view: Option<TriadView>,
    ) -> Self {
        let tr = &chrome.tr;
        let view = view.unwrap_or_default();
        let framework = &scope.framework;
        let questions = Choice::list(
            triads
                .iter()
                .map(|q| (q.id.clone(), question_name(tr, framework, &q.id))),
            &ask.question,
        );
        let by_choice = Choice::list(
            std::iter::once((String::new(), tr.t("patterns-no-grouping"))).chain(by_fields),
            ask.by.as_deref().unwrap_or(""),
        );
        let mut selects = vec![
            (
                "question".to_owned(),
                tr.t("patterns-triad-question"),
                questions,
            ),
            ("by".to_owned(), tr.t("patterns-group-by"), by_choice),
        ];
        if !view.groups.is_empty() {
            let none = (String::new(), tr.t("patterns-no-comparison"));
            let by = ask.by.as_deref();
            let groups: Vec<(String, String)> = view
                .groups
                .iter()
                .map(|(l, _)| (l.clone(), group_label(tr, scope, by, l)))
                .collect();
            let side = |chosen: &str| {
                Choice::list(
                    std::iter::once(none.clone()).chain(groups.iter().cloned()),
                    chosen,
                )
            };
            let [left, right] = &ask.sides;
            selects.push(("left".to_owned(), tr.t("patterns-compare-left"), side(left)));
            selects.push((
                "right".to_owned(),
                tr.t("patterns-compare-right"),
                side(right),
            ));
        }
        let corners = pole_names(tr, framework, &ask.question);
        Self {
            filter_fields: scope
                .pairs
                .iter()
                .filter(|(n, v)| !v.is_empty() && !OWN.contains(&n.as_str()))
                .cloned()
                .collect(),
            selects,
            id: scope.campaign.id.to_string(),
            title: scope.campaign.details.title.as_str().to_owned(),
            query: scope.filter_query(&OWN),
            panel: scope.panel(tr, "patterns/triads", &OWN),
            hidden: scope.hidden.clone(),
            plots: view.plots.iter().map(|p| plot(tr, scope, ask, p)).collect(),
            zones: view.zones.map(|(z, n)| zone_table(tr, &corners, &z, n)),
            note: view
                .limited
                .then(|| tr.t_num("patterns-groups-limited", "count", MAX_GROUPS as i64)),
            question: ask.question.clone(),
            marks: Vec::new(),
            may_mark: false,
            chrome,
        }
    }
}

/// The ternary page.
pub(crate) async fn show_triads(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let scope = Scope::load(&state, &ctx, &tr, query.as_deref(), "patterns triads").await?;
    let (triads, by_fields) = (triad_questions(&scope), by_fields(&tr, &scope));
    let ask = ask_of(&scope, &triads, &by_fields);
    let view = match scope.hidden {
        None => triad_view(&scope, ask.clone()).await?,
        Some(_) => None,
    };
    let mut page = TriadsPage::new(chrome, &scope, (&ask, &triads, by_fields), view);
    if scope.hidden.is_none() {
        page.marks = landscape_marks(&state, &tr, &scope, &ask.question).await?;
    }
    page.may_mark = may_mark(&ctx)?;
    render(StatusCode::OK, &page)
}

/// The framework's triad questions.
fn triad_questions(scope: &Scope) -> Vec<&Question> {
    let questions = scope.framework.questions().iter();
    questions
        .filter(|q| q.kind == QuestionKind::Triad)
        .collect()
}

/// The fields a plot can be grouped by: single choices, metadata and the teller's kind.
fn by_fields(tr: &Translator, scope: &Scope) -> Vec<(String, String)> {
    let framework = &scope.framework;
    framework
        .questions()
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Single | QuestionKind::Metadata))
        .map(|q| (q.id.clone(), question_name(tr, framework, &q.id)))
        .chain([(TELLER.to_owned(), tr.t("catalog-teller"))])
        .collect()
}

/// Zone shares (a corner ≥ 60 %, an edge between two corners, the centre), counts under k hidden.
fn zone_table(tr: &Translator, corners: &[String], z: &ZoneShares, n: usize) -> DataTable {
    let n = n as f64;
    let corner = |i: usize| corners.get(i).cloned().unwrap_or_default();
    let named = [
        (corner(0), z.a),
        (corner(1), z.b),
        (corner(2), z.c),
        (format!("{} + {}", corner(0), corner(1)), z.ab),
        (format!("{} + {}", corner(1), corner(2)), z.bc),
        (format!("{} + {}", corner(0), corner(2)), z.ac),
        (tr.t("patterns-zone-centre"), z.centre),
    ];
    let counts: Vec<u64> = named.iter().map(|(_, s)| (s * n).round() as u64).collect();
    let shown = suppress_distribution(&counts, min_group());
    DataTable {
        caption: tr.t("patterns-table-zones"),
        head: vec![
            tr.t("patterns-zone"),
            "n".to_owned(),
            tr.t("patterns-share"),
        ],
        rows: named
            .iter()
            .zip(&shown.cells)
            .map(|((name, share), cell)| match cell {
                Shown::Count(c) => vec![name.clone(), c.to_string(), percent(tr, *share)],
                Shown::Suppressed => vec![name.clone(), tr.t("count-suppressed"), String::new()],
            })
            .collect(),
    }
}
