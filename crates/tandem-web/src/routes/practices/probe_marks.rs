//! A probe's intent as a marked region ("more like these, fewer like those"): the team's marks
//! offered on the new-probe form, and on the probe's page the region's share of the campaign's
//! stories month by month — the same view as on the mark's own page, so both agree.

use tandem_app::practices::TeamRef;
use tandem_app::practices::team;
use tandem_app::stories::marks::{self, MarkRecord};
use tandem_app::stories::{self, CampaignRecord};
use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use tandem_domain::story::mark::Mark;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Choice;
use crate::i18n::Translator;
use crate::routes::stories::patterns::Scope;
use crate::routes::stories::patterns::marks::{ShareView, mark_heading, share_view};
use crate::state::AppState;

/// The team's marks, each with its campaign and that campaign's framework (to name regions).
async fn team_marks(
    state: &AppState,
    team: TeamRef,
) -> Result<Vec<(MarkRecord, CampaignRecord, Framework)>, AppError> {
    let found = marks::team_marks(state.app(), team).await?;
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let mut campaigns: Vec<(CampaignRecord, Framework)> = Vec::new();
    for campaign in team::campaigns(state.app(), team).await? {
        if found.iter().any(|m| m.campaign_id == campaign.id) {
            campaigns.push(stories::with_framework(state.app(), campaign).await?);
        }
    }
    Ok(found
        .into_iter()
        .filter_map(|mark| {
            let (campaign, framework) = campaigns.iter().find(|(c, _)| c.id == mark.campaign_id)?;
            Some((mark, campaign.clone(), framework.clone()))
        })
        .collect())
}

/// A mark as a probe form lists it: "More stories like these: … (campaign)".
fn mark_label(tr: &Translator, mark: &MarkRecord, framework: &Framework) -> String {
    format!(
        "{} ({})",
        mark_heading(tr, framework, mark),
        mark.campaign_title
    )
}

/// The team's marks as choices for a probe's intent, "none" first, with `current` selected.
pub(super) async fn mark_choices(
    state: &AppState,
    tr: &Translator,
    team: TeamRef,
    current: &str,
) -> Result<Vec<Choice>, AppError> {
    let options = team_marks(state, team)
        .await?
        .into_iter()
        .map(|(mark, _, framework)| (mark.id.to_string(), mark_label(tr, &mark, &framework)));
    Ok(Choice::list(
        std::iter::once((String::new(), tr.t("probe-mark-none"))).chain(options),
        current,
    ))
}

/// The share view of the probe's marked region over all its campaign's stories (the read is
/// audited with the campaign's columns), and whether the caller may open the mark's page (those
/// who read the team's practices but not the campaign's stories see the share only); `None`
/// when the mark is gone from the team's campaigns.
pub(super) async fn intent_view(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    team: TeamRef,
    mark: Id<Mark>,
) -> Result<Option<(ShareView, bool)>, AppError> {
    let Some((mark, campaign, framework)) = team_marks(state, team)
        .await?
        .into_iter()
        .find(|(m, _, _)| m.id == mark)
    else {
        return Ok(None);
    };
    let browse = team::campaign_access(state.app(), team.organization_id, campaign.id)
        .await?
        .is_some_and(|access| {
            authorize(
                &ctx.principal,
                Action::BrowseStories,
                &Resource::Campaign(access),
            ) == Decision::Allow
        });
    let scope =
        Scope::load_for(state, ctx, tr, (campaign, framework), None, "probe intent").await?;
    let shares = scope
        .hidden
        .is_none()
        .then(|| marks::shares(&scope, &mark))
        .flatten();
    let view = share_view(tr, &scope.framework, &mark, shares.as_ref());
    Ok(Some((view, browse)))
}
