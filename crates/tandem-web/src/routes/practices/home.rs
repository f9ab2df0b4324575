//! The practices on a member of staff's home page. A team manager sees what is due (the next
//! huddle, probe reviews, the good-enough story's revision when a trigger is met or a quarter
//! has passed, the pulse leaving its normal range, overdue steps), the team's open next steps and its profile card, with
//! example stories to tick and start a huddle from; a processor sees their own open steps; a
//! head of department sees every team's practice board.

use tandem_domain::policy::Action;
use tandem_domain::staff::StaffRole;

use super::board::{StepRow, probe_row, step_rows};
use super::card::{TeamCard, team_card};
use super::may;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::state::AppState;

/// Without a huddle for this many days, the next one is due (the practice is "short and
/// regular"; two weeks is the longest gap the manager's home lets pass quietly).
pub(crate) const HUDDLE_DUE_AFTER_DAYS: i64 = 14;

/// Something due, with where to act on it.
pub(crate) struct DueItem {
    pub(crate) text: String,
    pub(crate) href: String,
}

/// The practices part of the home page.
pub(crate) struct PracticeHome {
    pub(crate) team_id: String,
    pub(crate) board: Option<String>,
    pub(crate) due: Vec<DueItem>,
    pub(crate) steps: Vec<StepRow>,
    pub(crate) card: Option<TeamCard>,
    pub(crate) pick: bool,
    /// For heads: (team name, board link).
    pub(crate) teams: Vec<(String, String)>,
}

/// The practices part of the caller's home page, if their role has one.
pub(crate) async fn practice_home(
    state: &AppState,
    ctx: &RequestContext,
    tr: &Translator,
) -> Result<Option<PracticeHome>, AppError> {
    let staff = *ctx.staff()?;
    let org = staff.organization_id;
    let mut home = PracticeHome {
        team_id: String::new(),
        board: None,
        due: Vec::new(),
        steps: Vec::new(),
        card: None,
        pick: false,
        teams: Vec::new(),
    };
    if staff.role == StaffRole::HeadOfDepartment {
        home.teams = state
            .store()
            .teams_of(org)
            .await?
            .into_iter()
            .filter(|t| t.deactivated_at.is_none())
            .map(|t| {
                (
                    t.name.as_str().to_owned(),
                    format!("/teams/{}/practices", t.id),
                )
            })
            .collect();
        return Ok(Some(home));
    }
    let Some(team) = staff.team_id else {
        return Ok(None);
    };
    if !may(ctx, team, Action::ViewPractices) {
        return Ok(None);
    }
    let team_text = team.to_string();
    home.team_id.clone_from(&team_text);
    home.board = Some(format!("/teams/{team}/practices"));
    let today = state.today();
    let open = state.store().open_steps(org, team).await?;
    if staff.role != StaffRole::TeamManager {
        let mine: Vec<_> = open
            .into_iter()
            .filter(|s| s.owner_id == staff.user_id)
            .collect();
        home.steps = step_rows(tr, ctx, &team_text, &mine, today);
        return Ok(Some(home));
    }
    // The manager: what is due, the team's open steps, the card.
    let last = state
        .store()
        .huddles(org, team)
        .await?
        .into_iter()
        .map(|h| h.details.held_on)
        .filter(|d| *d <= today)
        .max();
    let new_huddle = format!("/teams/{team}/huddles/new");
    match last {
        None => home.due.push(DueItem {
            text: tr.t("home-due-first-huddle"),
            href: new_huddle,
        }),
        Some(day) if (today - day).whole_days() >= HUDDLE_DUE_AFTER_DAYS => {
            home.due.push(DueItem {
                text: tr.t_str("home-due-huddle", "date", &show_date(tr, day)),
                href: new_huddle,
            });
        }
        Some(_) => {}
    }
    for probe in state.store().probes(org, team).await? {
        if probe.review_due(today) {
            let row = probe_row(tr, &team_text, &probe, today);
            home.due.push(DueItem {
                text: tr.t_str("home-due-probe", "title", &row.title),
                href: row.href,
            });
        }
    }
    let account = state.store().account(org, team).await?;
    if let Some(why) = tandem_domain::practice::account::revision_due(
        account.current().map(|v| v.written_on),
        &account.met_days(),
        today,
    ) {
        home.due.push(DueItem {
            text: tr.t(super::account::due_key(why)),
            href: format!("/teams/{team}/good-enough-story#write"),
        });
    }
    if let Some((_, weeks)) = super::rhythms::team_pulse(state, org, team).await?
        && super::rhythms::pulse_alert(&weeks)
    {
        home.due.push(DueItem {
            text: tr.t("pulse-alert"),
            href: format!("/teams/{team}/pulse"),
        });
    }
    let overdue = open.iter().filter(|s| s.is_overdue(today)).count();
    if overdue > 0 {
        home.due.push(DueItem {
            text: tr.t_num(
                "home-due-steps",
                "count",
                i64::try_from(overdue).unwrap_or(i64::MAX),
            ),
            href: format!("/teams/{team}/practices#steps"),
        });
    }
    home.steps = step_rows(tr, ctx, &team_text, &open, today);
    home.card = team_card(state, ctx, tr, team).await?;
    home.pick = may(ctx, team, Action::RunPractices);
    Ok(Some(home))
}
