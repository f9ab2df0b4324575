//! Hold the tension (practice 10): rounds on the team's stories that blend two or three logics,
//! and how the team handled each story.

use tandem_analytics::profile::{StoryClass, classify};
use tandem_analytics::ternary::Composition;
use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::practice::reflection::{DilemmaRound, Handling};
use tandem_store::stories::Story;
use time::Date;

use super::{TeamRef, commit, read, staff_user, today};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::LinkedStory;
pub use tandem_store::practices::dilemmas::RoundRecord;

/// How far back the mixed-logic filter looks (the profile's window).
pub const WINDOW_DAYS: i64 = 90;

/// The team's stories of the last [`WINDOW_DAYS`] that blend two or three logics, newest first.
async fn candidates(
    app: &App,
    actor: &Actor,
    team: TeamRef,
) -> Result<Vec<LinkedStory>, ActionError> {
    let from = today(actor) - time::Duration::days(WINDOW_DAYS);
    let weighted = app
        .store()
        .team_logic_stories(team.organization_id, team.id, from)
        .await?;
    Ok(weighted
        .into_iter()
        .filter(|(_, w)| {
            Composition::from_weights(*w).is_ok_and(|c| {
                matches!(
                    classify(&c),
                    StoryClass::TwoLogicBlend | StoryClass::ThreeLogicBlend
                )
            })
        })
        .map(|(s, _)| s)
        .collect())
}

/// The rounds page: the team's rounds (newest first) and how many stories the filter offers.
#[derive(Debug, Clone)]
pub struct Rounds {
    /// The rounds.
    pub rounds: Vec<RoundRecord>,
    /// Stories of the window that blend logics.
    pub candidates: usize,
}

/// The team's rounds, read for the rounds page (audited).
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn rounds(app: &App, actor: &Actor, team: TeamRef) -> Result<Rounds, ActionError> {
    let rounds = app
        .store()
        .dilemma_rounds(team.organization_id, team.id)
        .await?;
    let candidates = candidates(app, actor, team).await?.len();
    let purpose = "dilemma rounds";
    read(app, actor, "dilemmas", team.id.to_string(), purpose).await?;
    Ok(Rounds { rounds, candidates })
}

/// One round, with (when `with_candidates`, for the manager) up to `limit` blended stories not
/// yet handled in it.
///
/// # Errors
/// [`ActionError::NotFound`] when the team has no such round; the read cannot be recorded; a
/// database error.
pub async fn round(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<DilemmaRound>,
    with_candidates: Option<usize>,
) -> Result<(RoundRecord, Vec<LinkedStory>), ActionError> {
    let round = app
        .store()
        .dilemma_rounds(team.organization_id, team.id)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(ActionError::NotFound)?;
    let open = match with_candidates {
        Some(limit) => candidates(app, actor, team)
            .await?
            .into_iter()
            .filter(|s| !round.handlings.iter().any(|(h, _, _)| h.id == s.id))
            .take(limit)
            .collect(),
        None => Vec::new(),
    };
    let purpose = "dilemma round";
    read(app, actor, "dilemma round", id.to_string(), purpose).await?;
    Ok((round, open))
}

/// Opens a round (the manager).
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn open(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    (held_on, title): (Date, &PlainText),
) -> Result<Id<DilemmaRound>, ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_dilemma_round(
            team.organization_id,
            team.id,
            (held_on, title),
            by,
            actor.at(),
        )
        .await?;
    let object = Some(id.to_string());
    let entry = Entry::allowed("dilemma.round", "dilemma round", object, "dilemma round");
    commit(tx, actor, entry).await?;
    Ok(id)
}

/// Records how the team handled one of its stories in the round.
///
/// # Errors
/// [`ActionError::NotFound`] when the round or story is not the team's; a database error.
pub async fn handle(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<DilemmaRound>,
    (story, handling, follow_up): (Id<Story>, Handling, &PlainText),
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .handle_dilemma(
            team.organization_id,
            team.id,
            id,
            (story, handling, follow_up),
            actor.at(),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let object = Some(id.to_string());
    let entry = Entry::allowed("dilemma.handle", "dilemma round", object, "dilemma round");
    commit(tx, actor, entry).await
}
