//! A team's sensemaking practices (sensemaking specification §4): the practice board, huddles,
//! the probe register, next steps and "you said, we did", plus the team's hybrid profile card.
//!
//! Every route is declared [`Access::Team`]: the guard has asked the policy about the team of the
//! path before a handler runs (processors read and contribute in their own team, team managers
//! run their own team's practices, heads read every team's), and a team outside the caller's
//! reach answers 404 like one that does not exist. Each page that shows stories or what was
//! said about them is written to the audit trail before it is served.
//!
//! # Layout
//! - this file: the routes, the team header and the request's team for `tandem-app`.
//! - [`page_forms`]: the state of a page's forms (typed values, errors, the saved notice) and
//!   the story pickers.
//! - [`links`]: linked stories as links, for those who may browse their campaign.
//! - [`board`]: the practice board (huddles, probes, open next steps, the outcome log, the card).
//! - [`card`]: the team's hybrid profile card with example stories beside each index.
//! - [`card_export`]: the card as XLSX or CSV (step-up, audited).
//! - [`home`]: the practices on a member of staff's home page.
//! - [`huddles`]: a new huddle, a huddle's page, interpretations and next steps.
//! - [`probes`]: a new probe, a probe's page and its decisions.
//! - [`probe_charts`]: a probe's course measures as run charts on its page.
//! - [`probe_marks`]: a probe's intent as a marked region, with its share of stories.
//! - [`outcomes`]: publishing "you said, we did" to a campaign's audience.
//! - [`intentions`]: the manager's intended-logic questionnaire (the card's gap).
//! - [`management`]: the decision journal and the quarter's view of management four ways.
//! - [`account`]: the good-enough story (versions, changes, resonance, triggers, contradictions).
//! - [`vocabulary`]: the team's terms, staff definitions and their uptake in stories.
//! - [`cues`]: small surprises noticed, amplified and followed up.
//! - [`dilemmas`]: rounds on stories where logics collided.
//! - [`retrospectives`]: closed courses looked back on, episode by episode.
//! - [`rhythms`]: the weekly pulse and the monthly identity check-in.

mod account;
pub(crate) mod board;
pub(crate) mod card;
mod card_export;
mod cues;
mod dilemmas;
pub(crate) mod home;
mod huddles;
mod intentions;
mod links;
mod management;
mod outcomes;
mod page_forms;
mod probe_charts;
mod probe_marks;
mod probes;
mod retrospectives;
pub(crate) mod rhythms;
mod vocabulary;

use tandem_app::practices::{TeamRef, team};
use tandem_domain::Id;
use tandem_domain::policy::{Action, Decision, Resource, authorize};
use tandem_domain::staff::Team;

use crate::context::RequestContext;
use crate::error::AppError;
use crate::route::{Access, Route};
use crate::state::AppState;

pub(crate) use links::{StoryLink, story_links};
pub(crate) use page_forms::PageForms;
use page_forms::{chosen_story, story_choices, story_ids, voice_choices};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    let view = Access::Team(Action::ViewPractices);
    let contribute = Access::Team(Action::ContributeToPractices);
    let run = Access::Team(Action::RunPractices);
    vec![
        Route::get("/teams/{team_id}/practices", view, board::show_board),
        Route::get(
            "/teams/{team_id}/huddles/new",
            run,
            huddles::new_huddle_form,
        ),
        Route::post("/teams/{team_id}/huddles", run, huddles::create_huddle),
        Route::get(
            "/teams/{team_id}/huddles/{huddle_id}",
            view,
            huddles::show_huddle,
        ),
        Route::post(
            "/teams/{team_id}/huddles/{huddle_id}/interpretations",
            contribute,
            huddles::add_interpretation,
        ),
        Route::post(
            "/teams/{team_id}/huddles/{huddle_id}/next-steps",
            run,
            huddles::add_next_step,
        ),
        Route::post(
            "/teams/{team_id}/next-steps/{next_step_id}/done",
            contribute,
            huddles::mark_step_done,
        ),
        Route::get("/teams/{team_id}/probes/new", run, probes::new_probe_form),
        Route::post("/teams/{team_id}/probes", run, probes::create_probe),
        Route::get(
            "/teams/{team_id}/probes/{probe_id}",
            view,
            probes::show_probe,
        ),
        Route::post(
            "/teams/{team_id}/probes/{probe_id}/decisions",
            run,
            probes::decide_probe,
        ),
        Route::post("/teams/{team_id}/outcomes", run, outcomes::publish_outcome),
        Route::get(
            "/teams/{team_id}/good-enough-story",
            view,
            account::show_account,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/versions",
            run,
            account::write_version,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/ratings",
            contribute,
            account::rate_version,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/triggers",
            run,
            account::add_trigger,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/triggers/{trigger_id}/met",
            contribute,
            account::meet_trigger,
        ),
        Route::post(
            "/teams/{team_id}/good-enough-story/contradictions",
            contribute,
            account::add_contradiction,
        ),
        Route::get(
            "/teams/{team_id}/vocabulary",
            view,
            vocabulary::show_vocabulary,
        ),
        Route::post(
            "/teams/{team_id}/vocabulary",
            run,
            vocabulary::introduce_term,
        ),
        Route::post(
            "/teams/{team_id}/vocabulary/{term_id}/definitions",
            contribute,
            vocabulary::define_term,
        ),
        Route::get("/teams/{team_id}/decisions", view, management::show_journal),
        Route::post(
            "/teams/{team_id}/decisions",
            run,
            management::record_decision,
        ),
        Route::get(
            "/teams/{team_id}/management",
            view,
            management::show_management,
        ),
        Route::get("/teams/{team_id}/cues", view, cues::show_cues),
        Route::post("/teams/{team_id}/cues", contribute, cues::add_cue),
        Route::post("/teams/{team_id}/cues/{cue_id}", run, cues::follow_up_cue),
        Route::get("/teams/{team_id}/dilemmas", view, dilemmas::show_rounds),
        Route::post("/teams/{team_id}/dilemmas", run, dilemmas::create_round),
        Route::get(
            "/teams/{team_id}/dilemmas/{dilemma_id}",
            view,
            dilemmas::show_round,
        ),
        Route::post(
            "/teams/{team_id}/dilemmas/{dilemma_id}/handlings",
            run,
            dilemmas::handle_story,
        ),
        Route::get(
            "/teams/{team_id}/retrospectives",
            view,
            retrospectives::show_retrospectives,
        ),
        Route::post(
            "/teams/{team_id}/retrospectives",
            run,
            retrospectives::create_retrospective,
        ),
        Route::post(
            "/teams/{team_id}/retrospectives/{retrospective_id}/episodes",
            run,
            retrospectives::add_episode,
        ),
        Route::get(
            "/teams/{team_id}/card/export.xlsx",
            Access::Team(Action::ExportViews),
            card_export::export_card_xlsx,
        )
        .with_step_up(),
        Route::get(
            "/teams/{team_id}/card/export.csv",
            Access::Team(Action::ExportViews),
            card_export::export_card_csv,
        )
        .with_step_up(),
        Route::get("/teams/{team_id}/pulse", view, rhythms::show_pulse),
        Route::get("/teams/{team_id}/identity", view, rhythms::show_identity),
        Route::post("/teams/{team_id}/rhythms", run, rhythms::set_campaign),
        Route::get(
            "/teams/{team_id}/intended-mix",
            run,
            intentions::intention_form,
        ),
        Route::post(
            "/teams/{team_id}/intended-mix",
            run,
            intentions::set_intention,
        ),
    ]
}

/// The team a page is about and what the caller may do there.
pub(crate) struct TeamHeader {
    /// The team's id.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: String,
    /// Whether the caller runs the team's practices (its manager).
    pub(crate) may_run: bool,
    /// Whether the caller may add to them (its manager and processors).
    pub(crate) may_contribute: bool,
}

/// Whether the caller may perform `action` on the practices of `team`.
pub(crate) fn may(ctx: &RequestContext, team: Id<Team>, action: Action) -> bool {
    let Some(staff) = ctx.principal.staff() else {
        return false;
    };
    let resource = Resource::Team {
        id: team,
        organization_id: staff.organization_id,
    };
    authorize(&ctx.principal, action, &resource) == Decision::Allow
}

/// The request's team as `tandem-app` takes it (the guard has allowed it).
pub(crate) fn team_ref(ctx: &RequestContext) -> Result<TeamRef, AppError> {
    Ok(TeamRef {
        organization_id: ctx.staff()?.organization_id,
        id: ctx.team()?,
    })
}

/// The header of a team route (the guard has allowed the team).
async fn team_header(state: &AppState, ctx: &RequestContext) -> Result<TeamHeader, AppError> {
    let id = ctx.team()?;
    let team = team::active(state.app(), team_ref(ctx)?).await?;
    Ok(TeamHeader {
        id: id.to_string(),
        name: team.name.as_str().to_owned(),
        may_run: may(ctx, id, Action::RunPractices),
        may_contribute: may(ctx, id, Action::ContributeToPractices),
    })
}
