//! Management measured as management (issue 22): for one quarter, four points on T1's triangle
//! side by side — the mix the manager intends (the questionnaire), the mix of the decisions the
//! manager recorded (the journal), how staff narrate management in their stories (T4) and how
//! they narrate their own work (T1, the same stories). The stories are the team's staff campaign
//! the profile card reads; a narrated mix needs at least k answers, as every pattern page.

use tandem_analytics::stories::Column;
use tandem_analytics::ternary::{Composition, mean};
use tandem_domain::practice::journal::{Quarter, journal_mix};
use tandem_domain::story::Teller;

use super::TeamRef;
use super::journal::{self, DecisionRecord};
use crate::actor::Actor;
use crate::app::App;
use crate::error::ActionError;
use crate::stories::catalog::StoryFilter;
use crate::stories::columns::ColumnCache;
use crate::stories::patterns::{Selecting, Selection, min_group, select};
use crate::stories::{CampaignRecord, with_framework};

/// The question on how management acted (framework version 3 on).
pub const MANAGEMENT: &str = "T4";
/// The question on what guided the work.
pub const WORK: &str = "T1";

/// A mix on T1's triangle (rules, efficiency, together) and how many answers or decisions
/// it is the mean of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mix {
    /// The three shares, summing to 1.
    pub parts: [f64; 3],
    /// Answers or decisions behind it.
    pub n: usize,
}

/// One quarter of management, four ways.
#[derive(Debug, Clone)]
pub struct ManagementQuarter {
    /// The quarter.
    pub quarter: Quarter,
    /// The manager's intended mix (the questionnaire's answers closed to 1), if given by the
    /// quarter's end (the store keeps the current answers only).
    pub intended: Option<[f64; 3]>,
    /// The day the current intended mix was set, when that was after the quarter.
    pub intended_later: Option<time::Date>,
    /// The mix of the quarter's journal entries, if any.
    pub decided: Option<Mix>,
    /// Staff's narration of management in the quarter (T4), from k answers.
    pub management_told: Option<Mix>,
    /// Staff's narration of their own work in the same stories (T1), from k answers.
    pub work_told: Option<Mix>,
    /// How many of the quarter's staff stories answered T4 (shown when under k, instead of a mix).
    pub management_answers: usize,
    /// The quarter's journal, newest first.
    pub decisions: Vec<DecisionRecord>,
    /// The campaign the stories come from (none: the team has no campaign with stories).
    pub campaign: Option<CampaignRecord>,
}

/// The mean answer to `question` over the selection, from at least k answers, and how many
/// answered.
fn told(selection: &Selection, question: &str) -> (Option<Mix>, usize) {
    let Some(Column::Triad(values)) = selection.stories().field(question).map(|f| &f.column) else {
        return (None, 0);
    };
    let points: Vec<Composition> = values.iter().flatten().copied().collect();
    let n = points.len();
    let k = min_group().get() as usize;
    let mix = (n >= k).then(|| mean(&points)).flatten().map(|m| Mix {
        parts: m.parts(),
        n,
    });
    (mix, n)
}

/// The team's quarter (every read audited: the journal's and the stories').
///
/// # Errors
/// The reads cannot be recorded; a database error.
pub async fn quarter(
    app: &App,
    cache: &ColumnCache,
    actor: &Actor,
    team: TeamRef,
    quarter: Quarter,
) -> Result<ManagementQuarter, ActionError> {
    let (from, to) = (quarter.first_day(), quarter.last_day());
    let decisions: Vec<DecisionRecord> =
        journal::entries(app, actor, team, Some(from), "management quarter")
            .await?
            .into_iter()
            .filter(|d| d.entry.decided_on <= to)
            .collect();
    let decided = journal_mix(decisions.iter().map(|d| &d.entry)).map(|parts| Mix {
        parts,
        n: decisions.len(),
    });
    let intention = super::intentions::current(app, team).await?;
    let (intended, intended_later) = match intention {
        Some(i) if i.set_on > to => (None, Some(i.set_on)),
        Some(i) => (
            Composition::from_weights(i.answers).ok().map(|c| c.parts()),
            None,
        ),
        None => (None, None),
    };
    let mut shown = ManagementQuarter {
        quarter,
        intended,
        intended_later,
        decided,
        management_told: None,
        work_told: None,
        management_answers: 0,
        decisions,
        campaign: None,
    };
    let Some((campaign, _)) = super::card::campaign(app, team).await? else {
        return Ok(shown);
    };
    let (campaign, framework) = with_framework(app, campaign).await?;
    let filter = StoryFilter {
        from: Some(from),
        to: Some(to),
        teller: Some(Teller::Staff),
        ..StoryFilter::default()
    };
    let key = format!("from={from}&to={to}&teller=staff");
    let what = Selecting {
        campaign: &campaign,
        framework: &framework,
        filter: &filter,
        key: &key,
    };
    let (selection, _) = select(app, cache, actor, what, "management quarter").await?;
    (shown.management_told, shown.management_answers) = told(&selection, MANAGEMENT);
    // Own work in the stories that narrate management, so both rows speak of the same
    // situations: T1 among the stories with a T4 answer.
    shown.work_told = work_in_management_stories(&selection);
    shown.campaign = Some(campaign);
    Ok(shown)
}

/// T1's mean over the stories that answered T4 (at least k of them).
fn work_in_management_stories(selection: &Selection) -> Option<Mix> {
    let stories = selection.stories();
    let (Some(Column::Triad(management)), Some(Column::Triad(work))) = (
        stories.field(MANAGEMENT).map(|f| &f.column),
        stories.field(WORK).map(|f| &f.column),
    ) else {
        return None;
    };
    let points: Vec<Composition> = management
        .iter()
        .zip(work)
        .filter_map(|(m, w)| m.and(*w))
        .collect();
    let k = min_group().get() as usize;
    (points.len() >= k)
        .then(|| mean(&points))
        .flatten()
        .map(|m| Mix {
            parts: m.parts(),
            n: points.len(),
        })
}
