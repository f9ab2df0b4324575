//! "Absence": a member of staff says until when they are away; a team manager also for their
//! team's members. While the processor is away, a new worry goes at once to the course's
//! deputy, or to the team manager (ADR 0016).

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::worries;
use tandem_domain::Id;
use tandem_domain::policy::Action;
use tandem_domain::staff::StaffRole;

use crate::error::AppError;
use crate::forms::{Form, FormErrors, optional_date};
use crate::kit::{input_date, see_other, show_date};
use crate::page::{Chrome, Page, render};
use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get(
            "/account/absence",
            Access::Staff(Action::SetAbsence),
            show_absence,
        ),
        Route::post(
            "/account/absence",
            Access::Staff(Action::SetAbsence),
            set_absence,
        ),
    ]
}

/// One person the viewer may set absence for.
struct PersonView {
    id: String,
    name: String,
    status: String,
    until: String,
}

#[derive(Template)]
#[template(path = "absence.html")]
struct AbsencePage {
    chrome: Chrome,
    people: Vec<PersonView>,
    manager: bool,
    saved: bool,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AbsenceForm {
    user_id: String,
    away_until: String,
}

async fn page(
    state: &crate::state::AppState,
    chrome: Chrome,
    ctx: &crate::context::RequestContext,
    saved: bool,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let staff = *ctx.staff()?;
    let manager = staff.role == StaffRole::TeamManager;
    let people = match staff.team_id {
        Some(team) => worries::team_absences(state.app(), staff.organization_id, team).await?,
        None => Vec::new(),
    };
    let tr = &chrome.tr;
    let people = people
        .into_iter()
        .filter(|p| manager || p.user_id == staff.user_id)
        .map(|p| PersonView {
            id: p.user_id.to_string(),
            status: p.away_until.filter(|d| *d >= state.today()).map_or_else(
                || tr.t("absence-present"),
                |d| tr.t_str("absence-away", "date", &show_date(tr, d)),
            ),
            until: input_date(p.away_until),
            name: p.name,
        })
        .collect();
    let status = errors.status();
    render(
        status,
        &AbsencePage {
            chrome,
            people,
            manager,
            saved,
            errors,
        },
    )
}

async fn show_absence(
    Page { state, chrome, ctx }: Page,
    Query(query): Query<SavedQuery>,
) -> Result<Response, AppError> {
    page(
        &state,
        chrome,
        &ctx,
        query.saved.is_some(),
        FormErrors::new(),
    )
    .await
}

/// Saves one person's absence: one's own, or — for a team manager — a member of the team.
/// Anyone else's account is a 404, as if it did not exist.
async fn set_absence(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<AbsenceForm>,
) -> Result<Response, AppError> {
    let staff = *ctx.staff()?;
    // Without a person named, the form is about oneself.
    let user = if form.user_id.trim().is_empty() {
        staff.user_id
    } else {
        Id::parse(&form.user_id).map_err(|_| AppError::NotFound)?
    };
    let mut errors = FormErrors::new();
    let until = optional_date(&chrome.tr, &mut errors, "away_until", &form.away_until);
    if !errors.is_empty() {
        return page(&state, chrome, &ctx, false, errors).await;
    }
    let allowed = user == staff.user_id
        || (staff.role == StaffRole::TeamManager
            && match staff.team_id {
                Some(team) => worries::team_absences(state.app(), staff.organization_id, team)
                    .await?
                    .iter()
                    .any(|p| p.user_id == user),
                None => false,
            });
    if !allowed {
        return Err(AppError::NotFound);
    }
    let actor = ctx.actor(state.now());
    worries::set_away(state.app(), &actor, staff.organization_id, user, until).await?;
    see_other("/account/absence?saved=1")
}
