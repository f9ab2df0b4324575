//! The two rules that turn ratings into alerts: a reliable deterioration of the young person's
//! own totals (what the rule needs besides the rounds is read before the rating's transaction
//! begins), and session feedback under the organization's thresholds.

use tandem_domain::Id;
use tandem_domain::deadlines::age_on;
use tandem_domain::instrument::{Classification, Instrument, Norm, classify, format_tenths};
use tandem_store::ratings::{Round, RoundRecord, young_persons_totals};

use super::{CourseRef, today};
use crate::actor::Actor;
use crate::app::App;
use crate::error::ActionError;

/// What the deterioration rule needs to know besides the rounds: the organization's
/// instruments and the young person's age on the day. Read before the rating's transaction
/// begins, so the transaction holds its write lock only for the writes.
#[derive(Debug, Clone)]
pub struct DeteriorationCheck {
    instruments: Vec<Instrument>,
    age: Option<i32>,
}

impl DeteriorationCheck {
    /// The check with the organization's instruments and the young person's age (`None`: no
    /// course, nothing is checked).
    #[must_use]
    pub fn new(instruments: Vec<Instrument>, age: Option<i32>) -> Self {
        Self { instruments, age }
    }

    /// Reads the course's instruments and the young person's age.
    ///
    /// # Errors
    /// A database error.
    pub async fn load(app: &App, course: CourseRef, actor: &Actor) -> Result<Self, ActionError> {
        let store = app.store();
        let instruments = app
            .configuration(course.organization_id)
            .await?
            .instruments
            .clone();
        let age = store
            .guarded_course(course.organization_id, course.id)
            .await?
            .map(|found| age_on(found.course.details.birth_date, today(actor)));
        Ok(Self { instruments, age })
    }

    /// The alert's detail ("4.9 → 2.7", the totals as shown) when `round` is revealed and the
    /// young person's first and latest totals on its instrument and goal show a reliable
    /// deterioration under the norm for their age; `None` otherwise.
    #[must_use]
    pub fn detail(&self, rounds: &[RoundRecord], round: Id<Round>) -> Option<String> {
        let this = rounds
            .iter()
            .find(|r| r.id == round && r.revealed_at.is_some())?;
        let norm: Norm = self
            .instruments
            .iter()
            .find(|i| i.key == this.instrument_key)?
            .norm_for(self.age?)?;
        let (first, last) = own_first_and_last(rounds, this)?;
        (classify(first, last, norm) == Classification::Deteriorated)
            .then(|| format!("{} → {}", format_tenths(first), format_tenths(last)))
    }
}

/// The young person's first and latest revealed totals on the same instrument and goal, when
/// there are at least two — the series the goal page reads too.
fn own_first_and_last(rounds: &[RoundRecord], this: &RoundRecord) -> Option<(i32, i32)> {
    let totals = young_persons_totals(rounds, &this.instrument_key, this.goal_id);
    Some((totals.first()?.1, totals.last()?.1)).filter(|_| totals.len() > 1)
}

/// The session-feedback alert's detail ("31 / 40 · min 6") when the values fall under the
/// instrument's thresholds; `None` when they do not.
#[must_use]
pub fn low_feedback(instrument: &Instrument, values: &[i32]) -> Option<String> {
    instrument.alerts(values).then(|| {
        let total: i32 = values.iter().sum();
        let lowest = values.iter().copied().min().unwrap_or(0);
        format!(
            "{} / 40 · min {}",
            format_tenths(total),
            format_tenths(lowest)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_domain::course::kinds::RaterRole;
    use tandem_domain::instrument::AlertRule;
    use tandem_store::ratings::RaterRecord;
    use time::macros::datetime;

    /// The one goal every round of these tests rates.
    fn goal() -> Id<tandem_store::work::Goal> {
        Id::parse("01900000-0000-7000-8000-000000000001").expect("a valid id")
    }

    fn round(id: Id<Round>, total: i32, at: time::OffsetDateTime) -> RoundRecord {
        RoundRecord {
            id,
            instrument_key: "goal_scale".into(),
            goal_id: Some(goal()),
            meeting_id: None,
            mode: tandem_domain::course::kinds::RatingMode::Collaborative,
            opened_at: at,
            revealed_at: Some(at),
            reflection: None,
            raters: vec![RaterRecord {
                id: Id::new(),
                role: RaterRole::YoungPerson,
                label: "Mia".into(),
                values: Some(vec![total]),
                total: Some(total),
                comment: None,
                rated_at: Some(at),
                member_id: None,
            }],
        }
    }

    fn check() -> DeteriorationCheck {
        let mut scale = Instrument::goal_scale();
        scale.norms = vec![Norm {
            age_from: 12,
            age_to: 22,
            cut_off: 50,
            reliable_change: 20,
        }];
        DeteriorationCheck {
            instruments: vec![scale],
            age: Some(15),
        }
    }

    #[test]
    fn a_reliable_drop_in_the_young_persons_own_totals_is_a_deterioration() {
        let (a, b) = (Id::new(), Id::new());
        let rounds = vec![
            round(b, 27, datetime!(2026-03-01 10:00 UTC)),
            round(a, 49, datetime!(2026-02-01 10:00 UTC)),
        ];
        assert_eq!(check().detail(&rounds, b).as_deref(), Some("4.9 → 2.7"));
    }

    #[test]
    fn a_small_drop_a_single_round_or_no_norm_raises_nothing() {
        let (a, b) = (Id::new(), Id::new());
        let small = vec![
            round(b, 40, datetime!(2026-03-01 10:00 UTC)),
            round(a, 49, datetime!(2026-02-01 10:00 UTC)),
        ];
        assert_eq!(check().detail(&small, b), None);
        let single = vec![round(b, 10, datetime!(2026-03-01 10:00 UTC))];
        assert_eq!(check().detail(&single, b), None);
        let mut adult = check();
        adult.age = Some(30);
        let big = vec![
            round(b, 10, datetime!(2026-03-01 10:00 UTC)),
            round(a, 90, datetime!(2026-02-01 10:00 UTC)),
        ];
        assert_eq!(adult.detail(&big, b), None);
        assert!(check().detail(&big, b).is_some());
    }

    #[test]
    fn low_session_feedback_names_its_total_and_lowest_item() {
        let feedback = Instrument::session_feedback(AlertRule {
            total_below: 360,
            item_below: 90,
        });
        assert_eq!(
            low_feedback(&feedback, &[100, 100, 100, 60]).as_deref(),
            Some("36 / 40 · min 6")
        );
        assert_eq!(low_feedback(&feedback, &[95, 95, 95, 95]), None);
    }
}
