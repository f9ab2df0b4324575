//! What every course page shares: the header with the young person and the tabs, the audit
//! helpers, deadline rows and the display of dates and keywords.

pub use crate::kit::{input_date, instrument_name, item_label, path_id, show_date, show_opt, word};
use std::sync::Arc;
use tandem_domain::deadlines::{AgePrompt, DeadlineKind, Light, age_on, age_prompts, deadlines};
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use tandem_store::audit::NewAuditEvent;

use tandem_store::courses::{CourseRecord, MeetingDates, WorklistEntry};
use tandem_store::settings::CourseSettings;
use time::Date;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::state::AppState;

/// One tab of the course navigation.
#[derive(Debug, Clone)]
pub struct Tab {
    /// Where it leads.
    pub href: String,
    /// Its label.
    pub label: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The course header: who the course is for, and the tabs.
#[derive(Debug, Clone)]
pub struct CourseHeader {
    /// The course id.
    pub id: String,
    /// The young person's name.
    pub name: String,
    /// "15 years · Active · Processor: Pia"
    pub facts: String,
    /// The tabs.
    pub tabs: Vec<Tab>,
    /// Whether the caller may change the course (the processor) or only read it (the manager).
    pub can_edit: bool,
}

/// The tabs, in order: (path suffix, translation key).
const TABS: [(&str, &str); 7] = [
    ("", "course-tab-overview"),
    ("/network", "course-tab-network"),
    ("/goals", "course-tab-goals"),
    ("/steps", "course-tab-steps"),
    ("/meetings", "course-tab-meetings"),
    ("/statements", "course-tab-statements"),
    ("/costs", "course-tab-costs"),
];

/// The course of the request with its header; `current` is the tab's path suffix. The course
/// is the one the route guard read for this request (no second read).
///
/// # Errors
/// 404 on a route without a course.
pub fn load(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
    current: &str,
) -> Result<(CourseHeader, Arc<CourseRecord>), AppError> {
    let access = ctx.course()?;
    let course = ctx.course_record.clone().ok_or(AppError::NotFound)?;
    let d = &course.details;
    let age = age_on(d.birth_date, state.today());
    let facts = format!(
        "{} · {} · {}",
        tr.t_num("course-age", "age", i64::from(age)),
        word(tr, "kw-status", d.status.as_str()),
        tr.t_str("course-processor", "name", &course.processor_name),
    );
    let base = format!("/courses/{}", access.id);
    let header = CourseHeader {
        id: access.id.to_string(),
        name: d.young_person_name.as_str().to_owned(),
        facts,
        tabs: TABS
            .iter()
            .map(|(suffix, key)| Tab {
                href: format!("{base}{suffix}"),
                label: tr.t(key),
                current: *suffix == current,
            })
            .collect(),
        can_edit: may(ctx, Action::EditCourse),
    };
    Ok((header, course))
}

/// Whether the caller may perform `action` on the request's course.
#[must_use]
pub fn may(ctx: &RequestContext, action: Action) -> bool {
    ctx.course.as_ref().is_some_and(|course| {
        authorize(&ctx.principal, action, &Resource::Course(course.clone())) == Decision::Allow
    })
}

/// Records a read of the course (R15) before anything is served; fails closed.
///
/// # Errors
/// [`AppError::AuditUnavailable`] when the event cannot be written.
pub async fn audit_read(
    state: &AppState,
    ctx: &RequestContext,
    purpose: &str,
) -> Result<(), AppError> {
    let event = course_event(state, ctx, "course.read", "course", None, purpose)?;
    tandem_app::audit::record_read(state.app(), event).await?;
    Ok(())
}

/// An audit event about the request's course: the course (the young person's record) is the
/// subject; `object_id` names the goal, step or meeting when there is one.
///
/// # Errors
/// 404 on a route without a course.
pub fn course_event(
    state: &AppState,
    ctx: &RequestContext,
    action: &str,
    object_kind: &str,
    object_id: Option<String>,
    purpose: &str,
) -> Result<NewAuditEvent, AppError> {
    Ok(ctx.actor(state.now()).course_event(
        ctx.course_id()?,
        action,
        object_kind,
        object_id,
        purpose,
    ))
}

/// A deadline as a row of the deadline table.
#[derive(Debug, Clone)]
pub struct DeadlineRow {
    /// Which rule.
    pub label: String,
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
    let dates = course.details.deadline_dates(meetings.follow_ups.clone());
    let mut rows: Vec<DeadlineRow> = deadlines(&settings.rules.rules(), &dates)
        .into_iter()
        .map(|d| {
            let light = d.light(today, settings.amber_days);
            let name = light_name(light);
            DeadlineRow {
                label: tr.t(kind_key(d.kind)),
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
    let d = &course.details;
    if d.placement && d.status != tandem_domain::course::kinds::CourseStatus::Closed {
        let ok = tandem_domain::deadlines::supervision_ok(&meetings.supervision_visits, today);
        let last = meetings.supervision_visits.iter().max().copied();
        rows.push(DeadlineRow {
            label: tr.t("deadline-supervision"),
            due: tr.t_num(
                "deadline-supervision-count",
                "count",
                i64::try_from(tandem_domain::deadlines::supervision_visits_in_year(
                    &meetings.supervision_visits,
                    today,
                ))
                .unwrap_or(0),
            ),
            met: show_opt(tr, last),
            light: if ok { "green" } else { "red" },
            light_label: tr.t(if ok { "light-green" } else { "light-red" }),
        });
    }
    rows
}

/// The most urgent open deadline: (due date, light).
#[must_use]
pub fn next_deadline(
    entry: &WorklistEntry,
    settings: &CourseSettings,
    today: Date,
) -> Option<(Date, Light)> {
    let dates = entry
        .course
        .details
        .deadline_dates(entry.dates.follow_ups.clone());
    deadlines(&settings.rules.rules(), &dates)
        .into_iter()
        .filter(|d| d.met.is_none())
        .map(|d| (d.due, d.light(today, settings.amber_days)))
        .min_by_key(|(due, _)| *due)
}

/// The age prompts that apply to the young person today, translated.
#[must_use]
pub fn prompts(tr: &Translator, birth: Date, today: Date) -> Vec<String> {
    age_prompts(birth, today)
        .into_iter()
        .map(|p| {
            tr.t(match p {
                AgePrompt::PartyRights => "prompt-party-rights",
                AgePrompt::SupportPerson => "prompt-support-person",
                AgePrompt::ConsiderYouthPlan => "prompt-youth-plan",
                AgePrompt::YouthSupportWindow => "prompt-youth-window",
            })
        })
        .collect()
}

/// A revealed round in brief, for lists: "Goal scale · Mia 7 · Worker 5.5".
#[derive(Debug, Clone)]
pub struct RoundLine {
    /// Link to the round.
    pub href: String,
    /// When it was opened.
    pub date: String,
    /// What was rated.
    pub what: String,
    /// The values, or "waiting for 1 of 2 raters".
    pub values: String,
}

/// Brief lines for rounds: values only once revealed (blind rounds stay blind here too).
#[must_use]
pub fn round_lines(
    tr: &Translator,
    course_id: &str,
    rounds: &[tandem_store::ratings::RoundRecord],
    instruments: &[tandem_domain::instrument::Instrument],
    goals: &[tandem_store::work::GoalRecord],
) -> Vec<RoundLine> {
    rounds
        .iter()
        .map(|round| {
            let instrument = instruments.iter().find(|i| i.key == round.instrument_key);
            let mut what =
                instrument.map_or_else(|| round.instrument_key.clone(), |i| instrument_name(tr, i));
            if let Some(goal) = round
                .goal_id
                .as_ref()
                .and_then(|g| goals.iter().find(|goal| goal.id == *g))
            {
                what = format!("{what}: “{}”", goal.details.own_words.as_str());
            }
            let values = if round.revealed_at.is_some() {
                round
                    .raters
                    .iter()
                    .map(|r| {
                        let value = r.total.map_or_else(
                            || tr.t("rating-not-rated"),
                            tandem_domain::instrument::format_tenths,
                        );
                        format!("{} {value}", r.label)
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            } else {
                let waiting = round.raters.iter().filter(|r| r.values.is_none()).count();
                tr.t_args(
                    "rating-waiting",
                    &[
                        ("waiting", i64::try_from(waiting).unwrap_or(0)),
                        ("total", i64::try_from(round.raters.len()).unwrap_or(0)),
                    ],
                )
            };
            RoundLine {
                href: format!("/courses/{course_id}/ratings/{}", round.id),
                date: show_date(tr, crate::local_time::copenhagen_date(round.opened_at)),
                what,
                values,
            }
        })
        .collect()
}

/// A change to a course, as the audit trail records it.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// Dotted action, e.g. `goal.create`.
    pub action: &'a str,
    /// Kind of record changed.
    pub kind: &'a str,
    /// The record, when it is not the course itself.
    pub object_id: Option<String>,
    /// The page it was done from.
    pub purpose: &'a str,
}

/// Records `change` in the audit trail inside `tx`, commits, and sends the browser to `to` (303):
/// the end of every successful write on a course.
///
/// # Errors
/// A database error (the change is then not committed).
pub async fn commit_and_redirect(
    state: &AppState,
    ctx: &RequestContext,
    mut tx: tandem_store::tx::Tx,
    change: Change<'_>,
    to: &str,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    tx.append_audit(course_event(
        state,
        ctx,
        change.action,
        change.kind,
        change.object_id,
        change.purpose,
    )?)
    .await?;
    tx.commit().await?;
    Ok(axum::response::Redirect::to(to).into_response())
}
