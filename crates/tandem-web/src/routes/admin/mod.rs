//! The administrator's pages: the set-up checklist, users and teams, and the audit viewer.
//! Every read and change of a staff record is written to the audit trail in the same
//! transaction (R15).

pub mod audit;
pub mod frameworks;
pub mod instruments;
pub mod rules;
pub mod settings;
pub mod teams;
pub mod users;
pub mod worries;

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_domain::policy::Action;

use tandem_app::administration;

use crate::error::AppError;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::route::{Access, Route};

/// The routes of the administration area.
pub fn routes() -> Vec<Route> {
    let mut routes = vec![Route::get(
        "/admin",
        Access::Staff(Action::ViewUsers),
        show_admin,
    )];
    routes.extend(users::routes());
    routes.extend(teams::routes());
    routes.extend(audit::routes());
    routes.extend(instruments::routes());
    routes.extend(settings::routes());
    routes.extend(frameworks::routes());
    routes.extend(worries::routes());
    routes.extend(rules::routes());
    routes
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminPage {
    chrome: Chrome,
    organization: String,
    teams: i64,
    users: i64,
}

async fn show_admin(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let (actor, org) = (ctx.actor(state.now()), ctx.staff()?.organization_id);
    let overview = administration::overview(state.app(), &actor, org).await?;
    render(StatusCode::OK, &AdminPage::new(chrome, &overview))
}

impl AdminPage {
    fn new(chrome: Chrome, overview: &administration::Overview) -> Self {
        Self {
            chrome,
            organization: overview.organization.name.as_str().to_owned(),
            teams: i64::try_from(overview.teams).unwrap_or(i64::MAX),
            users: i64::try_from(overview.users).unwrap_or(i64::MAX),
        }
    }
}
