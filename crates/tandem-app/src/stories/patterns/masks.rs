//! The filter's answer, date and teller conditions evaluated on a campaign's columns: one
//! condition per filter condition, so the filter guard can tell what dropping each one would
//! add — and, for the date range and slider ranges, what moving their edges would add.

use tandem_analytics::filter_guard::Condition;
use tandem_analytics::stories::{Column, Stories};

use crate::stories::catalog::{AnswerCondition, StoryFilter};
use crate::stories::columns::CampaignColumns;
use crate::stories::ranges::{date_place, slider_place, snapped};

/// One guard condition per answer condition, one for the date range and one for the teller,
/// evaluated on the columns for the filter snapped to coarse ranges
/// ([`crate::stories::ranges::snapped`]).
pub(super) fn conditions(columns: &CampaignColumns, filter: &StoryFilter) -> Vec<Condition> {
    let filter = snapped(filter.clone());
    let stories = &columns.stories;
    let mut conditions: Vec<Condition> = filter
        .answers
        .iter()
        .map(|condition| answer_condition(stories, condition))
        .collect();
    if filter.from.is_some() || filter.to.is_some() {
        conditions.push(Condition::Range(
            columns
                .facts
                .iter()
                .map(|f| date_place(f.collected_on, filter.from, filter.to))
                .collect(),
        ));
    }
    if let Some(teller) = filter.teller {
        conditions.push(Condition::Plain(
            columns.facts.iter().map(|f| f.teller == teller).collect(),
        ));
    }
    conditions
}

/// One answer condition: a range for sliders, a yes/no test otherwise.
fn answer_condition(stories: &Stories, condition: &AnswerCondition) -> Condition {
    if let AnswerCondition::Between { question, from, to } = condition {
        return Condition::Range(match stories.field(question).map(|f| &f.column) {
            Some(Column::Slider(values)) => values
                .iter()
                .map(|v| slider_place(*v, *from, *to))
                .collect(),
            _ => vec![tandem_analytics::filter_guard::Place::Missing; stories.len],
        });
    }
    Condition::Plain(answer_mask(stories, condition))
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
