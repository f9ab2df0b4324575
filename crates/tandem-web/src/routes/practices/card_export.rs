//! The team's hybrid profile card as a spreadsheet (XLSX) or CSV: every index exactly as the
//! card shows it (nothing when the card shows nothing), for the team's manager and heads, behind
//! step-up (R13) and written to the audit trail before the file is sent.

use axum::response::Response;
use tandem_domain::policy::Action;

use super::card::team_card;
use crate::audit::Entry;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::page::Page;
use crate::routes::indicators::export::{Kind, csv_locale, text_table};
use crate::state::AppState;

/// The card's rows: (index, value), as the card shows them.
fn card_rows(tr: &Translator, card: &super::card::TeamCard) -> Vec<Vec<String>> {
    let mut rows = vec![
        vec![tr.t("card-export-campaign"), card.campaign_title.clone()],
        vec![tr.t("card-export-window"), card.window.clone()],
    ];
    if let Some(reason) = &card.hidden {
        rows.push(vec![tr.t("card-export-hidden"), reason.clone()]);
        return rows;
    }
    let Some(p) = &card.profile else {
        return rows;
    };
    if p.too_few {
        rows.push(vec![
            tr.t("card-export-hidden"),
            tr.t("patterns-profile-too-few"),
        ]);
    }
    rows.push(vec![tr.t("card-export-pattern"), p.pattern.clone()]);
    for (corner, share) in &p.mix {
        rows.push(vec![corner.clone(), share.clone()]);
    }
    rows.push(vec![tr.t("patterns-blending"), p.blending.clone()]);
    rows.push(vec![tr.t("patterns-segmentation"), p.segmentation.clone()]);
    for (name, value) in &p.more {
        rows.push(vec![name.clone(), value.clone()]);
    }
    if let Some(text) = &p.sensegiving {
        rows.push(vec![tr.t("card-index-sensegiving"), text.clone()]);
    }
    if let Some(gap) = &card.gap {
        rows.push(vec![tr.t("card-gap-title"), gap.clone()]);
    }
    rows.push(vec!["n".to_owned(), p.n.clone()]);
    rows
}

async fn export(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    kind: Kind,
) -> Result<Response, AppError> {
    let team = ctx.team()?;
    let extension = if kind == Kind::Xlsx { "xlsx" } else { "csv" };
    let card = team_card(state, ctx, tr, team)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::audit::record_read(
        state,
        ctx,
        Entry::allowed("card.export", "team", Some(team.to_string()), extension),
    )
    .await?;
    let title = format!("{} · {}", tr.t("card-title"), show_date(tr, state.today()));
    text_table(
        (kind, csv_locale(tr)),
        &format!("tandem-{}", tr.t("card-export-stem")),
        &title,
        &[tr.t("card-export-index"), tr.t("export-value")],
        &card_rows(tr, &card),
    )
}

/// The card as XLSX.
pub(super) async fn export_card_xlsx(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    export(&state, &ctx, &chrome.tr, Kind::Xlsx).await
}

/// The card as CSV.
pub(super) async fn export_card_csv(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    export(&state, &ctx, &chrome.tr, Kind::Csv).await
}

/// The export links of `team`'s card, for those who may export.
pub(crate) fn export_links(
    ctx: &RequestContext,
    team: tandem_domain::Id<tandem_domain::staff::Team>,
) -> Option<(String, String)> {
    super::may(ctx, team, Action::ExportViews).then(|| {
        (
            format!("/teams/{team}/card/export.xlsx"),
            format!("/teams/{team}/card/export.csv"),
        )
    })
}
