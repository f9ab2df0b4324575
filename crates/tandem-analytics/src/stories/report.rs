//! The `tandem analyze` report: every pair of questions (and question × metadata) tested once
//! with the test the specification names for its types, Benjamini–Hochberg q-values over the whole
//! report, and triad summaries. Groups under `min_group` stories are dropped before a test;
//! results that cannot be computed are left out rather than reported as NaN.

use serde_json::{Value, json};

use super::{Column, Field, Stories};
use crate::stats::contingency::{chi_square, fisher_exact};
use crate::stats::fdr::benjamini_hochberg;
use crate::stats::kruskal::kruskal_wallis;
use crate::stats::mann_whitney::mann_whitney;
use crate::stats::spearman::spearman;
use crate::ternary::{Composition, geometric_mean, mean};
use crate::zones::zone_shares;

/// A categorical variable: a choice, a metadata field, or one option of a multiple choice.
struct Categorical<'a> {
    name: String,
    field: &'a str,
    metadata: bool,
    labels: Vec<String>,
    values: Vec<Option<u32>>,
}

fn categoricals(stories: &Stories) -> Vec<Categorical<'_>> {
    let mut out = Vec::new();
    for Field {
        name,
        metadata,
        column,
    } in &stories.fields
    {
        match column {
            Column::Choice { labels, values } => out.push(Categorical {
                name: name.clone(),
                field: name,
                metadata: *metadata,
                labels: labels.clone(),
                values: values.clone(),
            }),
            // One option at a time: chosen / not chosen, among those who answered.
            Column::Multi { labels, values } => {
                for (i, label) in labels.iter().enumerate() {
                    out.push(Categorical {
                        name: format!("{name}={label}"),
                        field: name,
                        metadata: *metadata,
                        labels: vec!["not chosen".into(), "chosen".into()],
                        values: values
                            .iter()
                            .map(|set| {
                                (!set.is_empty()).then(|| u32::from(set.contains(&(i as u32))))
                            })
                            .collect(),
                    });
                }
            }
            Column::Triad(_) | Column::Slider(_) => {}
        }
    }
    out
}

fn label(q: f64) -> &'static str {
    if q < 0.01 {
        "strong evidence"
    } else if q < 0.05 {
        "evidence"
    } else if q < 0.1 {
        "weak evidence"
    } else {
        "no evidence"
    }
}

/// A test result before q-values.
struct Finding {
    body: Value,
    p: f64,
}

fn contingency(a: &Categorical<'_>, b: &Categorical<'_>, min_group: usize) -> Option<Finding> {
    let pairs: Vec<(u32, u32)> = a
        .values
        .iter()
        .zip(&b.values)
        .filter_map(|(x, y)| Some(((*x)?, (*y)?)))
        .collect();
    let keep = |labels: usize, side: &dyn Fn(&(u32, u32)) -> u32| -> Vec<u32> {
        (0..labels as u32)
            .filter(|l| pairs.iter().filter(|p| side(p) == *l).count() >= min_group)
            .collect()
    };
    let rows = keep(a.labels.len(), &|p| p.0);
    let cols = keep(b.labels.len(), &|p| p.1);
    if rows.len() < 2 || cols.len() < 2 {
        return None;
    }
    let table: Vec<Vec<u64>> = rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| pairs.iter().filter(|p| p.0 == *r && p.1 == *c).count() as u64)
                .collect()
        })
        .collect();
    let n: u64 = table.iter().flatten().sum();
    let chi = chi_square(&table).ok()?;
    let groups: Vec<String> = rows.iter().map(|r| a.labels[*r as usize].clone()).collect();
    let small_2x2 = table.len() == 2 && table[0].len() == 2 && {
        let total = n as f64;
        let row = |i: usize| table[i].iter().sum::<u64>() as f64;
        let col = |j: usize| (table[0][j] + table[1][j]) as f64;
        (0..2).any(|i| (0..2).any(|j| row(i) * col(j) / total < 5.0))
    };
    let effect = json!({ "name": "cramers_v", "value": chi.cramers_v });
    let (body, p) = if small_2x2 {
        let f = fisher_exact([[table[0][0], table[0][1]], [table[1][0], table[1][1]]]);
        (
            json!({ "kind": "fisher_exact", "a": a.name, "b": b.name, "n": n, "statistic": f.odds_ratio,
                 "p": f.p, "effect": effect, "groups": groups, "reliable": true }),
            f.p,
        )
    } else {
        (
            json!({ "kind": "chi_square", "a": a.name, "b": b.name, "n": n, "statistic": chi.statistic,
                 "df": chi.df, "p": chi.p, "effect": effect, "groups": groups, "reliable": chi.reliable }),
            chi.p,
        )
    };
    p.is_finite().then_some(Finding { body, p })
}

fn by_group(
    name: &str,
    values: &[Option<f64>],
    group: &Categorical<'_>,
    min_group: usize,
) -> Option<Finding> {
    let mut groups: Vec<(String, Vec<f64>)> = Vec::new();
    for (label_index, label) in group.labels.iter().enumerate() {
        let members: Vec<f64> = values
            .iter()
            .zip(&group.values)
            .filter_map(|(v, g)| (*g == Some(label_index as u32)).then_some(*v).flatten())
            .collect();
        if members.len() >= min_group {
            groups.push((label.clone(), members));
        }
    }
    let n: usize = groups.iter().map(|g| g.1.len()).sum();
    let names: Vec<String> = groups.iter().map(|g| g.0.clone()).collect();
    match groups.len() {
        0 | 1 => None,
        2 => {
            let t = mann_whitney(&groups[0].1, &groups[1].1).ok()?;
            Some(Finding {
                body: json!({ "kind": "mann_whitney", "a": name, "b": group.name, "n": n, "statistic": t.u, "p": t.p,
                              "effect": { "name": "rank_biserial", "value": t.rank_biserial }, "groups": names, "reliable": true }),
                p: t.p,
            })
        }
        _ => {
            let slices: Vec<&[f64]> = groups.iter().map(|g| g.1.as_slice()).collect();
            let t = kruskal_wallis(&slices).ok()?;
            Some(Finding {
                body: json!({ "kind": "kruskal_wallis", "a": name, "b": group.name, "n": n, "statistic": t.h, "df": t.df,
                              "p": t.p, "effect": { "name": "epsilon_squared", "value": t.epsilon_squared },
                              "groups": names, "reliable": true }),
                p: t.p,
            })
        }
    }
    .filter(|f| f.p.is_finite())
}

fn correlation(a: &str, x: &[Option<f64>], b: &str, y: &[Option<f64>]) -> Option<Finding> {
    let (xs, ys): (Vec<f64>, Vec<f64>) = x
        .iter()
        .zip(y)
        .filter_map(|(u, v)| Some(((*u)?, (*v)?)))
        .unzip();
    let t = spearman(&xs, &ys).ok()?;
    let ci = t.ci.map(|(lo, hi)| json!([lo, hi]));
    let effect = match ci {
        Some(ci) => json!({ "name": "rho", "value": t.rho, "ci": ci }),
        None => json!({ "name": "rho", "value": t.rho }),
    };
    t.p.is_finite().then(|| Finding {
        body: json!({ "kind": "spearman", "a": a, "b": b, "n": xs.len(), "statistic": t.rho, "p": t.p,
                      "effect": effect, "groups": [], "reliable": true }),
        p: t.p,
    })
}

/// The whole report as JSON (the shape of sensemaking.md §3).
#[must_use]
pub fn analyze(stories: &Stories, min_group: usize) -> Value {
    let min_group = min_group.max(1);
    let cats = categoricals(stories);
    let sliders: Vec<(&str, &[Option<f64>])> = stories
        .fields
        .iter()
        .filter_map(|f| match &f.column {
            Column::Slider(v) => Some((f.name.as_str(), v.as_slice())),
            _ => None,
        })
        .collect();
    let mut findings = Vec::new();
    for (i, a) in cats.iter().enumerate() {
        for b in &cats[i + 1..] {
            if (a.metadata && b.metadata) || a.field == b.field {
                continue;
            }
            findings.extend(contingency(a, b, min_group));
        }
    }
    for (name, values) in &sliders {
        for group in &cats {
            findings.extend(by_group(name, values, group, min_group));
        }
    }
    for (i, (a, x)) in sliders.iter().enumerate() {
        for (b, y) in &sliders[i + 1..] {
            findings.extend(correlation(a, x, b, y));
        }
    }
    let q = benjamini_hochberg(&findings.iter().map(|f| f.p).collect::<Vec<_>>());
    let mut tests: Vec<(f64, Value)> = findings
        .into_iter()
        .zip(q)
        .map(|(mut f, q)| {
            f.body["q"] = json!(q);
            f.body["label"] = json!(label(q));
            (q, f.body)
        })
        .collect();
    tests.sort_by(|x, y| x.0.total_cmp(&y.0));
    let triads: Vec<Value> = stories
        .fields
        .iter()
        .filter_map(|f| match &f.column {
            Column::Triad(v) => {
                let points: Vec<Composition> = v.iter().flatten().copied().collect();
                let m = mean(&points)?;
                let g = geometric_mean(&points, 0.01)?;
                let z = zone_shares(&points);
                Some(json!({ "id": f.name, "n": points.len(), "mean": m.parts(), "geometric_mean": g.parts(),
                             "zones": { "a": z.a, "b": z.b, "c": z.c, "ab": z.ab, "bc": z.bc, "ac": z.ac, "centre": z.centre } }))
            }
            _ => None,
        })
        .collect();
    json!({ "n_stories": stories.len, "tests": tests.into_iter().map(|t| t.1).collect::<Vec<_>>(), "triads": triads })
}

#[cfg(test)]
mod tests;
