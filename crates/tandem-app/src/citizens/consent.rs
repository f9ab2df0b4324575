//! "Who may see what" as the young person's own page: each current network member and what
//! they may see, and — from 15, when the young person decides (`course::consent`) — changing it
//! directly. Under 15 the page says who decides and how to ask for a change.

use tandem_domain::course::consent::ConsentDecider;
use tandem_domain::course::network::{ConsentScope, Member};
use tandem_domain::{Id, PlainText};
use tandem_store::network::MemberRecord;

use super::{CitizenRecord, CitizenRole, PURPOSE, course_of};
use crate::actor::Actor;
use crate::app::App;
use crate::audit::course_read;
use crate::courses::{commit_with, today};
use crate::error::ActionError;

/// The consent page's content.
#[derive(Debug, Clone)]
pub struct ConsentPage {
    /// Who decides, by the young person's age today and who holds parental authority.
    pub decider: ConsentDecider,
    /// The current network members, each with what they may see.
    pub members: Vec<MemberRecord>,
}

/// Who decides for the young person of `account`'s course today, and the young person's name
/// (who gives the consent when they decide).
async fn decider(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
) -> Result<(ConsentDecider, PlainText), ActionError> {
    let course = course_of(account);
    let (org, id) = (course.organization_id, course.id);
    let entry = app
        .store()
        .course(org, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let authority = app
        .store()
        .parental_authority(org, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let details = entry.course.details;
    let decider = ConsentDecider::on(details.birth_date, today(actor), authority);
    Ok((decider, details.young_person_name))
}

/// The page, read and recorded; for the young person only.
///
/// # Errors
/// [`ActionError::NotFound`] for a network member or a course that is gone;
/// [`ActionError::AuditUnavailable`]; a database error.
pub async fn consent_page(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
) -> Result<ConsentPage, ActionError> {
    if account.role != CitizenRole::YoungPerson {
        return Err(ActionError::NotFound);
    }
    let (decider, _) = decider(app, actor, account).await?;
    let course = course_of(account);
    let members = app
        .store()
        .network_of(course.organization_id, course.id)
        .await?
        .into_iter()
        .filter(|m| m.active_to.is_none())
        .collect();
    course_read(app, actor, course, PURPOSE).await?;
    Ok(ConsentPage { decider, members })
}

/// The young person changes what one network member may see (nothing at all withdraws the
/// consent). Only when they decide themselves: from 15 (forvaltningsloven § 28, stk. 3-4;
/// see `course::consent`).
///
/// # Errors
/// [`ActionError::NotFound`] for a network member, a young person under 15, or a member who is
/// not current in the course; a database error.
pub async fn set_consent(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    member: Id<Member>,
    scope: ConsentScope,
) -> Result<(), ActionError> {
    if account.role != CitizenRole::YoungPerson {
        return Err(ActionError::NotFound);
    }
    let (decider, given_by) = decider(app, actor, account).await?;
    if !decider.young_person_decides() {
        return Err(ActionError::NotFound);
    }
    let course = course_of(account);
    let mut tx = app.store().begin().await?;
    if !tx
        .set_member_consent(
            course.organization_id,
            course.id,
            member,
            (scope, &given_by),
            actor.at(),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "network.consent",
        "member",
        Some(member.to_string()),
        PURPOSE,
    );
    commit_with(tx, event).await
}
