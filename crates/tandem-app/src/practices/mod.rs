//! The managers' practices, team by team: what a team does together with its stories
//! (sensemaking specification §4). Every function takes the [`TeamRef`] the route guard allowed;
//! a practice of another team is never found. Each page's read is recorded in the audit trail
//! (`practice.read`) before the page may be shown; each change is one transaction with its
//! audit event.
//!
//! # Layout
//! - this file: [`TeamRef`], and how a change to a practice ends (its audit event, committed
//!   with it).
//! - [`team`]: the team itself, its members, its stories and campaigns as the pages pick them.
//! - [`board`]: the practice board (huddles, probes, open next steps, the outcome log).
//! - [`card`]: what the hybrid profile card reads besides the pattern scope.
//! - [`home`]: what is due for a member of staff's home page.
//! - [`huddles`]: a huddle with the stories discussed, its interpretations and next steps.
//! - [`probes`]: the probe register and its decisions.
//! - [`probe_charts`]: a probe's course measures as run charts.
//! - [`outcomes`]: "you said, we did" published to a campaign's audience.
//! - [`intentions`]: the manager's intended logic mix.
//! - [`journal`]: the manager's decision journal.
//! - [`management`]: the quarter's management seen four ways: intended, decided, narrated by
//!   staff about management, and about their own work.
//! - [`accounts`]: the good-enough story (versions, resonance, triggers, contradictions).
//! - [`vocabulary`]: the team's terms, definitions and their uptake in stories.
//! - [`cues`]: small surprises noticed, amplified and followed up.
//! - [`dilemmas`]: rounds on stories where logics collided.
//! - [`retrospectives`]: closed courses looked back on, episode by episode.
//! - [`rhythms`]: the weekly pulse and the monthly identity check-in.

pub mod accounts;
pub mod board;
pub mod card;
pub mod cues;
pub mod dilemmas;
pub mod home;
pub mod huddles;
pub mod intentions;
pub mod journal;
pub mod management;
pub mod outcomes;
pub mod probe_charts;
pub mod probes;
pub mod retrospectives;
pub mod rhythms;
pub mod team;
pub mod vocabulary;

use tandem_domain::Id;
use tandem_domain::local_time::copenhagen_date;
use tandem_domain::organization::Organization;
use tandem_domain::staff::Team;
use tandem_store::tx::Tx;

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::audit::record_read;
use crate::error::ActionError;

/// The team a practice belongs to: the guard has decided the actor may work with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamRef {
    /// Its organization (every query is scoped by it).
    pub organization_id: Id<Organization>,
    /// The team.
    pub id: Id<Team>,
}

/// Records that the actor read `kind` (`object_id`) of the team's practices for `purpose`,
/// before anything is shown (fails closed).
pub(crate) async fn read(
    app: &App,
    actor: &Actor,
    kind: &str,
    object_id: String,
    purpose: &str,
) -> Result<(), ActionError> {
    let entry = Entry::allowed("practice.read", kind, Some(object_id), purpose);
    record_read(app, actor.event(entry)).await
}

/// Ends a change to a practice: appends its audit event in the same transaction and commits.
pub(crate) async fn commit(mut tx: Tx, actor: &Actor, entry: Entry<'_>) -> Result<(), ActionError> {
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(())
}

/// The member of staff acting: practices are staff work (anyone else is answered "not found").
pub(crate) fn staff_user(actor: &Actor) -> Result<Id<tandem_domain::staff::User>, ActionError> {
    actor.staff_user().ok_or(ActionError::NotFound)
}

/// The day of the action in Copenhagen (dates of versions, ratings, decisions are Danish days).
pub(crate) fn today(actor: &Actor) -> time::Date {
    copenhagen_date(actor.at())
}
