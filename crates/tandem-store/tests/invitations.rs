//! Invitation tokens (R8) against a real database: long, stored only as hashes, single use,
//! expiring, revocable — and unknown, used, expired and revoked tokens look the same.

use tandem_domain::course::kinds::*;
use tandem_store::citizens::CitizenRole;
use tandem_store::testing::{TestDatabase, course_details, course_world};
use tandem_store::with_pool;
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2026-03-01 10:00 UTC);

#[tokio::test]
async fn invitations_are_hashed_single_use_expiring_and_revocable() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &course_details(), NOW)
        .await
        .expect("world");
    let (org, processor, course) = (world.organization_id, world.processor_id, world.course_id);
    let mut tx = store.begin().await.expect("tx");
    let expires = NOW + Duration::hours(72);
    let first = tx
        .issue_invitation(
            org,
            course,
            CitizenRole::YoungPerson,
            processor,
            NOW,
            expires,
        )
        .await
        .expect("invitation");
    tx.commit().await.expect("commit");
    assert!(
        first.token.len() >= 32,
        "at least 128 bits of entropy (hex)"
    );
    let stored: Vec<(String,)> = with_pool!(store, pool => {
        sqlx::query_as("SELECT token_hash FROM invitations").fetch_all(pool).await.expect("rows")
    });
    assert!(
        stored.iter().all(|(h,)| h != &first.token),
        "only the hash is stored"
    );

    let mut tx = store.begin().await.expect("tx");
    let open = tx
        .open_invitation(&first.token, NOW)
        .await
        .expect("read")
        .expect("open");
    assert_eq!(open.course_id, course);
    assert_eq!(open.role, CitizenRole::YoungPerson);
    assert_eq!(
        tx.open_invitation(&first.token, expires)
            .await
            .expect("read"),
        None,
        "expired at 72 h"
    );
    assert_eq!(
        tx.open_invitation(&"0".repeat(64), NOW)
            .await
            .expect("read"),
        None,
        "unknown"
    );

    // Re-issuing revokes the first.
    let second = tx
        .issue_invitation(
            org,
            course,
            CitizenRole::YoungPerson,
            processor,
            NOW,
            expires,
        )
        .await
        .expect("invitation");
    assert_eq!(
        tx.open_invitation(&first.token, NOW).await.expect("read"),
        None,
        "revoked by re-issuing"
    );
    let open = tx
        .open_invitation(&second.token, NOW)
        .await
        .expect("read")
        .expect("open");
    assert!(
        tx.use_invitation(open.id, NOW).await.expect("use"),
        "first use"
    );
    assert!(
        !tx.use_invitation(open.id, NOW).await.expect("use"),
        "single use"
    );
    assert_eq!(
        tx.open_invitation(&second.token, NOW).await.expect("read"),
        None,
        "used"
    );

    let third = tx
        .issue_invitation(
            org,
            course,
            CitizenRole::YoungPerson,
            processor,
            NOW,
            expires,
        )
        .await
        .expect("invitation");
    assert!(
        tx.revoke_invitation(org, course, third.id, NOW)
            .await
            .expect("revoke")
    );
    assert_eq!(
        tx.open_invitation(&third.token, NOW).await.expect("read"),
        None,
        "revoked"
    );
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn a_network_members_account_stops_working_when_the_relation_ends() {
    let (_db, store) = TestDatabase::migrated().await.expect("database");
    let world = course_world(&store, &course_details(), NOW)
        .await
        .expect("world");
    let (org, processor, course) = (world.organization_id, world.processor_id, world.course_id);
    let mut tx = store.begin().await.expect("tx");
    let member = tx
        .insert_member(
            org,
            course,
            &tandem_domain::course::network::MemberDetails {
                name: tandem_domain::PlainText::parse("Mormor", 100).expect("name"),
                sector: Sector::Family,
                relation: tandem_domain::PlainText::parse("mormor", 100).expect("relation"),
                strength: Strength::Strong,
                stressful: false,
                direction: Direction::ToYoungPerson,
                roles: vec![],
                birth_date: None,
                consent: tandem_domain::course::network::ConsentScope::default(),
                consent_given_by: None,
            },
            date!(2026 - 03 - 01),
            NOW,
        )
        .await
        .expect("member");
    let invited = tx
        .issue_invitation(
            org,
            course,
            CitizenRole::NetworkMember(member),
            processor,
            NOW,
            NOW + Duration::hours(72),
        )
        .await
        .expect("invitation");
    let open = tx
        .open_invitation(&invited.token, NOW)
        .await
        .expect("read")
        .expect("open");
    assert!(tx.use_invitation(open.id, NOW).await.expect("use"));
    tx.insert_citizen_account(&open, "mormor.inge", "hash", NOW)
        .await
        .expect("account");
    tx.commit().await.expect("commit");
    // A taken name is a conflict (on PostgreSQL it also aborts that transaction: callers roll back).
    let mut tx = store.begin().await.expect("tx");
    assert!(
        matches!(
            tx.insert_citizen_account(&open, "mormor.inge", "hash", NOW)
                .await,
            Err(tandem_store::StoreError::Conflict)
        ),
        "sign-in names are unique"
    );
    drop(tx);
    let (account, hash) = store
        .citizen_credentials("mormor.inge")
        .await
        .expect("read")
        .expect("account");
    assert_eq!(hash, "hash");
    assert!(account.active);
    assert_eq!(account.role, CitizenRole::NetworkMember(member));
    let mut tx = store.begin().await.expect("tx");
    let session = tx
        .insert_citizen_session(&account, NOW)
        .await
        .expect("session");
    tx.end_member(org, course, member, date!(2026 - 03 - 02), NOW)
        .await
        .expect("end");
    assert_eq!(
        tx.end_member_access(org, member, NOW)
            .await
            .expect("revoke"),
        1
    );
    tx.commit().await.expect("commit");
    let stale = store
        .citizen_session(&session)
        .await
        .expect("read")
        .expect("still stored");
    assert!(
        !stale.account.active,
        "the session no longer gives access (R7)"
    );
    let (after, _) = store
        .citizen_credentials("mormor.inge")
        .await
        .expect("read")
        .expect("account");
    assert!(!after.active, "nor does the account");
}
