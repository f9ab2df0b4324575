//! The course actions that write more than one row are one act each: starting a course (with
//! its internal note), editing it, reassigning it with a deputy, ending a relation (with the
//! member's own login), and issuing an invitation (revoking the one it replaces). When the last
//! step fails, nothing of the action is kept and no audit event is written.

mod common;

use common::{NOW, World};
use tandem_app::invitations::{self, AcceptInvitation, Acceptance, CitizenRole};
use tandem_app::{courses, network};
use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::policy::{CourseAccess, Principal, Staff};
use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, User};
use tandem_store::staff::NewStaffUser;
use tandem_store::testing::{course_details, member_details};

/// The course as the route guard would hand it to the actions.
fn access(w: &World) -> CourseAccess {
    CourseAccess {
        id: w.world.course_id,
        organization_id: w.world.organization_id,
        team_id: w.world.team_id,
        processor_id: w.world.processor_id,
        deputy_ids: Vec::new(),
        managers_read_courses: true,
    }
}

/// A second processor in the course's team.
async fn colleague(w: &World) -> Id<User> {
    let mut tx = w.app.store().begin().await.expect("tx");
    let id = tx
        .insert_staff_user(
            &NewStaffUser {
                organization_id: w.world.organization_id,
                email: EmailAddress::parse("q@example.org").expect("e-mail"),
                display_name: DisplayName::parse("Quinn").expect("name"),
                role: StaffRole::Processor,
                team_id: Some(w.world.team_id),
            },
            NOW,
        )
        .await
        .expect("a colleague");
    tx.commit().await.expect("commit");
    id
}

/// The team manager, acting.
fn manager(w: &World) -> tandem_app::Actor {
    let staff = Staff {
        user_id: w.world.processor_id,
        organization_id: w.world.organization_id,
        role: StaffRole::TeamManager,
        team_id: Some(w.world.team_id),
    };
    tandem_app::Actor::new(&Principal::Staff(staff), None, None, NOW)
}

#[tokio::test]
async fn a_course_is_started_with_its_note_and_event_or_not_at_all() {
    let w = World::new().await;
    let traces = async |w: &World| {
        [
            w.count("SELECT COUNT(*) FROM courses").await,
            w.count("SELECT COUNT(*) FROM courses WHERE internal_note IS NOT NULL")
                .await,
            w.count("SELECT COUNT(*) FROM audit_events").await,
        ]
    };
    let before = traces(&w).await;
    w.break_audit_event("course.create").await;
    let result = courses::create(&w.app, &w.processor(0), &course_details(), Some("note")).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn an_edit_whose_event_fails_leaves_the_course_and_its_note_as_they_were() {
    let w = World::new().await;
    let mut details = course_details();
    details.young_person_name = PlainText::parse("Noah", 100).expect("name");
    courses::update(&w.app, &w.processor(0), w.course(), &details, Some("first"))
        .await
        .expect("edited");
    let edited = async |w: &World| {
        w.count("SELECT COUNT(*) FROM courses WHERE young_person_name = 'Noah' AND internal_note = 'first'")
            .await
    };
    assert_eq!(edited(&w).await, 1);
    w.break_audit_event("course.update").await;
    let events = w.count("SELECT COUNT(*) FROM audit_events").await;
    details.young_person_name = PlainText::parse("Liam", 100).expect("name");
    let result = courses::update(
        &w.app,
        &w.processor(1),
        w.course(),
        &details,
        Some("second"),
    )
    .await;
    assert!(result.is_err());
    assert_eq!(
        edited(&w).await,
        1,
        "neither the details nor the note changed"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM audit_events").await, events);
}

#[tokio::test]
async fn when_the_deputys_event_fails_the_course_keeps_its_processor_and_has_no_deputy() {
    let w = World::new().await;
    let other = colleague(&w).await;
    let command = courses::Assignment {
        processor: other,
        deputy: Some(w.world.processor_id),
    };
    let traces = async |w: &World| {
        [
            w.count(&format!(
                "SELECT COUNT(*) FROM courses WHERE processor_id = '{}'",
                w.world.processor_id
            ))
            .await,
            w.count("SELECT COUNT(*) FROM course_deputies").await,
            w.count("SELECT COUNT(*) FROM audit_events").await,
        ]
    };
    let before = traces(&w).await;
    w.break_audit_event("course.deputy").await;
    let result = courses::reassign(&w.app, &manager(&w), &access(&w), command).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn reassigning_with_a_deputy_writes_both_and_both_events() {
    let w = World::new().await;
    let other = colleague(&w).await;
    let command = courses::Assignment {
        processor: other,
        deputy: Some(w.world.processor_id),
    };
    let events = w.count("SELECT COUNT(*) FROM audit_events").await;
    courses::reassign(&w.app, &manager(&w), &access(&w), command)
        .await
        .expect("reassigned");
    let processor = format!("SELECT COUNT(*) FROM courses WHERE processor_id = '{other}'");
    assert_eq!(w.count(&processor).await, 1);
    assert_eq!(w.count("SELECT COUNT(*) FROM course_deputies").await, 1);
    assert_eq!(
        w.count("SELECT COUNT(*) FROM audit_events").await,
        events + 2
    );
}

/// A network member with their own account, signed in.
async fn member_with_login(w: &World) -> Id<network::Member> {
    let member = network::add(
        &w.app,
        &w.processor(0),
        w.course(),
        &member_details("Mormor"),
    )
    .await
    .expect("a member");
    let issued = invitations::issue(
        &w.app,
        &w.processor(1),
        w.course(),
        CitizenRole::NetworkMember(member),
    )
    .await
    .expect("an invitation");
    let open = invitations::open_invitation(&w.app, &issued.invitation.token, NOW)
        .await
        .expect("read")
        .expect("the link works");
    let command = AcceptInvitation {
        login_name: "mormor".into(),
        password_hash: "$argon2id$not-checked-here".into(),
    };
    let outcome = invitations::accept(&w.app, &open, &command, None, NOW)
        .await
        .expect("accepted");
    assert!(matches!(outcome, Acceptance::Accepted { .. }));
    member
}

#[tokio::test]
async fn when_ending_a_relation_fails_the_member_keeps_the_relation_and_the_login() {
    let w = World::new().await;
    let member = member_with_login(&w).await;
    let traces = async |w: &World| {
        [
            w.count("SELECT COUNT(*) FROM network_members WHERE active_to IS NULL")
                .await,
            w.count("SELECT COUNT(*) FROM citizen_accounts WHERE revoked_at IS NULL")
                .await,
            w.count("SELECT COUNT(*) FROM audit_events").await,
        ]
    };
    let before = traces(&w).await;
    assert_eq!(before[..2], [1, 1]);
    w.break_audit_event("network.end").await;
    let result = network::end(&w.app, &w.processor(2), w.course(), member).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn ending_a_relation_ends_the_members_login_with_it() {
    let w = World::new().await;
    let member = member_with_login(&w).await;
    network::end(&w.app, &w.processor(2), w.course(), member)
        .await
        .expect("ended");
    assert_eq!(
        w.count("SELECT COUNT(*) FROM citizen_accounts WHERE revoked_at IS NULL")
            .await,
        0
    );
}

#[tokio::test]
async fn when_a_new_invitations_event_fails_the_old_link_is_not_revoked() {
    let w = World::new().await;
    let first = invitations::issue(
        &w.app,
        &w.processor(0),
        w.course(),
        CitizenRole::YoungPerson,
    )
    .await
    .expect("an invitation");
    let traces = async |w: &World| {
        [
            w.count("SELECT COUNT(*) FROM invitations").await,
            w.count("SELECT COUNT(*) FROM invitations WHERE revoked_at IS NULL")
                .await,
            w.count("SELECT COUNT(*) FROM audit_events").await,
        ]
    };
    let before = traces(&w).await;
    w.break_audit_event("invitation.issue").await;
    let again = invitations::issue(
        &w.app,
        &w.processor(1),
        w.course(),
        CitizenRole::YoungPerson,
    )
    .await;
    assert!(again.is_err());
    assert_eq!(traces(&w).await, before);
    let still = invitations::open_invitation(&w.app, &first.invitation.token, NOW)
        .await
        .expect("read");
    assert!(still.is_some(), "the first link still works");
}
