//! The filter's answer, date and teller conditions evaluated on a campaign's columns: one mask
//! per condition, so the filter guard can tell what dropping each one would add.

use tandem_analytics::stories::{Column, Stories};

use crate::stories::catalog::{AnswerCondition, StoryFilter};
use crate::stories::columns::CampaignColumns;

/// One mask per answer, date and teller condition, evaluated on the columns.
pub(super) fn condition_masks(columns: &CampaignColumns, filter: &StoryFilter) -> Vec<Vec<bool>> {
    let stories = &columns.stories;
    let mut masks: Vec<Vec<bool>> = filter
        .answers
        .iter()
        .map(|condition| answer_mask(stories, condition))
        .collect();
    if let Some(from) = filter.from {
        masks.push(
            columns
                .facts
                .iter()
                .map(|f| f.collected_on >= from)
                .collect(),
        );
    }
    if let Some(to) = filter.to {
        masks.push(columns.facts.iter().map(|f| f.collected_on <= to).collect());
    }
    if let Some(teller) = filter.teller {
        masks.push(columns.facts.iter().map(|f| f.teller == teller).collect());
    }
    masks
}

/// The rows meeting one answer condition.
fn answer_mask(stories: &Stories, condition: &AnswerCondition) -> Vec<bool> {
    match condition {
        AnswerCondition::Chose { question, option } => {
            match stories.field(question).map(|f| &f.column) {
                Some(Column::Choice { labels, values }) => {
                    let want = labels.iter().position(|l| l == option).map(|i| i as u32);
                    values.iter().map(|v| v.is_some() && *v == want).collect()
                }
                Some(Column::Multi { labels, values }) => {
                    let want = labels.iter().position(|l| l == option).map(|i| i as u32);
                    values
                        .iter()
                        .map(|v| want.is_some_and(|w| v.contains(&w)))
                        .collect()
                }
                _ => vec![false; stories.len],
            }
        }
        AnswerCondition::Between { question, from, to } => {
            match stories.field(question).map(|f| &f.column) {
                Some(Column::Slider(values)) => values
                    .iter()
                    .map(|v| v.is_some_and(|v| v >= *from && v <= *to))
                    .collect(),
                _ => vec![false; stories.len],
            }
        }
        AnswerCondition::Leans { question, corner } => {
            match stories.field(question).map(|f| &f.column) {
                // The same ties as the catalog's SQL: the first corner wins a tie.
                Some(Column::Triad(values)) => values
                    .iter()
                    .map(|v| {
                        v.is_some_and(|c| {
                            let [a, b, c] = c.parts();
                            let lean = if a >= b && a >= c {
                                0
                            } else if b >= c {
                                1
                            } else {
                                2
                            };
                            lean == *corner
                        })
                    })
                    .collect(),
                _ => vec![false; stories.len],
            }
        }
    }
}
