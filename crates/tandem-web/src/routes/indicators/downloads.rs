//! The export routes of the three-column view (the route table asks for step-up, R13): the view read and its
//! export recorded in the audit trail, then the file.

use axum::response::Response;
use tandem_app::indicators::{self, Whose};
use tandem_app::practices::team;

use super::export::{self, Kind};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::page::Page;
use crate::routes::practices::team_ref;
use crate::state::AppState;

/// Exports the team's or (without a team) the department's view, audited.
async fn download(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    for_team: bool,
    kind: Kind,
) -> Result<Response, AppError> {
    let extension = if kind == Kind::Xlsx { "xlsx" } else { "csv" };
    let (whose, title) = if for_team {
        let team = team_ref(ctx)?;
        let record = team::active(state.app(), team).await?;
        (
            Whose::Team(team),
            tr.t_str("indicators-title-team", "team", record.name.as_str()),
        )
    } else {
        let org = ctx.staff()?.organization_id;
        (Whose::Department(org), tr.t("indicators-title-department"))
    };
    let actor = ctx.actor(state.now());
    let computed = indicators::export(state.app(), &actor, whose, extension).await?;
    let title = format!("{title} · {}", crate::kit::show_date(tr, state.today()));
    export::file(tr, kind, &title, &computed)
}

pub(super) async fn export_team_xlsx(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    download(&state, &ctx, &chrome.tr, true, Kind::Xlsx).await
}

pub(super) async fn export_team_csv(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    download(&state, &ctx, &chrome.tr, true, Kind::Csv).await
}

pub(super) async fn export_department_xlsx(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    download(&state, &ctx, &chrome.tr, false, Kind::Xlsx).await
}

pub(super) async fn export_department_csv(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    download(&state, &ctx, &chrome.tr, false, Kind::Csv).await
}
