//! "You said, we did": the manager publishes what came of a huddle or a probe to the audience of
//! one of the team's campaigns, where it shows on the campaign's collection pages.

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::policy::Campaign;
use tandem_domain::practice::{Huddle, Probe};
use tandem_store::practices::outcomes::NewOutcome;

use super::{TeamRef, commit, staff_user, today};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_domain::practice::Outcome;

/// What the outcome came of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A huddle of the team.
    Huddle(Id<Huddle>),
    /// A probe of the team.
    Probe(Id<Probe>),
}

/// An outcome as parsed from the form on a huddle's or probe's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publish {
    /// Where it came from.
    pub source: Source,
    /// The campaign whose audience hears it.
    pub campaign: Id<Campaign>,
    /// What they said.
    pub said: PlainText,
    /// What we did.
    pub did: PlainText,
}

/// Publishes the outcome, dated today. `Ok(None)`: the campaign (or the huddle or probe) is
/// not the team's; nothing stored.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn publish(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    command: &Publish,
) -> Result<Option<Id<Outcome>>, ActionError> {
    let by = staff_user(actor)?;
    let (huddle_id, probe_id) = match command.source {
        Source::Huddle(h) => (Some(h), None),
        Source::Probe(p) => (None, Some(p)),
    };
    let outcome = NewOutcome {
        campaign_id: command.campaign,
        huddle_id,
        probe_id,
        said: &command.said,
        did: &command.did,
        published_on: today(actor),
    };
    let mut tx = app.store().begin().await?;
    let Some(id) = tx
        .publish_outcome(team.organization_id, team.id, &outcome, by, actor.at())
        .await?
    else {
        return Ok(None);
    };
    let entry = Entry::allowed(
        "outcome.publish",
        "outcome",
        Some(id.to_string()),
        "you said, we did",
    );
    commit(tx, actor, entry).await?;
    Ok(Some(id))
}
