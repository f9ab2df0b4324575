use super::*;

fn some(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().map(|v| Some(*v)).collect()
}

#[test]
fn the_runs_limits_agree_with_the_published_table_where_it_is_read() {
    // Perla, Provost & Murray (2011), table 1: 10 useful observations 3–9, 30 give 11–21; the
    // other values are the exact distribution's (computed independently with Python's
    // math.comb while writing this test).
    assert_eq!(limits(5, 5), (3, 9));
    assert_eq!(limits(15, 15), (11, 21));
    assert_eq!(limits(8, 8), (5, 13));
    assert_eq!(limits(10, 10), (7, 15));
    assert_eq!(limits(30, 30), (24, 38));
}

#[test]
fn too_few_runs_signal_in_a_series_that_moved_once() {
    // A sixteen-point series after the probe: seven above, seven below, one above, one below
    // (four runs; Quality Digest, October 2008, "An underrated test for run charts").
    let mut after = vec![8.0; 7];
    after.extend([2.0; 7]);
    after.extend([8.0, 2.0]);
    let mut points = some(&[4.0, 6.0, 5.0, 4.0, 6.0, 5.0]);
    points.extend(some(&after));
    let reading = read(&points, 6);
    assert_eq!(reading.median, Some(5.0));
    let runs = reading.runs.expect("sixteen useful observations");
    assert_eq!((runs.runs, runs.useful), (4, 16));
    assert!(runs.signals(), "fewer than {} runs", runs.lower);
    let shift = reading.shift.expect("seven above the median");
    assert_eq!((shift.first, shift.last), (6, 12));
    assert_eq!(shift.direction, Direction::Up);
}

#[test]
fn a_shift_needs_six_points_and_points_on_the_median_neither_count_nor_break_it() {
    let baseline = some(&[10.0, 20.0, 30.0, 10.0, 20.0, 30.0]);
    let mut five = baseline.clone();
    five.extend(some(&[25.0, 25.0, 20.0, 25.0, 25.0, 25.0, 15.0]));
    assert_eq!(read(&five, 6).shift, None, "five above, one on the median");
    let mut six = baseline;
    six.extend(some(&[25.0, 25.0, 20.0, 25.0, 25.0, 25.0, 25.0]));
    let shift = read(&six, 6).shift.expect("six above");
    assert_eq!(
        (shift.first, shift.last, shift.direction),
        (6, 12, Direction::Up)
    );
}

#[test]
fn a_gap_neither_counts_nor_breaks_a_shift() {
    let mut points = vec![None];
    points.extend(some(&[50.0; 6]));
    points.extend([Some(40.0), Some(30.0), None, Some(35.0), None, Some(30.0)]);
    points.extend([Some(20.0), Some(45.0)]);
    let shift = read(&points, 7).shift.expect("six below around two gaps");
    assert_eq!(
        (shift.first, shift.last, shift.direction),
        (7, 14, Direction::Down)
    );
}

#[test]
fn a_trend_needs_five_points_going_one_way_and_a_repeat_counts_once() {
    let rising = some(&[0.0, 0.0, 1.0, 2.0, 2.0, 3.0, 4.0]);
    let trend = read(&rising, 1).trend.expect("0, 1, 2, 3, 4");
    assert_eq!((trend.first, trend.last), (1, 6));
    assert_eq!(trend.direction, Direction::Up);
    let four = some(&[0.0, 5.0, 4.0, 3.0, 2.0, 7.0]);
    assert_eq!(read(&four, 1).trend, None, "5, 4, 3, 2 is four points");
    let falling = some(&[0.0, 9.0, 8.0, 7.0, 6.0, 5.0]);
    assert_eq!(
        read(&falling, 1).trend.map(|t| t.direction),
        Some(Direction::Down)
    );
}

#[test]
fn a_series_that_only_wobbles_signals_nothing() {
    // After the baseline: above, above, below, above, below, below, above, below, above,
    // above, below, below — eight runs of twelve.
    let points = some(&[
        5.0, 6.0, 4.0, 5.5, 4.5, 5.0, 6.0, 5.5, 4.0, 6.0, 4.5, 4.0, 5.5, 4.5, 6.0, 5.5, 4.0, 4.5,
    ]);
    let reading = read(&points, 6);
    assert_eq!(reading.median, Some(5.0));
    assert_eq!((reading.shift, reading.trend), (None, None));
    let runs = reading.runs.expect("twelve useful observations");
    assert_eq!(runs.runs, 8);
    assert!(!runs.signals(), "{runs:?}");
}

#[test]
fn without_six_baseline_points_there_is_no_median_and_no_shift() {
    let points = vec![None, None, Some(3.0), Some(4.0)];
    let reading = read(&points, 2);
    assert_eq!(
        (reading.median, reading.shift, reading.runs),
        (None, None, None)
    );
    let mut five = some(&[1.0; 5]);
    five.extend(some(&[9.0; 8]));
    let reading = read(&five, 5);
    assert_eq!(reading.baseline_points, 5);
    assert_eq!(
        (reading.median, reading.shift),
        (None, None),
        "five are too few"
    );
}
