//! A fresh, migrated database for each test, on either backend.
//!
//! With `TANDEM_TEST_POSTGRES_URL` set, each test gets its own PostgreSQL schema on that server
//! (cheap to create, invisible to other tests); otherwise each test gets its own SQLite file in a
//! temporary directory. The same test body therefore runs on both backends: CI runs the suite
//! once without and once with the variable.

use std::path::PathBuf;

use crate::error::StoreError;
use crate::pool::Store;
use crate::target::DatabaseTarget;

/// The environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_URL_VAR: &str = "TANDEM_TEST_POSTGRES_URL";

/// A fresh database that lives as long as this value.
#[derive(Debug)]
pub struct TestDatabase {
    /// Where it is: open it again with [`Store::open`] to simulate another instance.
    pub target: DatabaseTarget,
    /// The SQLite file's directory, removed on drop.
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// Creates an empty database (not migrated) on the backend chosen by the environment.
    ///
    /// # Errors
    /// When PostgreSQL is configured but cannot be reached.
    pub async fn empty() -> Result<Self, StoreError> {
        match std::env::var(POSTGRES_URL_VAR)
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(url) => Self::empty_postgres(&url).await,
            None => Ok(Self::empty_sqlite()),
        }
    }

    /// Creates an empty SQLite database, whatever the environment says (for SQLite-only tests).
    ///
    /// # Panics
    /// When no temporary directory can be created — a broken test machine.
    #[must_use]
    pub fn empty_sqlite() -> Self {
        #[expect(
            clippy::expect_used,
            reason = "a test machine without /tmp is unusable"
        )]
        let dir = tempfile::tempdir().expect("temporary directory for a test database");
        let path: PathBuf = dir.path().join("tandem.db");
        Self {
            target: DatabaseTarget::Sqlite(path),
            _dir: Some(dir),
        }
    }

    async fn empty_postgres(url: &str) -> Result<Self, StoreError> {
        use sqlx::Connection;
        let admin_target = DatabaseTarget::Postgres(url.to_owned());
        let schema = format!("test_{}", uuid::Uuid::now_v7().simple());
        let mut admin = sqlx::PgConnection::connect(url)
            .await
            .map_err(|e| crate::pool::connect_error(&admin_target, &e))?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&mut admin)
            .await?;
        admin.close().await?;
        // libpq-style `options` set the search path for every connection of the pool, so the
        // unqualified table names of the real queries resolve inside the test's schema.
        let separator = if url.contains('?') { '&' } else { '?' };
        let scoped = format!("{url}{separator}options=-c%20search_path%3D{schema}");
        Ok(Self {
            target: DatabaseTarget::Postgres(scoped),
            _dir: None,
        })
    }

    /// Creates a fresh database with every migration applied, and opens it.
    ///
    /// # Errors
    /// As [`TestDatabase::empty`], or a migration failure.
    pub async fn migrated() -> Result<(Self, Store), StoreError> {
        let db = Self::empty().await?;
        let store = Store::open_and_migrate(&db.target).await?;
        Ok((db, store))
    }
}

/// An organization with one team, one processor and one course, for tests about what lives
/// inside courses.
#[derive(Debug, Clone, Copy)]
pub struct CourseWorld {
    /// The organization.
    pub organization_id: tandem_domain::Id<tandem_domain::organization::Organization>,
    /// Its team.
    pub team_id: tandem_domain::Id<tandem_domain::staff::Team>,
    /// The course's processor.
    pub processor_id: tandem_domain::Id<tandem_domain::staff::User>,
    /// The course.
    pub course_id: tandem_domain::Id<tandem_domain::policy::Course>,
}

/// A plain, valid course for a young person born in 2010 (details as stored by tests).
#[must_use]
pub fn course_details() -> tandem_domain::course::details::CourseDetails {
    use tandem_domain::course::kinds::{AssessmentKind, CourseStatus, PlanKind, PreferredLanguage};
    tandem_domain::course::details::CourseDetails {
        young_person_name: tandem_domain::PlainText::parse("Mia", 100).expect("a valid name"),
        birth_date: time::macros::date!(2010 - 05 - 01),
        preferred_language: PreferredLanguage::Danish,
        accessibility_needs: None,
        legal_basis: "§ 32".into(),
        status: CourseStatus::Active,
        awareness_date: time::macros::date!(2026 - 01 - 10),
        assessment_kind: AssessmentKind::ChildAssessment,
        assessment_completed: None,
        decision_date: None,
        placement: false,
        placement_without_consent: false,
        plan_kind: PlanKind::NoPlan,
        plan_completed: None,
        intervention_start: None,
        follow_up_interval_days: None,
        follow_up_reason: None,
        closure_date: None,
        closure_reason: None,
        external_reference: None,
    }
}

/// Creates a [`CourseWorld`] with the given course details.
///
/// # Errors
/// A database error.
pub async fn course_world(
    store: &Store,
    details: &tandem_domain::course::details::CourseDetails,
    now: time::OffsetDateTime,
) -> Result<CourseWorld, StoreError> {
    use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, TeamName};
    let name = tandem_domain::OrganizationName::parse("Aarhus")
        .map_err(|_| StoreError::corrupt("organization name"))?;
    let organization_id = store.insert_organization(&name).await?.id;
    let mut tx = store.begin().await?;
    let team = TeamName::parse("Øst").map_err(|_| StoreError::corrupt("team name"))?;
    let team_id = tx.insert_team(organization_id, &team, now).await?.id;
    let processor_id = tx
        .insert_staff_user(
            &crate::staff::NewStaffUser {
                organization_id,
                email: EmailAddress::parse("p@example.org")
                    .map_err(|_| StoreError::corrupt("e-mail"))?,
                display_name: DisplayName::parse("Pia").map_err(|_| StoreError::corrupt("name"))?,
                role: StaffRole::Processor,
                team_id: Some(team_id),
            },
            now,
        )
        .await?;
    let course_id = tx
        .insert_course(organization_id, team_id, processor_id, details, now)
        .await?;
    tx.commit().await?;
    Ok(CourseWorld {
        organization_id,
        team_id,
        processor_id,
        course_id,
    })
}

/// Makes inserts into `table` fail from now on — all of them, or those where `when` (SQL on
/// `NEW`, e.g. `NEW.action = 'alert.raise'`) holds — to break one step of an action in an
/// atomicity test.
///
/// # Errors
/// A database error.
pub async fn fail_inserts_into(
    store: &Store,
    name: &str,
    table: &str,
    when: Option<&str>,
) -> Result<(), StoreError> {
    let sql = crate::dialect::failing_insert_trigger(store.backend(), name, table, when);
    with_pool!(store, pool => {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
    });
    Ok(())
}

/// Runs `sql` against the audit trail with its guarding triggers off, as the database's owner
/// (SQLite) or a superuser (PostgreSQL) could: the tampering that verification must find.
///
/// # Errors
/// A database error.
pub async fn tamper_with_audit_trail(store: &Store, sql: &str) -> Result<(), StoreError> {
    let sql = sql.to_owned();
    match &store.backend_pool() {
        crate::pool::BackendPool::Sqlite(pool) => {
            sqlx::raw_sql(
                "DROP TRIGGER IF EXISTS audit_events_no_update; \
                 DROP TRIGGER IF EXISTS audit_events_no_delete; \
                 DROP TRIGGER IF EXISTS audit_chains_only_move_forward; \
                 DROP TRIGGER IF EXISTS audit_chains_no_delete; \
                 DROP TRIGGER IF EXISTS audit_events_name_their_chain; \
                 DROP TRIGGER IF EXISTS audit_head_only_moves_forward;",
            )
            .execute(pool)
            .await?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(pool)
                .await?;
        }
        crate::pool::BackendPool::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            let sql = format!("SET LOCAL session_replication_role = replica; {sql}");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

/// A count from a `SELECT COUNT(*) …` without parameters, for tests that check what was kept.
///
/// # Errors
/// A database error.
pub async fn count(store: &Store, sql: &str) -> Result<i64, StoreError> {
    let sql = sql.to_owned();
    Ok(with_pool!(store, pool => {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await?
    }))
}

#[expect(clippy::expect_used, reason = "test setup fails loudly")]
/// A team campaign on the organization's first framework (the default one is added when
/// missing) with `n` staff stories told on
/// 2026-10-20; even stories blend two logics, odd ones are pure rules. Returns the campaign and
/// the story ids.
///
/// # Panics
/// When the database refuses the writes — a broken test setup.
pub async fn campaign_with_stories(
    store: &Store,
    org: tandem_domain::Id<tandem_domain::organization::Organization>,
    team: tandem_domain::Id<tandem_domain::staff::Team>,
    by: tandem_domain::Id<tandem_domain::staff::User>,
    n: usize,
) -> (
    tandem_domain::Id<tandem_domain::policy::Campaign>,
    Vec<tandem_domain::Id<crate::stories::Story>>,
) {
    use crate::stories::campaigns::NewCampaign;
    use crate::stories::write::NewStory;
    use tandem_domain::answer::Answer;
    use tandem_domain::story::campaign::{Audience, CampaignDetails};
    use tandem_domain::story::{Answers, Teller};
    use time::macros::date;
    let text = |s: &str| tandem_domain::PlainText::parse(s, 4000).expect("text");
    let now = time::macros::datetime!(2026-11-02 10:00 UTC);
    store
        .ensure_default_framework(org, now)
        .await
        .expect("the default framework");
    let framework = store.frameworks(org).await.expect("frameworks")[0].id;
    let details = CampaignDetails {
        title: text("Pulse"),
        prompt: text("What happened?"),
        audience: Audience::Team,
        consent_text: None,
        opens_on: date!(2026 - 01 - 01),
        closes_on: date!(2026 - 12 - 31),
        returns_stories: false,
    };
    let mut tx = store.begin().await.expect("tx");
    let campaign = tx
        .insert_campaign(
            org,
            &NewCampaign {
                details: &details,
                framework_id: framework,
                team_id: Some(team),
                link: None,
                course_ids: &[],
                created_by: by,
            },
            now,
        )
        .await
        .expect("campaign");
    // Even stories blend two logics, odd ones are pure rules (the dilemma filter's candidates).
    let blend: Answers = vec![("T1".to_owned(), Answer::Triad([0.5, 0.0, 0.5]))];
    let pure: Answers = vec![("T1".to_owned(), Answer::Triad([0.9, 0.05, 0.05]))];
    let bodies: Vec<String> = (0..n)
        .map(|i| format!("Story {i}: {} netværksmøde", "ord ".repeat(100)))
        .collect();
    let stories: Vec<NewStory<'_>> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| NewStory {
            campaign_id: campaign,
            framework_id: framework,
            teller: Teller::Staff,
            author_id: None,
            citizen_account_id: None,
            teller_key: None,
            title: None,
            body,
            collected_on: date!(2026 - 10 - 20),
            consent_given: true,
            redacted: false,
            answers: if i % 2 == 0 { &blend } else { &pure },
            annotations: &[],
        })
        .collect();
    let ids = tx
        .insert_stories(org, &stories, now)
        .await
        .expect("stories");
    tx.commit().await.expect("commit");
    (campaign, ids)
}

/// A network member of the given name, a strong family relation with full consent.
///
/// # Panics
/// Never for a name of up to 100 characters.
#[must_use]
#[expect(clippy::expect_used, reason = "test setup fails loudly")]
pub fn member_details(name: &str) -> tandem_domain::course::network::MemberDetails {
    use tandem_domain::course::kinds::{Direction, NetworkRole, Sector, Strength};
    use tandem_domain::course::network::{ConsentScope, MemberDetails};
    let text = |s: &str| tandem_domain::PlainText::parse(s, 100).expect("a valid text");
    MemberDetails {
        name: text(name),
        sector: Sector::Family,
        relation: text("grandmother"),
        strength: Strength::Strong,
        stressful: false,
        direction: Direction::ToYoungPerson,
        roles: vec![NetworkRole::SafetyPerson],
        birth_date: None,
        consent: ConsentScope {
            goals: true,
            steps: true,
            meetings: true,
        },
        consent_given_by: Some(text("Mia")),
    }
}

/// A network meeting held on `held_on` with the young person there, and nothing else said.
#[must_use]
pub fn held_meeting(held_on: time::Date) -> tandem_domain::course::work::MeetingDetails {
    tandem_domain::course::work::MeetingDetails {
        kind: tandem_domain::course::kinds::MeetingKind::NetworkMeeting,
        held_on,
        held: true,
        young_person_present: true,
        views_own_words: None,
        chair: None,
        private_family_time: false,
        support_person_present: false,
        outcomes: None,
        minutes: None,
        minutes_shared: false,
        next_meeting: None,
    }
}
