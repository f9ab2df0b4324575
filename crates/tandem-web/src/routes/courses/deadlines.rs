//! The course's deadlines as rows of the deadline table (overview and summary), the lights'
//! names, and the age prompts. The rules themselves are in `tandem_app::courses::deadlines`.

use tandem_app::courses::{CourseRecord, CourseSettings, MeetingDates, deadlines_of, supervision};
use tandem_domain::deadlines::{DeadlineKind, Light};
use tandem_domain::law::{AgePrompt, RuleId, age_prompts};
use time::Date;

use crate::i18n::Translator;
use crate::kit::{show_date, show_opt};

/// A deadline as a row of the deadline table.
#[derive(Debug, Clone)]
pub struct DeadlineRow {
    /// Which rule.
    pub label: String,
    /// Its paragraph: "barnets lov § 20, stk. 3".
    pub citation: String,
    /// Due.
    pub due: String,
    /// When met.
    pub met: String,
    /// `done`, `green`, `amber` or `red` (for the badge's class).
    pub light: &'static str,
    /// The light in words (colour is never the only carrier).
    pub light_label: String,
}

/// The light's class name.
#[must_use]
pub fn light_name(light: Light) -> &'static str {
    match light {
        Light::Done => "done",
        Light::Green => "green",
        Light::Amber => "amber",
        Light::Red => "red",
    }
}

fn kind_key(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Assessment => "deadline-assessment",
        DeadlineKind::Plan => "deadline-plan",
        DeadlineKind::FirstFollowUp => "deadline-first-follow-up",
        DeadlineKind::LaterFollowUp => "deadline-later-follow-up",
    }
}

/// The course's deadlines under the organization's rule set, on `today`.
#[must_use]
pub fn deadline_rows(
    tr: &Translator,
    (course, meetings): (&CourseRecord, &MeetingDates),
    settings: &CourseSettings,
    today: Date,
) -> Vec<DeadlineRow> {
    let mut rows: Vec<DeadlineRow> = deadlines_of(course, meetings, settings)
        .into_iter()
        .map(|d| {
            let light = d.light(today, settings.amber_days);
            let name = light_name(light);
            DeadlineRow {
                label: tr.t(kind_key(d.kind)),
                citation: d.kind.rule().citation(),
                due: show_date(tr, d.due),
                met: show_opt(tr, d.met),
                light: name,
                light_label: match d.met_on_time() {
                    Some(false) => tr.t("light-late"),
                    _ => tr.t(&format!("light-{name}")),
                },
            }
        })
        .collect();
    // A placed child: at least two supervision visits with a conversation in any 12 months (§ 156).
    if let Some(sup) = supervision(course, meetings, today) {
        rows.push(DeadlineRow {
            label: tr.t("deadline-supervision"),
            citation: RuleId::Supervision.citation(),
            due: tr.t_num(
                "deadline-supervision-count",
                "count",
                i64::try_from(sup.visits_in_year).unwrap_or(0),
            ),
            met: show_opt(tr, sup.last),
            light: if sup.ok { "green" } else { "red" },
            light_label: tr.t(if sup.ok { "light-green" } else { "light-red" }),
        });
    }
    rows
}

/// An age prompt as the course page shows it: what to do, and the paragraph it comes from.
#[derive(Debug, Clone)]
pub struct PromptRow {
    /// The prompt, translated, with its dates.
    pub text: String,
    /// Its paragraph.
    pub citation: String,
}

/// The age prompts that apply to the young person today, translated.
#[must_use]
pub fn prompts(tr: &Translator, birth: Date, today: Date) -> Vec<PromptRow> {
    age_prompts(birth, today)
        .into_iter()
        .map(|p| PromptRow {
            text: match p {
                AgePrompt::PartyRights => tr.t("prompt-party-rights"),
                AgePrompt::SupportPerson => tr.t("prompt-support-person"),
                // Once the date has passed, the prompt asks whether it was done.
                AgePrompt::YouthPlan { due } => tr.t_str(
                    if due < today {
                        "prompt-youth-plan-past"
                    } else {
                        "prompt-youth-plan"
                    },
                    "due",
                    &show_date(tr, due),
                ),
                AgePrompt::TransitionToAdulthood {
                    decide_by,
                    turns_adult,
                } => tr.t_strs(
                    if decide_by < today {
                        "prompt-transition-past"
                    } else {
                        "prompt-transition"
                    },
                    &[
                        ("adult", &show_date(tr, turns_adult)),
                        ("decide", &show_date(tr, decide_by)),
                    ],
                ),
                AgePrompt::YouthSupport { until } => {
                    tr.t_str("prompt-youth-window", "until", &show_date(tr, until))
                }
            },
            citation: p.rule().citation(),
        })
        .collect()
}
