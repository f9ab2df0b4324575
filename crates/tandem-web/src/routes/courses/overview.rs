//! The course overview: everything the processor needs at a glance — goals in the young person's
//! own words, the network, steps by owner, latest ratings, deadlines, recent meetings, unread
//! statements and open alerts.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_domain::course::kinds::StatementTopic;
use tandem_domain::course::kinds::{GoalStatus, StepStatus};
use tandem_domain::policy::Action;
use tandem_store::attention::AttentionItem;
use tandem_store::courses::MeetingDates;
use tandem_store::work::steps_by_owner;

use super::shared::{
    CourseHeader, DeadlineRow, RoundLine, audit_read, deadline_rows, load, may, prompts,
    round_lines, show_date, show_opt, word,
};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::local_time::copenhagen_date;
use crate::page::{Chrome, render};
use crate::state::AppState;

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
    prompts: Vec<String>,
    meetings: Vec<MeetingLine>,
    alerts: Vec<AlertLine>,
    statements: Vec<StatementLine>,
    internal_note: Option<String>,
    legal_basis: String,
    next_meeting: String,
    /// For the team manager: the team's processors, to reassign or add a deputy.
    assignment: Option<(Vec<crate::forms::Choice>, Vec<crate::forms::Choice>)>,
}

pub(super) async fn show_overview(
    State(state): State<AppState>,
    chrome: Chrome,
    ctx: RequestContext,
) -> Result<Response, AppError> {
    let tr = &chrome.tr;
    let (header, entry) = load(&state, &ctx, tr, "")?;
    let (org, id) = (entry.organization_id, entry.id);
    let store = state.store();
    let config = state.app().configuration(org).await?;
    let (settings, instruments) = (&config.settings, &config.instruments);
    let goals = store.goals_of(org, id).await?;
    let network = store.network_of(org, id).await?;
    let steps = store.steps_of(org, id).await?;
    let meetings = store.meetings_of(org, id).await?;
    let rounds = store.rounds_of(org, id).await?;
    let attention = store.course_attention(org, id).await?;
    audit_read(&state, &ctx, "course overview").await?;
    let assignment = if may(&ctx, Action::ReassignCourse) {
        let current = entry.processor_id.to_string();
        let processors = super::assignment::team_processors(&state, &ctx, &current).await?;
        let mut deputies = vec![crate::forms::Choice {
            value: String::new(),
            label: chrome.tr.t("assignment-no-deputy"),
            selected: true,
        }];
        // The same people, none chosen.
        deputies.extend(processors.iter().map(|p| crate::forms::Choice {
            selected: false,
            ..p.clone()
        }));
        Some((processors, deputies))
    } else {
        None
    };

    let today = state.today();
    let dates = MeetingDates::of(&meetings);
    let young = entry.details.young_person_name.as_str();
    let owners = steps_by_owner(&steps, young)
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
        .collect();
    let course_id = id.to_string();
    let page = OverviewPage {
        goals: goals
            .iter()
            .filter(|g| g.status == GoalStatus::Active)
            .map(|g| GoalLine {
                href: format!("/courses/{course_id}/goals/{}", g.id),
                own_words: g.details.own_words.as_str().to_owned(),
                author: g.details.author.as_str().to_owned(),
                area: word(tr, "kw-area", g.details.life_area.as_str()),
            })
            .collect(),
        network: network
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
        owners,
        ratings: round_lines(
            tr,
            &course_id,
            &rounds[..rounds.len().min(5)],
            instruments,
            &goals,
        ),
        deadlines: deadline_rows(tr, (&entry, &dates), settings, today),
        prompts: prompts(tr, entry.details.birth_date, today),
        meetings: meetings
            .iter()
            .take(3)
            .map(|m| MeetingLine {
                href: format!("/courses/{course_id}/meetings/{}", m.id),
                date: show_date(tr, m.details.held_on),
                kind: word(tr, "kw-meeting", m.details.kind.as_str()),
                young_person_present: m.details.young_person_present,
            })
            .collect(),
        alerts: attention
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
                    detail: detail.clone(),
                    raised: show_date(tr, copenhagen_date(*raised_at)),
                }),
                AttentionItem::Statement { .. } => None,
            })
            .collect(),
        statements: attention
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
            .collect(),
        internal_note: if may(&ctx, Action::ReadInternalNotes) {
            entry.internal_note.clone()
        } else {
            None
        },
        legal_basis: entry.details.legal_basis.clone(),
        next_meeting: show_opt(tr, dates.next_meeting),
        assignment,
        header,
        chrome,
    };
    render(StatusCode::OK, &page)
}
