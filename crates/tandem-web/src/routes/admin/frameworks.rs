//! Signifier frameworks: the versions of the organization (the shipped default is added on first
//! visit), a version's questions, import of a TOML file, export, copy to the next version (how an
//! administrator edits: stories keep the version they were told under) and archiving (no new
//! campaigns use an archived version).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_app::administration::{self, FrameworkImport, FrameworkRecord};
use tandem_domain::framework::{Framework, FrameworkError, Question, QuestionKind};
use tandem_domain::policy::Action;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::i18n::Translator;
use crate::kit::path_id;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};
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

/// The list and the import form as typed (with its errors, 422, if refused).
async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    definition: String,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let records = administration::frameworks(state.app(), &actor, org).await?;
    let frameworks = records
        .iter()
        .map(|f| FrameworkRow::new(&chrome.tr, f))
        .collect();
    let status = errors.status();
    let page = FrameworksPage {
        chrome,
        frameworks,
        definition,
        errors,
    };
    render(status, &page)
}

impl FrameworkRow {
    fn new(tr: &Translator, f: &FrameworkRecord) -> Self {
        Self {
            id: f.id.to_string(),
            name: name(tr, &f.framework),
            key: f.framework.id().to_owned(),
            version: i64::from(f.framework.version()),
            questions: i64::try_from(f.framework.questions().len()).unwrap_or(0),
            stories: f.stories.unwrap_or_default(),
            archived: f.archived,
        }
    }
}

/// The list and the import form.
async fn list_frameworks(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    page(&state, chrome, &ctx, String::new(), FormErrors::new()).await
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
        FrameworkError::InvalidCodes(d) => ("codes", d.clone()),
        FrameworkError::InvalidWording(d) => ("wording", d.clone()),
    };
    tr.t_str(&format!("framework-error-{key}"), "detail", &detail)
}

/// The pasted definition as a framework, or the translated problem.
fn parse_definition(tr: &Translator, definition: &str) -> Result<Framework, String> {
    if definition.len() > MAX_TOML_BYTES {
        return Err(tr.t("framework-error-size"));
    }
    Framework::parse_toml(definition).map_err(|e| framework_error(tr, &e))
}

/// Stores a framework version from a TOML file (pasted); a taken key and version is refused.
async fn import_framework(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<ImportForm>,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let message = match parse_definition(&chrome.tr, &form.definition) {
        Ok(framework) => {
            match administration::import_framework(state.app(), &actor, org, &framework).await? {
                FrameworkImport::Stored(_) => {
                    return Ok(Redirect::to("/admin/frameworks").into_response());
                }
                FrameworkImport::VersionTaken => chrome.tr.t("framework-error-taken"),
            }
        }
        Err(message) => message,
    };
    let errors = FormErrors::one("definition", message);
    page(&state, chrome, &ctx, form.definition, errors).await
}

/// The framework version named by the path.
async fn load(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
) -> Result<FrameworkRecord, AppError> {
    let org = ctx.staff()?.organization_id;
    Ok(administration::framework(state.app(), org, path_id(id)?).await?)
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
    Page { state, chrome, ctx }: Page,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let record = load(&state, &ctx, &id).await?;
    render(StatusCode::OK, &FrameworkPage::new(chrome, &record))
}

impl QuestionRow {
    fn new(tr: &Translator, q: &Question) -> Self {
        let da = tr.language().code() == "da";
        let pick = |d: &str, e: &str| if da { d.to_owned() } else { e.to_owned() };
        let kind = match q.kind {
            QuestionKind::Triad => "triad",
            QuestionKind::Dyad => "dyad",
            QuestionKind::Slider => "slider",
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::FreeText => "free_text",
            QuestionKind::Metadata => "metadata",
        };
        Self {
            id: q.id.clone(),
            kind: tr.t(&format!("question-kind-{kind}")),
            stem: pick(&q.stem.da, &q.stem.en),
            answers: q
                .labels
                .iter()
                .map(|l| pick(&l.da, &l.en))
                .chain(q.options.iter().map(|o| pick(&o.da, &o.en)))
                .collect::<Vec<_>>()
                .join(" · "),
            reduced: q.reduced,
        }
    }
}

impl FrameworkPage {
    fn new(chrome: Chrome, record: &FrameworkRecord) -> Self {
        let f = &record.framework;
        Self {
            id: record.id.to_string(),
            name: name(&chrome.tr, f),
            key: f.id().to_owned(),
            version: i64::from(f.version()),
            archived: record.archived,
            questions: f
                .questions()
                .iter()
                .map(|q| QuestionRow::new(&chrome.tr, q))
                .collect(),
            chrome,
        }
    }
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
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let new_id = administration::copy_framework(state.app(), &actor, org, path_id(&id)?).await?;
    Ok(Redirect::to(&format!("/admin/frameworks/{new_id}")).into_response())
}

/// Archives a version.
async fn archive_framework(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    administration::archive_framework(state.app(), &actor, org, path_id(&id)?).await?;
    Ok(Redirect::to("/admin/frameworks").into_response())
}
