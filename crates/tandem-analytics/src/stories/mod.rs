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

pub mod csv;
pub mod hybrid;
pub mod profile_examples;
pub mod report;
pub mod views;

use crate::ternary::Composition;

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
}

impl Stories {
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
        }
    }

    /// The field named `name`.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}
