//! The course overview: everything the processor needs at a glance — goals in the young person's
//! own words, the network, steps by owner, latest ratings, deadlines, recent meetings, unread
//! statements and open alerts.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::courses::overview::{AttentionItem, StaffUser};
use tandem_app::courses::{self, CourseRecord, Overview};
use tandem_app::steps::{self, StepRecord};
use tandem_domain::course::kinds::StatementTopic;
use tandem_domain::course::kinds::{AlertKind, GoalStatus, StepStatus};
use tandem_domain::policy::Action;
use time::Date;

use super::deadlines::{DeadlineRow, PromptRow, deadline_rows, prompts};
use super::ratings::{RoundLine, round_lines};
use super::shared::{CourseHeader, load, may, show_date, show_opt, word};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::forms::Choice;
use crate::i18n::Translator;
use crate::local_time::copenhagen_date;
use crate::page::Page;
use crate::page::{Chrome, render};

struct GoalLine {
    href: String,
    own_words: String,
    author: String,
    area: String,
}

struct OwnerLine {
    owner: String,
    open: i64,
    done: i64,
}

struct MeetingLine {
    href: String,
    date: String,
    kind: String,
    young_person_present: bool,
}

struct AlertLine {
    id: String,
    kind: String,
    detail: String,
    raised: String,
    /// A worry is acknowledged on its own page (receipt, reply), not with the generic form.
    worry: bool,
}

struct StatementLine {
    topic: String,
    date: String,
    worry: bool,
}

#[derive(Template)]
#[template(path = "courses/overview.html")]
struct OverviewPage {
    chrome: Chrome,
    header: CourseHeader,
    goals: Vec<GoalLine>,
    network: Vec<String>,
    owners: Vec<OwnerLine>,
    ratings: Vec<RoundLine>,
    deadlines: Vec<DeadlineRow>,
    prompts: Vec<PromptRow>,
    meetings: Vec<MeetingLine>,
    alerts: Vec<AlertLine>,
    statements: Vec<StatementLine>,
    internal_note: Option<String>,
    legal_basis: String,
    next_meeting: String,
    /// For the team manager: the team's processors, to reassign or add a deputy.
    assignment: Option<Assignment>,
}

/// The processors and the deputies to choose from.
type Assignment = (Vec<Choice>, Vec<Choice>);

pub(super) async fn show_overview(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let (header, entry) = load(&state, &ctx, &chrome.tr, "")?;
    let actor = ctx.actor(state.now());
    let reassign = may(&ctx, Action::ReassignCourse);
    let data = courses::overview(state.app(), &actor, ctx.course()?, reassign).await?;
    let page = OverviewPage::new(chrome, header, &ctx, &entry, &data, state.today());
    render(StatusCode::OK, &page)
}

/// The manager's choices: the team's processors (the current one chosen) and the same people
/// as deputies (none chosen).
fn assignment_choices(
    tr: &Translator,
    entry: &CourseRecord,
    processors: &[StaffUser],
) -> Assignment {
    let processors = Choice::list(
        processors
            .iter()
            .map(|u| (u.id.to_string(), u.display_name.as_str().to_owned())),
        &entry.processor_id.to_string(),
    );
    let mut deputies = vec![Choice {
        value: String::new(),
        label: tr.t("assignment-no-deputy"),
        selected: true,
    }];
    deputies.extend(processors.iter().map(|p| Choice {
        selected: false,
        ..p.clone()
    }));
    (processors, deputies)
}

fn owner_lines(steps: &[StepRecord], young: &str) -> Vec<OwnerLine> {
    steps::by_owner(steps, young)
        .into_iter()
        .map(|(owner, steps)| {
            let done = steps
                .iter()
                .filter(|s| s.status == StepStatus::Done)
                .count();
            OwnerLine {
                owner: owner.to_owned(),
                open: i64::try_from(steps.len() - done).unwrap_or(0),
                done: i64::try_from(done).unwrap_or(0),
            }
        })
        .collect()
}

/// An alert's machine-made detail as the reader writes numbers ("4,9 → 2,7"); nothing for a
/// worry, whose detail is a machine word ("statement") and whose own page says the rest.
pub(super) fn alert_detail(tr: &Translator, kind: AlertKind, detail: &str) -> String {
    if kind == AlertKind::Worry {
        String::new()
    } else {
        crate::numbers::numbers_in(tr, detail)
    }
}

fn alert_lines(tr: &Translator, attention: &[AttentionItem]) -> Vec<AlertLine> {
    attention
        .iter()
        .filter_map(|item| match item {
            AttentionItem::Alert {
                id,
                kind,
                detail,
                raised_at,
            } => Some(AlertLine {
                id: id.to_string(),
                kind: word(tr, "kw-alert", kind.as_str()),
                worry: *kind == AlertKind::Worry,
                detail: alert_detail(tr, *kind, detail),
                raised: show_date(tr, copenhagen_date(*raised_at)),
            }),
            AttentionItem::Statement { .. } => None,
        })
        .collect()
}

fn statement_lines(tr: &Translator, attention: &[AttentionItem]) -> Vec<StatementLine> {
    attention
        .iter()
        .filter_map(|item| match item {
            AttentionItem::Statement {
                topic,
                unsafe_flag,
                created_at,
                ..
            } => Some(StatementLine {
                topic: word(tr, "kw-topic", topic.as_str()),
                date: show_date(tr, copenhagen_date(*created_at)),
                worry: *unsafe_flag || *topic == StatementTopic::Worry,
            }),
            AttentionItem::Alert { .. } => None,
        })
        .collect()
}

impl OverviewPage {
    fn new(
        chrome: Chrome,
        header: CourseHeader,
        ctx: &RequestContext,
        entry: &CourseRecord,
        data: &Overview,
        today: Date,
    ) -> Self {
        let tr = &chrome.tr;
        let config = &data.configuration;
        let dates = &data.glance.meeting_dates;
        let course_id = entry.id.to_string();
        let rounds = &data.glance.rounds;
        Self {
            goals: data
                .glance
                .goals
                .iter()
                .filter(|g| g.status == GoalStatus::Active)
                .map(|g| GoalLine {
                    href: format!("/courses/{course_id}/goals/{}", g.id),
                    own_words: g.details.own_words.as_str().to_owned(),
                    author: g.details.author.as_str().to_owned(),
                    area: word(tr, "kw-area", g.details.life_area.as_str()),
                })
                .collect(),
            network: data
                .glance
                .network
                .iter()
                .filter(|m| m.active_to.is_none())
                .map(|m| {
                    format!(
                        "{} ({})",
                        m.details.name.as_str(),
                        m.details.relation.as_str()
                    )
                })
                .collect(),
            owners: owner_lines(&data.glance.steps, entry.details.young_person_name.as_str()),
            ratings: round_lines(
                tr,
                &course_id,
                rounds,
                &config.instruments,
                &data.glance.goals,
            ),
            deadlines: deadline_rows(tr, (entry, dates), &config.settings, today),
            prompts: prompts(tr, entry.details.birth_date, today),
            meetings: data
                .glance
                .meetings
                .iter()
                .take(3)
                .map(|m| MeetingLine {
                    href: format!("/courses/{course_id}/meetings/{}", m.id),
                    date: show_date(tr, m.held_on),
                    kind: word(tr, "kw-meeting", m.kind.as_str()),
                    young_person_present: m.young_person_present,
                })
                .collect(),
            alerts: alert_lines(tr, &data.glance.attention),
            statements: statement_lines(tr, &data.glance.attention),
            internal_note: if may(ctx, Action::ReadInternalNotes) {
                entry.internal_note.clone()
            } else {
                None
            },
            legal_basis: entry.details.legal_basis.clone(),
            next_meeting: show_opt(tr, dates.next_meeting(today)),
            assignment: data
                .processors
                .as_deref()
                .map(|p| assignment_choices(tr, entry, p)),
            header,
            chrome,
        }
    }
}
