//! A finding on two sliders: the sentence names the poles towards which the one leans as the
//! other leans to its right end, the 10 × 10 grid carries each slider's poles on its axes, and
//! the table gives, per tenth of the first slider, how many and the second's mean band. Cells
//! told by fewer than k people are drawn like cells of fewer than k stories.

use tandem_analytics::stories::report::Test;
use tandem_analytics::stories::views::scatter_grid;

use super::finding::{DataTable, View};
use super::findings::{certainty, effect_text};
use super::{Scope, decimal, min_group, pole_names, question_name};
use crate::charts::{self, GridAxis};
use crate::i18n::Translator;
use crate::numbers::whole;

/// A slider's axis on the grid: its name, and its poles where it has two.
fn axis<'a>(name: &'a str, poles: &'a [String]) -> GridAxis<'a> {
    GridAxis {
        name,
        poles: match poles {
            [low, high] => Some((low.as_str(), high.as_str())),
            _ => None,
        },
    }
}

pub(super) fn scatter_view(tr: &Translator, scope: &Scope, test: &Test) -> Option<View> {
    let framework = &scope.framework;
    let grid = scatter_grid(scope.stories(), &test.a, &test.b)?;
    let (a, b) = (
        question_name(tr, framework, &test.a),
        question_name(tr, framework, &test.b),
    );
    let key = if test.statistic >= 0.0 {
        "patterns-sentence-rise"
    } else {
        "patterns-sentence-fall"
    };
    // Named by their poles where both sliders have them: towards which end the one leans
    // when the other leans towards its right end.
    let (a_poles, b_poles) = (
        pole_names(tr, framework, &test.a),
        pole_names(tr, framework, &test.b),
    );
    let b_pole = if test.statistic >= 0.0 {
        b_poles.last()
    } else {
        b_poles.first()
    };
    let (key, a_pole, b_pole) = match (a_poles.last(), b_pole) {
        (Some(a_pole), Some(b_pole)) if a_poles.len() >= 2 && b_poles.len() >= 2 => {
            ("patterns-sentence-poles", a_pole.as_str(), b_pole.as_str())
        }
        _ => (key, "", ""),
    };
    let sentence = tr.t_strs(
        key,
        &[
            ("a", &a),
            ("b", &b),
            ("a_pole", a_pole),
            ("b_pole", b_pole),
            ("effect", &effect_text(tr, test)),
            ("certainty", &certainty(tr, test.label)),
            ("n", &whole(tr, test.n)),
        ],
    );
    let k = min_group();
    // A cell of fewer than k people is drawn like one of fewer than k stories.
    let mut cells = grid.cells;
    for (row, people) in cells.iter_mut().zip(&grid.people) {
        for (cell, people) in row.iter_mut().zip(people) {
            if !k.allows(*people) {
                *cell = (*cell).min(u64::from(k.get()) - 1);
            }
        }
    }
    let (x_axis, y_axis) = (axis(&a, &a_poles), axis(&b, &b_poles));
    let chart = charts::responsive(true, |layout| {
        charts::heat_grid(
            layout,
            &sentence,
            &cells,
            u64::from(k.get()),
            (&x_axis, &y_axis),
        )
    });
    // Per tenth of the first slider: how many, and the second's mean band.
    let mut rows = Vec::new();
    for column in 0..10 {
        let counts: Vec<u64> = (0..10).map(|row| grid.cells[row][column]).collect();
        let n: u64 = counts.iter().sum();
        let band = format!("{}–{}", column * 10, column * 10 + 10);
        if n == 0 {
            continue;
        }
        if !k.allows(n) || !k.allows(grid.column_people[column]) {
            rows.push(vec![band, tr.t("count-suppressed"), String::new()]);
            continue;
        }
        let centre: f64 = counts
            .iter()
            .enumerate()
            .map(|(row, c)| (row as f64 * 10.0 + 5.0) * *c as f64)
            .sum::<f64>()
            / n as f64;
        rows.push(vec![band, n.to_string(), decimal(tr, centre, 0)]);
    }
    let table = DataTable {
        caption: tr.t("patterns-table-scatter"),
        head: vec![
            a,
            "n".to_owned(),
            tr.t_str("patterns-mean-of", "question", &b),
        ],
        rows,
    };
    Some((sentence, chart, table))
}
