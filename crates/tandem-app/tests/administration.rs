//! Administrators' changes to staff accounts are one act each: an account is created with its
//! set-password link and audit event, or — when the last step fails — with none of them; a lock
//! ends the account's sessions only when it is recorded.

mod common;

use common::{NOW, World};
use tandem_app::Actor;
use tandem_app::administration::{self, LockChange, NewStaffUser, UserCreation};
use tandem_domain::policy::{Principal, Staff};
use tandem_domain::staff::{DisplayName, EmailAddress, Reason, StaffRole};

/// The organization's administrator acting at [`NOW`] (the account itself need not exist: the
/// actions trust the route guard's decision).
fn administrator(w: &World) -> Actor {
    let staff = Staff {
        user_id: w.world.processor_id,
        organization_id: w.world.organization_id,
        role: StaffRole::Administrator,
        team_id: None,
    };
    Actor::new(&Principal::Staff(staff), None, None, NOW)
}

fn new_account(w: &World) -> NewStaffUser {
    NewStaffUser {
        organization_id: w.world.organization_id,
        email: EmailAddress::parse("ny@example.org").expect("address"),
        display_name: DisplayName::parse("Ny Medarbejder").expect("name"),
        role: StaffRole::Processor,
        team_id: Some(w.world.team_id),
    }
}

/// Staff accounts, set-password links, sessions and audit events.
async fn traces(w: &World) -> [i64; 4] {
    [
        w.count("SELECT COUNT(*) FROM users").await,
        w.count("SELECT COUNT(*) FROM password_links").await,
        w.count("SELECT COUNT(*) FROM sessions").await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

#[tokio::test]
async fn an_account_is_created_with_its_link_and_a_taken_address_is_refused() {
    let w = World::new().await;
    let before = traces(&w).await;
    let created = administration::create_user(&w.app, &administrator(&w), &new_account(&w))
        .await
        .expect("created");
    assert!(
        matches!(created, UserCreation::Created { ref link_token, .. } if link_token.len() == 64)
    );
    assert_eq!(
        traces(&w).await,
        [before[0] + 1, before[1] + 1, before[2], before[3] + 1]
    );
    let again = administration::create_user(&w.app, &administrator(&w), &new_account(&w))
        .await
        .expect("answered");
    assert_eq!(again, UserCreation::EmailTaken);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_creations_audit_event_fails_no_account_and_no_link_exist() {
    let w = World::new().await;
    w.break_audit_event("user.create").await;
    let before = traces(&w).await;
    let result = administration::create_user(&w.app, &administrator(&w), &new_account(&w)).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
}

#[tokio::test]
async fn when_the_locks_audit_event_fails_the_account_stays_open_and_signed_in() {
    let w = World::new().await;
    let (org, user) = (w.world.organization_id, w.world.processor_id);
    let mut tx = w.app.store().begin().await.expect("tx");
    tx.insert_session(user, org, NOW).await.expect("a session");
    tx.commit().await.expect("commit");
    w.break_audit_event("user.lock").await;
    let before = traces(&w).await;
    let change = LockChange {
        lock: true,
        reason: Reason::parse("Mistanke om misbrug").expect("reason"),
    };
    let result = administration::change_lock(&w.app, &administrator(&w), org, user, &change).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    let locked = w
        .count("SELECT COUNT(*) FROM users WHERE locked_at IS NOT NULL")
        .await;
    assert_eq!(locked, 0);
}
