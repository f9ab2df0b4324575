//! Stories: campaigns, the story forms (staff, citizens, anonymous link), the catalog and story
//! pages, and story files in and out.
//!
//! Staff routes under `/campaigns/{campaign_id}` are declared [`Access::Campaign`]: the guard has
//! asked the policy about that campaign before a handler runs, and a campaign outside the
//! caller's reach answers 404 like one that does not exist. The anonymous form at `/s/{token}` is
//! public: the unguessable link is the permission, and nothing identifying the teller is stored.
//!
//! # Layout
//! - [`campaigns`]: the list, a new campaign, a campaign's page and its anonymous link.
//! - [`form`]: a framework's questions as form fields (triads, sliders, choices) and back.
//! - [`tell`]: telling a story as staff, as a citizen and by link, with redaction.
//! - [`catalog`]: filters, full-text search, a story's page, codes and tags.
//! - [`transfer`]: export as Tandem CSV, import from a file.
//! - [`patterns`]: findings, charts with example stories, ternary plots and trends.
//! - [`outcomes`]: "you said, we did" on the collection pages.

mod campaigns;
pub(crate) mod catalog;
pub(crate) mod form;
mod outcomes;
pub(crate) mod patterns;
mod tell;
mod transfer;

use tandem_app::stories::{self, CampaignRecord, StoryError};
use tandem_domain::framework::Framework;
use tandem_domain::policy::Action;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::route::{Access, Route};
use crate::state::AppState;

/// The largest request accepted by the import page: a story file at its limit plus the form.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    let manage = Access::Campaign(Action::ManageCampaigns);
    let browse = Access::Campaign(Action::BrowseStories);
    let annotate = Access::Campaign(Action::AnnotateStories);
    let tell = Access::Campaign(Action::TellStory);
    vec![
        Route::get(
            "/campaigns",
            Access::Staff(Action::ViewCampaigns),
            campaigns::list_campaigns,
        ),
        Route::get(
            "/campaigns/new",
            Access::Staff(Action::ManageCampaigns),
            campaigns::new_campaign_form,
        ),
        Route::post(
            "/campaigns",
            Access::Staff(Action::ManageCampaigns),
            campaigns::create_campaign,
        ),
        Route::get("/campaigns/{campaign_id}", manage, campaigns::show_campaign),
        Route::post(
            "/campaigns/{campaign_id}/link",
            manage,
            campaigns::renew_link,
        ),
        Route::get("/campaigns/{campaign_id}/tell", tell, tell::staff_form),
        Route::post("/campaigns/{campaign_id}/tell", tell, tell::staff_tell),
        Route::get(
            "/campaigns/{campaign_id}/stories",
            browse,
            catalog::show_catalog,
        ),
        Route::get(
            "/campaigns/{campaign_id}/patterns",
            browse,
            patterns::findings::show_patterns,
        ),
        Route::get(
            "/campaigns/{campaign_id}/patterns/finding",
            browse,
            patterns::finding::show_finding,
        ),
        Route::get(
            "/campaigns/{campaign_id}/patterns/triads",
            browse,
            patterns::triads::show_triads,
        ),
        Route::get(
            "/campaigns/{campaign_id}/patterns/trends",
            browse,
            patterns::trends::show_trends,
        ),
        Route::get(
            "/campaigns/{campaign_id}/patterns/marks",
            browse,
            patterns::mark_pages::show_marks,
        ),
        Route::get(
            "/campaigns/{campaign_id}/patterns/marks/new",
            annotate,
            patterns::mark_pages::new_mark_form,
        ),
        Route::post(
            "/campaigns/{campaign_id}/patterns/marks",
            annotate,
            patterns::mark_pages::create_mark,
        ),
        Route::get(
            "/campaigns/{campaign_id}/patterns/marks/{mark_id}",
            browse,
            patterns::mark_pages::show_mark,
        ),
        Route::get(
            "/campaigns/{campaign_id}/stories/{story_id}",
            browse,
            catalog::show_story,
        ),
        Route::post(
            "/campaigns/{campaign_id}/stories/{story_id}/annotations",
            annotate,
            catalog::add_annotation,
        ),
        Route::post(
            "/campaigns/{campaign_id}/stories/{story_id}/annotations/remove",
            annotate,
            catalog::remove_annotation,
        ),
        Route::get(
            "/campaigns/{campaign_id}/export.csv",
            Access::Campaign(Action::ExportStories),
            transfer::export_campaign,
        )
        .with_step_up(),
        Route::get(
            "/campaigns/{campaign_id}/import",
            manage,
            transfer::import_form,
        ),
        Route::post(
            "/campaigns/{campaign_id}/import",
            manage,
            transfer::import_stories,
        )
        .with_upload_limit(MAX_UPLOAD_BYTES),
        Route::get("/s/{token}", Access::Public, tell::link_form),
        Route::post("/s/{token}", Access::Public, tell::link_tell),
        Route::get(
            "/me/stories",
            Access::Citizen(Action::ReadCourse),
            tell::citizen_campaigns,
        ),
        Route::get(
            "/me/stories/{campaign_id}",
            Access::Citizen(Action::ReadCourse),
            tell::citizen_form,
        ),
        Route::post(
            "/me/stories/{campaign_id}",
            Access::Citizen(Action::ReadCourse),
            tell::citizen_tell,
        ),
    ]
}

/// A loaded campaign with the framework version it asks (404 when the version is missing).
pub(crate) async fn with_framework(
    state: &AppState,
    campaign: CampaignRecord,
) -> Result<(CampaignRecord, Framework), AppError> {
    Ok(stories::with_framework(state.app(), campaign).await?)
}

/// The campaign of a campaign route (the guard has allowed it) with its framework version.
pub(crate) async fn route_campaign(
    state: &AppState,
    ctx: &RequestContext,
) -> Result<(CampaignRecord, Framework), AppError> {
    Ok(stories::campaign_with_framework(state.app(), ctx.campaign()?).await?)
}

impl From<StoryError> for AppError {
    fn from(error: StoryError) -> Self {
        match error {
            StoryError::Action(error) => error.into(),
            StoryError::Randomness => Self::Randomness,
            // A file that cannot be written answers as before: as if there were nothing.
            StoryError::Write => Self::NotFound,
        }
    }
}
