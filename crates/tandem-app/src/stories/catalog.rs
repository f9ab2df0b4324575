//! The catalog: a page of a campaign's stories narrowed by a filter, with the counts its filter
//! panel shows; one story with its answers; codes and tags added and removed by staff. Every
//! read is recorded before anything is shown.

use std::collections::HashMap;

use tandem_domain::framework::Framework;
use tandem_domain::{Id, PlainText};

use super::{CampaignAccess, CampaignRecord, Story};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::audit::record_read;
use crate::error::ActionError;

pub use tandem_store::stories::catalog::{AnswerCondition, StoryFilter, StoryRecord, StorySummary};

/// Stories per catalog page.
pub const PAGE_SIZE: i64 = 25;

/// A catalog page number, counted from 0 and range-checked before it becomes an SQL offset: a
/// million stories fill 40,000 pages, and a page beyond [`PageNumber::MAX`] would only probe
/// for an overflow (`page * PAGE_SIZE` past `i64`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageNumber(u32);

/// A `page=` value that is not a page number from 0 to [`PageNumber::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a page number")]
pub struct InvalidPage;

impl PageNumber {
    /// The last page number accepted.
    pub const MAX: u32 = 1_000_000;

    /// Parses a query value; empty is the first page.
    ///
    /// # Errors
    /// [`InvalidPage`] for anything but a whole number from 0 to [`PageNumber::MAX`].
    pub fn parse(text: &str) -> Result<Self, InvalidPage> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Self(0));
        }
        match text.parse::<u32>() {
            Ok(page) if page <= Self::MAX => Ok(Self(page)),
            _ => Err(InvalidPage),
        }
    }

    /// The page number, for arithmetic with [`PAGE_SIZE`].
    #[must_use]
    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

/// One page of the catalog.
#[derive(Debug, Clone)]
pub struct CatalogPage {
    /// The page's stories.
    pub stories: Vec<StorySummary>,
    /// How many stories the filter selects.
    pub total: i64,
    /// Stories per (question, option) under the filter, for the filter panel.
    pub counts: HashMap<(String, String), i64>,
}

/// Page `page` (from 0) of the stories `filter` selects, read for the catalog (audited).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn page(
    app: &App,
    actor: &Actor,
    campaign: &CampaignRecord,
    filter: &StoryFilter,
    page: PageNumber,
) -> Result<CatalogPage, ActionError> {
    let (org, id) = (campaign.organization_id, campaign.id);
    let store = app.store();
    let (stories, total) = store
        .stories(org, id, filter, PAGE_SIZE, page.get() * PAGE_SIZE)
        .await?;
    let counts = store.option_counts(org, id, filter).await?;
    let entry = Entry::allowed("story.list", "story", Some(id.to_string()), "catalog");
    record_read(app, actor.event(entry)).await?;
    Ok(CatalogPage {
        stories,
        total,
        counts,
    })
}

/// One story of the campaign with its answers and codes, read for its page (audited).
///
/// # Errors
/// [`ActionError::NotFound`] when the campaign has no such story; as [`page`].
pub async fn story(
    app: &App,
    actor: &Actor,
    campaign: &CampaignRecord,
    framework: &Framework,
    id: Id<Story>,
) -> Result<StoryRecord, ActionError> {
    let story = app
        .store()
        .story(campaign.organization_id, campaign.id, id, framework)
        .await?
        .ok_or(ActionError::NotFound)?;
    let entry = Entry::allowed("story.read", "story", Some(id.to_string()), "story");
    record_read(app, actor.event(entry)).await?;
    Ok(story)
}

/// What kind of note staff put on a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationKind {
    /// A code from the team's analysis.
    Code,
    /// A free tag.
    Tag,
}

impl AnnotationKind {
    /// The stored word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Tag => "tag",
        }
    }
}

/// A code or tag with its value.
#[derive(Debug, Clone)]
pub struct Annotation {
    /// Code or tag.
    pub kind: AnnotationKind,
    /// Its text (one line).
    pub value: PlainText,
}

/// Adds a code or tag to a story of the campaign, with its audit event.
///
/// # Errors
/// [`ActionError::NotFound`] when the campaign has no such story; a database error.
pub async fn annotate(
    app: &App,
    actor: &Actor,
    campaign: &CampaignAccess,
    story: Id<Story>,
    annotation: &Annotation,
) -> Result<(), ActionError> {
    if !app
        .store()
        .story_in_campaign(campaign.organization_id, campaign.id, story)
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let mut tx = app.store().begin().await?;
    tx.add_annotation(
        story,
        annotation.kind.as_str(),
        annotation.value.as_str(),
        actor.staff_user(),
        actor.at(),
    )
    .await?;
    let entry = Entry::allowed("story.annotate", "story", Some(story.to_string()), "story");
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a code or tag from a story of the campaign; audited when there was one to remove.
///
/// # Errors
/// A database error; nothing is changed.
pub async fn unannotate(
    app: &App,
    actor: &Actor,
    campaign: &CampaignAccess,
    story: Id<Story>,
    annotation: &Annotation,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if tx
        .remove_annotation(
            campaign.id,
            story,
            annotation.kind.as_str(),
            annotation.value.as_str(),
        )
        .await?
    {
        let entry = Entry::allowed(
            "story.unannotate",
            "story",
            Some(story.to_string()),
            "story",
        );
        tx.append_audit(actor.event(entry)).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_range_checked_before_they_become_an_offset() {
        assert_eq!(PageNumber::parse(""), Ok(PageNumber(0)));
        assert_eq!(PageNumber::parse(" 3 "), Ok(PageNumber(3)));
        assert_eq!(
            PageNumber::parse("1000000").map(PageNumber::get),
            Ok(1_000_000)
        );
        for hostile in ["461168601842738790", "1000001", "-1", "2.5", "1e3", "\u{0}"] {
            assert_eq!(PageNumber::parse(hostile), Err(InvalidPage), "{hostile:?}");
        }
        let last = PageNumber::parse("1000000").expect("last page");
        assert!(last.get().checked_mul(PAGE_SIZE).is_some());
    }
}
