//! Story files: a campaign exported as Tandem CSV (no authors; ids are keyed hashes with a
//! fresh key per export, R23), and a file imported into a campaign. An import lists every bad
//! row with its line and reason and imports nothing from a file with errors unless the person
//! asks to skip them — then the report says what was skipped.

use askama::Template;
use axum::extract::Multipart;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tandem_app::stories::{self, transfer};
use tandem_domain::story::interchange::{FileError, Format, LineError, MAX_FILE_BYTES};

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, keyword_choices};
use crate::i18n::Translator;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// Bad rows listed on the page (the count says how many more there were).
const LISTED_ERRORS: usize = 200;

/// The campaign as a Tandem story CSV.
pub(super) async fn export_campaign(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let (_, framework) = super::route_campaign(&state, &ctx).await?;
    let (actor, access) = (ctx.actor(state.now()), ctx.campaign()?);
    let language = chrome.tr.language().code();
    let bytes = transfer::export(state.app(), &actor, access, &framework, language).await?;
    Ok(csv_file(&format!("stories-{}.csv", access.id), bytes))
}

/// `bytes` as a CSV file to save as `name`.
fn csv_file(name: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    (headers, bytes).into_response()
}

#[derive(Template)]
#[template(path = "stories/import.html")]
struct ImportPage {
    chrome: Chrome,
    id: String,
    title: String,
    formats: Vec<Choice>,
    skip_invalid: bool,
    file_error: Option<String>,
    row_errors: Vec<String>,
    more_errors: i64,
    imported: Option<i64>,
    skipped: i64,
    /// The file's columns that are not questions of the framework, left out.
    ignored: Option<String>,
}

async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    status: StatusCode,
    fill: impl FnOnce(&mut ImportPage),
) -> Result<Response, AppError> {
    let campaign = stories::campaign(state.app(), ctx.campaign()?).await?;
    let mut shown = ImportPage {
        id: campaign.id.to_string(),
        title: campaign.details.title.as_str().to_owned(),
        formats: keyword_choices(
            &chrome.tr,
            "format",
            Format::ALL.iter().map(|f| f.as_str()),
            "tandem",
        ),
        skip_invalid: false,
        file_error: None,
        row_errors: Vec::new(),
        more_errors: 0,
        imported: None,
        skipped: 0,
        ignored: None,
        chrome,
    };
    fill(&mut shown);
    render(status, &shown)
}

/// The upload form.
pub(super) async fn import_form(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    page(&state, chrome, &ctx, StatusCode::OK, |_| {}).await
}

fn file_error(tr: &Translator, error: &FileError) -> String {
    let detail = match error {
        FileError::Header(d) => d.clone(),
        FileError::MissingColumn(c) => (*c).to_owned(),
        FileError::Empty | FileError::TooLarge => String::new(),
    };
    tr.t_str(&format!("import-error-{}", error.key()), "detail", &detail)
}

fn row_error(tr: &Translator, error: &LineError) -> String {
    let line = i64::try_from(error.line).unwrap_or(0);
    format!(
        "{}: {} ({})",
        tr.t_num("import-line", "line", line),
        tr.t(&format!("import-row-{}", error.key)),
        error.detail
    )
}

/// What the upload held.
struct Upload {
    format: Format,
    skip_invalid: bool,
    bytes: Option<Vec<u8>>,
}

/// Reads the form; a file over the limit is stopped as soon as it passes it (`bytes: None`).
async fn read_upload(mut multipart: Multipart) -> Result<Upload, StatusCode> {
    let mut upload = Upload {
        format: Format::Tandem,
        skip_invalid: false,
        bytes: Some(Vec::new()),
    };
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| StatusCode::BAD_REQUEST)?
    {
        match field.name().unwrap_or_default() {
            "format" => {
                let text = field.text().await.map_err(|_| StatusCode::BAD_REQUEST)?;
                upload.format = Format::parse(&text).map_err(|_| StatusCode::BAD_REQUEST)?;
            }
            "skip_invalid" => upload.skip_invalid = true,
            "file" => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| StatusCode::BAD_REQUEST)? {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > MAX_FILE_BYTES {
                        upload.bytes = None;
                        break;
                    }
                }
                if upload.bytes.is_some() {
                    upload.bytes = Some(bytes);
                }
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// What an upload came to.
enum Outcome {
    /// The file was refused as a whole.
    Refused(FileError),
    /// Bad rows (and skipping them was not asked), or no story at all; the columns left out.
    BadRows(Vec<LineError>, Vec<String>),
    /// Stories were imported; the bad rows were skipped and the columns left out.
    Imported {
        imported: usize,
        skipped: Vec<LineError>,
        skip_invalid: bool,
        ignored: Vec<String>,
    },
}

impl Outcome {
    /// Reads the upload against the campaign's framework and imports it when nothing is refused
    /// (or the bad rows are to be skipped). A large import has the campaign's columns read
    /// right after, in the background.
    async fn of(state: &AppState, ctx: &RequestContext, upload: Upload) -> Result<Self, AppError> {
        let Some(bytes) = upload.bytes else {
            return Ok(Self::Refused(FileError::TooLarge));
        };
        let (campaign, framework) = super::route_campaign(state, ctx).await?;
        let parsed = match transfer::read_file(upload.format, framework, bytes).await? {
            Ok(parsed) => parsed,
            Err(error) => return Ok(Self::Refused(error)),
        };
        if (!parsed.errors.is_empty() && !upload.skip_invalid) || parsed.stories.is_empty() {
            return Ok(Self::BadRows(parsed.errors, parsed.ignored_columns));
        }
        let access = ctx.campaign()?;
        let target = stories::ImportTarget {
            organization_id: access.organization_id,
            campaign: access.id,
            framework: campaign.framework_id,
        };
        let (app, actor) = (state.app(), ctx.actor(state.now()));
        let imported =
            stories::import(app, &actor, target, &parsed.stories, state.today(), |_| {}).await?;
        crate::story_columns::after_import(state, access, imported);
        Ok(Self::Imported {
            imported,
            skipped: parsed.errors,
            skip_invalid: upload.skip_invalid,
            ignored: parsed.ignored_columns,
        })
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Imported { .. } => StatusCode::OK,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// Shows the outcome on the import page: the file's problem, or the bad rows listed (the
    /// first [`LISTED_ERRORS`]) with how many more there were, and what was imported.
    fn show(self, page: &mut ImportPage) {
        let tr = page.chrome.tr.clone();
        let ignored = |columns: &[String], page: &mut ImportPage| {
            page.ignored = (!columns.is_empty())
                .then(|| tr.t_str("import-ignored-columns", "columns", &columns.join(", ")));
        };
        let list = |errors: &[LineError], page: &mut ImportPage| {
            page.row_errors = errors
                .iter()
                .take(LISTED_ERRORS)
                .map(|e| row_error(&tr, e))
                .collect();
            page.more_errors =
                i64::try_from(errors.len().saturating_sub(LISTED_ERRORS)).unwrap_or(0);
        };
        match self {
            Self::Refused(error) => page.file_error = Some(file_error(&tr, &error)),
            Self::BadRows(errors, columns) => {
                list(&errors, page);
                ignored(&columns, page);
                if errors.is_empty() {
                    page.file_error = Some(tr.t("import-error-no-stories"));
                }
            }
            Self::Imported {
                imported,
                skipped,
                skip_invalid,
                ignored: columns,
            } => {
                ignored(&columns, page);
                page.imported = Some(i64::try_from(imported).unwrap_or(0));
                page.skipped = i64::try_from(skipped.len()).unwrap_or(0);
                list(&skipped, page);
                page.skip_invalid = skip_invalid;
            }
        }
    }
}

/// Imports a story file into the campaign.
pub(super) async fn import_stories(
    Page { state, chrome, ctx }: Page,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(status) => return Ok(status.into_response()),
    };
    let outcome = Outcome::of(&state, &ctx, upload).await?;
    page(&state, chrome, &ctx, outcome.status(), |p| outcome.show(p)).await
}
