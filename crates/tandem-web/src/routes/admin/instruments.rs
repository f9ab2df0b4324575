//! Instruments: the shipped three and those the administrators define (items, range, step,
//! star-like areas, licence), and the norms table by age band (clinical cut-off, reliable-change
//! threshold) for any instrument — norms are data, never code.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::instrument::{Instrument, Norm, format_tenths, parse_tenths};
use tandem_domain::policy::Action;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::kit::instrument_name;
use crate::page::{Chrome, render};
use crate::routes::{Access, Route};
use crate::state::AppState;
use tandem_app::administration::{self, InstrumentChange};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    let manage = Access::Staff(Action::ManageInstruments);
    vec![
        Route::get("/admin/instruments", manage, list_instruments),
        Route::post("/admin/instruments", manage, create_instrument),
        Route::post("/admin/instruments/{key}/norms", manage, add_norm),
    ]
}

struct InstrumentRow {
    key: String,
    name: String,
    items: i64,
    range: String,
    shipped: bool,
    licence: String,
    norms: Vec<(String, String, String)>,
    /// The norm form's id for its first field (the error summary links to the failed one).
    age_field: String,
    norm: NormForm,
    norm_error: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct InstrumentForm {
    name: String,
    items: String,
    min: String,
    max: String,
    step: String,
    areas: Option<String>,
    licence_holder: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct NormForm {
    age_from: String,
    age_to: String,
    cut_off: String,
    reliable_change: String,
}

#[derive(Template)]
#[template(path = "admin/instruments.html")]
struct InstrumentsPage {
    chrome: Chrome,
    instruments: Vec<InstrumentRow>,
    form: InstrumentForm,
    errors: FormErrors,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one page, re-rendered by three handlers with their input"
)]
async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    form: InstrumentForm,
    norm_for: String,
    norm: NormForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let config = state.app().configuration_now(org).await?;
    let instruments = &config.instruments;
    let rows = instruments
        .iter()
        .enumerate()
        .map(|(index, i)| InstrumentRow {
            age_field: if i.key == norm_for {
                "norm-age_from".to_owned()
            } else {
                format!("norm-age_from-{index}")
            },
            norm: if i.key == norm_for {
                norm.clone()
            } else {
                NormForm::default()
            },
            norm_error: if i.key == norm_for {
                errors.get("norm-age_from").map(str::to_owned)
            } else {
                None
            },
            key: i.key.clone(),
            name: instrument_name(&chrome.tr, i),
            items: i64::try_from(i.items.len()).unwrap_or(0),
            range: format!(
                "{}–{} ({} {})",
                format_tenths(i.min),
                format_tenths(i.max),
                chrome.tr.t("instrument-step"),
                format_tenths(i.step)
            ),
            shipped: i.is_shipped(),
            licence: i.licence_holder.clone().unwrap_or_default(),
            norms: i
                .norms
                .iter()
                .map(|n| {
                    (
                        format!("{}–{}", n.age_from, n.age_to),
                        format_tenths(n.cut_off),
                        format_tenths(n.reliable_change),
                    )
                })
                .collect(),
        })
        .collect();
    render(
        status,
        &InstrumentsPage {
            chrome,
            instruments: rows,
            form,
            errors,
        },
    )
}

async fn list_instruments(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let form = InstrumentForm {
        min: "0".into(),
        max: "10".into(),
        step: "1".into(),
        ..InstrumentForm::default()
    };
    page(
        &state,
        chrome,
        &ctx,
        form,
        String::new(),
        NormForm::default(),
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn create_instrument(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Form(form): Form<InstrumentForm>,
) -> Result<Response, AppError> {
    let tr = &chrome.tr;
    let mut errors = FormErrors::new();
    let name = tandem_domain::PlainText::parse_single_line(&form.name, 120)
        .map_err(|_| errors.add("name", tr.t("instrument-error-name")))
        .ok();
    let items: Vec<String> = form
        .items
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let number = |v: &str| parse_tenths(v).ok();
    let (min, max, step) = (number(&form.min), number(&form.max), number(&form.step));
    if min.is_none() || max.is_none() || step.is_none() {
        errors.add("min", tr.t("instrument-error-range"));
    }
    let (Some(name), Some(min), Some(max), Some(step), true) =
        (name, min, max, step, errors.is_empty())
    else {
        return page(
            &state,
            chrome,
            &ctx,
            form,
            String::new(),
            NormForm::default(),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let instrument = Instrument {
        key: uuid::Uuid::now_v7().to_string(),
        name: name.into_string(),
        items,
        min,
        max,
        step,
        areas: form.areas.is_some(),
        licence_holder: Some(form.licence_holder.trim().to_owned())
            .filter(|l| !l.is_empty() && l.chars().count() <= 200),
        alert: None,
        per_goal: false,
        norms: Vec::new(),
    };
    if let Err(e) = instrument.validate() {
        let field = if e.key() == "range" { "min" } else { "items" };
        errors.add(field, tr.t(&format!("instrument-error-{}", e.key())));
        return page(
            &state,
            chrome,
            &ctx,
            form,
            String::new(),
            NormForm::default(),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let org = ctx.staff()?.organization_id;
    let (actor, change) = (ctx.actor(state.now()), InstrumentChange::Created);
    administration::save_instrument(state.app(), &actor, org, &instrument, change).await?;
    Ok(Redirect::to("/admin/instruments").into_response())
}

async fn add_norm(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
    Path(key): Path<String>,
    Form(norm): Form<NormForm>,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    // Read now, not the kept copy: the whole definition is saved back, so an older copy would
    // undo a norm added on another instance.
    let config = state.app().configuration_now(org).await?;
    let mut instrument = config.instrument(&key).cloned().ok_or(AppError::NotFound)?;
    let age = |v: &str| v.trim().parse::<i32>().ok();
    let parsed = (
        age(&norm.age_from),
        age(&norm.age_to),
        parse_tenths(&norm.cut_off).ok(),
        parse_tenths(&norm.reliable_change).ok(),
    );
    let mut errors = FormErrors::new();
    if let (Some(age_from), Some(age_to), Some(cut_off), Some(reliable_change)) = parsed {
        instrument.norms.push(Norm {
            age_from,
            age_to,
            cut_off,
            reliable_change,
        });
        if instrument.validate().is_err() {
            errors.add("norm-age_from", chrome.tr.t("instrument-error-norms"));
        }
    } else {
        errors.add("norm-age_from", chrome.tr.t("instrument-error-norms"));
    }
    if !errors.is_empty() {
        return page(
            &state,
            chrome,
            &ctx,
            InstrumentForm::default(),
            key,
            norm,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let (actor, change) = (ctx.actor(state.now()), InstrumentChange::Norms);
    administration::save_instrument(state.app(), &actor, org, &instrument, change).await?;
    Ok(Redirect::to("/admin/instruments").into_response())
}
