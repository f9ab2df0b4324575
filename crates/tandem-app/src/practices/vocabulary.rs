//! Words that work (practice 9): the terms the manager introduces, the definitions staff write
//! in their own words, and each term's uptake — the share of the team's stories that use it,
//! month by month, counted here from the stories' text (which no page shows).

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::practice::vocabulary::{MonthUse, Term, TermText, uptake, uptake_from};

use super::{TeamRef, commit, read, staff_user, today};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::compute::off_executor;
use crate::error::ActionError;

pub use tandem_store::practices::vocabulary::TermRecord;

/// The vocabulary page: each term with its uptake curve (oldest month first).
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// The terms with their definitions.
    pub terms: Vec<TermRecord>,
    /// Each term's curve, in the order of `terms`.
    pub curves: Vec<Vec<MonthUse>>,
}

/// The team's vocabulary, read for its page (audited before the uptake is counted).
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn show(app: &App, actor: &Actor, team: TeamRef) -> Result<Vocabulary, ActionError> {
    let today = today(actor);
    let (org, store) = (team.organization_id, app.store());
    let terms = store.vocabulary(org, team.id).await?;
    let texts = store
        .team_story_texts(org, team.id, uptake_from(today))
        .await?;
    let purpose = "vocabulary and its use in stories";
    read(app, actor, "vocabulary", team.id.to_string(), purpose).await?;
    let words: Vec<TermText> = terms.iter().map(|r| r.term.clone()).collect();
    let curves = off_executor(move || uptake(&words, &texts, today)).await?;
    Ok(Vocabulary { terms, curves })
}

/// Introduces a term with what the manager means by it. `Ok(false)`: the team has the term
/// already; nothing stored.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn introduce(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    (term, meaning): (&TermText, &PlainText),
) -> Result<bool, ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let what = (term, meaning, today(actor));
    if tx
        .introduce_term(team.organization_id, team.id, what, by, actor.at())
        .await?
        .is_none()
    {
        return Ok(false);
    }
    let object = Some(team.id.to_string());
    commit(
        tx,
        actor,
        Entry::allowed("vocabulary.term", "team", object, "vocabulary"),
    )
    .await?;
    Ok(true)
}

/// Writes (or rewrites) the acting member of staff's definition of one of the team's terms.
///
/// # Errors
/// [`ActionError::NotFound`] when the team has no such term or the actor is not staff; a
/// database error.
pub async fn define(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<Term>,
    definition: &PlainText,
) -> Result<(), ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    if !tx
        .define_term(
            team.organization_id,
            team.id,
            id,
            (by, definition, today(actor)),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let object = Some(id.to_string());
    commit(
        tx,
        actor,
        Entry::allowed("vocabulary.define", "term", object, "vocabulary"),
    )
    .await
}
