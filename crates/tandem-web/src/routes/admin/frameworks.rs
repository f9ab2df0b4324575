//! Signifier frameworks: the versions of the organization (the shipped default is added on first
//! visit), a version's questions, import of a TOML file, export, copy to the next version (how an
//! administrator edits: stories keep the version they were told under) and archiving (no new
//! campaigns use an archived version).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::framework::{Framework, FrameworkError, QuestionKind};
use tandem_domain::policy::Action;
use tandem_store::stories::FrameworkVersion;

use crate::audit::{Entry, event};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::i18n::Translator;
use crate::kit::path_id;
use crate::page::{Chrome, render};
use crate::routes::{Access, Route};
use crate::state::AppState;

/// The largest framework file taken (bytes).
const MAX_TOML_BYTES: usize = 256 * 1024;

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    let manage = Access::Staff(Action::ManageFrameworks);
    vec![
        Route::get("/admin/frameworks", manage, list_frameworks),
        Route::post("/admin/frameworks", manage, import_framework),
        Route::get("/admin/frameworks/{framework_id}", manage, show_framework),
        Route::get(
            "/admin/frameworks/{framework_id}/export",
            manage,
            export_framework,
        ),
        Route::post(
            "/admin/frameworks/{framework_id}/copy",
            manage,
            copy_framework,
        ),
        Route::post(
            "/admin/frameworks/{framework_id}/archive",
            manage,
            archive_framework,
        ),
    ]
}

struct FrameworkRow {
    id: String,
    name: String,
    key: String,
    version: i64,
    questions: i64,
    stories: i64,
    archived: bool,
}

#[derive(Template)]
#[template(path = "admin/frameworks.html")]
struct FrameworksPage {
    chrome: Chrome,
    frameworks: Vec<FrameworkRow>,
    definition: String,
    errors: FormErrors,
}

fn name(tr: &Translator, framework: &Framework) -> String {
    let name = framework.name();
    if tr.language().code() == "da" {
        name.da.clone()
    } else {
        name.en.clone()
    }
}

async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    definition: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    state
        .store()
        .ensure_default_framework(org, state.now())
        .await?;
    let frameworks = state
        .store()
        .frameworks(org)
        .await?
        .into_iter()
        .map(|f| FrameworkRow {
            id: f.id.to_string(),
            name: name(&chrome.tr, &f.framework),
            key: f.framework.id().to_owned(),
            version: i64::from(f.framework.version()),
            questions: i64::try_from(f.framework.questions().len()).unwrap_or(0),
            stories: f.stories.unwrap_or_default(),
            archived: f.archived,
        })
        .collect();
    render(
        status,
        &FrameworksPage {
            chrome,
            frameworks,
            definition,
            errors,
        },
    )
}

/// The list and the import form.
async fn list_frameworks(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    page(
        &state,
        chrome,
        &ctx,
        String::new(),
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ImportForm {
    definition: String,
}

fn framework_error(tr: &Translator, error: &FrameworkError) -> String {
    let (key, detail) = match error {
        FrameworkError::Syntax(d) => ("syntax", d.clone()),
        FrameworkError::InvalidId(d) => ("id", d.clone()),
        FrameworkError::DuplicateId(d) => ("duplicate", d.clone()),
        FrameworkError::WrongLabelCount { question, .. } => ("labels", question.clone()),
        FrameworkError::TooFewOptions(d) => ("options", d.clone()),
        FrameworkError::InvalidMax(d) => ("max", d.clone()),
        FrameworkError::MissingTranslation(d) => ("translation", d.clone()),
        FrameworkError::NoQuestions => ("empty", String::new()),
    };
    tr.t_str(&format!("framework-error-{key}"), "detail", &detail)
}

/// Stores a framework version from a TOML file (pasted); a taken key and version is refused.
async fn import_framework(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<ImportForm>,
) -> Result<Response, AppError> {
    let tr = chrome.tr.clone();
    let org = ctx.staff()?.organization_id;
    let mut errors = FormErrors::new();
    let parsed = if form.definition.len() > MAX_TOML_BYTES {
        Err(tr.t("framework-error-size"))
    } else {
        Framework::parse_toml(&form.definition).map_err(|e| framework_error(&tr, &e))
    };
    let framework = match parsed {
        Ok(framework) => framework,
        Err(message) => {
            errors.add("definition", message);
            return page(
                &state,
                chrome,
                &ctx,
                form.definition,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = state.store().begin().await?;
    if tx
        .framework_version_exists(org, framework.id(), framework.version())
        .await?
    {
        drop(tx);
        errors.add("definition", tr.t("framework-error-taken"));
        return page(
            &state,
            chrome,
            &ctx,
            form.definition,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let id = tx.insert_framework(org, &framework, state.now()).await?;
    tx.append_audit(event(
        &state,
        &ctx,
        Entry::allowed(
            "framework.import",
            "framework",
            Some(id.to_string()),
            "frameworks",
        ),
    ))
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/frameworks").into_response())
}

async fn load(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
) -> Result<tandem_store::stories::frameworks::FrameworkRecord, AppError> {
    let id: tandem_domain::Id<FrameworkVersion> = path_id(id)?;
    state
        .store()
        .framework(ctx.staff()?.organization_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

struct QuestionRow {
    id: String,
    kind: String,
    stem: String,
    answers: String,
    reduced: bool,
}

#[derive(Template)]
#[template(path = "admin/framework.html")]
struct FrameworkPage {
    chrome: Chrome,
    id: String,
    name: String,
    key: String,
    version: i64,
    archived: bool,
    questions: Vec<QuestionRow>,
}

/// One version's questions.
async fn show_framework(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let record = load(&state, &ctx, &id).await?;
    let tr = chrome.tr.clone();
    let da = tr.language().code() == "da";
    let pick = |d: &str, e: &str| if da { d.to_owned() } else { e.to_owned() };
    let f = &record.framework;
    let questions = f
        .questions()
        .iter()
        .map(|q| QuestionRow {
            id: q.id.clone(),
            kind: tr.t(&format!(
                "question-kind-{}",
                match q.kind {
                    QuestionKind::Triad => "triad",
                    QuestionKind::Dyad => "dyad",
                    QuestionKind::Slider => "slider",
                    QuestionKind::Single => "single",
                    QuestionKind::Multiple => "multiple",
                    QuestionKind::FreeText => "free_text",
                    QuestionKind::Metadata => "metadata",
                }
            )),
            stem: pick(&q.stem.da, &q.stem.en),
            answers: q
                .labels
                .iter()
                .map(|l| pick(&l.da, &l.en))
                .chain(q.options.iter().map(|o| pick(&o.da, &o.en)))
                .collect::<Vec<_>>()
                .join(" · "),
            reduced: q.reduced,
        })
        .collect();
    let page = FrameworkPage {
        id: record.id.to_string(),
        name: name(&tr, f),
        key: f.id().to_owned(),
        version: i64::from(f.version()),
        archived: record.archived,
        questions,
        chrome,
    };
    render(StatusCode::OK, &page)
}

/// The version as a TOML file.
async fn export_framework(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let record = load(&state, &ctx, &id).await?;
    let text = record.framework.to_toml().map_err(|_| AppError::NotFound)?;
    let file = format!(
        "{}-v{}.toml",
        record.framework.id(),
        record.framework.version()
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        text,
    )
        .into_response())
}

/// A copy as the next free version of the same framework.
async fn copy_framework(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let record = load(&state, &ctx, &id).await?;
    let org = ctx.staff()?.organization_id;
    let latest = state
        .store()
        .latest_framework_version(org, record.framework.id())
        .await?
        .unwrap_or(0);
    let mut copy = record.framework.next_version();
    while i64::from(copy.version()) <= i64::from(latest) {
        copy = copy.next_version();
    }
    let mut tx = state.store().begin().await?;
    let new_id = tx.insert_framework(org, &copy, state.now()).await?;
    tx.append_audit(event(
        &state,
        &ctx,
        Entry::allowed(
            "framework.copy",
            "framework",
            Some(new_id.to_string()),
            "frameworks",
        ),
    ))
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/frameworks/{new_id}")).into_response())
}

/// Archives a version.
async fn archive_framework(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let record = load(&state, &ctx, &id).await?;
    let mut tx = state.store().begin().await?;
    tx.archive_framework(ctx.staff()?.organization_id, record.id, state.now())
        .await?;
    tx.append_audit(event(
        &state,
        &ctx,
        Entry::allowed(
            "framework.archive",
            "framework",
            Some(record.id.to_string()),
            "frameworks",
        ),
    ))
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/frameworks").into_response())
}
