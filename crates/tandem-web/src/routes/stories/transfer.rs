//! Story files: a campaign exported as Tandem CSV (no authors; ids are keyed hashes with a
//! fresh key per export, R23), and a file imported into a campaign. An import lists every bad
//! row with its line and reason and imports nothing from a file with errors unless the person
//! asks to skip them — then the report says what was skipped.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tandem_app::stories;
use tandem_domain::story::interchange::tandem::ExportRow;
use tandem_domain::story::interchange::{self, FileError, Format, LineError, MAX_FILE_BYTES};

use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, keyword_choices};
use crate::i18n::Translator;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// Bad rows listed on the page (the count says how many more there were).
const LISTED_ERRORS: usize = 200;

/// The campaign as a Tandem story CSV.
pub(super) async fn export_campaign(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let access = ctx.campaign()?.clone();
    let store = state.store();
    let (_, framework) = super::route_campaign(&state, &ctx).await?;
    let stories = store
        .export_stories(access.organization_id, access.id, &framework)
        .await?;
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|_| AppError::Randomness)?;
    let keys: Vec<String> = stories
        .iter()
        .map(|(s, _)| {
            let mut hasher = Sha256::new();
            hasher.update(key);
            hasher.update(s.id.to_string().as_bytes());
            hex::encode(&hasher.finalize()[..12])
        })
        .collect();
    let rows = stories
        .iter()
        .zip(&keys)
        .map(|((s, answers), key)| ExportRow {
            key,
            text: &s.body,
            collected_on: s.collected_on,
            answers,
        });
    let mut bytes = Vec::new();
    interchange::tandem::write(&framework, rows, chrome.tr.language().code(), &mut bytes)
        .map_err(|_| AppError::NotFound)?;
    let mut tx = store.begin().await?;
    tx.append_audit(event(
        &state,
        &ctx,
        Entry::allowed(
            "campaign.export",
            "campaign",
            Some(access.id.to_string()),
            "export",
        ),
    ))
    .await?;
    tx.commit().await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"stories-{}.csv\"", access.id),
            ),
        ],
        bytes,
    )
        .into_response())
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
}

async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    status: StatusCode,
    fill: impl FnOnce(&mut ImportPage),
) -> Result<Response, AppError> {
    let access = ctx.campaign()?;
    let campaign = state
        .store()
        .campaign(access.organization_id, access.id)
        .await?
        .ok_or(AppError::NotFound)?;
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
        chrome,
    };
    fill(&mut shown);
    render(status, &shown)
}

/// The upload form.
pub(super) async fn import_form(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    page(&state, chrome, &ctx, StatusCode::OK, |_| {}).await
}

fn file_error(tr: &Translator, error: &FileError) -> String {
    let detail = match error {
        FileError::Header(d) => d.clone(),
        FileError::MissingColumn(c) => (*c).to_owned(),
        FileError::UnknownColumns(c) => c.join(", "),
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

/// Imports a story file into the campaign.
pub(super) async fn import_stories(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let access = ctx.campaign()?.clone();
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(status) => return Ok(status.into_response()),
    };
    let Some(bytes) = upload.bytes else {
        let message = file_error(&tr, &FileError::TooLarge);
        return page(
            &state,
            chrome,
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            |p| p.file_error = Some(message),
        )
        .await;
    };
    let (campaign, framework) = super::route_campaign(&state, &ctx).await?;
    let format = upload.format;
    // Reading a large file is CPU work: off the async executor.
    let parsed = tokio::task::spawn_blocking(move || interchange::read(format, &framework, &bytes))
        .await
        .map_err(|_| AppError::NotFound)?;
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let message = file_error(&tr, &error);
            return page(
                &state,
                chrome,
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                |p| p.file_error = Some(message),
            )
            .await;
        }
    };
    let listed: Vec<String> = parsed
        .errors
        .iter()
        .take(LISTED_ERRORS)
        .map(|e| row_error(&tr, e))
        .collect();
    let more = i64::try_from(parsed.errors.len().saturating_sub(LISTED_ERRORS)).unwrap_or(0);
    let skipped = i64::try_from(parsed.errors.len()).unwrap_or(0);
    if (!parsed.errors.is_empty() && !upload.skip_invalid) || parsed.stories.is_empty() {
        let nothing = parsed.errors.is_empty();
        return page(
            &state,
            chrome,
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            |p| {
                p.row_errors = listed;
                p.more_errors = more;
                if nothing {
                    p.file_error = Some(tr.t("import-error-no-stories"));
                }
            },
        )
        .await;
    }
    let target = stories::ImportTarget {
        organization_id: access.organization_id,
        campaign: access.id,
        framework: campaign.framework_id,
    };
    let actor = ctx.actor(state.now());
    let imported = stories::import(
        state.app(),
        &actor,
        target,
        &parsed.stories,
        state.today(),
        |_| {},
    )
    .await?;
    if imported >= crate::story_columns::READ_AHEAD_AFTER_IMPORT {
        // The pattern pages would otherwise read the whole campaign on their next request.
        let state = state.clone();
        let (org, id) = (access.organization_id, access.id);
        tokio::spawn(async move { crate::story_columns::read_ahead(&state, org, id).await });
    }
    page(&state, chrome, &ctx, StatusCode::OK, |p| {
        p.imported = Some(i64::try_from(imported).unwrap_or(0));
        p.skipped = skipped;
        p.row_errors = listed;
        p.more_errors = more;
        p.skip_invalid = upload.skip_invalid;
    })
    .await
}
