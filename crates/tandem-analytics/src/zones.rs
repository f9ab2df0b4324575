//! Where triad answers fall, for the ternary plots of catalysis (sensemaking.md §3): zone shares
//! (a corner at ≥ 60 %, an edge between two corners when the third part is under 20 %, else the
//! centre), triangular density bins — counted, never smoothed, so the corners are not invented —
//! and seeded bootstrap confidence regions for a group's centroid.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::ternary::{Composition, mean};

/// A corner holds at least this share.
pub const CORNER: f64 = 0.6;
/// On an edge, the third part is below this share.
pub const EDGE: f64 = 0.2;

/// The seven zones of the triangle; corners are named by the triad's labels a, b, c.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Zone {
    /// Corner a.
    A,
    /// Corner b.
    B,
    /// Corner c.
    C,
    /// Edge between a and b.
    Ab,
    /// Edge between b and c.
    Bc,
    /// Edge between a and c.
    Ac,
    /// The centre.
    Centre,
}

/// The zone of one answer.
#[must_use]
pub fn zone(point: &Composition) -> Zone {
    let [a, b, c] = point.parts();
    if a >= CORNER {
        Zone::A
    } else if b >= CORNER {
        Zone::B
    } else if c >= CORNER {
        Zone::C
    } else if c < EDGE {
        Zone::Ab
    } else if a < EDGE {
        Zone::Bc
    } else if b < EDGE {
        Zone::Ac
    } else {
        Zone::Centre
    }
}

/// The share of answers in each zone (the report's `zones` object); all zero for no answers.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ZoneShares {
    /// Corner a.
    pub a: f64,
    /// Corner b.
    pub b: f64,
    /// Corner c.
    pub c: f64,
    /// Edge a–b.
    pub ab: f64,
    /// Edge b–c.
    pub bc: f64,
    /// Edge a–c.
    pub ac: f64,
    /// Centre.
    pub centre: f64,
}

/// The zone shares of a set of answers.
#[must_use]
pub fn zone_shares(points: &[Composition]) -> ZoneShares {
    let mut counts = [0usize; 7];
    for point in points {
        let index = match zone(point) {
            Zone::A => 0,
            Zone::B => 1,
            Zone::C => 2,
            Zone::Ab => 3,
            Zone::Bc => 4,
            Zone::Ac => 5,
            Zone::Centre => 6,
        };
        counts[index] += 1;
    }
    if points.is_empty() {
        return ZoneShares::default();
    }
    let n = points.len() as f64;
    let share = |i: usize| counts[i] as f64 / n;
    ZoneShares {
        a: share(0),
        b: share(1),
        c: share(2),
        ab: share(3),
        bc: share(4),
        ac: share(5),
        centre: share(6),
    }
}

/// One triangular bin of a `k`-subdivided triangle, and how many answers fell in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bin {
    /// Row from corner a's opposite side (0) towards corner a (k − 1).
    pub i: usize,
    /// Position along the row.
    pub j: usize,
    /// Whether the small triangle points the same way as the big one.
    pub upward: bool,
    /// Answers in it.
    pub count: usize,
}

/// Counts answers in the k² small triangles of a triangle split into `k` rows (k ≥ 1). Bins
/// without answers are left out; the counts sum to the number of answers.
#[must_use]
pub fn density(points: &[Composition], k: usize) -> Vec<Bin> {
    let k = k.max(1);
    let kf = k as f64;
    // Counted in a dense grid (a million answers in one pass), then the non-empty bins listed.
    let mut counts = vec![0usize; k * k * 2];
    for point in points {
        let [a, b, _] = point.parts();
        // Barycentric grid cell: i along a, j along b; the remainder decides up or down.
        let i = ((a * kf).floor() as usize).min(k - 1);
        let j = ((b * kf).floor() as usize).min(k - 1 - i);
        let upward = (a * kf - i as f64) + (b * kf - j as f64) < 1.0 || i + j == k - 1;
        counts[(i * k + j) * 2 + usize::from(!upward)] += 1;
    }
    counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(index, &count)| Bin {
            i: index / 2 / k,
            j: index / 2 % k,
            upward: index % 2 == 0,
            count,
        })
        .collect()
}

/// A point on the drawing plane: corner a at the top (0.5, √3/2), b bottom left (0, 0), c bottom
/// right (1, 0).
#[must_use]
pub fn to_plane(point: &Composition) -> (f64, f64) {
    let [a, _, c] = point.parts();
    (c + a / 2.0, a * 3f64.sqrt() / 2.0)
}

/// A group centroid with its bootstrap confidence region.
#[derive(Debug, Clone, PartialEq)]
pub struct CentroidRegion {
    /// The group's mean composition.
    pub centroid: Composition,
    /// The region on the drawing plane: the convex hull of the bootstrap means nearest the
    /// centroid that make up the confidence level, counter-clockwise.
    pub polygon: Vec<(f64, f64)>,
}

/// The centroid of `points` and a `level` (e.g. 0.95) confidence region from `resamples`
/// bootstrap means, reproducible from `seed`. `None` for fewer than 2 answers.
#[must_use]
pub fn centroid_region(
    points: &[Composition],
    resamples: usize,
    level: f64,
    seed: u64,
) -> Option<CentroidRegion> {
    if points.len() < 2 || resamples == 0 {
        return None;
    }
    let centroid = mean(points)?;
    let centre = to_plane(&centroid);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut means: Vec<(f64, f64)> = (0..resamples)
        .filter_map(|_| {
            let sample: Vec<Composition> = (0..points.len())
                .map(|_| points[rng.random_range(0..points.len())])
                .collect();
            mean(&sample).map(|m| to_plane(&m))
        })
        .collect();
    let distance = |p: &(f64, f64)| (p.0 - centre.0).hypot(p.1 - centre.1);
    means.sort_by(|x, y| distance(x).total_cmp(&distance(y)));
    let keep = ((means.len() as f64) * level.clamp(0.0, 1.0)).ceil() as usize;
    means.truncate(keep.max(1));
    Some(CentroidRegion {
        centroid,
        polygon: convex_hull(means),
    })
}

/// Above this many answers, [`centroid_region_for`] uses the normal approximation.
pub const BOOTSTRAP_UP_TO: usize = 5000;

/// The centroid of `points` with a 95 % region: seeded bootstrap (1,000 resamples) up to
/// [`BOOTSTRAP_UP_TO`] answers; above, the ellipse of the mean's normal approximation, which
/// is what the bootstrap region converges to and costs one pass instead of a thousand.
#[must_use]
pub fn centroid_region_for(points: &[Composition], seed: u64) -> Option<CentroidRegion> {
    if points.len() <= BOOTSTRAP_UP_TO {
        centroid_region(points, 1000, 0.95, seed)
    } else {
        centroid_region_normal(points)
    }
}

/// The 95 % confidence ellipse of the mean on the drawing plane (χ² with 2 df: 5.991), as a
/// 48-point polygon. `None` for fewer than 2 answers.
#[must_use]
pub fn centroid_region_normal(points: &[Composition]) -> Option<CentroidRegion> {
    if points.len() < 2 {
        return None;
    }
    let centroid = mean(points)?;
    let (mx, my) = to_plane(&centroid);
    let n = points.len() as f64;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for p in points {
        let (x, y) = to_plane(p);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
        sxy += (x - mx) * (y - my);
    }
    // Covariance of the mean: the sample covariance over n.
    let (a, d, b) = (
        sxx / (n - 1.0) / n,
        syy / (n - 1.0) / n,
        sxy / (n - 1.0) / n,
    );
    // Eigen-decomposition of [[a, b], [b, d]].
    let half_trace = (a + d) / 2.0;
    let root = (((a - d) / 2.0).powi(2) + b * b).sqrt();
    let (l1, l2) = ((half_trace + root).max(0.0), (half_trace - root).max(0.0));
    let angle = 0.5 * (2.0 * b).atan2(a - d);
    let scale = 5.991f64.sqrt();
    let polygon = (0..48)
        .map(|i| {
            let t = f64::from(i) / 48.0 * std::f64::consts::TAU;
            let (u, v) = (scale * l1.sqrt() * t.cos(), scale * l2.sqrt() * t.sin());
            (
                mx + u * angle.cos() - v * angle.sin(),
                my + u * angle.sin() + v * angle.cos(),
            )
        })
        .collect();
    Some(CentroidRegion { centroid, polygon })
}

/// Andrew's monotone chain: the convex hull, counter-clockwise, without repeated points.
fn convex_hull(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    points.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.total_cmp(&q.1)));
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| {
        (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
    };
    let mut lower: Vec<(f64, f64)> = Vec::new();
    for &p in &points {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0.0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<(f64, f64)> = Vec::new();
    for &p in points.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0.0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

#[cfg(test)]
mod tests;
