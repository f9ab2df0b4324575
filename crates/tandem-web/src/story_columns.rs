//! A campaign's answers as columns, kept in memory between requests for its pattern pages.
//!
//! Reading 100,000 stories' answers (about 1.2 million rows) takes seconds; computing every test
//! on columns already in memory takes tens of milliseconds. So the columns are read once per
//! campaign and reused while the campaign's revision (story count and newest save) is unchanged;
//! a new story makes the next page read them again. A few campaigns are kept, the least recently
//! used dropped first. Nothing here holds story text or authors: only answers, dates and teller
//! kinds, as the pattern pages need.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tandem_analytics::stories::report::{Test, tests};
use tandem_analytics::stories::{Column, Field, Stories};
use tandem_analytics::ternary::Composition;
use tandem_domain::framework::{Framework, QuestionKind};
use tandem_domain::story::Teller;
use tandem_store::stories::analysis::{AnswerPart, CampaignRevision, StoryFacts};
use tandem_store::stories::campaigns::CampaignRecord;

use crate::error::AppError;
use crate::state::AppState;

/// The metadata column holding each story's teller kind.
pub const TELLER: &str = "teller";

/// How many campaigns' columns are kept.
const KEPT: usize = 8;

/// One campaign's stories as columns.
#[derive(Debug)]
pub struct CampaignColumns {
    /// What the columns were read at.
    pub revision: CampaignRevision,
    /// Each row's story (id, date, teller), in row order (oldest first).
    pub facts: Vec<StoryFacts>,
    /// The answers: one field per question of the framework except free text (labels are
    /// option ids), then [`TELLER`].
    pub stories: Stories,
    /// Every test of the report per filter already asked for, so a finding's page does not
    /// recompute the whole report its q-value depends on. Dropped with the columns.
    tests: Mutex<HashMap<String, Arc<Vec<Test>>>>,
}

/// The most filters whose tests are kept per campaign.
const KEPT_REPORTS: usize = 32;

impl CampaignColumns {
    /// The tests for the filter `key` selecting `stories`, computed once per filter.
    pub fn tests(&self, key: &str, stories: &Stories, min_group: usize) -> Arc<Vec<Test>> {
        if let Some(kept) = self.tests.lock().ok().and_then(|t| t.get(key).cloned()) {
            return kept;
        }
        let computed = Arc::new(tests(stories, min_group));
        if let Ok(mut kept) = self.tests.lock() {
            if kept.len() >= KEPT_REPORTS {
                kept.clear();
            }
            kept.insert(key.to_owned(), Arc::clone(&computed));
        }
        computed
    }
}

/// Kept columns by campaign id, each with the tick of its last use.
type Entries = HashMap<String, (u64, Arc<CampaignColumns>)>;

/// The kept columns, with a use counter (a tick per access) for eviction.
#[derive(Debug, Default)]
pub struct ColumnCache {
    entries: Mutex<(u64, Entries)>,
}

impl ColumnCache {
    fn get(&self, campaign: &str, revision: CampaignRevision) -> Option<Arc<CampaignColumns>> {
        let mut guard = self.entries.lock().ok()?;
        let (clock, entries) = &mut *guard;
        *clock += 1;
        let entry = entries.get_mut(campaign)?;
        if entry.1.revision != revision {
            return None;
        }
        entry.0 = *clock;
        Some(Arc::clone(&entry.1))
    }

    fn put(&self, campaign: String, columns: Arc<CampaignColumns>) {
        let Ok(mut guard) = self.entries.lock() else {
            return;
        };
        let (clock, entries) = &mut *guard;
        *clock += 1;
        entries.insert(campaign, (*clock, columns));
        while entries.len() > KEPT {
            let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            entries.remove(&oldest);
        }
    }
}

/// The campaign's columns: kept ones if still current, else read now.
///
/// # Errors
/// A database error.
pub async fn campaign_columns(
    state: &AppState,
    campaign: &CampaignRecord,
    framework: &Framework,
) -> Result<Arc<CampaignColumns>, AppError> {
    let (org, id) = (campaign.organization_id, campaign.id);
    let store = state.store();
    let revision = store.campaign_revision(org, id).await?;
    if let Some(kept) = state.columns().get(&id.to_string(), revision) {
        return Ok(kept);
    }
    let mut builder = Builder::new(framework);
    store
        .for_each_campaign_story(org, id, |facts, parts| builder.add(facts, parts))
        .await?;
    let (facts, stories) = builder.finish();
    let columns = Arc::new(CampaignColumns {
        revision,
        facts,
        stories,
        tests: Mutex::new(HashMap::new()),
    });
    state.columns().put(id.to_string(), Arc::clone(&columns));
    Ok(columns)
}

/// Fills columns one story at a time as they stream in.
struct Builder {
    facts: Vec<StoryFacts>,
    questions: HashMap<String, (usize, HashMap<String, u32>)>,
    fields: Vec<Field>,
}

impl Builder {
    fn new(framework: &Framework) -> Self {
        let mut questions = HashMap::new();
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
        }
    }

    /// Adds one story: a new row, N/A everywhere, then its answered parts.
    fn add(&mut self, facts: StoryFacts, parts: &[AnswerPart<'_>]) {
        let row = self.facts.len();
        self.facts.push(facts);
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

    fn finish(mut self) -> (Vec<StoryFacts>, Stories) {
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
        let stories = Stories {
            len: facts.len(),
            fields: self.fields,
        };
        (facts, stories)
    }
}
