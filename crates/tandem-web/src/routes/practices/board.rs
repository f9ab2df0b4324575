//! The practice board of a team: the team's profile card, huddles, the probe board with what
//! is due, open next steps and the "you said, we did" log.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tandem_app::practices::board::{self, Board, NextStepRecord, ProbeRecord};
use tandem_domain::practice::Voice;
use time::Date;

use super::card::{TeamCard, team_card};
use super::{TeamHeader, team_header, team_ref};
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::page::Page;
use crate::page::{Chrome, render};

/// A huddle in the list.
pub(crate) struct HuddleRow {
    pub(crate) href: String,
    pub(crate) date: String,
    pub(crate) topic: String,
    pub(crate) voices: String,
    pub(crate) outside_voice: bool,
    pub(crate) stories: i64,
    pub(crate) interpretations: i64,
}

/// A probe on the board.
pub(crate) struct ProbeRow {
    pub(crate) href: String,
    pub(crate) title: String,
    pub(crate) owner: String,
    pub(crate) review: String,
    pub(crate) status: String,
    pub(crate) due: bool,
}

/// An open next step.
pub(crate) struct StepRow {
    pub(crate) id: String,
    pub(crate) description: String,
    pub(crate) owner: String,
    pub(crate) due: String,
    pub(crate) overdue: bool,
    /// Whether the caller may mark it done (its owner or the manager).
    pub(crate) may_finish: bool,
    pub(crate) huddle: Option<String>,
}

/// A published outcome.
pub(crate) struct OutcomeRow {
    pub(crate) date: String,
    pub(crate) campaign: String,
    pub(crate) said: String,
    pub(crate) did: String,
}

#[derive(Template)]
#[template(path = "practices/board.html")]
struct BoardPage {
    chrome: Chrome,
    team: TeamHeader,
    card: Option<TeamCard>,
    huddles: Vec<HuddleRow>,
    probes: Vec<ProbeRow>,
    steps: Vec<StepRow>,
    outcomes: Vec<OutcomeRow>,
    /// "3 of the last 4 huddles had a voice from outside the staff".
    voice_diversity: Option<String>,
    /// Where a "done" button returns to.
    back: String,
}

/// "4 processors, 1 from the network".
pub(crate) fn voices_text(
    tr: &Translator,
    participants: &tandem_domain::practice::Participants,
) -> String {
    Voice::ALL
        .iter()
        .filter(|v| participants.count(**v) > 0)
        .map(|v| {
            tr.t_num(
                &format!("voice-count-{}", v.as_str()),
                "count",
                i64::from(participants.count(*v)),
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A probe's row: review due, running, or stopped (with the last decision).
pub(crate) fn probe_row(tr: &Translator, team: &str, probe: &ProbeRecord, today: Date) -> ProbeRow {
    let due = probe.review_due(today);
    let status = if probe.stopped {
        tr.t("probe-status-stopped")
    } else if due {
        tr.t("probe-status-due")
    } else if let Some(last) = probe.decisions.last() {
        tr.t(&format!("probe-decision-{}", last.decision.as_str()))
    } else {
        tr.t("probe-status-running")
    };
    ProbeRow {
        href: format!("/teams/{team}/probes/{}", probe.id),
        title: probe.details.title.as_str().to_owned(),
        owner: probe.owner_name.clone(),
        review: show_date(tr, probe.details.review_on),
        status,
        due,
    }
}

/// The open next steps as rows; `me` may finish their own, a manager any.
pub(crate) fn step_rows(
    tr: &Translator,
    ctx: &RequestContext,
    team: &str,
    steps: &[NextStepRecord],
    today: Date,
) -> Vec<StepRow> {
    let staff = ctx.principal.staff();
    steps
        .iter()
        .filter(|s| s.done_at.is_none())
        .map(|s| StepRow {
            id: s.id.to_string(),
            description: s.description.as_str().to_owned(),
            owner: s.owner_name.clone(),
            due: show_date(tr, s.due_on),
            overdue: s.is_overdue(today),
            may_finish: staff.is_some_and(|me| {
                me.team_id.is_some_and(|t| t.to_string() == team)
                    && tandem_app::practices::huddles::may_mark_done(me, s)
            }),
            huddle: s.huddle_id.map(|h| format!("/teams/{team}/huddles/{h}")),
        })
        .collect()
}

impl BoardPage {
    fn new(
        chrome: Chrome,
        ctx: &RequestContext,
        team: TeamHeader,
        board: &Board,
        (card, today): (Option<TeamCard>, Date),
    ) -> Self {
        let tr = chrome.tr.clone();
        let recent: Vec<_> = board.huddles.iter().take(4).collect();
        let with = recent
            .iter()
            .filter(|h| h.details.participants.has_outside_voice())
            .count()
            .to_string();
        let voice_diversity = (!recent.is_empty()).then(|| {
            let of = recent.len().to_string();
            tr.t_strs("board-voice-diversity", &[("with", &with), ("of", &of)])
        });
        Self {
            huddles: board
                .huddles
                .iter()
                .map(|h| HuddleRow {
                    href: format!("/teams/{}/huddles/{}", team.id, h.id),
                    date: show_date(&tr, h.details.held_on),
                    topic: h.details.topic.as_str().to_owned(),
                    voices: voices_text(&tr, &h.details.participants),
                    outside_voice: h.details.participants.has_outside_voice(),
                    stories: h.stories,
                    interpretations: h.interpretations,
                })
                .collect(),
            probes: board
                .probes
                .iter()
                .map(|p| probe_row(&tr, &team.id, p, today))
                .collect(),
            steps: step_rows(&tr, ctx, &team.id, &board.open_steps, today),
            outcomes: board
                .outcomes
                .iter()
                .map(|o| OutcomeRow {
                    date: show_date(&tr, o.published_on),
                    campaign: o.campaign_title.clone(),
                    said: o.said.as_str().to_owned(),
                    did: o.did.as_str().to_owned(),
                })
                .collect(),
            voice_diversity,
            back: format!("/teams/{}/practices#steps", team.id),
            card,
            team,
            chrome,
        }
    }
}

/// The team's practice board.
pub(crate) async fn show_board(Page { state, chrome, ctx }: Page) -> Result<Response, AppError> {
    let team = team_header(&state, &ctx).await?;
    let (actor, team_ref) = (ctx.actor(state.now()), team_ref(&ctx)?);
    let board = board::show(state.app(), &actor, team_ref).await?;
    let card = team_card(&state, &ctx, &chrome.tr, team_ref.id).await?;
    let page = BoardPage::new(chrome, &ctx, team, &board, (card, state.today()));
    render(StatusCode::OK, &page)
}
