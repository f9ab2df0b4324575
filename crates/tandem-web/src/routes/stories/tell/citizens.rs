//! Telling by young people and network members: the campaigns that ask their course and are
//! open, and the form (with the reduced framework, and the names of the course's people looked
//! for in the text before saving).

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::stories::telling::{self, CitizenRole};
use tandem_app::stories::{CampaignAccess, CampaignRecord};
use tandem_domain::framework::Framework;
use tandem_domain::policy::{Action, Decision, Principal, Resource, authorize};
use tandem_domain::story::Teller;
use tandem_domain::story::campaign::is_open;

use super::{Place, Telling, Told, form_page, tell};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Form;
use crate::kit::path_id;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::state::AppState;

struct CampaignLink {
    href: String,
    title: String,
    prompt: String,
}

#[derive(Template)]
#[template(path = "stories/mine.html")]
struct CitizenCampaignsPage {
    chrome: Chrome,
    campaigns: Vec<CampaignLink>,
    told: bool,
}

impl CitizenCampaignsPage {
    /// The campaigns of `found` open `today` that `principal` may tell in.
    fn new(
        chrome: Chrome,
        principal: &Principal,
        found: Vec<(CampaignRecord, CampaignAccess)>,
        today: time::Date,
        told: bool,
    ) -> Self {
        let campaigns = found
            .into_iter()
            .filter(|(campaign, access)| {
                is_open(campaign.details.opens_on, campaign.details.closes_on, today)
                    && authorize(
                        principal,
                        Action::TellStory,
                        &Resource::Campaign(access.clone()),
                    ) == Decision::Allow
            })
            .map(|(campaign, _)| CampaignLink {
                href: format!("/me/stories/{}", campaign.id),
                title: campaign.details.title.as_str().to_owned(),
                prompt: campaign.details.prompt.as_str().to_owned(),
            })
            .collect();
        Self {
            chrome,
            campaigns,
            told,
        }
    }
}

/// The campaigns that ask the signed-in young person or network member, open today.
pub(crate) async fn citizen_campaigns(
    Page { state, chrome, ctx }: Page,
    Query(told): Query<Told>,
) -> Result<Response, AppError> {
    let found = telling::for_course(state.app(), ctx.course_ref()?).await?;
    let told = told.told.is_some();
    let page = CitizenCampaignsPage::new(chrome, &ctx.principal, found, state.today(), told);
    render(StatusCode::OK, &page)
}

/// A campaign the citizen may tell in with its framework, the names of their course's people
/// and the kind of teller they are; 404 for any other.
async fn citizen_campaign(
    state: &AppState,
    ctx: &RequestContext,
    campaign_id: &str,
) -> Result<(CampaignRecord, Framework, Vec<String>, Place), AppError> {
    let course = ctx.course_ref()?;
    let id = path_id(campaign_id)?;
    let (campaign, access) = telling::campaign_for_course(state.app(), course, id).await?;
    let resource = Resource::Campaign(access);
    if authorize(&ctx.principal, Action::TellStory, &resource) != Decision::Allow {
        return Err(AppError::NotFound);
    }
    let names = telling::names_in(state.app(), course).await?;
    let teller = match (
        &ctx.principal,
        ctx.citizen.as_ref().map(|c| &c.account.role),
    ) {
        (Principal::YoungPerson { .. }, _) | (_, Some(CitizenRole::YoungPerson)) => {
            Teller::YoungPerson
        }
        _ => Teller::NetworkMember,
    };
    let place = Place {
        action: format!("/me/stories/{}", campaign.id),
        back: "/me/stories".to_owned(),
        done: "/me/stories?told=1".to_owned(),
        teller,
    };
    let (campaign, framework) = super::super::with_framework(state, campaign).await?;
    Ok((campaign, framework, names, place))
}

/// The form for a young person or network member.
pub(crate) async fn citizen_form(
    Page { state, chrome, ctx }: Page,
    Path(campaign_id): Path<String>,
) -> Result<Response, AppError> {
    let (campaign, framework, _, place) = citizen_campaign(&state, &ctx, &campaign_id).await?;
    let telling = Telling::new(&campaign, &framework, &place, state.today());
    form_page(&state, chrome, &telling, false).await
}

/// A story from a young person or network member.
pub(crate) async fn citizen_tell(
    Page { state, chrome, ctx }: Page,
    Path(campaign_id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (campaign, framework, names, place) = citizen_campaign(&state, &ctx, &campaign_id).await?;
    let telling = Telling::new(&campaign, &framework, &place, state.today());
    tell(&state, &ctx, chrome, &telling, &fields, &names).await
}
