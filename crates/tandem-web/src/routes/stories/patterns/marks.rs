//! A marked region in words and numbers, wherever it is shown — its own page, the landscape it
//! was marked on, and the probe that takes it as its intent: the region named by the
//! question's corners or poles, and its share of stories month by month as a chart with its
//! 95 % intervals and a data table. Months with fewer than k answers are gaps, said in words.

use tandem_analytics::regions::PeriodShare;
use tandem_app::stories::marks::{MarkRecord, RegionShares};
use tandem_domain::framework::Framework;
use tandem_domain::story::mark::RegionKey;

use super::finding::DataTable;
use super::{min_group, percent, pole_names, question_name};
use crate::charts::{ShareBar, responsive, share_chart};
use crate::i18n::Translator;
use crate::kit::show_year_month;
use crate::numbers::whole;

/// A mark's share of stories, ready for a template.
pub(crate) struct ShareView {
    /// "More stories like these: mostly …".
    pub(crate) heading: String,
    /// The question marked.
    pub(crate) question: String,
    /// The mark's own page.
    pub(crate) href: String,
    /// The newest shown month's share in a sentence (or why there is none).
    pub(crate) summary: String,
    /// The chart (empty when no month is shown).
    pub(crate) chart: String,
    /// The numbers behind the chart.
    pub(crate) table: DataTable,
}

/// The region in the reader's words, by the question's corners or poles.
pub(crate) fn region_name(
    tr: &Translator,
    framework: &Framework,
    question: &str,
    key: RegionKey,
) -> String {
    let poles = pole_names(tr, framework, question);
    let pole = |i: usize| poles.get(i).cloned().unwrap_or_default();
    let corner = |i: usize| tr.t_str("mark-region-corner", "corner", &pole(i));
    let edge = |i: usize, j: usize| {
        tr.t_strs(
            "mark-region-edge",
            &[("one", &pole(i)), ("other", &pole(j))],
        )
    };
    match key {
        RegionKey::CornerA => corner(0),
        RegionKey::CornerB => corner(1),
        RegionKey::CornerC => corner(2),
        RegionKey::EdgeAb => edge(0, 1),
        RegionKey::EdgeBc => edge(1, 2),
        RegionKey::EdgeAc => edge(0, 2),
        RegionKey::Centre => tr.t("mark-region-centre"),
        RegionKey::Low => tr.t_str("mark-region-near", "pole", &pole(0)),
        RegionKey::Middle => tr.t_strs(
            "mark-region-middle",
            &[("left", &pole(0)), ("right", &pole(1))],
        ),
        RegionKey::High => tr.t_str("mark-region-near", "pole", &pole(1)),
    }
}

/// "More stories like these: …" or "Fewer stories like those: …".
pub(crate) fn mark_heading(tr: &Translator, framework: &Framework, mark: &MarkRecord) -> String {
    let d = &mark.details;
    tr.t_strs(
        "mark-heading",
        &[
            (
                "direction",
                &tr.t(&format!("mark-direction-{}", d.direction.as_str())),
            ),
            ("region", &region_name(tr, framework, &d.question, d.region)),
        ],
    )
}

/// The sentence under a mark's heading: the newest month with enough answers, and all months.
fn summary(tr: &Translator, shares: &RegionShares) -> String {
    let k = min_group().get().to_string();
    let newest = shares
        .months
        .iter()
        .zip(&shares.shares)
        .rev()
        .find_map(|(m, s)| s.map(|s| (*m, s)));
    let Some((month, share)) = newest else {
        return tr.t_str("mark-share-none", "k", &k);
    };
    let mut text = tr.t_strs(
        "mark-share-summary",
        &[
            ("month", &show_year_month(tr, month)),
            ("share", &percent(tr, share.interval.share)),
            ("low", &percent(tr, share.interval.low)),
            ("high", &percent(tr, share.interval.high)),
            ("n", &whole(tr, share.n)),
        ],
    );
    if let Some(all) = shares.overall {
        text.push(' ');
        text.push_str(&tr.t_strs(
            "mark-share-overall",
            &[
                ("share", &percent(tr, all.interval.share)),
                ("n", &whole(tr, all.n)),
            ],
        ));
    }
    text
}

/// A month's row of the table.
fn row(tr: &Translator, month: (i32, u8), share: Option<&PeriodShare>) -> Vec<String> {
    let mut row = vec![show_year_month(tr, month)];
    match share {
        Some(s) => row.extend([
            whole(tr, s.n),
            whole(tr, s.inside),
            percent(tr, s.interval.share),
            tr.t_strs(
                "mark-interval",
                &[
                    ("low", &percent(tr, s.interval.low)),
                    ("high", &percent(tr, s.interval.high)),
                ],
            ),
        ]),
        None => {
            let hidden = tr.t("patterns-hidden-month");
            row.extend([hidden.clone(), String::new(), String::new(), String::new()]);
        }
    }
    row
}

/// The mark's share view: `shares` computed on what the page selected (`None`: nothing shown).
pub(crate) fn share_view(
    tr: &Translator,
    framework: &Framework,
    mark: &MarkRecord,
    shares: Option<&RegionShares>,
) -> ShareView {
    let heading = mark_heading(tr, framework, mark);
    let question = question_name(tr, framework, &mark.details.question);
    let href = format!("/campaigns/{}/patterns/marks/{}", mark.campaign_id, mark.id);
    let table = |rows| DataTable {
        caption: tr.t_str("mark-table", "region", &heading),
        head: [
            "mark-col-month",
            "mark-col-n",
            "mark-col-inside",
            "mark-col-share",
            "mark-col-interval",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
        rows,
    };
    let Some(shares) = shares else {
        return ShareView {
            summary: tr.t_str("mark-share-none", "k", &min_group().get().to_string()),
            chart: String::new(),
            table: table(Vec::new()),
            heading,
            question,
            href,
        };
    };
    let summary = summary(tr, shares);
    let labels: Vec<String> = shares
        .months
        .iter()
        .map(|m| show_year_month(tr, *m))
        .collect();
    let bars: Vec<Option<ShareBar>> = shares
        .shares
        .iter()
        .map(|s| {
            s.map(|s| ShareBar {
                share: s.interval.share,
                low: s.interval.low,
                high: s.interval.high,
            })
        })
        .collect();
    let chart = if bars.iter().any(Option::is_some) {
        let title = format!("{heading}. {summary}");
        responsive(false, |layout| {
            share_chart(layout, &title, &labels, &bars, shares.marked_month)
        })
    } else {
        String::new()
    };
    let rows = shares
        .months
        .iter()
        .zip(&shares.shares)
        .map(|(m, s)| row(tr, *m, s.as_ref()))
        .collect();
    ShareView {
        summary,
        chart,
        table: table(rows),
        heading,
        question,
        href,
    }
}
