//! A probe's course measures as run charts (sensemaking.md §6): each measure the probe follows,
//! per week or month from a baseline before it started until today (or the day it was stopped),
//! with the baseline median and the run-chart rules that fired. Points cover at least k young
//! people; the team's courses are read once for both measures.

use tandem_analytics::run_chart::{self, Reading};
use tandem_analytics::suppression::MinGroupSize;
use tandem_domain::practice::measures::{self, CourseMeasure, Observation, Period, Point};
use tandem_store::courses::WorkScope;
use time::Date;

use super::TeamRef;
use super::probes::ProbeRecord;
use crate::app::App;
use crate::error::ActionError;

/// Which of the probe's signals a measure follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// What would show it works.
    Success,
    /// What would show it does harm.
    Failure,
}

/// One measure of a probe over time.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureChart {
    /// The signal it follows.
    pub signal: Signal,
    /// The measure.
    pub measure: CourseMeasure,
    /// Its points, oldest first; the first `baseline` are before the probe started.
    pub points: Vec<Point>,
    /// How many points are baseline.
    pub baseline: usize,
    /// What the run-chart rules read.
    pub reading: Reading,
}

/// How a running probe's measures stand, in one word for a board or the head's home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A shift or trend the way the measure should go.
    Improving,
    /// A shift or trend the way the measure should not go: on a failure measure, the signal
    /// to stop.
    Warning,
    /// No rule fired yet.
    NoSignal,
    /// Not enough points to read (no baseline median, or every point withheld).
    TooFew,
}

impl MeasureChart {
    /// Which way the rules point, read against the way the measure should go (the same for a
    /// success and a failure measure: a failure measure warns when it moves the wrong way): a
    /// shift first, then a trend. The runs rule says "not random" without a way, so the page
    /// states it beside the status instead of in it.
    #[must_use]
    pub fn status(&self) -> Status {
        let better = match self.measure.better() {
            measures::Better::Higher => run_chart::Direction::Up,
            measures::Better::Lower => run_chart::Direction::Down,
        };
        let way = self
            .reading
            .shift
            .or(self.reading.trend)
            .map(|s| s.direction);
        match way {
            Some(w) if w == better => Status::Improving,
            Some(_) => Status::Warning,
            None if self.reading.median.is_none() => Status::TooFew,
            None => Status::NoSignal,
        }
    }
}

/// The run charts of the probe's measures (success first), for `period`s until `today`, or
/// until the day a decision stopped it.
///
/// # Errors
/// A database error.
pub async fn charts(
    app: &App,
    team: TeamRef,
    probe: &ProbeRecord,
    period: Period,
    today: Date,
) -> Result<Vec<MeasureChart>, ActionError> {
    Ok(
        charts_of(app, team, std::slice::from_ref(probe), period, today)
            .await?
            .pop()
            .unwrap_or_default(),
    )
}

/// The run charts of each of `probes` (in their order), the team's courses read once for all
/// of their measures.
///
/// # Errors
/// A database error.
pub async fn charts_of(
    app: &App,
    team: TeamRef,
    probes: &[ProbeRecord],
    period: Period,
    today: Date,
) -> Result<Vec<Vec<MeasureChart>>, ActionError> {
    let kinds = measures_of(probes);
    let observed = if kinds.is_empty() {
        Vec::new()
    } else {
        app.store()
            .course_observations(team.organization_id, WorkScope::TeamAll(team.id), &kinds)
            .await?
    };
    Ok(charts_from(probes, (&kinds, &observed), period, today))
}

/// The measure each signal of a probe follows, success first.
fn followed(probe: &ProbeRecord) -> Vec<(Signal, CourseMeasure)> {
    let d = &probe.details;
    [
        (Signal::Success, d.success_measure),
        (Signal::Failure, d.failure_measure),
    ]
    .into_iter()
    .filter_map(|(s, m)| m.map(|m| (s, m)))
    .collect()
}

/// Every measure `probes` follow, each once, in the order first followed.
#[must_use]
pub fn measures_of(probes: &[ProbeRecord]) -> Vec<CourseMeasure> {
    let mut kinds: Vec<CourseMeasure> = Vec::new();
    for (_, m) in probes.iter().flat_map(followed) {
        if !kinds.contains(&m) {
            kinds.push(m);
        }
    }
    kinds
}

/// The run charts of each of `probes` from the observations of `kinds` (one list per kind, as
/// [`measures_of`] gives them, from every course of the team; a probe on chosen courses keeps
/// theirs), until `today` or the day a decision stopped the probe.
#[must_use]
pub fn charts_from(
    probes: &[ProbeRecord],
    (kinds, observed): (&[CourseMeasure], &[Vec<Observation>]),
    period: Period,
    today: Date,
) -> Vec<Vec<MeasureChart>> {
    let k = MinGroupSize::default().get() as usize;
    probes
        .iter()
        .map(|probe| {
            let until = if probe.stopped {
                probe.decisions.last().map_or(today, |x| x.decided_on)
            } else {
                today
            };
            followed(probe)
                .into_iter()
                .filter_map(|(signal, measure)| {
                    let at = kinds.iter().position(|m| *m == measure)?;
                    // A probe on chosen courses follows only theirs.
                    let scoped: Vec<Observation> = observed
                        .get(at)?
                        .iter()
                        .filter(|o| probe.courses.is_empty() || probe.courses.contains(&o.course))
                        .cloned()
                        .collect();
                    let points = measures::points(
                        measure,
                        &scoped,
                        period,
                        probe.details.starts_on,
                        until,
                        k,
                    );
                    let baseline = points.iter().take_while(|p| p.baseline).count();
                    let values: Vec<Option<f64>> = points.iter().map(|p| p.value).collect();
                    Some(MeasureChart {
                        signal,
                        measure,
                        reading: run_chart::read(&values, baseline),
                        points,
                        baseline,
                    })
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(measure: CourseMeasure, baseline: &[f64], after: &[f64]) -> MeasureChart {
        let values: Vec<Option<f64>> = baseline.iter().chain(after).map(|v| Some(*v)).collect();
        MeasureChart {
            signal: Signal::Failure,
            measure,
            points: Vec::new(),
            baseline: baseline.len(),
            reading: run_chart::read(&values, baseline.len()),
        }
    }

    /// A probe following goals in own words from 2026-06-01, on `courses` (none: the team).
    fn probe(courses: Vec<tandem_domain::Id<tandem_domain::policy::Course>>) -> ProbeRecord {
        let text = |t: &str| tandem_domain::PlainText::parse(t, 200).expect("text");
        ProbeRecord {
            id: tandem_domain::Id::new(),
            huddle_id: None,
            mark_id: None,
            details: tandem_domain::practice::ProbeDetails {
                title: text("Egne ord"),
                hypothesis: text("De unge skriver selv"),
                success_signal: text("Flere mål i egne ord"),
                failure_signal: text("Færre mål"),
                success_measure: Some(CourseMeasure::GoalsInOwnWords),
                failure_measure: None,
                starts_on: time::macros::date!(2026 - 06 - 01),
                review_on: time::macros::date!(2026 - 07 - 01),
            },
            owner_id: tandem_domain::Id::new(),
            owner_name: "Pia".into(),
            stopped: false,
            decisions: Vec::new(),
            stories: 0,
            courses,
        }
    }

    #[test]
    fn a_probe_on_chosen_courses_counts_only_theirs_and_still_needs_five_young_people() {
        let courses: Vec<_> = (0..6).map(|_| tandem_domain::Id::new()).collect();
        let observed: Vec<Observation> = courses
            .iter()
            .map(|c| Observation {
                course: *c,
                on: time::macros::date!(2026 - 06 - 10),
                value: 1.0,
            })
            .collect();
        let kinds = [CourseMeasure::GoalsInOwnWords];
        let june = |probe: ProbeRecord| {
            let charts = charts_from(
                &[probe],
                (&kinds, std::slice::from_ref(&observed)),
                Period::Month,
                time::macros::date!(2026 - 06 - 30),
            );
            let point = charts[0][0].points.last().cloned().expect("June");
            (point.young_people, point.withheld)
        };
        assert_eq!(june(probe(Vec::new())), (6, false), "the whole team");
        assert_eq!(june(probe(courses[..5].to_vec())), (5, false));
        assert_eq!(
            june(probe(courses[..4].to_vec())),
            (0, true),
            "four young people"
        );
    }

    #[test]
    fn a_status_reads_the_rules_against_the_way_the_measure_should_go() {
        let base = [30.0, 32.0, 31.0, 29.0, 30.0, 31.0];
        let higher = [40.0; 6];
        let share = CourseMeasure::ChairedByYoungPerson;
        assert_eq!(chart(share, &base, &higher).status(), Status::Improving);
        assert_eq!(chart(share, &base, &[20.0; 6]).status(), Status::Warning);
        let days = CourseMeasure::DaysToFirstNetworkMeeting;
        assert_eq!(
            chart(days, &base, &higher).status(),
            Status::Warning,
            "more days to the first meeting is worse"
        );
        assert_eq!(
            chart(share, &base, &[29.0, 33.0, 30.5, 31.5]).status(),
            Status::NoSignal
        );
        assert_eq!(
            chart(share, &base[..3], &higher).status(),
            Status::TooFew,
            "three baseline points give no median"
        );
    }
}
