//! The team's hybrid profile card (sensemaking specification §5): the profile of the stories
//! told in the team's newest campaign over the last 90 days, with example stories beside each
//! index. The card goes through the same [`Scope`] as the pattern pages, so the filter guard,
//! the N < 10 / N < 5 rules and the audit record are the same.

use tandem_analytics::gap::manager_gap;
use tandem_analytics::stories::profile_examples::profile_examples;
use tandem_analytics::ternary::Composition;
use tandem_app::practices::card as profile_card;
use tandem_app::practices::intentions;
use tandem_app::practices::team::Story;
use tandem_app::stories::patterns::windows::{self, LogicWindow};
use tandem_app::stories::ranges::first_of_month;
use tandem_domain::Id;
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use tandem_domain::staff::Team;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::routes::stories::patterns::finding::DataTable;
use crate::routes::stories::patterns::findings::{ProfileView, profile_view};
use crate::routes::stories::patterns::trends::windows_table;
use crate::routes::stories::patterns::{Scope, pole_names};
use crate::routes::stories::with_framework;
use crate::state::AppState;

/// The card's window: the rolling 90 days the specification names as the default, from the
/// first of the month they begin in — story filters take whole months (ADR 0014), and the card
/// says the dates its numbers really cover.
pub(crate) const WINDOW_DAYS: i64 = 90;

/// How many example stories stand beside each index.
const EXAMPLES_PER_INDEX: usize = 3;

/// An example story on the card.
pub(crate) struct Example {
    pub(crate) id: String,
    pub(crate) href: String,
    pub(crate) title: String,
    pub(crate) excerpt: Option<String>,
    pub(crate) date: String,
}

/// One index's examples: its name, why these stories, and the stories.
pub(crate) struct IndexExamples {
    pub(crate) index: String,
    pub(crate) why: String,
    pub(crate) stories: Vec<Example>,
}

/// The card as a page shows it.
pub(crate) struct TeamCard {
    pub(crate) campaign_title: String,
    /// "From 30.08.2026 to 28.11.2026".
    pub(crate) window: String,
    /// Why no numbers are shown, when they are not.
    pub(crate) hidden: Option<String>,
    pub(crate) profile: Option<ProfileView>,
    /// Empty unless the caller may open the stories.
    pub(crate) examples: Vec<IndexExamples>,
    /// The pattern pages of the campaign, when the caller may open them.
    pub(crate) patterns: Option<String>,
    /// The manager–team gap in a sentence, when the manager has said what they intend.
    pub(crate) gap: Option<String>,
    /// The questionnaire, for the manager who sets the intended mix.
    pub(crate) intention_link: Option<String>,
    /// The export links (XLSX, CSV), for those who may export.
    pub(crate) exports: Option<(String, String)>,
    /// The indices over the last [`TREND_WINDOWS`] windows, with their intervals (item 12).
    pub(crate) trend: Option<DataTable>,
    /// "The mix is moving: towards …", when the last window is in transition (item 6).
    pub(crate) movement: Option<String>,
}

/// How many 90-day windows the card's trend shows (a year).
const TREND_WINDOWS: i64 = 4;

/// The card of `team` for the caller, or `None` when the team has no campaign with stories.
pub(crate) async fn team_card(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    team: Id<Team>,
) -> Result<Option<TeamCard>, AppError> {
    let team_ref = tandem_app::practices::TeamRef {
        organization_id: ctx.staff()?.organization_id,
        id: team,
    };
    let Some((campaign, access)) = profile_card::campaign(state.app(), team_ref).await? else {
        return Ok(None);
    };
    let browse = authorize(
        &ctx.principal,
        Action::BrowseStories,
        &Resource::Campaign(access),
    ) == Decision::Allow;
    let today = state.today();
    let from = first_of_month(today - time::Duration::days(WINDOW_DAYS));
    let query = format!("from={from}");
    let scope = Scope::load_for(
        state,
        ctx,
        tr,
        with_framework(state, campaign).await?,
        Some(&query),
        "team profile card",
    )
    .await?;
    let id = scope.campaign.id.to_string();
    let mut card = TeamCard {
        campaign_title: scope.campaign.details.title.as_str().to_owned(),
        window: tr.t_strs(
            "card-window",
            &[
                ("from", &show_date(tr, from)),
                ("to", &show_date(tr, today)),
            ],
        ),
        hidden: scope.hidden.clone(),
        profile: None,
        examples: Vec::new(),
        patterns: browse.then(|| format!("/campaigns/{id}/patterns?{query}")),
        gap: None,
        intention_link: super::may(ctx, team, tandem_domain::policy::Action::RunPractices)
            .then(|| format!("/teams/{team}/intended-mix")),
        exports: super::card_export::export_links(ctx, team),
        trend: None,
        movement: None,
    };
    if scope.hidden.is_some() {
        return Ok(Some(card));
    }
    let corners = pole_names(tr, &scope.framework, "T1");
    let profile = scope.profile().await?;
    card.profile = profile_view(tr, &profile, &corners);
    if card.profile.is_none() {
        card.hidden = Some(tr.t("patterns-too-few"));
        return Ok(Some(card));
    }
    if let (Some(profile), Some(intention)) = (
        &card.profile,
        intentions::current(state.app(), team_ref).await?,
    ) {
        card.gap = gap_sentence(tr, &corners, intention.answers, profile.mix_parts);
    }
    if browse {
        card.examples = examples(state, tr, &scope).await?;
    }
    if let Some((windows, trend_scope)) = trend(state, ctx, tr, &scope.campaign, today).await? {
        card.trend = Some(windows_table(tr, &trend_scope, &windows));
        card.movement = movement(tr, &windows);
    }
    Ok(Some(card))
}

/// The card's indices per 90-day window over the last year, the last window ending today,
/// through the same filter guard (a window of fewer than k stories or k people is a gap), with
/// the scope they were read through.
async fn trend(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    campaign: &tandem_app::practices::team::CampaignRecord,
    today: time::Date,
) -> Result<Option<(Vec<LogicWindow>, Scope)>, AppError> {
    let start = today - time::Duration::days(TREND_WINDOWS * WINDOW_DAYS - 1);
    let query = format!("from={start}");
    let scope = Scope::load_for(
        state,
        ctx,
        tr,
        with_framework(state, campaign.clone()).await?,
        Some(&query),
        "team profile card trend",
    )
    .await?;
    if scope.hidden.is_some() {
        return Ok(None);
    }
    let dates: Vec<time::Date> = scope
        .rows
        .iter()
        .map(|r| scope.columns.facts[*r].collected_on)
        .collect();
    Ok(windows::logic_windows(&scope, dates, Some(start))
        .await?
        .map(|windows| (windows, scope)))
}

/// "In transition" in words, when the newest window moved more than 0.15 from the one before
/// (profile item 6): which logic gained most. `None` when the newest window is a gap or did not
/// move — the table beside it says so per window.
fn movement(tr: &Translator, windows: &[LogicWindow]) -> Option<String> {
    let newest = windows.last()?.shown.as_ref()?;
    if !newest.profile.in_transition {
        return None;
    }
    let before = windows
        .iter()
        .rev()
        .skip(1)
        .find_map(|w| w.shown.as_ref())?;
    let (now, then) = (newest.profile.mix.parts(), before.profile.mix.parts());
    let gained = (0..3).max_by(|a, b| (now[*a] - then[*a]).total_cmp(&(now[*b] - then[*b])))?;
    let logic = ["tpa", "npm", "npg"].get(gained)?;
    Some(tr.t_str(
        "card-movement",
        "towards",
        &tr.t(&format!("card-movement-{logic}")),
    ))
}

/// "The stories are 0,30 from what you intend: more rules, less co-production." (item 10).
fn gap_sentence(
    tr: &Translator,
    corners: &[String],
    intended: [f64; 3],
    told: [f64; 3],
) -> Option<String> {
    let intended = Composition::from_weights(intended).ok()?;
    let told = Composition::from_weights(told).ok()?;
    let gap = manager_gap(intended, told);
    let size = crate::numbers::decimal(tr, gap.size, 2);
    Some(if gap.is_close() {
        tr.t_str("card-gap-close", "gap", &size)
    } else {
        tr.t_strs(
            "card-gap",
            &[
                ("gap", &size),
                ("more", corners.get(gap.more).map_or("", String::as_str)),
                ("less", corners.get(gap.less).map_or("", String::as_str)),
            ],
        )
    })
}

/// Up to three stories per index, each story beside one index only (the first that picks it).
async fn examples(
    state: &AppState,
    tr: &Translator,
    scope: &Scope,
) -> Result<Vec<IndexExamples>, AppError> {
    let picked = profile_examples(scope.stories(), 3 * EXAMPLES_PER_INDEX);
    let mut used: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (key, rows) in [
        ("mix", picked.mix),
        ("blending", picked.blending),
        ("segmentation", picked.segmentation),
        ("friction", picked.friction),
        ("uptake", picked.uptake),
        ("sensegiving", picked.sensegiving),
        ("footprint", picked.footprint),
    ] {
        let rows: Vec<usize> = rows
            .into_iter()
            .filter(|r| !used.contains(r))
            .take(EXAMPLES_PER_INDEX)
            .collect();
        used.extend(&rows);
        if rows.is_empty() {
            continue;
        }
        let ids: Vec<Id<Story>> = rows
            .iter()
            .filter_map(|row| scope.columns.facts.get(*scope.rows.get(*row)?))
            .filter_map(|facts| facts.id.parse().ok())
            .collect();
        let stories = profile_card::examples(state.app(), &scope.campaign, &ids)
            .await?
            .into_iter()
            .map(|story| {
                let (title, excerpt) =
                    crate::kit::story_listing(story.title.as_deref(), &story.body);
                Example {
                    id: story.id.to_string(),
                    href: format!("/campaigns/{}/stories/{}", scope.campaign.id, story.id),
                    title,
                    excerpt,
                    date: show_date(tr, story.collected_on),
                }
            })
            .collect();
        out.push(IndexExamples {
            index: tr.t(&format!("card-index-{key}")),
            why: tr.t(&format!("card-why-{key}")),
            stories,
        });
    }
    Ok(out)
}
