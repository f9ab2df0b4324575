//! The head of department's home as a cockpit: what needs attention first, with why, then the
//! teams side by side — a few key indicators of each column, the tensions, the hybrid profile
//! in one line, the practice rhythm and the worries past their deadline — each cell linking to
//! the page behind it. Aggregates only (see [`tandem_app::department`]); the profile goes
//! through the same card, filter guard and audit record as the team's own board.

use tandem_app::department::{Attention, Glance, TeamGlance, glance};
use tandem_app::indicators::Tension;
use tandem_app::practices::probe_charts::Status;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::routes::indicators::tension_texts;
use crate::routes::indicators::view::{IndicatorView, columns};
use crate::routes::practices::card::team_card;
use crate::state::AppState;

/// The indicators a team's cell shows, per column: the deadlines and the young person heard
/// (rules), caseload, cost and placements (efficiency), own words, reliable improvement and
/// session feedback (co-production). The team's page has all of them.
const KEY_INDICATORS: [&str; 9] = [
    "assessment_on_time",
    "plan_on_time",
    "views_before_decision",
    "caseload",
    "cost_per_month",
    "placements",
    "goals_own_words",
    "reliable_improvement",
    "session_feedback",
];

/// One indicator in a team's cell: today's value and its trend over the quarters.
pub(crate) struct CellIndicator {
    /// Its key: the cell links to it on the team's columns.
    pub(crate) key: &'static str,
    pub(crate) name: String,
    pub(crate) value: String,
    /// "60 % → 65 % → 68 % → 70 %" (a quarter without a value shows "–").
    pub(crate) trend: String,
}

/// One column of a team's cell.
pub(crate) struct CellColumn {
    pub(crate) title: String,
    pub(crate) indicators: Vec<CellIndicator>,
}

/// One team's cell.
pub(crate) struct TeamCell {
    pub(crate) id: String,
    pub(crate) name: String,
    /// "Covers 48 young people".
    pub(crate) covers: String,
    /// The days the trends are read on: "31.03.2026 → 30.06.2026 → 30.09.2026 → today".
    pub(crate) trend_days: String,
    pub(crate) columns: Vec<CellColumn>,
    /// The tensions' names.
    pub(crate) tensions: Vec<String>,
    /// The profile in one line, or why it is not shown.
    pub(crate) profile: String,
    /// "In transition …", when the mix moved.
    pub(crate) movement: Option<String>,
    /// The practice rhythm, a sentence each.
    pub(crate) rhythm: Vec<String>,
    /// The running probes followed by course measures: (title, link, each measure's status).
    pub(crate) probes: Vec<(String, String, Vec<String>)>,
    /// The worries past their deadline, in words.
    pub(crate) worries: String,
    pub(crate) worries_overdue: bool,
}

/// Something that needs the head's attention.
pub(crate) struct AttentionItem {
    pub(crate) team: String,
    pub(crate) what: String,
    pub(crate) why: String,
    pub(crate) href: String,
}

/// The cockpit as the home page shows it.
pub(crate) struct Cockpit {
    pub(crate) attention: Vec<AttentionItem>,
    pub(crate) teams: Vec<TeamCell>,
}

/// The acting head's cockpit.
///
/// # Errors
/// The reads cannot be recorded; a database error.
pub(crate) async fn cockpit(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
) -> Result<Cockpit, AppError> {
    let Glance { teams, attention } = glance(state.app(), &ctx.actor(state.now())).await?;
    let mut cells = Vec::with_capacity(teams.len());
    for team in &teams {
        cells.push(cell(state, ctx, tr, team).await?);
    }
    let attention = attention
        .iter()
        .filter_map(|(i, why)| Some(attention_item(tr, teams.get(*i)?, why)))
        .collect();
    Ok(Cockpit {
        attention,
        teams: cells,
    })
}

async fn cell(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    glance: &TeamGlance,
) -> Result<TeamCell, AppError> {
    let id = glance.team.id.to_string();
    let computed = &glance.columns;
    // Each day's values by indicator key, for the trends.
    let past: Vec<Vec<IndicatorView>> = glance
        .trend
        .iter()
        .map(|(_, c)| {
            columns(tr, &c.indicators, None, c.caseload)
                .into_iter()
                .flat_map(|column| column.indicators)
                .collect()
        })
        .collect();
    let trend_of = |key: &str| -> String {
        past.iter()
            .map(|day| {
                day.iter()
                    .find(|i| i.key == key && i.shown)
                    .map_or_else(|| "–".to_owned(), |i| i.value.clone())
            })
            .collect::<Vec<_>>()
            .join(" → ")
    };
    let columns = columns(tr, &computed.indicators, None, computed.caseload)
        .into_iter()
        .map(|column| CellColumn {
            title: column.title,
            indicators: column
                .indicators
                .into_iter()
                .filter(|i| KEY_INDICATORS.contains(&i.key))
                .map(|i| CellIndicator {
                    trend: trend_of(i.key),
                    key: i.key,
                    name: i.name,
                    value: i.value,
                })
                .collect(),
        })
        .collect();
    let days = glance.trend.len();
    let trend_days = glance
        .trend
        .iter()
        .enumerate()
        .map(|(n, (day, _))| {
            if n + 1 == days {
                tr.t("cockpit-today")
            } else {
                show_date(tr, *day)
            }
        })
        .collect::<Vec<_>>()
        .join(" → ");
    let card = team_card(state, ctx, tr, glance.team.id).await?;
    let (profile, movement) = match card {
        None => (tr.t("cockpit-profile-none"), None),
        Some(card) => match (card.profile, card.hidden) {
            (Some(p), _) => (
                tr.t_strs(
                    "cockpit-profile",
                    &[
                        ("pattern", &capitalized(&p.pattern)),
                        ("rules", mix_at(&p.mix, 0)),
                        ("efficiency", mix_at(&p.mix, 1)),
                        ("together", mix_at(&p.mix, 2)),
                        ("blending", &p.blending),
                        ("segmentation", &p.segmentation),
                    ],
                ),
                card.movement,
            ),
            (None, Some(why)) => (why, None),
            (None, None) => (tr.t("cockpit-profile-none"), None),
        },
    };
    Ok(TeamCell {
        name: glance.team.name.as_str().to_owned(),
        covers: tr.t_num(
            "indicator-covers",
            "count",
            i64::try_from(computed.young_people).unwrap_or(i64::MAX),
        ),
        columns,
        trend_days: tr.t_str("cockpit-trend-days", "days", &trend_days),
        tensions: tension_texts(tr, computed)
            .into_iter()
            .map(|(name, _)| name)
            .collect(),
        profile,
        movement,
        rhythm: rhythm(tr, glance),
        probes: glance
            .measured_probes
            .iter()
            .map(|p| {
                (
                    p.title.clone(),
                    format!("/teams/{}/probes/{}#measures", glance.team.id, p.id),
                    p.measures
                        .iter()
                        .map(|(_, measure, status)| {
                            tr.t_strs(
                                "cockpit-probe-measure",
                                &[
                                    ("measure", &tr.t(&format!("measure-{}", measure.as_str()))),
                                    ("status", &tr.t(status_key(*status))),
                                ],
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
        worries: tr.t_num(
            "cockpit-worries",
            "count",
            i64::try_from(glance.overdue_worries).unwrap_or(i64::MAX),
        ),
        worries_overdue: glance.overdue_worries > 0,
        id,
    })
}

/// `text` with its first letter in upper case (the pattern opens the sentence).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn mix_at(mix: &[(String, String)], i: usize) -> &str {
    mix.get(i).map_or("", |(_, share)| share.as_str())
}

/// The practice rhythm in sentences: the last huddle, the probes, the good-enough story, the
/// pulse.
fn rhythm(tr: &Translator, glance: &TeamGlance) -> Vec<String> {
    let mut lines = vec![match glance.due.last_huddle {
        Some(day) => tr.t_str("cockpit-last-huddle", "date", &show_date(tr, day)),
        None => tr.t("cockpit-no-huddle"),
    }];
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    lines.push(tr.t_num("cockpit-probes", "count", count(glance.due.running.len())));
    if !glance.due.probes.is_empty() {
        lines.push(tr.t_num(
            "cockpit-probes-due",
            "count",
            count(glance.due.probes.len()),
        ));
    }
    if glance.due.revision.is_some() {
        lines.push(tr.t("cockpit-revision-due"));
    }
    if glance.due.pulse_alert {
        lines.push(tr.t("pulse-alert"));
    }
    lines
}

/// A run chart's status as the cockpit says it.
fn status_key(status: Status) -> &'static str {
    match status {
        Status::Improving => "cockpit-run-improving",
        Status::Warning => "cockpit-run-warning",
        Status::NoSignal => "cockpit-run-none",
        Status::TooFew => "cockpit-run-too-few",
    }
}

fn attention_item(tr: &Translator, team: &TeamGlance, why: &Attention) -> AttentionItem {
    let id = team.team.id;
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let (what, reason, href) = match why {
        Attention::OverdueWorries(n) => (
            tr.t_num("cockpit-worries", "count", count(*n)),
            tr.t("cockpit-worries-why"),
            format!("/teams/{id}/practices"),
        ),
        Attention::Tension(tension) => (
            tr.t(&format!("tension-{}", tension.as_str())),
            tension_why(tr, team, *tension),
            format!("/teams/{id}/indicators"),
        ),
        Attention::NoRecentHuddle(last) => (
            tr.t("cockpit-huddle-due"),
            match last {
                Some(day) => tr.t_str("home-due-huddle", "date", &show_date(tr, *day)),
                None => tr.t("home-due-first-huddle"),
            },
            format!("/teams/{id}/practices"),
        ),
        Attention::ProbeMovedWrongWay(title) => (
            tr.t_str("cockpit-probe-wrong-way", "title", title),
            tr.t("cockpit-probe-wrong-way-why"),
            format!("/teams/{id}/practices"),
        ),
        Attention::ProbesAwaitDecision(n) => (
            tr.t_num("cockpit-probes-due", "count", count(*n)),
            tr.t("cockpit-probes-due-why"),
            format!("/teams/{id}/practices"),
        ),
    };
    AttentionItem {
        team: team.team.name.as_str().to_owned(),
        what,
        why: capitalized(&reason),
        href,
    }
}

/// A tension's reason, with the investment tension's numbers (as the team's page says it).
fn tension_why(tr: &Translator, team: &TeamGlance, tension: Tension) -> String {
    let texts = tension_texts(tr, &team.columns);
    team.columns
        .tensions
        .iter()
        .zip(texts)
        .find(|(t, _)| **t == tension)
        .map_or_else(String::new, |(_, (_, why))| why)
}
