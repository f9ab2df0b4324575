//! Campaigns: the list (what the caller may tell in, browse or run), a campaign's page and its
//! anonymous link (always shown, as an absolute link and its QR code; replacing it asks for a
//! confirmation first, because printed posters stop working).
//!
//! # Layout
//! - this file: the list, a campaign's page, a new link.
//! - [`new`]: the form for a new campaign and its creation.

mod new;

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tandem_app::stories::campaigns::{self, CampaignOverview};
use tandem_app::stories::{self, CampaignAccess, CampaignRecord};
use tandem_domain::policy::{Action, Decision, Principal, Resource, authorize};
use tandem_domain::story::campaign::{Audience, is_open};

use super::outcomes::PublishedOutcome;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::i18n::Translator;
use crate::kit::{qr, see_other, show_date};
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

pub(super) use new::{create_campaign, new_campaign_form};

/// A count as shown to managers: groups under five are not shown (R22).
pub(crate) fn shown_count(tr: &Translator, n: i64) -> String {
    let k = tandem_analytics::suppression::MinGroupSize::default();
    if n > 0 && !k.allows(u64::try_from(n).unwrap_or(0)) {
        tr.t("count-suppressed")
    } else {
        n.to_string()
    }
}

/// A campaign's dates as "opens – closes".
fn dates(tr: &Translator, campaign: &CampaignRecord) -> String {
    let d = &campaign.details;
    format!(
        "{} – {}",
        show_date(tr, d.opens_on),
        show_date(tr, d.closes_on)
    )
}

struct CampaignRow {
    id: String,
    title: String,
    audience: String,
    dates: String,
    open: bool,
    stories: String,
    tell: bool,
    browse: bool,
    manage: bool,
}

#[derive(Template)]
#[template(path = "stories/campaigns.html")]
struct CampaignsPage {
    chrome: Chrome,
    campaigns: Vec<CampaignRow>,
    may_create: bool,
}

impl CampaignsPage {
    /// The campaigns `principal` may tell in (while open), browse or run.
    fn new(
        chrome: Chrome,
        principal: &Principal,
        listed: &[(CampaignRecord, CampaignAccess)],
        today: time::Date,
    ) -> Self {
        let tr = &chrome.tr;
        let mut rows = Vec::new();
        for (campaign, access) in listed {
            let resource = Resource::Campaign(access.clone());
            let may = |action| authorize(principal, action, &resource) == Decision::Allow;
            let (tell, browse, manage) = (
                may(Action::TellStory),
                may(Action::BrowseStories),
                may(Action::ManageCampaigns),
            );
            if !(tell || browse || manage) {
                continue;
            }
            let d = &campaign.details;
            let open = is_open(d.opens_on, d.closes_on, today);
            rows.push(CampaignRow {
                id: campaign.id.to_string(),
                title: d.title.as_str().to_owned(),
                audience: tr.t(&format!("audience-{}", d.audience.as_str())),
                dates: dates(tr, campaign),
                open,
                stories: shown_count(tr, campaign.stories.unwrap_or_default()),
                tell: tell && open,
                browse,
                manage,
            });
        }
        let may_create = principal.organization_id().is_some_and(|org| {
            authorize(
                principal,
                Action::ManageCampaigns,
                &Resource::Organization(org),
            ) == Decision::Allow
        });
        Self {
            chrome,
            campaigns: rows,
            may_create,
        }
    }
}

/// The campaigns the caller may tell in, browse or run.
pub(crate) async fn list_campaigns(
    Page { state, chrome, ctx }: Page,
) -> Result<Response, AppError> {
    let org = ctx.staff()?.organization_id;
    let listed = campaigns::list(state.app(), org).await?;
    let page = CampaignsPage::new(chrome, &ctx.principal, &listed, state.today());
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "stories/campaign.html")]
struct CampaignPage {
    chrome: Chrome,
    id: String,
    title: String,
    prompt: String,
    audience: String,
    dates: String,
    stories: String,
    is_link: bool,
    /// The current anonymous link (absolute), when it is kept.
    link: Option<String>,
    qr: Option<(String, usize)>,
    /// The link was made just now (a new campaign, or a replaced link).
    fresh: bool,
    /// "Replace the link" was sent without ticking the confirmation.
    confirm_missing: bool,
    browse: bool,
    outcomes: Vec<PublishedOutcome>,
}

/// What the campaign page says about its link besides the link itself.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct LinkNews {
    /// The link was made just now.
    pub(super) fresh: bool,
    /// A replacement was asked for without ticking the confirmation.
    pub(super) confirm_missing: bool,
}

impl CampaignPage {
    /// A campaign's page, with its current link (absolute) when the campaign keeps one.
    fn new(
        chrome: Chrome,
        principal: &Principal,
        (campaign, overview): (&CampaignRecord, CampaignOverview),
        link: Option<String>,
        news: LinkNews,
    ) -> Self {
        let tr = &chrome.tr;
        let d = &campaign.details;
        let resource = Resource::Campaign(overview.access);
        Self {
            id: campaign.id.to_string(),
            title: d.title.as_str().to_owned(),
            prompt: d.prompt.as_str().to_owned(),
            audience: tr.t(&format!("audience-{}", d.audience.as_str())),
            dates: dates(tr, campaign),
            stories: shown_count(tr, overview.told),
            is_link: d.audience == Audience::Link,
            qr: link.as_deref().and_then(qr),
            link,
            fresh: news.fresh,
            confirm_missing: news.confirm_missing,
            browse: authorize(principal, Action::BrowseStories, &resource) == Decision::Allow,
            outcomes: PublishedOutcome::list(tr, overview.outcomes),
            chrome,
        }
    }
}

/// A campaign's page with its current link.
async fn campaign_page(
    state: &AppState,
    chrome: Chrome,
    ctx: &RequestContext,
    campaign: &CampaignRecord,
    news: LinkNews,
) -> Result<Response, AppError> {
    let link = campaign
        .link_token
        .as_deref()
        .map(|t| state.link(&format!("/s/{t}")));
    let overview = campaigns::overview(state.app(), campaign).await?;
    let status = if news.confirm_missing {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = CampaignPage::new(chrome, &ctx.principal, (campaign, overview), link, news);
    render(status, &page)
}

/// A campaign's page for those who run it.
pub(crate) async fn show_campaign(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let campaign = stories::campaign(state.app(), ctx.campaign()?).await?;
    campaign_page(&state, chrome, &ctx, &campaign, LinkNews::default()).await
}

/// "Replace the link": the confirmation that the old link and its printed QR codes stop working.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RenewForm {
    confirm: Option<String>,
}

/// Replaces a link campaign's link (the old one stops working) once the organizer has confirmed
/// it, and shows the new one; without the confirmation the page says what is missing.
pub(crate) async fn renew_link(
    Page { state, chrome, ctx }: Page,
    Form(form): Form<RenewForm>,
) -> Result<Response, AppError> {
    let (actor, access) = (ctx.actor(state.now()), ctx.campaign()?);
    if form.confirm.is_none() {
        let campaign = stories::campaign(state.app(), access).await?;
        let news = LinkNews {
            confirm_missing: true,
            ..LinkNews::default()
        };
        return campaign_page(&state, chrome, &ctx, &campaign, news).await;
    }
    match campaigns::renew_link(state.app(), &actor, access).await? {
        Some(new) => {
            let news = LinkNews {
                fresh: true,
                ..LinkNews::default()
            };
            campaign_page(&state, chrome, &ctx, &new.campaign, news).await
        }
        // Only link campaigns have a link; for the others there is nothing to replace.
        None => see_other(&format!("/campaigns/{}", access.id)),
    }
}
