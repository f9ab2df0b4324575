//! The hybrid profile of T1 per 90-day window (sensemaking §5: rolling 90 days): logic mix,
//! blending, segmentation, friction among blends and the "in transition" flag, each with its
//! 95 % bootstrap interval (1,000 seeded resamples, for windows of up to
//! [`INTERVALS_UP_TO`](super::INTERVALS_UP_TO) stories). The trends page and a team's card show
//! them; the resampling runs on a blocking thread.

use tandem_analytics::profile::{LogicProfile, logic_profile};
use tandem_analytics::profile_extras::{
    Interval, LogicIntervals, ProfileStory, bootstrap_friction, bootstrap_logic, friction,
};
use tandem_analytics::stories::Column;
use tandem_analytics::stories::hybrid::profile_stories;
use tandem_analytics::ternary::Composition;
use time::Date;

use super::{INTERVALS_UP_TO, Selection, computation_failed, min_group};
use crate::error::ActionError;

/// A window's length, in days.
pub const WINDOW_DAYS: i64 = 90;

/// The seed of the windows' bootstrap, fixed so a page always shows the same intervals.
const WINDOW_SEED: u64 = 90;

/// One window, oldest first.
#[derive(Debug, Clone)]
pub struct LogicWindow {
    /// Its first day.
    pub start: Date,
    /// What it shows; `None` when too few stories fell in it (a gap).
    pub shown: Option<WindowProfile>,
}

/// The profile of one window with its intervals.
#[derive(Debug, Clone)]
pub struct WindowProfile {
    /// How many stories answered T1 in the window.
    pub n: usize,
    /// Mix, blending, segmentation, transition (against the last window shown).
    pub profile: LogicProfile,
    /// Their 95 % intervals, for windows of up to [`INTERVALS_UP_TO`] stories.
    pub intervals: Option<LogicIntervals>,
    /// Strained share among blends, with its interval; `None` under five blends.
    pub friction: Option<(f64, Option<Interval>)>,
}

/// T1's profile per window of the selection; `dates` are the selected rows' dates (in row
/// order). Windows start at the first story, or at `start` when given (the card's windows end
/// today); stories before `start` are left out — the selection's date filter rounds `from`
/// down to the first of the month, so the card's selection holds a few days before its first
/// window. `None` without T1 or without stories from `start` on.
///
/// # Errors
/// As [`Selection::analysis`].
pub async fn logic_windows(
    selection: &Selection,
    dates: Vec<Date>,
    start: Option<Date>,
) -> Result<Option<Vec<LogicWindow>>, ActionError> {
    let selection = selection.clone();
    tokio::task::spawn_blocking(move || windows(&selection, &dates, start))
        .await
        .map_err(computation_failed)
}

fn windows(selection: &Selection, dates: &[Date], start: Option<Date>) -> Option<Vec<LogicWindow>> {
    let stories = selection.stories();
    let Column::Triad(values) = &stories.field("T1")?.column else {
        return None;
    };
    let first = start.or_else(|| dates.iter().min().copied())?;
    let window_of = |d: &Date| ((*d - first).whole_days() / WINDOW_DAYS) as usize;
    let count = dates.iter().filter(|d| **d >= first).map(window_of).max()? + 1;
    let mut points: Vec<Vec<Composition>> = vec![Vec::new(); count];
    let mut told: Vec<Vec<ProfileStory>> = vec![Vec::new(); count];
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (row, ((v, story), d)) in values
        .iter()
        .zip(profile_stories(stories))
        .zip(dates)
        .enumerate()
    {
        if *d < first {
            continue;
        }
        if let (Some(v), Some(story)) = (v, story) {
            points[window_of(d)].push(*v);
            told[window_of(d)].push(story);
            rows[window_of(d)].push(row);
        }
    }
    let k = min_group().get() as usize;
    let mut previous: Option<Composition> = None;
    let mut windows = Vec::new();
    for (w, (pts, told)) in points.iter().zip(&told).enumerate() {
        let start = first + time::Duration::days(w as i64 * WINDOW_DAYS);
        // A window told by fewer than k people is a gap, however many stories they told.
        let people = stories.people(rows[w].iter().copied());
        let profile = (people >= k)
            .then(|| logic_profile(pts, previous.as_ref()))
            .flatten();
        let shown = profile.map(|profile| {
            // Too few to show leaves a gap; the next window compares with the last one shown.
            previous = Some(profile.mix);
            let intervals = (pts.len() <= INTERVALS_UP_TO)
                .then(|| bootstrap_logic(pts, 1000, WINDOW_SEED))
                .flatten();
            let friction = friction(told).blends.map(|rate| {
                let interval = (told.len() <= INTERVALS_UP_TO)
                    .then(|| bootstrap_friction(told, 1000, WINDOW_SEED))
                    .flatten();
                (rate, interval)
            });
            WindowProfile {
                n: pts.len(),
                profile,
                intervals,
                friction,
            }
        });
        windows.push(LogicWindow { start, shown });
    }
    Some(windows)
}
