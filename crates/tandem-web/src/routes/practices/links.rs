//! Linked stories on a practice page: a link to the story's page when the caller may browse its
//! campaign, plain text otherwise.

use std::collections::HashMap;

use tandem_app::practices::team::{self, LinkedStory};
use tandem_domain::policy::{Action, Decision, Resource, authorize};

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::state::AppState;

/// A story on a practice page: a link to its page when the caller may browse its campaign.
pub(crate) struct StoryLink {
    pub(crate) id: String,
    pub(crate) href: Option<String>,
    pub(crate) title: String,
    pub(crate) excerpt: Option<String>,
    pub(crate) date: String,
}

/// The linked stories as shown to the caller (each campaign is asked about once).
pub(crate) async fn story_links(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    stories: &[LinkedStory],
) -> Result<Vec<StoryLink>, AppError> {
    let org = ctx.staff()?.organization_id;
    let mut browse: HashMap<String, bool> = HashMap::new();
    let mut links = Vec::with_capacity(stories.len());
    for story in stories {
        let campaign = story.campaign_id.to_string();
        if !browse.contains_key(&campaign) {
            let allowed = team::campaign_access(state.app(), org, story.campaign_id)
                .await?
                .is_some_and(|access| {
                    authorize(
                        &ctx.principal,
                        Action::BrowseStories,
                        &Resource::Campaign(access),
                    ) == Decision::Allow
                });
            browse.insert(campaign.clone(), allowed);
        }
        let (title, excerpt) = crate::kit::story_listing(story.title.as_deref(), &story.excerpt);
        links.push(StoryLink {
            id: story.id.to_string(),
            href: browse[&campaign].then(|| format!("/campaigns/{campaign}/stories/{}", story.id)),
            title,
            excerpt,
            date: show_date(tr, story.collected_on),
        });
    }
    Ok(links)
}
