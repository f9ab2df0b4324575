//! The findings of a campaign: every pair of questions tested once on the selected stories,
//! ranked by q (Benjamini–Hochberg over the whole list), each with its effect size, certainty in
//! words and n; beside them the hybrid profile of the selection. Findings with no evidence are
//! counted and listed only on request.

use std::sync::Arc;

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_analytics::stories::hybrid::{HybridProfile, ShownProfile};
use tandem_analytics::stories::report::{Certainty, Effect, EffectName, Size, Test, TestKind};

use super::{Scope, decimal, percent, question_name};
use crate::error::AppError;
use crate::i18n::Translator;
use crate::page::Page;
use crate::page::{Chrome, render};
use crate::routes::stories::catalog::{FilterPanel, get};

/// A finding in the list.
pub(super) struct FindingRow {
    pub(super) href: String,
    pub(super) title: String,
    pub(super) test: String,
    pub(super) effect: String,
    pub(super) certainty: String,
    pub(super) strong: bool,
    pub(super) n: String,
    pub(super) q: String,
}

/// The hybrid profile of the selection, as a few lines.
pub(crate) struct ProfileView {
    pub(crate) pattern: String,
    pub(crate) mix: Vec<(String, String)>,
    pub(crate) blending: String,
    pub(crate) segmentation: String,
    pub(crate) n: String,
    pub(crate) too_few: bool,
    pub(crate) sensegiving: Option<String>,
    /// The mix as numbers (T, M, G), for the manager–team gap.
    pub(crate) mix_parts: [f64; 3],
    /// The further indices as (name, value): spread, story classes, friction, processor uptake,
    /// footprint (the team card shows them).
    pub(crate) more: Vec<(String, String)>,
}

impl ProfileView {
    /// The `i`th corner's share as a bar's width out of 100 (the profile partial's bars).
    pub(crate) fn bar(&self, i: usize) -> String {
        let share = self.mix_parts.get(i).copied().unwrap_or(0.0);
        format!("{:.1}", (share * 100.0).clamp(0.0, 100.0))
    }
}

#[derive(Template)]
#[template(path = "stories/patterns.html")]
struct PatternsPage {
    chrome: Chrome,
    id: String,
    title: String,
    panel: FilterPanel,
    query: String,
    hidden: Option<String>,
    n: String,
    findings: Vec<FindingRow>,
    quiet: String,
    show_all: Option<String>,
    profile: Option<ProfileView>,
}

/// The test's name in the reader's language.
pub(super) fn test_name(tr: &Translator, kind: TestKind) -> String {
    tr.t(match kind {
        TestKind::ChiSquare => "patterns-test-chi-square",
        TestKind::FisherExact => "patterns-test-fisher",
        TestKind::MannWhitney => "patterns-test-mann-whitney",
        TestKind::KruskalWallis => "patterns-test-kruskal",
        TestKind::Spearman => "patterns-test-spearman",
    })
}

/// "V = 0,21 · lille" and the like: the symbol, its value (and interval) and its size in words.
pub(super) fn effect_text(tr: &Translator, test: &Test) -> String {
    let name = match test.effect.name {
        EffectName::CramersV => "V",
        EffectName::RankBiserial => "r",
        EffectName::EpsilonSquared => "ε²",
        EffectName::Rho => "ρ",
    };
    let mut text = format!("{name} = {}", decimal(tr, test.effect.value, 2));
    if let Some([lo, hi]) = test.effect.ci {
        text.push_str(&format!(
            " ({} – {})",
            decimal(tr, lo, 2),
            decimal(tr, hi, 2)
        ));
    }
    format!("{text} · {}", size_word(tr, test.effect.size))
}

/// How large an effect is, in words.
pub(super) fn size_word(tr: &Translator, size: Size) -> String {
    tr.t(match size {
        Size::Negligible => "patterns-size-negligible",
        Size::Small => "patterns-size-small",
        Size::Moderate => "patterns-size-moderate",
        Size::Large => "patterns-size-large",
    })
}

/// The convention behind the words: "Cohen 1988 (r): lille fra 0,10, moderat fra 0,30, stor
/// fra 0,50".
pub(super) fn convention_text(tr: &Translator, effect: &Effect) -> String {
    let [small, moderate, large] = effect.thresholds.map(|t| decimal(tr, t, 2));
    tr.t_strs(
        "patterns-size-convention",
        &[
            ("source", effect.convention),
            ("small", &small),
            ("moderate", &moderate),
            ("large", &large),
        ],
    )
}

/// The certainty label in the reader's language.
pub(super) fn certainty(tr: &Translator, label: Certainty) -> String {
    tr.t(match label {
        Certainty::Strong => "patterns-strong",
        Certainty::Evidence => "patterns-evidence",
        Certainty::Weak => "patterns-weak",
        Certainty::None => "patterns-no-evidence",
    })
}

/// A q-value as shown: "< 0.001" below a thousandth.
pub(super) fn q_text(tr: &Translator, q: f64) -> String {
    if q < 0.001 {
        format!("< {}", decimal(tr, 0.001, 3))
    } else {
        decimal(tr, q, 3)
    }
}

pub(crate) fn profile_view(
    tr: &Translator,
    profile: &HybridProfile,
    corners: &[String],
) -> Option<ProfileView> {
    let profile = profile.shown()?;
    let intervals = profile.intervals.as_ref();
    // "0,52 (0,47–0,57)" where an interval was computed.
    let with_interval = |value: f64, interval: Option<[f64; 2]>, scale: f64, places: usize| {
        let shown = decimal(tr, value * scale, places);
        match interval {
            Some([lo, hi]) => format!(
                "{shown} ({}–{})",
                decimal(tr, lo * scale, places),
                decimal(tr, hi * scale, places)
            ),
            None => shown,
        }
    };
    let mix = profile
        .mix
        .iter()
        .zip(corners)
        .enumerate()
        .map(|(i, (v, corner))| {
            // "39 % (31 %–47 %)", as the trends page writes a share with its interval.
            let share = match intervals.map(|x| x.mix[i]) {
                Some([lo, hi]) => format!(
                    "{} ({}–{})",
                    percent(tr, *v),
                    percent(tr, lo),
                    percent(tr, hi)
                ),
                None => percent(tr, *v),
            };
            (corner.clone(), share)
        })
        .collect();
    Some(ProfileView {
        mix_parts: profile.mix,
        more: more_indices(tr, profile),
        pattern: tr.t(&format!(
            "patterns-profile-{}",
            profile.pattern_key().replace('_', "-")
        )),
        mix,
        blending: with_interval(profile.blending, intervals.map(|x| x.blending), 1.0, 2),
        segmentation: with_interval(
            profile.segmentation,
            intervals.map(|x| x.segmentation),
            1.0,
            2,
        ),
        n: profile.n.to_string(),
        sensegiving: profile.sensegiving.as_ref().map(|s| {
            tr.t_strs(
                "patterns-sensegiving",
                &[
                    ("form", &tr.t(&format!("patterns-sensegiving-{}", s.form))),
                    ("leader", &decimal(tr, s.leader, 2)),
                    ("stakeholders", &decimal(tr, s.stakeholders, 2)),
                    ("colleagues", &decimal(tr, s.colleagues, 2)),
                    ("network", &decimal(tr, s.network, 2)),
                ],
            )
        }),
        too_few: profile.too_few,
    })
}

/// Spread, classes, friction, uptake and footprint as lines (a missing value reads "–").
fn more_indices(tr: &Translator, profile: &ShownProfile) -> Vec<(String, String)> {
    let share = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |x| super::percent(tr, x));
    let classes = &profile.classes;
    vec![
        (tr.t("card-spread"), decimal(tr, profile.spread, 2)),
        (
            tr.t("card-classes"),
            tr.t_strs(
                "card-classes-value",
                &[
                    ("tpa", &share(Some(classes.pure_tpa))),
                    ("npm", &share(Some(classes.pure_npm))),
                    ("npg", &share(Some(classes.pure_npg))),
                    ("two", &share(Some(classes.two_logic_blend))),
                    ("three", &share(Some(classes.three_logic_blend))),
                    ("leaning", &share(Some(classes.leaning))),
                ],
            ),
        ),
        (
            tr.t("card-friction"),
            tr.t_strs(
                "card-friction-value",
                &[
                    ("blends", &share(profile.friction.blends)),
                    ("pure", &share(profile.friction.pure)),
                ],
            ),
        ),
        (
            tr.t("card-uptake"),
            tr.t_strs(
                "card-uptake-value",
                &[
                    ("share", &share(profile.processor_uptake.share)),
                    ("aligned", &share(profile.processor_uptake.aligned_with_npg)),
                ],
            ),
        ),
        (
            tr.t("card-footprint"),
            profile
                .footprint
                .mean_decision_power
                .map_or_else(|| "–".to_owned(), |x| decimal(tr, x, 2)),
        ),
    ]
}

impl PatternsPage {
    /// The findings page: the tests (those with no evidence only when `all`) and the profile,
    /// when the selection may be shown.
    fn new(
        chrome: Chrome,
        scope: &Scope,
        analysis: Option<(Arc<Vec<Test>>, Arc<HybridProfile>)>,
    ) -> Self {
        let tr = &chrome.tr;
        let all = get(&scope.pairs, "all") == "1";
        let filter = scope.filter_query(&["all"]);
        let and_filter = if filter.is_empty() {
            String::new()
        } else {
            format!("&{filter}")
        };
        let id = scope.campaign.id.to_string();
        let mut findings = Vec::new();
        let mut quiet = 0i64;
        let mut profile = None;
        if let Some((tests, shown)) = analysis {
            let corners = super::pole_names(tr, &scope.framework, "T1");
            profile = profile_view(tr, &shown, &corners);
            for test in tests.iter() {
                if test.label == Certainty::None && !all {
                    quiet += 1;
                    continue;
                }
                let href = format!(
                    "/campaigns/{id}/patterns/finding?{}{and_filter}",
                    pair(test)
                );
                findings.push(FindingRow::new(tr, scope, test, href));
            }
        }
        let show_all = (quiet > 0).then(|| format!("/campaigns/{id}/patterns?all=1{and_filter}"));
        Self {
            panel: scope.panel(tr, "patterns", &["all"]),
            title: scope.campaign.details.title.as_str().to_owned(),
            query: filter,
            hidden: scope.hidden.clone(),
            n: if scope.hidden.is_none() {
                scope.rows.len().to_string()
            } else {
                String::new()
            },
            findings,
            quiet: tr.t_num("patterns-show-quiet", "count", quiet),
            show_all,
            profile,
            id,
            chrome,
        }
    }
}

/// The query naming a finding's pair of questions.
fn pair(test: &Test) -> String {
    serde_urlencoded::to_string([("a", &test.a), ("b", &test.b)]).unwrap_or_default()
}

impl FindingRow {
    fn new(tr: &Translator, scope: &Scope, test: &Test, href: String) -> Self {
        Self {
            href,
            title: tr.t_strs(
                "patterns-pair",
                &[
                    ("a", &question_name(tr, &scope.framework, &test.a)),
                    ("b", &question_name(tr, &scope.framework, &test.b)),
                ],
            ),
            test: test_name(tr, test.kind),
            effect: effect_text(tr, test),
            certainty: certainty(tr, test.label),
            strong: test.label <= Certainty::Evidence,
            n: super::reading::n_cell(tr, test),
            q: q_text(tr, test.q),
        }
    }
}

/// The findings page.
pub(crate) async fn show_patterns(
    Page { state, chrome, ctx }: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let scope = Scope::load(&state, &ctx, &chrome.tr, query.as_deref(), "patterns").await?;
    let analysis = match scope.hidden {
        None => Some(scope.analysis().await?),
        Some(_) => None,
    };
    render(StatusCode::OK, &PatternsPage::new(chrome, &scope, analysis))
}
