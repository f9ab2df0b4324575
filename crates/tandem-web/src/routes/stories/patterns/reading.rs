//! How to read a finding (sensemaking.md §6): how many people its stories come from, whether it
//! holds when whole tellers are resampled, and what any finding can and cannot say — so a
//! manager does not take one colleague's habits, or a pattern, for a cause.

use tandem_analytics::stories::report::{EffectName, Test};
use tandem_analytics::stories::teller_aware::TellerAware;

use super::decimal;
use crate::i18n::Translator;
use crate::numbers::whole;

/// `key` with the finding's stories and the people who told them, when fewer people than
/// stories told them (`None` when every story has its own teller, or nobody is known).
fn with_people(tr: &Translator, test: &Test, key: &str) -> Option<String> {
    (test.n_tellers < test.n).then(|| {
        tr.t_strs(
            key,
            &[
                ("stories", &whole(tr, test.n)),
                ("people", &whole(tr, test.n_tellers)),
            ],
        )
    })
}

/// "1.108 fortællinger" or, when fewer people told them, "1.108 fortællinger fra 100 personer".
pub(super) fn told_by(tr: &Translator, test: &Test) -> String {
    with_people(tr, test, "patterns-told-by")
        .unwrap_or_else(|| tr.t_str("patterns-stories", "stories", &whole(tr, test.n)))
}

/// The findings list's n: "96", or "96 (12 personer)" when fewer people told the stories.
pub(super) fn n_cell(tr: &Translator, test: &Test) -> String {
    with_people(tr, test, "patterns-n-people").unwrap_or_else(|| whole(tr, test.n))
}

/// Whether the finding holds across people, with the interval and what it must clear.
pub(super) fn across_people(tr: &Translator, test: &Test, check: &TellerAware) -> String {
    let [low, high] = check.interval.map(|v| decimal(tr, v, 2));
    let key = match (check.holds, test.effect.name) {
        (true, _) => "patterns-holds",
        (false, EffectName::Rho | EffectName::RankBiserial) => "patterns-fails-zero",
        (false, EffectName::CramersV | EffectName::EpsilonSquared) => "patterns-fails-chance",
    };
    tr.t_strs(
        key,
        &[
            ("low", &low),
            ("high", &high),
            ("null", &decimal(tr, check.null, 2)),
            ("people", &whole(tr, check.drawn)),
            ("resamples", &whole(tr, check.resamples)),
        ],
    )
}

/// What this finding can and cannot say: stories are chosen by their tellers, a pattern is not
/// a cause, and how many people it rests on.
pub(super) fn limits(tr: &Translator, test: &Test) -> Vec<String> {
    let mut limits = vec![
        tr.t("patterns-limit-self-selected"),
        tr.t("patterns-limit-not-cause"),
    ];
    limits.push(
        with_people(tr, test, "patterns-limit-people")
            .unwrap_or_else(|| tr.t("patterns-limit-people-unknown")),
    );
    limits
}
