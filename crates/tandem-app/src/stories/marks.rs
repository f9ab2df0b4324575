//! "More like these, fewer like those" (sensemaking.md §4, issue 22): a reader marks a region of
//! a campaign's landscape — a zone of a triad, a third of a dyad or slider — and the pages then
//! show the share of stories in that region month by month, with its 95 % Wilson interval, so
//! everyone sees whether the mass moved. A mark becomes the intent of a probe or the material of
//! a huddle.
//!
//! Marks are the readers' own words about a landscape, not personal data; the shares are
//! computed from a [`Selection`], whose read is audited, and months with fewer than k answers,
//! or answers from fewer than k people, stay gaps.

use tandem_analytics::regions::{PeriodShare, Region, Third, overall_share, shares_by_period};
use tandem_analytics::stories::Column;
use tandem_analytics::zones::Zone;
use tandem_domain::Id;
use tandem_domain::course::Problem;
use tandem_domain::framework::Framework;
use tandem_domain::local_time::copenhagen_date;
use tandem_domain::story::mark::{Mark, MarkDetails, RegionKey};
use time::Date;

use super::CampaignRecord;
use super::catalog::StorySummary;
use super::patterns::{Selection, min_group, months};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::stories::marks::MarkRecord;

/// How many example stories of a region a mark's page lists (and hands to a huddle).
pub const EXAMPLES: usize = 5;

/// What came of marking a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkOutcome {
    /// The mark is kept.
    Marked(Id<Mark>),
    /// The question or region does not fit the campaign's framework: nothing kept.
    Invalid(Vec<Problem>),
}

/// Marks a region of the campaign's landscape, with its audit event, in one transaction.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff or the campaign is gone; a database
/// error (nothing is kept).
pub async fn mark(
    app: &App,
    actor: &Actor,
    (campaign, framework): (&CampaignRecord, &Framework),
    details: &MarkDetails,
) -> Result<MarkOutcome, ActionError> {
    let problems = details.problems(framework);
    if !problems.is_empty() {
        return Ok(MarkOutcome::Invalid(problems));
    }
    let by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let mut tx = app.store().begin().await?;
    let marked = (copenhagen_date(actor.at()), by);
    let id = tx
        .insert_mark(
            campaign.organization_id,
            campaign.id,
            details,
            marked,
            actor.at(),
        )
        .await?
        .ok_or(ActionError::NotFound)?;
    let entry = Entry::allowed(
        "mark.create",
        "mark",
        Some(id.to_string()),
        "landscape mark",
    );
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(MarkOutcome::Marked(id))
}

/// The campaign's marks, newest first.
///
/// # Errors
/// A database error.
pub async fn marks(app: &App, campaign: &CampaignRecord) -> Result<Vec<MarkRecord>, ActionError> {
    Ok(app
        .store()
        .marks(campaign.organization_id, campaign.id)
        .await?)
}

/// One mark of the campaign; another campaign's mark is not found.
///
/// # Errors
/// [`ActionError::NotFound`]; a database error.
pub async fn find(
    app: &App,
    campaign: &CampaignRecord,
    id: Id<Mark>,
) -> Result<MarkRecord, ActionError> {
    app.store()
        .mark(campaign.organization_id, id)
        .await?
        .filter(|m| m.campaign_id == campaign.id)
        .ok_or(ActionError::NotFound)
}

/// The marks a probe of the team may take as its intent (those on the team's campaigns).
///
/// # Errors
/// A database error.
pub async fn team_marks(
    app: &App,
    team: crate::practices::TeamRef,
) -> Result<Vec<MarkRecord>, ActionError> {
    Ok(app
        .store()
        .team_marks(team.organization_id, team.id)
        .await?)
}

/// One mark on a campaign of the team; any other is not found (a probe's intent).
///
/// # Errors
/// [`ActionError::NotFound`]; a database error.
pub async fn team_mark(
    app: &App,
    team: crate::practices::TeamRef,
    id: Id<Mark>,
) -> Result<MarkRecord, ActionError> {
    team_marks(app, team)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(ActionError::NotFound)
}

/// The analysis' region of a marked region.
#[must_use]
pub fn region(key: RegionKey) -> Region {
    match key {
        RegionKey::CornerA => Region::Triad(Zone::A),
        RegionKey::CornerB => Region::Triad(Zone::B),
        RegionKey::CornerC => Region::Triad(Zone::C),
        RegionKey::EdgeAb => Region::Triad(Zone::Ab),
        RegionKey::EdgeBc => Region::Triad(Zone::Bc),
        RegionKey::EdgeAc => Region::Triad(Zone::Ac),
        RegionKey::Centre => Region::Triad(Zone::Centre),
        RegionKey::Low => Region::Slider(Third::Low),
        RegionKey::Middle => Region::Slider(Third::Middle),
        RegionKey::High => Region::Slider(Third::High),
    }
}

/// The share of a region month by month.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionShares {
    /// The months, `(year, month)`, from the first story's to the last's.
    pub months: Vec<(i32, u8)>,
    /// Each month's share; `None` under k answers or k people.
    pub shares: Vec<Option<PeriodShare>>,
    /// The share over all the selection's answers; `None` under k, or when a month is hidden
    /// (the total would give its count away).
    pub overall: Option<PeriodShare>,
    /// The month the mark was set, when it falls among `months`.
    pub marked_month: Option<usize>,
}

/// Whether each selected row's answer to the mark's question lies in its region (`None`: not
/// answered); `None` when the question is not a landscape of the selection.
fn inside(selection: &Selection, details: &MarkDetails) -> Option<Vec<Option<bool>>> {
    let region = region(details.region);
    match &selection.stories().field(&details.question)?.column {
        Column::Triad(values) => Some(
            values
                .iter()
                .map(|v| v.map(|p| region.holds_point(&p)))
                .collect(),
        ),
        Column::Slider(values) => Some(
            values
                .iter()
                .map(|v| v.map(|p| region.holds_position(p)))
                .collect(),
        ),
        _ => None,
    }
}

/// The region's share in the selection, month by month (the selection's read is audited when
/// it is made). `None` when the selection shows nothing or lacks the question.
#[must_use]
pub fn shares(selection: &Selection, mark: &MarkRecord) -> Option<RegionShares> {
    let inside = inside(selection, &mark.details)?;
    let dates: Vec<Date> = selection
        .rows
        .iter()
        .map(|r| selection.columns.facts[*r].collected_on)
        .collect();
    if dates.is_empty() {
        return None;
    }
    let k = min_group().get() as usize;
    let (periods, month_of) = months(&dates);
    // A month is hidden when fewer than k people answered in it, however many stories they
    // told; and then the total is too, as it would give the month away.
    let mut answered: Vec<Vec<usize>> = vec![Vec::new(); periods.len()];
    for (row, (answer, month)) in inside.iter().zip(&month_of).enumerate() {
        if answer.is_some() {
            answered[*month].push(row);
        }
    }
    let stories = selection.stories();
    let few: Vec<bool> = (answered.iter())
        .map(|rows| !rows.is_empty() && stories.people(rows.iter().copied()) < k)
        .collect();
    let mut shares = shares_by_period(&inside, &month_of, periods.len(), k);
    for (share, few) in shares.iter_mut().zip(&few) {
        if *few {
            *share = None;
        }
    }
    let overall = (!few.contains(&true))
        .then(|| overall_share(&inside, &month_of, periods.len(), k))
        .flatten();
    let marked = (mark.marked_on.year(), u8::from(mark.marked_on.month()));
    let marked_month = periods.iter().position(|p| *p == marked);
    Some(RegionShares {
        months: periods,
        shares,
        overall,
        marked_month,
    })
}

/// Up to [`EXAMPLES`] of the selection's stories in the region, newest first, to read beside
/// the numbers and take to a huddle (no further audit: the selection's read was recorded).
///
/// # Errors
/// A database error.
pub async fn examples(
    app: &App,
    campaign: &CampaignRecord,
    selection: &Selection,
    mark: &MarkRecord,
) -> Result<Vec<StorySummary>, ActionError> {
    let Some(inside) = inside(selection, &mark.details) else {
        return Ok(Vec::new());
    };
    let ids: Vec<Id<super::Story>> = inside
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, answer)| **answer == Some(true))
        .filter_map(|(row, _)| selection.columns.facts.get(*selection.rows.get(row)?))
        .filter_map(|facts| facts.id.parse().ok())
        .take(EXAMPLES)
        .collect();
    Ok(app
        .store()
        .story_summaries(campaign.organization_id, campaign.id, &ids)
        .await?)
}
