//! The organization's rules for worries (ADR 0016): the acknowledgement deadline in office
//! minutes, the office hours it runs in, and the duty contact that takes a worry the team
//! manager did not acknowledge either. The page also says whether e-mail is set up.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::worries;
use tandem_domain::policy::Action;
use tandem_domain::worry::{AcknowledgeWithin, DutyContact, OfficeHours, WorryRules};

use crate::error::AppError;
use crate::forms::{Form, FormErrors};
use crate::kit::see_other;
use crate::page::{Chrome, Page, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get(
            "/admin/worries",
            Access::Staff(Action::ManageSettings),
            show_rules,
        ),
        Route::post(
            "/admin/worries",
            Access::Staff(Action::ManageSettings),
            update_rules,
        ),
    ]
}

/// The form as typed; each ticked office day arrives as its own checkbox, `day1`–`day7`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct RulesForm {
    minutes: String,
    day1: Option<String>,
    day2: Option<String>,
    day3: Option<String>,
    day4: Option<String>,
    day5: Option<String>,
    day6: Option<String>,
    day7: Option<String>,
    opens: String,
    closes: String,
    duty_name: String,
    duty_email: String,
}

impl RulesForm {
    fn from_rules(rules: &WorryRules) -> Self {
        let time = |t: time::Time| format!("{:02}:{:02}", t.hour(), t.minute());
        let word = rules.office.days_word();
        let day = |n: char| word.contains(n).then(|| "on".to_owned());
        Self {
            minutes: rules.within.minutes().to_string(),
            day1: day('1'),
            day2: day('2'),
            day3: day('3'),
            day4: day('4'),
            day5: day('5'),
            day6: day('6'),
            day7: day('7'),
            opens: time(rules.office.opens()),
            closes: time(rules.office.closes()),
            duty_name: rules
                .duty
                .as_ref()
                .map(|d| d.name.as_str().to_owned())
                .unwrap_or_default(),
            duty_email: rules
                .duty
                .as_ref()
                .map(|d| d.email.as_str().to_owned())
                .unwrap_or_default(),
        }
    }

    /// The ticked days as stored, `"12345"`.
    fn days(&self) -> String {
        [
            &self.day1, &self.day2, &self.day3, &self.day4, &self.day5, &self.day6, &self.day7,
        ]
        .iter()
        .zip('1'..='7')
        .filter(|(ticked, _)| ticked.is_some())
        .map(|(_, n)| n)
        .collect()
    }

    fn parse(&self, chrome: &Chrome) -> Result<WorryRules, FormErrors> {
        let tr = &chrome.tr;
        let mut errors = FormErrors::new();
        let within = AcknowledgeWithin::parse(&self.minutes)
            .map_err(|_| errors.add("minutes", tr.t("settings-error-worry-minutes")))
            .ok();
        let office = match OfficeHours::parse(&self.days(), &self.opens, &self.closes) {
            Ok(office) => Some(office),
            Err(tandem_domain::worry::WorrySettingError::NoDays) => {
                errors.add("day1", tr.t("settings-error-office-days"));
                None
            }
            Err(_) => {
                errors.add("opens", tr.t("settings-error-office-hours"));
                None
            }
        };
        let duty = DutyContact::parse(&self.duty_name, &self.duty_email)
            .map_err(|_| errors.add("duty_name", tr.t("settings-error-duty")))
            .ok();
        match (within, office, duty) {
            (Some(within), Some(office), Some(duty)) if errors.is_empty() => Ok(WorryRules {
                within,
                office,
                duty,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/worries.html")]
struct RulesPage {
    chrome: Chrome,
    form: RulesForm,
    /// (value 1–7, weekday name, ticked).
    days: Vec<(String, String, bool)>,
    mail_configured: bool,
    errors: FormErrors,
    saved: bool,
}

fn page(
    chrome: Chrome,
    form: RulesForm,
    errors: FormErrors,
    saved: bool,
    mail_configured: bool,
) -> Result<Response, AppError> {
    let days = (1..=7)
        .map(|n: u8| {
            let value = n.to_string();
            let ticked = form.days().contains(&value);
            (value, chrome.tr.t(&format!("weekday-{n}")), ticked)
        })
        .collect();
    let status = errors.status();
    render(
        status,
        &RulesPage {
            chrome,
            form,
            days,
            mail_configured,
            errors,
            saved,
        },
    )
}

#[derive(Debug, Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn show_rules(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<SavedQuery>,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let rules = worries::rules(state.app(), org).await?;
    let form = RulesForm::from_rules(&rules);
    page(
        chrome,
        form,
        FormErrors::new(),
        query.saved.is_some(),
        state.mail_configured(),
    )
}

async fn update_rules(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<RulesForm>,
) -> Result<Response, AppError> {
    match form.parse(&chrome) {
        Ok(rules) => {
            let org = ctx.staff()?.organization_id;
            let actor = ctx.actor(state.now());
            worries::update_rules(state.app(), &actor, org, &rules).await?;
            see_other("/admin/worries?saved=1")
        }
        Err(errors) => {
            let mail = state.mail_configured();
            page(chrome, form, errors, false, mail).map(|mut r| {
                *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                r
            })
        }
    }
}
