//! Reading a campaign's answers for its pattern pages: every story's date and teller kind with
//! its answered parts except free text (or only the stories saved since columns were read),
//! handed to the caller one story at a time in date order, so the caller can build columns
//! without the rows ever existing as structs. The web keeps the result as columns and asks
//! [`Store::campaign_revision`] whether it is still current.

use tandem_domain::Id;
use tandem_domain::answer::Answer;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::story::Teller;
use time::{Date, OffsetDateTime};

use super::catalog::{StoryFilter, StorySummary, SummaryRow, conditions, summary};
use super::{Story, answer_parts};
use crate::courses::stored_word;
use crate::error::StoreError;
use crate::pool::Store;

/// A story as the pattern pages know it: no text, no author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryFacts {
    /// The story's id, as stored.
    pub id: String,
    /// When it was collected.
    pub collected_on: Date,
    /// Who told it (the kind).
    pub teller: Teller,
}

/// One stored answer part (see migration 0005): a chosen option, a triad's three weights or a
/// slider position in `weights[0]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerPart<'a> {
    /// The question.
    pub question: &'a str,
    /// The chosen option, for choice questions.
    pub option_id: Option<&'a str>,
    /// Triad weights, or a position in the first.
    pub weights: [Option<f64>; 3],
}

/// What changes when stories are added: how many, and the newest save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignRevision {
    /// Stories in the campaign.
    pub stories: i64,
    /// When the newest was saved.
    pub latest: Option<OffsetDateTime>,
}

/// A story's answered parts except free text as one text, the form `stories.answer_parts`
/// keeps (migration 0009): parts separated by U+001E, each with five fields separated by
/// U+001F — question, option, three weights. Rust writes a float in the shortest form that
/// reads back bit for bit, as `%!.17g` and PostgreSQL's text did when the column was filled.
pub(crate) fn joined_parts(answers: &[(String, Answer)]) -> String {
    let number = |w: Option<f64>| w.map(|w| w.to_string()).unwrap_or_default();
    let mut joined = String::new();
    for (question, answer) in answers {
        for (option, w1, w2, w3, body) in answer_parts(answer) {
            if body.is_some() {
                continue;
            }
            if !joined.is_empty() {
                joined.push(char::from(PART));
            }
            let fields = [
                question.clone(),
                option.unwrap_or_default(),
                number(w1),
                number(w2),
                number(w3),
            ];
            joined.push_str(&fields.join(char::from(FIELD).encode_utf8(&mut [0; 4])));
        }
    }
    joined
}

/// A date as both databases write it as text (`YYYY-MM-DD`). Read by hand: the format-driven
/// parser took a noticeable share of reading 100,000 stories.
fn iso_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || !bytes.is_ascii() || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i32 = text[..4].parse().ok()?;
    let month: u8 = text[5..7].parse().ok()?;
    let day: u8 = text[8..].parse().ok()?;
    Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// One part of [`joined_parts`]: five fields separated by U+001F.
fn part_of(text: &str) -> Result<AnswerPart<'_>, StoreError> {
    let bad = || StoreError::Corrupt(format!("a stored answer part does not parse: {text:?}"));
    let mut fields = pieces(text, FIELD);
    let mut next = || fields.next().ok_or_else(bad);
    let question = next()?;
    let option = next()?;
    let mut weights = [None; 3];
    for weight in &mut weights {
        let field = next()?;
        if !field.is_empty() {
            *weight = Some(field.parse::<f64>().map_err(|_| bad())?);
        }
    }
    Ok(AnswerPart {
        question,
        option_id: (!option.is_empty()).then_some(option),
        weights,
    })
}

/// Separates the stories of a block.
const STORY: u8 = 0x1c;
/// Separates a story's id, date, teller and parts.
const FACT: u8 = 0x1d;
/// Separates the parts of a story (see [`joined_parts`]).
const PART: u8 = 0x1e;
/// Separates the fields of a part.
const FIELD: u8 = 0x1f;

/// The pieces of `text` between the ASCII `separator`s. Found with `memchr`: splitting a
/// million parts on a `char` pattern was the largest single cost of reading 100,000 stories (the
/// char searcher compares each match with `memcmp`).
fn pieces(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(separator, text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            // An ASCII byte is always a character boundary.
            let piece = text.get(start..end).unwrap_or_default();
            start = end + 1;
            piece
        })
}

/// A campaign's stories as read by [`Store::campaign_story_blocks`]: blocks of joined text, in
/// no particular order and not yet parsed.
#[derive(Debug, Default)]
pub struct StoryBlocks(Vec<String>);

impl StoryBlocks {
    /// Every story in date order (then by id, so the order is the same on every read), its facts
    /// parsed and its parts not yet: the caller can parse the parts of contiguous shares on
    /// several threads.
    ///
    /// # Errors
    /// A stored value that does not parse.
    pub fn in_date_order(&self) -> Result<Vec<StoredStory<'_>>, StoreError> {
        // Half the blocks on another thread: 100,000 stories' ids, dates and tellers.
        let half = self.0.len() / 2;
        let (stories, more) = std::thread::scope(|scope| {
            let more = scope.spawn(|| StoredStory::all_of(&self.0[half..]));
            let first = StoredStory::all_of(&self.0[..half]);
            (
                first,
                more.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        });
        let mut stories = stories?;
        stories.extend(more?);
        stories.sort_unstable_by(|a, b| (a.collected_on, a.id).cmp(&(b.collected_on, b.id)));
        Ok(stories)
    }
}

/// One story of [`StoryBlocks`]: its id, date and teller parsed, its answered parts not yet.
#[derive(Debug, Clone, Copy)]
pub struct StoredStory<'a> {
    id: &'a str,
    collected_on: Date,
    teller: Teller,
    /// Who told it, as a key that is the same for one person's stories ("" when unknown).
    told_by: &'a str,
    parts: &'a str,
}

impl<'a> StoredStory<'a> {
    /// Id, date (ISO), teller kind, who told it and parts, separated by U+001D.
    fn parse(text: &'a str) -> Result<Self, StoreError> {
        let bad = || StoreError::Corrupt(format!("a stored story does not parse: {text:?}"));
        let mut ends = memchr::memchr_iter(FACT, text.as_bytes());
        let (Some(a), Some(b), Some(c), Some(d)) =
            (ends.next(), ends.next(), ends.next(), ends.next())
        else {
            return Err(bad());
        };
        let field = |range: std::ops::Range<usize>| text.get(range).ok_or_else(bad);
        let (id, date, teller) = (field(0..a)?, field(a + 1..b)?, field(b + 1..c)?);
        let told_by = field(c + 1..d)?;
        let parts = text.get(d + 1..).ok_or_else(bad)?;
        Ok(Self {
            id,
            collected_on: iso_date(date).ok_or_else(bad)?,
            teller: stored_word(Teller::parse, teller, "teller")?,
            told_by,
            parts,
        })
    }

    /// Who told the story, as a key one person's stories share and nothing else does (never
    /// shown: it stands for an account); `None` when that is not known (an anonymous link, an
    /// import without teller keys).
    #[must_use]
    pub fn told_by(&self) -> Option<&'a str> {
        (!self.told_by.is_empty()).then_some(self.told_by)
    }

    /// Every story of `blocks`, in the order read.
    fn all_of(blocks: &'a [String]) -> Result<Vec<Self>, StoreError> {
        let mut stories = Vec::new();
        for block in blocks {
            for story in pieces(block, STORY) {
                stories.push(Self::parse(story)?);
            }
        }
        Ok(stories)
    }

    /// What the pattern pages know of the story.
    #[must_use]
    pub fn facts(&self) -> StoryFacts {
        StoryFacts {
            id: self.id.to_owned(),
            collected_on: self.collected_on,
            teller: self.teller,
        }
    }

    /// Parses the story's answered parts into `into` (emptied first, so one vector can serve
    /// every story).
    ///
    /// # Errors
    /// A stored part that does not parse.
    pub fn parts(&self, into: &mut Vec<AnswerPart<'a>>) -> Result<(), StoreError> {
        into.clear();
        for part in pieces(self.parts, PART).filter(|t| !t.is_empty()) {
            into.push(part_of(part)?);
        }
        Ok(())
    }
}

impl Store {
    /// How many stories a campaign holds and when the newest was saved: a cheap check of
    /// whether columns read earlier are still current.
    ///
    /// # Errors
    /// A database error.
    pub async fn campaign_revision(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
    ) -> Result<CampaignRevision, StoreError> {
        let (stories, latest): (i64, Option<OffsetDateTime>) = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT COUNT(*), MAX(created_at) FROM stories WHERE organization_id = $1 AND campaign_id = $2",
            )
            .bind(organization_id.to_string()).bind(campaign_id.to_string()).fetch_one(pool).await?
        });
        Ok(CampaignRevision { stories, latest })
    }

    /// Calls `each` with every story of a campaign, oldest first, who told it (see
    /// [`StoredStory::told_by`]) and its answered parts except
    /// free text — or, given `saved_after`, only the stories saved after that second (in the
    /// same order), so columns already read can take in just the new ones. Saves are kept to
    /// whole seconds: a story saved in the same second as the newest one read before is not
    /// among them, and the caller must notice (by the count) and read afresh.
    ///
    /// Reads as [`Store::campaign_story_blocks`] does, then puts the stories in date order on
    /// one thread: for a few stories, or where the order matters more than the time.
    ///
    /// # Errors
    /// A database error, or a stored value that does not parse.
    pub async fn for_each_campaign_story(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        saved_after: Option<OffsetDateTime>,
        mut each: impl FnMut(StoryFacts, Option<&str>, &[AnswerPart<'_>]) + Send,
    ) -> Result<(), StoreError> {
        let blocks = self
            .campaign_story_blocks(organization_id, campaign_id, saved_after)
            .await?;
        let mut parts = Vec::new();
        for story in blocks.in_date_order()? {
            story.parts(&mut parts)?;
            each(story.facts(), story.told_by(), &parts);
        }
        Ok(())
    }

    /// Every story of a campaign with its answered parts except free text (or, given
    /// `saved_after`, the stories saved after that second — see
    /// [`Store::for_each_campaign_story`]), as the database handed them over: in no particular
    /// order, not yet parsed, so the caller can parse shares of them on several threads and put
    /// the rows in order itself.
    ///
    /// The parts come from the copy each story carries (`stories.answer_parts`, migration 0009),
    /// and the stories come joined into one text per half (halves by the last character of their
    /// random ids): handing 100,000 rows over one at a time cost the driver more than the
    /// database spent finding them, and grouping into smaller blocks made the database sort
    /// them. The two halves are read on two connections at once, so the database's share of the
    /// work runs on two cores.
    ///
    /// # Errors
    /// A database error.
    pub async fn campaign_story_blocks(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        saved_after: Option<OffsetDateTime>,
    ) -> Result<StoryBlocks, StoreError> {
        let (low, high) = futures_util::future::try_join(
            self.story_blocks(organization_id, campaign_id, saved_after, "<"),
            self.story_blocks(organization_id, campaign_id, saved_after, ">="),
        )
        .await?;
        Ok(StoryBlocks(low.into_iter().chain(high).collect()))
    }

    /// One half of [`Store::campaign_story_blocks`]: the stories whose id ends in a character
    /// `half` (`<` or `>=`) `8` — complementary halves whatever the ids look like.
    async fn story_blocks(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        saved_after: Option<OffsetDateTime>,
        half: &'static str,
    ) -> Result<Option<String>, StoreError> {
        let since = if saved_after.is_some() {
            " AND created_at > $3"
        } else {
            ""
        };
        let (line, glue, last) = crate::dialect::story_block(self.backend());
        let sql = format!(
            "SELECT {} FROM stories WHERE organization_id = $1 AND campaign_id = $2 \
             AND {last} {half} '8'{since}",
            glue.replace("{0}", line)
        );
        // An aggregate of no rows is NULL: an empty half.
        let joined: Option<String> = with_pool!(self, pool => {
            let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
                .bind(organization_id.to_string())
                .bind(campaign_id.to_string());
            if let Some(after) = saved_after {
                query = query.bind(crate::time::stored(after));
            }
            query.fetch_one(pool).await?
        });
        Ok(joined)
    }

    /// The campaigns of at least `min_stories` stories, most recently added to first (at most
    /// `limit`), across organizations: the ones whose pattern pages are worth reading into
    /// memory before anyone asks, when the server starts.
    ///
    /// # Errors
    /// A database error.
    pub async fn large_campaigns(
        &self,
        min_stories: i64,
        limit: i64,
    ) -> Result<Vec<(Id<Organization>, Id<Campaign>)>, StoreError> {
        let rows: Vec<(String, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT organization_id, campaign_id FROM stories GROUP BY organization_id, campaign_id \
                 HAVING COUNT(*) >= $1 ORDER BY MAX(created_at) DESC, campaign_id LIMIT $2",
            )
            .bind(min_stories).bind(limit).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(org, campaign)| {
                let bad = |_| StoreError::corrupt("campaign or organization id");
                Ok((
                    Id::parse(&org).map_err(bad)?,
                    Id::parse(&campaign).map_err(bad)?,
                ))
            })
            .collect()
    }

    /// The ids of a campaign's stories matching a filter's words and code or tag (the parts of
    /// a filter that the columns do not hold).
    ///
    /// # Errors
    /// A database error.
    pub async fn matching_story_ids(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        filter: &StoryFilter,
    ) -> Result<Vec<String>, StoreError> {
        let (clause, binds) = conditions(self.backend(), filter);
        let sql = format!(
            "SELECT s.id FROM stories s WHERE s.organization_id = $1 AND s.campaign_id = $2{clause}"
        );
        let ids: Vec<String> = filtered!(
            self,
            sqlx::query_scalar,
            sql,
            organization_id,
            campaign_id,
            binds,
            fetch_all
        );
        Ok(ids)
    }

    /// The summaries of some of a campaign's stories (example stories beside a finding), in the
    /// order of `ids`; ids outside the campaign are left out.
    ///
    /// # Errors
    /// A database error.
    pub async fn story_summaries(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        ids: &[Id<Story>],
    ) -> Result<Vec<StorySummary>, StoreError> {
        let mut found = Vec::new();
        for id in ids {
            let row: Option<SummaryRow> = with_pool!(self, pool => {
                sqlx::query_as(
                    "SELECT id, title, body, collected_on, teller FROM stories \
                     WHERE id = $1 AND campaign_id = $2 AND organization_id = $3",
                )
                .bind(id.to_string()).bind(campaign_id.to_string()).bind(organization_id.to_string())
                .fetch_optional(pool).await?
            });
            if let Some(row) = row {
                found.push(summary(row)?);
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_split_at_every_separator_and_keep_empty_ones() {
        fn split(text: &str) -> Vec<&str> {
            pieces(text, FIELD).collect()
        }
        assert_eq!(split("T1\u{1f}\u{1f}0.5"), ["T1", "", "0.5"]);
        assert_eq!(split(""), [""]);
        assert_eq!(split("\u{1f}"), ["", ""]);
        assert_eq!(
            split("æø\u{1f}å"),
            ["æø", "å"],
            "multi-byte text around the separator"
        );
    }

    #[test]
    fn stored_dates_are_read_exactly_and_anything_else_refused() {
        assert_eq!(
            iso_date("2026-02-28"),
            Date::from_calendar_date(2026, time::Month::February, 28).ok()
        );
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-0æ",
            "",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_stored_story_parses_into_its_facts_and_parts() {
        let text = "id-1\u{1d}2026-03-01\u{1d}staff\u{1d}uabc\u{1d}T1\u{1f}\u{1f}0.2\u{1f}0.3\u{1f}0.5\u{1e}M2\u{1f}manager\u{1f}\u{1f}\u{1f}";
        let story = StoredStory::parse(text).expect("parses");
        assert_eq!(story.facts().id, "id-1");
        assert_eq!(story.facts().teller, Teller::Staff);
        assert_eq!(story.told_by(), Some("uabc"));
        let mut parts = Vec::new();
        story.parts(&mut parts).expect("parts");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].weights, [Some(0.2), Some(0.3), Some(0.5)]);
        assert_eq!(parts[1].option_id, Some("manager"));
        for bad in [
            "id-1\u{1d}2026-03-01\u{1d}staff",
            "id-1\u{1d}2026-03-01\u{1d}staff\u{1d}",
            "id-1\u{1d}1.3.2026\u{1d}staff\u{1d}\u{1d}",
            "id\u{1d}2026-03-01\u{1d}nobody\u{1d}\u{1d}",
        ] {
            assert!(StoredStory::parse(bad).is_err(), "{bad:?}");
        }
        let broken = StoredStory::parse(
            "id\u{1d}2026-03-01\u{1d}staff\u{1d}\u{1d}T1\u{1f}\u{1f}x\u{1f}\u{1f}",
        )
        .expect("facts parse");
        assert_eq!(broken.told_by(), None, "nobody known");
        assert!(
            broken.parts(&mut parts).is_err(),
            "a weight that is not a number"
        );
    }
}
