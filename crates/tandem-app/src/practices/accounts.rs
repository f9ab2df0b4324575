//! The good-enough story (practice 8): the team's current best account of where the change is
//! heading, its versions, how well each rings true to staff, the stories that contradict it and
//! the triggers that call for a revision.

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::practice::account::{AccountTrigger, AccountVersion, Resonance};
use tandem_store::stories::Story;

use super::{TeamRef, commit, read, staff_user, today};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::accounts::{Account, TriggerRecord, VersionRecord};

/// The team's good-enough story with its versions and triggers, read for its page (audited).
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn show(app: &App, actor: &Actor, team: TeamRef) -> Result<Account, ActionError> {
    let account = app.store().account(team.organization_id, team.id).await?;
    let purpose = "good-enough story";
    read(app, actor, "account", team.id.to_string(), purpose).await?;
    Ok(account)
}

/// The team's good-enough story without recording a read: only for deciding what is due
/// (nothing of it is shown).
///
/// # Errors
/// A database error.
pub async fn for_due(app: &App, team: TeamRef) -> Result<Account, ActionError> {
    Ok(app.store().account(team.organization_id, team.id).await?)
}

/// Ends a change to the story with its audit event (`action`).
async fn saved(
    tx: tandem_store::tx::Tx,
    actor: &Actor,
    team: TeamRef,
    action: &str,
) -> Result<(), ActionError> {
    let object = Some(team.id.to_string());
    commit(
        tx,
        actor,
        Entry::allowed(action, "account", object, "good-enough story"),
    )
    .await
}

/// Writes the next version (the manager), dated today.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn write_version(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    (body, reason): (&PlainText, &PlainText),
) -> Result<(), ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let what = (body, reason, today(actor));
    tx.write_account_version(team.organization_id, team.id, what, by, actor.at())
        .await?;
    saved(tx, actor, team, "account.version").await
}

/// Rates `version` for the acting member of staff (once each, changeable). `Ok(false)`: it is
/// not the current version; nothing stored.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn rate(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    version: Id<AccountVersion>,
    rating: Resonance,
) -> Result<bool, ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let rating = (by, rating, today(actor));
    if !tx
        .rate_account_version(team.organization_id, team.id, version, rating)
        .await?
    {
        return Ok(false);
    }
    saved(tx, actor, team, "account.rate").await?;
    Ok(true)
}

/// Adds a revision trigger (the manager).
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn add_trigger(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    description: &PlainText,
) -> Result<(), ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    tx.add_account_trigger(team.organization_id, team.id, description, by, actor.at())
        .await?;
    saved(tx, actor, team, "account.trigger").await
}

/// Says a trigger was met today, and what was seen.
///
/// # Errors
/// [`ActionError::NotFound`] when it was met already or is not the team's (nothing to tell
/// apart); a database error.
pub async fn meet_trigger(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<AccountTrigger>,
    note: &PlainText,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .meet_account_trigger(team.organization_id, team.id, id, (today(actor), note))
        .await?
    {
        return Err(ActionError::NotFound);
    }
    saved(tx, actor, team, "account.trigger-met").await
}

/// Links one of the team's stories as contradicting the current `version`.
///
/// # Errors
/// [`ActionError::NotFound`] when the version is not the current one of the team or the actor
/// not staff; a database error.
pub async fn add_contradiction(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    version: Id<AccountVersion>,
    (story, note): (Id<Story>, &PlainText),
) -> Result<(), ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    if !tx
        .add_contradiction(
            team.organization_id,
            team.id,
            version,
            (story, note),
            by,
            actor.at(),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    saved(tx, actor, team, "account.contradiction").await
}
