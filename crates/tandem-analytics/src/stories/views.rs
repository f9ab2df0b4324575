//! What a finding's chart and data table show, computed from the same columns as its test: the
//! contingency table with expected counts, a slider's distribution in each group, the binned
//! scatter of two sliders, and the 3–5 stories that illustrate the finding best. Every count here
//! is raw; callers suppress small cells before showing them — by stories and by the people who
//! told them, which the tables and grids carry beside their counts.

use super::report::{Categorical, Test, TestKind, categorical};
use super::{Column, Stories};

/// Bins of a slider's histogram (0–10, 10–20, …, 90–100).
pub const SLIDER_BINS: usize = 10;

/// Observed and expected counts of two categorical variables among stories answering both.
#[derive(Debug, Clone, PartialEq)]
pub struct Crosstab {
    /// Row labels (options of the first variable).
    pub rows: Vec<String>,
    /// Column labels.
    pub columns: Vec<String>,
    /// Observed counts, by row then column.
    pub observed: Vec<Vec<u64>>,
    /// Expected counts under independence (row total × column total / n).
    pub expected: Vec<Vec<f64>>,
    /// The people who told each cell's stories (the stories, when nobody is known).
    pub people: Vec<Vec<u64>>,
    /// The people who told each column's stories.
    pub column_people: Vec<u64>,
}

/// A slider in one group: size, mean, standard deviation and histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDistribution {
    /// The group's label.
    pub label: String,
    /// Stories in the group with the slider answered.
    pub n: usize,
    /// Mean position (0–100).
    pub mean: f64,
    /// Sample standard deviation (n − 1); 0 for one story.
    pub sd: f64,
    /// Counts per tenth of the scale.
    pub histogram: [u64; SLIDER_BINS],
}

/// Two sliders binned on a grid: `cells[row][column]`, row = tenth of `y`, column = tenth of `x`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterGrid {
    /// Counts per cell.
    pub cells: [[u64; SLIDER_BINS]; SLIDER_BINS],
    /// The people who told each cell's stories (the stories, when nobody is known).
    pub people: [[u64; SLIDER_BINS]; SLIDER_BINS],
    /// The people who told the stories of each tenth of `x`.
    pub column_people: [u64; SLIDER_BINS],
    /// Stories with both answered.
    pub n: usize,
}

fn slider<'a>(stories: &'a Stories, name: &str) -> Option<&'a [Option<f64>]> {
    stories
        .fields
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| match &f.column {
            Column::Slider(v) => Some(v.as_slice()),
            _ => None,
        })
}

/// The people who told the stories of each of `groups` groups (`group_of(row)`; `None`: in
/// none): distinct tellers, or stories when the stories name nobody.
fn people_by(
    stories: &Stories,
    groups: usize,
    group_of: impl Fn(usize) -> Option<usize>,
) -> Vec<u64> {
    match &stories.tellers {
        Some(tellers) => {
            let mut sets = tellers.by_group(groups);
            (0..stories.len).for_each(|row| {
                if let Some(g) = group_of(row) {
                    sets.add(g, row);
                }
            });
            (0..groups).map(|g| sets.count(g) as u64).collect()
        }
        None => {
            let mut counts = vec![0u64; groups];
            (0..stories.len)
                .filter_map(&group_of)
                .for_each(|g| counts[g] += 1);
            counts
        }
    }
}

fn bin(value: f64) -> usize {
    ((value / 100.0 * SLIDER_BINS as f64).floor() as usize).min(SLIDER_BINS - 1)
}

/// The contingency table of two categorical variables (names as in the report: `M2=option` for
/// one option of a multiple choice), every label in label order.
#[must_use]
pub fn crosstab(stories: &Stories, a: &str, b: &str) -> Option<Crosstab> {
    let (a, b) = (categorical(stories, a)?, categorical(stories, b)?);
    let (height, width) = (a.labels.len(), b.labels.len());
    let mut observed = vec![vec![0u64; width]; height];
    for (x, y) in a.values.iter().zip(&b.values) {
        if let (Some(x), Some(y)) = (x, y) {
            observed[*x as usize][*y as usize] += 1;
        }
    }
    let n: u64 = observed.iter().flatten().sum();
    let row_totals: Vec<u64> = observed.iter().map(|r| r.iter().sum()).collect();
    let column_totals: Vec<u64> = (0..width)
        .map(|c| observed.iter().map(|r| r[c]).sum())
        .collect();
    let expected = row_totals
        .iter()
        .map(|r| {
            column_totals
                .iter()
                .map(|c| {
                    if n == 0 {
                        0.0
                    } else {
                        *r as f64 * *c as f64 / n as f64
                    }
                })
                .collect()
        })
        .collect();
    let both = |row: usize| Some((a.values[row]? as usize, b.values[row]? as usize));
    let cells = people_by(stories, height * width, |row| {
        both(row).map(|(x, y)| x * width + y)
    });
    let people = cells.chunks(width.max(1)).map(<[u64]>::to_vec).collect();
    let column_people = people_by(stories, width, |row| both(row).map(|(_, y)| y));
    Some(Crosstab {
        rows: a.labels,
        columns: b.labels,
        observed,
        expected,
        people,
        column_people,
    })
}

/// A slider's distribution in each group of a categorical variable, in label order.
#[must_use]
pub fn slider_by_group(
    stories: &Stories,
    name: &str,
    group: &str,
) -> Option<Vec<GroupDistribution>> {
    let values = slider(stories, name)?;
    let group = categorical(stories, group)?;
    let mut sums = vec![(0usize, 0.0f64, 0.0f64, [0u64; SLIDER_BINS]); group.labels.len()];
    for (v, g) in values.iter().zip(&group.values) {
        if let (Some(v), Some(g)) = (v, g) {
            let s = &mut sums[*g as usize];
            s.0 += 1;
            s.1 += v;
            s.2 += v * v;
            s.3[bin(*v)] += 1;
        }
    }
    Some(
        group
            .labels
            .into_iter()
            .zip(sums)
            .map(|(label, (n, sum, squares, histogram))| {
                let mean = if n == 0 { 0.0 } else { sum / n as f64 };
                let sd = if n < 2 {
                    0.0
                } else {
                    ((squares - n as f64 * mean * mean) / (n as f64 - 1.0))
                        .max(0.0)
                        .sqrt()
                };
                GroupDistribution {
                    label,
                    n,
                    mean,
                    sd,
                    histogram,
                }
            })
            .collect(),
    )
}

/// Two sliders on a 10 × 10 grid.
#[must_use]
pub fn scatter_grid(stories: &Stories, x: &str, y: &str) -> Option<ScatterGrid> {
    let (xs, ys) = (slider(stories, x)?, slider(stories, y)?);
    let mut cells = [[0u64; SLIDER_BINS]; SLIDER_BINS];
    let mut n = 0;
    for (x, y) in xs.iter().zip(ys) {
        if let (Some(x), Some(y)) = (x, y) {
            cells[bin(*y)][bin(*x)] += 1;
            n += 1;
        }
    }
    let both = |row: usize| Some((bin(xs[row]?), bin(ys[row]?)));
    let by_cell = people_by(stories, SLIDER_BINS * SLIDER_BINS, |row| {
        both(row).map(|(x, y)| y * SLIDER_BINS + x)
    });
    let mut people = [[0u64; SLIDER_BINS]; SLIDER_BINS];
    for (i, count) in by_cell.iter().enumerate() {
        people[i / SLIDER_BINS][i % SLIDER_BINS] = *count;
    }
    let by_column = people_by(stories, SLIDER_BINS, |row| both(row).map(|(x, _)| x));
    let mut column_people = [0u64; SLIDER_BINS];
    column_people.copy_from_slice(&by_column);
    Some(ScatterGrid {
        cells,
        people,
        column_people,
        n,
    })
}

/// Rows of up to `count` stories that show a finding: for a table, stories in the cell most
/// above its expected count; for a slider by group, stories of the group furthest from the
/// overall mean, nearest that group's mean; for two sliders, stories furthest along the
/// direction of the correlation. Ties go to the earlier row, so the choice is reproducible.
#[must_use]
pub fn examples(stories: &Stories, test: &Test, count: usize) -> Vec<usize> {
    let mut scored: Vec<(f64, usize)> = match test.kind {
        TestKind::ChiSquare | TestKind::FisherExact => table_examples(stories, test),
        TestKind::MannWhitney | TestKind::KruskalWallis => group_examples(stories, test),
        TestKind::Spearman => correlation_examples(stories, test),
    };
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    scored.into_iter().take(count).map(|(_, row)| row).collect()
}

fn kept(group: &Categorical, test: &Test) -> Vec<bool> {
    group
        .labels
        .iter()
        .map(|l| test.groups.is_empty() || test.groups.contains(l))
        .collect()
}

fn table_examples(stories: &Stories, test: &Test) -> Vec<(f64, usize)> {
    let Some(table) = crosstab(stories, &test.a, &test.b) else {
        return Vec::new();
    };
    let Some(a) = categorical(stories, &test.a) else {
        return Vec::new();
    };
    let Some(b) = categorical(stories, &test.b) else {
        return Vec::new();
    };
    let rows_kept = kept(&a, test);
    let mut best: Option<(f64, usize, usize)> = None;
    for (r, row) in table.observed.iter().enumerate() {
        if !rows_kept[r] {
            continue;
        }
        for (c, observed) in row.iter().enumerate() {
            let expected = table.expected[r][c];
            if expected <= 0.0 || *observed == 0 {
                continue;
            }
            let residual = (*observed as f64 - expected) / expected.sqrt();
            if best.is_none_or(|(b, _, _)| residual > b) {
                best = Some((residual, r, c));
            }
        }
    }
    let Some((_, r, c)) = best else {
        return Vec::new();
    };
    a.values
        .iter()
        .zip(&b.values)
        .enumerate()
        .filter(|(_, (x, y))| **x == Some(r as u32) && **y == Some(c as u32))
        .map(|(row, _)| (0.0, row))
        .collect()
}

fn group_examples(stories: &Stories, test: &Test) -> Vec<(f64, usize)> {
    let (Some(values), Some(group)) = (slider(stories, &test.a), categorical(stories, &test.b))
    else {
        return Vec::new();
    };
    let Some(groups) = slider_by_group(stories, &test.a, &test.b) else {
        return Vec::new();
    };
    let groups_kept = kept(&group, test);
    let answered: Vec<f64> = values.iter().flatten().copied().collect();
    if answered.is_empty() {
        return Vec::new();
    }
    let overall = answered.iter().sum::<f64>() / answered.len() as f64;
    let Some((furthest, target)) = groups
        .iter()
        .enumerate()
        .filter(|(i, g)| groups_kept[*i] && g.n > 0)
        .max_by(|(_, x), (_, y)| {
            (x.mean - overall)
                .abs()
                .total_cmp(&(y.mean - overall).abs())
        })
        .map(|(i, g)| (i as u32, g.mean))
    else {
        return Vec::new();
    };
    values
        .iter()
        .zip(&group.values)
        .enumerate()
        .filter_map(|(row, (v, g))| match (v, g) {
            (Some(v), Some(g)) if *g == furthest => Some((-(v - target).abs(), row)),
            _ => None,
        })
        .collect()
}

fn correlation_examples(stories: &Stories, test: &Test) -> Vec<(f64, usize)> {
    let (Some(xs), Some(ys)) = (slider(stories, &test.a), slider(stories, &test.b)) else {
        return Vec::new();
    };
    let sign = if test.statistic < 0.0 { -1.0 } else { 1.0 };
    xs.iter()
        .zip(ys)
        .enumerate()
        .filter_map(|(row, (x, y))| Some((sign * ((*x)? - 50.0) * ((*y)? - 50.0), row)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::csv::read;
    use crate::stories::report::tests as all_tests;

    #[test]
    fn tables_and_grids_count_the_people_beside_the_stories() {
        // p0 tells six stories alike; p1 to p5 one each, all alike but unlike p0's.
        let mut csv = String::from("id,text,collected_on,teller,M1,M2,D1,D2\n");
        for i in 0..6 {
            csv.push_str(&format!("a{i},t,2026-01-01,p0,ja,x,15,15\n"));
        }
        for i in 1..6 {
            csv.push_str(&format!("b{i},t,2026-01-01,p{i},nej,y,95,95\n"));
        }
        let stories = read(csv.as_bytes()).expect("stories");
        let table = crosstab(&stories, "M1", "M2").expect("table");
        assert_eq!((table.observed[0][0], table.people[0][0]), (6, 1));
        assert_eq!((table.observed[1][1], table.people[1][1]), (5, 5));
        assert_eq!(table.column_people, vec![1, 5]);
        let grid = scatter_grid(&stories, "D1", "D2").expect("grid");
        assert_eq!((grid.cells[1][1], grid.people[1][1]), (6, 1));
        assert_eq!((grid.cells[9][9], grid.people[9][9]), (5, 5));
        assert_eq!((grid.column_people[1], grid.column_people[9]), (1, 5));
    }

    fn sample() -> Stories {
        let mut csv = String::from("id,text,collected_on,team,D1,D2,M1\n");
        for i in 0..40 {
            let team = if i % 2 == 0 { "Nord" } else { "Syd" };
            let d1 = if i % 2 == 0 { 80 } else { 20 } + i % 7;
            let m1 = if i % 2 == 0 && i % 5 != 0 {
                "ja"
            } else {
                "nej"
            };
            csv.push_str(&format!(
                "s{i},t,2026-01-01,{team},{d1},{},{m1}\n",
                100 - d1
            ));
        }
        read(csv.as_bytes()).expect("valid")
    }

    #[test]
    fn the_crosstab_counts_observed_and_expected() {
        let stories = sample();
        let t = crosstab(&stories, "M1", "team").expect("both categorical");
        let total: u64 = t.observed.iter().flatten().sum();
        assert_eq!(total, 40);
        let expected: f64 = t.expected.iter().flatten().sum();
        assert!((expected - 40.0).abs() < 1e-9);
        // "ja" only in Nord: 16 of Nord's 20 (every even i except multiples of 10).
        let ja = t.rows.iter().position(|r| r == "ja").expect("ja");
        let nord = t.columns.iter().position(|c| c == "Nord").expect("Nord");
        assert_eq!(t.observed[ja][nord], 16);
    }

    #[test]
    fn group_distributions_have_means_and_histograms() {
        let stories = sample();
        let groups = slider_by_group(&stories, "D1", "team").expect("slider by team");
        let nord = groups.iter().find(|g| g.label == "Nord").expect("Nord");
        assert_eq!(nord.n, 20);
        assert!(nord.mean > 79.0 && nord.mean < 87.0);
        assert_eq!(nord.histogram.iter().sum::<u64>(), 20);
        assert!(nord.sd > 0.0);
    }

    #[test]
    fn examples_come_from_the_cell_the_finding_is_about() {
        let stories = sample();
        let tests = all_tests(&stories, 5);
        let by_team = tests
            .iter()
            .find(|t| t.a == "D1" && t.b == "team")
            .expect("D1 by team");
        let rows = examples(&stories, by_team, 5);
        assert_eq!(rows.len(), 5);
        let parity = rows[0] % 2;
        assert!(rows.iter().all(|r| r % 2 == parity), "all from one team");
        let rho = tests
            .iter()
            .find(|t| t.kind == TestKind::Spearman)
            .expect("D1 × D2");
        assert!(rho.statistic < -0.9);
        let rows = examples(&stories, rho, 3);
        assert_eq!(rows.len(), 3, "stories along the (negative) correlation");
        let table = tests
            .iter()
            .find(|t| t.a == "team" && t.b == "M1")
            .expect("team × M1");
        let rows = examples(&stories, table, 5);
        assert_eq!(rows.len(), 5);
        let Some(Column::Choice { labels, values }) = stories.field("M1").map(|f| &f.column) else {
            panic!("M1 is a choice");
        };
        for row in rows {
            // The cell most above expectation: "ja" in Nord (even rows).
            assert_eq!(row % 2, 0);
            assert_eq!(values[row].map(|v| labels[v as usize].as_str()), Some("ja"));
        }
    }

    #[test]
    fn the_scatter_grid_counts_every_pair() {
        let grid = scatter_grid(&sample(), "D1", "D2").expect("two sliders");
        assert_eq!(grid.n, 40);
        assert_eq!(grid.cells.iter().flatten().sum::<u64>(), 40);
    }
}
