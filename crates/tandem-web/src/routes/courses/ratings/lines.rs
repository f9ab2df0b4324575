//! Rounds in brief, for lists such as the overview's: values only once revealed.

use tandem_app::goals::GoalRecord;
use tandem_app::ratings::RoundRecord;
use tandem_domain::instrument::Instrument;

use crate::i18n::Translator;
use crate::kit::{instrument_name, show_date};

/// A revealed round in brief, for lists: "Goal scale · Mia 7 · Worker 5.5".
#[derive(Debug, Clone)]
pub struct RoundLine {
    /// Link to the round.
    pub href: String,
    /// When it was opened.
    pub date: String,
    /// What was rated.
    pub what: String,
    /// The values, or "waiting for 1 of 2 raters".
    pub values: String,
}

/// Brief lines for rounds: values only once revealed (blind rounds stay blind here too).
#[must_use]
pub fn round_lines(
    tr: &Translator,
    course_id: &str,
    rounds: &[RoundRecord],
    instruments: &[Instrument],
    goals: &[GoalRecord],
) -> Vec<RoundLine> {
    rounds
        .iter()
        .map(|round| {
            let instrument = instruments.iter().find(|i| i.key == round.instrument_key);
            let mut what =
                instrument.map_or_else(|| round.instrument_key.clone(), |i| instrument_name(tr, i));
            if let Some(goal) = round
                .goal_id
                .as_ref()
                .and_then(|g| goals.iter().find(|goal| goal.id == *g))
            {
                what = format!("{what}: “{}”", goal.details.own_words.as_str());
            }
            let values = if round.revealed_at.is_some() {
                round
                    .raters
                    .iter()
                    .map(|r| {
                        let value = r.total.map_or_else(
                            || tr.t("rating-not-rated"),
                            |t| crate::numbers::tenths(tr, t),
                        );
                        format!("{} {value}", r.label)
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            } else {
                let waiting = round.raters.iter().filter(|r| r.values.is_none()).count();
                tr.t_args(
                    "rating-waiting",
                    &[
                        ("waiting", i64::try_from(waiting).unwrap_or(0)),
                        ("total", i64::try_from(round.raters.len()).unwrap_or(0)),
                    ],
                )
            };
            RoundLine {
                href: format!("/courses/{course_id}/ratings/{}", round.id),
                date: show_date(tr, crate::local_time::copenhagen_date(round.opened_at)),
                what,
                values,
            }
        })
        .collect()
}
