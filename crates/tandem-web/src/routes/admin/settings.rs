//! The organization's course settings: whether team managers read their team's courses, the
//! deadline rule set and amber threshold, the session-feedback alert thresholds, the list of
//! legal bases and the caseload ranges of the three columns.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_app::administration::{self, CourseSettings, RuleSetChoice};
use tandem_domain::indicators::CaseloadThresholds;
use tandem_domain::instrument::{AlertRule, parse_tenths};
use tandem_domain::policy::Action;

use crate::error::AppError;
use crate::forms::{Choice, Form, FormErrors};
use crate::i18n::Translator;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get(
            "/admin/settings",
            Access::Staff(Action::ManageSettings),
            show_settings,
        ),
        Route::post(
            "/admin/settings",
            Access::Staff(Action::ManageSettings),
            update_settings,
        ),
    ]
}

/// The settings form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct SettingsForm {
    managers_read_courses: Option<String>,
    amber_days: String,
    rules: String,
    feedback_total_below: String,
    feedback_item_below: String,
    legal_bases: String,
    caseload_union_low: String,
    caseload_union_high: String,
    caseload_intensive_low: String,
    caseload_intensive_high: String,
}

impl SettingsForm {
    fn from_settings(s: &CourseSettings) -> Self {
        use tandem_domain::instrument::format_tenths;
        Self {
            managers_read_courses: s.managers_read_courses.then(|| "on".to_owned()),
            amber_days: s.amber_days.to_string(),
            rules: s.rules.as_str().to_owned(),
            feedback_total_below: format_tenths(s.feedback.total_below),
            feedback_item_below: format_tenths(s.feedback.item_below),
            legal_bases: s.legal_bases.join("\n"),
            caseload_union_low: s.caseload.union.0.to_string(),
            caseload_union_high: s.caseload.union.1.to_string(),
            caseload_intensive_low: s.caseload.intensive.0.to_string(),
            caseload_intensive_high: s.caseload.intensive.1.to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    form: SettingsForm,
    rules: Vec<Choice>,
    errors: FormErrors,
    saved: bool,
}

fn page(
    chrome: Chrome,
    form: SettingsForm,
    errors: FormErrors,
    saved: bool,
    status: StatusCode,
) -> Result<Response, AppError> {
    let rules = Choice::list(
        RuleSetChoice::ALL.iter().map(|r| {
            (
                r.as_str().to_owned(),
                chrome.tr.t(&format!("rules-{}", r.as_str())),
            )
        }),
        &form.rules,
    );
    render(
        status,
        &SettingsPage {
            chrome,
            form,
            rules,
            errors,
            saved,
        },
    )
}

/// A caseload range as typed: both empty is the default; otherwise two whole numbers making a
/// valid range.
fn caseload_range((low, high): (&str, &str), default: (u32, u32)) -> Option<(u32, u32)> {
    if low.trim().is_empty() && high.trim().is_empty() {
        return Some(default);
    }
    let range = (low.trim().parse().ok()?, high.trim().parse().ok()?);
    CaseloadThresholds::valid(range).then_some(range)
}

#[derive(Debug, Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn show_settings(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<SavedQuery>,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let settings = state.app().configuration_now(org).await?.settings.clone();
    page(
        chrome,
        SettingsForm::from_settings(&settings),
        FormErrors::new(),
        query.saved.is_some(),
        StatusCode::OK,
    )
}

impl SettingsForm {
    /// The settings as typed, or the translated problems of each field.
    fn parse(&self, tr: &Translator) -> Result<CourseSettings, FormErrors> {
        let mut errors = FormErrors::new();
        let amber = self
            .amber_days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= 90);
        let amber = errors.require(amber, "amber_days", tr.t("settings-error-amber"));
        let rules = errors.require(
            RuleSetChoice::parse(&self.rules),
            "rules",
            tr.t("course-error-choose"),
        );
        let total = parse_tenths(&self.feedback_total_below)
            .ok()
            .filter(|t| (0..=400).contains(t));
        let total = errors.require(total, "feedback_total_below", tr.t("settings-error-total"));
        let item = parse_tenths(&self.feedback_item_below)
            .ok()
            .filter(|t| (0..=100).contains(t));
        let item = errors.require(item, "feedback_item_below", tr.t("settings-error-item"));
        let bases = errors.require(
            legal_bases(&self.legal_bases),
            "legal_bases",
            tr.t("settings-error-bases"),
        );
        let defaults = CaseloadThresholds::default();
        let union = (&self.caseload_union_low[..], &self.caseload_union_high[..]);
        let union = errors.require(
            caseload_range(union, defaults.union),
            "caseload_union_low",
            tr.t("settings-error-caseload"),
        );
        let intensive = (
            &self.caseload_intensive_low[..],
            &self.caseload_intensive_high[..],
        );
        let intensive = errors.require(
            caseload_range(intensive, defaults.intensive),
            "caseload_intensive_low",
            tr.t("settings-error-caseload"),
        );
        let (
            Some(amber_days),
            Some(rules),
            Some(total_below),
            Some(item_below),
            Some(legal_bases),
            Some(union),
            Some(intensive),
        ) = (amber, rules, total, item, bases, union, intensive)
        else {
            return Err(errors);
        };
        Ok(CourseSettings {
            managers_read_courses: self.managers_read_courses.is_some(),
            amber_days,
            rules,
            feedback: AlertRule {
                total_below,
                item_below,
            },
            legal_bases,
            caseload: CaseloadThresholds { union, intensive },
        })
    }
}

/// The legal bases, one per line: at least one, at most 40, each a single line of at most 120
/// characters.
fn legal_bases(text: &str) -> Option<Vec<String>> {
    let bases: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let fits = |b: &String| b.chars().count() <= 120 && !b.chars().any(char::is_control);
    (!bases.is_empty() && bases.len() <= 40 && bases.iter().all(fits)).then_some(bases)
}

async fn update_settings(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let settings = match form.parse(&chrome.tr) {
        Ok(settings) => settings,
        Err(errors) => {
            return page(
                chrome,
                form,
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    administration::save_course_settings(state.app(), &actor, org, &settings).await?;
    Ok(Redirect::to("/admin/settings?saved=1").into_response())
}
