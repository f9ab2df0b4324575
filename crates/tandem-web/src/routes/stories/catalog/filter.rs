//! The catalog's filter: read from the query string (values that do not fit the framework are
//! ignored) and shown as the filter panel shared by the catalog and the pattern pages, with
//! counts per option hidden under k (R22).

use tandem_analytics::suppression::{MinGroupSize, Shown, suppress_distribution};
use tandem_app::stories::catalog::{AnswerCondition, StoryFilter};
use tandem_app::stories::ranges::{first_of_month, last_of_month};
use tandem_domain::framework::{Framework, QuestionKind};
use tandem_domain::story::Teller;
use time::Date;

use crate::forms::Choice;
use crate::i18n::Translator;

/// The Danish or English text, in the reader's language.
pub(in crate::routes::stories) fn label(tr: &Translator, da: &str, en: &str) -> String {
    if tr.language().code() == "da" {
        da.to_owned()
    } else {
        en.to_owned()
    }
}

/// A filter of the panel: field name, label and choices (with counts where they are counts).
pub(in crate::routes::stories) struct FilterView {
    pub(in crate::routes::stories) name: String,
    pub(in crate::routes::stories) label: String,
    pub(in crate::routes::stories) choices: Vec<Choice>,
}

/// The filter form shared by the catalog and the pattern pages
/// (`templates/stories/filter_panel.html`).
pub(in crate::routes::stories) struct FilterPanel {
    /// Where the form goes (and "clear" links to).
    pub(in crate::routes::stories) action: String,
    /// Fields the page keeps when the filter changes (e.g. the chosen triad).
    pub(in crate::routes::stories) hidden: Vec<(String, String)>,
    pub(in crate::routes::stories) text: String,
    pub(in crate::routes::stories) from: String,
    pub(in crate::routes::stories) to: String,
    pub(in crate::routes::stories) tag: String,
    pub(in crate::routes::stories) tellers: Vec<Choice>,
    pub(in crate::routes::stories) filters: Vec<FilterView>,
}

pub(in crate::routes::stories) fn get<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The filter from the query string; values that do not fit the framework are ignored.
pub(in crate::routes::stories) fn filter_of(
    framework: &Framework,
    pairs: &[(String, String)],
) -> StoryFilter {
    let mut filter = StoryFilter::default();
    for q in framework.questions() {
        match q.kind {
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Metadata => {
                let value = get(pairs, &q.id);
                if q.options.iter().any(|o| o.id == value) {
                    filter.answers.push(AnswerCondition::Chose {
                        question: q.id.clone(),
                        option: value.to_owned(),
                    });
                }
            }
            QuestionKind::Triad => {
                if let Ok(corner) = get(pairs, &format!("{}.lean", q.id)).parse::<usize>()
                    && corner < 3
                {
                    filter.answers.push(AnswerCondition::Leans {
                        question: q.id.clone(),
                        corner,
                    });
                }
            }
            QuestionKind::Dyad | QuestionKind::Slider => {
                // A slider answer lies in 0–100; `NaN`, `inf` and values outside are ignored
                // like any other value that does not fit, before they reach SQL.
                let bound = |suffix: &str| {
                    get(pairs, &format!("{}.{suffix}", q.id))
                        .parse::<f64>()
                        .ok()
                        .filter(|v| (0.0..=100.0).contains(v))
                };
                if let Some((from, to)) = match (bound("min"), bound("max")) {
                    (None, None) => None,
                    (from, to) => Some((from.unwrap_or(0.0), to.unwrap_or(100.0))),
                } {
                    filter.answers.push(AnswerCondition::Between {
                        question: q.id.clone(),
                        from,
                        to,
                    });
                }
            }
            QuestionKind::FreeText => {}
        }
    }
    let date = |name: &str| {
        tandem_domain::course::parse_optional_date(get(pairs, name))
            .ok()
            .flatten()
    };
    filter.from = date("from");
    filter.to = date("to");
    let text = get(pairs, "text").trim();
    filter.text = (!text.is_empty()).then(|| text.chars().take(200).collect());
    let tag = get(pairs, "tag").trim();
    filter.annotation = (!tag.is_empty()).then(|| tag.to_owned());
    filter.teller = Teller::parse(get(pairs, "teller")).ok();
    // Whole months and tenths of a slider, so that neighbouring filters cannot be compared to
    // single out a story (ADR 0014); the catalog and the pattern pages apply the same.
    tandem_app::stories::ranges::snapped(filter)
}

/// A date field as the filter applies it (moved to its month's first or last day); what was
/// typed when it is not a date.
fn applied_date(pairs: &[(String, String)], name: &str, snap: fn(Date) -> Date) -> String {
    match tandem_domain::course::parse_optional_date(get(pairs, name)) {
        Ok(Some(date)) => snap(date).to_string(),
        _ => get(pairs, name).to_owned(),
    }
}

/// The filter panel for `framework`, filled from the query, with counts per option when given
/// (hidden under k, R22).
pub(in crate::routes::stories) fn filter_panel(
    tr: &Translator,
    framework: &Framework,
    pairs: &[(String, String)],
    counts: Option<&std::collections::HashMap<(String, String), i64>>,
    action: String,
) -> FilterPanel {
    let mut filters = Vec::new();
    for q in framework.questions() {
        let stem = label(tr, &q.stem.da, &q.stem.en);
        let any = (String::new(), tr.t("catalog-any"));
        let (name, options): (String, Vec<(String, String)>) = match q.kind {
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Metadata => {
                // Small groups are hidden, and a lone hidden one takes its smallest neighbour
                // with it, so it cannot be worked out from the total (R22).
                let raw: Vec<u64> = q
                    .options
                    .iter()
                    .map(|o| {
                        let n = counts
                            .and_then(|c| c.get(&(q.id.clone(), o.id.clone())))
                            .copied()
                            .unwrap_or(0);
                        u64::try_from(n).unwrap_or(0)
                    })
                    .collect();
                let shown = suppress_distribution(&raw, MinGroupSize::default());
                (
                    q.id.clone(),
                    std::iter::once(any)
                        .chain(q.options.iter().zip(&shown.cells).map(|(o, cell)| {
                            let name = label(tr, &o.da, &o.en);
                            let shown = match (counts, cell) {
                                (None, _) => name,
                                (Some(_), Shown::Count(n)) => format!("{name} ({n})"),
                                (Some(_), Shown::Suppressed) => {
                                    format!("{name} ({})", tr.t("count-suppressed"))
                                }
                            };
                            (o.id.clone(), shown)
                        }))
                        .collect(),
                )
            }
            QuestionKind::Triad => (
                format!("{}.lean", q.id),
                std::iter::once(any)
                    .chain(q.labels.iter().enumerate().map(|(i, l)| {
                        (
                            i.to_string(),
                            tr.t_str("catalog-leans", "corner", &label(tr, &l.da, &l.en)),
                        )
                    }))
                    .collect(),
            ),
            _ => continue,
        };
        let current = get(pairs, &name).to_owned();
        filters.push(FilterView {
            label: stem,
            choices: Choice::list(options, &current),
            name,
        });
    }
    let tellers = Choice::list(
        std::iter::once((String::new(), tr.t("catalog-any"))).chain(Teller::ALL.iter().map(|t| {
            (
                t.as_str().to_owned(),
                tr.t(&format!("teller-{}", t.as_str())),
            )
        })),
        get(pairs, "teller"),
    );
    FilterPanel {
        action,
        hidden: Vec::new(),
        text: get(pairs, "text").to_owned(),
        from: applied_date(pairs, "from", first_of_month),
        to: applied_date(pairs, "to", last_of_month),
        tag: get(pairs, "tag").to_owned(),
        tellers,
        filters,
    }
}
