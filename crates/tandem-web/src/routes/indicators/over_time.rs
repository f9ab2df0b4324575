//! The department over time (`/indicators/over-time`): every indicator of the three columns,
//! for the department and each team, at the end of each of the last three quarters and today —
//! the board a head shows where the department moved. The same numbers export to XLSX or CSV
//! after step-up, audited like the other exports.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::indicators::{self, Computed, OverTime};

use super::export::{Kind, csv_locale, text_table};
use super::view::columns;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::page::{Chrome, Page, render};
use crate::routes::stories::patterns::finding::DataTable;

#[derive(Template)]
#[template(path = "indicators/over_time.html")]
struct OverTimePage {
    chrome: Chrome,
    /// The department's table, then each team's.
    tables: Vec<DataTable>,
    /// The export links, for those who may export.
    exports: Option<(String, String)>,
}

/// The header: what, then each day ("31.03.2026" … "I dag").
fn head(tr: &Translator, over: &OverTime) -> Vec<String> {
    let mut head = vec![tr.t("over-time-indicator")];
    let last = over.days.len() - 1;
    head.extend(over.days.iter().enumerate().map(|(i, day)| {
        if i == last {
            tr.t("over-time-today")
        } else {
            show_date(tr, *day)
        }
    }));
    head
}

/// One row per indicator (column title before its indicators) and one for the tensions; a
/// value for fewer than five young people is never shown.
fn rows(tr: &Translator, views: &[Computed]) -> Vec<Vec<String>> {
    let per_day: Vec<_> = views
        .iter()
        .map(|c| columns(tr, &c.indicators, None, c.caseload))
        .collect();
    let Some(first) = per_day.first() else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for (c, column) in first.iter().enumerate() {
        for (i, indicator) in column.indicators.iter().enumerate() {
            let mut row = vec![format!("{}: {}", column.title, indicator.name)];
            row.extend(per_day.iter().map(|day| {
                day.get(c)
                    .and_then(|col| col.indicators.get(i))
                    .filter(|v| v.shown)
                    .map_or_else(|| "–".to_owned(), |v| v.value.clone())
            }));
            rows.push(row);
        }
    }
    let mut tensions = vec![tr.t("tensions-title")];
    tensions.extend(views.iter().map(|c| {
        if c.tensions.is_empty() {
            "–".to_owned()
        } else {
            c.tensions
                .iter()
                .map(|t| tr.t(&format!("tension-{}", t.as_str())))
                .collect::<Vec<_>>()
                .join("; ")
        }
    }));
    rows.push(tensions);
    rows
}

/// The department's table and each team's.
fn tables(tr: &Translator, over: &OverTime) -> Vec<DataTable> {
    let head = head(tr, over);
    std::iter::once((tr.t("indicators-title-department"), &over.department))
        .chain(over.teams.iter().map(|(team, views)| {
            (
                tr.t_str("indicators-title-team", "team", team.name.as_str()),
                views,
            )
        }))
        .map(|(caption, views)| DataTable {
            caption,
            head: head.clone(),
            rows: rows(tr, views),
        })
        .collect()
}

/// The page.
pub(super) async fn show_over_time(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let over = indicators::over_time(state.app(), &actor, org, None).await?;
    let exports = crate::routes::indicators::may_export(&ctx).then(|| {
        (
            "/indicators/over-time.xlsx".to_owned(),
            "/indicators/over-time.csv".to_owned(),
        )
    });
    let page = OverTimePage {
        tables: tables(&chrome.tr, &over),
        exports,
        chrome,
    };
    render(StatusCode::OK, &page)
}

async fn download(page: Page, kind: Kind) -> Result<Response, AppError> {
    let Page { state, chrome, ctx } = page;
    let tr = &chrome.tr;
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let extension = if kind == Kind::Xlsx { "xlsx" } else { "csv" };
    let over = indicators::over_time(state.app(), &actor, org, Some(extension)).await?;
    let mut header = vec![tr.t("over-time-where")];
    header.extend(head(tr, &over));
    let rows: Vec<Vec<String>> = tables(tr, &over)
        .into_iter()
        .flat_map(|table| {
            let caption = table.caption;
            table
                .rows
                .into_iter()
                .map(move |row| std::iter::once(caption.clone()).chain(row).collect())
        })
        .collect();
    let title = format!(
        "{} · {}",
        tr.t("over-time-title"),
        show_date(tr, state.today())
    );
    text_table(
        (kind, csv_locale(tr)),
        "tandem-over-time",
        &title,
        &header,
        &rows,
    )
}

pub(super) async fn export_over_time_xlsx(page: Page) -> Result<Response, AppError> {
    download(page, Kind::Xlsx).await
}

pub(super) async fn export_over_time_csv(page: Page) -> Result<Response, AppError> {
    download(page, Kind::Csv).await
}
