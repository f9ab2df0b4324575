//! Ratings as one act: a rating and the deterioration alert it reveals, session feedback with
//! its round and low-feedback alert — all stored, or (when the last step fails) none of it, with
//! no audit event either. Runs on SQLite, and on PostgreSQL with `TANDEM_TEST_POSTGRES_URL`.

mod common;

use common::{NOW, World};
use tandem_app::ActionError;
use tandem_app::ratings::{self, OpenRound, RecordRating, SessionFeedback};
use tandem_domain::Id;
use tandem_domain::course::kinds::{RaterRole, RatingMode};
use tandem_domain::instrument::{Instrument, Norm};
use tandem_store::testing::held_meeting;
use tandem_store::work::Meeting;

/// The course's rounds, newest first.
async fn rounds(w: &World) -> Vec<tandem_store::ratings::RoundRecord> {
    w.app
        .store()
        .rounds_of(w.world.organization_id, w.world.course_id)
        .await
        .expect("rounds")
}

/// Opens a goal-scale round for the young person alone, as the processor.
async fn open_round(w: &World) -> Id<tandem_store::ratings::Round> {
    let command = OpenRound {
        instrument_key: "goal_scale".into(),
        goal: None,
        mode: RatingMode::SelfRated,
        raters: vec![(RaterRole::YoungPerson, "Mia".into())],
        linked_members: Vec::new(),
    };
    ratings::open(&w.app, &w.processor(0), w.course(), &command)
        .await
        .expect("the round opens")
}

/// The young person's rating in a round (its only rater).
async fn rate(
    w: &World,
    round: Id<tandem_store::ratings::Round>,
    value: i32,
) -> Result<ratings::RatingOutcome, ActionError> {
    let rounds = rounds(w).await;
    let rater = rounds
        .iter()
        .find(|r| r.id == round)
        .and_then(|r| r.raters.first())
        .expect("the round's rater")
        .id;
    let command = RecordRating {
        round,
        rater,
        values: vec![value],
        comment: None,
    };
    ratings::record(&w.app, &w.processor(1), w.course(), &command, "ratings").await
}

/// A course whose organization's goal scale has norms for ages 12–22 (cut-off 5, reliable
/// change 2).
async fn course_with_norms() -> World {
    let w = World::new().await;
    let mut scale = Instrument::goal_scale();
    scale.norms = vec![Norm {
        age_from: 12,
        age_to: 22,
        cut_off: 50,
        reliable_change: 20,
    }];
    let mut tx = w.app.store().begin().await.expect("tx");
    tx.save_instrument(w.world.organization_id, &scale, NOW)
        .await
        .expect("norms saved");
    tx.commit().await.expect("commit");
    w
}

/// The organization's goal scale with norms for ages 12–22 (cut-off 5, reliable change 2), and
/// a first round in which the young person said 9.
async fn course_with_a_first_rating_of_nine() -> World {
    let w = course_with_norms().await;
    let first = open_round(&w).await;
    let outcome = rate(&w, first, 90).await.expect("the first rating");
    assert_eq!(outcome.alert, None, "one rating is no change");
    w
}

#[tokio::test]
async fn a_rating_that_reveals_a_reliable_deterioration_raises_the_alert_with_it() {
    let w = course_with_a_first_rating_of_nine().await;
    let second = open_round(&w).await;
    let before = w.traces().await;
    let outcome = rate(&w, second, 20).await.expect("the second rating");
    assert!(outcome.alert.is_some(), "9 → 2 is a reliable deterioration");
    let after = w.traces().await;
    // Two audit events (the rating, the alert), one more rating, one alert.
    assert_eq!(
        after,
        [before[0] + 2, before[1], before[2] + 1, before[3] + 1]
    );
    let alerts = w
        .app
        .store()
        .alerts_of(w.world.organization_id, w.world.course_id)
        .await
        .expect("alerts");
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].detail, "9 → 2");
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_alerts_audit_event_cannot_be_written_the_rating_is_not_kept_either() {
    let w = course_with_a_first_rating_of_nine().await;
    let second = open_round(&w).await;
    w.break_audit_event("alert.raise").await;
    let before = w.traces().await;
    let result = rate(&w, second, 20).await;
    assert!(matches!(result, Err(ActionError::Store(_))), "{result:?}");
    assert_eq!(w.traces().await, before, "nothing of the rating is kept");
    let rounds = rounds(&w).await;
    let round = rounds.iter().find(|r| r.id == second).expect("the round");
    assert!(round.revealed_at.is_none(), "the round stays blind");
    assert!(round.raters[0].values.is_none(), "the rater may still rate");
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_alert_cannot_be_stored_the_rating_is_not_kept_either() {
    let w = course_with_a_first_rating_of_nine().await;
    let second = open_round(&w).await;
    w.break_inserts_into("alerts").await;
    let before = w.traces().await;
    assert!(rate(&w, second, 20).await.is_err());
    assert_eq!(w.traces().await, before);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn a_rating_already_given_cannot_be_given_again() {
    let w = course_with_a_first_rating_of_nine().await;
    let rounds = rounds(&w).await;
    let before = w.traces().await;
    let result = rate(&w, rounds[0].id, 10).await;
    assert!(matches!(result, Err(ActionError::NotFound)), "{result:?}");
    assert_eq!(w.traces().await, before);
}

/// A held network meeting in the course.
async fn meeting(w: &World) -> Id<Meeting> {
    let details = held_meeting(time::macros::date!(2026 - 05 - 30));
    let mut tx = w.app.store().begin().await.expect("tx");
    let id = tx
        .insert_meeting(
            w.world.organization_id,
            w.world.course_id,
            &details,
            None,
            w.world.processor_id,
            NOW,
        )
        .await
        .expect("a meeting");
    tx.commit().await.expect("commit");
    id
}

#[tokio::test]
async fn low_session_feedback_is_a_round_a_rating_and_an_alert_recorded_together() {
    let w = World::new().await;
    let meeting = meeting(&w).await;
    let before = w.traces().await;
    let command = SessionFeedback {
        meeting,
        values: vec![100, 100, 100, 50],
    };
    let outcome = ratings::record_session_feedback(&w.app, &w.processor(0), w.course(), &command)
        .await
        .expect("feedback recorded");
    assert!(outcome.alert.is_some(), "an item under 9 alerts");
    // Three audit events: the round opened, the rating, the alert.
    assert_eq!(
        w.traces().await,
        [before[0] + 3, before[1] + 1, before[2] + 1, before[3] + 1]
    );
    let good = SessionFeedback {
        meeting,
        values: vec![100, 100, 95, 95],
    };
    let outcome = ratings::record_session_feedback(&w.app, &w.processor(1), w.course(), &good)
        .await
        .expect("feedback recorded");
    assert_eq!(outcome.alert, None, "good feedback does not alert");
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_last_step_of_session_feedback_fails_no_round_rating_alert_or_event_is_kept() {
    let w = World::new().await;
    let meeting = meeting(&w).await;
    w.break_audit_event("alert.raise").await;
    let before = w.traces().await;
    let command = SessionFeedback {
        meeting,
        values: vec![60, 60, 60, 60],
    };
    let result =
        ratings::record_session_feedback(&w.app, &w.processor(0), w.course(), &command).await;
    assert!(result.is_err());
    assert_eq!(w.traces().await, before, "no half-opened round, no rating");
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn session_feedback_on_a_meeting_that_is_not_the_courses_is_not_found() {
    let w = World::new().await;
    let before = w.traces().await;
    let command = SessionFeedback {
        meeting: Id::new(),
        values: vec![100, 100, 100, 100],
    };
    let result =
        ratings::record_session_feedback(&w.app, &w.processor(0), w.course(), &command).await;
    assert!(matches!(result, Err(ActionError::NotFound)), "{result:?}");
    assert_eq!(w.traces().await, before);
}

/// One rater's single value in a round.
fn given(
    round: Id<tandem_store::ratings::Round>,
    rater: &tandem_store::ratings::RaterRecord,
    value: i32,
) -> RecordRating {
    RecordRating {
        round,
        rater: rater.id,
        values: vec![value],
        comment: None,
    }
}

/// A goal-scale round with the young person and the worker, and its raters (in that order).
async fn two_rater_round(
    w: &World,
) -> (
    Id<tandem_store::ratings::Round>,
    Vec<tandem_store::ratings::RaterRecord>,
) {
    let command = OpenRound {
        instrument_key: "goal_scale".into(),
        goal: None,
        mode: RatingMode::Collaborative,
        raters: vec![
            (RaterRole::YoungPerson, "Mia".into()),
            (RaterRole::Worker, "Pia".into()),
        ],
        linked_members: Vec::new(),
    };
    let round = ratings::open(&w.app, &w.processor(0), w.course(), &command)
        .await
        .expect("the round opens");
    (round, rounds(w).await[0].raters.clone())
}

#[tokio::test]
async fn a_round_revealed_early_raises_its_alert_once_when_the_young_person_rates_late() {
    let w = course_with_a_first_rating_of_nine().await;
    let (round, raters) = two_rater_round(&w).await;
    let give = |rater: usize, value: i32| given(round, &raters[rater], value);
    ratings::record(&w.app, &w.processor(1), w.course(), &give(1, 50), "ratings")
        .await
        .expect("the worker rates");
    let revealed = ratings::reveal(&w.app, &w.processor(2), w.course(), round)
        .await
        .expect("revealed");
    assert_eq!(revealed.alert, None, "the young person has not rated yet");
    let late = ratings::record(&w.app, &w.processor(3), w.course(), &give(0, 20), "ratings")
        .await
        .expect("the young person rates late");
    assert!(
        late.alert.is_some(),
        "9 → 2 once the young person's number is in"
    );
    let before = w.traces().await;
    let again = ratings::reveal(&w.app, &w.processor(4), w.course(), round)
        .await
        .expect("answered");
    assert_eq!(again.alert, None);
    assert_eq!(w.traces().await, before, "a second reveal records nothing");
    assert_eq!(w.count("SELECT COUNT(*) FROM alerts").await, 1);
}

#[tokio::test]
async fn a_late_rater_after_the_alert_does_not_raise_it_again() {
    let w = course_with_a_first_rating_of_nine().await;
    let (round, raters) = two_rater_round(&w).await;
    let give = |rater: usize, value: i32| given(round, &raters[rater], value);
    ratings::record(&w.app, &w.processor(1), w.course(), &give(0, 20), "ratings")
        .await
        .expect("the young person rates");
    let revealed = ratings::reveal(&w.app, &w.processor(2), w.course(), round)
        .await
        .expect("revealed");
    assert!(revealed.alert.is_some(), "9 → 2");
    let late = ratings::record(&w.app, &w.processor(3), w.course(), &give(1, 50), "ratings")
        .await
        .expect("the worker rates late");
    assert_eq!(late.alert, None, "the round's alert is raised once");
    assert_eq!(w.count("SELECT COUNT(*) FROM alerts").await, 1);
}

/// The course measures of probes read the ratings as the goal page and the three columns do:
/// each session-feedback total, and each of the young person's own ratings from the second on
/// marked by whether it is a reliable improvement since their first (norms: reliable change 2).
#[tokio::test]
async fn probes_course_measures_read_session_feedback_and_reliable_improvement() {
    use tandem_domain::practice::measures::CourseMeasure;
    let w = course_with_norms().await;
    // 2, then 5 (a reliable improvement of 3), then 3 (only 1 above the first).
    for value in [20, 50, 30] {
        let round = open_round(&w).await;
        rate(&w, round, value).await.expect("rated");
    }
    let meeting = meeting(&w).await;
    for values in [vec![100, 100, 100, 50], vec![100, 100, 95, 95]] {
        let command = SessionFeedback { meeting, values };
        ratings::record_session_feedback(&w.app, &w.processor(0), w.course(), &command)
            .await
            .expect("feedback recorded");
    }
    let seen = w
        .app
        .store()
        .course_observations(
            w.world.organization_id,
            tandem_store::courses::WorkScope::TeamAll(w.world.team_id),
            &[
                CourseMeasure::SessionFeedback,
                CourseMeasure::ReliableImprovement,
            ],
        )
        .await
        .expect("observations");
    let mut feedback: Vec<f64> = seen[0].iter().map(|o| o.value).collect();
    feedback.sort_by(f64::total_cmp);
    assert_eq!(feedback, [35.0, 39.0], "each feedback's total, 0–40");
    let improved: Vec<f64> = seen[1].iter().map(|o| o.value).collect();
    assert_eq!(
        improved,
        [1.0, 0.0],
        "2 → 5 improved reliably, 2 → 3 did not"
    );
    assert!(seen.iter().flatten().all(|o| o.course == w.world.course_id));
}
