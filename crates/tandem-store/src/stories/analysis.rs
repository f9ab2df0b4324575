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
use crate::pool::{Backend, Store};

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
                joined.push('\u{1e}');
            }
            let fields = [
                question.clone(),
                option.unwrap_or_default(),
                number(w1),
                number(w2),
                number(w3),
            ];
            joined.push_str(&fields.join("\u{1f}"));
        }
    }
    joined
}

/// One story of a block read by [`Store::for_each_campaign_story`]: id, date (ISO), teller and
/// its joined parts, separated by U+001D.
fn joined_story(text: &str) -> Result<(&str, Date, Teller, &str), StoreError> {
    let bad = || StoreError::Corrupt(format!("a stored story does not parse: {text:?}"));
    let mut fields = text.splitn(4, '\u{1d}');
    let mut next = || fields.next().ok_or_else(bad);
    let (id, date, teller, parts) = (next()?, next()?, next()?, next()?);
    let collected_on = Date::parse(date, ISO_DATE).map_err(|_| bad())?;
    Ok((
        id,
        collected_on,
        stored_word(Teller::parse, teller, "teller")?,
        parts,
    ))
}

/// Dates as both databases write them as text.
const ISO_DATE: &[time::format_description::BorrowedFormatItem<'_>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// One part of [`joined_parts`]: five fields separated by U+001F.
fn part_of(text: &str) -> Result<AnswerPart<'_>, StoreError> {
    let bad = || StoreError::Corrupt(format!("a stored answer part does not parse: {text:?}"));
    let mut fields = text.split('\u{1f}');
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

    /// Calls `each` with every story of a campaign, oldest first, and its answered parts except
    /// free text — or, given `saved_after`, only the stories saved after that second (in the
    /// same order), so columns already read can take in just the new ones. Saves are kept to
    /// whole seconds: a story saved in the same second as the newest one read before is not
    /// among them, and the caller must notice (by the count) and read afresh.
    ///
    /// The parts come from the copy each story carries (`stories.answer_parts`, migration 0009),
    /// and the stories come joined into a few hundred blocks (grouped by the last two characters
    /// of their random ids): handing 100,000 rows over one at a time cost the driver more than
    /// the database spent finding them. The blocks are put in date order here.
    ///
    /// # Errors
    /// A database error, or a stored value that does not parse.
    pub async fn for_each_campaign_story(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        saved_after: Option<OffsetDateTime>,
        mut each: impl FnMut(StoryFacts, &[AnswerPart<'_>]) + Send,
    ) -> Result<(), StoreError> {
        let since = if saved_after.is_some() {
            " AND created_at > $3"
        } else {
            ""
        };
        let (line, glue, block) = match self.backend() {
            Backend::Sqlite => (
                "id || char(29) || collected_on || char(29) || teller || char(29) || answer_parts",
                "group_concat({0}, char(28))",
                "substr(id, 35, 2)",
            ),
            Backend::Postgres => (
                "id || chr(29) || to_char(collected_on, 'YYYY-MM-DD') || chr(29) || teller || chr(29) || answer_parts",
                "string_agg({0}, chr(28))",
                "right(id, 2)",
            ),
        };
        let sql = format!(
            "SELECT {} FROM stories WHERE organization_id = $1 AND campaign_id = $2{since} GROUP BY {block}",
            glue.replace("{0}", line)
        );
        let blocks: Vec<String> = with_pool!(self, pool => {
            let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql.clone()))
                .bind(organization_id.to_string())
                .bind(campaign_id.to_string());
            if let Some(after) = saved_after {
                query = query.bind(crate::time::stored(after));
            }
            query.fetch_all(pool).await?
        });
        let mut stories = Vec::new();
        for block in &blocks {
            for story in block.split('\u{1c}') {
                stories.push(joined_story(story)?);
            }
        }
        stories.sort_unstable_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
        for (id, collected_on, teller, joined) in stories {
            let parts = joined
                .split('\u{1e}')
                .filter(|t| !t.is_empty())
                .map(part_of)
                .collect::<Result<Vec<_>, _>>()?;
            let facts = StoryFacts {
                id: id.to_owned(),
                collected_on,
                teller,
            };
            each(facts, &parts);
        }
        Ok(())
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
