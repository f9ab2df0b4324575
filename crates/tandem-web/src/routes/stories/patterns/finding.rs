//! One finding: its chart (stacked shares for two choices, group means for a slider by group, a
//! binned scatter for two sliders), the data table with the same numbers, one sentence that says
//! what it shows, and 3–5 stories that illustrate it. Cells under k are hidden in the table and
//! drawn as one grey "hidden" part, never as a share that would give their count away.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_analytics::stories::report::{Test, TestKind};
use tandem_analytics::stories::views::{crosstab, slider_by_group};
use tandem_analytics::suppression::{Shown, suppress_people};
use tandem_app::stories::CampaignRecord;
use tandem_app::stories::catalog::StorySummary;
use tandem_app::stories::patterns;

use super::findings::{certainty, convention_text, effect_text, q_text, test_name};
use super::reading::{across_people, limits, told_by};
use super::scatter::scatter_view;
use super::{Scope, decimal, group_name, min_group, pole_names, question_name};
use crate::charts::{self, MeanRow, ShareRow};
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::routes::stories::catalog::get;

/// Stories shown beside a finding.
const EXAMPLES: usize = 5;

/// A data table: header cells and rows of cells (the first cell of a row is its header).
pub(crate) struct DataTable {
    pub(crate) caption: String,
    pub(crate) head: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// An example story as the pattern pages list it: its title (or first words), an excerpt and
/// its date, linked to its page.
pub(crate) struct Example {
    pub(crate) href: String,
    pub(crate) title: String,
    pub(crate) excerpt: Option<String>,
    pub(crate) date: String,
}

impl Example {
    /// The listing of `story` of `campaign`.
    pub(crate) fn of(tr: &Translator, campaign: &CampaignRecord, story: StorySummary) -> Self {
        let (title, excerpt) = crate::kit::story_listing(story.title.as_deref(), &story.body);
        Self {
            href: format!("/campaigns/{}/stories/{}", campaign.id, story.id),
            title,
            excerpt,
            date: show_date(tr, story.collected_on),
        }
    }
}

#[derive(Template)]
#[template(path = "stories/finding.html")]
struct FindingPage {
    chrome: Chrome,
    id: String,
    title: String,
    query: String,
    hidden: Option<String>,
    sentence: String,
    facts: Vec<(String, String)>,
    chart: String,
    table: Option<DataTable>,
    /// What the finding can and cannot say.
    limits: Vec<String>,
    examples: Vec<Example>,
}

impl FindingPage {
    /// The page of `found` (the finding the query names, if the selection shows it): its chart,
    /// table, sentence and facts; the example stories are added after.
    fn new(chrome: Chrome, scope: &Scope, found: Option<&Test>) -> Self {
        let tr = chrome.tr.clone();
        let mut page = FindingPage {
            id: scope.campaign.id.to_string(),
            title: scope.campaign.details.title.as_str().to_owned(),
            query: scope.filter_query(&["a", "b"]),
            hidden: scope.hidden.clone(),
            sentence: String::new(),
            facts: Vec::new(),
            chart: String::new(),
            table: None,
            limits: Vec::new(),
            examples: Vec::new(),
            chrome,
        };
        let Some(test) = found else {
            if page.hidden.is_none() {
                page.hidden = Some(tr.t("patterns-finding-missing"));
            }
            return page;
        };
        let view = match test.kind {
            TestKind::ChiSquare | TestKind::FisherExact => table_view(&tr, scope, test),
            TestKind::MannWhitney | TestKind::KruskalWallis => groups_view(&tr, scope, test),
            TestKind::Spearman => scatter_view(&tr, scope, test),
        };
        let Some((sentence, chart, table)) = view else {
            page.hidden = Some(tr.t("patterns-finding-missing"));
            return page;
        };
        page.sentence = sentence;
        page.chart = chart;
        page.table = Some(table);
        page.facts = vec![
            (tr.t("patterns-certainty"), certainty(&tr, test.label)),
            (tr.t("patterns-effect"), effect_text(&tr, test)),
            (tr.t("patterns-size"), convention_text(&tr, &test.effect)),
            ("n".to_owned(), told_by(&tr, test)),
            ("q".to_owned(), q_text(&tr, test.q)),
            (tr.t("patterns-test"), test_name(&tr, test.kind)),
        ];
        if let Some(check) = &test.teller_aware {
            page.facts.push((
                tr.t("patterns-across-people"),
                across_people(&tr, test, check),
            ));
        }
        page.limits = limits(&tr, test);
        if !test.reliable {
            page.facts
                .push((tr.t("patterns-reliability"), tr.t("patterns-unreliable")));
        }
        page
    }

    /// Whether a finding is shown (and so its example stories).
    fn shows_finding(&self) -> bool {
        self.table.is_some()
    }

    fn add_examples(&mut self, campaign: &CampaignRecord, stories: Vec<StorySummary>) {
        let tr = &self.chrome.tr;
        self.examples = stories
            .into_iter()
            .map(|story| Example::of(tr, campaign, story))
            .collect();
    }
}

/// The finding the query's `a` and `b` name, when the selection may be shown.
async fn found(scope: &Scope) -> Result<Option<Test>, AppError> {
    if scope.hidden.is_some() {
        return Ok(None);
    }
    let (a, b) = (get(&scope.pairs, "a"), get(&scope.pairs, "b"));
    let tests = scope.tests().await?;
    Ok(tests.iter().find(|t| t.a == a && t.b == b).cloned())
}

/// One finding's page.
pub(crate) async fn show_finding(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let purpose = "patterns finding";
    let scope = Scope::load(&state, &ctx, &chrome.tr, query.as_deref(), purpose).await?;
    let test = found(&scope).await?;
    let mut page = FindingPage::new(chrome, &scope, test.as_ref());
    if let Some(test) = test.filter(|_| page.shows_finding()) {
        let found = patterns::examples(state.app(), &scope.campaign, &scope, &test, EXAMPLES);
        page.add_examples(&scope.campaign, found.await?);
    }
    render(StatusCode::OK, &page)
}

fn shown_cell(tr: &Translator, cell: Shown, text: impl FnOnce(u64) -> String) -> String {
    match cell {
        Shown::Count(n) => text(n),
        Shown::Suppressed => tr.t("count-suppressed"),
    }
}

/// A finding's sentence, chart and data table.
pub(super) type View = (String, String, DataTable);

fn table_view(tr: &Translator, scope: &Scope, test: &Test) -> Option<View> {
    let framework = &scope.framework;
    let table = crosstab(scope.stories(), &test.a, &test.b)?;
    let k = min_group();
    // Columns with enough stories among the kept rows, and enough people, as the test kept
    // them.
    let rows: Vec<usize> = (0..table.rows.len())
        .filter(|r| test.groups.contains(&table.rows[*r]))
        .collect();
    let columns: Vec<usize> = (0..table.columns.len())
        .filter(|c| k.allows(rows.iter().map(|r| table.observed[*r][*c]).sum()))
        .filter(|c| k.allows(table.column_people[*c]))
        .collect();
    let series: Vec<String> = columns
        .iter()
        .map(|c| group_name(tr, framework, &test.b, &table.columns[*c]))
        .chain([tr.t("patterns-hidden-part")])
        .collect();
    let mut shares = Vec::new();
    let mut body = Vec::new();
    for r in &rows {
        let counts: Vec<u64> = columns.iter().map(|c| table.observed[*r][*c]).collect();
        let people: Vec<u64> = columns.iter().map(|c| table.people[*r][*c]).collect();
        let shown = suppress_people(&counts, &people, k);
        let total: u64 = counts.iter().sum();
        let share = |n: u64| {
            if total == 0 {
                0.0
            } else {
                n as f64 / total as f64
            }
        };
        let hidden: u64 = counts
            .iter()
            .zip(&shown.cells)
            .filter(|(_, s)| **s == Shown::Suppressed)
            .map(|(n, _)| *n)
            .sum();
        let label = group_name(tr, framework, &test.a, &table.rows[*r]);
        shares.push(ShareRow {
            label: label.clone(),
            shares: shown
                .cells
                .iter()
                .map(|s| match s {
                    Shown::Count(n) => share(*n),
                    Shown::Suppressed => 0.0,
                })
                .chain([share(hidden)])
                .collect(),
        });
        let mut cells = vec![label];
        for (i, cell) in shown.cells.iter().enumerate() {
            let expected = table.expected[*r][columns[i]];
            cells.push(shown_cell(tr, *cell, |n| {
                format!("{n} ({})", decimal(tr, expected, 1))
            }));
        }
        cells.push(shown_cell(tr, shown.total, |n| n.to_string()));
        body.push(cells);
    }
    let (a, b) = (
        question_name(tr, framework, &test.a),
        question_name(tr, framework, &test.b),
    );
    let sentence = tr.t_strs(
        "patterns-sentence-table",
        &[
            ("a", &a),
            ("b", &b),
            ("certainty", &certainty(tr, test.label)),
            ("effect", &effect_text(tr, test)),
            ("n", &test.n.to_string()),
        ],
    );
    let chart = charts::responsive(false, |layout| {
        charts::stacked_shares(layout, &sentence, &shares, &series)
    });
    let mut head = vec![a];
    head.extend(series.iter().take(columns.len()).cloned());
    head.push(tr.t("patterns-total"));
    Some((
        sentence,
        chart,
        DataTable {
            caption: tr.t("patterns-table-observed"),
            head,
            rows: body,
        },
    ))
}

fn groups_view(tr: &Translator, scope: &Scope, test: &Test) -> Option<View> {
    let framework = &scope.framework;
    let groups: Vec<_> = slider_by_group(scope.stories(), &test.a, &test.b)?
        .into_iter()
        .filter(|g| test.groups.contains(&g.label))
        .collect();
    let named: Vec<(String, &_)> = groups
        .iter()
        .map(|g| (group_name(tr, framework, &test.b, &g.label), g))
        .collect();
    let top = named.iter().max_by(|x, y| x.1.mean.total_cmp(&y.1.mean))?;
    let bottom = named.iter().min_by(|x, y| x.1.mean.total_cmp(&y.1.mean))?;
    let sentence = tr.t_strs(
        "patterns-sentence-groups",
        &[
            ("a", &question_name(tr, framework, &test.a)),
            ("b", &question_name(tr, framework, &test.b)),
            ("top", &top.0),
            ("high", &decimal(tr, top.1.mean, 0)),
            ("bottom", &bottom.0),
            ("low", &decimal(tr, bottom.1.mean, 0)),
            ("certainty", &certainty(tr, test.label)),
            ("n", &test.n.to_string()),
        ],
    );
    let poles = pole_names(tr, framework, &test.a);
    let rows: Vec<MeanRow> = named
        .iter()
        .map(|(label, g)| MeanRow {
            label: label.clone(),
            mean: g.mean,
            sd: g.sd,
        })
        .collect();
    let ends = (
        poles.first().map_or("0", String::as_str),
        poles.get(1).map_or("100", String::as_str),
    );
    let chart = charts::responsive(false, |layout| {
        charts::means(layout, &sentence, &rows, ends)
    });
    let table = DataTable {
        caption: tr.t("patterns-table-groups"),
        head: vec![
            question_name(tr, framework, &test.b),
            "n".to_owned(),
            tr.t("patterns-mean"),
            tr.t("patterns-sd"),
        ],
        rows: named
            .iter()
            .map(|(label, g)| {
                vec![
                    label.clone(),
                    g.n.to_string(),
                    decimal(tr, g.mean, 1),
                    decimal(tr, g.sd, 1),
                ]
            })
            .collect(),
    };
    Some((sentence, chart, table))
}
