//! The legal rules Tandem applies, for administrators: each rule in plain words, its paragraph
//! (linked to the law's text) and where Tandem applies it. The list is `tandem_domain::law`'s
//! data, so the page cannot drift from what the course pages compute.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::administration::RuleSetChoice;
use tandem_domain::law::{Applied, RULES};
use tandem_domain::policy::Action;

use crate::error::AppError;
use crate::page::{Chrome, Page, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![Route::get(
        "/admin/rules",
        Access::Staff(Action::ManageSettings),
        show_rules,
    )]
}

/// One rule as a row of the table.
struct RuleRow {
    /// What the rule requires, in plain words.
    text: String,
    /// "barnets lov § 20, stk. 3".
    citation: String,
    /// Where the law's text is.
    source: &'static str,
    /// Where Tandem applies it.
    applied: String,
}

#[derive(Template)]
#[template(path = "admin/rules.html")]
struct RulesPage {
    chrome: Chrome,
    rows: Vec<RuleRow>,
    /// The organization follows the old Social Services Act's follow-up rule.
    legacy: bool,
}

async fn show_rules(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let settings = state.app().configuration_now(org).await?.settings.clone();
    let tr = &chrome.tr;
    let rows = RULES
        .iter()
        .map(|rule| RuleRow {
            text: tr.t(&format!("rule-{}", rule.id.as_str())),
            citation: rule.citation(),
            source: rule.source,
            applied: match rule.applied {
                Applied::Deadline => tr.t_num(
                    "rule-applied-deadline",
                    "days",
                    i64::from(settings.amber_days),
                ),
                applied => tr.t(&format!("rule-applied-{}", applied.as_str())),
            },
        })
        .collect();
    let page = RulesPage {
        rows,
        legacy: settings.rules == RuleSetChoice::Legacy,
        chrome,
    };
    render(StatusCode::OK, &page)
}
