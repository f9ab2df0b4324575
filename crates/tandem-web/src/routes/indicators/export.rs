//! The three-column view as a spreadsheet (XLSX, with `rust_xlsxwriter`) or CSV, for team
//! managers and heads, behind step-up (R13) and written to the audit trail before anything is
//! sent. The file holds exactly what the page shows: suppressed indicators carry no number.
//!
//! CSV cells that a spreadsheet would read as a formula are written inert
//! ([`tandem_domain::spreadsheet::inert_cell`], the one rule every export follows); the XLSX
//! writer stores every text as a string cell, which spreadsheets never run.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook};
use tandem_app::indicators::{CaseloadThresholds, Computed, Indicator, Tension, Unit};
use tandem_domain::spreadsheet::{BYTE_ORDER_MARK, CsvLocale, inert_cell};

use crate::error::AppError;
use crate::i18n::Translator;

/// The CSV dialect for the page's language: semicolons and decimal commas for Danish Excel.
pub(crate) fn csv_locale(tr: &Translator) -> CsvLocale {
    if tr.language().code() == "da" {
        CsvLocale::Danish
    } else {
        CsvLocale::English
    }
}

/// A CSV writer for `locale`, its byte-order mark written; records may differ in length (title
/// and tension lines are shorter than the table's).
fn csv_writer(locale: CsvLocale) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(locale.delimiter())
        .from_writer(BYTE_ORDER_MARK.to_vec())
}

/// The two file kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Xlsx,
    Csv,
}

/// The header row.
fn header(tr: &Translator) -> Vec<String> {
    [
        "export-column",
        "export-indicator",
        "export-value",
        "export-unit",
        "export-young-people",
        "export-reference",
        "export-definition",
        "export-formula",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect()
}

fn unit_name(tr: &Translator, unit: Unit) -> String {
    tr.t(match unit {
        Unit::Share => "export-unit-share",
        Unit::Days => "export-unit-days",
        Unit::Ratio => "export-unit-ratio",
        Unit::Kroner => "export-unit-kroner",
        Unit::Feedback => "export-unit-feedback",
    })
}

/// One row per indicator: texts, and the value and reference as numbers (None: not shown).
struct Row {
    texts: [String; 2],
    value: Option<f64>,
    note: String,
    unit: String,
    young_people: f64,
    reference: Option<f64>,
    about: [String; 2],
}

fn rows(tr: &Translator, all: &[Indicator], caseload: CaseloadThresholds) -> Vec<Row> {
    all.iter()
        .map(|i| Row {
            texts: [
                tr.t(&format!("indicators-{}", i.logic.as_str())),
                tr.t(&format!("indicator-{}", i.key)),
            ],
            value: i.value,
            note: if i.suppressed {
                tr.t("indicator-suppressed")
            } else {
                tr.t("indicator-no-data")
            },
            unit: unit_name(tr, i.unit),
            young_people: i.young_people as f64,
            reference: i.reference,
            about: [
                tr.t(&format!("indicator-{}-definition", i.key)),
                super::view::formula(tr, i.key, caseload),
            ],
        })
        .collect()
}

/// The file and its name.
pub(super) fn file(
    tr: &Translator,
    kind: Kind,
    title: &str,
    computed: &Computed,
) -> Result<Response, AppError> {
    let (caseload, all, tensions) = (
        computed.caseload,
        computed.indicators.as_slice(),
        computed.tensions.as_slice(),
    );
    let stem = format!("tandem-{}", tr.t("export-file-stem"));
    match kind {
        Kind::Csv => {
            let locale = csv_locale(tr);
            let mut writer = csv_writer(locale);
            let line = |w: &mut csv::Writer<Vec<u8>>, cells: Vec<String>| {
                w.write_record(cells.iter().map(|c| inert_cell(c).into_owned()))
            };
            let failed = |e: csv::Error| AppError::Export(e.to_string());
            line(&mut writer, vec![title.to_owned()]).map_err(failed)?;
            line(&mut writer, header(tr)).map_err(failed)?;
            for row in rows(tr, all, caseload) {
                let number = |v: Option<f64>| v.map(|v| locale.number(v)).unwrap_or_default();
                line(
                    &mut writer,
                    vec![
                        row.texts[0].clone(),
                        row.texts[1].clone(),
                        row.value.map_or(row.note.clone(), |v| locale.number(v)),
                        row.unit,
                        format!("{}", row.young_people),
                        number(row.reference),
                        row.about[0].clone(),
                        row.about[1].clone(),
                    ],
                )
                .map_err(failed)?;
            }
            for tension in tensions {
                line(
                    &mut writer,
                    vec![
                        tr.t("tensions-title"),
                        tr.t(&format!("tension-{}", tension.as_str())),
                    ],
                )
                .map_err(failed)?;
            }
            let bytes = writer
                .into_inner()
                .map_err(|e| AppError::Export(e.to_string()))?;
            Ok(download(
                bytes,
                "text/csv; charset=utf-8",
                &format!("{stem}.csv"),
            ))
        }
        Kind::Xlsx => {
            let bytes = workbook(tr, (title, caseload), all, tensions)
                .map_err(|e| AppError::Export(e.to_string()))?;
            Ok(download(
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("{stem}.xlsx"),
            ))
        }
    }
}

fn workbook(
    tr: &Translator,
    (title, caseload): (&str, CaseloadThresholds),
    all: &[Indicator],
    tensions: &[Tension],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let share = Format::new().set_num_format("0%");
    let plain = Format::new().set_num_format("0.0");
    let sheet = book.add_worksheet();
    sheet.set_name(tr.t("export-sheet"))?;
    sheet.write_string_with_format(0, 0, title, &bold)?;
    for (c, name) in header(tr).iter().enumerate() {
        sheet.write_string_with_format(1, u16::try_from(c).unwrap_or(0), name, &bold)?;
    }
    for (r, row) in rows(tr, all, caseload).into_iter().enumerate() {
        let r = u32::try_from(r + 2).unwrap_or(u32::MAX);
        sheet.write_string(r, 0, &row.texts[0])?;
        sheet.write_string(r, 1, &row.texts[1])?;
        let format = if row.unit == unit_name(tr, Unit::Share) {
            &share
        } else {
            &plain
        };
        match row.value {
            Some(v) => sheet.write_number_with_format(r, 2, v, format)?,
            None => sheet.write_string(r, 2, &row.note)?,
        };
        sheet.write_string(r, 3, &row.unit)?;
        sheet.write_number(r, 4, row.young_people)?;
        if let Some(reference) = row.reference {
            sheet.write_number_with_format(r, 5, reference, &share)?;
        }
        sheet.write_string(r, 6, &row.about[0])?;
        sheet.write_string(r, 7, &row.about[1])?;
    }
    let after = u32::try_from(all.len() + 3).unwrap_or(u32::MAX);
    for (i, tension) in tensions.iter().enumerate() {
        let r = after + u32::try_from(i).unwrap_or(0);
        sheet.write_string_with_format(r, 0, tr.t("tensions-title"), &bold)?;
        sheet.write_string(r, 1, tr.t(&format!("tension-{}", tension.as_str())))?;
    }
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(6, 60)?;
    book.save_to_buffer()
}

/// A table of texts as a file: a title line, a header and rows, each cell exactly as the page
/// shows it (the hybrid profile card's export). CSV cells are written inert.
pub(crate) fn text_table(
    (kind, locale): (Kind, CsvLocale),
    stem: &str,
    title: &str,
    header: &[String],
    rows: &[Vec<String>],
) -> Result<Response, AppError> {
    let failed = |e: String| AppError::Export(e);
    match kind {
        Kind::Csv => {
            let mut writer = csv_writer(locale);
            for cells in std::iter::once(&vec![title.to_owned()])
                .chain(std::iter::once(&header.to_vec()))
                .chain(rows)
            {
                writer
                    .write_record(cells.iter().map(|c| inert_cell(c).into_owned()))
                    .map_err(|e| failed(e.to_string()))?;
            }
            let bytes = writer.into_inner().map_err(|e| failed(e.to_string()))?;
            Ok(download(
                bytes,
                "text/csv; charset=utf-8",
                &format!("{stem}.csv"),
            ))
        }
        Kind::Xlsx => {
            let mut book = Workbook::new();
            let bold = Format::new().set_bold();
            let sheet = book.add_worksheet();
            let write = |sheet: &mut rust_xlsxwriter::Worksheet| {
                sheet.write_string_with_format(0, 0, title, &bold)?;
                for (c, name) in header.iter().enumerate() {
                    sheet.write_string_with_format(
                        1,
                        u16::try_from(c).unwrap_or(0),
                        name,
                        &bold,
                    )?;
                }
                for (r, cells) in rows.iter().enumerate() {
                    for (c, cell) in cells.iter().enumerate() {
                        sheet.write_string(
                            u32::try_from(r + 2).unwrap_or(u32::MAX),
                            u16::try_from(c).unwrap_or(0),
                            cell,
                        )?;
                    }
                }
                sheet.set_column_width(0, 30)?;
                sheet.set_column_width(1, 40)?;
                Ok::<(), rust_xlsxwriter::XlsxError>(())
            };
            write(sheet).map_err(|e| failed(e.to_string()))?;
            let bytes = book.save_to_buffer().map_err(|e| failed(e.to_string()))?;
            Ok(download(
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("{stem}.xlsx"),
            ))
        }
    }
}

fn download(bytes: Vec<u8>, mime: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}
