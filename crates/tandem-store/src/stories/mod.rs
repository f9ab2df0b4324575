//! Stories: signifier framework versions, campaigns, the stories told in them with their
//! answers, staff annotations, the catalog's filtered reads and the rows of an export.
//!
//! Answers are stored one row per answered part (see migration 0005) and turned back into the
//! domain's [`Answer`]s here, against the framework version the story was told under.
//!
//! # Layout
//! - this file: the stored answer rows and their decoding.
//! - [`frameworks`]: framework versions (the shipped default is added on first use).
//! - [`campaigns`]: campaigns, their audience and anonymous links.
//! - [`write`]: saving stories (one, or many in batches for imports) and annotations.
//! - [`catalog`]: the catalog's filters, a story's page, option counts and export rows.
//! - [`analysis`]: a campaign's answers streamed for its pattern pages.
//! - [`marks`]: marked regions of a campaign's landscapes ("more like these, fewer like those").

/// Runs `$sql` as `$query` bound to the organization, the campaign and the filter's values.
macro_rules! filtered {
    ($store:expr, $query:expr, $sql:expr, $org:expr, $campaign:expr, $binds:expr, $fetch:ident) => {
        with_pool!($store, pool => {
            let mut q = $query(sqlx::AssertSqlSafe($sql.clone())).bind($org.to_string()).bind($campaign.to_string());
            for bind in &$binds {
                q = match bind {
                    $crate::stories::catalog::Bind::Text(t) => q.bind(t.clone()),
                    $crate::stories::catalog::Bind::Real(r) => q.bind(*r),
                    $crate::stories::catalog::Bind::Date(d) => q.bind(*d),
                    $crate::stories::catalog::Bind::Int(i) => q.bind(*i),
                };
            }
            q.$fetch(pool).await?
        })
    };
}

pub mod analysis;
pub mod campaigns;
pub mod catalog;
pub mod frameworks;
pub mod marks;
pub mod write;

use tandem_domain::PlainText;
use tandem_domain::answer::Answer;
use tandem_domain::framework::{Framework, QuestionKind};
use tandem_domain::story::{Answers, MAX_STORY_CHARS};

/// Marker type for ids of framework versions.
#[derive(Debug)]
pub enum FrameworkVersion {}

/// Marker type for ids of stories.
#[derive(Debug)]
pub enum Story {}

/// One stored answer part, as read.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct AnswerRow {
    pub(crate) story_id: String,
    pub(crate) question: String,
    pub(crate) option_id: Option<String>,
    pub(crate) w1: Option<f64>,
    pub(crate) w2: Option<f64>,
    pub(crate) w3: Option<f64>,
    pub(crate) body: Option<String>,
}

/// The stored parts of one answer: `(option_id, w1, w2, w3, body)`.
pub(crate) type AnswerParts = (
    Option<String>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<String>,
);

/// The rows that store `answer`.
pub(crate) fn answer_parts(answer: &Answer) -> Vec<AnswerParts> {
    match answer {
        Answer::NotApplicable => Vec::new(),
        Answer::Triad([a, b, c]) => vec![(None, Some(*a), Some(*b), Some(*c), None)],
        Answer::Position(p) => vec![(None, Some(*p), None, None, None)],
        Answer::Choices(ids) => ids
            .iter()
            .map(|id| (Some(id.clone()), None, None, None, None))
            .collect(),
        Answer::Text(t) => vec![(None, None, None, None, Some(t.as_str().to_owned()))],
    }
}

/// Rebuilds a story's answers from its rows (any order), in the framework's question order.
/// Rows for questions the framework does not have are ignored (they cannot be shown).
pub(crate) fn answers_from_rows<'a>(
    framework: &Framework,
    rows: impl IntoIterator<Item = &'a AnswerRow>,
) -> Answers {
    let rows: Vec<&AnswerRow> = rows.into_iter().collect();
    let mut answers = Vec::new();
    for q in framework.questions() {
        let mine: Vec<&&AnswerRow> = rows.iter().filter(|r| r.question == q.id).collect();
        if mine.is_empty() {
            continue;
        }
        let answer = match q.kind {
            QuestionKind::Triad => match (mine[0].w1, mine[0].w2, mine[0].w3) {
                (Some(a), Some(b), Some(c)) => Answer::Triad([a, b, c]),
                _ => continue,
            },
            QuestionKind::Dyad | QuestionKind::Slider => match mine[0].w1 {
                Some(p) => Answer::Position(p),
                None => continue,
            },
            QuestionKind::FreeText => {
                match mine[0]
                    .body
                    .as_deref()
                    .and_then(|b| PlainText::parse(b, MAX_STORY_CHARS).ok())
                {
                    Some(t) => Answer::Text(t),
                    None => continue,
                }
            }
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Metadata => {
                let mut ids: Vec<String> =
                    mine.iter().filter_map(|r| r.option_id.clone()).collect();
                ids.sort_by_key(|id| q.options.iter().position(|o| &o.id == id));
                Answer::Choices(ids)
            }
        };
        answers.push((q.id.clone(), answer));
    }
    answers
}
