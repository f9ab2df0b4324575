//! Stories as columns: each question's answers in one vector, so a report reads each column once
//! and tests never reparse rows. Read from the Tandem story CSV (sensemaking.md §2); question
//! types are inferred from the column names (`T1.a/.b/.c` triads, `D…` sliders, `M…` choices,
//! `;` in a choice column makes it multiple choice, other columns are metadata).
//!
//! # Layout
//! - this file: the columnar story set.
//! - [`csv`]: reading the CSV with a line-numbered error for every bad row.
//! - [`report`]: the `tandem analyze` report — every pair of questions tested once, q-values.
//! - [`hybrid`]: the hybrid management profile of the stories, part of that report.
//! - [`views`]: what a finding's chart, table and example stories show.
//! - [`tellers`]: who told the stories, so one person's stories count as one person.
//! - [`teller_aware`]: whether a finding still holds when whole tellers are resampled.

pub mod csv;
pub mod hybrid;
pub mod profile_examples;
pub mod report;
pub mod teller_aware;
pub mod tellers;
pub mod views;

use crate::ternary::Composition;

/// Runs `other` on a second thread while `here` runs on this one, and returns both results (a
/// panic in either is resumed here). For two independent passes, such as the tests and the
/// hybrid profile of the same stories.
pub fn beside<A: Send, B>(other: impl FnOnce() -> A + Send, here: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let other = scope.spawn(other);
        let here = here();
        let other = other
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (other, here)
    })
}

/// Runs `run` on every job on all cores, keeping the jobs' order in the results (so the report
/// does not depend on the number of cores). Each thread takes the next job not yet taken, so a
/// few long jobs (a finding's resamples) do not leave a core idle while another works through
/// its share.
pub fn in_parallel<'j, J: Sync, R: Send>(jobs: &'j [J], run: impl Fn(&'j J) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(jobs.len()))
            .map(|_| {
                let (run, next) = (&run, &next);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        done.push((i, run(job)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// One question's (or metadata field's) answers, one entry per story.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// A triad: a composition, or N/A.
    Triad(Vec<Option<Composition>>),
    /// A slider 0–100, or N/A.
    Slider(Vec<Option<f64>>),
    /// A single choice (or a metadata value): index into `labels`, or N/A.
    Choice {
        /// The distinct labels, in order of first appearance.
        labels: Vec<String>,
        /// Each story's label index.
        values: Vec<Option<u32>>,
    },
    /// A multiple choice: the chosen label indexes of each story (empty = N/A).
    Multi {
        /// The distinct labels.
        labels: Vec<String>,
        /// Each story's chosen labels.
        values: Vec<Vec<u32>>,
    },
}

/// A named column and whether it is metadata (never the `a` side of a test with another
/// metadata column: metadata × metadata says nothing about stories).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The question id or metadata name.
    pub name: String,
    /// Whether it is metadata.
    pub metadata: bool,
    /// The answers.
    pub column: Column,
}

/// A set of stories by column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stories {
    /// How many stories.
    pub len: usize,
    /// The columns, in file order.
    pub fields: Vec<Field>,
    /// Who told each story, when the stories say (the CSV's `teller` column): kept apart from
    /// the fields, since it is never a variable of a test.
    pub tellers: Option<tellers::Tellers>,
}

impl Stories {
    /// How many people told the stories at `rows`: distinct tellers where the stories say who
    /// told them, else one per story. What k = 5 counts for any group a page shows.
    pub fn people(&self, rows: impl Iterator<Item = usize>) -> usize {
        match &self.tellers {
            Some(tellers) => tellers.distinct(rows),
            None => rows.count(),
        }
    }

    /// The stories at `rows` (in that order), every column kept: the subset a filter selects.
    #[must_use]
    pub fn select(&self, rows: &[usize]) -> Self {
        let pick = |column: &Column| match column {
            Column::Triad(v) => Column::Triad(rows.iter().map(|&r| v[r]).collect()),
            Column::Slider(v) => Column::Slider(rows.iter().map(|&r| v[r]).collect()),
            Column::Choice { labels, values } => Column::Choice {
                labels: labels.clone(),
                values: rows.iter().map(|&r| values[r]).collect(),
            },
            Column::Multi { labels, values } => Column::Multi {
                labels: labels.clone(),
                values: rows.iter().map(|&r| values[r].clone()).collect(),
            },
        };
        Self {
            len: rows.len(),
            fields: self
                .fields
                .iter()
                .map(|f| Field {
                    name: f.name.clone(),
                    metadata: f.metadata,
                    column: pick(&f.column),
                })
                .collect(),
            tellers: self.tellers.as_ref().map(|t| t.select(rows)),
        }
    }

    /// These stories followed by `more`, when both have the same fields in the same order with
    /// the same labels (`None` otherwise: rows of different questions cannot be stacked).
    #[must_use]
    pub fn append(&self, more: &Self) -> Option<Self> {
        self.clone().stack(more.clone())
    }

    /// [`Stories::append`] taking both: the rows are moved, not copied one by one (a multiple
    /// choice's set per story stays where it is).
    #[must_use]
    pub fn stack(self, more: Self) -> Option<Self> {
        if self.fields.len() != more.fields.len() {
            return None;
        }
        // Stories with tellers and stories without stack with each of the latter its own.
        let tellers = match (self.tellers, more.tellers) {
            (None, None) => None,
            (a, b) => {
                let unknown = |len| tellers::Tellers::new(Vec::new(), &vec![None; len]);
                let a = a.unwrap_or_else(|| unknown(self.len));
                Some(a.stack(b.unwrap_or_else(|| unknown(more.len))))
            }
        };
        let stack = |a: Column, b: Column| match (a, b) {
            (Column::Triad(mut x), Column::Triad(y)) => {
                x.extend(y);
                Some(Column::Triad(x))
            }
            (Column::Slider(mut x), Column::Slider(y)) => {
                x.extend(y);
                Some(Column::Slider(x))
            }
            (
                Column::Choice {
                    labels,
                    values: mut x,
                },
                Column::Choice {
                    labels: other,
                    values: y,
                },
            ) if labels == other => {
                x.extend(y);
                Some(Column::Choice { labels, values: x })
            }
            (
                Column::Multi {
                    labels,
                    values: mut x,
                },
                Column::Multi {
                    labels: other,
                    values: y,
                },
            ) if labels == other => {
                x.extend(y);
                Some(Column::Multi { labels, values: x })
            }
            _ => None,
        };
        let len = self.len + more.len;
        let fields = self
            .fields
            .into_iter()
            .zip(more.fields)
            .map(|(a, b)| {
                (a.name == b.name && a.metadata == b.metadata).then_some(())?;
                Some(Field {
                    name: a.name,
                    metadata: a.metadata,
                    column: stack(a.column, b.column)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Self {
            len,
            fields,
            tellers,
        })
    }

    /// The field named `name`.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stories(slider: &[f64], chosen: &[u32], labels: &[&str]) -> Stories {
        Stories {
            tellers: None,
            len: slider.len(),
            fields: vec![
                Field {
                    name: "D1".into(),
                    metadata: false,
                    column: Column::Slider(slider.iter().map(|v| Some(*v)).collect()),
                },
                Field {
                    name: "M1".into(),
                    metadata: false,
                    column: Column::Choice {
                        labels: labels.iter().map(|l| (*l).to_owned()).collect(),
                        values: chosen.iter().map(|c| Some(*c)).collect(),
                    },
                },
            ],
        }
    }

    #[test]
    fn stories_of_the_same_questions_stack_and_others_do_not() {
        let a = stories(&[1.0, 2.0], &[0, 1], &["x", "y"]);
        let b = stories(&[3.0], &[1], &["x", "y"]);
        let both = a.append(&b).expect("same fields");
        assert_eq!(
            a.clone().stack(b.clone()),
            Some(both.clone()),
            "taking both"
        );
        assert_eq!(both, stories(&[1.0, 2.0, 3.0], &[0, 1, 1], &["x", "y"]));
        assert_eq!(
            both.select(&[2, 0]),
            stories(&[3.0, 1.0], &[1, 0], &["x", "y"])
        );
        let relabelled = stories(&[3.0], &[0], &["y", "x"]);
        assert!(
            a.append(&relabelled).is_none(),
            "label 0 means another option"
        );
        let mut renamed = b.clone();
        renamed.fields[0].name = "D2".into();
        assert!(a.append(&renamed).is_none());
    }
}
