//! The citizens' side: invitations are accepted here, and the young person and network members
//! sign in to their own area — plain language, phone first, limited to what their role and
//! consent allow (R4, R7). Everything they read or change is audited like staff access.
//!
//! # Layout
//! - [`invitation`]: accepting an invitation (choose a sign-in name and password).
//! - [`login`]: the citizens' sign-in and sign-out.
//! - [`home`]: "my course": goals, steps, meetings in scope, ratings and feedback waiting.
//! - [`changes`]: goals in their own words, their own steps, messages to the processor.
//! - [`ratings`]: their blind rating in a round, and feedback after a meeting.
//! - [`account`]: approving minutes or disagreeing with them, changing their password.
//! - [`consent`]: who in their network may see what, changed by the young person from 15.
//! - [`data`]: who looked at my data (R17) and download my data (R21).

mod account;
mod changes;
mod consent;
mod data;
mod home;
mod invitation;
mod login;
mod ratings;
mod thread;

use tandem_domain::policy::Action;

use crate::route::{Access, Route};

/// The routes of this module.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get(
            "/invitation/{token}",
            Access::Public,
            invitation::show_invitation,
        ),
        Route::post(
            "/invitation/{token}",
            Access::Public,
            invitation::accept_invitation,
        ),
        Route::get("/me/login", Access::Public, login::show_login),
        Route::post("/me/login", Access::Public, login::sign_in),
        Route::post("/me/logout", Access::Public, login::sign_out),
        Route::get("/me", Access::Citizen(Action::ReadCourse), home::show_home),
        Route::post(
            "/me/goals",
            Access::Citizen(Action::EditOwnGoals),
            changes::add_goal,
        ),
        Route::post(
            "/me/goals/{goal_id}",
            Access::Citizen(Action::EditOwnGoals),
            changes::reword_goal,
        ),
        Route::post(
            "/me/steps",
            Access::Citizen(Action::EditOwnGoals),
            changes::add_step,
        ),
        Route::post(
            "/me/steps/{step_id}/done",
            Access::Citizen(Action::MarkOwnStepsDone),
            changes::mark_step_done,
        ),
        Route::post(
            "/me/messages",
            Access::Citizen(Action::SendStatement),
            changes::send_message,
        ),
        Route::post(
            "/me/ratings/{round_id}",
            Access::Citizen(Action::GiveRatings),
            ratings::rate,
        ),
        Route::post(
            "/me/meetings/{meeting_id}/feedback",
            Access::Citizen(Action::GiveRatings),
            ratings::give_feedback,
        ),
        Route::post(
            "/me/meetings/{meeting_id}/approve",
            Access::Citizen(Action::ApproveMinutes),
            account::approve_minutes,
        ),
        Route::post(
            "/me/meetings/{meeting_id}/disagree",
            Access::Citizen(Action::ApproveMinutes),
            account::disagree_with_minutes,
        ),
        Route::get(
            "/me/password",
            Access::Citizen(Action::ChangeOwnPassword),
            account::password_form,
        ),
        Route::post(
            "/me/password",
            Access::Citizen(Action::ChangeOwnPassword),
            account::change_password,
        ),
        Route::get(
            "/me/consent",
            Access::Citizen(Action::ReadCourse),
            consent::show_consent,
        ),
        Route::post(
            "/me/consent/{member_id}",
            Access::Citizen(Action::ChangeNetworkConsent),
            consent::change_consent,
        ),
        Route::get(
            "/me/access-log",
            Access::Citizen(Action::ViewOwnAccessLog),
            data::show_access_log,
        ),
        Route::get(
            "/me/data",
            Access::Citizen(Action::ExportOwnData),
            data::show_data,
        ),
        Route::get(
            "/me/data.json",
            Access::Citizen(Action::ExportOwnData),
            data::data_json,
        ),
    ]
}

/// A sign-in name: 3–40 lowercase letters, digits, dots, hyphens or underscores — easy to type on
/// a phone and to say aloud.
pub(crate) fn parse_login_name(input: &str) -> Option<String> {
    let name = input.trim().to_lowercase();
    let ok = (3..=40).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    ok.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::parse_login_name;

    #[test]
    fn sign_in_names_are_short_plain_and_lowercase() {
        assert_eq!(parse_login_name(" Mia.2010 "), Some("mia.2010".to_owned()));
        for bad in ["", "ab", "mia jensen", "mia<script>", "mæ", &"a".repeat(41)] {
            assert_eq!(parse_login_name(bad), None, "{bad:?}");
        }
    }
}
