//! Accepting an invitation is one act: the link is used up, the account and its first session
//! exist, and the acceptance is in the audit trail — or, when the last step fails, none of it
//! (and the link still works).

mod common;

use common::{NOW, World};
use tandem_app::invitations::{self, AcceptInvitation, Acceptance};
use tandem_store::citizens::CitizenRole;

/// A young person's invitation to the course; its link's token.
async fn invitation(w: &World) -> String {
    w.invitation(CitizenRole::YoungPerson).await
}

/// The invitation behind the link, if it still works.
async fn link(w: &World, token: &str) -> Option<tandem_store::citizens::OpenInvitation> {
    invitations::open_invitation(&w.app, token, NOW)
        .await
        .expect("read")
}

fn command(name: &str) -> AcceptInvitation {
    AcceptInvitation {
        login_name: name.into(),
        password_hash: "$argon2id$not-checked-here".into(),
    }
}

/// Accounts, sessions, used invitations and audit events.
async fn traces(w: &World) -> [i64; 4] {
    [
        w.count("SELECT COUNT(*) FROM citizen_accounts").await,
        w.count("SELECT COUNT(*) FROM citizen_sessions").await,
        w.count("SELECT COUNT(*) FROM invitations WHERE used_at IS NOT NULL")
            .await,
        w.count("SELECT COUNT(*) FROM audit_events").await,
    ]
}

#[tokio::test]
async fn accepting_makes_the_account_signs_it_in_and_uses_up_the_link() {
    let w = World::new().await;
    let token = invitation(&w).await;
    let open = link(&w, &token).await.expect("the link works");
    let before = traces(&w).await;
    let outcome = invitations::accept(&w.app, &open, &command("mia2010"), None, NOW)
        .await
        .expect("accepted");
    assert!(
        matches!(outcome, Acceptance::Accepted { .. }),
        "{outcome:?}"
    );
    assert_eq!(traces(&w).await, before.map(|n| n + 1));
    assert!(
        link(&w, &token).await.is_none(),
        "a used link does not work again"
    );
    let again = invitations::accept(&w.app, &open, &command("mia2011"), None, NOW)
        .await
        .expect("answered");
    assert_eq!(again, Acceptance::Gone);
    w.assert_chain_intact().await;
}

#[tokio::test]
async fn when_the_acceptances_audit_event_fails_the_link_still_works_and_no_account_exists() {
    let w = World::new().await;
    let token = invitation(&w).await;
    let open = link(&w, &token).await.expect("the link works");
    w.break_audit_event("citizen.accept").await;
    let before = traces(&w).await;
    let result = invitations::accept(&w.app, &open, &command("mia2010"), None, NOW).await;
    assert!(result.is_err());
    assert_eq!(traces(&w).await, before);
    assert!(
        link(&w, &token).await.is_some(),
        "the link can be used again"
    );
}
