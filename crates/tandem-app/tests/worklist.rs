//! The worklist's order and its "next meeting": one truth per number (issue 24). The order is
//! the most serious open alert first (a worry, then a reliable deterioration, then low session
//! feedback), then how many alerts are open, then the earliest date due; the next meeting is
//! the next planned meeting, never a past date from old minutes.

mod common;

use common::{NOW, World};
use tandem_app::courses;
use tandem_domain::course::kinds::AlertKind;
use tandem_domain::policy::Course;
use tandem_domain::{Id, PlainText};
use tandem_store::testing::{course_details, held_meeting};
use time::macros::date;

/// A course for `name` in the world's team, with `alerts` open.
async fn course_with_alerts(w: &World, name: &str, alerts: &[AlertKind]) -> Id<Course> {
    let mut details = course_details();
    details.young_person_name = PlainText::parse(name, 100).expect("name");
    let org = w.world.organization_id;
    let mut tx = w.app.store().begin().await.expect("tx");
    let id = tx
        .insert_course(org, w.world.team_id, w.world.processor_id, &details, NOW)
        .await
        .expect("course");
    for kind in alerts {
        tx.raise_alert(org, id, *kind, None, "detail", NOW)
            .await
            .expect("alert");
    }
    tx.commit().await.expect("commit");
    id
}

#[tokio::test]
async fn the_most_serious_alert_comes_first_then_the_most_alerts_then_the_earliest_date() {
    use AlertKind::{Deterioration, SessionFeedback, Worry};
    let w = World::new().await;
    course_with_alerts(&w, "Bo (fem om feedback)", &[SessionFeedback; 5]).await;
    course_with_alerts(&w, "Cem (en bekymring)", &[Worry]).await;
    course_with_alerts(&w, "Dina (forværring)", &[Deterioration, SessionFeedback]).await;
    course_with_alerts(&w, "Eva (to om feedback)", &[SessionFeedback; 2]).await;
    let list = courses::worklist(&w.app, &w.processor(0))
        .await
        .expect("worklist");
    let names: Vec<&str> = list
        .entries
        .iter()
        .map(|e| e.course.details.young_person_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Cem (en bekymring)",
            "Dina (forværring)",
            "Bo (fem om feedback)",
            "Eva (to om feedback)",
            "Mia",
        ]
    );
    assert_eq!(list.entries[0].most_serious_alert, Some(Worry));
    assert_eq!(list.entries[4].most_serious_alert, None);
}

#[tokio::test]
async fn the_next_meeting_is_the_next_planned_one_never_a_past_date_from_old_minutes() {
    let w = World::new().await;
    let (org, course) = (w.world.organization_id, w.world.course_id);
    let today = NOW.date();
    let mut tx = w.app.store().begin().await.expect("tx");
    // Held in March, its minutes announcing a meeting in April that was never recorded.
    let mut march = held_meeting(date!(2026 - 03 - 10));
    march.next_meeting = Some(date!(2026 - 04 - 07));
    tx.insert_meeting(org, course, &march, None, w.world.processor_id, NOW)
        .await
        .expect("march");
    let mut planned = held_meeting(date!(2026 - 06 - 20));
    planned.held = false;
    tx.insert_meeting(org, course, &planned, None, w.world.processor_id, NOW)
        .await
        .expect("planned");
    tx.commit().await.expect("commit");
    let list = courses::worklist(&w.app, &w.processor(0))
        .await
        .expect("worklist");
    let dates = &list.entries[0].dates;
    assert_eq!(dates.next_meeting(today), Some(date!(2026 - 06 - 20)));
    assert_eq!(
        dates.next_meeting(date!(2026 - 06 - 21)),
        None,
        "the planned meeting has passed and the minutes' date is older still"
    );
    assert_eq!(
        dates.next_meeting(date!(2026 - 04 - 01)),
        Some(date!(2026 - 06 - 20)),
        "a meeting recorded as planned is the truth, even against an earlier date in minutes"
    );
    let announced_only = courses::MeetingDates {
        planned: Vec::new(),
        ..dates.clone()
    };
    assert_eq!(
        announced_only.next_meeting(date!(2026 - 04 - 01)),
        Some(date!(2026 - 04 - 07)),
        "with nothing planned, the date the minutes announced stands in while it lies ahead"
    );
    assert_eq!(announced_only.next_meeting(today), None);
}
