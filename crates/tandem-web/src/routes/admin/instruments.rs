//! Instruments: the shipped three and those the administrators define (items, range, step,
//! star-like areas, licence), and the norms table by age band (clinical cut-off, reliable-change
//! threshold) for any instrument — norms are data, never code.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_domain::instrument::{Instrument, Norm, format_tenths, parse_tenths};
use tandem_domain::policy::Action;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::i18n::Translator;
use crate::kit::instrument_name;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};
use crate::state::AppState;
use tandem_app::administration::{self, InstrumentChange};

/// The longest item text, in characters: a question fits a phone screen well within this.
const MAX_ITEM_CHARS: usize = 300;

/// The longest licence holder, in characters.
const MAX_LICENCE_CHARS: usize = 200;

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

/// What was typed into the page's forms, shown again when one is refused: the new instrument,
/// and the norm form of the instrument `norm_for`.
#[derive(Debug, Default)]
struct Typed {
    instrument: InstrumentForm,
    norm_for: String,
    norm: NormForm,
}

impl InstrumentRow {
    fn new(
        tr: &Translator,
        index: usize,
        i: &Instrument,
        typed: &Typed,
        errors: &FormErrors,
    ) -> Self {
        let typed_here = i.key == typed.norm_for;
        Self {
            age_field: if typed_here {
                "norm-age_from".to_owned()
            } else {
                format!("norm-age_from-{index}")
            },
            norm: if typed_here {
                typed.norm.clone()
            } else {
                NormForm::default()
            },
            norm_error: errors
                .get("norm-age_from")
                .filter(|_| typed_here)
                .map(str::to_owned),
            key: i.key.clone(),
            name: instrument_name(tr, i),
            items: i64::try_from(i.items.len()).unwrap_or(0),
            range: format!(
                "{}–{} ({} {})",
                format_tenths(i.min),
                format_tenths(i.max),
                tr.t("instrument-step"),
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
        }
    }
}

/// The instruments page with what was typed (and its errors, 422, when refused).
async fn page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    typed: Typed,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let config = state.app().configuration_now(org).await?;
    let instruments = config
        .instruments
        .iter()
        .enumerate()
        .map(|(index, i)| InstrumentRow::new(&chrome.tr, index, i, &typed, &errors))
        .collect();
    let status = errors.status();
    let form = typed.instrument;
    render(
        status,
        &InstrumentsPage {
            chrome,
            instruments,
            form,
            errors,
        },
    )
}

async fn list_instruments(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let instrument = InstrumentForm {
        min: "0".into(),
        max: "10".into(),
        step: "1".into(),
        ..InstrumentForm::default()
    };
    let typed = Typed {
        instrument,
        ..Typed::default()
    };
    page(&state, chrome, &ctx, typed, FormErrors::new()).await
}

impl InstrumentForm {
    /// What was typed, for re-display after an error (see [`crate::forms::redisplayed`]).
    fn redisplayed(self) -> Self {
        use crate::forms::redisplayed as shown;
        Self {
            name: shown(&self.name),
            items: shown(&self.items),
            min: shown(&self.min),
            max: shown(&self.max),
            step: shown(&self.step),
            areas: self.areas,
            licence_holder: shown(&self.licence_holder),
        }
    }

    /// A new instrument of the organization's own (with a new key), or the field problems.
    fn parse(&self, tr: &Translator) -> Result<Instrument, FormErrors> {
        let mut errors = FormErrors::new();
        let name = tandem_domain::PlainText::parse_single_line(&self.name, 120)
            .map_err(|_| errors.add("name", tr.t("instrument-error-name")))
            .ok();
        let number = |v: &str| parse_tenths(v).ok();
        let (min, max, step) = (number(&self.min), number(&self.max), number(&self.step));
        if min.is_none() || max.is_none() || step.is_none() {
            errors.add("min", tr.t("instrument-error-range"));
        }
        // Every item is a line a young person reads and answers: one line of plain text each.
        let items: Option<Vec<String>> = self
            .items
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                tandem_domain::PlainText::parse_single_line(l, MAX_ITEM_CHARS)
                    .ok()
                    .map(tandem_domain::PlainText::into_string)
            })
            .collect();
        if items.is_none() {
            errors.add("items", tr.t("instrument-error-item-text"));
        }
        let licence_holder = if self.licence_holder.trim().is_empty() {
            Some(None)
        } else {
            tandem_domain::PlainText::parse_single_line(&self.licence_holder, MAX_LICENCE_CHARS)
                .map(|l| Some(l.into_string()))
                .map_err(|_| errors.add("licence_holder", tr.t("instrument-error-licence")))
                .ok()
        };
        let (Some(name), Some(min), Some(max), Some(step), Some(items), Some(licence_holder)) =
            (name, min, max, step, items, licence_holder)
        else {
            return Err(errors);
        };
        let instrument = Instrument {
            key: uuid::Uuid::now_v7().to_string(),
            name: name.into_string(),
            items,
            min,
            max,
            step,
            areas: self.areas.is_some(),
            licence_holder,
            alert: None,
            per_goal: false,
            norms: Vec::new(),
        };
        match instrument.validate() {
            Ok(()) => Ok(instrument),
            Err(e) => {
                let field = if e.key() == "range" { "min" } else { "items" };
                Err(FormErrors::one(
                    field,
                    tr.t(&format!("instrument-error-{}", e.key())),
                ))
            }
        }
    }
}

async fn create_instrument(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<InstrumentForm>,
) -> Result<Response, AppError> {
    let instrument = match form.parse(&chrome.tr) {
        Ok(instrument) => instrument,
        Err(errors) => {
            let typed = Typed {
                instrument: form.redisplayed(),
                ..Typed::default()
            };
            return page(&state, chrome, &ctx, typed, errors).await;
        }
    };
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let change = InstrumentChange::Created;
    administration::save_instrument(state.app(), &actor, org, &instrument, change).await?;
    Ok(Redirect::to("/admin/instruments").into_response())
}

impl NormForm {
    /// Adds the norm to `instrument`, or the problem when it does not parse or does not fit
    /// the instrument's other norms.
    fn add_to(&self, tr: &Translator, instrument: &mut Instrument) -> Result<(), FormErrors> {
        let age = |v: &str| v.trim().parse::<i32>().ok();
        let parsed = (
            age(&self.age_from),
            age(&self.age_to),
            parse_tenths(&self.cut_off).ok(),
            parse_tenths(&self.reliable_change).ok(),
        );
        if let (Some(age_from), Some(age_to), Some(cut_off), Some(reliable_change)) = parsed {
            instrument.norms.push(Norm {
                age_from,
                age_to,
                cut_off,
                reliable_change,
            });
            if instrument.validate().is_ok() {
                return Ok(());
            }
        }
        Err(FormErrors::one(
            "norm-age_from",
            tr.t("instrument-error-norms"),
        ))
    }
}

async fn add_norm(
    Page { state, chrome, ctx }: Page,
    Path(key): Path<String>,
    Form(norm): Form<NormForm>,
) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    // Read now, not the kept copy: the whole definition is saved back, so an older copy would
    // undo a norm added on another instance.
    let config = state.app().configuration_now(org).await?;
    let mut instrument = config.instrument(&key).cloned().ok_or(AppError::NotFound)?;
    if let Err(errors) = norm.add_to(&chrome.tr, &mut instrument) {
        let typed = Typed {
            norm_for: key,
            norm,
            ..Typed::default()
        };
        return page(&state, chrome, &ctx, typed, errors).await;
    }
    let change = InstrumentChange::Norms;
    administration::save_instrument(state.app(), &actor, org, &instrument, change).await?;
    Ok(Redirect::to("/admin/instruments").into_response())
}
