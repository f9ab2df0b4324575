//! The citizens' side of a course: what the young person and network members see on their own
//! page and what they may change there — limited by their role and, for a network member, by
//! the consent the young person gave (R4, R7). Every read and change is recorded like staff
//! access, with the purpose "my course".
//!
//! The route guard has already decided that the account may reach its course; these functions
//! apply the finer rules (only one's own steps, only one's own ratings, only minutes shared).

mod changes;
mod consent;
mod data;
mod home;
mod rounds;

use tandem_domain::course::kinds::RaterRole;
use tandem_domain::course::network::ConsentScope;
use tandem_domain::course::work::StepOwner;
use tandem_store::ratings::RaterRecord;

use crate::app::App;
use crate::courses::CourseRef;
use crate::error::ActionError;

pub use changes::{
    MessageSent, add_own_step, approve_minutes, disagree_with_minutes, mark_own_step_done,
    propose_goal, send_message,
};
pub use consent::{ConsentPage, consent_page, set_consent};
pub use data::{MyRecords, access_log, my_records};
pub use home::{FeedbackDue, Home, feedback_instrument, home, rating_form};
pub use rounds::{GoalProgress, PendingRound, RevealedRound};
pub use tandem_store::citizens::{CitizenRecord, CitizenRole};
pub use tandem_store::network::MemberRecord;

/// The purpose the citizens' own pages record.
pub const PURPOSE: &str = "my course";

/// The course a citizen's account belongs to.
#[must_use]
pub fn course_of(account: &CitizenRecord) -> CourseRef {
    CourseRef {
        organization_id: account.organization_id,
        id: account.course_id,
    }
}

/// Whether an invited rating is the citizen's own: the young person's, or the one linked to
/// this network member.
#[must_use]
pub fn is_mine(role: CitizenRole, rater: &RaterRecord) -> bool {
    match role {
        CitizenRole::YoungPerson => rater.role == RaterRole::YoungPerson,
        CitizenRole::NetworkMember(member) => rater.member_id == Some(member),
    }
}

/// Whether a step is the citizen's own to tick off.
#[must_use]
pub fn owns(role: CitizenRole, owner: &StepOwner) -> bool {
    match (role, owner) {
        (CitizenRole::YoungPerson, StepOwner::YoungPerson) => true,
        (CitizenRole::NetworkMember(member), StepOwner::Network(id)) => member == *id,
        _ => false,
    }
}

/// What the citizen may see: the young person everything of their own course (but internal
/// notes), a network member what their current consent covers (nothing once it ended).
///
/// # Errors
/// A database error.
pub async fn scope(app: &App, account: &CitizenRecord) -> Result<ConsentScope, ActionError> {
    match account.role {
        CitizenRole::YoungPerson => Ok(ConsentScope {
            goals: true,
            steps: true,
            meetings: true,
        }),
        CitizenRole::NetworkMember(member) => Ok(app
            .store()
            .network_of(account.organization_id, account.course_id)
            .await?
            .iter()
            .find(|m| m.id == member && m.active_to.is_none())
            .map(|m| m.details.consent)
            .unwrap_or_default()),
    }
}
