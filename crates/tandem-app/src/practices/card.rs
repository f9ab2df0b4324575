//! What the team's hybrid profile card reads besides the pattern scope (which the stories'
//! pages share): the campaign it is drawn from, and the example stories beside each index.

use tandem_domain::Id;
use tandem_domain::policy::CampaignAccess;
use tandem_domain::story::campaign::Audience;

use super::TeamRef;
use super::team::{CampaignRecord, Story};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::stories::catalog::StorySummary;

/// The team's campaign the card is drawn from, with who it belongs to (the web layer decides
/// whether the caller may open its stories). `None`: no campaign of the team has stories yet.
///
/// The rule: the card is about how the team's staff narrate their work, so it reads the team's
/// staff campaign with the most stories; only a team without one reads its campaign for young
/// people and networks (or its link campaign) with the most stories. Before, it read whichever
/// campaign with stories came first — for a team with a newer citizens' campaign, a profile of
/// the citizens' few answers ("Meningsgivning: minimal").
///
/// # Errors
/// A database error.
pub async fn campaign(
    app: &App,
    team: TeamRef,
) -> Result<Option<(CampaignRecord, CampaignAccess)>, ActionError> {
    let Some(campaign) = best_campaign(super::team::campaigns(app, team).await?) else {
        return Ok(None);
    };
    let access = app.store().access_of(&campaign).await?;
    Ok(Some((campaign, access)))
}

/// The campaign the card reads among `campaigns` (see [`campaign`]).
fn best_campaign(campaigns: Vec<CampaignRecord>) -> Option<CampaignRecord> {
    campaigns
        .into_iter()
        .filter(|c| c.stories.unwrap_or_default() > 0)
        .max_by_key(|c| {
            (
                c.details.audience == Audience::Team,
                c.stories.unwrap_or_default(),
            )
        })
}

/// The example stories `ids` of `campaign` (the card's scope has recorded the read).
///
/// # Errors
/// A database error.
pub async fn examples(
    app: &App,
    campaign: &CampaignRecord,
    ids: &[Id<Story>],
) -> Result<Vec<StorySummary>, ActionError> {
    Ok(app
        .store()
        .story_summaries(campaign.organization_id, campaign.id, ids)
        .await?)
}

#[cfg(test)]
pub(crate) mod tests {
    use tandem_domain::PlainText;
    use tandem_domain::story::campaign::CampaignDetails;
    use time::macros::date;

    use super::*;

    /// A campaign of `audience` with `stories` stories (the rhythms' tests share it).
    pub(crate) fn campaign(title: &str, audience: Audience, stories: i64) -> CampaignRecord {
        let text = |t: &str| PlainText::parse(t, 200).expect("text");
        CampaignRecord {
            id: Id::new(),
            organization_id: Id::new(),
            details: CampaignDetails {
                title: text(title),
                prompt: text("Fortæl"),
                audience,
                consent_text: None,
                opens_on: date!(2026 - 01 - 01),
                closes_on: date!(2026 - 12 - 31),
                returns_stories: false,
            },
            framework_id: Id::new(),
            team_id: None,
            team_name: None,
            stories: Some(stories),
            link_token: None,
        }
    }

    fn chosen(campaigns: Vec<CampaignRecord>) -> Option<String> {
        best_campaign(campaigns).map(|c| c.details.title.as_str().to_owned())
    }

    #[test]
    fn the_card_reads_the_staff_campaign_with_the_most_stories_before_any_other() {
        assert_eq!(
            chosen(vec![
                campaign("Unge og netværk", Audience::Courses, 300),
                campaign("Puls (tom)", Audience::Team, 0),
                campaign("Ugentlig puls", Audience::Team, 680),
                campaign("Gammel puls", Audience::Team, 40),
            ]),
            Some("Ugentlig puls".to_owned()),
            "a newer citizens' campaign with stories does not take the staff's place"
        );
        assert_eq!(
            chosen(vec![
                campaign("Link", Audience::Link, 12),
                campaign("Unge og netværk", Audience::Courses, 300),
            ]),
            Some("Unge og netværk".to_owned()),
            "without a staff campaign, the one with the most stories"
        );
        assert_eq!(chosen(vec![campaign("Tom", Audience::Team, 0)]), None);
    }
}
