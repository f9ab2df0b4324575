//! "Hvem må se hvad": the young person's network and what each may see, changed directly from
//! 15; under 15 the page says who decides (parental authority) and how to ask for a change. The
//! rules and their paragraphs are in `tandem_domain::course::consent`.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_app::citizens;
use tandem_domain::course::consent::ConsentDecider;
use tandem_domain::course::network::ConsentScope;

use crate::error::AppError;
use crate::forms::Form;
use crate::kit::{consent_words, path_id};
use crate::page::Page;
use crate::page::{Chrome, render};

/// One network member as the page shows them.
struct MemberView {
    id: String,
    name: String,
    relation: String,
    scope: ConsentScope,
    /// What they may see, in words ("mål, skridt" or "intet").
    sees: String,
}

#[derive(Template)]
#[template(path = "me/consent.html")]
struct ConsentPage {
    chrome: Chrome,
    /// Whether the young person changes it themselves (15 or more).
    decides: bool,
    /// Who decides and why, in plain words.
    lead: String,
    members: Vec<MemberView>,
    saved: bool,
}

fn lead(chrome: &Chrome, decider: ConsentDecider) -> String {
    let tr = &chrome.tr;
    match decider {
        ConsentDecider::YoungPerson { of_age: true } => tr.t("consent-lead-adult"),
        ConsentDecider::YoungPerson { of_age: false } => tr.t("consent-lead-self"),
        ConsentDecider::ParentalAuthority(authority) => {
            let who = tr.t(&format!("consent-who-{}", authority.as_str()));
            tr.t_str("consent-lead-parents", "who", &who)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct SavedQuery {
    saved: Option<String>,
}

pub(super) async fn show_consent(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<SavedQuery>,
) -> Result<Response, AppError> {
    let actor = ctx.actor(state.now());
    let page = citizens::consent_page(state.app(), &actor, &ctx.citizen()?.account).await?;
    let members = page
        .members
        .iter()
        .map(|m| MemberView {
            id: m.id.to_string(),
            name: m.details.name.as_str().to_owned(),
            relation: m.details.relation.as_str().to_owned(),
            scope: m.details.consent,
            sees: consent_words(&chrome.tr, m.details.consent, "consent-sees-nothing"),
        })
        .collect();
    let shown = ConsentPage {
        decides: page.decider.young_person_decides(),
        lead: lead(&chrome, page.decider),
        members,
        saved: query.saved.is_some(),
        chrome,
    };
    render(StatusCode::OK, &shown)
}

/// The three boxes of one member's form; an unticked box is absent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ScopeForm {
    goals: Option<String>,
    steps: Option<String>,
    meetings: Option<String>,
}

pub(super) async fn change_consent(
    Page { state, ctx, .. }: Page,
    Path(member_id): Path<String>,
    Form(form): Form<ScopeForm>,
) -> Result<Response, AppError> {
    let member = path_id(&member_id)?;
    let scope = ConsentScope {
        goals: form.goals.is_some(),
        steps: form.steps.is_some(),
        meetings: form.meetings.is_some(),
    };
    let actor = ctx.actor(state.now());
    citizens::set_consent(state.app(), &actor, &ctx.citizen()?.account, member, scope).await?;
    Ok(Redirect::to("/me/consent?saved=1").into_response())
}
