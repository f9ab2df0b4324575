//! What the use-case tests share: a course in a fresh database, its processor as actor, and
//! counts of what was kept.

#![allow(dead_code, missing_docs)]

use tandem_app::ratings::CourseRef;
use tandem_app::{Actor, App};
use tandem_domain::policy::{Principal, Staff};
use tandem_domain::staff::StaffRole;
use tandem_store::testing::{
    CourseWorld, TestDatabase, count, course_details, course_world, fail_inserts_into,
};
use time::OffsetDateTime;
use time::macros::datetime;

/// The moment the tests act at (the course's young person is 16).
pub const NOW: OffsetDateTime = datetime!(2026-06-01 10:00 UTC);

/// A course in a fresh database, with the app over it.
pub struct World {
    pub app: App,
    pub world: CourseWorld,
    pub db: TestDatabase,
}

impl World {
    pub async fn new() -> Self {
        let (db, store) = TestDatabase::migrated().await.expect("a test database");
        let world = course_world(&store, &course_details(), NOW)
            .await
            .expect("a course");
        Self {
            app: App::new(store),
            world,
            db,
        }
    }

    pub fn course(&self) -> CourseRef {
        CourseRef {
            organization_id: self.world.organization_id,
            id: self.world.course_id,
        }
    }

    /// The course's processor acting at [`NOW`] (plus `minutes`).
    pub fn processor(&self, minutes: i64) -> Actor {
        let staff = Staff {
            user_id: self.world.processor_id,
            organization_id: self.world.organization_id,
            role: StaffRole::Processor,
            team_id: Some(self.world.team_id),
        };
        Actor::new(
            &Principal::Staff(staff),
            None,
            Some("127.0.0.1".into()),
            NOW + time::Duration::minutes(minutes),
        )
    }

    pub async fn count(&self, sql: &str) -> i64 {
        count(self.app.store(), sql).await.expect("a count")
    }

    /// Audit events, rating rounds, ratings given and alerts: what an action leaves behind.
    pub async fn traces(&self) -> [i64; 4] {
        [
            self.count("SELECT COUNT(*) FROM audit_events").await,
            self.count("SELECT COUNT(*) FROM rating_rounds").await,
            self.count("SELECT COUNT(*) FROM ratings WHERE item_values IS NOT NULL")
                .await,
            self.count("SELECT COUNT(*) FROM alerts").await,
        ]
    }

    /// From now on the audit event `action` cannot be written: the last step of most actions.
    pub async fn break_audit_event(&self, action: &str) {
        let name = format!("fail_{}", action.replace('.', "_"));
        let when = format!("NEW.action = '{action}'");
        fail_inserts_into(self.app.store(), &name, "audit_events", Some(&when))
            .await
            .expect("failure injected");
    }

    /// From now on no row can be inserted into `table`.
    pub async fn break_inserts_into(&self, table: &str) {
        fail_inserts_into(self.app.store(), &format!("fail_{table}"), table, None)
            .await
            .expect("failure injected");
    }

    /// An invitation to the course for `role`, issued by the processor at [`NOW`]; its link's
    /// token.
    pub async fn invitation(&self, role: tandem_store::citizens::CitizenRole) -> String {
        let mut tx = self.app.store().begin().await.expect("tx");
        let issued = tx
            .issue_invitation(
                self.world.organization_id,
                self.world.course_id,
                role,
                self.world.processor_id,
                NOW,
                NOW + time::Duration::days(7),
            )
            .await
            .expect("an invitation");
        tx.commit().await.expect("commit");
        issued.token
    }

    /// The audit chain is whole.
    pub async fn assert_chain_intact(&self) {
        let verdict = self
            .app
            .store()
            .verify_audit_trail()
            .await
            .expect("the trail can be read");
        assert!(verdict.is_ok(), "audit chain broken: {verdict:?}");
    }
}
