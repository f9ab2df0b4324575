//! Building a campaign's columns from its stored stories: each story's answered parts go into
//! the column of their question, a row per story, rows in date order (oldest first).
//!
//! A whole campaign is parsed a share per core: the store hands over the stories in date order
//! with their answered parts still joined as text; each contiguous share is built into its own
//! columns on its own thread, and the shares are then stacked. At 100,000 stories the parsing
//! (a million answer parts, their numbers, their question and option ids) is most of the read.

use rustc_hash::FxHashMap;
use tandem_analytics::stories::tellers::Tellers;
use tandem_analytics::stories::{Column, Field, Stories};
use tandem_analytics::ternary::Composition;
use tandem_domain::framework::{Framework, QuestionKind};
use tandem_domain::story::Teller;
use tandem_store::StoreError;
use tandem_store::stories::analysis::{AnswerPart, StoredStory, StoryBlocks, StoryFacts};

use super::TELLER;

/// Columns built from `blocks`, a share per core, in date order.
///
/// # Errors
/// A stored value that does not parse.
pub(super) fn in_parallel(
    framework: &Framework,
    blocks: &StoryBlocks,
) -> Result<(Vec<StoryFacts>, Stories), StoreError> {
    let stories = blocks.in_date_order()?;
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let shares: Vec<&[StoredStory<'_>]> = stories
        .chunks(stories.len().div_ceil(cores).max(1))
        .collect();
    let built = tandem_analytics::stories::in_parallel(&shares, |share| {
        let mut builder = Builder::new(framework);
        let mut parts = Vec::new();
        for story in *share {
            story.parts(&mut parts)?;
            builder.add(story.facts(), story.told_by(), &parts);
        }
        Ok::<_, StoreError>(builder.finish())
    });
    let mut all: Option<(Vec<StoryFacts>, Stories)> = None;
    for share in built {
        let (facts, stories) = share?;
        all = Some(match all {
            None => (facts, stories),
            Some((mut all_facts, all_stories)) => {
                all_facts.extend(facts);
                // Every share has the framework's fields with the same labels.
                let stacked = all_stories
                    .stack(stories)
                    .ok_or_else(|| StoreError::Corrupt("columns of one framework differ".into()))?;
                (all_facts, stacked)
            }
        });
    }
    Ok(all.unwrap_or_else(|| Builder::new(framework).finish()))
}

/// The rows in date order (then by id, as the store orders them), as a fresh read gives them;
/// unchanged when they already are.
pub(super) fn in_date_order(
    facts: Vec<StoryFacts>,
    stories: Stories,
) -> (Vec<StoryFacts>, Stories) {
    fn key(f: &StoryFacts) -> (time::Date, &str) {
        (f.collected_on, f.id.as_str())
    }
    if facts.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return (facts, stories);
    }
    let mut rows: Vec<(StoryFacts, usize)> = facts.into_iter().zip(0..).collect();
    rows.sort_unstable_by(|a, b| key(&a.0).cmp(&key(&b.0)));
    let (facts, order): (Vec<StoryFacts>, Vec<usize>) = rows.into_iter().unzip();
    (facts, stories.select(&order))
}

/// Fills columns one story at a time.
pub(super) struct Builder {
    facts: Vec<StoryFacts>,
    /// Each question's field and option numbers. Looked up twice per answer part (a million
    /// times per 100,000 stories): hashed with Fx, which is several times quicker than the
    /// standard library's hasher on short ids (and needs no protection against chosen keys:
    /// the keys are the framework's own).
    questions: FxHashMap<String, (usize, FxHashMap<String, u32>)>,
    fields: Vec<Field>,
    /// Who told each story: the number of its key among `told_by` (`None` when unknown), so
    /// one person's stories count as one person; the keys stand for accounts and never leave
    /// the columns.
    teller_of: Vec<Option<u32>>,
    told_by: FxHashMap<String, u32>,
}

impl Builder {
    pub(super) fn new(framework: &Framework) -> Self {
        let mut questions = FxHashMap::default();
        let mut fields = Vec::new();
        for q in framework.questions() {
            let labels: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
            let column = match q.kind {
                QuestionKind::Triad => Column::Triad(Vec::new()),
                QuestionKind::Dyad | QuestionKind::Slider => Column::Slider(Vec::new()),
                QuestionKind::Single | QuestionKind::Metadata => Column::Choice {
                    labels: labels.clone(),
                    values: Vec::new(),
                },
                QuestionKind::Multiple => Column::Multi {
                    labels: labels.clone(),
                    values: Vec::new(),
                },
                QuestionKind::FreeText => continue,
            };
            let options = labels
                .into_iter()
                .enumerate()
                .map(|(i, l)| (l, i as u32))
                .collect();
            questions.insert(q.id.clone(), (fields.len(), options));
            fields.push(Field {
                name: q.id.clone(),
                metadata: q.kind == QuestionKind::Metadata,
                column,
            });
        }
        Self {
            facts: Vec::new(),
            questions,
            fields,
            teller_of: Vec::new(),
            told_by: FxHashMap::default(),
        }
    }

    /// Adds one story: a new row, N/A everywhere, then who told it and its answered parts.
    pub(super) fn add(
        &mut self,
        facts: StoryFacts,
        told_by: Option<&str>,
        parts: &[AnswerPart<'_>],
    ) {
        let row = self.facts.len();
        self.facts.push(facts);
        let next = self.told_by.len() as u32;
        self.teller_of
            .push(told_by.map(|key| match self.told_by.get(key) {
                Some(number) => *number,
                None => *self.told_by.entry(key.to_owned()).or_insert(next),
            }));
        for field in &mut self.fields {
            match &mut field.column {
                Column::Triad(v) => v.push(None),
                Column::Slider(v) => v.push(None),
                Column::Choice { values, .. } => values.push(None),
                Column::Multi { values, .. } => values.push(Vec::new()),
            }
        }
        for part in parts {
            self.set(row, part);
        }
    }

    fn set(&mut self, row: usize, part: &AnswerPart<'_>) {
        let Some((field, options)) = self.questions.get(part.question) else {
            return;
        };
        match &mut self.fields[*field].column {
            Column::Triad(v) => {
                if let [Some(a), Some(b), Some(c)] = part.weights {
                    v[row] = Composition::from_weights([a, b, c]).ok();
                }
            }
            Column::Slider(v) => v[row] = part.weights[0],
            Column::Choice { values, .. } => {
                values[row] = part.option_id.and_then(|o| options.get(o).copied());
            }
            Column::Multi { values, .. } => {
                if let Some(o) = part.option_id.and_then(|o| options.get(o)) {
                    values[row].push(*o);
                }
            }
        }
    }

    pub(super) fn finish(mut self) -> (Vec<StoryFacts>, Stories) {
        let facts = self.facts;
        self.fields.push(Field {
            name: TELLER.to_owned(),
            metadata: true,
            column: Column::Choice {
                labels: Teller::ALL.iter().map(|t| t.as_str().to_owned()).collect(),
                values: facts
                    .iter()
                    .map(|f| {
                        Teller::ALL
                            .iter()
                            .position(|t| *t == f.teller)
                            .map(|i| i as u32)
                    })
                    .collect(),
            },
        });
        // The field `teller` above is the teller's kind; who told each story is kept beside
        // the fields.
        let mut keys = vec![String::new(); self.told_by.len()];
        for (key, number) in self.told_by {
            keys[number as usize] = key;
        }
        let stories = Stories {
            len: facts.len(),
            fields: self.fields,
            tellers: Some(Tellers::new(keys, &self.teller_of)),
        };
        (facts, stories)
    }
}
