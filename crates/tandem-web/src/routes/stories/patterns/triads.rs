//! Ternary plots: where the selected stories put a triad's point — binned density (triangular
//! bins, not smoothed near the corners), zone shares, and the centroid of every group of a
//! chosen question with its 95 % region; and two groups side by side, each with its own
//! density. Groups under k are left out; zone counts under k are hidden.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_analytics::stories::{Column, Stories};
use tandem_analytics::suppression::{Shown, suppress_distribution};
use tandem_analytics::ternary::Composition;
use tandem_analytics::zones::{CentroidRegion, centroid_region_for, density, zone_shares};
use tandem_domain::framework::QuestionKind;

use super::finding::DataTable;
use super::{Scope, group_name, min_group, percent, pole_names, question_name};
use crate::charts::{self, Centroid};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Choice;
use crate::i18n::Translator;
use crate::page::{Chrome, render};
use crate::routes::stories::catalog::{FilterPanel, get};
use crate::state::AppState;
use crate::story_columns::TELLER;

/// Rows of the triangular density grid (k² bins).
const DENSITY_ROWS: usize = 10;
/// The most groups drawn in one plot.
const MAX_GROUPS: usize = 6;
/// The bootstrap's seed: the same stories always give the same regions.
const SEED: u64 = 2026;

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
}

fn triad<'a>(stories: &'a Stories, id: &str) -> Option<&'a [Option<Composition>]> {
    match &stories.field(id)?.column {
        Column::Triad(v) => Some(v),
        _ => None,
    }
}

/// The groups of a single-choice field: labels and each row's group.
fn groups<'a>(stories: &'a Stories, by: &str) -> Option<(&'a [String], &'a [Option<u32>])> {
    match &stories.field(by)?.column {
        Column::Choice { labels, values } => Some((labels, values)),
        _ => None,
    }
}

/// A plot of `points` with centroids of `named` groups.
fn plot(
    tr: &Translator,
    heading: String,
    corners: &[String],
    points: &[Composition],
    named: &[(String, Vec<Composition>)],
) -> Plot {
    let k = u64::from(min_group().get());
    let regions: Vec<(String, CentroidRegion, usize)> = named
        .iter()
        .filter_map(|(label, pts)| {
            centroid_region_for(pts, SEED).map(|r| (label.clone(), r, pts.len()))
        })
        .collect();
    let centroids: Vec<Centroid<'_>> = regions
        .iter()
        .map(|(label, region, _)| Centroid { label, region })
        .collect();
    let corner = |i: usize| corners.get(i).map_or("", String::as_str);
    let title = tr.t_strs(
        "patterns-triad-chart",
        &[("question", &heading), ("n", &points.len().to_string())],
    );
    let chart = charts::ternary(
        &title,
        [corner(0), corner(1), corner(2)],
        &density(points, DENSITY_ROWS),
        DENSITY_ROWS,
        k,
        &centroids,
    );
    let mut head = vec![tr.t("patterns-group"), "n".to_owned()];
    head.extend(corners.iter().cloned());
    let rows = regions
        .iter()
        .map(|(label, region, n)| {
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

/// The ternary page.
pub(in crate::routes::stories) async fn show_triads(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let scope = Scope::load(&state, &ctx, &tr, query.as_deref(), "patterns triads").await?;
    let framework = &scope.framework;
    let triads: Vec<_> = framework
        .questions()
        .iter()
        .filter(|q| q.kind == QuestionKind::Triad)
        .collect();
    let chosen = get(&scope.pairs, "question");
    let question = triads
        .iter()
        .find(|q| q.id == chosen)
        .or(triads.first())
        .map(|q| q.id.clone())
        .unwrap_or_default();
    let by_fields: Vec<(String, String)> = framework
        .questions()
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Single | QuestionKind::Metadata))
        .map(|q| (q.id.clone(), question_name(&tr, framework, &q.id)))
        .chain([(TELLER.to_owned(), tr.t("catalog-teller"))])
        .collect();
    let by = get(&scope.pairs, "by");
    let by = by_fields
        .iter()
        .find(|(id, _)| id == by)
        .map(|(id, _)| id.clone());
    let (left, right) = (get(&scope.pairs, "left"), get(&scope.pairs, "right"));
    let k = min_group().get() as usize;
    let corners = pole_names(&tr, framework, &question);
    let mut plots = Vec::new();
    let mut zones = None;
    let mut group_choices: Vec<(String, String)> = Vec::new();
    let mut note = None;
    if scope.hidden.is_none()
        && let Some(values) = triad(scope.stories(), &question)
    {
        let points: Vec<Composition> = values.iter().flatten().copied().collect();
        let heading = question_name(&tr, framework, &question);
        // Each group of the "by" question with at least k answers, largest first.
        let mut named: Vec<(String, String, Vec<Composition>)> = Vec::new();
        if let Some(by) = &by
            && let Some((labels, of)) = groups(scope.stories(), by)
        {
            for (g, label) in labels.iter().enumerate() {
                let pts: Vec<Composition> = values
                    .iter()
                    .zip(of)
                    .filter(|(_, x)| **x == Some(g as u32))
                    .filter_map(|(v, _)| *v)
                    .collect();
                if pts.len() >= k {
                    named.push((label.clone(), group_name(&tr, framework, by, label), pts));
                }
            }
            named.sort_by_key(|(_, _, pts)| std::cmp::Reverse(pts.len()));
            if named.len() > MAX_GROUPS {
                note = Some(tr.t_num("patterns-groups-limited", "count", MAX_GROUPS as i64));
                named.truncate(MAX_GROUPS);
            }
            group_choices = named
                .iter()
                .map(|(l, n, _)| (l.clone(), n.clone()))
                .collect();
        } else if points.len() >= k {
            named.push((String::new(), tr.t("patterns-all-stories"), points.clone()));
        }
        if points.len() >= k {
            let shown: Vec<(String, Vec<Composition>)> = named
                .iter()
                .map(|(_, n, p)| (n.clone(), p.clone()))
                .collect();
            plots.push(plot(&tr, heading.clone(), &corners, &points, &shown));
            zones = Some(zone_table(&tr, &corners, &points));
        }
        // Two groups side by side, each with its own density.
        for side in [left, right] {
            if let Some((_, name, pts)) =
                named.iter().find(|(l, _, _)| l == side && !side.is_empty())
            {
                plots.push(plot(
                    &tr,
                    name.clone(),
                    &corners,
                    pts,
                    &[(name.clone(), pts.clone())],
                ));
            }
        }
    }
    let questions = Choice::list(
        triads
            .iter()
            .map(|q| (q.id.clone(), question_name(&tr, framework, &q.id))),
        &question,
    );
    let by_choice = Choice::list(
        std::iter::once((String::new(), tr.t("patterns-no-grouping"))).chain(by_fields),
        by.as_deref().unwrap_or(""),
    );
    let none = (String::new(), tr.t("patterns-no-comparison"));
    let mut selects = vec![
        (
            "question".to_owned(),
            tr.t("patterns-triad-question"),
            questions,
        ),
        ("by".to_owned(), tr.t("patterns-group-by"), by_choice),
    ];
    if !group_choices.is_empty() {
        let side = |chosen: &str| {
            Choice::list(
                std::iter::once(none.clone()).chain(group_choices.iter().cloned()),
                chosen,
            )
        };
        selects.push(("left".to_owned(), tr.t("patterns-compare-left"), side(left)));
        selects.push((
            "right".to_owned(),
            tr.t("patterns-compare-right"),
            side(right),
        ));
    }
    let own = ["question", "by", "left", "right"];
    let page = TriadsPage {
        filter_fields: scope
            .pairs
            .iter()
            .filter(|(n, v)| !v.is_empty() && !own.contains(&n.as_str()))
            .cloned()
            .collect(),
        selects,
        id: scope.campaign.id.to_string(),
        title: scope.campaign.details.title.as_str().to_owned(),
        query: scope.filter_query(&["question", "by", "left", "right"]),
        panel: scope.panel(&tr, "patterns/triads", &["question", "by", "left", "right"]),
        hidden: scope.hidden.clone(),
        plots,
        zones,
        note,
        chrome,
    };
    render(StatusCode::OK, &page)
}

/// Zone shares (a corner ≥ 60 %, an edge between two corners, the centre), counts under k hidden.
fn zone_table(tr: &Translator, corners: &[String], points: &[Composition]) -> DataTable {
    let z = zone_shares(points);
    let n = points.len() as f64;
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
