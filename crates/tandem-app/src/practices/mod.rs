//! The managers' practices, team by team: what a team does together with its stories.
//!
//! # Layout
//! - [`huddles`]: a huddle with the stories discussed, its interpretations and next steps.

pub mod huddles;

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::Team;

/// The team a practice belongs to: the guard has decided the actor may work with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamRef {
    /// Its organization (every query is scoped by it).
    pub organization_id: Id<Organization>,
    /// The team.
    pub id: Id<Team>,
}
