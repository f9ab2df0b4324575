//! The practices on a member of staff's home page. A team manager sees what is due (the next
//! huddle, probe reviews, the good-enough story's revision when a trigger is met or a quarter
//! has passed, the pulse leaving its normal range, overdue steps), the team's open next steps and its profile card, with
//! example stories to tick and start a huddle from; a processor sees their own open steps; a
//! head of department sees every team's practice board.

use tandem_app::practices::home::{self, HuddleDue, ManagerDue};
use tandem_app::practices::{TeamRef, board, team};
use tandem_domain::policy::Action;
use tandem_domain::staff::StaffRole;
use time::Date;

use super::board::{StepRow, probe_row, step_rows};
use super::card::{TeamCard, team_card};
use super::may;
use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::Translator;
use crate::kit::show_date;
use crate::state::AppState;

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
        home.teams = team::active_teams(state.app(), staff.organization_id)
            .await?
            .into_iter()
            .map(|t| {
                (
                    t.name.as_str().to_owned(),
                    format!("/teams/{}/practices", t.id),
                )
            })
            .collect();
        return Ok(Some(home));
    }
    let Some(id) = staff
        .team_id
        .filter(|t| may(ctx, *t, Action::ViewPractices))
    else {
        return Ok(None);
    };
    let team = TeamRef {
        organization_id: staff.organization_id,
        id,
    };
    home.team_id = id.to_string();
    home.board = Some(format!("/teams/{id}/practices"));
    let today = state.today();
    if staff.role != StaffRole::TeamManager {
        let mut mine = board::open_steps(state.app(), team).await?;
        mine.retain(|s| s.owner_id == staff.user_id);
        home.steps = step_rows(tr, ctx, &home.team_id, &mine, today);
        return Ok(Some(home));
    }
    // The manager: what is due, the team's open steps, the card.
    let due = home::manager_due(state.app(), team, today).await?;
    home.due = due_items(tr, &home.team_id, &due, today);
    home.steps = step_rows(tr, ctx, &home.team_id, &due.open_steps, today);
    home.card = team_card(state, ctx, tr, id).await?;
    home.pick = may(ctx, id, Action::RunPractices);
    Ok(Some(home))
}

/// What is due, as the manager's home lists it, each with where to act on it.
fn due_items(tr: &Translator, team: &str, due: &ManagerDue, today: Date) -> Vec<DueItem> {
    let mut items = Vec::new();
    let new_huddle = format!("/teams/{team}/huddles/new");
    match due.huddle {
        Some(HuddleDue::First) => items.push(DueItem {
            text: tr.t("home-due-first-huddle"),
            href: new_huddle,
        }),
        Some(HuddleDue::Since(day)) => items.push(DueItem {
            text: tr.t_str("home-due-huddle", "date", &show_date(tr, day)),
            href: new_huddle,
        }),
        None => {}
    }
    for probe in &due.probes {
        let row = probe_row(tr, team, probe, today);
        items.push(DueItem {
            text: tr.t_str("home-due-probe", "title", &row.title),
            href: row.href,
        });
    }
    if let Some(why) = due.revision {
        items.push(DueItem {
            text: tr.t(super::account::due_key(why)),
            href: format!("/teams/{team}/good-enough-story#write"),
        });
    }
    if due.pulse_alert {
        items.push(DueItem {
            text: tr.t("pulse-alert"),
            href: format!("/teams/{team}/pulse"),
        });
    }
    if due.overdue > 0 {
        items.push(DueItem {
            text: tr.t_num(
                "home-due-steps",
                "count",
                i64::try_from(due.overdue).unwrap_or(i64::MAX),
            ),
            href: format!("/teams/{team}/practices#steps"),
        });
    }
    items
}
