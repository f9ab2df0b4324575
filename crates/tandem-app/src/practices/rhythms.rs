//! The team's rhythms (practices 6 and 1): the weekly pulse — how many of the team told a story
//! and whether the week's co-production share and blending left their normal range — and the
//! monthly identity check-in — how the team's role centroid drifts. Each is carried by the
//! campaign the manager chooses; until they choose, by the rule in [`carrying`].

use std::collections::HashMap;

use tandem_analytics::rhythm::{IdentityMonth, PulseWeek, RhythmStory, identity, pulse};
use tandem_analytics::ternary::Composition;
use tandem_domain::Id;
use tandem_domain::policy::Campaign;
use tandem_domain::practice::reflection::Rhythm;
use tandem_domain::practice::vocabulary::uptake_months;
use tandem_domain::story::campaign::Audience;
use tandem_store::practices::rhythms::RhythmRow;
use time::Date;

use super::team::CampaignRecord;
use super::{TeamRef, commit, read, staff_user, today};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::compute::off_executor;
use crate::error::ActionError;

/// How many weeks the pulse shows.
pub const WEEKS: usize = 12;

/// The weekly pulse: each week's first day and what it showed, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Pulse {
    /// The Mondays.
    pub starts: Vec<Date>,
    /// The weeks.
    pub weeks: Vec<PulseWeek>,
}

impl Pulse {
    /// Whether the latest week with enough stories left its normal range (the alert that also
    /// reaches the manager's home).
    #[must_use]
    pub fn alert(&self) -> bool {
        self.weeks
            .iter()
            .rev()
            .find(|w| w.together.is_some())
            .is_some_and(|w| {
                w.together.is_some_and(|x| x.outside()) || w.blending.is_some_and(|x| x.outside())
            })
    }
}

/// The monthly identity check-in: each month's first day and what it showed, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    /// The months' first days.
    pub starts: Vec<Date>,
    /// The months.
    pub months: Vec<IdentityMonth>,
}

/// The Monday of `date`'s week.
fn monday(date: Date) -> Date {
    date - time::Duration::days(i64::from(date.weekday().number_days_from_monday()))
}

/// The stories as the rhythm computations read them, in periods of the given starts.
fn rhythm_stories(
    rows: &[RhythmRow],
    starts: &[Date],
    members: &HashMap<String, u64>,
) -> Vec<RhythmStory> {
    rows.iter()
        .filter_map(|r| {
            let period = starts.iter().rposition(|s| *s <= r.collected_on)?;
            Some(RhythmStory {
                period,
                teller: r.author.and_then(|a| members.get(&a.to_string()).copied()),
                logic: r.logic.and_then(|w| Composition::from_weights(w).ok()),
                role: r.role.and_then(|w| Composition::from_weights(w).ok()),
            })
        })
        .collect()
}

/// The weekly pulse of the team's pulse campaign up to `today` (none when no campaign carries
/// it). Only counts are computed: no read of personal data is recorded.
///
/// # Errors
/// A database error.
pub async fn pulse_of(app: &App, team: TeamRef, today: Date) -> Result<Option<Pulse>, ActionError> {
    let org = team.organization_id;
    let campaigns = super::team::campaigns(app, team).await?;
    let Some((campaign, _)) = carrying(app, team, Rhythm::Pulse, &campaigns).await? else {
        return Ok(None);
    };
    let first = monday(today) - time::Duration::weeks(i64::try_from(WEEKS).unwrap_or(12) - 1);
    let starts: Vec<Date> = (0..WEEKS)
        .map(|i| first + time::Duration::weeks(i64::try_from(i).unwrap_or(0)))
        .collect();
    let rows = app.store().rhythm_stories(org, campaign, first).await?;
    let members = app.store().team_members(org, team.id).await?;
    let size = members.len();
    let index: HashMap<String, u64> = members
        .iter()
        .zip(0_u64..)
        .map(|(m, i)| (m.id.to_string(), i))
        .collect();
    let weeks = off_executor(move || {
        let stories = rhythm_stories(&rows, &starts, &index);
        Pulse {
            weeks: pulse(&stories, WEEKS, size),
            starts,
        }
    })
    .await?;
    Ok(Some(weeks))
}

/// The identity check-in of `campaign` over the uptake months up to `today`.
async fn identity_of(
    app: &App,
    team: TeamRef,
    campaign: Id<Campaign>,
    today: Date,
) -> Result<Identity, ActionError> {
    let starts = uptake_months(today);
    let rows = app
        .store()
        .rhythm_stories(team.organization_id, campaign, starts[0])
        .await?;
    off_executor(move || {
        let stories = rhythm_stories(&rows, &starts, &HashMap::new());
        Identity {
            months: identity(&stories, starts.len()),
            starts,
        }
    })
    .await
}

/// How the campaign carrying a rhythm was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carried {
    /// The manager chose it.
    Chosen,
    /// Nobody chose one: the rule picked the team's staff campaign with the most stories.
    ByRule,
}

/// The campaign carrying `rhythm` among the team's `campaigns`: the one the manager chose, or
/// — until they choose — the team's campaign for its staff with the most stories. Both rhythms
/// are about how the team's own staff tell their work (sensemaking.md §4, practices 1 and 6),
/// so a campaign for young people and networks is never picked by the rule (the profile card's
/// rule, `card::campaign`, falls back to one; a rhythm does not). `None`: nothing chosen and no
/// staff campaign with stories yet.
///
/// # Errors
/// A database error.
pub async fn carrying(
    app: &App,
    team: TeamRef,
    rhythm: Rhythm,
    campaigns: &[CampaignRecord],
) -> Result<Option<(Id<Campaign>, Carried)>, ActionError> {
    let chosen = app
        .store()
        .rhythm_campaign(team.organization_id, team.id, rhythm)
        .await?;
    Ok(match chosen {
        Some(id) => Some((id, Carried::Chosen)),
        None => by_rule(campaigns).map(|id| (id, Carried::ByRule)),
    })
}

/// The team's staff campaign with the most stories (see [`carrying`]).
fn by_rule(campaigns: &[CampaignRecord]) -> Option<Id<Campaign>> {
    campaigns
        .iter()
        .filter(|c| c.details.audience == Audience::Team && c.stories.unwrap_or_default() > 0)
        .max_by_key(|c| c.stories.unwrap_or_default())
        .map(|c| c.id)
}

/// A rhythm's page: the team's campaigns, the one carrying the rhythm, and the rhythm.
#[derive(Debug, Clone)]
pub struct RhythmView {
    /// The team's campaigns (to choose from).
    pub campaigns: Vec<CampaignRecord>,
    /// The campaign the manager chose, if they did.
    pub chosen: Option<Id<Campaign>>,
    /// The campaign carrying the rhythm, and how it was found (see [`carrying`]).
    pub carrying: Option<(Id<Campaign>, Carried)>,
    /// The weekly pulse (the pulse page, once a campaign carries it).
    pub pulse: Option<Pulse>,
    /// The identity check-in (the identity page, once a campaign carries it).
    pub identity: Option<Identity>,
}

/// The page of `rhythm`, its read recorded after it was computed and before it is shown.
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn show(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    rhythm: Rhythm,
) -> Result<RhythmView, ActionError> {
    let campaigns = super::team::campaigns(app, team).await?;
    let carrying = carrying(app, team, rhythm, &campaigns).await?;
    let mut view = RhythmView {
        campaigns,
        chosen: carrying
            .filter(|(_, how)| *how == Carried::Chosen)
            .map(|(id, _)| id),
        carrying,
        pulse: None,
        identity: None,
    };
    match (rhythm, carrying) {
        (Rhythm::Pulse, Some(_)) => view.pulse = pulse_of(app, team, today(actor)).await?,
        (Rhythm::Identity, Some((campaign, _))) => {
            view.identity = Some(identity_of(app, team, campaign, today(actor)).await?);
        }
        _ => {}
    }
    read(
        app,
        actor,
        rhythm.as_str(),
        team.id.to_string(),
        "team rhythm",
    )
    .await?;
    Ok(view)
}

/// Chooses the team's campaign that carries `rhythm` (the manager), from today. `Ok(false)`:
/// the campaign is not the team's; nothing stored.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn set_campaign(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    (rhythm, campaign): (Rhythm, Id<Campaign>),
) -> Result<bool, ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let what = (rhythm, campaign, today(actor));
    if !tx
        .set_rhythm_campaign(team.organization_id, team.id, what, by)
        .await?
    {
        return Ok(false);
    }
    let object = Some(team.id.to_string());
    commit(
        tx,
        actor,
        Entry::allowed("rhythm.set", "team", object, rhythm.as_str()),
    )
    .await?;
    Ok(true)
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::practices::card::tests::campaign;

    #[test]
    fn the_rule_carries_a_rhythm_by_the_staff_campaign_with_the_most_stories_only() {
        let staff = campaign("Personale", Audience::Team, 40);
        let bigger = campaign("Personale 2", Audience::Team, 90);
        let citizens = campaign("Unge", Audience::Courses, 500);
        let empty = campaign("Ny", Audience::Team, 0);
        let all = [staff, bigger.clone(), citizens.clone(), empty.clone()];
        assert_eq!(by_rule(&all), Some(bigger.id));
        assert_eq!(
            by_rule(&[citizens, empty]),
            None,
            "young people's stories and an empty campaign carry no rhythm"
        );
    }
}
