use super::*;

fn p(a: f64, b: f64, c: f64) -> Composition {
    Composition::from_weights([a, b, c]).expect("weights")
}

#[test]
fn answers_fall_in_corners_edges_or_the_centre() {
    assert_eq!(zone(&p(0.6, 0.2, 0.2)), Zone::A, "60 % is a corner");
    assert_eq!(
        zone(&p(0.59, 0.21, 0.2)),
        Zone::Centre,
        "just under 60 % with all ≥ 20 %"
    );
    assert_eq!(zone(&p(0.1, 0.7, 0.2)), Zone::B);
    assert_eq!(zone(&p(0.0, 0.0, 1.0)), Zone::C);
    assert_eq!(zone(&p(0.5, 0.45, 0.05)), Zone::Ab, "third part under 20 %");
    assert_eq!(zone(&p(0.19, 0.41, 0.4)), Zone::Bc);
    assert_eq!(zone(&p(0.45, 0.1, 0.45)), Zone::Ac);
    assert_eq!(zone(&p(1.0, 1.0, 1.0)), Zone::Centre);
}

#[test]
fn zone_shares_sum_to_one_and_are_zero_without_answers() {
    let points = [
        p(1.0, 0.0, 0.0),
        p(1.0, 0.0, 0.0),
        p(0.5, 0.5, 0.0),
        p(1.0, 1.0, 1.0),
    ];
    let shares = zone_shares(&points);
    assert!((shares.a - 0.5).abs() < 1e-12);
    assert!((shares.ab - 0.25).abs() < 1e-12);
    assert!((shares.centre - 0.25).abs() < 1e-12);
    let sum = shares.a + shares.b + shares.c + shares.ab + shares.bc + shares.ac + shares.centre;
    assert!((sum - 1.0).abs() < 1e-12);
    assert_eq!(zone_shares(&[]), ZoneShares::default());
}

#[test]
fn density_bins_count_every_answer_once_and_respect_the_corners() {
    let points = [
        p(1.0, 0.0, 0.0),
        p(0.0, 1.0, 0.0),
        p(0.0, 0.0, 1.0),
        p(1.0, 1.0, 1.0),
        p(0.98, 0.01, 0.01),
    ];
    for k in [1, 3, 10] {
        let bins = density(&points, k);
        assert_eq!(
            bins.iter().map(|b| b.count).sum::<usize>(),
            points.len(),
            "k = {k}"
        );
        assert!(
            bins.iter().all(|b| b.i + b.j < k),
            "every bin inside the triangle"
        );
    }
    let bins = density(&points, 10);
    let top = bins.iter().find(|b| b.i == 9).expect("the a corner's bin");
    assert_eq!(top.count, 2, "both answers near corner a share its bin");
    assert_eq!(
        density(&points, 1),
        vec![Bin {
            i: 0,
            j: 0,
            upward: true,
            count: 5
        }]
    );
}

#[test]
fn a_bootstrap_region_is_reproducible_surrounds_the_centroid_and_shrinks_with_more_answers() {
    let spread: Vec<Composition> = (0..40)
        .map(|i| {
            let t = f64::from(i) / 40.0;
            p(0.2 + 0.6 * t, 0.8 - 0.6 * t, 0.3)
        })
        .collect();
    let first = centroid_region(&spread, 500, 0.95, 7).expect("region");
    let again = centroid_region(&spread, 500, 0.95, 7).expect("region");
    assert_eq!(first, again, "same seed, same region");
    assert!(first.polygon.len() >= 3);
    let (cx, cy) = to_plane(&first.centroid);
    let inside = first
        .polygon
        .windows(2)
        .all(|w| (w[1].0 - w[0].0) * (cy - w[0].1) - (w[1].1 - w[0].1) * (cx - w[0].0) >= -1e-12);
    assert!(inside, "the centroid lies inside its region");
    let more: Vec<Composition> = spread.iter().cycle().take(400).copied().collect();
    let tight = centroid_region(&more, 500, 0.95, 7).expect("region");
    let width = |r: &CentroidRegion| {
        let xs: Vec<f64> = r.polygon.iter().map(|q| q.0).collect();
        xs.iter().copied().fold(f64::MIN, f64::max) - xs.iter().copied().fold(f64::MAX, f64::min)
    };
    assert!(
        width(&tight) < width(&first),
        "ten times the answers, a narrower region"
    );
    assert_eq!(
        centroid_region(&spread[..1], 500, 0.95, 7),
        None,
        "one answer has no region"
    );
}

#[test]
fn the_normal_region_agrees_with_the_bootstrap_region_for_a_large_sample() {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    let mut rng = StdRng::seed_from_u64(3);
    let points: Vec<Composition> = (0..3000)
        .map(|_| {
            let w = [
                rng.random_range(0.0..1.0),
                rng.random_range(0.0..0.5),
                rng.random_range(0.0..2.0),
            ];
            Composition::from_weights(w).expect("weights")
        })
        .collect();
    let boot = centroid_region(&points, 1000, 0.95, 1).expect("bootstrap");
    let normal = centroid_region_normal(&points).expect("normal");
    let extent = |poly: &[(f64, f64)]| {
        let xs = poly.iter().map(|p| p.0);
        let ys = poly.iter().map(|p| p.1);
        (
            xs.clone().fold(f64::MIN, f64::max) - xs.fold(f64::MAX, f64::min),
            ys.clone().fold(f64::MIN, f64::max) - ys.fold(f64::MAX, f64::min),
        )
    };
    let (bx, by) = extent(&boot.polygon);
    let (nx, ny) = extent(&normal.polygon);
    // Same size within 20 % (the bootstrap hull is a sample of the ellipse).
    assert!((nx / bx - 1.0).abs() < 0.2, "width {nx} vs {bx}");
    assert!((ny / by - 1.0).abs() < 0.2, "height {ny} vs {by}");
    assert_eq!(boot.centroid, normal.centroid);
}
