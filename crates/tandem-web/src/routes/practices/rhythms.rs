//! The team's rhythms (practices 6 and 1). *Keep the pulse*: a campaign carries a three-minute
//! weekly prompt; the page shows, week by week, how many of the team told a story (the
//! submission rate) and whether the week's co-production share and blending left their normal
//! range — the alert that also reaches the manager's home. *Who are we becoming?*: a campaign
//! carries a monthly prompt; the page shows how the team's role centroid drifts and the share of
//! stories where the social worker acted as a processor. The manager chooses the campaigns.

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use tandem_analytics::rhythm::Watched;
use tandem_app::practices::rhythms::{self, Carried, Identity, Pulse, RhythmView};
use tandem_app::stories::CampaignRecord;
use tandem_domain::Id;
use tandem_domain::policy::{Action, CampaignAccess, Decision, Principal, Resource, authorize};
use tandem_domain::practice::reflection::Rhythm;

use super::{PageForms, TeamHeader, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::{Choice, Form};
use crate::i18n::Translator;
use crate::kit::{see_other, show_date};
use crate::numbers::{decimal, percent};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

/// A week of the pulse as the table shows it.
pub(crate) struct WeekRow {
    pub(crate) week: String,
    pub(crate) stories: usize,
    pub(crate) tellers: usize,
    pub(crate) rate: String,
    pub(crate) together: String,
    pub(crate) blending: String,
    pub(crate) outside: bool,
}

/// A month of the identity check-in as the table shows it.
pub(crate) struct MonthRow {
    pub(crate) month: String,
    pub(crate) stories: usize,
    pub(crate) processor: String,
    pub(crate) centroid: String,
    pub(crate) drift: String,
}

#[derive(Template)]
#[template(path = "practices/rhythm.html")]
struct RhythmPage {
    chrome: Chrome,
    team: TeamHeader,
    /// "pulse" or "identity".
    rhythm: &'static str,
    title: String,
    lead: String,
    /// The carrying campaign: (title, link where this reader may follow one).
    campaign: Option<(String, Option<String>)>,
    /// How the campaign was found, or why there is none, in a sentence.
    carried: String,
    /// Where a new campaign is started, for those who may (managers), when none carries it.
    start_link: Option<&'static str>,
    weeks: Vec<WeekRow>,
    months: Vec<MonthRow>,
    alert: Option<String>,
    campaigns: Vec<Choice>,
    forms: PageForms,
    notice: Option<String>,
}

/// "40 % (normal 35–45 %)", or that the week has too few stories.
fn watched_text(tr: &Translator, watched: Option<Watched>, as_percent: bool) -> String {
    let show = |v: f64| {
        if as_percent {
            percent(tr, v)
        } else {
            decimal(tr, v, 2)
        }
    };
    match watched {
        None => tr.t("rhythm-too-few"),
        Some(w) => match w.range {
            Some((low, high)) => tr.t_strs(
                "rhythm-with-range",
                &[
                    ("value", &show(w.value)),
                    ("low", &show(low.max(0.0))),
                    ("high", &show(high.min(1.0))),
                ],
            ),
            None => show(w.value),
        },
    }
}

/// The pulse's weeks as the table shows them, newest first.
fn week_rows(tr: &Translator, pulse: &Pulse) -> Vec<WeekRow> {
    pulse
        .starts
        .iter()
        .zip(&pulse.weeks)
        .rev()
        .map(|(start, w)| WeekRow {
            week: show_date(tr, *start),
            stories: w.stories,
            tellers: w.tellers,
            rate: w
                .submission_rate
                .map_or_else(String::new, |r| percent(tr, r)),
            together: watched_text(tr, w.together, true),
            blending: watched_text(tr, w.blending, false),
            outside: w.together.is_some_and(|x| x.outside())
                || w.blending.is_some_and(|x| x.outside()),
        })
        .collect()
}

/// The identity check-in's months as the table shows them, newest first.
fn month_rows(tr: &Translator, identity: &Identity) -> Vec<MonthRow> {
    identity
        .starts
        .iter()
        .zip(&identity.months)
        .rev()
        .map(|(start, m)| MonthRow {
            month: show_date(tr, *start),
            stories: m.stories,
            processor: m
                .processor_share
                .map_or_else(|| tr.t("rhythm-too-few"), |s| percent(tr, s)),
            centroid: m.centroid.map_or_else(String::new, |c| {
                let [a, p, f] = c.parts();
                tr.t_strs(
                    "identity-centroid",
                    &[
                        ("administrator", &percent(tr, a)),
                        ("provider", &percent(tr, p)),
                        ("processor", &percent(tr, f)),
                    ],
                )
            }),
            drift: m.drift.map_or_else(String::new, |d| decimal(tr, d, 2)),
        })
        .collect()
}

impl RhythmPage {
    fn new(
        chrome: Chrome,
        (team, principal): (TeamHeader, &Principal),
        (rhythm, view): (Rhythm, &RhythmView),
        forms: PageForms,
    ) -> Self {
        let tr = chrome.tr.clone();
        let chosen = view.chosen;
        let carrying = view
            .carrying
            .and_then(|(id, how)| Some((view.campaigns.iter().find(|c| c.id == id)?, how)));
        let carried = match carrying {
            Some((c, _)) if c.stories.unwrap_or_default() == 0 => tr.t("rhythm-carrying-empty"),
            Some((_, Carried::Chosen)) => tr.t("rhythm-carrying-chosen"),
            Some((_, Carried::ByRule)) => tr.t("rhythm-carrying-rule"),
            None => tr.t("rhythm-carrying-none"),
        };
        Self {
            start_link: (carrying.is_none() && team.may_run).then_some("/campaigns/new"),
            carried,
            rhythm: rhythm.as_str(),
            title: tr.t(&format!("{}-title", rhythm.as_str())),
            lead: tr.t(&format!("{}-lead", rhythm.as_str())),
            campaign: carrying.map(|(c, _)| {
                (
                    c.details.title.as_str().to_owned(),
                    campaign_link(principal, c),
                )
            }),
            weeks: view
                .pulse
                .as_ref()
                .map(|p| week_rows(&tr, p))
                .unwrap_or_default(),
            months: view
                .identity
                .as_ref()
                .map(|i| month_rows(&tr, i))
                .unwrap_or_default(),
            alert: view
                .pulse
                .as_ref()
                .filter(|p| p.alert())
                .map(|_| tr.t("pulse-alert")),
            campaigns: Choice::list(
                std::iter::once((String::new(), tr.t("rhythm-campaign-choose"))).chain(
                    view.campaigns
                        .iter()
                        .map(|c| (c.id.to_string(), c.details.title.as_str().to_owned())),
                ),
                &chosen.map(|c| c.to_string()).unwrap_or_default(),
            ),
            notice: forms.notice(),
            forms,
            team,
            chrome,
        }
    }
}

/// Where the carrying campaign's name takes this reader: its page to those who run it, its
/// telling form to those who tell in it, and nowhere to the others (heads reading the team's
/// practices who neither run nor tell in it) — never to a page that answers 404.
fn campaign_link(principal: &Principal, campaign: &CampaignRecord) -> Option<String> {
    let access = Resource::Campaign(CampaignAccess {
        id: campaign.id,
        organization_id: campaign.organization_id,
        team_id: campaign.team_id,
        audience: campaign.details.audience,
        returns_stories: campaign.details.returns_stories,
        course_ids: Vec::new(),
    });
    let may = |action| authorize(principal, action, &access) == Decision::Allow;
    if may(Action::ManageCampaigns) {
        Some(format!("/campaigns/{}", campaign.id))
    } else if may(Action::TellStory) {
        Some(format!("/campaigns/{}/tell", campaign.id))
    } else {
        None
    }
}

/// The page of `rhythm` with `forms` (422 after errors).
async fn rhythm_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    rhythm: Rhythm,
    forms: PageForms,
) -> Result<Response, AppError> {
    let team = team_header(state, ctx).await?;
    let actor = ctx.actor(state.now());
    let view = rhythms::show(state.app(), &actor, team_ref(ctx)?, rhythm).await?;
    let page = RhythmPage::new(chrome, (team, &ctx.principal), (rhythm, &view), forms);
    render(page.forms.status(), &page)
}

/// The weekly pulse.
pub(super) async fn show_pulse(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    rhythm_page(&state, chrome, &ctx, Rhythm::Pulse, forms).await
}

/// The monthly identity check-in.
pub(super) async fn show_identity(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let forms = PageForms::with_notice(&chrome.tr, query.as_deref());
    rhythm_page(&state, chrome, &ctx, Rhythm::Identity, forms).await
}

/// Chooses the campaign that carries a rhythm (the manager).
pub(super) async fn set_campaign(
    Page { state, chrome, ctx }: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut forms = PageForms::from_pairs(&pairs);
    let rhythm = Rhythm::parse(&forms.value("rhythm")).unwrap_or(Rhythm::Pulse);
    let (actor, team) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let set = match Id::parse(&forms.value("campaign")) {
        Ok(campaign) => {
            rhythms::set_campaign(state.app(), &actor, team, (rhythm, campaign)).await?
        }
        Err(_) => false,
    };
    if !set {
        forms
            .errors
            .add("campaign", chrome.tr.t("rhythm-error-campaign"));
        return rhythm_page(&state, chrome, &ctx, rhythm, forms).await;
    }
    see_other(&format!(
        "/teams/{}/{}?saved=rhythm",
        team.id,
        rhythm.as_str()
    ))
}
