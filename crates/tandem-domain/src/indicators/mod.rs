//! The three-column management view (co-production specification, "Indicators"): rules (TPA,
//! *getting it right*), efficiency (NPM, *getting it done*) and co-production (NPG, *getting
//! there together*) side by side, from the courses' own data.
//!
//! The store and the web turn each course into [`CourseFacts`]; [`indicators`] computes every
//! indicator from them, each with the courses behind it (for drill-down), and suppresses any
//! indicator that covers fewer young people than the smallest group shown (R22: never under 5).
//! [`tensions`] flags where two columns disagree. Nothing here ranks individual workers.

use time::Date;

use crate::Id;
use crate::policy::Course;
use crate::staff::User;

#[cfg(test)]
mod tests;

/// Caseload thresholds (courses per processor): the union guideline and the intensive "close to
/// the family" model. Shown beside the caseload indicator.
pub const CASELOAD_UNION: (u32, u32) = (20, 30);
/// See [`CASELOAD_UNION`].
pub const CASELOAD_INTENSIVE: (u32, u32) = (15, 20);
/// The largest caseload a threshold may name.
pub const MAX_CASELOAD: u32 = 200;

/// The caseload ranges the caseload indicator is read against, set per organization (the
/// specification's "configurable thresholds"); the defaults are the union guideline and the
/// intensive model above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseloadThresholds {
    /// The guideline range (default 20–30).
    pub union: (u32, u32),
    /// The intensive "close to the family" range (default 15–20).
    pub intensive: (u32, u32),
}

impl Default for CaseloadThresholds {
    fn default() -> Self {
        Self {
            union: CASELOAD_UNION,
            intensive: CASELOAD_INTENSIVE,
        }
    }
}

impl CaseloadThresholds {
    /// Whether `range` is a usable range: from 1, low not above high, at most [`MAX_CASELOAD`].
    #[must_use]
    pub fn valid(range: (u32, u32)) -> bool {
        range.0 >= 1 && range.0 <= range.1 && range.1 <= MAX_CASELOAD
    }
}

/// Days after which a placement is due its first supervision visit, and its second after twice
/// that (barnets lov § 156, stk. 5: at least two a year).
const SUPERVISION_HALF_YEAR_DAYS: i64 = 182;

/// What the view needs to know about one course, already read from its records.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseFacts {
    /// The course.
    pub id: Id<Course>,
    /// Its processor (for the caseload only; never shown per person).
    pub processor_id: Id<User>,
    /// When the municipality became aware (the course's start).
    pub awareness_date: Date,
    /// When the assessment was finished.
    pub assessment_completed: Option<Date>,
    /// The decision on support.
    pub decision_date: Option<Date>,
    /// Whether the course needs a plan (it has a plan kind).
    pub plan_required: bool,
    /// When the plan was finished.
    pub plan_completed: Option<Date>,
    /// When the intervention started.
    pub intervention_start: Option<Date>,
    /// The first follow-up held.
    pub first_follow_up: Option<Date>,
    /// Whether the young person's views were recorded (a meeting with them present or their
    /// views in their words, or a statement) on or before the decision.
    pub views_before_decision: bool,
    /// Whether the young person is placed outside the home.
    pub placement: bool,
    /// Supervision visits with a conversation with the young person in the last 365 days.
    pub supervision_visits_last_year: u32,
    /// When the course was closed, and whether by mutual agreement.
    pub closed: Option<(Date, bool)>,
    /// The first network meeting held.
    pub first_network_meeting: Option<Date>,
    /// The cost so far, in whole kroner.
    pub cost_total: i64,
    /// The cost in the half-year before the last and in the last half-year
    /// ([`HALF_YEAR_DAYS`] each, the second ending today), for the investment tension.
    pub cost_halves: [i64; 2],
    /// Active goals, and of those how many are in the young person's own words.
    pub active_goals: (u32, u32),
    /// Meetings held, and of those how many with the young person present (in person, online
    /// or by statement).
    pub meetings: (u32, u32),
    /// Active members of the private network (everyone but professionals).
    pub private_network: u32,
    /// Steps, and of those how many are owned by the young person or the network.
    pub steps: (u32, u32),
    /// Whether the young person's own ratings show a reliable improvement (None: fewer than
    /// two of their ratings on an instrument with norms for their age).
    pub reliable_improvement: Option<bool>,
    /// Session-feedback totals (0–40) given for the course's meetings.
    pub feedback: Vec<f64>,
    /// Alerts raised, and of those how many were discussed (resolved).
    pub alerts: (u32, u32),
}

/// The three columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Logic {
    /// Getting it right: legality, deadlines, documentation.
    Right,
    /// Getting it done: volume, efficiency, cost.
    Done,
    /// Getting there together: co-production, network, citizen-rated value.
    Together,
}

impl Logic {
    /// The stored and translated word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Right => "right",
            Self::Done => "done",
            Self::Together => "together",
        }
    }
}

/// How a value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A share, 0–1 (shown as a percentage).
    Share,
    /// Days (a median).
    Days,
    /// A number per course or per processor.
    Ratio,
    /// Kroner.
    Kroner,
    /// A mean on the session-feedback total (0–40).
    Feedback,
}

/// One indicator for a group of courses.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Stable key (translations, drill-down links, exports).
    pub key: &'static str,
    /// Its column.
    pub logic: Logic,
    /// How to read the value.
    pub unit: Unit,
    /// The value; `None` when suppressed or when no course qualifies.
    pub value: Option<f64>,
    /// How many young people (courses) it covers.
    pub young_people: usize,
    /// The courses behind it (for those allowed to drill down).
    pub courses: Vec<Id<Course>>,
    /// The national reference (Danish national audit of child cases, 2024), where there is one.
    pub reference: Option<f64>,
    /// Whether it covers too few young people to be shown.
    pub suppressed: bool,
}

/// The national references named in the specification.
pub const REFERENCE_ASSESSMENT_ON_TIME: f64 = 0.50;
/// See [`REFERENCE_ASSESSMENT_ON_TIME`].
pub const REFERENCE_VIEWS_BEFORE_DECISION: f64 = 0.65;
/// See [`REFERENCE_ASSESSMENT_ON_TIME`].
pub const REFERENCE_FOLLOW_UP_ON_TIME: f64 = 0.75;

/// `date` plus `months` calendar months (the last day of a shorter month when needed).
#[must_use]
pub fn add_months(date: Date, months: u8) -> Date {
    let total = i32::from(u8::from(date.month())) - 1 + i32::from(months);
    let year = date.year() + total / 12;
    let month = time::Month::try_from(u8::try_from(total % 12 + 1).unwrap_or(1))
        .unwrap_or(time::Month::January);
    let last = month.length(year);
    Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}

/// A deadline rule: of the courses where `start` is set and the deadline has come (or the
/// thing was done), the share done by the deadline.
fn on_time(
    facts: &[CourseFacts],
    today: Date,
    months: u8,
    start: impl Fn(&CourseFacts) -> Option<Date>,
    done: impl Fn(&CourseFacts) -> Option<Date>,
) -> (Vec<&CourseFacts>, usize) {
    let mut counted = Vec::new();
    let mut met = 0;
    for f in facts {
        let Some(from) = start(f) else { continue };
        let due = add_months(from, months);
        let finished = done(f);
        if due > today && finished.is_none() {
            continue; // Still running, not yet late.
        }
        if finished.is_some_and(|d| d <= due) {
            met += 1;
        }
        counted.push(f);
    }
    (counted, met)
}

/// The median (the mean of the middle two for an even count), `None` for no values.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

struct Builder {
    min_group: usize,
    out: Vec<Indicator>,
}

impl Builder {
    fn push(
        &mut self,
        key: &'static str,
        logic: Logic,
        unit: Unit,
        courses: &[&CourseFacts],
        value: Option<f64>,
        reference: Option<f64>,
    ) {
        // No course at all is "nothing to count yet", not a small group.
        let suppressed = !courses.is_empty() && courses.len() < self.min_group;
        self.out.push(Indicator {
            key,
            logic,
            unit,
            value: if suppressed { None } else { value },
            young_people: courses.len(),
            courses: courses.iter().map(|f| f.id).collect(),
            reference,
            suppressed,
        });
    }
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn sum_pairs(
    courses: &[&CourseFacts],
    pick: impl Fn(&CourseFacts) -> (u32, u32),
) -> (usize, usize) {
    courses.iter().fold((0, 0), |(w, p), f| {
        let (whole, part) = pick(f);
        (w + whole as usize, p + part as usize)
    })
}

/// Every indicator of the three columns for `facts` on `today`; any indicator covering fewer
/// than `min_group` young people is suppressed.
#[must_use]
pub fn indicators(facts: &[CourseFacts], today: Date, min_group: usize) -> Vec<Indicator> {
    use Logic::{Done, Right, Together};
    let mut b = Builder {
        min_group,
        out: Vec::new(),
    };
    let all: Vec<&CourseFacts> = facts.iter().collect();
    let open: Vec<&CourseFacts> = facts.iter().filter(|f| f.closed.is_none()).collect();

    // Getting it right.
    let (c, met) = on_time(
        facts,
        today,
        4,
        |f| Some(f.awareness_date),
        |f| f.assessment_completed,
    );
    b.push(
        "assessment_on_time",
        Right,
        Unit::Share,
        &c,
        share(met, c.len()),
        Some(REFERENCE_ASSESSMENT_ON_TIME),
    );
    let (c, met) = on_time(
        facts,
        today,
        3,
        |f| f.decision_date.filter(|_| f.plan_required),
        |f| f.plan_completed,
    );
    b.push(
        "plan_on_time",
        Right,
        Unit::Share,
        &c,
        share(met, c.len()),
        None,
    );
    let (c, met) = on_time(
        facts,
        today,
        3,
        |f| f.intervention_start,
        |f| f.first_follow_up,
    );
    b.push(
        "follow_up_on_time",
        Right,
        Unit::Share,
        &c,
        share(met, c.len()),
        Some(REFERENCE_FOLLOW_UP_ON_TIME),
    );
    let decided: Vec<&CourseFacts> = facts.iter().filter(|f| f.decision_date.is_some()).collect();
    let heard = decided.iter().filter(|f| f.views_before_decision).count();
    b.push(
        "views_before_decision",
        Right,
        Unit::Share,
        &decided,
        share(heard, decided.len()),
        Some(REFERENCE_VIEWS_BEFORE_DECISION),
    );
    // Two visits a year (barnets lov § 156, stk. 5) is one each half-year: a placement counts
    // once a visit is due (half a year in), and needs as many as its time allows, up to two.
    let visits_due = |f: &CourseFacts| {
        f.intervention_start.map_or(0, |start| {
            u32::try_from(((today - start).whole_days() / SUPERVISION_HALF_YEAR_DAYS).clamp(0, 2))
                .unwrap_or(0)
        })
    };
    let placed: Vec<&CourseFacts> = open.iter().copied().filter(|f| f.placement).collect();
    let due: Vec<&CourseFacts> = placed
        .iter()
        .copied()
        .filter(|f| visits_due(f) > 0)
        .collect();
    let visited = due
        .iter()
        .filter(|f| f.supervision_visits_last_year >= visits_due(f))
        .count();
    b.push(
        "supervision_visits",
        Right,
        Unit::Share,
        &due,
        share(visited, due.len()),
        None,
    );

    // Getting it done.
    let processors: std::collections::HashSet<_> = open.iter().map(|f| f.processor_id).collect();
    b.push(
        "caseload",
        Done,
        Unit::Ratio,
        &open,
        (!processors.is_empty()).then(|| open.len() as f64 / processors.len() as f64),
        None,
    );
    let closed: Vec<&CourseFacts> = facts.iter().filter(|f| f.closed.is_some()).collect();
    let mut durations: Vec<f64> = closed
        .iter()
        .filter_map(|f| {
            f.closed
                .map(|(d, _)| (d - f.awareness_date).whole_days() as f64)
        })
        .collect();
    b.push(
        "duration",
        Done,
        Unit::Days,
        &closed,
        median(&mut durations),
        None,
    );
    let met: Vec<&CourseFacts> = facts
        .iter()
        .filter(|f| f.first_network_meeting.is_some())
        .collect();
    let mut waits: Vec<f64> = met
        .iter()
        .filter_map(|f| {
            f.first_network_meeting
                .map(|d| (d - f.awareness_date).whole_days() as f64)
        })
        .collect();
    b.push(
        "first_network_meeting",
        Done,
        Unit::Days,
        &met,
        median(&mut waits),
        None,
    );
    let monthly: Vec<f64> = all
        .iter()
        .map(|f| {
            let end = f.closed.map_or(today, |(d, _)| d);
            let months = ((end - f.awareness_date).whole_days() as f64 / 30.4375).max(1.0);
            f.cost_total as f64 / months
        })
        .collect();
    b.push(
        "cost_per_month",
        Done,
        Unit::Kroner,
        &all,
        (!monthly.is_empty()).then(|| monthly.iter().sum::<f64>() / monthly.len() as f64),
        None,
    );
    b.push(
        "cost_total",
        Done,
        Unit::Kroner,
        &all,
        (!all.is_empty()).then(|| all.iter().map(|f| f.cost_total as f64).sum()),
        None,
    );
    b.push(
        "placements",
        Done,
        Unit::Share,
        &open,
        share(placed.len(), open.len()),
        None,
    );
    let mutual = closed
        .iter()
        .filter(|f| f.closed.is_some_and(|(_, m)| m))
        .count();
    b.push(
        "closed_mutually",
        Done,
        Unit::Share,
        &closed,
        share(mutual, closed.len()),
        None,
    );

    // Getting there together.
    let with_goals: Vec<&CourseFacts> = open
        .iter()
        .copied()
        .filter(|f| f.active_goals.0 > 0)
        .collect();
    let (goals, own) = sum_pairs(&with_goals, |f| f.active_goals);
    b.push(
        "goals_own_words",
        Together,
        Unit::Share,
        &with_goals,
        share(own, goals),
        None,
    );
    let with_meetings: Vec<&CourseFacts> = facts.iter().filter(|f| f.meetings.0 > 0).collect();
    let (held, present) = sum_pairs(&with_meetings, |f| f.meetings);
    b.push(
        "young_person_present",
        Together,
        Unit::Share,
        &with_meetings,
        share(present, held),
        None,
    );
    b.push(
        "private_network",
        Together,
        Unit::Ratio,
        &open,
        (!open.is_empty()).then(|| {
            open.iter()
                .map(|f| f64::from(f.private_network))
                .sum::<f64>()
                / open.len() as f64
        }),
        None,
    );
    let with_steps: Vec<&CourseFacts> = facts.iter().filter(|f| f.steps.0 > 0).collect();
    let (steps, theirs) = sum_pairs(&with_steps, |f| f.steps);
    b.push(
        "steps_owned_by_family",
        Together,
        Unit::Share,
        &with_steps,
        share(theirs, steps),
        None,
    );
    let rated: Vec<&CourseFacts> = facts
        .iter()
        .filter(|f| f.reliable_improvement.is_some())
        .collect();
    let improved = rated
        .iter()
        .filter(|f| f.reliable_improvement == Some(true))
        .count();
    b.push(
        "reliable_improvement",
        Together,
        Unit::Share,
        &rated,
        share(improved, rated.len()),
        None,
    );
    let with_feedback: Vec<&CourseFacts> =
        facts.iter().filter(|f| !f.feedback.is_empty()).collect();
    let totals: Vec<f64> = with_feedback
        .iter()
        .flat_map(|f| f.feedback.iter().copied())
        .collect();
    b.push(
        "session_feedback",
        Together,
        Unit::Feedback,
        &with_feedback,
        (!totals.is_empty()).then(|| totals.iter().sum::<f64>() / totals.len() as f64),
        None,
    );
    let with_alerts: Vec<&CourseFacts> = facts.iter().filter(|f| f.alerts.0 > 0).collect();
    let (raised, discussed) = sum_pairs(&with_alerts, |f| f.alerts);
    b.push(
        "alerts_discussed",
        Together,
        Unit::Share,
        &with_alerts,
        share(discussed, raised),
        None,
    );
    b.out
}

/// Where two columns disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tension {
    /// Every deadline indicator at or above its reference (or 75 % without one), yet fewer than
    /// half the active goals in the young person's own words.
    ProcedureWithoutParticipation,
    /// Courses close fast (median under 180 days) while session feedback is low (mean under 30
    /// of 40) or fewer than half the rated young people improve reliably.
    PrematureClosureRisk,
    /// The cost of courses without a placement rose while placements fell
    /// ([`investment_shift`]; [`tensions`] itself never finds it, it needs the courses).
    InvestmentWhilePlacementsFall,
}

impl Tension {
    /// The translated word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProcedureWithoutParticipation => "procedure_without_participation",
            Self::PrematureClosureRisk => "premature_closure_risk",
            Self::InvestmentWhilePlacementsFall => "investment_while_placements_fall",
        }
    }
}

/// The length of the two half-years the investment tension compares.
pub const HALF_YEAR_DAYS: i64 = 182;

/// What the investment tension compares: the cost of courses without a placement (the
/// preventive investment) and the placements decided, in the half-year before the last and in
/// the last half-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvestmentShift {
    /// Kroner spent on courses without a placement, [earlier, recent].
    pub investment: [i64; 2],
    /// Placements decided, [earlier, recent].
    pub placements: [u32; 2],
}

/// The investment tension (specification: "low caseload cost rising while placements fall —
/// show investment next to avoided placement cost"): `Some` when the scope covers at least
/// `min_group` young people, the investment rose and the placements decided fell between the
/// two half-years ending on `today`.
#[must_use]
pub fn investment_shift(
    facts: &[CourseFacts],
    today: Date,
    min_group: usize,
) -> Option<InvestmentShift> {
    if facts.len() < min_group.max(1) {
        return None;
    }
    let recent_from = today - time::Duration::days(HALF_YEAR_DAYS);
    let earlier_from = recent_from - time::Duration::days(HALF_YEAR_DAYS);
    let mut shift = InvestmentShift {
        investment: [0, 0],
        placements: [0, 0],
    };
    for f in facts {
        if f.placement {
            match f.decision_date {
                Some(d) if d >= recent_from && d <= today => shift.placements[1] += 1,
                Some(d) if d >= earlier_from && d < recent_from => shift.placements[0] += 1,
                _ => {}
            }
        } else {
            shift.investment[0] += f.cost_halves[0];
            shift.investment[1] += f.cost_halves[1];
        }
    }
    (shift.investment[1] > shift.investment[0] && shift.placements[1] < shift.placements[0])
        .then_some(shift)
}

/// The tensions among shown (not suppressed) indicators.
#[must_use]
pub fn tensions(indicators: &[Indicator]) -> Vec<Tension> {
    let value = |key: &str| {
        indicators
            .iter()
            .find(|i| i.key == key)
            .and_then(|i| i.value)
    };
    let mut found = Vec::new();
    let deadlines: Vec<&Indicator> = indicators
        .iter()
        .filter(|i| i.logic == Logic::Right && i.value.is_some())
        .collect();
    if !deadlines.is_empty()
        && deadlines
            .iter()
            .all(|i| i.value >= Some(i.reference.unwrap_or(0.75)))
        && value("goals_own_words").is_some_and(|v| v < 0.5)
    {
        found.push(Tension::ProcedureWithoutParticipation);
    }
    let short = value("duration").is_some_and(|d| d < 180.0);
    let unhappy = value("session_feedback").is_some_and(|f| f < 30.0)
        || value("reliable_improvement").is_some_and(|r| r < 0.5);
    if short && unhappy {
        found.push(Tension::PrematureClosureRisk);
    }
    found
}
