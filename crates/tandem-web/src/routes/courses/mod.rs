//! Co-production courses: the processor's workspace.
//!
//! Handlers parse the form, call the action in `tandem_app` and render or redirect; the rules
//! and every read and write of the database are there.
//!
//! Every route under `/courses/{course_id}` is declared [`Access::Course`]: the guard has already
//! asked the policy about *this* course before a handler runs, and answered 404 — the same as for
//! a course that does not exist — when the caller may not (R2). Handlers find the allowed course
//! in the [`RequestContext`]. Every read of a course page and every write is audited (R15).
//!
//! # Layout
//! - [`shared`]: the course header and tabs, and what may be changed.
//! - [`worklist`], [`create`], [`edit`], [`form`]: the worklist and the course form.
//! - [`assignment`], [`invitations`]: reassigning a course; inviting citizens.
//! - [`overview`] and [`deadlines`]: everything at a glance, and the deadline table.
//! - [`network`] and [`ecomap`]: relations, snapshots and the eco-map drawing.
//! - [`goals`], [`chart`], [`steps`], [`meetings`], [`ratings`]: the work itself.
//! - [`voice`]: statements, alerts and costs; [`summary`]: the record for the system of record.

mod assignment;
mod chart;
mod create;
mod deadlines;
mod ecomap;
mod edit;
mod form;
mod goals;
mod invitations;
mod meetings;
mod network;
mod overview;
mod ratings;
pub mod shared;
mod steps;
mod summary;
mod voice;
mod worklist;
pub(crate) mod worries;

use tandem_domain::policy::Action;

use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    let read = Access::Course(Action::ReadCourse);
    let edit = Access::Course(Action::EditCourse);
    vec![
        Route::get(
            "/courses",
            Access::Staff(Action::ViewWorklist),
            worklist::show_worklist,
        ),
        Route::get(
            "/courses/new",
            Access::Staff(Action::CreateCourse),
            create::new_course_form,
        ),
        Route::post(
            "/courses",
            Access::Staff(Action::CreateCourse),
            create::create_course,
        ),
        Route::get("/courses/{course_id}", read, overview::show_overview),
        Route::post(
            "/courses/{course_id}/assignment",
            Access::Course(Action::ReassignCourse),
            assignment::change_assignment,
        ),
        Route::post(
            "/courses/{course_id}/invitations",
            Access::Course(Action::InviteCitizens),
            invitations::invite,
        ),
        Route::post(
            "/courses/{course_id}/invitations/{invitation_id}/revoke",
            Access::Course(Action::InviteCitizens),
            invitations::revoke,
        ),
        Route::get("/courses/{course_id}/edit", edit, edit::edit_course_form),
        Route::post("/courses/{course_id}/edit", edit, edit::update_course),
        Route::get("/courses/{course_id}/network", read, network::show_network),
        Route::post("/courses/{course_id}/network", edit, network::add_member),
        Route::post(
            "/courses/{course_id}/network/parental-authority",
            edit,
            network::set_parental_authority,
        ),
        Route::post(
            "/courses/{course_id}/network/{member_id}/end",
            edit,
            network::end_member,
        ),
        Route::post(
            "/courses/{course_id}/network/snapshots",
            edit,
            network::take_snapshot,
        ),
        Route::get("/courses/{course_id}/goals", read, goals::show_goals),
        Route::post("/courses/{course_id}/goals", edit, goals::create_goal),
        Route::get(
            "/courses/{course_id}/goals/{goal_id}",
            read,
            goals::show_goal,
        ),
        Route::post(
            "/courses/{course_id}/goals/{goal_id}/status",
            edit,
            goals::set_goal_status,
        ),
        Route::get("/courses/{course_id}/steps", read, steps::show_steps),
        Route::post("/courses/{course_id}/steps", edit, steps::create_step),
        Route::post(
            "/courses/{course_id}/steps/{step_id}/status",
            edit,
            steps::set_step_status,
        ),
        Route::get(
            "/courses/{course_id}/meetings",
            read,
            meetings::show_meetings,
        ),
        Route::get(
            "/courses/{course_id}/meetings/new",
            edit,
            meetings::new_meeting_form,
        ),
        Route::post(
            "/courses/{course_id}/meetings",
            edit,
            meetings::create_meeting,
        ),
        Route::get(
            "/courses/{course_id}/meetings/{meeting_id}",
            read,
            meetings::show_meeting,
        ),
        Route::post(
            "/courses/{course_id}/meetings/{meeting_id}/feedback",
            edit,
            ratings::record_feedback,
        ),
        Route::get(
            "/courses/{course_id}/ratings/new",
            edit,
            ratings::new_round_form,
        ),
        Route::post("/courses/{course_id}/ratings", edit, ratings::open_round),
        Route::get(
            "/courses/{course_id}/ratings/{round_id}",
            read,
            ratings::show_round,
        ),
        Route::post(
            "/courses/{course_id}/ratings/{round_id}/raters/{rater_id}",
            edit,
            ratings::submit_rating,
        ),
        Route::post(
            "/courses/{course_id}/ratings/{round_id}/reveal",
            edit,
            ratings::reveal_round,
        ),
        Route::post(
            "/courses/{course_id}/ratings/{round_id}/reflection",
            edit,
            ratings::record_reflection,
        ),
        Route::post(
            "/courses/{course_id}/alerts/{alert_id}/resolve",
            edit,
            voice::resolve_alert,
        ),
        Route::get(
            "/courses/{course_id}/worries/{alert_id}",
            Access::Course(Action::AcknowledgeWorry),
            worries::show_worry,
        ),
        Route::post(
            "/courses/{course_id}/worries/{alert_id}/acknowledge",
            Access::Course(Action::AcknowledgeWorry),
            worries::acknowledge_worry,
        ),
        Route::get(
            "/courses/{course_id}/statements",
            read,
            voice::show_statements,
        ),
        Route::post(
            "/courses/{course_id}/statements/{statement_id}",
            edit,
            voice::answer_statement,
        ),
        Route::get("/courses/{course_id}/costs", read, voice::show_costs),
        Route::post("/courses/{course_id}/costs", edit, voice::add_cost),
        Route::get(
            "/courses/{course_id}/summary",
            Access::Course(Action::ExportCourse),
            summary::show_summary,
        )
        .with_step_up(),
        Route::get(
            "/courses/{course_id}/summary.json",
            Access::Course(Action::ExportCourse),
            summary::summary_json,
        )
        .with_step_up(),
    ]
}
