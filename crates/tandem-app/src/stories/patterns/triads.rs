//! What a ternary plot draws: the binned density of a triad's points (triangular bins, not
//! smoothed near the corners), the zone shares, and the centroid of every group of a chosen
//! question with its 95 % bootstrap region; and two groups side by side. Groups told by fewer
//! than k people are left out. The regions are resampled on a blocking thread.

use tandem_analytics::stories::{Column, Stories};
use tandem_analytics::ternary::Composition;
use tandem_analytics::zones::{
    Bin, CentroidRegion, ZoneShares, centroid_region_for, density, zone_shares,
};

use super::{Selection, computation_failed, min_group};
use crate::error::ActionError;

/// Rows of the triangular density grid (k² bins).
pub const DENSITY_ROWS: usize = 10;
/// The most groups drawn in one plot.
pub const MAX_GROUPS: usize = 6;
/// The bootstrap's seed: the same stories always give the same regions.
const SEED: u64 = 2026;

/// What the reader asked to see.
#[derive(Debug, Clone, Default)]
pub struct TriadAsk {
    /// The triad question.
    pub question: String,
    /// The single-choice field whose groups get centroids, if any.
    pub by: Option<String>,
    /// The groups (by label) drawn side by side; empty for none.
    pub sides: [String; 2],
}

/// One plot's numbers.
#[derive(Debug, Clone)]
pub struct TriadPlot {
    /// The group drawn alone (a side plot); `None` for the plot of all selected stories.
    pub group: Option<String>,
    /// How many points.
    pub n: usize,
    /// The density bins of a [`DENSITY_ROWS`]-row subdivision.
    pub bins: Vec<Bin>,
    /// Each group's label (empty: all stories), centroid region and size.
    pub regions: Vec<(String, CentroidRegion, usize)>,
}

/// The ternary page's numbers for one triad.
#[derive(Debug, Clone, Default)]
pub struct TriadView {
    /// The groups of `by` with answers from at least k people, largest first (none without
    /// grouping).
    pub groups: Vec<(String, usize)>,
    /// Whether groups beyond [`MAX_GROUPS`] were left out.
    pub limited: bool,
    /// The plot of all selected stories (when told by at least k people), then the side plots.
    pub plots: Vec<TriadPlot>,
    /// The zone shares of all selected stories and their count (when at least k stories told
    /// by at least k people).
    pub zones: Option<(ZoneShares, usize)>,
}

/// The plots `ask` names on the selection; `None` when the question is not a triad.
///
/// # Errors
/// As [`Selection::analysis`].
pub async fn triad_view(
    selection: &Selection,
    ask: TriadAsk,
) -> Result<Option<TriadView>, ActionError> {
    let selection = selection.clone();
    tokio::task::spawn_blocking(move || view(selection.stories(), &ask))
        .await
        .map_err(computation_failed)
}

fn triad<'a>(stories: &'a Stories, id: &str) -> Option<&'a [Option<Composition>]> {
    match &stories.field(id)?.column {
        Column::Triad(v) => Some(v),
        _ => None,
    }
}

/// The groups of a single-choice field: labels and each row's group.
fn groups<'a>(stories: &'a Stories, by: &str) -> Option<(&'a [String], &'a [Option<u32>])> {
    match &stories.field(by)?.column {
        Column::Choice { labels, values } => Some((labels, values)),
        _ => None,
    }
}

/// A plot of `points` with the centroids of `named` groups.
fn plot(
    group: Option<String>,
    points: &[Composition],
    named: &[(String, Vec<Composition>)],
) -> TriadPlot {
    TriadPlot {
        group,
        n: points.len(),
        bins: density(points, DENSITY_ROWS),
        regions: named
            .iter()
            .filter_map(|(label, pts)| {
                centroid_region_for(pts, SEED).map(|r| (label.clone(), r, pts.len()))
            })
            .collect(),
    }
}

fn view(stories: &Stories, ask: &TriadAsk) -> Option<TriadView> {
    let values = triad(stories, &ask.question)?;
    let k = min_group().get() as usize;
    let points: Vec<Composition> = values.iter().flatten().copied().collect();
    let mut shown = TriadView::default();
    let answered = stories.people((0..values.len()).filter(|r| values[*r].is_some()));
    let enough = points.len() >= k && answered >= k;
    // Each group of the "by" question with answers from at least k people, largest first.
    let mut named: Vec<(String, Vec<Composition>)> = Vec::new();
    if let Some(by) = &ask.by
        && let Some((labels, of)) = groups(stories, by)
    {
        for (g, label) in labels.iter().enumerate() {
            let rows: Vec<usize> = (0..values.len())
                .filter(|r| values[*r].is_some() && of[*r] == Some(g as u32))
                .collect();
            if rows.len() >= k && stories.people(rows.iter().copied()) >= k {
                named.push((
                    label.clone(),
                    rows.iter().filter_map(|r| values[*r]).collect(),
                ));
            }
        }
        named.sort_by_key(|(_, pts)| std::cmp::Reverse(pts.len()));
        if named.len() > MAX_GROUPS {
            shown.limited = true;
            named.truncate(MAX_GROUPS);
        }
        shown.groups = named.iter().map(|(l, p)| (l.clone(), p.len())).collect();
    } else if enough {
        named.push((String::new(), points.clone()));
    }
    if enough {
        shown.plots.push(plot(None, &points, &named));
        shown.zones = Some((zone_shares(&points), points.len()));
    }
    // Two groups side by side, each with its own density.
    for side in &ask.sides {
        if let Some((label, pts)) = named.iter().find(|(l, _)| l == side && !side.is_empty()) {
            let alone = [(label.clone(), pts.clone())];
            shown.plots.push(plot(Some(label.clone()), pts, &alone));
        }
    }
    Some(shown)
}
