//! Run-chart rules (Perla, Provost & Murray 2011, "The run chart: a simple analytical tool for
//! learning from variation in healthcare processes", BMJ Quality & Safety 20:46–51), as
//! sensemaking.md §6 states them for probes' course measures.
//!
//! - The centre line is the median of the baseline points (those before the probe started).
//! - A **shift**: 6 or more consecutive points all above or all below the median; points on the
//!   median neither count nor break it.
//! - A **trend**: 5 or more consecutive points all going up or all going down; equal neighbours
//!   count once (the repeat is skipped).
//! - **Runs**: the number of runs on either side of the median among the useful observations
//!   (those not on it), against the limits of the Swed–Eisenhart distribution from which the
//!   published table is drawn: too few or too many runs (2.5 % in each tail, for the counts
//!   above and below actually seen) signal non-random variation. The limits agree with the
//!   published table at 10 (3–9) and 30 (11–21) useful observations.
//!
//! The rules read the points from the probe's start on against the baseline median, once it
//! rests on [`BASELINE_FROM`] points (the trend rule needs no median and always reads); a point
//! that is missing (no observations, or withheld for fewer than k young people) is left out, as
//! a chart leaves a gap. At least 10 useful observations are needed before the runs rule says
//! anything.

/// Consecutive points on one side of the median that make a shift.
pub const SHIFT: usize = 6;
/// Consecutive points going one way that make a trend.
pub const TREND: usize = 5;
/// Useful observations the runs rule needs.
pub const RUNS_FROM: usize = 10;
/// Baseline points a median needs before the rules read against it: a median of fewer points
/// moves with each one (Tandem's convention; the run-chart literature asks for 10 or more
/// points in all, and a probe's baseline is a year of months or sixteen weeks).
pub const BASELINE_FROM: usize = 6;

/// Which way a signal goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Above the median, or going up.
    Up,
    /// Below the median, or going down.
    Down,
}

/// A shift or a trend: where it starts and ends (indexes into the points given) and its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    /// The first point of it.
    pub first: usize,
    /// The last point of it.
    pub last: usize,
    /// Which way.
    pub direction: Direction,
}

/// The runs rule's reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Runs {
    /// Runs counted.
    pub runs: usize,
    /// Useful observations (points not on the median).
    pub useful: usize,
    /// The fewest runs expected by chance.
    pub lower: usize,
    /// The most runs expected by chance.
    pub upper: usize,
}

impl Runs {
    /// Whether the count lies outside the limits.
    #[must_use]
    pub fn signals(&self) -> bool {
        self.runs < self.lower || self.runs > self.upper
    }
}

/// What the rules found in a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The baseline points with a value.
    pub baseline_points: usize,
    /// The baseline median (`None` with fewer than [`BASELINE_FROM`] baseline points).
    pub median: Option<f64>,
    /// The longest shift from the probe's start on, if one reached [`SHIFT`] points.
    pub shift: Option<Signal>,
    /// The longest trend from the probe's start on, if one reached [`TREND`] points.
    pub trend: Option<Signal>,
    /// The runs rule, from [`RUNS_FROM`] useful observations.
    pub runs: Option<Runs>,
}

/// Reads `points` (one per period, `None` for a gap), the first `baseline` of them before the
/// probe started.
#[must_use]
pub fn read(points: &[Option<f64>], baseline: usize) -> Reading {
    let baseline = baseline.min(points.len());
    let mut before: Vec<f64> = points[..baseline].iter().flatten().copied().collect();
    let baseline_points = before.len();
    let Some(median) = median(&mut before).filter(|_| baseline_points >= BASELINE_FROM) else {
        return Reading {
            baseline_points,
            median: None,
            shift: None,
            trend: trend(points, baseline),
            runs: None,
        };
    };
    Reading {
        baseline_points,
        median: Some(median),
        shift: shift(points, baseline, median),
        trend: trend(points, baseline),
        runs: runs(&points[baseline..], median),
    }
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        f64::midpoint(values[mid - 1], values[mid])
    } else {
        values[mid]
    })
}

/// The side of the median a value is on (`None` on it).
fn side(value: f64, median: f64) -> Option<Direction> {
    if value > median {
        Some(Direction::Up)
    } else if value < median {
        Some(Direction::Down)
    } else {
        None
    }
}

/// The longest run of at least [`SHIFT`] points on one side, from `from` on.
fn shift(points: &[Option<f64>], from: usize, median: f64) -> Option<Signal> {
    let mut best: Option<(usize, Signal)> = None;
    let mut current: Option<(usize, Signal)> = None;
    for (i, value) in points.iter().enumerate().skip(from) {
        let Some(way) = value.and_then(|v| side(v, median)) else {
            continue;
        };
        current = match current {
            Some((count, signal)) if signal.direction == way => {
                Some((count + 1, Signal { last: i, ..signal }))
            }
            _ => Some((
                1,
                Signal {
                    first: i,
                    last: i,
                    direction: way,
                },
            )),
        };
        if let Some((count, signal)) = current
            && count >= SHIFT
            && best.is_none_or(|(b, _)| count > b)
        {
            best = Some((count, signal));
        }
    }
    best.map(|(_, s)| s)
}

/// The longest run of at least [`TREND`] points going one way, from `from` on (a repeated value
/// is skipped: it neither counts nor breaks).
fn trend(points: &[Option<f64>], from: usize) -> Option<Signal> {
    let mut best: Option<(usize, Signal)> = None;
    let mut current: Option<(usize, Signal)> = None;
    let mut previous: Option<(usize, f64)> = None;
    for (i, value) in points.iter().enumerate().skip(from) {
        let Some(value) = *value else { continue };
        let Some((p, last)) = previous else {
            previous = Some((i, value));
            continue;
        };
        if value == last {
            continue;
        }
        let way = if value > last {
            Direction::Up
        } else {
            Direction::Down
        };
        current = match current {
            Some((count, signal)) if signal.direction == way => {
                Some((count + 1, Signal { last: i, ..signal }))
            }
            _ => Some((
                2,
                Signal {
                    first: p,
                    last: i,
                    direction: way,
                },
            )),
        };
        if let Some((count, signal)) = current
            && count >= TREND
            && best.is_none_or(|(b, _)| count > b)
        {
            best = Some((count, signal));
        }
        previous = Some((i, value));
    }
    best.map(|(_, s)| s)
}

/// The runs rule on `points` against `median`.
fn runs(points: &[Option<f64>], median: f64) -> Option<Runs> {
    let sides: Vec<Direction> = points
        .iter()
        .flatten()
        .filter_map(|v| side(*v, median))
        .collect();
    if sides.len() < RUNS_FROM {
        return None;
    }
    let above = sides.iter().filter(|s| **s == Direction::Up).count();
    let below = sides.len() - above;
    let runs = 1 + sides.windows(2).filter(|w| w[0] != w[1]).count();
    let (lower, upper) = limits(above, below);
    Some(Runs {
        runs,
        useful: sides.len(),
        lower,
        upper,
    })
}

/// The fewest and most runs not signalling for `n1` points above and `n2` below: the exact
/// Swed–Eisenhart distribution of the number of runs, 2.5 % cut from each tail.
#[must_use]
pub fn limits(n1: usize, n2: usize) -> (usize, usize) {
    let n = n1 + n2;
    if n1 == 0 || n2 == 0 {
        return (1, 1);
    }
    let p: Vec<f64> = (0..=n).map(|r| runs_probability(n1, n2, r)).collect();
    let mut cumulative = 0.0;
    let mut lower = 1;
    for (r, pr) in p.iter().enumerate() {
        cumulative += pr;
        if cumulative > 0.025 {
            lower = r;
            break;
        }
    }
    let mut tail = 0.0;
    let mut upper = n;
    for r in (0..=n).rev() {
        tail += p[r];
        if tail > 0.025 {
            upper = r;
            break;
        }
    }
    (lower, upper)
}

/// P(R = r) for `n1` and `n2` points on each side, in any order with equal chance.
fn runs_probability(n1: usize, n2: usize, r: usize) -> f64 {
    if r < 2 {
        return 0.0;
    }
    let total = ln_choose(n1 + n2, n1);
    let k = r / 2;
    let term = |a: usize, b: usize, c: usize, d: usize| -> f64 {
        match (ln_choose_opt(a, b), ln_choose_opt(c, d)) {
            (Some(x), Some(y)) => (x + y - total).exp(),
            _ => 0.0,
        }
    };
    if r.is_multiple_of(2) {
        2.0 * term(n1 - 1, k - 1, n2 - 1, k - 1)
    } else {
        term(n1 - 1, k - 1, n2 - 1, k) + term(n1 - 1, k, n2 - 1, k - 1)
    }
}

fn ln_choose_opt(n: usize, k: usize) -> Option<f64> {
    (k <= n).then(|| ln_choose(n, k))
}

/// ln C(n, k) by summing logarithms (n stays in the hundreds: a run chart's points).
fn ln_choose(n: usize, k: usize) -> f64 {
    let k = k.min(n - k);
    (0..k)
        .map(|i| ((n - i) as f64).ln() - ((i + 1) as f64).ln())
        .sum()
}

#[cfg(test)]
mod tests;
