//! Telling a story: by staff in their team's campaigns, by a young person or network member in
//! the campaigns that ask their course, and by anyone holding a campaign's link (no account;
//! nothing identifying stored, not even an audit event, which would hold their address).

use tandem_domain::framework::Framework;
use tandem_domain::policy::Campaign;
use tandem_domain::story::{Answers, Teller};
use tandem_domain::{Id, PlainText};
use tandem_store::stories::write::NewStory;
use time::Date;

use super::{CampaignAccess, CampaignRecord, Story};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::courses::CourseRef;
use crate::error::ActionError;

pub use tandem_store::citizens::{CitizenAccount, CitizenRole};

/// A story as its teller sent it, checked.
#[derive(Debug, Clone, Copy)]
pub struct TellStory<'a> {
    /// Who tells (the kind, never the person).
    pub teller: Teller,
    /// The young person's or network member's account, kept for their own edits only.
    pub citizen_account: Option<Id<CitizenAccount>>,
    /// The text (as confirmed, when redaction was offered).
    pub body: &'a PlainText,
    /// The day it was told.
    pub collected_on: Date,
    /// Whether the teller agreed to the consent text, or none was asked.
    pub consent_given: bool,
    /// Whether the teller confirmed a redacted version.
    pub redacted: bool,
    /// The answers to the framework's questions.
    pub answers: &'a Answers,
}

/// Saves a story in `campaign` with its answers and — unless the teller is anonymous — its
/// audit event, in one transaction. A member of staff is kept as its author.
///
/// # Errors
/// A database error; nothing is kept.
pub async fn tell(
    app: &App,
    actor: &Actor,
    campaign: &CampaignRecord,
    story: &TellStory<'_>,
) -> Result<Id<Story>, ActionError> {
    let new = NewStory {
        campaign_id: campaign.id,
        framework_id: campaign.framework_id,
        teller: story.teller,
        author_id: actor.staff_user(),
        citizen_account_id: story.citizen_account,
        teller_key: None,
        title: None,
        body: story.body.as_str(),
        collected_on: story.collected_on,
        consent_given: story.consent_given,
        redacted: story.redacted,
        answers: story.answers,
        annotations: &[],
    };
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_story(campaign.organization_id, &new, actor.at())
        .await?;
    // An anonymous teller leaves no trace: no audit event (it would hold their address).
    if story.teller != Teller::Anonymous {
        let entry = Entry::allowed("story.create", "story", Some(id.to_string()), "story form");
        tx.append_audit(actor.event(entry)).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The campaign behind a link token with its framework.
///
/// # Errors
/// [`ActionError::NotFound`] for unknown, replaced and malformed links alike; a database error.
pub async fn by_link(app: &App, token: &str) -> Result<(CampaignRecord, Framework), ActionError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ActionError::NotFound);
    }
    let campaign = app
        .store()
        .campaign_by_link(&tandem_store::tokens::token_hash(token))
        .await?
        .ok_or(ActionError::NotFound)?;
    super::with_framework(app, campaign).await
}

/// The campaigns that ask `course`, each with what the policy needs to decide whether its
/// young person or network member may tell in it.
///
/// # Errors
/// A database error.
pub async fn for_course(
    app: &App,
    course: CourseRef,
) -> Result<Vec<(CampaignRecord, CampaignAccess)>, ActionError> {
    let store = app.store();
    let mut found = Vec::new();
    for campaign in store
        .campaigns_for_course(course.organization_id, course.id)
        .await?
    {
        let access = store.access_of(&campaign).await?;
        found.push((campaign, access));
    }
    Ok(found)
}

/// One campaign of the course's organization with what the policy needs.
///
/// # Errors
/// [`ActionError::NotFound`] when there is no such campaign; a database error.
pub async fn campaign_for_course(
    app: &App,
    course: CourseRef,
    id: Id<Campaign>,
) -> Result<(CampaignRecord, CampaignAccess), ActionError> {
    let store = app.store();
    let campaign = store
        .campaign(course.organization_id, id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let access = store.access_of(&campaign).await?;
    Ok((campaign, access))
}

/// The names of the course's people (network, then the young person), looked for in a story's
/// text before it is saved. Never shown: only used to offer a redaction.
///
/// # Errors
/// A database error.
pub async fn names_in(app: &App, course: CourseRef) -> Result<Vec<String>, ActionError> {
    let store = app.store();
    let mut names: Vec<String> = store
        .network_of(course.organization_id, course.id)
        .await?
        .into_iter()
        .map(|m| m.details.name.as_str().to_owned())
        .collect();
    if let Some(entry) = store.course(course.organization_id, course.id).await? {
        names.push(entry.course.details.young_person_name.as_str().to_owned());
    }
    Ok(names)
}
